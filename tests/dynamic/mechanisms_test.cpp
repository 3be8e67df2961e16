#include "mechlab/dynamic/mechanisms.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <numeric>
#include <vector>

#include "mechlab/core/rng.hpp"
#include "mechlab/dynamic/efficient.hpp"
#include "mechlab/dynamic/gum.hpp"
#include "mechlab/dynamic/instances.hpp"
#include "mechlab/dynamic/random_instance.hpp"
#include "mechlab/mechanism/model.hpp"
#include "mechlab/mechanism/rules.hpp"
#include "support.hpp"

namespace mechlab::dynamic {
namespace {

using test::q;

template <class T>
Problem<T> random_problem(std::uint64_t seed, const instances::RandomShape& shape = {}) {
  Rng rng = make_rng(seed);
  return prepare(instances::random_environment<T>(rng, shape));
}

// Calls f(t, p, c) for every t = 1..T, every p ∈ Θ_{t-1} and c ∈ Θ_t
// (reachable or not: the rules are defined on all reported pairs).
template <class T, class F>
void for_all_pairs(const Problem<T>& problem, F&& f) {
  for (std::size_t t = 1; t <= problem.horizon(); ++t) {
    for (std::size_t p = 0; p < problem.states[t - 1].size(); ++p) {
      for (std::size_t c = 0; c < problem.states[t].size(); ++c) f(t, p, c);
    }
  }
}

template <class T>
T sum_of(const std::vector<T>& v) {
  T s = T(0);
  for (const T& x : v) s += x;
  return s;
}

// The cell with the given label positions for (public, agent 0, agent 1, ...).
template <class T>
std::size_t cell(const Problem<T>& problem, std::size_t t, std::vector<std::size_t> digits) {
  return problem.states[t].encode(digits);
}

TEST(DynamicMechanisms, NamesRoundTrip) {
  ASSERT_EQ(all_mechanisms().size(), 9U);
  for (const MechanismKind kind : all_mechanisms()) {
    EXPECT_EQ(parse_mechanism(mechanism_name(kind)), kind) << mechanism_name(kind);
  }
  EXPECT_EQ(mechanism_name(MechanismKind::appf_dpm), "appf-dpm");
  EXPECT_FALSE(parse_mechanism("pivot").has_value());
}

TEST(DynamicMechanisms, NotApplicableNamesAgentsAndPeriods) {
  instances::RandomShape one;
  one.agents = 1;
  const auto single = random_problem<Rational>(3, one);
  const auto es = solve_efficient(single);
  for (const MechanismKind kind :
       {MechanismKind::btm, MechanismKind::btm_literal, MechanismKind::agv}) {
    ASSERT_TRUE(not_applicable(single, kind).has_value());
    const InputError err = test::input_error([&] { (void)make_transfer_rule(single, es, kind); });
    EXPECT_EQ(err.pointer(), "/agents") << mechanism_name(kind);
    EXPECT_TRUE(test::contains(err.expected(), "two agents")) << err.expected();
  }
  // GUM and the DPM are defined for N = 1 (GUM pays nothing).
  EXPECT_FALSE(not_applicable(single, MechanismKind::gum).has_value());
  const auto gum = make_transfer_rule(single, es, MechanismKind::gum);
  EXPECT_EQ(gum(1, 0, 1), std::vector<Rational>{q(0)});

  const auto ex = prepare(instances::example_5_1<Rational>(4));
  const auto e = solve_efficient(ex);
  for (const MechanismKind kind : {MechanismKind::agv, MechanismKind::vcg}) {
    const InputError err = test::input_error([&] { (void)make_transfer_rule(ex, e, kind); });
    EXPECT_EQ(err.pointer(), "/periods") << mechanism_name(kind);
    EXPECT_TRUE(test::contains(err.expected(), "T = 1")) << err.expected();
  }
  EXPECT_FALSE(not_applicable(ex, MechanismKind::btm).has_value());
  MechanismOptions bad;
  bad.order = {0, 0, 1};
  EXPECT_EQ(test::input_error([&] {
              (void)make_transfer_rule(ex, e, MechanismKind::gum, bad);
            }).pointer(),
            "/order/1");
}

// p̂ = Pr(θ_T = H | label): the label itself ("0", "1/2", "1").
Rational p_hat(const Problem<Rational>& problem, std::size_t t, std::size_t cell, std::size_t i) {
  const std::size_t k = i + 1;
  return parse_rational(problem.env.periods[t].types[k][problem.states[t].digit(cell, k)]);
}

TEST(DynamicMechanisms, Example51BtmIncentivesFollowEq35) {
  const auto problem = prepare(instances::example_5_1<Rational>(4));
  const auto e = solve_efficient(problem);
  std::size_t pairs = 0;
  for_all_pairs(problem, [&](std::size_t t, std::size_t p, std::size_t c) {
    const auto g = btm_incentives(problem, e, t, p, c, false);
    for (std::size_t i = 0; i < 2; ++i) {
      const std::size_t other = 1 - i;
      const Rational want = 50 * p_hat(problem, t - 1, p, other) *
                            (p_hat(problem, t - 1, p, i) - p_hat(problem, t, c, i));
      EXPECT_EQ(g[i], want) << "t=" << t << " " << problem.state_name(t - 1, p) << " -> "
                            << problem.state_name(t, c);
    }
    EXPECT_EQ(g[2], q(0));
    // No public state: the literal eq. (28) is the same BTM.
    EXPECT_EQ(btm_incentives(problem, e, t, p, c, true), g);
    ++pairs;
  });
  EXPECT_EQ(pairs, 9U + 81U + 81U + 36U);
}

TEST(DynamicMechanisms, Example51BtmAlternatingDeviationTransfers) {
  for (const std::size_t horizon : {4U, 6U}) {
    const auto problem = prepare(instances::example_5_1<Rational>(horizon));
    const auto e = solve_efficient(problem);
    const auto btm = make_transfer_rule(problem, e, MechanismKind::btm);
    // b and r report 1 in odd rounds and 0 in even rounds; at T (even) both
    // truthfully report 0 here.
    const auto report = [&](std::size_t t) {
      if (t == 0) return problem.theta0;
      const std::size_t one = t < horizon ? 2 : 1;
      const std::size_t pos = t % 2 == 1 ? one : 0;
      return cell(problem, t, {0, pos, pos, 0});
    };
    for (std::size_t t = 1; t <= horizon; ++t) {
      const auto y = btm(t, report(t - 1), report(t));
      std::vector<Rational> want;
      if (t == 1) {
        want = {q(-25, 4), q(-25, 4), q(25, 2)};
      } else if (t % 2 == 0) {
        want = {q(25), q(25), q(-50)};
      } else {
        want = {q(0), q(0), q(0)};
      }
      EXPECT_EQ(y, want) << "T=" << horizon << " t=" << t;
    }
  }
}

TEST(DynamicMechanisms, Example51GumFixturesThroughTheRule) {
  const auto problem = prepare(instances::example_5_1<Rational>(4));
  const auto e = solve_efficient(problem);
  const auto gum = make_transfer_rule(problem, e, MechanismKind::gum);
  const auto at = [&](std::size_t t, std::size_t b, std::size_t r) {
    return cell(problem, t, {0, b, r, 0});
  };
  EXPECT_EQ(gum(2, at(1, 2, 2), at(2, 0, 0)), (std::vector<Rational>{q(50), q(100), q(-150)}));
  EXPECT_EQ(gum(2, at(1, 0, 0), at(2, 2, 2)), (std::vector<Rational>{q(-100), q(-50), q(150)}));
  EXPECT_EQ(gum(2, at(1, 1, 1), at(2, 2, 0)), (std::vector<Rational>{q(75, 2), q(0), q(-75, 2)}));
  // The order matters: with r first the (1,1) -> (0,0) transfers differ.
  MechanismOptions reversed;
  reversed.order = {1, 0, 2};
  const auto gum_r = make_transfer_rule(problem, e, MechanismKind::gum, reversed);
  EXPECT_EQ(gum_r(2, at(1, 2, 2), at(2, 0, 0)), (std::vector<Rational>{q(100), q(50), q(-150)}));
}

TEST(DynamicMechanisms, AppendixEAgvIncentiveDifferences) {
  const auto problem = prepare(instances::appendix_e<Rational>());
  const auto e = solve_efficient(problem);
  const auto at = [&](std::size_t a1, std::size_t a2) { return cell(problem, 1, {0, a1, a2, 0}); };
  // g^i depends on agent i's own report only.
  const auto g_ll = btm_incentives(problem, e, 1, problem.theta0, at(0, 0), false);
  const auto g_hh = btm_incentives(problem, e, 1, problem.theta0, at(1, 1), false);
  EXPECT_EQ(g_hh[0] - g_ll[0], q(-15));
  EXPECT_EQ(g_hh[1] - g_ll[1], q(-4));
  EXPECT_EQ(btm_incentives(problem, e, 1, problem.theta0, at(1, 0), false)[0], g_hh[0]);
  const auto agv = make_transfer_rule(problem, e, MechanismKind::agv);
  for (std::size_t c = 0; c < problem.states[1].size(); ++c) {
    EXPECT_EQ(sum_of(agv(1, problem.theta0, c)), q(0));
  }
  // AGV at (H, H): γ = (g1, g2, 0) − constants; check one value in full:
  // y^1 = g^1 − (g^2 + g^3)/2.
  const auto y = agv(1, problem.theta0, at(1, 1));
  EXPECT_EQ(y[0], g_hh[0] - (g_hh[1] + g_hh[2]) / 2);
}

// A dynamic T = 1 problem with one public label at t = 1 as a static
// mechanism-design problem (see vcg_transfer in mechanisms.cpp): the period-1
// types drawn from μ_0(· | θ_0, χ_0(θ_0)) are the independent prior, X_1 the
// alternatives, u_1 the valuations. Static profiles and period-1 cells share
// their index (public coordinate of radix 1 first, then agent 0 slowest).
mechanism::Problem<Rational> to_static(const Problem<Rational>& problem,
                                       const Efficient<Rational>& e) {
  const std::size_t n = problem.agent_count();
  const IndexSpace& start = problem.states[0];
  const std::size_t x0 = e.chi[0][problem.theta0];
  const std::size_t s0 = start.digit(problem.theta0, 0);
  mechanism::Environment<Rational> env;
  env.agents = problem.env.agents;
  env.alternatives = problem.env.periods[1].decisions;
  env.values.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    env.types.push_back(problem.env.periods[1].types[i + 1]);
    const std::size_t types = env.types[i].size();
    env.values[i].resize(env.alternatives.size() * types);
    for (std::size_t x = 0; x < env.alternatives.size(); ++x) {
      for (std::size_t k = 0; k < types; ++k)
        env.values[i][x * types + k] = problem.payoff(1, i, k, x);
    }
  }
  const IndexSpace& now = problem.states[1];
  for (std::size_t c = 0; c < now.size(); ++c) {
    Rational pr = 1;
    for (std::size_t i = 0; i < n; ++i) {
      pr *= problem.kernel_row(0, i + 1, s0, start.digit(problem.theta0, i + 1),
                               x0)[now.digit(c, i + 1)];
    }
    env.prior.push_back(pr);
  }
  return mechanism::prepare(std::move(env));
}

// Every agent's period-1 row from θ_0 has full support (the static engine
// rejects types of probability zero).
bool full_support_start(const Problem<Rational>& problem, const Efficient<Rational>& e) {
  const std::size_t x0 = e.chi[0][problem.theta0];
  for (std::size_t i = 0; i < problem.agent_count(); ++i) {
    const auto& row = problem.kernel_row(0, i + 1, 0, 0, x0);
    if (std::any_of(row.begin(), row.end(), [](const Rational& v) { return sgn(v) == 0; })) {
      return false;
    }
  }
  return true;
}

void expect_static_agreement(const Problem<Rational>& problem) {
  const auto e = solve_efficient(problem);
  const auto stat = to_static(problem, e);
  const auto vcg_static = mechanism::vcg(stat);
  const auto agv_static = mechanism::agv(stat, mechanism::efficient_mechanism(stat));
  const auto vcg = make_transfer_rule(problem, e, MechanismKind::vcg);
  const auto agv = make_transfer_rule(problem, e, MechanismKind::agv);
  const auto dpm = make_transfer_rule(problem, e, MechanismKind::dpm);
  for (std::size_t c = 0; c < problem.states[1].size(); ++c) {
    const auto yv = vcg(1, problem.theta0, c);
    const auto ya = agv(1, problem.theta0, c);
    for (std::size_t i = 0; i < problem.agent_count(); ++i) {
      EXPECT_EQ(yv[i], vcg_static.transfers[i][c]) << "vcg " << i << " " << c;
      EXPECT_EQ(ya[i], agv_static.transfers[i][c]) << "agv " << i << " " << c;
    }
    // With T = 1 the dynamic pivot is the Clarke pivot.
    EXPECT_EQ(dpm(1, problem.theta0, c), yv);
  }
}

TEST(DynamicMechanisms, StaticAgvAndVcgMatchTheStaticEngine) {
  expect_static_agreement(prepare(instances::appendix_e<Rational>()));
  instances::RandomShape shape;
  shape.horizon = 1;
  shape.publics = 1;
  std::size_t checked = 0;
  for (std::uint64_t seed = 1; checked < 4 && seed < 100; ++seed) {
    const auto problem = random_problem<Rational>(seed, shape);
    if (!full_support_start(problem, solve_efficient(problem))) continue;
    expect_static_agreement(problem);
    ++checked;
  }
  EXPECT_EQ(checked, 4U);
}

TEST(DynamicMechanisms, DpmTruthfulFlowIsMarginalContributionDifference) {
  for (std::uint64_t seed = 1; seed <= 4; ++seed) {
    const auto problem = random_problem<Rational>(seed);
    const auto e = solve_efficient(problem);
    const auto sub = solve_sub_economies(problem);
    const auto dpm = make_transfer_rule(problem, e, MechanismKind::dpm);
    const std::size_t n = problem.agent_count();
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t t = 0; t <= problem.horizon(); ++t) {
        // M_t^i = W_t − W_t^{−i}.
        std::vector<Rational> m(problem.states[t].size());
        for (std::size_t s = 0; s < m.size(); ++s) {
          m[s] = e.W[t][s] - sub[i][t][s];
          // Following χ is feasible in the sub-economy, so W^{−i} ≥ Σ_{j≠i} V^j.
          EXPECT_GE(sub[i][t][s], e.W[t][s] - e.V[t][i][s]);
        }
        if (t == 0) continue;
        std::vector<std::vector<Rational>> next_m(problem.decision_count(t));
        if (t < problem.horizon()) {
          std::vector<Rational> m_next(problem.states[t + 1].size());
          for (std::size_t s = 0; s < m_next.size(); ++s)
            m_next[s] = e.W[t + 1][s] - sub[i][t + 1][s];
          for (std::size_t x = 0; x < next_m.size(); ++x)
            next_m[x] = expect_next(problem, t, x, m_next);
        }
        for (std::size_t c = 0; c < problem.states[t].size(); ++c) {
          const std::size_t x = e.chi[t][c];
          const Rational flow =
              problem.payoff(t, i, problem.states[t].digit(c, i + 1), x) + dpm(t, 0, c)[i];
          const Rational want = m[c] - (t < problem.horizon() ? next_m[x][c] : Rational(0));
          EXPECT_EQ(flow, want) << "seed " << seed << " i=" << i << " t=" << t << " c=" << c;
          // Transfers depend on the current report only.
          EXPECT_EQ(dpm(t, problem.states[t - 1].size() - 1, c), dpm(t, 0, c));
        }
      }
    }
  }
}

