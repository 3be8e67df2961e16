#include "mechlab/disclosure/equilibria.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <bit>

#include "fixtures.hpp"
#include "mechlab/core/rng.hpp"
#include "support.hpp"

namespace mechlab::disclosure {
namespace {

using test::input_error;
using test::q;
using Eq = Equilibrium<Rational>;

Team<Rational> iid_uniform_binary(std::size_t n) {
  Team<Rational> team;
  for (std::size_t i = 0; i < n; ++i) {
    team.members.emplace_back(1, static_cast<char>('A' + i));
    team.values.push_back({q(0), q(1)});
  }
  team.prior.assign(std::size_t{1} << n, q(1, static_cast<long>(std::size_t{1} << n)));
  return team;
}

// T3: N = 2, Ω_i = {0, 1, 2}, F(a, b) = (1 + 2·1[a = b] + a)/24.
Team<Rational> t3_team() {
  Team<Rational> team{{"1", "2"}, {{q(0), q(1), q(2)}, {q(0), q(1), q(2)}}, {}};
  for (long a = 0; a < 3; ++a) {
    for (long b = 0; b < 3; ++b) team.prior.push_back(q(1 + (a == b ? 2 : 0) + a, 24));
  }
  return team;
}

std::vector<Eq> of_kind(const std::vector<Eq>& all, DisclosureKind kind) {
  std::vector<Eq> out;
  std::copy_if(all.begin(), all.end(), std::back_inserter(out),
               [&](const Eq& e) { return e.kind == kind; });
  return out;
}

// Beliefs to verify with: ω^ND, or the low corner of the off-path box.
std::vector<Rational> beliefs(const Eq& e) {
  if (!e.posterior.empty()) return e.posterior;
  std::vector<Rational> out;
  for (const auto& [lo, hi] : e.belief_box) out.push_back(lo);
  return out;
}

// Definition 1 literally for every equilibrium, and d non-decreasing in each
// member's outcome (threshold strategies, Proposition 1).
void expect_all_verified(const Team<Rational>& team, const Protocol& p,
                         const std::vector<Eq>& all) {
  const std::size_t n = team.member_count();
  std::vector<std::size_t> stride(n, 1);
  for (std::size_t i = n - 1; i > 0; --i) stride[i - 1] = stride[i] * team.values[i].size();
  for (const auto& e : all) {
    for (std::size_t c = 0; c < e.disclosure.size(); ++c) {
      for (std::size_t i = 0; i < n; ++i) {
        if ((c / stride[i]) % team.values[i].size() + 1 < team.values[i].size()) {
          EXPECT_LE(e.disclosure[c], e.disclosure[c + stride[i]]) << p.name;
        }
      }
    }
    if (e.approximate) continue;
    const auto failure = verify_equilibrium(team, p, e.votes, beliefs(e));
    EXPECT_FALSE(failure.has_value()) << p.name << ": " << failure.value_or("");
  }
}

// d_D(ω) = D(1_H(ω), 0_L(ω)) on binary outcomes (cells: member 0 slowest).
std::vector<Rational> least_disclosure(const Protocol& p) {
  const std::size_t n = p.members;
  std::vector<Rational> d;
  for (std::size_t c = 0; c < (std::size_t{1} << n); ++c) {
    Coalition high = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (((c >> (n - 1 - i)) & 1U) != 0) high |= Coalition{1} << i;
    }
    d.push_back(p.wins(high) ? q(1) : q(0));
  }
  return d;
}

TEST(DisclosureEquilibria, T1UnilateralHasOnlyFullDisclosure) {
  const auto team = iid_uniform_binary(3);
  const auto all = all_equilibria(team, unilateral(3));
  expect_all_verified(team, unilateral(3), all);
  ASSERT_GE(all.size(), 3U);
  for (const auto& e : all) EXPECT_EQ(e.kind, DisclosureKind::full);
  EXPECT_EQ(all[0].prob_no_disclosure, q(0));
  EXPECT_TRUE(all[0].consistent_with_deliberation);  // K = 1 is not RMC
  // d = 1 except d(0,0,0) = 0, and the family d(0,0,0) = α, both with ω^ND = 0.
  const auto pure = std::find_if(all.begin(), all.end(), [](const Eq& e) {
    return !e.mixed && e.prob_no_disclosure == q(1, 8);
  });
  ASSERT_NE(pure, all.end());
  EXPECT_EQ(pure->posterior, (std::vector<Rational>{q(0), q(0), q(0)}));
  const auto family =
      std::find_if(all.begin(), all.end(), [](const Eq& e) { return e.degenerate; });
  ASSERT_NE(family, all.end());
  EXPECT_EQ(family->posterior, (std::vector<Rational>{q(0), q(0), q(0)}));
  EXPECT_NE(family->family.find("(0, 1)"), std::string::npos) << family->family;
}

TEST(DisclosureEquilibria, T1MajorityAndUnanimityInteriorEquilibria) {
  const auto team = iid_uniform_binary(3);
  for (const std::size_t k : {2, 3}) {
    const auto p = k_majority(3, k);
    const auto all = all_equilibria(team, p);
    expect_all_verified(team, p, all);
    ASSERT_FALSE(of_kind(all, DisclosureKind::full).empty());
    EXPECT_TRUE(of_kind(all, DisclosureKind::partial).empty());
    const auto interior = of_kind(all, DisclosureKind::interior);
    ASSERT_EQ(interior.size(), 1U) << "K = " << k;
    // d_K = 1{|H| >= K}
    EXPECT_EQ(interior[0].disclosure, least_disclosure(p));
    const Rational belief = k == 2 ? q(1, 4) : q(3, 7);
    EXPECT_EQ(interior[0].prob_no_disclosure, k == 2 ? q(1, 2) : q(7, 8));
    EXPECT_EQ(interior[0].posterior, (std::vector<Rational>(3, belief)));
    EXPECT_TRUE(interior[0].consistent_with_deliberation);
  }
  // K = N = 3 (RMC): only d ≡ 1 besides d_K, and it is not deliberation-consistent.
  const auto all = all_equilibria(team, unanimity(3));
  ASSERT_EQ(all.size(), 2U);
  EXPECT_EQ(all[0].prob_no_disclosure, q(0));
  EXPECT_FALSE(all[0].consistent_with_deliberation);
  EXPECT_FALSE(all[0].witness_votes.has_value());
}

TEST(DisclosureEquilibria, T2DeliberationConsistentFullDisclosureIffNotRmc) {
  for (std::size_t n = 2; n <= 5; ++n) {
    const auto team = iid_uniform_binary(n);
    for (std::size_t k = 1; k <= n; ++k) {
      const auto p = k_majority(n, k);
      const auto all = all_equilibria(team, p);
      const bool expected = 2 * k < n + 2;  // the table of T2
      EXPECT_EQ(!requires_more_consensus(p), expected);
      EXPECT_EQ(all[0].prob_no_disclosure, q(0));
      EXPECT_EQ(all[0].consistent_with_deliberation, expected) << n << " " << k;
      if (n % 2 == 1 && 2 * k == n + 1) {
        // Printed: RMC iff K > N/2, i.e. a consistent FD iff 2K <= N.
        EXPECT_NE(expected, 2 * k <= n) << "the printed K > N/2 rule agrees at N = " << n;
      }
      if (!expected) continue;
      // Lemma 1: members of I believe ω̲_i = 0, the others the witness posterior;
      // with x_i ≡ 1 on I and x_j = 1 iff ω_j >= ω̂_j this is an equilibrium.
      ASSERT_TRUE(all[0].witness_votes && all[0].witness_posterior);
      const Coalition i_set = *lemma1_coalition(p);
      std::vector<std::vector<Rational>> votes;
      std::vector<Rational> belief = *all[0].witness_posterior;
      for (std::size_t i = 0; i < n; ++i) {
        if (((i_set >> i) & 1U) != 0) {
          EXPECT_EQ(belief[i], q(0));
          votes.push_back({q(1), q(1)});
        } else {
          votes.push_back({belief[i] <= 0 ? q(1) : q(0), q(1)});
        }
      }
      const auto failure = verify_equilibrium(team, p, votes, belief);
      EXPECT_FALSE(failure.has_value()) << failure.value_or("");
      if (n == 3 && k == 2) {
        EXPECT_EQ(belief, (std::vector<Rational>{q(0), q(0), q(1, 2)}));
      }
    }
  }
}

TEST(DisclosureEquilibria, T3TwoMembersThreeOutcomes) {
  const auto team = t3_team();
  const auto uni = all_equilibria(team, unilateral(2));
  expect_all_verified(team, unilateral(2), uni);
  for (const auto& e : uni) {
    EXPECT_EQ(e.kind, DisclosureKind::full);
    if (!e.posterior.empty()) EXPECT_EQ(e.posterior, (std::vector<Rational>{q(0), q(0)}));
  }

  const auto cons = all_equilibria(team, unanimity(2));
  expect_all_verified(team, unanimity(2), cons);
  const auto interior = of_kind(cons, DisclosureKind::interior);
  ASSERT_EQ(interior.size(), 1U);
  EXPECT_EQ(interior[0].prob_no_disclosure, q(10, 24));
  EXPECT_EQ(interior[0].posterior, (std::vector<Rational>{q(4, 5), q(3, 10)}));
  EXPECT_EQ(interior[0].votes[0], (std::vector<Rational>{q(0), q(1), q(1)}));
  EXPECT_EQ(interior[0].votes[1], (std::vector<Rational>{q(0), q(1), q(1)}));
  EXPECT_TRUE(of_kind(cons, DisclosureKind::partial).empty());

  for (const std::size_t lead : {0, 1}) {
    const auto p = leader(2, lead);
    const auto all = all_equilibria(team, p);
    expect_all_verified(team, p, all);
    EXPECT_TRUE(of_kind(all, DisclosureKind::interior).empty());
    const auto partial = of_kind(all, DisclosureKind::partial);
    const std::vector<Rational> belief =
        lead == 0 ? std::vector<Rational>{q(0), q(3, 5)} : std::vector<Rational>{q(1), q(0)};
    const auto isolated =
        std::find_if(partial.begin(), partial.end(), [](const Eq& e) { return !e.mixed; });
    ASSERT_NE(isolated, partial.end());
    EXPECT_EQ(isolated->posterior, belief);
    const auto family =
        std::find_if(partial.begin(), partial.end(), [](const Eq& e) { return e.degenerate; });
    ASSERT_NE(family, partial.end()) << "leader " << lead + 1;
    EXPECT_EQ(family->posterior, belief);
    EXPECT_NE(family->family.find("(0, 1)"), std::string::npos) << family->family;
  }
}

TEST(DisclosureEquilibria, Theorem1OnRandomThreeMemberModels) {
  Rng rng = make_rng(2002);
  std::uniform_int_distribution<std::size_t> size(2, 3);
  const std::vector<Protocol> protocols{
      unilateral(3),
      k_majority(3, 2),
      unanimity(3),
      leader(3, 0),
      from_minimal_winning(3, {0b011, 0b101}),   // 1 and any other
      from_minimal_winning(3, {0b001, 0b110})};  // 1, or 2 and 3 together
  for (int draw = 0; draw < 20; ++draw) {
    Team<Rational> team{{"a", "b", "c"}, {}, {}};
    std::size_t cells = 1;
    for (int i = 0; i < 3; ++i) {
      team.values.push_back(fixtures::random_values(rng, size(rng), true));
      cells *= team.values.back().size();
    }
    team.prior = fixtures::random_pmf(rng, cells);
    for (const auto& p : protocols) {
      const auto all = all_equilibria(team, p);
      expect_all_verified(team, p, all);
      const bool every_alone =
          can_disclose_alone(p, 0) && can_disclose_alone(p, 1) && can_disclose_alone(p, 2);
      EXPECT_FALSE(of_kind(all, DisclosureKind::full).empty());
      const bool partial = std::any_of(all.begin(), all.end(),
                                       [](const Eq& e) { return e.kind != DisclosureKind::full; });
      EXPECT_EQ(partial, !every_alone) << "draw " << draw << ", " << p.name;
      for (const auto& e : all) {
        if (e.kind == DisclosureKind::full) continue;
        EXPECT_EQ(e.kind == DisclosureKind::interior, no_member_discloses_alone(p))
            << "draw " << draw << ", " << p.name;
      }
    }
  }
}

TEST(DisclosureEquilibria, BinaryLeastDisclosureEquilibriumIsDOfHighMembers) {
  // A correlated full-support binary prior on three members, every protocol.
  Team<Rational> team = iid_uniform_binary(3);
  team.prior = {q(6, 36), q(3, 36), q(4, 36), q(5, 36), q(2, 36), q(5, 36), q(3, 36), q(8, 36)};
  for (const auto& p : all_monotone_protocols(3)) {
    const auto all = all_equilibria(team, p);
    expect_all_verified(team, p, all);
    const auto d_d = least_disclosure(p);
    const auto found =
        std::find_if(all.begin(), all.end(), [&](const Eq& e) { return e.disclosure == d_d; });
    ASSERT_NE(found, all.end()) << p.name;
    EXPECT_EQ(found->prob_no_disclosure, all.back().prob_no_disclosure) << p.name;
    for (const auto& e : all) {
      for (std::size_t c = 0; c < d_d.size(); ++c) {
        EXPECT_GE(e.disclosure[c], d_d[c]) << p.name;
      }
    }
    if (no_member_discloses_alone(p)) EXPECT_EQ(found->kind, DisclosureKind::interior);
  }
}

TEST(DisclosureEquilibria, TwoMixerEquilibriaSolveTheQuadraticExactly) {
  // Random 3×3 teams under unanimity: some equilibria need both members to
  // mix (§3.3 step 3); each is exact and passes Definition 1.
  Rng rng = make_rng(5);
  int two_mixers = 0;
  for (int draw = 0; draw < 300; ++draw) {
    Team<Rational> team{{"a", "b"}, {}, {}};
    for (int i = 0; i < 2; ++i) team.values.push_back(fixtures::random_values(rng, 3, false));
    team.prior = fixtures::random_pmf(rng, 9);
    const auto all = all_equilibria(team, unanimity(2));
    expect_all_verified(team, unanimity(2), all);
    for (const auto& e : all) {
      int mixing = 0;
      for (const auto& v : e.votes) {
        mixing += static_cast<int>(
            std::count_if(v.begin(), v.end(), [](const Rational& x) { return x != 0 && x != 1; }));
      }
      if (mixing == 2 && !e.degenerate) {
        ++two_mixers;
        EXPECT_FALSE(e.approximate);
        EXPECT_EQ(e.kind, DisclosureKind::interior);
      }
    }
  }
  EXPECT_GE(two_mixers, 5);
}

TEST(DisclosureEquilibria, SummedAreaAggregatesAgreeWithTheDirectPass) {
  // The corner aggregates come from summed-area tables when |losing|·2^N <
  // |Ω| (here always), or from a pass over Ω: both give the same classes,
  // exactly in Rational, each passing Definition 1, and double agrees.
  Rng rng = make_rng(77);
  for (const std::size_t n : {std::size_t{2}, std::size_t{3}}) {
    const std::size_t m = n == 2 ? 6 : 4;
    for (int draw = 0; draw < 3; ++draw) {
      Team<Rational> team;
      std::size_t cells = 1;
      for (std::size_t i = 0; i < n; ++i) {
        team.members.push_back(fmt::format("m{}", i + 1));
        team.values.push_back(fixtures::random_values(rng, m, true));
        cells *= m;
      }
      team.prior = fixtures::random_pmf(rng, cells);
      Team<double> approx{team.members, {}, {}};
      for (const auto& v : team.values) {
        approx.values.emplace_back();
        for (const auto& x : v) approx.values.back().push_back(to_double(x));
      }
      for (const auto& f : team.prior) approx.prior.push_back(to_double(f));
      for (const auto& p : {unanimity(n), leader(n, n - 1), k_majority(n, 2)}) {
        const auto exact = all_equilibria(team, p);
        expect_all_verified(team, p, exact);
        const auto direct = all_equilibria(team, p, {.summed_area = false});
        ASSERT_EQ(exact.size(), direct.size()) << p.name << ", draw " << draw;
        for (std::size_t k = 0; k < exact.size(); ++k) {
          EXPECT_EQ(exact[k].disclosure, direct[k].disclosure) << p.name;
          EXPECT_EQ(exact[k].posterior, direct[k].posterior) << p.name;
        }
        const auto doubles = all_equilibria(approx, p);
        ASSERT_EQ(exact.size(), doubles.size()) << p.name << ", draw " << draw;
        for (std::size_t k = 0; k < exact.size(); ++k) {
          EXPECT_NEAR(to_double(exact[k].prob_no_disclosure), doubles[k].prob_no_disclosure, 1e-12);
          EXPECT_EQ(exact[k].kind, doubles[k].kind) << p.name;
        }
      }
    }
  }
}

TEST(DisclosureEquilibria, DoubleModeAgreesWithT3Consensual) {
  Team<double> team{{"1", "2"}, {{0, 1, 2}, {0, 1, 2}}, {}};
  for (int a = 0; a < 3; ++a) {
    for (int b = 0; b < 3; ++b) team.prior.push_back((1.0 + (a == b ? 2 : 0) + a) / 24);
  }
  const auto all = all_equilibria(team, unanimity(2));
  const auto it = std::find_if(all.begin(), all.end(), [](const Equilibrium<double>& e) {
    return e.kind == DisclosureKind::interior;
  });
  ASSERT_NE(it, all.end());
  EXPECT_NEAR(it->posterior[0], 0.8, 1e-12);
  EXPECT_NEAR(it->posterior[1], 0.3, 1e-12);
}

TEST(DisclosureEquilibria, RefusesTooManyProfilesAndChecksInputs) {
  const auto team = iid_uniform_binary(3);
  EquilibriumOptions options;
  options.max_profiles = 124;  // 5^3 = 125 needed
  EXPECT_EQ(input_error([&] { (void)all_equilibria(team, unanimity(3), options); }).pointer(),
            "/outcomes");
  EXPECT_EQ(input_error([&] { (void)all_equilibria(team, unanimity(2)); }).pointer(), "/protocol");
  // Verification rejects a non-equilibrium: everyone always concealing under
  // unanimity with beliefs at the mean is broken by the coalition of all
  // members at (1, 1, 1).
  const std::vector<std::vector<Rational>> never(3, std::vector<Rational>{q(0), q(0)});
  const auto failure =
      verify_equilibrium(team, unanimity(3), never, std::vector<Rational>(3, q(1, 2)));
  ASSERT_TRUE(failure.has_value());
  EXPECT_NE(failure->find("{A, B, C}"), std::string::npos) << *failure;
  // A belief that is not the Bayes posterior is named.
  const std::vector<std::vector<Rational>> yes_if_high(3, std::vector<Rational>{q(0), q(1)});
  EXPECT_TRUE(verify_equilibrium(team, unanimity(3), yes_if_high, std::vector<Rational>(3, q(1, 2)))
                  .has_value());
  EXPECT_FALSE(
      verify_equilibrium(team, unanimity(3), yes_if_high, std::vector<Rational>(3, q(3, 7)))
          .has_value());
  const auto [p, post] = no_disclosure_posterior(team, std::vector<Rational>(8, q(1)));
  EXPECT_EQ(p, q(0));
  EXPECT_TRUE(post.empty());
}

}  // namespace
}  // namespace mechlab::disclosure
