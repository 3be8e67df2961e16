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
// L2 maximal η: every L2 constraint reads β <= K with β = nη/(1−η) increasing
// in η, so the feasible η form (0, K/(n+K)] — monotone, and the largest η is
// rational and exact (no bisection needed).
// L3 (A5 in place of Theorem 2, full bias vectors): the admissible entrant
// biases and the largest η by a scan plus exact bisection on A5's verdict,
// with the resolution reported. Theorem 2 is sufficient, not necessary, so L3
// can admit what L2 rejects (n = 6, η = 7/10).
// A8 (spec §3.9, Appendix B): the two-player closed forms, n = 2, b = (0, b),
// policy sets [0,1], kept here as the unit test of A3–A5 they are.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <vector>

#include "mechlab/alliance/model.hpp"
#include "mechlab/core/progress.hpp"
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
// The scan stops at `scan_limit` (n̄ reaches 10^12 for tiny spreads): sizes
// above it are not examined.
inline constexpr std::size_t kMaxScannedSizes = 100'000;
template <class T>
std::vector<std::size_t> feasible_sizes(const T& eta, const T& lowest, const T& highest,
                                        std::size_t scan_limit = kMaxScannedSizes);

// L2 maximal interdependence. Feasible ⇔ β = nη/(1−η) <= K; the largest η is
// K/(n+K) (exact), none when K <= 0, and every η ∈ (0,1) when no constraint
// involves η (equal biases in the vector form).
template <class T>
struct MaxInterdependence {
  bool exists = false;  // some η ∈ (0,1) is feasible
  bool every = false;   // all of (0,1): no largest η (the supremum 1 is excluded)
  T eta;                // the largest feasible η (exists && !every)
  T beta_bound;         // K
};

// For n players with extremes b̲ < b̄ and the others anywhere in [b̲, b̄]
// (feasible_mean_biases non-empty): K = min{n(2/(n+2) − b̄)/b_d,
// n(b̲ + 2/(n+2))/b_d, 4/((n+2)b_d) − 1}; the last is eq. (5), so K/(n+K) never
// exceeds Lemma 2's η̄. InputError "/n", "/highest".
template <class T>
MaxInterdependence<T> l2_max_interdependence(std::size_t n, const T& lowest, const T& highest);

// For a full bias vector under Theorem 2 (c_n <= 2/(n+2) and −c_1 <= 2/(n+2)):
// K = min{(2/(n+2) − b_n)/(b_n − Avg), (2/(n+2) + b_1)/(Avg − b_1)}.
template <class T>
MaxInterdependence<T> theorem2_max_interdependence(const std::vector<T>& biases);

// L3 entry: the entrant biases b′ for which the (n+1)-player alliance (the
// entrant's policy set [0,1], the others' boxes kept) is fully revealing by
// A5. A grid of `steps` points over [range.lo, range.hi] (default: the
// entrant's own Theorem 2 interval widened to 4 half-widths each side) plus the
// L2 interval's ends; at every change of A5's verdict between neighbours an
// exact bisection to `resolution`. The reported ends are the certified sides
// (A5 holds there); the true end lies within `resolution` beyond. Components
// narrower than one grid step can be missed; `range_limited`: A5 holds at an
// end of the range, so the set may continue beyond it.
template <class T>
struct EntrySet {
  std::vector<Interval<T>> admissible;  // L3, certified ends
  Interval<T> theorem2;                 // L2: admissible_entry (possibly empty)
  Interval<T> range;
  std::size_t steps = 0;
  T resolution;
  bool range_limited = false;
};

template <class T>
EntrySet<T> l3_admissible_entry(const Alliance<T>& alliance,
                                const std::optional<Interval<T>>& range = std::nullopt,
                                std::size_t steps = 200,
                                const T& resolution = T(1) / T(1000000000000),
                                Progress& progress = Progress::none());

// L3 maximal interdependence for a full bias vector (policy sets [0,1]): A5
// on the grid η = j/steps, j = 1..steps−1, then exact bisection between the
// largest grid η where A5 holds and the next, to `resolution`. A5 holds at
// `certified` and fails at `failing` (failing − certified <= resolution; or
// `failing` = 1 when A5 holds at the last grid point: `to_one`).
// `monotone_on_grid`: A5 holds at every grid η below `certified` too.
template <class T>
struct InterdependenceScan {
  bool exists = false;  // A5 holds at some grid η
  T certified;
  T failing;
  bool to_one = false;
  bool monotone_on_grid = false;
  std::size_t steps = 0;
  T resolution;
};

template <class T>
InterdependenceScan<T> l3_max_interdependence(const std::vector<T>& biases, std::size_t steps = 100,
                                              const T& resolution = T(1) / T(1000000000000),
                                              Progress& progress = Progress::none());

// A8: Appendix B, n = 2, b = (0, b), b >= 0, [0,1] policy sets, public
// signals s1, s2 ∈ {0, 1}: E = (s1+s2+1)/4, unconstrained x_1 = E − ηb/(1−η),
// x_2 = E + b/(1−η); dove capped at 0: x_2 = (1+η)(E+b), φ_1 = η(E+b) > E
// (over-provision); hawk capped at 1: x_1 = (1+η)E − η, φ_2 = ηE + 1 − η
// (under-provision). InputError "/eta", "/bias" (< 0), "/signal".
template <class T>
struct AppendixB {
  T mean;
  std::array<T, 2> action;
  std::array<T, 2> coordination;  // φ_1, φ_2
  bool dove_at_zero = false;
  bool hawk_at_one = false;
};

template <class T>
AppendixB<T> appendix_b_actions(const T& eta, const T& bias, int s1, int s2);

// Full revelation ⇔ b <= (1−η)/2 (the dove's (1−η)/(2η) is slack for η < 1).
template <class T>
T appendix_b_threshold(const T& eta);

extern template MaxInterdependence<Rational> l2_max_interdependence(std::size_t, const Rational&,
                                                                    const Rational&);
extern template MaxInterdependence<double> l2_max_interdependence(std::size_t, const double&,
                                                                  const double&);
extern template MaxInterdependence<Rational> theorem2_max_interdependence(
    const std::vector<Rational>&);
extern template MaxInterdependence<double> theorem2_max_interdependence(const std::vector<double>&);
extern template EntrySet<Rational> l3_admissible_entry(const Alliance<Rational>&,
                                                       const std::optional<Interval<Rational>>&,
                                                       std::size_t, const Rational&, Progress&);
extern template EntrySet<double> l3_admissible_entry(const Alliance<double>&,
                                                     const std::optional<Interval<double>>&,
                                                     std::size_t, const double&, Progress&);
extern template InterdependenceScan<Rational> l3_max_interdependence(const std::vector<Rational>&,
                                                                     std::size_t, const Rational&,
                                                                     Progress&);
extern template InterdependenceScan<double> l3_max_interdependence(const std::vector<double>&,
                                                                   std::size_t, const double&,
                                                                   Progress&);
extern template AppendixB<Rational> appendix_b_actions(const Rational&, const Rational&, int, int);
extern template AppendixB<double> appendix_b_actions(const double&, const double&, int, int);
extern template Rational appendix_b_threshold(const Rational&);
extern template double appendix_b_threshold(const double&);
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
                                                        const Rational&, std::size_t);
extern template std::vector<std::size_t> feasible_sizes(const double&, const double&, const double&,
                                                        std::size_t);

}  // namespace mechlab::alliance
