#include "mechlab/alliance/model.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "alliance/fixtures.hpp"
#include "support.hpp"

namespace mechlab::alliance {
namespace {

using mechlab::test::contains;
using mechlab::test::input_error;
using mechlab::test::q;
using test::section51;

TEST(AllianceModel, SectionFiveOneDerivedQuantities) {
  // Spec §4.3: Avg b = 3/40; η = 1/2: b̃ = (−1/10, −1/30, 1/30, 1/10), c = (−1/20, 1/30, 7/60, 1/5).
  const Derived<Rational> d = derive(section51(q(1, 2)));
  EXPECT_EQ(d.n, 4U);
  EXPECT_EQ(d.normaliser, q(5, 2));
  EXPECT_EQ(d.beta, q(4));
  EXPECT_EQ(d.alpha, q(5));
  EXPECT_EQ(d.mean_bias, q(3, 40));
  EXPECT_EQ(d.bias_spread, q(1, 20));
  EXPECT_EQ(d.misalignment, (std::vector<Rational>{q(-1, 10), q(-1, 30), q(1, 30), q(1, 10)}));
  EXPECT_EQ(d.effective_bias, (std::vector<Rational>{q(-1, 20), q(1, 30), q(7, 60), q(1, 5)}));
  EXPECT_EQ(d.one_type, (std::vector<bool>{false, true, true, true}));
  EXPECT_TRUE(d.warnings.empty());
  // η = 1/4 and 1/10.
  EXPECT_EQ(derive(section51(q(1, 4))).effective_bias,
            (std::vector<Rational>{q(1, 60), q(1, 18), q(17, 180), q(2, 15)}));
  EXPECT_EQ(derive(section51(q(1, 4))).misalignment,
            (std::vector<Rational>{q(-1, 30), q(-1, 90), q(1, 90), q(1, 30)}));
  EXPECT_EQ(derive(section51(q(1, 10))).effective_bias,
            (std::vector<Rational>{q(7, 180), q(17, 270), q(47, 540), q(1, 9)}));
}

TEST(AllianceModel, FirstBestCoordinatesExactly) {
  // φ_i(x̄(k)) = E_k + b_i for every i and k (spec §3.1 identity), Σ b̃ = 0.
  const auto alliance = section51(q(1, 4));
  const Derived<Rational> d = derive(alliance);
  Rational misalignment_sum(0);
  for (const Rational& m : d.misalignment) misalignment_sum += m;
  EXPECT_EQ(misalignment_sum, 0);
  for (std::size_t k = 0; k <= d.n; ++k) {
    Rational total(0);
    for (std::size_t i = 0; i < d.n; ++i) total += first_best_action(d, i, k);
    for (std::size_t i = 0; i < d.n; ++i) {
      const Rational phi =
          coordination_level(alliance.eta, d.normaliser, first_best_action(d, i, k), total);
      EXPECT_EQ(phi, q(static_cast<long>(k) + 1, 6) + alliance.biases[i]);
    }
  }
  EXPECT_EQ(first_best_action(d, 0, 1) - first_best_action(d, 0, 0), q(1, 6));
}

TEST(AllianceModel, UnsortedBiasesKeepInputOrderAndReportTheSortedCopy) {
  const auto alliance = paper_alliance<Rational>(q(1, 2), {q(1, 10), q(1, 20), q(1, 12), q(1, 15)});
  const Derived<Rational> d = derive(alliance);
  EXPECT_EQ(d.order, (std::vector<std::size_t>{1, 3, 2, 0}));
  EXPECT_EQ(d.sorted_biases, (std::vector<Rational>{q(1, 20), q(1, 15), q(1, 12), q(1, 10)}));
  EXPECT_EQ(d.effective_bias, (std::vector<Rational>{q(1, 5), q(-1, 20), q(7, 60), q(1, 30)}));
}

TEST(AllianceModel, WarningsForNegativeAndEqualBiases) {
  auto d = derive(paper_alliance<Rational>(q(1, 2), {q(-1, 10), q(1, 10)}));
  ASSERT_EQ(d.warnings.size(), 1U);
  EXPECT_EQ(d.warnings[0], Warning::negative_bias);
  EXPECT_TRUE(contains(describe(d.warnings[0]), "negative"));
  d = derive(paper_alliance<Rational>(q(1, 2), {q(1, 10), q(1, 10), q(1, 10)}));
  ASSERT_EQ(d.warnings.size(), 1U);
  EXPECT_EQ(d.warnings[0], Warning::equal_biases);
  EXPECT_EQ(d.effective_bias, (std::vector<Rational>(3, q(1, 10))));
}

TEST(AllianceModel, ValidateNamesTheOffendingPointer) {
  auto alliance = section51(q(1, 2));
  EXPECT_NO_THROW(validate(alliance));
  EXPECT_TRUE(has_paper_bounds(alliance));
  alliance.eta = q(1);
  EXPECT_EQ(input_error([&] { validate(alliance); }).pointer(), "/eta");
  alliance.eta = q(0);
  EXPECT_EQ(input_error([&] { validate(alliance); }).pointer(), "/eta");
  alliance = section51(q(1, 2));
  alliance.biases.resize(1);
  alliance.bounds.resize(1);
  EXPECT_EQ(input_error([&] { validate(alliance); }).pointer(), "/biases");
  alliance = section51(q(1, 2));
  alliance.bounds.pop_back();
  EXPECT_EQ(input_error([&] { validate(alliance); }).pointer(), "/bounds");
  alliance = section51(q(1, 2));
  alliance.bounds[1].hi = q(-1, 2);
  const auto e = input_error([&] { validate(alliance); });
  EXPECT_EQ(e.pointer(), "/bounds/1/hi");
  EXPECT_EQ(e.found(), "-1/2");
  alliance.bounds[1] = {q(1, 3), q(1, 3)};  // a point is a valid box
  EXPECT_NO_THROW(validate(alliance));
  EXPECT_FALSE(has_paper_bounds(alliance));

  auto real = paper_alliance<double>(0.5, {0.0, 0.1, std::numeric_limits<double>::quiet_NaN()});
  EXPECT_EQ(input_error([&] { validate(real); }).pointer(), "/biases/2");
  real = paper_alliance<double>(0.5, {0.0, 0.1});
  real.bounds[0].lo = -std::numeric_limits<double>::infinity();
  EXPECT_EQ(input_error([&] { validate(real); }).pointer(), "/bounds/0/lo");
  real.bounds[0].lo = 0.0;
  real.eta = std::nan("");
  EXPECT_EQ(input_error([&] { validate(real); }).pointer(), "/eta");
}

}  // namespace
}  // namespace mechlab::alliance
