#include "mechlab/core/distribution.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "mechlab/core/error.hpp"
#include "mechlab/core/rng.hpp"
#include "support.hpp"

namespace mechlab {
namespace {

using test::contains;
using test::input_error;
using test::q;

using Q = Rational;

IndexSpace two_by_two() { return IndexSpace({{"X", {"x0", "x1"}}, {"Y", {"y0", "y1"}}}); }

// X, Y, Z binary; cell = 4x + 2y + z; P(cell) = (cell + 1) / 36.
//
//   (x,y,z)  000  001  010  011  100  101  110  111
//   36 P       1    2    3    4    5    6    7    8
IndexSpace xyz() {
  return IndexSpace({{"X", {"x0", "x1"}}, {"Y", {"y0", "y1"}}, {"Z", {"z0", "z1"}}});
}

Distribution<Q> correlated_rational() {
  std::vector<Q> p;
  for (long i = 1; i <= 8; ++i) p.push_back(q(i, 36));
  return Distribution<Q>(xyz(), p);
}

Distribution<double> correlated_double() {
  std::vector<double> p;
  for (int i = 1; i <= 8; ++i) p.push_back(i / 36.0);
  return Distribution<double>(xyz(), p);
}

// ---------------------------------------------------------------- validation

TEST(Distribution, RationalAcceptsExactSumOfThirds) {
  const IndexSpace s({{"T", {"a", "b", "c"}}});
  const Distribution<Q> d(s, {q(1, 3), q(1, 3), q(1, 3)});
  EXPECT_EQ(d[0], q(1, 3));
  EXPECT_EQ(d.probabilities().size(), 3u);
}

TEST(Distribution, RationalRejectsNegativeEntryAtItsCell) {
  const InputError e = input_error([] {
    Distribution<Q>(two_by_two(), {q(1, 2), q(-1, 4), q(1, 2), q(1, 4)});
  });
  EXPECT_EQ(e.pointer(), "/probabilities/1");
  EXPECT_TRUE(contains(e.what(), "non-negative")) << e.what();
  EXPECT_TRUE(contains(e.what(), "(X=x0, Y=y1)")) << e.what();
  EXPECT_EQ(e.found(), "-1/4");
}

TEST(Distribution, ErrorPointerUsesTheGivenLocation) {
  const InputError e = input_error([] {
    Distribution<Q>(two_by_two(), {q(1, 2), q(1, 2), q(-1, 4), q(1, 4)}, "/prior");
  });
  EXPECT_EQ(e.pointer(), "/prior/2");
}

TEST(Distribution, RationalRejectsSumOffByAnyAmount) {
  // 1/2 + 1/4 + 1/4 + 10^-30 is not exactly 1.
  Q tiny(1);
  tiny /= Q(mpz_class("1000000000000000000000000000000"));
  const InputError e = input_error([&] {
    Distribution<Q>(two_by_two(), {q(1, 2), q(1, 4), q(1, 4), tiny});
  });
  EXPECT_EQ(e.pointer(), "/probabilities");
  EXPECT_TRUE(contains(e.what(), "exactly 1")) << e.what();

  const InputError short_sum = input_error([] {
    Distribution<Q>(two_by_two(), {q(1, 2), q(1, 4), q(1, 8), q(0)});
  });
  EXPECT_EQ(short_sum.pointer(), "/probabilities");
  EXPECT_EQ(short_sum.found(), "sum 7/8");
}

TEST(Distribution, RejectsWrongNumberOfEntries) {
  const InputError e = input_error([] { Distribution<Q>(two_by_two(), {q(1, 2), q(1, 2)}); });
  EXPECT_EQ(e.pointer(), "/probabilities");
  EXPECT_TRUE(contains(e.what(), "4 probabilities")) << e.what();
  EXPECT_THROW(Distribution<double>(two_by_two(), {0.2, 0.2, 0.2, 0.2, 0.2}), InputError);
}

TEST(Distribution, DoubleAcceptsSumWithin1e12) {
  const Distribution<double> d(two_by_two(), {0.25, 0.25, 0.25, 0.25 + 5e-13});
  EXPECT_DOUBLE_EQ(d[3], 0.25 + 5e-13);
  // 0.1 + 0.2 + 0.3 + 0.4 is not 1 in binary, but within the tolerance.
  EXPECT_NO_THROW(Distribution<double>(two_by_two(), {0.1, 0.2, 0.3, 0.4}));
  EXPECT_NO_THROW(
      Distribution<double>(IndexSpace({{"T", {"a", "b", "c"}}}), {1.0 / 3, 1.0 / 3, 1.0 / 3}));
}

TEST(Distribution, DoubleRejectsSumOffBy1e9) {
  const InputError e = input_error([] {
    Distribution<double>(two_by_two(), {0.25, 0.25, 0.25, 0.25 + 1e-9});
  });
  EXPECT_EQ(e.pointer(), "/probabilities");
  EXPECT_TRUE(contains(e.what(), "within 1e-12")) << e.what();
  EXPECT_THROW(Distribution<double>(two_by_two(), {0.25, 0.25, 0.25, 0.25 - 1e-9}), InputError);
}

TEST(Distribution, DoubleRejectsNaNAndInfinityAtTheirCell) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  const InputError e = input_error([&] {
    Distribution<double>(two_by_two(), {0.5, 0.5, nan, 0.0});
  });
  EXPECT_EQ(e.pointer(), "/probabilities/2");
  const InputError f = input_error([&] {
    Distribution<double>(two_by_two(), {inf, 0.5, 0.5, 0.0});
  });
  EXPECT_EQ(f.pointer(), "/probabilities/0");
}

TEST(Distribution, DoubleRejectsNegativeEntry) {
  const InputError e = input_error([] {
    Distribution<double>(two_by_two(), {0.5, 0.5, 0.25, -0.25});
  });
  EXPECT_EQ(e.pointer(), "/probabilities/3");
  EXPECT_TRUE(contains(e.what(), "(X=x1, Y=y1)")) << e.what();
}

// ----------------------------------------------------- marginals, conditionals

TEST(Distribution, ProbabilityOfEventSumsItsCells) {
  const auto d = correlated_rational();
  EXPECT_EQ(d.probability(std::vector<Fixing>{}), q(1));
  // X = x1: (5+6+7+8)/36.
  EXPECT_EQ(d.probability(std::vector<Fixing>{{0, 1}}), q(13, 18));
  // Y = y0, Z = z1: cells 001 and 101: (2+6)/36.
  EXPECT_EQ(d.probability(std::vector<Fixing>{{1, 0}, {2, 1}}), q(2, 9));
}

TEST(Distribution, MarginalOnOneCoordinate) {
  const auto d = correlated_rational();
  // Y: y0 = (1+2+5+6)/36 = 7/18, y1 = (3+4+7+8)/36 = 11/18.
  const auto m = d.marginal(std::vector<std::size_t>{1});
  EXPECT_EQ(m.space().rank(), 1u);
  EXPECT_EQ(m.space().coordinate(0).name, "Y");
  EXPECT_EQ(m.probabilities(), (std::vector<Q>{q(7, 18), q(11, 18)}));
  // X: 10/36, 26/36. Z: 16/36, 20/36.
  EXPECT_EQ(d.marginal(std::vector<std::size_t>{0}).probabilities(),
            (std::vector<Q>{q(5, 18), q(13, 18)}));
  EXPECT_EQ(d.marginal(std::vector<std::size_t>{2}).probabilities(),
            (std::vector<Q>{q(4, 9), q(5, 9)}));
}

TEST(Distribution, MarginalOnTwoCoordinatesInGivenOrder) {
  const auto d = correlated_rational();
  // (Z, X), cell = 2z + x:
  //   (z0,x0) = 1+3 = 4/36,  (z0,x1) = 5+7 = 12/36,
  //   (z1,x0) = 2+4 = 6/36,  (z1,x1) = 6+8 = 14/36.
  const auto m = d.marginal(std::vector<std::size_t>{2, 0});
  EXPECT_EQ(m.space().coordinate(0).name, "Z");
  EXPECT_EQ(m.space().coordinate(1).name, "X");
  EXPECT_EQ(m.probabilities(), (std::vector<Q>{q(1, 9), q(1, 3), q(1, 6), q(7, 18)}));
}

TEST(Distribution, MarginalsShowCorrelation) {
  // P(x0, y0) = 3/36 = 1/12, but P(x0) P(y0) = 5/18 * 7/18 = 35/324.
  const auto d = correlated_rational();
  const auto xy = d.marginal(std::vector<std::size_t>{0, 1});
  EXPECT_EQ(xy[0], q(1, 12));
  EXPECT_NE(xy[0], q(5, 18) * q(7, 18));
}

TEST(Distribution, ConditionalIsBayesPosterior) {
  const auto d = correlated_rational();
  // Given Y = y1 (mass 22/36), over (X, Z):
  //   (x0,z0) = 3/22, (x0,z1) = 4/22, (x1,z0) = 7/22, (x1,z1) = 8/22.
  const auto c = d.conditional(std::vector<Fixing>{{1, 1}});
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->space().rank(), 2u);
  EXPECT_EQ(c->space().coordinate(0).name, "X");
  EXPECT_EQ(c->space().coordinate(1).name, "Z");
  EXPECT_EQ(c->probabilities(), (std::vector<Q>{q(3, 22), q(2, 11), q(7, 22), q(4, 11)}));
}

