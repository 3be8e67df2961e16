// The certified LP solve: textbook instances with exact answers, hand-built
// programmes exercising every kind of bound, the dual sign convention, and
// certificates re-checked here from their definitions.
#include "mechlab/lp/certified_solve.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <ostream>
#include <string>
#include <thread>
#include <vector>

#include "mechlab/core/error.hpp"
#include "mechlab/lp/instances.hpp"
#include "support.hpp"

namespace mechlab::lp {

// Readable failure messages for EXPECT_EQ on statuses (found by argument-dependent lookup).
inline void PrintTo(SolveStatus s, std::ostream* os) {
  switch (s) {
    case SolveStatus::optimal: *os << "optimal"; return;
    case SolveStatus::infeasible: *os << "infeasible"; return;
    case SolveStatus::unbounded: *os << "unbounded"; return;
    case SolveStatus::not_solved: *os << "not_solved"; return;
  }
}

namespace {

using test::q;
using test::two_sevenths;

using Q = Rational;
using mechlab::to_string;  // lp::to_string(VarStatus) would hide it
using Lp = LinearProgram<Q>;
using std::nullopt;

Q pow100(int e) {
  mpz_class z;
  mpz_ui_pow_ui(z.get_mpz_t(), 100, static_cast<unsigned long>(e));
  return Q(z);
}

std::string show(const std::vector<Q>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ", ") + to_string(x);
  return "(" + s + ")";
}

bool within(const std::optional<Q>& lo, const std::optional<Q>& hi, const Q& v) {
  return (!lo || *lo <= v) && (!hi || v <= *hi);
}

// Independent proof that `r` is optimal for `lp`, from the definitions only:
//  * x keeps every column bound, the activities are A x and keep every row bound;
//  * reduced costs are c - A' duals (the sense-independent identity);
//  * a non-zero dual or reduced cost sits on the bound it prices (the upper
//    bound when its sign favours the objective, i.e. positive for a maximisation);
//  * the objective equals c0 + sum_r dual_r * bound_r + sum_j reduced_j * bound_j,
//    the dual objective, so by weak duality nothing feasible does better.
void expect_optimality_proof(const Lp& lp, const LpResult<Q>& r) {
  const std::size_t n = lp.columns.size();
  const std::size_t m = lp.rows.size();
  ASSERT_EQ(r.status, SolveStatus::optimal) << status_text(r);
  ASSERT_TRUE(r.certified) << status_text(r);
  ASSERT_EQ(r.x.size(), n);
  ASSERT_EQ(r.activity.size(), m);
  ASSERT_EQ(r.duals.size(), m);
  ASSERT_EQ(r.reduced_costs.size(), n);
  const bool maximize = lp.sense == Sense::maximize;

  Q primal = lp.objective_constant;
  for (std::size_t j = 0; j < n; ++j) {
    EXPECT_TRUE(within(lp.columns[j].lower, lp.columns[j].upper, r.x[j])) << lp.columns[j].name;
    primal += lp.columns[j].objective * r.x[j];
  }
  EXPECT_EQ(r.objective, primal);

  std::vector<Q> reduced(n);
  for (std::size_t j = 0; j < n; ++j) reduced[j] = lp.columns[j].objective;
  for (std::size_t i = 0; i < m; ++i) {
    Q act(0);
    for (const auto& t : lp.rows[i].terms) {
      act += t.coefficient * r.x[t.column];
      reduced[t.column] -= t.coefficient * r.duals[i];
    }
    EXPECT_EQ(r.activity[i], act) << lp.rows[i].name;
    EXPECT_TRUE(within(lp.rows[i].lower, lp.rows[i].upper, act)) << lp.rows[i].name;
  }
  EXPECT_EQ(r.reduced_costs, reduced) << show(r.reduced_costs) << " vs " << show(reduced);

  Q dual_objective = lp.objective_constant;
  auto priced_bound = [&](const Q& price, const std::optional<Q>& lo, const std::optional<Q>& hi,
                          const Q& value, const std::string& what) {
    if (sgn(price) == 0) return;
    const std::optional<Q>& bound = (sgn(price) > 0) == maximize ? hi : lo;
    ASSERT_TRUE(bound.has_value())
        << what << " has price " << to_string(price) << " on an infinite bound";
    EXPECT_EQ(value, *bound) << what << " is priced but not at its bound";
    dual_objective += price * *bound;
  };
  for (std::size_t i = 0; i < m; ++i) {
    priced_bound(r.duals[i], lp.rows[i].lower, lp.rows[i].upper, r.activity[i],
                 "row " + lp.rows[i].name);
  }
  for (std::size_t j = 0; j < n; ++j) {
    priced_bound(reduced[j], lp.columns[j].lower, lp.columns[j].upper, r.x[j],
                 "column " + lp.columns[j].name);
  }
  EXPECT_EQ(r.objective, dual_objective) << "strong duality";
}

// sup over the box (columns within their bounds, row activities within theirs)
// of y'(Ax) - y's; nullopt when infinite.
std::optional<Q> farkas_sup(const Lp& lp, const std::vector<Q>& y) {
  std::vector<Q> w(lp.columns.size(), Q(0));
  for (std::size_t i = 0; i < lp.rows.size(); ++i) {
    for (const auto& t : lp.rows[i].terms) w[t.column] += y[i] * t.coefficient;
  }
  Q sup(0);
  auto add = [&sup](const Q& a, const std::optional<Q>& lo, const std::optional<Q>& hi) {
    if (sgn(a) == 0) return true;
    const std::optional<Q>& b = sgn(a) > 0 ? hi : lo;
    if (!b) return false;
    sup += a * *b;
    return true;
  };
  for (std::size_t j = 0; j < lp.columns.size(); ++j) {
    if (!add(w[j], lp.columns[j].lower, lp.columns[j].upper)) return nullopt;
  }
  for (std::size_t i = 0; i < lp.rows.size(); ++i) {
    if (!add(Q(-y[i]), lp.rows[i].lower, lp.rows[i].upper)) return nullopt;
  }
  return sup;
}

void expect_farkas_proof(const Lp& lp, const LpResult<Q>& r) {
  ASSERT_EQ(r.status, SolveStatus::infeasible) << status_text(r);
  ASSERT_TRUE(r.certified) << status_text(r);
  ASSERT_EQ(r.farkas.size(), lp.rows.size());
  EXPECT_LT(sgn(r.farkas_bound), 0);
  const auto sup = farkas_sup(lp, r.farkas);
  ASSERT_TRUE(sup.has_value()) << "y = " << show(r.farkas) << " gives an infinite supremum";
  EXPECT_LT(sgn(*sup), 0) << "y = " << show(r.farkas);
  EXPECT_EQ(*sup, r.farkas_bound);
}

// Checks x against every bound of lp.
bool feasible(const Lp& lp, const std::vector<Q>& x) {
  for (std::size_t j = 0; j < lp.columns.size(); ++j) {
    if (!within(lp.columns[j].lower, lp.columns[j].upper, x[j])) return false;
  }
  for (const auto& row : lp.rows) {
    Q act(0);
    for (const auto& t : row.terms) act += t.coefficient * x[t.column];
    if (!within(row.lower, row.upper, act)) return false;
  }
  return true;
}

void expect_unbounded_proof(const Lp& lp, const LpResult<Q>& r) {
  ASSERT_EQ(r.status, SolveStatus::unbounded) << status_text(r);
  ASSERT_TRUE(r.certified) << status_text(r);
  const std::size_t n = lp.columns.size();
  ASSERT_EQ(r.feasible_point.size(), n);
  ASSERT_EQ(r.ray.size(), n);
  EXPECT_TRUE(feasible(lp, r.feasible_point)) << show(r.feasible_point);
  // The ray keeps every finite bound: d_j >= 0 under a lower bound, <= 0 under
  // an upper one, and the same for the row activities a'd.
  Q rate(0);
  for (std::size_t j = 0; j < n; ++j) {
    if (lp.columns[j].lower) {
      EXPECT_GE(sgn(r.ray[j]), 0) << lp.columns[j].name;
    }
    if (lp.columns[j].upper) {
      EXPECT_LE(sgn(r.ray[j]), 0) << lp.columns[j].name;
    }
    rate += lp.columns[j].objective * r.ray[j];
  }
  for (const auto& row : lp.rows) {
    Q ad(0);
    for (const auto& t : row.terms) ad += t.coefficient * r.ray[t.column];
    if (row.lower) {
      EXPECT_GE(sgn(ad), 0) << row.name;
    }
    if (row.upper) {
      EXPECT_LE(sgn(ad), 0) << row.name;
    }
  }
  EXPECT_EQ(rate, r.ray_rate);
  EXPECT_EQ(sgn(rate), lp.sense == Sense::maximize ? 1 : -1) << "the ray must improve";
  // Far along the ray: still feasible, and the objective moves by t * rate.
  const Q t(1000000);
  std::vector<Q> far(n);
  for (std::size_t j = 0; j < n; ++j) far[j] = r.feasible_point[j] + t * r.ray[j];
  EXPECT_TRUE(feasible(lp, far));
  EXPECT_EQ(objective_value(lp, far), objective_value(lp, r.feasible_point) + t * rate);
}

// ------------------------------------------------------------- instances

TEST(CertifiedSolve, ChvatalOptimumPrimalAndDualsAreExact) {
  const Lp lp = instances::chvatal();
  const auto r = solve(lp);
  EXPECT_EQ(status_text(r), "optimal (certified)");
  EXPECT_EQ(r.objective, q(13));
  EXPECT_EQ(r.x, (std::vector<Q>{q(2), q(0), q(1)}));
  EXPECT_EQ(r.activity, (std::vector<Q>{q(5), q(10), q(8)}));
  EXPECT_EQ(r.duals, (std::vector<Q>{q(1), q(0), q(1)}));
  // x2: 4 - (3 * 1 + 1 * 0 + 4 * 1) = -3.
  EXPECT_EQ(r.reduced_costs, (std::vector<Q>{q(0), q(-3), q(0)}));
  EXPECT_EQ(r.max_primal_violation, 0.0);
  EXPECT_EQ(r.max_dual_violation, 0.0);
  expect_optimality_proof(lp, r);
}

TEST(CertifiedSolve, HugeObjectiveCoefficientsAreScaledForClp) {
  // Debian's Clp asserts |c_j| < 1e25 (found by lp_reader_fuzz): the
  // objective goes to Clp scaled by a power of two, the certificate is exact.
  for (const char* big : {"1e30", "-7e64", "999999999999999999999999999999999999999993"}) {
    SCOPED_TRACE(big);
    Lp lp = instances::chvatal();
    lp.columns[2].objective = parse_rational(big);
    const auto r = solve(lp);
    expect_optimality_proof(lp, r);
  }
}

TEST(CertifiedSolve, BealeCyclingExampleHasOptimumMinusOneTwentieth) {
  const Lp lp = instances::beale();
  const auto r = solve(lp);
  EXPECT_EQ(r.objective, q(-1, 20));
  EXPECT_EQ(r.x, (std::vector<Q>{q(1, 25), q(0), q(1), q(0)}));
  expect_optimality_proof(lp, r);
}

TEST(CertifiedSolve, KleeMintyOptimumIsHundredToTheNMinusOne) {
  for (int n = 3; n <= 10; ++n) {
    SCOPED_TRACE("n = " + std::to_string(n));
    const Lp lp = instances::klee_minty(n);
    const auto r = solve(lp);
    EXPECT_EQ(r.objective, pow100(n - 1));
    std::vector<Q> x(static_cast<std::size_t>(n), q(0));
    x.back() = pow100(n - 1);
    EXPECT_EQ(r.x, x);
    expect_optimality_proof(lp, r);
  }
}

TEST(CertifiedSolve, InfeasiblePairHasCheckedFarkasVector) {
  const Lp lp = instances::infeasible_pair();
  const auto r = solve(lp);
  EXPECT_EQ(status_text(r), "infeasible (certified by a Farkas vector)");
  expect_farkas_proof(lp, r);
}

TEST(CertifiedSolve, UnboundedWedgeHasFeasiblePointAndImprovingRay) {
  const Lp lp = instances::unbounded_wedge();
  const auto r = solve(lp);
  EXPECT_EQ(status_text(r), "unbounded (certified by a feasible point and a ray)");
  expect_unbounded_proof(lp, r);
}

// ----------------------------------------------------------- hand-built

// two_sevenths() (support.hpp): max x + y  s.t.  2x + 5y <= 1,  5x + 2y <= 1,
// x, y >= 0. The two rows meet at (1/7, 1/7); optimum 2/7 with duals (1/7, 1/7).
TEST(CertifiedSolve, NonDyadicOptimumTwoSeventhsIsExact) {
  const Lp lp = two_sevenths();
  const auto r = solve(lp);
  EXPECT_EQ(r.objective, q(2, 7));
  EXPECT_EQ(r.x, (std::vector<Q>{q(1, 7), q(1, 7)}));
  EXPECT_EQ(r.duals, (std::vector<Q>{q(1, 7), q(1, 7)}));
  EXPECT_EQ(r.reduced_costs, (std::vector<Q>{q(0), q(0)}));
  expect_optimality_proof(lp, r);
}

TEST(CertifiedSolve, NonDyadicOptimumOneThirdIsExact) {
  // min x + y  s.t.  x + 2y >= 1,  2x + y >= 1  ->  (1/3, 1/3), value 2/3;
  // and max x  s.t.  3x <= 1  ->  1/3.
  Lp lp;
  lp.add_column("x", q(0), nullopt, q(1));
  lp.add_column("y", q(0), nullopt, q(1));
  lp.add_row("a", {{0, q(1)}, {1, q(2)}}, q(1), nullopt);
  lp.add_row("b", {{0, q(2)}, {1, q(1)}}, q(1), nullopt);
  const auto r = solve(lp);
  EXPECT_EQ(r.objective, q(2, 3));
  EXPECT_EQ(r.x, (std::vector<Q>{q(1, 3), q(1, 3)}));
  // Raising either lower bound raises the cost: duals (1/3, 1/3).
  EXPECT_EQ(r.duals, (std::vector<Q>{q(1, 3), q(1, 3)}));
  expect_optimality_proof(lp, r);

  Lp third;
  third.sense = Sense::maximize;
  third.add_column("x", q(0), nullopt, q(1));
  third.add_row("r", {{0, q(3)}}, nullopt, q(1));
  const auto t = solve(third);
  EXPECT_EQ(t.objective, q(1, 3));
  EXPECT_EQ(t.duals, (std::vector<Q>{q(1, 3)}));
}

// min 3x + y + z + 5
//   E:       x + y + z  = 1
//   R:  -4 <= x - y     <= 2
//   x free, -3 <= y <= 5, z >= -2.
// With x = 1 - y - z the cost is 8 - 2y - 2z, i.e. maximise y + z subject to
// 2y + z <= 5 (from R's lower bound): y + z = 5 - y, best at y = -3, z = 11,
// x = -7. Optimum 3(-7) - 3 + 11 + 5 = -8. Duals: x and z basic give
// yE = 1 (from z) and yE + yR = 3 (from x), so yR = 2; y's reduced cost is
// 1 - (yE - yR) = 2.
Lp mixed_bounds() {
  Lp lp;
  lp.name = "mixed";
  lp.objective_constant = q(5);
  lp.add_column("x", nullopt, nullopt, q(3));
  lp.add_column("y", q(-3), q(5), q(1));
  lp.add_column("z", q(-2), nullopt, q(1));
  lp.add_row("E", {{0, q(1)}, {1, q(1)}, {2, q(1)}}, q(1), q(1));
  lp.add_row("R", {{0, q(1)}, {1, q(-1)}}, q(-4), q(2));
  return lp;
}

TEST(CertifiedSolve, EqualityRangedFreeAndNegativeBoundsAreExact) {
  const Lp lp = mixed_bounds();
  const auto r = solve(lp);
  EXPECT_EQ(r.objective, q(-8));
  EXPECT_EQ(r.x, (std::vector<Q>{q(-7), q(-3), q(11)}));
  EXPECT_EQ(r.activity, (std::vector<Q>{q(1), q(-4)}));
  EXPECT_EQ(r.duals, (std::vector<Q>{q(1), q(2)}));
  EXPECT_EQ(r.reduced_costs, (std::vector<Q>{q(0), q(2), q(0)}));
  EXPECT_EQ(r.basis.columns[0], VarStatus::basic);
  EXPECT_EQ(r.basis.columns[1], VarStatus::at_lower);
  EXPECT_EQ(r.basis.rows[1], VarStatus::at_lower);
  expect_optimality_proof(lp, r);
}

TEST(CertifiedSolve, UpperBoundedColumnWithoutLowerBound) {
  // max -x + 2y  s.t.  x + y >= -10,  x <= 3 (no lower bound),  y <= 4 (no lower bound).
  // y = 4 at its upper bound; x as small as the row allows: x = -14. Optimum 14 + 8 = 22.
  Lp lp;
  lp.sense = Sense::maximize;
  lp.add_column("x", nullopt, q(3), q(-1));
  lp.add_column("y", nullopt, q(4), q(2));
  lp.add_row("floor", {{0, q(1)}, {1, q(1)}}, q(-10), nullopt);
  const auto r = solve(lp);
  EXPECT_EQ(r.objective, q(22));
  EXPECT_EQ(r.x, (std::vector<Q>{q(-14), q(4)}));
  // Raising the floor by 1 forces x up by 1: the objective drops by 1.
  EXPECT_EQ(r.duals, (std::vector<Q>{q(-1)}));
  // Raising y's upper bound by 1 gains 2, and x falls by 1 with it: 3 = 2 - 1 * (-1).
  EXPECT_EQ(r.reduced_costs, (std::vector<Q>{q(0), q(3)}));
  expect_optimality_proof(lp, r);
}

TEST(CertifiedSolve, FixedColumnAndEmptyRow) {
  // max x + y, x fixed at 3/2, y <= 1/3 through a row; an empty row 0 <= 0 <= 5.
  Lp lp;
  lp.sense = Sense::maximize;
  lp.add_column("x", q(3, 2), q(3, 2), q(1));
  lp.add_column("y", q(0), nullopt, q(1));
  lp.add_row("cap", {{1, q(3)}}, nullopt, q(1));
  lp.add_row("empty", {}, q(0), q(5));
  const auto r = solve(lp);
  EXPECT_EQ(r.objective, q(11, 6));
  EXPECT_EQ(r.x, (std::vector<Q>{q(3, 2), q(1, 3)}));
  expect_optimality_proof(lp, r);
}

TEST(CertifiedSolve, FreeRowsAreWatchedNotEnforced) {
  // max x + y, x in [0, 3/2], y >= 0, x + y <= 2; rows x - y and 3x + y have no
  // bounds: they only report activities, with dual 0.
  Lp lp;
  lp.sense = Sense::maximize;
  lp.add_column("x", q(0), q(3, 2), q(1));
  lp.add_column("y", q(0), nullopt, q(1));
  lp.add_row("watch", {{0, q(1)}, {1, q(-1)}}, nullopt, nullopt);
  lp.add_row("cap", {{0, q(1)}, {1, q(1)}}, nullopt, q(2));
  lp.add_row("watch2", {{0, q(3)}, {1, q(1)}}, nullopt, nullopt);
  const auto r = solve(lp);
  EXPECT_EQ(r.objective, q(2));
  EXPECT_EQ(r.duals, (std::vector<Q>{q(0), q(1), q(0)}));
  expect_optimality_proof(lp, r);
  for (std::size_t i : {0u, 2u}) {
    Q act(0);
    for (const auto& t : lp.rows[i].terms) act += t.coefficient * r.x[t.column];
    EXPECT_EQ(r.activity[i], act);
  }
}

TEST(CertifiedSolve, ObjectiveConstantIsIncluded) {
  Lp lp = two_sevenths();
  lp.objective_constant = q(-1, 3);
  const auto r = solve(lp);
  EXPECT_EQ(r.objective, q(2, 7) - q(1, 3));
  expect_optimality_proof(lp, r);
}

TEST(CertifiedSolve, HighlyDegenerateVertexIn2D) {
  // max x + y where every row k x + y <= k + 1 and x + k y <= k + 1
  // (k = 1..12), plus repeated scaled copies, passes through the optimum (1, 1).
  Lp lp;
  lp.sense = Sense::maximize;
  lp.add_column("x", q(0), nullopt, q(1));
  lp.add_column("y", q(0), nullopt, q(1));
  for (long k = 1; k <= 12; ++k) {
    lp.add_row("a" + std::to_string(k), {{0, q(k)}, {1, q(1)}}, nullopt, q(k + 1));
    lp.add_row("b" + std::to_string(k), {{0, q(1)}, {1, q(k)}}, nullopt, q(k + 1));
    lp.add_row("s" + std::to_string(k), {{0, q(k)}, {1, q(k)}}, nullopt, q(2 * k));
  }
  const auto r = solve(lp);
  EXPECT_EQ(r.objective, q(2));
  EXPECT_EQ(r.x, (std::vector<Q>{q(1), q(1)}));
  for (std::size_t i = 0; i < lp.rows.size(); ++i) EXPECT_EQ(r.activity[i], *lp.rows[i].upper);
  expect_optimality_proof(lp, r);
}

TEST(CertifiedSolve, HighlyDegenerateVertexIn3D) {
  // max x + y + z with the 26 rows a'x <= a'(1,1,1) for every a in {0,1,2}^3 \ {0}:
  // all tight at (1, 1, 1), optimum 3.
  Lp lp;
  lp.sense = Sense::maximize;
  for (const char* name : {"x", "y", "z"}) lp.add_column(name, q(0), nullopt, q(1));
  for (long a = 0; a < 3; ++a) {
    for (long b = 0; b < 3; ++b) {
      for (long c = 0; c < 3; ++c) {
        if (a == 0 && b == 0 && c == 0) continue;
        std::vector<Term<Q>> terms;
        if (a) terms.push_back({0, q(a)});
        if (b) terms.push_back({1, q(b)});
        if (c) terms.push_back({2, q(c)});
        lp.add_row("p" + std::to_string(a) + std::to_string(b) + std::to_string(c),
                   std::move(terms), nullopt, q(a + b + c));
      }
    }
  }
  const auto r = solve(lp);
  EXPECT_EQ(r.objective, q(3));
  EXPECT_EQ(r.x, (std::vector<Q>{q(1), q(1), q(1)}));
  for (std::size_t i = 0; i < lp.rows.size(); ++i) EXPECT_EQ(r.activity[i], *lp.rows[i].upper);
  expect_optimality_proof(lp, r);
}

TEST(CertifiedSolve, EqualityOnlySystemWithUniqueSolution) {
  // x + y + z = 6, x - y = 1/2, y - 2z = -1/3 (free x, y, z):
  // from the last two, y = 2z - 1/3, x = 2z + 1/6, so 5z - 1/6 = 6 and z = 37/30.
  Lp lp;
  for (const char* name : {"x", "y", "z"}) lp.add_column(name, nullopt, nullopt, q(1));
  lp.add_row("sum", {{0, q(1)}, {1, q(1)}, {2, q(1)}}, q(6), q(6));
  lp.add_row("d1", {{0, q(1)}, {1, q(-1)}}, q(1, 2), q(1, 2));
  lp.add_row("d2", {{1, q(1)}, {2, q(-2)}}, q(-1, 3), q(-1, 3));
  const auto r = solve(lp);
  EXPECT_EQ(r.x, (std::vector<Q>{q(37, 15) + q(1, 6), q(37, 15) - q(1, 3), q(37, 30)}));
  EXPECT_EQ(r.objective, q(6));
  // The objective is 1'x = the first row: duals (1, 0, 0).
  EXPECT_EQ(r.duals, (std::vector<Q>{q(1), q(0), q(0)}));
  expect_optimality_proof(lp, r);
}

// ----------------------------------------------------- dual sign convention

enum class Move { lower, upper, both };

// Solves lp again with a row bound (or both bounds of an equality) moved by
// 1/1000 and checks that the optimum moves by dual / 1000 exactly (the bases
// used here stay optimal under that move).
void expect_dual_is_rhs_derivative(const Lp& lp, std::size_t row, Move move) {
  const auto base = solve(lp);
  ASSERT_EQ(base.status, SolveStatus::optimal);
  ASSERT_TRUE(base.certified);
  const Q delta = q(1, 1000);
  Lp moved = lp;
  if (move != Move::upper) {
    ASSERT_TRUE(moved.rows[row].lower.has_value());
    *moved.rows[row].lower += delta;
  }
  if (move != Move::lower) {
    ASSERT_TRUE(moved.rows[row].upper.has_value());
    *moved.rows[row].upper += delta;
  }
  const auto after = solve(moved);
  ASSERT_EQ(after.status, SolveStatus::optimal);
  ASSERT_TRUE(after.certified);
  EXPECT_EQ(after.objective - base.objective, base.duals[row] * delta)
      << lp.name << " row " << lp.rows[row].name << ": dual " << to_string(base.duals[row]);
}

TEST(DualConvention, MaximizeDualsAreObjectiveGainPerUnitRhs) {
  const Lp lp = two_sevenths(Sense::maximize);
  const auto r = solve(lp);
  EXPECT_EQ(r.duals, (std::vector<Q>{q(1, 7), q(1, 7)}));
  expect_dual_is_rhs_derivative(lp, 0, Move::upper);
  expect_dual_is_rhs_derivative(lp, 1, Move::upper);
  // By hand: rhs1 = 1001/1000 gives x + y = 2001/7000.
  EXPECT_EQ(solve(two_sevenths(Sense::maximize, q(1001, 1000))).objective, q(2001, 7000));
}

TEST(DualConvention, MinimizeDualsAreObjectiveChangePerUnitRhs) {
  // min -x - y over the same rows: optimum -2/7, and relaxing a row lowers it.
  const Lp lp = two_sevenths(Sense::minimize);
  const auto r = solve(lp);
  EXPECT_EQ(r.objective, q(-2, 7));
  EXPECT_EQ(r.duals, (std::vector<Q>{q(-1, 7), q(-1, 7)}));
  EXPECT_EQ(r.reduced_costs, (std::vector<Q>{q(0), q(0)}));
  expect_dual_is_rhs_derivative(lp, 0, Move::upper);
  expect_dual_is_rhs_derivative(lp, 1, Move::upper);
  expect_optimality_proof(lp, r);
}

TEST(DualConvention, GreaterEqualRowsInBothSenses) {
  // min x + y  s.t.  2x + 5y >= 1, 5x + 2y >= 1: optimum 2/7, duals +1/7 (raising
  // a floor costs); max -x - y over the same rows: -2/7, duals -1/7.
  for (const Sense sense : {Sense::minimize, Sense::maximize}) {
    Lp lp;
    lp.name = sense == Sense::minimize ? "min-floor" : "max-floor";
    lp.sense = sense;
    const Q c = sense == Sense::minimize ? q(1) : q(-1);
    lp.add_column("x", q(0), nullopt, c);
    lp.add_column("y", q(0), nullopt, c);
    lp.add_row("f1", {{0, q(2)}, {1, q(5)}}, q(1), nullopt);
    lp.add_row("f2", {{0, q(5)}, {1, q(2)}}, q(1), nullopt);
    const auto r = solve(lp);
    EXPECT_EQ(r.objective, c * q(2, 7));
    EXPECT_EQ(r.duals, (std::vector<Q>{c * q(1, 7), c * q(1, 7)}));
    expect_dual_is_rhs_derivative(lp, 0, Move::lower);
    expect_dual_is_rhs_derivative(lp, 1, Move::lower);
    expect_optimality_proof(lp, r);
  }
}

TEST(DualConvention, ChvatalBindingRowsByPerturbation) {
  const Lp lp = instances::chvatal();
  expect_dual_is_rhs_derivative(lp, 0, Move::upper);  // dual 1
  expect_dual_is_rhs_derivative(lp, 1, Move::upper);  // slack row, dual 0
  expect_dual_is_rhs_derivative(lp, 2, Move::upper);  // dual 1
}

TEST(DualConvention, EqualityAndRangedRowsByPerturbation) {
  const Lp lp = mixed_bounds();
  // E: x + y + z = 1 -> 1001/1000 changes the optimum by 1 * 1/1000 (z absorbs it).
  expect_dual_is_rhs_derivative(lp, 0, Move::both);
  // R at its lower bound -4 -> -3999/1000 changes it by 2/1000.
  expect_dual_is_rhs_derivative(lp, 1, Move::lower);
  Lp moved = lp;
  *moved.rows[1].lower += q(1, 1000);
  EXPECT_EQ(solve(moved).objective, q(-8) + q(2, 1000));
}

TEST(DualConvention, ReducedCostIsDerivativeInColumnBound) {
  // mixed_bounds: y sits at its lower bound -3 with reduced cost 2.
  const Lp lp = mixed_bounds();
  const auto base = solve(lp);
  Lp moved = lp;
  *moved.columns[1].lower += q(1, 1000);
  const auto after = solve(moved);
  EXPECT_EQ(after.objective - base.objective, base.reduced_costs[1] * q(1, 1000));
  EXPECT_EQ(after.objective, q(-8) + q(2, 1000));
}

// -------------------------------------------------- infeasible / unbounded

TEST(CertifiedSolve, InfeasibleWithFreeColumnsNeedsExactCancellation) {
  // x - y >= 1 and y - x >= 1 with x, y free: adding the rows gives 0 >= 2.
  Lp lp;
  lp.add_column("x", nullopt, nullopt, q(1));
  lp.add_column("y", nullopt, nullopt, q(0));
  lp.add_row("a", {{0, q(1)}, {1, q(-1)}}, q(1), nullopt);
  lp.add_row("b", {{0, q(-1)}, {1, q(1)}}, q(1), nullopt);
  const auto r = solve(lp);
  expect_farkas_proof(lp, r);
  // A'y must vanish on the free columns, so y is a positive multiple of (-1, -1).
  EXPECT_EQ(r.farkas[0], r.farkas[1]);
}

TEST(CertifiedSolve, InfeasibleByColumnBounds) {
  // 3x + 2y >= 7 with x in [0, 1], y in [0, 3/2]: at most 3 + 3 = 6.
  Lp lp;
  lp.sense = Sense::maximize;
  lp.add_column("x", q(0), q(1), q(1));
  lp.add_column("y", q(0), q(3, 2), q(1));
  lp.add_row("need", {{0, q(3)}, {1, q(2)}}, q(7), nullopt);
  const auto r = solve(lp);
  expect_farkas_proof(lp, r);
}

TEST(CertifiedSolve, InfeasibleEqualities) {
  // x + y = 1 and 2x + 2y = 3.
  Lp lp;
  lp.add_column("x", q(0), nullopt, q(1));
  lp.add_column("y", nullopt, nullopt, q(1));
  lp.add_row("e1", {{0, q(1)}, {1, q(1)}}, q(1), q(1));
  lp.add_row("e2", {{0, q(2)}, {1, q(2)}}, q(3), q(3));
  const auto r = solve(lp);
  expect_farkas_proof(lp, r);
}

TEST(CertifiedSolve, UnboundedMinimisationWithFreeColumn) {
  // min x - 2y  s.t.  x - y <= 3,  y in [0, 1],  x free: x -> -infinity.
  Lp lp;
  lp.add_column("x", nullopt, nullopt, q(1));
  lp.add_column("y", q(0), q(1), q(-2));
  lp.add_row("r", {{0, q(1)}, {1, q(-1)}}, nullopt, q(3));
  const auto r = solve(lp);
  expect_unbounded_proof(lp, r);
  EXPECT_EQ(r.ray[1], q(0));
}

TEST(CertifiedSolve, UnboundedAlongARangedDirection) {
  // max z  s.t.  0 <= x - y <= 1,  z - x - y <= 0,  x, y, z >= 0: unbounded along (1, 1, 2).
  Lp lp;
  lp.sense = Sense::maximize;
  lp.add_column("x", q(0), nullopt, q(0));
  lp.add_column("y", q(0), nullopt, q(0));
  lp.add_column("z", q(0), nullopt, q(1));
  lp.add_row("band", {{0, q(1)}, {1, q(-1)}}, q(0), q(1));
  lp.add_row("cap", {{2, q(1)}, {0, q(-1)}, {1, q(-1)}}, nullopt, q(0));
  const auto r = solve(lp);
  expect_unbounded_proof(lp, r);
}

TEST(CertifiedSolve, InfeasibleEvenThoughObjectiveRecedesForever) {
  // min -x - y with x - y >= 1 and y - x >= 1 (x, y >= 0): primal infeasible and
  // dual infeasible at once; whatever Clp says first, the verdict is infeasible.
  Lp lp;
  lp.add_column("x", q(0), nullopt, q(-1));
  lp.add_column("y", q(0), nullopt, q(-1));
  lp.add_row("a", {{0, q(1)}, {1, q(-1)}}, q(1), nullopt);
  lp.add_row("b", {{0, q(-1)}, {1, q(1)}}, q(1), nullopt);
  const auto r = solve(lp);
  expect_farkas_proof(lp, r);
}

TEST(CertifiedSolve, NoRowsOnlyColumnBounds) {
  // max 2x - y + 1/7 with x in [0, 5/3], y in [-1, 4]: 10/3 + 1 + 1/7 = 94/21.
  Lp lp;
  lp.sense = Sense::maximize;
  lp.objective_constant = q(1, 7);
  lp.add_column("x", q(0), q(5, 3), q(2));
  lp.add_column("y", q(-1), q(4), q(-1));
  const auto r = solve(lp);
  EXPECT_EQ(r.objective, q(94, 21));
  EXPECT_EQ(r.x, (std::vector<Q>{q(5, 3), q(-1)}));
  EXPECT_EQ(r.reduced_costs, (std::vector<Q>{q(2), q(-1)}));
  expect_optimality_proof(lp, r);

  // Without x's upper bound the same programme is unbounded along x.
  lp.columns[0].upper = nullopt;
  const auto u = solve(lp);
  expect_unbounded_proof(lp, u);
}

// Every row is empty (no nonzero coefficient) and one of them, 0 >= 1, cannot
// hold; the objective also improves without limit along x. y = (1) is a
// Farkas vector: sup over s >= 1 of -s is -1 < 0. Expected: certified
// infeasible, whatever Clp makes of an empty matrix.
TEST(CertifiedSolve, EmptyInfeasibleRowIsCertifiedInfeasible) {
  Lp lp;
  lp.sense = Sense::maximize;
  lp.add_column("x", q(0), nullopt, q(1));
  lp.add_row("impossible", {}, q(1), nullopt);
  const auto r = solve(lp);
  expect_farkas_proof(lp, r);
  // The only Farkas vectors are the positive multiples of (1).
  if (r.farkas.size() == 1) {
    EXPECT_GT(sgn(r.farkas[0]), 0);
  }
}

TEST(CertifiedSolve, EmptyRowsThatHoldAreHarmless) {
  // 0 in [0, 5] and 0 = 0 hold; max -x gives 0, max x is unbounded.
  Lp lp;
  lp.sense = Sense::maximize;
  lp.add_column("x", q(0), nullopt, q(-1));
  lp.add_row("e1", {}, q(0), q(5));
  lp.add_row("e2", {}, q(0), q(0));
  const auto r = solve(lp);
  EXPECT_EQ(r.objective, q(0));
  expect_optimality_proof(lp, r);
  lp.columns[0].objective = q(1);
  expect_unbounded_proof(lp, solve(lp));
}

// max y/10^9 + x  s.t.  5y >= 1, y free, x >= 0: feasible (y = 1/5) and
// unbounded along x (rate 1). The exact phase 1 proves feasibility; the ray
// (y, x) = (0, 1) keeps every bound and improves, which is the whole
// certificate; the ray programme need not be solved to optimality.
TEST(CertifiedSolve, ProgrammeProvenFeasibleIsNeverReportedInfeasible) {
  Lp lp;
  lp.sense = Sense::maximize;
  lp.add_column("y", nullopt, nullopt, q(1, 1000000000));
  lp.add_column("x", q(0), nullopt, q(1));
  lp.add_row("r", {{0, q(5)}}, q(1), nullopt);
  const auto r = solve(lp);
  EXPECT_NE(r.status, SolveStatus::infeasible) << status_text(r);
  EXPECT_EQ(r.status, SolveStatus::unbounded) << status_text(r);
  expect_unbounded_proof(lp, r);
}

// min y / 10^8  s.t.  y + z = 1, y and z free: unbounded along (y, z) = (-1, 1)
// at rate -1/10^8. Clp stops with y nonbasic at a huge "fake bound" value and
// calls it optimal; the exact check refuses that basis and the exact simplex
// repair then walks along exactly that unbounded edge. Expected: the verdict
// the exact computation supports, certified unbounded, never "optimal".
TEST(CertifiedSolve, TinyCostOnFreeColumnIsUnboundedNotOptimal) {
  Lp lp;
  lp.add_column("y", nullopt, nullopt, q(1, 100000000));
  lp.add_column("z", nullopt, nullopt, q(0));
  lp.add_row("sum", {{0, q(1)}, {1, q(1)}}, q(1), q(1));
  const auto r = solve(lp);
  EXPECT_NE(r.status, SolveStatus::optimal) << status_text(r);
  EXPECT_EQ(r.status, SolveStatus::unbounded) << status_text(r);
  expect_unbounded_proof(lp, r);
}

// ---------------------------------------------------------- double mode

void expect_double_agrees(const Lp& lp) {
  SCOPED_TRACE(lp.name);
  const auto exact = solve(lp);
  const auto approx = solve(to_double(lp));
  ASSERT_EQ(approx.status, exact.status);
  EXPECT_FALSE(approx.certified);
  if (exact.status != SolveStatus::optimal) return;
  auto close = [](double a, const Q& b) {
    const double bd = b.get_d();
    return std::fabs(a - bd) <= 1e-9 * std::fmax(1.0, std::fabs(bd));
  };
  EXPECT_TRUE(close(approx.objective, exact.objective))
      << approx.objective << " vs " << to_string(exact.objective);
  ASSERT_EQ(approx.x.size(), exact.x.size());
  for (std::size_t j = 0; j < exact.x.size(); ++j) {
    EXPECT_TRUE(close(approx.x[j], exact.x[j])) << lp.columns[j].name;
  }
  EXPECT_FALSE(approx.note.empty()) << "a double verdict says why it is not a proof";
  EXPECT_NE(status_text(approx).find("float only"), std::string::npos);
}

TEST(DoubleMode, AgreesWithRationalOnEveryInstance) {
  expect_double_agrees(instances::chvatal());
  expect_double_agrees(instances::beale());
  for (int n = 3; n <= 10; ++n) expect_double_agrees(instances::klee_minty(n));
  expect_double_agrees(instances::infeasible_pair());
  expect_double_agrees(instances::unbounded_wedge());
  expect_double_agrees(two_sevenths());
  expect_double_agrees(mixed_bounds());
}

TEST(DoubleMode, ChvatalDualsWithinTolerance) {
  const auto r = solve(to_double(instances::chvatal()));
  ASSERT_EQ(r.duals.size(), 3u);
  EXPECT_NEAR(r.duals[0], 1.0, 1e-9);
  EXPECT_NEAR(r.duals[1], 0.0, 1e-9);
  EXPECT_NEAR(r.duals[2], 1.0, 1e-9);
  EXPECT_LE(r.max_primal_violation, 1e-9);
}

// ------------------------------------------------------- random instances

TEST(RandomInstances, CertifiedWithIndependentStrongDuality) {
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    const int m = 2 + static_cast<int>(seed % 5);
    const int n = 3 + static_cast<int>((seed * 7) % 6);
    const Lp lp = instances::random_bounded(m, n, seed);
    SCOPED_TRACE(lp.name);
    const auto r = solve(lp);
    expect_optimality_proof(lp, r);
    // x = (1, ..., 1) is feasible by construction, so the optimum is at least c'1.
    Q at_one(0);
    for (const auto& c : lp.columns) at_one += c.objective;
    EXPECT_GE(r.objective, at_one);
  }
}

