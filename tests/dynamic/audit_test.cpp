#include "mechlab/dynamic/audit.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <vector>

#include "mechlab/core/progress.hpp"
#include "mechlab/core/rng.hpp"
#include "mechlab/dynamic/efficient.hpp"
#include "mechlab/dynamic/instances.hpp"
#include "mechlab/dynamic/random_instance.hpp"
#include "reference_rules.hpp"
#include "support.hpp"

namespace mechlab::dynamic {
namespace {

using reference::btm_reference;
using reference::constant_rule;
using reference::gum_rule;
using reference::random_problem;
using test::q;

const CoalitionQuery kBlueRed = {{0, 1}, {}, false, false};
const CoalitionQuery kAgainstGreen = {{0, 1}, {2}, true, false};

TEST(DynamicAudit, Example51CoalitionOfBlueAndRed) {
  struct Case {
    std::size_t horizon;
    Rational btm_value, btm_gain, btm_green;
  };
  const std::vector<Case> cases = {{4, q(2695, 16), q(1895, 16), q(-425, 2)},
                                   {6, q(3495, 16), q(2695, 16), q(-525, 2)}};
  for (const auto& c : cases) {
    const auto problem = prepare(instances::example_5_1<Rational>(c.horizon));
    const auto e = solve_efficient(problem);
    const auto btm = btm_reference(problem, e);
    const auto pair = solve_coalition(problem, e, btm, kBlueRed);
    EXPECT_EQ(pair.truthful, q(50)) << "T=" << c.horizon;
    EXPECT_EQ(pair.value, c.btm_value) << "T=" << c.horizon;
    EXPECT_EQ(pair.gain, c.btm_gain) << "T=" << c.horizon;
    ASSERT_TRUE(pair.deviation.has_value());
    // The collusion starts in the first reporting round, at its most probable
    // node: both stay at 1/2 (probability 1/2 · 1/2).
    EXPECT_EQ(pair.deviation->t, 1U);
    EXPECT_EQ(pair.deviation->previous, problem.theta0);
    EXPECT_EQ(pair.deviation->truth,
              problem.states[1].encode(std::vector<std::size_t>{0, 1, 1, 0}));
    EXPECT_EQ(pair.deviation->probability, q(1, 4));
    EXPECT_GT(pair.deviation->probability, Rational(0));
    EXPECT_GT(pair.deviation->gain, Rational(0));
    EXPECT_NE(pair.deviation->truth, pair.deviation->report);
    // The strategy's lies: the witness among them, every one reached and
    // strictly profitable, in period order; later rounds lie too.
    ASSERT_EQ(pair.lies.size(), pair.lie_count);
    ASSERT_GT(pair.lie_count, 1U);
    EXPECT_EQ(pair.lies.front().t, 1U);
    EXPECT_GT(pair.lies.back().t, 1U);
    bool witness_listed = false;
    for (std::size_t k = 0; k < pair.lies.size(); ++k) {
      const auto& d = pair.lies[k];
      EXPECT_GT(d.probability, Rational(0));
      EXPECT_GT(d.gain, Rational(0));
      EXPECT_NE(d.truth, d.report);
      if (k > 0) EXPECT_GE(d.t, pair.lies[k - 1].t);
      witness_listed =
          witness_listed || (d.t == pair.deviation->t && d.truth == pair.deviation->truth &&
                             d.report == pair.deviation->report);
    }
    EXPECT_TRUE(witness_listed);

    const auto green = solve_coalition(problem, e, btm, kAgainstGreen);
    EXPECT_EQ(green.value, c.btm_green) << "T=" << c.horizon;
    EXPECT_EQ(green.truthful, q(-75, 2));
    ASSERT_TRUE(green.deviation.has_value());
    EXPECT_LT(green.deviation->gain, Rational(0));

    const auto gum = gum_rule(problem, e);
    const auto gum_pair = solve_coalition(problem, e, gum, kBlueRed);
    EXPECT_EQ(gum_pair.value, q(50));
    EXPECT_EQ(gum_pair.gain, q(0));
    EXPECT_FALSE(gum_pair.deviation.has_value());
    EXPECT_EQ(gum_pair.lie_count, 0U);
    EXPECT_EQ(solve_coalition(problem, e, gum, kAgainstGreen).value, q(-75, 2));
    CoalitionQuery helping = kAgainstGreen;
    helping.minimise = false;
    EXPECT_EQ(solve_coalition(problem, e, gum, helping).value, q(-75, 2));
  }
}

TEST(DynamicAudit, GumPropertyBatteryOnRandomInstances) {
  bool some_ex_post_gain = false;
  for (const std::uint64_t seed : {1U, 2U, 3U}) {
    const auto problem = random_problem(seed);
    const auto e = solve_efficient(problem);
    const auto rule = gum_rule(problem, e);
    const auto report = audit(problem, e, rule);
    EXPECT_EQ(report.guarantees, e.guarantees);
    EXPECT_EQ(report.truthful, e.guarantees) << "seed " << seed;
    EXPECT_TRUE(report.budget.ex_post);
    EXPECT_GT(report.budget.pairs, 16U);
    EXPECT_EQ(report.budget.ex_ante, Rational(0));
    ASSERT_EQ(report.bic.size(), 3U);
    ASSERT_EQ(report.coalitions.size(), 4U);  // {0,1}, {0,2}, {1,2}, {0,1,2}
    ASSERT_EQ(report.worst_case.size(), 3U);
    for (const auto& r : report.bic) {
      EXPECT_EQ(r.gain, Rational(0)) << "seed " << seed;
      EXPECT_FALSE(r.deviation.has_value());
    }
    for (const auto& r : report.coalitions) {
      EXPECT_EQ(r.gain, Rational(0)) << "seed " << seed << " |L| = " << r.query.members.size();
      EXPECT_FALSE(r.deviation.has_value());
    }
    // The grand coalition cannot beat the efficient welfare.
    EXPECT_EQ(report.coalitions.back().value, e.welfare);
    for (std::size_t i = 0; i < 3; ++i) {
      EXPECT_EQ(report.worst_case[i].value, e.guarantees[i]) << "seed " << seed << " agent " << i;
      CoalitionQuery helping = report.worst_case[i].query;
      helping.minimise = false;
      EXPECT_EQ(solve_coalition(problem, e, rule, helping).value, e.guarantees[i]);
    }
    // Seeing the others' current types cannot help the agent processed last
    // (§3.9 check 5, the "sees earlier-ordered agents" case).
    EXPECT_EQ(report.ex_post_ic[problem.order.back()].gain, Rational(0));
    for (const auto& r : report.ex_post_ic) {
      EXPECT_GE(r.gain, Rational(0));
      EXPECT_EQ(r.deviation.has_value(), r.gain > 0);
      some_ex_post_gain = some_ex_post_gain || r.gain > 0;
    }
    ASSERT_TRUE(report.ir_constants.has_value());
    // Outside options 0 and Σ C = W_0: c_i = −C^i + W_0 / 3.
    for (std::size_t i = 0; i < 3; ++i) {
      EXPECT_EQ((*report.ir_constants)[i], e.welfare / 3 - e.guarantees[i]);
    }
  }
  // GUM is not periodic ex post IC for agents processed before others (§4.10).
  EXPECT_TRUE(some_ex_post_gain);
}

TEST(DynamicAudit, BtmReferenceIsBayesianIcAndBalancedButPairsGain) {
  bool some_pair_gains = false;
  for (const std::uint64_t seed : {1U, 2U, 3U, 4U}) {
    const auto problem = random_problem(seed);
    const auto e = solve_efficient(problem);
    AuditOptions options;
    options.coalitions = {{0, 1}, {0, 2}, {1, 2}};
    const auto report = audit(problem, e, btm_reference(problem, e), options);
    EXPECT_TRUE(report.budget.ex_post) << "seed " << seed;
    EXPECT_EQ(report.budget.ex_ante, Rational(0));
    EXPECT_EQ(report.truthful, e.guarantees);
    for (const auto& r : report.bic) EXPECT_EQ(r.gain, Rational(0)) << "seed " << seed;
    for (const auto& r : report.coalitions) {
      EXPECT_GE(r.gain, Rational(0));
      EXPECT_EQ(r.deviation.has_value(), r.gain > 0);
      some_pair_gains = some_pair_gains || r.gain > 0;
    }
  }
  EXPECT_TRUE(some_pair_gains);
}

TEST(DynamicAudit, ConstantPaymentsFailBudgetBalance) {
  const auto problem = prepare(instances::example_5_1<Rational>(4));
  const auto e = solve_efficient(problem);
  AuditOptions options;
  options.outside_options = {q(30), q(0), q(0)};
  const auto report = audit(problem, e, constant_rule<Rational>(3), options);
  EXPECT_FALSE(report.budget.ex_post);
  EXPECT_EQ(report.budget.worst, q(6));
  ASSERT_TRUE(report.budget.t.has_value());
  EXPECT_EQ(*report.budget.t, 1U);  // the first pair checked; every pair is as bad
  EXPECT_EQ(*report.budget.previous, problem.theta0);
  EXPECT_EQ(report.budget.ex_ante, q(24));
  // Pairs: 1·9 at t = 1, 9·9 at t = 2 and 3, 9·4 at t = 4.
  EXPECT_EQ(report.budget.pairs, 9U + 81U + 81U + 36U);
  EXPECT_EQ(report.truthful, (std::vector<Rational>{q(29), q(33), q(-51, 2)}));
  EXPECT_EQ(report.variance_total, q(0));
  // Payments ignore reports, so only the decision is left to manipulate: b
  // (or r) with type 0 at T reports 1 and gets YES (5 instead of 0) when the
  // other is 1, w.p. 1/2 · 1/2. Green has one type.
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(report.bic[i].gain, q(5, 4));
    ASSERT_TRUE(report.bic[i].deviation.has_value());
    EXPECT_EQ(report.bic[i].deviation->t, 4U);
    EXPECT_EQ(report.bic[i].deviation->gain, q(5));
  }
  EXPECT_EQ(report.bic[2].gain, q(0));
  // Σ truthful = 73/2 >= 30: c = ō − truthful + (73/2 − 30)/3.
  ASSERT_TRUE(report.ir_constants.has_value());
  EXPECT_EQ(*report.ir_constants,
            (std::vector<Rational>{q(30 - 29) + q(13, 6), q(-33) + q(13, 6), q(51, 2) + q(13, 6)}));
  options.outside_options = {q(40), q(0), q(0)};
  EXPECT_FALSE(audit(problem, e, constant_rule<Rational>(3), options).ir_constants.has_value());
}

TEST(DynamicAudit, RefusesBeyondMaxStates) {
  const auto problem = prepare(instances::example_5_1<Rational>(4));
  const auto e = solve_efficient(problem);
  // {b, r}: |Θ_t| · |Θ_t^{b,r}| = 1·1 + 3·(9·9) + 4·4 = 260 states.
  const auto err =
      test::input_error([&] { solve_coalition(problem, e, gum_rule(problem, e), kBlueRed, 259); });
  EXPECT_EQ(err.pointer(), "/periods");
  EXPECT_TRUE(test::contains(err.found(), "260")) << err.found();
  EXPECT_TRUE(test::contains(err.expected(), "259")) << err.expected();
  EXPECT_NO_THROW(solve_coalition(problem, e, gum_rule(problem, e), kBlueRed, 260));
  AuditOptions options;
  options.max_states = 10;
  EXPECT_EQ(test::input_error([&] { audit(problem, e, gum_rule(problem, e), options); }).pointer(),
            "/periods");
}

TEST(DynamicAudit, RejectsBadCoalitionsAndStopsOnTimeLimit) {
  const auto problem = prepare(instances::example_5_1<Rational>(4));
  const auto e = solve_efficient(problem);
  const auto rule = gum_rule(problem, e);
  EXPECT_EQ(test::input_error([&] {
              solve_coalition(problem, e, rule, {{0, 0}});
            }).pointer(),
            "/coalition/members/1");
  EXPECT_EQ(test::input_error([&] { solve_coalition(problem, e, rule, {{}}); }).pointer(),
            "/coalition/members");
  EXPECT_EQ(test::input_error([&] {
              solve_coalition(problem, e, rule, {{0}, {5}});
            }).pointer(),
            "/coalition/objective/0");
  AuditOptions options;
  options.coalitions = {{0, 1}, {1, 3}};
  EXPECT_EQ(test::input_error([&] { audit(problem, e, rule, options); }).pointer(),
            "/coalitions/1");
  Progress progress(Progress::Options{0.0, false});
  EXPECT_THROW(solve_coalition(problem, e, rule, kBlueRed, 1000000, &progress), TimeLimitExceeded);
}

TEST(DynamicAudit, DoubleModeAgreesWithExact) {
  Rng rng_a(7);
  Rng rng_b(7);
  const auto exact_problem = prepare(instances::random_environment<Rational>(rng_a, {}));
  const auto float_problem = prepare(instances::random_environment<double>(rng_b, {}));
  const auto exact = solve_efficient(exact_problem);
  const auto approx = solve_efficient(float_problem);
  AuditOptions options;
  options.coalitions = {{0, 1}, {1, 2}};
  const auto a = audit(exact_problem, exact, btm_reference(exact_problem, exact), options);
  const auto b = audit(float_problem, approx, btm_reference(float_problem, approx), options);
  EXPECT_EQ(a.budget.ex_post, b.budget.ex_post);
  EXPECT_EQ(a.budget.pairs, b.budget.pairs);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_NEAR(to_double(a.truthful[i]), b.truthful[i], 1e-9);
    EXPECT_NEAR(to_double(a.bic[i].value), b.bic[i].value, 1e-9);
    EXPECT_NEAR(to_double(a.ex_post_ic[i].value), b.ex_post_ic[i].value, 1e-9);
    EXPECT_NEAR(to_double(a.worst_case[i].value), b.worst_case[i].value, 1e-9);
  }
  for (std::size_t m = 0; m < 2; ++m) {
    EXPECT_NEAR(to_double(a.coalitions[m].value), b.coalitions[m].value, 1e-9);
    EXPECT_EQ(a.coalitions[m].deviation.has_value(), b.coalitions[m].deviation.has_value());
  }
  EXPECT_NEAR(to_double(a.variance_total), b.variance_total, 1e-9);
}

}  // namespace
}  // namespace mechlab::dynamic
