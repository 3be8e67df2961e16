#include "mechlab/mechanism/io.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "mechlab/core/error.hpp"
#include "mechlab/io/distribution_io.hpp"
#include "mechlab/mechanism/rules.hpp"

namespace mechlab::mechanism {

namespace {

template <class T>
T number(const io::Node& node, const io::ReadOptions& options) {
  return NumberTraits<T>::from_rational(node.as_number(options));
}

std::vector<std::string> labels(const io::Node& node, const char* what) {
  std::vector<std::string> out;
  for (const io::Node& l : node.nonempty_items(what)) {
    std::string s = l.as_string();
    if (std::find(out.begin(), out.end(), s) != out.end()) {
      l.fail("a label not used before in this list", "\"" + s + "\" again");
    }
    out.push_back(std::move(s));
  }
  return out;
}

std::size_t index_of(const std::vector<std::string>& list, const std::string& label) {
  return static_cast<std::size_t>(std::find(list.begin(), list.end(), label) - list.begin());
}

template <class T>
std::vector<T> numbers(const io::Node& node, std::size_t count, const std::string& what,
                       const io::ReadOptions& options) {
  const auto items = node.items("an array of " + what);
  if (items.size() != count) {
    node.fail(fmt::format("{} numbers ({})", count, what), fmt::format("{}", items.size()));
  }
  std::vector<T> out;
  out.reserve(count);
  for (const io::Node& x : items) out.push_back(number<T>(x, options));
  return out;
}

// Every key of `node` must be a label of `list` and every label must appear.
void require_keys(const io::Node& node, const std::vector<std::string>& list, const char* what) {
  node.expect_object(fmt::format("an object keyed by {}", what));
  for (const auto& [key, value] : node.members()) {
    if (index_of(list, key) == list.size()) {
      value.fail(fmt::format("a key that names one of the {}", what), "\"" + key + "\"");
    }
  }
  for (const std::string& label : list) {
    if (!node.find(label)) {
      node.fail(fmt::format("an entry for every one of the {}", what),
                "no entry for \"" + label + "\"");
    }
  }
}

template <class T>
std::vector<std::vector<T>> per_agent_tables(const io::Node& node, const Problem<T>& problem,
                                             const std::string& what,
                                             const io::ReadOptions& options) {
  const auto items = node.items("an array with one " + what + " table per agent");
  if (items.size() != problem.agent_count()) {
    node.fail(fmt::format("{} {} tables (one per agent)", problem.agent_count(), what),
              fmt::format("{}", items.size()));
  }
  std::vector<std::vector<T>> out;
  for (const io::Node& a : items) {
    out.push_back(numbers<T>(a, problem.profile_count(), what + " by type profile", options));
  }
  return out;
}

}  // namespace

template <class T>
std::vector<T> read_outcome_table(const io::Node& node, const Problem<T>& problem,
                                  const io::ReadOptions& options, const std::string& what) {
  const auto& alts = problem.env.alternatives;
  const auto items = node.items(what);
  if (items.size() != problem.profile_count()) {
    node.fail(fmt::format("{} outcomes (one per type profile)", problem.profile_count()),
              fmt::format("{}", items.size()));
  }
  std::vector<T> q(problem.profile_count() * alts.size(), T(0));
  for (std::size_t t = 0; t < items.size(); ++t) {
    const io::Node& o = items[t];
    if (o.json().is_string()) {
      const std::size_t c = index_of(alts, o.as_string());
      if (c == alts.size()) o.fail("the label of an alternative", o.describe());
      q[t * alts.size() + c] = T(1);
      continue;
    }
    o.expect_object("an alternative's label or a lottery {\"label\": probability, ...}");
    T sum = T(0);
    for (const auto& [key, value] : o.members()) {
      const std::size_t c = index_of(alts, key);
      if (c == alts.size()) value.fail("a key that names an alternative", "\"" + key + "\"");
      T p = number<T>(value, options);
      if (sign_of(p) < 0) value.fail("a probability (non-negative)", value.describe());
      sum += p;
      q[t * alts.size() + c] = std::move(p);
    }
    if (!nearly_equal(sum, T(1))) {
      o.fail("probabilities summing to 1", "a sum of " + NumberTraits<T>::to_text(sum));
    }
  }
  return q;
}

template <class T>
Problem<T> read_problem(const io::Node& root, const io::ReadOptions& options) {
  Environment<T> env;
  if (const auto s = root.find("states")) env.states = labels(*s, "a non-empty array of states");
  env.alternatives = labels(root.at("alternatives"), "a non-empty array of alternatives");
  const io::Node agents = root.at("agents");
  const auto agent_nodes = agents.nonempty_items("a non-empty array of agents");
  // Size check first: profiles × (states for the prior + alternatives × agents for v̂).
  double profiles = 1;
  for (const io::Node& a : agent_nodes) {
    a.expect_object("an agent object");
    profiles *= static_cast<double>(a.at("types").items("an array of type labels").size());
  }
  const double cells = profiles * static_cast<double>(env.states.size() +
                                                      env.alternatives.size() * agent_nodes.size());
  if (cells > 1e18) {
    agents.fail("an instance within the memory limit (--memory-limit)",
                fmt::format("about {:.3g} cells", cells));
  }
  io::require_cells_fit(agents, static_cast<std::size_t>(cells), NumberTraits<T>::exact ? 64 : 8,
                        options);

  for (const io::Node& a : agent_nodes) {
    a.allow_only({"name", "types", "values"});
    env.agents.push_back(a.at("name").as_string());
    env.types.push_back(labels(a.at("types"), "a non-empty array of type labels"));
  }
  for (std::size_t i = 0; i < agent_nodes.size(); ++i) {
    const io::Node values = agent_nodes[i].at("values");
    require_keys(values, env.alternatives, "alternatives");
    const std::size_t k = env.types[i].size();
    std::vector<T> v(env.alternatives.size() * env.states.size() * k);
    for (std::size_t c = 0; c < env.alternatives.size(); ++c) {
      const io::Node vc = values.at(env.alternatives[c]);
      for (std::size_t theta = 0; theta < env.states.size(); ++theta) {
        std::vector<T> row;
        if (!root.find("states")) {
          row = numbers<T>(vc, k, "values by type", options);
        } else {
          require_keys(vc, env.states, "states");
          row = numbers<T>(vc.at(env.states[theta]), k, "values by type", options);
        }
        std::move(row.begin(), row.end(),
                  v.begin() + static_cast<std::ptrdiff_t>((c * env.states.size() + theta) * k));
      }
    }
    env.values.push_back(std::move(v));
  }

  const io::Node prior = root.at("prior");
  prior.allow_only({"independent", "joint"});
  std::size_t profile_count = 1;
  for (const auto& t : env.types) profile_count *= t.size();
  if (const auto joint = prior.find("joint")) {
    if (prior.find("independent")) prior.fail(R"(either "joint" or "independent")", "both");
    env.prior = numbers<T>(*joint, env.states.size() * profile_count,
                           "probabilities by (state, type profile), row-major", options);
    for (std::size_t k = 0; k < env.prior.size(); ++k) {
      if (sign_of(env.prior[k]) < 0) {
        joint->items()[k].fail("a probability (non-negative)", joint->items()[k].describe());
      }
    }
  } else if (const auto ind = prior.find("independent")) {
    if (root.find("states")) {
      ind->fail("a \"joint\" prior over (state, types) when the model has states",
                "\"independent\"");
    }
    const auto rows = ind->items("an array of type distributions, one per agent");
    if (rows.size() != env.agents.size()) {
      ind->fail(fmt::format("{} type distributions (one per agent)", env.agents.size()),
                fmt::format("{}", rows.size()));
    }
    std::vector<std::vector<T>> marginals;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      marginals.push_back(
          numbers<T>(rows[i], env.types[i].size(), "probabilities by type", options));
      T sum = T(0);
      for (std::size_t k = 0; k < marginals[i].size(); ++k) {
        if (sign_of(marginals[i][k]) < 0) {
          rows[i].items()[k].fail("a probability (non-negative)", rows[i].items()[k].describe());
        }
        sum += marginals[i][k];
      }
      if (!nearly_equal(sum, T(1))) {
        rows[i].fail("probabilities summing to 1", "a sum of " + NumberTraits<T>::to_text(sum));
      }
    }
    env.prior.assign(profile_count, T(1));
    for (std::size_t t = 0; t < profile_count; ++t) {
      std::size_t rest = t;
      for (std::size_t i = env.agents.size(); i-- > 0;) {
        env.prior[t] *= marginals[i][rest % env.types[i].size()];
        rest /= env.types[i].size();
      }
    }
  } else {
    prior.fail(R"("joint" or "independent")", "neither");
  }
  try {
    return prepare(std::move(env));
  } catch (const InputError& e) {
    // prepare() names "/prior" and "/agents/..." from the root; re-root them here.
    throw e.with_prefix(root.pointer());
  }
}

