// A2 (spec §3.3): Theorem 1's unconstrained continuation (x_i ∈ ℝ, the
// policy bounds are ignored) for any truthful set T ⊆ N, t = |T|, given k ones
// among the t truthful messages. With E = (k+1)/(t+2) and h(t) = (2 + t(1−η))/D:
//   truthful i:           x̄_i = E + c_i,
//   babbling j, s_j = 0:  x̄_j(0) = E + c_j − E/(1+h),
//   babbling j, s_j = 1:  x̄_j(1) = E + c_j + (1−E)/(1+h),
// with c_i the effective bias of the whole alliance. The paper's Theorem 1
// writes b_i, b̃_i for player j in the babbling lines (erratum 13); the
// general K_1 printed in A.2 is wrong (erratum 12) — the final form above is
// right, and unconstrained_policy_by_foc() checks it against the first-order
// conditions (eqs. 13–15) solved by Gaussian elimination.
#pragma once

#include <array>
#include <cstddef>
#include <vector>

#include "mechlab/alliance/model.hpp"
#include "mechlab/core/rational.hpp"

namespace mechlab::alliance {

template <class T>
struct UnconstrainedPolicy {
  std::vector<bool> truthful;  // T as one flag per player
  std::size_t truthful_count = 0;
  std::size_t ones = 0;  // k among the truthful messages
  T mean;                // E = (k+1)/(t+2)
  T h;                   // h(t) = (2 + t(1−η))/D
  // action[i][s]: player i's action when its own signal is s. A truthful
  // player's signal is already in k, so both entries are equal.
  std::vector<std::array<T, 2>> action;
};

// Theorem 1's closed forms. InputError "/truthful" when the flags are not one
// per player; InternalError when k > t. Corollary 1 is truthful = all, where
// x̄_i = E_k + c_i.
template <class T>
UnconstrainedPolicy<T> unconstrained_policy(const Alliance<T>& alliance,
                                            const std::vector<bool>& truthful, std::size_t k);

// The same object from the t + 2(n−t) linear first-order conditions, solved
// exactly (Rational) or with partial pivoting (double):
//   truthful i: x_i + η[Σ_{T∖i} x_l + Σ_{j∈B}((1−E)x_j(0) + E x_j(1))] = D(b_i + E),
//   babbling j with s, e_s = (k+s+1)/(t+3):
//     x_j(s) + η[Σ_T x_l + Σ_{B∖j}((1−e_s)x_l(0) + e_s x_l(1))] = D(b_j + e_s).
template <class T>
UnconstrainedPolicy<T> unconstrained_policy_by_foc(const Alliance<T>& alliance,
                                                   const std::vector<bool>& truthful,
                                                   std::size_t k);

extern template UnconstrainedPolicy<Rational> unconstrained_policy(const Alliance<Rational>&,
                                                                   const std::vector<bool>&,
                                                                   std::size_t);
extern template UnconstrainedPolicy<double> unconstrained_policy(const Alliance<double>&,
                                                                 const std::vector<bool>&,
                                                                 std::size_t);
extern template UnconstrainedPolicy<Rational> unconstrained_policy_by_foc(const Alliance<Rational>&,
                                                                          const std::vector<bool>&,
                                                                          std::size_t);
extern template UnconstrainedPolicy<double> unconstrained_policy_by_foc(const Alliance<double>&,
                                                                        const std::vector<bool>&,
                                                                        std::size_t);

}  // namespace mechlab::alliance
