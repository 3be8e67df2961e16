#include "mechlab/mediation/lagrangian.hpp"

#include <gtest/gtest.h>

#include <random>

#include <fmt/format.h>

#include "mechlab/core/rng.hpp"

#include "mediation/fixtures.hpp"

namespace mechlab::mediation {
namespace {

using testing::q;
using testing::qs;

// Vector C: Lemma 2 / (S.21) on vector A.
TEST(MediationLagrangian, VectorCMultipliers) {
  const auto inst = testing::vector_a();
  const auto design = solve_lottery(inst, DesignMode::paper_multipliers);
  const auto rep = lagrangian_report(inst, design);
  const auto& m = rep.multipliers;
  EXPECT_EQ(m.delta, q("20/11"));
  EXPECT_EQ(m.lambda[0], qs({"20/11", "0"}));
  EXPECT_EQ(m.lambda[1], qs({"20/11", "0"}));
  EXPECT_EQ(m.nu[0][1][0], q("15/11"));
  EXPECT_EQ(m.nu[1][1][0], q("15/11"));
  EXPECT_EQ(m.nu[0][0][1], 0);
  EXPECT_EQ(m.mu, (Matrix<Rational>{qs({"15/176", "0"}), qs({"0", "0"})}));
  EXPECT_EQ(m.eta_total, 0);
  // No basic variable sits at a bound: the optimal basis is non-degenerate,
  // so these are the only optimal duals (the primal optimum is not unique).
  EXPECT_FALSE(rep.duals_may_differ);
  EXPECT_TRUE(design.degeneracy.optimum_may_differ());
  EXPECT_EQ(m.zeta[0], qs({"0", "0"}));
  EXPECT_EQ(m.zeta[1], qs({"0", "0"}));
  const auto named = m.named();
  ASSERT_EQ(named.size(), 6U);
  EXPECT_EQ(named[0].name, "delta");
  EXPECT_EQ(named[3].name, "nu[1](2->1)");
  EXPECT_EQ(named[5].name, "mu(1,1)");
}

TEST(MediationLagrangian, VectorCLagrangianAndConstant) {
  const auto inst = testing::vector_a();
  const auto design = solve_lottery(inst, DesignMode::paper_multipliers);
  const auto rep = lagrangian_report(inst, design);
  ASSERT_EQ(rep.columns.size(), 4U);
  EXPECT_EQ(rep.columns[0].name, "gamma(1,1)");
  EXPECT_EQ(rep.columns[0].value, q("31/20"));
  EXPECT_EQ(rep.columns[1].value, q("31/20"));
  EXPECT_EQ(rep.columns[2].value, q("31/20"));
  EXPECT_EQ(rep.columns[3].value, q("4/5"));
  EXPECT_EQ(rep.target, q("31/20"));  // (1 + δ + η)/δ
  EXPECT_EQ(rep.constant, q("-41/320"));
  EXPECT_EQ(rep.value_identity, q("41/176"));  // −C/(L̂ − 1) = Pr(𝒢)
  const Rational delta = q("20/11");
  EXPECT_EQ(rep.columns[3].reduced_cost, q("9/16") * (1 + delta - delta * q("4/5")));
  for (const auto& c : rep.columns) EXPECT_EQ(c.reduced_cost, c.reduced_cost_identity) << c.name;
}

// The identities of spec §3.4 hold on every column of vectors B1–B3 (where
// regularity (i) fails and other constraints may carry multipliers).
TEST(MediationLagrangian, IdentitiesOnVectorsB) {
  for (const auto& inst : {testing::vector_b1(), testing::vector_b2(), testing::vector_b3()}) {
    const auto design = solve_lottery(inst, DesignMode::paper_multipliers);
    ASSERT_TRUE(design.mechanism);
    const auto rep = lagrangian_report(inst, design);
    EXPECT_EQ(rep.value_identity, design.mechanism->probability);
    for (const auto& c : rep.columns) {
      EXPECT_EQ(c.reduced_cost, c.reduced_cost_identity) << c.name;
      EXPECT_LE(c.value, rep.target) << c.name;  // no column prices out
    }
  }
}

TEST(MediationLagrangian, VectorAPartition) {
  const auto inst = testing::vector_a();
  const auto design = solve_lottery(inst);
  const auto sym = symmetrise_lottery(inst, *design.mechanism);
  const auto part = binding_partition(inst, sym);
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(part.anchor[i], (std::vector<Anchor>{Anchor::pc, Anchor::ic_down}));
    EXPECT_EQ(part.rebuilt_z[i], qs({"117/440", "93/220"}));
    EXPECT_TRUE(part.some_pc_binds[i]);
  }
  EXPECT_TRUE(part.reconstructs);
  EXPECT_TRUE(part.problems.empty());
  EXPECT_TRUE(part.nonadjacent_binding.empty());
}

TEST(MediationLagrangian, PartitionReconstructsVectorsB) {
  for (const auto& inst : {testing::vector_b1(), testing::vector_b2(), testing::vector_b3()}) {
    const auto design = solve_lottery(inst);
    const auto sym = symmetrise_lottery(inst, *design.mechanism);
    const auto part = binding_partition(inst, sym);
    EXPECT_TRUE(part.reconstructs);
    EXPECT_TRUE(part.problems.empty());
    EXPECT_TRUE(part.some_pc_binds[0]);
  }
}

TEST(MediationLagrangian, ExPostDesignHasNoPaperMultipliers) {
  const auto inst = testing::vector_a();
  EXPECT_THROW(paper_multipliers(solve_lottery(inst)), InputError);
}

}  // namespace
}  // namespace mechlab::mediation

