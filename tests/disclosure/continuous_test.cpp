#include "mechlab/disclosure/continuous.hpp"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <random>

#include "mechlab/core/rng.hpp"
#include "mechlab/disclosure/io.hpp"
#include "support.hpp"

namespace mechlab::disclosure {
namespace {

using test::input_error;
using test::q;

ContinuousTeam<Rational> uniform01(std::size_t n) { return uniform_team(n, q(0), q(1)); }

// Classes of one grid with the given flag.
std::vector<const DiscreteClass<Rational>*> flagged(const DiscreteGrid<Rational>& grid,
                                                    ArtefactFlag flag) {
  std::vector<const DiscreteClass<Rational>*> out;
  for (const auto& c : grid.classes) {
    if (c.flag == flag) out.push_back(&c);
  }
  return out;
}

TEST(DisclosureContinuous, MomentsOfAPiecewiseUniformMarginalAreExact) {
  // Density 1/2 on [0, 1/2] and 3/2 on [1/2, 1]: E[ω] = 5/8.
  const PiecewiseUniform<Rational> m{{q(0), q(1, 2), q(1)}, {q(1, 4), q(3, 4)}};
  auto at = moments(m, q(1, 4));
  EXPECT_EQ(at.cdf, q(1, 8));
  EXPECT_EQ(at.below, q(1, 64));
  EXPECT_EQ(at.above, q(39, 64));
  at = moments(m, q(3, 4));
  EXPECT_EQ(at.cdf, q(5, 8));
  EXPECT_EQ(at.below, q(19, 64));
  at = moments(m, q(-1));
  EXPECT_EQ(at.cdf, q(0));
  EXPECT_EQ(at.above, q(5, 8));
  EXPECT_EQ(moments(m, q(2)).cdf, q(1));
}

TEST(DisclosureContinuous, OrthantDecompositionMatchesHandComputation) {
  // U[0,1]², consensual, t = (1/2, 1/3): P(ND) = 1 − (1/2)(2/3) = 2/3,
  // Num_1 = 1/2 − (3/8)(2/3) = 1/4, Num_2 = 1/2 − (1/2)(4/9) = 5/18.
  const auto map = no_disclosure_map(uniform01(2), unanimity(2), {q(1, 2), q(1, 3)});
  EXPECT_EQ(map.prob_no_disclosure, q(2, 3));
  ASSERT_EQ(map.posterior.size(), 2U);
  EXPECT_EQ(map.posterior[0], q(3, 8));
  EXPECT_EQ(map.posterior[1], q(5, 12));
  // t = ω̲: everyone votes yes almost surely, P(ND) = 0 and Φ is off path.
  const auto corner = no_disclosure_map(uniform01(2), unanimity(2), {q(0), q(0)});
  EXPECT_EQ(corner.prob_no_disclosure, q(0));
  EXPECT_TRUE(corner.posterior.empty());
}

// With U[0,1] marginals and thresholds on the boundaries of the n-cell grid,
// every cell's midpoint is its conditional mean, so Φ(t) equals the finite
// posterior (eq. 2) of the discretised team under the same threshold rule:
// an independent check of the orthant decomposition for every protocol.
TEST(DisclosureContinuous, OrthantDecompositionAgreesWithTheDiscretisedPosterior) {
  Rng rng(20260602);
  std::uniform_int_distribution<long> cut(1, 4);
  const auto team = uniform01(3);
  const Team<Rational> grid = discretise(team, 5);
  for (const auto& protocol : all_monotone_protocols(3)) {
    for (int draw = 0; draw < 3; ++draw) {
      const std::vector<Rational> t = {q(cut(rng), 5), q(cut(rng), 5), q(cut(rng), 5)};
      std::vector<Rational> d;
      for (std::size_t c = 0; c < grid.prior.size(); ++c) {
        Coalition yes = 0;
        std::size_t rest = c;
        for (std::size_t i = 3; i-- > 0;) {
          if (grid.values[i][rest % 5] > t[i]) yes |= Coalition{1} << i;
          rest /= 5;
        }
        d.push_back(protocol.wins(yes) ? q(1) : q(0));
      }
      const auto [p, posterior] = no_disclosure_posterior(grid, d);
      const auto map = no_disclosure_map(team, protocol, t);
      EXPECT_EQ(map.prob_no_disclosure, p) << protocol.name;
      EXPECT_EQ(map.posterior, posterior) << protocol.name;
    }
  }
}

struct T9Row {
  std::size_t n;
  std::size_t k;
  double root;
  long limit_den;  // φ(0+) = 1/limit_den
};

// Spec T9: U[0,1] iid, K-majority; one symmetric interior root each, certified
// by an exact bracket of width <= 1e-12, and the exact limits φ(0+).
TEST(DisclosureContinuous, T9SymmetricRootsAreBracketedExactly) {
  const std::vector<T9Row> rows = {{2, 2, 0.38196601, 4},
                                   {3, 2, 0.29289322, 6},
                                   {3, 3, 0.45631099, 3},
                                   {5, 3, 0.34965955, 5},
                                   {10, 5, 0.36462197, 5}};
  for (const auto& row : rows) {
    SCOPED_TRACE(testing::Message() << "N = " << row.n << ", K = " << row.k);
    const auto a = continuous_fixed_points(uniform01(row.n), k_majority(row.n, row.k));
    EXPECT_EQ(a.search, FixedPointSearch::symmetric_scan);
    EXPECT_EQ(a.limit_at_lower_corner, std::vector<Rational>(row.n, q(1, row.limit_den)));
    EXPECT_TRUE(a.sufficient_condition);
    EXPECT_FALSE(a.some_member_discloses_alone);
    ASSERT_EQ(a.fixed_points.size(), 1U) << a.method;
    // Exhaustive: Sturm sequences count one symmetric root.
    EXPECT_EQ(a.symmetric_root_count, std::optional<std::size_t>(1)) << a.method;
    const auto& fp = a.fixed_points.front();
    ASSERT_TRUE(fp.bracket.has_value());
    const auto& [lo, hi] = *fp.bracket;
    EXPECT_LE(to_double(hi - lo), 1e-12);
    EXPECT_LE(to_double(lo), row.root + 5e-9);
    EXPECT_GE(to_double(hi), row.root - 5e-9);
    // The certificate: φ(t) − t changes sign on [lo, hi], recomputed here.
    const auto gap_sign = [&](const Rational& t) {
      const auto map = no_disclosure_map(uniform01(row.n), k_majority(row.n, row.k),
                                         std::vector<Rational>(row.n, t));
      return sgn(Rational(map.posterior[0] - t));
    };
    EXPECT_EQ(gap_sign(lo), 1);
    EXPECT_EQ(gap_sign(hi), -1);
    EXPECT_GT(fp.prob_no_disclosure, 0);
    EXPECT_LT(fp.residual, 1e-11);
    for (const double t : fp.thresholds) EXPECT_NEAR(t, row.root, 5e-9);
  }
}

TEST(DisclosureContinuous, T9ClosedFormsLieInsideTheBrackets) {
  // (2,2): t* = (3 − √5)/2, the root in (0, 1) of t² − 3t + 1 (decreasing there).
  auto a = continuous_fixed_points(uniform01(2), unanimity(2));
  ASSERT_EQ(a.fixed_points.size(), 1U);
  auto [lo, hi] = *a.fixed_points[0].bracket;
  EXPECT_GT(lo * lo - 3 * lo + 1, 0);
  EXPECT_LT(hi * hi - 3 * hi + 1, 0);
  // (3,2): t* = 1 − 1/√2, the root in (0, 1) of 2t² − 4t + 1 (decreasing there).
  a = continuous_fixed_points(uniform01(3), k_majority(3, 2));
  ASSERT_EQ(a.fixed_points.size(), 1U);
  std::tie(lo, hi) = *a.fixed_points[0].bracket;
  EXPECT_GT(2 * lo * lo - 4 * lo + 1, 0);
  EXPECT_LT(2 * hi * hi - 4 * hi + 1, 0);
}

// A bimodal-ish density (20/23 of the mass on [1/2, 3/4]) under unanimity of
// three has three symmetric roots, two of them 0.0065 apart: the Sturm count
// sees all three, and on a coarse scan (4 points) the missed ones are
// isolated by Sturm bisection instead.
TEST(DisclosureContinuous, SturmCountFindsRootsACoarseScanMisses) {
  const PiecewiseUniform<Rational> m{{q(0), q(1, 4), q(1, 2), q(3, 4), q(1)},
                                     {q(1, 23), q(1, 23), q(20, 23), q(1, 23)}};
  const ContinuousTeam<Rational> team{{"a", "b", "c"}, {m, m, m}};
  std::vector<std::pair<Rational, Rational>> fine;
  for (const std::size_t points : {1000U, 4U}) {
    SCOPED_TRACE(testing::Message() << points << " scan points");
    ContinuousOptions options;
    options.scan_points = points;
    const auto a = continuous_fixed_points(team, unanimity(3), options);
    EXPECT_EQ(a.symmetric_root_count, std::optional<std::size_t>(3)) << a.method;
    std::vector<std::pair<Rational, Rational>> brackets;
    std::size_t sturm = 0;
    for (const auto& fp : a.fixed_points) {
      if (!fp.bracket) continue;
      brackets.push_back(*fp.bracket);
      sturm += fp.sturm_certified ? 1 : 0;
      EXPECT_LT(fp.residual, 1e-11);
    }
    ASSERT_EQ(brackets.size(), 3U) << a.method;
    EXPECT_EQ(sturm, points == 4 ? 2U : 0U);
    if (points == 1000) {
      fine = brackets;
    } else {
      for (std::size_t r = 0; r < 3; ++r) {  // the same three roots
        EXPECT_NEAR(to_double(brackets[r].first), to_double(fine[r].first), 1e-11);
      }
    }
  }
}

TEST(DisclosureContinuous, T9InDoubleAgreesWithRational) {
  const auto a = continuous_fixed_points(uniform_team<double>(2, 0.0, 1.0), unanimity(2));
  ASSERT_EQ(a.fixed_points.size(), 1U);
  EXPECT_NEAR(a.fixed_points[0].thresholds[0], (3 - std::sqrt(5.0)) / 2, 1e-11);
  EXPECT_DOUBLE_EQ(a.limit_at_lower_corner[0], 0.25);
}

// K = 1: φ(t) = E[ω | ω <= t] = t/2 < t, so FD is the only equilibrium
// (Theorem 4.2), found by the search, not assumed.
TEST(DisclosureContinuous, UnilateralDisclosureHasNoInteriorFixedPoint) {
  for (const std::size_t n : {2U, 3U, 5U}) {
    SCOPED_TRACE(testing::Message() << "N = " << n);
    const auto a = continuous_fixed_points(uniform01(n), unilateral(n));
    EXPECT_TRUE(a.fixed_points.empty()) << a.method;
    EXPECT_EQ(a.symmetric_root_count, std::optional<std::size_t>(0)) << a.method;
    EXPECT_TRUE(a.some_member_discloses_alone);
    EXPECT_FALSE(a.sufficient_condition);
    EXPECT_EQ(a.limit_at_lower_corner, std::vector<Rational>(n, q(0)));
    const auto map =
        no_disclosure_map(uniform01(n), unilateral(n), std::vector<Rational>(n, q(2, 3)));
    EXPECT_EQ(map.posterior, std::vector<Rational>(n, q(1, 3)));
  }
  // A leader also discloses alone: no fixed point by the general search.
  const auto a = continuous_fixed_points(uniform01(2), leader(2, 0));
  EXPECT_EQ(a.search, FixedPointSearch::multistart_newton);
  EXPECT_TRUE(a.fixed_points.empty());
  EXPECT_FALSE(a.sufficient_condition);
}

TEST(DisclosureContinuous, GeneralSearchFindsVerifiedAsymmetricFixedPoints) {
  // Member 1 ~ U[0,1], member 2 piecewise (density 3/2 on [0, 1/2], 1/2 above),
  // consensual: not symmetric, so multi-start Newton.
  ContinuousTeam<Rational> team = uniform01(2);
  team.marginals[1] = {{q(0), q(1, 2), q(1)}, {q(3, 4), q(1, 4)}};
  const auto a = continuous_fixed_points(team, unanimity(2));
  EXPECT_EQ(a.search, FixedPointSearch::multistart_newton);
  // φ(0+): the first piece's densities 1 and 3/2 weight the two one-no orthants.
  EXPECT_EQ(a.limit_at_lower_corner, (std::vector<Rational>{q(3, 10), q(3, 20)}));
  EXPECT_TRUE(a.sufficient_condition);
  ASSERT_FALSE(a.fixed_points.empty()) << a.method;
  for (const auto& fp : a.fixed_points) {
    EXPECT_LT(fp.residual, 1e-10);
    EXPECT_GT(fp.prob_no_disclosure, 0);
    EXPECT_FALSE(fp.bracket.has_value());
    EXPECT_GT(fp.thresholds[0], fp.thresholds[1]);  // member 2's outcomes are lower
  }
}

TEST(DisclosureContinuous, DiscretiseUsesMidpointsAndExactCellMasses) {
  ContinuousTeam<Rational> team = uniform01(2);
  team.marginals[1] = {{q(0), q(1, 2), q(1)}, {q(3, 4), q(1, 4)}};
  const Team<Rational> grid = discretise(team, 4);
  EXPECT_EQ(grid.values[0], (std::vector<Rational>{q(1, 8), q(3, 8), q(5, 8), q(7, 8)}));
  EXPECT_EQ(grid.values[1], grid.values[0]);
  // Cells of member 2: masses 3/8, 3/8, 1/8, 1/8; the prior is the product.
  ASSERT_EQ(grid.prior.size(), 16U);
  EXPECT_EQ(grid.prior[0], q(3, 32));
  EXPECT_EQ(grid.prior[3], q(1, 32));
  EXPECT_NO_THROW(validate(grid));
}

// Spec T10: midpoint grids on U[0,1]², consensual.
TEST(DisclosureContinuous, T10ConsensualGridsAndTheirClusters) {
  const auto study = discretisation_study(uniform01(2), unanimity(2), {5, 10, 20});
  ASSERT_EQ(study.grids.size(), 3U);
  for (const auto& grid : study.grids) {
    SCOPED_TRACE(testing::Message() << "n = " << grid.n);
    EXPECT_EQ(flagged(grid, ArtefactFlag::full_disclosure).size(), 1U);
    EXPECT_TRUE(flagged(grid, ArtefactFlag::vanishing).empty());
    const auto kept = flagged(grid, ArtefactFlag::kept);
    ASSERT_EQ(kept.size(), 1U);
    ASSERT_EQ(grid.clusters.size(), 1U);
    const auto& polished = grid.clusters[0].polished;
    ASSERT_TRUE(polished.has_value());
    EXPECT_NEAR(polished->thresholds[0], (3 - std::sqrt(5.0)) / 2, 1e-10);
    EXPECT_NEAR(polished->thresholds[1], (3 - std::sqrt(5.0)) / 2, 1e-10);
    // The class at 31/80 with P(ND) = 16/25 is on every grid.
    const bool has_3875 = std::any_of(grid.classes.begin(), grid.classes.end(), [](const auto& c) {
      return c.equilibrium.kind == DisclosureKind::interior &&
             c.equilibrium.posterior == std::vector<Rational>{q(31, 80), q(31, 80)} &&
             c.equilibrium.prob_no_disclosure == q(16, 25);
    });
    EXPECT_TRUE(has_3875);
    const auto clustered = flagged(grid, ArtefactFlag::clustered);
    if (grid.n == 20) {
      // Grid-induced multiplicity: the pure class 491/1320 one step away, and
      // between them both members mixing at the midpoint 3/8 (yes-probability
      // 25/39 each, P(ND) = 1 − (25/39)²), all one cluster.
      ASSERT_EQ(clustered.size() + kept.size(), 3U);
      std::vector<const DiscreteClass<Rational>*> all = clustered;
      all.push_back(kept[0]);
      const auto find = [&](const Rational& post) -> const DiscreteClass<Rational>* {
        for (const auto* c : all) {
          if (c->equilibrium.posterior == std::vector<Rational>{post, post}) return c;
        }
        return nullptr;
      };
      const auto* pure = find(q(491, 1320));
      ASSERT_NE(pure, nullptr);
      EXPECT_EQ(pure->equilibrium.prob_no_disclosure, q(231, 400));
      EXPECT_FALSE(pure->equilibrium.mixed);
      const auto* mixed = find(q(3, 8));
      ASSERT_NE(mixed, nullptr);
      EXPECT_EQ(mixed->equilibrium.prob_no_disclosure, q(896, 1521));
      EXPECT_TRUE(mixed->equilibrium.mixed);
      EXPECT_EQ(grid.clusters[0].classes.size(), 3U);
    } else {
      EXPECT_TRUE(clustered.empty());
      EXPECT_EQ(grid.classes.size(), 2U);
    }
  }
}

// Spec T10, leader: the grid has a partial class concealing only the leader's
// lowest cell, P(ND) = 1/n; the filter drops it (no continuum counterpart).
TEST(DisclosureContinuous, T10LeaderGridArtefactIsDropped) {
  const auto study = discretisation_study(uniform01(2), leader(2, 0), {5, 10, 20});
  for (const auto& grid : study.grids) {
    SCOPED_TRACE(testing::Message() << "n = " << grid.n);
    const auto vanishing = flagged(grid, ArtefactFlag::vanishing);
    ASSERT_FALSE(vanishing.empty());
    const bool one_over_n = std::any_of(vanishing.begin(), vanishing.end(), [&](const auto* c) {
      return c->equilibrium.kind == DisclosureKind::partial &&
             c->equilibrium.prob_no_disclosure == q(1, static_cast<long>(grid.n));
    });
    EXPECT_TRUE(one_over_n);
    EXPECT_TRUE(flagged(grid, ArtefactFlag::kept).empty());
    EXPECT_TRUE(grid.clusters.empty());
    // Nothing hidden: every raw class is listed with its flag.
    EXPECT_EQ(vanishing.size() + flagged(grid, ArtefactFlag::full_disclosure).size(),
              grid.classes.size());
  }
}

TEST(DisclosureContinuous, InvalidInputNamesTheJsonPointer) {
  ContinuousTeam<Rational> team = uniform01(2);
  team.marginals[1].masses = {q(1, 2)};
  EXPECT_EQ(input_error([&] { validate(team); }).pointer(), "/marginals/1/masses");
  team.marginals[1] = {{q(0), q(1, 2), q(1)}, {q(1), q(0)}};
  EXPECT_EQ(input_error([&] { validate(team); }).pointer(), "/marginals/1/masses/1");
  team.marginals[1] = {{q(0), q(0), q(1)}, {q(1, 2), q(1, 2)}};
  EXPECT_EQ(input_error([&] { validate(team); }).pointer(), "/marginals/1/breakpoints/1");
  team.marginals[1] = {{q(0), q(1)}, {q(1, 2), q(1, 2)}};
  EXPECT_EQ(input_error([&] { validate(team); }).pointer(), "/marginals/1/masses");
  EXPECT_EQ(input_error([] { validate(uniform01(1)); }).pointer(), "/members");
  team = uniform01(2);
  team.members[1] = "1";
  EXPECT_EQ(input_error([&] { validate(team); }).pointer(), "/members/1");
  EXPECT_EQ(input_error([] { continuous_fixed_points(uniform01(2), unanimity(3)); }).pointer(),
            "/protocol");
  EXPECT_EQ(input_error([] { discretise(uniform01(2), 1); }).pointer(), "/grid");
}

// A disclosure model file with marginals: the keys given, plus the header and
// a protocol.
std::string model_file(const std::string& keys) {
  return R"({"model": "disclosure", "version": 1, "protocols": [{"unanimity": true}], )" + keys +
         "}";
}

ContinuousTeam<Rational> read_text(const std::string& keys) {
  const io::Document doc = io::parse_json(model_file(keys));
  return *read_model<Rational>(io::Node(doc)).continuous;
}

TEST(DisclosureContinuous, ReaderBuildsTheTeamExactly) {
  const auto team = read_text(R"("members": ["ann", "bob"], "marginals": {
      "bob": {"breakpoints": [0, "1/2", 1], "masses": ["3/4", 0.25]},
      "ann": {"uniform": [0, 1]}})");
  EXPECT_EQ(team.members, (std::vector<std::string>{"ann", "bob"}));
  EXPECT_EQ(team.marginals[0].breakpoints, (std::vector<Rational>{q(0), q(1)}));
  EXPECT_EQ(team.marginals[0].masses, (std::vector<Rational>{q(1)}));
  EXPECT_EQ(team.marginals[1].breakpoints, (std::vector<Rational>{q(0), q(1, 2), q(1)}));
  EXPECT_EQ(team.marginals[1].masses, (std::vector<Rational>{q(3, 4), q(1, 4)}));
  const io::Document doc = io::parse_json(model_file(R"("members": ["a", "b"], "marginals": {
      "a": {"uniform": [0, 1]}, "b": {"uniform": [0, 2]}})"));
  const auto doubles = read_model<double>(io::Node(doc));
  ASSERT_TRUE(doubles.continuous.has_value());
  EXPECT_DOUBLE_EQ(doubles.continuous->marginals[1].high(), 2.0);
  EXPECT_EQ(doubles.protocols.size(), 1U);
  EXPECT_TRUE(doubles.team.values.empty());
}

TEST(DisclosureContinuous, ReaderErrorsNameTheFilesPointer) {
  const auto pointer = [](const std::string& marginals) {
    return input_error(
               [&] { read_text(R"("members": ["ann", "bob"], "marginals": )" + marginals); })
        .pointer();
  };
  const std::string ann = R"("ann": {"uniform": [0, 1]})";
  EXPECT_EQ(pointer("{" + ann + R"(, "bob": {"uniform": [1, 1]}})"), "/marginals/bob/uniform/1");
  EXPECT_EQ(pointer("{" + ann + R"(, "bob": {"breakpoints": [0, 1], "masses": [0]}})"),
            "/marginals/bob/masses/0");
  EXPECT_EQ(pointer("{" + ann + R"(, "bob": {"breakpoints": [0, 1], "masses": [0.5]}})"),
            "/marginals/bob/masses");
  EXPECT_EQ(pointer("{" + ann + R"(, "bob": {"breakpoints": [0, 1, 1], "masses": [0.5, 0.5]}})"),
            "/marginals/bob/breakpoints/2");
  EXPECT_EQ(pointer("{" + ann + R"(, "bob": {"uniform": [0, 1], "masses": [1]}})"),
            "/marginals/bob/masses");
  EXPECT_EQ(pointer("{" + ann + "}"), "/marginals");
  EXPECT_EQ(pointer("{" + ann + R"(, "cy": {"uniform": [0, 1]}})"), "/marginals/cy");
}

}  // namespace
}  // namespace mechlab::disclosure

