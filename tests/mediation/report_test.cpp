#include "mechlab/mediation/report.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include <fmt/format.h>

#include "fixtures.hpp"
#include "mechlab/core/rng.hpp"
#include "mechlab/mediation/io.hpp"

namespace mechlab::mediation {
namespace {

using testing::q;
using testing::qs;

MediationModel<Rational> read_text(const std::string& text) {
  const io::Document doc = io::parse_json(text);
  return read_mediation<Rational>(io::Node(doc));
}

const char* const kVectorA = R"({"model": "mediation", "version": 1, "types": ["strong", "weak"],
  "prior": ["1/4", "3/4"], "game": {"kind": "hms", "c": "1/10", "xi": "1/4"},
  "rule": [[1, "5/11"], ["5/11", 0]]})";

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::string named(const nlohmann::json& list, const std::string& name) {
  for (const auto& v : list) {
    if (v["name"] == name) return v["value"]["exact"].get<std::string>();
  }
  return "absent";
}

// Vector A and C: the lottery fast path, the multipliers of vector C, the
// partition and top-down beside the LP.
TEST(MediationReport, SolveVectorAShowsTheLagrangianOfVectorC) {
  const auto model = read_text(kVectorA);
  const auto report = solve_report(model);
  const auto r = render_solve(model, report);
  EXPECT_EQ(r.json["probability"]["exact"], "41/176");
  EXPECT_EQ(r.json["gamma"][0][1]["exact"], "5/11");
  EXPECT_EQ(r.json["z"][0][0]["exact"], "117/440");
  EXPECT_EQ(r.json["z"][0][1]["exact"], "93/220");
  const auto& l = r.json["lagrangian"];
  EXPECT_EQ(l["delta"]["exact"], "20/11");
  EXPECT_EQ(named(l["multipliers"], "lambda[1](1)"), "20/11");
  EXPECT_EQ(named(l["multipliers"], "nu[1](2->1)"), "15/11");
  EXPECT_EQ(named(l["multipliers"], "mu(1,1)"), "15/176");
  EXPECT_EQ(l["C"]["exact"], "-41/320");
  EXPECT_EQ(l["value_identity"]["exact"], "41/176");
  EXPECT_EQ(r.json["partition"]["reconstructs"], true);
  EXPECT_EQ(r.json["top_down"]["probability"]["exact"], "41/176");
  EXPECT_EQ(r.json["top_down"]["agrees_with_lp"], true);
  EXPECT_TRUE(has(r.text, "Pr(escalation) = 41/176 (certified)"));
  EXPECT_TRUE(has(r.text, "binding IC/PC: PC[1](1), IC[1](2->1), PC[2](1), IC[2](2->1)"));
  EXPECT_TRUE(has(r.text, "v = 23/10: (1,1) γ = 1; v = 31/20: (1,2),(2,1) γ = 5/11"));
  EXPECT_TRUE(has(r.text, "strong  1       5/11"));
  EXPECT_FALSE(r.json.contains("signals"));  // a lottery needs no signal columns
}

// Vector A with c = 1/5: OST fails, Pr(𝒢) = 0 and δ = 0. The report shows the
// (zero) multipliers and says why L̂, C and (S.21) are undefined; it used to
// stop with an internal error.
TEST(MediationReport, SolveWithZeroResourceMultiplier) {
  std::string text = kVectorA;
  text.replace(text.find("\"1/10\""), 6, "\"1/5\"");
  const auto model = read_text(text);
  const auto r = render_solve(model, solve_report(model));
  EXPECT_EQ(r.json["probability"]["exact"], "0");
  const auto& l = r.json["lagrangian"];
  EXPECT_EQ(l["delta"]["exact"], "0");
  EXPECT_EQ(l["defined"], false);
  EXPECT_EQ(l["delta_zero_in_every_dual"], true);
  EXPECT_TRUE(l["C"].is_null());
  EXPECT_TRUE(l["L_hat_star"].is_null());
  EXPECT_EQ(l["delta_C"]["exact"], "0");
  EXPECT_EQ(l["value_identity"]["exact"], "0");
  EXPECT_TRUE(l["columns"][3]["L_hat"].is_null());
  EXPECT_EQ(l["columns"][3]["reduced_cost"]["exact"], "9/16");
  EXPECT_TRUE(has(r.text, "all zero (the zero dual is optimal)"));
  EXPECT_TRUE(has(r.text, "C, L̂* and (S.21) are undefined"));
}

// Seeded scan over (p(1), c) of the HMS lottery: every solve report renders.
TEST(MediationReport, HmsScanNeverFails) {
  Rng rng = make_rng(2027);
  std::uniform_int_distribution<int> twentieths(1, 19);
  for (int draw = 0; draw < 4; ++draw) {
    const int n = twentieths(rng);
    for (const char* c : {"0", "1/10", "1/5", "6/25"}) {
      const std::string text = fmt::format(
          R"({{"model": "mediation", "version": 1, "types": ["strong", "weak"],
          "prior": ["{}/20", "{}/20"], "game": {{"kind": "hms", "c": "{}", "xi": "1/4"}}}})",
          n, 20 - n, c);
      const auto model = read_text(text);
      Rendered r;
      ASSERT_NO_THROW(r = render_solve(model, solve_report(model))) << text;
      EXPECT_EQ(r.json["lagrangian"]["value_identity"], r.json["probability"]) << text;
    }
  }
}