namespace mechlab::mediation {
namespace {

using testing::q;
using testing::qs;

TEST(MediationLagrangian, VirtualObjectiveOfVectorsAAndD) {
  // Vector A: Ξ(B*) = 359/205 at the symmetric optimal rule.
  const auto a = testing::vector_a();
  const Shape<Rational> sym{"sym", {qs({"1", "5/11"}), qs({"5/11", "0"})}};
  EXPECT_EQ(virtual_objective(a.prior, make_column(a, sym)), q("359/205"));
  EXPECT_EQ(rent_weights(a.prior), qs({"3", "0"}));
  // Vector D: Ξ = 12058/7605 on the full-information shape, and the regular
  // closed form (2V(1) − 1)/(Ξ − 1) of spec §3.6 is the LP value.
  const auto d = testing::vector_d();
  const Shape<Rational> swap{"swap", {qs({"0", "1"}), qs({"1", "0"})}};
  const Rational xi = virtual_objective(d.prior, make_column(d, swap));
  EXPECT_EQ(xi, q("12058/7605"));
  EXPECT_EQ((2 * d.veto[0] - 1) / (xi - 1), q("89284390/487875133"));
}

// Vector D in the reduced-form LP over the 15 0/1 shapes: the identities of
// spec §3.4 hold for a belief-dependent game, C = 1 − 2V(1), and L̂* = Ξ(B*).
TEST(MediationLagrangian, VectorDIdentities) {
  const auto d = testing::vector_d();
  ShapeList<Rational> dict;
  for (unsigned mask = 1; mask < 16; ++mask) {
    Matrix<Rational> g(2, std::vector<Rational>(2));
    for (unsigned cell = 0; cell < 4; ++cell) g[cell / 2][cell % 2] = (mask >> cell) & 1U;
    dict.push_back({"01[" + std::to_string(mask) + "]", g});
  }
  const auto design = solve_design(d, dict, DesignMode::paper_multipliers);
  ASSERT_TRUE(design.mechanism);
  EXPECT_TRUE(design.solution.certified);
  EXPECT_EQ(design.mechanism->probability, q("89284390/487875133"));
  const auto rep = lagrangian_report(d, design);
  EXPECT_EQ(rep.value_identity, q("89284390/487875133"));
  EXPECT_EQ(rep.constant, 1 - 2 * d.veto[0]);
  EXPECT_EQ(rep.target, q("12058/7605"));
  for (const auto& c : rep.columns) {
    EXPECT_EQ(c.reduced_cost, c.reduced_cost_identity) << c.name;
    EXPECT_LE(c.value, rep.target) << c.name;
  }
}

TEST(MediationLagrangian, MirrorsAreSeparateColumns) {
  const ShapeList<Rational> dict{{"a", {qs({"1", "1"}), qs({"0", "0"})}},
                                 {"s", {qs({"0", "1"}), qs({"1", "0"})}}};
  const auto m = with_mirrors(dict);
  ASSERT_EQ(m.size(), 3U);
  EXPECT_EQ(m[2].name, "a^T");
  EXPECT_EQ(m[2].g, (Matrix<Rational>{qs({"1", "0"}), qs({"1", "0"})}));
}

}  // namespace
}  // namespace mechlab::mediation

