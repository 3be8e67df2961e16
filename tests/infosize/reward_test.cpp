#include "mechlab/infosize/reward.hpp"

#include <gtest/gtest.h>

#include <cmath>
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

const RewardSystem<Rational> kSpherical{RewardFamily::spherical, {}};
const RewardSystem<Rational> kQuadratic{RewardFamily::quadratic, {}};
const RewardSystem<Rational> kMajority{RewardFamily::majority, {}};

TEST(Reward, Names) {
  EXPECT_EQ(std::string(reward_name(RewardFamily::spherical)), "spherical");
  EXPECT_EQ(std::string(reward_name(RewardFamily::quadratic)), "quadratic");
  EXPECT_EQ(std::string(reward_name(RewardFamily::majority)), "majority");
  EXPECT_EQ(std::string(reward_name(RewardFamily::table)), "table");
}

// S = ‖q‖₂ − q·q'/‖q'‖₂ with ‖q‖₂ = ‖q'‖₂ = √1393/50: S = (‖q‖² − q·q')/‖q‖₂
// = (1393/2500 − 369/2500)·50/√1393 = 512/34825·√1393.
TEST(Reward, SphericalPowerAtNineTenthsIsAnExactSurd) {
  const auto tv = instances::tv2(q(9, 10));
  for (std::size_t i = 0; i < 3; ++i) {
    for (const auto& [truth, lie] : {std::pair<std::size_t, std::size_t>{0, 1}, {1, 0}}) {
      const auto s = power(tv.signals, kSpherical, i, truth, lie);
      EXPECT_EQ(s.exact_text(), "512/34825*sqrt(1393)");
      EXPECT_NEAR(s.to_double(), 0.5487245539, 1e-10);
    }
  }
  // ½‖q‖₂Λ gives the same surd.
  const auto half_norm_lambda = CertifiedReal(q(1, 2)) *
                                CertifiedReal::sqrt(belief_norm_squared(tv.signals, 0, 0)) *
                                variability(tv.signals, 0, 0, 1);
  EXPECT_EQ(half_norm_lambda.exact_text(), "512/34825*sqrt(1393)");
  // At 7/10: (0.2692 − 0.2436)/(√673/50) = 32/16825·√673.
  const auto tv3 = instances::tv2(q(7, 10));
  const auto s = power(tv3.signals, kSpherical, 0, 0, 1);
  EXPECT_EQ(s.exact_text(), "32/16825*sqrt(673)");
  EXPECT_NEAR(s.to_double(), 0.0493403740, 1e-10);
}

TEST(Reward, Tv5SphericalPowerAndVariability) {
  const auto tv = instances::tv5();
  for (std::size_t i = 0; i < 2; ++i) {
    const auto xy = power(tv.signals, kSpherical, i, 0, 1);
    const auto yx = power(tv.signals, kSpherical, i, 1, 0);
    EXPECT_NEAR(xy.to_double(), 0.2075466735, 1e-10);
    EXPECT_NEAR(yx.to_double(), 0.1991639723, 1e-10);
    // ‖q_x‖₂/‖q_y‖₂ = √(657/605) is irrational: certified intervals only.
    EXPECT_FALSE(xy.exact());
    EXPECT_EQ(xy.sign(), 1);
    EXPECT_NEAR(variability(tv.signals, i, 0, 1).to_double(), 0.5344130167, 1e-10);
  }
}

TEST(Reward, MajorityPowerIsTheSquaredSignalBias) {
  for (const long percent : {55, 70, 90}) {
    const Rational rho = q(percent, 100);
    const auto tv = instances::tv2(rho);
    for (std::size_t i = 0; i < 3; ++i) {
      const auto s = power(tv.signals, kMajority, i, 1, 0);
      ASSERT_TRUE(s.rational().has_value());
      EXPECT_EQ(*s.rational(), (2 * rho - 1) * (2 * rho - 1));
    }
  }
}

TEST(Reward, MajorityComparesLabelsNotIndices) {
  // Agent 2 lists its signals in the other order; agreement is by label.
  const auto tv = instances::tv2(q(9, 10));
  auto d = tv.signals.d;
  d.signals[1] = {"a2", "a1"};
  const auto s = analyse(d, tv.problem);
  // Profile 0 is (a1, a2 [index 0 of agent 2], a1): agents 1 and 3 agree.
  EXPECT_EQ(*unit_score(s, kMajority, 0, 0).rational(), q(1));
  EXPECT_EQ(*unit_score(s, kMajority, 1, 0).rational(), q(0));
  EXPECT_EQ(*unit_score(s, kMajority, 2, 0).rational(), q(1));
}

TEST(Reward, SphericalScoresAndOutlay) {
  const auto tv = instances::tv2(q(9, 10));
  // s_1(a1a1a1) = 73/100 / (√1393/50) = 73/(2·1393)·√1393.
  const auto top = unit_score(tv.signals, kSpherical, 0, 0);
  EXPECT_EQ(top.exact_text(), "73/2786*sqrt(1393)");
  // Σ_i Σ_{a_i} Q(a_i)‖q_{a_i}‖₂ = 3·√1393/50.
  const auto outlay = expected_unit_outlay(tv.signals, kSpherical);
  EXPECT_EQ(outlay.exact_text(), "3/50*sqrt(1393)");
  // Majority: a unanimous or 2–1 profile pays the majority; P(2–1) = 2·... all
  // but the odd one out at 2–1 profiles: E = 3·P(unanimous) + 2·P(2–1).
  const Rational unanimous = q(1, 2) * (q(729, 1000) + q(1, 1000)) * 2;
  const auto maj = expected_unit_outlay(tv.signals, kMajority);
  EXPECT_EQ(*maj.rational(), 3 * unanimous + 2 * (1 - unanimous));
}

