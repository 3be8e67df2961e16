// A3 (spec §3.4): the constrained continuation equilibrium at a public
// posterior mean — the core engine of the family.
//
// Each player i chooses x_i ∈ [lo_i, hi_i] to match φ_i(x) = (x_i + ηΣ_{j≠i}x_j)/D
// to a target a_i/D. Best response: x_i = clip(a_i − ηΣ_{j≠i}x_j, lo_i, hi_i).
// With M = (1−η)I + η11ᵀ (positive definite for η ∈ (−1/(n−1), 1)) the game
// is a strictly concave potential game, P(x) = aᵀx − ½xᵀMx, so the NE is
// unique. It is x_i = clip((a_i − ηS)/(1−η), lo_i, hi_i) where S = Σ_j x_j
// solves g(S) = Σ_i clip((a_i − ηS)/(1−η), lo_i, hi_i) − S = 0; g is
// continuous, piecewise linear and strictly decreasing, with breakpoints
// (a_i − (1−η)hi_i)/η and (a_i − (1−η)lo_i)/η. The root is bracketed between
// sorted breakpoints by bisection on their list and interpolated exactly on
// its linear piece (O(n log n)); the best-response fixed point is then
// verified (exactly in Rational; to 1e-12 in double, falling back to an
// exact solve of the same inputs when that check fails, spec §6 item 10).
#pragma once

#include <cstddef>
#include <vector>

#include "mechlab/alliance/model.hpp"
#include "mechlab/core/rational.hpp"

namespace mechlab::alliance {

// Which bound a player's equilibrium action sits at because its
// unconstrained best response lies strictly beyond it.
enum class Binding { free, lower, upper };

template <class T>
struct Continuation {
  std::vector<T> action;         // x*_i
  T total;                       // S = Σ_i x*_i
  std::vector<T> gap;            // miscoordination φ_i(x*) − a_i/D (E + b_i in the model)
  std::vector<T> desired;        // unconstrained best response a_i − ηΣ_{j≠i}x*_j
  std::vector<Binding> binding;  // certificate: lower iff desired < lo_i, upper iff > hi_i
  bool exact_fallback = false;   // double mode only: the double solve failed its check
};

// The unique NE for targets a (a_i = D·(target coordination level of i)),
// interdependence η and boxes; n = a.size() >= 1, D = 1 + (n−1)η.
// InternalError when the shapes differ or the final check fails.
template <class T>
Continuation<T> coordination_equilibrium(const T& eta, const std::vector<T>& targets,
                                         const std::vector<Bounds<T>>& bounds);

// The policy stage of the alliance when every player's posterior mean is
// `mean`: a_i = D(mean + b_i). Validates the alliance (InputError).
template <class T>
Continuation<T> constrained_policy_at_mean(const Alliance<T>& alliance, const T& mean);

// At public k of n truthful messages (full revelation): mean E_k = (k+1)/(n+2).
template <class T>
Continuation<T> constrained_policy(const Alliance<T>& alliance, std::size_t k);

extern template Continuation<Rational> coordination_equilibrium(
    const Rational&, const std::vector<Rational>&, const std::vector<Bounds<Rational>>&);
extern template Continuation<double> coordination_equilibrium(const double&,
                                                              const std::vector<double>&,
                                                              const std::vector<Bounds<double>>&);
extern template Continuation<Rational> constrained_policy_at_mean(const Alliance<Rational>&,
                                                                  const Rational&);
extern template Continuation<double> constrained_policy_at_mean(const Alliance<double>&,
                                                                const double&);
extern template Continuation<Rational> constrained_policy(const Alliance<Rational>&, std::size_t);
extern template Continuation<double> constrained_policy(const Alliance<double>&, std::size_t);

}  // namespace mechlab::alliance
