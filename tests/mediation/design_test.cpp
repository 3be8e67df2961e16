#include "mechlab/mediation/design.hpp"

#include <gtest/gtest.h>

#include "mechlab/core/error.hpp"
#include "mechlab/mediation/beliefs.hpp"
#include "mediation/fixtures.hpp"

namespace mechlab::mediation {
namespace {

using testing::q;
using testing::qs;

TEST(MediationDesign, VectorAOptimumIsCertified) {
  const auto inst = testing::vector_a();
  const auto res = solve_lottery(inst);
  ASSERT_EQ(res.solution.status, lp::SolveStatus::optimal);
  EXPECT_TRUE(res.solution.certified);
  ASSERT_TRUE(res.mechanism);
  EXPECT_EQ(res.mechanism->probability, q("41/176"));
  // Row names a reader of the paper recognises.
  EXPECT_EQ(res.lp.rows[res.index.ic[0][1][0]].name, "IC[1](2->1)");
  EXPECT_EQ(res.lp.rows[res.index.pc[0][0]].name, "PC[1](1)");
  EXPECT_EQ(res.lp.rows[res.index.feasibility[0][1]].name, "F(1,2)");
}

TEST(MediationDesign, VectorASymmetricRule) {
  const auto inst = testing::vector_a();
  const auto res = solve_lottery(inst);
  ASSERT_TRUE(res.mechanism);
  const auto sym = symmetrise_lottery(inst, *res.mechanism);
  EXPECT_EQ(sym.probability, q("41/176"));
  EXPECT_EQ(sym.gamma, (Matrix<Rational>{qs({"1", "5/11"}), qs({"5/11", "0"})}));
  EXPECT_EQ(sym.z[0], qs({"117/440", "93/220"}));
  EXPECT_EQ(sym.z[1], sym.z[0]);
  // RC binds: 2 (p·z) = 135/176 = 1 − Pr(𝒢).
  const Rational pz = inst.prior[0] * sym.z[0][0] + inst.prior[1] * sym.z[0][1];
  EXPECT_EQ(2 * pz, q("135/176"));
  EXPECT_EQ(2 * pz, 1 - sym.probability);
  // Π(1;1) = V(1) = 47/80; Π(2;2) = Π(1;2) = 387/880.
  EXPECT_EQ(sym.z[0][0] + sym.y[0][0][0], q("47/80"));
  EXPECT_EQ(sym.z[0][1] + sym.y[0][1][1], q("387/880"));
  EXPECT_EQ(sym.z[0][0] + sym.y[0][0][1], q("387/880"));
  // ρ_1 = (26/41, 15/41).
  EXPECT_EQ(beliefs_from_rule(sym.gamma, inst.prior).rho_marginal[0], qs({"26/41", "15/41"}));
  // Exactly PC of type 1 and IC (true 2 -> report 1) bind, for both players.
  EXPECT_EQ(binding_incentive_constraints(inst, sym),
            (std::vector<std::string>{"PC[1](1)", "IC[1](2->1)", "PC[2](1)", "IC[2](2->1)"}));
  // The symmetrised settlement masses are ex-post feasible: γ + s_1 + s_2 ≤ 1.
  for (std::size_t a = 0; a < 2; ++a) {
    for (std::size_t b = 0; b < 2; ++b) {
      EXPECT_LE(sym.gamma[a][b] + sym.settlement[0][a][b] + sym.settlement[1][a][b], 1);
      EXPECT_GE(sym.settlement[0][a][b], 0);
    }
  }
}

TEST(MediationDesign, VectorAReducedFormLpAgrees) {
  const auto res = solve_lottery(testing::vector_a(), DesignMode::paper_multipliers);
  ASSERT_EQ(res.solution.status, lp::SolveStatus::optimal);
  EXPECT_TRUE(res.solution.certified);
  EXPECT_EQ(res.mechanism->probability, q("41/176"));
  EXPECT_EQ(res.lp.rows.size(), 4U /*IC*/ + 4U /*PC*/ + 4U /*F*/ + 15U /*RC + 14 EP*/);
}

TEST(MediationDesign, VectorAInDoubles) {
  auto exact = testing::vector_a();
  Instance<double> inst;
  inst.prior = {0.25, 0.75};
  inst.game = std::make_shared<LotteryGame<double>>(hms_lottery<double>(2, 0.1, 0.25));
  inst.veto = {47.0 / 80, 27.0 / 80};
  const auto res = solve_lottery(inst);
  ASSERT_TRUE(res.mechanism);
  EXPECT_NEAR(res.mechanism->probability, 41.0 / 176, 1e-10);
  EXPECT_FALSE(res.solution.certified);
}

// Vectors B1–B3: the full LP (both formulations) gives 3/7, 23/50, 7/25.
TEST(MediationDesign, VectorsBFullLp) {
  const std::vector<std::pair<Instance<Rational>, Rational>> cases{
      {testing::vector_b1(), q("3/7")},
      {testing::vector_b2(), q("23/50")},
      {testing::vector_b3(), q("7/25")}};
  for (const auto& [inst, expected] : cases) {
    for (const auto mode : {DesignMode::ex_post, DesignMode::paper_multipliers}) {
      const auto res = solve_lottery(inst, mode);
      ASSERT_TRUE(res.mechanism);
      EXPECT_TRUE(res.solution.certified);
      EXPECT_EQ(res.mechanism->probability, expected);
      // Every IC and PC holds at the optimum, also after symmetrisation.
      const auto sym = symmetrise_lottery(inst, *res.mechanism);
      EXPECT_EQ(sym.probability, expected);
      for (const auto& s : incentive_slacks(inst, sym)) EXPECT_GE(s.value, 0) << s.name;
    }
  }
}

TEST(MediationDesign, VectorBThreePcOfTypeTwoBinds) {
  const auto inst = testing::vector_b3();
  const auto res = solve_lottery(inst);
  const auto sym = symmetrise_lottery(inst, *res.mechanism);
  const auto binding = binding_incentive_constraints(inst, sym);
  EXPECT_NE(std::find(binding.begin(), binding.end(), "PC[1](2)"), binding.end());
  EXPECT_NE(std::find(binding.begin(), binding.end(), "PC[1](1)"), binding.end());
}

// Vector D (LQ game): the one-column LP on the full-information shape gives
// the optimum 89284390/487875133 exactly, and the dictionary of all 15 0/1
// shapes (public signals allowed) cannot beat it.
TEST(MediationDesign, VectorDFullInformationColumn) {
  const auto inst = testing::vector_d();
  const Shape<Rational> swap{"swap", {qs({"0", "1"}), qs({"1", "0"})}};
  const auto one = solve_design(inst, {swap});
  ASSERT_TRUE(one.mechanism);
  EXPECT_TRUE(one.solution.certified);
  EXPECT_EQ(one.mechanism->probability, q("89284390/487875133"));
  std::vector<Shape<Rational>> dict;
  for (unsigned mask = 1; mask < 16; ++mask) {
    Matrix<Rational> g(2, std::vector<Rational>(2));
    for (unsigned cell = 0; cell < 4; ++cell) g[cell / 2][cell % 2] = (mask >> cell) & 1U;
    dict.push_back({"01[" + std::to_string(mask) + "]", g});
  }
  const auto all = solve_design(inst, dict);
  ASSERT_TRUE(all.mechanism);
  EXPECT_EQ(all.mechanism->probability, q("89284390/487875133"));
  const auto& g = all.mechanism->gamma;
  EXPECT_EQ(g[0][0], 0);
  EXPECT_EQ(g[1][1], 0);
  EXPECT_NEAR(to_double(g[0][1] + g[1][0]), 1.1437915, 1e-7);
}

TEST(MediationDesign, DegeneracyIsFlagged) {
  // Vector A has several optimal rules (the LP's vertex vs the symmetric
  // one), so the optimal basis has a non-basic variable at zero cost.
  const auto res = solve_lottery(testing::vector_a());
  EXPECT_TRUE(res.degeneracy.optimum_may_differ());
}

}  // namespace
}  // namespace mechlab::mediation

