#include "mechlab/mechanism/game.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "mechlab/core/rng.hpp"
#include "mechlab/io/json.hpp"
#include "mechlab/mechanism/game_io.hpp"
#include "mechlab/mechanism/game_report.hpp"
#include "mechlab/mechanism/io.hpp"
#include "mechlab/mechanism/rules.hpp"
#include "support.hpp"

namespace mechlab::mechanism {
namespace {

using test::contains;
using test::q;

Model<Rational> model_from(const std::string& json) {
  const io::Document doc = io::parse_json(json);
  return read_model<Rational>(io::Node(doc));
}

Model<Rational> example(const std::string& name) {
  const io::Document doc =
      io::read_json_file(std::string(MECHLAB_SOURCE_DIR) + "/examples/mechanism/" + name);
  return read_model<Rational>(io::Node(doc));
}

std::set<std::size_t> equilibrium_profiles(const PureEquilibria<Rational>& r) {
  std::set<std::size_t> out;
  for (const auto& c : r.equilibria) out.insert(c.profile);
  return out;
}

// Two agents with types (L, H), correlated prior 1/8, 3/8, 1/4, 1/4 on
// LL, LH, HL, HH. The project is built iff a1 reports H; a1 then pays 1, and
// a1 earns 1/2 whenever the two reports match; a2 earns 1/3 for reporting H.
const char* const kHandExample = R"({
  "model": "mechanism", "version": 1,
  "alternatives": ["x", "y"],
  "agents": [
    {"name": "a1", "types": ["L", "H"], "values": {"x": [0, 0], "y": [1, 2]}},
    {"name": "a2", "types": ["L", "H"], "values": {"x": [1, 1], "y": [1, 1]}}
  ],
  "prior": {"joint": ["1/8", "3/8", "1/4", "1/4"]},
  "mechanism": {"outcome": ["x", "x", "y", "y"],
                "transfers": [["1/2", 0, -1, "-1/2"], [0, "1/3", 0, "1/3"]]}
})";

TEST(Game, StrategyCountsAndNames) {
  EXPECT_EQ(strategy_count(1), 1U);
  EXPECT_EQ(strategy_count(2), 4U);
  EXPECT_EQ(strategy_count(3), 27U);
  EXPECT_EQ(strategy_count(5), 3125U);
  EXPECT_FALSE(strategy_count(20).has_value());  // 20^20 > 2^64
  const std::vector<std::string> lh{"L", "H"};
  EXPECT_EQ(strategy_name(lh, 0), "L->L,H->L");
  EXPECT_EQ(strategy_name(lh, 1), "L->L,H->H");
  EXPECT_EQ(strategy_name(lh, 2), "L->H,H->L");
  EXPECT_EQ(strategy_name(lh, 3), "L->H,H->H");
  EXPECT_EQ(strategy_name({"a", "b", "c"}, 5), "a->a,b->b,c->c");

  // Agents with 2 and 3 types: 4 × 27 strategy profiles.
  const auto model = model_from(R"({
    "model": "mechanism", "version": 1, "alternatives": ["x"],
    "agents": [{"name": "p", "types": ["L", "H"], "values": {"x": [0, 0]}},
               {"name": "r", "types": ["a", "b", "c"], "values": {"x": [0, 0, 0]}}],
    "prior": {"independent": [["1/2", "1/2"], ["1/3", "1/3", "1/3"]]},
    "mechanism": {"outcome": "efficient", "transfers": "none"}})");
  const auto g = induced_game(model.problem, *model.mechanism);
  EXPECT_EQ(g.game.strategy_count(0), 4U);
  EXPECT_EQ(g.game.strategy_count(1), 27U);
  EXPECT_EQ(g.game.profile_count(), 108U);
  EXPECT_EQ(g.game.payoffs.size(), 216U);
  EXPECT_EQ(g.truthful, (std::vector<std::size_t>{1, 5}));
  EXPECT_EQ(g.truthful_profile, 1U + 5U * 4U);
  EXPECT_EQ(g.game.strategies[1][g.truthful[1]], "a->a,b->b,c->c");
  EXPECT_EQ(g.game.decode(g.truthful_profile), g.truthful);
}

