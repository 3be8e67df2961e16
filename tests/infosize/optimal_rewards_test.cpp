#include "mechlab/infosize/optimal_rewards.hpp"

#include <gtest/gtest.h>

#include "mechlab/infosize/instances.hpp"
#include "mechlab/infosize/io.hpp"
#include "mechlab/mechanism/audit.hpp"
#include "mechlab/mechanism/rules.hpp"
#include "support.hpp"

namespace mechlab::infosize {
namespace {

using test::q;

OptimalRewards<Rational> solve(const Instance<Rational>& in, Level level,
                               RewardObjective objective) {
  return optimal_rewards(in, certify(in), level, objective);
}

// Every stage-1 constraint, recomputed from the reward table: the expected
// reward difference covers the largest gain of the types sending the signal.
void expect_feasible(const Instance<Rational>& in, const OptimalRewards<Rational>& r) {
  const auto cert = certify(in);
  const auto& s = in.signals;
  for (const auto& c : cert.constraints) {
    const auto gain = c.gain(r.level);
    if (!gain) continue;
    Rational difference(0);
    for (std::size_t a = 0; a < s.profile_count(); ++a) {
      if (s.profiles.digit(a, c.agent) != c.truth) continue;
      difference +=
          s.belief(c.agent, a) *
          (r.rewards[c.agent][a] - r.rewards[c.agent][s.profiles.with_digit(a, c.agent, c.report)]);
    }
    EXPECT_GE(difference, *gain) << "agent " << c.agent << " type " << c.type;
  }
  for (const auto& row : r.rewards) {
    for (const auto& z : row) EXPECT_GE(z, 0);
  }
}

// TV2 at the PBE level: the LP pays at most 381501/292000 ≈ 1.3065, below the
// majority reward's 9/5 and the spherical rule's 657/320 at their minimal scales.
TEST(OptimalRewards, Tv2CheapestMaximumRewardBeatsTheScoringRules) {
  const auto in = instances::tv2(q(9, 10));
  const auto r = solve(in, Level::pbe, RewardObjective::max_reward);
  ASSERT_EQ(r.result.status, lp::SolveStatus::optimal);
  EXPECT_TRUE(r.result.certified);
  EXPECT_EQ(r.max_reward, q(381501, 292000));
  EXPECT_EQ(r.result.objective, r.max_reward);
  ASSERT_TRUE(r.family_max_reward.has_value());
  EXPECT_EQ(*r.family_max_reward->rational(), q(657, 320));
  EXPECT_LT(r.max_reward, q(9, 5));
  expect_feasible(in, r);
  // Agent 1's two constraints price the optimum (Theorem B's binding agent).
  ASSERT_GE(r.binding.size(), 2U);
  EXPECT_EQ(r.binding[0].name, "IC[agent=1,signal=a1,report=a2]");
  EXPECT_EQ(r.binding[0].value, q(9, 64));
  EXPECT_EQ(r.binding[1].name, "IC[agent=1,signal=a2,report=a1]");
  EXPECT_EQ(r.binding[1].value, q(73, 64));
}

TEST(OptimalRewards, Tv2CheapestOutlay) {
  const auto in = instances::tv2(q(9, 10));
  const auto r = solve(in, Level::pbe, RewardObjective::outlay);
  ASSERT_EQ(r.result.status, lp::SolveStatus::optimal);
  EXPECT_EQ(r.outlay, q(415773, 292000));
  EXPECT_EQ(r.result.objective, r.outlay);
  // The spherical rule at ε*_PBE spends 37611/8000 in expectation.
  ASSERT_TRUE(r.family_outlay.has_value());
  EXPECT_EQ(*r.family_outlay->rational(), q(37611, 8000));
  expect_feasible(in, r);
}

// One-stage rewards from the LP, added to the GVCG as transfers, make the
// direct mechanism Bayesian IC: an independent audit by the mechanism engine.
TEST(OptimalRewards, OneStageRewardsMakeTheDirectMechanismBayesianIc) {
  for (const auto& in : {instances::tv2(q(9, 10)), instances::tv4()}) {
    const auto r = solve(in, Level::one_stage, RewardObjective::max_reward);
    ASSERT_EQ(r.result.status, lp::SolveStatus::optimal);
    const auto& p = in.problem;
    std::vector<std::vector<Rational>> z(p.agent_count(), std::vector<Rational>(p.profile_count()));
    for (std::size_t i = 0; i < p.agent_count(); ++i) {
      for (std::size_t t = 0; t < p.profile_count(); ++t) {
        z[i][t] = r.rewards[i][in.signals.signal_profile(p.profiles, t)];
      }
    }
    const auto m = mechanism::augment(mechanism::gvcg(p), z);
    const auto a = mechanism::audit(p, m, {{mechanism::Property::bayesian_ic}});
    EXPECT_TRUE(a.properties[0].holds);
    // Without the rewards the GVCG is not Bayesian IC (003 Section 2).
    const auto bare = mechanism::audit(p, mechanism::gvcg(p), {{mechanism::Property::bayesian_ic}});
    EXPECT_FALSE(bare.properties[0].holds);
  }
}

// Λ = 0 and a positive gain around the cycle x -> y -> x: the LP is infeasible
// and its Farkas vector is exactly that cycle.
TEST(OptimalRewards, IdenticalBeliefsWithAProfitableCycleHaveAFarkasCertificate) {
  const io::Document doc = io::read_json_file(std::string(MECHLAB_SOURCE_DIR) +
                                              "/examples/infosize/uninformed-rival.json");
  const auto in = read_model<Rational>(io::Node(doc)).instance;
  const auto r = solve(in, Level::pbe, RewardObjective::max_reward);
  ASSERT_EQ(r.result.status, lp::SolveStatus::infeasible);
  EXPECT_TRUE(r.result.certified);
  ASSERT_EQ(r.farkas.size(), 2U);
  EXPECT_EQ(r.farkas[0].name, "IC[agent=1,signal=x,report=y]");
  EXPECT_EQ(r.farkas[1].name, "IC[agent=1,signal=y,report=x]");
  EXPECT_EQ(r.farkas[0].value, r.farkas[1].value);
  EXPECT_LT(r.result.farkas_bound, 0);
  // The direct mechanism needs nothing: G1 < 0 both ways.
  const auto one = solve(in, Level::one_stage, RewardObjective::max_reward);
  ASSERT_EQ(one.result.status, lp::SolveStatus::optimal);
  EXPECT_EQ(one.max_reward, 0);
}

TEST(OptimalRewards, RefusesInstancesWhosePreconditionsFail) {
  auto in = instances::tv5();
  // A decomposition whose Q is not the pushforward violates (ii).
  in.signals = analyse(Decomposition<Rational>{in.signals.d.signals, in.signals.d.f,
                                               std::vector<Rational>(8, q(1, 8))},
                       in.problem);
  const auto cert = certify(in);
  EXPECT_FALSE(cert.preconditions.hold());
  const InputError e = test::input_error(
      [&] { (void)optimal_rewards(in, cert, Level::pbe, RewardObjective::max_reward); });
  EXPECT_EQ(e.pointer(), "/decomposition");
}

}  // namespace
}  // namespace mechlab::infosize
