#include "mechlab/mechanism/game.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
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

// a1 (types L, H; 1/3, 2/3) and a2 (one type "-"); y is built iff a1 reports
// H, and then a1 pays 3/2 to a2.
const char* const kTiny = R"({
  "model": "mechanism", "version": 1,
  "alternatives": ["x", "y"],
  "agents": [{"name": "a1", "types": ["L", "H"], "values": {"x": [0, 0], "y": [1, 3]}},
             {"name": "a2", "types": ["-"], "values": {"x": [1], "y": [0]}}],
  "prior": {"independent": [["1/3", "2/3"], [1]]},
  "mechanism": {"outcome": ["x", "y"], "transfers": [[0, "-3/2"], [0, "3/2"]]}
})";

TEST(GameExport, EfgText) {
  const auto model = model_from(kTiny);
  EXPECT_EQ(to_efg(model.problem, *model.mechanism),
            R"efg(EFG 2 R "Bayesian game induced by mechanism \"table\"" { "a1" "a2" }
"Chance draws the type profile; each agent then reports at one information set per own type, observing neither the others' types nor their reports."

c "" 1 "type profile" { "(a1=L, a2=-)" 1/3 "(a1=H, a2=-)" 2/3 } 0
p "" 1 1 "a1 is L" { "L" "H" } 0
p "" 2 1 "a2 is -" { "-" } 0
t "" 1 "" { 0, 1 }
p "" 2 1 "a2 is -" { "-" } 0
t "" 2 "" { -1/2, 3/2 }
p "" 1 2 "a1 is H" { "L" "H" } 0
p "" 2 1 "a2 is -" { "-" } 0
t "" 3 "" { 0, 1 }
p "" 2 1 "a2 is -" { "-" } 0
t "" 4 "" { 3/2, 3/2 }
)efg");
}

TEST(GameExport, EfgHasOneInformationSetPerAgentAndType) {
  // Two agents with two types each: 4 chance branches × 4 report profiles.
  const auto model = example("game-costly-report.json");
  const std::string efg = to_efg(model.problem, *model.mechanism);
  std::istringstream in(efg);
  std::string line;
  std::map<std::string, int> infosets;  // "player infoset" -> nodes
  int terminals = 0;
  while (std::getline(in, line)) {
    if (line.rfind("t ", 0) == 0) ++terminals;
    if (line.rfind("p ", 0) == 0) {
      std::istringstream fields(line.substr(5));
      std::string player;
      std::string infoset;
      fields >> player >> infoset;
      ++infosets[player + " " + infoset];
    }
  }
  EXPECT_EQ(terminals, 16);
  // a1 moves once per chance branch (infoset = its type); a2 once per a1 move.
  EXPECT_EQ(infosets, (std::map<std::string, int>{{"1 1", 2}, {"1 2", 2}, {"2 1", 4}, {"2 2", 4}}));
  EXPECT_TRUE(contains(efg, R"x("(a1=L, a2=H)" 1/3)x"));  // P = 1/2 · 2/3
}

TEST(GameExport, NfgAndLrsText) {
  const auto model = model_from(kTiny);
  const auto g = induced_game(model.problem, *model.mechanism);
  EXPECT_EQ(to_nfg(g.game, "a \"comment\""),
            R"nfg(NFG 1 R "Bayesian game induced by mechanism \"table\"" { "a1" "a2" }
{
{ "L->L,H->L" "L->L,H->H" "L->H,H->L" "L->H,H->H" }
{ "-->-" }
}
"a \"comment\""

0 1
1 4/3
-1/6 7/6
5/6 3/2
)nfg");
  EXPECT_EQ(to_lrs(g.game), "4 1\n\n0\n1\n-1/6\n5/6\n\n1\n4/3\n7/6\n3/2\n");
  // lrsnash is for two players only.
  const auto three = example("agv-appendix-e.json");
  const auto g3 = induced_game(three.problem, *three.mechanism);
  const auto e = test::input_error([&] { (void)to_lrs(g3.game); });
  EXPECT_EQ(e.pointer(), "--to");
  EXPECT_EQ(e.found(), "3 players");
}