TEST(DynamicMechanisms, BudgetBalanceExactOnAllPairs) {
  const std::vector<MechanismKind> balanced = {MechanismKind::gum, MechanismKind::gum_shapley,
                                               MechanismKind::btm, MechanismKind::btm_literal};
  bool dpm_unbalanced = false;
  for (std::uint64_t seed = 11; seed <= 13; ++seed) {
    const auto problem = random_problem<Rational>(seed);
    const auto e = solve_efficient(problem);
    for (const MechanismKind kind : balanced) {
      const auto rule = make_transfer_rule(problem, e, kind);
      std::size_t pairs = 0;
      for_all_pairs(problem, [&](std::size_t t, std::size_t p, std::size_t c) {
        EXPECT_EQ(sum_of(rule(t, p, c)), q(0)) << mechanism_name(kind) << " seed " << seed;
        ++pairs;
      });
      EXPECT_EQ(pairs, 16U + 256U);
    }
    const auto dpm = make_transfer_rule(problem, e, MechanismKind::dpm);
    for_all_pairs(problem, [&](std::size_t t, std::size_t p, std::size_t c) {
      if (sum_of(dpm(t, p, c)) != 0) dpm_unbalanced = true;
    });
  }
  EXPECT_TRUE(dpm_unbalanced);
}

