// Reading the "design" object of a mechanism model file (docs/mechanism.md,
// "Automated mechanism design").
#include <fmt/format.h>

#include <algorithm>

#include "mechlab/core/error.hpp"
#include "mechlab/io/distribution_io.hpp"
#include "mechlab/mechanism/design.hpp"
#include "mechlab/mechanism/io.hpp"
#include "mechlab/mechanism/rules.hpp"

namespace mechlab::mechanism {

namespace {

template <class T>
T number(const io::Node& node, const io::ReadOptions& options) {
  return NumberTraits<T>::from_rational(node.as_number(options));
}

std::size_t index_of(const std::vector<std::string>& list, const std::string& label) {
  return static_cast<std::size_t>(std::find(list.begin(), list.end(), label) - list.begin());
}

// One of `choices`, as its position.
std::size_t choice(const io::Node& node, std::initializer_list<const char*> choices) {
  std::string list;
  for (const char* c : choices) list += (list.empty() ? "" : ", ") + fmt::format("\"{}\"", c);
  if (!node.json().is_string()) node.fail("one of " + list);
  const std::string s = node.as_string();
  std::size_t k = 0;
  for (const char* c : choices) {
    if (s == c) return k;
    ++k;
  }
  node.fail("one of " + list);
}

// An object keyed by agent names (each at most once; missing agents get 0).
template <class T, class F>
void by_agent(const io::Node& node, const Problem<T>& problem, F&& f) {
  node.expect_object("an object keyed by agent names");
  for (const auto& [key, value] : node.members()) {
    const std::size_t i = index_of(problem.env.agents, key);
    if (i == problem.agent_count()) value.fail("a key that names an agent", "\"" + key + "\"");
    f(i, value);
  }
}

template <class T>
void read_linear_objective(const io::Node& node, const Problem<T>& problem,
                           const io::ReadOptions& options, DesignSpec<T>& spec) {
  node.allow_only({"sense", "revenue", "welfare", "expected_transfers", "q", "x"});
  const std::size_t alts = problem.alternative_count();
  const std::size_t profiles = problem.profile_count();
  const std::size_t n = problem.agent_count();
  auto& lin = spec.linear;
  lin.sense = choice(node.at("sense"), {"maximize", "minimize"}) == 0 ? lp::Sense::maximize
                                                                      : lp::Sense::minimize;
  lin.outcome.assign(profiles * alts, T(0));
  lin.transfers.assign(n, std::vector<T>(profiles, T(0)));
  if (const auto w = node.find("revenue")) {
    const T a = number<T>(*w, options);
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t t = 0; t < profiles; ++t) lin.transfers[i][t] -= a * problem.p_profile[t];
    }
  }
  if (const auto w = node.find("welfare")) {
    const T a = number<T>(*w, options);
    for (std::size_t t = 0; t < profiles; ++t) {
      for (std::size_t c = 0; c < alts; ++c) {
        for (std::size_t i = 0; i < n; ++i)
          lin.outcome[t * alts + c] += a * problem.p_profile[t] * problem.value_hat(i, t, c);
      }
    }
  }
  if (const auto w = node.find("expected_transfers")) {
    by_agent(*w, problem, [&](std::size_t i, const io::Node& value) {
      const T a = number<T>(value, options);
      for (std::size_t t = 0; t < profiles; ++t) lin.transfers[i][t] += a * problem.p_profile[t];
    });
  }
  if (const auto w = node.find("q")) {
    const auto items = w->items(
        "an array of {\"alternative\": coefficient} objects, one per type "
        "profile");
    if (items.size() != profiles) {
      w->fail(fmt::format("{} objects (one per type profile)", profiles),
              fmt::format("{}", items.size()));
    }
    for (std::size_t t = 0; t < profiles; ++t) {
      items[t].expect_object("an object {\"alternative\": coefficient, ...}");
      for (const auto& [key, value] : items[t].members()) {
        const std::size_t c = index_of(problem.env.alternatives, key);
        if (c == alts) value.fail("a key that names an alternative", "\"" + key + "\"");
        lin.outcome[t * alts + c] += number<T>(value, options);
      }
    }
  }
  if (const auto w = node.find("x")) {
    by_agent(*w, problem, [&](std::size_t i, const io::Node& value) {
      const auto items = value.items("an array of coefficients, one per type profile");
      if (items.size() != profiles) {
        value.fail(fmt::format("{} coefficients (one per type profile)", profiles),
                   fmt::format("{}", items.size()));
      }
      for (std::size_t t = 0; t < profiles; ++t)
        lin.transfers[i][t] += number<T>(items[t], options);
    });
  }
}

}  // namespace