TEST(RandomInstances, SameSeedSameProgramme) {
  const Lp a = instances::random_bounded(4, 5, 42);
  const Lp b = instances::random_bounded(4, 5, 42);
  ASSERT_EQ(a.rows.size(), b.rows.size());
  for (std::size_t i = 0; i < a.rows.size(); ++i) {
    EXPECT_EQ(a.rows[i].upper, b.rows[i].upper);
    ASSERT_EQ(a.rows[i].terms.size(), b.rows[i].terms.size());
    for (std::size_t k = 0; k < a.rows[i].terms.size(); ++k) {
      EXPECT_EQ(a.rows[i].terms[k].column, b.rows[i].terms[k].column);
      EXPECT_EQ(a.rows[i].terms[k].coefficient, b.rows[i].terms[k].coefficient);
    }
  }
  for (std::size_t j = 0; j < a.columns.size(); ++j) {
    EXPECT_EQ(a.columns[j].objective, b.columns[j].objective);
  }
}

TEST(RandomInstances, DoubleModeAgrees) {
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    expect_double_agrees(instances::random_bounded(3, 5, seed));
  }
}

// ---------------------------------------------------------- progress

TEST(CertifiedSolve, CancelledProgressStopsTheSolve) {
  Progress progress;
  progress.cancel();
  EXPECT_THROW(solve(instances::chvatal(), progress), Cancelled);
}

TEST(CertifiedSolve, ExpiredTimeLimitStopsTheSolve) {
  Progress progress(Progress::Options{0.001, false});
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_THROW(solve(instances::chvatal(), progress), TimeLimitExceeded);
}

TEST(CertifiedSolve, InvalidProgrammeIsInternalError) {
  Lp lp = two_sevenths();
  lp.columns[1].name = "x";
  EXPECT_THROW(solve(lp), InternalError);
}

}  // namespace
}  // namespace mechlab::lp