TEST(DynamicMechanisms, ShapleyEqualsAverageOverAllOrders) {
  const auto problem = random_problem<Rational>(21);
  const auto e = solve_efficient(problem);
  const auto shapley = make_transfer_rule(problem, e, MechanismKind::gum_shapley);
  std::vector<std::vector<std::size_t>> orders;
  std::vector<std::size_t> pi = {0, 1, 2};
  do {
    orders.push_back(pi);
  } while (std::next_permutation(pi.begin(), pi.end()));
  ASSERT_EQ(orders.size(), 6U);
  // Beyond the exact limit: the average over the sampled orders.
  MechanismOptions sampled;
  sampled.exact_shapley_agents = 2;
  sampled.order_samples = 5;
  sampled.seed = 7;
  const auto sample = shapley_sample_orders(3, sampled);
  ASSERT_EQ(sample.size(), 5U);
  EXPECT_TRUE(shapley_sample_orders(3, {}).empty());
  const auto approx = make_transfer_rule(problem, e, MechanismKind::gum_shapley, sampled);
  MechanismOptions none = sampled;
  none.order_samples = 0;
  EXPECT_EQ(test::input_error([&] {
              (void)make_transfer_rule(problem, e, MechanismKind::gum_shapley, none);
            }).pointer(),
            "/order_samples");
  bool order_matters = false;
  for_all_pairs(problem, [&](std::size_t t, std::size_t p, std::size_t c) {
    // y for every order, once; the sample's orders are among them.
    std::vector<std::vector<Rational>> by_order;
    by_order.reserve(orders.size());
    for (const auto& order : orders) by_order.push_back(gum_transfer(problem, e, t, p, c, order).y);
    const auto average = [&](const std::vector<std::vector<std::size_t>>& list) {
      std::vector<Rational> y(3, q(0));
      for (const auto& order : list) {
        const auto at = std::find(orders.begin(), orders.end(), order) - orders.begin();
        const auto& one = by_order[static_cast<std::size_t>(at)];
        for (std::size_t i = 0; i < 3; ++i) y[i] += one[i] / static_cast<long>(list.size());
      }
      return y;
    };
    EXPECT_EQ(shapley(t, p, c), average(orders)) << t << " " << p << " " << c;
    EXPECT_EQ(approx(t, p, c), average(sample)) << t << " " << p << " " << c;
    if (by_order[0] != by_order[5]) order_matters = true;
  });
  EXPECT_TRUE(order_matters);  // so the averaging is not vacuous
}

