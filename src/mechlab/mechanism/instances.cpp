#include "mechlab/mechanism/instances.hpp"

#include <fmt/format.h>

#include <string>

namespace mechlab::mechanism::instances {

Environment<Rational> appendix_e() {
  Environment<Rational> e;
  e.agents = {"a1", "a2", "a3"};
  e.types = {{"L", "H"}, {"L", "H"}, {"-"}};
  e.alternatives = {"N", "S", "B"};
  // values[i][c·|T_i| + t_i] (one state).
  e.values = {{0, 0, 10, 20, 20, 32}, {0, 0, 0, 0, 5, 10}, {0, -10, -30}};
  e.prior.assign(4, fraction(1, 4));
  return e;
}

Environment<Rational> three_bidders() { return auction(3, 3); }

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
        e.prior.push_back(fraction(a * b, 200));
      }
    }
  }
  return e;
}

Environment<Rational> auction(std::size_t bidders, std::size_t k, std::vector<Rational> prior) {
  Environment<Rational> e;
  e.alternatives = {"keep"};
  std::size_t profiles = 1;
  for (std::size_t i = 0; i < bidders; ++i) {
    e.agents.push_back(fmt::format("b{}", i + 1));
    // fmt rather than operator+: GCC 12 warns falsely (-Wrestrict) on "to b" + std::string.
    e.alternatives.push_back(fmt::format("to b{}", i + 1));
    e.types.emplace_back();
    for (std::size_t t = 1; t <= k; ++t) e.types.back().push_back(std::to_string(t));
    profiles *= k;
  }
  for (std::size_t i = 0; i < bidders; ++i) {
    std::vector<Rational> v((bidders + 1) * k, Rational(0));
    for (std::size_t t = 0; t < k; ++t) v[(i + 1) * k + t] = Rational(static_cast<long>(t + 1));
    e.values.push_back(std::move(v));
  }
  if (prior.empty()) prior.assign(profiles, fraction(1, static_cast<long>(profiles)));
  e.prior = std::move(prior);
  return e;
}

Environment<Rational> myerson_grid() { return auction(2, 5); }

Environment<Rational> cremer_mclean() {
  std::vector<Rational> prior;
  for (long a = 0; a < 3; ++a) {
    for (long b = 0; b < 3; ++b) {
      const long d = a > b ? a - b : b - a;
      prior.push_back(fraction(d == 0 ? 4 : (d == 1 ? 2 : 1), 22));
    }
  }
  return auction(2, 3, std::move(prior));
}

Environment<Rational> bilateral_trade() {
  Environment<Rational> e;
  e.agents = {"buyer", "seller"};
  e.types = {{"1", "3", "5"}, {"0", "2", "4"}};
  e.alternatives = {"no trade", "trade"};
  e.values = {{0, 0, 0, 1, 3, 5}, {0, 0, 0, 0, -2, -4}};
  e.prior.assign(9, fraction(1, 9));
  return e;
}

}  // namespace mechlab::mechanism::instances
