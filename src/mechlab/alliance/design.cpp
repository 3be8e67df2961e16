#include "mechlab/alliance/design.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "mechlab/core/error.hpp"

namespace mechlab::alliance {

namespace {

inline constexpr double kMaxSize = 1e12;

template <class T>
void check_eta(const T& eta) {
  check_number(eta, "/eta", false);
  if (!(eta > T(0)) || !(eta < T(1))) {
    throw InputError("/eta", "an interdependence η in (0, 1), open", NumberTraits<T>::to_text(eta));
  }
}

template <class T>
void check_spread(const T& spread) {
  check_number(spread, "/spread", false);
  if (!(spread > T(0))) {
    throw InputError("/spread", "a positive bias spread b_d (the size is unbounded at 0)",
                     NumberTraits<T>::to_text(spread));
  }
}

// (n+2)(1+(n−1)η) <= bound: exactly in Rational, within the tolerance in
// double (the paper's n̄ = 6 at η = 2/5, b_d = 1/10 is a tie).
template <class T>
bool size_fits(std::size_t n, const T& eta, const T& bound) {
  const T lhs = T(n + 2) * (T(1) + T(n - 1) * eta);
  return lhs <= bound || nearly_equal(lhs, bound);
}

}  // namespace

template <class T>
std::size_t max_alliance_size(const T& eta, const T& spread) {
  check_eta(eta);
  check_spread(spread);
  const T bound = T(4) * (T(1) - eta) / spread;
  // ηn² + (1+η)n + 2(1−η) − bound = 0, positive root, as a starting guess.
  const double e = NumberTraits<T>::to_double(eta);
  const double r = NumberTraits<T>::to_double(bound);
  const double root =
      (-(1 + e) + std::sqrt((1 + e) * (1 + e) - 4 * e * (2 * (1 - e) - r))) / (2 * e);
  if (!(root < kMaxSize)) {
    throw InputError("/spread", "a spread giving a maximal size below 10^12",
                     NumberTraits<T>::to_text(spread));
  }
  auto n = static_cast<std::size_t>(std::max(0.0, std::floor(root)));
  // The LHS increases in n: step to the exact answer.
  while (size_fits(n + 1, eta, bound)) ++n;
  while (n > 0 && !size_fits(n, eta, bound)) --n;
  return n;
}

template <class T>
std::optional<T> max_interdependence(std::size_t n, const T& spread) {
  check_spread(spread);
  if (n < 2) throw InputError("/n", "at least 2 players", fmt::format("{}", n));
  const T rho = T(4) / (T(n + 2) * spread);
  if (!(rho > T(1))) return std::nullopt;
  return T((rho - T(1)) / (rho + T(n - 1)));
}

template <class T>
bool lemma1_blocks_entry(const Alliance<T>& alliance) {
  const Derived<T> d = derive(alliance);
  const T now = T(2) / T(d.n + 2);
  const T next = T(2) / T(d.n + 3);
  const T low = -d.effective_bias[d.order.front()];
  const T& high = d.effective_bias[d.order.back()];
  return (now > low && low > next) || (now > high && high > next);
}

template <class T>
Interval<T> admissible_entry(const Alliance<T>& alliance) {
  const Derived<T> d = derive(alliance);
  const T& eta = alliance.eta;
  const T ratio = eta / (T(1) - eta);  // η/(1−η)
  const T threshold = T(2) / T(d.n + 3);
  T sum(0);
  for (const T& b : alliance.biases) sum += b;
  // The entrant: c′ = b′(1 + nη/(1−η)) − ηS/(1−η).
  const T slope = T(1) + T(d.n) * ratio;
  Interval<T> out{T((ratio * sum - threshold) / slope), T((ratio * sum + threshold) / slope)};
  // An existing member i: c_i′ = K_i − (η/(1−η))b′, K_i = b_i + (η/(1−η))((n+1)b_i − S);
  // c′ is increasing in b_i, so the lowest and highest members bound the rest.
  for (const std::size_t i : {d.order.front(), d.order.back()}) {
    const T& b = alliance.biases[i];
    const T k = b + ratio * (T(d.n + 1) * b - sum);
    out.lo = std::max(out.lo, T((k - threshold) / ratio));
    out.hi = std::min(out.hi, T((k + threshold) / ratio));
  }
  return out;
}

template <class T>
Interval<T> feasible_mean_biases(std::size_t n, const T& eta, const T& lowest, const T& highest) {
  check_eta(eta);
  if (n < 2) throw InputError("/n", "at least 2 players", fmt::format("{}", n));
  if (!(lowest < highest)) {
    throw InputError("/highest", "a largest bias above the smallest",
                     NumberTraits<T>::to_text(highest));
  }
  const T beta = T(n) * eta / (T(1) - eta);
  const T alpha = T(1) + beta;
  const T threshold = T(2) / T(n + 2);
  // Theorem 2 ⇔ A_lo <= Avg(b) <= A_hi.
  Interval<T> out{T((alpha * highest - threshold) / beta), T((alpha * lowest + threshold) / beta)};
  // Where the mean can lie with the extremes fixed.
  const T spread = highest - lowest;
  if (n == 2) {
    const T mean = (lowest + highest) / T(2);
    out.lo = std::max(out.lo, mean);
    out.hi = std::min(out.hi, mean);
  } else {
    out.lo = std::max(out.lo, T(lowest + spread / T(n)));
    out.hi = std::min(out.hi, T(highest - spread / T(n)));
  }
  return out;
}

template <class T>
std::vector<std::size_t> feasible_sizes(const T& eta, const T& lowest, const T& highest) {
  // L2 implies eq. (5), so n̄(L1) bounds the scan.
  const std::size_t bound = max_alliance_size(eta, T(highest - lowest));
  std::vector<std::size_t> out;
  for (std::size_t n = 2; n <= bound; ++n) {
    if (!feasible_mean_biases(n, eta, lowest, highest).empty()) out.push_back(n);
  }
  return out;
}

template std::size_t max_alliance_size(const Rational&, const Rational&);
template std::size_t max_alliance_size(const double&, const double&);
template std::optional<Rational> max_interdependence(std::size_t, const Rational&);
template std::optional<double> max_interdependence(std::size_t, const double&);
template bool lemma1_blocks_entry(const Alliance<Rational>&);
template bool lemma1_blocks_entry(const Alliance<double>&);
template Interval<Rational> admissible_entry(const Alliance<Rational>&);
template Interval<double> admissible_entry(const Alliance<double>&);
template Interval<Rational> feasible_mean_biases(std::size_t, const Rational&, const Rational&,
                                                 const Rational&);
template Interval<double> feasible_mean_biases(std::size_t, const double&, const double&,
                                               const double&);
template std::vector<std::size_t> feasible_sizes(const Rational&, const Rational&, const Rational&);
template std::vector<std::size_t> feasible_sizes(const double&, const double&, const double&);

}  // namespace mechlab::alliance
