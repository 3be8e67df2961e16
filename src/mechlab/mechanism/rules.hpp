// Built-in mechanisms: efficient choice, VCG / generalized VCG (Clarke pivot on
// interim values, 003 §5.1), AGV / expected externality (004 §3.5, eqs. 79–81),
// and augmentation by non-negative rewards (003 Def. 4).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "mechlab/mechanism/model.hpp"

namespace mechlab::mechanism {

// q(t) = the first alternative, in the model's order, maximising Σ_j v̂_j(c; t).
struct EfficientChoice {
  std::vector<std::size_t> choice;        // by profile
  std::vector<std::size_t> tie_profiles;  // profiles with more than one maximiser
};

template <class T>
EfficientChoice efficient_choice(const Problem<T>& problem);

// The deterministic outcome table of a choice, no transfers.
template <class T>
Mechanism<T> efficient_mechanism(const Problem<T>& problem);

// Clarke pivot transfers for a given outcome rule q (a lottery allowed):
// α_i(t) = Σ_{j≠i} E_q v̂_j(q(t); t) − max_c Σ_{j≠i} v̂_j(c; t)  (<= 0).
template <class T>
std::vector<std::vector<T>> clarke_transfers(const Problem<T>& problem,
                                             const std::vector<T>& outcome);

// VCG = efficient choice + Clarke pivot. Private values only (|Θ| = 1): with
// interdependent values the same formula is the generalized VCG, gvcg().
template <class T>
Mechanism<T> vcg(const Problem<T>& problem);
template <class T>
Mechanism<T> gvcg(const Problem<T>& problem);

// AGV (expected externality) on the outcome rule of `base` (efficient choice
// when called with the efficient mechanism): with t̃ drawn from the prior,
//   γ_i(t̂_i) = E[Σ_{j≠i} v̂_j(q(t̂_i, t̃_{-i}); ·)] − E[Σ_{j≠i} v̂_j(q(t̃); t̃)],
//   x_i(t̂) = γ_i(t̂_i) − (1/(n−1)) Σ_{j≠i} γ_j(t̂_j),
// which balances the budget ex post. Needs independent types and n >= 2;
// throws InputError at `where` otherwise.
template <class T>
Mechanism<T> agv(const Problem<T>& problem, const Mechanism<T>& base,
                 const std::string& where = "/mechanism/transfers");

// The augmented mechanism (q, x_i + z_i) of 003 Def. 4. Rewards must be
// non-negative and sized like the transfers; throws InputError at `where`.
template <class T>
Mechanism<T> augment(Mechanism<T> m, const std::vector<std::vector<T>>& rewards,
                     const std::string& where = "/mechanism/rewards");

}  // namespace mechlab::mechanism
