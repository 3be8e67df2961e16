#include "mechlab/alliance/continuation.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "alliance/fixtures.hpp"
#include "mechlab/alliance/posterior.hpp"
#include "mechlab/core/rng.hpp"
#include "support.hpp"

namespace mechlab::alliance {
namespace {

using mechlab::test::q;
using test::necessity_counterexample;
using test::section51;

TEST(AlliancePolicy, SpecTestVectorsWithOneCappedHawk) {
  // Spec §3.4: n = 6, η = 7/10, b = (3/100 ×5, 1/20), box [0,1]:
  // x*(0) = (13/120 ×5, 49/120), x*(5) = (281/380 ×5, 1), x*(6) = (71/80 ×5, 1).
  const auto alliance = necessity_counterexample();
  auto expect = [](const std::vector<Rational>& action, const Rational& dove,
                   const Rational& hawk) {
    ASSERT_EQ(action.size(), 6U);
    for (std::size_t i = 0; i < 5; ++i) EXPECT_EQ(action[i], dove);
    EXPECT_EQ(action[5], hawk);
  };
  const auto x0 = constrained_policy(alliance, 0);
  expect(x0.action, q(13, 120), q(49, 120));
  EXPECT_TRUE(std::all_of(x0.binding.begin(), x0.binding.end(),
                          [](Binding b) { return b == Binding::free; }));
  EXPECT_TRUE(std::all_of(x0.gap.begin(), x0.gap.end(), [](const Rational& g) { return g == 0; }));
  const auto x5 = constrained_policy(alliance, 5);
  expect(x5.action, q(281, 380), q(1));
  EXPECT_EQ(x5.binding[5], Binding::upper);
  EXPECT_EQ(x5.binding[0], Binding::free);
  // A.3 Step 1: with ε* = x̄_6(5) − 1 = 1/30 each free player adds
  // X* = ηε*/(1+(n−2)η) = 7/1140 to x̄_i(5) = 11/15, and player 6's shortfall is
  // Δ¹ = (1−η)ε*/(1+(n−2)η) = 1/380; the free players coordinate exactly.
  EXPECT_EQ(x5.action[0] - q(11, 15), q(7, 1140));
  EXPECT_EQ(x5.gap[5], q(-1, 380));
  EXPECT_EQ(x5.gap[0], 0);
  EXPECT_EQ(x5.desired[5], Rational(q(31, 30) - 5 * q(7, 10) * q(7, 1140)));
  expect(constrained_policy(alliance, 6).action, q(71, 80), q(1));
}

TEST(AlliancePolicy, AppendixBCappedClosedForms) {
  // n = 2, b = (0, b), η = 1/2, b = 3/10 > (1−η)/2: at k = 1 (E = 1/2) player 2
  // is capped, x_2 = 1 and x_1 = (1+η)E − η = 1/4; φ_2 = ηE + 1 − η = 3/4 < E + b.
  const auto alliance = paper_alliance<Rational>(q(1, 2), {q(0), q(3, 10)});
  const auto x = constrained_policy(alliance, 1);
  EXPECT_EQ(x.action, (std::vector<Rational>{q(1, 4), q(1)}));
  EXPECT_EQ(x.gap[1], q(-1, 20));  // 3/4 − 1/2 − 3/10
  // x_1 would be < 0 (b large, E small): x_1 = 0, x_2 = (1+η)(E+b), φ_1 = η(E+b).
  const auto dove = paper_alliance<Rational>(q(1, 2), {q(0), q(2, 5)});
  const auto y = constrained_policy_at_mean(dove, q(1, 10));
  EXPECT_EQ(y.action, (std::vector<Rational>{q(0), q(3, 4)}));
  EXPECT_EQ(y.binding[0], Binding::lower);
  EXPECT_EQ(y.gap[0], q(3, 20));  // η(E + b) − E = 1/4 − 1/10
}

TEST(AlliancePolicy, WideBoundsGiveTheFirstBest) {
  auto alliance = section51(q(1, 2));
  for (auto& box : alliance.bounds) box = {q(-10), q(10)};
  for (std::size_t k = 0; k <= 4; ++k) {
    const auto x = constrained_policy(alliance, k);
    const std::vector<Rational> c{q(-1, 20), q(1, 30), q(7, 60), q(1, 5)};
    for (std::size_t i = 0; i < 4; ++i) {
      EXPECT_EQ(x.action[i], posterior_mean<Rational>(k, 4) + c[i]);
      EXPECT_EQ(x.binding[i], Binding::free);
    }
  }
}

TEST(AlliancePolicy, PointBoxesAndEveryoneCapped) {
  auto alliance = section51(q(1, 4));
  alliance.bounds[2] = {q(1, 3), q(1, 3)};
  const auto x = constrained_policy(alliance, 2);
  EXPECT_EQ(x.action[2], q(1, 3));
  // With tiny caps everyone binds at the top.
  for (auto& box : alliance.bounds) box = {q(0), q(1, 100)};
  const auto capped = constrained_policy(alliance, 0);
  EXPECT_EQ(capped.action, (std::vector<Rational>(4, q(1, 100))));
  EXPECT_TRUE(std::all_of(capped.binding.begin(), capped.binding.end(),
                          [](Binding b) { return b == Binding::upper; }));
}

// Projected Gauss–Seidel (converges because M is symmetric positive definite):
// an oracle independent of the breakpoint search.
std::vector<double> gauss_seidel(double eta, const std::vector<double>& a,
                                 const std::vector<Bounds<double>>& bounds) {
  std::vector<double> x(a.size(), 0.0);
  for (std::size_t i = 0; i < a.size(); ++i) x[i] = bounds[i].lo;
  for (int sweep = 0; sweep < 20000; ++sweep) {
    double change = 0.0;
    for (std::size_t i = 0; i < a.size(); ++i) {
      double others = 0.0;
      for (std::size_t j = 0; j < a.size(); ++j) others += j == i ? 0.0 : x[j];
      const double next = std::clamp(a[i] - eta * others, bounds[i].lo, bounds[i].hi);
      change = std::max(change, std::fabs(next - x[i]));
      x[i] = next;
    }
    if (change < 1e-15) break;
  }
  return x;
}

TEST(AlliancePolicy, RandomBoxesMatchProjectedGaussSeidel) {
  Rng rng = make_rng(2026);
  std::uniform_int_distribution<long> eta_draw(1, 19);
  std::uniform_int_distribution<long> value(-30, 60);
  std::uniform_int_distribution<std::size_t> size(1, 7);
  for (int draw = 0; draw < 300; ++draw) {
    const std::size_t n = size(rng);
    const Rational eta = q(eta_draw(rng), 20);
    std::vector<Rational> targets;
    std::vector<Bounds<Rational>> bounds;
    for (std::size_t i = 0; i < n; ++i) {
      targets.push_back(q(value(rng), 20));
      Rational lo = q(value(rng), 40);
      Rational hi = q(value(rng), 40);
      if (hi < lo) std::swap(lo, hi);
      bounds.push_back({lo, hi});
    }
    const auto exact = coordination_equilibrium(eta, targets, bounds);
    std::vector<double> a;
    std::vector<Bounds<double>> boxes;
    for (std::size_t i = 0; i < n; ++i) {
      a.push_back(to_double(targets[i]));
      boxes.push_back({to_double(bounds[i].lo), to_double(bounds[i].hi)});
    }
    const auto oracle = gauss_seidel(to_double(eta), a, boxes);
    const auto real = coordination_equilibrium(to_double(eta), a, boxes);
    for (std::size_t i = 0; i < n; ++i) {
      EXPECT_NEAR(to_double(exact.action[i]), oracle[i], 1e-9) << "draw " << draw;
      EXPECT_NEAR(real.action[i], oracle[i], 1e-9) << "draw " << draw;
      // The certificate: free players have their desired action inside the box.
      const bool inside = bounds[i].lo <= exact.desired[i] && exact.desired[i] <= bounds[i].hi;
      EXPECT_EQ(exact.binding[i] == Binding::free, inside);
    }
  }
}

}  // namespace
}  // namespace mechlab::alliance
