// A3 for any symmetric positive-definite interaction (mechlab issue 7).
//
// The model's interaction is M = (1−η)I + η11ᵀ, for which A3
// (`coordination_equilibrium`) finds the equilibrium by a 1-D breakpoint
// search. Here M is any symmetric positive-definite matrix: player i's best
// response is BR_i(x) = clip((a_i − Σ_{j≠i} M_ij x_j)/M_ii, lo_i, hi_i), the
// game is a potential game with the strictly concave P(x) = aᵀx − ½xᵀMx, and
// its unique NE is the maximiser of P over the box. It is found by
// primal–dual active-set iterations (guess which players sit at which bound,
// solve the free block exactly, re-guess from the best responses) — the
// scheme `partial_continuation` uses for its own structure — with an exact
// primal active-set method when the guesses cycle (they can once M is not an
// M-matrix). The answer is certified by x_i = BR_i(x) for every i, exactly in
// Rational; in double to 1e-12, re-solving the same inputs exactly when that
// check fails.
#pragma once

#include <cstddef>
#include <vector>

#include "mechlab/alliance/continuation.hpp"
#include "mechlab/alliance/model.hpp"
#include "mechlab/core/rational.hpp"

namespace mechlab::alliance {

// The interaction matrix M (n×n, symmetric positive definite once validated);
// entry (i, j) is how much player j's action weighs in player i's first-order
// condition.
template <class T>
struct Interaction {
  std::vector<std::vector<T>> matrix;
  std::size_t size() const { return matrix.size(); }
};

// The model's interaction (1−η)I + η11ᵀ.
template <class T>
Interaction<T> paper_interaction(std::size_t n, const T& eta);

// Sylvester's criterion: M is positive definite iff every leading principal
// minor is positive. `order` and `minor` name the first one that is not
// (order 0 when M is positive definite). The minors come from the pivots of
// LDLᵀ without pivoting, minor_k = d_1⋯d_k; exact in Rational, in double a
// pivot within 1e-12 of 0 counts as 0.
template <class T>
struct Definiteness {
  bool positive_definite = true;
  std::size_t order = 0;  // 1-based order of the first leading minor <= 0
  T minor;                // its value
};

// Assumes M square and symmetric.
template <class T>
Definiteness<T> leading_minors(const Interaction<T>& m);

// InputError at "/interaction" when M is empty, not square or not positive
// definite (found names the witness minor), at "/interaction/i/j" (i < j, the
// first in row order) when M_ij ≠ M_ji, or at the entry when it is not finite.
template <class T>
void validate_interaction(const Interaction<T>& m);

enum class BoxMethod {
  interior,           // the unconstrained maximiser M⁻¹a lies in the box
  active_set,         // primal–dual active-set iterations reached a stable partition
  primal_active_set,  // the exact fallback (or forced by the options)
};

struct BoxOptions {
  bool force_primal_active_set = false;  // for tests: skip the primal–dual iterations
};

template <class T>
struct BoxEquilibrium {
  std::vector<T> action;         // x*_i
  std::vector<T> desired;        // unclipped best response (a_i − Σ_{j≠i} M_ij x*_j)/M_ii
  std::vector<Binding> binding;  // certificate: lower iff desired < lo_i, upper iff > hi_i
  BoxMethod method = BoxMethod::interior;
  std::size_t iterations = 0;   // free-block solves used
  bool exact_fallback = false;  // double mode only: the double solve failed its check
};

// The unique NE for interaction M, targets a and boxes. Validates M
// (InputError as above); InternalError when the shapes differ or a box has
// hi < lo.
template <class T>
BoxEquilibrium<T> box_equilibrium(const Interaction<T>& m, const std::vector<T>& targets,
                                  const std::vector<Bounds<T>>& bounds,
                                  const BoxOptions& options = {});

extern template Interaction<Rational> paper_interaction(std::size_t, const Rational&);
extern template Interaction<double> paper_interaction(std::size_t, const double&);
extern template Definiteness<Rational> leading_minors(const Interaction<Rational>&);
extern template Definiteness<double> leading_minors(const Interaction<double>&);
extern template void validate_interaction(const Interaction<Rational>&);
extern template void validate_interaction(const Interaction<double>&);
extern template BoxEquilibrium<Rational> box_equilibrium(const Interaction<Rational>&,
                                                         const std::vector<Rational>&,
                                                         const std::vector<Bounds<Rational>>&,
                                                         const BoxOptions&);
extern template BoxEquilibrium<double> box_equilibrium(const Interaction<double>&,
                                                       const std::vector<double>&,
                                                       const std::vector<Bounds<double>>&,
                                                       const BoxOptions&);

}  // namespace mechlab::alliance