TEST(Distribution, ConditionalOnTwoCoordinates) {
  const auto d = correlated_rational();
  // Given X = x1, Z = z0 (cells 100 and 110, mass 12/36): Y = (5/12, 7/12).
  const auto c = d.conditional(std::vector<Fixing>{{0, 1}, {2, 0}});
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->space().rank(), 1u);
  EXPECT_EQ(c->space().coordinate(0).name, "Y");
  EXPECT_EQ(c->probabilities(), (std::vector<Q>{q(5, 12), q(7, 12)}));
  // The order of the fixings does not matter.
  const auto c2 = d.conditional(std::vector<Fixing>{{2, 0}, {0, 1}});
  ASSERT_TRUE(c2.has_value());
  EXPECT_EQ(c2->probabilities(), c->probabilities());
}

TEST(Distribution, ConditionalOnEverythingIsAPointMass) {
  const auto d = correlated_rational();
  const auto c = d.conditional(std::vector<Fixing>{{0, 0}, {1, 1}, {2, 0}});
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->space().size(), 1u);
  EXPECT_EQ(c->probabilities(), (std::vector<Q>{q(1)}));
}

TEST(Distribution, ConditionalOnZeroProbabilityEventIsNullopt) {
  const Distribution<Q> d(two_by_two(), {q(1, 2), q(1, 2), q(0), q(0)});
  EXPECT_FALSE(d.conditional(std::vector<Fixing>{{0, 1}}).has_value());
  EXPECT_TRUE(d.conditional(std::vector<Fixing>{{0, 0}}).has_value());
  const Distribution<double> dd(two_by_two(), {0.5, 0.5, 0.0, 0.0});
  EXPECT_FALSE(dd.conditional(std::vector<Fixing>{{0, 1}}).has_value());
}

