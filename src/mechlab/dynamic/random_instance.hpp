// Seeded random finite Markov environments: the §4.10 property battery of
// spec 004 (N = 3, T = 2, 2 types, 2 public states, 3 decisions, payoffs in
// {-9..9}, rational kernels depending on (θ^0, θ^k, x)) and larger shapes for
// benchmarks.
#pragma once

#include <cstddef>

#include "mechlab/core/rational.hpp"
#include "mechlab/core/rng.hpp"
#include "mechlab/dynamic/model.hpp"

namespace mechlab::dynamic::instances {

struct RandomShape {
  std::size_t agents = 3;
  std::size_t horizon = 2;
  std::size_t types = 2;      // labels per agent in every period t >= 1 (one label at t = 0)
  std::size_t publics = 2;    // public-state labels in every period t >= 1
  std::size_t decisions = 3;  // in every period
  int payoff_min = -9;
  int payoff_max = 9;
  // Kernel rows are integer weights in 0..weight_max over the next labels,
  // normalised (a zero row is redrawn), so probabilities are small fractions.
  int weight_max = 4;
};

// Deterministic in the Rng's state. In double the same rationals are rounded.
template <class T>
Environment<T> random_environment(Rng& rng, const RandomShape& shape);

extern template Environment<Rational> random_environment(Rng&, const RandomShape&);
extern template Environment<double> random_environment(Rng&, const RandomShape&);

}  // namespace mechlab::dynamic::instances
