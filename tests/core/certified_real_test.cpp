#include "mechlab/core/certified_real.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "mechlab/core/error.hpp"
#include "support.hpp"

namespace mechlab {
namespace {

using test::q;

TEST(CertifiedReal, SquareRootsOfSquaresAreRational) {
  const CertifiedReal r = CertifiedReal::sqrt(q(9, 4));
  ASSERT_TRUE(r.rational().has_value());
  EXPECT_EQ(*r.rational(), q(3, 2));
  EXPECT_EQ(r.exact_text(), "3/2");
}

TEST(CertifiedReal, SurdsStayExactThroughProductsAndQuotients) {
  // √(1393/25600) = √1393/160, then ×(1/2)/(1/4) = √1393/80.
  const CertifiedReal s = CertifiedReal::sqrt(q(1393, 25600));
  EXPECT_EQ(s.exact_text(), "1/160*sqrt(1393)");
  const CertifiedReal t = s * CertifiedReal(q(1, 2)) / CertifiedReal(q(1, 4));
  EXPECT_EQ(t.exact_text(), "1/80*sqrt(1393)");
  EXPECT_NEAR(t.to_double(), std::sqrt(1393.0) / 80, 1e-15);
  // √8 = 2√2 and √2·√8 = 4.
  EXPECT_EQ(CertifiedReal::sqrt(q(8)).exact_text(), "2*sqrt(2)");
  EXPECT_EQ(*(CertifiedReal::sqrt(q(2)) * CertifiedReal::sqrt(q(8))).rational(), q(4));
  // 1 / √2 = √2 / 2.
  EXPECT_EQ((CertifiedReal(q(1)) / CertifiedReal::sqrt(q(2))).exact_text(), "1/2*sqrt(2)");
}

TEST(CertifiedReal, LikeSurdsAddExactlyUnlikeOnesKeepACertifiedInterval) {
  const CertifiedReal a = CertifiedReal::sqrt(q(2)) + CertifiedReal::sqrt(q(8));
  EXPECT_EQ(a.exact_text(), "3*sqrt(2)");
  EXPECT_EQ(*(CertifiedReal::sqrt(q(2)) - CertifiedReal::sqrt(q(2))).rational(), q(0));
  const CertifiedReal b = CertifiedReal::sqrt(q(2)) + CertifiedReal::sqrt(q(3));
  EXPECT_FALSE(b.exact());
  EXPECT_EQ(b.exact_text(), "");
  const double v = std::sqrt(2.0) + std::sqrt(3.0);
  EXPECT_LE(to_double(b.lower()), v);
  EXPECT_GE(to_double(b.upper()), v);
  EXPECT_LT(to_double(b.upper() - b.lower()), 1e-50);
}

TEST(CertifiedReal, ComparisonsAreExactOrCertified) {
  // √2 < 3/2 < √3, decided exactly.
  EXPECT_EQ(compare(CertifiedReal::sqrt(q(2)), CertifiedReal(q(3, 2))), -1);
  EXPECT_EQ(compare(CertifiedReal::sqrt(q(3)), CertifiedReal(q(3, 2))), 1);
  EXPECT_EQ(compare(-CertifiedReal::sqrt(q(3)), -CertifiedReal::sqrt(q(2))), -1);
  EXPECT_EQ(compare(CertifiedReal::sqrt(q(8)), CertifiedReal(q(2)) * CertifiedReal::sqrt(q(2))), 0);
  // √2 + √3 against √(5 + 2√6) = the same number: not decidable, not guessed.
  const CertifiedReal a = CertifiedReal::sqrt(q(2)) + CertifiedReal::sqrt(q(3));
  EXPECT_FALSE(compare(a, a).has_value());
  // Disjoint intervals decide: √2 + √3 > 3.14.
  EXPECT_EQ(compare(a, CertifiedReal(q(314, 100))), 1);
  EXPECT_EQ((a - CertifiedReal(q(314, 100))).sign(), 1);
}

TEST(CertifiedReal, RejectsNegativeRootsAndDivisionByZero) {
  EXPECT_THROW(CertifiedReal::sqrt(q(-1)), InternalError);
  EXPECT_THROW(CertifiedReal(q(1)) / CertifiedReal(q(0)), InternalError);
  const CertifiedReal around_zero = CertifiedReal::sqrt(q(2)) + CertifiedReal::sqrt(q(3)) -
                                    CertifiedReal::sqrt(q(2)) - CertifiedReal::sqrt(q(3));
  EXPECT_THROW(CertifiedReal(q(1)) / around_zero, InternalError);
}

TEST(CertifiedReal, DoubleModeUsesPlainSquareRoots) {
  EXPECT_DOUBLE_EQ(real_sqrt(2.0), std::sqrt(2.0));
  EXPECT_EQ(real_sqrt(q(1, 4)).exact_text(), "1/2");
}

}  // namespace
}  // namespace mechlab
