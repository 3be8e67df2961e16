#include "mechlab/mediation/model.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <limits>

#include "mechlab/core/error.hpp"
#include "mechlab/mediation/beliefs.hpp"
#include "mechlab/mediation/design.hpp"
#include "mediation/fixtures.hpp"

namespace mechlab::mediation {
namespace {

using testing::q;
using testing::qs;

// Expects InputError at exactly this JSON pointer.
template <class F>
void expect_error_at(F&& f, const std::string& pointer) {
  try {
    f();
    ADD_FAILURE() << "no InputError, expected one at " << pointer;
  } catch (const InputError& e) {
    EXPECT_EQ(e.pointer(), pointer) << e.what();
  }
}

TEST(MediationModel, HmsPresetIsVectorA) {
  const auto inst = testing::vector_a();
  const auto& u = *inst.game->lottery();
  EXPECT_EQ(u, (Matrix<Rational>{qs({"2/5", "13/20"}), qs({"3/20", "2/5"})}));
  EXPECT_EQ(inst.veto, qs({"47/80", "27/80"}));
  EXPECT_NO_THROW(inst.validate());
}

TEST(MediationModel, BwPresetVetoValuesOfVectorsB) {
  EXPECT_EQ(testing::vector_b1().veto, qs({"33/50", "23/50", "13/50"}));
  EXPECT_EQ(testing::vector_b2().veto, qs({"17/25", "12/25", "7/25"}));
  EXPECT_EQ(testing::vector_b3().veto, qs({"7/10", "1/2", "3/10"}));
}

TEST(MediationModel, LotteryPayoffIsLinearInBeliefs) {
  const auto inst = testing::vector_a();
  BeliefSystem<Rational> b;
  b.beta[0] = {qs({"1/2", "1/2"}), qs({"0", "1"})};
  b.beta[1] = {qs({"1", "0"}), qs({"1/3", "2/3"})};
  const auto u = inst.game->payoffs(b);
  // U_1(1; 2) = ½ u(2,1) + ½ u(2,2) = ½ (3/20 + 2/5)
  EXPECT_EQ(u[0][0][1], q("11/40"));
  // U_2(2; 1) = ⅓ u(1,1) + ⅔ u(1,2)
  EXPECT_EQ(u[1][1][0], q("2/15") + q("13/30"));
}

TEST(MediationModel, LqVetoValuesOfVectorD) {
  const auto inst = testing::vector_d();
  EXPECT_EQ(inst.veto, qs({"1091711/1972098", "758891/1972098"}));
  EXPECT_NO_THROW(inst.validate());
}

TEST(MediationModel, LqFullInformationPayoffsOfVectorD) {
  const auto inst = testing::vector_d();
  // γ = [[0,1],[1,0]]: after escalation each player knows the opponent's type.
  const auto rb = beliefs_from_rule<Rational>({qs({"0", "1"}), qs({"1", "0"})}, inst.prior);
  const auto& game = dynamic_cast<const LQConflictGame<Rational>&>(*inst.game);
  const auto a = game.efforts(rb.beliefs);
  EXPECT_EQ(a[0], qs({"19/39", "1/39"}));  // strong 19/39, weak 1/39
  const auto u = inst.game->payoffs(rb.beliefs);
  EXPECT_EQ(u[0], (Matrix<Rational>{qs({"2165/3042", "3788/7605"}), qs({"239/3042", "59/3042"})}));
  EXPECT_EQ(u[0], u[1]);  // symmetric rule, symmetric game
}

TEST(MediationModel, LqPriorBeliefEffortsOfVectorD) {
  const auto inst = testing::vector_d();
  BeliefSystem<double> b;
  b.beta[0] = {{0.2, 0.8}, {0.2, 0.8}};
  b.beta[1] = b.beta[0];
  const LQConflictGame<double> game({0.25, 0.025});
  const auto a = game.efforts(b);
  EXPECT_NEAR(a[0][0], 0.438596, 1e-6);
  EXPECT_NEAR(a[0][1], 0.043860, 1e-6);
}

TEST(MediationModel, NonFiniteDoublesAreInputErrors) {
  Instance<double> inst;
  inst.prior = {std::numeric_limits<double>::quiet_NaN(), 0.5};
  inst.game = std::make_shared<LotteryGame<double>>(hms_lottery<double>(2, 0.1, 0.25));
  inst.veto = {0.5, 0.25};
  expect_error_at([&] { inst.validate(); }, "/prior/0");
  inst.prior = {0.5, 0.5};
  inst.veto[1] = std::numeric_limits<double>::infinity();
  expect_error_at([&] { inst.validate(); }, "/veto/1");
}

TEST(MediationModel, UserGameThroughTheInterface) {
  // A user's game: the lottery of vector A written as a callback.
  const auto a = testing::vector_a();
  Instance<Rational> inst = a;
  inst.game = std::make_shared<FunctionGame<Rational>>(
      2, [g = a.game](const BeliefSystem<Rational>& b) { return g->payoffs(b); }, "callback");
  EXPECT_NO_THROW(inst.validate());
  const auto res = solve_design(inst, unit_shapes<Rational>(2));
  ASSERT_TRUE(res.mechanism);
  EXPECT_EQ(res.mechanism->probability, q("41/176"));
}

TEST(MediationModel, BadInputIsReportedByPointer) {
  const auto inst = testing::vector_a();
  using Edit = std::function<void(Instance<Rational>&)>;
  const std::vector<std::pair<Edit, std::string>> edits{
      {[](auto& x) {
         x.prior = qs({"1", "0"});
       },
       "/prior/1"},
      {[](auto& x) {
         x.prior = qs({"1/2", "1/4"});
       },
       "/prior"},
      {[](auto& x) { x.prior = qs({"1"}); }, "/prior"},
      {[](auto& x) { x.veto = qs({"1/2"}); }, "/veto"},
      {[](auto& x) { x.game = nullptr; }, "/game"},
      {[](auto& x) {
         x.veto_belief = qs({"1/2", "1/3"});
       },
       "/veto_belief"},
      {[](auto& x) {
         x.game = std::make_shared<LotteryGame<Rational>>(
             Matrix<Rational>{qs({"1/2", "3/2"}), qs({"0", "1/2"})});
       },
       "/game/u/0/1"},
      {[](auto& x) {
         x.game = std::make_shared<LotteryGame<Rational>>(
             Matrix<Rational>{qs({"1/2", "3/4"}), qs({"1/2", "1/2"})});
       },
       "/game/u/0/1"},
      {[](auto& x) {
         x.game = std::make_shared<LQConflictGame<Rational>>(qs({"1/2", "1/8"}));
       },
       "/game/kappa/0"},
  };
  for (const auto& entry : edits) {
    expect_error_at(
        [&] {
          auto x = inst;
          entry.first(x);
          x.validate();
        },
        entry.second);
  }
  expect_error_at([] { hms_lottery<Rational>(2, q("1/4"), q("1/4")); }, "/game/xi");
  expect_error_at([] { bw_linear_lottery<Rational>(3, q("0"), q("1")); }, "/game/q");
  expect_error_at([] { bw_linear_lottery<Rational>(1, q("1"), q("1")); }, "/types");
  expect_error_at(
      [&] {
        beliefs_from_rule<Rational>({qs({"1", "2"}), qs({"0", "0"})}, inst.prior);
      },
      "/gamma/0/1");
  expect_error_at([&] { solve_design(inst, std::vector<Shape<Rational>>{}); }, "/shapes");
  expect_error_at(
      [&] {
        solve_design(inst, {Shape<Rational>{"zero", {qs({"0", "0"}), qs({"0", "0"})}}});
      },
      "/shapes/0");
  expect_error_at([] { solve_lottery(testing::vector_d()); }, "/game");
  expect_error_at(
      [] {
        auto big = testing::lottery_instance(hms_lottery<Rational>(7, q("1/10"), q("1/4")),
                                             std::vector<Rational>(7, q("1/7")));
        solve_lottery(big, DesignMode::paper_multipliers);
      },
      "/types");
  expect_error_at(
      [] {
        const LotteryGame<Rational> g({qs({"1/2", "1/2"}), qs({"1/2", "1/2"})});
        veto_from_game<Rational>(g, qs({"1/2", "1/2"}), qs({"1/2", "2/3"}));
      },
      "/veto_belief");
}

}  // namespace
}  // namespace mechlab::mediation
