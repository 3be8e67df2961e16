#include "mechlab/mechanism/audit.hpp"

#include <gtest/gtest.h>

#include <random>

#include "mechlab/core/rng.hpp"
#include "mechlab/io/json.hpp"
#include "mechlab/mechanism/audit_report.hpp"
#include "mechlab/mechanism/design.hpp"
#include "mechlab/mechanism/io.hpp"
#include "mechlab/mechanism/rules.hpp"
#include "support.hpp"

namespace mechlab::mechanism {
namespace {

using test::q;

template <class T = Rational>
Model<T> example(const std::string& name) {
  const io::Document doc =
      io::read_json_file(std::string(MECHLAB_SOURCE_DIR) + "/examples/mechanism/" + name);
  return read_model<T>(io::Node(doc));
}

template <class T>
const PropertyAudit<T>& find(const Audit<T>& a, Property p) {
  for (const auto& pa : a.properties) {
    if (pa.property == p) return pa;
  }
  throw std::logic_error("property not audited");
}

// Random environment: n agents, k types each, `alts` alternatives, integer
// values in [lo, hi], a random independent prior with positive entries.
Environment<Rational> random_environment(Rng& rng, std::size_t n, std::size_t k, std::size_t alts,
                                         long lo, long hi) {
  std::uniform_int_distribution<long> value(lo, hi);
  std::uniform_int_distribution<long> weight(1, 5);
  Environment<Rational> env;
  for (std::size_t c = 0; c < alts; ++c) env.alternatives.push_back("c" + std::to_string(c));
  std::vector<std::vector<Rational>> marginals(n);
  for (std::size_t i = 0; i < n; ++i) {
    env.agents.push_back("a" + std::to_string(i));
    env.types.emplace_back();
    Rational total = 0;
    for (std::size_t t = 0; t < k; ++t) {
      env.types[i].push_back("t" + std::to_string(t));
      marginals[i].push_back(Rational(weight(rng)));
      total += marginals[i].back();
    }
    for (auto& m : marginals[i]) m /= total;
    std::vector<Rational> v(alts * k);
    for (auto& x : v) x = Rational(value(rng));
    env.values.push_back(std::move(v));
  }
  std::size_t profiles = 1;
  for (std::size_t i = 0; i < n; ++i) profiles *= k;
  env.prior.assign(profiles, Rational(1));
  for (std::size_t t = 0; t < profiles; ++t) {
    std::size_t rest = t;
    for (std::size_t i = n; i-- > 0;) {
      env.prior[t] *= marginals[i][rest % k];
      rest /= k;
    }
  }
  return env;
}

// The GVCG example: the expected-value VCG is not interim IC (003 §1.2: "It need
// not be interim IC"). The gain 72/205 and the revenue 7/2 were computed
// independently with Python fractions from the model's definition.
TEST(Audit, GvcgInterdependentFailsBayesianIcWithWitness) {
  const auto model = example("gvcg-interdependent.json");
  const auto a = audit(model.problem, *model.mechanism);
  const auto& bic = find(a, Property::bayesian_ic);
  ASSERT_FALSE(bic.holds);
  EXPECT_EQ(bic.violated, 1U);
  const auto& w = bic.violations.at(0);
  EXPECT_EQ(w.name, "BIC[agent=b1,true=h,report=l]");
  EXPECT_EQ(w.agent, 0U);
  EXPECT_EQ(w.true_type, 1U);
  EXPECT_EQ(w.report, 0U);
  EXPECT_EQ(w.value, q(72, 205));
  EXPECT_EQ(bic.largest_violation(), q(72, 205));
  EXPECT_EQ(a.expected_revenue, q(7, 2));
  // GVCG is ex post IR and feasible (003 §1.2).
  EXPECT_TRUE(find(a, Property::ir_ex_post).holds);
  EXPECT_TRUE(find(a, Property::feasibility).holds);
  EXPECT_TRUE(find(a, Property::efficiency).holds);
}

// 004 §4.5: AGV is Bayesian IC and balanced, but agent 1 of type L gains 5 by
// reporting H when agent 2 reports H (20 from investment B, 15 more paid).
TEST(Audit, AgvAppendixEBalancedAndBayesianButNotDominant) {
  const auto model = example("agv-appendix-e.json");
  const auto a = audit(model.problem, *model.mechanism);
  EXPECT_TRUE(find(a, Property::bayesian_ic).holds);
  EXPECT_TRUE(find(a, Property::bb_ex_post).holds);
  EXPECT_EQ(find(a, Property::bb_ex_post).tightest->slack, 0);
  EXPECT_TRUE(find(a, Property::efficiency).holds);
  const auto& dsic = find(a, Property::dsic);
  ASSERT_FALSE(dsic.holds);
  EXPECT_EQ(dsic.largest_violation(), 5);
  EXPECT_EQ(dsic.tightest->name, "DSIC[agent=a1,true=L,report=H,others=(a2=H, a3=-)]");
  EXPECT_EQ(a.expected_welfare, q(11, 2));
  EXPECT_EQ(a.efficiency_ties, 2U);  // (L,L): N ~ S; (L,H): N ~ S ~ B (004 §4.5)
}

// A posted-price table where the high type mimics the low type.
TEST(Audit, TableMechanismWitnessAndMargins) {
  Environment<Rational> env;
  env.agents = {"buyer"};
  env.types = {{"L", "H"}};
  env.alternatives = {"keep", "sell"};
  env.values = {{0, 0, 1, 3}};  // (c, θ, t): keep → 0, sell → 1 or 3
  env.prior = {q(1, 2), q(1, 2)};
  const auto p = prepare(env);
  Mechanism<Rational> m;
  m.name = "table";
  m.outcome = {q(1, 2), q(1, 2), 0, 1};  // L: sell w.p. 1/2; H: sell
  m.transfers = {{0, -3}};
  check_mechanism(p, m);
  const auto a = audit(p, m);
  const auto& bic = find(a, Property::bayesian_ic);
  ASSERT_FALSE(bic.holds);
  ASSERT_EQ(bic.violations.size(), 1U);
  EXPECT_EQ(bic.violations[0].name, "BIC[agent=buyer,true=H,report=L]");
  EXPECT_EQ(bic.violations[0].value, q(3, 2));
  const auto& ir = find(a, Property::ir_ex_post);
  EXPECT_TRUE(ir.holds);
  EXPECT_EQ(ir.tightest->slack, 0);
  EXPECT_EQ(ir.tightest->name, "IR_ex_post[agent=buyer,t=(buyer=H)]");
  EXPECT_FALSE(find(a, Property::efficiency).holds);  // L's trade is lost half the time
  EXPECT_EQ(find(a, Property::efficiency).largest_violation(), q(1, 2));
  EXPECT_EQ(a.expected_revenue, q(3, 2));
}

TEST(Audit, ViolationListIsCappedButCounted) {
  const auto model = example("vcg-three-bidders.json");
  AuditOptions o;
  o.properties = {Property::bb_ex_post};
  o.max_listed = 5;
  const auto a = audit(model.problem, *model.mechanism, o);
  const auto& bb = a.properties.at(0);
  EXPECT_EQ(bb.violated, 27U);
  EXPECT_EQ(bb.violations.size(), 5U);
  EXPECT_TRUE(bb.truncated);
  EXPECT_EQ(bb.largest_violation(), 3);  // revenue 3 at (1, 3, 3)
}

// Invariant (VCG with private values): dominant-strategy IC, ex post IR with
// non-negative values, feasible, efficient; on seeded random instances.
TEST(Audit, VcgIsDominantStrategyIcOnRandomInstances) {
  Rng rng = make_rng(20261123);
  for (int draw = 0; draw < 40; ++draw) {
    const std::size_t n = 2 + draw % 2;
    const auto p = prepare(random_environment(rng, n, 2 + draw % 3, 2 + draw % 3, 0, 9));
    const auto a = audit(p, vcg(p));
    for (const Property prop :
         {Property::dsic, Property::ex_post_ic, Property::bayesian_ic, Property::ir_ex_post,
          Property::feasibility, Property::efficiency}) {
      EXPECT_TRUE(find(a, prop).holds) << property_id(prop) << " draw " << draw;
    }
  }
}

// Invariant (AGV with independent private values): Bayesian IC and exactly
// balanced ex post, for any sign of values.
TEST(Audit, AgvIsBayesianIcAndBalancedOnRandomInstances) {
  Rng rng = make_rng(7);
  for (int draw = 0; draw < 40; ++draw) {
    const std::size_t n = 2 + draw % 3;
    const auto p = prepare(random_environment(rng, n, 2 + draw % 2, 3, -5, 9));
    const auto a = audit(p, agv(p, efficient_mechanism(p)));
    EXPECT_TRUE(find(a, Property::bayesian_ic).holds) << draw;
    EXPECT_TRUE(find(a, Property::bb_ex_post).holds) << draw;
    EXPECT_TRUE(find(a, Property::efficiency).holds) << draw;
  }
}

// Something must be able to fail: a random table mechanism fails some audit,
// and every listed violation has negative slack and names its agent.
TEST(Audit, RandomTablesProduceConsistentWitnesses) {
  Rng rng = make_rng(99);
  std::uniform_int_distribution<long> x(-4, 4);
  for (int draw = 0; draw < 20; ++draw) {
    const auto p = prepare(random_environment(rng, 2, 3, 2, 0, 5));
    Mechanism<Rational> m = efficient_mechanism(p);
    for (auto& row : m.transfers) {
      for (auto& v : row) v = Rational(x(rng));
    }
    const auto a = audit(p, m);
    bool any_failure = false;
    for (const auto& pa : a.properties) {
      any_failure = any_failure || !pa.holds;
      for (const auto& c : pa.violations) EXPECT_LT(c.slack, 0) << c.name;
      if (!pa.holds) EXPECT_EQ(pa.largest_violation(), -pa.tightest->slack);
    }
    EXPECT_TRUE(any_failure) << draw;
  }
}

TEST(Audit, DoubleAgreesWithRational) {
  const auto exact = example("gvcg-interdependent.json");
  const auto approx = example<double>("gvcg-interdependent.json");
  const auto a = audit(exact.problem, *exact.mechanism);
  const auto b = audit(approx.problem, *approx.mechanism);
  ASSERT_EQ(a.properties.size(), b.properties.size());
  for (std::size_t k = 0; k < a.properties.size(); ++k) {
    EXPECT_EQ(a.properties[k].holds, b.properties[k].holds) << k;
    EXPECT_NEAR(to_double(a.properties[k].largest_violation()), b.properties[k].largest_violation(),
                1e-12);
  }
}

TEST(AuditReport, JsonNamesEveryProperty) {
  const auto model = example("agv-appendix-e.json");
  const auto a = audit(model.problem, *model.mechanism);
  const auto j = to_json(model.problem, *model.mechanism, a);
  ASSERT_EQ(j["properties"].size(), std::size(kAllProperties));
  EXPECT_EQ(j["properties"][0]["id"], "dsic");
  EXPECT_EQ(j["properties"][0]["violations"][0]["gain"]["exact"], "5");
  EXPECT_EQ(j["truthful"]["expected_welfare"]["exact"], "11/2");
  EXPECT_TRUE(test::contains(to_text(model.problem, *model.mechanism, a), "FAILS"));
}

TEST(AuditReport, PropertyIdsRoundTrip) {
  for (const Property p : kAllProperties) EXPECT_EQ(property_from_id(property_id(p)), p);
  EXPECT_FALSE(property_from_id("strategyproof").has_value());
}

}  // namespace
}  // namespace mechlab::mechanism

