#include "mechlab/disclosure/io.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "mechlab/core/error.hpp"

namespace mechlab::disclosure {

namespace {

std::size_t index_of(const std::vector<std::string>& list, const std::string& name) {
  return static_cast<std::size_t>(std::find(list.begin(), list.end(), name) - list.begin());
}

std::string joined(const std::vector<std::string>& list) {
  std::string out;
  for (const auto& s : list) {
    if (!out.empty()) out += ", ";
    out += s;
  }
  return out;
}

template <class T>
T read_number(const io::Node& node, const io::ReadOptions& options) {
  return NumberTraits<T>::from_rational(node.as_number(options));
}

// Probabilities sum to exactly 1 (Rational) or within 1e-12 (double).
template <class T>
void require_sum_one(const io::Node& node, const T& total) {
  if (!nearly_equal(total, T(1))) {
    node.fail("probabilities summing to 1",
              fmt::format("a sum of {}", NumberTraits<T>::to_text(total)));
  }
}

std::vector<std::string> read_members(const io::Node& node) {
  const std::string expected = fmt::format("an array of 2 to {} unique member names", kMaxMembers);
  const auto items = node.items(expected);
  std::vector<std::string> out;
  for (const io::Node& m : items) {
    std::string name = m.as_string();
    if (name.empty()) m.fail("a non-empty member name", "an empty string");
    if (index_of(out, name) != out.size()) {
      m.fail("a member name not used before", fmt::format("\"{}\" again", name));
    }
    out.push_back(std::move(name));
  }
  if (out.size() < 2 || out.size() > kMaxMembers) {
    node.fail(expected, fmt::format("{} members", out.size()));
  }
  return out;
}

std::size_t member_index(const io::Node& where, const std::string& name,
                         const std::vector<std::string>& members) {
  const std::size_t i = index_of(members, name);
  if (i == members.size()) {
    where.fail(fmt::format("a member name (one of {})", joined(members)),
               fmt::format("\"{}\"", name));
  }
  return i;
}

// An object keyed by member names, in member order; every member required
// unless `optional`, in which case absent members are nullopt.
std::vector<std::optional<io::Node>> per_member(const io::Node& node,
                                                const std::vector<std::string>& members,
                                                const std::string& what, bool optional = false) {
  node.expect_object(fmt::format("an object with {} per member ({})", what, joined(members)));
  std::vector<std::optional<io::Node>> out(members.size());
  for (const auto& [name, value] : node.members()) {
    out[member_index(value, name, members)] = value;
  }
  for (std::size_t i = 0; i < members.size() && !optional; ++i) {
    if (!out[i]) {
      node.fail(fmt::format("an object with {} per member ({})", what, joined(members)),
                fmt::format("no entry for member {}", members[i]));
    }
  }
  return out;
}

// Ω_i: at least two strictly increasing values (Assumption 2).
template <class T>
std::vector<T> read_outcomes(const io::Node& node, const io::ReadOptions& options) {
  const auto items =
      node.items("an array of at least 2 strictly increasing outcome values (Assumption 2)");
  if (items.size() < 2) {
    node.fail("at least 2 outcome values (Assumption 2)", fmt::format("{}", items.size()));
  }
  std::vector<T> out;
  for (const io::Node& v : items) {
    T x = read_number<T>(v, options);
    if (!out.empty() && !(out.back() < x)) {
      v.fail(fmt::format("a value above the previous one ({}): outcomes strictly increasing",
                         NumberTraits<T>::to_text(out.back())),
             NumberTraits<T>::to_text(x));
    }
    out.push_back(std::move(x));
  }
  return out;
}

// Π|Ω_i| outcome profiles, times the distributions held over them (F(·; e_N)
// and one F(·; e_{N∖i}) per member with an effort technology), within the
// memory limit. Rationals cost their header plus limbs: 64 bytes a number.
template <class T>
void require_fit(const io::Node& where, const std::vector<std::vector<T>>& values,
                 std::size_t distributions, const io::ReadOptions& options) {
  double cells = 1;
  for (const auto& v : values) cells *= static_cast<double>(v.size());
  const double numbers = cells * static_cast<double>(distributions);
  const double bytes = numbers * (NumberTraits<T>::exact ? 64.0 : 8.0);
  if (!(bytes <= static_cast<double>(options.memory_limit_bytes))) {
    where.fail(fmt::format("a model within the memory limit of {} (--memory-limit)",
                           io::format_bytes(static_cast<double>(options.memory_limit_bytes))),
               fmt::format("{:.4g} outcome profiles × {} distribution{} needing about {}", cells,
                           distributions, distributions == 1 ? "" : "s", io::format_bytes(bytes)));
  }
}

// One probability (or weight) of a prior: > 0 (full support, Assumption 2).
template <class T>
T read_positive(const io::Node& node, const char* what, const io::ReadOptions& options) {
  T x = read_number<T>(node, options);
  if (x < T(0)) node.fail(fmt::format("a non-negative {}", what), node.describe());
  if (!(x > T(0))) {
    node.fail(fmt::format("a positive {} (full support, Assumption 2)", what), node.describe());
  }
  return x;
}

// {"table": [...]}, {"independent": {member: [...]}} or {"weights": [...]}:
// a full-support pmf over Ω, member 0 slowest.
template <class T>
std::vector<T> read_prior(const io::Node& node, const std::vector<std::string>& members,
                          const std::vector<std::vector<T>>& values,
                          const io::ReadOptions& options) {
  const char* expected =
      R"(a prior {"table": [...]}, {"independent": {member: [...]}} or {"weights": [...]})";
  node.expect_object(expected);
  node.allow_only({"table", "independent", "weights"});
  const auto keys = node.members();
  if (keys.size() != 1) node.fail(expected, fmt::format("{} keys", keys.size()));
  std::size_t cells = 1;
  for (const auto& v : values) cells *= v.size();
  const auto& [kind, spec] = keys.front();
  std::vector<T> prior;
  prior.reserve(cells);
  if (kind == "independent") {
    std::vector<std::vector<T>> marginals;
    const auto entries = per_member(spec, members, "a marginal pmf");
    for (std::size_t i = 0; i < members.size(); ++i) {
      const io::Node& m = *entries[i];
      const std::string want =
          fmt::format("{} probabilities, one per outcome of {}", values[i].size(), members[i]);
      const auto items = m.items(want);
      if (items.size() != values[i].size()) m.fail(want, fmt::format("{}", items.size()));
      std::vector<T> marginal;
      T total = T(0);
      for (const io::Node& p : items) {
        marginal.push_back(read_positive<T>(p, "probability", options));
        total += marginal.back();
      }
      require_sum_one(m, total);
      marginals.push_back(std::move(marginal));
    }
    for (std::size_t cell = 0; cell < cells; ++cell) {
      T p = T(1);
      std::size_t rest = cell;
      for (std::size_t i = members.size(); i-- > 0;) {
        p *= marginals[i][rest % values[i].size()];
        rest /= values[i].size();
      }
      prior.push_back(std::move(p));
    }
    return prior;
  }
  const bool weights = kind == "weights";
  const std::string want =
      fmt::format("an array of {} {}, one per outcome profile (member {} slowest)", cells,
                  weights ? "weights" : "probabilities", members.front());
  const auto items = spec.items(want);
  if (items.size() != cells) spec.fail(want, fmt::format("{} entries", items.size()));
  T total = T(0);
  for (const io::Node& p : items) {
    prior.push_back(read_positive<T>(p, weights ? "weight" : "probability", options));
    total += prior.back();
  }
  if (!weights) {
    require_sum_one(spec, total);
    return prior;
  }
  for (T& p : prior) p /= total;
  return prior;
}

// The up-closure of `minimal` in place: O(N·2^N).
void close_upwards(std::vector<bool>& winning, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t bit = std::size_t{1} << i;
    for (std::size_t s = 0; s < winning.size(); ++s) {
      if (winning[s] && (s & bit) == 0) winning[s | bit] = true;
    }
  }
}

template <class T>
Protocol read_protocol(const io::Node& node, const std::vector<std::string>& members,
                       const io::ReadOptions& options) {
  const char* expected =
      R"(a protocol: one of {"k_majority": K}, {"unanimity": true}, {"unilateral": true}, {"leader": member}, {"weighted": {...}}, {"minimal_winning": [[...], ...]}, with an optional "name")";
  node.expect_object(expected);
  node.allow_only(
      {"name", "k_majority", "unanimity", "unilateral", "leader", "weighted", "minimal_winning"});
  std::optional<std::pair<std::string, io::Node>> rule;
  for (const auto& [key, value] : node.members()) {
    if (key == "name") continue;
    if (rule) node.fail(expected, fmt::format(R"(both "{}" and "{}")", rule->first, key));
    rule.emplace(key, value);
  }
  if (!rule) node.fail(expected, "no rule");
  const std::size_t n = members.size();
  Protocol p;
  p.members = n;
  p.winning.assign(std::size_t{1} << n, false);
  const auto& [kind, spec] = *rule;
  if (kind == "k_majority") {
    const auto k = static_cast<std::size_t>(spec.as_count(0, kMaxMembers + 1));
    if (k < 1 || k > n) {
      spec.fail(fmt::format("K from 1 to N = {} (Assumption 1: the grand coalition discloses, "
                            "the empty one does not)",
                            n),
                fmt::format("{}", k));
    }
    for (std::size_t s = 0; s < p.winning.size(); ++s) {
      p.winning[s] = static_cast<std::size_t>(std::popcount(s)) >= k;
    }
    p.name = fmt::format("majority K={}", k);
  } else if (kind == "unanimity" || kind == "unilateral") {
    if (!spec.as_bool()) spec.fail("true", "false");
    for (std::size_t s = 0; s < p.winning.size(); ++s) {
      p.winning[s] = kind == "unanimity" ? s == p.all() : s != 0;
    }
    p.name = kind;
  } else if (kind == "leader") {
    const std::size_t i = member_index(spec, spec.as_string(), members);
    for (std::size_t s = 0; s < p.winning.size(); ++s) p.winning[s] = ((s >> i) & 1U) != 0;
    p.name = fmt::format("leader {}", members[i]);
  } else if (kind == "weighted") {
    spec.expect_object(R"(an object {"weights": {member: w ≥ 0}, "quota": q})");
    spec.allow_only({"weights", "quota"});
    // Members left out of "weights" weigh 0.
    std::vector<Rational> w(n, Rational(0));
    const auto given = per_member(spec.at("weights"), members, "a weight ≥ 0", true);
    for (std::size_t i = 0; i < n; ++i) {
      if (!given[i]) continue;
      w[i] = given[i]->as_number(options);
      if (w[i] < 0) given[i]->fail("a non-negative weight", given[i]->describe());
    }
    const Rational quota = spec.at("quota").as_number(options);
    // Coalitions in Gray-code order: one weight added or removed a step.
    Rational sum(0);
    std::size_t s = 0;
    p.winning[0] = sum >= quota;
    for (std::size_t step = 1; step < p.winning.size(); ++step) {
      const auto i = static_cast<std::size_t>(std::countr_zero(step));
      const std::size_t bit = std::size_t{1} << i;
      if ((s & bit) != 0) {
        sum -= w[i];
      } else {
        sum += w[i];
      }
      s ^= bit;
      p.winning[s] = sum >= quota;
    }
    p.name = fmt::format("weighted quota {}", to_string(quota));
  } else {
    std::vector<std::string> parts;
    for (const io::Node& c : spec.nonempty_items("a non-empty array of coalitions")) {
      Coalition s = 0;
      for (const io::Node& m : c.items("a coalition: an array of member names")) {
        const Coalition bit = Coalition{1} << member_index(m, m.as_string(), members);
        if ((s & bit) != 0) m.fail("each member at most once in a coalition", m.describe());
        s |= bit;
      }
      if (s == 0) {
        c.fail("a non-empty coalition (Assumption 1: the empty coalition does not disclose)", "[]");
      }
      p.winning[s] = true;
      parts.push_back(coalition_text(s, members));
    }
    close_upwards(p.winning, n);
    p.name = fmt::format("minimal winning {}", joined(parts));
  }
  if (const auto name = node.find("name")) p.name = name->as_string();
  check_assumption1(p, spec.pointer(), members);
  return p;
}

// A continuous marginal (spec §3.6): U[lo, hi] or a piecewise-uniform density.
template <class T>
PiecewiseUniform<T> read_marginal(const io::Node& node, const io::ReadOptions& options) {
  node.expect_object(
      R"(a marginal {"uniform": [lo, hi]} or {"breakpoints": [...], "masses": [...]})");
  PiecewiseUniform<T> out;
  if (const auto uniform = node.find("uniform")) {
    node.allow_only({"uniform"});
    const auto ends = uniform->items("[lo, hi]");
    if (ends.size() != 2) uniform->fail("[lo, hi]", fmt::format("{} numbers", ends.size()));
    out.breakpoints = {read_number<T>(ends[0], options), read_number<T>(ends[1], options)};
    if (!(out.breakpoints[0] < out.breakpoints[1])) {
      ends[1].fail(
          fmt::format("a value above lo = {}", NumberTraits<T>::to_text(out.breakpoints[0])),
          ends[1].describe());
    }
    out.masses = {T(1)};
    return out;
  }
  node.allow_only({"breakpoints", "masses"});
  const io::Node breakpoints = node.at("breakpoints");
  const auto b = breakpoints.items("an array of at least 2 increasing breakpoints");
  if (b.size() < 2) {
    breakpoints.fail("at least 2 breakpoints (ω̲ < ω̄)", fmt::format("{}", b.size()));
  }
  for (std::size_t k = 0; k < b.size(); ++k) {
    out.breakpoints.push_back(read_number<T>(b[k], options));
    if (k > 0 && !(out.breakpoints[k - 1] < out.breakpoints[k])) {
      b[k].fail(fmt::format("a value above {} (strictly increasing)",
                            NumberTraits<T>::to_text(out.breakpoints[k - 1])),
                b[k].describe());
    }
  }
  const io::Node masses = node.at("masses");
  const auto m = masses.items("an array of piece probabilities");
  if (m.size() + 1 != b.size()) {
    masses.fail(fmt::format("{} masses (one per piece)", b.size() - 1),
                fmt::format("{}", m.size()));
  }
  T total(0);
  for (const io::Node& x : m) {
    T p = read_number<T>(x, options);
    // Theorem 4 needs full support on the box.
    if (!(p > T(0))) x.fail("a positive probability (full support, Theorem 4)", x.describe());
    total += p;
    out.masses.push_back(std::move(p));
  }
  if (!nearly_equal(total, T(1))) {
    masses.fail("probabilities summing to 1",
                fmt::format("a sum of {}", NumberTraits<T>::to_text(total)));
  }
  return out;
}

template <class T>
void read_protocols(const io::Node& root, Model<T>& model, const io::ReadOptions& options) {
  const std::vector<std::string>& members = model.team.members;
  const std::size_t n = members.size();
  const io::Node protocols = root.at("protocols");
  const auto items = protocols.nonempty_items("a non-empty array of protocols");
  // W as one bit per coalition (std::vector<bool>): 2^N / 8 bytes a protocol.
  const double bytes =
      static_cast<double>(items.size()) * (static_cast<double>(std::size_t{1} << n) / 8 + 64);
  if (!(bytes <= static_cast<double>(options.memory_limit_bytes))) {
    protocols.fail(fmt::format("protocols within the memory limit of {} (--memory-limit)",
                               io::format_bytes(static_cast<double>(options.memory_limit_bytes))),
                   fmt::format("{} protocols over {} members needing about {}", items.size(), n,
                               io::format_bytes(bytes)));
  }
  for (const io::Node& p : items) model.protocols.push_back(read_protocol<T>(p, members, options));
}

}  // namespace

