// mechlab dynamic solve|audit|compare FILE: finite Markov environments of 004
// (docs/dynamic.md).
#include <fmt/format.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "command.hpp"
#include "mechlab/core/error.hpp"
#include "mechlab/dynamic/audit.hpp"
#include "mechlab/dynamic/efficient.hpp"
#include "mechlab/dynamic/evaluate.hpp"
#include "mechlab/dynamic/io.hpp"
#include "mechlab/dynamic/mechanisms.hpp"
#include "mechlab/dynamic/model.hpp"
#include "mechlab/dynamic/report.hpp"

namespace mechlab::cli {

namespace {

struct DynamicArgs {
  std::string file;
  std::string mechanism = "gum";
  std::string mechanisms;  // compare: a comma-separated list (default: every applicable one)
  std::string order;       // agent names, comma-separated
  std::string path;        // "b=1,r=1; b=0,r=0; ..." for t = 1..T
  std::vector<std::string> coalitions;
  std::string outside;  // "b=3,r=1"
  std::uint64_t max_states = 20'000'000;
};

std::string trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t");
  return std::string(s.substr(first, last - first + 1));
}

std::vector<std::string> split(std::string_view text, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const auto end = text.find(sep, start);
    out.push_back(trim(text.substr(start, end == std::string_view::npos ? end : end - start)));
    if (end == std::string_view::npos) return out;
    start = end + 1;
  }
}

std::string mechanism_list() {
  std::string out;
  for (const auto kind : dynamic::all_mechanisms())
    out += fmt::format("{}{}", out.empty() ? "" : ", ", dynamic::mechanism_name(kind));
  return out;
}

dynamic::MechanismKind mechanism_of(const std::string& name, const std::string& option) {
  const auto kind = dynamic::parse_mechanism(name);
  if (!kind) throw InputError(option, fmt::format("one of {}", mechanism_list()), name);
  return *kind;
}

std::string agent_list(const std::vector<std::string>& agents) {
  std::string out;
  for (const auto& a : agents) out += fmt::format("{}{}", out.empty() ? "" : ", ", a);
  return out;
}

template <class T>
std::size_t agent_of(const dynamic::Problem<T>& problem, const std::string& name,
                     const std::string& option) {
  const auto& agents = problem.env.agents;
  for (std::size_t i = 0; i < agents.size(); ++i) {
    if (agents[i] == name) return i;
  }
  throw InputError(option, fmt::format("an agent: one of {}", agent_list(agents)), name);
}

template <class T>
std::vector<std::size_t> agents_of(const dynamic::Problem<T>& problem, const std::string& text,
                                   const std::string& option) {
  std::vector<std::size_t> out;
  std::vector<bool> seen(problem.agent_count(), false);
  for (const auto& name : split(text, ',')) {
    const std::size_t i = agent_of(problem, name, option);
    if (seen[i]) throw InputError(option, "each agent at most once", name);
    seen[i] = true;
    out.push_back(i);
  }
  return out;
}

// --order: a permutation of the agents.
template <class T>
std::vector<std::size_t> order_of(const dynamic::Problem<T>& problem, const std::string& text) {
  if (text.empty()) return {};
  auto order = agents_of(problem, text, "--order");
  if (order.size() != problem.agent_count()) {
    throw InputError("--order", fmt::format("every agent once: {}", agent_list(problem.env.agents)),
                     text);
  }
  return order;
}

