#include "mechlab/infosize/measure.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

#include "infosize/random_instances.hpp"
#include "mechlab/infosize/instances.hpp"
#include "mechlab/infosize/reward.hpp"
#include "support.hpp"

namespace mechlab::infosize {
namespace {

using test::q;

// Spec §4.1: in the Section 2 model every agent and both lies look alike.
void expect_symmetric(const SignalStructure<Rational>& s, const Rational& nu,
                      const Rational& lambda) {
  for (std::size_t i = 0; i < 3; ++i) {
    const auto m = measure_agent(s, i);
    EXPECT_EQ(m.nu, nu) << "agent " << i;
    ASSERT_EQ(m.pairs.size(), 2U);
    for (const auto& pair : m.pairs) EXPECT_EQ(pair.nu, nu);
    ASSERT_TRUE(m.lambda.has_value());
    ASSERT_TRUE(m.lambda->rational().has_value()) << m.lambda->text();
    EXPECT_EQ(*m.lambda->rational(), lambda) << "agent " << i;
    EXPECT_EQ(m.lambda_at, (std::pair<std::size_t, std::size_t>{0, 1}));
  }
}

TEST(Measure, Tv1ExactAtNineTenths) {
  const auto tv = instances::tv2(q(9, 10));
  expect_symmetric(tv.signals, q(72, 365), q(2048, 1393));
  const auto m = measure_agent(tv.signals, 0);
  EXPECT_EQ(m.expected_move, q(4104, 9125));
  EXPECT_NEAR(to_double(m.expected_move), 0.4497534247, 1e-10);
  EXPECT_EQ(m.lambda->exact_text(), "2048/1393");
}

TEST(Measure, Tv1ExactAtSevenTenths) {
  const auto tv = instances::tv2(q(7, 10));
  expect_symmetric(tv.signals, q(84, 185), q(128, 673));
  const auto m = measure_agent(tv.signals, 1);
  EXPECT_EQ(m.expected_move, q(2772, 4625));
  EXPECT_NEAR(to_double(m.expected_move), 0.5993513514, 1e-10);
}

TEST(Measure, Tv1StepFunctionAtNineTenths) {
  const auto tv = instances::tv2(q(9, 10));
  const auto pair = informational_size(tv.signals, 0, 0, 1);
  // g = 1 on [0, 72/365), 9/50 on [72/365, 8/5), 0 from 8/5 on.
  ASSERT_EQ(pair.steps.size(), 2U);
  EXPECT_EQ(pair.steps[0].distance, q(8, 5));
  EXPECT_EQ(pair.steps[0].mass, q(9, 50));
  EXPECT_EQ(pair.steps[1].distance, q(72, 365));
  EXPECT_EQ(pair.steps[1].mass, q(1));
  EXPECT_EQ(g_at(pair, q(0)), q(1));
  EXPECT_EQ(g_at(pair, q(19, 100)), q(1));
  EXPECT_EQ(g_at(pair, q(72, 365)), q(9, 50));
  EXPECT_EQ(g_at(pair, q(1)), q(9, 50));
  EXPECT_EQ(g_at(pair, q(8, 5)), q(0));
  EXPECT_EQ(g_at(pair, q(2)), q(0));
  EXPECT_EQ(pair.nu, q(72, 365));
  EXPECT_TRUE(pair.undefined.empty());
}

struct Tv1Row {
  double rho;
  double nu;
  double lambda;
  double spherical;
  double majority;
};

TEST(Measure, Tv1TableRows) {
  const std::vector<Tv1Row> rows = {
      {0.55, 0.2000000000, 0.0007997601, 0.0001999700, 0.0100},
      {0.60, 0.4000000000, 0.0127388535, 0.0031923475, 0.0400},
      {0.64, 0.4608000000, 0.0482821722, 0.0121813232, 0.0784},
      {0.70, 0.4540540541, 0.1901931649, 0.0493403740, 0.1600},
      {0.80, 0.3692307692, 0.7465437788, 0.2199455316, 0.3600},
      {0.90, 0.1972602740, 1.4702081838, 0.5487245539, 0.6400},
      {0.95, 0.0997084548, 1.7682848769, 0.7616336743, 0.8100},
      {0.99, 0.0199979388, 1.9587843446, 0.9504526058, 0.9604},
  };
  const RewardSystem<Rational> spherical{RewardFamily::spherical, {}};
  const RewardSystem<Rational> majority{RewardFamily::majority, {}};
  for (const auto& row : rows) {
    const auto rho = q(std::lround(row.rho * 100), 100);
    const auto tv = instances::tv2(rho);
    const auto m = measure_agent(tv.signals, 0);
    EXPECT_NEAR(to_double(m.nu), row.nu, 1e-9) << "rho " << row.rho;
    EXPECT_NEAR(m.lambda->to_double(), row.lambda, 1e-9) << "rho " << row.rho;
    for (const auto& [truth, lie] : {std::pair<std::size_t, std::size_t>{0, 1}, {1, 0}}) {
      EXPECT_NEAR(power(tv.signals, spherical, 0, truth, lie).to_double(), row.spherical, 1e-9)
          << "rho " << row.rho;
      const auto maj = power(tv.signals, majority, 0, truth, lie);
      ASSERT_TRUE(maj.rational().has_value());
      EXPECT_EQ(*maj.rational(), (2 * rho - 1) * (2 * rho - 1)) << "rho " << row.rho;
      EXPECT_NEAR(maj.to_double(), row.majority, 1e-9);
    }
  }
}

// ν = 2(2ρ−1) on (½, (√5−1)/2], 2r on [(√5−1)/2, 2/3], 2r(2ρ−1)/D on
// [2/3, 1), with r = ρ(1−ρ) and D = 1 − 3r (spec §4.1).
TEST(Measure, Tv1ClosedFormsInTheThreeRegimes) {
  for (const long percent : {51, 55, 58, 60, 62, 63, 65, 66, 67, 70, 75, 80, 90, 95, 99}) {
    const Rational rho = q(percent, 100);
    const Rational r = rho * (1 - rho);
    const Rational big_d = 1 - 3 * r;
    const double golden = (std::sqrt(5.0) - 1) / 2;
    Rational expected;
    if (to_double(rho) <= golden) {
      expected = 2 * (2 * rho - 1);
    } else if (rho <= q(2, 3)) {
      expected = 2 * r;
    } else {
      expected = 2 * r * (2 * rho - 1) / big_d;
    }
    const auto m = measure_agent(instances::tv2(rho).signals, 2);
    EXPECT_EQ(m.nu, expected) << "rho " << percent << "/100";
    // Λ = 2(1 − (2Dr + 2r²)/(D² + 3r²)), rational by symmetry.
    const Rational lambda = 2 * (1 - (2 * big_d * r + 2 * r * r) / (big_d * big_d + 3 * r * r));
    ASSERT_TRUE(m.lambda->rational().has_value());
    EXPECT_EQ(*m.lambda->rational(), lambda);
  }
  // At the regime boundary 2/3 both forms give 4/9.
  EXPECT_EQ(measure_agent(instances::tv2(q(2, 3)).signals, 0).nu, q(4, 9));
}

TEST(Measure, Tv5) {
  const auto tv = instances::tv5();
  for (std::size_t i = 0; i < 2; ++i) {
    const auto m = measure_agent(tv.signals, i);
    EXPECT_EQ(m.nu, q(8, 11)) << "agent " << i;
    EXPECT_EQ(m.nu_at, (std::pair<std::size_t, std::size_t>{0, 1}));
    ASSERT_TRUE(m.lambda.has_value());
    EXPECT_NEAR(m.lambda->to_double(), 0.5344130167, 1e-10);
    // Λ = 2 − (28/33)/√(73/121 · 5/9) is irrational: a certified interval.
    EXPECT_FALSE(m.lambda->exact());
    EXPECT_LT(to_double(m.lambda->upper() - m.lambda->lower()), 1e-40);
    EXPECT_EQ(belief_norm_squared(tv.signals, i, 0), q(73, 121));
    EXPECT_EQ(belief_norm_squared(tv.signals, i, 1), q(5, 9));
  }
}

TEST(Measure, SingleSignalAgentHasNoVariabilityAndNoSize) {
  const auto tv = instances::tv2(q(9, 10));
  auto f = tv.signals.d.f;
  auto signals = tv.signals.d.signals;
  f[0] = {0, 0};
  signals[0] = {"a"};
  const auto s = analyse(pushforward(tv.problem, signals, f), tv.problem);
  const auto m = measure_agent(s, 0);
  EXPECT_EQ(m.nu, q(0));
  EXPECT_FALSE(m.lambda.has_value());
  EXPECT_TRUE(m.pairs.empty());
  ASSERT_EQ(m.norms.size(), 1U);
}

TEST(Measure, UndefinedPosteriorIsAnInputError) {
  // TV5's Q with no mass at (y, y): agent 1 believing a2 = y after x can lie
  // to y and reach a profile without a posterior.
  const auto tv = instances::tv5();
  auto d = tv.signals.d;
  d.joint = {q(35, 70), q(5, 70), q(5, 70), q(0), q(5, 70), q(10, 70), q(10, 70), q(0)};
  const auto s = analyse(d, tv.problem);
  const auto error = test::input_error([&] { informational_size(s, 0, 0, 1); });
  EXPECT_EQ(error.pointer(), "/decomposition");
  EXPECT_TRUE(test::contains(error.found(), "Q_A = 0 at (1=y, 2=y)")) << error.found();
  EXPECT_TRUE(test::contains(error.expected(), "unilateral lie")) << error.expected();
  // The other direction never reaches (y, y) with positive belief.
  EXPECT_NO_THROW(informational_size(s, 0, 1, 0));
}

// Definition 3 evaluated directly: ν is the least candidate c ∈ {0} ∪ {d} ∪ {G_j}
// with g(c) <= c, where g(c) = Σ_{d > c} m (spec §3.4). g only jumps at the d,
// so the least feasible ε is 0, a d, or a level of g.
Rational brute_force_nu(const SignalStructure<Rational>& s, std::size_t i, std::size_t truth,
                        std::size_t lie) {
  std::vector<std::pair<Rational, Rational>> points;  // (d, m)
  for (std::size_t a = 0; a < s.profile_count(); ++a) {
    if (s.profiles.digit(a, i) != truth || s.belief(i, a) == 0) continue;
    const std::size_t b = s.profiles.with_digit(a, i, lie);
    Rational d(0);
    for (std::size_t theta = 0; theta < s.states; ++theta)
      d += abs(s.rho(a)[theta] - s.rho(b)[theta]);
    points.emplace_back(d, s.belief(i, a));
  }
  auto g = [&](const Rational& c) {
    Rational total(0);
    for (const auto& [d, m] : points) {
      if (d > c) total += m;
    }
    return total;
  };
  // G_j is the mass at distance >= D_j.
  auto at_least = [&](const Rational& c) {
    Rational total(0);
    for (const auto& [d, m] : points) {
      if (d >= c) total += m;
    }
    return total;
  };
  std::vector<Rational> candidates = {Rational(0)};
  for (const auto& [d, m] : points) {
    candidates.push_back(d);
    candidates.push_back(at_least(d));
  }
  std::sort(candidates.begin(), candidates.end());
  for (const auto& c : candidates) {
    if (g(c) <= c) return c;
  }
  return {-1};  // never: ε = 1 is always feasible
}

TEST(Measure, RandomInstancesSatisfyTheDefinitionAndItsBounds) {
  Rng rng = make_rng(2015);
  for (int draw = 0; draw < 150; ++draw) {
    const auto problem = test::random_problem(rng);
    const auto s = analyse(trivial(problem), problem);
    for (std::size_t i = 0; i < s.agent_count(); ++i) {
      const auto m = measure_agent(s, i);
      EXPECT_LE(m.nu, q(1));
      EXPECT_GE(m.nu, q(0));
      for (std::size_t a_i = 0; a_i < s.signal_count(i); ++a_i) {
        EXPECT_EQ(informational_size(s, i, a_i, a_i).nu, q(0));
      }
      for (const auto& pair : m.pairs) {
        SCOPED_TRACE(testing::Message()
                     << "draw " << draw << " agent " << i << " " << pair.truth << "->" << pair.lie);
        EXPECT_LE(pair.nu, m.nu);
        EXPECT_EQ(pair.nu, brute_force_nu(s, i, pair.truth, pair.lie));
        // The minimum is attained, and no smaller candidate is feasible.
        EXPECT_LE(g_at(pair, pair.nu), pair.nu);
        for (const auto& step : pair.steps) {
          for (const auto& c : {step.distance, step.mass, Rational(0)}) {
            if (c < pair.nu) {
              EXPECT_GT(g_at(pair, c), c);
            }
          }
        }
        EXPECT_LE(pair.expected_move, 3 * pair.nu);
        // The steps are strictly decreasing in distance, increasing in mass.
        for (std::size_t j = 1; j < pair.steps.size(); ++j) {
          EXPECT_LT(pair.steps[j].distance, pair.steps[j - 1].distance);
          EXPECT_GT(pair.steps[j].mass, pair.steps[j - 1].mass);
        }
      }
      ASSERT_TRUE(m.lambda.has_value());
      EXPECT_NE(m.lambda->sign(), -1);
      // Λ is the minimum over the pairs, and symmetric.
      for (std::size_t a = 0; a < s.signal_count(i); ++a) {
        for (std::size_t b = 0; b < s.signal_count(i); ++b) {
          if (a == b) continue;
          const auto l = variability(s, i, a, b);
          EXPECT_NE(compare(l, *m.lambda), -1);
          EXPECT_NEAR(l.to_double(), variability(s, i, b, a).to_double(), 1e-12);
        }
      }
    }
  }
}

TEST(Measure, DoubleModeAgreesWithExact) {
  Rng rng = make_rng(42);
  for (int draw = 0; draw < 60; ++draw) {
    const auto problem = test::random_problem(rng);
    const auto s = analyse(trivial(problem), problem);
    const auto problem_d = test::to_double(problem);
    const auto s_d = analyse(test::to_double(s.d), problem_d);
    for (std::size_t i = 0; i < s.agent_count(); ++i) {
      const auto m = measure_agent(s, i);
      const auto m_d = measure_agent(s_d, i);
      EXPECT_NEAR(m_d.nu, to_double(m.nu), 1e-9) << "draw " << draw;
      EXPECT_NEAR(m_d.expected_move, to_double(m.expected_move), 1e-9) << "draw " << draw;
      ASSERT_TRUE(m_d.lambda.has_value());
      EXPECT_NEAR(*m_d.lambda, m.lambda->to_double(), 1e-9) << "draw " << draw;
      ASSERT_EQ(m_d.pairs.size(), m.pairs.size());
      for (std::size_t k = 0; k < m.pairs.size(); ++k) {
        EXPECT_NEAR(m_d.pairs[k].nu, to_double(m.pairs[k].nu), 1e-9);
      }
    }
  }
  const auto tv = instances::tv2(q(9, 10));
  const auto problem_d = test::to_double(tv.problem);
  const auto s_d = analyse(test::to_double(tv.signals.d), problem_d);
  const auto m_d = measure_agent(s_d, 0);
  EXPECT_NEAR(m_d.nu, 72.0 / 365, 1e-12);
  EXPECT_NEAR(*m_d.lambda, 2048.0 / 1393, 1e-12);
}

}  // namespace
}  // namespace mechlab::infosize
