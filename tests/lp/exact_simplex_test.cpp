// The exact simplex repair (improve_basis): from the all-slack basis, which is
// feasible but far from optimal, Bland's rule must reach the known optimum
// exactly, including on Beale's programme, where the textbook rule cycles.
#include <gtest/gtest.h>

#include <random>

#include "mechlab/lp/certified_solve.hpp"
#include "mechlab/lp/exact_basis.hpp"
#include "mechlab/lp/instances.hpp"

namespace mechlab::lp {
namespace {

Basis slack_basis(const LinearProgram<Rational>& lp) {
  Basis b;
  b.columns.assign(lp.columns.size(), VarStatus::at_lower);
  b.rows.assign(lp.rows.size(), VarStatus::basic);
  return b;
}

Rational optimum_from_slack_basis(const LinearProgram<Rational>& lp) {
  std::string note;
  const auto basis = improve_basis(lp, slack_basis(lp), 1000, note);
  EXPECT_TRUE(basis.has_value()) << note;
  if (!basis) return Rational(0);
  const auto ev = evaluate_basis(lp, *basis);
  EXPECT_TRUE(ev.primal_feasible);
  EXPECT_TRUE(ev.dual_feasible);
  return objective_value(lp, ev.x);
}

TEST(ExactSimplex, ReachesChvatalOptimumFromSlackBasis) {
  EXPECT_EQ(optimum_from_slack_basis(instances::chvatal()), Rational(13));
}

TEST(ExactSimplex, DoesNotCycleOnBeale) {
  EXPECT_EQ(optimum_from_slack_basis(instances::beale()), Rational(-1, 20));
}

TEST(ExactSimplex, SolvesKleeMintyExactly) {
  mpz_class v;
  mpz_ui_pow_ui(v.get_mpz_t(), 100, 5);
  EXPECT_EQ(optimum_from_slack_basis(instances::klee_minty(6)), Rational(v));
}

// Random programmes with the origin feasible (b >= 0), so the slack basis is a start.
LinearProgram<Rational> random_with_feasible_origin(int m, int n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<int> coef(-9, 9);
  std::uniform_int_distribution<int> rhs(0, 20);
  LinearProgram<Rational> lp;
  lp.sense = Sense::maximize;
  for (int j = 0; j < n; ++j)
    lp.add_column("x" + std::to_string(j), Rational(0), Rational(10), Rational(coef(rng)));
  for (int i = 0; i < m; ++i) {
    std::vector<Term<Rational>> terms;
    for (int j = 0; j < n; ++j) {
      if (const int a = coef(rng); a != 0)
        terms.push_back({static_cast<std::size_t>(j), Rational(a, 3)});
    }
    lp.add_row("r" + std::to_string(i), std::move(terms), std::nullopt, Rational(rhs(rng)));
  }
  return lp;
}

TEST(ExactSimplex, AgreesWithClpOnRandomProgrammes) {
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    const auto lp = random_with_feasible_origin(8, 10, seed);
    const auto clp = solve(lp);
    ASSERT_TRUE(clp.certified) << seed;
    EXPECT_EQ(optimum_from_slack_basis(lp), clp.objective) << "seed " << seed;
  }
}

TEST(ExactSimplex, RefusesAnInfeasibleStart) {
  const auto lp = instances::infeasible_pair();
  std::string note;
  EXPECT_FALSE(improve_basis(lp, slack_basis(lp), 100, note).has_value());
  EXPECT_EQ(note, "the basis is not primal feasible");
}

TEST(ExactSimplex, ReportsAnUnboundedEdge) {
  const auto lp = instances::unbounded_wedge();
  std::string note;
  EXPECT_FALSE(improve_basis(lp, slack_basis(lp), 100, note).has_value());
  EXPECT_NE(note.find("unbounded"), std::string::npos);
}

}  // namespace
}  // namespace mechlab::lp
