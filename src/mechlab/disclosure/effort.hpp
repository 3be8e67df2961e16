// Effort incentives of a team disclosure rule (002 Theorem 3, spec §3.7–3.9)
// and the §4.3 symmetric binary model (eq. 15, Proposition 6, Numerical
// Result 1, Figure 2).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "mechlab/core/rational.hpp"
#include "mechlab/disclosure/model.hpp"

namespace mechlab::disclosure {

// F(·; e_N) and, for each member i, F(·; e_{N∖i}) (i shirks), on the same Ω.
template <class T>
struct EffortTechnology {
  Team<T> full;                       // outcome values and F(·; e_N)
  std::vector<std::vector<T>> shirk;  // shirk[i] = F(·; e_{N∖i}) over Ω
};

template <class T>
struct EffortGains {
  // G_i(d) = U_i(e_N) − U_i(e_{N∖i}) with ω^ND frozen at the equilibrium value
  // (= LHS of eq. 4 on path), and its parts. fe(d) is the box (0, G_1] × … ×
  // (0, G_N] (empty when some G_i <= 0).
  std::vector<T> gain;
  std::vector<T> delta_mean;     // E[ω_i|e_N] − E[ω_i|e_{N∖i}]
  std::vector<T> prob_nd_shirk;  // P[ND|e_{N∖i}]
  std::vector<T> mean_nd_full;   // E[ω_i|ND; e_N] (the frozen ω_i^ND)
  // E[ω_i|ND; e_{N∖i}]; when P[ND|e_{N∖i}] = 0 it is undefined and set to
  // ω_i^ND (it is multiplied by 0 in eq. 4).
  std::vector<T> mean_nd_shirk;
  // The eq. (5) terms: P[ND|e_N] (the same for every i), Cov[ω_i, d|e_N] and
  // Cov[ω_i, d|e_{N∖i}].
  T prob_nd_full = T(0);
  std::vector<T> cov_full;
  std::vector<T> cov_shirk;
};

// `disclosure` is d over Ω (entries in [0,1]); `posterior` is the equilibrium
// ω^ND. When P(ND | e_N) > 0 it must be the Bayes posterior (eq. 2), and the
// gains are checked against eq. (4) and eq. (5) (InternalError if they
// differ); when P(ND | e_N) = 0 it is the off-path belief (within co(Ω)).
// InputError ("/shirk/i", "/disclosure/k", "/posterior/i") on bad shapes or
// values.
template <class T>
EffortGains<T> effort_gains(const EffortTechnology<T>& technology, const std::vector<T>& disclosure,
                            const std::vector<T>& posterior);

// First-order stochastic dominance on the product lattice Ω (spec §3.9):
// min over upper sets U of Σ_{ω∈U} (f − g)(ω) (≥ 0 iff f ≿_FOS g), with the
// minimising upper set; `strict` restricts to non-empty proper upper sets
// (ω̄ ∈ U, ω̲ ∉ U; spec Z5), so f ≻_FOS g strictly iff that margin is > 0.
// Solved exactly as a minimum-weight closure by one min cut (Picard);
// InputError "/outcomes" when |Ω| > kMaxFosCells.
inline constexpr std::size_t kMaxFosCells = 4096;
template <class T>
struct DominanceCheck {
  T margin = T(0);
  std::vector<std::size_t> upper_set;  // cells of the minimising U, increasing
};
template <class T>
DominanceCheck<T> fos_margin(const Team<T>& team, const std::vector<T>& f, const std::vector<T>& g,
                             bool strict);

// §4.3 symmetric binary model: with probability p a common outcome (high w.p.
// q_T), otherwise independent outcomes (high w.p. q_i). Full effort (p1, qT1,
// q1); when i shirks (p0, qT0, qi0 for i, qj0 for the others). Outcomes are
// ℓ = 0, h = 1. Every probability must lie in (0,1) (InputError "/p1", …).
struct BinaryEffortModel {
  std::size_t members = 2;
  Rational p1, qT1, q1;
  Rational p0, qT0, qi0, qj0;
};

// Spec T7, the Figure 2 baseline: p = 1/2 and every probability 51/100 under
// full effort, 1/2 when i shirks.
BinaryEffortModel figure2_baseline(std::size_t members);

// G_K = ΔE − P_{−i}(ND; K)·(E_N[ω_i|ND; K] − E_{−i}[ω_i|ND; K]) under
// d_K = 1{|H(ω)| >= K}, by eq. (15); K = 1..N (entry K−1). G_1 = ΔE.
template <class T>
std::vector<T> k_majority_gains(const BinaryEffortModel& model);

// The §4.3 model as a joint technology over {0,1}^N for the general machinery
// (equilibria, effort_gains, protocol design): F(·; e_N) and each F(·; e_{N∖i}).
inline constexpr std::size_t kMaxBinaryTechnologyMembers = 16;
template <class T>
EffortTechnology<T> binary_technology(const BinaryEffortModel& model);

// Numerical Result 1: the K maximising G_K (exact), every tie, increasing.
std::vector<std::size_t> optimal_k(const BinaryEffortModel& model);

// Figure 2: K* as one parameter of the model varies over a grid.
enum class BinaryEffortParameter { p1, qT1, q1, p0, qT0, qi0, qj0 };

struct OptimalKPoint {
  Rational x;
  std::vector<std::size_t> k_star;  // all argmax K at x
};
struct OptimalKSweep {
  std::vector<OptimalKPoint> points;       // x = from, from + step, … <= to
  std::vector<OptimalKPoint> breakpoints;  // the first point and every x where K* changes
};

// The Figure 2 panels are (a) qj0, (b) p0, (c) qi0, (d) qT0 at the T7
// baseline. InputError if step <= 0, from > to, or a grid value leaves (0,1).
OptimalKSweep optimal_k_sweep(const BinaryEffortModel& baseline, BinaryEffortParameter parameter,
                              const Rational& from, const Rational& to, const Rational& step);

extern template EffortGains<Rational> effort_gains(const EffortTechnology<Rational>&,
                                                   const std::vector<Rational>&,
                                                   const std::vector<Rational>&);
extern template EffortGains<double> effort_gains(const EffortTechnology<double>&,
                                                 const std::vector<double>&,
                                                 const std::vector<double>&);
extern template DominanceCheck<Rational> fos_margin(const Team<Rational>&,
                                                    const std::vector<Rational>&,
                                                    const std::vector<Rational>&, bool);
extern template DominanceCheck<double> fos_margin(const Team<double>&, const std::vector<double>&,
                                                  const std::vector<double>&, bool);
extern template EffortTechnology<Rational> binary_technology(const BinaryEffortModel&);
extern template EffortTechnology<double> binary_technology(const BinaryEffortModel&);
extern template std::vector<Rational> k_majority_gains(const BinaryEffortModel&);
extern template std::vector<double> k_majority_gains(const BinaryEffortModel&);

}  // namespace mechlab::disclosure
