#include "mechlab/dynamic/mechanisms.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <bit>
#include <memory>
#include <numeric>
#include <random>
#include <utility>

#include "mechlab/core/error.hpp"
#include "mechlab/core/rng.hpp"
#include "mechlab/dynamic/gum.hpp"

namespace mechlab::dynamic {

namespace {

struct Named {
  MechanismKind kind;
  std::string_view name;
};

constexpr std::array<Named, 9> kNames = {{
    {MechanismKind::gum, "gum"},
    {MechanismKind::gum_shapley, "gum-shapley"},
    {MechanismKind::btm, "btm"},
    {MechanismKind::btm_literal, "btm-literal"},
    {MechanismKind::dpm, "dpm"},
    {MechanismKind::eq27, "eq27"},
    {MechanismKind::appf_dpm, "appf-dpm"},
    {MechanismKind::agv, "agv"},
    {MechanismKind::vcg, "vcg"},
}};

// S = {0} ∪ {agents in `mask`} (bit i = agent i).
std::vector<bool> public_and(std::size_t n, std::uint64_t mask) {
  std::vector<bool> s(n + 1, false);
  s[0] = true;
  for (std::size_t i = 0; i < n; ++i) s[i + 1] = ((mask >> i) & 1U) != 0;
  return s;
}

// G^j[∅] = K_{t-1}^j(p) (A3's identity), with the surplus at index N.
template <class T>
std::vector<T> nothing_updated(const Efficient<T>& efficient, std::size_t t, std::size_t p) {
  const std::size_t n = efficient.K[t - 1].size();
  std::vector<T> g(n + 1, T(0));
  for (std::size_t j = 0; j < n; ++j) {
    g[j] = efficient.K[t - 1][j][p];
    g[n] += g[j];
  }
  return g;
}

// BTM's budget-balancing step (eq. 28): y^i = g^i − (1/(N−1)) Σ_{j≠i} g^j.
template <class T>
std::vector<T> balance_team(const std::vector<T>& g) {
  const std::size_t n = g.size();
  T total = T(0);
  for (const T& v : g) total += v;
  const T share = T(n - 1);
  std::vector<T> y(n);
  for (std::size_t i = 0; i < n; ++i) y[i] = g[i] - (total - g[i]) / share;
  return y;
}

// Y^i = G^i[{0..N}] = V_t^i(c) and the surplus W_t(c) at index N.
template <class T>
std::vector<T> everything_updated(const Efficient<T>& efficient, std::size_t t, std::size_t c) {
  const std::size_t n = efficient.V[t].size();
  std::vector<T> g(n + 1);
  for (std::size_t j = 0; j < n; ++j) g[j] = efficient.V[t][j][c];
  g[n] = efficient.W[t][c];
  return g;
}

// eq. (27): y^i = Σ_{j≠i}(G^j[{0..N}] − G^j[{0..N}∖{i}]).
template <class T>
std::vector<T> eq27_transfer(const Problem<T>& problem, const Efficient<T>& efficient,
                             std::size_t t, std::size_t p, std::size_t c) {
  const std::size_t n = problem.agent_count();
  const std::vector<T> all = everything_updated(efficient, t, c);
  std::vector<T> y(n);
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<bool> s(n + 1, true);
    s[i + 1] = false;
    const std::vector<T> without = partial_expectation(problem, efficient, t, p, c, s);
    y[i] = (all[n] - all[i]) - (without[n] - without[i]);
  }
  return y;
}

// App. F's "DPM": GUM's closed form y^i = ΔW_{t,i} − (G^i[S_N] − G^i[S_0])
// with i last, i.e. W_t(c) − G^W[{0..N}∖{i}] − V_t^i(c) + G^i[{0}]. With i
// last the order of the others does not matter.
template <class T>
std::vector<T> appf_transfer(const Problem<T>& problem, const Efficient<T>& efficient,
                             std::size_t t, std::size_t p, std::size_t c) {
  const std::size_t n = problem.agent_count();
  const std::vector<T> all = everything_updated(efficient, t, c);
  const std::vector<T> first = partial_expectation(problem, efficient, t, p, c, public_and(n, 0));
  std::vector<T> y(n);
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<bool> s(n + 1, true);
    s[i + 1] = false;
    const std::vector<T> without = partial_expectation(problem, efficient, t, p, c, s);
    y[i] = all[n] - without[n] - all[i] + first[i];
  }
  return y;
}

