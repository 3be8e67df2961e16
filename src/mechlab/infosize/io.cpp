#include "mechlab/infosize/io.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "mechlab/core/error.hpp"
#include "mechlab/io/distribution_io.hpp"
#include "mechlab/mechanism/io.hpp"

namespace mechlab::infosize {

namespace {

std::size_t index_of(const std::vector<std::string>& list, const std::string& label) {
  return static_cast<std::size_t>(std::find(list.begin(), list.end(), label) - list.begin());
}

template <class T>
std::vector<T> numbers(const io::Node& node, std::size_t count, const std::string& what,
                       const io::ReadOptions& options, bool unit_interval) {
  const auto items = node.items("an array of " + what);
  if (items.size() != count) {
    node.fail(fmt::format("{} numbers ({})", count, what), fmt::format("{}", items.size()));
  }
  std::vector<T> out;
  out.reserve(count);
  for (const io::Node& x : items) {
    T v = NumberTraits<T>::from_rational(x.as_number(options));
    if (sign_of(v) < 0 || (unit_interval && sign_of(T(v - T(1))) > 0)) {
      x.fail(unit_interval ? "a number in [0, 1]" : "a probability (non-negative)", x.describe());
    }
    out.push_back(std::move(v));
  }
  return out;
}

// "f": one object per agent mapping each type label to its signal label;
// "signals" (optional) fixes the order of A_i and may list unused signals.
template <class T>
Decomposition<T> read_decomposition(const io::Node& node, const mechanism::Problem<T>& problem,
                                    const io::ReadOptions& options) {
  node.allow_only({"f", "signals", "joint"});
  const std::size_t n = problem.agent_count();
  Decomposition<T> d;
  d.signals.resize(n);
  d.f.resize(n);
  const io::Node fnode = node.at("f");
  const auto maps = fnode.items("an array with one object per agent, type label -> signal label");
  if (maps.size() != n) {
    fnode.fail(fmt::format("{} signal maps (one per agent)", n), fmt::format("{}", maps.size()));
  }
  std::optional<std::vector<io::Node>> orders;
  if (const auto s = node.find("signals")) {
    orders = s->items("an array with one list of signal labels per agent");
    if (orders->size() != n) {
      s->fail(fmt::format("{} signal lists (one per agent)", n), fmt::format("{}", orders->size()));
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    const auto& types = problem.env.types[i];
    if (orders) {
      for (const io::Node& l : (*orders)[i].nonempty_items("a non-empty array of signal labels")) {
        std::string label = l.as_string();
        if (index_of(d.signals[i], label) != d.signals[i].size()) {
          l.fail("a label not used before in this list", fmt::format("\"{}\" again", label));
        }
        d.signals[i].push_back(std::move(label));
      }
    }
    maps[i].expect_object("an object mapping each type label of the agent to a signal label");
    for (const auto& [key, value] : maps[i].members()) {
      if (index_of(types, key) == types.size()) {
        value.fail(fmt::format("a key that names a type of agent {}", problem.env.agents[i]),
                   fmt::format("\"{}\"", key));
      }
    }
    for (const std::string& type : types) {
      const auto entry = maps[i].find(type);
      if (!entry) {
        maps[i].fail("a signal for every type of the agent",
                     fmt::format("no entry for \"{}\"", type));
      }
      const std::string signal = entry->as_string();
      std::size_t a = index_of(d.signals[i], signal);
      if (a == d.signals[i].size()) {
        if (orders) entry->fail("one of the agent's listed signals", entry->describe());
        d.signals[i].push_back(signal);
      }
      d.f[i].push_back(a);
    }
  }
  // Size check before Q is read or built: |Θ|·Π|A_i| numbers.
  auto size = static_cast<double>(problem.state_count());
  for (const auto& a : d.signals) size *= static_cast<double>(a.size());
  const std::optional<io::Node> joint = node.find("joint");
  const io::Node where = joint ? *joint : fnode;
  if (size > 1e18) {
    where.fail("an instance within the memory limit (--memory-limit)",
               fmt::format("about {:.3g} cells", size));
  }
  io::require_cells_fit(where, static_cast<std::size_t>(size), NumberTraits<T>::exact ? 64 : 8,
                        options);
  if (joint) {
    d.joint = numbers<T>(*joint, static_cast<std::size_t>(size),
                         "probabilities by (state, signal profile), row-major", options, false);
    return d;
  }
  return pushforward(problem, std::move(d.signals), std::move(d.f));
}

template <class T>
RewardSystem<T> read_reward(const io::Node& node, const SignalStructure<T>& s,
                            const io::ReadOptions& options) {
  RewardSystem<T> reward;
  if (node.json().is_string()) {
    const std::string name = node.as_string();
    for (const auto family :
         {RewardFamily::spherical, RewardFamily::quadratic, RewardFamily::majority}) {
      if (name == reward_name(family)) {
        reward.family = family;
        return reward;
      }
    }
    node.fail(R"("spherical", "quadratic", "majority" or {"table": [...]})", node.describe());
  }
  node.expect_object(R"("spherical", "quadratic", "majority" or {"table": [...]})");
  node.allow_only({"table"});
  const io::Node table = node.at("table");
  const auto rows = table.items("an array with one score table per agent");
  if (rows.size() != s.agent_count()) {
    table.fail(fmt::format("{} score tables (one per agent)", s.agent_count()),
               fmt::format("{}", rows.size()));
  }
  reward.family = RewardFamily::table;
  for (const io::Node& row : rows) {
    reward.table.push_back(
        numbers<T>(row, s.profile_count(), "unit scores s_i(a) by signal profile", options, true));
  }
  return reward;
}

}  // namespace

template <class T>
Model<T> read_model(const io::Node& root, const io::ReadOptions& options) {
  io::require_header(root, "infosize");
  root.allow_only({"model", "version", "name", "states", "alternatives", "agents", "prior",
                   "decomposition", "reward", "scale"});
  Model<T> model;
  Instance<T>& instance = model.instance;
  instance.problem = mechanism::read_problem<T>(root, options);
  const mechanism::Problem<T>& problem = instance.problem;
  for (std::size_t i = 0; i < problem.agent_count(); ++i) {
    for (const T& v : problem.env.values[i]) {
      if (sign_of(v) < 0) {
        root.at("agents").items()[i].at("values").fail(
            "non-negative valuations (003 §3: v_i >= 0; shift them by a constant per agent)",
            NumberTraits<T>::to_text(v));
      }
    }
  }
  if (!problem.support.full_marginals()) {
    root.at("prior").fail("every state and every type profile of positive probability (Δ*, 003 §3)",
                          "a zero marginal");
  }
  const io::Node dnode = root.at("decomposition");
  Decomposition<T> d;
  if (dnode.json().is_string()) {
    const std::string name = dnode.as_string();
    if (name == "trivial") {
      d = trivial(problem);
    } else if (name == "coarsest") {
      d = coarsest(problem);
    } else {
      dnode.fail(R"("coarsest", "trivial" or an object {"f": ..., "signals": ..., "joint": ...})",
                 dnode.describe());
    }
    instance.decomposition_source = name;
  } else {
    dnode.expect_object(
        R"("coarsest", "trivial" or an object {"f": ..., "signals": ..., "joint": ...})");
    instance.decomposition_source = dnode.find("joint") ? "given" : "pushforward";
    d = read_decomposition(dnode, problem, options);
  }
  try {
    instance.signals = analyse(std::move(d), problem);
  } catch (const InputError& e) {
    throw e.with_prefix(dnode.pointer());
  }
  if (const auto r = root.find("reward")) {
    instance.reward = read_reward(*r, instance.signals, options);
  }
  if (const auto s = root.find("scale")) {
    T scale = NumberTraits<T>::from_rational(s->as_number(options));
    if (sign_of(scale) < 0) s->fail("a reward scale >= 0", s->describe());
    model.scale = std::move(scale);
  }
  return model;
}

template Model<Rational> read_model(const io::Node&, const io::ReadOptions&);
template Model<double> read_model(const io::Node&, const io::ReadOptions&);

}  // namespace mechlab::infosize
