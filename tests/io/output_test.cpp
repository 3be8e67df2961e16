#include "mechlab/io/output.hpp"

#include <gtest/gtest.h>

namespace mechlab::io {
namespace {

TEST(Output, NumberJsonIsExactForRational) {
  const Rational third(1, 3);
  const nlohmann::json j = number_json(third);
  EXPECT_EQ(j.at("exact"), "1/3");
  EXPECT_DOUBLE_EQ(j.at("decimal").get<double>(), 1.0 / 3);
  EXPECT_EQ(number_json(Rational(4)).at("exact"), "4");
}

// The "decimal" companion of an exact value is the nearest double: 1/10 must
// print as 0.1, not 0.09999999999999999.
TEST(Output, NumberJsonDecimalIsTheNearestDouble) {
  EXPECT_EQ(number_json(Rational(1, 10)).at("decimal").get<double>(), 0.1);
  EXPECT_EQ(number_json(Rational(1, 10)).at("decimal").dump(), "0.1");
}

TEST(Output, NumberJsonIsDecimalOnlyForDouble) {
  const nlohmann::json j = number_json(0.25);
  EXPECT_FALSE(j.contains("exact"));
  EXPECT_EQ(j.at("decimal").get<double>(), 0.25);
}

TEST(Output, NumberText) {
  Rational r(-6, 8);
  r.canonicalize();
  EXPECT_EQ(number_text(r), "-3/4");
  EXPECT_EQ(number_text(0.5), "0.5");
}

TEST(Output, TableAlignsColumnsAndTrimsTrailingBlanks) {
  Table t({"a", "bb"});
  EXPECT_TRUE(t.empty());
  t.add({"ccc", "d"});
  t.add({"é", ""});
  EXPECT_FALSE(t.empty());
  EXPECT_EQ(t.render(),
            "a    bb\n"
            "---  --\n"
            "ccc  d\n"
            "é\n");
}

}  // namespace
}  // namespace mechlab::io
