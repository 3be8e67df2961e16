#include "mechlab/disclosure/report.hpp"

#include <gtest/gtest.h>

#include <bit>
#include <cstddef>
#include <string>
#include <vector>

#include "support.hpp"

namespace mechlab::disclosure {
namespace {

using test::contains;
using test::q;

// W from a predicate on coalitions of n members.
template <class F>
Protocol protocol_of(std::size_t n, const std::string& name, F wins) {
  Protocol p;
  p.members = n;
  p.name = name;
  p.winning.assign(std::size_t{1} << n, false);
  for (Coalition s = 0; s < p.winning.size(); ++s) p.winning[s] = wins(s);
  return p;
}

// Spec T3: N = 2, Ω_i = {0, 1, 2}, F(a, b) = (1 + 2·1[a = b] + a)/24.
template <class T>
Team<T> t3_team() {
  Team<T> team;
  team.members = {"ann", "bob"};
  team.values = {{T(0), T(1), T(2)}, {T(0), T(1), T(2)}};
  for (long a = 0; a < 3; ++a) {
    for (long b = 0; b < 3; ++b) {
      team.prior.push_back(NumberTraits<T>::from_rational(q(1 + (a == b ? 2 : 0) + a, 24)));
    }
  }
  return team;
}

const std::vector<std::string> kThree = {"ann", "bob", "cy"};

TEST(DisclosureReport, MinimalWinningCoalitions) {
  const auto majority =
      protocol_of(3, "majority K=2", [](Coalition s) { return std::popcount(s) >= 2; });
  EXPECT_EQ(minimal_winning(majority), (std::vector<Coalition>{3, 5, 6}));
  const auto mixed = protocol_of(3, "ann, or bob and cy",
                                 [](Coalition s) { return (s & 1U) != 0 || (s & 6U) == 6U; });
  EXPECT_EQ(minimal_winning(mixed), (std::vector<Coalition>{1, 6}));
  const auto unanimity = protocol_of(3, "unanimity", [](Coalition s) { return s == 7; });
  EXPECT_EQ(minimal_winning(unanimity), (std::vector<Coalition>{7}));
}

TEST(DisclosureReport, ProtocolTableShowsRmcAndTheLemma1Coalition) {
  // Majority K = 2 of 3 is not RMC (2K < N + 2, erratum Z1): I = {ann, bob}.
  ProtocolSummary majority{"majority K=2", {3, 5, 6}, {false, false, false}, false, 3};
  ProtocolSummary unilateral{"unilateral", {1, 2, 4}, {true, true, true}, false, 1};
  ProtocolSummary unanimity{"unanimity", {7}, {false, false, false}, true, std::nullopt};
  const std::vector<ProtocolSummary> all = {majority, unilateral, unanimity};
  const auto j = protocols_json(kThree, all);
  ASSERT_EQ(j["protocols"].size(), 3U);
  EXPECT_EQ(j["protocols"][0]["minimal_winning"][2], nlohmann::json({"bob", "cy"}));
  EXPECT_EQ(j["protocols"][0]["discloses_alone"], nlohmann::json::array());
  EXPECT_EQ(j["protocols"][0]["lemma1_coalition"], nlohmann::json({"ann", "bob"}));
  EXPECT_EQ(j["protocols"][1]["discloses_alone"], nlohmann::json(kThree));
  EXPECT_TRUE(j["protocols"][2]["requires_more_consensus"].get<bool>());
  EXPECT_TRUE(j["protocols"][2]["lemma1_coalition"].is_null());
  const std::string text = protocols_text(kThree, all);
  EXPECT_TRUE(contains(text, "{ann, bob}, {ann, cy}, {bob, cy}")) << text;
  EXPECT_TRUE(contains(text, "nobody")) << text;
  EXPECT_TRUE(contains(text, "everyone")) << text;
  EXPECT_TRUE(contains(text, "{ann, bob, cy}")) << text;
}

TEST(DisclosureReport, OutcomeNamesPutMemberZeroSlowest) {
  const auto team = t3_team<Rational>();
  EXPECT_EQ(outcome_name(team, 0), "(ann=0, bob=0)");
  EXPECT_EQ(outcome_name(team, 5), "(ann=1, bob=2)");
  EXPECT_EQ(outcome_name(team, 6), "(ann=2, bob=0)");
}

template <class T>
void expect_vote_texts() {
  const auto team = t3_team<T>();
  const T half = NumberTraits<T>::from_rational(q(1, 2));
  EXPECT_EQ(vote_text(team, 0, {T(0), T(1), T(1)}), "votes yes iff ω_ann ≥ 1");
  EXPECT_EQ(vote_text(team, 1, {T(0), T(0), T(1)}), "votes yes iff ω_bob ≥ 2");
  EXPECT_EQ(vote_text(team, 0, {T(1), T(1), T(1)}), "always votes yes");
  EXPECT_EQ(vote_text(team, 0, {T(0), T(0), T(0)}), "always votes no");
  EXPECT_EQ(vote_text(team, 0, {T(0), half, T(1)}),
            std::string("votes yes iff ω_ann ≥ 2; at ω_ann = 1 yes with probability ") +
                (NumberTraits<T>::exact ? "1/2" : "0.5"));
  EXPECT_TRUE(contains(vote_text(team, 0, {T(0), T(0), half}), "votes no unless ω_ann = 2"));
  EXPECT_TRUE(contains(vote_text(team, 0, {T(1), T(0), T(1)}), "not a threshold"));
}

TEST(DisclosureReport, VotesReadAsThresholds) {
  expect_vote_texts<Rational>();
  expect_vote_texts<double>();
}

// Spec T3 under the consensual protocol: full disclosure and the interior
// equilibrium concealing {(0,0),(0,1),(0,2),(1,0),(2,0)} with ω^ND = (4/5, 3/10).
std::vector<Equilibrium<Rational>> t3_consensual() {
  Equilibrium<Rational> full;
  full.disclosure.assign(9, q(1));
  full.votes = {{q(1), q(1), q(1)}, {q(1), q(1), q(1)}};
  full.belief_box = {{q(0), q(1)}, {q(0), q(2)}};
  full.kind = DisclosureKind::full;
  full.consistent_with_deliberation = false;
  Equilibrium<Rational> interior;
  interior.disclosure.assign(9, q(1));
  for (const std::size_t cell : std::vector<std::size_t>{0, 1, 2, 3, 6})
    interior.disclosure[cell] = q(0);
  interior.votes = {{q(0), q(1), q(1)}, {q(0), q(1), q(1)}};
  interior.prob_no_disclosure = q(5, 12);
  interior.posterior = {q(4, 5), q(3, 10)};
  interior.kind = DisclosureKind::interior;
  interior.consistent_with_deliberation = true;
  return {full, interior};
}

TEST(DisclosureReport, EquilibriaOfT3ConsensualAsJson) {
  const auto team = t3_team<Rational>();
  const auto unanimity = protocol_of(2, "unanimity", [](Coalition s) { return s == 3; });
  const auto j = equilibria_json(team, unanimity, t3_consensual());
  EXPECT_EQ(j["protocol"], "unanimity");
  EXPECT_EQ(j["count"], 2);
  const auto& fd = j["equilibria"][0];
  EXPECT_EQ(fd["kind"], "full");
  EXPECT_TRUE(fd["posterior"].is_null());
  EXPECT_EQ(fd["belief_box"]["bob"]["high"]["exact"], "2");
  EXPECT_EQ(fd["concealed"].size(), 0U);
  EXPECT_FALSE(fd["consistent_with_deliberation"].get<bool>());
  const auto& in = j["equilibria"][1];
  EXPECT_EQ(in["kind"], "interior");
  EXPECT_EQ(in["prob_no_disclosure"]["exact"], "5/12");
  EXPECT_EQ(in["posterior"]["ann"]["exact"], "4/5");
  EXPECT_EQ(in["posterior"]["bob"]["exact"], "3/10");
  EXPECT_TRUE(in["belief_box"].is_null());
  ASSERT_EQ(in["concealed"].size(), 5U);
  EXPECT_EQ(in["concealed"][3]["name"], "(ann=1, bob=0)");
  EXPECT_EQ(in["concealed"][4]["outcome"]["ann"]["exact"], "2");
  EXPECT_EQ(in["votes"][1]["rule"], "votes yes iff ω_bob ≥ 1");
  EXPECT_EQ(in["votes"][1]["probabilities"][0]["exact"], "0");
  EXPECT_TRUE(in["witness_votes"].is_null());
  EXPECT_TRUE(in["family"].is_null());
}

TEST(DisclosureReport, EquilibriaOfT3ConsensualAsText) {
  const auto team = t3_team<Rational>();
  const auto unanimity = protocol_of(2, "unanimity", [](Coalition s) { return s == 3; });
  const std::string text = equilibria_text(team, unanimity, t3_consensual());
  EXPECT_TRUE(contains(text, "protocol unanimity: 2 equilibrium classes")) << text;
  EXPECT_TRUE(contains(text, "#1 full disclosure (pure)")) << text;
  EXPECT_TRUE(contains(text, "off path: ω^ND_ann ∈ [0, 1], ω^ND_bob ∈ [0, 2]")) << text;
  EXPECT_TRUE(contains(text, "#2 interior (partial) disclosure (pure)")) << text;
  EXPECT_TRUE(contains(text, "P(ND) = 5/12; ω^ND = (ann: 4/5, bob: 3/10)")) << text;
  EXPECT_TRUE(contains(text,
                       "concealed: (ann=0, bob=0), (ann=0, bob=1), (ann=0, bob=2), (ann=1, "
                       "bob=0), (ann=2, bob=0)\n"))
      << text;
  EXPECT_TRUE(contains(text, "ann votes yes iff ω_ann ≥ 1")) << text;
  EXPECT_TRUE(contains(text, "consistent with deliberation: no")) << text;
  // Figure 1(c): every outcome but those where both are high is grey.
  EXPECT_TRUE(contains(text,
                       "  grid (rows: ann's outcome, columns: bob's; # concealed, + mixed, . "
                       "disclosed):\n"
                       "      0 1 2\n"
                       "    0 # # #\n"
                       "    1 # . .\n"
                       "    2 # . .\n"))
      << text;
}

TEST(DisclosureReport, MixingFamilyAndLemma1WitnessAreShown) {
  // Leader ann in T3: d = 1/2 on {ω_ann = 0}, a family in α with the same beliefs (0, 3/5).
  const auto team = t3_team<Rational>();
  const auto leader = protocol_of(2, "leader ann", [](Coalition s) { return (s & 1U) != 0; });
  Equilibrium<Rational> family;
  family.disclosure.assign(9, q(1));
  for (std::size_t cell = 0; cell < 3; ++cell) family.disclosure[cell] = q(1, 2);
  family.votes = {{q(1, 2), q(1), q(1)}, {q(0), q(1), q(1)}};
  family.prob_no_disclosure = q(5, 48);
  family.posterior = {q(0), q(3, 5)};
  family.kind = DisclosureKind::partial;
  family.mixed = true;
  family.degenerate = true;
  family.family = "d = α on {ω_ann = 0}, α ∈ (0, 1)";
  family.consistent_with_deliberation = true;
  Equilibrium<Rational> fd;
  fd.disclosure.assign(9, q(1));
  fd.votes = {{q(1), q(1), q(1)}, {q(1), q(1), q(1)}};
  fd.belief_box = {{q(0), q(0)}, {q(0), q(2)}};
  fd.consistent_with_deliberation = true;
  fd.witness_votes = std::vector<std::vector<Rational>>{{q(0), q(1), q(1)}, {q(1), q(1), q(1)}};
  const std::vector<Equilibrium<Rational>> list = {fd, family};
  const auto j = equilibria_json(team, leader, list);
  EXPECT_EQ(j["equilibria"][0]["witness_votes"][0]["rule"], "votes yes iff ω_ann ≥ 1");
  EXPECT_EQ(j["equilibria"][0]["witness_votes"][1]["rule"], "always votes yes");
  EXPECT_EQ(j["equilibria"][1]["family"], family.family);
  EXPECT_EQ(j["equilibria"][1]["concealed"][0]["disclosure"]["exact"], "1/2");
  const std::string text = equilibria_text(team, leader, list);
  EXPECT_TRUE(contains(text, "#2 partial disclosure (mixed, a one-parameter family)")) << text;
  EXPECT_TRUE(contains(text, "family: d = α on {ω_ann = 0}, α ∈ (0, 1)")) << text;
  EXPECT_TRUE(contains(text, "(ann=0, bob=0) with d = 1/2")) << text;
  EXPECT_TRUE(contains(text, "Lemma 1 witness votes:\n    ann votes yes iff ω_ann ≥ 1\n")) << text;
  EXPECT_TRUE(contains(text, "ann votes yes iff ω_ann ≥ 1; at ω_ann = 0 yes with probability 1/2"))
      << text;
}

// Spec T4, self-improving: FD gains (1/2, 1/2) and the consensual interior
// equilibrium's (1/4, 1/4) = 1/2 − (5/8)(2/3 − 4/15); team-improving FD (0, 0).
std::vector<EffortGains<Rational>> t4_gains() {
  EffortGains<Rational> fd;
  fd.gain = {q(1, 2), q(1, 2)};
  fd.delta_mean = fd.gain;
  fd.prob_nd_shirk = {q(0), q(0)};
  fd.mean_nd_full = {q(0), q(0)};
  EffortGains<Rational> interior;
  interior.gain = {q(1, 4), q(1, 4)};
  interior.delta_mean = {q(1, 2), q(1, 2)};
  interior.prob_nd_shirk = {q(5, 8), q(5, 8)};
  interior.mean_nd_full = {q(2, 3), q(2, 3)};
  interior.mean_nd_shirk = {q(4, 15), q(4, 15)};
  EffortGains<Rational> team_fd;
  team_fd.gain = {q(0), q(0)};
  return {fd, interior, team_fd};
}

TEST(DisclosureReport, FullEffortBoxContainsTheCostsOrNot) {
  const auto gains = t4_gains();
  for (std::size_t k = 0; k < gains.size(); ++k) {
    const Rational upper = gains[k].gain[0];
    EXPECT_EQ(full_effort_box_empty(gains[k]), k == 2);
    EXPECT_EQ(implements_full_effort(gains[k], {q(1, 5), q(1, 5)}), k < 2);
    // The box is closed above: c_i = G_i is implemented.
    EXPECT_EQ(implements_full_effort(gains[k], {upper, upper}), k < 2);
    EXPECT_EQ(implements_full_effort(gains[k], {upper + q(1, 1000), q(1, 1000)}), false);
  }
  EXPECT_FALSE(implements_full_effort(gains[0], {q(1, 5)}));  // wrong size
}

TEST(DisclosureReport, EffortGainsTableAndJson) {
  auto team = t3_team<Rational>();
  auto eqs = t3_consensual();
  eqs.push_back(eqs[0]);
  const std::vector<Rational> costs = {q(3, 10), q(3, 10)};
  const auto j = effort_json(team, eqs, t4_gains(), costs);
  EXPECT_EQ(j["costs"]["bob"]["exact"], "3/10");
  const auto& in = j["equilibria"][1];
  EXPECT_EQ(in["kind"], "interior");
  EXPECT_EQ(in["members"]["ann"]["gain"]["exact"], "1/4");
  EXPECT_EQ(in["members"]["ann"]["mean_nd_shirk"]["exact"], "4/15");
  EXPECT_FALSE(in["full_effort_box"]["empty"].get<bool>());
  EXPECT_EQ(in["full_effort_box"]["upper"]["bob"]["exact"], "1/4");
  EXPECT_FALSE(in["costs_in_box"].get<bool>());
  EXPECT_TRUE(j["equilibria"][0]["costs_in_box"].get<bool>());
  EXPECT_TRUE(j["equilibria"][0]["members"]["ann"]["mean_nd_shirk"].is_null());
  EXPECT_TRUE(j["equilibria"][2]["full_effort_box"]["empty"].get<bool>());
  EXPECT_TRUE(j["equilibria"][2]["full_effort_box"]["upper"].is_null());
  EXPECT_TRUE(effort_json(team, eqs, t4_gains(), {})["equilibria"][0]["costs_in_box"].is_null());
  const std::string text = effort_text(team, eqs, t4_gains(), costs);
  EXPECT_TRUE(contains(text, "#1 fe(d) = (0, 1/2] × (0, 1/2]; the costs are in it\n")) << text;
  EXPECT_TRUE(contains(text, "#2 fe(d) = (0, 1/4] × (0, 1/4]; the costs are not in it\n")) << text;
  EXPECT_TRUE(contains(text, "#3 fe(d) = empty (some G_i ≤ 0); the costs are not in it")) << text;
  EXPECT_TRUE(contains(text, "4/15")) << text;
  EXPECT_TRUE(contains(text, "costs: ann: 3/10, bob: 3/10")) << text;
}

// Spec T7 baseline: full effort p = .5, q = .51; deviation all .5.
BinaryEffortModel t7(std::size_t n) {
  return {n, q(1, 2), q(51, 100), q(51, 100), q(1, 2), q(1, 2), q(1, 2), q(1, 2)};
}

TEST(DisclosureReport, KMajorityTableMarksEveryTie) {
  const std::vector<Rational> tied = {q(1, 100), q(1, 50), q(1, 50), q(1, 200)};
  EXPECT_EQ(optimal_consensus(tied), (std::vector<std::size_t>{2, 3}));
  const auto j = k_majority_json(t7(4), tied);
  EXPECT_EQ(j["k_star"], nlohmann::json({2, 3}));
  EXPECT_EQ(j["gains"][3]["K"], 4);
  EXPECT_EQ(j["gains"][3]["gain"]["exact"], "1/200");
  EXPECT_EQ(j["parameters"]["qT1"]["exact"], "51/100");
  const std::string text = k_majority_text(t7(4), tied);
  EXPECT_TRUE(contains(text, "N = 4: p1 = 1/2, qT1 = 51/100")) << text;
  EXPECT_TRUE(contains(text, "K* = 2, 3\n")) << text;
  // The T7 row for N = 4 in double precision: K* = 2.
  const std::vector<double> n4 = {0.01, 0.0103030804, 0.0086487189, 0.0052198793};
  EXPECT_EQ(optimal_consensus(n4), (std::vector<std::size_t>{2}));
  EXPECT_TRUE(contains(k_majority_text(t7(4), n4), "0.0103030804")) << k_majority_text(t7(4), n4);
  EXPECT_EQ(optimal_consensus(std::vector<double>{0.01, 0.0080079681}),
            (std::vector<std::size_t>{1}));
}

}  // namespace
}  // namespace mechlab::disclosure
