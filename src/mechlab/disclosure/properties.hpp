// Full-effort sets, dominance between protocols and the propositions'
// predicates (002 spec §3.8–3.9, Propositions 3–6, Observation 1).
//
// FE(D) = ∪_{d ∈ Eq(D)} fe(d) with fe(d) = (0, G_1(d)] × … × (0, G_N(d)] is a
// union of boxes anchored at 0, so it is represented exactly by its
// Pareto-maximal gain vectors with every component > 0, and D ⪰ D' (FE(D') ⊆
// FE(D)) is a finite comparison of vectors.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "mechlab/core/progress.hpp"
#include "mechlab/core/rational.hpp"
#include "mechlab/core/rng.hpp"
#include "mechlab/disclosure/effort.hpp"
#include "mechlab/disclosure/equilibria.hpp"
#include "mechlab/disclosure/protocol.hpp"

namespace mechlab::disclosure {

// all_equilibria: the paper's FE(D) (fn. 20: every equilibrium, FD included).
// refined: only equilibria consistent with deliberation (Theorem 2): partial
// classes, plus full disclosure only when D is not RMC (spec Z10).
enum class FullEffortVariant { all_equilibria, refined };

// One gain vector G(d) (Theorem 3) and where it comes from.
template <class T>
struct GainVector {
  std::vector<T> gain;
  std::size_t equilibrium = 0;  // index into FullEffortSet::equilibria
  DisclosureKind kind = DisclosureKind::full;
  // For an endpoint of a one-mixer family: the mixing probability there.
  std::optional<T> alpha;
};

template <class T>
struct FullEffortSet {
  Protocol protocol;
  FullEffortVariant variant = FullEffortVariant::all_equilibria;
  std::vector<Equilibrium<T>> equilibria;  // all_equilibria(F(·; e_N), D)
  std::vector<GainVector<T>> gains;        // every gain vector considered
  std::vector<GainVector<T>> maximal;      // Pareto-maximal, all components > 0
  // A one-mixer family contributes the gains at both ends of its mixing
  // interval (the closure of the family). That is exact when the gains are
  // affine in α with ordered ends (e.g. leader families): the whole segment
  // lies below one end. Otherwise (unordered or non-affine, or a two-mixer
  // family) `exact` is false and `note` names the family.
  bool exact = true;
  std::string note;
};

template <class T>
FullEffortSet<T> full_effort_set(const EffortTechnology<T>& technology, const Protocol& protocol,
                                 FullEffortVariant variant = FullEffortVariant::all_equilibria,
                                 Progress& progress = Progress::none(),
                                 const EquilibriumOptions& options = {});

// c ∈ FE(D): some maximal G has c ≤ G componentwise (and c ≫ 0).
template <class T>
bool admits(const FullEffortSet<T>& set, const std::vector<T>& costs);

// D ⪰ D' iff every maximal gain of D' is covered (≤) by a maximal gain of D;
// strictly iff moreover some maximal gain of D is not covered by D'.
template <class T>
struct Dominance {
  bool dominates = false;
  bool strict = false;
  std::optional<GainVector<T>> uncovered;  // when !dominates: a gain of D' that D lacks
  std::optional<GainVector<T>> surplus;    // when strict: a gain of D that D' lacks
};

template <class T>
Dominance<T> dominance(const FullEffortSet<T>& d, const FullEffortSet<T>& d_prime);

// Proposition 3's hypotheses (spec §3.9, with I = N): effort is productive
// (A3 for full effort: F(e_N) ≿_FOS F(e_{N∖i})), self-improving
// (F_{N∖i}(e_N) = F_{N∖i}(e_{N∖i}) and F_i(·|ω_{N∖i}; e_N) ≻_FOS
// F_i(·|ω_{N∖i}; e_{N∖i}) strictly for every ω_{N∖i}) or team-improving
// (F_i unchanged and F_{N∖i}(·|ω_i; e_N) ≻_FOS F_{N∖i}(·|ω_i; e_{N∖i})
// strictly for every ω_i). The `why_not_*` strings name the first member and
// condition that fails, with the margin.
template <class T>
struct EffortType {
  bool productive = false;
  bool self_improving = false;
  bool team_improving = false;
  std::string why_not_productive;
  std::string why_not_self_improving;
  std::string why_not_team_improving;
};

template <class T>
EffortType<T> effort_type(const EffortTechnology<T>& technology);

// Proposition 4: F_ε(·; e_N) = (1 − ε) F + ε G with the deviations fixed.
template <class T>
EffortTechnology<T> mixture_technology(const EffortTechnology<T>& base,
                                       const std::vector<T>& correlated, const T& epsilon);

// ε̄ of Proposition 4 through its Lemma 4 equilibrium d_ε(ω) = D'(1[ω_i >
// ω̲_i]): its gain for member i exceeds ΔE_i (the unilateral protocol's only
// gain) iff E_ε[ω_i | ND] < E[ω_i | ND; e_{N∖i}], an affine inequality in ε
// after clearing P_ε(ND). ε̄ is the smallest ε beyond which that holds for
// some member; none when no member crosses in [0, 1).
template <class T>
struct Prop4Threshold {
  std::optional<T> epsilon_bar;
  std::size_t member = 0;  // the member whose gain crosses first
  std::vector<T> target;   // E[ω_i | ND; e_{N∖i}] under d (independent of ε)
};

template <class T>
Prop4Threshold<T> prop4_epsilon_bar(const EffortTechnology<T>& base,
                                    const std::vector<T>& correlated, const Protocol& protocol);

// Proposition 5's sufficient condition for leader i:
// E[ω_j | ω̲_i; e_N] < E[ω_j | ω̲_i; e_{N∖j}] for every j ≠ i.
template <class T>
struct Prop5Condition {
  bool holds = false;
  std::vector<T> mean_full;            // E[ω_j | ω_i = ω̲_i; e_N] (entry i unused: 0)
  std::vector<T> mean_shirk;           // E[ω_j | ω_i = ω̲_i; e_{N∖j}]
  std::optional<std::size_t> failing;  // the first j where it fails
};

template <class T>
Prop5Condition<T> prop5_effective_leader(const EffortTechnology<T>& technology, std::size_t leader);

// Proposition 6's cases for the §4.3 model: each requires the other
// parameters exactly unchanged by i's shirking.
enum class Prop6Case {
  team_improving,         // (i): qj0 < q1; qi0 = q1, qT0 = qT1, p0 = p1
  correlation_improving,  // (ii): p0 < p1; qi0 = qj0 = q1, qT0 = qT1
  self_improving,         // (iii): qi0 < q1; qj0 = q1, qT0 = qT1, p0 = p1
  common_improving,       // (iv): qT0 < qT1; qi0 = qj0 = q1, p0 = p1
  none
};

const char* prop6_case_text(Prop6Case c);

Prop6Case prop6_case(const BinaryEffortModel& model);

// The predicted sign pattern on G_K (k_majority_gains): cases (i), (ii):
// G_K > G_1 for all K >= 2; (iii), (iv): G_K <= G_1. `violation` is the first
// K (1-based) that breaks it.
struct Prop6Check {
  Prop6Case which = Prop6Case::none;
  std::vector<Rational> gains;  // G_1..G_N
  bool holds = true;            // vacuous for Prop6Case::none
  std::optional<std::size_t> violation;
};

Prop6Check prop6_check(const BinaryEffortModel& model);

// A seeded draw in case `which` (not none) for `members` members: p1, qT1, q1
// uniform on {1..99}/100, the shirker's parameters equal to them except the
// one the case moves, which is multiplied by another such draw.
BinaryEffortModel random_prop6_model(Rng& rng, Prop6Case which, std::size_t members);

// Binary outcomes (Proposition 2): the least-disclosure rule d_D(ω) =
// D(1_{H(ω)}, 0_{L(ω)}) over Ω. InputError "/outcomes" unless every |Ω_i| = 2.
template <class T>
std::vector<T> least_disclosure_rule(const Team<T>& team, const Protocol& protocol);

// Observation 1: outcomes perfectly correlated, ω = (v_{1,k}, …, v_{N,k}) with
// probability f_k (k = 0..m−1, every Ω_i of size m). The full-support search
// does not apply, so the equilibria on the diagonal are enumerated here over
// every threshold profile with at most one mixer (Proposition 1), each checked
// against Definition 1 on the support. Returns the distinct rules d over the
// diagonal (entry k = d at outcome k).
template <class T>
std::vector<std::vector<T>> correlated_equilibrium_rules(const std::vector<std::vector<T>>& values,
                                                         const std::vector<T>& diagonal,
                                                         const Protocol& protocol);

extern template FullEffortSet<Rational> full_effort_set(const EffortTechnology<Rational>&,
                                                        const Protocol&, FullEffortVariant,
                                                        Progress&, const EquilibriumOptions&);
extern template FullEffortSet<double> full_effort_set(const EffortTechnology<double>&,
                                                      const Protocol&, FullEffortVariant, Progress&,
                                                      const EquilibriumOptions&);
extern template bool admits(const FullEffortSet<Rational>&, const std::vector<Rational>&);
extern template bool admits(const FullEffortSet<double>&, const std::vector<double>&);
extern template Dominance<Rational> dominance(const FullEffortSet<Rational>&,
                                              const FullEffortSet<Rational>&);
extern template Dominance<double> dominance(const FullEffortSet<double>&,
                                            const FullEffortSet<double>&);
extern template EffortType<Rational> effort_type(const EffortTechnology<Rational>&);
extern template EffortType<double> effort_type(const EffortTechnology<double>&);
extern template EffortTechnology<Rational> mixture_technology(const EffortTechnology<Rational>&,
                                                              const std::vector<Rational>&,
                                                              const Rational&);
extern template EffortTechnology<double> mixture_technology(const EffortTechnology<double>&,
                                                            const std::vector<double>&,
                                                            const double&);
extern template Prop4Threshold<Rational> prop4_epsilon_bar(const EffortTechnology<Rational>&,
                                                           const std::vector<Rational>&,
                                                           const Protocol&);
extern template Prop4Threshold<double> prop4_epsilon_bar(const EffortTechnology<double>&,
                                                         const std::vector<double>&,
                                                         const Protocol&);
extern template Prop5Condition<Rational> prop5_effective_leader(const EffortTechnology<Rational>&,
                                                                std::size_t);
extern template Prop5Condition<double> prop5_effective_leader(const EffortTechnology<double>&,
                                                              std::size_t);
extern template std::vector<Rational> least_disclosure_rule(const Team<Rational>&, const Protocol&);
extern template std::vector<double> least_disclosure_rule(const Team<double>&, const Protocol&);
extern template std::vector<std::vector<Rational>> correlated_equilibrium_rules(
    const std::vector<std::vector<Rational>>&, const std::vector<Rational>&, const Protocol&);
extern template std::vector<std::vector<double>> correlated_equilibrium_rules(
    const std::vector<std::vector<double>>&, const std::vector<double>&, const Protocol&);

}  // namespace mechlab::disclosure
