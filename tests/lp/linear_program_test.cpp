#include "mechlab/lp/linear_program.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "mechlab/core/error.hpp"
#include "mechlab/lp/instances.hpp"
#include "support.hpp"

namespace mechlab::lp {
namespace {

using test::q;

using Q = Rational;
using std::nullopt;

LinearProgram<Q> small() {
  LinearProgram<Q> lp;
  lp.objective_constant = q(1, 2);
  lp.add_column("x", q(0), q(1), q(3));
  lp.add_column("y", nullopt, nullopt, q(-1, 3));
  lp.add_row("r", {{0, q(2)}, {1, q(1, 4)}}, q(-1), q(1));
  lp.add_row("s", {{1, q(1)}}, nullopt, q(5));
  return lp;
}

TEST(LinearProgram, ObjectiveValueAndActivities) {
  const auto lp = small();
  const std::vector<Q> x{q(1, 2), q(6)};
  // 3/2 - 2 + 1/2 = 0.
  EXPECT_EQ(objective_value(lp, x), q(0));
  EXPECT_EQ(row_activities(lp, x), (std::vector<Q>{q(5, 2), q(6)}));
  EXPECT_EQ(lp.nonzeros(), 3u);
}

TEST(LinearProgram, ValidateAcceptsInstances) {
  EXPECT_NO_THROW(validate(small()));
  EXPECT_NO_THROW(validate(instances::chvatal()));
  EXPECT_NO_THROW(validate(instances::beale()));
  EXPECT_NO_THROW(validate(instances::klee_minty(5)));
  EXPECT_NO_THROW(validate(to_double(instances::random_bounded(5, 6, 3))));
}

TEST(LinearProgram, ValidateRejectsStructuralDefects) {
  {
    auto lp = small();
    lp.columns[1].name = "x";
    EXPECT_THROW(validate(lp), InternalError);
  }
  {
    auto lp = small();
    lp.columns[0].name = "";
    EXPECT_THROW(validate(lp), InternalError);
  }
  {
    auto lp = small();
    lp.rows[1].name = "r";
    EXPECT_THROW(validate(lp), InternalError);
  }
  {
    auto lp = small();
    lp.columns[0].lower = q(2);
    EXPECT_THROW(validate(lp), InternalError);
  }
  {
    auto lp = small();
    lp.rows[0].lower = q(3, 2);
    EXPECT_THROW(validate(lp), InternalError);
  }
  {
    auto lp = small();
    lp.rows[0].terms.push_back({2, q(1)});
    EXPECT_THROW(validate(lp), InternalError);
  }
  {
    auto lp = small();
    lp.rows[0].terms.push_back({0, q(1)});
    EXPECT_THROW(validate(lp), InternalError);
  }
}

TEST(LinearProgram, ValidateRejectsNonFiniteDoubles) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  {
    auto lp = to_double(small());
    lp.columns[0].objective = nan;
    EXPECT_THROW(validate(lp), InternalError);
  }
  {
    auto lp = to_double(small());
    lp.rows[0].terms[0].coefficient = inf;
    EXPECT_THROW(validate(lp), InternalError);
  }
  {
    auto lp = to_double(small());
    lp.rows[1].upper = inf;
    EXPECT_THROW(validate(lp), InternalError);
  }
}

TEST(LinearProgram, ToDoubleAndBackKeepsStructure) {
  const auto lp = small();
  const auto d = to_double(lp);
  EXPECT_EQ(d.objective_constant, 0.5);
  EXPECT_EQ(d.columns[1].objective, -1.0 / 3);
  EXPECT_FALSE(d.columns[1].lower.has_value());
  EXPECT_EQ(d.rows[0].terms[1].coefficient, 0.25);
  EXPECT_EQ(d.rows[0].lower, std::optional<double>(-1.0));
  const auto back = to_rational(d);
  // Dyadic numbers come back exactly, 1/3 as its nearest double.
  EXPECT_EQ(back.rows[0].terms[1].coefficient, q(1, 4));
  EXPECT_EQ(back.objective_constant, q(1, 2));
  EXPECT_EQ(back.columns[1].objective, rational_from_double(-1.0 / 3));
  EXPECT_NE(back.columns[1].objective, q(-1, 3));
  EXPECT_EQ(back.columns[0].upper, std::optional<Q>(q(1)));
  EXPECT_EQ(back.rows[1].lower, std::nullopt);
}

// The double programme is the nearest one: 1/10 becomes 0.1 (which lies above
// 1/10), as a solver reading "0.1" from a file would get.
TEST(LinearProgram, ToDoubleUsesNearestDoubles) {
  LinearProgram<Q> lp;
  lp.add_column("x", q(0), q(1, 5), q(1, 10));
  lp.add_row("r", {{0, q(1, 50)}}, nullopt, q(1, 10));
  const auto d = to_double(lp);
  EXPECT_EQ(d.columns[0].objective, 0.1);
  EXPECT_EQ(d.columns[0].upper, std::optional<double>(0.2));
  EXPECT_EQ(d.rows[0].terms[0].coefficient, 0.02);
  EXPECT_EQ(d.rows[0].upper, std::optional<double>(0.1));
}

}  // namespace
}  // namespace mechlab::lp