// A minimal reader of the .efg files to_efg writes (Gambit's grammar: chance,
// personal and terminal nodes in preorder), to play the tree independently.
struct EfgNode {
  char kind = 't';
  std::size_t player = 0;               // 1-based, personal nodes
  std::size_t infoset = 0;              // 1-based
  std::vector<Rational> probabilities;  // chance nodes
  std::vector<Rational> payoffs;        // terminal nodes
  std::vector<EfgNode> children;
};

class EfgTokens {
 public:
  explicit EfgTokens(const std::string& text) {
    std::size_t k = 0;
    while (k < text.size()) {
      const char c = text[k];
      if (std::isspace(static_cast<unsigned char>(c)) != 0 || c == ',') {
        ++k;
      } else if (c == '{' || c == '}') {
        tokens_.emplace_back(1, c);
        ++k;
      } else if (c == '"') {
        std::string label = "\"";
        for (++k; k < text.size() && text[k] != '"'; ++k) {
          if (text[k] == '\\') ++k;
          label += text[k];
        }
        ++k;
        tokens_.push_back(label);
      } else {
        std::string word;
        while (k < text.size() && std::isspace(static_cast<unsigned char>(text[k])) == 0 &&
               text[k] != ',' && text[k] != '}') {
          word += text[k++];
        }
        tokens_.push_back(word);
      }
    }
  }
  std::string next() { return at_ < tokens_.size() ? tokens_[at_++] : std::string(); }
  const std::string& peek() const { return tokens_.at(at_); }
  bool done() const { return at_ == tokens_.size(); }

 private:
  std::vector<std::string> tokens_;
  std::size_t at_ = 0;
};

EfgNode parse_efg_node(EfgTokens& in) {
  EfgNode node;
  const std::string kind = in.next();
  node.kind = kind.empty() ? '?' : kind[0];
  in.next();  // node name
  if (node.kind == 't') {
    in.next();  // outcome number
    in.next();  // outcome name
    EXPECT_EQ(in.next(), "{");
    while (in.peek() != "}") node.payoffs.push_back(parse_rational(in.next()));
    in.next();
    return node;
  }
  if (node.kind == 'p') node.player = std::stoul(in.next());
  node.infoset = std::stoul(in.next());
  in.next();  // information set name
  EXPECT_EQ(in.next(), "{");
  std::size_t actions = 0;
  while (in.peek() != "}") {
    in.next();  // action label
    if (node.kind == 'c') node.probabilities.push_back(parse_rational(in.next()));
    ++actions;
  }
  in.next();
  EXPECT_EQ(in.next(), "0");  // no outcome at inner nodes
  for (std::size_t a = 0; a < actions; ++a) node.children.push_back(parse_efg_node(in));
  return node;
}

// Expected payoffs when each player i plays strategy s[i] (a map type -> report).
std::vector<Rational> play(const EfgNode& node, const std::vector<std::size_t>& s,
                           const std::vector<std::size_t>& types) {
  if (node.kind == 't') return node.payoffs;
  if (node.kind == 'p') {
    const std::size_t i = node.player - 1;
    return play(node.children.at(strategy_report(s[i], node.infoset - 1, types[i])), s, types);
  }
  std::vector<Rational> total(s.size(), Rational(0));
  for (std::size_t a = 0; a < node.children.size(); ++a) {
    const auto u = play(node.children[a], s, types);
    for (std::size_t i = 0; i < u.size(); ++i) total[i] += node.probabilities[a] * u[i];
  }
  return total;
}

TEST(GameExport, EfgTreePlaysLikeTheStrategicForm) {
  std::vector<Model<Rational>> models{
      model_from(kHandExample), model_from(kTiny), example("game-costly-report.json"),
      example("agv-appendix-e.json"), example("gvcg-interdependent.json")};
  for (const auto& model : models) {
    const auto& p = model.problem;
    EfgTokens in(to_efg(p, *model.mechanism));
    for (const char* head : {"EFG", "2", "R"}) EXPECT_EQ(in.next(), head);
    in.next();  // title
    EXPECT_EQ(in.next(), "{");
    for (const auto& agent : p.env.agents) EXPECT_EQ(in.next(), "\"" + agent);
    EXPECT_EQ(in.next(), "}");
    in.next();  // comment
    const EfgNode root = parse_efg_node(in);
    EXPECT_TRUE(in.done());
    ASSERT_EQ(root.kind, 'c');
    EXPECT_EQ(root.probabilities, p.p_profile);
    std::vector<std::size_t> types;
    for (std::size_t i = 0; i < p.agent_count(); ++i) types.push_back(p.type_count(i));
    const auto g = induced_game(p, *model.mechanism);
    for (std::size_t profile = 0; profile < g.game.profile_count(); ++profile) {
      const auto u = play(root, g.game.decode(profile), types);
      for (std::size_t i = 0; i < p.agent_count(); ++i) {
        EXPECT_EQ(u[i], g.game.payoff(profile, i)) << "profile " << profile << " agent " << i;
      }
    }
  }
}