template <class T>
DesignSpec<T> read_design(const io::Node& node, const Problem<T>& problem,
                          const io::ReadOptions& options) {
  node.expect_object("a \"design\" object");
  node.allow_only({"outcome", "objective", "ic", "ir", "budget", "transfers"});
  DesignSpec<T> spec;
  const std::size_t n = problem.agent_count();
  const std::size_t profiles = problem.profile_count();
  const std::size_t alts = problem.alternative_count();

  // Size check before anything allocates per profile: the IC rows dominate.
  {
    double rows = static_cast<double>(profiles) * static_cast<double>(n + 2);
    for (std::size_t i = 0; i < n; ++i)
      rows += static_cast<double>(profiles) * static_cast<double>(problem.type_count(i));
    const double nonzeros = rows * (2.0 * static_cast<double>(alts) + 2.0);
    const double cells = nonzeros + rows * 2 + static_cast<double>(profiles * (alts + n));
    if (cells > 1e18) {
      node.fail("a design programme within the memory limit (--memory-limit)",
                fmt::format("about {:.3g} cells", cells));
    }
    io::require_cells_fit(node, static_cast<std::size_t>(cells), NumberTraits<T>::exact ? 96 : 48,
                          options);
  }

  if (const auto o = node.find("outcome")) {
    if (o->json().is_string()) {
      const std::size_t k = choice(*o, {"free", "efficient"});
      if (k == 1) {
        spec.free_outcome = false;
        spec.outcome_name = "efficient";
        spec.outcome = efficient_mechanism(problem).outcome;
      }
    } else {
      spec.free_outcome = false;
      spec.outcome_name = "table";
      spec.outcome = read_outcome_table(
          *o, problem, options,
          R"("free", "efficient" or an array of outcomes, one per type profile)");
    }
  }

  if (const auto o = node.find("objective"); o && !o->json().is_string()) {
    o->expect_object(
        "\"revenue\", \"welfare\", \"min_subsidy\", \"feasibility\" or an object "
        "{\"sense\": ..., coefficients}");
    spec.objective = DesignObjective::linear;
    read_linear_objective(*o, problem, options, spec);
  } else {
    const std::size_t k =
        o ? choice(*o, {"revenue", "welfare", "min_subsidy", "feasibility"}) : std::size_t{0};
    spec.objective = std::array{DesignObjective::revenue, DesignObjective::welfare,
                                DesignObjective::min_subsidy, DesignObjective::feasibility}[k];
  }

  if (const auto o = node.find("ic")) {
    spec.ic = std::array{IcConstraint::bic, IcConstraint::dsic,
                         IcConstraint::none}[choice(*o, {"bic", "dsic", "none"})];
  }
  if (const auto o = node.find("ir")) {
    spec.ir =
        std::array{IrConstraint::none, IrConstraint::ex_post, IrConstraint::interim,
                   IrConstraint::ex_ante}[choice(*o, {"none", "ex_post", "interim", "ex_ante"})];
  }
  if (const auto o = node.find("budget")) {
    spec.budget = std::array{
        BudgetConstraint::none, BudgetConstraint::ex_post, BudgetConstraint::ex_ante,
        BudgetConstraint::feasible}[choice(*o, {"none", "ex_post", "ex_ante", "feasible"})];
  }
  if (const auto o = node.find("transfers")) {
    o->expect_object(R"(an object {"lower": number, "upper": number} (both optional))");
    o->allow_only({"lower", "upper"});
    if (const auto l = o->find("lower")) spec.transfer_lower = number<T>(*l, options);
    if (const auto u = o->find("upper")) spec.transfer_upper = number<T>(*u, options);
    if (spec.transfer_lower && spec.transfer_upper && *spec.transfer_upper < *spec.transfer_lower) {
      o->at("upper").fail("an upper bound not below the lower bound " +
                              NumberTraits<T>::to_text(*spec.transfer_lower),
                          o->at("upper").describe());
    }
  }
  return spec;
}

template <class T>
DesignModel<T> read_design_model(const io::Node& root, const io::ReadOptions& options) {
  Model<T> model = read_model<T>(root, options);
  const auto d = root.find("design");
  if (!d) {
    throw InputError("/design",
                     "a \"design\" object (`mechanism design` needs one; see docs/mechanism.md)",
                     "nothing");
  }
  DesignSpec<T> spec = read_design<T>(*d, model.problem, options);
  return {std::move(model.problem), std::move(spec)};
}

template DesignSpec<Rational> read_design(const io::Node&, const Problem<Rational>&,
                                          const io::ReadOptions&);
template DesignSpec<double> read_design(const io::Node&, const Problem<double>&,
                                        const io::ReadOptions&);
template DesignModel<Rational> read_design_model(const io::Node&, const io::ReadOptions&);
template DesignModel<double> read_design_model(const io::Node&, const io::ReadOptions&);

}  // namespace mechlab::mechanism