template <class T>
Model<T> read_model(const io::Node& root, const io::ReadOptions& options) {
  io::require_header(root, "disclosure");
  const bool continuous = root.find("marginals").has_value();
  if (continuous) {
    root.allow_only({"model", "version", "name", "members", "marginals", "protocols"});
  } else {
    root.allow_only({"model", "version", "name", "members", "outcomes", "prior", "protocols",
                     "effort", "costs"});
  }
  Model<T> model;
  if (const auto name = root.find("name")) model.name = name->as_string();
  Team<T>& team = model.team;
  team.members = read_members(root.at("members"));
  const std::vector<std::string>& members = team.members;
  const std::size_t n = members.size();
  if (continuous) {
    ContinuousTeam<T> c{members, {}};
    for (const auto& node : per_member(root.at("marginals"), members, "a marginal")) {
      c.marginals.push_back(read_marginal<T>(*node, options));
    }
    validate(c);  // everything above already holds; keeps the invariant in one place
    model.continuous = std::move(c);
    read_protocols(root, model, options);
    return model;
  }
  const io::Node outcomes = root.at("outcomes");
  for (const auto& node : per_member(outcomes, members, "a list of outcome values")) {
    team.values.push_back(read_outcomes<T>(*node, options));
  }
  const auto effort = root.find("effort");
  require_fit(outcomes, team.values, effort ? n + 1 : 1, options);
  team.prior = read_prior<T>(root.at("prior"), members, team.values, options);

  read_protocols(root, model, options);

  if (effort) {
    effort->expect_object(R"(an object {"shirk": {member: prior}})");
    effort->allow_only({"shirk"});
    EffortTechnology<T> technology;
    technology.full = team;
    for (const auto& node : per_member(effort->at("shirk"), members, "a prior F(·; e_{N∖i})")) {
      technology.shirk.push_back(read_prior<T>(*node, members, team.values, options));
    }
    model.effort = std::move(technology);
  }
  if (const auto costs = root.find("costs")) {
    for (const auto& node : per_member(*costs, members, "a cost c_i > 0")) {
      T c = read_number<T>(*node, options);
      if (!(c > T(0))) node->fail("a positive cost (c_i > 0)", node->describe());
      model.costs.push_back(std::move(c));
    }
  }
  // The checks above are validate()'s (sizes, strictly increasing values, full
  // support, sums) with the file's own pointers (members by name).
  return model;
}

template Model<Rational> read_model(const io::Node&, const io::ReadOptions&);
template Model<double> read_model(const io::Node&, const io::ReadOptions&);

}  // namespace mechlab::disclosure
