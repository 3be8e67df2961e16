// Reading finite joint distributions ("model": "distribution"), the core's own
// model file: labelled coordinates and one probability per cell, row-major.
#pragma once

#include "mechlab/core/distribution.hpp"
#include "mechlab/io/json.hpp"

namespace mechlab::io {

IndexSpace read_index_space(const Node& coordinates);

// Checks the memory needed for `cells` numbers of type T against the limit.
void require_cells_fit(const Node& where, std::size_t cells, std::size_t bytes_per_cell,
                       const ReadOptions& options);

template <class T>
Distribution<T> read_distribution(const Node& root, const ReadOptions& options = {});

extern template Distribution<Rational> read_distribution(const Node&, const ReadOptions&);
extern template Distribution<double> read_distribution(const Node&, const ReadOptions&);

}  // namespace mechlab::io
