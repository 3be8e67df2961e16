// A9 of 004 §3.9: property audits of any transfer rule, each with its witness.
//
// The workhorse is the coalition MDP (base information structure, outsiders
// truthful): a coalition L chooses its members' reports from their true types
// and the public history to maximise (or minimise) the total utility of an
// objective set of agents. Its post-report state in period t is (θ̂_t, θ_t^L).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "mechlab/core/progress.hpp"
#include "mechlab/core/rational.hpp"
#include "mechlab/dynamic/efficient.hpp"
#include "mechlab/dynamic/model.hpp"
#include "mechlab/dynamic/transfers.hpp"

namespace mechlab::dynamic {

struct CoalitionQuery {
  std::vector<std::size_t> members;    // L, agents 0..N-1
  std::vector<std::size_t> objective;  // whose utility is optimised; empty: L
  bool minimise = false;               // the guarantee test: L = I∖{i} minimises i's utility
  // Periodic ex post IC: members see the outsiders' current true types
  // before reporting.
  bool see_outsiders = false;
};

// Where the optimal coalition strategy first departs from the truth with a
// strict gain: among the nodes reached with positive probability under the
// optimal play, the earliest period, then the most probable realised profile
// (ties: the smallest (previous, truth, report)). `truth` is the realised
// profile θ_t (outsiders' entries are their true = reported types) and
// `report` the reported profile θ̂_t. In the base information structure the
// members do not see the outsiders' current types, so the same report is
// made for every outsider realisation; `gain` is the expected gain at the
// members' information set (their types, θ_t^0, θ̂_{t-1}, and the outsiders'
// types when see_outsiders): the optimal report's value minus the truthful
// report's, both followed by the optimal play. It has the sign of
// CoalitionResult::gain (negative when minimising).
template <class T>
struct Deviation {
  std::size_t t = 0;
  std::size_t previous = 0;  // θ̂_{t-1}, a cell of Θ_{t-1}
  std::size_t truth = 0;     // θ_t, a cell of Θ_t
  std::size_t report = 0;    // θ̂_t, a cell of Θ_t
  T probability = T(0);      // of reaching (previous, truth) under the optimal play
  T gain = T(0);
};

template <class T>
struct CoalitionResult {
  CoalitionQuery query;
  T value = T(0);                         // optimal E Σ_{j∈objective} U^j
  T truthful = T(0);                      // the same under truth-telling
  T gain = T(0);                          // value − truthful (≤ 0 when minimising)
  std::optional<Deviation<T>> deviation;  // nullopt when truth is optimal
  // The coalition's strategy where it departs from the truth: every node
  // reached under the optimal play with a strict gain from lying, in period
  // order (the first kListedLies of them; `lie_count` counts all).
  std::vector<Deviation<T>> lies;
  std::size_t lie_count = 0;
};

inline constexpr std::size_t kListedLies = 1000;

// Backward induction over the post-report states (θ̂_t, θ_t^L) (spec §3.9);
// ties prefer the truthful report, so a zero gain gives no deviation. The
// rule is called once per (t, p, c) pair needed. Refuses (InputError
// "/periods") before allocating when Σ_t |Θ_t| · |Θ_t^L| exceeds `max_states`,
// naming the count and the limit; InputError "/coalition/..." for members or
// objective agents out of range or repeated. Calls progress->advance() once
// per reported profile processed.
template <class T>
CoalitionResult<T> solve_coalition(const Problem<T>& problem, const Efficient<T>& efficient,
                                   const TransferRule<T>& rule, const CoalitionQuery& query,
                                   std::uint64_t max_states = 20'000'000,
                                   Progress* progress = nullptr);

struct AuditOptions {
  // Coalitions to test; empty: every L with |L| >= 2 when N <= 6, none beyond.
  std::vector<std::vector<std::size_t>> coalitions;
  std::uint64_t max_states = 20'000'000;
  // Outside options for ex ante IR (empty: 0 for everyone).
  std::vector<Rational> outside_options;
};

template <class T>
struct BudgetFinding {
  // Σ_i y_t^i(p, c) = 0 on every (t, p, c) with p ∈ Θ_{t-1} and c ∈ Θ_t whose
  // public label has positive probability under μ^0(· | p^0, χ_{t-1}(p)).
  bool ex_post = true;
  std::size_t pairs = 0;                            // (t, p, c) checked
  std::optional<std::size_t> t, previous, current;  // worst pair when not
  T worst = T(0);    // Σ_i y at the pair with the largest |Σ_i y| (0 when balanced)
  T ex_ante = T(0);  // E Σ_t Σ_i y_t^i under truth
};

template <class T>
struct AuditReport {
  std::vector<T> guarantees;  // C^i
  std::vector<T> truthful;    // E U^i under truth
  BudgetFinding<T> budget;
  std::vector<CoalitionResult<T>> bic;         // L = {i}, one per agent
  std::vector<CoalitionResult<T>> ex_post_ic;  // L = {i}, see_outsiders
  std::vector<CoalitionResult<T>> coalitions;  // |L| >= 2
  std::vector<CoalitionResult<T>> worst_case;  // L = I∖{i} minimising U^i (N >= 2)
  // Ex ante IR: balancing constants c (Σ c = 0) with truthful_i + c_i >=
  // outside_i, when Σ truthful >= Σ outside.
  std::optional<std::vector<T>> ir_constants;
  T variance_total = T(0);  // Σ_i Var(Σ_t y_t^i) under truth
};

// Every check above on one rule. The rule's transfers are remembered per
// (t, p, c), so the MDPs share one table. With a Progress, starts the phases
// "dynamic audit: budget", "...: incentives", "...: coalitions", "...: worst
// case". InputError "/coalitions/m" for a bad given coalition,
// "/outside_options" for a wrong count.
template <class T>
AuditReport<T> audit(const Problem<T>& problem, const Efficient<T>& efficient,
                     const TransferRule<T>& rule, const AuditOptions& options = {},
                     Progress* progress = nullptr);

extern template CoalitionResult<Rational> solve_coalition(const Problem<Rational>&,
                                                          const Efficient<Rational>&,
                                                          const TransferRule<Rational>&,
                                                          const CoalitionQuery&, std::uint64_t,
                                                          Progress*);
extern template AuditReport<Rational> audit(const Problem<Rational>&, const Efficient<Rational>&,
                                            const TransferRule<Rational>&, const AuditOptions&,
                                            Progress*);
extern template CoalitionResult<double> solve_coalition(const Problem<double>&,
                                                        const Efficient<double>&,
                                                        const TransferRule<double>&,
                                                        const CoalitionQuery&, std::uint64_t,
                                                        Progress*);
extern template AuditReport<double> audit(const Problem<double>&, const Efficient<double>&,
                                          const TransferRule<double>&, const AuditOptions&,
                                          Progress*);

}  // namespace mechlab::dynamic
