#include "mechlab/alliance/design.hpp"

#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "mechlab/alliance/theorem2.hpp"
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

}  // namespace
}  // namespace mechlab::alliance
