#include "mechlab/alliance/truth.hpp"

#include "mechlab/alliance/posterior.hpp"

namespace mechlab::alliance {

template <class T>
TruthTelling<T> verify_truth_telling(const Alliance<T>& alliance) {
  validate(alliance);
  const std::size_t n = alliance.player_count();
  const T& eta = alliance.eta;
  const T normaliser = T(1) + T(n - 1) * eta;
  TruthTelling<T> out;
  out.continuation.reserve(n + 1);
  for (std::size_t k = 0; k <= n; ++k) out.continuation.push_back(constrained_policy(alliance, k));
  std::vector<T> means;
  for (std::size_t k = 0; k <= n; ++k) means.push_back(posterior_mean<T>(k, n));
  out.gain.assign(n, {T(0), T(0)});
  out.breakdown.resize(n);
  bool first = true;
  for (std::size_t i = 0; i < n; ++i) {
    const Bounds<T>& box = alliance.bounds[i];
    const T& b = alliance.biases[i];
    for (const int s : {0, 1}) {
      const auto su = static_cast<std::size_t>(s);
      std::vector<T>& parts = out.breakdown[i][su];
      parts.reserve(n);
      T total(0);
      for (std::size_t j = 0; j < n; ++j) {
        const std::size_t k_true = j + su;
        const std::size_t k_dev = j + 1 - su;
        const T& truthful_gap = out.continuation[k_true].gap[i];
        const Continuation<T>& believed = out.continuation[k_dev];
        const T others = believed.total - believed.action[i];
        const T target = means[k_true] + b;
        T x = normaliser * target - eta * others;
        if (x < box.lo) x = box.lo;
        if (x > box.hi) x = box.hi;
        const T deviation_gap = coordination_level(eta, normaliser, x, T(x + others)) - target;
        T part = others_count_probability<T>(j, s, n) *
                 (truthful_gap * truthful_gap - deviation_gap * deviation_gap);
        total += part;
        parts.push_back(std::move(part));
      }
      if (first || total > out.worst_gain) {
        out.worst_player = i;
        out.worst_signal = s;
        out.worst_gain = total;
        first = false;
      }
      out.gain[i][su] = std::move(total);
    }
  }
  out.fully_revealing = sign_of(out.worst_gain) <= 0;
  return out;
}

template <class T>
FullRevelation<T> check_full_revelation(const Alliance<T>& alliance) {
  FullRevelation<T> result{theorem2_test(alliance), verify_truth_telling(alliance), false};
  result.disagree = result.paper.paper_bounds && result.paper.holds != result.exact.fully_revealing;
  return result;
}

template TruthTelling<Rational> verify_truth_telling(const Alliance<Rational>&);
template TruthTelling<double> verify_truth_telling(const Alliance<double>&);
template FullRevelation<Rational> check_full_revelation(const Alliance<Rational>&);
template FullRevelation<double> check_full_revelation(const Alliance<double>&);

}  // namespace mechlab::alliance
