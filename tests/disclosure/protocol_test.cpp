#include "mechlab/disclosure/protocol.hpp"

#include <gtest/gtest.h>

#include <bit>
#include <set>

#include "mechlab/core/rng.hpp"
#include "support.hpp"

namespace mechlab::disclosure {
namespace {

using test::contains;
using test::input_error;
using test::q;

// D(x) by the definition: Σ_{S∈W} Π_{i∈S} x_i Π_{i∉S} (1 − x_i).
Rational deliberate_by_sum(const Protocol& p, const std::vector<Rational>& x) {
  Rational total(0);
  for (Coalition s = 0; s <= p.all(); ++s) {
    if (!p.wins(s)) continue;
    Rational term(1);
    for (std::size_t i = 0; i < p.members; ++i) term *= ((s >> i) & 1U) != 0 ? x[i] : 1 - x[i];
    total += term;
  }
  return total;
}

// RMC by the definition, with every proper subset J ⊊ I.
bool rmc_by_definition(const Protocol& p) {
  for (Coalition i = 1; i <= p.all(); ++i) {
    if (!p.wins(i) || p.wins(p.all() & ~i)) continue;
    bool some_blocks = false;
    for (Coalition j = 0; j <= p.all(); ++j) {
      if ((j & ~i) == 0 && j != i && !p.wins(p.all() & ~j)) some_blocks = true;
    }
    if (!some_blocks) return false;
  }
  return true;
}

TEST(DisclosureProtocol, NamedProtocolsHaveTheirWinningCoalitions) {
  const auto maj = k_majority(3, 2);
  EXPECT_EQ(maj.name, "majority K=2");
  EXPECT_FALSE(maj.wins(0b001));
  EXPECT_TRUE(maj.wins(0b101));
  EXPECT_TRUE(unanimity(3).wins(0b111));
  EXPECT_FALSE(unanimity(3).wins(0b011));
  EXPECT_TRUE(unilateral(3).wins(0b100));
  const auto lead = leader(3, 1);
  EXPECT_EQ(lead.name, "leader 2");
  EXPECT_TRUE(lead.wins(0b010));
  EXPECT_FALSE(lead.wins(0b101));
  // Weights (2, 1, 1), quota 2: member 1 alone, or members 2 and 3 together.
  const auto w = weighted({q(2), q(1), q(1)}, q(2));
  EXPECT_EQ(w.winning, from_minimal_winning(3, {0b001, 0b110}).winning);
  EXPECT_EQ(from_minimal_winning(3, {0b001, 0b110}).name, "minimal winning {1}, {2, 3}");
  EXPECT_EQ(input_error([] { (void)k_majority(3, 4); }).pointer(), "/protocol/k");
  EXPECT_EQ(input_error([] { (void)leader(3, 3); }).pointer(), "/protocol/leader");
  EXPECT_EQ(input_error([] { (void)weighted({q(1), q(1)}, q(0)); }).pointer(), "/protocol");
  EXPECT_EQ(input_error([] {
              (void)weighted({q(1), q(-1)}, q(1));
            }).pointer(),
            "/protocol/weights/1");
}

TEST(DisclosureProtocol, Assumption1ViolationsAreNamed) {
  Protocol p = k_majority(3, 2);
  p.winning[0b111] = false;
  EXPECT_TRUE(
      contains(input_error([&] { check_assumption1(p, "/protocol"); }).found(), "grand coalition"));
  p = k_majority(3, 2);
  p.winning[0] = true;
  EXPECT_TRUE(contains(input_error([&] { check_assumption1(p, "/protocol"); }).found(), "{}"));
  p = k_majority(3, 2);
  p.winning[0b001] = true;  // {1} wins but {1, 2} must then win: it does; {1, 3} too.
  EXPECT_NO_THROW(check_assumption1(p, "/p"));
  p = k_majority(3, 2);
  p.winning[0b011] = false;
  p.winning[0b001] = true;
  const auto e = input_error([&] { check_assumption1(p, "/p"); });
  EXPECT_EQ(e.pointer(), "/p");
  EXPECT_EQ(e.found(), "{1} discloses but {1, 2} does not");
}

TEST(DisclosureProtocol, DeliberateIsTheMultilinearExtension) {
  EXPECT_EQ(deliberate(k_majority(3, 2), std::vector<Rational>{q(1, 2), q(1, 2), q(1, 2)}),
            q(1, 2));
  EXPECT_EQ(deliberate(unanimity(3), std::vector<Rational>{q(1, 2), q(1, 3), q(3, 4)}), q(1, 8));
  EXPECT_EQ(deliberate(leader(3, 2), std::vector<Rational>{q(1, 2), q(1, 3), q(3, 4)}), q(3, 4));
  EXPECT_DOUBLE_EQ(deliberate(unilateral(2), std::vector<double>{0.5, 0.5}), 0.75);
  Rng rng = make_rng(7);
  std::uniform_int_distribution<long> num(0, 12);
  for (const auto& p : all_monotone_protocols(4)) {
    std::vector<Rational> x;
    for (int i = 0; i < 4; ++i) x.push_back(q(num(rng), 12));
    ASSERT_EQ(deliberate(p, x), deliberate_by_sum(p, x)) << p.name;
  }
  // More than eight mixing members take the folded table: P(Bin(10, 1/2) >= 6).
  EXPECT_EQ(deliberate(k_majority(10, 6), std::vector<Rational>(10, q(1, 2))), q(193, 512));
  std::vector<Rational> x;
  for (int i = 0; i < 10; ++i) x.push_back(q(num(rng), 12));
  x[3] = q(1, 5);
  EXPECT_EQ(deliberate(k_majority(10, 4), x), deliberate_by_sum(k_majority(10, 4), x));
}

TEST(DisclosureProtocol, MonotoneProtocolCountsAreDedekindNumbersMinusTwo) {
  const std::vector<std::size_t> expected{4, 18, 166, 7579};
  for (std::size_t n = 2; n <= 5; ++n) {
    const auto all = all_monotone_protocols(n);
    EXPECT_EQ(all.size(), expected[n - 2]) << "N = " << n;
    std::set<std::vector<bool>> distinct;
    for (const auto& p : all) {
      ASSERT_NO_THROW(check_assumption1(p, "/p")) << p.name;
      distinct.insert(p.winning);
    }
    EXPECT_EQ(distinct.size(), all.size());
  }
}

TEST(DisclosureProtocol, RmcMatchesItsDefinitionAndTheCorrectedMajorityRule) {
  for (std::size_t n = 2; n <= 4; ++n) {
    for (const auto& p : all_monotone_protocols(n)) {
      ASSERT_EQ(requires_more_consensus(p), rmc_by_definition(p)) << p.name;
      if (const auto i = lemma1_coalition(p)) {
        EXPECT_TRUE(p.wins(*i));
        EXPECT_FALSE(p.wins(p.all() & ~*i));
      }
    }
  }
  // N = 2: RMC exactly for the consensual protocol.
  for (const auto& p : all_monotone_protocols(2)) {
    EXPECT_EQ(requires_more_consensus(p), p.winning == unanimity(2).winning) << p.name;
  }
  // Erratum Z1: RMC ⇔ 2K >= N + 2, not the printed K > N/2.
  for (std::size_t n = 2; n <= 9; ++n) {
    for (std::size_t k = 1; k <= n; ++k) {
      EXPECT_EQ(requires_more_consensus(k_majority(n, k)), 2 * k >= n + 2) << n << " " << k;
    }
  }
  EXPECT_FALSE(requires_more_consensus(k_majority(3, 2)));
  EXPECT_EQ(lemma1_coalition(k_majority(3, 2)), Coalition{0b011});
}

TEST(DisclosureProtocol, PredicatesAndText) {
  EXPECT_TRUE(some_member_discloses_alone(leader(3, 0)));
  EXPECT_TRUE(can_disclose_alone(leader(3, 0), 0));
  EXPECT_FALSE(can_disclose_alone(leader(3, 0), 1));
  EXPECT_TRUE(no_member_discloses_alone(k_majority(4, 2)));
  EXPECT_EQ(coalition_text(0b101, {"a", "b", "c"}), "{a, c}");
  EXPECT_EQ(coalition_text(0, {"a", "b"}), "{}");
}

}  // namespace
}  // namespace mechlab::disclosure
