// An informational-size model: a finite social choice problem (the static
// mechanism engine's Problem), an information decomposition of its prior, and
// a reward family (003 §3–6).
#pragma once

#include <string>

#include "mechlab/infosize/decomposition.hpp"
#include "mechlab/infosize/reward.hpp"
#include "mechlab/mechanism/model.hpp"

namespace mechlab::infosize {

template <class T>
struct Instance {
  mechanism::Problem<T> problem;
  SignalStructure<T> signals;
  RewardSystem<T> reward;
  // How the decomposition was obtained: "given" (Q from the file),
  // "pushforward" (A_i, f_i given, Q = pushforward of P), "coarsest", "trivial".
  std::string decomposition_source = "pushforward";
};

}  // namespace mechlab::infosize