// --path "b=1,r=1; b=0,r=0": the true profiles of periods 1..T (period 0 is
// θ_0). A component with a single label in a period may be left out.
template <class T>
std::vector<std::size_t> path_of(const dynamic::Problem<T>& problem, const std::string& text) {
  const auto periods = split(text, ';');
  if (periods.size() != problem.horizon()) {
    throw InputError("--path",
                     fmt::format("{} profiles separated by ';' (periods 1..{})", problem.horizon(),
                                 problem.horizon()),
                     fmt::format("{}", periods.size()));
  }
  std::vector<std::size_t> truth = {problem.theta0};
  for (std::size_t t = 1; t <= problem.horizon(); ++t) {
    const IndexSpace& space = problem.states[t];
    const std::size_t n = problem.agent_count();
    std::vector<std::optional<std::size_t>> digits(n + 1);
    const std::string& profile = periods[t - 1];
    for (const auto& item : profile.empty() ? std::vector<std::string>{} : split(profile, ',')) {
      const auto eq = item.find('=');
      if (eq == std::string::npos) {
        throw InputError("--path", fmt::format("name=label items in period {}", t), item);
      }
      const std::string name = trim(std::string_view(item).substr(0, eq));
      const std::string label = trim(std::string_view(item).substr(eq + 1));
      const std::size_t k = name == "public" ? 0 : agent_of(problem, name, "--path") + 1;
      const auto digit = space.find_label(k, label);
      if (!digit) {
        std::string labels;
        for (const auto& l : space.coordinate(k).labels)
          labels += fmt::format("{}{}", labels.empty() ? "" : ", ", l);
        throw InputError(
            "--path", fmt::format("a label of {} in period {}: one of {}", name, t, labels), label);
      }
      digits[k] = *digit;
    }
    std::vector<std::size_t> cell(n + 1, 0);
    for (std::size_t k = 0; k <= n; ++k) {
      if (digits[k]) {
        cell[k] = *digits[k];
      } else if (space.radix(k) != 1) {
        throw InputError("--path",
                         fmt::format("a label for {} in period {} (it has {} labels)",
                                     k == 0 ? std::string("public") : problem.env.agents[k - 1], t,
                                     space.radix(k)),
                         profile);
      }
    }
    truth.push_back(space.encode(cell));
  }
  return truth;
}

template <class T>
struct Loaded {
  dynamic::Problem<T> problem;
  dynamic::Efficient<T> efficient;
};

template <class T>
std::unique_ptr<Loaded<T>> load_model(const DynamicArgs& args, const GlobalOptions& options) {
  const io::Document doc = load(args.file, options);
  auto env = dynamic::read_environment<T>(io::Node(doc), options.read_options());
  auto problem = dynamic::prepare(std::move(env));
  auto efficient = dynamic::solve_efficient(problem);
  return std::make_unique<Loaded<T>>(Loaded<T>{std::move(problem), std::move(efficient)});
}

template <class T>
dynamic::MechanismOptions mechanism_options(const dynamic::Problem<T>& problem,
                                            const DynamicArgs& args, const GlobalOptions& options) {
  dynamic::MechanismOptions m;
  m.order = order_of(problem, args.order);
  m.seed = options.seed;
  return m;
}

template <class T>
dynamic::AuditOptions audit_options(const dynamic::Problem<T>& problem, const DynamicArgs& args) {
  dynamic::AuditOptions a;
  a.max_states = args.max_states;
  for (const auto& c : args.coalitions)
    a.coalitions.push_back(agents_of(problem, c, "--coalition"));
  if (!args.outside.empty()) {
    a.outside_options.assign(problem.agent_count(), Rational(0));
    for (const auto& item : split(args.outside, ',')) {
      const auto eq = item.find('=');
      if (eq == std::string::npos) throw InputError("--outside", "agent=value items", item);
      const std::size_t i =
          agent_of(problem, trim(std::string_view(item).substr(0, eq)), "--outside");
      const std::string value = trim(std::string_view(item).substr(eq + 1));
      try {
        a.outside_options[i] = parse_rational(value);
      } catch (const InputError& e) {
        throw InputError("--outside", e.expected(), value);
      }
    }
  }
  return a;
}

// A mechanism the model admits, or InputError naming why not.
template <class T>
void require_applicable(const dynamic::Problem<T>& problem, dynamic::MechanismKind kind,
                        const std::string& option) {
  if (const auto why = dynamic::not_applicable(problem, kind)) {
    throw InputError(option, fmt::format("a mechanism that applies to this model ({})", *why),
                     std::string(dynamic::mechanism_name(kind)));
  }
}

