#include "mechlab/alliance/truth.hpp"

#include "mechlab/alliance/posterior.hpp"

namespace mechlab::alliance {

template <class T>
TruthTelling<T> verify_truth_telling(const Alliance<T>& alliance, Progress& progress) {
  validate(alliance);
  const std::size_t n = alliance.player_count();
  const T& eta = alliance.eta;
  const T normaliser = T(1) + T(n - 1) * eta;
  TruthTelling<T> out;
  out.continuation.reserve(n + 1);
  for (std::size_t k = 0; k <= n; ++k) {
    progress.check();
    out.continuation.push_back(constrained_policy(alliance, k));
  }
  std::vector<T> means;
  for (std::size_t k = 0; k <= n; ++k) means.push_back(posterior_mean<T>(k, n));
  // i's best response at its true count when the others play x*_{−i}(k_dev).
  auto deviation_action = [&](std::size_t i, std::size_t k_true, std::size_t k_dev) {
    const Continuation<T>& believed = out.continuation[k_dev];
    T x = normaliser * (means[k_true] + alliance.biases[i]) -
          eta * (believed.total - believed.action[i]);
    if (x < alliance.bounds[i].lo) x = alliance.bounds[i].lo;
    if (x > alliance.bounds[i].hi) x = alliance.bounds[i].hi;
    return x;
  };
  out.gain.assign(n, {T(0), T(0)});
  out.breakdown.resize(n);
  bool first = true;
  for (std::size_t i = 0; i < n; ++i) {
    progress.check();
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
        const T x = deviation_action(i, k_true, k_dev);
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
  const auto su = static_cast<std::size_t>(out.worst_signal);
  for (std::size_t j = 0; j < n; ++j) {
    out.witness_deviation.push_back(deviation_action(out.worst_player, j + su, j + 1 - su));
    out.witness_truthful.push_back(out.continuation[j + su].action[out.worst_player]);
  }
  return out;
}

template <class T>
FullRevelation<T> check_full_revelation(const Alliance<T>& alliance, Progress& progress) {
  FullRevelation<T> result{theorem2_test(alliance), verify_truth_telling(alliance, progress),
                           false};
  result.disagree = result.paper.paper_bounds && result.paper.holds != result.exact.fully_revealing;
  return result;
}

template TruthTelling<Rational> verify_truth_telling(const Alliance<Rational>&, Progress&);
template TruthTelling<double> verify_truth_telling(const Alliance<double>&, Progress&);
template FullRevelation<Rational> check_full_revelation(const Alliance<Rational>&, Progress&);
template FullRevelation<double> check_full_revelation(const Alliance<double>&, Progress&);

}  // namespace mechlab::alliance