template <class T>
Mechanism<T> read_mechanism(const io::Node& node, const Problem<T>& problem,
                            const io::ReadOptions& options) {
  node.allow_only({"outcome", "transfers", "rewards"});
  Mechanism<T> m;
  const io::Node outcome = node.at("outcome");
  if (outcome.json().is_string()) {
    if (outcome.as_string() != "efficient")
      outcome.fail("\"efficient\" or a table", outcome.describe());
    m = efficient_mechanism(problem);
  } else {
    m.name = "table";
    m.outcome = read_outcome_table(outcome, problem, options,
                                   R"("efficient" or an array of outcomes, one per type profile)");
    m.transfers.assign(problem.agent_count(), std::vector<T>(problem.profile_count(), T(0)));
  }
  const io::Node transfers = node.at("transfers");
  if (transfers.json().is_string()) {
    const std::string rule = transfers.as_string();
    if (rule == "none") {
      // keep zero transfers
    } else if (rule == "vcg" || rule == "gvcg") {
      if (rule == "vcg" && !problem.private_values()) {
        transfers.fail("\"gvcg\" for a model with states (VCG is the private-values case)",
                       "\"vcg\"");
      }
      m.transfers = clarke_transfers(problem, m.outcome);
      m.name = (m.name == "efficient" ? "" : m.name + "+") + rule;
    } else if (rule == "agv") {
      m = agv(problem, m, transfers.pointer());
    } else {
      transfers.fail(R"("none", "vcg", "gvcg", "agv" or a table)", transfers.describe());
    }
  } else {
    m.transfers = per_agent_tables<T>(transfers, problem, "transfers", options);
    if (m.name == "efficient") m.name = "efficient+table";
  }
  if (const auto rewards = node.find("rewards")) {
    m = augment(std::move(m), per_agent_tables<T>(*rewards, problem, "rewards", options),
                rewards->pointer());
  }
  check_mechanism(problem, m, node.pointer());
  return m;
}

