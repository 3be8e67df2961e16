#include "mechlab/mediation/topdown.hpp"

#include <cmath>

#include <gtest/gtest.h>

#include "mechlab/core/error.hpp"
#include "mechlab/core/rng.hpp"
#include "mediation/fixtures.hpp"

namespace mechlab::mediation {
namespace {

using testing::q;
using testing::qs;

// Vector A: v = 23/10 on (1,1), 31/20 on (1,2), (2,1), 4/5 on (2,2); the
// knapsack escalates (1,1) fully and shrinks the tie {(1,2),(2,1)} to 5/11:
// Pr(𝒢) = 41/176, the LP value, with the symmetric rule of spec §4 A.
TEST(MediationTopDown, VectorA) {
  const auto inst = testing::vector_a();
  const auto res = verify_top_down(inst);
  const auto& td = res.top_down;
  EXPECT_TRUE(td.monotone.holds) << td.monotone.evidence;
  EXPECT_EQ(td.v, (Matrix<Rational>{qs({"23/10", "31/20"}), qs({"31/20", "4/5"})}));
  EXPECT_EQ(td.target, q("7/40"));
  EXPECT_EQ(td.identity_gap, 0);
  ASSERT_EQ(td.order.size(), 2U);  // 4/5 < 1: (2,2) never pays for itself
  EXPECT_EQ(td.order[1].profiles.size(), 2U);
  EXPECT_EQ(td.last_group, 1U);
  EXPECT_EQ(td.gamma, (Matrix<Rational>{qs({"1", "5/11"}), qs({"5/11", "0"})}));
  EXPECT_EQ(td.probability, q("41/176"));
  EXPECT_TRUE(res.agrees);
  EXPECT_EQ(res.difference, 0);
  EXPECT_TRUE(res.implemented);
  EXPECT_EQ(describe_order(td), "v = 23/10: (1,1) γ = 1; v = 31/20: (1,2),(2,1) γ = 5/11");
}

// Vectors B1–B3 (BW linear lottery, q = 4/5, s = 1): top-down = LP exactly,
// with the symmetric rules of spec §4 B.
TEST(MediationTopDown, VectorsBOneToThree) {
  const auto b1 = verify_top_down(testing::vector_b1());
  EXPECT_TRUE(b1.top_down.monotone.holds);
  EXPECT_EQ(b1.top_down.probability, q("3/7"));
  EXPECT_TRUE(b1.agrees);
  EXPECT_EQ(b1.top_down.gamma,
            (Matrix<Rational>{qs({"1", "1", "1"}), qs({"1", "16/21", "0"}), qs({"1", "0", "0"})}));

  const auto b2 = verify_top_down(testing::vector_b2());
  EXPECT_EQ(b2.top_down.probability, q("23/50"));
  EXPECT_TRUE(b2.agrees);
  EXPECT_EQ(b2.top_down.gamma,
            (Matrix<Rational>{qs({"1", "1", "1"}), qs({"1", "1", "1/4"}), qs({"1", "1/4", "0"})}));

  const auto b3 = verify_top_down(testing::vector_b3());
  EXPECT_EQ(b3.top_down.probability, q("7/25"));
  EXPECT_TRUE(b3.agrees);
  EXPECT_EQ(b3.top_down.gamma,
            (Matrix<Rational>{qs({"1", "1", "1"}), qs({"1", "1", "0"}), qs({"1", "0", "0"})}));
  for (const auto* r : {&b1, &b2, &b3}) {
    EXPECT_TRUE(r->lp.solution.certified);
    EXPECT_TRUE(r->implemented);  // the top-down γ itself is an optimal mechanism
    EXPECT_EQ(r->top_down.identity_gap, 0);
  }
}

// Vector B4: the authors' Matlab default, K = 4, normal(2,1) pdf on 1..4 with
// the missing mass split to the ends; in double.
TEST(MediationTopDown, VectorBFourMatlabDefault) {
  const std::vector<double> prior = matlab_default_prior();
  EXPECT_NEAR(prior[0], 0.273533, 1e-6);
  const auto inst = testing::lottery_instance(bw_linear_lottery<double>(4, 0.8, 1.0), prior);
  EXPECT_NEAR(inst.veto[0], 0.551939, 1e-6);
  const auto res = verify_top_down(inst);
  EXPECT_TRUE(res.top_down.monotone.holds);
  EXPECT_NEAR(res.top_down.probability, 0.334443161, 1e-9);
  EXPECT_TRUE(res.agrees);
  EXPECT_NEAR(res.difference, 0, 1e-10);
  EXPECT_TRUE(res.implemented);
  const auto& g = res.top_down.gamma;
  EXPECT_EQ(g[0][0], 1);
  EXPECT_EQ(g[0][1], 1);
  EXPECT_EQ(g[1][0], 1);
  EXPECT_NEAR(g[0][2], 0.312558, 1e-6);
  EXPECT_NEAR(g[2][0], 0.312558, 1e-6);
  EXPECT_EQ(g[1][1], 0);
}

// Not a monotone lottery: w(1) = 2/3 < w(2) = 3 for p = (3/5, 1/10, 3/10).
// refuse → InputError at /game quoting the violation; flag → runs, reported.
TEST(MediationTopDown, RefusesOrFlagsNonMonotone) {
  const auto inst = testing::vector_b(qs({"3/5", "1/10", "3/10"}));
  try {
    top_down(inst);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.pointer(), "/game");
    EXPECT_EQ(e.found(), "w(1) = 2/3 < w(2) = 3");
  }
  const auto res = verify_top_down(inst, TopDownPolicy::flag);
  EXPECT_FALSE(res.top_down.monotone.holds);
  EXPECT_TRUE(res.lp.mechanism.has_value());

