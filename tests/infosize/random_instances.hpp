// Helpers for the infosize tests: seeded random instances with rational
// priors, and the conversion of an exact instance to double mode.
#pragma once

#include <fmt/format.h>

#include <cstddef>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "mechlab/core/rational.hpp"
#include "mechlab/core/rng.hpp"
#include "mechlab/infosize/decomposition.hpp"
#include "mechlab/mechanism/model.hpp"

namespace mechlab::test {

inline std::size_t draw(Rng& rng, std::size_t lo, std::size_t hi) {
  return std::uniform_int_distribution<std::size_t>(lo, hi)(rng);
}

// An environment with one dummy alternative (values play no role in ν, Λ, S).
inline mechanism::Environment<Rational> skeleton(const std::vector<std::size_t>& type_counts,
                                                 std::size_t states) {
  mechanism::Environment<Rational> env;
  for (std::size_t i = 0; i < type_counts.size(); ++i) {
    env.agents.push_back(std::to_string(i + 1));
    std::vector<std::string> labels;
    for (std::size_t t = 0; t < type_counts[i]; ++t) labels.push_back(fmt::format("t{}", t));
    env.types.push_back(std::move(labels));
    env.values.emplace_back(states * type_counts[i], Rational(0));
  }
  env.states.clear();
  for (std::size_t theta = 0; theta < states; ++theta) {
    env.states.push_back(fmt::format("s{}", theta));
  }
  env.alternatives = {"c"};
  return env;
}

// Normalises integer weights into a probability vector.
inline std::vector<Rational> normalised(const std::vector<long>& weights) {
  long total = 0;
  for (const long w : weights) total += w;
  std::vector<Rational> p;
  for (const long w : weights) {
    Rational x(w, total);
    x.canonicalize();
    p.push_back(x);
  }
  return p;
}

// A small correlated problem: 2–3 agents with 2–3 types, 2–3 states, prior
// weights in 0..6 (some zero) with every type profile of positive probability.
inline mechanism::Problem<Rational> random_problem(Rng& rng) {
  const std::size_t n = draw(rng, 2, 3);
  std::vector<std::size_t> counts(n);
  std::size_t profiles = 1;
  for (auto& c : counts) {
    c = draw(rng, 2, 3);
    profiles *= c;
  }
  const std::size_t states = draw(rng, 2, 3);
  auto env = skeleton(counts, states);
  std::vector<long> weights(states * profiles);
  for (auto& w : weights) w = static_cast<long>(draw(rng, 0, 6));
  for (std::size_t t = 0; t < profiles; ++t) weights[t] += 1;  // P_T(t) > 0
  env.prior = normalised(weights);
  return mechanism::prepare(std::move(env));
}

// A problem whose types are (signal, copy) pairs: the signals carry a random
// correlated law Q on Θ × A, the copies are independent noise with random
// weights. The signal projection is then a valid decomposition.
struct CopiedSignals {
  mechanism::Problem<Rational> problem;
  std::vector<std::vector<std::size_t>> signal_of;  // by agent and type
  std::vector<std::size_t> signal_counts;
};

inline CopiedSignals copied_signals(Rng& rng) {
  const std::size_t n = draw(rng, 2, 3);
  std::vector<std::size_t> signals(n);
  std::vector<std::size_t> copies(n);
  std::vector<std::size_t> counts(n);
  std::size_t size = 1;
  for (std::size_t i = 0; i < n; ++i) {
    signals[i] = draw(rng, 1, 2);
    copies[i] = draw(rng, 1, 2);
    counts[i] = signals[i] * copies[i];
    size *= signals[i];
  }
  const std::size_t states = draw(rng, 2, 3);
  std::vector<long> q_weights(states * size);
  for (auto& w : q_weights) w = static_cast<long>(draw(rng, 1, 5));
  const auto q_law = normalised(q_weights);
  std::vector<std::vector<Rational>> noise(n);
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<long> w(copies[i]);
    for (auto& x : w) x = static_cast<long>(draw(rng, 1, 3));
    noise[i] = normalised(w);
  }
  auto env = skeleton(counts, states);
  CopiedSignals out;
  out.signal_counts = signals;
  out.signal_of.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t t = 0; t < counts[i]; ++t) out.signal_of[i].push_back(t / copies[i]);
  }
  std::size_t profiles = 1;
  for (const auto c : counts) profiles *= c;
  env.prior.assign(states * profiles, Rational(0));
  for (std::size_t t = 0; t < profiles; ++t) {
    // Decode t row-major (agent 0 slowest) into the signal profile and the noise weight.
    std::size_t rest = t;
    std::vector<std::size_t> digits(n);
    for (std::size_t i = n; i-- > 0;) {
      digits[i] = rest % counts[i];
      rest /= counts[i];
    }
    std::size_t a = 0;
    Rational weight(1);
    for (std::size_t i = 0; i < n; ++i) {
      a = a * signals[i] + digits[i] / copies[i];
      weight *= noise[i][digits[i] % copies[i]];
    }
    for (std::size_t theta = 0; theta < states; ++theta) {
      env.prior[theta * profiles + t] = q_law[theta * size + a] * weight;
    }
  }
  out.problem = mechanism::prepare(std::move(env));
  return out;
}

// The same environment and decomposition in double mode.
inline mechanism::Problem<double> to_double(const mechanism::Problem<Rational>& problem) {
  mechanism::Environment<double> env;
  env.agents = problem.env.agents;
  env.types = problem.env.types;
  env.states = problem.env.states;
  env.alternatives = problem.env.alternatives;
  for (const auto& p : problem.env.prior) env.prior.push_back(mechlab::to_double(p));
  for (const auto& v : problem.env.values) {
    std::vector<double> row;
    for (const auto& x : v) row.push_back(mechlab::to_double(x));
    env.values.push_back(std::move(row));
  }
  return mechanism::prepare(std::move(env));
}

inline infosize::Decomposition<double> to_double(const infosize::Decomposition<Rational>& d) {
  infosize::Decomposition<double> out;
  out.signals = d.signals;
  out.f = d.f;
  for (const auto& x : d.joint) out.joint.push_back(mechlab::to_double(x));
  return out;
}

}  // namespace mechlab::test