TEST(Distribution, DoubleMarginalsAndConditionalsMatchRational) {
  const auto dd = correlated_double();
  const auto dq = correlated_rational();
  const std::vector<std::size_t> zx{2, 0};
  const auto md = dd.marginal(zx).probabilities();
  const auto mq = dq.marginal(zx).probabilities();
  ASSERT_EQ(md.size(), mq.size());
  for (std::size_t i = 0; i < md.size(); ++i) EXPECT_NEAR(md[i], mq[i].get_d(), 1e-15) << i;
  const auto cd = dd.conditional(std::vector<Fixing>{{1, 1}});
  ASSERT_TRUE(cd.has_value());
  const std::vector<double> expected{3.0 / 22, 4.0 / 22, 7.0 / 22, 8.0 / 22};
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_NEAR(cd->probabilities()[i], expected[i], 1e-15) << i;
  }
}

// -------------------------------------------------------------------- support

TEST(Distribution, FirstUnsupportedCellAndRequireFullSupport) {
  const Distribution<Q> d(two_by_two(), {q(1, 2), q(1, 2), q(0), q(0)});
  EXPECT_EQ(d.first_unsupported_cell(), std::optional<std::size_t>(2));
  const InputError e = input_error([&] { d.require_full_support(); });
  EXPECT_EQ(e.pointer(), "/probabilities/2");
  EXPECT_TRUE(contains(e.what(), "(X=x1, Y=y0)")) << e.what();
  const InputError f = input_error([&] { d.require_full_support("/prior"); });
  EXPECT_EQ(f.pointer(), "/prior/2");

  const auto full = correlated_rational();
  EXPECT_EQ(full.first_unsupported_cell(), std::nullopt);
  EXPECT_NO_THROW(full.require_full_support());

  const Distribution<double> dd(two_by_two(), {0.5, 0.0, 0.5, 0.0});
  EXPECT_EQ(dd.first_unsupported_cell(), std::optional<std::size_t>(1));
  EXPECT_THROW(dd.require_full_support(), InputError);
}

