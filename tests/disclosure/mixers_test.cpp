// §3.3 step 4: equilibria in which three or more members mix, found by
// subdividing the box of mixing probabilities.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "fixtures.hpp"
#include "mechlab/core/rng.hpp"
#include "mechlab/disclosure/equilibria.hpp"
#include "support.hpp"

namespace mechlab::disclosure {
namespace {

using fixtures::Vec;
using test::contains;
using test::q;
using Eq = Equilibrium<Rational>;

// Members whose vote is strictly between 0 and 1 at some outcome.
template <class T>
int mixers(const Equilibrium<T>& e) {
  int count = 0;
  for (const auto& votes : e.votes) {
    count += static_cast<int>(std::any_of(votes.begin(), votes.end(), [](const T& x) {
      return sign_of(x) > 0 && sign_of(T(x - 1)) < 0;
    }));
  }
  return count;
}

// Three members, Ω_i = {0, 1, 2}, independent with the same marginal f.
template <class T>
Team<T> iid_three_values(const std::vector<Rational>& f) {
  Team<T> team{{"a", "b", "c"}, {}, {}};
  for (int i = 0; i < 3; ++i) {
    team.values.push_back({T(0), T(1), T(2)});
  }
  for (int x = 0; x < 3; ++x) {
    for (int y = 0; y < 3; ++y) {
      for (int z = 0; z < 3; ++z) {
        team.prior.push_back(NumberTraits<T>::from_rational(f[x] * f[y] * f[z]));
      }
    }
  }
  return team;
}

Team<Rational> iid_uniform_binary(std::size_t n) {
  Team<Rational> team;
  for (std::size_t i = 0; i < n; ++i) {
    team.members.emplace_back(1, static_cast<char>('A' + i));
    team.values.push_back({q(0), q(1)});
  }
  team.prior.assign(std::size_t{1} << n, q(1, static_cast<long>(std::size_t{1} << n)));
  return team;
}

std::vector<Rational> beliefs(const Eq& e) {
  if (!e.posterior.empty()) return e.posterior;
  std::vector<Rational> out;
  for (const auto& [lo, hi] : e.belief_box) out.push_back(lo);
  return out;
}

// Under unanimity with iid outcomes on {0, 1, 2}, everyone voting no at 0, yes
// at 2 and with probability α at 1 gives ω_i^ND = 1 iff
// f0 = f2 (1 − π²) with π = f1 α + f2 the probability that another votes yes.
// For f = (7/32, 9/32, 1/2): π = 3/4, α = 8/9 and P(ND) = 1 − π³ = 37/64.
TEST(DisclosureMixers, ThreeMembersMixAtTheMiddleValueUnderUnanimity) {
  const auto team = iid_three_values<Rational>({q(7, 32), q(9, 32), q(1, 2)});
  const auto all = all_equilibria(team, unanimity(3));
  ASSERT_EQ(all.size(), 4U);  // FD, two pure and this one
  const auto it = std::find_if(all.begin(), all.end(), [](const Eq& e) { return mixers(e) == 3; });
  ASSERT_NE(it, all.end());
  EXPECT_EQ(std::count_if(all.begin(), all.end(), [](const Eq& e) { return mixers(e) == 3; }), 1);
  for (const auto& votes : it->votes)
    EXPECT_EQ(votes, (std::vector<Rational>{q(0), q(8, 9), q(1)}));
  EXPECT_EQ(it->posterior, (std::vector<Rational>{q(1), q(1), q(1)}));
  EXPECT_EQ(it->prob_no_disclosure, q(37, 64));
  EXPECT_EQ(it->kind, DisclosureKind::interior);
  EXPECT_TRUE(it->mixed);
  EXPECT_FALSE(it->approximate);
  EXPECT_FALSE(it->degenerate);
  EXPECT_TRUE(it->family.empty());
  EXPECT_TRUE(it->consistent_with_deliberation);
  for (const auto& e : all) {
    EXPECT_EQ(e.unresolved_boxes, 0U);
    const auto failure = verify_equilibrium(team, unanimity(3), e.votes, beliefs(e));
    EXPECT_FALSE(failure.has_value()) << failure.value_or("");
  }
}

// The same with four members: ω_i^ND = 1 iff f0 = f2 (1 − π³). For
// f = (49/125, 27/250, 1/2): π = 3/5, α = 25/27 and P(ND) = 1 − π⁴ = 544/625.
TEST(DisclosureMixers, FourMembersMixAtTheMiddleValueUnderUnanimity) {
  const std::vector<Rational> f{q(49, 125), q(27, 250), q(1, 2)};
  Team<Rational> team{{"a", "b", "c", "d"}, {}, {}};
  for (int i = 0; i < 4; ++i) team.values.push_back({q(0), q(1), q(2)});
  for (int cell = 0; cell < 81; ++cell) {
    Rational mass(1);
    for (int rest = cell, i = 0; i < 4; ++i, rest /= 3) mass *= f[rest % 3];
    team.prior.push_back(mass);
  }
  const auto all = all_equilibria(team, unanimity(4));
  const auto it = std::find_if(all.begin(), all.end(), [](const Eq& e) { return mixers(e) == 4; });
  ASSERT_NE(it, all.end());
  for (const auto& votes : it->votes) {
    EXPECT_EQ(votes, (std::vector<Rational>{q(0), q(25, 27), q(1)}));
  }
  EXPECT_EQ(it->posterior, (std::vector<Rational>(4, q(1))));
  EXPECT_EQ(it->prob_no_disclosure, q(544, 625));
  EXPECT_FALSE(it->approximate);
  EXPECT_EQ(it->unresolved_boxes, 0U);
  const auto failure = verify_equilibrium(team, unanimity(4), it->votes, it->posterior);
  EXPECT_FALSE(failure.has_value()) << failure.value_or("");
}

// f = (1/4, 1/4, 1/2): π = 1/√2, so α = 2√2 − 2 is irrational.
TEST(DisclosureMixers, IrrationalRootIsRoundedAndFlagged) {
  const auto team = iid_three_values<Rational>({q(1, 4), q(1, 4), q(1, 2)});
  const auto all = all_equilibria(team, unanimity(3));
  const auto it = std::find_if(all.begin(), all.end(), [](const Eq& e) { return mixers(e) == 3; });
  ASSERT_NE(it, all.end());
  EXPECT_TRUE(it->approximate);
  EXPECT_FALSE(it->degenerate);
  EXPECT_TRUE(contains(it->family, "approximate")) << it->family;
  EXPECT_TRUE(contains(it->family, "a, b and c")) << it->family;
  const double alpha = 2 * std::sqrt(2.0) - 2;
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_NEAR(to_double(it->votes[i][1]), alpha, 1e-12);
    EXPECT_NEAR(to_double(it->posterior[i]), 1.0, 1e-12);
  }
  EXPECT_NEAR(to_double(it->prob_no_disclosure), 1 - std::pow(0.5, 1.5), 1e-12);
  EXPECT_EQ(it->unresolved_boxes, 0U);
}

TEST(DisclosureMixers, DoubleModeFindsTheSameThreeMixerEquilibria) {
  for (const bool rational_root : {true, false}) {
    const std::vector<Rational> f = rational_root
                                        ? std::vector<Rational>{q(7, 32), q(9, 32), q(1, 2)}
                                        : std::vector<Rational>{q(1, 4), q(1, 4), q(1, 2)};
    const auto team = iid_three_values<double>(f);
    const auto all = all_equilibria(team, unanimity(3));
    const auto it = std::find_if(all.begin(), all.end(),
                                 [](const Equilibrium<double>& e) { return mixers(e) == 3; });
    ASSERT_NE(it, all.end());
    const double alpha = rational_root ? 8.0 / 9 : 2 * std::sqrt(2.0) - 2;
    for (std::size_t i = 0; i < 3; ++i) {
      EXPECT_NEAR(it->votes[i][1], alpha, 1e-9);
      EXPECT_NEAR(it->posterior[i], 1.0, 1e-9);
    }
    EXPECT_FALSE(it->approximate);
    EXPECT_EQ(it->kind, DisclosureKind::interior);
    EXPECT_EQ(it->unresolved_boxes, 0U);
  }
}

// Member a decides alone ({a} wins) and mixes at its lowest outcome, so no
// disclosure happens only at ω_a = 0 and a's condition holds for every α_a;
// b and c (correlated, four outcomes each) need each other and mix at 1. The
// solutions form a line in α_a: one degenerate class, shown at α_a = 1/2,
// whose end α_a = 0 is the isolated two-mixer equilibrium.
TEST(DisclosureMixers, ContinuumOfThreeMixersIsOneDegenerateFamily) {
  const std::vector<long> weights{7, 6, 3, 1, 4, 9, 3, 8, 5, 2, 9, 4, 1, 7, 4, 3};  // (b, c)
  Team<Rational> team{
      {"a", "b", "c"}, {{q(0), q(1)}, {q(0), q(1), q(2), q(7)}, {q(0), q(1), q(2), q(11)}}, {}};
  for (int x = 0; x < 2; ++x) {
    for (const long w : weights) team.prior.push_back(q(w, 152));  // Σ weights = 76
  }
  const auto protocol = from_minimal_winning(3, {0b001, 0b110});
  const auto all = all_equilibria(team, protocol);
  std::vector<Eq> families;
  std::copy_if(all.begin(), all.end(), std::back_inserter(families),
               [](const Eq& e) { return e.degenerate && mixers(e) == 3; });
  ASSERT_EQ(families.size(), 1U);
  const Eq& e = families[0];
  EXPECT_FALSE(e.approximate);
  EXPECT_TRUE(contains(e.family, "a continuum in which a, b and c all mix")) << e.family;
  EXPECT_TRUE(contains(e.family, "[0, 1] × ")) << e.family;  // the whole range of α_a
  EXPECT_EQ(e.votes[0], (std::vector<Rational>{q(1, 2), q(1)}));
  EXPECT_EQ(e.votes[1], (std::vector<Rational>{q(0), q(79, 83), q(1), q(1)}));
  EXPECT_EQ(e.votes[2], (std::vector<Rational>{q(0), q(19, 22), q(1), q(1)}));
  EXPECT_EQ(e.posterior, (std::vector<Rational>{q(0), q(1), q(1)}));
  EXPECT_EQ(e.prob_no_disclosure, q(13859, 138776));
  EXPECT_EQ(e.kind, DisclosureKind::partial);
  const auto failure = verify_equilibrium(team, protocol, e.votes, e.posterior);
  EXPECT_FALSE(failure.has_value()) << failure.value_or("");
  const auto isolated = std::find_if(all.begin(), all.end(), [](const Eq& x) {
    return !x.degenerate && mixers(x) == 2 && x.votes[0][0] == 0;
  });
  ASSERT_NE(isolated, all.end());
  EXPECT_EQ(isolated->votes[1], e.votes[1]);
  EXPECT_EQ(isolated->votes[2], e.votes[2]);
  EXPECT_EQ(isolated->prob_no_disclosure, 2 * e.prob_no_disclosure);
  EXPECT_EQ(all.size(), 7U);
  for (const auto& x : all) EXPECT_EQ(x.unresolved_boxes, 0U);
}

// T1 (iid uniform binary, N = 3) and the correlated binary prior of the
// least-disclosure test: no three-mixer class, and every three-mixer profile
// is discarded on the unit cube itself (a budget of one box leaves nothing
// unresolved). Class counts are those of the search without step 4.
TEST(DisclosureMixers, BinaryVectorsHaveNoThreeMixerClass) {
  EquilibriumOptions one_box;
  one_box.max_boxes = 1;
  const auto t1 = iid_uniform_binary(3);
  const std::vector<std::size_t> t1_counts{3, 2, 2};
  for (std::size_t k = 1; k <= 3; ++k) {
    const auto all = all_equilibria(t1, k_majority(3, k), one_box);
    EXPECT_EQ(all.size(), t1_counts[k - 1]) << "K = " << k;
    for (const auto& e : all) {
      EXPECT_LE(mixers(e), 1);
      EXPECT_EQ(e.unresolved_boxes, 0U) << "K = " << k;
    }
  }
  auto team = iid_uniform_binary(3);
  team.prior = {q(6, 36), q(3, 36), q(4, 36), q(5, 36), q(2, 36), q(5, 36), q(3, 36), q(8, 36)};
  const std::vector<std::size_t> counts{2, 2, 2, 2, 3, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3};
  const auto protocols = all_monotone_protocols(3);
  ASSERT_EQ(protocols.size(), counts.size());
  for (std::size_t p = 0; p < protocols.size(); ++p) {
    const auto all = all_equilibria(team, protocols[p]);
    EXPECT_EQ(all.size(), counts[p]) << protocols[p].name;
    for (const auto& e : all) {
      EXPECT_LT(mixers(e), 3) << protocols[p].name;
      EXPECT_EQ(e.unresolved_boxes, 0U) << protocols[p].name;
    }
  }
}

// With a budget of 16 boxes per profile the three-mixer profile stops early:
// the result says so in every class (Newton from the remaining boxes may still
// find, and Definition 1 confirms, what it reports).
TEST(DisclosureMixers, BoxBudgetMakesTheSearchNonExhaustive) {
  const auto team = iid_three_values<Rational>({q(7, 32), q(9, 32), q(1, 2)});
  EquilibriumOptions options;
  options.max_boxes = 16;
  const auto all = all_equilibria(team, unanimity(3), options);
  ASSERT_FALSE(all.empty());
  EXPECT_EQ(all[0].kind, DisclosureKind::full);
  for (const auto& e : all) {
    EXPECT_GT(e.unresolved_boxes, 0U);
    EXPECT_EQ(e.unresolved_boxes, all[0].unresolved_boxes);
    const auto failure = verify_equilibrium(team, unanimity(3), e.votes, beliefs(e));
    EXPECT_FALSE(failure.has_value()) << failure.value_or("");
  }
  for (const auto& e : all_equilibria(team, unanimity(3))) EXPECT_EQ(e.unresolved_boxes, 0U);
}

// Theorem 1 on seeded random three-member models with three outcomes each:
// priors near an iid one (where three-mixer equilibria are common) and fully
// random ones. An FD class exists; a partial class exists iff some member
// cannot disclose alone; non-FD classes are interior iff nobody discloses
// alone. Exact classes pass Definition 1; at rounded ones each mixer's belief
// is its mixing outcome.
TEST(DisclosureMixers, Theorem1OnRandomModelsWithThreeMixers) {
  Rng rng = make_rng(6);
  const std::vector<Protocol> protocols{
      unilateral(3),
      k_majority(3, 2),
      unanimity(3),
      leader(3, 0),
      from_minimal_winning(3, {0b011, 0b101}),   // 1 and any other
      from_minimal_winning(3, {0b001, 0b110})};  // 1, or 2 and 3 together
  int three_mixers = 0;
  for (int draw = 0; draw < 16; ++draw) {
    const bool near_iid = draw % 4 != 3;
    Team<Rational> team{{"a", "b", "c"}, {}, {}};
    for (int i = 0; i < 3; ++i) {
      team.values.push_back(near_iid ? Vec{q(0), q(1), q(2)}
                                     : fixtures::random_values(rng, 3, false));
    }
    const Vec f = fixtures::random_pmf(rng, 3);
    const Vec noise = fixtures::random_pmf(rng, 27);
    const Rational share = near_iid ? q(1, 10) : q(1);
    for (int c = 0; c < 27; ++c) {
      const Rational iid = f[c / 9] * f[(c / 3) % 3] * f[c % 3];
      team.prior.emplace_back((1 - share) * iid + share * noise[c]);
    }
    for (const auto& p : protocols) {
      const auto all = all_equilibria(team, p);
      const bool every_alone =
          can_disclose_alone(p, 0) && can_disclose_alone(p, 1) && can_disclose_alone(p, 2);
      EXPECT_TRUE(std::any_of(all.begin(), all.end(),
                              [](const Eq& e) { return e.kind == DisclosureKind::full; }));
      const bool partial = std::any_of(all.begin(), all.end(),
                                       [](const Eq& e) { return e.kind != DisclosureKind::full; });
      EXPECT_EQ(partial, !every_alone) << "draw " << draw << ", " << p.name;
      for (const auto& e : all) {
        EXPECT_EQ(e.unresolved_boxes, 0U) << "draw " << draw << ", " << p.name;
        if (mixers(e) == 3) ++three_mixers;
        if (e.kind != DisclosureKind::full) {
          EXPECT_EQ(e.kind == DisclosureKind::interior, no_member_discloses_alone(p))
              << "draw " << draw << ", " << p.name;
        }
        if (!e.approximate) {
          const auto failure = verify_equilibrium(team, p, e.votes, beliefs(e));
          EXPECT_FALSE(failure.has_value()) << failure.value_or("");
          continue;
        }
        for (std::size_t i = 0; i < 3; ++i) {
          for (std::size_t k = 0; k < 3; ++k) {
            const Rational& x = e.votes[i][k];
            if (x > 0 && x < 1) {
              EXPECT_NEAR(to_double(e.posterior[i]), to_double(team.values[i][k]), 1e-12);
            }
          }
        }
      }
    }
  }
  EXPECT_GE(three_mixers, 4);
}

}  // namespace
}  // namespace mechlab::disclosure
