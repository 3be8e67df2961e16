#include "mechlab/mediation/assumptions.hpp"

#include <gtest/gtest.h>

#include "mechlab/mediation/beliefs.hpp"
#include "mediation/fixtures.hpp"

namespace mechlab::mediation {
namespace {

using testing::q;
using testing::qs;

template <class T>
const AssumptionCheck<T>& entry(const AssumptionReport<T>& r, const std::string& name) {
  const auto* c = r.find(name);
  EXPECT_NE(c, nullptr) << name;
  return *c;
}

// Vector A: OST and regularity (i) hold; a monotone lottery; K = 2 has no
// second differences; Assumption 2 holds with equality for a lottery.
TEST(MediationAssumptions, VectorA) {
  const auto r = check_assumptions(testing::vector_a());
  EXPECT_EQ(entry(r, "OST").status, CheckStatus::holds);
  EXPECT_EQ(entry(r, "OST").witness, qs({"47/80"}));
  EXPECT_EQ(entry(r, "regularity (i)").status, CheckStatus::holds);
  // p(1)(2V(1) − 1) + p(2)(2V(2) − 1) = (1/4)(7/40) + (3/4)(−13/40) = −1/5.
  EXPECT_EQ(entry(r, "regularity (i)").witness, qs({"-1/5"}));
  EXPECT_EQ(entry(r, "lottery").status, CheckStatus::holds);
  EXPECT_EQ(entry(r, "monotone lottery").status, CheckStatus::holds);
  EXPECT_EQ(entry(r, "linearity in types").status, CheckStatus::not_applicable);
  EXPECT_EQ(entry(r, "MDR").status, CheckStatus::holds);
  EXPECT_EQ(entry(r, "MDR Ybar").status, CheckStatus::not_applicable);
  EXPECT_EQ(entry(r, "CONV").status, CheckStatus::holds);  // V is linear in p' for a lottery
  EXPECT_EQ(entry(r, "symmetry (S)").status, CheckStatus::holds);
  EXPECT_EQ(entry(r, "Assumption 2").status, CheckStatus::holds);
  EXPECT_EQ(entry(r, "Assumption 2").witness, qs({"0", "0"}));
}

// Vector B1: regularity (i) fails on the set {1,2}:
// (1/5)(16/25) + (3/10)(−2/25) = 1/25 ≥ 0. BW is linear in types.
TEST(MediationAssumptions, VectorBOneRegularityFails) {
  const auto r = check_assumptions(testing::vector_b1());
  const auto& reg = entry(r, "regularity (i)");
  EXPECT_EQ(reg.status, CheckStatus::fails);
  EXPECT_EQ(reg.witness, qs({"1/25"}));
  EXPECT_NE(reg.evidence.find("set {1,2}"), std::string::npos) << reg.evidence;
  EXPECT_EQ(reg.evidence.find("set {1,3}"), std::string::npos) << reg.evidence;
  EXPECT_EQ(entry(r, "linearity in types").status, CheckStatus::holds);
  EXPECT_EQ(entry(r, "monotone lottery").status, CheckStatus::holds);
}

// Vector D (LQ, K = 2): OST and regularity hold; not a lottery; CONV fails
// for type 2 (V(2,(p',ρ^V)) strictly concave in p'(1): it exceeds the chord
// over [0, 1] by ≈ 8.8966e−4, second differences ≈ −1.1e−6 at step 1/100);
// V(1) is convex.
TEST(MediationAssumptions, VectorDConvFailsForTypeTwo) {
  const auto r = check_assumptions(testing::vector_d());
  EXPECT_EQ(entry(r, "OST").status, CheckStatus::holds);
  EXPECT_EQ(entry(r, "regularity (i)").status, CheckStatus::holds);
  EXPECT_EQ(entry(r, "lottery").status, CheckStatus::fails);
  EXPECT_EQ(entry(r, "monotone lottery").status, CheckStatus::not_applicable);
  EXPECT_EQ(entry(r, "symmetry (S)").status, CheckStatus::holds);
  const auto& conv = entry(r, "CONV");
  EXPECT_EQ(conv.status, CheckStatus::fails);
  ASSERT_EQ(conv.witness.size(), 4U);  // gaps per type, then min second differences
  EXPECT_EQ(conv.witness[0], 0);
  EXPECT_NEAR(to_double(conv.witness[1]), 8.8966e-4, 1e-8);
  EXPECT_NEAR(to_double(conv.witness[3]), -1.1e-6, 0.1e-6);
  EXPECT_NE(conv.evidence.find("chord over p'(1) in [0, 1]"), std::string::npos) << conv.evidence;
}

// Vector F: a monotone lottery where MDR fails at β(·|1) = δ_1, β(·|2) = δ_3
// (D(1;θ)/D(2;θ) = 3, 2 for θ = 1, 2) and holds at the uniform B (1, 1).
TEST(MediationAssumptions, VectorFMdr) {
  const Matrix<Rational> u{qs({"7/20", "3/8", "9/20"}), qs({"1/5", "11/40", "2/5"}),
                           qs({"1/10", "1/5", "7/20"})};
  const auto inst = testing::lottery_instance(LotteryGame<Rational>(u), qs({"1/3", "1/3", "1/3"}));
  BeliefSystem<Rational> b;
  const Matrix<Rational> rows{qs({"1", "0", "0"}), qs({"0", "0", "1"}), qs({"0", "0", "1"})};
  b.beta = {rows, rows};
  b.on_path = {std::vector<bool>(3, true), std::vector<bool>(3, true)};
  const auto fails = check_mdr(inst, {b});
  EXPECT_EQ(fails.status, CheckStatus::fails);
  EXPECT_EQ(fails.witness, qs({"3", "2"}));
  const Matrix<Rational> uniform(3, qs({"1/3", "1/3", "1/3"}));
  b.beta = {uniform, uniform};
  EXPECT_EQ(check_mdr(inst, {b}).status, CheckStatus::holds);
  const auto r = check_assumptions(inst);
  EXPECT_EQ(entry(r, "monotone lottery").status, CheckStatus::holds);
}

// The Ȳ check runs on a given reduced form.
TEST(MediationAssumptions, YbarOnTheLpOptimum) {
  const auto inst = testing::vector_b1();
  const auto res = solve_lottery(inst);
  AssumptionOptions<Rational> opt;
  opt.mechanism = &*res.mechanism;
  const auto r = check_assumptions(inst, opt);
  EXPECT_NE(entry(r, "MDR Ybar").status, CheckStatus::not_applicable);
}

// With a solved design: MDR on the used B(σ), Ȳ on its mechanism, Border.
TEST(MediationAssumptions, FromASolvedDesign) {
  const auto inst = testing::vector_a();
  const auto paper = solve_lottery(inst, DesignMode::paper_multipliers);
  AssumptionOptions<Rational> opt;
  opt.design = &paper;
  const auto r = check_assumptions(inst, opt);
  EXPECT_EQ(entry(r, "Border").status, CheckStatus::holds);
  EXPECT_NE(entry(r, "Border").evidence.find("none binds"), std::string::npos);
  EXPECT_EQ(entry(r, "MDR Ybar").status, CheckStatus::holds);  // void for K = 2
  EXPECT_NE(entry(r, "MDR").evidence.find("belief systems"), std::string::npos);
  const auto ex_post = solve_lottery(inst);
  opt.design = &ex_post;
  EXPECT_NE(entry(check_assumptions(inst, opt), "Border").evidence.find("by construction"),
            std::string::npos);
  EXPECT_EQ(entry(check_assumptions(inst), "Border").status, CheckStatus::not_applicable);
}

// OST fails: Prop. 1 pooling reported.
TEST(MediationAssumptions, OstFails) {
  const auto inst = testing::lottery_instance(bw_linear_lottery<Rational>(3, q("1/2"), Rational(1)),
                                              qs({"1/5", "3/10", "1/2"}));
  const auto r = check_assumptions(inst);
  EXPECT_EQ(entry(r, "OST").status, CheckStatus::fails);
  EXPECT_NE(entry(r, "OST").evidence.find("Prop. 1"), std::string::npos);
}

// An asymmetric user game is caught by the symmetry probe.
TEST(MediationAssumptions, SymmetryProbeCatchesAsymmetricGame) {
  auto inst = testing::vector_a();
  inst.game = std::make_shared<FunctionGame<Rational>>(2, [](const BeliefSystem<Rational>& b) {
    PayoffTable<Rational> u;
    for (std::size_t i = 0; i < 2; ++i) {
      u[i].assign(2, std::vector<Rational>(2, Rational(0)));
      for (std::size_t m = 0; m < 2; ++m)
        for (std::size_t t = 0; t < 2; ++t)
          u[i][m][t] = i == 0 ? b.beta[0][m][0] / 4 : Rational(1, 8);
    }
    return u;
  });
  const auto r = check_assumptions(inst);
  EXPECT_EQ(entry(r, "symmetry (S)").status, CheckStatus::fails);
  EXPECT_EQ(entry(r, "CONV").status, CheckStatus::not_applicable);
}

}  // namespace
}  // namespace mechlab::mediation