TEST(Reward, TableScoresAreChecked) {
  const auto tv = instances::tv5();
  RewardSystem<Rational> table{RewardFamily::table,
                               {{q(1), q(0), q(0), q(1)}, {q(1), q(0), q(0), q(1)}}};
  // Agent 1 paid for matching agent 2: S(x→y) = q_x(x) − q_x(y) = 8/11 − 3/11.
  EXPECT_EQ(*power(tv.signals, table, 0, 0, 1).rational(), q(5, 11));
  table.table[0][1] = q(3, 2);
  const auto error = test::input_error([&] { unit_score(tv.signals, table, 0, 1); });
  EXPECT_EQ(error.pointer(), "/reward/table/0/1");
  table.table.pop_back();
  EXPECT_THROW(unit_score(tv.signals, table, 0, 0), InputError);
}

TEST(Reward, RandomInstancesSatisfyLemmaCAndTheIdentities) {
  Rng rng = make_rng(1764);
  for (int draw = 0; draw < 100; ++draw) {
    const auto problem = test::random_problem(rng);
    const auto s = analyse(trivial(problem), problem);
    const CertifiedReal root_size =
        CertifiedReal::sqrt(Rational(static_cast<long>(s.profile_count())));
    for (std::size_t i = 0; i < s.agent_count(); ++i) {
      for (std::size_t a = 0; a < s.signal_count(i); ++a) {
        EXPECT_EQ(*power(s, kQuadratic, i, a, a).rational(), q(0));
        for (std::size_t r = 0; r < s.signal_count(i); ++r) {
          if (a == r) continue;
          SCOPED_TRACE(testing::Message()
                       << "draw " << draw << " agent " << i << " " << a << "->" << r);
          const CertifiedReal sph = power(s, kSpherical, i, a, r);
          const CertifiedReal lambda = variability(s, i, a, r);
          // Lemma C: S >= Λ/(2√|A|).
          EXPECT_NE(compare(sph, lambda / (CertifiedReal(2L) * root_size)), -1);
          // S = ½‖q_a‖₂Λ(a, r).
          const CertifiedReal identity =
              CertifiedReal(q(1, 2)) * CertifiedReal::sqrt(belief_norm_squared(s, i, a)) * lambda;
          EXPECT_NEAR(sph.to_double(), identity.to_double(), 1e-12);
          EXPECT_LE(to_double(sph.lower()), to_double(identity.upper()) + 1e-30);
          EXPECT_GE(to_double(sph.upper()), to_double(identity.lower()) - 1e-30);
          // Quadratic power = ½‖q_a − q_r‖₂².
          Rational half_distance(0);
          for (std::size_t x = 0; x < s.profile_count(); ++x) {
            if (s.profiles.digit(x, i) != a) continue;
            const Rational diff = s.belief(i, x) - s.belief(i, s.profiles.with_digit(x, i, r));
            half_distance += diff * diff / 2;
          }
          EXPECT_EQ(*power(s, kQuadratic, i, a, r).rational(), half_distance);
        }
      }
      // Scores are in [0, 1].
      for (std::size_t x = 0; x < s.profile_count(); ++x) {
        for (const auto* reward : {&kSpherical, &kQuadratic, &kMajority}) {
          const auto score = unit_score(s, *reward, i, x);
          EXPECT_NE(score.sign(), -1);
          EXPECT_NE(compare(score, CertifiedReal(1L)), 1);
        }
      }
    }
  }
}

TEST(Reward, DoubleModeAgreesWithExact) {
  Rng rng = make_rng(9);
  const RewardSystem<double> spherical_d{RewardFamily::spherical, {}};
  const RewardSystem<double> quadratic_d{RewardFamily::quadratic, {}};
  const RewardSystem<double> majority_d{RewardFamily::majority, {}};
  for (int draw = 0; draw < 40; ++draw) {
    const auto problem = test::random_problem(rng);
    const auto s = analyse(trivial(problem), problem);
    const auto problem_d = test::to_double(problem);
    const auto s_d = analyse(test::to_double(s.d), problem_d);
    for (std::size_t i = 0; i < s.agent_count(); ++i) {
      for (std::size_t a = 0; a < s.signal_count(i); ++a) {
        for (std::size_t r = 0; r < s.signal_count(i); ++r) {
          EXPECT_NEAR(power(s_d, spherical_d, i, a, r), power(s, kSpherical, i, a, r).to_double(),
                      1e-9);
          EXPECT_NEAR(power(s_d, quadratic_d, i, a, r), power(s, kQuadratic, i, a, r).to_double(),
                      1e-9);
          EXPECT_NEAR(power(s_d, majority_d, i, a, r), power(s, kMajority, i, a, r).to_double(),
                      1e-9);
        }
      }
    }
    EXPECT_NEAR(expected_unit_outlay(s_d, spherical_d),
                expected_unit_outlay(s, kSpherical).to_double(), 1e-9);
  }
}

}  // namespace
}  // namespace mechlab::infosize
