#include "mechlab/dynamic/io.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "mechlab/core/error.hpp"
#include "mechlab/io/distribution_io.hpp"

namespace mechlab::dynamic {

namespace {

const std::vector<std::string> kNone = {"-"};

std::size_t index_of(const std::vector<std::string>& list, const std::string& label) {
  return static_cast<std::size_t>(std::find(list.begin(), list.end(), label) - list.begin());
}

std::string joined(const std::vector<std::string>& list) {
  std::string out;
  for (const auto& s : list) out += (out.empty() ? "" : ", ") + s;
  return out;
}

// A non-empty list of unique, non-empty labels.
std::vector<std::string> read_labels(const io::Node& node, const std::string& what) {
  std::vector<std::string> out;
  for (const io::Node& l : node.nonempty_items("a non-empty array of " + what)) {
    std::string label = l.as_string();
    if (label.empty()) l.fail("a non-empty label", "an empty string");
    if (index_of(out, label) != out.size()) {
      l.fail("a label not used before in this list", fmt::format("\"{}\" again", label));
    }
    out.push_back(std::move(label));
  }
  return out;
}

// One entry of "periods" before expansion.
struct PeriodEntry {
  Period period;
  std::size_t repeat = 1;
  std::string pointer;
};

PeriodEntry read_period(const io::Node& node, const std::vector<std::string>& agents) {
  node.expect_object(R"(a period {"public": [...], "types": {...}, "decisions": [...]})");
  node.allow_only({"public", "types", "decisions", "repeat"});
  PeriodEntry e;
  e.pointer = node.pointer();
  e.period.types.assign(agents.size() + 1, kNone);
  e.period.decisions = kNone;
  if (const auto p = node.find("public"))
    e.period.types[0] = read_labels(*p, "public-state labels");
  if (const auto types = node.find("types")) {
    types->expect_object("an object mapping agent names to their type labels");
    for (const auto& [name, labels] : types->members()) {
      const std::size_t i = index_of(agents, name);
      if (i == agents.size()) {
        labels.fail(fmt::format("an agent name (one of {})", joined(agents)),
                    fmt::format("\"{}\"", name));
      }
      e.period.types[i + 1] = read_labels(labels, "type labels");
    }
  }
  if (const auto d = node.find("decisions")) e.period.decisions = read_labels(*d, "decisions");
  if (const auto r = node.find("repeat")) e.repeat = r->as_count(1, 1'000'000);
  return e;
}

// Expands "repeat" after checking the size of what the efficient solver will
// hold: W, χ, V^j and K^j on every state of every period ((2N + 2)·Σ_t |Θ_t|
// numbers) plus the dense payoff and kernel tables and the label copies.
std::vector<Period> expand_periods(const io::Node& node, const std::vector<PeriodEntry>& entries,
                                   std::size_t n, double per_number,
                                   const io::ReadOptions& options) {
  double periods = 0;
  double states = 0;
  double tables = 0;
  double label_bytes = 0;
  for (std::size_t e = 0; e < entries.size(); ++e) {
    const Period& p = entries[e].period;
    const auto reps = static_cast<double>(entries[e].repeat);
    const auto xs = static_cast<double>(p.decisions.size());
    // The next period's label counts: this entry again, or the next entry.
    const Period& next =
        entries[e].repeat > 1 || e + 1 == entries.size() ? p : entries[e + 1].period;
    double cells = 1;
    double bytes = 0;
    for (std::size_t k = 0; k <= n; ++k) {
      const auto here = static_cast<double>(p.types[k].size());
      const auto there = static_cast<double>(next.types[k].size());
      const auto pub = static_cast<double>(p.types[0].size());
      cells *= here;
      tables += reps * (k == 0 ? pub * xs * there : here * xs * (1 + pub * there));
      for (const auto& l : p.types[k]) bytes += 32 + static_cast<double>(l.size());
    }
    for (const auto& l : p.decisions) bytes += 32 + static_cast<double>(l.size());
    periods += reps;
    states += reps * cells;
    label_bytes += reps * bytes;
  }
  const double numbers = (2 * static_cast<double>(n) + 2) * states + tables;
  const double total = numbers * per_number + label_bytes;
  if (!(total <= static_cast<double>(options.memory_limit_bytes))) {
    node.fail(
        fmt::format("a model within the memory limit of {} (--memory-limit)",
                    io::format_bytes(static_cast<double>(options.memory_limit_bytes))),
        fmt::format("{:.4g} states over {:.0f} periods, about {:.4g} numbers needing about {}",
                    states, periods, numbers, io::format_bytes(total)));
  }
  std::vector<Period> out;
  out.reserve(static_cast<std::size_t>(periods));
  for (const auto& e : entries) {
    for (std::size_t r = 0; r < e.repeat; ++r) out.push_back(e.period);
  }
  return out;
}

// "period": t, "periods": [t, ...] or "periods": "all" (t = 0..last).
std::vector<std::size_t> read_period_list(const io::Node& entry, std::size_t last) {
  const auto one = entry.find("period");
  const auto many = entry.find("periods");
  if (one && many) many->fail(R"(either "period" or "periods", not both)", "both");
  if (one) return {static_cast<std::size_t>(one->as_count(0, last))};
  if (!many) {
    entry.fail(R"(a "period": t or "periods": [t, ...] or "all")", R"(neither key)");
  }
  std::vector<std::size_t> out;
  if (many->json().is_string()) {
    if (many->as_string() != "all") many->fail(R"("all" or an array of periods)");
    for (std::size_t t = 0; t <= last; ++t) out.push_back(t);
    return out;
  }
  for (const io::Node& t : many->nonempty_items(R"("all" or a non-empty array of periods)")) {
    const auto v = static_cast<std::size_t>(t.as_count(0, last));
    if (std::find(out.begin(), out.end(), v) != out.end()) {
      t.fail("a period not listed before in this entry", fmt::format("{} again", v));
    }
    out.push_back(v);
  }
  return out;
}

// Which of `all` (in this order) the entry's values depend on; default: all.
std::vector<bool> read_depends_on(const io::Node& entry, const std::vector<std::string>& all) {
  const auto node = entry.find("depends_on");
  std::vector<bool> every(all.size(), true);
  if (!node) return every;
  const std::string expected = fmt::format("a subset of [{}] in this order", joined(all));
  std::vector<bool> out(all.size(), false);
  std::size_t next = 0;
  for (const io::Node& d : node->items("an array, " + expected)) {
    const std::string name = d.as_string();
    const std::size_t k = index_of(all, name);
    if (k == all.size() || k < next) d.fail(expected, d.describe());
    out[k] = true;
    next = k + 1;
  }
  return out;
}

// Walks nested arrays of sizes dims (described by `what`), calling leaf(node,
// flat row-major position) at the leaves; no dimensions: the node is the leaf.
void walk(const io::Node& node, const std::vector<std::size_t>& dims,
          const std::vector<std::string>& what, std::size_t level, std::size_t flat,
          const std::function<void(const io::Node&, std::size_t)>& leaf) {
  if (level == dims.size()) {
    leaf(node, flat);
    return;
  }
  const std::string expected =
      fmt::format("an array of {} entries, one per {}", dims[level], what[level]);
  const auto items = node.items(expected);
  if (items.size() != dims[level]) node.fail(expected, fmt::format("{} entries", items.size()));
  for (std::size_t a = 0; a < items.size(); ++a) {
    walk(items[a], dims, what, level + 1, flat * dims[level] + a, leaf);
  }
}

template <class T>
T read_number(const io::Node& node, const io::ReadOptions& options) {
  return NumberTraits<T>::from_rational(node.as_number(options));
}

std::string component_name(const std::vector<std::string>& agents, std::size_t k) {
  return k == 0 ? "the public state" : fmt::format("agent {}", agents[k - 1]);
}

template <class T>
void read_payoffs(const io::Node& node, Environment<T>& env, const io::ReadOptions& options) {
  const std::size_t n = env.agents.size();
  const std::size_t last = env.periods.size() - 1;
  std::vector<std::vector<std::string>> seen(env.periods.size(), std::vector<std::string>(n));
  for (const io::Node& entry :
       node.items(R"(an array of payoff entries {"period"(s), "agent", "values"})")) {
    entry.expect_object(R"(a payoff entry {"period"(s), "agent", "depends_on", "values"})");
    entry.allow_only({"period", "periods", "agent", "depends_on", "values"});
    const auto ts = read_period_list(entry, last);
    const io::Node agent = entry.at("agent");
    const std::size_t i = index_of(env.agents, agent.as_string());
    if (i == n) {
      agent.fail(fmt::format("an agent name (one of {})", joined(env.agents)), agent.describe());
    }
    const auto deps = read_depends_on(entry, {"type", "decision"});
    const io::Node values = entry.at("values");
    for (const std::size_t t : ts) {
      if (!seen[t][i].empty()) {
        entry.fail("each (period, agent) pair in at most one payoff entry",
                   fmt::format("period {} for agent {} again (first in {})", t, env.agents[i],
                               seen[t][i]));
      }
      seen[t][i] = entry.pointer();
      const Period& p = env.periods[t];
      const std::size_t types = p.types[i + 1].size();
      const std::size_t xs = p.decisions.size();
      std::vector<std::size_t> dims;
      std::vector<std::string> what;
      if (deps[0]) {
        dims.push_back(types);
        what.push_back(fmt::format("type of agent {} in period {}", env.agents[i], t));
      }
      if (deps[1]) {
        dims.push_back(xs);
        what.push_back(fmt::format("decision of period {}", t));
      }
      std::vector<T> flat;
      walk(values, dims, what, 0, 0, [&](const io::Node& leaf, std::size_t) {
        flat.push_back(read_number<T>(leaf, options));
      });
      auto& table = env.payoffs[t][i];
      for (std::size_t type = 0; type < types; ++type) {
        for (std::size_t x = 0; x < xs; ++x) {
          std::size_t at = 0;
          if (deps[0]) at = type;
          if (deps[1]) at = at * xs + x;
          table[type * xs + x] = flat[at];
        }
      }
    }
  }
}

// A row {next label: probability}: known labels, non-negative entries, sum 1
// (exactly, or within 1e-12 in double precision).
template <class T>
std::vector<T> read_row(const io::Node& node, const std::vector<std::string>& labels,
                        const std::string& whose, const io::ReadOptions& options) {
  node.expect_object(fmt::format("a row {{next label: probability}} over the labels of {}", whose));
  std::vector<T> row(labels.size(), T(0));
  T total = T(0);
  for (const auto& [label, value] : node.members()) {
    const std::size_t c = index_of(labels, label);
    if (c == labels.size()) {
      value.fail(fmt::format("a next-period label of {} (one of {})", whose, joined(labels)),
                 fmt::format("\"{}\"", label));
    }
    T v = read_number<T>(value, options);
    if (sign_of(v) < 0) value.fail("a probability (non-negative)", value.describe());
    total += v;
    row[c] = std::move(v);
  }
  bool one = false;
  if constexpr (NumberTraits<T>::exact) {
    one = total == T(1);
  } else {
    one = std::fabs(total - 1.0) <= 1e-12;
  }
  if (!one) {
    node.fail("probabilities summing to 1",
              fmt::format("a sum of {}", NumberTraits<T>::to_text(total)));
  }
  return row;
}

template <class T>
void read_kernels(const std::optional<io::Node>& node, Environment<T>& env,
                  const io::ReadOptions& options) {
  const std::size_t n = env.agents.size();
  const std::size_t transitions = env.periods.size() - 1;
  std::vector<std::vector<bool>> given(transitions, std::vector<bool>(n + 1, false));
  env.kernels.assign(transitions, Kernel<T>{});
  for (std::size_t t = 0; t < transitions; ++t) {
    const Period& p = env.periods[t];
    const std::size_t rows0 = p.types[0].size() * p.decisions.size();
    env.kernels[t].public_rows.assign(rows0, {});
    env.kernels[t].agents.resize(n);
    for (std::size_t i = 0; i < n; ++i)
      env.kernels[t].agents[i].assign(rows0 * p.types[i + 1].size(), {});
  }
  if (node) {
    for (const io::Node& entry :
         node->items(R"(an array of kernel entries {"period"(s), "component", "rows"})")) {
      entry.expect_object(R"(a kernel entry {"period"(s), "component", "depends_on", "rows"})");
      entry.allow_only({"period", "periods", "component", "depends_on", "rows"});
      if (transitions == 0) entry.fail("no kernel entries (there is a single period)");
      const auto ts = read_period_list(entry, transitions - 1);
      const io::Node comp = entry.at("component");
      const std::string name = comp.as_string();
      std::size_t k = 0;
      if (name != "public") {
        k = index_of(env.agents, name) + 1;
        if (k == n + 1) {
          comp.fail(fmt::format("\"public\" or an agent name (one of {})", joined(env.agents)),
                    comp.describe());
        }
      }
      const auto deps = k == 0 ? read_depends_on(entry, {"public", "decision"})
                               : read_depends_on(entry, {"public", "type", "decision"});
      // dep flags over (public, type, decision).
      const bool dep_public = deps[0];
      const bool dep_type = k != 0 && deps[1];
      const bool dep_decision = k == 0 ? deps[1] : deps[2];
      const io::Node rows = entry.at("rows");
      const std::string whose = component_name(env.agents, k);
      for (const std::size_t t : ts) {
        if (given[t][k]) {
          entry.fail("each (period, component) pair in at most one kernel entry",
                     fmt::format("period {} for {} again", t, whose));
        }
        given[t][k] = true;
        const Period& p = env.periods[t];
        const std::size_t pubs = p.types[0].size();
        const std::size_t types = k == 0 ? 1 : p.types[k].size();
        const std::size_t xs = p.decisions.size();
        std::vector<std::size_t> dims;
        std::vector<std::string> what;
        if (dep_public) {
          dims.push_back(pubs);
          what.push_back(fmt::format("public state of period {}", t));
        }
        if (dep_type) {
          dims.push_back(types);
          what.push_back(fmt::format("type of {} in period {}", whose, t));
        }
        if (dep_decision) {
          dims.push_back(xs);
          what.push_back(fmt::format("decision of period {}", t));
        }
        std::vector<std::vector<T>> flat;
        const auto& next = env.periods[t + 1].types[k];
        walk(rows, dims, what, 0, 0, [&](const io::Node& leaf, std::size_t) {
          flat.push_back(read_row<T>(leaf, next, whose, options));
        });
        for (std::size_t s = 0; s < pubs; ++s) {
          for (std::size_t type = 0; type < types; ++type) {
            for (std::size_t x = 0; x < xs; ++x) {
              std::size_t at = 0;
              if (dep_public) at = s;
              if (dep_type) at = at * types + type;
              if (dep_decision) at = at * xs + x;
              const std::size_t cell = (s * types + type) * xs + x;
              if (k == 0) {
                env.kernels[t].public_rows[cell] = flat[at];
              } else {
                env.kernels[t].agents[k - 1][cell] = flat[at];
              }
            }
          }
        }
      }
    }
  }
  // Omitted components must be deterministic: one next-period label.
  for (std::size_t t = 0; t < transitions; ++t) {
    for (std::size_t k = 0; k <= n; ++k) {
      if (given[t][k]) continue;
      const std::size_t next = env.periods[t + 1].types[k].size();
      if (next != 1) {
        throw InputError(
            node ? node->pointer() : "/kernels",
            "a kernel entry for every component with more than one label in the next period",
            fmt::format("none for {} from period {} to {} ({} labels in period {})",
                        component_name(env.agents, k), t, t + 1, next, t + 1));
      }
      auto& rows = k == 0 ? env.kernels[t].public_rows : env.kernels[t].agents[k - 1];
      for (auto& row : rows) row = {T(1)};
    }
  }
}

std::vector<std::size_t> read_theta0(const std::optional<io::Node>& node, const io::Node& root,
                                     const std::vector<std::string>& agents, const Period& first) {
  const std::size_t n = agents.size();
  std::vector<std::optional<std::size_t>> theta(n + 1);
  if (node) {
    node->expect_object(R"(an object {"public": label, "types": {agent: label}})");
    node->allow_only({"public", "types"});
    auto read = [&](const io::Node& label, std::size_t k) {
      const std::string s = label.as_string();
      const std::size_t c = index_of(first.types[k], s);
      if (c == first.types[k].size()) {
        label.fail(fmt::format("a period-0 label of {} (one of {})", component_name(agents, k),
                               joined(first.types[k])),
                   label.describe());
      }
      theta[k] = c;
    };
    if (const auto p = node->find("public")) read(*p, 0);
    if (const auto types = node->find("types")) {
      types->expect_object("an object mapping agent names to their period-0 type labels");
      for (const auto& [name, label] : types->members()) {
        const std::size_t i = index_of(agents, name);
        if (i == n) {
          label.fail(fmt::format("an agent name (one of {})", joined(agents)),
                     fmt::format("\"{}\"", name));
        }
        read(label, i + 1);
      }
    }
  }
  std::vector<std::size_t> out(n + 1, 0);
  for (std::size_t k = 0; k <= n; ++k) {
    if (theta[k]) {
      out[k] = *theta[k];
    } else if (first.types[k].size() != 1) {
      const std::string pointer = node ? node->pointer() : root.pointer() + "/theta0";
      throw InputError(pointer,
                       fmt::format("a period-0 label for {} (it has {} labels)",
                                   component_name(agents, k), first.types[k].size()),
                       "none");
    }
  }
  return out;
}

std::vector<std::size_t> read_order(const io::Node& node, const std::vector<std::string>& agents) {
  const std::string expected = fmt::format("a permutation of the agents ({})", joined(agents));
  const auto items = node.items(expected);
  std::vector<std::size_t> out;
  for (const io::Node& item : items) {
    const std::size_t i = index_of(agents, item.as_string());
    if (i == agents.size()) item.fail(expected, item.describe());
    if (std::find(out.begin(), out.end(), i) != out.end()) {
      item.fail("each agent exactly once", fmt::format("\"{}\" again", agents[i]));
    }
    out.push_back(i);
  }
  if (out.size() != agents.size()) {
    node.fail(expected, fmt::format("{} of {} agents", out.size(), agents.size()));
  }
  return out;
}

}  // namespace

template <class T>
Environment<T> read_environment(const io::Node& root, const io::ReadOptions& options) {
  io::require_header(root, "dynamic");
  root.allow_only(
      {"model", "version", "name", "agents", "periods", "theta0", "payoffs", "kernels", "order"});
  Environment<T> env;
  env.agents = read_labels(root.at("agents"), "agent names");
  const std::size_t n = env.agents.size();
  const io::Node periods = root.at("periods");
  std::vector<PeriodEntry> entries;
  for (const io::Node& p : periods.nonempty_items("a non-empty array of periods")) {
    entries.push_back(read_period(p, env.agents));
  }
  // Rationals cost their 32-byte header plus limbs; count 64 bytes a number.
  env.periods = expand_periods(periods, entries, n, NumberTraits<T>::exact ? 64 : 8, options);
  env.payoffs.resize(env.periods.size());
  for (std::size_t t = 0; t < env.periods.size(); ++t) {
    const Period& p = env.periods[t];
    env.payoffs[t].resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      env.payoffs[t][i].assign(p.types[i + 1].size() * p.decisions.size(), T(0));
    }
  }
  if (const auto payoffs = root.find("payoffs")) read_payoffs(*payoffs, env, options);
  read_kernels(root.find("kernels"), env, options);
  env.theta0 = read_theta0(root.find("theta0"), root, env.agents, env.periods[0]);
  if (const auto order = root.find("order")) env.order = read_order(*order, env.agents);
  validate(env);
  return env;
}

template Environment<Rational> read_environment(const io::Node&, const io::ReadOptions&);
template Environment<double> read_environment(const io::Node&, const io::ReadOptions&);

}  // namespace mechlab::dynamic
