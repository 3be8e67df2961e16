// mechlab infosize measure|certify|rewards|game FILE, mechlab infosize replica --rho R --n-max N
#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <optional>

#include "command.hpp"
#include "mechlab/core/error.hpp"
#include "mechlab/infosize/certify_report.hpp"
#include "mechlab/infosize/io.hpp"
#include "mechlab/infosize/optimal_rewards_report.hpp"
#include "mechlab/infosize/replica_report.hpp"
#include "mechlab/infosize/summary_report.hpp"
#include "mechlab/infosize/two_stage_report.hpp"

namespace mechlab::cli {

namespace {

struct InfosizeArgs {
  std::string file;
  bool steps = false;
  std::string scale;  // --scale: budget at this ε instead of ε*_PBE
  std::uint64_t node_limit = infosize::kDefaultNodeLimit;
  bool no_path_check = false;
  std::string agent;  // game: the deviating agent, its true type and stage-1 report
  std::string type;
  std::string report;
  std::string level = "pbe";
  std::string objective = "max";
  std::uint64_t show = 20;
  std::string rho;
  std::uint64_t n_min = 2;
  std::uint64_t n_max = 20;
};

template <class T>
Result measure(const InfosizeArgs& args, const GlobalOptions& options) {
  const io::Document doc = load(args.file, options);
  const auto model = infosize::read_model<T>(io::Node(doc), options.read_options());
  Progress progress(options.progress_options());
  const auto summary = infosize::summarize(model.instance, progress);
  emit(options, infosize::to_json(model.instance, summary),
       infosize::to_text(model.instance, summary, args.steps));
  return 0;
}

template <class T>
Result certify(const InfosizeArgs& args, const GlobalOptions& options) {
  std::optional<Rational> scale;
  if (!args.scale.empty()) {
    try {
      scale = parse_rational(args.scale);
    } catch (const InputError& e) {
      throw InputError("--scale", e.expected(), args.scale);
    }
    if (sgn(*scale) < 0) throw InputError("--scale", "a reward scale >= 0", args.scale);
  }
  const io::Document doc = load(args.file, options);
  const auto model = infosize::read_model<T>(io::Node(doc), options.read_options());
  Progress progress(options.progress_options());
  infosize::CertifyOptions certify_options;
  certify_options.check_path = !args.no_path_check;
  certify_options.node_limit = args.node_limit;
  auto cert = infosize::certify(model.instance, certify_options, progress);
  // A scale from the command line, else from the file, replaces ε*_PBE for the budget.
  if (scale) {
    cert.budget = infosize::budget(model.instance, to_real(NumberTraits<T>::from_rational(*scale)));
  } else if (model.scale) {
    cert.budget = infosize::budget(model.instance, to_real(*model.scale));
  }
  emit(options, infosize::to_json(model.instance, cert), infosize::to_text(model.instance, cert));
  return 0;
}

template <class T>
Result rewards(const InfosizeArgs& args, const GlobalOptions& options) {
  const io::Document doc = load(args.file, options);
  const auto model = infosize::read_model<T>(io::Node(doc), options.read_options());
  Progress progress(options.progress_options());
  infosize::CertifyOptions certify_options;
  certify_options.check_path = false;
  certify_options.node_limit = args.node_limit;
  const auto cert = infosize::certify(model.instance, certify_options, progress);
  const infosize::Level level = args.level == "one-stage"   ? infosize::Level::one_stage
                                : args.level == "pointwise" ? infosize::Level::pointwise
                                                            : infosize::Level::pbe;
  const infosize::RewardObjective objective = args.objective == "outlay"
                                                  ? infosize::RewardObjective::outlay
                                                  : infosize::RewardObjective::max_reward;
  const auto r = infosize::optimal_rewards(model.instance, cert, level, objective, progress);
  emit(options, infosize::to_json(model.instance, r),
       infosize::to_text(model.instance, r, static_cast<std::size_t>(args.show)));
  return 0;
}

std::size_t position(const std::vector<std::string>& labels, const std::string& label,
                     const std::string& option, const std::string& what) {
  const auto it = std::find(labels.begin(), labels.end(), label);
  if (it == labels.end()) {
    std::string list;
    for (const auto& l : labels) list += fmt::format("{}{}", list.empty() ? "" : ", ", l);
    throw InputError(option, fmt::format("{}: one of {}", what, list), label);
  }
  return static_cast<std::size_t>(it - labels.begin());
}

template <class T>
Result game(const InfosizeArgs& args, const GlobalOptions& options) {
  const bool any = !args.agent.empty() || !args.type.empty() || !args.report.empty();
  if (any && (args.agent.empty() || args.type.empty() || args.report.empty())) {
    throw InputError("--agent", "--agent, --type and --report together (or none of them)",
                     "only some of them");
  }
  const io::Document doc = load(args.file, options);
  const auto model = infosize::read_model<T>(io::Node(doc), options.read_options());
  const auto& in = model.instance;
  std::optional<infosize::StageOneReport<T>> deviation;
  if (any) {
    const std::size_t i = position(in.problem.env.agents, args.agent, "--agent", "an agent");
    const std::size_t t = position(in.problem.env.types[i], args.type, "--type",
                                   fmt::format("a type of agent {}", args.agent));
    const std::size_t r = position(in.signals.d.signals[i], args.report, "--report",
                                   fmt::format("a signal of agent {}", args.agent));
    deviation = infosize::stage_one_report(in, i, t, r, args.node_limit);
  }
  const auto posted = infosize::posted_posteriors(in.signals);
  emit(options, infosize::to_json(in, posted, deviation), infosize::to_text(in, posted, deviation));
  return 0;
}

Result replica(const InfosizeArgs& args, const GlobalOptions& options) {
  Rational rho;
  try {
    rho = parse_rational(args.rho);
  } catch (const InputError& e) {
    throw InputError("--rho", e.expected(), args.rho);
  }
  Progress progress(options.progress_options());
  std::vector<infosize::ReplicaPoint> points;
  try {
    points = infosize::replica_sweep(rho, args.n_min, args.n_max, progress);
  } catch (const InputError& e) {
    // The library names its parameters /rho, /n_min, /n_max; here they are options.
    std::string option = e.pointer();
    std::replace(option.begin(), option.end(), '_', '-');
    option[0] = '-';
    throw InputError("-" + option, e.expected(), e.found());
  }
  emit(options, infosize::to_json(rho, points), infosize::to_text(rho, points));
  return 0;
}

const Register infosize_family{Family{
    "infosize",
    "informational size (003): decompositions, ν and Λ, scoring-rule rewards, certified IC",
    [](CLI::App& cmd, const GlobalOptions& options, std::function<Result()>& action) {
      auto args = std::make_shared<InfosizeArgs>();
      CLI::App* m = cmd.add_subcommand(
          "measure", "validate the decomposition; ν_i, Λ_i, E‖Δρ‖ and reward power per agent");
      m->add_option("FILE", args->file,
                    R"(informational-size model file (JSON, "model": "infosize"))")
          ->required();
      m->add_flag("--steps", args->steps, "also print the g(ε) step function of every pair");
      m->callback([args, &options, &action] {
        action = [args, &options] {
          return options.use_double() ? measure<double>(*args, options)
                                      : measure<Rational>(*args, options);
        };
      });
      CLI::App* c = cmd.add_subcommand(
          "certify",
          "stage-1 incentive constraints at the one-stage, PBE and pointwise levels; minimal "
          "reward scales with their binding constraints; bounds; budget");
      c->add_option("FILE", args->file,
                    R"(informational-size model file (JSON, "model": "infosize"))")
          ->required();
      c->add_option("--scale", args->scale,
                    "reward scale for the budget metrics (default: the file's \"scale\", else "
                    "the minimal PBE scale)");
      c->add_option("--node-limit", args->node_limit,
                    "search nodes allowed per best reply at the PBE level (default 10^7)")
          ->check(integer_in(1, 1'000'000'000'000, "number of nodes"));
      c->add_flag("--no-path-check", args->no_path_check,
                  "skip the check that the two-stage equilibrium path equals the one-stage GVCG");
      c->callback([args, &options, &action] {
        action = [args, &options] {
          return options.use_double() ? certify<double>(*args, options)
                                      : certify<Rational>(*args, options);
        };
      });
      CLI::App* w = cmd.add_subcommand(
          "rewards",
          "the cheapest non-negative rewards making truth-telling optimal, by an exactly "
          "certified LP (003 spec §3.9): binding constraints with duals, or a Farkas certificate");
      w->add_option("FILE", args->file,
                    R"(informational-size model file (JSON, "model": "infosize"))")
          ->required();
      w->add_option("--level", args->level,
                    "incentive level the rewards must secure: pbe (default), pointwise, one-stage")
          ->check(CLI::IsMember({"pbe", "pointwise", "one-stage"}));
      w->add_option(
           "--objective", args->objective,
           "max (default: the largest reward paid) or outlay (expected rewards under truth)")
          ->check(CLI::IsMember({"max", "outlay"}));
      w->add_option("--show", args->show, "rows listed per table (default 20)")
          ->check(integer_in(0, 1'000'000'000, "number of rows"));
      w->add_option("--node-limit", args->node_limit,
                    "search nodes allowed per best reply at the PBE level (default 10^7)")
          ->check(integer_in(1, 1'000'000'000'000, "number of nodes"));
      w->callback([args, &options, &action] {
        action = [args, &options] {
          return options.use_double() ? rewards<double>(*args, options)
                                      : rewards<Rational>(*args, options);
        };
      });
      CLI::App* g = cmd.add_subcommand(
          "game",
          "the two-stage game Γ(D, Z): posted posteriors; with --agent/--type/--report the "
          "information sets, beliefs and exact best replies after that stage-1 report");
      g->add_option("FILE", args->file,
                    R"(informational-size model file (JSON, "model": "infosize"))")
          ->required();
      g->add_option("--agent", args->agent, "the deviating agent's name");
      g->add_option("--type", args->type, "its true type's label");
      g->add_option("--report", args->report, "its stage-1 signal report (may be the truth)");
      g->add_option("--node-limit", args->node_limit,
                    "search nodes allowed per best reply (default 10^7)")
          ->check(integer_in(1, 1'000'000'000'000, "number of nodes"));
      g->callback([args, &options, &action] {
        action = [args, &options] {
          return options.use_double() ? game<double>(*args, options)
                                      : game<Rational>(*args, options);
        };
      });
      CLI::App* r = cmd.add_subcommand(
          "replica",
          "replica economies of the Section 2 signals: ν, Λ, ‖q‖, E‖Δρ‖, ε_ref, ε_paper against n");
      r->add_option("--rho", args->rho, "signal accuracy ρ in (1/2, 1), e.g. 9/10 or 0.9")
          ->required();
      r->add_option("--n-max", args->n_max, "largest number of agents (default 20)")
          ->check(integer_in(2, infosize::kReplicaMaxAgents, "number of agents"));
      r->add_option("--n-min", args->n_min, "smallest number of agents (default 2)")
          ->check(integer_in(2, infosize::kReplicaMaxAgents, "number of agents"));
      r->callback([args, &options, &action] {
        action = [args, &options] { return replica(*args, options); };
      });
    }}};

}  // namespace
}  // namespace mechlab::cli
