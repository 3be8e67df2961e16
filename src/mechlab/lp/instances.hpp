// Classic linear programmes with known exact answers, shared by the catalog,
// the tests and the benchmarks.
#pragma once

#include <cstdint>

#include "mechlab/lp/linear_program.hpp"

namespace mechlab::lp::instances {

// Chvatal, Linear Programming (1983), p. 13: max 5x1 + 4x2 + 3x3 subject to three
// <= rows. Optimum 13 at x = (2, 0, 1), row duals (1, 0, 1).
LinearProgram<Rational> chvatal();

// Beale (1955): the textbook example on which the simplex method with
// Dantzig's rule and lowest-index ties cycles. Optimum -1/20 at
// x4 = 1/25, x5 = 0, x6 = 1, x7 = 0; degenerate at the origin.
LinearProgram<Rational> beale();

// Klee-Minty cube in dimension n (Chvatal's form): max sum_j 10^(n-j) x_j,
// 2 sum_{j<i} 10^(i-j) x_j + x_i <= 100^(i-1). Optimum 100^(n-1) at x_n = 100^(n-1).
LinearProgram<Rational> klee_minty(int n);

// x + y <= 1 and x + y >= 2 with x, y >= 0: infeasible.
LinearProgram<Rational> infeasible_pair();

// max x + y subject to x - y <= 1, x, y >= 0: unbounded along (1, 1).
LinearProgram<Rational> unbounded_wedge();

// A feasible, bounded random programme with m rows and n columns: small
// integer coefficients (density about 1/2), x in [0, 10], rows a'x <= b with b
// chosen so that x = 1 is feasible. Seeded.
LinearProgram<Rational> random_bounded(int m, int n, std::uint64_t seed);

}  // namespace mechlab::lp::instances
