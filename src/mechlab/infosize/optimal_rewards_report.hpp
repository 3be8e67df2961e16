// Renderers for the reward LP (`mechlab infosize rewards`).
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>

#include "mechlab/infosize/optimal_rewards.hpp"

namespace mechlab::infosize {

template <class T>
nlohmann::json to_json(const Instance<T>& instance, const OptimalRewards<T>& rewards);

// `show`: rows listed per table (rewards, binding constraints, Farkas rows).
template <class T>
std::string to_text(const Instance<T>& instance, const OptimalRewards<T>& rewards,
                    std::size_t show);

}  // namespace mechlab::infosize
