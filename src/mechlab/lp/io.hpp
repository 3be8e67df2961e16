// Reading LP model files ("model": "lp"), described in docs/formats.md.
#pragma once

#include "mechlab/io/json.hpp"
#include "mechlab/lp/linear_program.hpp"

namespace mechlab::lp {

// Validates everything before building: unknown keys, names, bounds, numbers,
// and the memory the exact certificate would need.
LinearProgram<Rational> read_lp(const io::Node& root, const io::ReadOptions& options = {});

// Bytes the certified solve of an m x n programme with nnz nonzeros may need
// (the dense exact basis matrix dominates).
double estimated_lp_bytes(std::size_t rows, std::size_t columns, std::size_t nonzeros);

}  // namespace mechlab::lp