TEST(Game, ExAntePayoffsComputedByHand) {
  const auto model = model_from(kHandExample);
  const auto g = induced_game(model.problem, *model.mechanism);
  const auto& game = g.game;
  constexpr std::size_t kConstantL = 0, kTruthful = 1, kSwapped = 2, kConstantH = 3;
  auto u = [&](std::size_t s1, std::size_t s2, std::size_t i) {
    return game.payoff(game.encode(std::vector<std::size_t>{s1, s2}), i);
  };
  // a1 truthful, a2 always H: U1 = P(t1=H)·(2−1) + 1/2·P(t1=H) = 3/4;
  // U2 = 1 + 1/3 = 4/3.
  EXPECT_EQ(u(kTruthful, kConstantH, 0), q(3, 4));
  EXPECT_EQ(u(kTruthful, kConstantH, 1), q(4, 3));
  // a1 swapped, a2 truthful: y is built exactly at t1 = L, where it is worth
  // 1 − 1 = 0; the reports match at LH and HL: U1 = 1/2·(3/8 + 1/4) = 5/16.
  EXPECT_EQ(u(kSwapped, kTruthful, 0), q(5, 16));
  // Both truthful: U1 = 1/2·(2−1) + 1/2·(1/8 + 1/4) = 11/16; U2 = 1 + 1/3·5/8 = 29/24.
  EXPECT_EQ(u(kTruthful, kTruthful, 0), q(11, 16));
  EXPECT_EQ(u(kTruthful, kTruthful, 1), q(29, 24));
  // Both always L: x at every profile, reports always match: U1 = 1/2, U2 = 1.
  EXPECT_EQ(u(kConstantL, kConstantL, 0), q(1, 2));
  EXPECT_EQ(u(kConstantL, kConstantL, 1), q(1));
  // The same numbers straight from the definition U_i(s) = Σ_t P(t) payoff_i(s(t), t).
  const auto& p = model.problem;
  for (std::size_t profile = 0; profile < game.profile_count(); ++profile) {
    const auto s = game.decode(profile);
    for (std::size_t i = 0; i < 2; ++i) {
      Rational expected = 0;
      for (std::size_t t = 0; t < p.profile_count(); ++t) {
        const auto types = p.profiles.decode(t);
        std::vector<std::size_t> reports(2);
        for (std::size_t j = 0; j < 2; ++j) reports[j] = strategy_report(s[j], types[j], 2);
        expected += p.p_profile[t] * payoff(p, *model.mechanism, i, p.profiles.encode(reports), t);
      }
      EXPECT_EQ(game.payoff(profile, i), expected) << "profile " << profile << " agent " << i;
    }
  }
}

TEST(Game, CostlyReportTruthIsNotAnEquilibrium) {
  const auto model = example("game-costly-report.json");
  const auto g = induced_game(model.problem, *model.mechanism);
  const auto r = pure_equilibria(g.game, g.truthful_profile);
  ASSERT_TRUE(r.truthful.has_value());
  const auto& t = *r.truthful;
  EXPECT_FALSE(t.equilibrium);
  // a1 of type H gains (2/3·2) − 1 = 1/3 by reporting L; P(H) = 1/2.
  EXPECT_EQ(t.regret[0], q(1, 6));
  EXPECT_EQ(g.game.strategies[0][t.best_response[0]], "L->L,H->L");
  // a2 of type H is indifferent (1 either way): no gain.
  EXPECT_EQ(t.regret[1], 0);
  EXPECT_EQ(t.max_regret, q(1, 6));
  EXPECT_LT(*t.strictness, 0);
  EXPECT_EQ(equilibrium_profiles(r).count(g.truthful_profile), 0U);
  // Both "always L"-at-H strategies form an equilibrium; every listed one has regret 0.
  ASSERT_FALSE(r.equilibria.empty());
  for (const auto& c : r.equilibria) {
    EXPECT_EQ(c.max_regret, 0);
    EXPECT_GE(*c.strictness, 0);
  }
}

TEST(Game, PureEquilibriaOfSmallBimatrixGames) {
  // Coordination: (A,A) strict with margin 2, (B,B) strict with margin 1.
  const auto coordination = read_nfg(
      "NFG 1 R \"coordination\" { \"r\" \"c\" } { { \"A\" \"B\" } { \"A\" \"B\" } }\n"
      "2 2 0 0 0 0 1 1\n");
  auto r = pure_equilibria(coordination);
  ASSERT_EQ(r.equilibria.size(), 2U);
  EXPECT_EQ(r.equilibria[0].profile, 0U);
  EXPECT_EQ(*r.equilibria[0].strictness, 2);
  EXPECT_EQ(r.equilibria[1].profile, 3U);
  EXPECT_EQ(*r.equilibria[1].strictness, 1);
  EXPECT_FALSE(r.truthful.has_value());
  // Matching pennies: no pure equilibrium; every profile has regret 2.
  const auto pennies = read_nfg("NFG 1 R \"mp\" { \"r\" \"c\" } { 2 2 } 1 -1 -1 1 -1 1 1 -1");
  r = pure_equilibria(pennies);
  EXPECT_TRUE(r.equilibria.empty());
  for (std::size_t p = 0; p < 4; ++p) EXPECT_EQ(check_profile(pennies, p).max_regret, 2);
  // All payoffs 0: every profile is a weak equilibrium (strictness 0).
  const auto flat =
      read_nfg("NFG 1 R \"\" { \"a\" \"b\" \"c\" } { 2 1 2 } 0 0 0 0 0 0 0 0 0 0 0 0");
  r = pure_equilibria(flat);
  EXPECT_EQ(r.equilibria.size(), 4U);
  for (const auto& c : r.equilibria) EXPECT_EQ(*c.strictness, 0);
  // One player with one strategy: no deviation, so no strictness.
  const auto single = read_nfg("NFG 1 R \"\" { \"a\" } { 1 } 5");
  r = pure_equilibria(single);
  ASSERT_EQ(r.equilibria.size(), 1U);
  EXPECT_FALSE(r.equilibria[0].strictness.has_value());
}

