// A7 closed forms (spec §3.8): the commitment game of Section 5. Each player
// first buys a capacity R̄_i at unit cost c > 0, fixing V_i = [0, R̄_i]; then
// the alliance plays the baseline game with full revelation.
//
//   MB_q = (n−q)(n−q+1)/((n+1)(n+2)D), q = 0..n (MB_n = 0, MB_0 = n/((n+2)D):
//     the text below Prop. 2 prints n(n−1)/((n+2)D), erratum 4),
//   q̄ = max{q <= n−1 : MB_q >= c},  y = [(n−q̄+1)/(n+2) − c(n+1)D/(n−q̄)]/2 ∈ [0, 1/(n+2)),
//   R̄_i = x̄_i(q̄) + y = (q̄+1)/(n+2) + y + c_i (Prop. 2; gaps R̄_j − R̄_i = c_j − c_i,
//     eq. (9) corrected, erratum 3),
//   W_i = −1/(6(n+2)) − m(m+1)(2m+1)/(6(n+1)(n+2)²) + (m/(n+1))[(m+1)/(n+2) − y]y − cR̄_i,
//     m = n − q̄ (Prop. 3, valid only when every x̄_i(0) >= 0, erratum 15).
// The symmetric equilibrium exists iff 0 < c <= MB_0.
#pragma once

#include <cstddef>
#include <vector>

#include "mechlab/alliance/model.hpp"
#include "mechlab/core/rational.hpp"

namespace mechlab::alliance {

// MB_0..MB_n. InputError "/eta" as validate().
template <class T>
std::vector<T> marginal_benefits(std::size_t n, const T& eta);

// The continuous form (spec §3.8 step 4) at the effective cutoff z = q + (n+2)y ∈ [0, n]:
// MB(z) = (n−q)[(n−q+1) − 2(z−q)]/((n+1)(n+2)D) on [q, q+1). Continuous, piecewise
// linear and strictly decreasing, so the paper's "decreases discontinuously" is
// wrong (erratum 10): MB(q+1) from the left equals MB_{q+1}.
template <class T>
T marginal_benefit(std::size_t n, const T& eta, const T& z);

// Prop. 3 without the cost term: the common gross payoff at (q, y), m = n − q,
// −1/(6(n+2)) − m(m+1)(2m+1)/(6(n+1)(n+2)²) + (m/(n+1))[(m+1)/(n+2) − y]y.
template <class T>
T gross_welfare(std::size_t n, std::size_t cutoff, const T& residual);

template <class T>
struct Cutoff {
  bool exists = false;     // 0 < c <= MB_0
  std::size_t cutoff = 0;  // q̄
  T residual;              // y ∈ [0, 1/(n+2))
};

// (q̄, y), which do not depend on the biases. InputError "/cost" when c <= 0.
template <class T>
Cutoff<T> commitment_cutoff(std::size_t n, const T& eta, const T& cost);

template <class T>
struct Commitment {
  bool exists = false;  // false: c > MB_0, nothing below is set
  std::size_t cutoff = 0;
  T residual;
  std::vector<T> marginal_benefit;  // MB_0..MB_n
  std::vector<T> capacity;          // R̄_i (input order)
  T total_capacity;                 // Σ R̄_i = n((q̄+1)/(n+2) + y) + Σ b_i
  T tolerance;                      // ỹ = [1 + (1 − (n+2)y)(n−1)η]/(n+2) (A.4)
  std::vector<T> welfare;           // Prop. 3's W_i
  // Validity (spec §6 item 7): some R̄_i < 0 (the profile is infeasible);
  // some x̄_i(0) < 0 (Prop. 3 overstates W_i: use exact_welfare); some
  // R̄_i > 1 (outside the baseline policy space).
  bool infeasible = false;
  bool welfare_overstated = false;
  bool above_baseline = false;
};

// Prop. 2 and 3 for the alliance's biases (its bounds are ignored).
template <class T>
Commitment<T> commitment_equilibrium(const Alliance<T>& alliance, const T& cost);

// The exact ex-ante payoff of every player with policy sets the alliance's
// bounds (e.g. [0, R̄_i]) under full revelation:
// W_i = −(1/(n+1))Σ_k [V_k + (φ_i(x*(k)) − E_k − b_i)²] − c·hi_i.
template <class T>
std::vector<T> exact_welfare(const Alliance<T>& alliance, const T& cost);

// Spec §3.8 step 7 (exact capacity best responses) is in capacity.hpp.

extern template Rational marginal_benefit(std::size_t, const Rational&, const Rational&);
extern template double marginal_benefit(std::size_t, const double&, const double&);
extern template Rational gross_welfare(std::size_t, std::size_t, const Rational&);
extern template double gross_welfare(std::size_t, std::size_t, const double&);
extern template std::vector<Rational> marginal_benefits(std::size_t, const Rational&);
extern template std::vector<double> marginal_benefits(std::size_t, const double&);
extern template Cutoff<Rational> commitment_cutoff(std::size_t, const Rational&, const Rational&);
extern template Cutoff<double> commitment_cutoff(std::size_t, const double&, const double&);
extern template Commitment<Rational> commitment_equilibrium(const Alliance<Rational>&,
                                                            const Rational&);
extern template Commitment<double> commitment_equilibrium(const Alliance<double>&, const double&);
extern template std::vector<Rational> exact_welfare(const Alliance<Rational>&, const Rational&);
extern template std::vector<double> exact_welfare(const Alliance<double>&, const double&);

}  // namespace mechlab::alliance
