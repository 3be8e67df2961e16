#include "mechlab/infosize/decomposition.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <string>
#include <vector>

#include "infosize/random_instances.hpp"
#include "mechlab/infosize/instances.hpp"
#include "mechlab/infosize/measure.hpp"
#include "support.hpp"

namespace mechlab::infosize {
namespace {

using test::q;

TEST(Decomposition, SignalProjectionOfTv4Validates) {
  const auto tv4 = instances::tv4();
  const auto v = validate(tv4.problem, tv4.signals);
  EXPECT_TRUE(v.valid());
  EXPECT_EQ(v.posterior_gap, q(0));
  EXPECT_EQ(v.belief_gap, q(0));
  EXPECT_TRUE(v.zero_profiles.empty());
}

TEST(Decomposition, CoarsestRecoversTheSignalPartitionOfTv4) {
  const auto tv4 = instances::tv4();
  const auto d = coarsest(tv4.problem);
  ASSERT_EQ(d.signals.size(), 3U);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(d.f[i], tv4.signals.d.f[i]) << "agent " << i;
    ASSERT_EQ(d.signals[i].size(), 2U);
  }
  EXPECT_EQ(d.signals[0][0], "a1(2,10)|a1(0,6)");
  EXPECT_EQ(d.signals[0][1], "a2(2,10)|a2(0,6)");
  // Same classes, so the same pushforward.
  EXPECT_EQ(d.joint, tv4.signals.d.joint);
  EXPECT_TRUE(validate(tv4.problem, analyse(d, tv4.problem)).valid());
}

TEST(Decomposition, TrivialDecompositionOfTv4ValidatesWithoutVariability) {
  // Spec §4.4: Λ^P = 0 (two value types share one belief), ν^P = 72/365.
  const auto tv4 = instances::tv4();
  const auto s = analyse(trivial(tv4.problem), tv4.problem);
  EXPECT_TRUE(validate(tv4.problem, s).valid());
  for (std::size_t i = 0; i < 3; ++i) {
    const auto m = measure_agent(s, i);
    ASSERT_TRUE(m.lambda.has_value());
    ASSERT_TRUE(m.lambda->rational().has_value());
    EXPECT_EQ(*m.lambda->rational(), q(0)) << "agent " << i;
    EXPECT_EQ(m.nu, q(72, 365)) << "agent " << i;
  }
}

TEST(Decomposition, CoarsestOfIndependentPrivateValuesIsOneSignal) {
  auto env = test::skeleton({2, 3}, 1);
  env.prior = test::normalised({1, 2, 3, 2, 4, 6});  // (1, 2) ⊗ (1, 2, 3)
  const auto problem = mechanism::prepare(std::move(env));
  const auto d = coarsest(problem);
  EXPECT_EQ(d.signals[0], std::vector<std::string>{"t0|t1"});
  EXPECT_EQ(d.signals[1], std::vector<std::string>{"t0|t1|t2"});
  EXPECT_TRUE(validate(problem, analyse(d, problem)).valid());
}

// TV2 with the θ-masses of two profiles swapped: Q_A and the beliefs are
// unchanged, the posteriors are wrong at (a1, a1, a2) (gap 8/5) and at
// (a2, a2, a2) (gap 728/365, the worst).
TEST(Decomposition, ValidateNamesTheWorstPosteriorViolation) {
  const auto tv2 = instances::tv2(q(9, 10));
  auto d = tv2.signals.d;
  for (const std::size_t a : {1U, 7U}) std::swap(d.joint[a], d.joint[8 + a]);
  const auto v = validate(tv2.problem, analyse(d, tv2.problem));
  EXPECT_FALSE(v.valid());
  EXPECT_EQ(v.posterior_gap, q(728, 365));
  EXPECT_EQ(v.posterior_profile, 7U);
  EXPECT_EQ(tv2.problem.profile_name(v.posterior_profile), "(1=a2, 2=a2, 3=a2)");
  EXPECT_EQ(v.belief_gap, q(0));
}

// TV2 with the right posteriors but Q_A(a) = (1 + a)/36: condition (iii)
// fails, worst for agent 3 with signal a1 about (a1, a1): 267/400.
TEST(Decomposition, ValidateNamesTheWorstBeliefViolation) {
  const auto tv2 = instances::tv2(q(9, 10));
  auto d = tv2.signals.d;
  for (std::size_t a = 0; a < 8; ++a) {
    for (std::size_t theta = 0; theta < 2; ++theta) {
      d.joint[theta * 8 + a] = tv2.signals.rho(a)[theta] * q(static_cast<long>(a) + 1, 36);
    }
  }
  const auto v = validate(tv2.problem, analyse(d, tv2.problem));
  EXPECT_FALSE(v.valid());
  EXPECT_EQ(v.posterior_gap, q(0));
  EXPECT_EQ(v.belief_gap, q(267, 400));
  EXPECT_EQ(v.belief_agent, 2U);
  EXPECT_EQ(v.belief_type, 0U);
  EXPECT_EQ(v.belief_profile, 0U);
}

TEST(Decomposition, CoarsestOnRandomInstancesIsValidAndMaximal) {
  Rng rng = make_rng(3003);
  for (int draw = 0; draw < 60; ++draw) {
    const auto inst = test::copied_signals(rng);
    const auto& problem = inst.problem;
    const auto d = coarsest(problem);
    const auto s = analyse(d, problem);
    ASSERT_TRUE(validate(problem, s).valid()) << "draw " << draw;
    const std::size_t n = problem.agent_count();
    for (std::size_t i = 0; i < n; ++i) {
      // No finer than the trivial decomposition, and at least as coarse as
      // the signal projection, which is valid by construction.
      EXPECT_LE(d.signals[i].size(), problem.type_count(i));
      EXPECT_LE(d.signals[i].size(), inst.signal_counts[i]);
      for (std::size_t t = 0; t < problem.type_count(i); ++t) {
        for (std::size_t u = 0; u < problem.type_count(i); ++u) {
          if (inst.signal_of[i][t] == inst.signal_of[i][u]) {
            EXPECT_EQ(d.f[i][t], d.f[i][u]) << "draw " << draw << " agent " << i;
          }
        }
      }
      // Merging any two classes of one agent breaks validity.
      for (std::size_t x = 0; x < d.signals[i].size(); ++x) {
        for (std::size_t y = x + 1; y < d.signals[i].size(); ++y) {
          auto signals = d.signals;
          auto f = d.f;
          for (auto& a_i : f[i]) {
            if (a_i == y) a_i = x;
            if (a_i > y) --a_i;
          }
          signals[i].erase(signals[i].begin() + static_cast<std::ptrdiff_t>(y));
          const auto merged = analyse(pushforward(problem, signals, f), problem);
          EXPECT_FALSE(validate(problem, merged).valid())
              << "draw " << draw << " agent " << i << " classes " << x << "," << y;
        }
      }
    }
    // The trivial decomposition is valid too, and coarsest() of a generic
    // correlated prior is usually the trivial one; both must validate.
    const auto generic = test::random_problem(rng);
    const auto c = coarsest(generic);
    EXPECT_TRUE(validate(generic, analyse(c, generic)).valid()) << "draw " << draw;
  }
}

TEST(Decomposition, DoubleModeCoarsestMatchesExact) {
  Rng rng = make_rng(77);
  for (int draw = 0; draw < 20; ++draw) {
    const auto inst = test::copied_signals(rng);
    const auto exact = coarsest(inst.problem);
    const auto approx = coarsest(test::to_double(inst.problem));
    EXPECT_EQ(approx.f, exact.f) << "draw " << draw;
    EXPECT_EQ(approx.signals, exact.signals) << "draw " << draw;
  }
}

}  // namespace
}  // namespace mechlab::infosize

namespace mechlab::infosize {
namespace {

// Type labels containing '|' next to a merged class {a, b}: the coarsest
// decomposition's labels stay distinct (review finding).
TEST(DecompositionLabels, CoarsestLabelsStayDistinct) {
  mechanism::Environment<Rational> env;
  env.agents = {"1", "2"};
  env.types = {{"a|b", "a", "b"}, {"x"}};
  env.states = {"s1", "s2"};
  env.alternatives = {"c"};
  env.values = {std::vector<Rational>(6, Rational(0)), std::vector<Rational>(2, Rational(0))};
  env.prior = {Rational(2, 9), Rational(1, 9), Rational(1, 9),
               Rational(1, 9), Rational(2, 9), Rational(2, 9)};
  const auto problem = mechanism::prepare(std::move(env));
  const auto d = coarsest(problem);
  ASSERT_EQ(d.signals[0].size(), 2U);
  EXPECT_NE(d.signals[0][0], d.signals[0][1]);
  EXPECT_NO_THROW((void)analyse(d, problem));
}

}  // namespace
}  // namespace mechlab::infosize
