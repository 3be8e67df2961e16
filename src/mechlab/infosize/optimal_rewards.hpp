// The cheapest reward system by linear programming (003 spec §3.9 [ext]).
//
// Variables ζ_i(a) >= 0, one per agent and reported signal profile. For each
// agent i, signal a_i that some type sends and report r_i ≠ a_i, the stage-1
// constraint at the chosen level L is
//   Σ_{a_{-i}} Q(a_{-i} | a_i) [ζ_i(a_{-i}, a_i) − ζ_i(a_{-i}, r_i)] >= max_{t_i ∈ f_i^{-1}(a_i)}
//   G_i^L(t_i, r_i),
// so any feasible ζ makes truth-telling optimal at level L. The objective is
// the largest reward paid (compare with ε* of a scoring rule) or the expected
// outlay under truth-telling. Unlike a scoring rule the LP needs no Λ_i > 0:
// signals with identical beliefs are fine when the gains around every cycle
// among them are <= 0 — and when they are not, the LP's Farkas vector names
// the cycle. Solved and certified exactly by the foundation's LP layer.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "mechlab/core/progress.hpp"
#include "mechlab/infosize/certify.hpp"
#include "mechlab/infosize/reward.hpp"
#include "mechlab/lp/certified_solve.hpp"

namespace mechlab::infosize {

enum class RewardObjective {
  max_reward,  // minimise max_{i,a} ζ_i(a)
  outlay,      // minimise E Σ_i ζ_i(f(t)) under truth-telling
};

const char* objective_name(RewardObjective objective);  // "max", "outlay"

template <class T>
struct OptimalRewards {
  Level level = Level::pbe;
  RewardObjective objective = RewardObjective::max_reward;
  lp::LinearProgram<T> lp;
  lp::LpResult<T> result;
  // status == optimal: ζ_i(a) by agent and signal profile, its largest entry
  // and its expected outlay under truth-telling.
  std::vector<std::vector<T>> rewards;
  T max_reward = T(0);
  T outlay = T(0);
  std::vector<lp::NamedValue<T>> binding;  // rows at a bound, with duals
  std::vector<lp::NamedValue<T>> farkas;   // status == infeasible
  // The instance's reward family at its minimal scale ε*_L, for comparison:
  // ε*_L · max_{i,a} s_i(a) and ε*_L · E Σ_i s_i(f(t)); absent when ε*_L is infeasible.
  std::optional<RealOf<T>> family_max_reward;
  std::optional<RealOf<T>> family_outlay;
};

// Uses the certificate's gains; throws InputError("/decomposition", ...) when
// its preconditions (C0) fail, since the constraints are then undefined.
template <class T>
OptimalRewards<T> optimal_rewards(const Instance<T>& instance, const Certificate<T>& certificate,
                                  Level level, RewardObjective objective,
                                  Progress& progress = Progress::none());

}  // namespace mechlab::infosize
