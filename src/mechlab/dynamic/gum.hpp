// A3 and A4 of 004 §3.3–3.4: partial-update expectations and the Guaranteed
// Utility Mechanism's transfers for one period.
//
// For t >= 1, p is the previous reported profile θ̂_{t-1} (a cell of Θ_{t-1},
// so x_{t-1} = χ_{t-1}(p)) and c the current reported profile (a cell of Θ_t).
// Transfers depend on (t, p, c) only (004 §2, "mechanism state is Markov").
#pragma once

#include <cstddef>
#include <vector>

#include "mechlab/core/rational.hpp"
#include "mechlab/dynamic/efficient.hpp"
#include "mechlab/dynamic/model.hpp"

namespace mechlab::dynamic {

// G_t^j[S](p, c) = Σ_{θ^{-S}} Π_{k∉S} q_t^k(θ^k) · V_t^j(c^S, θ^{-S}), with
// q_t^k = μ_{t-1}^k(· | p^0, p^k, χ_{t-1}(p)). `updated` has N + 1 flags (S as a
// set of components, public state first). Returns the values for the agents
// j = 0..N-1 followed by the total surplus (V replaced by W) at index N.
// Fixing the components of S at c is a slice of V_t^j (what a contraction with
// unit vectors computes), so the cost is O((N+1)·|Θ_t| / Π_{k∈S} |Θ_t^k|).
template <class T>
std::vector<T> partial_expectation(const Problem<T>& problem, const Efficient<T>& efficient,
                                   std::size_t t, std::size_t p, std::size_t c,
                                   const std::vector<bool>& updated);

// G_t[S_m](p, c) for all the nested prefix sets of `order` (empty:
// problem.order) at once: row m + 1 is S_m, with S_{-1} = ∅, S_0 = {0} and
// S_m = {0, π(1..m)} (N + 2 rows, each as partial_expectation returns them).
// Row 0 is G[∅] = K_{t-1}(p) by definition (A2), read with continuation();
// its surplus entry is Σ_j K_{t-1}^j(p). The other rows are slices, so one
// call costs O((N+1)·|Θ_t|/|Θ_t^0|).
template <class T>
std::vector<std::vector<T>> prefix_expectations(const Problem<T>& problem,
                                                const Efficient<T>& efficient, std::size_t t,
                                                std::size_t p, std::size_t c,
                                                const std::vector<std::size_t>& order = {});

template <class T>
struct GumTransfer {
  // gamma[k][j] = γ_t^{k→j}: the change in agent j's anticipated payoff when
  // component k (0 the public state, i + 1 agent i) is updated in the order.
  std::vector<std::vector<T>> gamma;
  std::vector<T> y;        // y_t^i, paid to agent i
  std::vector<T> delta_w;  // ΔW_{t,i} = G^W[S_pos(i)] − G^W[S_pos(i)−1]
};

// y_t^i = Σ_{j≠i} (γ_t^{i→j} − γ_t^{j→i}) for the order `order` (a permutation
// of the agents; empty: problem.order). Also checks the closed form
// y_t^i = ΔW_{t,i} − (G_t^i[S_N] − G_t^i[S_0]) and the additivity
// Σ_k γ_t^{k→j} = V_t^j(c) − K_{t-1}^j(p); throws InternalError if either fails.
// Uses prefix_expectations: O((N+1)·|Θ_t|/|Θ_t^0|) per call.
template <class T>
GumTransfer<T> gum_transfer(const Problem<T>& problem, const Efficient<T>& efficient, std::size_t t,
                            std::size_t p, std::size_t c,
                            const std::vector<std::size_t>& order = {});

// Throws InternalError unless Σ_i y_t^i = 0 (exactly for Rational, within
// tolerance for double).
template <class T>
void check_budget_balance(const GumTransfer<T>& transfer);

extern template std::vector<Rational> partial_expectation(const Problem<Rational>&,
                                                          const Efficient<Rational>&, std::size_t,
                                                          std::size_t, std::size_t,
                                                          const std::vector<bool>&);
extern template std::vector<double> partial_expectation(const Problem<double>&,
                                                        const Efficient<double>&, std::size_t,
                                                        std::size_t, std::size_t,
                                                        const std::vector<bool>&);
extern template std::vector<std::vector<Rational>> prefix_expectations(
    const Problem<Rational>&, const Efficient<Rational>&, std::size_t, std::size_t, std::size_t,
    const std::vector<std::size_t>&);
extern template std::vector<std::vector<double>> prefix_expectations(
    const Problem<double>&, const Efficient<double>&, std::size_t, std::size_t, std::size_t,
    const std::vector<std::size_t>&);
extern template GumTransfer<Rational> gum_transfer(const Problem<Rational>&,
                                                   const Efficient<Rational>&, std::size_t,
                                                   std::size_t, std::size_t,
                                                   const std::vector<std::size_t>&);
extern template GumTransfer<double> gum_transfer(const Problem<double>&, const Efficient<double>&,
                                                 std::size_t, std::size_t, std::size_t,
                                                 const std::vector<std::size_t>&);
extern template void check_budget_balance(const GumTransfer<Rational>&);
extern template void check_budget_balance(const GumTransfer<double>&);

}  // namespace mechlab::dynamic