TEST(DynamicMechanisms, BtmLiteralEqualsBtmWithOnePublicLabel) {
  instances::RandomShape shape;
  shape.publics = 1;
  const auto problem = random_problem<Rational>(32, shape);
  const auto e = solve_efficient(problem);
  const auto btm = make_transfer_rule(problem, e, MechanismKind::btm);
  const auto literal = make_transfer_rule(problem, e, MechanismKind::btm_literal);
  bool nonzero = false;
  for_all_pairs(problem, [&](std::size_t t, std::size_t p, std::size_t c) {
    const auto y = btm(t, p, c);
    EXPECT_EQ(y, literal(t, p, c));
    if (std::any_of(y.begin(), y.end(), [](const Rational& v) { return sgn(v) != 0; }))
      nonzero = true;
  });
  EXPECT_TRUE(nonzero);
  // With a moving public state the two differ on some instance (at t < T:
  // V_T does not depend on θ_T^0 here, so only t = 1 can differ).
  std::size_t differing = 0;
  for (std::uint64_t seed = 31; seed <= 34; ++seed) {
    const auto moving = random_problem<Rational>(seed);
    const auto em = solve_efficient(moving);
    bool differ = false;
    for_all_pairs(moving, [&](std::size_t t, std::size_t p, std::size_t c) {
      if (btm_incentives(moving, em, t, p, c, false) != btm_incentives(moving, em, t, p, c, true))
        differ = true;
    });
    if (differ) ++differing;
  }
  EXPECT_GE(differing, 3U);
}

