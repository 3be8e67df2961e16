#include "mechlab/alliance/posterior.hpp"

#include <fmt/format.h>

#include "mechlab/core/error.hpp"

namespace mechlab::alliance {

namespace {

void check_count(std::size_t k, std::size_t m, const char* what) {
  if (k > m) throw InternalError(fmt::format("{}: count {} above {}", what, k, m));
}

void check_signal(int signal, const char* what) {
  if (signal != 0 && signal != 1) throw InternalError(fmt::format("{}: signal not 0/1", what));
}

}  // namespace

template <class T>
T posterior_mean(std::size_t k, std::size_t m) {
  check_count(k, m, "posterior_mean");
  return T(k + 1) / T(m + 2);
}

template <class T>
T posterior_variance(std::size_t k, std::size_t m) {
  check_count(k, m, "posterior_variance");
  const T m2(m + 2);
  return T(k + 1) * T(m - k + 1) / (m2 * m2 * T(m + 3));
}

template <class T>
T count_probability(std::size_t k, std::size_t n) {
  check_count(k, n, "count_probability");
  return T(1) / T(n + 1);
}

template <class T>
T others_count_probability(std::size_t j, int signal, std::size_t n) {
  check_signal(signal, "others_count_probability");
  if (n == 0 || j >= n) throw InternalError("others_count_probability: bad count");
  const T numerator = signal == 1 ? T(2 * (j + 1)) : T(2 * (n - j));
  return numerator / (T(n) * T(n + 1));
}

template <class T>
T babbler_mean(std::size_t k, int signal, std::size_t t) {
  check_signal(signal, "babbler_mean");
  check_count(k, t, "babbler_mean");
  return T(k + static_cast<std::size_t>(signal) + 1) / T(t + 3);
}

template Rational posterior_mean(std::size_t, std::size_t);
template double posterior_mean(std::size_t, std::size_t);
template Rational posterior_variance(std::size_t, std::size_t);
template double posterior_variance(std::size_t, std::size_t);
template Rational count_probability(std::size_t, std::size_t);
template double count_probability(std::size_t, std::size_t);
template Rational others_count_probability(std::size_t, int, std::size_t);
template double others_count_probability(std::size_t, int, std::size_t);
template Rational babbler_mean(std::size_t, int, std::size_t);
template double babbler_mean(std::size_t, int, std::size_t);

}  // namespace mechlab::alliance