namespace mechlab::mediation {
namespace {

// The LQ game is linear in types iff κ is affine in θ (spec §2): vector G's
// κ = (1/4, 1/8, 0) passes, κ = (1/4, 1/8, 1/40) does not.
TEST(MediationAssumptions, LinearityInTypesOfTheLqGame) {
  const auto make = [](std::vector<Rational> kappa) {
    Instance<Rational> inst;
    inst.prior = qs({"1/10", "3/10", "3/5"});
    auto game = std::make_shared<LQConflictGame<Rational>>(std::move(kappa));
    inst.veto_belief = qs({"0", "0", "1"});
    inst.veto = veto_from_game<Rational>(*game, inst.prior, *inst.veto_belief);
    inst.game = game;
    return inst;
  };
  const auto affine = check_assumptions(make(qs({"1/4", "1/8", "0"})));
  EXPECT_EQ(entry(affine, "linearity in types").status, CheckStatus::holds);
  EXPECT_EQ(entry(affine, "lottery").status, CheckStatus::fails);
  EXPECT_EQ(entry(affine, "symmetry (S)").status, CheckStatus::holds);
  const auto bent = check_assumptions(make(qs({"1/4", "1/8", "1/40"})));
  EXPECT_EQ(entry(bent, "linearity in types").status, CheckStatus::fails);
  EXPECT_GT(entry(bent, "linearity in types").witness[0], 0);
}

}  // namespace
}  // namespace mechlab::mediation
