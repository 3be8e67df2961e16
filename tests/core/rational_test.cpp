#include "mechlab/core/rational.hpp"

#include <gtest/gtest.h>

#include "mechlab/core/error.hpp"

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
