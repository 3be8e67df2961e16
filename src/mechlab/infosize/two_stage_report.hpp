// Renderers for the two-stage game Γ(D, Z) (`mechlab infosize game`): the
// posted posteriors and, for one stage-1 deviation, every information set with
// its consistent profiles, beliefs, truthful report and exact best reply.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

#include "mechlab/infosize/two_stage.hpp"

namespace mechlab::infosize {

template <class T>
nlohmann::json to_json(const Instance<T>& instance, const PostedPosteriors<T>& posted,
                       const std::optional<StageOneReport<T>>& deviation);

template <class T>
std::string to_text(const Instance<T>& instance, const PostedPosteriors<T>& posted,
                    const std::optional<StageOneReport<T>>& deviation);

}  // namespace mechlab::infosize
