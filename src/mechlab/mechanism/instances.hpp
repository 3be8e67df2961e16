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

// Single-item auction: bidders b1..bn with values 1..k (type labels "1".."k"),
// alternatives "keep", "to b1", ..., "to bn"; `prior` over type profiles
// (row-major), or uniform and independent when empty.
Environment<Rational> auction(std::size_t bidders, std::size_t k, std::vector<Rational> prior = {});

// Discretised Myerson: two bidders, values uniform on {1, ..., 5}.
Environment<Rational> myerson_grid();

// Crémer–McLean: two bidders, values {1, 2, 3}, P(t) ∝ 4, 2, 1 as |t1 − t2| = 0, 1, 2.
Environment<Rational> cremer_mclean();

// Myerson–Satterthwaite: buyer values {1, 3, 5}, seller costs {0, 2, 4},
// independent uniform; alternatives "no trade", "trade".
Environment<Rational> bilateral_trade();

}  // namespace mechlab::mechanism::instances
