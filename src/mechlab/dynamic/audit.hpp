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

// Where the optimal coalition strategy first departs from the truth: the
// period, the previous reported profile, the members' true types (a cell of
// Θ_t), the members' reports (a cell of Θ_t: the reported profile), its
// probability under the optimal play, and the gain in the objective
// conditional on reaching it.
template <class T>
struct Deviation {
  std::size_t t = 0;
  std::size_t previous = 0;  // θ̂_{t-1}, a cell of Θ_{t-1}
  std::size_t truth = 0;     // θ_t, a cell of Θ_t (outsiders' entries as reported)
  std::size_t report = 0;    // θ̂_t, a cell of Θ_t
  T probability = T(0);
  T gain = T(0);
};

template <class T>
struct CoalitionResult {
  CoalitionQuery query;
  T value = T(0);                         // optimal E Σ_{j∈objective} U^j
  T truthful = T(0);                      // the same under truth-telling
  T gain = T(0);                          // value − truthful (≤ 0 when minimising)
  std::optional<Deviation<T>> deviation;  // nullopt when truth is optimal
};

// Refuses (InputError "/periods") when Σ_t |Θ_t| · |Θ_t^L| exceeds
// `max_states`, naming the size and the limit.
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
  bool ex_post = true;    // Σ_i y_t^i(p, c) = 0 on every reachable (t, p, c)
  std::size_t pairs = 0;  // reachable (t, p, c) checked
  std::optional<std::size_t> t, previous, current;  // worst pair when not
  T worst = T(0);                                   // Σ_i y there
  T ex_ante = T(0);                                 // E Σ_t Σ_i y_t^i under truth
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

template <class T>
AuditReport<T> audit(const Problem<T>& problem, const Efficient<T>& efficient,
                     const TransferRule<T>& rule, const AuditOptions& options = {},
                     Progress* progress = nullptr);

}  // namespace mechlab::dynamic
