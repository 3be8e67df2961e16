#include "mechlab/core/rational.hpp"

#include <gtest/gtest.h>

#include "mechlab/core/error.hpp"

#include <cmath>

namespace mechlab {
namespace {

TEST(Rational, ParsesDecimalsAndFractionsExactly) {
  EXPECT_EQ(parse_rational("3"), Rational(3));
  EXPECT_EQ(parse_rational("-0.25"), Rational(-1, 4));
  EXPECT_EQ(parse_rational("3/4"), Rational(3, 4));
  EXPECT_EQ(parse_rational("1e-3"), Rational(1, 1000));
  EXPECT_EQ(parse_rational("+2.5E+2"), Rational(250));
  EXPECT_EQ(parse_rational("6/8"), Rational(3, 4));
  EXPECT_EQ(parse_rational("-6/8"), Rational(-3, 4));
  EXPECT_EQ(parse_rational(".5"), Rational(1, 2));
  EXPECT_EQ(parse_rational("5."), Rational(5));
  EXPECT_EQ(parse_rational("0.1"), Rational(1, 10));
}

TEST(Rational, RejectsWhatIsNotANumber) {
  for (const char* bad : {"", " 3", "3 ", "1/0", "nan", "inf", "-inf", "1/-2", "1e", "e5", ".",
                          "1.2.3", "--1", "0x10", "1/2/3", "1e99999999", "3/4.0"}) {
    EXPECT_THROW(parse_rational(bad), InputError) << bad;
  }
}

TEST(Rational, PrintsCanonicalPOverQ) {
  EXPECT_EQ(to_string(parse_rational("6/8")), "3/4");
  EXPECT_EQ(to_string(parse_rational("-4/2")), "-2");
  EXPECT_EQ(to_string(Rational(7)), "7");
  EXPECT_EQ(to_string(parse_rational("1e-3")), "1/1000");
}

}  // namespace
}  // namespace mechlab

namespace mechlab {
namespace {

TEST(Rational, FromDoubleIsTheExactBinaryValue) {
  EXPECT_EQ(rational_from_double(0.5), Rational(1, 2));
  EXPECT_EQ(rational_from_double(-3.0), Rational(-3));
  // 0.1 is stored as 3602879701896397 / 2^55.
  Rational tenth(mpz_class("3602879701896397"), mpz_class("36028797018963968"));
  EXPECT_EQ(rational_from_double(0.1), tenth);
  EXPECT_NE(rational_from_double(0.1), Rational(1, 10));
  EXPECT_THROW(rational_from_double(std::nan("")), InputError);
  EXPECT_THROW(rational_from_double(HUGE_VAL), InputError);
}

TEST(Rational, ExponentLimitIsEnforced) {
  EXPECT_NO_THROW(parse_rational("1e4000"));
  EXPECT_NO_THROW(parse_rational("1e-4000"));
  EXPECT_THROW(parse_rational("1e4001"), InputError);
  EXPECT_THROW(parse_rational("1e-4001"), InputError);
  mpz_class big;
  mpz_ui_pow_ui(big.get_mpz_t(), 10, 40);
  EXPECT_EQ(parse_rational("1e40"), Rational(big));
  EXPECT_EQ(parse_rational("-12.5e-1"), Rational(-5, 4));
}

TEST(Rational, NearlyEqualIsExactForRationalAndRelativeForDouble) {
  EXPECT_TRUE(nearly_equal(Rational(1, 3), parse_rational("2/6")));
  EXPECT_FALSE(nearly_equal(Rational(1, 3), Rational(Rational(1, 3) + parse_rational("1e-21"))));
  EXPECT_TRUE(nearly_equal(1.0, 1.0 + 5e-13));
  EXPECT_FALSE(nearly_equal(1.0, 1.0 + 1e-11));
  // Relative to max(1, |a|, |b|).
  EXPECT_TRUE(nearly_equal(1e6, 1e6 + 1e-7));
  EXPECT_FALSE(nearly_equal(1e6, 1e6 + 1e-5));
}

TEST(Rational, SignOfUsesToleranceOnlyForDouble) {
  EXPECT_EQ(sign_of(parse_rational("-1e-21")), -1);
  EXPECT_EQ(sign_of(Rational(0)), 0);
  EXPECT_EQ(sign_of(1e-13), 0);
  EXPECT_EQ(sign_of(-1e-11), -1);
  EXPECT_EQ(sign_of(2.0), 1);
}

TEST(Rational, TraitsTextAndConversions) {
  EXPECT_EQ(NumberTraits<Rational>::to_text(parse_rational("-6/8")), "-3/4");
  EXPECT_EQ(NumberTraits<double>::to_text(0.25), "0.25");
  EXPECT_EQ(NumberTraits<Rational>::to_double(Rational(1, 4)), 0.25);
  EXPECT_EQ(NumberTraits<double>::from_rational(Rational(3, 8)), 0.375);
}

// Converting an exact value to double must give the nearest double (as strtod
// does for "0.1"): 1/10 lies between two doubles and is closer to the upper
// one, 0.1000000000000000055511151231257827.
TEST(Rational, ToDoubleRoundsToNearest) {
  EXPECT_EQ(NumberTraits<Rational>::to_double(Rational(1, 10)), 0.1);
  EXPECT_EQ(NumberTraits<double>::from_rational(Rational(1, 10)), 0.1);
  EXPECT_EQ(NumberTraits<Rational>::to_double(Rational(1, 5)), 0.2);
  EXPECT_EQ(NumberTraits<Rational>::to_double(Rational(1, 50)), 0.02);
  EXPECT_EQ(NumberTraits<Rational>::to_double(Rational(-1, 10)), -0.1);
  // Exactly representable values and round trips are unaffected either way.
  EXPECT_EQ(NumberTraits<Rational>::to_double(Rational(3, 8)), 0.375);
  for (const double d : {0.1, 0.2, 1.0 / 3, -2.5e-7, 1e300}) {
    EXPECT_EQ(NumberTraits<Rational>::to_double(rational_from_double(d)), d);
  }
}

}  // namespace
}  // namespace mechlab
