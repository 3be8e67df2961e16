#include "mechlab/alliance/posterior.hpp"

#include <gtest/gtest.h>

#include "mechlab/core/error.hpp"
#include "support.hpp"

namespace mechlab::alliance {
namespace {

using mechlab::test::q;

TEST(AlliancePosterior, BetaBinomialClosedForms) {
  EXPECT_EQ(posterior_mean<Rational>(1, 4), q(1, 3));
  EXPECT_EQ(posterior_mean<Rational>(0, 6), q(1, 8));
  EXPECT_EQ(posterior_variance<Rational>(1, 4), q(8, 252));  // 2·4/(6²·7)
  EXPECT_EQ(count_probability<Rational>(3, 6), q(1, 7));
  EXPECT_EQ(babbler_mean<Rational>(1, 1, 2), q(3, 5));
  EXPECT_DOUBLE_EQ(posterior_mean<double>(1, 2), 0.5);
  // Footnote 12: P(s_j = 1 | s_i = 1) = 2/3 with n = 2 (j counts the other's ones).
  EXPECT_EQ(others_count_probability<Rational>(1, 1, 2), q(2, 3));
  EXPECT_EQ(others_count_probability<Rational>(1, 0, 2), q(1, 3));
}

TEST(AlliancePosterior, MixturesAreConsistent) {
  for (std::size_t n = 2; n <= 9; ++n) {
    // (1/(n+1)) Σ_k V_k = 1/(6(n+2)) (spec §2.2).
    Rational mean_variance(0);
    for (std::size_t k = 0; k <= n; ++k) {
      mean_variance += count_probability<Rational>(k, n) * posterior_variance<Rational>(k, n);
    }
    EXPECT_EQ(mean_variance, q(1, 6 * (static_cast<long>(n) + 2)));
    // P(j | s) sums to 1 and equals Bayes: P(j, s_i) ∝ P(k = j + s) · C.
    for (const int s : {0, 1}) {
      Rational total(0);
      Rational mean(0);
      for (std::size_t j = 0; j < n; ++j) {
        total += others_count_probability<Rational>(j, s, n);
        mean += others_count_probability<Rational>(j, s, n) *
                posterior_mean<Rational>(j + static_cast<std::size_t>(s), n);
      }
      EXPECT_EQ(total, 1);
      // E[θ | s_i] = (s+1)/3 by the law of iterated expectations.
      EXPECT_EQ(mean, q(s + 1, 3));
    }
  }
}

TEST(AlliancePosterior, CountsOutOfRangeAreBugs) {
  EXPECT_THROW(posterior_mean<Rational>(5, 4), InternalError);
  EXPECT_THROW(others_count_probability<Rational>(4, 1, 4), InternalError);
  EXPECT_THROW(babbler_mean<Rational>(0, 2, 4), InternalError);
}

}  // namespace
}  // namespace mechlab::alliance
