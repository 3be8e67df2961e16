// Reading dynamic model files ("model": "dynamic"); see docs/formats.md.
#pragma once

#include "mechlab/dynamic/model.hpp"
#include "mechlab/io/json.hpp"

namespace mechlab::dynamic {

// Checks the header, labels, sizes (against options.memory_limit_bytes: the
// efficient solver's (2N + 2)·Σ_t |Θ_t| numbers plus the dense payoff and
// kernel tables), payoff and kernel tables, θ_0 and the order before any
// computation; InputError with the JSON pointer of the bad item. Ends with
// validate().
template <class T>
Environment<T> read_environment(const io::Node& root, const io::ReadOptions& options = {});

extern template Environment<Rational> read_environment(const io::Node&, const io::ReadOptions&);
extern template Environment<double> read_environment(const io::Node&, const io::ReadOptions&);

}  // namespace mechlab::dynamic
