#include "mechlab/dynamic/efficient.hpp"

#include <gtest/gtest.h>

#include <cstddef>
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
    ASSERT_EQ(problem.states[1].size(), 16U);  // 2 public states × 2^3 types
    const auto e = solve_efficient(problem);
    expect_values_add_up(problem, e);
  }
}

}  // namespace
}  // namespace mechlab::dynamic
