// Text and JSON renderers for the alliance family (`mechlab alliance
// solve|design|invest`; the region grid renders itself, region.hpp). JSON
// numbers follow io/output.hpp ({"exact": "p/q", "decimal": x}, or
// {"decimal": x} with --float); text prints exact fractions, with ten
// significant digits beside long ones. Each report is a plain struct the
// command fills from the library, so the renderers are tested on hand-built
// results. Theorem 2's verdict is always labelled "paper condition" and A5's
// "exact" (spec §3.6), and their disagreement is reported as an erratum.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "mechlab/alliance/capacity.hpp"
#include "mechlab/alliance/commitment.hpp"
#include "mechlab/alliance/design.hpp"
#include "mechlab/alliance/io.hpp"
#include "mechlab/alliance/model.hpp"
#include "mechlab/alliance/partial.hpp"
#include "mechlab/alliance/truth.hpp"
#include "mechlab/alliance/unconstrained.hpp"
#include "mechlab/core/rational.hpp"

namespace mechlab::alliance {

// A rendered section: both forms, so that a caller can splice it into either.
// clang-tidy 14 cannot see that the implicit moves of these members do not throw.
struct Rendered {  // NOLINT(bugprone-exception-escape)
  nlohmann::json json;
  std::string text;
};

// ---- solve -----------------------------------------------------------------

// The model (η, D, β, Avg b, b_d, the sorted copy, b̃_i, c_i, types, bounds,
// warnings), x*(k) for k = 0..n with binding bounds (from `revelation.exact`),
// Theorem 2's test beside A5's verdict and its certificate.
template <class T>
struct SolveReport {
  AllianceModel<T> model;
  Derived<T> derived;
  FullRevelation<T> revelation;
};

template <class T>
SolveReport<T> solve_report(const AllianceModel<T>& model, Progress& progress = Progress::none());

template <class T>
nlohmann::json solve_json(const SolveReport<T>& report);
template <class T>
std::string solve_text(const SolveReport<T>& report);

template <class T>
using Theorem1Policies = std::vector<UnconstrainedPolicy<T>>;

// The file's "truthful" set T ≠ N: Theorem 1's unconstrained policy
// (bounds ignored) for k = 0..t ones among the t truthful messages.
template <class T>
Theorem1Policies<T> theorem1_policies(const Alliance<T>& alliance,
                                      const std::vector<bool>& truthful);

// The "truthful set" section of `mechlab alliance solve` for the file's
// truthful set T ≠ N: Theorem 1's unconstrained policy (keys "theorem1"),
// then the continuation with the policy bounds (partial_continuation for
// k = 0..t: the truthful actions, the babblers' x_j(0) / x_j(1), the binding
// bounds; "constrained") and verify_truthful_set's verdict with its
// certificate (the worst truthful player and signal, its gain, the per-count
// breakdown and the deviation witness; "verdict"). `check` is
// verify_truthful_set for the same T.
template <class T>
Rendered render_truthful_set(const AllianceModel<T>& model, const Theorem1Policies<T>& theorem1,
                             const TruthfulSetCheck<T>& check);

// `mechlab alliance solve --all-sets`: classify_truthful_sets' result. Text
// lists the equilibrium sets by name when there are at most
// kListedTruthfulSets of them (else their count by size); JSON lists every
// equilibrium set as an array of player names.
inline constexpr std::size_t kListedTruthfulSets = 64;

template <class T>
Rendered render_truthful_sets(const AllianceModel<T>& model,
                              const TruthfulSetClassification& classification);

// ---- design ----------------------------------------------------------------

// Spec §3.7 (A6) for the file's alliance: Prop. 1's n̄ for its spread, the L2
// feasible sizes for its extremes, Lemma 2's η̄ for its n, Lemma 1's test and
// the exact admissible entrant interval, and eq. (5) vs Theorem 2 vs A5.
template <class T>
struct DesignReport {
  AllianceModel<T> model;
  T spread;                                 // b_d
  T mean_bias;                              // Avg b
  std::optional<std::size_t> max_size;      // Prop. 1 (none: b_d = 0, unbounded)
  std::vector<std::size_t> feasible_sizes;  // L2 (empty when b_d = 0)
  std::optional<T> max_interdependence;     // Lemma 2 (none: no η ∈ (0,1) works, or b_d = 0)
  // L2's largest η for the file's extremes (middle biases free) and for its
  // full bias vector; only when b_d > 0.
  std::optional<MaxInterdependence<T>> l2_extremes;
  std::optional<MaxInterdependence<T>> l2_vector;
  InterdependenceScan<T> l3_eta;  // L3: A5's largest η for these biases, [0,1] sets
  EntrySet<T> l3_entry;           // L3: the entrant biases A5 admits
  bool lemma1_blocks = false;     // Lemma 1's sufficient test for "no entrant"
  Interval<T> entry;              // the exact admissible entrant biases
  FullRevelation<T> revelation;
};

template <class T>
DesignReport<T> design_report(const AllianceModel<T>& model, Progress& progress = Progress::none());

template <class T>
nlohmann::json design_json(const DesignReport<T>& report);
template <class T>
std::string design_text(const DesignReport<T>& report);

// ---- invest ----------------------------------------------------------------

// Spec §3.8 (A7) at cost c: Prop. 2's (q̄, y, R̄_i) with the corrected
// formulas, the MB table and MB_0, ỹ, Σ R̄, Prop. 3 beside the exact welfare
// on [0, R̄_i], A5 on those boxes and investment_check on them: each player's
// exact best capacity (i) under truthful continuation and (ii) among the
// capacities A5 certifies, with the kinks as the certificate.
template <class T>
struct InvestReport {
  AllianceModel<T> model;
  T cost;
  std::vector<T> marginal_benefits;  // MB_0..MB_n (also when no equilibrium exists)
  Commitment<T> commitment;          // exists = false: c > MB_0
  // Only when the equilibrium exists and every R̄_i >= 0 (boxes [0, R̄_i]).
  std::optional<std::vector<T>> exact_welfare;
  std::optional<TruthTelling<T>> committed;
  std::optional<InvestmentCheck<T>> check;  // on the boxes [0, R̄_i], when they exist
};

template <class T>
InvestReport<T> invest_report(const AllianceModel<T>& model, const T& cost,
                              Progress& progress = Progress::none());

template <class T>
nlohmann::json invest_json(const InvestReport<T>& report);
template <class T>
std::string invest_text(const InvestReport<T>& report);

#define MECHLAB_ALLIANCE_REPORT_EXTERN(T)                                                      \
  extern template SolveReport<T> solve_report(const AllianceModel<T>&, Progress&);             \
  extern template nlohmann::json solve_json(const SolveReport<T>&);                            \
  extern template std::string solve_text(const SolveReport<T>&);                               \
  extern template Theorem1Policies<T> theorem1_policies(const Alliance<T>&,                    \
                                                        const std::vector<bool>&);             \
  extern template Rendered render_truthful_set(                                                \
      const AllianceModel<T>&, const Theorem1Policies<T>&, const TruthfulSetCheck<T>&);        \
  extern template Rendered render_truthful_sets(const AllianceModel<T>&,                       \
                                                const TruthfulSetClassification&);             \
  extern template DesignReport<T> design_report(const AllianceModel<T>&, Progress&);           \
  extern template nlohmann::json design_json(const DesignReport<T>&);                          \
  extern template std::string design_text(const DesignReport<T>&);                             \
  extern template InvestReport<T> invest_report(const AllianceModel<T>&, const T&, Progress&); \
  extern template nlohmann::json invest_json(const InvestReport<T>&);                          \
  extern template std::string invest_text(const InvestReport<T>&);
MECHLAB_ALLIANCE_REPORT_EXTERN(Rational)
MECHLAB_ALLIANCE_REPORT_EXTERN(double)
#undef MECHLAB_ALLIANCE_REPORT_EXTERN

}  // namespace mechlab::alliance
