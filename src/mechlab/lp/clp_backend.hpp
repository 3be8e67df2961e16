// The floating-point solve, by COIN-OR Clp through its C++ API. Clp finds a
// basis fast; exact_basis.hpp then proves (or refutes) it in rationals.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "mechlab/lp/basis.hpp"
#include "mechlab/lp/linear_program.hpp"

namespace mechlab::lp {

enum class ClpStatus { optimal, infeasible, unbounded, stopped, failed };

struct ClpOutcome {
  ClpStatus status = ClpStatus::failed;
  Basis basis;            // meaningful when status == optimal
  std::vector<double> x;  // by column
  double objective = 0;   // including the constant
  int iterations = 0;
  std::string message;
};

struct ClpOptions {
  std::optional<double> time_limit_seconds;
  // Tighter tolerances and no scaling: the retry used when the exact check
  // refutes the first basis by a hair.
  bool careful = false;
};

ClpOutcome solve_with_clp(const LinearProgram<double>& lp, const ClpOptions& options = {});

}  // namespace mechlab::lp