namespace mechlab::mediation {
namespace {

// Seeded random lottery games (K = 2..4, u + uᵀ ≤ 1, stronger types favoured):
// both LP formulations agree (Prop. 2), the symmetrised optimum keeps every IC
// and PC, and the Lemma 2 identities hold on every column.
TEST(MediationLagrangian, RandomLotteriesSatisfyTheIdentities) {
  Rng rng = make_rng(8001);
  std::uniform_int_distribution<int> num(0, 10);
  int priced = 0;
  for (int draw = 0; draw < 12; ++draw) {
    const std::size_t k = 2 + static_cast<std::size_t>(draw % 3);
    // u(a,b) for a < b anywhere in [0, 1], u(b,a) in [0, 1 − u(a,b)], u(a,a) ≤ ½.
    Matrix<Rational> u(k, std::vector<Rational>(k));
    for (std::size_t a = 0; a < k; ++a) {
      u[a][a] = fraction(num(rng), 20);
      for (std::size_t b = a + 1; b < k; ++b) {
        u[a][b] = fraction(num(rng), 10);
        u[b][a] = (1 - u[a][b]) * fraction(num(rng), 10);
      }
    }
    std::vector<Rational> prior(k);
    Rational total(0);
    for (auto& x : prior) {
      x = 1 + num(rng);
      total += x;
    }
    for (auto& x : prior) x /= total;
    const auto inst = testing::lottery_instance(LotteryGame<Rational>(u), prior);
    const auto ex_post = solve_lottery(inst);
    const auto paper = solve_lottery(inst, DesignMode::paper_multipliers);
    ASSERT_TRUE(ex_post.mechanism && paper.mechanism) << "draw " << draw;
    EXPECT_TRUE(ex_post.solution.certified && paper.solution.certified);
    EXPECT_EQ(ex_post.mechanism->probability, paper.mechanism->probability) << "draw " << draw;
    const auto sym = symmetrise_lottery(inst, *ex_post.mechanism);
    for (const auto& s : incentive_slacks(inst, sym)) EXPECT_GE(s.value, 0) << s.name;
    if (sign_of(paper.mechanism->probability) == 0) continue;  // δ may vanish: nothing to price
    const auto rep = lagrangian_report(inst, paper);
    ++priced;
    EXPECT_EQ(rep.value_identity, paper.mechanism->probability) << "draw " << draw;
    for (const auto& c : rep.columns) {
      EXPECT_EQ(c.reduced_cost, c.reduced_cost_identity) << "draw " << draw << " " << c.name;
    }
  }
  EXPECT_GE(priced, 6);  // most draws need escalation
}

}  // namespace
}  // namespace mechlab::mediation

