// The two-stage game Γ(D, Z) (003 §6, spec §3.8): posted posteriors,
// information sets and beliefs, the exact best reply, the equilibrium path.
#include "mechlab/infosize/two_stage.hpp"

#include <gtest/gtest.h>

#include <random>

#include "mechlab/infosize/instances.hpp"
#include "support.hpp"

namespace mechlab::infosize {
namespace {

using test::q;

TEST(TwoStage, PostedPosteriorsOfTv2AreTheFourMajorityLevels) {
  const auto in = instances::tv2(q(9, 10));
  const auto posted = posted_posteriors(in.signals);
  ASSERT_EQ(posted.pi.size(), 4U);
  EXPECT_EQ(posted.pi[0][0], q(729, 730));  // a1a1a1
  EXPECT_EQ(posted.pi[1][0], q(9, 10));     // two a1
  EXPECT_EQ(posted.pi[2][0], q(1, 10));     // one a1
  EXPECT_EQ(posted.pi[3][0], q(1, 730));    // a2a2a2
  for (const auto& k : posted.posted) EXPECT_TRUE(k.has_value());
}

TEST(TwoStage, StageTwoVcgIsClarkePivotWithTieBreakByOrder) {
  const std::vector<std::vector<Rational>> u{{q(3), q(0)}, {q(0), q(3)}, {q(0), q(1)}};
  const auto out = stage_two_vcg(u);
  EXPECT_EQ(out.choice, 1U);
  EXPECT_EQ(out.transfers[0], q(0));
  EXPECT_EQ(out.transfers[1], q(-2));  // others: (3, 1) -> 1 - 3
  EXPECT_EQ(out.transfers[2], q(0));
  // A tie goes to the first alternative.
  EXPECT_EQ(stage_two_vcg<Rational>({{q(1), q(0)}, {q(0), q(1)}}).choice, 0U);
}

// 003 §4.2 hand check: agent 1 with a2 reports a1; beliefs over the others
// a2a2 0.73, each mixed 0.09, a1a1 0.09; deviation payoff 2.024.
TEST(TwoStage, Tv2Agent1LieHasThreeOnPathSetsAndOneOffPath) {
  const auto in = instances::tv2(q(9, 10));
  const auto dev = stage_one_report(in, 0, 1, 0);
  ASSERT_EQ(dev.sets.size(), 4U);
  EXPECT_TRUE(dev.undefined.empty());
  std::size_t on = 0;
  for (const auto& set : dev.sets) on += set.on_path ? 1 : 0;
  EXPECT_EQ(on, 3U);
  EXPECT_FALSE(dev.sets[3].on_path);  // π = 1/730 needs a2 from agent 1: unreachable (E8)
  EXPECT_EQ(dev.sets[3].best.value, q(0));
  EXPECT_EQ(dev.sets[3].best.witness, dev.sets[3].truthful);
  // π = 9/10 is posted after (a1 lie, one other a1): two profiles of weight 0.09.
  const auto& mixed = dev.sets[1];
  ASSERT_EQ(mixed.consistent.size(), 2U);
  EXPECT_EQ(mixed.mass, q(18, 100));
  // μ uses the true posterior ρ(a2, a1, a2) = 1/10 (E7), not the posted 9/10.
  EXPECT_EQ(mixed.belief[0], q(1, 20));
  EXPECT_EQ(mixed.belief[1], q(9, 20));
  EXPECT_EQ(dev.pbe, q(2024, 1000));
  EXPECT_EQ(dev.pointwise, q(2024, 1000));
  EXPECT_EQ(truthful_value(in.problem, 0, 1), q(872, 1000));
}

// 003 §4.5: after x -> y agent 1 sees π = 1/3 whatever a2 is, while the true
// posterior is 7/8 or 1/3, so one report must serve both: PBE < pointwise.
TEST(TwoStage, Tv5CollisionMakesPbeStrictlyBelowPointwise) {
  const auto in = instances::tv5();
  const auto dev = stage_one_report(in, 0, 0, 1);
  std::size_t on = 0;
  const InformationSet<Rational>* set = nullptr;
  for (const auto& s : dev.sets) {
    if (s.on_path) {
      ++on;
      set = &s;
    }
  }
  ASSERT_EQ(on, 1U);
  EXPECT_EQ(set->consistent.size(), 2U);
  const Rational v = truthful_value(in.problem, 0, 0);
  EXPECT_EQ(v, q(5, 11));
  EXPECT_EQ(dev.pbe - v, q(82, 33));
  EXPECT_EQ(dev.pointwise - v, q(91, 33));
  EXPECT_LT(set->best.value, set->best.bound);
  // The witness report is non-negative and induces the recorded choices
  // (ties resolved for the deviator).
  ASSERT_EQ(set->best.witness.size(), 2U);
  for (const auto& u : set->best.witness) EXPECT_GE(u, q(0));
}

TEST(TwoStage, TruthfulStageOneMakesTruthfulStageTwoABestReply) {
  for (const auto& in : {instances::tv2(q(9, 10)), instances::tv4(), instances::tv5()}) {
    const auto& p = in.problem;
    for (std::size_t i = 0; i < p.agent_count(); ++i) {
      for (std::size_t t = 0; t < p.type_count(i); ++t) {
        const auto dev = stage_one_report(in, i, t, in.signals.d.f[i][t]);
        for (const auto& set : dev.sets) {
          if (!set.on_path) continue;
          EXPECT_EQ(set.best.value, set.truthful_value) << "agent " << i << " type " << t;
          EXPECT_EQ(set.best.value, set.best.bound);
        }
        EXPECT_EQ(dev.pbe, truthful_value(p, i, t));
      }
    }
  }
}

TEST(TwoStage, EquilibriumPathEqualsOneStageGvcg) {
  for (const auto& in :
       {instances::tv2(q(9, 10)), instances::tv2(q(7, 10)), instances::tv4(), instances::tv5()}) {
    const PathCheck check = equilibrium_path(in);
    EXPECT_TRUE(check.holds());
    EXPECT_EQ(check.profiles, in.problem.profile_count());
  }
}

// An independent oracle for three alternatives: with u(0) = 0 the value is
// piecewise constant on an arrangement of lines in the (u1, u2) plane, and
// with ties in the deviator's favour every cell's value is attained at a vertex.
Rational vertex_oracle(const std::vector<std::vector<Rational>>& others,
                       const std::vector<std::vector<Rational>>& payoff) {
  std::vector<Rational> u1s;
  std::vector<Rational> u2s;
  std::vector<Rational> gaps;  // u1 − u2
  for (const auto& w : others) {
    u1s.push_back(w[0] - w[1]);
    u2s.push_back(w[0] - w[2]);
    gaps.push_back(w[2] - w[1]);
  }
  std::vector<std::pair<Rational, Rational>> points;
  for (const auto& a : u1s) {
    for (const auto& b : u2s) points.emplace_back(a, b);
    for (const auto& g : gaps) points.emplace_back(a, a - g);
  }
  for (const auto& b : u2s) {
    for (const auto& g : gaps) points.emplace_back(b + g, b);
  }
  Rational best;
  bool first = true;
  for (const auto& [u1, u2] : points) {
    const std::vector<Rational> u{q(0), u1, u2};
    Rational total(0);
    for (std::size_t k = 0; k < others.size(); ++k) {
      Rational top;
      for (std::size_t c = 0; c < 3; ++c) {
        const Rational x = u[c] + others[k][c];
        if (c == 0 || x > top) top = x;
      }
      Rational pick;
      bool any = false;
      for (std::size_t c = 0; c < 3; ++c) {
        if (u[c] + others[k][c] == top && (!any || payoff[k][c] > pick)) {
          pick = payoff[k][c];
          any = true;
        }
      }
      total += pick;
    }
    if (first || total > best) best = total;
    first = false;
  }
  return best;
}

TEST(TwoStage, BestReplyMatchesVertexOracleOnRandomData) {
  std::mt19937_64 rng(20150710);
  std::uniform_int_distribution<int> small(0, 6);
  std::uniform_int_distribution<int> profiles(1, 6);
  for (int draw = 0; draw < 200; ++draw) {
    const int k = profiles(rng);
    std::vector<std::vector<Rational>> others(k, std::vector<Rational>(3));
    std::vector<std::vector<Rational>> payoff(k, std::vector<Rational>(3));
    for (int m = 0; m < k; ++m) {
      for (std::size_t c = 0; c < 3; ++c) {
        others[m][c] = q(small(rng));
        payoff[m][c] = q(small(rng) - 3);
      }
    }
    const auto reply = best_reply(others, payoff);
    EXPECT_EQ(reply.value, vertex_oracle(others, payoff)) << "draw " << draw;
    EXPECT_LE(reply.value, reply.bound);
    // The witness achieves the value with favourable ties.
    Rational achieved(0);
    for (int m = 0; m < k; ++m) {
      const std::size_t c = reply.choices[m];
      for (std::size_t d = 0; d < 3; ++d) {
        EXPECT_GE(reply.witness[c] + others[m][c], reply.witness[d] + others[m][d]);
      }
      achieved += payoff[m][c];
    }
    EXPECT_EQ(achieved, reply.value);
  }
}

TEST(TwoStage, BestReplySearchBeyondTheNodeLimitIsAnInputErrorNamingTheOption) {
  std::vector<std::vector<Rational>> others;
  std::vector<std::vector<Rational>> payoff;
  for (int m = 0; m < 8; ++m) {
    others.push_back({q(m), q(2 * m % 5), q(0)});
    payoff.push_back({q(m % 3), q(-m % 4), q(m % 2)});
  }
  const InputError e = test::input_error([&] { (void)best_reply(others, payoff, 3); });
  EXPECT_EQ(e.pointer(), "--node-limit");
  EXPECT_TRUE(test::contains(e.expected(), "3 branch-and-bound nodes"));
}

}  // namespace
}  // namespace mechlab::infosize
