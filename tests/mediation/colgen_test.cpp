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

TEST(MediationColgen, RefusesThePaperMasterForLargeK) {
  Instance<Rational> inst = testing::lottery_instance(hms_lottery<Rational>(7, q("1/10"), q("1/4")),
                                                      std::vector<Rational>(7, Rational(1, 7)));
  ColumnGenerationOptions opt;
  opt.master = MasterMode::paper;
  try {
    generate_columns(inst, opt);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.pointer(), "/types");
  }
}

// K = 7 (beyond the reduced form): the default master is the ex-post LP. With
// a lottery game the K² unit shapes already span every mechanism, so the first
// master is (P_min) itself: nothing prices out, the dual bound equals the value
// and both equal the lottery LP's optimum.
TEST(MediationColgen, ExPostMasterBeyondTheReducedForm) {
  Instance<Rational> inst = testing::lottery_instance(hms_lottery<Rational>(7, q("1/10"), q("1/4")),
                                                      std::vector<Rational>(7, Rational(1, 7)));
  ColumnGenerationOptions opt;
  opt.grid = 2;
  opt.starts = 2;
  const auto res = generate_columns(inst, opt);
  ASSERT_TRUE(res.converged) << res.certificate;
  EXPECT_EQ(res.mode, DesignMode::ex_post);
  EXPECT_EQ(res.initial_columns, 50U);  // 49 unit shapes + all ones
  EXPECT_EQ(res.rounds.size(), 1U);
  EXPECT_GE(res.rounds[0].best_price, 0);
  const auto lp = solve_lottery(inst);
  ASSERT_TRUE(lp.mechanism && res.master.mechanism);
  EXPECT_TRUE(res.master.solution.certified);
  EXPECT_EQ(res.master.mechanism->probability, lp.mechanism->probability);
  ASSERT_TRUE(res.lower_bound);
  EXPECT_EQ(*res.lower_bound, lp.mechanism->probability);
  EXPECT_NE(res.certificate.find("ex-post master"), std::string::npos) << res.certificate;
}

// Item 1 of issue 8: the ex-post master priced by its own row duals reaches
// the same optima as the paper-mode master priced by L̂ (Prop. 2): vector D
// from the full-escalation shape on the 1/6 grid, vector G from the 511 0/1
// shapes on the 1/10 grid.
TEST(MediationColgen, ExPostPricingAgreesOnVectorD) {
  ColumnGenerationOptions opt;
  opt.grid = 6;
  opt.master = MasterMode::ex_post;
  const ShapeList<Rational> ones{{"ones", {qs({"1", "1"}), qs({"1", "1"})}}};
  const auto res = generate_columns_from(testing::vector_d(), ones, opt);
  ASSERT_TRUE(res.converged) << res.certificate;
  EXPECT_EQ(res.mode, DesignMode::ex_post);
  EXPECT_TRUE(res.master.solution.certified);
  EXPECT_EQ(res.master.mechanism->probability, q("89284390/487875133"));
  EXPECT_EQ(res.lp_solves, res.rounds.size());
  EXPECT_EQ(res.rounds.back().candidates, 1105U);
  EXPECT_EQ(res.rounds.back().target, 0);  // no L̂ ex post
  ASSERT_TRUE(res.lower_bound);
  EXPECT_EQ(*res.lower_bound, q("89284390/487875133"));
}

TEST(MediationColgen, ExPostPricingAgreesOnVectorG) {
  ColumnGenerationOptions opt;
  opt.grid = 10;
  opt.master = MasterMode::ex_post;
  const auto res = generate_columns(vector_g_exact(), opt);
  ASSERT_TRUE(res.converged) << res.certificate;
  EXPECT_TRUE(res.master.solution.certified);
  EXPECT_EQ(res.master.mechanism->probability, q("11825/61056"));
  EXPECT_GE(res.rounds.back().best_price, 0);
}

// Farley's bound from a master that is not yet optimal: in round 1 of vector D
// from the full-escalation shape min rc/R < 0, and value/(1 − min rc/R) bounds
// every mechanism over the dictionary and the grid. Here it is tight: the
// optimum is the one column of the best-priced candidate (full information),
// so round 1 already proves 89284390/487875133 while its master is above it.
TEST(MediationColgen, DualBoundBracketsTheOptimum) {
  for (const auto master : {MasterMode::paper, MasterMode::ex_post}) {
    ColumnGenerationOptions opt;
    opt.grid = 6;
    opt.master = master;
    const ShapeList<Rational> ones{{"ones", {qs({"1", "1"}), qs({"1", "1"})}}};
    const auto res = generate_columns_from(testing::vector_d(), ones, opt);
    ASSERT_GE(res.rounds.size(), 2U);
    const auto& first = res.rounds.front();
    ASSERT_LT(first.best_price, 0);
    EXPECT_EQ(first.bound, Rational(first.value / (1 - first.best_price)));
    EXPECT_EQ(first.bound, q("89284390/487875133"));
    EXPECT_GT(first.value, q("89284390/487875133"));
  }
}

// Item 2: pricing g with gᵀ as one pair. Vector D is symmetric; on the 1/6
// grid the 1105 shapes form 616 pairs ((1105 + 127 symmetric shapes)/2), and
// the optimum is unchanged in both masters.
TEST(MediationColgen, SymmetricPricingKeepsTheOptimum) {
  for (const auto master : {MasterMode::paper, MasterMode::ex_post}) {
    ColumnGenerationOptions opt;
    opt.grid = 6;
    opt.master = master;
    const ShapeList<Rational> ones{{"ones", {qs({"1", "1"}), qs({"1", "1"})}}};
    const auto plain = generate_columns_from(testing::vector_d(), ones, opt);
    opt.symmetric_pricing = true;
    const auto paired = generate_columns_from(testing::vector_d(), ones, opt);
    ASSERT_TRUE(paired.converged) << paired.certificate;
    EXPECT_TRUE(paired.mirrored_pairs);
    EXPECT_TRUE(paired.master.solution.certified);
    EXPECT_EQ(paired.master.mechanism->probability, q("89284390/487875133"));
    EXPECT_EQ(paired.master.mechanism->probability, plain.master.mechanism->probability);
    EXPECT_EQ(paired.rounds.back().candidates, 616U);
    EXPECT_LE(paired.rounds.size(), plain.rounds.size());
    EXPECT_NE(paired.certificate.find("616 mirrored pairs"), std::string::npos)
        << paired.certificate;
  }
}

// An instance marked asymmetric is priced shape by shape even when pairs are asked for.
TEST(MediationColgen, PairsNeedASymmetricInstance) {
  auto inst = testing::vector_d();
  inst.symmetric = false;
  ColumnGenerationOptions opt;
  opt.grid = 2;
  opt.symmetric_pricing = true;
  const auto res = generate_columns(inst, opt);
  EXPECT_FALSE(res.mirrored_pairs);
  EXPECT_EQ(res.master.mechanism->probability, q("89284390/487875133"));
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
