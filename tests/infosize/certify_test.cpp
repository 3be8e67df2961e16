// The certifier of 003 Theorems A and B against the spec's test vectors
// (§4.2–4.5) and the ordering invariants of §3.9 on random instances.
#include "mechlab/infosize/certify.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <random>

#include "mechlab/infosize/certify_report.hpp"
#include "mechlab/infosize/instances.hpp"
#include "support.hpp"

namespace mechlab::infosize {
namespace {

using test::q;

template <class T>
const StageOneConstraint<T>& find(const Certificate<T>& cert, std::size_t agent, std::size_t type,
                                  std::size_t report) {
  for (const auto& c : cert.constraints) {
    if (c.agent == agent && c.type == type && c.report == report) return c;
  }
  throw std::logic_error("no such constraint");
}

double d(const CertifiedReal& x) { return x.to_double(); }
double d(const Rational& x) { return to_double(x); }
double d(double x) { return x; }

Instance<Rational> with_majority(Instance<Rational> in) {
  in.reward.family = RewardFamily::majority;
  return in;
}

// The same instance in double arithmetic.
Instance<double> in_double(const Instance<Rational>& in) {
  const auto convert = [](const std::vector<Rational>& v) {
    std::vector<double> out;
    for (const auto& x : v) out.push_back(to_double(x));
    return out;
  };
  mechanism::Environment<double> env;
  const auto& e = in.problem.env;
  env.agents = e.agents;
  env.types = e.types;
  env.states = e.states;
  env.alternatives = e.alternatives;
  env.prior = convert(e.prior);
  for (const auto& v : e.values) env.values.push_back(convert(v));
  Instance<double> out;
  out.problem = mechanism::prepare(std::move(env));
  Decomposition<double> dd;
  dd.signals = in.signals.d.signals;
  dd.f = in.signals.d.f;
  dd.joint = convert(in.signals.d.joint);
  out.signals = analyse(std::move(dd), out.problem);
  out.decomposition_source = in.decomposition_source;
  return out;
}

// 003 §4.2 TV2, ρ = 9/10: the gain table (agent, true → lie, V, G1, G two-stage).
TEST(Certify, Tv2GainTableAtBothLevels) {
  const auto in = instances::tv2(q(9, 10));
  const auto cert = certify(in);
  EXPECT_TRUE(cert.preconditions.hold());
  EXPECT_EQ(cert.preconditions.max_value, q(10));
  EXPECT_EQ(cert.preconditions.efficiency_ties, 0U);
  EXPECT_TRUE(cert.path.holds());
  ASSERT_EQ(cert.constraints.size(), 6U);
  struct Row {
    std::size_t agent, truth, lie;
    double v, g1, g2;
  };
  const Row rows[] = {{0, 0, 1, 0.072, -1.0612602740, -0.0532602740},
                      {0, 1, 0, 0.872, 0.288, 1.152},
                      {1, 0, 1, 0.872, -0.576, -0.576},
                      {1, 1, 0, 0.072, 0.7732602740, 0.7732602740},
                      {2, 0, 1, 0, 0, 0},
                      {2, 1, 0, 0, 0, 0.72}};
  for (const Row& r : rows) {
    const auto& c = find(cert, r.agent, r.truth, r.lie);
    EXPECT_NEAR(d(c.value), r.v, 1e-10) << r.agent << r.truth;
    ASSERT_TRUE(c.one_stage);
    EXPECT_NEAR(d(*c.one_stage), r.g1, 1e-10) << r.agent << r.truth;
    EXPECT_NEAR(d(c.pbe), r.g2, 1e-10) << r.agent << r.truth;
    EXPECT_EQ(c.pbe, c.pointwise);
    EXPECT_NEAR(d(c.power), 0.5487245539, 1e-10);
  }
  EXPECT_EQ(*find(cert, 0, 1, 0).one_stage, q(288, 1000));
  EXPECT_EQ(find(cert, 0, 1, 0).pbe, q(1152, 1000));
  EXPECT_EQ(find(cert, 2, 1, 0).pbe, q(72, 100));
  EXPECT_TRUE(cert.same_signal_violations.empty());
}

TEST(Certify, Tv2ScalesAndBounds) {
  const auto in = instances::tv2(q(9, 10));
  const auto cert = certify(in);
  ASSERT_EQ(cert.one_stage.status, ScaleStatus::feasible);
  EXPECT_NEAR(d(cert.one_stage.value), 1.4091956857, 1e-9);
  EXPECT_EQ(cert.one_stage.binding, 3U);  // agent 2, a2 -> a1
  // ε*_PBE = ε*_PW = (9/160)√1393 exactly, bound by agent 1's a2 -> a1.
  EXPECT_TRUE(cert.pbe.value.exact());
  EXPECT_EQ(cert.pbe.value.exact_text(), "9/160*sqrt(1393)");
  EXPECT_EQ(cert.pointwise.value.exact_text(), "9/160*sqrt(1393)");
  EXPECT_NEAR(d(cert.pbe.value), 2.0994139807, 1e-9);
  ASSERT_TRUE(cert.pbe.binding);
  const auto& binding = cert.constraints[*cert.pbe.binding];
  EXPECT_EQ(binding.agent, 0U);
  EXPECT_EQ(binding.type, 1U);
  EXPECT_EQ(binding.report, 0U);
  // Per-agent scales: agent 3's is 0.72/S, agent 2's 0.77326/S.
  EXPECT_NEAR(d(cert.pbe.agents[2].value), 0.72 / 0.5487245539, 1e-9);
  EXPECT_NEAR(d(cert.pbe.agents[1].value), 0.7732602740 / 0.5487245539, 1e-9);
  EXPECT_NEAR(d(cert.reference.value), 49.1780535213, 1e-9);
  EXPECT_NEAR(d(cert.nu.value), 64.7080, 5e-5);
  EXPECT_NEAR(d(cert.paper.value), 136.618115, 1e-6);
  EXPECT_FALSE(cert.reference.infinite);
  EXPECT_FALSE(cert.paper.infinite);
}

TEST(Certify, Tv2MajorityRewardScales) {
  const auto cert = certify(with_majority(instances::tv2(q(9, 10))));
  EXPECT_NEAR(d(cert.one_stage.value), 1.2082191781, 1e-9);
  EXPECT_EQ(cert.pbe.value.rational(), q(9, 5));  // 1.152 / 0.64
  EXPECT_EQ(cert.pointwise.value.rational(), q(9, 5));
}

TEST(Certify, Tv2BudgetAtPbeScaleHasAnExPostDeficit) {
  const auto cert = certify(instances::tv2(q(9, 10)));
  ASSERT_TRUE(cert.budget);
  const auto& b = *cert.budget;
  EXPECT_EQ(b.expected_revenue, q(6));
  EXPECT_NEAR(d(b.expected_rewards), 4.701375, 1e-9);
  EXPECT_NEAR(d(b.net), 1.298625, 1e-9);
  EXPECT_NEAR(d(b.worst_net), -3.151156, 1e-6);
  EXPECT_EQ(b.worst_profile, 0U);  // a1a1a1
}

TEST(Certify, Tv3ValuesAtRhoSevenTenths) {
  const auto in = instances::tv2(q(7, 10));
  const auto cert = certify(in);
  EXPECT_NEAR(d(find(cert, 0, 1, 0).pbe), 1.3667027027, 1e-9);
  EXPECT_NEAR(d(find(cert, 1, 1, 0).pbe), 1.1660540541, 1e-9);
  EXPECT_NEAR(d(find(cert, 2, 1, 0).pbe), 1.3027027027, 1e-9);
  EXPECT_NEAR(d(*find(cert, 1, 1, 0).one_stage), 1.1260540541, 1e-9);
  EXPECT_NEAR(d(find(cert, 0, 1, 0).power), 0.0493403740, 1e-10);
  EXPECT_NEAR(d(cert.one_stage.value), 22.8221628999, 1e-8);
  EXPECT_NEAR(d(cert.pbe.value), 27.6994799713, 1e-8);
  EXPECT_NEAR(d(cert.pointwise.value), 27.6994799713, 1e-8);
  EXPECT_NEAR(d(cert.reference.value), 728.8368151908, 1e-7);
  EXPECT_NEAR(d(cert.paper.value), 2430.861115, 1e-5);
  const auto majority = certify(with_majority(in));
  EXPECT_NEAR(d(majority.one_stage.value), 7.0378378378, 1e-9);
  EXPECT_NEAR(d(majority.pbe.value), 8.5418918919, 1e-9);
}

// 003 §4.3, minimal scales against ρ (a few rows).
TEST(Certify, RhoTableRows) {
  struct Row {
    long num;
    double e1, epbe, z1, ztwo, paper;
  };
  const Row rows[] = {{60, 227.687347, 262.055249, 18.171429, 20.914286, 31972.54},
                      {80, 5.170511, 6.983547, 3.158974, 4.266667, 503.61},
                      {95, 0.579949, 0.898070, 0.545319, 0.844444, 57.42}};
  for (const Row& r : rows) {
    const auto in = instances::tv2(q(r.num, 100));
    const auto cert = certify(in);
    EXPECT_NEAR(d(cert.one_stage.value), r.e1, 1e-6) << r.num;
    EXPECT_NEAR(d(cert.pbe.value), r.epbe, 1e-6) << r.num;
    EXPECT_NEAR(d(cert.paper.value), r.paper, 0.01) << r.num;
    const auto majority = certify(with_majority(in));
    EXPECT_NEAR(d(majority.one_stage.value), r.z1, 1e-6) << r.num;
    EXPECT_NEAR(d(majority.pbe.value), r.ztwo, 1e-6) << r.num;
  }
}

// 003 §4.4 TV4: two value types per agent.
TEST(Certify, Tv4ScalesSampleGainsAndSameSignalLies) {
  const auto in = instances::tv4();
  const auto cert = certify(in);
  EXPECT_TRUE(cert.preconditions.hold());
  EXPECT_EQ(cert.preconditions.max_value, q(11));
  EXPECT_EQ(cert.preconditions.efficiency_ties, 0U);
  EXPECT_TRUE(cert.path.holds());
  EXPECT_NEAR(d(cert.one_stage.value), 1.6302812333, 1e-9);
  EXPECT_NEAR(d(cert.pbe.value), 1.8369872331, 1e-9);
  EXPECT_NEAR(d(cert.pointwise.value), 1.8369872331, 1e-9);
  EXPECT_NEAR(d(cert.reference.value), 54.0958588734, 1e-8);
  EXPECT_NEAR(d(cert.paper.value), 150.279927, 1e-5);
  // Agent 3, a2 -> a1: types a2(3,9) and a2(1,11).
  EXPECT_EQ(in.problem.env.types[2][2], "a2(3,9)");
  EXPECT_NEAR(d(find(cert, 2, 2, 0).pbe), 0.648, 1e-12);
  EXPECT_NEAR(d(find(cert, 2, 3, 0).pbe), 1.008, 1e-12);
  for (const auto& c : cert.constraints) EXPECT_EQ(c.pbe, c.pointwise);
  // Every agent has 4 types, one same-signal lie each.
  EXPECT_EQ(cert.same_signal_checked, 12U);
  EXPECT_TRUE(cert.same_signal_violations.empty());
  const auto majority = certify(with_majority(in));
  EXPECT_EQ(majority.pbe.value.rational(), q(1575, 1000));
  EXPECT_NEAR(d(majority.one_stage.value), 1.3977739726, 1e-9);
}

// 003 §4.5 TV5: correlated two-agent instance where PBE < pointwise.
TEST(Certify, Tv5PbeBelowPointwise) {
  const auto cert = certify(instances::tv5());
  EXPECT_TRUE(cert.preconditions.hold());
  const auto& c1 = find(cert, 0, 0, 1);
  EXPECT_EQ(c1.value, q(5, 11));
  EXPECT_EQ(c1.pbe, q(82, 33));
  EXPECT_EQ(c1.pointwise, q(91, 33));
  EXPECT_EQ(*c1.one_stage, q(-5, 11));
  EXPECT_NEAR(d(c1.power), 0.2075466735, 1e-10);
  EXPECT_NEAR(d(to_real(c1.pbe) / c1.power), 11.972480, 1e-6);
  EXPECT_NEAR(d(to_real(c1.pointwise) / c1.power), 13.286533, 1e-6);
  const auto& c2 = find(cert, 1, 0, 1);
  EXPECT_EQ(c2.value, q(3, 11));
  EXPECT_EQ(c2.pbe, q(115, 33));
  EXPECT_EQ(c2.pointwise, q(115, 33));
  EXPECT_EQ(*c2.one_stage, q(115, 33));
  EXPECT_NEAR(d(find(cert, 0, 1, 0).power), 0.1991639723, 1e-10);
  for (const Level level : {Level::one_stage, Level::pbe, Level::pointwise}) {
    EXPECT_NEAR(d(cert.scale(level).value), 16.790674, 1e-6) << level_name(level);
    EXPECT_EQ(cert.constraints[*cert.scale(level).binding].agent, 1U);
  }
}

// One agent's signal moves the posterior but not its beliefs (the other agent
// has a single signal): Λ_1 = 0 while the lie x -> y gains 3.
Instance<Rational> zero_variability() {
  mechanism::Environment<Rational> env;
  env.agents = {"1", "2"};
  env.types = {{"x", "y"}, {"only"}};
  env.states = {"theta0", "theta1"};
  env.alternatives = {"to 1", "to 2"};
  env.values = {{5, 5, 5, 5, 0, 0, 0, 0}, {0, 0, 8, 0}};
  env.prior = {q(3, 8), q(1, 8), q(1, 8), q(3, 8)};
  Instance<Rational> in;
  in.problem = mechanism::prepare(std::move(env));
  in.signals = analyse(trivial(in.problem), in.problem);
  in.decomposition_source = "trivial";
  return in;
}

TEST(Certify, ZeroVariabilityWithPositiveGainIsInfeasibleWithWitness) {
  const auto in = zero_variability();
  const auto cert = certify(in);
  const auto& c = find(cert, 0, 0, 1);
  EXPECT_EQ(c.pbe, q(3));
  EXPECT_EQ(c.power.sign(), 0);
  for (const Level level : {Level::one_stage, Level::pbe, Level::pointwise}) {
    const auto& s = cert.scale(level);
    EXPECT_EQ(s.status, ScaleStatus::infeasible) << level_name(level);
    ASSERT_TRUE(s.binding);
    EXPECT_EQ(cert.constraints[*s.binding].agent, 0U);
    EXPECT_EQ(cert.constraints[*s.binding].type, 0U);
    EXPECT_EQ(s.agents[0].status, ScaleStatus::infeasible);
  }
  EXPECT_TRUE(cert.reference.infinite);
  EXPECT_TRUE(cert.paper.infinite);
  EXPECT_FALSE(cert.budget);
  const std::string text = to_text(in, cert);
  EXPECT_TRUE(test::contains(text, "INFEASIBLE")) << text;
  const auto json = to_json(in, cert);
  EXPECT_EQ(json["scales"]["pbe"]["status"], "infeasible");
  EXPECT_EQ(json["scales"]["pbe"]["binding"]["true_type"], "x");
  EXPECT_EQ(json["scales"]["pbe"]["binding"]["report"], "y");
}

// TV5 with a third signal z for agent 1 that no type sends: Q_A = 0 at (z, ·),
// so the lies to z have no posterior and no power (spec §6.2). They are
// reported, not thrown, and stay out of the scales.
TEST(Certify, UnusedSignalMakesConstraintsUndefinedNotExceptions) {
  auto in = instances::tv5();
  in.signals =
      analyse(pushforward(in.problem, {{"x", "y", "z"}, {"x", "y"}}, {{0, 1}, {0, 1}}), in.problem);
  in.decomposition_source = "pushforward";
  const auto cert = certify(in);
  EXPECT_FALSE(cert.preconditions.hold());
  EXPECT_EQ(cert.preconditions.zero_profiles.size(), 2U);
  EXPECT_EQ(cert.undefined_constraints, 2U);
  EXPECT_FALSE(find(cert, 0, 0, 2).defined);
  EXPECT_FALSE(find(cert, 0, 0, 2).one_stage);  // no type reports z
  EXPECT_TRUE(find(cert, 0, 0, 1).defined);
  EXPECT_EQ(find(cert, 0, 0, 1).pbe, q(82, 33));
  EXPECT_NEAR(d(cert.pbe.value), 16.790674, 1e-6);
  EXPECT_FALSE(cert.reference.available);
  EXPECT_FALSE(cert.paper.available);
  EXPECT_TRUE(cert.path.holds());
  EXPECT_TRUE(test::contains(to_text(in, cert), "enter no scale"));
  EXPECT_FALSE(to_json(in, cert)["constraints"][1]["defined"]);  // agent 1, x -> z
}

// M = 0: nothing is at stake, every scale and bound is 0 (spec §6.8).
TEST(Certify, ZeroValuationsNeedNoReward) {
  auto in = instances::tv5();
  auto env = in.problem.env;
  for (auto& v : env.values) {
    for (auto& x : v) x = 0;
  }
  in.problem = mechanism::prepare(std::move(env));
  const auto cert = certify(in);
  EXPECT_EQ(cert.preconditions.max_value, q(0));
  for (const Level level : {Level::one_stage, Level::pbe, Level::pointwise}) {
    EXPECT_EQ(cert.scale(level).status, ScaleStatus::feasible);
    EXPECT_EQ(cert.scale(level).value.rational(), q(0));
    EXPECT_FALSE(cert.scale(level).binding);
  }
  EXPECT_EQ(cert.reference.value.rational(), q(0));
  EXPECT_EQ(cert.paper.value.rational(), q(0));
  EXPECT_FALSE(cert.paper.infinite);
  ASSERT_TRUE(cert.budget);
  EXPECT_EQ(cert.budget->worst_net.rational(), q(0));
}

TEST(Certify, ReportNamesBindingConstraintsAndKeepsExactValues) {
  const auto in = instances::tv2(q(9, 10));
  const auto cert = certify(in);
  const auto json = to_json(in, cert);
  const auto& pbe = json["scales"]["pbe"];
  EXPECT_EQ(pbe["value"]["exact"], "9/160*sqrt(1393)");
  EXPECT_EQ(pbe["binding"]["agent"], "1");
  EXPECT_EQ(pbe["binding"]["true_signal"], "a2");
  EXPECT_EQ(pbe["binding"]["report"], "a1");
  EXPECT_EQ(pbe["binding"]["gain"]["exact"], "144/125");
  const std::string lower = pbe["value"]["lower"];
  const std::string upper = pbe["value"]["upper"];
  EXPECT_TRUE(test::contains(lower, "2.09941398"));
  EXPECT_LT(lower, upper);  // same width: text order is numeric order
  EXPECT_EQ(json["budget"]["expected_revenue"]["exact"], "6");
  EXPECT_EQ(json["constraints"].size(), 6U);
  const std::string text = to_text(in, cert);
  EXPECT_TRUE(test::contains(text, "9/160*sqrt(1393)")) << text;
  EXPECT_TRUE(test::contains(text, "eps* PBE")) << text;
  EXPECT_TRUE(test::contains(text, "144/125")) << text;
  EXPECT_TRUE(test::contains(text, "worst ex post net")) << text;
}

TEST(Certify, DoubleModeAgreesWithRational) {
  const auto exact = certify(instances::tv4());
  const auto in = in_double(instances::tv4());
  const auto cert = certify(in);
  EXPECT_NEAR(cert.one_stage.value, d(exact.one_stage.value), 1e-9);
  EXPECT_NEAR(cert.pbe.value, d(exact.pbe.value), 1e-9);
  EXPECT_NEAR(cert.reference.value, d(exact.reference.value), 1e-7);
  ASSERT_EQ(cert.constraints.size(), exact.constraints.size());
  for (std::size_t k = 0; k < cert.constraints.size(); ++k) {
    EXPECT_NEAR(cert.constraints[k].pbe, d(exact.constraints[k].pbe), 1e-9);
  }
  EXPECT_TRUE(to_json(in, cert)["scales"]["pbe"]["value"]["exact"].is_null());
}

// Random small instances with the trivial decomposition (always valid). Prior
// weights from {1, 2} make posted posteriors collide, so information sets hold
// profiles with different true posteriors and PBE can fall below pointwise.
Instance<Rational> random_instance(std::mt19937_64& rng, int max_weight = 9) {
  std::uniform_int_distribution<int> coin(0, 1);
  std::uniform_int_distribution<int> weight(1, max_weight);
  std::uniform_int_distribution<int> value(0, 9);
  const std::size_t n = 2 + coin(rng);
  const std::size_t alternatives = 2 + coin(rng);
  mechanism::Environment<Rational> env;
  env.states = {"s0", "s1"};
  std::size_t profiles = 1;
  for (std::size_t i = 0; i < n; ++i) {
    env.agents.push_back(std::to_string(i + 1));
    const std::size_t types = n == 2 ? 2 + coin(rng) : 2;
    std::vector<std::string> labels;
    for (std::size_t t = 0; t < types; ++t) labels.push_back(fmt::format("t{}", t));
    env.types.push_back(labels);
    profiles *= types;
  }
  for (std::size_t c = 0; c < alternatives; ++c) env.alternatives.push_back(fmt::format("c{}", c));
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<Rational> v(alternatives * 2 * env.types[i].size());
    for (auto& x : v) x = q(value(rng));
    env.values.push_back(std::move(v));
  }
  Rational total(0);
  for (std::size_t k = 0; k < 2 * profiles; ++k) {
    env.prior.push_back(q(weight(rng)));
    total += env.prior.back();
  }
  for (auto& p : env.prior) p /= total;
  Instance<Rational> in;
  in.problem = mechanism::prepare(std::move(env));
  in.signals = analyse(trivial(in.problem), in.problem);
  in.decomposition_source = "trivial";
  return in;
}

TEST(Certify, OrderingOfLevelsAndPathEquivalenceOnRandomInstances) {
  std::mt19937_64 rng(3003);
  int strict = 0;  // constraints with G^PBE < G^PW: the exact best reply at work
  for (int draw = 0; draw < 60; ++draw) {
    const auto in = random_instance(rng, draw % 2 == 0 ? 9 : 2);
    const auto cert = certify(in);
    EXPECT_TRUE(cert.preconditions.hold()) << draw;
    EXPECT_TRUE(cert.path.holds()) << draw;
    EXPECT_TRUE(cert.same_signal_violations.empty()) << draw;
    const auto n = static_cast<long>(in.problem.agent_count());
    const Rational& m = cert.preconditions.max_value;
    for (const auto& c : cert.constraints) {
      ASSERT_TRUE(c.one_stage);
      EXPECT_LE(*c.one_stage, c.pbe) << draw;
      EXPECT_LE(c.pbe, c.pointwise) << draw;
      if (c.pbe < c.pointwise) ++strict;
      const auto pair = informational_size(in.signals, c.agent, c.truth, c.report);
      EXPECT_LE(c.pointwise, Rational(2 * n) * m * pair.expected_move) << draw;
    }
    for (const Level level : {Level::one_stage, Level::pbe}) {
      const auto& low = cert.scale(level);
      const auto& high = cert.scale(level == Level::one_stage ? Level::pbe : Level::pointwise);
      if (low.status == ScaleStatus::feasible && high.status == ScaleStatus::feasible) {
        EXPECT_LE(d(low.value), d(high.value) + 1e-12) << draw;
      }
    }
  }
  EXPECT_GT(strict, 0);
}

}  // namespace
}  // namespace mechlab::infosize

