#include "mechlab/dynamic/random_instance.hpp"

#include <fmt/format.h>

#include <random>
#include <string>
#include <vector>

namespace mechlab::dynamic::instances {

namespace {

std::vector<std::string> labels(const char* stem, std::size_t count) {
  std::vector<std::string> out;
  out.reserve(count);
  for (std::size_t k = 0; k < count; ++k) out.push_back(fmt::format("{}{}", stem, k));
  return out;
}

template <class T>
std::vector<T> random_row(Rng& rng, std::size_t size, int weight_max) {
  std::uniform_int_distribution<int> weight(0, weight_max);
  std::vector<long> w(size, 0);
  long total = 0;
  while (total == 0) {
    total = 0;
    for (auto& v : w) {
      v = weight(rng);
      total += v;
    }
  }
  std::vector<T> row;
  row.reserve(size);
  for (const long v : w) {
    Rational r(v, total);
    r.canonicalize();
    row.push_back(NumberTraits<T>::from_rational(r));
  }
  return row;
}

}  // namespace

template <class T>
Environment<T> random_environment(Rng& rng, const RandomShape& shape) {
  const std::size_t n = shape.agents;
  Environment<T> env;
  env.agents = labels("a", n);
  const std::vector<std::string> xs = labels("x", shape.decisions);
  for (std::size_t t = 0; t <= shape.horizon; ++t) {
    Period period;
    period.types.push_back(t == 0 ? labels("s", 1) : labels("s", shape.publics));
    for (std::size_t i = 0; i < n; ++i)
      period.types.push_back(t == 0 ? labels("k", 1) : labels("k", shape.types));
    period.decisions = xs;
    env.periods.push_back(std::move(period));
  }
  std::uniform_int_distribution<int> payoff(shape.payoff_min, shape.payoff_max);
  env.payoffs.resize(shape.horizon + 1);
  for (std::size_t t = 0; t <= shape.horizon; ++t) {
    for (std::size_t i = 0; i < n; ++i) {
      std::vector<T> table(env.periods[t].types[i + 1].size() * xs.size());
      for (auto& u : table) u = T(payoff(rng));
      env.payoffs[t].push_back(std::move(table));
    }
  }
  for (std::size_t t = 0; t < shape.horizon; ++t) {
    const Period& now = env.periods[t];
    const Period& next = env.periods[t + 1];
    Kernel<T> kernel;
    for (std::size_t r = 0; r < now.types[0].size() * xs.size(); ++r)
      kernel.public_rows.push_back(random_row<T>(rng, next.types[0].size(), shape.weight_max));
    kernel.agents.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t rows = now.types[0].size() * now.types[i + 1].size() * xs.size();
      for (std::size_t r = 0; r < rows; ++r)
        kernel.agents[i].push_back(random_row<T>(rng, next.types[i + 1].size(), shape.weight_max));
    }
    env.kernels.push_back(std::move(kernel));
  }
  env.theta0.assign(n + 1, 0);
  return env;
}

template Environment<Rational> random_environment(Rng&, const RandomShape&);
template Environment<double> random_environment(Rng&, const RandomShape&);

}  // namespace mechlab::dynamic::instances