namespace mechlab::disclosure {
namespace {

TEST(DisclosureContinuous, DoubleScanTerminatesAndIgnoresTheToleranceAtAnyScale) {
  // Found in review: at 3·10^6 the double bisection reached adjacent doubles and
  // looped; on U[0, 1e-10] an absolute tolerance made every grid point a root.
  for (const auto& [lo, hi] : {std::pair{3e6, 3e6 + 1}, std::pair{0.0, 1e-10}}) {
    const auto team = uniform_team<double>(2, lo, hi);
    const auto a = continuous_fixed_points(team, unanimity(2));
    ASSERT_EQ(a.fixed_points.size(), 1U) << lo;
    const double golden = (3 - std::sqrt(5.0)) / 2;
    EXPECT_NEAR((a.fixed_points[0].thresholds[0] - lo) / (hi - lo), golden, 1e-6) << lo;
  }
}

TEST(DisclosureContinuous, GridsAreRefusedBeforeTheyAreBuilt) {
  DiscretisationOptions options;
  options.equilibria.max_profiles = 1000;
  // (2·20 + 1)^2 = 1681 profiles > 1000.
  EXPECT_EQ(
      input_error([&] {
        discretisation_study(uniform_team<Rational>(2, q(0), q(1)), unanimity(2), {5, 20}, options);
      }).pointer(),
      "/grid");
}

}  // namespace
}  // namespace mechlab::disclosure