// App. H: with φ_i(L) = G^i[{0} ∪ L] − G^i[{0}],
// Sh_j(φ_i) = Σ_{L ⊆ I∖{j}} |L|!(N−|L|−1)!/N! · (φ_i(L ∪ {j}) − φ_i(L)) and
// y^i = Σ_{j≠i} (Sh_i(φ_j) − Sh_j(φ_i)). The G^i[{0}] terms cancel in the
// differences, so only G over the 2^N coalitions is needed.
template <class T>
std::vector<T> shapley_transfer(const Problem<T>& problem, const Efficient<T>& efficient,
                                const std::vector<T>& weights, std::size_t t, std::size_t p,
                                std::size_t c) {
  const std::size_t n = problem.agent_count();
  const std::uint64_t subsets = std::uint64_t{1} << n;
  std::vector<std::vector<T>> g;
  g.reserve(subsets);
  for (std::uint64_t mask = 0; mask < subsets; ++mask)
    g.push_back(partial_expectation(problem, efficient, t, p, c, public_and(n, mask)));
  // share[j][i] = Sh_j(φ_i).
  std::vector<std::vector<T>> share(n, std::vector<T>(n, T(0)));
  for (std::size_t j = 0; j < n; ++j) {
    const std::uint64_t bit = std::uint64_t{1} << j;
    for (std::uint64_t mask = 0; mask < subsets; ++mask) {
      if ((mask & bit) != 0) continue;
      const T& w = weights[static_cast<std::size_t>(std::popcount(mask))];
      for (std::size_t i = 0; i < n; ++i) share[j][i] += w * (g[mask | bit][i] - g[mask][i]);
    }
  }
  std::vector<T> y(n, T(0));
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      if (j != i) y[i] += share[i][j] - share[j][i];
    }
  }
  return y;
}

// |L|!(N−|L|−1)!/N! for |L| = 0..N−1.
template <class T>
std::vector<T> shapley_weights(std::size_t n) {
  std::vector<T> w;
  w.reserve(n);
  for (std::size_t s = 0; s < n; ++s) {
    mpz_class num = 1;
    mpz_class den = 1;
    for (std::size_t k = 2; k <= s; ++k) num *= static_cast<unsigned long>(k);
    for (std::size_t k = 2; k + s + 1 <= n; ++k) num *= static_cast<unsigned long>(k);
    for (std::size_t k = 2; k <= n; ++k) den *= static_cast<unsigned long>(k);
    Rational r(num, den);
    r.canonicalize();
    w.push_back(NumberTraits<T>::from_rational(r));
  }
  return w;
}

// Static Clarke pivot on period 1 (T = 1): t_i = Σ_{j≠i} u_j(c_j, χ_1(c)) −
// max_x Σ_{j≠i} u_j(c_j, x). The dynamic T = 1 problem is the static one:
// θ_0 and x_0 are fixed before any report, the period-1 types are drawn
// independently from μ_0(· | θ_0, χ_0(θ_0)) (the static prior), X_1 is the set
// of alternatives and u_1 the valuations; with no continuation χ_1 maximises
// Σ_j u_1^j, the static efficient choice.
template <class T>
std::vector<T> vcg_transfer(const Problem<T>& problem, const Efficient<T>& efficient,
                            std::size_t c) {
  const std::size_t n = problem.agent_count();
  const IndexSpace& space = problem.states[1];
  const std::size_t xs = problem.decision_count(1);
  const std::size_t chosen = efficient.chi[1][c];
  std::vector<T> y(n);
  for (std::size_t i = 0; i < n; ++i) {
    T best = T(0);
    T at_choice = T(0);
    for (std::size_t x = 0; x < xs; ++x) {
      T others = T(0);
      for (std::size_t j = 0; j < n; ++j) {
        if (j != i) others += problem.payoff(1, j, space.digit(c, j + 1), x);
      }
      if (x == 0 || others > best) best = others;
      if (x == chosen) at_choice = others;
    }
    y[i] = at_choice - best;
  }
  return y;
}

