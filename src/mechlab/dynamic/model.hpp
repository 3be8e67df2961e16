// Finite Markov environments with private values (004 §1.2, §2).
//
// Agents i = 0..N-1 (the paper's 1..N) and periods t = 0..T. In period t the
// state is a profile θ_t = (θ^0, θ^1, ..., θ^N) where component k = 0 is the
// public state (one label "-" when unused) and component k = i + 1 is agent
// i's private type. X_t is the decision set, listed in tie-break order (the
// first maximiser wins). Payoffs u_t^i(θ^i, x) depend on the agent's own type
// only; transitions factorise (eq. 1): μ_t(θ'|θ, x) = μ_t^0(θ'^0|θ^0, x) ·
// Π_i μ_t^i(θ'^i|θ^0, θ^i, x). θ_0 is fixed and common knowledge.
//
// Everything here is plain data; Problem<T> adds the per-period state spaces.
//
// Reachable states. prepare() keeps, for each period t, the public labels
// that have positive probability from θ_0 (period 0: θ_0's labels; period
// t + 1: the labels b with μ_t^0(b | θ^0, x) > 0 for some kept θ^0 and some
// decision x). Agents' labels are kept in full for t >= 1: any label is a
// possible report (a lie may name a type no true type reaches, as the spec's
// off-support reports do), so the mechanisms' values are needed there. With
// PrepareOptions::reachable_types_only the agents' label sets are pruned the
// same way (the truthful benchmark: reports are then restricted to reachable
// labels). Either way the state space is a product box containing every
// state reachable under any policy, the product form that the mode-wise
// contractions need is kept, and values at reachable states are unchanged.
// Labels keep their names; cells number the kept labels only.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "mechlab/core/index_space.hpp"
#include "mechlab/core/rational.hpp"

namespace mechlab::dynamic {

struct Period {
  // types[k] for k = 0..N: labels of the public state (k = 0) and of agent
  // k-1's types in this period.
  std::vector<std::vector<std::string>> types;
  std::vector<std::string> decisions;  // X_t, in tie-break order (first wins)
};

// The transition from period t to t + 1, as dense rows over the labels of
// period t + 1.
template <class T>
struct Kernel {
  // μ_t^0(· | θ^0, x) at public_rows[θ^0·|X_t| + x].
  std::vector<std::vector<T>> public_rows;
  // μ_t^i(· | θ^0, θ^i, x) at agents[i][(θ^0·|Θ_t^i| + θ^i)·|X_t| + x].
  std::vector<std::vector<std::vector<T>>> agents;
};

template <class T>
struct Environment {
  std::vector<std::string> agents;  // N names
  std::vector<Period> periods;      // t = 0..T
  // u_t^i(θ^i, x) at payoffs[t][i][θ^i·|X_t| + x].
  std::vector<std::vector<std::vector<T>>> payoffs;
  std::vector<Kernel<T>> kernels;  // t = 0..T-1
  // θ_0: a label position for each component k = 0..N of period 0.
  std::vector<std::size_t> theta0;
  // GUM processing order: a permutation of the agents 0..N-1 (empty: 0, 1, ...).
  // The public state is always processed first.
  std::vector<std::size_t> order;
};

// Throws InputError with a JSON pointer in the model file's layout
// ("/kernels/2/agents/1/5/0", "/payoffs/3/0", "/theta0/2", ...) unless the
// sizes agree, numbers are finite, kernel rows are non-negative and sum to 1
// (exactly for Rational, within 1e-12 for double), θ_0 lies in the period-0
// labels and the order is a permutation.
template <class T>
void validate(const Environment<T>& env);

// An environment with its state spaces. Build it with prepare().
template <class T>
struct Problem {
  Environment<T> env;
  // Θ_t = Θ_t^0 × Θ_t^1 × ... × Θ_t^N, coordinate 0 named "public" and
  // coordinate i + 1 named after agent i; cells row-major (public slowest).
  std::vector<IndexSpace> states;
  std::size_t theta0 = 0;          // θ_0 as a cell of states[0]
  std::vector<std::size_t> order;  // resolved GUM order
  // |Θ_t| of the environment as given, before keeping reachable labels only.
  std::vector<std::size_t> full_state_counts;
  // kept[t][k][a]: the position in the given environment of kept label a of
  // component k in period t.
  std::vector<std::vector<std::vector<std::size_t>>> kept;

  std::size_t agent_count() const { return env.agents.size(); }
  std::size_t horizon() const { return env.periods.size() - 1; }
  std::size_t decision_count(std::size_t t) const { return env.periods[t].decisions.size(); }
  std::size_t type_count(std::size_t t, std::size_t k) const {
    return env.periods[t].types[k].size();
  }
  const T& payoff(std::size_t t, std::size_t i, std::size_t type, std::size_t x) const {
    return env.payoffs[t][i][type * decision_count(t) + x];
  }
  // μ_t^k(· | θ^0, θ^k, x) over the labels of component k in period t + 1
  // (θ^k is ignored for k = 0).
  const std::vector<T>& kernel_row(std::size_t t, std::size_t k, std::size_t public_state,
                                   std::size_t type, std::size_t x) const;
  std::string state_name(std::size_t t, std::size_t cell) const {
    return states[t].cell_name(cell);
  }
};

struct PrepareOptions {
  // Also drop agents' labels that no true type reaches (see the top of this file).
  bool reachable_types_only = false;
};

// validate(env), then the reachable box of every period (see the top of this
// file) as a pruned environment, then the state spaces.
template <class T>
Problem<T> prepare(Environment<T> env, const PrepareOptions& options = {});

// The labels of the box, kept[t][k] as positions in env (ascending).
template <class T>
std::vector<std::vector<std::vector<std::size_t>>> reachable_labels(
    const Environment<T>& env, const PrepareOptions& options = {});

extern template void validate(const Environment<Rational>&);
extern template void validate(const Environment<double>&);
extern template Problem<Rational> prepare(Environment<Rational>, const PrepareOptions&);
extern template Problem<double> prepare(Environment<double>, const PrepareOptions&);
extern template std::vector<std::vector<std::vector<std::size_t>>> reachable_labels(
    const Environment<Rational>&, const PrepareOptions&);
extern template std::vector<std::vector<std::vector<std::size_t>>> reachable_labels(
    const Environment<double>&, const PrepareOptions&);
extern template struct Problem<Rational>;
extern template struct Problem<double>;

}  // namespace mechlab::dynamic
