#include "mechlab/dynamic/normal_form.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "mechlab/catalog/claim.hpp"
#include "mechlab/dynamic/efficient.hpp"
#include "mechlab/dynamic/instances.hpp"
#include "mechlab/mechanism/game.hpp"
#include "mechlab/mechanism/instances.hpp"
#include "mechlab/mechanism/rules.hpp"
#include "support.hpp"

namespace mechlab::dynamic {
namespace {

using test::q;

// A two-player game from a table of (row payoff, column payoff) by (row, col).
NormalForm<Rational> bimatrix(std::vector<std::string> rows, std::vector<std::string> cols,
                              const std::vector<std::vector<std::pair<long, long>>>& table) {
  return make_normal_form<Rational>({"row", "col"}, {std::move(rows), std::move(cols)},
                                    [&](const std::vector<std::size_t>& s) {
                                      const auto& cell = table[s[0]][s[1]];
                                      return std::vector<Rational>{q(cell.first), q(cell.second)};
                                    });
}

//        L      R
//   U  (0,0)  (1,1)
//   D  (1,0)  (1,1)
// D weakly dominates U (tie at R); R dominates L. Removing U first leaves the
// column player preferring R at D: (D, R). Removing L first leaves U and D
// tied against R: {U, D} x {R}.
NormalForm<Rational> order_matters() {
  return bimatrix({"U", "D"}, {"L", "R"}, {{{0, 0}, {1, 1}}, {{1, 0}, {1, 1}}});
}

TEST(DynamicNormalForm, WeakDominanceHasAWitness) {
  const auto g = order_matters();
  const auto all = all_strategies(g);
  EXPECT_EQ(weakly_dominated(g, 0, 0, all), std::optional<std::size_t>(1));
  EXPECT_EQ(weakly_dominated(g, 0, 1, all), std::nullopt);
  EXPECT_EQ(weakly_dominated(g, 1, 0, all), std::optional<std::size_t>(1));
  EXPECT_EQ(weakly_dominated(g, 1, 1, all), std::nullopt);
  // Against R alone U and D tie: no dominance without a strict gain.
  EXPECT_EQ(weakly_dominated(g, 0, 0, Survivors{{0, 1}, {1}}), std::nullopt);
}

TEST(DynamicNormalForm, OrderMattersInTwoByTwo) {
  const auto g = order_matters();
  const auto terminal = iewds_all_orders(g);
  EXPECT_EQ(terminal, (std::vector<Survivors>{{{0, 1}, {1}}, {{1}, {1}}}));

  const auto simultaneous = iewds_simultaneous(g);
  EXPECT_EQ(simultaneous.survivors, (Survivors{{1}, {1}}));
  ASSERT_EQ(simultaneous.steps.size(), 1U);
  EXPECT_EQ(simultaneous.steps[0].size(), 2U);

  const auto column_first = iewds_in_order(g, {{1, 0, 0}});
  EXPECT_EQ(column_first.survivors, (Survivors{{0, 1}, {1}}));
  EXPECT_EQ(column_first.steps[0][0].witness, 1U);
  const auto row_first = iewds_in_order(g, {{0, 0, 0}, {1, 0, 0}});
  EXPECT_EQ(row_first.survivors, (Survivors{{1}, {1}}));
}

TEST(DynamicNormalForm, ThreeOrdersThreeTerminalGames) {
  //        L      R
  //   T  (1,1)  (0,0)
  //   M  (1,1)  (2,1)
  //   B  (0,0)  (2,1)
  const auto g =
      bimatrix({"T", "M", "B"}, {"L", "R"}, {{{1, 1}, {0, 0}}, {{1, 1}, {2, 1}}, {{0, 0}, {2, 1}}});
  EXPECT_EQ(iewds_all_orders(g),
            (std::vector<Survivors>{{{0, 1}, {0}}, {{1}, {0, 1}}, {{1, 2}, {1}}}));
  EXPECT_EQ(iewds_simultaneous(g).survivors, (Survivors{{1}, {0, 1}}));
}

TEST(DynamicNormalForm, InOrderRejectsAnUndominatedStep) {
  const auto g = order_matters();
  auto e = test::input_error([&] { (void)iewds_in_order(g, {{0, 1, 0}}); });
  EXPECT_EQ(e.pointer(), "/order/0");
  e = test::input_error([&] { (void)iewds_in_order(g, {{1, 0, 0}, {0, 0, 0}}); });
  EXPECT_EQ(e.pointer(), "/order/1");
  e = test::input_error([&] { (void)iewds_in_order(g, {{0, 0, 0}, {0, 0, 0}}); });
  EXPECT_EQ(e.pointer(), "/order/1");
}

TEST(DynamicNormalForm, ReducedGameKeepsPayoffsAndNumbering) {
  const auto g = appendix_c_three_player<Rational>();
  const Survivors s = {{1}, {0, 1}, {0, 1}};
  const auto profiles = full_profiles(g, s);
  const auto r = reduced_game(g, s);
  ASSERT_EQ(profiles.size(), r.profile_count());
  EXPECT_EQ(r.strategies[0], (std::vector<std::string>{"N"}));
  for (std::size_t p = 0; p < profiles.size(); ++p) {
    const auto rs = r.decode(p);
    const std::vector<std::size_t> full = {s[0][rs[0]], s[1][rs[1]], s[2][rs[2]]};
    EXPECT_EQ(profiles[p], g.encode(full));
    for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(r.payoff(p, i), g.payoff(profiles[p], i));
  }
  // With player 1 fixed at N, the equilibria are (N, N, Y) and (N, Y, N).
  const auto eq = mechanism::pure_equilibria(r);
  ASSERT_EQ(eq.equilibria.size(), 2U);
  EXPECT_EQ(profiles[eq.equilibria[0].profile], g.encode(std::vector<std::size_t>{1, 1, 0}));
  EXPECT_EQ(profiles[eq.equilibria[1].profile], g.encode(std::vector<std::size_t>{1, 0, 1}));
}

TEST(DynamicNormalForm, GenericGamesEliminateInOneWay) {
  // With all of a player's payoffs distinct, weak dominance is strict
  // dominance, whose iterated elimination does not depend on the order: all
  // orders must reach one terminal game, the simultaneous one.
  std::mt19937 rng(20260);
  std::size_t games_with_eliminations = 0;
  for (int draw = 0; draw < 60; ++draw) {
    const std::vector<std::size_t> sizes = {2 + rng() % 3, 2 + rng() % 2, 1 + rng() % 3};
    const std::size_t profiles = sizes[0] * sizes[1] * sizes[2];
    std::vector<std::vector<long>> values(3, std::vector<long>(profiles));
    for (auto& v : values) {
      std::iota(v.begin(), v.end(), -static_cast<long>(profiles) / 2);
      std::shuffle(v.begin(), v.end(), rng);
    }
    std::vector<std::vector<std::string>> names(3);
    for (std::size_t i = 0; i < 3; ++i) {
      for (std::size_t k = 0; k < sizes[i]; ++k) names[i].push_back(std::to_string(k));
    }
    NormalForm<Rational> g;
    g.players = {"a", "b", "c"};
    g.strategies = names;
    for (std::size_t p = 0; p < profiles; ++p) {
      for (std::size_t i = 0; i < 3; ++i) g.payoffs.push_back(q(values[i][p]));
    }
    const auto terminal = iewds_all_orders(g);
    const auto simultaneous = iewds_simultaneous(g);
    ASSERT_EQ(terminal.size(), 1U) << "draw " << draw;
    EXPECT_EQ(terminal[0], simultaneous.survivors) << "draw " << draw;
    if (!simultaneous.steps.empty()) ++games_with_eliminations;
    // Every pure equilibrium survives strict-dominance elimination.
    const auto s = simultaneous.survivors;
    for (const auto& c : mechanism::pure_equilibria(g).equilibria) {
      for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_TRUE(std::count(s[i].begin(), s[i].end(), c.strategies[i]) == 1);
      }
    }
  }
  EXPECT_GT(games_with_eliminations, 10U);
}

TEST(DynamicNormalForm, EfficiencyOfAProfile) {
  const auto g = appendix_c_three_player<Rational>();
  const std::size_t yyy = g.encode(std::vector<std::size_t>{0, 0, 0});
  const std::size_t nny = g.encode(std::vector<std::size_t>{1, 1, 0});
  EXPECT_EQ(welfare(g, yyy), q(-30));
  const auto e = efficiency(g, yyy, welfare(g, nny));
  EXPECT_EQ(e.welfare, q(-30));
  EXPECT_EQ(e.reference, q(0));
  EXPECT_EQ(e.loss, q(30));
  EXPECT_FALSE(e.efficient);
  EXPECT_TRUE(efficiency(g, nny, q(0)).efficient);
}

TEST(DynamicPaperGames, AppendixCThreePlayerHasFourEquilibria) {
  const auto g = appendix_c_three_player<Rational>();
  // At (N, N, Y): the N players get 10, the Y player −20.
  const std::size_t nny = g.encode(std::vector<std::size_t>{1, 1, 0});
  EXPECT_EQ(g.payoff(nny, 0), q(10));
  EXPECT_EQ(g.payoff(nny, 2), q(-20));
  const auto eq = mechanism::pure_equilibria(g);
  std::vector<std::size_t> found;
  for (const auto& c : eq.equilibria) {
    EXPECT_EQ(c.max_regret, q(0));
    found.push_back(c.profile);
  }
  std::vector<std::size_t> expected = {
      g.encode(std::vector<std::size_t>{0, 0, 0}), g.encode(std::vector<std::size_t>{1, 1, 0}),
      g.encode(std::vector<std::size_t>{1, 0, 1}), g.encode(std::vector<std::size_t>{0, 1, 1})};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(found, expected);
  // Deviations from (N, N, Y): an N player to Y gets 0 < 10, the Y player to N −50 < −20.
  const auto c = mechanism::check_profile(g, nny);
  EXPECT_EQ(c.strictness, std::optional<Rational>(q(10)));
  // (N, N, N) is not: everyone gets −50 and a switch to Y gives −20.
  EXPECT_EQ(mechanism::check_profile(g, g.encode(std::vector<std::size_t>{1, 1, 1})).max_regret,
            q(30));
}

TEST(DynamicPaperGames, AppendixCFourPlayerBackwardInduction) {
  const auto g = appendix_c_bet_subgame<Rational>();
  const auto eq = mechanism::pure_equilibria(g);
  ASSERT_EQ(eq.equilibria.size(), 1U);
  EXPECT_EQ(eq.equilibria[0].strategies, (std::vector<std::size_t>{0, 0, 0, 0}));  // YY, Y, Y
  EXPECT_EQ(eq.equilibria[0].payoffs, (std::vector<Rational>{q(-2), q(1), q(-10), q(-10)}));
  // Y is dominant for 3 and 4, after which agent 2's correct guess dominates.
  EXPECT_EQ(iewds_simultaneous(g).survivors, (Survivors{{0}, {0}, {0}, {0}}));
  EXPECT_EQ(iewds_all_orders(g).size(), 1U);
}

TEST(DynamicPaperGames, AppendixEAgvEndsAtAlwaysHigh) {
  const auto p = mechanism::prepare(mechanism::instances::appendix_e());
  const auto agv = mechanism::agv(p, mechanism::efficient_mechanism(p));
  const auto induced = mechanism::induced_game(p, agv);
  const auto& g = induced.game;
  EXPECT_EQ(iewds_all_orders(g), (std::vector<Survivors>{{{3}, {3}, {0}}}));
  EXPECT_EQ(welfare(g, g.encode(std::vector<std::size_t>{3, 3, 0})), q(7, 2));
  // AGV balances the budget, so truth-telling's welfare is the efficient 11/2.
  EXPECT_EQ(induced.truthful_profile, truthful_profile(g));
  EXPECT_EQ(welfare(g, induced.truthful_profile), q(11, 2));
  // Agent 2's truthful strategy is weakly dominated once agent 1 plays always H.
  const auto w = weakly_dominated(g, 1, 1, Survivors{{3}, {0, 1, 2, 3}, {0}});
  EXPECT_EQ(w, std::optional<std::size_t>(3));
}

TEST(DynamicPaperGames, AppendixEGumKeepsEfficientProfiles) {
  const auto problem = prepare(instances::appendix_e<Rational>());
  const auto e = solve_efficient(problem);
  const auto g = static_gum_normal_form(problem, e);
  EXPECT_EQ(g.strategies[0],
            (std::vector<std::string>{"L->L,H->L", "L->L,H->H", "L->H,H->L", "L->H,H->H"}));
  const std::size_t truth = truthful_profile(g);
  EXPECT_EQ(g.decode(truth), (std::vector<std::size_t>{1, 1, 0}));
  EXPECT_EQ(g.payoff(truth, 0), q(13));
  EXPECT_EQ(g.payoff(truth, 1), q(5, 2));
  EXPECT_EQ(g.payoff(truth, 2), q(-10));
  const auto r = iewds_simultaneous(g);
  EXPECT_EQ(r.survivors, (Survivors{{1, 3}, {1}, {0}}));
  for (const std::size_t p : full_profiles(g, r.survivors)) {
    EXPECT_EQ(welfare(g, p), q(11, 2));
  }
  // Every order ends in a game that still holds an efficient profile; one of
  // the three terminal games has lost agent 1's truthful strategy.
  const auto terminal = iewds_all_orders(g);
  EXPECT_EQ(terminal.size(), 3U);
  std::size_t with_truth = 0;
  for (const auto& t : terminal) {
    bool any = false;
    for (const std::size_t p : full_profiles(g, t)) {
      any = any || welfare(g, p) == q(11, 2);
      with_truth += p == truth ? 1 : 0;
    }
    EXPECT_TRUE(any);
  }
  EXPECT_EQ(with_truth, 2U);
  // Truth is an equilibrium of the GUM game (Bayesian IC).
  EXPECT_TRUE(mechanism::check_profile(g, truth).equilibrium);
}

TEST(DynamicPaperGames, StaticGumNormalFormInDoubleAgrees) {
  const auto exact = prepare(instances::appendix_e<Rational>());
  const auto approx = prepare(instances::appendix_e<double>());
  const auto ge = static_gum_normal_form(exact, solve_efficient(exact));
  const auto gd = static_gum_normal_form(approx, solve_efficient(approx));
  ASSERT_EQ(ge.payoffs.size(), gd.payoffs.size());
  for (std::size_t k = 0; k < ge.payoffs.size(); ++k) {
    EXPECT_TRUE(nearly_equal(to_double(ge.payoffs[k]), gd.payoffs[k])) << k;
  }
  EXPECT_EQ(iewds_simultaneous(gd).survivors, iewds_simultaneous(ge).survivors);
}

TEST(DynamicPaperGames, StaticGumNormalFormNeedsOnePeriod) {
  const auto problem = prepare(instances::example_5_1<Rational>(4));
  const auto e =
      test::input_error([&] { (void)static_gum_normal_form(problem, solve_efficient(problem)); });
  EXPECT_EQ(e.pointer(), "/periods");
}

struct ClaimCase {
  const char* id;
  catalog::Outcome outcome;
  std::vector<const char*> evidence;  // substrings the evidence must contain
};

TEST(DynamicPaperGames, CatalogClaimsRecompute) {
  using catalog::Outcome;
  const std::vector<ClaimCase> cases = {
      {"004/appC-three-player-ne",
       Outcome::erratum_confirmed,
       {"4 pure NE", "(N, N, Y), (N, Y, N), (Y, N, N), (Y, Y, Y)"}},
      {"004/appC-four-player-spne",
       Outcome::reproduced,
       {"(Bet, YY, Y, Y) with u1 = -2", "Pr(wrong) >= 1/5"}},
      {"004/thm5-constant",
       Outcome::erratum_confirmed,
       {"B=23.018 R=96.072", "B=1123.011 R=10116.099", "corrected B=46.036"}},
      {"004/appF-108",
       Outcome::erratum_confirmed,
       {"gamma^3 = -46/255", "(97) = -80/289", "(121) = 40/51", "ratio 20/17"}},
      {"004/appG-agv-dummy",
       Outcome::reproduced,
       {"E gamma_raw = 1/3", "441 grid", "(193/1200, -167/1200, -13/600)"}},
      {"004/appE-agv-iewds",
       Outcome::reproduced,
       {"= NNSB", "= -15", "= -4", "1 terminal", "welfare 7/2 vs efficient 11/2"}},
      {"004/appE-gum-iewds",
       Outcome::reproduced,
       {"(13, 5/2, -10)", "{L->L,H->H, L->H,H->H} x {L->L,H->H} x {-->-}",
        "3 terminal games, 3 with an efficient profile, 2 with truth"}},
  };
  for (const auto& c : cases) {
    const auto claims = catalog::builtin_registry().select(c.id);
    ASSERT_EQ(claims.size(), 1U) << c.id;
    const auto run = catalog::run(*claims[0], Progress::none());
    EXPECT_EQ(run.outcome, c.outcome) << c.id << ": " << run.evidence;
    for (const char* s : c.evidence) {
      EXPECT_TRUE(test::contains(run.evidence, s))
          << c.id << " lacks '" << s << "' in " << run.evidence;
    }
  }
}

}  // namespace
}  // namespace mechlab::dynamic
