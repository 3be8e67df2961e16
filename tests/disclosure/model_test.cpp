#include "mechlab/disclosure/model.hpp"

#include <gtest/gtest.h>

#include "support.hpp"

namespace mechlab::disclosure {
namespace {

using test::contains;
using test::input_error;
using test::q;

Team<Rational> two_by_three() {
  // T3 of the spec: F(a, b) = (1 + 2·1[a = b] + a)/24 on {0,1,2}².
  Team<Rational> team{{"A", "B"}, {{q(0), q(1), q(2)}, {q(0), q(1), q(2)}}, {}};
  for (long a = 0; a < 3; ++a) {
    for (long b = 0; b < 3; ++b) team.prior.push_back(q(1 + (a == b ? 2 : 0) + a, 24));
  }
  return team;
}

TEST(DisclosureModel, TheT3TeamValidates) {
  const auto team = two_by_three();
  EXPECT_NO_THROW(validate(team));
  const IndexSpace space = outcome_space(team);
  ASSERT_EQ(space.size(), 9U);
  EXPECT_EQ(space.coordinate(1).name, "B");
  EXPECT_EQ(space.coordinate(0).labels, (std::vector<std::string>{"0", "1", "2"}));
  // Member 0 slowest: cell 5 is (1, 2).
  EXPECT_EQ(space.digit(5, 0), 1U);
  EXPECT_EQ(space.digit(5, 1), 2U);
}

TEST(DisclosureModel, ValidateNamesTheOffendingPointer) {
  auto team = two_by_three();
  team.members = {"A"};
  EXPECT_EQ(input_error([&] { validate(team); }).pointer(), "/members");
  team = two_by_three();
  team.members[1] = "A";
  EXPECT_EQ(input_error([&] { validate(team); }).pointer(), "/members/1");
  team = two_by_three();
  team.values[1] = {q(0), q(2), q(1)};
  EXPECT_EQ(input_error([&] { validate(team); }).pointer(), "/outcomes/1/2");
  team = two_by_three();
  team.values[0] = {q(0)};
  EXPECT_EQ(input_error([&] { validate(team); }).pointer(), "/outcomes/0");
  team = two_by_three();
  team.prior.pop_back();
  EXPECT_EQ(input_error([&] { validate(team); }).pointer(), "/prior");
  team = two_by_three();
  team.prior[4] = q(0);
  team.prior[3] += q(3, 24);
  const auto e = input_error([&] { validate(team); });
  EXPECT_EQ(e.pointer(), "/prior/4");
  EXPECT_TRUE(contains(e.expected(), "full support"));
  team = two_by_three();
  team.prior[0] += q(1, 24);
  EXPECT_EQ(input_error([&] { validate(team); }).pointer(), "/prior");
}

TEST(DisclosureModel, DoublePriorsSumWithinTolerance) {
  Team<double> team{{"a", "b"}, {{0.0, 1.0}, {0.0, 1.0}}, {0.1, 0.2, 0.3, 0.4}};
  EXPECT_NO_THROW(validate(team));
  team.prior[0] = 0.2;
  EXPECT_EQ(input_error([&] { validate(team); }).pointer(), "/prior");
}

}  // namespace
}  // namespace mechlab::disclosure
