// Transfer rules built directly in the tests (independent of mechanisms.cpp):
// GUM through gum_transfer, a reference BTM written from spec §3.5 (public
// state first), constant payments that are not budget-balanced, and Example
// 5.1's alternating report strategy.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "mechlab/dynamic/efficient.hpp"
#include "mechlab/dynamic/evaluate.hpp"
#include "mechlab/dynamic/gum.hpp"
#include "mechlab/dynamic/model.hpp"
#include "mechlab/dynamic/random_instance.hpp"
#include "mechlab/dynamic/transfers.hpp"

namespace mechlab::dynamic::reference {

template <class T>
TransferRule<T> gum_rule(const Problem<T>& problem, const Efficient<T>& e) {
  return [&problem, &e](std::size_t t, std::size_t p, std::size_t c) {
    return gum_transfer(problem, e, t, p, c).y;
  };
}

// g_t^i = Σ_{j≠i} (G_t^j[{0,i}] − G_t^j[{0}]), y^i = g^i − (1/(N−1)) Σ_{j≠i} g^j.
template <class T>
TransferRule<T> btm_reference(const Problem<T>& problem, const Efficient<T>& e) {
  return [&problem, &e](std::size_t t, std::size_t p, std::size_t c) {
    const std::size_t n = problem.agent_count();
    std::vector<bool> updated(n + 1, false);
    updated[0] = true;
    const std::vector<T> base = partial_expectation(problem, e, t, p, c, updated);
    std::vector<T> g(n, T(0));
    T total = T(0);
    for (std::size_t i = 0; i < n; ++i) {
      std::vector<bool> with_i = updated;
      with_i[i + 1] = true;
      const std::vector<T> moved = partial_expectation(problem, e, t, p, c, with_i);
      for (std::size_t j = 0; j < n; ++j) {
        if (j != i) g[i] += moved[j] - base[j];
      }
      total += g[i];
    }
    std::vector<T> y(n, T(0));
    for (std::size_t i = 0; i < n; ++i) {
      y[i] = g[i] - (total - g[i]) / T(static_cast<long>(n - 1));
    }
    return y;
  };
}

// Pays agent i the amount i + 1 every period: Σ_i y_t^i = N(N+1)/2 ≠ 0.
template <class T>
TransferRule<T> constant_rule(std::size_t n) {
  return [n](std::size_t, std::size_t, std::size_t) {
    std::vector<T> y(n, T(0));
    for (std::size_t i = 0; i < n; ++i) y[i] = T(static_cast<long>(i + 1));
    return y;
  };
}

// Example 5.1: b and r report "1" (label position 2) in odd rounds and "0"
// (position 0) in even rounds, truthfully at T; green is truthful.
inline std::vector<MarkovStrategy> alternating(std::size_t horizon) {
  const MarkovStrategy s = [horizon](std::size_t t, std::size_t, std::size_t, std::size_t own) {
    if (t == horizon) return own;
    return t % 2 == 1 ? std::size_t{2} : std::size_t{0};
  };
  return {s, s, MarkovStrategy{}};
}

// A seeded environment of the spec's §4.10 battery shape, exact.
inline Problem<Rational> random_problem(std::uint64_t seed) {
  Rng rng(seed);
  return prepare(instances::random_environment<Rational>(rng, {}));
}

}  // namespace mechlab::dynamic::reference