TEST(DynamicMechanisms, GumEqualsBtmWithOneReporterPerRound) {
  instances::RandomShape shape;
  shape.agents = 2;
  shape.horizon = 3;
  for (std::uint64_t seed = 41; seed <= 43; ++seed) {
    Rng rng = make_rng(seed);
    auto env = instances::random_environment<Rational>(rng, shape);
    // Agent t mod 2 is the only one whose new type is random in round t:
    // the other agent's kernel into t is a point mass.
    for (std::size_t t = 0; t < shape.horizon; ++t) {
      const std::size_t still = (t + 1) % 2 == 0 ? 1 : 0;
      for (auto& row : env.kernels[t].agents[still]) {
        std::fill(row.begin(), row.end(), q(0));
        row[0] = 1;
      }
    }
    const auto problem = prepare(std::move(env));
    const auto e = solve_efficient(problem);
    const auto btm = make_transfer_rule(problem, e, MechanismKind::btm);
    MechanismOptions reversed;
    reversed.order = {1, 0};
    const auto gum = make_transfer_rule(problem, e, MechanismKind::gum);
    const auto gum_r = make_transfer_rule(problem, e, MechanismKind::gum, reversed);
    std::size_t checked = 0;
    for_all_pairs(problem, [&](std::size_t t, std::size_t p, std::size_t c) {
      const std::size_t still = t % 2 == 0 ? 1 : 0;
      if (problem.states[t].digit(c, still + 1) != 0) return;  // off the point mass
      EXPECT_EQ(gum(t, p, c), btm(t, p, c)) << t << " " << p << " " << c;
      EXPECT_EQ(gum_r(t, p, c), btm(t, p, c)) << t << " " << p << " " << c;
      ++checked;
    });
    EXPECT_GT(checked, 0U);
  }
}