bool same_game(const StrategicGame<Rational>& a, const StrategicGame<Rational>& b) {
  return a.title == b.title && a.players == b.players && a.strategies == b.strategies &&
         a.payoffs == b.payoffs;
}

TEST(GameExport, NfgRoundTrip) {
  std::vector<StrategicGame<Rational>> games;
  for (const char* name : {"game-costly-report.json", "game-vcg-two-bidders.json",
                           "agv-appendix-e.json", "gvcg-interdependent.json"}) {
    const auto model = example(name);
    games.push_back(induced_game(model.problem, *model.mechanism).game);
  }
  Rng rng = make_rng(7);
  for (int draw = 0; draw < 5; ++draw) {
    const auto p = random_private_values(rng, 2, 3, 2);
    games.push_back(induced_game(p, vcg(p)).game);
  }
  // Labels with quotes, backslashes, braces and non-ASCII text.
  StrategicGame<Rational> odd;
  odd.title = R"(a "quoted" \ title {x})";
  odd.players = {"P \"1\"", "Ω"};
  odd.strategies = {{"s,1", "}{"}, {"\\", ""}};
  odd.payoffs = {q(1, 3), q(-2), q(0), q(7, 5), q(-1, 9), q(4), q(5), q(6)};
  games.push_back(odd);
  for (const auto& game : games) {
    const auto back = read_nfg(to_nfg(game, "comment"));
    EXPECT_TRUE(same_game(game, back)) << game.title;
    EXPECT_EQ(to_nfg(back, "comment"), to_nfg(game, "comment"));
  }
}

TEST(GameImport, GambitSampleInBothVersions) {
  // The sample of Gambit's documentation (Selten 1975, figure 2) as payoffs
  // with strategy counts, and as outcomes with named strategies.
  const auto payoff_version = read_nfg(
      "NFG 1 R \"Selten (IJGT, 75), Figure 2, normal form\" { \"Player 1\" \"Player 2\" } "
      "{ 3 2 }\n\"\"\n\n1 1 0 2 0 2 1 1 0 3 2 0\n");
  const auto outcome_version = read_nfg(
      "NFG 1 R \"Selten (IJGT, 75), Figure 2, normal form\" { \"Player 1\" \"Player 2\" }\n\n"
      "{\n{ \"1\" \"2\" \"3\" }\n{ \"1\" \"2\" }\n}\n\n"
      "{\n{ \"\" 1, 1 }\n{ \"\" 0, 2 }\n{ \"\" 0, 2 }\n{ \"\" 1, 1 }\n{ \"\" 0, 3 }\n"
      "{ \"\" 2, 0 }\n}\n1 2 3 4 5 6\n");
  EXPECT_TRUE(same_game(payoff_version, outcome_version));
  EXPECT_EQ(payoff_version.strategies,
            (std::vector<std::vector<std::string>>{{"1", "2", "3"}, {"1", "2"}}));
  // Profile (row 3, column 1) is the 3rd: payoffs (0, 2).
  EXPECT_EQ(payoff_version.payoff(2, 0), 0);
  EXPECT_EQ(payoff_version.payoff(2, 1), 2);
  // Outcome 0 is the null outcome, decimals and fractions are exact.
  const auto decimals = read_nfg("NFG 1 D \"\" { \"a\" \"b\" } { 1 2 } { { \"o\" .5 -3/4 } } 1 0");
  EXPECT_EQ(decimals.payoffs, (std::vector<Rational>{q(1, 2), q(-3, 4), q(0), q(0)}));
}

