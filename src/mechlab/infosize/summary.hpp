// Everything `mechlab infosize measure` reports about an instance: the
// decomposition's validation (Def. 2), and per agent ν_i, Λ_i, E‖Δρ‖ and, for
// every ordered pair of signals, the reward family's power S_i next to Lemma
// C's lower bound Λ_i/(2√|A|) (003 §4, spec §3.2–3.6).
#pragma once

#include <cstddef>
#include <vector>

#include "mechlab/core/certified_real.hpp"
#include "mechlab/core/progress.hpp"
#include "mechlab/infosize/instance.hpp"
#include "mechlab/infosize/measure.hpp"

namespace mechlab::infosize {

template <class T>
struct PairMeasure {
  RealOf<T> lambda;   // Λ_i(a_i, a_i')
  RealOf<T> power;    // S_i(a_i, a_i') of the instance's reward family
  RealOf<T> lemma_c;  // Λ_i(a_i, a_i') / (2√|A|): Lemma C's bound on the spherical power
};

template <class T>
struct SizeSummary {
  Validation<T> validation;
  std::vector<AgentMeasure<T>> agents;
  // pairs[i][k] belongs to agents[i].pairs[k].
  std::vector<std::vector<PairMeasure<T>>> pairs;
  T max_value = T(0);                   // M = max v_i(c, θ, t_i)
  std::size_t signal_profiles = 0;      // |A|
  T max_nu = T(0);                      // max_i ν_i
  std::optional<RealOf<T>> min_lambda;  // min_i Λ_i (nullopt: every |A_i| = 1)
};

// Throws InputError("/decomposition", ...) when a posterior ν needs is undefined.
// `progress` counts the agents and enforces --time-limit.
template <class T>
SizeSummary<T> summarize(const Instance<T>& instance, Progress& progress = Progress::none());

}  // namespace mechlab::infosize