TEST(DynamicMechanisms, AppFDpmIsGumWithTheAgentLastAndDiffersFromEq27) {
  const auto problem = random_problem<Rational>(51);
  const auto e = solve_efficient(problem);
  const auto appf = make_transfer_rule(problem, e, MechanismKind::appf_dpm);
  const auto eq27 = make_transfer_rule(problem, e, MechanismKind::eq27);
  const std::size_t n = problem.agent_count();
  bool differ = false;
  for_all_pairs(problem, [&](std::size_t t, std::size_t p, std::size_t c) {
    const auto y = appf(t, p, c);
    for (std::size_t i = 0; i < n; ++i) {
      std::vector<std::size_t> order;
      for (std::size_t j = 0; j < n; ++j) {
        if (j != i) order.push_back(j);
      }
      order.push_back(i);
      EXPECT_EQ(y[i], gum_transfer(problem, e, t, p, c, order).y[i]) << t << " " << p << " " << c;
      // eq. (27) directly: Σ_{j≠i}(G^j[all] − G^j[all∖{i}]).
      std::vector<bool> s(n + 1, true);
      s[i + 1] = false;
      const auto without = partial_expectation(problem, e, t, p, c, s);
      Rational want = 0;
      for (std::size_t j = 0; j < n; ++j) {
        if (j != i) want += e.V[t][j][c] - without[j];
      }
      EXPECT_EQ(eq27(t, p, c)[i], want);
    }
    if (y != eq27(t, p, c)) differ = true;
  });
  EXPECT_TRUE(differ);
}