TEST(GameImport, BadNfgFilesNameTheLineAndWhatWasExpected) {
  struct Case {
    const char* text;
    const char* pointer;
    const char* expected;  // part of the expected text
    const char* found;
  };
  const std::vector<Case> cases{
      {"", "line 1", "\"NFG\"", "end of file"},
      {"EFG 2 R", "line 1", "\"NFG\"", "\"EFG\""},
      {"NFG 2 R", "line 1", "version", "\"2\""},
      {"NFG 1 R title", "line 1", "title in double quotes", "\"title\""},
      {"NFG 1 R \"t\" { } { }", "line 1", "at least one player", "\"}\""},
      {"NFG 1 R \"t\" { \"a\" \"b\" }\n{ 2 }", "line 2", "number of strategies of player 2",
       "\"}\""},
      {"NFG 1 R \"t\" { \"a\" }\n{ 0 }", "line 2", "at least one strategy for player 1", "0"},
      {"NFG 1 R \"t\" { \"a\" }\n{ -1 }", "line 2", "number of strategies", "\"-1\""},
      {"NFG 1 R \"t\" { \"a\" \"b\" }\n{ 2 2 }\n\"\"\n1 2 3 4\n5 6 7", "line 5", "payoff 8 of 8",
       "end of file"},
      {"NFG 1 R \"t\" { \"a\" }\n{ 2 }\n1 2 3", "line 3", "end of the file after 2", "\"3\""},
      {"NFG 1 R \"t\" { \"a\" }\n{ 2 }\n1\nx", "line 4", "a number", "\"x\""},
      {"NFG 1 R \"t\" { \"a\" }\n{ 2 }\n1\n1/0", "line 4", "non-zero denominator", "\"1/0\""},
      {"NFG 1 R \"t\" { \"a\" }\n{ 2 }\n1\n1e99999", "line 4", "exponent", "\"1e99999\""},
      {"NFG 1 R \"t\" { \"a\" }\n{ 2 }\n\"unterminated\n1 2", "line 3", "closing '\"'",
       "end of file"},
      {"NFG 1 R \"t\" { \"a\" }\n{ { \"x\" } { \"y\" } }", "line 2", "\"}\" closing the strategy",
       "\"{\""},
      {"NFG 1 R \"t\" { \"a\" }\n{ { } }", "line 2", "at least one strategy for player 1", "\"}\""},
      {"NFG 1 R \"t\" { \"a\" \"b\" }\n{ 1000000000 1000000000 }", "line 2", "memory limit",
       "strategy profiles"},
      {"NFG 1 R \"t\" { \"a\" \"b\" } { 1 1 }\n{ { \"o\" 1 } }", "line 2",
       "outcome 1's payoff to player 2", "\"}\""},
      {"NFG 1 R \"t\" { \"a\" } { 2 }\n{ { \"o\" 1 } }\n1 2", "line 3",
       "outcome number of strategy "
       "profile 2",
       "\"2\""},
      {"NFG 1 R \"t\" { \"a\" } { 1 }\n{ { \"o\" 1 2 } }", "line 2", "\"}\" closing outcome 1",
       "\"2\""},
  };
  for (const auto& c : cases) {
    const auto e = test::input_error([&] { (void)read_nfg(c.text); });
    EXPECT_EQ(e.pointer(), c.pointer) << c.text;
    EXPECT_TRUE(contains(e.expected(), c.expected)) << c.text << "\n  expected: " << e.expected();
    EXPECT_TRUE(contains(e.found(), c.found)) << c.text << "\n  found: " << e.found();
  }
}