// The DPM's payments, tabulated once: y_t^i(c) = −p_t^i(c) at pay[t][c·N + i].
template <class T>
struct PivotTable {
  std::vector<std::vector<T>> pay;
};

// W^{−i} for every i, and, when `efficient` is given, the continuation
// E[W_{t+1}^{−i} | θ, χ_t(θ)] at cont[i][t][θ] (0 at t = T).
template <class T>
struct SubEconomies {
  std::vector<std::vector<std::vector<T>>> W;
  std::vector<std::vector<std::vector<T>>> cont;
};

template <class T>
SubEconomies<T> solve_without(const Problem<T>& problem, const Efficient<T>* efficient) {
  const std::size_t n = problem.agent_count();
  const std::size_t horizon = problem.horizon();
  SubEconomies<T> out;
  out.W.assign(n, std::vector<std::vector<T>>(horizon + 1));
  if (efficient != nullptr) out.cont.assign(n, std::vector<std::vector<T>>(horizon + 1));
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t step = 0; step <= horizon; ++step) {
      const std::size_t t = horizon - step;
      const IndexSpace& space = problem.states[t];
      const std::size_t xs = problem.decision_count(t);
      std::vector<std::vector<T>> next(xs);
      if (t < horizon) {
        for (std::size_t x = 0; x < xs; ++x) next[x] = expect_next(problem, t, x, out.W[i][t + 1]);
      }
      std::vector<T>& w = out.W[i][t];
      w.assign(space.size(), T(0));
      for (std::size_t s = 0; s < space.size(); ++s) {
        for (std::size_t x = 0; x < xs; ++x) {
          T q = t < horizon ? next[x][s] : T(0);
          for (std::size_t j = 0; j < n; ++j) {
            if (j != i) q += problem.payoff(t, j, space.digit(s, j + 1), x);
          }
          if (x == 0 || q > w[s]) w[s] = q;
        }
      }
      if (efficient != nullptr) {
        out.cont[i][t].assign(space.size(), T(0));
        if (t < horizon) {
          for (std::size_t s = 0; s < space.size(); ++s)
            out.cont[i][t][s] = next[efficient->chi[t][s]][s];
        }
      }
    }
  }
  return out;
}

// A6: p_t^i(c) = W_t^{−i}(c) − E[W_{t+1}^{−i} | c, χ_t(c)] − Σ_{j≠i} u_t^j(c^j, χ_t(c)).
template <class T>
PivotTable<T> pivot_table(const Problem<T>& problem, const Efficient<T>& efficient) {
  const std::size_t n = problem.agent_count();
  const SubEconomies<T> sub = solve_without(problem, &efficient);
  PivotTable<T> table;
  table.pay.resize(problem.horizon() + 1);
  for (std::size_t t = 1; t <= problem.horizon(); ++t) {
    const IndexSpace& space = problem.states[t];
    std::vector<T>& pay = table.pay[t];
    pay.assign(space.size() * n, T(0));
    for (std::size_t c = 0; c < space.size(); ++c) {
      const std::size_t x = efficient.chi[t][c];
      T total = T(0);
      for (std::size_t j = 0; j < n; ++j) total += problem.payoff(t, j, space.digit(c, j + 1), x);
      for (std::size_t i = 0; i < n; ++i) {
        const T others = total - problem.payoff(t, i, space.digit(c, i + 1), x);
        const T price = sub.W[i][t][c] - sub.cont[i][t][c] - others;
        pay[c * n + i] = -price;
      }
    }
  }
  return table;
}

void check_order(const std::vector<std::size_t>& order, std::size_t n) {
  if (order.empty()) return;
  if (order.size() != n) {
    throw InputError("/order", fmt::format("a permutation of the {} agents", n),
                     fmt::format("{} entries", order.size()));
  }
  std::vector<bool> seen(n, false);
  for (std::size_t m = 0; m < n; ++m) {
    if (order[m] >= n || seen[order[m]]) {
      throw InputError(fmt::format("/order/{}", m), "each agent exactly once",
                       fmt::format("{}", order[m]));
    }
    seen[order[m]] = true;
  }
}

}  // namespace