namespace mechlab::mediation {
namespace {

using testing::q;

std::string named_text(const std::vector<lp::NamedValue<Rational>>& values) {
  std::string out;
  for (const auto& v : values) out += v.name + "=" + mechlab::to_string(v.value) + " ";
  return out;
}

// Multipliers of the ex-post LP by name (no paper-mode LP needed): on vector
// A they carry strong duality Pr(𝒢) = Σ λ V − Σ φ = 41/176 exactly.
TEST(MediationLagrangian, ExPostMultipliersOfVectorA) {
  const auto inst = testing::vector_a();
  const auto design = solve_lottery(inst);
  const auto m = ex_post_multipliers(inst, design);
  EXPECT_EQ(m.dual_value, q("41/176"));
  EXPECT_EQ(m.dual_value, design.mechanism->probability);
  const auto named = m.named();
  EXPECT_FALSE(named.empty());
  for (const auto& v : named) EXPECT_GT(v.value, 0) << v.name;
  // λ and ν are vector C's (δ = λ^i_1 = 20/11, ν^i_{2,1} = 15/11), and with
  // η = 0 the pie's price is φ_ab = δ p(a)p(b) + µ_ab (µ_11 = 15/176).
  EXPECT_EQ(named_text(named),
            "lambda[1](1)=20/11 lambda[2](1)=20/11 nu[1](2->1)=15/11 nu[2](2->1)=15/11 "
            "phi(1,1)=35/176 phi(1,2)=15/44 phi(2,1)=15/44 phi(2,2)=45/44 ");
  const auto paper = paper_multipliers(solve_lottery(inst, DesignMode::paper_multipliers));
  for (std::size_t a = 0; a < 2; ++a) {
    for (std::size_t b = 0; b < 2; ++b) {
      EXPECT_EQ(m.phi[a][b], paper.delta * inst.prior[a] * inst.prior[b] + paper.mu[a][b]);
    }
  }
  EXPECT_THROW((void)ex_post_multipliers(inst, solve_lottery(inst, DesignMode::paper_multipliers)),
               InputError);
}

// K = 8 (no reduced form): a BW lottery with uniform prior, exact; strong
// duality holds on the ex-post multipliers.
TEST(MediationLagrangian, ExPostMultipliersBeyondTheReducedForm) {
  const auto inst = testing::lottery_instance(bw_linear_lottery<Rational>(8, q("4/5"), Rational(1)),
                                              std::vector<Rational>(8, Rational(1, 8)));
  const auto design = solve_lottery(inst);
  ASSERT_TRUE(design.mechanism);
  EXPECT_TRUE(design.solution.certified);
  const auto m = ex_post_multipliers(inst, design);
  EXPECT_EQ(m.dual_value, design.mechanism->probability);
  EXPECT_EQ(m.duals_may_differ, design.degeneracy.duals_may_differ());
}

}  // namespace
}  // namespace mechlab::mediation