namespace mechlab::infosize {
namespace {

// A table reward whose power is negative for a1 -> a2 (the lie scores better)
// caps ε at G/S; agent 1's a2 -> a1 constraint needs more, so no scale works
// and the witness is the cap (review finding: such constraints were skipped).
TEST(CertifyNegativePower, CeilingBelowFloorIsInfeasibleWithTheCapAsWitness) {
  auto in = instances::tv2(test::q(9, 10));
  in.reward.family = RewardFamily::table;
  const std::vector<std::vector<long>> table = {
      {0, 0, 0, 0, 1, 1, 1, 1}, {1, 1, 0, 1, 1, 0, 1, 1}, {1, 0, 1, 1, 1, 1, 0, 1}};
  for (const auto& row : table) {
    std::vector<Rational> scores;
    for (const long x : row) scores.emplace_back(x);
    in.reward.table.push_back(std::move(scores));
  }
  const auto cert = certify(in);
  EXPECT_EQ(cert.pbe.status, ScaleStatus::infeasible);
  ASSERT_TRUE(cert.pbe.binding.has_value());
  const auto& witness = cert.constraints[*cert.pbe.binding];
  EXPECT_EQ(witness.agent, 0U);
  EXPECT_EQ(witness.truth, 0U);  // a1, reporting a2
  EXPECT_LT(*witness.power.rational(), 0);
  EXPECT_EQ(witness.pbe, test::q(-486, 9125));
  EXPECT_FALSE(cert.budget.has_value());
}

}  // namespace
}  // namespace mechlab::infosize