std::string_view mechanism_name(MechanismKind kind) {
  for (const auto& entry : kNames) {
    if (entry.kind == kind) return entry.name;
  }
  throw InternalError("mechanism_name: unknown kind");
}

std::optional<MechanismKind> parse_mechanism(std::string_view name) {
  for (const auto& entry : kNames) {
    if (entry.name == name) return entry.kind;
  }
  return std::nullopt;
}

const std::vector<MechanismKind>& all_mechanisms() {
  static const std::vector<MechanismKind> kinds = [] {
    std::vector<MechanismKind> k;
    k.reserve(kNames.size());
    for (const auto& entry : kNames) k.push_back(entry.kind);
    return k;
  }();
  return kinds;
}

template <class T>
std::optional<std::string> not_applicable(const Problem<T>& problem, MechanismKind kind) {
  const bool team = kind == MechanismKind::btm || kind == MechanismKind::btm_literal ||
                    kind == MechanismKind::agv;
  const bool is_static = kind == MechanismKind::agv || kind == MechanismKind::vcg;
  if (team && problem.agent_count() < 2) {
    return fmt::format("{} needs at least two agents (it divides by N − 1)", mechanism_name(kind));
  }
  if (is_static && problem.horizon() != 1) {
    return fmt::format("{} is a static mechanism: it needs exactly one reporting period (T = 1)",
                       mechanism_name(kind));
  }
  return std::nullopt;
}

std::vector<std::vector<std::size_t>> shapley_sample_orders(std::size_t agents,
                                                            const MechanismOptions& options) {
  std::vector<std::vector<std::size_t>> orders;
  if (agents <= options.exact_shapley_agents) return orders;
  Rng rng = make_rng(options.seed);
  std::vector<std::size_t> pi(agents);
  std::iota(pi.begin(), pi.end(), std::size_t{0});
  orders.reserve(options.order_samples);
  for (std::size_t s = 0; s < options.order_samples; ++s) {
    std::shuffle(pi.begin(), pi.end(), rng);
    orders.push_back(pi);
  }
  return orders;
}

template <class T>
std::vector<std::vector<std::vector<T>>> solve_sub_economies(const Problem<T>& problem) {
  return solve_without<T>(problem, nullptr).W;
}

template <class T>
std::vector<T> btm_incentives(const Problem<T>& problem, const Efficient<T>& efficient,
                              std::size_t t, std::size_t p, std::size_t c, bool literal) {
  const std::size_t n = problem.agent_count();
  // The baseline G[∅] (literal) or G[{0}] (public first) is shared by all i.
  const std::vector<T> base =
      literal ? nothing_updated(efficient, t, p)
              : partial_expectation(problem, efficient, t, p, c, public_and(n, 0));
  std::vector<T> g(n);
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<bool> s(n + 1, false);
    s[0] = !literal;
    s[i + 1] = true;
    const std::vector<T> with_i = partial_expectation(problem, efficient, t, p, c, s);
    // Σ_{j≠i} G^j = G^W − G^i.
    g[i] = (with_i[n] - with_i[i]) - (base[n] - base[i]);
  }
  return g;
}

