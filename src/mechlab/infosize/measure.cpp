#include "mechlab/infosize/measure.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string>

#include "mechlab/core/error.hpp"

namespace mechlab::infosize {

namespace {

// ‖ρ(a) − ρ(b)‖₁.
template <class T>
T posterior_distance(const SignalStructure<T>& s, std::size_t a, std::size_t b) {
  const auto x = s.rho(a);
  const auto y = s.rho(b);
  T d(0);
  for (std::size_t theta = 0; theta < s.states; ++theta) d += abs_of(T(x[theta] - y[theta]));
  return d;
}

// q_{a_i} · q_{a_i'} over the others' profiles.
template <class T>
T belief_dot(const SignalStructure<T>& s, std::size_t i, std::size_t a_i, std::size_t a_i2) {
  T dot(0);
  for (std::size_t a = 0; a < s.profile_count(); ++a) {
    if (s.profiles.digit(a, i) != a_i) continue;
    dot += s.belief(i, a) * s.belief(i, s.profiles.with_digit(a, i, a_i2));
  }
  return dot;
}

template <class T>
void require_positive_signal(const SignalStructure<T>& s, std::size_t i, std::size_t a_i) {
  if (s.q_signal[i][a_i] == T(0)) {
    throw InputError("/decomposition",
                     "a decomposition whose signals all have positive probability "
                     "(Q_{A_i}(a_i) > 0), so that beliefs are defined",
                     fmt::format("Q_{{A_i}} = 0 at signal {} of agent {}", s.d.signals[i][a_i],
                                 s.profiles.coordinate(i).name));
  }
}

}  // namespace

template <class T>
PairSize<T> informational_size(const SignalStructure<T>& s, std::size_t i, std::size_t truth,
                               std::size_t lie) {
  PairSize<T> pair;
  pair.agent = i;
  pair.truth = truth;
  pair.lie = lie;
  struct Point {
    T distance;
    T mass;
  };
  std::vector<Point> points;
  std::vector<std::size_t> missing;  // the lie profiles with Q_A = 0, for the message
  for (std::size_t a = 0; a < s.profile_count(); ++a) {
    if (s.profiles.digit(a, i) != truth) continue;
    const T m = s.belief(i, a);
    // Only a_{-i} that i thinks possible enter I_ε (and E); m > 0 implies Q_A(a) > 0.
    if (m == T(0)) continue;
    const std::size_t lied = s.profiles.with_digit(a, i, lie);
    if (!s.defined(a) || !s.defined(lied)) {
      pair.undefined.push_back(a);
      missing.push_back(s.defined(a) ? lied : a);
      continue;
    }
    const T d = posterior_distance(s, a, lied);
    pair.expected_move += m * d;
    // A point at distance 0 is never in I_ε (ε >= 0): it has no step.
    if (sign_of(d) > 0) points.push_back({d, m});
  }
  if (!missing.empty()) {
    const std::string more =
        missing.size() > 1 ? fmt::format(" (and {} more)", missing.size() - 1) : std::string();
    throw InputError("/decomposition",
                     "a decomposition whose posteriors ρ(a) are defined at every profile a "
                     "unilateral lie can reach (Q_A(a) > 0)",
                     fmt::format("Q_A = 0 at {}{}", s.profiles.cell_name(missing.front()), more));
  }
  std::sort(points.begin(), points.end(),
            [](const Point& x, const Point& y) { return x.distance > y.distance; });
  // Steps D_1 > D_2 > ... with cumulative masses G_j; equal distances (within
  // tolerance in double mode) share a step.
  T cumulative(0);
  for (const auto& p : points) {
    cumulative += p.mass;
    if (!pair.steps.empty() && nearly_equal(pair.steps.back().distance, p.distance)) {
      pair.steps.back().mass = cumulative;
    } else {
      pair.steps.push_back({p.distance, cumulative});
    }
  }
  // ν = min_{j=0..K} max(D_{j+1}, G_j), G_0 = 0, D_{K+1} = 0: g(ε) = G_j on
  // [D_{j+1}, D_j), so the first ε with g(ε) <= ε is a level or a jump point.
  const std::size_t k = pair.steps.size();
  pair.nu = k == 0 ? T(0) : pair.steps[0].distance;
  for (std::size_t j = 1; j <= k; ++j) {
    const T& level = pair.steps[j - 1].mass;
    const T next = j < k ? pair.steps[j].distance : T(0);
    const T candidate = level > next ? level : next;
    if (candidate < pair.nu) pair.nu = candidate;
  }
  return pair;
}

template <class T>
T g_at(const PairSize<T>& pair, const T& epsilon) {
  T g(0);
  for (const auto& step : pair.steps) {
    if (!(step.distance > epsilon)) break;
    g = step.mass;
  }
  return g;
}

template <class T>
T belief_norm_squared(const SignalStructure<T>& s, std::size_t i, std::size_t a_i) {
  return belief_dot(s, i, a_i, a_i);
}

template <class T>
RealOf<T> variability(const SignalStructure<T>& s, std::size_t i, std::size_t a_i,
                      std::size_t a_i2) {
  require_positive_signal(s, i, a_i);
  require_positive_signal(s, i, a_i2);
  // One square root of the product keeps Λ rational whenever ‖q‖₂‖q'‖₂ is
  // (in particular for mirror-image beliefs, as in Section 2).
  const T norms = belief_norm_squared(s, i, a_i) * belief_norm_squared(s, i, a_i2);
  const RealOf<T> cosine = to_real(belief_dot(s, i, a_i, a_i2)) / real_sqrt(norms);
  return RealOf<T>(T(2)) - RealOf<T>(T(2)) * cosine;
}

template <class T>
AgentMeasure<T> measure_agent(const SignalStructure<T>& s, std::size_t i) {
  AgentMeasure<T> m;
  m.agent = i;
  const std::size_t count = s.signal_count(i);
  for (std::size_t a_i = 0; a_i < count; ++a_i) {
    m.norms.push_back(real_sqrt(belief_norm_squared(s, i, a_i)));
  }
  for (std::size_t truth = 0; truth < count; ++truth) {
    for (std::size_t lie = 0; lie < count; ++lie) {
      if (lie == truth) continue;
      PairSize<T> pair = informational_size(s, i, truth, lie);
      if (m.pairs.empty() || pair.nu > m.nu) {
        m.nu = pair.nu;
        m.nu_at = {truth, lie};
      }
      if (m.pairs.empty() || pair.expected_move > m.expected_move) {
        m.expected_move = pair.expected_move;
      }
      m.pairs.push_back(std::move(pair));
    }
  }
  // Λ(a_i, a_i') is symmetric: one evaluation per unordered pair. An undecided
  // comparison counts as equal and keeps the first pair.
  for (std::size_t a_i = 0; a_i < count; ++a_i) {
    for (std::size_t a_i2 = a_i + 1; a_i2 < count; ++a_i2) {
      RealOf<T> lambda = variability(s, i, a_i, a_i2);
      if (!m.lambda || real_compare(lambda, *m.lambda) < 0) {
        m.lambda = std::move(lambda);
        m.lambda_at = {a_i, a_i2};
      }
    }
  }
  return m;
}

#define MECHLAB_INSTANTIATE(T)                                                                 \
  template PairSize<T> informational_size(const SignalStructure<T>&, std::size_t, std::size_t, \
                                          std::size_t);                                        \
  template T g_at(const PairSize<T>&, const T&);                                               \
  template T belief_norm_squared(const SignalStructure<T>&, std::size_t, std::size_t);         \
  template RealOf<T> variability(const SignalStructure<T>&, std::size_t, std::size_t,          \
                                 std::size_t);                                                 \
  template AgentMeasure<T> measure_agent(const SignalStructure<T>&, std::size_t);
MECHLAB_INSTANTIATE(Rational)
MECHLAB_INSTANTIATE(double)
#undef MECHLAB_INSTANTIATE

}  // namespace mechlab::infosize
