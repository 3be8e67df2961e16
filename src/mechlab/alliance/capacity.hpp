// A7 steps 6–8 (spec §3.8): exact capacity best responses in the commitment
// game, and the investment check of a capacity profile.
//
// Player p's capacity r fixes its box to [lo_p, r]; the others keep theirs.
// Under truthful continuation its ex-ante payoff is
//   W_p(r) = −(1/(n+1))Σ_k [V_k + (φ_p(x*(k; r)) − E_k − b_p)²] − c·r,
// x*(k; r) from A3. Why it is piecewise quadratic with finitely many, exactly
// computable kinks:
//  - x^∞(k) (p's cap removed) solves the stage when r >= x^∞_p(k): then x*(k; r)
//    does not move with r (an inactive constraint of the concave potential);
//  - for r < x^∞_p(k) p sits at r (else x*(k; r) would be x^∞ by uniqueness),
//    and every other free player plays a_j/(1−η) + w with the common shift
//    w = −η(S_{−p} + r)/(1−η). Player j's status changes exactly when
//    a_j/(1−η) + w crosses lo_j or hi_j, i.e. at
//      r(w) = −(1−η)w/η − Σ_{l≠p} clip(a_l/(1−η) + w, lo_l, hi_l),
//    a rational number (w is strictly decreasing in r: each j changes status
//    at most twice per k, upper → free → lower).
// Between consecutive kinks (the union over k) every x*(k; r) is affine in r,
// so W_p is a concave quadratic, maximised exactly (vertex or endpoints).
//
// A5's gains G_i(s)(r) add one more kind of kink: where a deviator's clip
// x_i^dev switches (an affine function of r crossing lo_i, hi_i, or r itself
// for i = p), again rational. On the refined pieces every G_i(s) is a
// quadratic in r, fitted exactly from three A5 evaluations and checked at a
// fourth. The set of capacities A5 certifies is ∩{G_i(s) <= 0}: its ends are
// roots of those quadratics — exact when rational (a perfect-square
// discriminant), otherwise bracketed by exact bisection to `resolution`.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "mechlab/alliance/design.hpp"
#include "mechlab/alliance/model.hpp"
#include "mechlab/core/rational.hpp"

namespace mechlab::alliance {

// A capacity at which some x*(k; r) changes its active pattern.
template <class T>
struct CapacityKink {
  T capacity;
  std::size_t count = 0;   // k, the number of ones
  std::size_t player = 0;  // whose status changes (== the deviator: its cap stops binding)
  bool deviation = false;  // a deviator's clip in A5 switches (count = k_D, player = deviator)
};

// One piece between consecutive kinks: W_p(r) = constant + linear·t + quadratic·t²,
// t = r − from (quadratic <= 0), with its exact maximiser on [from, to].
template <class T>
struct PayoffPiece {
  T from;
  T to;
  T constant;
  T linear;
  T quadratic;
  T argmax;
  T max;
};

// A.4's deviation intervals (spec §3.8 step 6) around x̄_p(q̄):
// (a) [0, x̄(0)), (b) [x̄(0), x̄(q̄−1)), (c) [x̄(q̄−1), x̄(q̄)), (d) [x̄(q̄), x̄(q̄)+ỹ],
// (e) above x̄(q̄)+ỹ. For q̄ = 0, (b) and (c) are empty.
enum class DeviationRegion { a, b, c, d, e };
char region_letter(DeviationRegion region);

template <class T>
struct CapacityBestResponse {
  std::size_t player = 0;
  T lower;  // lo_p
  T upper;  // the searched [lower, upper]
  T equilibrium_capacity;
  T equilibrium_payoff;
  std::vector<CapacityKink<T>> kinks;  // sorted by capacity: the certificate
  std::vector<PayoffPiece<T>> pieces;
  // (i) truthful continuation assumed.
  T best_capacity;
  T best_payoff;
  T gain;                      // best_payoff − equilibrium_payoff >= 0, exactly 0 if none pays
  bool best_truthful = false;  // A5 certifies full revelation at best_capacity
  // (ii) among the capacities A5 certifies. `truthful_set` is the certified
  // set (its ends exact, or the inner end of a bracket of width <= resolution);
  // the supremum of W_p over the true set lies in [truthful_payoff, truthful_bound]
  // (equal when `truthful_exact`).
  std::vector<Interval<T>> truthful_set;
  bool truthful_found = false;
  T truthful_capacity;
  T truthful_payoff;
  T truthful_gain;  // truthful_payoff − equilibrium_payoff (may be < 0 if hi_p is not certified)
  T truthful_bound;
  bool truthful_exact = true;
  std::size_t evaluations = 0;  // A5 evaluations (each n+1 A3 solves)
};

// Player p's exact best capacity over [lo_p, upper]. Without `upper` the
// search runs to max(hi_p, max_k(D(E_k + b_p) − ηΣ_{j≠p} lo_j)), beyond which
// p's cap never binds and W_p only falls (−c per unit): a global best response
// over r >= lo_p. InputError "/player", "/upper" (< lo_p), "/cost" (<= 0),
// "/resolution" (<= 0), and validate()'s.
template <class T>
CapacityBestResponse<T> capacity_best_response(const Alliance<T>& alliance, const T& cost,
                                               std::size_t player,
                                               const std::optional<T>& upper = std::nullopt,
                                               const T& resolution = T(1) / T(1000000000000),
                                               Progress& progress = Progress::none());

// Spec §3.8 step 7 for a whole profile: the alliance's boxes are [lo_i, R̄_i].
template <class T>
struct InvestmentCheck {
  bool fully_revealing = false;       // A5 at the profile
  bool equilibrium = false;           // (i): no player gains (every gain exactly 0)
  bool truthful_equilibrium = false;  // (ii): no certified capacity gains either
  std::vector<CapacityBestResponse<T>> players;
  // A.4 interval of each best deviation (i), when Prop. 2's (q̄, ỹ) exists
  // for this n, η, c; empty otherwise.
  std::vector<DeviationRegion> region;
};

template <class T>
InvestmentCheck<T> investment_check(const Alliance<T>& alliance, const T& cost,
                                    Progress& progress = Progress::none());

// The A.4 interval (spec §3.8 step 6) of capacity r for player i of the
// n-player alliance with the biases of `alliance`; nullopt when c > MB_0.
template <class T>
std::optional<DeviationRegion> deviation_region(const Alliance<T>& alliance, const T& cost,
                                                std::size_t player, const T& capacity);

extern template CapacityBestResponse<Rational> capacity_best_response(
    const Alliance<Rational>&, const Rational&, std::size_t, const std::optional<Rational>&,
    const Rational&, Progress&);
extern template CapacityBestResponse<double> capacity_best_response(const Alliance<double>&,
                                                                    const double&, std::size_t,
                                                                    const std::optional<double>&,
                                                                    const double&, Progress&);
extern template InvestmentCheck<Rational> investment_check(const Alliance<Rational>&,
                                                           const Rational&, Progress&);
extern template InvestmentCheck<double> investment_check(const Alliance<double>&, const double&,
                                                         Progress&);
extern template std::optional<DeviationRegion> deviation_region(const Alliance<Rational>&,
                                                                const Rational&, std::size_t,
                                                                const Rational&);
extern template std::optional<DeviationRegion> deviation_region(const Alliance<double>&,
                                                                const double&, std::size_t,
                                                                const double&);

}  // namespace mechlab::alliance