TEST(DynamicMechanisms, Section52EfficientPolicyAndDpmPaymentsAsStated) {
  const auto problem = prepare(instances::section_5_2<Rational>());
  const auto e = solve_efficient(problem);
  EXPECT_EQ(e.welfare, q(5));
  EXPECT_EQ(e.tie_count(), 0U);
  // Positions: t = 1 types 5 -> 0, X -> 1; t = 2: 0 -> 0, ±100 -> 1, X -> 2;
  // decisions −1, 0, 1 -> 0, 1, 2.
  const auto c1 = [&](std::size_t b, std::size_t r) { return cell(problem, 1, {0, b, r, 0}); };
  const auto c2 = [&](std::size_t b, std::size_t r) { return cell(problem, 2, {0, b, r, 0}); };
  EXPECT_EQ(e.chi[1][c1(0, 0)], 2U);  // a_1 = 1
  EXPECT_EQ(e.W[1][c1(0, 0)], q(5));
  const auto dpm = make_transfer_rule(problem, e, MechanismKind::dpm);
  // y = −p.
  EXPECT_EQ(dpm(2, c1(0, 0), c2(1, 1)), (std::vector<Rational>{q(-98), q(-98), q(0)}));
  EXPECT_EQ(dpm(1, problem.theta0, c1(1, 0))[1], q(-4));  // b exits, r pays 4
  EXPECT_EQ(dpm(1, problem.theta0, c1(0, 1))[0], q(-4));  // r exits, b pays 4
  EXPECT_EQ(e.chi[1][c1(1, 1)], 0U);                      // (X, X): a_1 = −1
  EXPECT_EQ(dpm(1, problem.theta0, c1(1, 1)), (std::vector<Rational>{q(0), q(0), q(0)}));
  // The exited agent is irrelevant and pays nothing.
  EXPECT_EQ(dpm(1, problem.theta0, c1(1, 0))[0], q(0));
  // The 2 × 2 of (E U_b, E U_r) "exact as stated": true t = 1 types are 5,
  // t = 2 reports are truthful (0, 0) after a_1 = −1 and (100, −100) otherwise.
  const std::vector<std::vector<Rational>> want = {
      {q(-94), q(-94)}, {q(-98), q(-94)}, {q(-94), q(-98)}, {q(-6), q(-6)}};
  for (std::size_t rb = 0; rb < 2; ++rb) {
    for (std::size_t rr = 0; rr < 2; ++rr) {
      const std::size_t first = c1(rb, rr);
      const std::size_t a1 = e.chi[1][first];
      const std::size_t pos = a1 == 0 ? 0 : 1;
      const std::size_t second = c2(pos, pos);
      const std::size_t a2 = e.chi[2][second];
      const auto y1 = dpm(1, problem.theta0, first);
      const auto y2 = dpm(2, first, second);
      for (std::size_t i = 0; i < 2; ++i) {
        const Rational u =
            problem.payoff(1, i, 0, a1) + y1[i] + problem.payoff(2, i, pos, a2) + y2[i];
        EXPECT_EQ(u, want[rb * 2 + rr][i]) << "reports " << rb << rr << " agent " << i;
      }
    }
  }
}