namespace mechlab::mediation {
namespace {

TEST(MediationDesign, VectorDInDoubles) {
  Instance<double> inst;
  inst.prior = {0.2, 0.8};
  auto game = std::make_shared<LQConflictGame<double>>(std::vector<double>{0.25, 0.025});
  inst.veto_belief = std::vector<double>{0.0, 1.0};
  inst.veto = veto_from_game<double>(*game, inst.prior, *inst.veto_belief);
  inst.game = game;
  EXPECT_NEAR(inst.veto[0], 0.5535785, 1e-7);
  EXPECT_NEAR(inst.veto[1], 0.3848140, 1e-7);
  const auto res = solve_design(inst, with_mirrors<double>({{"one-sided", {{0.0, 1.0}, {0.0, 0.0}}},
                                                            {"swap", {{0.0, 1.0}, {1.0, 0.0}}}}));
  ASSERT_TRUE(res.mechanism);
  EXPECT_NEAR(res.mechanism->probability, 0.1830066424, 1e-9);
}

}  // namespace
}  // namespace mechlab::mediation

namespace mechlab::mediation {
namespace {

Matrix<Rational> zero_one(unsigned mask) {
  Matrix<Rational> g(2, std::vector<Rational>(2));
  for (unsigned cell = 0; cell < 4; ++cell) g[cell / 2][cell % 2] = (mask >> cell) & 1U;
  return g;
}

// The generic pricing R(g) − πᵀa(g) from the design's own row duals equals
// the LP's reduced cost on every column of the design, in both formulations
// (vector D over its 15 0/1 shapes, exact).
TEST(MediationDesign, ShapeReducedCostIsTheLpReducedCost) {
  const auto inst = testing::vector_d();
  ShapeList<Rational> dict;
  for (unsigned mask = 1; mask < 16; ++mask) dict.push_back({std::to_string(mask), zero_one(mask)});
  for (const auto mode : {DesignMode::ex_post, DesignMode::paper_multipliers}) {
    const auto d = solve_design(inst, dict, mode);
    ASSERT_TRUE(d.mechanism);
    std::size_t positive = 0;
    for (std::size_t c = 0; c < d.columns.size(); ++c) {
      const Rational rc = shape_reduced_cost(d, inst.prior, d.columns[c]);
      EXPECT_EQ(rc, d.solution.reduced_costs[d.index.alpha[c]]) << d.columns[c].shape.name;
      EXPECT_GE(rc, 0);
      if (rc > 0) ++positive;
    }
    EXPECT_GT(positive, 0U);  // not trivially zero
  }
}

// The mirror column (players swapped) is exactly the column of gᵀ: vector D
// is symmetric (S), so one equilibrium gives both.
TEST(MediationDesign, MirrorColumnIsTheTransposedShape) {
  const auto inst = testing::vector_d();
  const Matrix<Rational> g{qs({"1", "1/3"}), qs({"1/2", "0"})};
  const Matrix<Rational> gt{qs({"1", "1/2"}), qs({"1/3", "0"})};
  const auto mirror = mirror_column(make_column(inst, Shape<Rational>{"g", g}));
  const auto direct = make_column(inst, Shape<Rational>{"g^T", gt});
  EXPECT_EQ(mirror.shape.name, "g^T");
  EXPECT_EQ(mirror.shape.g, gt);
  EXPECT_EQ(mirror.payoff, direct.payoff);
  EXPECT_EQ(mirror.induced.marginal, direct.induced.marginal);
  EXPECT_EQ(mirror.induced.beliefs.beta, direct.induced.beliefs.beta);
  EXPECT_EQ(mirror.induced.rho, direct.induced.rho);
  EXPECT_EQ(mirror.induced.rho_marginal, direct.induced.rho_marginal);
  EXPECT_EQ(mirror.induced.probability, direct.induced.probability);
  EXPECT_NE(mirror.payoff, make_column(inst, Shape<Rational>{"g", g}).payoff);
}

TEST(MediationDesign, ShapeReducedCostNeedsAnOptimalDesign) {
  const auto inst = testing::vector_d();
  DesignResult<Rational> unsolved;
  const auto column = make_column(inst, Shape<Rational>{"ones", zero_one(15)});
  EXPECT_THROW((void)shape_reduced_cost(unsolved, inst.prior, column), InputError);
}

}  // namespace
}  // namespace mechlab::mediation

