#include "mechlab/mediation/colgen.hpp"
#include "mechlab/mediation/instances.hpp"

#include <gtest/gtest.h>

#include "mechlab/core/error.hpp"
#include "mediation/fixtures.hpp"

namespace mechlab::mediation {
namespace {

using testing::q;
using testing::qs;

// Vector D from the full-escalation shape alone: pricing by L̂ on the grid of
// step 1/6 (1105 shapes with max entry 1) adds columns until none prices out;
// the master reaches Pr(𝒢) = 89284390/487875133 exactly.
TEST(MediationColgen, VectorDFromFullEscalation) {
  const auto inst = testing::vector_d();
  ColumnGenerationOptions opt;
  opt.grid = 6;
  const ShapeList<Rational> ones{{"ones", {qs({"1", "1"}), qs({"1", "1"})}}};
  const auto res = generate_columns_from(inst, ones, opt);
  ASSERT_TRUE(res.converged) << res.certificate;
  ASSERT_TRUE(res.master.mechanism);
  EXPECT_TRUE(res.master.solution.certified);
  EXPECT_EQ(res.master.mechanism->probability, q("89284390/487875133"));
  EXPECT_GE(res.rounds.size(), 2U);
  EXPECT_GT(res.columns, 1U);
  EXPECT_EQ(res.lp_solves, res.rounds.size());
  const auto& last = res.rounds.back();
  EXPECT_EQ(last.candidates, 1105U);
  EXPECT_EQ(last.added, 0U);
  EXPECT_GE(last.best_price, 0);
  EXPECT_EQ(last.best_lagrangian, last.target);  // the used shape reaches L̂* (Lemma 2)
  EXPECT_EQ(last.target, q("12058/7605"));
  EXPECT_NE(res.certificate.find("1105 shapes"), std::string::npos) << res.certificate;
}

// Vector D with the default initial dictionary (the 15 0/1 shapes): one
// round, nothing prices out on the grid of step 1/12.
// The options' Progress bounds the pricing: with no time left, the search
// stops with TimeLimitExceeded instead of running on.
TEST(MediationColgen, TimeLimitStopsThePricing) {
  Progress progress(Progress::Options{0.0, false});
  ColumnGenerationOptions options;
  options.progress = &progress;
  EXPECT_THROW((void)generate_columns(vector_d(), options), TimeLimitExceeded);
  EXPECT_THROW((void)best_single_shape(vector_d(), options), TimeLimitExceeded);
}

TEST(MediationColgen, VectorDDefaultDictionary) {
  const auto inst = testing::vector_d();
  ColumnGenerationOptions opt;
  opt.grid = 12;
  const auto res = generate_columns(inst, opt);
  ASSERT_TRUE(res.converged);
  EXPECT_EQ(res.initial_columns, 15U);
  EXPECT_EQ(res.master.mechanism->probability, q("89284390/487875133"));
  EXPECT_EQ(res.rounds.size(), 1U);
}

// Vector D without public signals (Prop. 3): the best single shape on the
// grid of step 1/2 is the full-information shape, with the same value.
TEST(MediationColgen, VectorDWithoutSignals) {
  const auto inst = testing::vector_d();
  ColumnGenerationOptions opt;
  opt.grid = 2;
  const auto res = best_single_shape(inst, opt);
  ASSERT_TRUE(res.found);
  EXPECT_EQ(res.value, q("89284390/487875133"));
  EXPECT_EQ(res.evaluated, 65U);
  EXPECT_LT(res.feasible, res.evaluated);
}

// Vector G (LQ, K = 3, κ = (1/4, 1/8, 0), p = (1/10, 3/10, 3/5), ρ^V = δ_3).
Instance<Rational> vector_g_exact() { return vector_g(); }

// With signals: the master over the 511 0/1 shapes is already optimal over
// the searched candidates (coordinate search on the 1/10 grid from 12 0/1 and
// 12 random starts); Pr(𝒢) = 11825/61056 ≈ 0.1936746593 exactly (spec: ≈
// 0.1936746593), certified.
TEST(MediationColgen, VectorGWithSignals) {
  const auto inst = vector_g_exact();
  EXPECT_EQ(inst.veto, qs({"145/256", "241/512", "3/8"}));
  ColumnGenerationOptions opt;
  opt.grid = 10;
  const auto res = generate_columns(inst, opt);
  ASSERT_TRUE(res.converged) << res.certificate;
  EXPECT_EQ(res.initial_columns, 511U);
  EXPECT_TRUE(res.master.solution.certified);
  EXPECT_EQ(res.master.mechanism->probability, q("11825/61056"));
  EXPECT_NEAR(to_double(res.master.mechanism->probability), 0.1936746593, 1e-10);
  EXPECT_GE(res.rounds.back().best_price, 0);
  EXPECT_GT(res.rounds.back().candidates, 1000U);
}

// Without signals (Prop. 3): the one-column search finds the shape
// [[9/10,1,1],[1,1,0],[1,3/10,0]] with Pr(𝒢) ≈ 0.3108078 (exact below), below
// the spec's best found 0.3120313 and above the with-signals optimum: public
// signals cut escalation by ~38%.
TEST(MediationColgen, VectorGWithoutSignals) {
  const auto inst = lq_instance<double>({0.1, 0.3, 0.6}, {0.25, 0.125, 0.0}, {0, 0, 1});
  ColumnGenerationOptions opt;
  opt.grid = 10;
  const auto res = best_single_shape(inst, opt);
  ASSERT_TRUE(res.found);
  EXPECT_NEAR(res.value, 0.3108078074, 1e-9);
  EXPECT_LT(res.feasible, res.evaluated);
  const Shape<Rational> best{"best",
                             {qs({"9/10", "1", "1"}), qs({"1", "1", "0"}), qs({"1", "3/10", "0"})}};
  const auto exact = solve_design(vector_g_exact(), {best});
  ASSERT_TRUE(exact.mechanism);
  EXPECT_TRUE(exact.solution.certified);
  EXPECT_NEAR(to_double(exact.mechanism->probability), 0.3108078074, 1e-9);
  EXPECT_LT(to_double(exact.mechanism->probability), 0.3120313);
  EXPECT_GT(exact.mechanism->probability, q("11825/61056"));
}

TEST(MediationColgen, RefusesLargeK) {
  Instance<Rational> inst = testing::lottery_instance(hms_lottery<Rational>(7, q("1/10"), q("1/4")),
                                                      std::vector<Rational>(7, Rational(1, 7)));
  try {
    generate_columns(inst);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.pointer(), "/types");
  }
}

TEST(MediationColgen, ZeroOneShapes) {
  EXPECT_EQ(zero_one_shapes<Rational>(2).size(), 15U);
  EXPECT_EQ(zero_one_shapes<Rational>(3).size(), 511U);
}

}  // namespace
}  // namespace mechlab::mediation

namespace mechlab::mediation {
namespace {

// Vector D with the spec's pricing grid (step 1/24: 58,849 shapes, exact):
// max L̂ = L̂* = 12058/7605 ≈ 1.58553583, so no improving column exists.
TEST(MediationColgen, VectorDSpecGrid) {
  const auto res = generate_columns(testing::vector_d());
  ASSERT_TRUE(res.converged);
  ASSERT_EQ(res.rounds.size(), 1U);
  EXPECT_EQ(res.rounds[0].candidates, 58849U);
  EXPECT_EQ(res.rounds[0].best_lagrangian, testing::q("12058/7605"));
  EXPECT_EQ(res.rounds[0].target, testing::q("12058/7605"));
  EXPECT_NEAR(to_double(res.rounds[0].target), 1.58553583, 1e-8);
}

}  // namespace
}  // namespace mechlab::mediation