TEST(GameLimits, RefusesGamesBeyondTheMemoryLimitBeforeAllocating) {
  // Nine types: 9^9 = 387,420,489 strategies for one agent.
  std::string types;
  std::string zeros;
  std::string uniform;
  for (int j = 0; j < 9; ++j) {
    types += fmt::format("{}\"t{}\"", j > 0 ? ", " : "", j);
    zeros += j > 0 ? ", 0" : "0";
    uniform += j > 0 ? ", \"1/9\"" : "\"1/9\"";
  }
  const auto model = model_from(fmt::format(
      R"({{"model": "mechanism", "version": 1, "alternatives": ["x"],
          "agents": [{{"name": "a", "types": [{}], "values": {{"x": [{}]}}}},
                     {{"name": "b", "types": ["-"], "values": {{"x": [0]}}}}],
          "prior": {{"independent": [[{}], [1]]}},
          "mechanism": {{"outcome": "efficient", "transfers": "none"}}}})",
      types, zeros, uniform));
  auto e = test::input_error([&] { (void)induced_game(model.problem, *model.mechanism); });
  EXPECT_EQ(e.pointer(), "/agents");
  EXPECT_TRUE(contains(e.expected(), "memory limit")) << e.expected();
  EXPECT_TRUE(contains(e.found(), "387420489 strategy profiles")) << e.found();
  // A small game passes the default limit but not a 1 KiB one.
  const auto small = example("game-costly-report.json");
  e = test::input_error([&] { (void)induced_game(small.problem, *small.mechanism, 1024); });
  EXPECT_EQ(e.pointer(), "/agents");
  e = test::input_error([&] { (void)to_efg(small.problem, *small.mechanism, 256); });
  EXPECT_TRUE(contains(e.expected(), "extensive form")) << e.expected();
}

TEST(GameLimits, LongLoopsHonourTheTimeLimit) {
  Rng rng = make_rng(3);
  const auto p = random_private_values(rng, 3, 3, 2);
  const auto m = vcg(p);
  Progress expired(Progress::Options{1e-9, false});
  EXPECT_THROW((void)induced_game(p, m, io::kDefaultMemoryLimit, expired), TimeLimitExceeded);
  const auto g = induced_game(p, m);
  EXPECT_THROW((void)pure_equilibria(g.game, g.truthful_profile, expired), TimeLimitExceeded);
  EXPECT_THROW((void)to_efg(p, m, io::kDefaultMemoryLimit, expired), TimeLimitExceeded);
}

// ---------------------------------------------------------------------------
// Cross-check with lrsnash (Debian's lrslib, "lrsnash:lrslib v.7.1").
//
// Output format, verified on this version: after comment lines starting with
// '*', the equilibria come in blocks separated by blank lines. A line
// "2 y_1 .. y_n v" is a mixed strategy of player 2 with player 1's payoff v; a
// line "1 x_1 .. x_m w" one of player 1 with player 2's payoff w. In a
// degenerate game one block lists several strategies of a player that all pair
// with the others in the block: every pair (x, y) of a block is an extreme
// equilibrium, and "*Number of equilibria found: N" counts those pairs (the
// parser checks that count). A pure equilibrium (e_r, e_c) is always extreme:
// e_r is a vertex of player 1's best-response polytope (m − 1 zero coordinates
// plus the best-response facet of column c), so lrsnash lists every pure
// equilibrium, and its pure pairs must be exactly mechlab's.
//
// Payoffs need not be positive: lrsnash 7.1 normalises the matrices itself and
// prints the payoffs of the game it was given. The test checks this too, by
// running the same game shifted by a constant (equilibria unchanged, printed
// payoffs shifted). Inputs are exact rationals: lrsnash 7.1 reads "0.5" as 0.

struct LrsEquilibria {
  // (row, column) -> (player 1's payoff, player 2's payoff)
  std::map<std::pair<std::size_t, std::size_t>, std::pair<Rational, Rational>> pure;
  std::size_t pairs = 0;
};

constexpr const char* kLrsnash = "/usr/bin/lrsnash";

std::string run_lrsnash(const std::string& input) {
  static int counter = 0;
  const std::string path =
      fmt::format("{}/mechlab-game-{}-{}.lrs", testing::TempDir(), ::getpid(), ++counter);
  {
    std::ofstream out(path);
    out << input;
  }
  const std::string command = fmt::format("{} {} 2>&1", kLrsnash, path);
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) {
    ADD_FAILURE() << "cannot run " << command;
    return {};
  }
  std::string output;
  char buffer[4096];
  std::size_t got = 0;
  while ((got = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, got);
  const int status = ::pclose(pipe);
  EXPECT_EQ(status, 0) << output;
  std::remove(path.c_str());
  return output;
}