namespace mechlab::mediation {
namespace {

// The lottery fast path builds its K² unit-shape columns from K + 1 payoff
// tables; they equal make_column's exactly (vector B1, K = 3; HMS K = 4).
TEST(MediationDesign, LotteryUnitColumnsEqualMakeColumn) {
  for (const auto& inst :
       {testing::vector_b1(),
        testing::lottery_instance(hms_lottery<Rational>(4, testing::q("1/10"), testing::q("1/4")),
                                  testing::qs({"1/10", "2/10", "3/10", "4/10"}))}) {
    const auto fast = lottery_unit_columns(inst);
    const auto shapes = unit_shapes<Rational>(inst.types());
    ASSERT_EQ(fast.size(), shapes.size());
    for (std::size_t c = 0; c < shapes.size(); ++c) {
      const auto slow = make_column(inst, shapes[c]);
      EXPECT_EQ(fast[c].shape.name, slow.shape.name);
      EXPECT_EQ(fast[c].payoff, slow.payoff) << slow.shape.name;
      EXPECT_EQ(fast[c].induced.beliefs.beta, slow.induced.beliefs.beta);
      EXPECT_EQ(fast[c].induced.probability, slow.induced.probability);
    }
  }
  EXPECT_THROW((void)lottery_unit_columns(testing::vector_d()), InputError);
}

}  // namespace
}  // namespace mechlab::mediation

