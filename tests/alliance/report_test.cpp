#include "mechlab/alliance/report.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "alliance/fixtures.hpp"
#include "support.hpp"

namespace mechlab::alliance {
namespace {

using mechlab::test::contains;
using mechlab::test::q;
using test::necessity_counterexample;
using test::section51;

template <class T>
AllianceModel<T> named(Alliance<T> alliance, std::vector<std::string> players,
                       std::string name = "test") {
  AllianceModel<T> model;
  model.name = std::move(name);
  model.players = std::move(players);
  model.alliance = std::move(alliance);
  return model;
}

AllianceModel<Rational> counterexample_model() {
  return named(necessity_counterexample(), {"a", "b", "c", "d", "e", "hawk"});
}

TEST(AllianceReport, SolveShowsTheTheoremTwoErratum) {
  // Spec §4.4: c_6 = 17/60 > 2/(n+2) = 1/4, so Theorem 2 fails (slack_high =
  // −1/30) while every exact gain is negative: the paper's "only if" fails.
  const auto report = solve_report(counterexample_model());
  const auto json = solve_json(report);
  EXPECT_EQ(json["model"]["players"][5]["effective_bias"]["exact"], "17/60");
  EXPECT_EQ(json["model"]["players"][5]["type"], "1-type");
  EXPECT_EQ(json["model"]["mean_bias"]["exact"], "1/30");
  EXPECT_EQ(json["theorem2"]["label"], "paper condition");
  EXPECT_FALSE(json["theorem2"]["holds"]);
  EXPECT_EQ(json["theorem2"]["slack_high"]["exact"], "-1/30");
  EXPECT_EQ(json["theorem2"]["highest"], "hawk");
  EXPECT_TRUE(json["theorem2"]["eq5"]["holds"]);
  EXPECT_TRUE(json["exact"]["fully_revealing"]);
  EXPECT_EQ(json["exact"]["gains"][5]["signal_0"]["exact"], "-17203/1473746400");
  EXPECT_EQ(json["exact"]["gains"][0]["signal_0"]["exact"], "-377/181440");
  EXPECT_EQ(json["exact"]["certificate"]["kind"], "tightest constraint");
  EXPECT_EQ(json["exact"]["certificate"]["witness"].size(), 6U);
  EXPECT_TRUE(json["disagree"]);
  EXPECT_TRUE(contains(json["erratum"].get<std::string>(), "only if"));
  // x*(0) = (13/120 ×5, 49/120), x*(5) = (281/380 ×5, 1) with the hawk capped.
  EXPECT_EQ(json["policies"][0]["actions"]["a"]["exact"], "13/120");
  EXPECT_EQ(json["policies"][0]["actions"]["hawk"]["exact"], "49/120");
  EXPECT_EQ(json["policies"][5]["actions"]["a"]["exact"], "281/380");
  EXPECT_EQ(json["policies"][5]["binding"]["hawk"], "upper");
  EXPECT_EQ(json["policies"][5]["binding"]["a"], "free");
  const std::string text = solve_text(report);
  EXPECT_TRUE(contains(text, "Theorem 2 (paper condition)"));
  EXPECT_TRUE(contains(text, "A5 (exact): full revelation holds"));
  EXPECT_TRUE(contains(text, "1 (hi)"));
  EXPECT_TRUE(contains(text, "DISAGREEMENT — paper erratum"));
  EXPECT_TRUE(contains(text, "(n−1)η = 7/2 > 3"));
}

TEST(AllianceReport, SolveReportsAProfitableDeviation) {
  // With b_6 = 3/50 the hawk gains G_6(0) = 1683/202160000 (spec §4.4): both
  // verdicts fail, no disagreement.
  const auto report =
      solve_report(named(necessity_counterexample(q(3, 50)), {"a", "b", "c", "d", "e", "hawk"}));
  const auto json = solve_json(report);
  EXPECT_FALSE(json["exact"]["fully_revealing"]);
  EXPECT_EQ(json["exact"]["certificate"]["kind"], "profitable deviation");
  EXPECT_EQ(json["exact"]["certificate"]["player"], "hawk");
  EXPECT_EQ(json["exact"]["certificate"]["signal"], 0);
  EXPECT_EQ(json["exact"]["certificate"]["gain"]["exact"], "1683/202160000");
  EXPECT_FALSE(json["disagree"]);
  EXPECT_TRUE(json["erratum"].is_null());
  EXPECT_FALSE(contains(solve_text(report), "DISAGREEMENT"));
}

TEST(AllianceReport, HandBuiltSufficiencyFailureIsAFinding) {
  // Never observed (spec §3.6): Theorem 2 holding while A5 fails must be
  // reported as a finding, not as the known erratum.
  auto report = solve_report(counterexample_model());
  report.revelation.paper.holds = true;
  report.revelation.exact.fully_revealing = false;
  report.revelation.disagree = true;
  const std::string text = solve_text(report);
  EXPECT_TRUE(contains(text, "DISAGREEMENT — finding"));
  EXPECT_TRUE(contains(solve_json(report)["erratum"].get<std::string>(), "sufficiency"));
}

TEST(AllianceReport, ManyPlayersShowOnlyThePivotalColumns) {
  std::vector<Rational> biases;
  std::vector<std::string> players;
  for (long i = 0; i < 12; ++i) {
    biases.push_back(q(i, 1000));
    players.push_back(fmt::format("p{}", i));
  }
  const auto text =
      solve_text(solve_report(named(paper_alliance<Rational>(q(1, 10), biases), players)));
  EXPECT_TRUE(contains(text, "the pivotal players only"));
  EXPECT_TRUE(contains(text, "p11"));
}

TEST(AllianceReport, TruthfulSetRendersTheoremOne) {
  // T = {a, hawk}: t = 2, E = (k+1)/4; truthful a plays E + c_a with
  // c_a = 15·3/100 − 14/30 = −1/60, so 7/30 at k = 0.
  auto model = counterexample_model();
  model.truthful = std::vector<bool>{true, false, false, false, false, true};
  const auto policies = theorem1_policies(model.alliance, *model.truthful);
  ASSERT_EQ(policies.size(), 3U);
  const Rendered r =
      render_truthful_set(model, policies, verify_truthful_set(model.alliance, *model.truthful));
  EXPECT_EQ(r.json["t"], 2);
  EXPECT_EQ(r.json["truthful"], (nlohmann::json{"a", "hawk"}));
  EXPECT_EQ(r.json["theorem1"][0]["actions"]["a"]["exact"], "7/30");
  EXPECT_EQ(r.json["theorem1"][0]["actions"]["b"]["signal_1"]["exact"],
            to_string(policies[0].action[1][1]));
  EXPECT_TRUE(contains(r.text, "truthful set T = {a, hawk} (t = 2)"));
  EXPECT_TRUE(contains(r.text, "b (s=0 / s=1)"));
  // With the bounds the hawk's Theorem 1 action 31/30 at k = 2 is capped at 1,
  // a then plays 281/380; T is an equilibrium, the hawk with signal 0
  // indifferent (G = 0: the babblers' spread is the same at every k).
  EXPECT_EQ(r.json["constrained"][2]["actions"]["hawk"]["exact"], "1");
  EXPECT_EQ(r.json["constrained"][2]["binding"]["hawk"], "upper");
  EXPECT_EQ(r.json["constrained"][2]["actions"]["a"]["exact"], "281/380");
  EXPECT_EQ(r.json["constrained"][2]["actions"]["b"]["signal_0"]["exact"], "3563/13490");
  EXPECT_TRUE(r.json["verdict"]["equilibrium"]);
  EXPECT_EQ(r.json["verdict"]["certificate"]["player"], "hawk");
  EXPECT_EQ(r.json["verdict"]["certificate"]["gain"]["exact"], "0");
  EXPECT_TRUE(contains(r.text, "with the policy bounds:"));
  EXPECT_TRUE(contains(r.text, "1 (hi)"));
  EXPECT_TRUE(contains(r.text, "T is an equilibrium (tightest constraint: G = 0 for hawk"));
}

TEST(AllianceReport, TruthfulSetReportsTheDovesDeviation) {
  // Spec §4.3's alliance at η = 1/2, T = {1, 2} (partial_test): at k = 2 the
  // hawkish babbler 4 is capped at 1 after s = 1, and the dove 1 with s = 1
  // gains G = 95347/500418248 by reporting 0, all of it at j = 1.
  auto model = named(section51(q(1, 2)), {"1", "2", "3", "4"});
  const std::vector<bool> truthful{true, true, false, false};
  const auto check = verify_truthful_set(model.alliance, truthful);
  const Rendered r = render_truthful_set(model, theorem1_policies(model.alliance, truthful), check);
  EXPECT_FALSE(r.json["verdict"]["equilibrium"]);
  const auto& cert = r.json["verdict"]["certificate"];
  EXPECT_EQ(cert["kind"], "profitable deviation");
  EXPECT_EQ(cert["player"], "1");
  EXPECT_EQ(cert["signal"], 1);
  EXPECT_EQ(cert["gain"]["exact"], "95347/500418248");
  ASSERT_EQ(cert["by_count"].size(), 2U);
  EXPECT_EQ(cert["by_count"][0]["weighted_loss_difference"]["exact"], "0");
  EXPECT_EQ(cert["by_count"][1]["weighted_loss_difference"]["exact"], "95347/500418248");
  EXPECT_EQ(r.json["constrained"][2]["actions"]["1"]["exact"], "2051/2876");
  EXPECT_EQ(r.json["constrained"][2]["binding"]["4"]["signal_1"], "upper");
  EXPECT_EQ(r.json["verdict"]["gains"].size(), 2U);  // truthful players only
  EXPECT_TRUE(contains(r.text, "424/719 / 1 (hi)"));
  EXPECT_TRUE(contains(r.text,
                       "T is not an equilibrium (profitable deviation: G = "
                       "95347/500418248 for 1 with signal 1)"));
}

TEST(AllianceReport, TruthfulSetHandBuiltBabbling) {
  // T = ∅: no certificate, the verdict says why.
  auto model = counterexample_model();
  const std::vector<bool> none(6, false);
  const Rendered r = render_truthful_set(model, theorem1_policies(model.alliance, none),
                                         verify_truthful_set(model.alliance, none));
  EXPECT_TRUE(r.json["verdict"]["certificate"].is_null());
  EXPECT_TRUE(contains(r.text, "T = ∅ is an equilibrium"));
}

TEST(AllianceReport, AllTruthfulSetsSectionFiveOne) {
  // 16 sets, 11 equilibria: {1}, {2}, {1, 2}, {1, 3} and {1, 2, 3} are not.
  const auto model = named(section51(q(1, 2)), {"1", "2", "3", "4"});
  const Rendered r = render_truthful_sets(model, classify_truthful_sets(model.alliance));
  EXPECT_EQ(r.json["sets"], 16);
  EXPECT_EQ(r.json["equilibria"], 11);
  EXPECT_EQ(r.json["by_size"][2]["equilibria"], 4);
  EXPECT_EQ(r.json["equilibrium_sets"][0], nlohmann::json::array());
  EXPECT_EQ(r.json["equilibrium_sets"][2], (nlohmann::json{"2", "3"}));
  EXPECT_TRUE(contains(r.text, "11 of the 16 sets are equilibria"));
  EXPECT_TRUE(contains(r.text, "  ∅\n"));
  EXPECT_TRUE(contains(r.text, "  {1, 2, 3, 4}\n"));
  EXPECT_FALSE(contains(r.text, "  {1, 2}\n"));
}

TEST(AllianceReport, AllTruthfulSetsHandBuiltManyEquilibria) {
  // Beyond kListedTruthfulSets equilibria the text gives the count only.
  const auto model = counterexample_model();
  TruthfulSetClassification c;
  c.players = 6;
  c.sets = 64;
  c.equilibria = 65;
  c.sets_by_size = {1, 6, 15, 20, 15, 6, 1};
  c.equilibria_by_size = c.sets_by_size;
  for (std::uint32_t mask = 0; mask <= 64; ++mask) c.equilibrium_sets.push_back(mask & 63U);
  const Rendered r = render_truthful_sets(model, c);
  EXPECT_EQ(r.json["equilibrium_sets"].size(), 65U);
  EXPECT_EQ(r.json["equilibrium_sets"][3], (nlohmann::json{"a", "b"}));
  EXPECT_TRUE(contains(r.text, "65 equilibrium sets: too many to list"));
}

TEST(AllianceReport, DesignSectionFourOne) {
  // Spec §4.1: [0, 1/10] at η = 2/5 gives n̄ = 6, η̄(6) = 2/5 (ρ = 5), and
  // Theorem 2 holds with both slacks 0 at Avg b = 1/16.
  const auto model = named(paper_alliance<Rational>(q(2, 5), {q(0), q(11, 160), q(11, 160),
                                                              q(11, 160), q(11, 160), q(1, 10)}),
                           {"1", "2", "3", "4", "5", "6"});
  const auto report = design_report(model);
  ASSERT_TRUE(report.max_size.has_value());
  EXPECT_EQ(*report.max_size, 6U);
  EXPECT_EQ(report.mean_bias, q(1, 16));
  const auto json = design_json(report);
  EXPECT_EQ(json["max_size"], 6);
  EXPECT_EQ(json["max_interdependence"]["exact"], "2/5");
  EXPECT_EQ(json["feasible_sizes"].back(), 6);
  EXPECT_TRUE(json["theorem2"]["holds"]);
  EXPECT_EQ(json["theorem2"]["slack_low"]["exact"], "0");
  EXPECT_EQ(json["theorem2"]["slack_high"]["exact"], "0");
  EXPECT_TRUE(json["exact"]["fully_revealing"]);
  EXPECT_FALSE(json["disagree"]);
  const std::string text = design_text(report);
  EXPECT_TRUE(contains(text, "n̄ = 6"));
  EXPECT_TRUE(contains(text, "L1 Lemma 2: η̄(n = 6) = 2/5"));
  // L2 for the extremes [0, 1/10]: K = min{6(1/4 − 1/10)/(1/10), 6(0 + 1/4)/(1/10),
  // 4/(8/10) − 1} = 4, η = 4/(6+4) = 2/5 = Lemma 2's η̄; the vector's slacks are
  // both 0 at η = 2/5, so its largest η is 2/5 too.
  EXPECT_EQ(json["l2_max_interdependence"]["extremes"]["eta"]["exact"], "2/5");
  EXPECT_EQ(json["l2_max_interdependence"]["extremes"]["beta_bound"]["exact"], "4");
  EXPECT_EQ(json["l2_max_interdependence"]["vector"]["eta"]["exact"], "2/5");
  EXPECT_TRUE(json["l3_max_interdependence"]["exists"]);
  EXPECT_TRUE(contains(text, "L2 for these extremes (middle biases free): 2/5"));
  EXPECT_TRUE(contains(text, "L3 (A5, these biases, policy sets [0,1]): A5 holds at η = "));
  EXPECT_TRUE(contains(text, "L3 admissible biases: b′ ∈ "));
}

TEST(AllianceReport, DesignCounterexampleLevelsDisagree) {
  // η = 7/10: the L2 interval for an entrant is empty (8/105 > 31/675), L3
  // admits some; L2's largest η for the vector is 2/3 < 7/10, A5's is larger.
  const auto report = design_report(counterexample_model());
  EXPECT_TRUE(report.entry.empty());
  ASSERT_FALSE(report.l3_entry.admissible.empty());
  ASSERT_TRUE(report.l2_vector.has_value());
  EXPECT_EQ(report.l2_vector->eta, q(2, 3));
  EXPECT_TRUE(report.l3_eta.exists);
  EXPECT_GT(report.l3_eta.certified, q(7, 10));
  EXPECT_LE(report.l3_eta.failing - report.l3_eta.certified, report.l3_eta.resolution);
  const auto json = design_json(report);
  EXPECT_EQ(json["entry"]["l3"]["admissible"].size(), report.l3_entry.admissible.size());
  EXPECT_TRUE(contains(design_text(report), "L2 exact admissible biases: none"));
}

TEST(AllianceReport, DesignHandBuiltEmptyEntryAndEqualBiases) {
  auto report =
      design_report(named(paper_alliance<Rational>(q(1, 2), {q(1, 20), q(1, 20)}), {"x", "y"}));
  EXPECT_FALSE(report.max_size.has_value());  // b_d = 0: no bound on the size
  EXPECT_TRUE(contains(design_text(report), "all biases are equal"));
  report.entry = {q(1, 5), q(1, 10)};
  EXPECT_TRUE(design_json(report)["entry"]["empty"]);
  EXPECT_TRUE(contains(design_text(report),
                       "exact admissible biases: none (the bounds cross: 1/5 > 1/10)"));
}

TEST(AllianceReport, InvestSectionFiveOne) {
  // Spec §4.3, η = 1/2, c = 1/10: q̄ = 1, y = 1/8, R̄ = (49/120, 59/120, 23/40,
  // 79/120), Σ = 32/15, ỹ = 11/48, W_1 = −1523/14400 by Prop. 3 and exactly;
  // A5 certifies [0, R̄_i] and no capacity deviation pays.
  const auto model = named(section51(q(1, 2)), {"1", "2", "3", "4"});
  const auto report = invest_report(model, q(1, 10));
  const auto json = invest_json(report);
  EXPECT_TRUE(json["exists"]);
  EXPECT_EQ(json["mb0"]["exact"], "4/15");
  EXPECT_EQ(json["cutoff"], 1);
  EXPECT_EQ(json["residual"]["exact"], "1/8");
  EXPECT_EQ(json["tolerance"]["exact"], "11/48");
  EXPECT_EQ(json["total_capacity"]["exact"], "32/15");
  EXPECT_EQ(json["players"][0]["capacity"]["exact"], "49/120");
  EXPECT_EQ(json["players"][3]["capacity"]["exact"], "79/120");
  EXPECT_EQ(json["players"][0]["share"]["exact"], "49/256");
  EXPECT_EQ(json["players"][0]["welfare_prop3"]["exact"], "-1523/14400");
  EXPECT_EQ(json["players"][0]["welfare_exact"]["exact"], "-1523/14400");
  EXPECT_TRUE(json["committed"]["fully_revealing"]);
  // investment_check: every best deviation is R̄_i itself, gain exactly 0, in
  // A.4's interval d; player 1's certified capacities are [0, 41/80].
  for (const auto& p : json["players"]) {
    EXPECT_EQ(p["deviation"]["truthful_continuation"]["gain"]["exact"], "0");
    EXPECT_EQ(p["deviation"]["truthful_continuation"]["region"], "d");
    EXPECT_TRUE(p["deviation"]["truthful_continuation"]["a5_certifies"]);
    EXPECT_EQ(p["deviation"]["certified_capacities_only"]["gain"]["exact"], "0");
    EXPECT_EQ(p["deviation"]["truthful_continuation"]["best_capacity"], p["capacity"]);
  }
  const auto& first = json["players"][0]["deviation"];
  EXPECT_EQ(first["certified_capacities_only"]["certified_capacities"][0]["hi"]["exact"], "41/80");
  EXPECT_EQ(first["kinks"], report.check->players[0].kinks.size());
  EXPECT_TRUE(json["investment"]["equilibrium_truthful_continuation"]);
  EXPECT_TRUE(json["investment"]["equilibrium_certified_capacities"]);
  const std::string text = invest_text(report);
  EXPECT_TRUE(contains(text, "q̄ = max{q <= n−1 : MB_q >= c} = 1, residual y = 1/8"));
  EXPECT_TRUE(contains(text, "[0, 41/80]"));
  EXPECT_TRUE(contains(text,
                       "equilibrium (i) (no capacity pays under truthful continuation): "
                       "yes, every gain is exactly 0"));
}

TEST(AllianceReport, InvestAboveMarginalBenefitSaysNoEquilibrium) {
  // c > MB_0 = 4/15 (η = 1/2, n = 4): Prop. 2's equilibrium does not exist.
  const auto report = invest_report(named(section51(q(1, 2)), {"1", "2", "3", "4"}), q(3, 10));
  EXPECT_FALSE(report.commitment.exists);
  EXPECT_FALSE(invest_json(report)["exists"]);
  EXPECT_TRUE(contains(invest_text(report),
                       "c = 3/10 > MB_0 = 4/15: no commitment equilibrium of Prop. 2's form"));
}

TEST(AllianceReport, InvestHandBuiltFlagsAndDeviation) {
  auto report = invest_report(named(section51(q(1, 2)), {"1", "2", "3", "4"}), q(1, 10));
  report.commitment.welfare_overstated = true;
  report.commitment.above_baseline = true;
  ASSERT_TRUE(report.check.has_value());
  auto& check = *report.check;
  check.equilibrium = false;
  check.truthful_equilibrium = false;
  check.players[2].gain = q(1, 1000);
  check.players[2].best_truthful = false;
  check.players[1].truthful_exact = false;
  check.players[1].truthful_bound = q(-1, 10);
  check.players[3].truthful_found = false;
  check.players[3].truthful_set.clear();
  const std::string text = invest_text(report);
  EXPECT_TRUE(contains(text, "Prop. 3 overstates W_i"));
  EXPECT_TRUE(contains(text, "some R̄_i > 1"));
  EXPECT_TRUE(contains(text, "1/1000"));
  EXPECT_TRUE(contains(text, "bracket [-1643/14400, -1/10]"));
  EXPECT_TRUE(contains(text, "equilibrium (i) (no capacity pays under truthful continuation): no"));
  EXPECT_TRUE(contains(text, "equilibrium (ii) (no certified capacity pays): no"));
  const auto json = invest_json(report);
  EXPECT_FALSE(json["players"][1]["deviation"]["certified_capacities_only"]["exact"]);
  EXPECT_FALSE(json["players"][3]["deviation"]["certified_capacities_only"]["found"]);
}

TEST(AllianceReport, InvestInfeasibleProfileSkipsTheBoxes) {
  // Spec §5.4: n = 4, b = (0, 0, 0, 1/10), c = 1/10, η = 4/5: the doves' R̄ is
  // −1/60 < 0, so there are no boxes [0, R̄_i] to verify or deviate from.
  const auto report = invest_report(
      named(paper_alliance<Rational>(q(4, 5), {q(0), q(0), q(0), q(1, 10)}), {"1", "2", "3", "4"}),
      q(1, 10));
  ASSERT_TRUE(report.commitment.exists);
  EXPECT_TRUE(report.commitment.infeasible);
  EXPECT_EQ(report.commitment.capacity[0], q(-1, 60));
  EXPECT_FALSE(report.exact_welfare.has_value());
  EXPECT_FALSE(report.committed.has_value());
  EXPECT_FALSE(report.check.has_value());
  const auto json = invest_json(report);
  EXPECT_TRUE(json["flags"]["infeasible"]);
  EXPECT_FALSE(json["players"][0].contains("welfare_exact"));
  EXPECT_TRUE(contains(invest_text(report), "infeasible: some R̄_i < 0"));
}

TEST(AllianceReport, DoubleModeRendersDecimals) {
  const auto model = named(paper_alliance<double>(0.7, {0.03, 0.03, 0.03, 0.03, 0.03, 0.05}),
                           {"a", "b", "c", "d", "e", "hawk"});
  const auto json = solve_json(solve_report(model));
  EXPECT_FALSE(json["theorem2"]["holds"]);
  EXPECT_TRUE(json["exact"]["fully_revealing"]);
  EXPECT_FALSE(json["theorem2"]["slack_high"].contains("exact"));
  EXPECT_NEAR(json["theorem2"]["slack_high"]["decimal"].get<double>(), -1.0 / 30, 1e-12);
}

TEST(AllianceReport, DoubleModeInvestAndDesignSayWhatIsApproximate) {
  // --float: no gain is called "exactly 0", and the L3 bisection ends print
  // enough digits (14) to differ.
  const auto invest =
      invest_report(named(paper_alliance<double>(0.5, {1.0 / 20, 1.0 / 15, 1.0 / 12, 1.0 / 10}),
                          {"1", "2", "3", "4"}),
                    0.1);
  ASSERT_TRUE(invest.check.has_value());
  EXPECT_TRUE(invest.check->equilibrium);
  EXPECT_TRUE(contains(invest_text(invest), "yes, every gain is 0 (within the double tolerance)"));
  const auto design =
      design_report(named(paper_alliance<double>(0.7, {0.03, 0.03, 0.03, 0.03, 0.03, 0.05}),
                          {"a", "b", "c", "d", "e", "hawk"}));
  ASSERT_TRUE(design.l3_eta.exists);
  const std::string text = design_text(design);
  EXPECT_TRUE(contains(text, fmt::format("A5 holds at η = {:.14g} and fails at {:.14g}",
                                         design.l3_eta.certified, design.l3_eta.failing)));
  EXPECT_NE(fmt::format("{:.14g}", design.l3_eta.certified),
            fmt::format("{:.14g}", design.l3_eta.failing));
}

}  // namespace
}  // namespace mechlab::alliance