// x as a pure strategy (the index of its 1), if it is one.
std::optional<std::size_t> pure_index(const std::vector<Rational>& x) {
  std::optional<std::size_t> index;
  for (std::size_t k = 0; k < x.size(); ++k) {
    if (x[k] == 1) {
      if (index) return std::nullopt;
      index = k;
    } else if (x[k] != 0) {
      return std::nullopt;
    }
  }
  return index;
}

LrsEquilibria parse_lrsnash(const std::string& output, std::size_t rows, std::size_t cols) {
  LrsEquilibria out;
  std::optional<std::size_t> reported;
  // One block: player 1's strategies X (with player 2's payoffs), player 2's Y.
  std::vector<std::pair<std::vector<Rational>, Rational>> xs;
  std::vector<std::pair<std::vector<Rational>, Rational>> ys;
  auto close_block = [&] {
    for (const auto& [x, w] : xs) {
      for (const auto& [y, v] : ys) {
        ++out.pairs;
        const auto r = pure_index(x);
        const auto c = pure_index(y);
        if (r && c) out.pure[{*r, *c}] = {v, w};
      }
    }
    if (xs.empty() != ys.empty()) ADD_FAILURE() << "a block with one side only:\n" << output;
    xs.clear();
    ys.clear();
  };
  std::istringstream in(output);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string head;
    if (!(fields >> head)) {
      close_block();
      continue;
    }
    if (head[0] == '*') {
      const std::string marker = "*Number of equilibria found:";
      if (line.rfind(marker, 0) == 0) reported = std::stoul(line.substr(marker.size()));
      continue;
    }
    std::vector<Rational> numbers;
    std::string token;
    while (fields >> token) numbers.push_back(parse_rational(token));
    const std::size_t size = head == "1" ? rows : cols;
    if ((head != "1" && head != "2") || numbers.size() != size + 1) {
      ADD_FAILURE() << "unexpected lrsnash line: " << line;
      continue;
    }
    const Rational payoff = numbers.back();
    numbers.pop_back();
    (head == "1" ? xs : ys).emplace_back(std::move(numbers), payoff);
  }
  close_block();
  EXPECT_TRUE(reported.has_value()) << output;
  if (reported) EXPECT_EQ(*reported, out.pairs) << output;
  return out;
}

// The pure equilibria lrsnash finds in the exported game are exactly mechlab's,
// with the same payoffs. Returns the number of pure equilibria.
std::size_t cross_check(const StrategicGame<Rational>& game, const std::string& what) {
  const std::size_t rows = game.strategy_count(0);
  const std::size_t cols = game.strategy_count(1);
  const auto lrs = parse_lrsnash(run_lrsnash(to_lrs(game)), rows, cols);
  const auto mine = pure_equilibria(game);
  std::map<std::pair<std::size_t, std::size_t>, std::pair<Rational, Rational>> expected;
  for (const auto& c : mine.equilibria) {
    expected[{c.strategies[0], c.strategies[1]}] = {c.payoffs[0], c.payoffs[1]};
  }
  EXPECT_EQ(lrs.pure, expected) << what << "\n" << to_lrs(game);
  EXPECT_GE(lrs.pairs, lrs.pure.size()) << what;
  return expected.size();
}

bool have_lrsnash() { return ::access(kLrsnash, X_OK) == 0; }

TEST(GameLrsnash, PureEquilibriaAgreeOnExamples) {
  if (!have_lrsnash()) GTEST_SKIP() << kLrsnash << " not found (Debian package lrslib)";
  for (const char* name : {"game-vcg-two-bidders.json", "game-costly-report.json"}) {
    const auto model = example(name);
    const auto g = induced_game(model.problem, *model.mechanism);
    EXPECT_GT(cross_check(g.game, name), 0U) << name;
  }
  // VCG with three values per bidder (27 × 27 strategies, very degenerate).
  const auto vcg3 = model_from(R"({
    "model": "mechanism", "version": 1, "alternatives": ["keep", "to b1", "to b2"],
    "agents": [{"name": "b1", "types": ["1", "2", "3"],
                "values": {"keep": [0, 0, 0], "to b1": [1, 2, 3], "to b2": [0, 0, 0]}},
               {"name": "b2", "types": ["1", "2", "3"],
                "values": {"keep": [0, 0, 0], "to b1": [0, 0, 0], "to b2": [1, 2, 3]}}],
    "prior": {"independent": [["1/3", "1/3", "1/3"], ["1/2", "1/4", "1/4"]]},
    "mechanism": {"outcome": "efficient", "transfers": "vcg"}})");
  const auto g = induced_game(vcg3.problem, *vcg3.mechanism);
  EXPECT_GT(cross_check(g.game, "vcg 3 values"), 0U);
}

