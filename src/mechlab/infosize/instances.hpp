// The spec's test-vector instances (003 spec §4), built exactly; shared by the
// catalog, the tests and examples/infosize (a test checks the files agree).
#pragma once

#include <cstddef>
#include <utility>
#include <vector>

#include "mechlab/core/rng.hpp"
#include "mechlab/infosize/instance.hpp"

namespace mechlab::infosize::instances {

// Section 2 (TV1–TV4): n agents, states θ1, θ2 equally likely, signals a1, a2
// conditionally i.i.d. with P(a1 | θ1) = P(a2 | θ2) = ρ; agent i's value types
// values[i] = {(v¹, v²), ...} uniform and independent of the signals; the
// alternatives award the object to one agent ("to 1", ...). Types are labelled
// "a1" (one value type) or "a1(v1,v2)". The decomposition is the signal
// projection with the pushforward Q (spherical reward).
using ValuePair = std::pair<Rational, Rational>;
Instance<Rational> section2(const Rational& rho, const std::vector<std::vector<ValuePair>>& values);

// TV2 (ρ = 9/10) and TV3 (ρ = 7/10) values: (2,10), (4,8), (3,9).
Instance<Rational> tv2(const Rational& rho);
// TV4: two value types per agent, ρ = 9/10.
Instance<Rational> tv4();
// TV5: two agents, correlated signals, trivial decomposition; PBE < pointwise.
Instance<Rational> tv5();

// A random correlated instance for property checks and benchmarks: types are
// signals (trivial decomposition), Q(θ, a) ∝ integer weights in 1..weight_max
// (full support), alternatives "c1".."ck", values v_i(c, θ, t_i) integers in
// 0..value_max. Deterministic in the Rng's state.
struct RandomShape {
  std::size_t agents = 2;
  std::size_t signals = 2;  // per agent
  std::size_t states = 2;
  std::size_t alternatives = 2;
  long weight_max = 9;
  long value_max = 10;
};
Instance<Rational> random_instance(Rng& rng, const RandomShape& shape);

}  // namespace mechlab::infosize::instances