namespace mechlab::mediation {
namespace {

// The symmetric lottery LP (γ = γᵀ, s_2 = s_1ᵀ, player 1's rows) has the full
// LP's optimum exactly: vector A (41/176, γ = (1, 5/11; 5/11, 0)), B1 (3/7),
// B3 (7/25), and a BW lottery with K = 8 (13/20); its size is K(K+1)/2 + K²
// columns by K² + K(K+1)/2 rows, and its mechanism keeps every IC/PC.
TEST(MediationDesign, SymmetricLotteryLpHasTheFullOptimum) {
  const std::vector<std::pair<Instance<Rational>, const char*>> cases{
      {testing::vector_a(), "41/176"},
      {testing::vector_b1(), "3/7"},
      {testing::vector_b3(), "7/25"},
      {testing::lottery_instance(bw_linear_lottery<Rational>(8, q("4/5"), Rational(1)),
                                 std::vector<Rational>(8, Rational(1, 8))),
       "13/20"}};
  for (const auto& [inst, value] : cases) {
    const std::size_t k = inst.types();
    const auto sym = solve_symmetric_lottery(inst);
    ASSERT_TRUE(sym.mechanism);
    EXPECT_TRUE(sym.solution.certified);
    EXPECT_EQ(sym.mechanism->probability, q(value));
    EXPECT_EQ(sym.mechanism->probability, solve_lottery(inst).mechanism->probability);
    EXPECT_EQ(sym.lp.columns.size(), k * (k + 1) / 2 + k * k);
    EXPECT_EQ(sym.lp.rows.size(), k * k + k * (k + 1) / 2);
    const auto& m = *sym.mechanism;
    for (std::size_t a = 0; a < k; ++a) {
      for (std::size_t b = 0; b < k; ++b) {
        EXPECT_EQ(m.gamma[a][b], m.gamma[b][a]);
        EXPECT_EQ(m.settlement[1][a][b], m.settlement[0][b][a]);
      }
    }
    for (const auto& slack : incentive_slacks(inst, m)) EXPECT_GE(slack.value, 0) << slack.name;
  }
  EXPECT_EQ(solve_symmetric_lottery(testing::vector_a()).mechanism->gamma,
            (Matrix<Rational>{qs({"1", "5/11"}), qs({"5/11", "0"})}));
}

// Its duals, halved on the aliased rows, are optimal duals of the full LP: the
// generic reduced cost of every unit shape is ≥ 0 and the unit shapes the
// optimum uses price at 0 (vector B1).
TEST(MediationDesign, SymmetricLotteryDualsPriceTheFullLp) {
  const auto inst = testing::vector_b1();
  const auto sym = solve_symmetric_lottery(inst);
  ASSERT_TRUE(sym.mechanism);
  const auto units = lottery_unit_columns(inst);
  for (std::size_t c = 0; c < units.size(); ++c) {
    const Rational rc = shape_reduced_cost(sym, inst.prior, units[c]);
    EXPECT_GE(rc, 0) << units[c].shape.name;
    const std::size_t a = c / 3;
    const std::size_t b = c % 3;
    if (sym.mechanism->gamma[a][b] > 0) EXPECT_EQ(rc, 0) << units[c].shape.name;
  }
  for (std::size_t c = 0; c < sym.columns.size(); ++c) {
    EXPECT_EQ(shape_reduced_cost(sym, inst.prior, sym.columns[c]),
              sym.solution.reduced_costs[sym.index.alpha[c]])
        << sym.columns[c].shape.name;
  }
}

}  // namespace
}  // namespace mechlab::mediation