TEST(GameLrsnash, NonPositivePayoffsNeedNoShift) {
  if (!have_lrsnash()) GTEST_SKIP() << kLrsnash << " not found (Debian package lrslib)";
  const auto model = example("game-costly-report.json");
  const auto game = induced_game(model.problem, *model.mechanism).game;
  ASSERT_TRUE(std::any_of(game.payoffs.begin(), game.payoffs.end(),
                          [](const Rational& x) { return x <= 0; }));
  auto shifted = game;
  for (auto& x : shifted.payoffs) x += 100;
  const auto plain = parse_lrsnash(run_lrsnash(to_lrs(game)), 4, 4);
  const auto moved = parse_lrsnash(run_lrsnash(to_lrs(shifted)), 4, 4);
  ASSERT_EQ(plain.pure.size(), moved.pure.size());
  for (const auto& [profile, payoffs] : plain.pure) {
    ASSERT_EQ(moved.pure.count(profile), 1U);
    EXPECT_EQ(moved.pure.at(profile).first, payoffs.first + 100);
    EXPECT_EQ(moved.pure.at(profile).second, payoffs.second + 100);
  }
}

// Two agents, random types (1–3 each), a random correlated prior with full
// support, a random deterministic outcome table and random exact transfers.
Model<Rational> random_table_mechanism(Rng& rng) {
  std::uniform_int_distribution<int> small(-3, 3);
  std::uniform_int_distribution<int> den(1, 4);
  std::uniform_int_distribution<std::size_t> types(1, 3);
  const std::size_t alternatives = 3;
  Environment<Rational> env;
  env.alternatives = {"x", "y", "z"};
  for (std::size_t i = 0; i < 2; ++i) {
    env.agents.push_back(fmt::format("a{}", i + 1));
    const std::size_t m = types(rng);
    std::vector<std::string> labels;
    for (std::size_t j = 0; j < m; ++j) labels.push_back(fmt::format("t{}", j));
    env.types.push_back(labels);
    std::vector<Rational> v;
    for (std::size_t k = 0; k < alternatives * m; ++k) v.push_back(q(small(rng), den(rng)));
    env.values.push_back(v);
  }
  const std::size_t profiles = env.types[0].size() * env.types[1].size();
  Rational total = 0;
  for (std::size_t t = 0; t < profiles; ++t) {
    env.prior.emplace_back(den(rng));
    total += env.prior.back();
  }
  for (auto& x : env.prior) x /= total;
  Model<Rational> model{prepare(std::move(env)), Mechanism<Rational>{}};
  auto& m = *model.mechanism;
  m.name = "random";
  m.outcome.assign(profiles * alternatives, Rational(0));
  for (std::size_t t = 0; t < profiles; ++t) {
    m.outcome[t * alternatives + std::uniform_int_distribution<std::size_t>(0, 2)(rng)] = 1;
  }
  m.transfers.assign(2, std::vector<Rational>(profiles));
  for (auto& x : m.transfers) {
    for (auto& v : x) v = q(small(rng), den(rng));
  }
  return model;
}

TEST(GameLrsnash, PureEquilibriaAgreeOnRandomMechanisms) {
  if (!have_lrsnash()) GTEST_SKIP() << kLrsnash << " not found (Debian package lrslib)";
  Rng rng = make_rng(42);
  std::size_t with_equilibria = 0;
  for (int draw = 0; draw < 25; ++draw) {
    const auto model = random_table_mechanism(rng);
    const auto g = induced_game(model.problem, *model.mechanism);
    if (cross_check(g.game, fmt::format("draw {}", draw)) > 0) ++with_equilibria;
  }
  EXPECT_GT(with_equilibria, 0U);  // the comparison is not vacuous
}

}  // namespace
}  // namespace mechlab::mechanism
