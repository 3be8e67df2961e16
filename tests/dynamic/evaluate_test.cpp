#include "mechlab/dynamic/evaluate.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "mechlab/core/rng.hpp"
#include "mechlab/dynamic/efficient.hpp"
#include "mechlab/dynamic/instances.hpp"
#include "mechlab/dynamic/random_instance.hpp"
#include "reference_rules.hpp"
#include "support.hpp"

namespace mechlab::dynamic {
namespace {

using reference::alternating;
using reference::btm_reference;
using reference::constant_rule;
using reference::gum_rule;
using reference::random_problem;
using test::q;

// A non-truthful Markov strategy for random instances: report the other label
// when the previous report's cell and the public state have the same parity.
MarkovStrategy flipper(std::size_t types) {
  return [types](std::size_t, std::size_t p, std::size_t public_state, std::size_t own) {
    return (p + public_state) % 2 == 0 ? (own + 1) % types : own;
  };
}

TEST(DynamicEvaluate, Example51TruthGivesTheGuarantees) {
  for (const std::size_t horizon : {4U, 6U}) {
    const auto problem = prepare(instances::example_5_1<Rational>(horizon));
    const auto e = solve_efficient(problem);
    for (const auto& rule : {gum_rule(problem, e), btm_reference(problem, e)}) {
      const auto ev = evaluate(problem, e, rule);
      EXPECT_EQ(ev.utility, (std::vector<Rational>{q(25), q(25), q(-75, 2)})) << "T=" << horizon;
      EXPECT_EQ(ev.welfare, q(25, 2));
      EXPECT_EQ(ev.transfer, (std::vector<Rational>{q(0), q(0), q(0)}));
      EXPECT_EQ(ev.budget, std::vector<Rational>(horizon + 1, q(0)));
    }
  }
}

TEST(DynamicEvaluate, Example51AlternatingCollusion) {
  struct Case {
    std::size_t horizon;
    std::vector<Rational> btm, gum;
  };
  const std::vector<Case> cases = {
      {4, {q(225, 4), q(225, 4), q(-100)}, {q(-75, 2), q(175, 2), q(-75, 2)}},
      {6, {q(325, 4), q(325, 4), q(-150)}, {q(-175, 2), q(275, 2), q(-75, 2)}},
  };
  for (const auto& c : cases) {
    const auto problem = prepare(instances::example_5_1<Rational>(c.horizon));
    const auto e = solve_efficient(problem);
    const auto btm = evaluate(problem, e, btm_reference(problem, e), alternating(c.horizon));
    EXPECT_EQ(btm.utility, c.btm) << "T=" << c.horizon;
    const auto gum = evaluate(problem, e, gum_rule(problem, e), alternating(c.horizon));
    EXPECT_EQ(gum.utility, c.gum) << "T=" << c.horizon;
    // Both mechanisms balance the budget on every path, so the sum of
    // utilities is the welfare of the (same) decisions.
    EXPECT_EQ(btm.welfare, gum.welfare);
    EXPECT_EQ(btm.utility[0] + btm.utility[1] + btm.utility[2], btm.welfare);
  }
}

// Brute force over every path: E Σ_t y_t^i and E (Σ_t y_t^i)².
template <class T>
void enumerate(const Problem<T>& problem, const Efficient<T>& e, const TransferRule<T>& rule,
               const std::vector<MarkovStrategy>& strategies, std::size_t t, std::size_t p,
               std::size_t theta, const T& prob, std::vector<T> sum, std::vector<T>& first,
               std::vector<T>& second) {
  const std::size_t n = problem.agent_count();
  std::vector<std::size_t> digits = problem.states[t].decode(theta);
  for (std::size_t i = 0; i < n; ++i) {
    if (strategies[i]) digits[i + 1] = strategies[i](t, p, digits[0], digits[i + 1]);
  }
  const std::size_t c = problem.states[t].encode(digits);
  const auto y = rule(t, p, c);
  for (std::size_t i = 0; i < n; ++i) sum[i] += y[i];
  if (t == problem.horizon()) {
    for (std::size_t i = 0; i < n; ++i) {
      first[i] += prob * sum[i];
      second[i] += prob * sum[i] * sum[i];
    }
    return;
  }
  for (const auto& [cell, q_next] : next_law(problem, t, theta, e.chi[t][c])) {
    enumerate(problem, e, rule, strategies, t + 1, c, cell, T(prob * q_next), sum, first, second);
  }
}

TEST(DynamicEvaluate, VarianceMatchesPathEnumeration) {
  for (const std::uint64_t seed : {3U, 11U}) {
    const auto problem = random_problem(seed);
    const auto e = solve_efficient(problem);
    const std::vector<MarkovStrategy> strategies = {flipper(2), MarkovStrategy{}, flipper(2)};
    for (const auto& rule : {gum_rule(problem, e), btm_reference(problem, e)}) {
      const auto ev = evaluate(problem, e, rule, strategies);
      std::vector<Rational> first(3, Rational(0));
      std::vector<Rational> second(3, Rational(0));
      const std::size_t x0 = e.chi[0][problem.theta0];
      for (const auto& [cell, prob] : next_law(problem, 0, problem.theta0, x0)) {
        enumerate(problem, e, rule, strategies, 1, problem.theta0, cell, prob,
                  std::vector<Rational>(3, Rational(0)), first, second);
      }
      EXPECT_EQ(ev.transfer, first) << "seed " << seed;
      for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_EQ(ev.variance[i], second[i] - first[i] * first[i]) << "seed " << seed;
      }
      EXPECT_GT(ev.variance[0], Rational(0));
    }
  }
}

TEST(DynamicEvaluate, RandomInstancesGumTruthIsGuaranteeAndPathIdentityHolds) {
  for (const std::uint64_t seed : {1U, 2U, 3U}) {
    const auto problem = random_problem(seed);
    const auto e = solve_efficient(problem);
    const auto rule = gum_rule(problem, e);
    const auto ev = evaluate(problem, e, rule);
    EXPECT_EQ(ev.utility, e.guarantees) << "seed " << seed;
    EXPECT_EQ(ev.welfare, e.welfare);
    const std::vector<MarkovStrategy> lies = {MarkovStrategy{}, flipper(2), flipper(2)};
    for (std::uint64_t draw = 0; draw < 20; ++draw) {
      const auto truthful = simulate(problem, e, rule, draw);
      EXPECT_EQ(gum_path_identity_error(problem, e, truthful), Rational(0)) << "seed " << seed;
      const auto lying = simulate(problem, e, rule, draw, lies);
      EXPECT_EQ(gum_path_identity_error(problem, e, lying), Rational(0)) << "seed " << seed;
    }
    // The identity is GUM's: BTM's transfers break it on some path.
    const auto btm = btm_reference(problem, e);
    Rational worst = 0;
    for (std::uint64_t draw = 0; draw < 20; ++draw) {
      const Rational err = gum_path_identity_error(problem, e, simulate(problem, e, btm, draw));
      if (err > worst) worst = err;
    }
    EXPECT_GT(worst, Rational(0)) << "seed " << seed;
  }
}

TEST(DynamicEvaluate, SimulateIsReproducibleAndFollowRetracesIt) {
  const auto problem = prepare(instances::example_5_1<Rational>(6));
  const auto e = solve_efficient(problem);
  const auto rule = btm_reference(problem, e);
  bool differ = false;
  const auto a = simulate(problem, e, rule, 42);
  for (std::uint64_t seed = 1; seed < 30; ++seed) {
    differ = differ || simulate(problem, e, rule, seed).truth != a.truth;
  }
  EXPECT_TRUE(differ);
  const auto b = simulate(problem, e, rule, 42);
  EXPECT_EQ(a.truth, b.truth);
  EXPECT_EQ(a.utility, b.utility);
  EXPECT_EQ(a.reports, a.truth);
  const auto f = follow(problem, e, rule, a.truth);
  EXPECT_EQ(f.decisions, a.decisions);
  EXPECT_EQ(f.transfers, a.transfers);
  EXPECT_EQ(f.payoffs, a.payoffs);
  EXPECT_EQ(f.utility, a.utility);
  // Under the alternating strategy b and r report 1 at t = 1.
  const auto lie = simulate(problem, e, rule, 42, alternating(6));
  EXPECT_EQ(problem.states[1].digit(lie.reports[1], 1), 2U);
  EXPECT_EQ(problem.states[2].digit(lie.reports[2], 2), 0U);
  EXPECT_EQ(lie.transfers[1], (std::vector<Rational>{q(-25, 4), q(-25, 4), q(25, 2)}));
  EXPECT_EQ(lie.transfers[2], (std::vector<Rational>{q(25), q(25), q(-50)}));
  EXPECT_EQ(lie.transfers[3], (std::vector<Rational>{q(0), q(0), q(0)}));
}

TEST(DynamicEvaluate, FollowRejectsABadTruthSequence) {
  const auto problem = prepare(instances::example_5_1<Rational>(4));
  const auto e = solve_efficient(problem);
  const auto rule = gum_rule(problem, e);
  EXPECT_EQ(test::input_error([&] { follow(problem, e, rule, {0, 0}); }).pointer(), "/truth");
  EXPECT_EQ(test::input_error([&] {
              follow(problem, e, rule, {0, 0, 99, 0, 0});
            }).pointer(),
            "/truth/2");
}

TEST(DynamicEvaluate, ConstantPaymentsShowInBudgetAndCarryNoVariance) {
  const auto problem = prepare(instances::example_5_1<Rational>(4));
  const auto e = solve_efficient(problem);
  const auto ev = evaluate(problem, e, constant_rule<Rational>(3));
  EXPECT_EQ(ev.budget, (std::vector<Rational>{q(0), q(6), q(6), q(6), q(6)}));
  EXPECT_EQ(ev.transfer, (std::vector<Rational>{q(4), q(8), q(12)}));
  EXPECT_EQ(ev.variance, (std::vector<Rational>{q(0), q(0), q(0)}));
  EXPECT_EQ(ev.utility, (std::vector<Rational>{q(29), q(33), q(-51, 2)}));
}

TEST(DynamicEvaluate, StrategyOutOfRangeIsAnInputError) {
  const auto problem = prepare(instances::example_5_1<Rational>(4));
  const auto e = solve_efficient(problem);
  const MarkovStrategy bad = [](std::size_t, std::size_t, std::size_t, std::size_t) {
    return std::size_t{7};
  };
  const auto err = test::input_error([&] {
    evaluate(problem, e, gum_rule(problem, e), {MarkovStrategy{}, bad, {}});
  });
  EXPECT_EQ(err.pointer(), "/strategies/1");
  EXPECT_EQ(test::input_error([&] { evaluate(problem, e, gum_rule(problem, e), {bad}); }).pointer(),
            "/strategies");
}

TEST(DynamicEvaluate, DoubleModeAgreesWithExact) {
  Rng rng_a(5);
  Rng rng_b(5);
  const auto exact_problem = prepare(instances::random_environment<Rational>(rng_a, {}));
  const auto float_problem = prepare(instances::random_environment<double>(rng_b, {}));
  const auto exact = solve_efficient(exact_problem);
  const auto approx = solve_efficient(float_problem);
  const std::vector<MarkovStrategy> lies = {flipper(2), flipper(2), MarkovStrategy{}};
  const auto a = evaluate(exact_problem, exact, btm_reference(exact_problem, exact), lies);
  const auto b = evaluate(float_problem, approx, btm_reference(float_problem, approx), lies);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_NEAR(to_double(a.utility[i]), b.utility[i], 1e-9);
    EXPECT_NEAR(to_double(a.variance[i]), b.variance[i], 1e-9);
  }
  EXPECT_NEAR(to_double(a.welfare), b.welfare, 1e-9);
}

}  // namespace
}  // namespace mechlab::dynamic
