// Small builders shared by the disclosure tests.
#pragma once

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

}  // namespace mechlab::disclosure::fixtures
