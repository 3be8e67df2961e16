#include "mechlab/alliance/region.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "mechlab/alliance/truth.hpp"
#include "support.hpp"

namespace mechlab::alliance {
namespace {

using mechlab::test::contains;
using mechlab::test::input_error;
using mechlab::test::q;

using Rationals = std::vector<Rational>;

RegionOptions<Rational> small_grid(std::size_t n, const Rational& eta_from, const Rational& eta_to,
                                   std::size_t eta_points, const Rational& from, const Rational& to,
                                   std::size_t points) {
  auto o = default_region_options<Rational>(n, RegionAxis::spread);
  o.eta_from = eta_from;
  o.eta_to = eta_to;
  o.eta_points = eta_points;
  o.from = from;
  o.to = to;
  o.points = points;
  return o;
}

TEST(AllianceRegion, CompositionRule) {
  // Spread axis: the hawk family of spec §3.6 (n−1 at 0, one at b_d); mean
  // axis: that family shifted to mean m at fixed b_d.
  EXPECT_EQ(region_biases<Rational>(4, RegionAxis::spread, q(1, 10), q(0)),
            (Rationals{q(0), q(0), q(0), q(1, 10)}));
  const auto b = region_biases<Rational>(4, RegionAxis::mean, q(1, 10), q(1, 10));
  EXPECT_EQ(b, (Rationals{q(3, 40), q(3, 40), q(3, 40), q(7, 40)}));
  EXPECT_EQ((b[0] + b[1] + b[2] + b[3]) / 4, q(1, 10));
}

TEST(AllianceRegion, CounterexampleDisagreesOnTheHawkFamily) {
  // n = 6, η = 7/10: Theorem 2 allows a hawk up to 2(1−η)/((n+2)D) = 1/60, the
  // exact threshold is ≈ 1.218 times that (spec §3.6), so b_d = 1/50 is
  // fully revealing although the paper condition fails.
  const auto grid = full_revelation_region(small_grid(6, q(7, 10), q(7, 10), 1, q(0), q(1, 25), 5),
                                           Progress::none());
  EXPECT_EQ(grid.values, (Rationals{q(0), q(1, 100), q(1, 50), q(3, 100), q(1, 25)}));
  ASSERT_EQ(grid.points.size(), 5U);
  EXPECT_TRUE(grid.points[1].theorem2 && grid.points[1].exact);
  EXPECT_FALSE(grid.points[2].theorem2);
  EXPECT_TRUE(grid.points[2].exact);
  EXPECT_FALSE(grid.points[3].exact);
  EXPECT_EQ(grid.both_hold, 2U);
  EXPECT_EQ(grid.exact_only, 1U);
  EXPECT_EQ(grid.both_fail, 2U);
  EXPECT_EQ(grid.paper_only, 0U);
  EXPECT_EQ(grid.largest_disagreement_interdependence, q(7, 2));
  // At the limit 1/60 itself Theorem 2 holds (weak inequality).
  const auto edge = full_revelation_region(
      small_grid(6, q(7, 10), q(7, 10), 1, q(1, 60), q(1, 60), 1), Progress::none());
  EXPECT_TRUE(edge.points[0].theorem2);
  EXPECT_TRUE(edge.points[0].exact);
}

TEST(AllianceRegion, ExactVerdictsMatchCheckFullRevelation) {
  for (const RegionAxis axis : {RegionAxis::spread, RegionAxis::mean}) {
    auto o = small_grid(5, q(1, 5), q(4, 5), 4, q(0), q(1, 5), 5);
    o.axis = axis;
    const auto grid = full_revelation_region(o, Progress::none());
    ASSERT_EQ(grid.points.size(), 20U);
    std::size_t agree = 0;
    for (const auto& p : grid.points) {
      const auto check = check_full_revelation(
          paper_alliance<Rational>(p.eta, region_biases(5, axis, p.value, o.spread)));
      EXPECT_EQ(p.exact, check.exact.fully_revealing);
      EXPECT_EQ(p.theorem2, check.paper.holds);
      EXPECT_EQ(p.eq5, check.paper.eq5_holds);
      EXPECT_EQ(p.worst_gain, check.exact.worst_gain);
      if (p.theorem2 == p.exact) ++agree;
    }
    EXPECT_EQ(grid.both_hold + grid.both_fail, agree);
    EXPECT_EQ(grid.both_hold + grid.both_fail + grid.exact_only + grid.paper_only, 20U);
  }
}

TEST(AllianceRegion, MeanAxisShowsTheLevelEffect) {
  // Spec §0.2 item 2: at fixed b_d = 1/10 (eq. (5) the same everywhere) the
  // paper condition depends on Avg b. n = 3, η = 1/5: eq. (5) holds
  // (b_d·D/(1−η) = 7/40 <= 4/5) at every mean, Theorem 2 not at every mean.
  auto o = small_grid(3, q(1, 5), q(1, 5), 1, q(-1, 2), q(1, 2), 5);
  o.axis = RegionAxis::mean;
  o.spread = q(1, 10);
  const auto grid = full_revelation_region(o, Progress::none());
  for (const auto& p : grid.points) EXPECT_TRUE(p.eq5);
  EXPECT_GT(grid.both_fail, 0U);
  EXPECT_GT(grid.both_hold, 0U);
  EXPECT_EQ(grid.eq5_holds_exact_fails, grid.both_fail);
}

TEST(AllianceRegion, DoubleMatchesExact) {
  const auto exact = full_revelation_region(
      small_grid(8, q(1, 10), q(9, 10), 9, q(0), q(1, 10), 11), Progress::none());
  auto o = default_region_options<double>(8, RegionAxis::spread);
  o.eta_from = 0.1;
  o.eta_to = 0.9;
  o.eta_points = 9;
  o.from = 0;
  o.to = 0.1;
  o.points = 11;
  const auto floating = full_revelation_region(o, Progress::none());
  ASSERT_EQ(exact.points.size(), floating.points.size());
  for (std::size_t k = 0; k < exact.points.size(); ++k) {
    EXPECT_NEAR(to_double(exact.points[k].worst_gain), floating.points[k].worst_gain, 1e-12);
  }
  EXPECT_GT(exact.exact_only, 0U);  // (n−1)η up to 6.3
}

TEST(AllianceRegion, ExactSeesAGainThatDoubleCallsZero) {
  // The one point of the 200 × 200 benchmark grid (n = 8) where --float
  // differs: the hawk's gain is 289/15224588672961600 ≈ 1.9e-14 > 0, inside
  // double mode's 1e-12 tolerance for "0".
  const auto exact = full_revelation_region(
      small_grid(8, q(1059, 3980), q(1059, 3980), 1, q(45, 796), q(45, 796), 1), Progress::none());
  EXPECT_FALSE(exact.points[0].exact);
  EXPECT_FALSE(exact.points[0].theorem2);
  EXPECT_EQ(exact.points[0].worst_gain, q(289, 15224588672961600));
  auto o = default_region_options<double>(8, RegionAxis::spread);
  o.eta_from = o.eta_to = 1059.0 / 3980;
  o.from = o.to = 45.0 / 796;
  o.eta_points = o.points = 1;
  const auto floating = full_revelation_region(o, Progress::none());
  EXPECT_TRUE(floating.points[0].exact);
  EXPECT_NEAR(floating.points[0].worst_gain, 1.9e-14, 1e-15);
}

TEST(AllianceRegion, RejectsBadOptions) {
  auto o = small_grid(1, q(1, 2), q(1, 2), 1, q(0), q(1, 10), 2);
  EXPECT_EQ(input_error([&] { full_revelation_region(o, Progress::none()); }).pointer(), "--n");
  o.players = 4;
  o.eta_to = q(1);
  EXPECT_EQ(input_error([&] { full_revelation_region(o, Progress::none()); }).pointer(),
            "--eta-to");
  o.eta_to = q(1, 2);
  o.points = 0;
  EXPECT_EQ(input_error([&] { full_revelation_region(o, Progress::none()); }).pointer(),
            "--points");
  o.points = 2;
  o.from = q(-1, 10);
  EXPECT_EQ(input_error([&] { full_revelation_region(o, Progress::none()); }).pointer(),
            "--spread-from");
  o.axis = RegionAxis::mean;  // a negative mean is allowed, a zero spread is not
  o.spread = q(0);
  EXPECT_EQ(input_error([&] { full_revelation_region(o, Progress::none()); }).pointer(),
            "--spread");
}

RegionGrid<Rational> hand_built() {
  RegionGrid<Rational> g;
  g.options = small_grid(6, q(1, 2), q(7, 10), 2, q(0), q(1, 50), 2);
  g.etas = {q(1, 2), q(7, 10)};
  g.values = {q(0), q(1, 50)};
  g.points = {{q(1, 2), q(0), true, true, true, q(-1, 3)},
              {q(1, 2), q(1, 50), false, true, false, q(1, 7)},
              {q(7, 10), q(0), true, true, true, q(-1, 5)},
              {q(7, 10), q(1, 50), false, true, true, q(-1, 9)}};
  g.both_hold = 2;
  g.both_fail = 1;
  g.exact_only = 1;
  g.eq5_holds_exact_fails = 1;
  g.largest_disagreement_interdependence = q(7, 2);
  return g;
}

TEST(AllianceRegionRender, CsvJsonAndText) {
  const auto g = hand_built();
  const std::string csv = region_csv(g);
  EXPECT_TRUE(
      contains(csv, "eta,spread,eta_decimal,spread_decimal,theorem2,eq5,exact,worst_gain\n"));
  EXPECT_TRUE(contains(csv, "7/10,1/50,0.7,0.02,0,1,1,-1/9\n"));
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 5);
  const auto json = region_json(g);
  EXPECT_EQ(json["counts"]["exact_only"], 1);
  EXPECT_EQ(json["counts"]["points"], 4);
  EXPECT_EQ(json["options"]["axis"], "spread");
  EXPECT_EQ(json["points"][3]["spread"]["exact"], "1/50");
  EXPECT_TRUE(json["points"][3]["exact"]);
  EXPECT_EQ(json["largest_disagreement_interdependence"]["exact"], "7/2");
  const std::string text = region_text(g);
  EXPECT_TRUE(contains(text, "both hold 2, both fail 1, exact only 1"));
  EXPECT_TRUE(contains(text, "largest (n−1)η at a disagreement: 3.5"));
  EXPECT_TRUE(contains(text, "n−1 players at 0, one hawk at b_d"));
}

}  // namespace
}  // namespace mechlab::alliance
