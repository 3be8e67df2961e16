#include "mechlab/dynamic/evaluate.hpp"

#include <fmt/format.h>

#include <map>
#include <random>
#include <utility>

#include "mechlab/core/error.hpp"
#include "mechlab/dynamic/gum.hpp"

namespace mechlab::dynamic {

namespace {

template <class T>
std::vector<T> checked_transfer(const TransferRule<T>& rule, std::size_t n, std::size_t t,
                                std::size_t p, std::size_t c) {
  std::vector<T> y = rule(t, p, c);
  if (y.size() != n) {
    throw InternalError(
        fmt::format("transfer rule returned {} entries at t = {} (want {})", y.size(), t, n));
  }
  return y;
}

void check_strategies(std::size_t count, std::size_t n) {
  if (count != 0 && count != n) {
    throw InputError("/strategies", fmt::format("{} strategies (one per agent) or none", n),
                     fmt::format("{}", count));
  }
}

// θ̂_t from the previous reported profile p and the true profile θ_t: the
// public state as observed, each agent by its strategy (empty: the truth).
template <class T>
std::size_t report_of(const Problem<T>& problem, const std::vector<MarkovStrategy>& strategies,
                      std::size_t t, std::size_t p, std::size_t theta) {
  const IndexSpace& space = problem.states[t];
  std::vector<std::size_t> digits = space.decode(theta);
  for (std::size_t i = 0; i < strategies.size(); ++i) {
    if (!strategies[i]) continue;
    const std::size_t r = strategies[i](t, p, digits[0], space.digit(theta, i + 1));
    if (r >= space.radix(i + 1)) {
      throw InputError(fmt::format("/strategies/{}", i),
                       fmt::format("a label position below {} in period {}", space.radix(i + 1), t),
                       fmt::format("{}", r));
    }
    digits[i + 1] = r;
  }
  return space.encode(digits);
}

// Decisions, payoffs, transfers and utilities along given true and reported
// profiles.
template <class T>
Path<T> path_of(const Problem<T>& problem, const Efficient<T>& efficient,
                const TransferRule<T>& rule, std::vector<std::size_t> truth,
                std::vector<std::size_t> reports) {
  const std::size_t n = problem.agent_count();
  Path<T> path;
  path.truth = std::move(truth);
  path.reports = std::move(reports);
  path.utility.assign(n, T(0));
  for (std::size_t t = 0; t < path.truth.size(); ++t) {
    const std::size_t x = efficient.chi[t][path.reports[t]];
    path.decisions.push_back(x);
    std::vector<T> u(n, T(0));
    for (std::size_t i = 0; i < n; ++i) {
      u[i] = problem.payoff(t, i, problem.states[t].digit(path.truth[t], i + 1), x);
    }
    std::vector<T> y = t == 0 ? std::vector<T>(n, T(0))
                              : checked_transfer(rule, n, t, path.reports[t - 1], path.reports[t]);
    for (std::size_t i = 0; i < n; ++i) path.utility[i] += u[i] + y[i];
    path.payoffs.push_back(std::move(u));
    path.transfers.push_back(std::move(y));
  }
  return path;
}

// Per (θ̂_{t-1}, θ_t): the probability and, per agent, E[Y 1{state}] and
// E[Y² 1{state}] for Y = Σ_{s<t} y_s^i.
template <class T>
struct Moments {
  T mass = T(0);
  std::vector<T> first;
  std::vector<T> second;
};

}  // namespace

template <class T>
CellLaw<T> next_law(const Problem<T>& problem, std::size_t t, std::size_t theta, std::size_t x) {
  const IndexSpace& now = problem.states[t];
  const IndexSpace& next = problem.states[t + 1];
  const std::vector<std::size_t>& stride = next.strides();
  const std::size_t public_state = now.digit(theta, 0);
  CellLaw<T> law = {{0, T(1)}};
  for (std::size_t k = 0; k < now.rank(); ++k) {
    const std::vector<T>& row = problem.kernel_row(t, k, public_state, now.digit(theta, k), x);
    CellLaw<T> grown;
    for (const auto& [cell, prob] : law) {
      for (std::size_t b = 0; b < row.size(); ++b) {
        if (row[b] == T(0)) continue;
        grown.emplace_back(cell + b * stride[k], prob * row[b]);
      }
    }
    law = std::move(grown);
  }
  return law;
}

template <class T>
Evaluation<T> evaluate(const Problem<T>& problem, const Efficient<T>& efficient,
                       const TransferRule<T>& rule, const std::vector<MarkovStrategy>& strategies) {
  const std::size_t n = problem.agent_count();
  const std::size_t horizon = problem.horizon();
  check_strategies(strategies.size(), n);
  Evaluation<T> ev;
  ev.payoff.assign(n, T(0));
  ev.transfer.assign(n, T(0));
  ev.variance.assign(n, T(0));
  ev.budget.assign(horizon + 1, T(0));
  std::vector<T> second(n, T(0));  // E (Σ_t y_t^i)²

  auto add_payoffs = [&](std::size_t t, std::size_t theta, std::size_t x, const T& mass) {
    for (std::size_t i = 0; i < n; ++i) {
      const T u = mass * problem.payoff(t, i, problem.states[t].digit(theta, i + 1), x);
      ev.payoff[i] += u;
      ev.welfare += u;
    }
  };

  // Period 0: everyone reports θ_0.
  const std::size_t x0 = efficient.chi[0][problem.theta0];
  add_payoffs(0, problem.theta0, x0, T(1));
  std::map<std::pair<std::size_t, std::size_t>, Moments<T>> now;
  if (horizon > 0) {
    for (auto& [cell, prob] : next_law(problem, 0, problem.theta0, x0)) {
      now[{problem.theta0, cell}] =
          Moments<T>{std::move(prob), std::vector<T>(n, T(0)), std::vector<T>(n, T(0))};
    }
  }
  for (std::size_t t = 1; t <= horizon; ++t) {
    std::map<std::pair<std::size_t, std::size_t>, Moments<T>> next;
    std::map<std::pair<std::size_t, std::size_t>, std::vector<T>> transfers;  // (p, c) -> y_t
    for (auto& [key, m] : now) {
      const auto [p, theta] = key;
      const std::size_t c = report_of(problem, strategies, t, p, theta);
      const std::size_t x = efficient.chi[t][c];
      auto found = transfers.find({p, c});
      if (found == transfers.end()) {
        found = transfers.emplace(std::pair{p, c}, checked_transfer(rule, n, t, p, c)).first;
      }
      const std::vector<T>& y = found->second;
      add_payoffs(t, theta, x, m.mass);
      for (std::size_t i = 0; i < n; ++i) {
        ev.transfer[i] += m.mass * y[i];
        ev.budget[t] += m.mass * y[i];
        // (Y + y)² = Y² + 2yY + y², weighted by the state's probability.
        m.second[i] += T(2) * y[i] * m.first[i] + m.mass * y[i] * y[i];
        m.first[i] += m.mass * y[i];
      }
      if (t == horizon) {
        for (std::size_t i = 0; i < n; ++i) second[i] += m.second[i];
        continue;
      }
      for (const auto& [cell, prob] : next_law(problem, t, theta, x)) {
        Moments<T>& target = next[{c, cell}];
        if (target.first.empty()) {
          target.first.assign(n, T(0));
          target.second.assign(n, T(0));
        }
        target.mass += prob * m.mass;
        for (std::size_t i = 0; i < n; ++i) {
          target.first[i] += prob * m.first[i];
          target.second[i] += prob * m.second[i];
        }
      }
    }
    now = std::move(next);
  }
  ev.utility.assign(n, T(0));
  for (std::size_t i = 0; i < n; ++i) {
    ev.utility[i] = ev.payoff[i] + ev.transfer[i];
    ev.variance[i] = second[i] - ev.transfer[i] * ev.transfer[i];
  }
  return ev;
}

template <class T>
Path<T> simulate(const Problem<T>& problem, const Efficient<T>& efficient,
                 const TransferRule<T>& rule, std::uint64_t seed,
                 const std::vector<MarkovStrategy>& strategies) {
  const std::size_t horizon = problem.horizon();
  check_strategies(strategies.size(), problem.agent_count());
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  std::vector<std::size_t> truth = {problem.theta0};
  std::vector<std::size_t> reports = {problem.theta0};
  for (std::size_t t = 0; t < horizon; ++t) {
    const IndexSpace& now = problem.states[t];
    const std::size_t x = efficient.chi[t][reports[t]];
    const std::size_t public_state = now.digit(truth[t], 0);
    std::vector<std::size_t> digits(now.rank(), 0);
    for (std::size_t k = 0; k < now.rank(); ++k) {
      const std::vector<T>& row = problem.kernel_row(t, k, public_state, now.digit(truth[t], k), x);
      // The first label whose cumulative probability exceeds the draw; the
      // last label with positive probability if rounding leaves a gap.
      const double draw = uniform(rng);
      double cumulative = 0;
      std::size_t pick = row.size();
      for (std::size_t b = 0; b < row.size(); ++b) {
        if (row[b] == T(0)) continue;
        cumulative += NumberTraits<T>::to_double(row[b]);
        pick = b;
        if (draw < cumulative) break;
      }
      digits[k] = pick;
    }
    truth.push_back(problem.states[t + 1].encode(digits));
    reports.push_back(report_of(problem, strategies, t + 1, reports[t], truth[t + 1]));
  }
  return path_of(problem, efficient, rule, std::move(truth), std::move(reports));
}

template <class T>
Path<T> follow(const Problem<T>& problem, const Efficient<T>& efficient,
               const TransferRule<T>& rule, const std::vector<std::size_t>& truth) {
  if (truth.size() != problem.horizon() + 1) {
    throw InputError("/truth", fmt::format("{} profiles (periods 0..T)", problem.horizon() + 1),
                     fmt::format("{}", truth.size()));
  }
  for (std::size_t t = 0; t < truth.size(); ++t) {
    if (truth[t] >= problem.states[t].size()) {
      throw InputError(
          fmt::format("/truth/{}", t),
          fmt::format("a profile of period {} (below {})", t, problem.states[t].size()),
          fmt::format("{}", truth[t]));
    }
  }
  if (truth[0] != problem.theta0) {
    throw InputError("/truth/0", "θ_0", problem.state_name(0, truth[0]));
  }
  return path_of(problem, efficient, rule, truth, truth);
}

template <class T>
T gum_path_identity_error(const Problem<T>& problem, const Efficient<T>& efficient,
                          const Path<T>& path, const std::vector<std::size_t>& order) {
  const std::size_t n = problem.agent_count();
  std::vector<T> lhs(n, T(0));
  std::vector<T> rhs = efficient.guarantees;
  for (std::size_t t = 0; t < path.reports.size(); ++t) {
    for (std::size_t i = 0; i < n; ++i) {
      lhs[i] +=
          problem.payoff(t, i, problem.states[t].digit(path.reports[t], i + 1), path.decisions[t]) +
          path.transfers[t][i];
    }
    if (t == 0) continue;
    const auto g = gum_transfer(problem, efficient, t, path.reports[t - 1], path.reports[t], order);
    for (std::size_t i = 0; i < n; ++i) rhs[i] += g.delta_w[i] + g.gamma[0][i];
  }
  T worst = T(0);
  for (std::size_t i = 0; i < n; ++i) {
    const T gap = abs_of(T(lhs[i] - rhs[i]));
    if (gap > worst) worst = gap;
  }
  return worst;
}

#define MECHLAB_INSTANTIATE(T)                                                                    \
  template CellLaw<T> next_law(const Problem<T>&, std::size_t, std::size_t, std::size_t);         \
  template Evaluation<T> evaluate(const Problem<T>&, const Efficient<T>&, const TransferRule<T>&, \
                                  const std::vector<MarkovStrategy>&);                            \
  template Path<T> simulate(const Problem<T>&, const Efficient<T>&, const TransferRule<T>&,       \
                            std::uint64_t, const std::vector<MarkovStrategy>&);                   \
  template Path<T> follow(const Problem<T>&, const Efficient<T>&, const TransferRule<T>&,         \
                          const std::vector<std::size_t>&);                                       \
  template T gum_path_identity_error(const Problem<T>&, const Efficient<T>&, const Path<T>&,      \
                                     const std::vector<std::size_t>&);
MECHLAB_INSTANTIATE(Rational)
MECHLAB_INSTANTIATE(double)
#undef MECHLAB_INSTANTIATE

}  // namespace mechlab::dynamic
