#include "mechlab/mediation/allpay.hpp"

#include <gtest/gtest.h>

#include <fmt/format.h>

#include <cmath>
#include <string>

#include "catalog_support.hpp"
#include "mechlab/core/error.hpp"
#include "mechlab/io/json.hpp"
#include "mechlab/mediation/beliefs.hpp"
#include "mechlab/mediation/colgen.hpp"
#include "mechlab/mediation/io.hpp"
#include "mediation/fixtures.hpp"

namespace mechlab::mediation {
namespace {

using testing::q;
using testing::qs;

BeliefSystem<Rational> shape_beliefs(const Matrix<Rational>& g, const char* p) {
  return beliefs_from_rule(g, {q(p), Rational(q("1") - q(p))}).beliefs;
}

// App. C.1 at a type-dependent interior B with b1(1) = 3/7 ≥ b2(1) = 1/3
// (p = 1/5, K = 3, g = [[1, 1/3], [1/2, 1/2]]): a2^K = (1 − b1(K))/K = 4/15,
// a1^K = a2^K + (1 − b2(1)/b1(1)) b1(K)/K = 38/135, a1^1 = a1^K + b2(1) =
// 83/135, F1^K(0) = 2/45; the payoffs are eq. (5) (indicator 0: b1(1) > b1(K)),
// e.g. U_2(K;K) = F_1(0|K) = (1 − b2(K)) F1^K(0) = 4/105.
TEST(MediationAllPay, EquilibriumIsAppendixC1) {
  const auto b = shape_beliefs({qs({"1", "1/3"}), qs({"1/2", "1/2"})}, "1/5");
  ASSERT_EQ(b.beta[0][0][0], q("3/7"));
  ASSERT_EQ(b.beta[1][0][0], q("1/3"));
  const auto eq = allpay_equilibrium(b, q("3"));
  ASSERT_TRUE(eq.found) << eq.failure;
  EXPECT_EQ(eq.effort[1][1]->top(), q("4/15"));    // a2^K
  EXPECT_EQ(eq.effort[0][1]->top(), q("38/135"));  // a1^K
  EXPECT_EQ(eq.effort[0][0]->top(), q("83/135"));  // a1^1
  EXPECT_EQ(eq.effort[1][0]->top(), q("83/135"));
  EXPECT_EQ(eq.effort[0][1]->atom, q("2/45"));  // F1^K(0)
  EXPECT_EQ(eq.effort[1][1]->atom, 0);
  EXPECT_EQ(eq.effort[0][0]->pieces[0].density, q("3"));  // f1^1 = 1/b2(1)
  const auto& u = eq.payoffs;
  EXPECT_EQ(u[0][0][0], q("52/135"));  // U_1(1;1) = U_2(1;1): the common top
  EXPECT_EQ(u[1][0][0], q("52/135"));
  EXPECT_EQ(u[0][1][1], 0);            // U_1(K;K) = 0 (the atom)
  EXPECT_EQ(u[1][1][1], q("4/105"));   // U_2(K;K) = F_1(0|K)
  EXPECT_EQ(u[0][0][1], 0);            // U_1(1;K): deviator bids 0+
  EXPECT_EQ(u[1][0][1], q("4/135"));   // U_2(1;K) = F_1(0|1)
  EXPECT_EQ(u[0][1][0], q("76/135"));  // strong player 1 who claimed K
  EXPECT_EQ(u[1][1][0], q("544/945"));
}

// Symmetry (S): the transposed shape gives the mirrored payoffs; there the
// atom sits on player 2's weak type (b2(1) = 3/7 > b1(1) = 1/3).
TEST(MediationAllPay, TransposedShapeMirrorsPlayers) {
  const auto eq =
      allpay_equilibrium(shape_beliefs({qs({"1", "1/2"}), qs({"1/3", "1/2"})}, "1/5"), q("3"));
  const auto mirror =
      allpay_equilibrium(shape_beliefs({qs({"1", "1/3"}), qs({"1/2", "1/2"})}, "1/5"), q("3"));
  ASSERT_TRUE(eq.found && mirror.found);
  EXPECT_EQ(eq.effort[1][1]->atom, q("2/45"));
  EXPECT_EQ(eq.payoffs[0], mirror.payoffs[1]);
  EXPECT_EQ(eq.payoffs[1], mirror.payoffs[0]);
}

// Types that never meet play separate complete-information contests: with
// full information (g = [[0,1],[1,0]]) the strong side earns 1 − 1/K = 2/3,
// the weak side 0 (atom 2/3 at 0).
TEST(MediationAllPay, FullInformationIsTwoContests) {
  const auto eq =
      allpay_equilibrium(shape_beliefs({qs({"0", "1"}), qs({"1", "0"})}, "1/5"), q("3"));
  ASSERT_TRUE(eq.found) << eq.failure;
  EXPECT_EQ(eq.payoffs[0][0][0], q("2/3"));
  EXPECT_EQ(eq.payoffs[0][1][1], 0);
  EXPECT_EQ(eq.effort[0][1]->atom, q("2/3"));
  EXPECT_EQ(eq.effort[0][0]->top(), q("1/3"));
}

// Outside the domain: negatively dependent beliefs (b(K) > b(1)) where the
// strong type would undercut its monotone support; the game throws at /game.
TEST(MediationAllPay, NoMonotoneEquilibriumIsReported) {
  const auto b = shape_beliefs({qs({"1/6", "1/3"}), qs({"1", "1/6"})}, "1/5");
  const auto eq = allpay_equilibrium(b, q("3"));
  EXPECT_FALSE(eq.found);
  // Type 1 of player 1 (b1(1) = 1/9: mostly weak opponents) would rather undercut.
  EXPECT_EQ(eq.failure,
            "no monotone equilibrium: player 1 type 1 gets 262/375 at effort 98/375 on its "
            "support but 34/45 elsewhere");
  const AllPayLitigationGame<Rational> game(q("3"));
  try {
    (void)game.payoffs(b);
    FAIL() << "expected InputError";
  } catch (const GameDomainError& e) {
    EXPECT_EQ(e.pointer(), "/game");
  }
  EXPECT_THROW(AllPayLitigationGame<Rational>(q("1")), InputError);
}

// Veto values: the same game at the prior, V(1) = (1 − p)(K − 1)/K, V(K) = 0;
// OST (V(1) > ½) holds iff p < 1/4 when K = 3. ρ^V = p is an argmin of V(1)
// (a vetoer facing a player who thinks it weaker earns more; V(1) is flat
// above p) and the one with V(K) = 0.
TEST(MediationAllPay, VetoValuesAtThePrior) {
  EXPECT_EQ(allpay_instance<Rational>(q("1/5"), q("3"), q("1/10")).veto, qs({"3/5", "0"}));
  EXPECT_EQ(allpay_instance<Rational>(q("1/5"), q("3"), q("1/2")).veto, qs({"8/15", "1/5"}));
  EXPECT_EQ(allpay_instance(q("1/5"), q("3")).veto, qs({"8/15", "0"}));
  EXPECT_EQ(allpay_instance(q("1/4"), q("3")).veto, qs({"1/2", "0"}));
  EXPECT_EQ(allpay_instance(q("3/10"), q("6")).veto, qs({"7/12", "0"}));
}

// Vector H, p = 1/5: the authors' interior branch and the certified LP over
// the same shape agree exactly on Pr(𝒢) = 1/11 with
// γ = (6/11, 1/11; 9/44, 3/88) (rows: player 1 type 1, K).
TEST(MediationAllPayVectorH, InteriorBranchAtOneFifth) {
  const auto b = interior_branch(q("1/5"), q("3"));
  ASSERT_FALSE(b.full_settlement);
  EXPECT_TRUE(b.feasible());
  EXPECT_EQ(b.beliefs[0], q("3/5"));
  EXPECT_EQ(b.beliefs[1], q("2/5"));
  EXPECT_EQ(b.veto[0], q("8/15"));
  EXPECT_EQ(b.probability, q("1/11"));
  EXPECT_EQ(b.gamma[0], qs({"6/11", "1/11"}));
  EXPECT_EQ(b.gamma[1], qs({"9/44", "3/88"}));
  const auto inst = allpay_instance(q("1/5"), q("3"));
  const auto lp = solve_design(inst, ShapeList<Rational>{b.shape});
  ASSERT_TRUE(lp.mechanism);
  EXPECT_TRUE(lp.solution.certified);
  EXPECT_EQ(lp.mechanism->probability, q("1/11"));
  EXPECT_EQ(lp.mechanism->gamma, b.gamma);
}

// p = 0.22: Pr = 66/971 ≈ 0.067971; p = 1/4: V(1) = ½, full settlement
// (Prop. 1), and the LP finds Pr(𝒢) = 0 too.
TEST(MediationAllPayVectorH, OtherPriors) {
  const auto b = interior_branch(q("11/50"), q("3"));
  EXPECT_TRUE(b.feasible());
  EXPECT_EQ(b.probability, q("66/971"));
  EXPECT_NEAR(to_double(b.probability), 0.067971, 5e-7);
  const auto quarter = interior_branch(q("1/4"), q("3"));
  EXPECT_TRUE(quarter.full_settlement);
  EXPECT_EQ(quarter.probability, 0);
  EXPECT_EQ(quarter.z[0], qs({"1/2", "1/2"}));
  const auto inst = allpay_instance(q("1/4"), q("3"));
  const auto lp = solve_design(inst, ShapeList<Rational>{quarter.shape});
  ASSERT_TRUE(lp.mechanism);
  EXPECT_EQ(lp.mechanism->probability, 0);
}

// The interior regime's lower end r = (2(K−1) − √(K²−4K+8))/(2+3K) ≈ 0.160357
// (K = 3): below it the branch needs γ(1,1) > 1 (p = 3/20: α = 782/687).
TEST(MediationAllPayVectorH, LowerEndOfTheInteriorRegime) {
  const double r = interior_lower_bound(3);
  EXPECT_NEAR(r, 0.160357, 5e-7);
  const auto below = interior_branch(q("3/20"), q("3"));
  EXPECT_EQ(below.alpha, q("782/687"));
  ASSERT_FALSE(below.feasible());
  EXPECT_EQ(below.violated[0], "gamma(1,1) = 782/687");
  EXPECT_FALSE(interior_branch(q("4/25"), q("3")).feasible());     // 0.16 < r
  EXPECT_TRUE(interior_branch(q("161/1000"), q("3")).feasible());  // 0.161 > r
  EXPECT_EQ(interior_branch(q("161/1000"), q("3")).alpha < 1, true);
}

// Prop. 4, unconstrained optimum: over type-independent (b1, b2) on the grid
// k/40 (where the scale α is positive) the branch value is smallest exactly at b* = ((1+p)/2,
// (1−p)/2) and its mirror (p = 1/5: (3/5, 2/5)); symmetric beliefs (b1 = b2) are worse.
TEST(MediationAllPayProp4, UnconstrainedOptimumOnAGrid) {
  const auto scan = scan_type_independent(q("1/5"), q("3"), 40);
  ASSERT_TRUE(scan.best && scan.best_symmetric);
  EXPECT_EQ(*scan.best, q("1/11"));
  ASSERT_EQ(scan.argmin.size(), 2U);
  EXPECT_EQ(scan.argmin[0], (std::array<Rational, 2>{q("2/5"), q("3/5")}));
  EXPECT_EQ(scan.argmin[1], (std::array<Rational, 2>{q("3/5"), q("2/5")}));
  EXPECT_GT(*scan.best_symmetric, q("1/11"));
}

// Prop. 4, signals: with K = 6 (OST holds for p < 2/5) the relaxed optimum b*
// alone is optimal for p ≤ 1/3, and no shape of the 1/6 grid (914 in the
// domain, with mirrors, i.e. with public signals) improves on it; for p = 7/20
// > 1/3 b* alone violates IC[1](1->2) (type 1 of player 1 claims K, eq. (12)),
// the coin flip between b* and its mirror reaches the relaxed value 28/113,
// and the best single grid shape is worse (289/1134).
TEST(MediationAllPayProp4, SignalsMatterOnlyAboveOneThird) {
  {
    const auto inst = allpay_instance(q("3/10"), q("6"));
    const auto b = interior_branch(q("3/10"), q("6"));
    EXPECT_TRUE(b.feasible());
    EXPECT_EQ(b.probability, q("12/37"));
    std::size_t skipped = 0;
    auto grid = allpay_grid_shapes(inst, 6, &skipped);
    EXPECT_EQ(grid.size(), 914U);
    EXPECT_EQ(skipped, 191U);
    grid.push_back(b.shape);
    const auto all = solve_design(inst, with_mirrors(grid));
    ASSERT_TRUE(all.mechanism);
    EXPECT_EQ(all.mechanism->probability, q("12/37"));
  }
  {
    const auto inst = allpay_instance(q("7/20"), q("6"));
    const auto b = interior_branch(q("7/20"), q("6"));
    ASSERT_FALSE(b.feasible());
    EXPECT_EQ(b.violated, std::vector<std::string>{"IC[1](1->2)"});
    EXPECT_EQ(b.probability, q("28/113"));
    EXPECT_FALSE(solve_design(inst, ShapeList<Rational>{b.shape}).mechanism);
    const auto coin = solve_design(inst, with_mirrors(ShapeList<Rational>{b.shape}));
    ASSERT_TRUE(coin.mechanism);
    EXPECT_EQ(coin.mechanism->probability, q("28/113"));
    const auto single = best_single_shape_of(inst, allpay_grid_shapes(inst, 6));
    ASSERT_TRUE(single.found);
    EXPECT_EQ(single.value, q("289/1134"));
  }
}

// The catalog's three Section 4 claims reproduce, with their deciding numbers.
// Pricing meets shapes without a monotone equilibrium: they are skipped and
// counted, and column generation still certifies its value over what it searched
// (on the 1/6 grid, which misses vector H's g = [[1, 1/6], [3/8, 1/16]]: 441/4105 > 1/11).
TEST(MediationAllPayColgen, SkipsShapesOutsideTheDomain) {
  ColumnGenerationOptions o;
  o.grid = 6;
  const auto r = generate_columns(allpay_instance(q("1/5"), q("3")), o);
  ASSERT_TRUE(r.master.mechanism);
  EXPECT_TRUE(r.converged);
  EXPECT_EQ(r.master.mechanism->probability, q("441/4105"));
  EXPECT_EQ(r.initial_outside_domain, 2U);
  ASSERT_FALSE(r.rounds.empty());
  EXPECT_EQ(r.rounds.front().outside_domain, 253U);
  EXPECT_GT(r.master.mechanism->probability, q("1/11"));
}

TEST(MediationAllPayCatalog, SectionFourClaims) {
  EXPECT_TRUE(test::evidence_carries({
      {"001/allpay-c1",
       catalog::Outcome::reproduced,
       {"674 with a verified monotone equilibrium", "agree on 674", "82 have no monotone"}},
      {"001/vector-h",
       catalog::Outcome::reproduced,
       {"Pr(G) = 1/11", "[(6/11, 1/11), (9/44, 3/88)]", "66/971", "V(1) = 1/2", "0.160357"}},
      {"001/prop4",
       catalog::Outcome::reproduced,
       {"only at (3/5, 2/5)", "p = 7/20: b* alone infeasible, with its mirror 28/113",
        "best single grid shape 289/1134", "breaks IC[1](1->2)"}},
  }));
}

MediationModel<Rational> read_allpay(const std::string& game, const std::string& extra = "",
                                     const char* types = "2") {
  const io::Document doc = io::parse_json(fmt::format(
      R"({{"model": "mediation", "version": 1, "types": {}, "prior": {}, "game": {}{}}})", types,
      types[0] == '2' ? R"(["1/5", "4/5"])" : R"(["1/5", "3/10", "1/2"])", game, extra));
  return read_mediation<Rational>(io::Node(doc));
}

// The file's "allpay" game: the cost ratio is exact, V comes from the game at
// ρ^V (default the prior), and every field is checked at its pointer.
TEST(MediationAllPayIo, ReadsTheGameAndItsErrors) {
  const auto model = read_allpay(R"({"kind": "allpay", "cost": 3})");
  EXPECT_EQ(model.kind, GameKind::allpay);
  EXPECT_EQ(to_string(model.kind), "allpay");
  EXPECT_EQ(model.instance.veto, qs({"8/15", "0"}));
  EXPECT_EQ(model.instance.game->name(), "all-pay litigation (K = 3)");
  const auto rho = read_allpay(R"({"kind": "allpay", "cost": "3"})",
                               R"(, "veto": {"from_game": true, "rho": ["1/10", "9/10"]})");
  EXPECT_EQ(rho.instance.veto, qs({"3/5", "0"}));
  const auto pointer = [](const std::string& game, const std::string& extra = "",
                          const char* types = "2") {
    return mechlab::test::input_error([&] { (void)read_allpay(game, extra, types); }).pointer();
  };
  EXPECT_EQ(pointer(R"({"kind": "allpay", "cost": 1})"), "/game/cost");
  EXPECT_EQ(pointer(R"({"kind": "allpay", "cost": "x"})"), "/game/cost");
  EXPECT_EQ(pointer(R"({"kind": "allpay"})"), "/game/cost");  // missing
  EXPECT_EQ(pointer(R"({"kind": "allpay", "cost": 3, "k": 3})"), "/game/k");
  EXPECT_EQ(pointer(R"({"kind": "allpay", "cost": 3})", "", "3"), "/game/kind");
  EXPECT_EQ(pointer(R"({"kind": "allpay", "cost": 3})",
                    R"(, "veto": {"from_game": true, "rho": [1, 0]})"),
            "/veto/rho");
}

// The double instantiation follows the exact one.
TEST(MediationAllPay, DoubleAgrees) {
  const auto b = interior_branch(0.2, 3.0);
  EXPECT_NEAR(b.probability, 1.0 / 11, 1e-12);
  EXPECT_NEAR(b.gamma[1][1], 3.0 / 88, 1e-12);
}

}  // namespace
}  // namespace mechlab::mediation
