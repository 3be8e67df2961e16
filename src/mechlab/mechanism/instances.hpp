// Small environments with known answers, shared by the catalog, the tests and
// the bundled examples (examples/mechanism/*.json hold the same data; a test
// checks that they agree).
#pragma once

#include "mechlab/mechanism/model.hpp"

namespace mechlab::mechanism::instances {

// 004 Appendix E (§4.5 of the spec): agents 1, 2 with types {L, H} uniform,
// agent 3 with one type; alternatives N, S, B in the order "invest only if
// strictly beneficial" (ties go to the smaller investment).
Environment<Rational> appendix_e();

// Single item, three bidders with values {1, 2, 3} uniform and independent;
// alternatives "keep", "to b1", "to b2", "to b3".
Environment<Rational> three_bidders();

// Two bidders, states {low, high} uniform, one signal each that matches the
// state with probability 9/10 (conditionally independent); b1 values the item
// 2 or 6 by state, b2 values it (1, 3) or (5, 7) by state and own signal.
Environment<Rational> interdependent_pair();

}  // namespace mechlab::mechanism::instances
