#include "mechlab/infosize/optimal_rewards.hpp"

#include <fmt/format.h>

#include <map>
#include <tuple>
#include <utility>

#include "mechlab/core/error.hpp"

namespace mechlab::infosize {

const char* objective_name(RewardObjective objective) {
  switch (objective) {
    case RewardObjective::max_reward: return "max";
    case RewardObjective::outlay: return "outlay";
  }
  return "?";
}

template <class T>
OptimalRewards<T> optimal_rewards(const Instance<T>& instance, const Certificate<T>& certificate,
                                  Level level, RewardObjective objective, Progress& progress) {
  if (!certificate.preconditions.hold() || certificate.undefined_constraints > 0) {
    throw InputError("/decomposition",
                     "an instance whose preconditions (C0) hold, so that every stage-1 "
                     "constraint of the reward LP is defined",
                     "(C0) fails (see `mechlab infosize certify`)");
  }
  const auto& s = instance.signals;
  const auto& agents = instance.problem.env.agents;
  const std::size_t n = s.agent_count();
  const std::size_t size = s.profile_count();
  OptimalRewards<T> out;
  out.level = level;
  out.objective = objective;
  lp::LinearProgram<T>& lp = out.lp;
  lp.name = fmt::format("optimal_rewards_{}_{}", objective_name(objective), level_name(level));
  // ζ_i(a): column i·|A| + a.
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t a = 0; a < size; ++a) {
      const T weight = objective == RewardObjective::outlay ? s.q_profile[a] : T(0);
      lp.add_column(fmt::format("zeta[agent={},{}]", agents[i], s.profiles.cell_name(a)), T(0),
                    std::nullopt, weight);
    }
  }
  // The right-hand sides: the largest gain over the types sending a_i.
  std::map<std::tuple<std::size_t, std::size_t, std::size_t>, T> need;
  for (const auto& c : certificate.constraints) {
    const auto gain = c.gain(level);
    if (!gain) continue;  // one-stage: no type reports r_i
    const auto key = std::make_tuple(c.agent, c.truth, c.report);
    const auto it = need.find(key);
    if (it == need.end() || *gain > it->second) need[key] = *gain;
  }
  for (const auto& [key, gain] : need) {
    progress.check();
    const auto [i, truth, report] = key;
    std::vector<lp::Term<T>> terms;
    for (std::size_t a = 0; a < size; ++a) {
      if (s.profiles.digit(a, i) != truth) continue;
      const T belief = s.belief(i, a);
      if (sign_of(belief) == 0) continue;
      terms.push_back({i * size + a, belief});
      terms.push_back({i * size + s.profiles.with_digit(a, i, report), T(-belief)});
    }
    lp.add_row(fmt::format("IC[agent={},signal={},report={}]", agents[i], s.d.signals[i][truth],
                           s.d.signals[i][report]),
               std::move(terms), gain, std::nullopt);
  }
  if (objective == RewardObjective::max_reward) {
    const std::size_t z = lp.add_column("max_reward", T(0), std::nullopt, T(1));
    for (std::size_t k = 0; k < n * size; ++k) {
      lp.add_row(fmt::format("cap[{}]", lp.columns[k].name), {{k, T(1)}, {z, T(-1)}}, std::nullopt,
                 T(0));
    }
  }
  const MinimalScale<T>& scale = certificate.scale(level);
  if (scale.status == ScaleStatus::feasible) {
    RealOf<T> top = to_real(T(0));
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t a = 0; a < size; ++a) {
        const RealOf<T> score = unit_score(s, instance.reward, i, a);
        if (real_compare(score, top) > 0) top = score;
      }
    }
    out.family_max_reward = scale.value * top;
    out.family_outlay = scale.value * expected_unit_outlay(s, instance.reward);
  }
  out.result = lp::solve(lp, progress);
  out.binding = lp::binding_rows(lp, out.result);
  out.farkas = lp::farkas_rows(lp, out.result);
  if (out.result.status != lp::SolveStatus::optimal) return out;
  out.rewards.assign(n, std::vector<T>(size, T(0)));
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t a = 0; a < size; ++a) {
      const T& zeta = out.result.x[i * size + a];
      out.rewards[i][a] = zeta;
      if (zeta > out.max_reward) out.max_reward = zeta;
      out.outlay += s.q_profile[a] * zeta;
    }
  }
  return out;
}

template OptimalRewards<Rational> optimal_rewards(const Instance<Rational>&,
                                                  const Certificate<Rational>&, Level,
                                                  RewardObjective, Progress&);
template OptimalRewards<double> optimal_rewards(const Instance<double>&, const Certificate<double>&,
                                                Level, RewardObjective, Progress&);

}  // namespace mechlab::infosize
