// Alliances shared by the alliance test suites (spec §3.3, §3.4, §4.3, §4.4).
#pragma once

#include <vector>

#include "mechlab/alliance/model.hpp"
#include "support.hpp"

namespace mechlab::alliance::test {

using mechlab::test::q;

// Section 5.1 (spec §4.3): n = 4, b = (1/20, 1/15, 1/12, 1/10), policy sets [0,1].
inline Alliance<Rational> section51(const Rational& eta) {
  return paper_alliance<Rational>(eta, {q(1, 20), q(1, 15), q(1, 12), q(1, 10)});
}

// The Theorem 2 "only if" counterexample (spec §0.2 item 1, §4.4): n = 6,
// η = 7/10, b = (3/100 ×5, hawk).
inline Alliance<Rational> necessity_counterexample(const Rational& hawk = q(1, 20)) {
  std::vector<Rational> biases(5, q(3, 100));
  biases.push_back(hawk);
  return paper_alliance<Rational>(q(7, 10), biases);
}

}  // namespace mechlab::alliance::test