// -------------------------------------------------------------------- sampling

template <class T>
void expect_sampler_frequencies(const Distribution<T>& d, std::uint64_t seed) {
  const Sampler sample(d);
  Rng rng = make_rng(seed);
  constexpr int kDraws = 100000;
  std::vector<int> count(d.space().size(), 0);
  for (int i = 0; i < kDraws; ++i) {
    const std::size_t cell = sample(rng);
    ASSERT_LT(cell, count.size());
    ++count[cell];
  }
  for (std::size_t c = 0; c < count.size(); ++c) {
    const double p = NumberTraits<T>::to_double(d[c]);
    if (p == 0) {
      EXPECT_EQ(count[c], 0) << "zero-probability cell " << c << " was drawn";
    } else {
      EXPECT_NEAR(static_cast<double>(count[c]) / kDraws, p, 0.01) << "cell " << c;
    }
  }
}

TEST(Sampler, FrequenciesMatchProbabilitiesAndSkipZeroCells) {
  const IndexSpace s({{"X", {"x0", "x1"}}, {"Y", {"y0", "y1", "y2"}}});
  const Distribution<Q> d(s, {q(1, 10), q(0), q(3, 10), q(1, 5), q(0), q(2, 5)});
  expect_sampler_frequencies(d, 20240601);
}

TEST(Sampler, ZeroCellsAtBothEndsAreNeverDrawn) {
  const IndexSpace s({{"T", {"a", "b", "c", "d", "e"}}});
  expect_sampler_frequencies(Distribution<Q>(s, {q(0), q(1, 3), q(0), q(2, 3), q(0)}), 7);
  expect_sampler_frequencies(Distribution<double>(s, {0.0, 0.25, 0.0, 0.75, 0.0}), 8);
}

TEST(Sampler, CorrelatedDistributionInDoubleMode) {
  expect_sampler_frequencies(correlated_double(), 12345);
}

TEST(Sampler, SameSeedSameDraws) {
  const auto d = correlated_rational();
  const Sampler sample(d);
  Rng a = make_rng(99);
  Rng b = make_rng(99);
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(sample(a), sample(b));
}

TEST(Sampler, PointMassAlwaysDrawsItsCell) {
  const Distribution<Q> d(two_by_two(), {q(0), q(0), q(1), q(0)});
  const Sampler sample(d);
  Rng rng = make_rng(1);
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(sample(rng), 2u);
}

}  // namespace
}  // namespace mechlab