namespace mechlab::mediation {
namespace {

// The symmetric LP's multipliers, halved on the aliased rows, are the full
// ex-post LP's for vector A (unique there: λ^i_1 = 20/11, ν^i_{2,1} = 15/11,
// φ = (35/176, 15/44; 15/44, 45/44)) and satisfy strong duality at K = 8.
TEST(MediationLagrangian, SymmetricLotteryMultipliers) {
  const auto a = testing::vector_a();
  const auto full = ex_post_multipliers(a, solve_lottery(a));
  const auto sym = ex_post_multipliers(a, solve_symmetric_lottery(a));
  EXPECT_EQ(sym.lambda, full.lambda);
  EXPECT_EQ(sym.nu, full.nu);
  EXPECT_EQ(sym.phi, full.phi);
  EXPECT_EQ(sym.dual_value, q("41/176"));
  const auto bw = testing::lottery_instance(bw_linear_lottery<Rational>(8, q("4/5"), Rational(1)),
                                            std::vector<Rational>(8, Rational(1, 8)));
  const auto m = ex_post_multipliers(bw, solve_symmetric_lottery(bw));
  EXPECT_EQ(m.dual_value, q("13/20"));
  EXPECT_EQ(m.lambda[0], m.lambda[1]);
}

Instance<Rational> hms(const Rational& p1, const Rational& c) {
  return lottery_instance(hms_lottery<Rational>(2, c, q("1/4")), {p1, 1 - p1});
}

// Vector A with c = 1/5 (tests/golden/mediation-solve-hms-c15): V(1) = 39/80
// ≤ ½, OST fails, nothing escalates (Prop. 1) and the optimal dual is zero. δ =
// 0, so L̂, C, L̂* and (S.21) are undefined; δL̂, δC, the reduced-cost identity
// and strong duality Pr(𝒢) = −δC = 0 are not.
TEST(MediationLagrangian, ZeroDeltaWhenNothingEscalates) {
  const auto inst = hms(q("1/4"), q("1/5"));
  EXPECT_EQ(inst.veto, qs({"39/80", "19/80"}));
  const auto design = solve_lottery(inst, DesignMode::paper_multipliers);
  ASSERT_TRUE(design.mechanism);
  EXPECT_EQ(design.mechanism->probability, 0);
  const auto rep = lagrangian_report(inst, design);
  EXPECT_EQ(rep.multipliers.delta, 0);
  EXPECT_TRUE(rep.multipliers.named().empty());
  EXPECT_FALSE(rep.defined);
  EXPECT_NE(rep.undefined_reason.find("Prop. 1"), std::string::npos) << rep.undefined_reason;
  // V(1) < ½ strictly: a slightly smaller pie still settles everything, so no
  // optimal dual has δ > 0 (although the basis is primal degenerate).
  EXPECT_TRUE(rep.delta_zero_in_every_dual);
  EXPECT_TRUE(rep.duals_may_differ);
  EXPECT_EQ(rep.scaled_constant, 0);
  EXPECT_EQ(rep.value_identity, 0);
  EXPECT_EQ(rep.constant, 0);
  EXPECT_EQ(rep.target, 0);
  const auto expected = qs({"1/16", "3/16", "3/16", "9/16"});  // R(e_ab) = p(a)p(b)
  ASSERT_EQ(rep.columns.size(), 4U);
  for (std::size_t c = 0; c < 4; ++c) {
    EXPECT_EQ(rep.columns[c].scaled_value, 0) << rep.columns[c].name;
    EXPECT_EQ(rep.columns[c].reduced_cost, expected[c]) << rep.columns[c].name;
    EXPECT_EQ(rep.columns[c].reduced_cost_identity, expected[c]) << rep.columns[c].name;
  }
  EXPECT_THROW(lagrangian_value(rep.multipliers, inst.prior, design.columns[0]), InputError);
  EXPECT_THROW(lagrangian_constant(rep.multipliers, inst), InputError);
  // Column generation's paper-mode price (1 + δ + η) − δL̂ still equals the
  // master's own R − πᵀa over R on shapes outside the dictionary.
  const Rational base = 1 + rep.multipliers.delta + rep.multipliers.eta_total;
  for (const auto& g : {Matrix<Rational>{qs({"1", "1"}), qs({"1", "1"})},
                        Matrix<Rational>{qs({"1", "1/2"}), qs({"1/3", "0"})}}) {
    const auto column = make_column(inst, Shape<Rational>{"candidate", g});
    EXPECT_EQ(base - scaled_lagrangian_value(rep.multipliers, inst.prior, column),
              shape_reduced_cost(design, inst.prior, column) / column.induced.probability);
  }
}

// A seeded scan over (p(1), c) on the HMS lottery (ξ = 1/4), across the OST
// boundary: the Lagrangian report never throws, the reduced-form LP value
// equals the ex-post lottery LP value, strong duality −δC = Pr(𝒢) and the
// reduced-cost identity hold, and L̂ is defined exactly when δ > 0.
TEST(MediationLagrangian, HmsScanOverPriorAndCost) {
  Rng rng = make_rng(2026);
  std::uniform_int_distribution<int> twentieths(1, 19);
  int zero_delta = 0;
  int positive_delta = 0;
  for (int draw = 0; draw < 8; ++draw) {
    const Rational p1 = fraction(twentieths(rng), 20);
    for (const char* c : {"0", "1/20", "1/10", "3/20", "1/5", "6/25"}) {
      const auto inst = hms(p1, q(c));
      const std::string where = fmt::format("p(1) = {}, c = {}", mechlab::to_string(p1), c);
      const auto ex_post = solve_lottery(inst);
      const auto paper = solve_lottery(inst, DesignMode::paper_multipliers);
      ASSERT_TRUE(ex_post.mechanism && paper.mechanism) << where;
      EXPECT_EQ(paper.mechanism->probability, ex_post.mechanism->probability) << where;
      LagrangianReport<Rational> rep;
      ASSERT_NO_THROW(rep = lagrangian_report(inst, paper)) << where;
      EXPECT_EQ(rep.defined, rep.multipliers.delta > 0) << where;
      EXPECT_FALSE(rep.defined && rep.delta_zero_in_every_dual) << where;
      EXPECT_EQ(rep.value_identity, paper.mechanism->probability) << where;
      for (const auto& col : rep.columns) {
        EXPECT_EQ(col.reduced_cost, col.reduced_cost_identity) << where << " " << col.name;
        if (rep.defined) EXPECT_LE(col.value, rep.target) << where << " " << col.name;
      }
      (rep.defined ? positive_delta : zero_delta) += 1;
    }
  }
  EXPECT_GE(zero_delta, 4);  // the region the CLI used to fail on
  EXPECT_GE(positive_delta, 4);
}

}  // namespace
}  // namespace mechlab::mediation
