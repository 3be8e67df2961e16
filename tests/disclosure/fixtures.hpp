// Small builders shared by the disclosure tests.
#pragma once

#include <cstddef>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "mechlab/core/rational.hpp"
#include "mechlab/disclosure/model.hpp"

namespace mechlab::disclosure::fixtures {

using Vec = std::vector<Rational>;

// Independent pmf of two members, member 0 slowest.
inline Vec product(const Vec& a, const Vec& b) {
  Vec out;
  for (const auto& x : a) {
    for (const auto& y : b) out.emplace_back(x * y);
  }
  return out;
}

// A team with members named "1".."N".
inline Team<Rational> team_of(std::vector<Vec> values, Vec prior) {
  Team<Rational> team;
  for (std::size_t i = 0; i < values.size(); ++i) team.members.push_back(std::to_string(i + 1));
  team.values = std::move(values);
  team.prior = std::move(prior);
  return team;
}

// A strictly increasing list of m outcome values: the first is 0, or a draw
// from {−1, 0, 1} when `shifted`; then steps drawn from {1, 2, 3}.
template <class Rng>
Vec random_values(Rng& rng, std::size_t m, bool shifted) {
  std::uniform_int_distribution<long> step(1, 3);
  Vec v{shifted ? fraction(step(rng) - 2) : Rational(0)};
  for (std::size_t k = 1; k < m; ++k) v.emplace_back(v.back() + fraction(step(rng)));
  return v;
}

// A full-support pmf on `cells` cells: integer weights 1..9, normalised.
template <class Rng>
Vec random_pmf(Rng& rng, std::size_t cells) {
  std::uniform_int_distribution<long> weight(1, 9);
  Vec pmf;
  Rational total(0);
  for (std::size_t c = 0; c < cells; ++c) {
    pmf.push_back(fraction(weight(rng)));
    total += pmf.back();
  }
  for (auto& f : pmf) f /= total;
  return pmf;
}

}  // namespace mechlab::disclosure::fixtures
