#include "mechlab/alliance/theorem2.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "alliance/fixtures.hpp"
#include "support.hpp"

namespace mechlab::alliance {
namespace {

using mechlab::test::q;
using test::necessity_counterexample;
using test::section51;

TEST(AllianceTheorem2, NecessityCounterexampleFailsThePaperTest) {
  // Spec §4.4: c = (−1/60 ×5, 17/60) and 17/60 > 1/4 = 2/(n+2).
  const auto test = theorem2_test(necessity_counterexample());
  EXPECT_TRUE(test.paper_bounds);
  EXPECT_EQ(test.effective_bias[0], q(-1, 60));
  EXPECT_EQ(test.effective_bias[5], q(17, 60));
  EXPECT_EQ(test.threshold, q(1, 4));
  EXPECT_EQ(test.lowest, 0U);
  EXPECT_EQ(test.highest, 5U);
  EXPECT_EQ(test.slack_low, q(7, 30));
  EXPECT_EQ(test.slack_high, q(-1, 30));
  EXPECT_EQ(test.pivotal_low_action, q(7, 30));    // x̄_1(1) >= 0 holds
  EXPECT_EQ(test.pivotal_high_action, q(31, 30));  // x̄_6(5) <= 1 fails
  EXPECT_FALSE(test.holds);
  // Eq. (5): b_d D/(1−η) = (1/50)(9/2)/(3/10) = 3/10 <= 4/8.
  EXPECT_EQ(test.eq5_lhs, q(3, 10));
  EXPECT_EQ(test.eq5_rhs, q(1, 2));
  EXPECT_TRUE(test.eq5_holds);
  EXPECT_TRUE(test.capped_at_zero.empty());
  EXPECT_EQ(test.capped_at_one, (std::vector<std::size_t>{5}));  // 17/60 > 1/8
  EXPECT_TRUE(test.necessity_doubtful);                          // (n−1)η = 7/2 > 3
}

TEST(AllianceTheorem2, SectionFiveOneBiasesPass) {
  for (const Rational& eta : {q(1, 2), q(1, 4), q(1, 10)}) {
    const auto test = theorem2_test(section51(eta));
    EXPECT_TRUE(test.holds);
    EXPECT_TRUE(test.eq5_holds);
    EXPECT_FALSE(test.necessity_doubtful);
  }
  const auto test = theorem2_test(section51(q(1, 2)));
  EXPECT_EQ(test.slack_low, q(1, 3) - q(1, 20));
  EXPECT_EQ(test.slack_high, q(1, 3) - q(1, 5));
  EXPECT_EQ(test.one_type, (std::vector<bool>{false, true, true, true}));
}

TEST(AllianceTheorem2, SectionFourOneCompositionIsTightOnBothSides) {
  // Spec §4.1: n = 6, η = 2/5 on [0, 1/10] needs Avg(b) = 1/16 exactly, e.g.
  // b = (0, x, x, x, x, 1/10) with x = 11/160: c_1 = −1/4, c_6 = 1/4.
  const Rational x = q(11, 160);
  const auto test = theorem2_test(paper_alliance<Rational>(q(2, 5), {q(0), x, x, x, x, q(1, 10)}));
  EXPECT_EQ(test.slack_low, 0);
  EXPECT_EQ(test.slack_high, 0);
  EXPECT_TRUE(test.holds);
  // Prop. 1 is tight here: (n+2)(1+(n−1)η) = 24 = 4(1−η)/b_d, i.e. eq. (5) with equality.
  EXPECT_EQ(test.eq5_lhs, test.eq5_rhs);
}

TEST(AllianceTheorem2, EquationFiveIsOnlyNecessary) {
  // Spec §0.2 item 2: n = 2, b = (3/5, 3/5 + ε) satisfies eq. (5), violates (4).
  auto test = theorem2_test(paper_alliance<Rational>(q(1, 2), {q(3, 5), q(61, 100)}));
  EXPECT_TRUE(test.eq5_holds);
  EXPECT_FALSE(test.holds);
  // §3.7: biases in [0.3, 0.4], η = 2/5: eq. (5) allows n = 3, Theorem 2 does not.
  test = theorem2_test(paper_alliance<Rational>(q(2, 5), {q(3, 10), q(7, 20), q(2, 5)}));
  EXPECT_TRUE(test.eq5_holds);
  EXPECT_FALSE(test.holds);
  EXPECT_GT(test.slack_low, 0);
  EXPECT_LT(test.slack_high, 0);
}

TEST(AllianceTheorem2, FootnoteSeventeenCaps) {
  // η = 1/2, b = (0, 3/10, 0): c = (−3/10, 9/10, −3/10); 1/(n+2) = 1/5.
  const auto test = theorem2_test(paper_alliance<Rational>(q(1, 2), {q(0), q(3, 10), q(0)}));
  EXPECT_EQ(test.effective_bias, (std::vector<Rational>{q(-3, 10), q(9, 10), q(-3, 10)}));
  EXPECT_EQ(test.capped_at_zero, (std::vector<std::size_t>{0, 2}));
  EXPECT_EQ(test.capped_at_one, (std::vector<std::size_t>{1}));
  EXPECT_EQ(test.lowest, 0U);  // first of the tied lowest biases
  EXPECT_EQ(test.highest, 1U);
}

}  // namespace
}  // namespace mechlab::alliance