TEST(DynamicMechanisms, AppendixDGuaranteesAndLemma2Ingredients) {
  const auto problem = prepare(instances::appendix_d<Rational>());
  const auto e = solve_efficient(problem);
  EXPECT_EQ(e.guarantees, (std::vector<Rational>{q(26), q(26), q(-51)}));
  EXPECT_EQ(e.welfare, q(1));
  EXPECT_EQ(e.tie_count(), 0U);
  // Pr(p_3 = .1 | p_1 = p): two martingale steps (decisions do not matter).
  const auto reach = [&](std::size_t from) {
    Rational pr = 0;
    const auto& step1 = problem.kernel_row(1, 1, 0, from, 0);
    for (std::size_t mid = 0; mid < step1.size(); ++mid)
      pr += step1[mid] * problem.kernel_row(2, 1, 0, mid, 0)[0];
    return pr;
  };
  EXPECT_EQ(reach(0), q(3, 4));  // p_1 = .3
  EXPECT_EQ(reach(1), q(1, 4));  // p_1 = .7
  EXPECT_EQ(problem.kernel_row(1, 1, 0, 0, 0), (std::vector<Rational>{q(5, 6), q(1, 6)}));
  // Eq. (35) with the multiplier 100: g_t^blue = 100 p̂_{t−1}^red (p̂_{t−1}^blue − p̂_t^blue)
  // (the guesses follow the reports, so the 10^42 and ε terms vanish).
  const auto p_of = [&](std::size_t t, std::size_t s, std::size_t i) -> Rational {
    const std::string& label =
        problem.env.periods[t].types[i + 1][problem.states[t].digit(s, i + 1)];
    const auto colon = label.find(':');
    return parse_rational(label.substr(colon + 1, label.size() - colon - 2)) / 100;
  };
  for_all_pairs(problem, [&](std::size_t t, std::size_t p, std::size_t c) {
    const auto g = btm_incentives(problem, e, t, p, c, false);
    EXPECT_EQ(g[0], 100 * p_of(t - 1, p, 1) * (p_of(t - 1, p, 0) - p_of(t, c, 0))) << t;
    EXPECT_EQ(g[1], 100 * p_of(t - 1, p, 0) * (p_of(t - 1, p, 1) - p_of(t, c, 1))) << t;
  });
}

TEST(DynamicMechanisms, DoubleRulesAgreeWithRational) {
  const auto exact = random_problem<Rational>(61);
  const auto approx = random_problem<double>(61);
  const auto ee = solve_efficient(exact);
  const auto ea = solve_efficient(approx);
  for (const MechanismKind kind : all_mechanisms()) {
    if (not_applicable(exact, kind)) continue;
    const auto re = make_transfer_rule(exact, ee, kind);
    const auto ra = make_transfer_rule(approx, ea, kind);
    for_all_pairs(exact, [&](std::size_t t, std::size_t p, std::size_t c) {
      const auto ye = re(t, p, c);
      const auto ya = ra(t, p, c);
      for (std::size_t i = 0; i < ye.size(); ++i) {
        EXPECT_TRUE(nearly_equal(ya[i], to_double(ye[i])))
            << mechanism_name(kind) << " " << ya[i] << " vs " << to_string(ye[i]);
      }
    });
  }
}

}  // namespace
}  // namespace mechlab::dynamic
