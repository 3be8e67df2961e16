// evaluate_basis: the exact check behind every certified optimum, on bases
// taken from a solve and on bases perturbed by hand.
#include "mechlab/lp/exact_basis.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "mechlab/core/error.hpp"
#include "mechlab/lp/certified_solve.hpp"
#include "mechlab/lp/instances.hpp"
#include "support.hpp"

namespace mechlab::lp {
namespace {

using test::contains;
using test::q;
using test::two_sevenths;

using Q = Rational;
using std::nullopt;
constexpr VarStatus B = VarStatus::basic;
constexpr VarStatus L = VarStatus::at_lower;
constexpr VarStatus U = VarStatus::at_upper;

// Chvatal's optimal basis: x1, x3 and row c2's slack basic; x2 at 0; c1, c3 tight.
Basis chvatal_optimal_basis() { return {{B, L, B}, {U, B, U}}; }

TEST(ExactBasis, SolvedBasisEvaluatesClean) {
  const auto lp = instances::chvatal();
  const auto r = solve(lp);
  ASSERT_TRUE(r.certified);
  const auto ev = evaluate_basis(lp, r.basis);
  EXPECT_TRUE(ev.solved);
  EXPECT_TRUE(ev.primal_feasible);
  EXPECT_TRUE(ev.dual_feasible);
  EXPECT_EQ(ev.defect, "");
  EXPECT_EQ(ev.x, (std::vector<Q>{q(2), q(0), q(1)}));
  EXPECT_EQ(ev.activity, (std::vector<Q>{q(5), q(10), q(8)}));
  // Minimisation form of max c'x, i.e. duals of min -c'x.
  EXPECT_EQ(ev.y, (std::vector<Q>{q(-1), q(0), q(-1)}));
  EXPECT_EQ(ev.reduced, (std::vector<Q>{q(0), q(3), q(0)}));
  EXPECT_EQ(ev.max_primal_violation, 0.0);
  EXPECT_EQ(ev.max_dual_violation, 0.0);
}

TEST(ExactBasis, ClpBasisForChvatalIsTheKnownOne) {
  const auto r = solve(instances::chvatal());
  EXPECT_EQ(r.basis.columns, chvatal_optimal_basis().columns);
  EXPECT_EQ(r.basis.rows, chvatal_optimal_basis().rows);
}

TEST(ExactBasis, SwappingBasicAndNonbasicColumnIsNotDualFeasible) {
  // x2 enters, x1 leaves: 3 x2 + x3 = 5, 4 x2 + 2 x3 = 8 gives x2 = 1, x3 = 2,
  // feasible (c2: 1 + 4 = 5 <= 11) with value 10 < 13, so not optimal.
  const auto lp = instances::chvatal();
  const auto ev = evaluate_basis(lp, Basis{{L, B, B}, {U, B, U}});
  EXPECT_TRUE(ev.solved);
  EXPECT_EQ(ev.x, (std::vector<Q>{q(0), q(1), q(2)}));
  EXPECT_TRUE(ev.primal_feasible);
  EXPECT_FALSE(ev.dual_feasible);
  EXPECT_TRUE(contains(ev.defect, "not dual feasible")) << ev.defect;
  EXPECT_GT(ev.max_dual_violation, 0.0);
}

TEST(ExactBasis, SwappingTightRowsIsNotPrimalFeasible) {
  // c2 and c3 tight instead of c1 and c3: 4 x1 + 2 x3 = 11, 3 x1 + 2 x3 = 8 gives
  // x1 = 3, x3 = -1/2 < 0.
  const auto lp = instances::chvatal();
  const auto ev = evaluate_basis(lp, Basis{{B, L, B}, {B, U, U}});
  EXPECT_TRUE(ev.solved);
  EXPECT_EQ(ev.x, (std::vector<Q>{q(3), q(0), q(-1, 2)}));
  EXPECT_FALSE(ev.primal_feasible);
  EXPECT_TRUE(contains(ev.defect, "not primal feasible")) << ev.defect;
  EXPECT_TRUE(contains(ev.defect, "x3")) << ev.defect;
  EXPECT_GT(ev.max_primal_violation, 0.0);
}

TEST(ExactBasis, FlippingABasicColumnToLowerBreaksTheCount) {
  const auto lp = instances::chvatal();
  auto basis = chvatal_optimal_basis();
  basis.columns[0] = L;
  const auto ev = evaluate_basis(lp, basis);
  EXPECT_FALSE(ev.solved);
  EXPECT_FALSE(ev.primal_feasible && ev.dual_feasible);
  EXPECT_FALSE(ev.defect.empty());
  EXPECT_TRUE(contains(ev.defect, "basic variables")) << ev.defect;
}

TEST(ExactBasis, NonbasicAtInfiniteBoundIsADefect) {
  const auto lp = instances::chvatal();
  auto basis = chvatal_optimal_basis();
  basis.columns[1] = U;  // x2 has no upper bound
  const auto ev = evaluate_basis(lp, basis);
  EXPECT_FALSE(ev.solved);
  EXPECT_TRUE(contains(ev.defect, "x2")) << ev.defect;
  EXPECT_TRUE(contains(ev.defect, "infinite")) << ev.defect;

  basis = chvatal_optimal_basis();
  basis.rows[0] = L;  // c1 has no lower bound
  const auto ev2 = evaluate_basis(lp, basis);
  EXPECT_FALSE(ev2.solved);
  EXPECT_TRUE(contains(ev2.defect, "c1")) << ev2.defect;
}

TEST(ExactBasis, SingularBasisMatrixIsADefect) {
  // x + y <= 1 and 2x + 2y <= 2 are parallel: both tight with x, y basic is singular.
  LinearProgram<Q> lp;
  lp.sense = Sense::maximize;
  lp.add_column("x", q(0), nullopt, q(1));
  lp.add_column("y", q(0), nullopt, q(1));
  lp.add_row("r1", {{0, q(1)}, {1, q(1)}}, nullopt, q(1));
  lp.add_row("r2", {{0, q(2)}, {1, q(2)}}, nullopt, q(2));
  const auto ev = evaluate_basis(lp, Basis{{B, B}, {U, U}});
  EXPECT_FALSE(ev.solved);
  EXPECT_TRUE(contains(ev.defect, "singular")) << ev.defect;
  // The same programme solved by Clp is degenerate but certified.
  const auto r = solve(lp);
  EXPECT_TRUE(r.certified);
  EXPECT_EQ(r.objective, q(1));
}

TEST(ExactBasis, MisSizedBasisIsInternalError) {
  const auto lp = instances::chvatal();
  EXPECT_THROW(evaluate_basis(lp, Basis{{B, L}, {U, B, U}}), InternalError);
  EXPECT_THROW(evaluate_basis(lp, Basis{{B, L, B}, {U, B}}), InternalError);
}

TEST(ExactBasis, HandBasisForNonDyadicVertex) {
  // max x + y, 2x + 5y <= 1, 5x + 2y <= 1: vertex (1/7, 1/7).
  const LinearProgram<Q> lp = two_sevenths();
  const auto ev = evaluate_basis(lp, Basis{{B, B}, {U, U}});
  EXPECT_EQ(ev.defect, "");
  EXPECT_EQ(ev.x, (std::vector<Q>{q(1, 7), q(1, 7)}));
  EXPECT_EQ(ev.y, (std::vector<Q>{q(-1, 7), q(-1, 7)}));
  // The origin basis is primal feasible but not optimal.
  const auto origin = evaluate_basis(lp, Basis{{L, L}, {B, B}});
  EXPECT_TRUE(origin.primal_feasible);
  EXPECT_FALSE(origin.dual_feasible);
  EXPECT_EQ(origin.x, (std::vector<Q>{q(0), q(0)}));
}

TEST(ExactBasis, FreeZeroColumnNeedsZeroReducedCost) {
  // min x + 0 y  s.t. x - y >= 0, x >= 0, y free. The basis with y free at zero and the
  // row basic has x at 0 with reduced cost 1 >= 0 and y with reduced cost 0: optimal.
  LinearProgram<Q> lp;
  lp.add_column("x", q(0), nullopt, q(1));
  lp.add_column("y", nullopt, nullopt, q(0));
  lp.add_row("r", {{0, q(1)}, {1, q(-1)}}, q(0), nullopt);
  const auto ok = evaluate_basis(lp, Basis{{L, VarStatus::free_zero}, {B}});
  EXPECT_EQ(ok.defect, "");
  // With a cost on y the free-at-zero status is not dual feasible.
  lp.columns[1].objective = q(-1);
  const auto bad = evaluate_basis(lp, Basis{{L, VarStatus::free_zero}, {B}});
  EXPECT_TRUE(bad.primal_feasible);
  EXPECT_FALSE(bad.dual_feasible);
}

TEST(ExactBasis, DoubleModeFlagsTheSamePerturbation) {
  const auto lp = to_double(instances::chvatal());
  const auto good = evaluate_basis(lp, chvatal_optimal_basis());
  EXPECT_EQ(good.defect, "");
  EXPECT_NEAR(good.x[0], 2.0, 1e-12);
  EXPECT_NEAR(good.x[2], 1.0, 1e-12);
  const auto bad = evaluate_basis(lp, Basis{{L, B, B}, {U, B, U}});
  EXPECT_TRUE(bad.primal_feasible);
  EXPECT_FALSE(bad.dual_feasible);
}

}  // namespace
}  // namespace mechlab::lp
