#include "mechlab/dynamic/report.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <string>
#include <vector>

#include "mechlab/dynamic/instances.hpp"
#include "mechlab/dynamic/model.hpp"
#include "support.hpp"

namespace mechlab::dynamic {
namespace {

using test::q;

bool has_line(const std::string& text, const std::string& line) {
  return text.find("\n" + line + "\n") != std::string::npos || text.rfind(line + "\n", 0) == 0;
}

// The intro example (agents 1, 2, 3; agent 2 is L or H in period 1; A, B).
Problem<Rational> intro() { return prepare(instances::intro_example<Rational>()); }

// Hand-built: what A1 gives on the intro example (C = (20, 50, -5), W = 65,
// no ties); only the fields the renderer reads matter.
Efficient<Rational> intro_efficient() {
  Efficient<Rational> e;
  e.ties = {{}, {}};
  e.guarantees = {q(20), q(50), q(-5)};
  e.welfare = q(65);
  return e;
}

TEST(DynamicReport, EfficientSummaryListsPeriodsWelfareAndGuarantees) {
  const auto problem = intro();
  const std::string text = efficient_text(problem, intro_efficient());
  EXPECT_TRUE(has_line(text, "horizon T = 1 (2 periods), 3 agents")) << text;
  EXPECT_TRUE(has_line(text, "1  2      A, B       0")) << text;
  EXPECT_TRUE(has_line(text, "W_0(θ_0) = 65; 0 tie states (χ takes the first decision)")) << text;
  EXPECT_TRUE(has_line(text, "3      -5")) << text;
  const auto j = efficient_json(problem, intro_efficient());
  EXPECT_EQ(j["periods"][1]["states"], 2);
  EXPECT_EQ(j["periods"][1]["decisions"], nlohmann::json({"A", "B"}));
  EXPECT_EQ(j["guarantees"]["3"]["exact"], "-5");
  EXPECT_EQ(j["welfare"]["exact"], "65");
  EXPECT_EQ(j["theta0"], "(public=-, 1=-, 2=-, 3=-)");
}

TEST(DynamicReport, PathTableShowsReportsTransfersAndBudget) {
  const auto problem = intro();
  Path<Rational> path;
  path.truth = {0, 0};    // agent 2 is L
  path.reports = {0, 1};  // and reports H
  path.decisions = {0, 1};
  path.payoffs = {{q(0), q(0), q(0)}, {q(40), q(0), q(-10)}};
  path.transfers = {{q(0), q(0), q(0)}, {q(-20), q(15), q(5)}};
  path.utility = {q(20), q(15), q(-5)};
  const std::string text = path_text(problem, path);
  EXPECT_TRUE(
      has_line(text,
               "1  (public=-, 1=-, 2=L, 3=-)  (public=-, 1=-, 2=H, 3=-)  B    40   0    -10  "
               "-20  15   5    0"))
      << text;
  EXPECT_TRUE(has_line(text, "realised utilities: U^1 = 20, U^2 = 15, U^3 = -5")) << text;
  const auto j = path_json(problem, path);
  EXPECT_EQ(j["periods"][1]["decision"], "B");
  EXPECT_EQ(j["periods"][1]["report"], "(public=-, 1=-, 2=H, 3=-)");
  EXPECT_EQ(j["periods"][1]["transfers"]["1"]["exact"], "-20");
  EXPECT_EQ(j["periods"][1]["budget"]["exact"], "0");
}

// A report card where BIC holds, a coalition gains 3/4 and the guarantee of
// agent 3 falls short by 1/2.
AuditReport<Rational> card() {
  AuditReport<Rational> r;
  r.guarantees = {q(20), q(50), q(-5)};
  r.truthful = {q(20), q(50), q(-5)};
  r.budget.ex_post = false;
  r.budget.pairs = 4;
  r.budget.t = 1;
  r.budget.previous = 0;
  r.budget.current = 1;
  r.budget.worst = q(-7, 2);
  r.budget.ex_ante = q(0);
  for (std::size_t i = 0; i < 3; ++i) {
    CoalitionResult<Rational> c;
    c.query.members = {i};
    r.bic.push_back(c);
  }
  CoalitionResult<Rational> pair;
  pair.query.members = {0, 1};
  pair.value = q(283, 4);
  pair.truthful = q(70);
  pair.gain = q(3, 4);
  pair.deviation = Deviation<Rational>{1, 0, 0, 1, q(1, 2), q(3, 2)};
  r.coalitions.push_back(pair);
  for (std::size_t i = 0; i < 3; ++i) {
    CoalitionResult<Rational> w;
    for (std::size_t j = 0; j < 3; ++j) {
      if (j != i) w.query.members.push_back(j);
    }
    w.query.objective = {i};
    w.query.minimise = true;
    w.value = r.guarantees[i] - (i == 2 ? q(1, 2) : q(0));
    w.truthful = r.guarantees[i];
    w.gain = w.value - w.truthful;
    r.worst_case.push_back(w);
  }
  r.ir_constants = std::vector<Rational>{q(0), q(0), q(0)};
  r.variance_total = q(25, 3);
  return r;
}

TEST(DynamicReport, AuditCardGivesVerdictsAndExactWitnesses) {
  const auto problem = intro();
  const std::string text = audit_text(problem, card());
  EXPECT_NE(text.find("ex post budget balance        fails       -7/2   Σ_i y = -7/2 at period 1, "
                      "θ̂_0 = (public=-, 1=-, 2=-, 3=-), θ̂_1 = (public=-, 1=-, 2=H, 3=-)"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Bayesian IC                   holds       0      3 tested, max gain 0"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("periodic ex post IC           not tested"), std::string::npos) << text;
  EXPECT_NE(text.find("coalition-proofness           fails       3/4    coalition {1, 2} gains "
                      "3/4; period 1: after θ̂_0 = (public=-, 1=-, 2=-, 3=-), true (public=-, "
                      "1=-, 2=L, 3=-) reported as (public=-, 1=-, 2=H, 3=-) (probability 1/2, "
                      "gain there 3/2)"),
            std::string::npos)
      << text;
  EXPECT_NE(
      text.find("guarantee (worst case − C^i)  fails       -1/2   agent 3: worst case -11/2 < "
                "C^i = -5 against {1, 2}"),
      std::string::npos)
      << text;
  EXPECT_NE(text.find("ex ante IR constants          holds              c_1 = 0, c_2 = 0, c_3 = 0"),
            std::string::npos)
      << text;
  EXPECT_TRUE(has_line(text, "Σ_i Var(Σ_t y_t^i) = 25/3")) << text;
  const auto j = audit_json(problem, card());
  ASSERT_EQ(j["properties"].size(), 7U);
  EXPECT_EQ(j["properties"][0]["verdict"], "fails");
  EXPECT_EQ(j["properties"][4]["max_gain"]["exact"], "3/4");
  EXPECT_EQ(j["properties"][4]["witness"]["coalition"], nlohmann::json({"1", "2"}));
  EXPECT_EQ(j["properties"][4]["witness"]["deviation"]["probability"]["exact"], "1/2");
  EXPECT_EQ(j["properties"][5]["witness"]["agent"], "3");
  EXPECT_EQ(j["properties"][5]["min_margin"]["exact"], "-1/2");
  EXPECT_EQ(j["properties"][3]["verdict"], "not tested");
}

TEST(DynamicReport, ComparisonHasOneColumnPerMechanism) {
  AuditReport<Rational> gum = card();
  gum.budget = BudgetFinding<Rational>{};
  gum.coalitions[0].gain = q(0);
  gum.worst_case[2].value = q(-5);
  gum.variance_total = q(1, 3);
  const std::vector<NamedAudit<Rational>> audits = {{"GUM", gum}, {"BTM", card()}};
  const std::string text = comparison_text(audits);
  EXPECT_TRUE(has_line(text, "                        GUM  BTM")) << text;
  EXPECT_TRUE(has_line(text, "budget max |Σ_i y|      0    7/2")) << text;
  EXPECT_TRUE(has_line(text, "ex post IC max gain     -    -")) << text;
  EXPECT_TRUE(has_line(text, "max coalition gain      0    3/4")) << text;
  EXPECT_TRUE(has_line(text, "min (worst case − C^i)  0    -1/2")) << text;
  EXPECT_TRUE(has_line(text, "Σ_i Var(Σ_t y_t^i)      1/3  25/3")) << text;
  const auto j = comparison_json(audits);
  EXPECT_EQ(j["mechanisms"][1]["mechanism"], "BTM");
  EXPECT_EQ(j["mechanisms"][1]["budget_max_abs"]["exact"], "7/2");
  EXPECT_TRUE(j["mechanisms"][0]["ex_post_ic_max_gain"].is_null());
}

TEST(DynamicReport, DoubleNumbersAreDecimals) {
  const auto problem = prepare(instances::intro_example<double>());
  Efficient<double> e;
  e.ties = {{}, {1}};
  e.guarantees = {20, 50, -5.5};
  e.welfare = 64.5;
  const std::string text = efficient_text(problem, e);
  EXPECT_TRUE(has_line(text, "W_0(θ_0) = 64.5; 1 tie states (χ takes the first decision)")) << text;
  const auto j = efficient_json(problem, e);
  EXPECT_EQ(j["guarantees"]["3"]["decimal"], -5.5);
  EXPECT_FALSE(j["guarantees"]["3"].contains("exact"));
}

}  // namespace
}  // namespace mechlab::dynamic
