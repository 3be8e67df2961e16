// Alliances and formatting shared by the 000 claims (alliance_claims.cpp,
// alliance_commitment_claims.cpp).
#pragma once

#include <fmt/format.h>

#include <cstddef>
#include <random>
#include <string>
#include <vector>

#include "mechlab/alliance/model.hpp"
#include "mechlab/core/rational.hpp"
#include "mechlab/core/rng.hpp"

namespace mechlab::catalog::alliance_fixtures {

// A rational shown with a fixed number of decimals, for comparisons with the
// paper's printed (rounded or truncated) numbers.
inline std::string decimal(const Rational& x, int digits) {
  return fmt::format("{:.{}f}", to_double(x), digits);
}

// Section 5.1 (spec §4.3): n = 4, b = (1/20, 1/15, 1/12, 1/10), policy sets [0,1].
inline alliance::Alliance<Rational> section51(const Rational& eta) {
  return alliance::paper_alliance<Rational>(
      eta, {fraction(1, 20), fraction(1, 15), fraction(1, 12), fraction(1, 10)});
}

// Spec §4.4: n = 6, η = 7/10, b = (3/100 ×5, hawk).
inline alliance::Alliance<Rational> necessity_counterexample(const Rational& hawk) {
  std::vector<Rational> biases(5, fraction(3, 100));
  biases.push_back(hawk);
  return alliance::paper_alliance<Rational>(fraction(7, 10), biases);
}

// The spec's random test range (§3.6): η ∈ {1/20, …, 19/20}, biases in
// [−1/10, 1/5] on a 1/200 grid, policy sets [0,1]; n players, or a size drawn
// from 2..7 when n = 0.
inline alliance::Alliance<Rational> random_alliance(Rng& rng, std::size_t n) {
  std::uniform_int_distribution<std::size_t> size(2, 7);
  std::uniform_int_distribution<long> eta_draw(1, 19);
  std::uniform_int_distribution<long> bias_draw(-20, 40);
  if (n == 0) n = size(rng);
  std::vector<Rational> biases;
  for (std::size_t i = 0; i < n; ++i) biases.push_back(fraction(bias_draw(rng), 200));
  return alliance::paper_alliance<Rational>(fraction(eta_draw(rng), 20), biases);
}

}  // namespace mechlab::catalog::alliance_fixtures
