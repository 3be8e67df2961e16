#include "mechlab/mediation/beliefs.hpp"

#include <gtest/gtest.h>

#include <random>

#include "mechlab/core/rng.hpp"
#include "mediation/fixtures.hpp"

namespace mechlab::mediation {
namespace {

using testing::q;
using testing::qs;

// Vector E: K = 3, p = (1/5, 3/10, 1/2).
std::vector<Rational> prior_e() { return qs({"1/5", "3/10", "1/2"}); }
Matrix<Rational> gamma_e() {
  return {qs({"1", "1/2", "1/4"}), qs({"1/2", "1/3", "1/5"}), qs({"1/4", "1/5", "1/10"})};
}

BeliefSystem<Rational> make_beliefs(Matrix<Rational> b1, Matrix<Rational> b2) {
  BeliefSystem<Rational> b;
  b.beta = {std::move(b1), std::move(b2)};
  b.on_path = {std::vector<bool>(b.beta[0].size(), true),
               std::vector<bool>(b.beta[1].size(), true)};
  return b;
}

TEST(MediationBeliefs, VectorEBeliefsFromRule) {
  const auto r = beliefs_from_rule(gamma_e(), prior_e());
  EXPECT_EQ(r.probability, q("53/200"));
  EXPECT_EQ(r.marginal[0], qs({"19/40", "3/10", "4/25"}));
  EXPECT_EQ(r.marginal[1], r.marginal[0]);
  EXPECT_EQ(r.beliefs.beta[0][0], qs({"8/19", "6/19", "5/19"}));
  EXPECT_EQ(r.beliefs.beta[0][1], qs({"1/3", "1/3", "1/3"}));
  EXPECT_EQ(r.beliefs.beta[0][2], qs({"5/16", "3/8", "5/16"}));
  EXPECT_EQ(r.beliefs.beta[1], r.beliefs.beta[0]);  // γ is symmetric
  EXPECT_EQ(r.rho, (Matrix<Rational>{qs({"8/53", "6/53", "5/53"}), qs({"6/53", "6/53", "6/53"}),
                                     qs({"5/53", "6/53", "5/53"})}));
  EXPECT_EQ(r.rho_marginal[0], qs({"19/53", "18/53", "16/53"}));
}

TEST(MediationBeliefs, VectorEConsistentAndRebuiltBy_S29) {
  const auto r = beliefs_from_rule(gamma_e(), prior_e());
  const auto rep = check_consistency(r.beliefs, prior_e(), /*full=*/true);
  EXPECT_TRUE(rep.interior);
  EXPECT_TRUE(rep.consistent);
  EXPECT_EQ(*rep.residual_11, 0);
  EXPECT_EQ(*rep.residual_bayes, 0);
  EXPECT_EQ(rep.rule, gamma_e());  // max entry is already 1
  EXPECT_EQ(worst_rule(r.beliefs, prior_e()), gamma_e());
}

TEST(MediationBeliefs, VectorEInconsistentResiduals) {
  const auto p = prior_e();
  const auto b = make_beliefs({p, p, p}, {qs({"1/2", "1/4", "1/4"}), p, p});
  const auto rep = check_consistency(b, p, /*full=*/true);
  EXPECT_TRUE(rep.interior);
  EXPECT_FALSE(rep.consistent);
  EXPECT_EQ(*rep.residual_11, q("4/5"));
  EXPECT_EQ(*rep.residual_bayes, 4);
}

TEST(MediationBeliefs, VectorEProductBeliefs) {
  const auto p = prior_e();
  const auto row = qs({"1/2", "1/4", "1/4"});
  const auto b = make_beliefs({row, row, row}, {p, p, p});
  const auto rep = check_consistency(b, p);
  EXPECT_TRUE(rep.consistent);
  const auto rule_row = qs({"1", "1/3", "1/5"});
  EXPECT_EQ(rep.rule, (Matrix<Rational>{rule_row, rule_row, rule_row}));
  const auto back = beliefs_from_rule(rep.rule, p);
  EXPECT_EQ(back.beliefs.beta, b.beta);
}

TEST(MediationBeliefs, NonInteriorFullInformationIsConsistent) {
  const auto p = qs({"1/5", "4/5"});
  const Matrix<Rational> swap{qs({"0", "1"}), qs({"1", "0"})};
  const auto rep = check_consistency(make_beliefs(swap, swap), p);
  EXPECT_FALSE(rep.interior);
  ASSERT_TRUE(rep.feasibility);
  EXPECT_TRUE(rep.feasibility->certified);
  EXPECT_TRUE(rep.consistent);
  // With ε = 0 the LP may switch reports off (their beliefs are then free);
  // with every report on path (ε > 0) the rebuilt rule induces B itself.
  const auto on_path = check_consistency(make_beliefs(swap, swap), p, false, q("1/100"));
  EXPECT_TRUE(on_path.consistent);
  EXPECT_EQ(beliefs_from_rule(on_path.rule, p).beliefs.beta, make_beliefs(swap, swap).beta);
}

TEST(MediationBeliefs, NonInteriorContradictionHasAFarkasCertificate) {
  const auto p = qs({"1/5", "4/5"});
  const Matrix<Rational> swap{qs({"0", "1"}), qs({"1", "0"})};
  const Matrix<Rational> same{qs({"1", "0"}), qs({"0", "1"})};
  const auto rep = check_consistency(make_beliefs(swap, same), p);
  EXPECT_FALSE(rep.consistent);
  ASSERT_TRUE(rep.feasibility);
  EXPECT_EQ(rep.feasibility->status, lp::SolveStatus::infeasible);
  EXPECT_TRUE(rep.feasibility->certified);
  EXPECT_FALSE(rep.farkas.empty());
}

TEST(MediationBeliefs, OffPathReportsAreFlaggedNotFilled) {
  const auto p = qs({"1/4", "3/4"});
  const auto r = beliefs_from_rule<Rational>({qs({"1", "1/2"}), qs({"0", "0"})}, p);
  EXPECT_EQ(r.beliefs.on_path[0], (std::vector<bool>{true, false}));
  EXPECT_EQ(r.beliefs.on_path[1], (std::vector<bool>{true, true}));
  EXPECT_EQ(r.marginal[0][1], 0);
  const auto rep = check_consistency(r.beliefs, p);
  EXPECT_FALSE(rep.interior);
  EXPECT_TRUE(rep.consistent);
}

// Random interior rules (seeded): Bayes' rule always gives a consistent B,
// Lemma 4's two checks agree, and (S.29) rebuilds γ / max γ exactly.
TEST(MediationBeliefs, RandomRulesAreConsistentAndRebuilt) {
  Rng rng = make_rng(20261130);
  std::uniform_int_distribution<int> num(1, 12);
  for (int draw = 0; draw < 60; ++draw) {
    const std::size_t k = 2 + static_cast<std::size_t>(draw % 3);
    std::vector<Rational> prior(k);
    Rational total(0);
    for (auto& x : prior) {
      x = num(rng);
      total += x;
    }
    for (auto& x : prior) x /= total;
    Matrix<Rational> g(k, std::vector<Rational>(k));
    for (auto& row : g) {
      for (auto& x : row) {
        x = Rational(num(rng), 12);
        x.canonicalize();  // mpq_class(n, d) is not reduced by itself
      }
    }
    const auto r = beliefs_from_rule(g, prior);
    const auto rep = check_consistency(r.beliefs, prior, /*full=*/true);
    ASSERT_TRUE(rep.interior);
    EXPECT_TRUE(rep.consistent) << "draw " << draw;
    EXPECT_EQ(*rep.residual_11, 0);
    EXPECT_EQ(*rep.residual_bayes, 0);
    EXPECT_EQ(rep.rule, normalised_shape(g)) << "draw " << draw;
    // Perturbing one belief row breaks consistency, and both checks see it.
    auto bad = r.beliefs;
    bad.beta[1][0][0] += Rational(1, 100);
    bad.beta[1][0][1] -= Rational(1, 100);
    if (bad.beta[1][0][1] > 0) {
      const auto rep_bad = check_consistency(bad, prior, true);
      EXPECT_FALSE(rep_bad.consistent);
      EXPECT_GT(*rep_bad.residual_bayes, 0);
    }
  }
}

TEST(MediationBeliefs, DoubleArithmeticAgrees) {
  const std::vector<double> p{0.2, 0.3, 0.5};
  const Matrix<double> g{{1, 0.5, 0.25}, {0.5, 1.0 / 3, 0.2}, {0.25, 0.2, 0.1}};
  const auto r = beliefs_from_rule(g, p);
  EXPECT_NEAR(r.probability, 53.0 / 200, 1e-15);
  const auto rep = check_consistency(r.beliefs, p, true);
  EXPECT_TRUE(rep.consistent);
  EXPECT_LT(*rep.residual_bayes, 1e-12);
}

}  // namespace
}  // namespace mechlab::mediation
