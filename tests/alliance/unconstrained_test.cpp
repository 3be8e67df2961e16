#include "mechlab/alliance/unconstrained.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

#include "alliance/fixtures.hpp"
#include "mechlab/core/rng.hpp"
#include "support.hpp"

namespace mechlab::alliance {
namespace {

using mechlab::test::input_error;
using mechlab::test::q;
using test::section51;

TEST(AllianceUnconstrained, TheoremOneTestVector) {
  // Spec §3.3: n = 4, η = 1/2, b = (1/20, 1/15, 1/12, 1/10), T = {1, 2}, k = 1:
  // h = 6/5, E = 1/2; x_1 = 9/20, x_2 = 8/15; x_3(0) = 257/660, x_4(0) = 26/55,
  // x_3(1) = 557/660, x_4(1) = 51/55.
  const auto alliance = section51(q(1, 2));
  const std::vector<bool> truthful{true, true, false, false};
  const auto policy = unconstrained_policy(alliance, truthful, 1);
  EXPECT_EQ(policy.truthful_count, 2U);
  EXPECT_EQ(policy.h, q(6, 5));
  EXPECT_EQ(policy.mean, q(1, 2));
  EXPECT_EQ(policy.action[0][0], q(9, 20));
  EXPECT_EQ(policy.action[0][1], q(9, 20));
  EXPECT_EQ(policy.action[1][0], q(8, 15));
  EXPECT_EQ(policy.action[2][0], q(257, 660));
  EXPECT_EQ(policy.action[3][0], q(26, 55));
  EXPECT_EQ(policy.action[2][1], q(557, 660));
  EXPECT_EQ(policy.action[3][1], q(51, 55));
  const auto foc = unconstrained_policy_by_foc(alliance, truthful, 1);
  EXPECT_EQ(foc.action, policy.action);
}

TEST(AllianceUnconstrained, CorollaryOneFullRevelation) {
  // t = n: x̄_i = E_k + c_i (eq. 3); η = 1/2 gives c = (−1/20, 1/30, 7/60, 1/5).
  const auto policy = unconstrained_policy(section51(q(1, 2)), std::vector<bool>(4, true), 2);
  EXPECT_EQ(policy.mean, q(1, 2));
  EXPECT_EQ(policy.action[0][0], q(9, 20));
  EXPECT_EQ(policy.action[3][1], q(7, 10));
}

TEST(AllianceUnconstrained, ClosedFormsSolveTheFirstOrderConditions) {
  // Spec §1.3 [verified]: Theorem 1 solves eqs. 13–15 for every n <= 6, t, k.
  Rng rng = make_rng(7);
  std::uniform_int_distribution<long> eta_draw(1, 19);
  std::uniform_int_distribution<long> bias_draw(-20, 40);
  for (std::size_t n = 2; n <= 6; ++n) {
    for (int draw = 0; draw < 2; ++draw) {
      std::vector<Rational> biases;
      for (std::size_t i = 0; i < n; ++i) biases.push_back(q(bias_draw(rng), 200));
      const auto alliance = paper_alliance<Rational>(q(eta_draw(rng), 20), biases);
      for (unsigned mask = 0; mask < (1U << n); ++mask) {
        std::vector<bool> truthful(n);
        std::size_t t = 0;
        for (std::size_t i = 0; i < n; ++i) {
          truthful[i] = ((mask >> i) & 1U) != 0;
          t += truthful[i] ? 1 : 0;
        }
        for (std::size_t k = 0; k <= t; ++k) {
          EXPECT_EQ(unconstrained_policy(alliance, truthful, k).action,
                    unconstrained_policy_by_foc(alliance, truthful, k).action)
              << "n = " << n << ", mask = " << mask << ", k = " << k;
        }
      }
    }
  }
}

TEST(AllianceUnconstrained, CorrectedGeneralKOne) {
  // Erratum 12: with the babbler's means c_s = (k+s+1)/(t+3), the correct
  // general form is K_1 = K_0 + D(c_1 − c_0)/(1 + η(n−t−1)(c_1 − c_0)); it
  // equals Theorem 1's K_1 − K_0 = 1/(1+h) for every t < n.
  const auto alliance = section51(q(3, 10));
  const Rational normaliser = 1 + 3 * alliance.eta;
  for (unsigned mask = 0; mask < 15; ++mask) {
    std::vector<bool> truthful(4);
    long t = 0;
    for (std::size_t i = 0; i < 4; ++i) {
      truthful[i] = ((mask >> i) & 1U) != 0;
      t += truthful[i] ? 1 : 0;
    }
    const std::size_t babbler = static_cast<std::size_t>(
        std::find(truthful.begin(), truthful.end(), false) - truthful.begin());
    for (long k = 0; k <= t; ++k) {
      const auto policy = unconstrained_policy(alliance, truthful, static_cast<std::size_t>(k));
      const Rational step = q(1, t + 3);  // c_1 − c_0
      const Rational k1_minus_k0 = normaliser * step / (1 + alliance.eta * (3 - t) * step);
      EXPECT_EQ(Rational(policy.action[babbler][1] - policy.action[babbler][0]), k1_minus_k0);
      EXPECT_EQ(k1_minus_k0, Rational(1 / (1 + policy.h)));
    }
  }
}

TEST(AllianceUnconstrained, DoubleAgreesWithRational) {
  const auto exact = unconstrained_policy(section51(q(1, 4)), {false, true, false, true}, 1);
  const auto real = unconstrained_policy_by_foc(
      paper_alliance<double>(0.25, {1.0 / 20, 1.0 / 15, 1.0 / 12, 1.0 / 10}),
      {false, true, false, true}, 1);
  for (std::size_t i = 0; i < 4; ++i) {
    for (std::size_t s = 0; s < 2; ++s) {
      EXPECT_NEAR(real.action[i][s], to_double(exact.action[i][s]), 1e-13);
    }
  }
}

TEST(AllianceUnconstrained, TruthfulFlagsMustMatchThePlayers) {
  EXPECT_EQ(input_error([] {
              unconstrained_policy(section51(q(1, 2)), {true, false}, 0);
            }).pointer(),
            "/truthful");
}

}  // namespace
}  // namespace mechlab::alliance
