// Helpers shared by the GoogleTest suites under tests/: exact numbers, expected
// input errors, substring checks and small hand-built linear programmes.
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "mechlab/core/error.hpp"
#include "mechlab/core/rational.hpp"
#include "mechlab/lp/linear_program.hpp"

namespace mechlab::test {

// The rational p/d in canonical form (lowest terms, positive denominator), so
// that it compares equal to what the library computes.
inline Rational q(long p, long d = 1) { return fraction(p, d); }

// Runs f, expects it to throw an InputError and returns that error for further
// checks. Adds a test failure (and returns a placeholder) when f throws none.
template <class F>
InputError input_error(F&& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e;
  }
  ADD_FAILURE() << "expected an InputError";
  return InputError("<none>", "<none>");
}

// Whether `needle` occurs in `haystack`.
inline bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// max x + y  s.t.  2x + 5y <= rhs1,  5x + 2y <= rhs2,  x, y >= 0 (min -x - y for
// Sense::minimize). With both right-hand sides 1 the rows meet at (1/7, 1/7):
// optimum 2/7 with duals (1/7, 1/7).
inline lp::LinearProgram<Rational> two_sevenths(lp::Sense sense = lp::Sense::maximize,
                                                Rational rhs1 = q(1), Rational rhs2 = q(1)) {
  const Rational c = sense == lp::Sense::maximize ? q(1) : q(-1);
  lp::LinearProgram<Rational> programme;
  programme.name = "two-sevenths";
  programme.sense = sense;
  programme.add_column("x", q(0), std::nullopt, c);
  programme.add_column("y", q(0), std::nullopt, c);
  programme.add_row("r1", {{0, q(2)}, {1, q(5)}}, std::nullopt, rhs1);
  programme.add_row("r2", {{0, q(5)}, {1, q(2)}}, std::nullopt, rhs2);
  return programme;
}

}  // namespace mechlab::test
