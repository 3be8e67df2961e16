#include "mechlab/dynamic/model.hpp"

#include <fmt/format.h>

#include <cmath>
#include <utility>

#include "mechlab/core/error.hpp"

namespace mechlab::dynamic {

namespace {

template <class T>
void check_row(const std::vector<T>& row, std::size_t want, const std::string& where) {
  if (row.size() != want) {
    throw InputError(where, fmt::format("{} probabilities (next-period labels)", want),
                     fmt::format("{}", row.size()));
  }
  T total = T(0);
  for (std::size_t c = 0; c < row.size(); ++c) {
    check_number(row[c], fmt::format("{}/{}", where, c), true);
    total += row[c];
  }
  bool one = false;
  if constexpr (NumberTraits<T>::exact) {
    one = total == T(1);
  } else {
    one = std::fabs(total - 1.0) <= 1e-12;
  }
  if (!one) {
    throw InputError(where, "probabilities summing to 1", NumberTraits<T>::to_text(total));
  }
}

template <class T>
void check_rows(const std::vector<std::vector<T>>& rows, std::size_t count, std::size_t width,
                const std::string& where) {
  if (rows.size() != count) {
    throw InputError(where, fmt::format("{} rows", count), fmt::format("{}", rows.size()));
  }
  for (std::size_t r = 0; r < count; ++r) check_row(rows[r], width, fmt::format("{}/{}", where, r));
}

void check_periods(const std::vector<Period>& periods, std::size_t n) {
  if (periods.empty()) throw InputError("/periods", "at least one period", "none");
  for (std::size_t t = 0; t < periods.size(); ++t) {
    const auto& p = periods[t];
    const std::string at = fmt::format("/periods/{}", t);
    if (p.types.size() != n + 1) {
      throw InputError(at + "/types",
                       fmt::format("{} label lists (public state, then agents)", n + 1),
                       fmt::format("{}", p.types.size()));
    }
    for (std::size_t k = 0; k <= n; ++k) {
      if (p.types[k].empty())
        throw InputError(fmt::format("{}/types/{}", at, k), "a label", "none");
    }
    if (p.decisions.empty()) throw InputError(at + "/decisions", "a decision", "none");
  }
}

}  // namespace

template <class T>
void validate(const Environment<T>& env) {
  const std::size_t n = env.agents.size();
  if (n == 0) throw InputError("/agents", "at least one agent", "none");
  check_periods(env.periods, n);
  const std::size_t periods = env.periods.size();
  if (env.payoffs.size() != periods) {
    throw InputError("/payoffs", fmt::format("{} periods", periods),
                     fmt::format("{}", env.payoffs.size()));
  }
  for (std::size_t t = 0; t < periods; ++t) {
    const auto& per = env.periods[t];
    if (env.payoffs[t].size() != n) {
      throw InputError(fmt::format("/payoffs/{}", t), fmt::format("{} agents", n),
                       fmt::format("{}", env.payoffs[t].size()));
    }
    for (std::size_t i = 0; i < n; ++i) {
      const std::string at = fmt::format("/payoffs/{}/{}", t, i);
      const std::size_t want = per.types[i + 1].size() * per.decisions.size();
      if (env.payoffs[t][i].size() != want) {
        throw InputError(at, fmt::format("{} numbers (types × decisions)", want),
                         fmt::format("{}", env.payoffs[t][i].size()));
      }
      for (std::size_t c = 0; c < want; ++c) {
        check_number(env.payoffs[t][i][c], fmt::format("{}/{}", at, c), false);
      }
    }
  }
  if (env.kernels.size() + 1 != periods) {
    throw InputError("/kernels",
                     fmt::format("{} transitions (one per period but the last)", periods - 1),
                     fmt::format("{}", env.kernels.size()));
  }
  for (std::size_t t = 0; t + 1 < periods; ++t) {
    const auto& now = env.periods[t];
    const auto& next = env.periods[t + 1];
    const auto& kernel = env.kernels[t];
    const std::string at = fmt::format("/kernels/{}", t);
    const std::size_t x = now.decisions.size();
    check_rows(kernel.public_rows, now.types[0].size() * x, next.types[0].size(), at + "/public");
    if (kernel.agents.size() != n) {
      throw InputError(at + "/agents", fmt::format("{} agents", n),
                       fmt::format("{}", kernel.agents.size()));
    }
    for (std::size_t i = 0; i < n; ++i) {
      check_rows(kernel.agents[i], now.types[0].size() * now.types[i + 1].size() * x,
                 next.types[i + 1].size(), fmt::format("{}/agents/{}", at, i));
    }
  }
  if (env.theta0.size() != n + 1) {
    throw InputError("/theta0", fmt::format("{} labels (public state, then agents)", n + 1),
                     fmt::format("{}", env.theta0.size()));
  }
  for (std::size_t k = 0; k <= n; ++k) {
    if (env.theta0[k] >= env.periods[0].types[k].size()) {
      throw InputError(fmt::format("/theta0/{}", k), "a period-0 label",
                       fmt::format("position {}", env.theta0[k]));
    }
  }
  if (!env.order.empty()) {
    if (env.order.size() != n) {
      throw InputError("/order", fmt::format("a permutation of the {} agents", n),
                       fmt::format("{} entries", env.order.size()));
    }
    std::vector<bool> seen(n, false);
    for (std::size_t m = 0; m < n; ++m) {
      const std::size_t i = env.order[m];
      if (i >= n || seen[i]) {
        throw InputError(fmt::format("/order/{}", m), "each agent exactly once",
                         fmt::format("{}", i));
      }
      seen[i] = true;
    }
  }
}

template <class T>
const std::vector<T>& Problem<T>::kernel_row(std::size_t t, std::size_t k, std::size_t public_state,
                                             std::size_t type, std::size_t x) const {
  const auto& kernel = env.kernels[t];
  const std::size_t xs = decision_count(t);
  if (k == 0) return kernel.public_rows[public_state * xs + x];
  return kernel.agents[k - 1][(public_state * type_count(t, k) + type) * xs + x];
}

template <class T>
std::vector<std::vector<std::vector<std::size_t>>> reachable_labels(const Environment<T>& env,
                                                                    const PrepareOptions& options) {
  const std::size_t n = env.agents.size();
  const std::size_t periods = env.periods.size();
  std::vector<std::vector<std::vector<std::size_t>>> kept(periods);
  kept[0].resize(n + 1);
  for (std::size_t k = 0; k <= n; ++k) kept[0][k] = {env.theta0[k]};
  for (std::size_t t = 0; t + 1 < periods; ++t) {
    const Period& now = env.periods[t];
    const Period& next = env.periods[t + 1];
    const std::size_t xs = now.decisions.size();
    const Kernel<T>& kernel = env.kernels[t];
    kept[t + 1].resize(n + 1);
    for (std::size_t k = 0; k <= n; ++k) {
      std::vector<bool> hit(next.types[k].size(), false);
      const auto mark = [&](const std::vector<T>& row) {
        for (std::size_t b = 0; b < row.size(); ++b) {
          if (sign_of(row[b]) > 0) hit[b] = true;
        }
      };
      for (const std::size_t s0 : kept[t][0]) {
        for (std::size_t x = 0; x < xs; ++x) {
          if (k == 0) {
            mark(kernel.public_rows[s0 * xs + x]);
            continue;
          }
          for (const std::size_t a : kept[t][k]) {
            mark(kernel.agents[k - 1][(s0 * now.types[k].size() + a) * xs + x]);
          }
        }
      }
      const bool every_label = k > 0 && !options.reachable_types_only;  // possible reports
      for (std::size_t b = 0; b < hit.size(); ++b) {
        if (hit[b] || every_label) kept[t + 1][k].push_back(b);
      }
    }
  }
  return kept;
}

namespace {

template <class T>
std::vector<T> pick(const std::vector<T>& row, const std::vector<std::size_t>& keep) {
  std::vector<T> out;
  out.reserve(keep.size());
  for (const std::size_t b : keep) out.push_back(row[b]);
  return out;
}

// env restricted to the kept labels: payoff rows of kept types, kernel rows of
// kept (public, own) labels and every decision, columns of kept next labels
// (the dropped columns are zero, so each row still sums to 1).
template <class T>
Environment<T> restrict_to(const Environment<T>& env,
                           const std::vector<std::vector<std::vector<std::size_t>>>& kept) {
  const std::size_t n = env.agents.size();
  Environment<T> out;
  out.agents = env.agents;
  out.order = env.order;
  out.theta0.assign(n + 1, 0);
  for (std::size_t t = 0; t < env.periods.size(); ++t) {
    const Period& full = env.periods[t];
    const std::size_t xs = full.decisions.size();
    Period period;
    period.decisions = full.decisions;
    for (std::size_t k = 0; k <= n; ++k) period.types.push_back(pick(full.types[k], kept[t][k]));
    out.periods.push_back(std::move(period));
    std::vector<std::vector<T>> payoffs(n);
    for (std::size_t i = 0; i < n; ++i) {
      for (const std::size_t a : kept[t][i + 1]) {
        for (std::size_t x = 0; x < xs; ++x) payoffs[i].push_back(env.payoffs[t][i][a * xs + x]);
      }
    }
    out.payoffs.push_back(std::move(payoffs));
    if (t + 1 == env.periods.size()) break;
    const Kernel<T>& kernel = env.kernels[t];
    Kernel<T> pruned;
    for (const std::size_t s0 : kept[t][0]) {
      for (std::size_t x = 0; x < xs; ++x) {
        pruned.public_rows.push_back(pick(kernel.public_rows[s0 * xs + x], kept[t + 1][0]));
      }
    }
    pruned.agents.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      for (const std::size_t s0 : kept[t][0]) {
        for (const std::size_t a : kept[t][i + 1]) {
          for (std::size_t x = 0; x < xs; ++x) {
            const auto& row = kernel.agents[i][(s0 * full.types[i + 1].size() + a) * xs + x];
            pruned.agents[i].push_back(pick(row, kept[t + 1][i + 1]));
          }
        }
      }
    }
    out.kernels.push_back(std::move(pruned));
  }
  return out;
}

}  // namespace