  // A decreasing in θ fails: A(1,3) = u(1,3) − u(2,3) = 0 < A(2,3) = 1/10.
  const Matrix<Rational> u{qs({"1/2", "7/10", "3/5"}), qs({"3/10", "1/2", "3/5"}),
                           qs({"1/5", "2/5", "1/2"})};
  const auto check = check_monotone_lottery(u, qs({"1/3", "1/3", "1/3"}));
  EXPECT_FALSE(check.holds);
  EXPECT_EQ(check.evidence, "A(1,3) = 0 < A(2,3) = 1/10");
}

TEST(MediationTopDown, RefusesBeliefDependentGames) {
  EXPECT_THROW(top_down(testing::vector_d()), InputError);
}

// OST fails (V(1) ≤ ½): Prop. 1 pooling, Pr(𝒢) = 0, as in the LP.
TEST(MediationTopDown, PoolingWhenOstFails) {
  const auto inst = testing::lottery_instance(bw_linear_lottery<Rational>(3, q("1/2"), Rational(1)),
                                              qs({"1/5", "3/10", "1/2"}));
  const auto res = verify_top_down(inst);
  EXPECT_TRUE(res.top_down.pooling);
  EXPECT_EQ(res.top_down.probability, 0);
  EXPECT_TRUE(res.agrees);
}

// Seeded random monotone lotteries (K = 2..4): A(θ,θ′) = Σ_{i≥θ, j≥θ′} c(i,j)
// with c ≥ 0 is decreasing in both arguments; u(K,·) steeply increasing (so
// that V(1) > ½ often); rows built upward and scaled so that max u + uᵀ = 1;
// priors redrawn until w decreases.
// Prop. 6: top-down = LP exactly on every draw.
TEST(MediationTopDown, RandomMonotoneLotteriesMatchTheLp) {
  Rng rng = make_rng(20261130);
  std::uniform_int_distribution<int> num(0, 6);
  int escalating = 0;
  for (int draw = 0; draw < 60; ++draw) {
    const std::size_t k = 2 + static_cast<std::size_t>(draw % 3);
    Matrix<Rational> c(k, std::vector<Rational>(k));
    for (auto& row : c)
      for (auto& x : row) x = fraction(num(rng), 40);
    Matrix<Rational> a(k, std::vector<Rational>(k, Rational(0)));
    for (std::size_t t = k - 1; t-- > 0;) {
      for (std::size_t s = k; s-- > 0;) {
        a[t][s] = c[t][s] + (t + 2 < k ? a[t + 1][s] : Rational(0)) +
                  (s + 1 < k ? a[t][s + 1] : Rational(0)) -
                  (t + 2 < k && s + 1 < k ? a[t + 1][s + 1] : Rational(0));
      }
    }
    Matrix<Rational> u(k, std::vector<Rational>(k));
    Rational base(0);
    for (std::size_t s = 0; s < k; ++s) {
      base += fraction(2 + num(rng), 5);
      u[k - 1][s] = base;
    }
    for (std::size_t t = k - 1; t-- > 0;)
      for (std::size_t s = 0; s < k; ++s) u[t][s] = u[t + 1][s] + a[t][s];
    Rational worst(0);
    for (std::size_t x = 0; x < k; ++x)
      for (std::size_t y = 0; y < k; ++y) worst = std::max(worst, Rational(u[x][y] + u[y][x]));
    if (sign_of(worst) > 0)
      for (auto& row : u)
        for (auto& x : row) x /= worst;
    std::vector<Rational> prior;
    for (int attempt = 0;; ++attempt) {
      ASSERT_LT(attempt, 1000);
      prior.assign(k, Rational(0));
      Rational total(0);
      for (auto& x : prior) {
        x = 1 + num(rng);
        total += x;
      }
      for (auto& x : prior) x /= total;
      if (check_monotone_lottery(u, prior).holds) break;
    }
    const auto inst = testing::lottery_instance(LotteryGame<Rational>(u), prior);
    const auto res = verify_top_down(inst);
    ASSERT_TRUE(res.lp.mechanism) << "draw " << draw;
    EXPECT_TRUE(res.lp.solution.certified);
    EXPECT_EQ(res.top_down.identity_gap, 0);
    EXPECT_TRUE(res.top_down.feasible);
    EXPECT_EQ(res.top_down.probability, res.lp.mechanism->probability)
        << "draw " << draw << " K = " << k << " order " << describe_order(res.top_down);
    if (sign_of(res.top_down.probability) > 0) EXPECT_TRUE(res.implemented) << "draw " << draw;
    if (sign_of(res.top_down.probability) > 0) ++escalating;
  }
  EXPECT_GE(escalating, 10);  // 11 of the 60 draws escalate; the rest pool (OST fails)
}

}  // namespace
}  // namespace mechlab::mediation