template <class T>
TransferRule<T> make_transfer_rule(const Problem<T>& problem, const Efficient<T>& efficient,
                                   MechanismKind kind, const MechanismOptions& options) {
  if (auto why = not_applicable(problem, kind)) {
    const bool agents = (kind == MechanismKind::btm || kind == MechanismKind::btm_literal ||
                         kind == MechanismKind::agv) &&
                        problem.agent_count() < 2;
    if (agents) {
      throw InputError("/agents", std::move(*why), fmt::format("{} agent", problem.agent_count()));
    }
    throw InputError("/periods", std::move(*why), fmt::format("T = {}", problem.horizon()));
  }
  const Problem<T>* pr = &problem;
  const Efficient<T>* ef = &efficient;
  const std::size_t n = problem.agent_count();
  switch (kind) {
    case MechanismKind::gum: {
      check_order(options.order, n);
      std::vector<std::size_t> order = options.order.empty() ? problem.order : options.order;
      return [pr, ef, order = std::move(order)](std::size_t t, std::size_t p, std::size_t c) {
        return gum_transfer(*pr, *ef, t, p, c, order).y;
      };
    }
    case MechanismKind::gum_shapley: {
      if (n > options.exact_shapley_agents && options.order_samples == 0) {
        throw InputError("/order_samples",
                         fmt::format("at least one sampled order (N = {} exceeds the exact "
                                     "Shapley limit {})",
                                     n, options.exact_shapley_agents),
                         "0");
      }
      auto orders = std::make_shared<const std::vector<std::vector<std::size_t>>>(
          shapley_sample_orders(n, options));
      if (orders->empty()) {
        auto weights = std::make_shared<const std::vector<T>>(shapley_weights<T>(n));
        return [pr, ef, weights](std::size_t t, std::size_t p, std::size_t c) {
          return shapley_transfer(*pr, *ef, *weights, t, p, c);
        };
      }
      return [pr, ef, orders](std::size_t t, std::size_t p, std::size_t c) {
        std::vector<T> y(pr->agent_count(), T(0));
        for (const auto& order : *orders) {
          const std::vector<T> one = gum_transfer(*pr, *ef, t, p, c, order).y;
          for (std::size_t i = 0; i < y.size(); ++i) y[i] += one[i];
        }
        const T count = T(orders->size());
        for (T& v : y) v /= count;
        return y;
      };
    }
    case MechanismKind::btm:
    case MechanismKind::agv:  // AGV = BTM with one reporting round (eqs. 79–81)
      return [pr, ef](std::size_t t, std::size_t p, std::size_t c) {
        return balance_team(btm_incentives(*pr, *ef, t, p, c, false));
      };
    case MechanismKind::btm_literal:
      return [pr, ef](std::size_t t, std::size_t p, std::size_t c) {
        return balance_team(btm_incentives(*pr, *ef, t, p, c, true));
      };
    case MechanismKind::dpm: {
      auto table = std::make_shared<const PivotTable<T>>(pivot_table(problem, efficient));
      return [table, n](std::size_t t, std::size_t /*p*/, std::size_t c) {
        const auto& pay = table->pay.at(t);
        const auto first = pay.begin() + static_cast<std::ptrdiff_t>(c * n);
        return std::vector<T>(first, first + static_cast<std::ptrdiff_t>(n));
      };
    }
    case MechanismKind::eq27:
      return [pr, ef](std::size_t t, std::size_t p, std::size_t c) {
        return eq27_transfer(*pr, *ef, t, p, c);
      };
    case MechanismKind::appf_dpm:
      return [pr, ef](std::size_t t, std::size_t p, std::size_t c) {
        return appf_transfer(*pr, *ef, t, p, c);
      };
    case MechanismKind::vcg:
      return [pr, ef](std::size_t /*t*/, std::size_t /*p*/, std::size_t c) {
        return vcg_transfer(*pr, *ef, c);
      };
  }
  throw InternalError("make_transfer_rule: unknown kind");
}

// W^{−i}_t(θ) as returned by solve_sub_economies (an alias keeps the macro
// below free of nested template brackets).
template <class T>
using Table3 = std::vector<std::vector<std::vector<T>>>;

#define MECHLAB_INSTANTIATE(T)                                                                \
  template std::optional<std::string> not_applicable(const Problem<T>&, MechanismKind);       \
  template TransferRule<T> make_transfer_rule(const Problem<T>&, const Efficient<T>&,         \
                                              MechanismKind, const MechanismOptions&);        \
  template Table3<T> solve_sub_economies(const Problem<T>&);                                  \
  template std::vector<T> btm_incentives(const Problem<T>&, const Efficient<T>&, std::size_t, \
                                         std::size_t, std::size_t, bool);
MECHLAB_INSTANTIATE(Rational)
MECHLAB_INSTANTIATE(double)
#undef MECHLAB_INSTANTIATE

}  // namespace mechlab::dynamic
