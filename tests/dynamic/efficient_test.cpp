#include "mechlab/dynamic/efficient.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <string>
#include <vector>

#include "mechlab/core/error.hpp"
#include "mechlab/dynamic/instances.hpp"
#include "mechlab/dynamic/model.hpp"
#include "mechlab/dynamic/random_instance.hpp"
#include "support.hpp"

namespace mechlab::dynamic {
namespace {

using test::q;

template <class T>
void expect_values_add_up(const Problem<T>& problem, const Efficient<T>& e) {
  for (std::size_t t = 0; t <= problem.horizon(); ++t) {
    for (std::size_t s = 0; s < problem.states[t].size(); ++s) {
      T sum = T(0);
      for (std::size_t j = 0; j < problem.agent_count(); ++j) sum += e.V[t][j][s];
      EXPECT_TRUE(nearly_equal(sum, e.W[t][s])) << "t=" << t << " " << problem.state_name(t, s);
    }
  }
}

TEST(DynamicEfficient, Example51GuaranteesAndWelfareForT4AndT6) {
  for (const std::size_t horizon : {4U, 6U}) {
    const auto problem = prepare(instances::example_5_1<Rational>(horizon));
    const auto e = solve_efficient(problem);
    EXPECT_EQ(e.guarantees, (std::vector<Rational>{q(25), q(25), q(-75, 2)})) << "T=" << horizon;
    EXPECT_EQ(e.welfare, q(25, 2));
    EXPECT_EQ(e.tie_count(), 0U);
  }
}

TEST(DynamicEfficient, Example51YesOnlyWhenBothHigh) {
  const auto problem = prepare(instances::example_5_1<Rational>(4));
  const auto e = solve_efficient(problem);
  const IndexSpace& last = problem.states[4];
  for (std::size_t s = 0; s < last.size(); ++s) {
    const bool both_high = last.digit(s, 1) == 1 && last.digit(s, 2) == 1;
    EXPECT_EQ(e.chi[4][s], both_high ? 1U : 0U) << problem.state_name(4, s);
  }
}

TEST(DynamicEfficient, ValuesSumToSurplusInEveryState) {
  const auto a = prepare(instances::example_5_1<Rational>(4));
  expect_values_add_up(a, solve_efficient(a));
  const auto b = prepare(instances::appendix_e<Rational>());
  expect_values_add_up(b, solve_efficient(b));
  const auto c = prepare(instances::intro_example<Rational>());
  expect_values_add_up(c, solve_efficient(c));
}

TEST(DynamicEfficient, AppendixEFirstMaximiserAndTieStates) {
  const auto problem = prepare(instances::appendix_e<Rational>());
  const auto e = solve_efficient(problem);
  EXPECT_EQ(e.guarantees, (std::vector<Rational>{q(13), q(5, 2), q(-10)}));
  EXPECT_EQ(e.welfare, q(11, 2));
  // Cells of period 1 in order (L,L), (L,H), (H,L), (H,H): N, N, S, B.
  EXPECT_EQ(e.chi[1], (std::vector<std::size_t>{0, 0, 1, 2}));
  EXPECT_EQ(e.ties[1], (std::vector<std::size_t>{0, 1}));
  EXPECT_EQ(e.tie_count(), 2U);
}

TEST(DynamicEfficient, DoubleModeAgreesWithExact) {
  const auto exact_problem = prepare(instances::example_5_1<Rational>(5));
  const auto float_problem = prepare(instances::example_5_1<double>(5));
  const auto exact = solve_efficient(exact_problem);
  const auto approx = solve_efficient(float_problem);
  for (std::size_t t = 0; t <= 5; ++t) {
    EXPECT_EQ(exact.chi[t], approx.chi[t]);
    for (std::size_t s = 0; s < exact.W[t].size(); ++s) {
      EXPECT_NEAR(to_double(exact.W[t][s]), approx.W[t][s], 1e-9);
      for (std::size_t j = 0; j < 3; ++j) {
        EXPECT_NEAR(to_double(exact.V[t][j][s]), approx.V[t][j][s], 1e-9);
      }
    }
  }
}

TEST(DynamicModel, KernelRowNotSummingToOneIsRejectedWithItsPath) {
  auto env = instances::example_5_1<Rational>(4);
  env.kernels[2].agents[1][1] = {q(1, 4), q(1, 4), q(1, 4)};
  const InputError e = test::input_error([&] { (void)prepare(env); });
  EXPECT_EQ(e.pointer(), "/kernels/2/agents/1/1");
  EXPECT_EQ(e.found(), "3/4");
}

TEST(DynamicModel, NegativeKernelEntryIsRejectedWithItsPath) {
  auto env = instances::example_5_1<double>(4);
  env.kernels[2].agents[1][1] = {-0.25, 0.75, 0.5};
  const InputError e = test::input_error([&] { validate(env); });
  EXPECT_EQ(e.pointer(), "/kernels/2/agents/1/1/0");
}

TEST(DynamicModel, WrongSizesAreRejected) {
  auto env = instances::example_5_1<Rational>(4);
  env.kernels[0].agents[0][0] = {q(1)};
  EXPECT_EQ(test::input_error([&] { validate(env); }).pointer(), "/kernels/0/agents/0/0");
  env = instances::example_5_1<Rational>(4);
  env.theta0[1] = 5;
  EXPECT_EQ(test::input_error([&] { validate(env); }).pointer(), "/theta0/1");
  env = instances::example_5_1<Rational>(4);
  env.payoffs[4][2].pop_back();
  EXPECT_EQ(test::input_error([&] { validate(env); }).pointer(), "/payoffs/4/2");
  env = instances::example_5_1<Rational>(4);
  env.order = {0, 0, 1};
  EXPECT_EQ(test::input_error([&] { validate(env); }).pointer(), "/order/1");
}

TEST(DynamicRandom, BatteryShapeIsValidAndValuesAddUp) {
  Rng rng(404);
  for (int k = 0; k < 5; ++k) {
    const auto problem = prepare(instances::random_environment<Rational>(rng, {}));
    ASSERT_EQ(problem.full_state_counts[1], 16U);  // 2 public states × 2^3 types
    ASSERT_LE(problem.states[1].size(), 16U);      // the reachable box
    const auto e = solve_efficient(problem);
    expect_values_add_up(problem, e);
  }
}

// Backward induction from the definitions: the joint kernel of every (θ, x)
// enumerated cell by cell as a product of the component rows.
template <class T>
Efficient<T> reference_solve(const Problem<T>& problem) {
  const std::size_t n = problem.agent_count();
  const std::size_t horizon = problem.horizon();
  Efficient<T> e;
  e.W.resize(horizon + 1);
  e.chi.resize(horizon + 1);
  e.V.resize(horizon + 1);
  e.K.resize(horizon + 1);
  for (std::size_t t = horizon + 1; t-- > 0;) {
    const IndexSpace& now = problem.states[t];
    const std::size_t xs = problem.decision_count(t);
    e.W[t].assign(now.size(), T(0));
    e.chi[t].assign(now.size(), 0);
    e.V[t].assign(n, std::vector<T>(now.size(), T(0)));
    e.K[t].assign(n, std::vector<T>(now.size(), T(0)));
    for (std::size_t s = 0; s < now.size(); ++s) {
      const auto d = now.decode(s);
      std::vector<std::vector<T>> cont(xs, std::vector<T>(n + 1, T(0)));
      if (t < horizon) {
        const IndexSpace& next = problem.states[t + 1];
        for (std::size_t x = 0; x < xs; ++x) {
          for (std::size_t s2 = 0; s2 < next.size(); ++s2) {
            const auto d2 = next.decode(s2);
            T prob = T(1);
            for (std::size_t k = 0; k <= n; ++k)
              prob *= problem.kernel_row(t, k, d[0], d[k], x)[d2[k]];
            for (std::size_t j = 0; j < n; ++j) cont[x][j] += prob * e.V[t + 1][j][s2];
            cont[x][n] += prob * e.W[t + 1][s2];
          }
        }
      }
      std::size_t arg = 0;
      T best = T(0);
      for (std::size_t x = 0; x < xs; ++x) {
        T q = cont[x][n];
        for (std::size_t j = 0; j < n; ++j) q += problem.payoff(t, j, d[j + 1], x);
        if (x == 0 || (q > best && !nearly_equal(q, best))) {
          best = q;
          arg = x;
        }
      }
      e.W[t][s] = best;
      e.chi[t][s] = arg;
      for (std::size_t j = 0; j < n; ++j) {
        e.K[t][j][s] = cont[arg][j];
        e.V[t][j][s] = problem.payoff(t, j, d[j + 1], arg) + cont[arg][j];
      }
    }
  }
  return e;
}

TEST(DynamicEfficient, MatchesJointKernelReferenceExactlyOnRandomInstances) {
  Rng rng(77);
  const std::vector<instances::RandomShape> shapes = {
      {},
      {.agents = 2, .horizon = 3, .types = 3, .publics = 3, .decisions = 2, .weight_max = 2},
      {.agents = 4, .horizon = 2, .types = 2, .publics = 1, .decisions = 4, .weight_max = 1},
  };
  for (const auto& shape : shapes) {
    for (int draw = 0; draw < 3; ++draw) {
      const auto problem = prepare(instances::random_environment<Rational>(rng, shape));
      const auto fast = solve_efficient(problem);
      const auto ref = reference_solve(problem);
      EXPECT_EQ(fast.W, ref.W);
      EXPECT_EQ(fast.chi, ref.chi);
      EXPECT_EQ(fast.V, ref.V);
      EXPECT_EQ(fast.K, ref.K);
      const auto lean = solve_efficient(problem, SolveOptions{.keep_continuations = false});
      EXPECT_TRUE(lean.K.empty());
      EXPECT_EQ(lean.V, ref.V);
      for (std::size_t t = 0; t <= problem.horizon(); ++t) {
        for (std::size_t j = 0; j < problem.agent_count(); ++j) {
          for (std::size_t s = 0; s < problem.states[t].size(); ++s) {
            ASSERT_EQ(continuation(problem, lean, t, j, s), ref.K[t][j][s]);
          }
        }
      }
    }
  }
}

TEST(DynamicEfficient, DoubleMatchesReferenceOnARandomInstance) {
  Rng rng(78);
  const instances::RandomShape shape{.agents = 3, .horizon = 3, .types = 3, .publics = 2};
  const auto problem = prepare(instances::random_environment<double>(rng, shape));
  const auto fast = solve_efficient(problem);
  const auto ref = reference_solve(problem);
  EXPECT_EQ(fast.chi, ref.chi);
  for (std::size_t t = 0; t <= problem.horizon(); ++t) {
    for (std::size_t s = 0; s < problem.states[t].size(); ++s) {
      EXPECT_NEAR(fast.W[t][s], ref.W[t][s], 1e-9);
      for (std::size_t j = 0; j < 3; ++j) EXPECT_NEAR(fast.K[t][j][s], ref.K[t][j][s], 1e-9);
    }
  }
}

// Adds a period-1 label "ghost" of agent 1 that no kernel row reaches, and a
// period-2 label "echo" reached only from the ghost: prepare() drops both.
template <class T>
Environment<T> with_unreachable_labels(Environment<T> env) {
  // Period 1: agent 1 (component 2) gets label "ghost" with zero probability.
  env.periods[1].types[2].push_back("ghost");
  const std::size_t xs1 = env.periods[1].decisions.size();
  for (auto& row : env.kernels[0].agents[1]) row.push_back(T(0));
  // Payoffs of the ghost in period 1.
  for (std::size_t x = 0; x < xs1; ++x) env.payoffs[1][1].push_back(T(100));
  // Period 2: label "echo" of agent 1, reached only from the ghost.
  env.periods[2].types[2].push_back("echo");
  for (std::size_t x = 0; x < env.periods[2].decisions.size(); ++x)
    env.payoffs[2][1].push_back(T(-100));
  auto& rows = env.kernels[1].agents[1];
  const std::size_t types1 = env.periods[1].types[2].size();  // with the ghost
  const std::size_t publics1 = env.periods[1].types[0].size();
  std::vector<std::vector<T>> grown;
  for (std::size_t s0 = 0; s0 < publics1; ++s0) {
    for (std::size_t a = 0; a < types1; ++a) {
      for (std::size_t x = 0; x < xs1; ++x) {
        if (a + 1 == types1) {
          std::vector<T> row(env.periods[2].types[2].size(), T(0));
          row.back() = T(1);  // ghost -> echo
          grown.push_back(std::move(row));
        } else {
          std::vector<T> row = rows[(s0 * (types1 - 1) + a) * xs1 + x];
          row.push_back(T(0));
          grown.push_back(std::move(row));
        }
      }
    }
  }
  rows = std::move(grown);
  // Period 3 rows from the echo label (any distribution).
  const std::size_t xs2 = env.periods[2].decisions.size();
  const std::size_t types2 = env.periods[2].types[2].size();
  auto& rows3 = env.kernels[2].agents[1];
  std::vector<std::vector<T>> grown3;
  for (std::size_t s0 = 0; s0 < env.periods[2].types[0].size(); ++s0) {
    for (std::size_t a = 0; a < types2; ++a) {
      for (std::size_t x = 0; x < xs2; ++x) {
        grown3.push_back(a + 1 == types2 ? rows3[0] : rows3[(s0 * (types2 - 1) + a) * xs2 + x]);
      }
    }
  }
  rows3 = std::move(grown3);
  return env;
}

TEST(DynamicModel, PruningDropsUnreachableLabelsAndKeepsValuesAtTheta0) {
  Rng rng(5);
  const instances::RandomShape shape{.agents = 3, .horizon = 3, .types = 3, .publics = 2};
  const auto base_env = instances::random_environment<Rational>(rng, shape);
  const PrepareOptions types_only{.reachable_types_only = true};
  const auto base = prepare(base_env, types_only);
  const auto grown = prepare(with_unreachable_labels(base_env), types_only);
  EXPECT_EQ(grown.full_state_counts[1], base.full_state_counts[1] / 3 * 4);
  EXPECT_EQ(grown.full_state_counts[2], base.full_state_counts[2] / 3 * 4);
  EXPECT_EQ(grown.states[1].size(), base.states[1].size());
  EXPECT_EQ(grown.states[2].size(), base.states[2].size());
  EXPECT_FALSE(grown.states[1].find_label(2, "ghost").has_value());
  EXPECT_FALSE(grown.states[2].find_label(2, "echo").has_value());
  EXPECT_EQ(grown.kept[1][2].size(), base.kept[1][2].size());
  const auto a = solve_efficient(base);
  const auto b = solve_efficient(grown);
  EXPECT_EQ(a.guarantees, b.guarantees);
  EXPECT_EQ(a.welfare, b.welfare);
  // Period 0 keeps θ_0's labels only.
  EXPECT_EQ(grown.states[0].size(), 1U);
  // By default every agent label stays a possible report: the ghost and the
  // echo are kept, and the values at θ_0 are the same.
  const auto reports = prepare(with_unreachable_labels(base_env));
  EXPECT_TRUE(reports.states[1].find_label(2, "ghost").has_value());
  EXPECT_TRUE(reports.states[2].find_label(2, "echo").has_value());
  const auto c = solve_efficient(reports);
  EXPECT_EQ(c.guarantees, a.guarantees);
  EXPECT_EQ(c.welfare, a.welfare);
}

TEST(DynamicModel, PruningFollowsTimeVaryingZeroColumns) {
  // Agent 0's period-2 label "k1" has probability zero from every period-1
  // label and decision: it is dropped, with its payoff row and kernel rows.
  Rng rng(6);
  const instances::RandomShape shape{.agents = 2, .horizon = 3, .types = 3, .publics = 1};
  auto env = instances::random_environment<Rational>(rng, shape);
  for (auto& row : env.kernels[1].agents[0]) {
    row[0] += row[1];
    row[1] = 0;
  }
  const auto problem = prepare(env, {.reachable_types_only = true});
  EXPECT_EQ(problem.kept[2][1], (std::vector<std::size_t>{0, 2}));
  EXPECT_EQ(problem.states[2].coordinate(1).labels, (std::vector<std::string>{"k0", "k2"}));
  EXPECT_EQ(problem.env.payoffs[2][0].size(), 2 * problem.decision_count(2));
  EXPECT_EQ(problem.env.payoffs[2][0][problem.decision_count(2)],
            env.payoffs[2][0][2 * problem.decision_count(2)]);
  const auto e = solve_efficient(problem);
  const auto ref = reference_solve(problem);
  EXPECT_EQ(e.V, ref.V);
  // Values at θ_0 equal those of the unpruned problem, computed from the
  // definitions over the full boxes.
  Problem<Rational> full = problem;
  full.env = env;
  full.states.clear();
  for (const auto& period : env.periods) {
    std::vector<Coordinate> coords{{"public", period.types[0]}};
    for (std::size_t i = 0; i < 2; ++i) coords.push_back({env.agents[i], period.types[i + 1]});
    full.states.emplace_back(std::move(coords));
  }
  const auto unpruned = reference_solve(full);
  for (std::size_t j = 0; j < 2; ++j) EXPECT_EQ(e.guarantees[j], unpruned.V[0][j][0]);
  EXPECT_EQ(e.welfare, unpruned.W[0][0]);
}

}  // namespace
}  // namespace mechlab::dynamic
