// Reading informational-size model files ("model": "infosize"); see
// docs/formats.md. The environment part is the mechanism family's; the
// decomposition and the reward family are added here.
#pragma once

#include <optional>

#include "mechlab/infosize/instance.hpp"
#include "mechlab/io/json.hpp"

namespace mechlab::infosize {

template <class T>
struct Model {
  Instance<T> instance;
  std::optional<T> scale;  // "scale": the reward scale ε for budget metrics, if given
};

// Checks the header, sizes against --memory-limit, the decomposition's shapes
// and the reward table before any computation; InputError with the JSON pointer.
template <class T>
Model<T> read_model(const io::Node& root, const io::ReadOptions& options = {});

}  // namespace mechlab::infosize