template <class T>
Result solve(const DynamicArgs& args, const GlobalOptions& options) {
  const auto kind = mechanism_of(args.mechanism, "--mechanism");
  const auto m = load_model<T>(args, options);
  const auto& problem = m->problem;
  require_applicable(problem, kind, "--mechanism");
  const auto truth = args.path.empty() ? std::vector<std::size_t>{} : path_of(problem, args.path);
  const auto rule = dynamic::make_transfer_rule(problem, m->efficient, kind,
                                                mechanism_options(problem, args, options));
  const auto path = truth.empty() ? dynamic::simulate(problem, m->efficient, rule, options.seed)
                                  : dynamic::follow(problem, m->efficient, rule, truth);
  const std::string source =
      truth.empty() ? fmt::format("a truthful path simulated with seed {}", options.seed)
                    : std::string("the given truthful path");
  nlohmann::json json = {{"efficient", dynamic::efficient_json(problem, m->efficient)},
                         {"mechanism", std::string(dynamic::mechanism_name(kind))},
                         {"path_source", source},
                         {"path", dynamic::path_json(problem, path)}};
  emit(options, json,
       fmt::format("{}\nmechanism {} along {}\n{}", dynamic::efficient_text(problem, m->efficient),
                   dynamic::mechanism_name(kind), source, dynamic::path_text(problem, path)));
  return 0;
}

template <class T>
Result audit(const DynamicArgs& args, const GlobalOptions& options) {
  const auto kind = mechanism_of(args.mechanism, "--mechanism");
  const auto m = load_model<T>(args, options);
  const auto& problem = m->problem;
  require_applicable(problem, kind, "--mechanism");
  const auto audit_opts = audit_options(problem, args);
  const auto rule = dynamic::make_transfer_rule(problem, m->efficient, kind,
                                                mechanism_options(problem, args, options));
  Progress progress(options.progress_options());
  const auto report = dynamic::audit(problem, m->efficient, rule, audit_opts, &progress);
  nlohmann::json json = {{"mechanism", std::string(dynamic::mechanism_name(kind))},
                         {"audit", dynamic::audit_json(problem, report)}};
  emit(options, json,
       fmt::format("mechanism {}: report card (004 Table 1) for {}\n{}",
                   dynamic::mechanism_name(kind), args.file, dynamic::audit_text(problem, report)));
  return 0;
}

template <class T>
Result compare(const DynamicArgs& args, const GlobalOptions& options) {
  std::vector<dynamic::MechanismKind> kinds;
  if (!args.mechanisms.empty()) {
    for (const auto& name : split(args.mechanisms, ',')) {
      kinds.push_back(mechanism_of(name, "--mechanisms"));
    }
  }
  const auto m = load_model<T>(args, options);
  const auto& problem = m->problem;
  std::vector<std::string> skipped;
  if (kinds.empty()) {
    for (const auto kind : dynamic::all_mechanisms()) {
      if (const auto why = dynamic::not_applicable(problem, kind)) {
        skipped.push_back(fmt::format("{}: {}", dynamic::mechanism_name(kind), *why));
      } else {
        kinds.push_back(kind);
      }
    }
  } else {
    for (const auto kind : kinds) require_applicable(problem, kind, "--mechanisms");
  }
  const auto audit_opts = audit_options(problem, args);
  const auto mech_opts = mechanism_options(problem, args, options);
  Progress progress(options.progress_options());
  std::vector<dynamic::NamedAudit<T>> audits;
  for (const auto kind : kinds) {
    const auto rule = dynamic::make_transfer_rule(problem, m->efficient, kind, mech_opts);
    audits.push_back({std::string(dynamic::mechanism_name(kind)),
                      dynamic::audit(problem, m->efficient, rule, audit_opts, &progress)});
  }
  nlohmann::json json = dynamic::comparison_json(audits);
  json["not_applicable"] = skipped;
  std::string text = dynamic::comparison_text(audits);
  for (const auto& s : skipped) text += fmt::format("not applicable: {}\n", s);
  emit(options, json, text);
  return 0;
}

