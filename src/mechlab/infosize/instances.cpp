#include "mechlab/infosize/instances.hpp"

#include <fmt/format.h>

#include <random>
#include <string>
#include <utility>

#include "mechlab/core/error.hpp"

namespace mechlab::infosize::instances {

namespace {

Instance<Rational> finish(mechanism::Environment<Rational> env,
                          std::vector<std::vector<std::string>> signals,
                          std::vector<std::vector<std::size_t>> f) {
  Instance<Rational> instance;
  instance.problem = mechanism::prepare(std::move(env));
  instance.signals =
      analyse(pushforward(instance.problem, std::move(signals), std::move(f)), instance.problem);
  instance.decomposition_source = "pushforward";
  return instance;
}

}  // namespace

Instance<Rational> section2(const Rational& rho,
                            const std::vector<std::vector<ValuePair>>& values) {
  const std::size_t n = values.size();
  mechanism::Environment<Rational> env;
  env.states = {"theta1", "theta2"};
  std::vector<std::vector<std::string>> signals(n, {"a1", "a2"});
  std::vector<std::vector<std::size_t>> f(n);
  for (std::size_t i = 0; i < n; ++i) {
    env.agents.push_back(std::to_string(i + 1));
    env.alternatives.push_back(fmt::format("to {}", i + 1));
    if (values[i].empty()) throw InternalError("section2: an agent without value types");
  }
  // Types (signal, value type), signal slowest: t_i = s·|V_i| + k.
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<std::string> labels;
    for (std::size_t s = 0; s < 2; ++s) {
      for (const auto& [v1, v2] : values[i]) {
        labels.push_back(values[i].size() == 1 ? signals[i][s]
                                               : fmt::format("{}({},{})", signals[i][s],
                                                             to_string(v1), to_string(v2)));
        f[i].push_back(s);
      }
    }
    env.types.push_back(std::move(labels));
  }
  // v_i(c, θ_k, t_i) = v_i^k if c awards agent i.
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t types = env.types[i].size();
    std::vector<Rational> v(n * 2 * types, Rational(0));
    for (std::size_t t = 0; t < types; ++t) {
      const auto& [v1, v2] = values[i][t % values[i].size()];
      v[(i * 2 + 0) * types + t] = v1;
      v[(i * 2 + 1) * types + t] = v2;
    }
    env.values.push_back(std::move(v));
  }
  // P(θ, t) = ½ Π_i P(s_i | θ) / |V_i|.
  IndexSpace profiles([&] {
    std::vector<Coordinate> c;
    for (std::size_t i = 0; i < n; ++i) c.push_back({env.agents[i], env.types[i]});
    return c;
  }());
  env.prior.assign(2 * profiles.size(), Rational(0));
  for (std::size_t theta = 0; theta < 2; ++theta) {
    for (std::size_t t = 0; t < profiles.size(); ++t) {
      Rational p = fraction(1, 2);
      for (std::size_t i = 0; i < n; ++i) {
        const std::size_t s = profiles.digit(t, i) / values[i].size();
        p *= (s == theta ? rho : Rational(1 - rho));
        p /= static_cast<long>(values[i].size());
      }
      env.prior[theta * profiles.size() + t] = p;
    }
  }
  return finish(std::move(env), std::move(signals), std::move(f));
}

Instance<Rational> tv2(const Rational& rho) {
  return section2(
      rho,
      {{{fraction(2), fraction(10)}}, {{fraction(4), fraction(8)}}, {{fraction(3), fraction(9)}}});
}

Instance<Rational> tv4() {
  return section2(fraction(9, 10), {{{fraction(2), fraction(10)}, {fraction(0), fraction(6)}},
                                    {{fraction(4), fraction(8)}, {fraction(5), fraction(7)}},
                                    {{fraction(3), fraction(9)}, {fraction(1), fraction(11)}}});
}

Instance<Rational> tv5() {
  mechanism::Environment<Rational> env;
  env.agents = {"1", "2"};
  env.types = {{"x", "y"}, {"x", "y"}};
  env.states = {"theta1", "theta2"};
  env.alternatives = {"to 1", "to 2"};
  // values[i][(c·|Θ| + θ)·|T_i| + t_i]: agent 1 (10, 0), agent 2 (9, 2) when winning.
  env.values = {{10, 10, 0, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 9, 9, 2, 2}};
  // Q(θ, a1, a2): (x,x) .35/.05, (x,y) .05/.10, (y,x) .05/.10, (y,y) .10/.20.
  env.prior = {fraction(35, 100), fraction(5, 100),  fraction(5, 100),  fraction(10, 100),
               fraction(5, 100),  fraction(10, 100), fraction(10, 100), fraction(20, 100)};
  Instance<Rational> instance;
  instance.problem = mechanism::prepare(std::move(env));
  instance.signals = analyse(trivial(instance.problem), instance.problem);
  instance.decomposition_source = "trivial";
  return instance;
}

Instance<Rational> random_instance(Rng& rng, const RandomShape& shape) {
  mechanism::Environment<Rational> env;
  std::size_t profiles = 1;
  for (std::size_t i = 0; i < shape.agents; ++i) {
    env.agents.push_back(std::to_string(i + 1));
    std::vector<std::string> labels;
    for (std::size_t a = 0; a < shape.signals; ++a) labels.push_back(fmt::format("s{}", a + 1));
    env.types.push_back(std::move(labels));
    profiles *= shape.signals;
  }
  env.states.clear();
  for (std::size_t theta = 0; theta < shape.states; ++theta) {
    env.states.push_back(fmt::format("theta{}", theta + 1));
  }
  for (std::size_t c = 0; c < shape.alternatives; ++c) {
    env.alternatives.push_back(fmt::format("c{}", c + 1));
  }
  std::uniform_int_distribution<long> weight(1, shape.weight_max);
  std::uniform_int_distribution<long> value(0, shape.value_max);
  long total = 0;
  std::vector<long> w(shape.states * profiles);
  for (auto& x : w) total += (x = weight(rng));
  for (const long x : w) env.prior.push_back(fraction(x, total));
  for (std::size_t i = 0; i < shape.agents; ++i) {
    std::vector<Rational> v(shape.alternatives * shape.states * shape.signals);
    for (auto& x : v) x = Rational(value(rng));
    env.values.push_back(std::move(v));
  }
  Instance<Rational> instance;
  instance.problem = mechanism::prepare(std::move(env));
  instance.signals = analyse(trivial(instance.problem), instance.problem);
  instance.decomposition_source = "trivial";
  return instance;
}

}  // namespace mechlab::infosize::instances