// Independent private values, 2–3 agents, 2–3 types, random integer values and
// a random independent prior with full support.
Problem<Rational> random_private_values(Rng& rng, std::size_t agents, std::size_t max_types,
                                        std::size_t alternatives) {
  std::uniform_int_distribution<int> value(-4, 6);
  std::uniform_int_distribution<int> weight(1, 5);
  Environment<Rational> env;
  for (std::size_t c = 0; c < alternatives; ++c) env.alternatives.push_back(fmt::format("c{}", c));
  std::vector<std::vector<Rational>> marginals;
  for (std::size_t i = 0; i < agents; ++i) {
    env.agents.push_back(fmt::format("a{}", i + 1));
    const std::size_t m = std::uniform_int_distribution<std::size_t>(1, max_types)(rng);
    std::vector<std::string> labels;
    std::vector<Rational> w;
    Rational total = 0;
    for (std::size_t j = 0; j < m; ++j) {
      labels.push_back(fmt::format("t{}", j));
      w.emplace_back(weight(rng));
      total += w.back();
    }
    for (auto& x : w) x /= total;
    marginals.push_back(w);
    env.types.push_back(labels);
    std::vector<Rational> v;
    for (std::size_t k = 0; k < alternatives * m; ++k) v.emplace_back(value(rng));
    env.values.push_back(v);
  }
  std::size_t profiles = 1;
  for (const auto& t : env.types) profiles *= t.size();
  env.prior.assign(profiles, Rational(1));
  for (std::size_t t = 0; t < profiles; ++t) {
    std::size_t rest = t;
    for (std::size_t i = agents; i-- > 0;) {
      env.prior[t] *= marginals[i][rest % env.types[i].size()];
      rest /= env.types[i].size();
    }
  }
  return prepare(std::move(env));
}

Environment<double> to_double_env(const Environment<Rational>& e) {
  Environment<double> d{e.agents, e.types, e.states, e.alternatives, {}, {}};
  for (const auto& x : e.prior) d.prior.push_back(mechlab::to_double(x));
  for (const auto& a : e.values) {
    d.values.emplace_back();
    for (const auto& x : a) d.values.back().push_back(mechlab::to_double(x));
  }
  return d;
}

TEST(Game, TruthIsAnEquilibriumOfVcgWithPrivateValues) {
  Rng rng = make_rng(20240611);
  for (int draw = 0; draw < 30; ++draw) {
    const std::size_t agents = 2 + draw % 2;
    const auto p = random_private_values(rng, agents, agents == 2 ? 3 : 2, 3);
    const auto m = vcg(p);
    const auto g = induced_game(p, m);
    const auto r = pure_equilibria(g.game, g.truthful_profile);
    ASSERT_TRUE(r.truthful.has_value());
    EXPECT_TRUE(r.truthful->equilibrium) << "draw " << draw;
    EXPECT_EQ(r.truthful->max_regret, 0) << "draw " << draw;
    EXPECT_EQ(equilibrium_profiles(r).count(g.truthful_profile), 1U) << "draw " << draw;
    // The double computation builds the same game and finds the same equilibria.
    const auto pd = prepare(to_double_env(p.env));
    const auto gd = induced_game(pd, vcg(pd));
    ASSERT_EQ(gd.game.payoffs.size(), g.game.payoffs.size());
    for (std::size_t k = 0; k < g.game.payoffs.size(); ++k) {
      EXPECT_NEAR(gd.game.payoffs[k], mechlab::to_double(g.game.payoffs[k]), 1e-9);
    }
    const auto rd = pure_equilibria(gd.game, gd.truthful_profile);
    std::set<std::size_t> profiles_d;
    for (const auto& c : rd.equilibria) profiles_d.insert(c.profile);
    EXPECT_EQ(profiles_d, equilibrium_profiles(r)) << "draw " << draw;
  }
}

}  // namespace
}  // namespace mechlab::mechanism
