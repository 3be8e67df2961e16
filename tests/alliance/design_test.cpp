#include "mechlab/alliance/design.hpp"

#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "fixtures.hpp"
#include "mechlab/alliance/continuation.hpp"
#include "mechlab/alliance/theorem2.hpp"
#include "mechlab/alliance/truth.hpp"
#include "mechlab/core/rng.hpp"
#include "support.hpp"

namespace mechlab::alliance {
namespace {

using mechlab::test::input_error;
using mechlab::test::q;

TEST(AllianceDesign, SectionFourOneSizesAndInterdependence) {
  // Spec §4.1: b_d = 1/10; n̄ = 6 at η = 2/5 (tight: 8·3 = 24), 13 at η = 1/10;
  // η̄ = 7/10, 33/68, 7/37 for n = 3, 5, 10.
  EXPECT_EQ(max_alliance_size(q(2, 5), q(1, 10)), 6U);
  EXPECT_EQ(max_alliance_size(q(1, 10), q(1, 10)), 13U);
  EXPECT_EQ(max_interdependence(3, q(1, 10)), q(7, 10));
  EXPECT_EQ(max_interdependence(5, q(1, 10)), q(33, 68));
  EXPECT_EQ(max_interdependence(10, q(1, 10)), q(7, 37));
  // The curve hits 0 at b_d = 4/(n+2): no η works there.
  EXPECT_FALSE(max_interdependence(3, q(4, 5)).has_value());
  EXPECT_TRUE(max_interdependence(3, q(79, 100)).has_value());
}

TEST(AllianceDesign, FigureOneGridAndCaptionErratum) {
  // Spec §5.1 (rows η = 0.01, 0.1, 0.4, 0.5; columns b_d).
  const std::vector<Rational> spreads{q(1, 100),  q(2, 100), q(5, 100), q(1, 10),
                                      q(15, 100), q(2, 10),  q(3, 10)};
  const std::vector<std::pair<Rational, std::vector<std::size_t>>> rows{
      {q(1, 100), {154, 98, 50, 28, 20, 15, 10}},
      {q(1, 10), {54, 37, 21, 13, 10, 8, 6}},
      {q(4, 10), {22, 15, 9, 6, 4, 3, 2}},
      {q(5, 10), {18, 12, 7, 4, 3, 3, 2}}};
  for (const auto& [eta, sizes] : rows) {
    for (std::size_t c = 0; c < spreads.size(); ++c) {
      EXPECT_EQ(max_alliance_size(eta, spreads[c]), sizes[c]) << to_string(eta);
      EXPECT_EQ(max_alliance_size(to_double(eta), to_double(spreads[c])), sizes[c]);
    }
  }
  // Erratum 6: the caption's n̄ = 31 at η = 0.01, b_d = 0.1 is 28; 31 needs
  // η ∈ (0.00548, 0.00680].
  EXPECT_EQ(max_alliance_size(q(6, 1000), q(1, 10)), 31U);
  EXPECT_EQ(max_alliance_size(q(1, 2), q(3)), 0U);  // not even one player
  EXPECT_EQ(input_error([] { max_alliance_size(q(1, 2), q(0)); }).pointer(), "/spread");
  EXPECT_EQ(input_error([] { max_alliance_size(q(1), q(1, 10)); }).pointer(), "/eta");
}

TEST(AllianceDesign, FigureTwoGrid) {
  // Spec §5.2, to 4 decimals.
  const std::vector<double> spreads{0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3};
  const std::vector<std::pair<std::size_t, std::vector<double>>> rows{
      {2, {0.9802, 0.9608, 0.9048, 0.8182, 0.7391, 0.6667, 0.5385}},
      {3, {0.9634, 0.9286, 0.8333, 0.7, 0.5909, 0.5, 0.3571}},
      {5, {0.9182, 0.8465, 0.6759, 0.4853, 0.3598, 0.2708, 0.1532}},
      {10, {0.7638, 0.6104, 0.3617, 0.1892, 0.1089, 0.0625, 0.0110}}};
  for (const auto& [n, etas] : rows) {
    for (std::size_t c = 0; c < spreads.size(); ++c) {
      const auto eta = max_interdependence(n, spreads[c]);
      ASSERT_TRUE(eta.has_value());
      EXPECT_NEAR(*eta, etas[c], 5e-5) << "n = " << n;
    }
  }
}

TEST(AllianceDesign, CompositionAwareSizesDifferFromPropositionOne) {
  // Spec §3.7: biases in [3/10, 2/5], η = 2/5: L1 gives n̄ = 6, L2 only n = 2.
  EXPECT_EQ(max_alliance_size(q(2, 5), q(1, 10)), 6U);
  EXPECT_EQ(feasible_sizes(q(2, 5), q(3, 10), q(2, 5)), (std::vector<std::size_t>{2}));
  // For n = 3 the upper constraint needs Avg >= 2/5 but Avg <= 11/30.
  const auto three = feasible_mean_biases(3, q(2, 5), q(3, 10), q(2, 5));
  EXPECT_TRUE(three.empty());
  EXPECT_EQ(three.lo, q(2, 5));
  // [0, 1/10]: L1 = L2; n = 6 at η = 2/5 needs Avg = 1/16 exactly, n = 13 at
  // η = 1/10 needs Avg ∈ [1/13, 6/65].
  EXPECT_EQ(feasible_sizes(q(2, 5), q(0), q(1, 10)), (std::vector<std::size_t>{2, 3, 4, 5, 6}));
  const auto six = feasible_mean_biases(6, q(2, 5), q(0), q(1, 10));
  EXPECT_EQ(six.lo, q(1, 16));
  EXPECT_EQ(six.hi, q(1, 16));
  EXPECT_FALSE(feasible_mean_biases(6, 0.4, 0.0, 0.1).empty());  // the tie survives in double
  const auto thirteen = feasible_mean_biases(13, q(1, 10), q(0), q(1, 10));
  EXPECT_EQ(thirteen.lo, q(1, 13));
  EXPECT_EQ(thirteen.hi, q(6, 65));
  EXPECT_EQ(feasible_sizes(q(1, 10), q(0), q(1, 10)).back(), 13U);
}

Alliance<Rational> with_entrant(Alliance<Rational> alliance, const Rational& entrant) {
  alliance.biases.push_back(entrant);
  alliance.bounds.push_back({q(0), q(1)});
  return alliance;
}

TEST(AllianceDesign, AdmissibleEntryMatchesTheoremTwoOnTheLargerAlliance) {
  // Spec §3.7 [verified]: a grid over b′ agrees with Theorem 2's test on the
  // (n+1)-alliance; the interval's ends are admissible (weak inequalities).
  // Lemma 1's sufficient test implies an empty interval.
  Rng rng = make_rng(11);
  std::uniform_int_distribution<std::size_t> size(2, 6);
  std::uniform_int_distribution<long> eta_draw(1, 19);
  std::uniform_int_distribution<long> bias_draw(0, 40);
  int nonempty = 0;
  int blocked = 0;
  for (int draw = 0; draw < 150; ++draw) {
    const std::size_t n = size(rng);
    std::vector<Rational> biases;
    for (std::size_t i = 0; i < n; ++i) biases.push_back(q(bias_draw(rng), 400));
    const auto alliance = paper_alliance<Rational>(q(eta_draw(rng), 40), biases);
    const Interval<Rational> entry = admissible_entry(alliance);
    if (lemma1_blocks_entry(alliance)) {
      ++blocked;
      EXPECT_TRUE(entry.empty()) << "draw " << draw;
    }
    if (!entry.empty()) {
      ++nonempty;
      EXPECT_TRUE(theorem2_test(with_entrant(alliance, entry.lo)).holds);
      EXPECT_TRUE(theorem2_test(with_entrant(alliance, entry.hi)).holds);
      EXPECT_FALSE(theorem2_test(with_entrant(alliance, entry.lo - q(1, 100000))).holds);
      EXPECT_FALSE(theorem2_test(with_entrant(alliance, entry.hi + q(1, 100000))).holds);
    }
    for (long step = -10; step <= 30; ++step) {
      const Rational entrant = q(step, 100);
      const bool inside = !entry.empty() && entry.lo <= entrant && entrant <= entry.hi;
      EXPECT_EQ(theorem2_test(with_entrant(alliance, entrant)).holds, inside) << "draw " << draw;
    }
  }
  EXPECT_GT(nonempty, 20);
  EXPECT_GT(blocked, 3);
}

TEST(AllianceDesign, LevelTwoMaximalInterdependenceIsExact) {
  // Every L2 constraint reads β = nη/(1−η) <= K, so η̄ = K/(n+K) exactly. For
  // [0, 1/10] eq. (5) binds and L2 reproduces Lemma 2 (spec §4.1).
  EXPECT_EQ(l2_max_interdependence(3, q(0), q(1, 10)).eta, q(7, 10));
  EXPECT_EQ(l2_max_interdependence(5, q(0), q(1, 10)).eta, q(33, 68));
  EXPECT_EQ(l2_max_interdependence(10, q(0), q(1, 10)).eta, q(7, 37));
  EXPECT_EQ(l2_max_interdependence(3, q(0), q(1, 10)).beta_bound, q(7));
  // [3/10, 2/5] (spec §3.7): no η for n = 3 (K = 0); η̄ = 1/2 for n = 2 although
  // Lemma 2 allows 9/11.
  EXPECT_FALSE(l2_max_interdependence(3, q(3, 10), q(2, 5)).exists);
  const auto two = l2_max_interdependence(2, q(3, 10), q(2, 5));
  ASSERT_TRUE(two.exists);
  EXPECT_EQ(two.eta, q(1, 2));
  EXPECT_EQ(*max_interdependence(2, q(1, 10)), q(9, 11));
  const auto pair = [](const Rational& eta) {
    return theorem2_test(paper_alliance<Rational>(eta, {q(3, 10), q(2, 5)})).holds;
  };
  EXPECT_TRUE(pair(q(1, 2)));
  EXPECT_FALSE(pair(q(1, 2) + q(1, 1000000)));
  // The monotonicity the bisection of the spec would check: on random inputs,
  // feasible below η̄ and infeasible just above.
  Rng rng = make_rng(5);
  std::uniform_int_distribution<std::size_t> size(2, 12);
  std::uniform_int_distribution<long> bias_draw(0, 60);
  int found = 0;
  for (int draw = 0; draw < 200; ++draw) {
    const std::size_t n = size(rng);
    const Rational low = q(bias_draw(rng), 400);
    const Rational high = low + q(bias_draw(rng) + 1, 400);
    const auto bound = l2_max_interdependence(n, low, high);
    const auto feasible = [&](const Rational& eta) {
      return !feasible_mean_biases(n, eta, low, high).empty();
    };
    if (!bound.exists) {
      EXPECT_FALSE(feasible(q(1, 1000))) << "draw " << draw;
      continue;
    }
    ++found;
    ASSERT_FALSE(bound.every);
    EXPECT_TRUE(feasible(bound.eta)) << "draw " << draw;
    EXPECT_TRUE(feasible(bound.eta / 2)) << "draw " << draw;
    if (bound.eta + q(1, 1000000) < 1) EXPECT_FALSE(feasible(bound.eta + q(1, 1000000)));
    EXPECT_LE(bound.eta, *max_interdependence(n, Rational(high - low)));
  }
  EXPECT_GT(found, 50);
  EXPECT_EQ(input_error([] { l2_max_interdependence(1, q(0), q(1)); }).pointer(), "/n");
}

TEST(AllianceDesign, LevelThreeAdmitsWhatTheoremTwoRejects) {
  // Spec §0.2 item 1 / §4.4: n = 6, η = 7/10, b = (3/100 ×5, 1/20). Theorem 2's
  // largest η for this vector is 2/3 (c_6 = 1/20 + β/60 <= 1/4 ⇔ β <= 12), yet
  // A5 still certifies 7/10.
  const auto counterexample = test::necessity_counterexample();
  const auto paper = theorem2_max_interdependence(counterexample.biases);
  ASSERT_TRUE(paper.exists);
  EXPECT_EQ(paper.eta, q(2, 3));
  EXPECT_EQ(paper.beta_bound, q(12));
  const auto exact = l3_max_interdependence(counterexample.biases);
  ASSERT_TRUE(exact.exists);
  EXPECT_GT(exact.certified, q(7, 10));
  EXPECT_LE(exact.failing - exact.certified, q(1, 1000000000000));
  // A5's largest η is 0.7318607…, bracketed to 1e-12; it holds on the whole grid below.
  EXPECT_TRUE(exact.monotone_on_grid);
  EXPECT_NEAR(to_double(exact.certified), 0.7318607, 1e-7);
  auto at = counterexample;
  at.eta = exact.certified;
  EXPECT_TRUE(verify_truth_telling(at).fully_revealing);
  at.eta = exact.failing;
  EXPECT_FALSE(verify_truth_telling(at).fully_revealing);
  // The entrant view: five members at 3/100; L2 (Theorem 2 on the six) rejects
  // a hawk at 1/20, L3 (A5) admits it, and 3/50 is rejected by both.
  auto five = paper_alliance<Rational>(q(7, 10), std::vector<Rational>(5, q(3, 100)));
  const auto entry = l3_admissible_entry(five);
  EXPECT_FALSE(entry.theorem2.empty());
  EXPECT_LT(entry.theorem2.hi, q(1, 20));
  ASSERT_EQ(entry.admissible.size(), 1U);
  EXPECT_EQ(entry.theorem2.lo, q(3, 380));
  EXPECT_EQ(entry.theorem2.hi, q(9, 190));
  // L3 = [0.0035855…, 0.0516776…], each end certified and failing 1e-11 beyond.
  EXPECT_NEAR(to_double(entry.admissible[0].lo), 0.0035855, 1e-7);
  EXPECT_NEAR(to_double(entry.admissible[0].hi), 0.0516776, 1e-7);
  const auto six = [&](const Rational& entrant) {
    auto alliance = five;
    alliance.biases.push_back(entrant);
    alliance.bounds.push_back({q(0), q(1)});
    return verify_truth_telling(alliance).fully_revealing;
  };
  EXPECT_TRUE(six(entry.admissible[0].lo));
  EXPECT_TRUE(six(entry.admissible[0].hi));
  EXPECT_FALSE(six(entry.admissible[0].lo - q(1, 100000000000)));
  EXPECT_FALSE(six(entry.admissible[0].hi + q(1, 100000000000)));
  EXPECT_LE(entry.admissible[0].lo, entry.theorem2.lo);
  EXPECT_GE(entry.admissible[0].hi, q(1, 20));
  EXPECT_LT(entry.admissible[0].hi, q(3, 50));
  EXPECT_FALSE(entry.range_limited);
}

TEST(AllianceDesign, LevelThreeEqualsTheoremTwoWhenNecessityHolds) {
  // (n−1)η <= 3 throughout: b = (0, 1/20, 1/10), Theorem 2's η̄ = 2/3 (β <= 6)
  // is A5's too, to the bisection resolution.
  const std::vector<Rational> biases{q(0), q(1, 20), q(1, 10)};
  EXPECT_EQ(theorem2_max_interdependence(biases).eta, q(2, 3));
  const auto exact = l3_max_interdependence(biases);
  ASSERT_TRUE(exact.exists);
  EXPECT_TRUE(exact.monotone_on_grid);
  EXPECT_LE(exact.certified, q(2, 3));
  EXPECT_GT(exact.failing, q(2, 3));
  // Entry into [0, 1/10] at η = 2/5 (n = 3 → 4): L3 = L2 up to the resolution.
  const auto entry = l3_admissible_entry(paper_alliance<Rational>(q(2, 5), biases));
  ASSERT_EQ(entry.admissible.size(), 1U);
  EXPECT_LE(abs_of(Rational(entry.admissible[0].lo - entry.theorem2.lo)), q(1, 1000000000000));
  EXPECT_LE(abs_of(Rational(entry.admissible[0].hi - entry.theorem2.hi)), q(1, 1000000000000));
  // Equal biases: every η (or none).
  EXPECT_TRUE(theorem2_max_interdependence(std::vector<Rational>{q(1, 10), q(1, 10)}).every);
  EXPECT_FALSE(theorem2_max_interdependence(std::vector<Rational>{q(3, 5), q(3, 5)}).exists);
}

TEST(AllianceDesign, AppendixBClosedFormsMatchTheEngine) {
  // Spec §3.9: A8 against A3 for every signal profile, in all regimes
  // (interior, dove at 0, hawk at 1, both), and A5's threshold (1−η)/2.
  for (const Rational& eta : {q(1, 10), q(1, 2), q(9, 10)}) {
    const Rational threshold = appendix_b_threshold(eta);
    EXPECT_EQ(threshold, (1 - eta) / 2);
    for (const Rational& bias :
         {q(0), q(1, 10), threshold, Rational(threshold + q(1, 1000)), q(1, 2), q(1), q(3)}) {
      const auto alliance = paper_alliance<Rational>(eta, {q(0), bias});
      for (const int s1 : {0, 1}) {
        for (const int s2 : {0, 1}) {
          const auto closed = appendix_b_actions(eta, bias, s1, s2);
          const auto engine = constrained_policy_at_mean(alliance, closed.mean);
          EXPECT_EQ(closed.action[0], engine.action[0]) << to_string(eta) << " " << to_string(bias);
          EXPECT_EQ(closed.action[1], engine.action[1]) << to_string(eta) << " " << to_string(bias);
          EXPECT_EQ(closed.coordination[0] - closed.mean, engine.gap[0]);
          EXPECT_EQ(closed.coordination[1] - closed.mean - bias, engine.gap[1]);
          if (closed.dove_at_zero && !closed.hawk_at_one) {
            EXPECT_EQ(closed.coordination[0], eta * (closed.mean + bias));  // over-provision
          }
          if (closed.hawk_at_one && !closed.dove_at_zero) {
            EXPECT_EQ(closed.coordination[1], eta * closed.mean + 1 - eta);  // under-provision
          }
        }
      }
      if (bias <= threshold + q(1, 1000)) {
        EXPECT_EQ(verify_truth_telling(alliance).fully_revealing, bias <= threshold)
            << to_string(eta) << " " << to_string(bias);
      }
    }
  }
  EXPECT_EQ(input_error([] { appendix_b_actions(q(1, 2), q(-1), 0, 0); }).pointer(), "/bias");
  EXPECT_EQ(input_error([] { appendix_b_actions(q(1, 2), q(0), 2, 0); }).pointer(), "/signal");
}

}  // namespace
}  // namespace mechlab::alliance