void add_model_options(CLI::App* verb, DynamicArgs& args) {
  verb->add_option("FILE", args.file, R"(dynamic model file (JSON, "model": "dynamic"))")
      ->required();
  verb->add_option("--order", args.order,
                   "GUM processing order: every agent name once, comma-separated (default: the "
                   "file's \"order\", else the listed order)");
}

void add_audit_options(CLI::App* verb, DynamicArgs& args) {
  verb->add_option("--coalition", args.coalitions,
                   "a coalition to test, agent names comma-separated (repeatable; default: every "
                   "coalition of 2 or more agents when N <= 6)");
  verb->add_option("--max-states", args.max_states,
                   "largest coalition MDP (post-report states summed over periods) to solve "
                   "(default 2*10^7)")
      ->check(integer_in(1, 1'000'000'000'000, "number of states"));
  verb->add_option("--outside", args.outside,
                   "outside options for ex ante IR, e.g. b=3,r=1/2 (default 0)");
}

template <class F>
void on_run(CLI::App* verb, const GlobalOptions& options, std::function<Result()>& action,
            const std::shared_ptr<DynamicArgs>& args, F run) {
  verb->callback([args, &options, &action, run] {
    action = [args, &options, run] { return run(*args, options); };
  });
}

const Register dynamic_family{Family{
    "dynamic",
    "finite Markov environments (004): efficient policy, guarantees, GUM / BTM / DPM / AGV / "
    "VCG transfers, exact audits with witnesses",
    [](CLI::App& cmd, const GlobalOptions& options, std::function<Result()>& action) {
      auto args = std::make_shared<DynamicArgs>();
      const auto mechanism_help = fmt::format("the mechanism: {} (default gum)", mechanism_list());
      CLI::App* s = cmd.add_subcommand(
          "solve",
          "the efficient policy, total surplus and guarantees; the chosen mechanism's transfers "
          "along a given (--path) or simulated (--seed) truthful path");
      add_model_options(s, *args);
      s->add_option("--mechanism", args->mechanism, mechanism_help);
      s->add_option("--path", args->path,
                    "true profiles of periods 1..T, e.g. \"b=1,r=1; b=0,r=0\" (single-label "
                    "components may be left out); default: a simulated path");
      on_run(s, options, action, args, [](const DynamicArgs& a, const GlobalOptions& o) {
        return o.use_double() ? solve<double>(a, o) : solve<Rational>(a, o);
      });
      CLI::App* a = cmd.add_subcommand(
          "audit",
          "the report card of one mechanism (the paper's Table 1 for this model): budget balance, "
          "Bayesian and periodic ex post IC, coalition gains, guarantees, ex ante IR, each with "
          "its witness");
      add_model_options(a, *args);
      a->add_option("--mechanism", args->mechanism, mechanism_help);
      add_audit_options(a, *args);
      on_run(a, options, action, args, [](const DynamicArgs& x, const GlobalOptions& o) {
        return o.use_double() ? audit<double>(x, o) : audit<Rational>(x, o);
      });
      CLI::App* c = cmd.add_subcommand(
          "compare",
          "the mechanisms side by side: budget, IC gains, coalition gains, worst case against "
          "the guarantee, transfer variance");
      add_model_options(c, *args);
      c->add_option("--mechanisms", args->mechanisms,
                    fmt::format("comma-separated subset of {} (default: every one that applies)",
                                mechanism_list()));
      add_audit_options(c, *args);
      on_run(c, options, action, args, [](const DynamicArgs& x, const GlobalOptions& o) {
        return o.use_double() ? compare<double>(x, o) : compare<Rational>(x, o);
      });
    }}};

}  // namespace
}  // namespace mechlab::cli
