// Reading dynamic model files ("model": "dynamic"); see docs/formats.md.
#pragma once

#include "mechlab/dynamic/model.hpp"
#include "mechlab/io/json.hpp"

namespace mechlab::dynamic {

// Checks the header, labels, sizes (against options.memory_limit_bytes, with
// the reachable state counts), payoff and kernel tables, θ_0 and the order
// before any computation; InputError with the JSON pointer of the bad item.
template <class T>
Environment<T> read_environment(const io::Node& root, const io::ReadOptions& options = {});

}  // namespace mechlab::dynamic