template <class T>
Model<T> read_model(const io::Node& root, const io::ReadOptions& options) {
  io::require_header(root, "mechanism");
  root.allow_only({"model", "version", "name", "states", "alternatives", "agents", "prior",
                   "mechanism", "design"});
  Model<T> model{read_problem<T>(root, options), std::nullopt};
  if (const auto m = root.find("mechanism")) {
    model.mechanism = read_mechanism<T>(*m, model.problem, options);
  }
  return model;
}

template Problem<Rational> read_problem(const io::Node&, const io::ReadOptions&);
template Problem<double> read_problem(const io::Node&, const io::ReadOptions&);
template Mechanism<Rational> read_mechanism(const io::Node&, const Problem<Rational>&,
                                            const io::ReadOptions&);
template Mechanism<double> read_mechanism(const io::Node&, const Problem<double>&,
                                          const io::ReadOptions&);
template std::vector<Rational> read_outcome_table(const io::Node&, const Problem<Rational>&,
                                                  const io::ReadOptions&, const std::string&);
template std::vector<double> read_outcome_table(const io::Node&, const Problem<double>&,
                                                const io::ReadOptions&, const std::string&);
template Model<Rational> read_model(const io::Node&, const io::ReadOptions&);
template Model<double> read_model(const io::Node&, const io::ReadOptions&);

}  // namespace mechlab::mechanism
