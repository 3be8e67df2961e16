#include "mechlab/infosize/reward.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "mechlab/core/error.hpp"
#include "mechlab/infosize/measure.hpp"

namespace mechlab::infosize {

namespace {

template <class T>
RealOf<T> belief_norm(const SignalStructure<T>& s, std::size_t i, std::size_t a_i) {
  const T squared = belief_norm_squared(s, i, a_i);
  if (squared == T(0)) {
    throw InputError("/decomposition",
                     "a decomposition whose signals all have positive probability "
                     "(Q_{A_i}(a_i) > 0), so that the spherical score is defined",
                     fmt::format("Q_{{A_i}} = 0 at signal {} of agent {}", s.d.signals[i][a_i],
                                 s.profiles.coordinate(i).name));
  }
  return real_sqrt(squared);
}

// The scores that stay in T (all but the spherical one).
template <class T>
T rational_score(const SignalStructure<T>& s, const RewardSystem<T>& reward, std::size_t i,
                 std::size_t a) {
  switch (reward.family) {
    case RewardFamily::quadratic: {
      const std::size_t r_i = s.profiles.digit(a, i);
      return (T(2) * s.belief(i, a) - belief_norm_squared(s, i, r_i) + T(1)) / T(2);
    }
    case RewardFamily::majority: {
      // Labels, not indices: agents may list their signals in different orders.
      const std::size_t n = s.agent_count();
      const std::string& mine = s.d.signals[i][s.profiles.digit(a, i)];
      std::size_t agree = 0;
      for (std::size_t j = 0; j < n; ++j) {
        if (j != i && s.d.signals[j][s.profiles.digit(a, j)] == mine) ++agree;
      }
      return agree >= n / 2 ? T(1) : T(0);  // ⌈(n−1)/2⌉ = ⌊n/2⌋
    }
    case RewardFamily::table: {
      if (reward.table.size() != s.agent_count() || reward.table[i].size() != s.profile_count()) {
        throw InputError("/reward/table",
                         fmt::format("one score per signal profile ({}) for each of the {} agents",
                                     s.profile_count(), s.agent_count()),
                         fmt::format("{} rows", reward.table.size()));
      }
      const T& score = reward.table[i][a];
      if (sign_of(score) < 0 || sign_of(T(score - T(1))) > 0) {
        throw InputError(fmt::format("/reward/table/{}/{}", i, a), "a unit score in [0, 1]",
                         NumberTraits<T>::to_text(score));
      }
      return score;
    }
    case RewardFamily::spherical: break;
  }
  throw InternalError("rational_score: the spherical score is not rational");
}

}  // namespace

const char* reward_name(RewardFamily family) {
  switch (family) {
    case RewardFamily::spherical: return "spherical";
    case RewardFamily::quadratic: return "quadratic";
    case RewardFamily::majority: return "majority";
    case RewardFamily::table: return "table";
  }
  return "unknown";
}

template <class T>
RealOf<T> unit_score(const SignalStructure<T>& s, const RewardSystem<T>& reward, std::size_t i,
                     std::size_t a) {
  if (reward.family == RewardFamily::spherical) {
    return to_real(s.belief(i, a)) / belief_norm(s, i, s.profiles.digit(a, i));
  }
  return to_real(rational_score(s, reward, i, a));
}

template <class T>
RealOf<T> power(const SignalStructure<T>& s, const RewardSystem<T>& reward, std::size_t i,
                std::size_t truth, std::size_t lie) {
  if (reward.family == RewardFamily::spherical) {
    // S = ‖q_a‖₂ − q_a·q_r/‖q_r‖₂ = ½‖q_a‖₂Λ(a, r). This form is a sum of two
    // surds, like (hence exact) whenever ‖q_a‖₂/‖q_r‖₂ is rational, which is
    // also exactly when Λ is; the product form would lose exactness otherwise.
    if (truth == lie) return RealOf<T>(T(0));
    T dot(0);
    for (std::size_t a = 0; a < s.profile_count(); ++a) {
      if (s.profiles.digit(a, i) != truth) continue;
      dot += s.belief(i, a) * s.belief(i, s.profiles.with_digit(a, i, lie));
    }
    return real_sqrt(belief_norm_squared(s, i, truth)) - to_real(dot) / belief_norm(s, i, lie);
  }
  T total(0);
  for (std::size_t a = 0; a < s.profile_count(); ++a) {
    if (s.profiles.digit(a, i) != truth) continue;
    const T m = s.belief(i, a);
    if (m == T(0)) continue;
    total += m * (rational_score(s, reward, i, a) -
                  rational_score(s, reward, i, s.profiles.with_digit(a, i, lie)));
  }
  return to_real(total);
}

template <class T>
RealOf<T> expected_unit_outlay(const SignalStructure<T>& s, const RewardSystem<T>& reward) {
  const std::size_t n = s.agent_count();
  if (reward.family == RewardFamily::spherical) {
    // Σ_{a_{-i}} Q_A(a) q_{a_i}(a_{-i})/‖q_{a_i}‖₂ = Q_{A_i}(a_i)‖q_{a_i}‖₂.
    auto total = to_real(T(0));
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t a_i = 0; a_i < s.signal_count(i); ++a_i) {
        if (s.q_signal[i][a_i] == T(0)) continue;
        total += to_real(s.q_signal[i][a_i]) * real_sqrt(belief_norm_squared(s, i, a_i));
      }
    }
    return total;
  }
  T total(0);
  for (std::size_t a = 0; a < s.profile_count(); ++a) {
    if (s.q_profile[a] == T(0)) continue;
    for (std::size_t i = 0; i < n; ++i) total += s.q_profile[a] * rational_score(s, reward, i, a);
  }
  return to_real(total);
}

template <class T>
std::vector<std::size_t> agents_without_shared_labels(const SignalStructure<T>& s) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < s.agent_count(); ++i) {
    bool shared = false;
    for (std::size_t j = 0; j < s.agent_count() && !shared; ++j) {
      if (j == i) continue;
      for (const auto& label : s.d.signals[i]) {
        if (std::find(s.d.signals[j].begin(), s.d.signals[j].end(), label) !=
            s.d.signals[j].end()) {
          shared = true;
          break;
        }
      }
    }
    if (!shared) out.push_back(i);
  }
  return out;
}

#define MECHLAB_INSTANTIATE(T)                                                                  \
  template std::vector<std::size_t> agents_without_shared_labels(const SignalStructure<T>&);    \
  template RealOf<T> unit_score(const SignalStructure<T>&, const RewardSystem<T>&, std::size_t, \
                                std::size_t);                                                   \
  template RealOf<T> power(const SignalStructure<T>&, const RewardSystem<T>&, std::size_t,      \
                           std::size_t, std::size_t);                                           \
  template RealOf<T> expected_unit_outlay(const SignalStructure<T>&, const RewardSystem<T>&);
MECHLAB_INSTANTIATE(Rational)
MECHLAB_INSTANTIATE(double)
#undef MECHLAB_INSTANTIATE

}  // namespace mechlab::infosize
