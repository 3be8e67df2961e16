#include "mechlab/dynamic/gum.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <random>
#include <vector>

#include "mechlab/dynamic/efficient.hpp"
#include "mechlab/dynamic/instances.hpp"
#include "mechlab/dynamic/random_instance.hpp"
#include "support.hpp"

namespace mechlab::dynamic {
namespace {

using test::q;

// The cell of period t with both b and r at the given label positions.
std::size_t br(const Problem<Rational>& problem, std::size_t t, std::size_t b, std::size_t r) {
  const std::vector<std::size_t> digits = {0, b, r, 0};
  return problem.states[t].encode(digits);
}

// Σ_{j≠i} γ^{i→j}, the quantity of eqs. (38)–(39).
Rational sum_on_others(const GumTransfer<Rational>& g, std::size_t i) {
  Rational s = 0;
  for (std::size_t j = 0; j < g.y.size(); ++j) {
    if (j != i) s += g.gamma[i + 1][j];
  }
  return s;
}

TEST(DynamicGum, IntroExternalitiesAndTransfers) {
  const auto problem = prepare(instances::intro_example<Rational>());
  const auto e = solve_efficient(problem);
  const std::vector<std::size_t> high = {0, 0, 1, 0};
  const auto g = gum_transfer(problem, e, 1, problem.theta0, problem.states[1].encode(high));
  EXPECT_EQ(g.gamma[2][0], q(20));  // γ^{2→1}
  EXPECT_EQ(g.gamma[2][2], q(-5));  // γ^{2→3}
  EXPECT_EQ(g.y, (std::vector<Rational>{q(-20), q(15), q(5)}));
  check_budget_balance(g);
}

TEST(DynamicGum, Example51TransfersAtPeriodTwo) {
  const auto problem = prepare(instances::example_5_1<Rational>(4));
  const auto e = solve_efficient(problem);
  struct Case {
    std::size_t pb, pr, cb, cr;
    Rational eq38, eq39;
    std::vector<Rational> y;
  };
  // Label positions in periods 1 and 2: 0 -> "0", 1 -> "1/2", 2 -> "1".
  const std::vector<Case> cases = {
      {2, 2, 0, 0, q(50), q(0), {q(50), q(100), q(-150)}},
      {0, 0, 2, 2, q(0), q(-50), {q(-100), q(-50), q(150)}},
      {1, 1, 2, 0, q(-25, 2), q(25), {q(75, 2), q(0), q(-75, 2)}},
  };
  for (const auto& c : cases) {
    const auto g =
        gum_transfer(problem, e, 2, br(problem, 1, c.pb, c.pr), br(problem, 2, c.cb, c.cr));
    EXPECT_EQ(sum_on_others(g, 0), c.eq38) << c.pb << c.pr << "->" << c.cb << c.cr;
    EXPECT_EQ(sum_on_others(g, 1), c.eq39) << c.pb << c.pr << "->" << c.cb << c.cr;
    EXPECT_EQ(g.y, c.y) << c.pb << c.pr << "->" << c.cb << c.cr;
  }
}

// Every p of period t-1 and every c in the support of μ_{t-1}(· | p, χ(p)),
// for every t >= 1 and both the given and the reversed order.
template <class T>
std::size_t check_balance_everywhere(const Problem<T>& problem) {
  const auto e = solve_efficient(problem);
  std::vector<std::size_t> reversed(problem.order.rbegin(), problem.order.rend());
  std::size_t pairs = 0;
  for (std::size_t t = 1; t <= problem.horizon(); ++t) {
    for (std::size_t p = 0; p < problem.states[t - 1].size(); ++p) {
      const std::size_t cells = problem.states[t].size();
      for (std::size_t c = 0; c < cells; ++c) {
        std::vector<T> unit(cells, T(0));
        unit[c] = T(1);
        const T prob = expect_next(problem, t - 1, e.chi[t - 1][p], unit)[p];
        if (sign_of(prob) == 0) continue;
        for (const auto& order : {problem.order, reversed}) {
          const auto g = gum_transfer(problem, e, t, p, c, order);
          EXPECT_NO_THROW(check_budget_balance(g));
          T sum = T(0);
          for (const T& y : g.y) sum += y;
          if constexpr (NumberTraits<T>::exact) {
            EXPECT_EQ(sum, T(0));
          }
          ++pairs;
        }
      }
    }
  }
  return pairs;
}

TEST(DynamicGum, BudgetBalancesExactlyOnEveryReachablePair) {
  EXPECT_GT(check_balance_everywhere(prepare(instances::example_5_1<Rational>(4))), 0U);
  EXPECT_GT(check_balance_everywhere(prepare(instances::appendix_e<Rational>())), 0U);
  EXPECT_GT(check_balance_everywhere(prepare(instances::intro_example<Rational>())), 0U);
  EXPECT_GT(check_balance_everywhere(prepare(instances::example_5_1<double>(4))), 0U);
}

TEST(DynamicGum, PartialExpectationEndpointsAreContinuationAndValue) {
  const auto problem = prepare(instances::example_5_1<Rational>(4));
  const auto e = solve_efficient(problem);
  const std::size_t p = br(problem, 1, 1, 2);
  const std::size_t c = br(problem, 2, 2, 1);
  const auto none = partial_expectation(problem, e, 2, p, c, std::vector<bool>(4, false));
  const auto all = partial_expectation(problem, e, 2, p, c, std::vector<bool>(4, true));
  for (std::size_t j = 0; j < 3; ++j) {
    EXPECT_EQ(none[j], e.K[1][j][p]);
    EXPECT_EQ(all[j], e.V[2][j][c]);
  }
  EXPECT_EQ(all[3], e.W[2][c]);
}

TEST(DynamicGum, DoubleModeAgreesWithExact) {
  const auto exact_problem = prepare(instances::example_5_1<Rational>(4));
  const auto float_problem = prepare(instances::example_5_1<double>(4));
  const auto exact = solve_efficient(exact_problem);
  const auto approx = solve_efficient(float_problem);
  for (std::size_t t = 1; t <= 4; ++t) {
    for (std::size_t p = 0; p < exact_problem.states[t - 1].size(); ++p) {
      for (std::size_t c = 0; c < exact_problem.states[t].size(); ++c) {
        const auto a = gum_transfer(exact_problem, exact, t, p, c);
        const auto b = gum_transfer(float_problem, approx, t, p, c);
        for (std::size_t i = 0; i < 3; ++i) EXPECT_NEAR(to_double(a.y[i]), b.y[i], 1e-9);
      }
    }
  }
}

TEST(DynamicGum, AppendixEGuaranteesAreTheTruthfulPayoffs) {
  const auto problem = prepare(instances::appendix_e<Rational>());
  const auto e = solve_efficient(problem);
  // Under truth the expected transfer from t = 1 is 0 for everyone (eq. 56),
  // so E U^i = C^i = (13, 5/2, −10).
  std::vector<Rational> mean(3, Rational(0));
  for (std::size_t c = 0; c < problem.states[1].size(); ++c) {
    const auto g = gum_transfer(problem, e, 1, problem.theta0, c);
    for (std::size_t i = 0; i < 3; ++i) mean[i] += g.y[i] / 4;
  }
  EXPECT_EQ(mean, (std::vector<Rational>{q(0), q(0), q(0)}));
  EXPECT_EQ(e.guarantees, (std::vector<Rational>{q(13), q(5, 2), q(-10)}));
}

// The first slice's formula: every component contracted with a row, the unit
// vector e_{c^k} for the updated ones and q^k for the others.
template <class T>
std::vector<T> unit_vector_expectation(const Problem<T>& problem, const Efficient<T>& e,
                                       std::size_t t, std::size_t p, std::size_t c,
                                       const std::vector<bool>& updated) {
  const std::size_t n = problem.agent_count();
  const IndexSpace& prev = problem.states[t - 1];
  const IndexSpace& now = problem.states[t];
  const std::size_t x = e.chi[t - 1][p];
  std::vector<std::vector<T>> units(n + 1);
  std::vector<const std::vector<T>*> rows(n + 1);
  for (std::size_t k = 0; k <= n; ++k) {
    if (updated[k]) {
      units[k].assign(now.radix(k), T(0));
      units[k][now.digit(c, k)] = T(1);
      rows[k] = &units[k];
    } else {
      rows[k] = &problem.kernel_row(t - 1, k, prev.digit(p, 0), prev.digit(p, k), x);
    }
  }
  const auto all = [&](const std::vector<T>& f) {
    std::vector<std::size_t> dims(n + 1);
    for (std::size_t k = 0; k <= n; ++k) dims[k] = now.radix(k);
    std::vector<T> g = f;
    for (std::size_t k = 0; k <= n; ++k) {
      g = contract_mode(g, dims, k, {rows[k]});
      dims[k] = 1;
    }
    return g[0];
  };
  std::vector<T> out;
  for (std::size_t j = 0; j < n; ++j) out.push_back(all(e.V[t][j]));
  out.push_back(all(e.W[t]));
  return out;
}

TEST(DynamicGum, SlicesEqualUnitVectorContractionsExactly) {
  Rng rng(31);
  const std::vector<instances::RandomShape> shapes = {
      {},
      {.agents = 3, .horizon = 2, .types = 3, .publics = 3, .decisions = 2},
  };
  std::size_t checked = 0;
  for (const auto& shape : shapes) {
    const auto problem = prepare(instances::random_environment<Rational>(rng, shape));
    const auto e = solve_efficient(problem);
    const auto lean = solve_efficient(problem, SolveOptions{.keep_continuations = false});
    const std::size_t n = problem.agent_count();
    std::uniform_int_distribution<std::size_t> pick(0, 1U << 30);
    for (std::size_t t = 1; t <= problem.horizon(); ++t) {
      for (int draw = 0; draw < 6; ++draw) {
        const std::size_t p = pick(rng) % problem.states[t - 1].size();
        const std::size_t c = pick(rng) % problem.states[t].size();
        // Every subset S of the components.
        for (std::size_t mask = 0; mask < (std::size_t{1} << (n + 1)); ++mask) {
          std::vector<bool> updated(n + 1);
          for (std::size_t k = 0; k <= n; ++k) updated[k] = ((mask >> k) & 1U) != 0;
          ASSERT_EQ(partial_expectation(problem, e, t, p, c, updated),
                    unit_vector_expectation(problem, e, t, p, c, updated));
          ++checked;
        }
        // All prefixes at once, for the given and the reversed order.
        std::vector<std::size_t> reversed(problem.order.rbegin(), problem.order.rend());
        for (const auto& order : {problem.order, reversed}) {
          const auto G = prefix_expectations(problem, e, t, p, c, order);
          ASSERT_EQ(G, prefix_expectations(problem, lean, t, p, c, order));
          std::vector<bool> updated(n + 1, false);
          auto none = unit_vector_expectation(problem, e, t, p, c, updated);
          ASSERT_EQ(G[0], none);  // K_{t-1}(p), and W's entry Σ_j K_{t-1}^j(p)
          updated[0] = true;
          ASSERT_EQ(G[1], unit_vector_expectation(problem, e, t, p, c, updated));
          for (std::size_t m = 0; m < n; ++m) {
            updated[order[m] + 1] = true;
            ASSERT_EQ(G[m + 2], unit_vector_expectation(problem, e, t, p, c, updated));
          }
        }
      }
    }
  }
  EXPECT_GT(checked, 100U);
}

}  // namespace
}  // namespace mechlab::dynamic