template <class T>
Problem<T> prepare(Environment<T> env, const PrepareOptions& options) {
  validate(env);
  Problem<T> p;
  const std::size_t n = env.agents.size();
  for (const Period& period : env.periods) {
    std::size_t count = 1;
    for (const auto& labels : period.types) count *= labels.size();
    p.full_state_counts.push_back(count);
  }
  p.kept = reachable_labels(env, options);
  env = restrict_to(env, p.kept);
  for (std::size_t t = 0; t < env.periods.size(); ++t) {
    std::vector<Coordinate> coords;
    coords.reserve(n + 1);
    coords.push_back({"public", env.periods[t].types[0]});
    for (std::size_t i = 0; i < n; ++i)
      coords.push_back({env.agents[i], env.periods[t].types[i + 1]});
    try {
      p.states.emplace_back(std::move(coords));
    } catch (const InputError& e) {
      throw e.with_prefix(fmt::format("/periods/{}/types", t));
    }
  }
  p.theta0 = p.states[0].encode(env.theta0);
  p.order = env.order;
  if (p.order.empty()) {
    for (std::size_t i = 0; i < n; ++i) p.order.push_back(i);
  }
  p.env = std::move(env);
  return p;
}

#define MECHLAB_INSTANTIATE(T)                                                  \
  template void validate(const Environment<T>&);                                \
  template Problem<T> prepare(Environment<T>, const PrepareOptions&);           \
  template std::vector<std::vector<std::vector<std::size_t>>> reachable_labels( \
      const Environment<T>&, const PrepareOptions&);                            \
  template struct Problem<T>;
MECHLAB_INSTANTIATE(Rational)
MECHLAB_INSTANTIATE(double)
#undef MECHLAB_INSTANTIATE

}  // namespace mechlab::dynamic
