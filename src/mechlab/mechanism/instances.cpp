#include "mechlab/mechanism/instances.hpp"

namespace mechlab::mechanism::instances {

namespace {

Rational r(long p, long q = 1) {
  Rational x(p, q);
  x.canonicalize();
  return x;
}

}  // namespace

Environment<Rational> appendix_e() {
  Environment<Rational> e;
  e.agents = {"a1", "a2", "a3"};
  e.types = {{"L", "H"}, {"L", "H"}, {"-"}};
  e.alternatives = {"N", "S", "B"};
  // values[i][c·|T_i| + t_i] (one state).
  e.values = {{0, 0, 10, 20, 20, 32}, {0, 0, 0, 0, 5, 10}, {0, -10, -30}};
  e.prior.assign(4, r(1, 4));
  return e;
}

Environment<Rational> three_bidders() {
  Environment<Rational> e;
  e.agents = {"b1", "b2", "b3"};
  e.types = {{"1", "2", "3"}, {"1", "2", "3"}, {"1", "2", "3"}};
  e.alternatives = {"keep", "to b1", "to b2", "to b3"};
  for (std::size_t i = 0; i < 3; ++i) {
    std::vector<Rational> v(std::size_t{12}, Rational(0));  // 4 alternatives × 3 types
    for (std::size_t t = 0; t < 3; ++t) v[(i + 1) * 3 + t] = Rational(static_cast<long>(t + 1));
    e.values.push_back(std::move(v));
  }
  e.prior.assign(27, r(1, 27));
  return e;
}

Environment<Rational> interdependent_pair() {
  Environment<Rational> e;
  e.agents = {"b1", "b2"};
  e.types = {{"l", "h"}, {"l", "h"}};
  e.states = {"low", "high"};
  e.alternatives = {"to b1", "to b2"};
  // values[i][(c·|Θ| + θ)·|T_i| + t_i].
  e.values = {{2, 2, 6, 6, 0, 0, 0, 0}, {0, 0, 0, 0, 1, 3, 5, 7}};
  // P(θ, s1, s2) = 1/2 · P(s1|θ) · P(s2|θ), accuracy 9/10.
  for (int theta = 0; theta < 2; ++theta) {
    for (int s1 = 0; s1 < 2; ++s1) {
      for (int s2 = 0; s2 < 2; ++s2) {
        const long a = s1 == theta ? 9 : 1;
        const long b = s2 == theta ? 9 : 1;
        e.prior.push_back(r(a * b, 200));
      }
    }
  }
  return e;
}

}  // namespace mechlab::mechanism::instances
