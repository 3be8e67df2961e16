// Renderers for replica sweeps (`mechlab infosize replica`).
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "mechlab/infosize/replica.hpp"

namespace mechlab::infosize {

nlohmann::json to_json(const Rational& rho, const std::vector<ReplicaPoint>& points);
std::string to_text(const Rational& rho, const std::vector<ReplicaPoint>& points);

}  // namespace mechlab::infosize