TEST(MediationReport, SolveVectorB1) {
  const auto model = read_text(R"({"model": "mediation", "version": 1, "types": 3,
    "prior": ["1/5", "3/10", "1/2"], "game": {"kind": "bw", "q": "4/5", "s": 1}})");
  const auto r = render_solve(model, solve_report(model));
  EXPECT_EQ(r.json["probability"]["exact"], "3/7");
  EXPECT_EQ(r.json["gamma"][1][1]["exact"], "16/21");
  EXPECT_EQ(r.json["top_down"]["probability"]["exact"], "3/7");
  const auto* regularity = &r.json["assumptions"][1];
  EXPECT_EQ((*regularity)["name"], "regularity (i)");
  EXPECT_EQ((*regularity)["status"], "fails");
}

// Vector D: column generation from the 15 0/1 shapes on the 1/6 grid.
TEST(MediationReport, SolveVectorDByColumnGeneration) {
  const auto model = read_text(R"({"model": "mediation", "version": 1, "types": 2,
    "prior": ["1/5", "4/5"], "game": {"kind": "lq", "kappa": ["1/4", "1/40"]},
    "veto": {"from_game": true, "rho": [0, 1]}})");
  SolveOptions o;
  o.column_generation.grid = 6;
  const auto r = render_solve(model, solve_report(model, o));
  EXPECT_EQ(r.json["probability"]["exact"], "89284390/487875133");
  EXPECT_EQ(r.json["lagrangian"]["L_hat_star"]["exact"], "12058/7605");
  EXPECT_EQ(r.json["column_generation"]["converged"], true);
  EXPECT_EQ(r.json["column_generation"]["rounds"][0]["candidates"], 1105);
  ASSERT_FALSE(r.json["signals"].empty());
  EXPECT_TRUE(has(r.text, "column generation: 1 rounds"));
  o.no_signals = true;
  o.column_generation.grid = 2;
  const auto single = render_solve(model, solve_report(model, o));
  EXPECT_EQ(single.json["probability"]["exact"], "89284390/487875133");
  EXPECT_TRUE(single.json.contains("single_shape"));
}

// The beliefs renderer on a hand-built report: one off-path report, a
// Farkas certificate and no interior residuals.
TEST(MediationReport, BeliefsRendererOnAHandBuiltReport) {
  const auto model = read_text(kVectorA);
  BeliefsReport<Rational> b;
  b.induced.probability = q("1/16");
  b.induced.marginal = {qs({"1/4", "0"}), qs({"1/4", "0"})};
  b.induced.beliefs.beta = {Matrix<Rational>{qs({"1", "0"}), qs({"1/4", "3/4"})},
                            Matrix<Rational>{qs({"1", "0"}), qs({"1/4", "3/4"})}};
  b.induced.beliefs.on_path = {std::vector<bool>{true, false}, std::vector<bool>{true, false}};
  b.induced.rho = Matrix<Rational>{qs({"1", "0"}), qs({"0", "0"})};
  b.induced.rho_marginal = {qs({"1", "0"}), qs({"1", "0"})};
  b.consistency.consistent = false;
  b.consistency.farkas = {{"Bayes[1](1:2)", q("1/2")}};
  b.worst = Matrix<Rational>{qs({"1", "0"}), qs({"0", "0"})};
  const auto r = render_beliefs(model, b);
  EXPECT_EQ(r.json["probability"]["exact"], "1/16");
  EXPECT_EQ(r.json["consistency"]["consistent"], false);
  EXPECT_TRUE(r.json["consistency"]["residual_11"].is_null());
  EXPECT_EQ(r.json["consistency"]["farkas"][0]["name"], "Bayes[1](1:2)");
  EXPECT_TRUE(has(r.text, "report weak never escalates"));
  EXPECT_TRUE(has(r.text, "not interior, NOT consistent"));
  EXPECT_TRUE(has(r.text, "Bayes[1](1:2)"));
}

TEST(MediationReport, BeliefsOfVectorAsOptimalRule) {
  const auto model = read_text(kVectorA);
  const auto r = render_beliefs(model, beliefs_report(model));
  EXPECT_EQ(r.json["probability"]["exact"], "41/176");
  EXPECT_EQ(r.json["rho_marginal"][0][0]["exact"], "26/41");
  EXPECT_EQ(r.json["consistency"]["consistent"], true);
}

TEST(MediationReport, TopDownVerifiedAgainstTheLp) {
  const auto model = read_text(kVectorA);
  const auto r = render_topdown(model, verify_top_down(model.instance));
  EXPECT_EQ(r.json["top_down"]["probability"]["exact"], "41/176");
  EXPECT_EQ(r.json["lp_probability"]["exact"], "41/176");
  EXPECT_EQ(r.json["agrees"], true);
  EXPECT_EQ(r.json["implemented"], true);
  EXPECT_TRUE(has(r.text, "top-down − LP = 0: agrees"));
}

}  // namespace
}  // namespace mechlab::mediation