namespace mechlab::mechanism {
namespace {

// Two independent code paths agree: every optimal design of the bundled
// examples passes the audit of the properties its LP rows impose.
TEST(Audit, OptimalDesignsPassTheirImposedProperties) {
  std::size_t optimal = 0;
  for (const char* name :
       {"design-myerson.json", "design-cremer-mclean.json", "design-vcg-three-bidders.json",
        "design-trade-subsidy.json", "design-myerson-satterthwaite.json"}) {
    const io::Document doc =
        io::read_json_file(std::string(MECHLAB_SOURCE_DIR) + "/examples/mechanism/" + name);
    const auto model = read_design_model<Rational>(io::Node(doc));
    const auto result = design(model.problem, model.spec);
    if (!result.mechanism) continue;
    ++optimal;
    AuditOptions o;
    o.properties = imposed_properties(model.problem, model.spec);
    ASSERT_FALSE(o.properties.empty()) << name;
    const auto a = audit(model.problem, *result.mechanism, o);
    for (const auto& pa : a.properties)
      EXPECT_TRUE(pa.holds) << name << " " << property_id(pa.property);
    EXPECT_EQ(a.expected_revenue, result.revenue) << name;
  }
  EXPECT_EQ(optimal, 4U);
}

}  // namespace
}  // namespace mechlab::mechanism
