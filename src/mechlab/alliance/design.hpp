// A6 (spec §3.7): alliance size, interdependence and entry.
//
// L1 (the paper's formulas, which rest on eq. (5) and use only b_d):
//   Prop. 1   n̄ = max{n : (n+2)(1+(n−1)η) <= 4(1−η)/b_d},
//   Lemma 2   η̄ = (ρ−1)/(ρ+n−1), ρ = 4/((n+2)b_d), none when ρ <= 1,
//   Lemma 1   the paper's sufficient test that no entrant keeps full revelation.
// L2 (Theorem 2's two inequalities, composition-aware): Theorem 2 ⇔
//   A_lo <= Avg(b) <= A_hi, A_lo = (αb̄ − 2/(n+2))/β, A_hi = (αb̲ + 2/(n+2))/β,
// and the exact admissible bias interval for a new member. Eq. (5) is only
// necessary (spec §0.2 item 2), so L2 can be strictly smaller than L1: biases
// in [3/10, 2/5] with η = 2/5 give n̄ = 6 in L1 but only n = 2 in L2.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "mechlab/alliance/model.hpp"
#include "mechlab/core/rational.hpp"

namespace mechlab::alliance {

template <class T>
struct Interval {
  T lo;
  T hi;
  // hi < lo (in double beyond the tolerance, so that a tie stays a point).
  bool empty() const { return hi < lo && !nearly_equal(lo, hi); }
};

// Prop. 1: the largest n >= 1 with (n+2)(1+(n−1)η) <= 4(1−η)/b_d (0 when none);
// below 2 there is no alliance. Exact comparisons on the integers around the
// closed-form root. InputError "/eta" (η ∉ (0,1)) or "/spread" (b_d <= 0:
// the size is unbounded) or "/spread" when n̄ would exceed 10^12.
template <class T>
std::size_t max_alliance_size(const T& eta, const T& spread);

// Lemma 2: the largest η with eq. (5) for n players and spread b_d; empty when
// ρ = 4/((n+2)b_d) <= 1 (no η ∈ (0,1) works). InputError "/spread", "/n".
template <class T>
std::optional<T> max_interdependence(std::size_t n, const T& spread);

// Lemma 1 (paper, sufficient for impossibility): 2/(n+2) > −c_1 > 2/(n+3) or
// 2/(n+2) > c_n > 2/(n+3), with c of the n-player alliance.
template <class T>
bool lemma1_blocks_entry(const Alliance<T>& alliance);

// The exact set of biases b′ of a new member for which the (n+1)-player
// alliance passes Theorem 2's condition: the intersection of the intervals
// from the lowest and the highest existing member and from the entrant
// (spec §3.7; possibly empty).
template <class T>
Interval<T> admissible_entry(const Alliance<T>& alliance);

// L2 for n players with extremes b̲ < b̄ fixed and the others anywhere in
// [b̲, b̄]: the interval of mean biases Avg(b) for which Theorem 2's condition
// holds (empty if none). For n = 2 the mean is (b̲+b̄)/2.
template <class T>
Interval<T> feasible_mean_biases(std::size_t n, const T& eta, const T& lowest, const T& highest);

// L2 maximal size: every n in [2, n̄(L1)] for which feasible_mean_biases is
// non-empty (the set need not be an interval).
template <class T>
std::vector<std::size_t> feasible_sizes(const T& eta, const T& lowest, const T& highest);

extern template std::size_t max_alliance_size(const Rational&, const Rational&);
extern template std::size_t max_alliance_size(const double&, const double&);
extern template std::optional<Rational> max_interdependence(std::size_t, const Rational&);
extern template std::optional<double> max_interdependence(std::size_t, const double&);
extern template bool lemma1_blocks_entry(const Alliance<Rational>&);
extern template bool lemma1_blocks_entry(const Alliance<double>&);
extern template Interval<Rational> admissible_entry(const Alliance<Rational>&);
extern template Interval<double> admissible_entry(const Alliance<double>&);
extern template Interval<Rational> feasible_mean_biases(std::size_t, const Rational&,
                                                        const Rational&, const Rational&);
extern template Interval<double> feasible_mean_biases(std::size_t, const double&, const double&,
                                                      const double&);
extern template std::vector<std::size_t> feasible_sizes(const Rational&, const Rational&,
                                                        const Rational&);
extern template std::vector<std::size_t> feasible_sizes(const double&, const double&,
                                                        const double&);

}  // namespace mechlab::alliance
