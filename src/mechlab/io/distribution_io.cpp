#include "mechlab/io/distribution_io.hpp"

#include <fmt/format.h>

#include "mechlab/core/error.hpp"

namespace mechlab::io {

IndexSpace read_index_space(const Node& coordinates) {
  std::vector<Coordinate> coords;
  for (const Node& c : coordinates.nonempty_items("a non-empty array of coordinates")) {
    c.allow_only({"name", "labels"});
    Coordinate coord;
    coord.name = c.at("name").as_string();
    for (const Node& l : c.at("labels").nonempty_items("a non-empty array of labels")) {
      coord.labels.push_back(l.as_string());
    }
    coords.push_back(std::move(coord));
  }
  try {
    return IndexSpace(std::move(coords));
  } catch (const InputError& e) {
    // IndexSpace names "/coordinates/..."; re-root it at this node's parent.
    const std::string& p = coordinates.pointer();
    throw e.with_prefix(p.substr(0, p.rfind('/')));
  }
}

void require_cells_fit(const Node& where, std::size_t cells, std::size_t bytes_per_cell,
                       const ReadOptions& options) {
  const double bytes = static_cast<double>(cells) * static_cast<double>(bytes_per_cell);
  if (bytes > static_cast<double>(options.memory_limit_bytes)) {
    where.fail(fmt::format("an instance within the memory limit of {} (--memory-limit)",
                           format_bytes(static_cast<double>(options.memory_limit_bytes))),
               fmt::format("{} cells needing about {}", cells, format_bytes(bytes)));
  }
}

template <class T>
Distribution<T> read_distribution(const Node& root, const ReadOptions& options) {
  require_header(root, "distribution");
  root.allow_only({"model", "version", "coordinates", "probabilities"});
  IndexSpace space = read_index_space(root.at("coordinates"));
  // Rationals cost their 32-byte header plus limbs; count 64 bytes a cell.
  require_cells_fit(root.at("coordinates"), space.size(), NumberTraits<T>::exact ? 64 : 8, options);
  const Node probs = root.at("probabilities");
  const auto items = probs.items("an array of probabilities, one per cell (row-major)");
  if (items.size() != space.size()) {
    probs.fail(fmt::format("{} probabilities, one per cell (row-major)", space.size()),
               fmt::format("{}", items.size()));
  }
  std::vector<T> p;
  p.reserve(items.size());
  for (const Node& x : items) {
    if constexpr (NumberTraits<T>::exact) {
      p.push_back(x.as_rational());
    } else {
      p.push_back(x.as_double());
    }
  }
  return Distribution<T>(std::move(space), std::move(p), probs.pointer());
}

template Distribution<Rational> read_distribution(const Node&, const ReadOptions&);
template Distribution<double> read_distribution(const Node&, const ReadOptions&);

}  // namespace mechlab::io
