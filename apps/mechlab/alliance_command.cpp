// mechlab alliance solve|design|invest FILE, mechlab alliance region: cheap talk
// and coordination in alliances under policy bounds (000, docs/alliance.md).
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "command.hpp"
#include "mechlab/alliance/io.hpp"
#include "mechlab/alliance/partial.hpp"
#include "mechlab/alliance/region.hpp"
#include "mechlab/alliance/report.hpp"
#include "mechlab/core/error.hpp"

namespace mechlab::cli {

namespace {

namespace al = alliance;

struct AllianceArgs {
  std::string file;
  std::string cost;       // invest: --cost (overrides the file's "cost")
  bool all_sets = false;  // solve: classify every truthful set
  // region
  std::uint64_t players = 8;
  std::string axis = "spread";
  std::string eta_from = "1/100";
  std::string eta_to = "99/100";
  std::optional<std::uint64_t> eta_points;
  std::uint64_t points = 200;
  std::optional<std::string> spread_from;
  std::optional<std::string> spread_to;
  std::optional<std::string> mean_from;
  std::optional<std::string> mean_to;
  std::optional<std::string> spread;  // mean axis: the fixed b_d
  bool csv = false;
};

template <class T>
T number_option(const std::string& text, const std::string& option) {
  T value;
  try {
    value = NumberTraits<T>::from_rational(parse_rational(text));
  } catch (const InputError& e) {
    throw InputError(option, e.expected(), text);
  }
  check_number(value, option, false);  // --float: beyond double's range
  return value;
}

template <class T>
al::AllianceModel<T> read_file(const AllianceArgs& args, const GlobalOptions& options) {
  const io::Document doc = load(args.file, options);
  return al::read_alliance<T>(io::Node(doc), options.read_options());
}

template <class T>
Result solve(const AllianceArgs& args, const GlobalOptions& options) {
  const auto model = read_file<T>(args, options);
  Progress progress(options.progress_options());
  const auto report = al::solve_report(model, progress);
  nlohmann::json json = al::solve_json(report);
  std::string text = al::solve_text(report);
  if (model.truthful) {
    const auto& truthful = *model.truthful;
    if (std::all_of(truthful.begin(), truthful.end(), [](bool b) { return b; })) {
      json["truthful_set"] = {{"t", truthful.size()}, {"note", "T = N: full revelation, above"}};
      text += "\ntruthful set T = N: the full-revelation analysis above\n";
    } else {
      progress.check();
      const auto rendered =
          al::render_truthful_set(model, al::theorem1_policies(model.alliance, truthful),
                                  al::verify_truthful_set(model.alliance, truthful));
      json["truthful_set"] = rendered.json;
      text += fmt::format("\n{}", rendered.text);
    }
  }
  if (args.all_sets) {
    const auto rendered =
        al::render_truthful_sets(model, al::classify_truthful_sets(model.alliance, {}, &progress));
    json["truthful_sets"] = rendered.json;
    text += fmt::format("\n{}", rendered.text);
  }
  emit(options, json, text);
  return 0;
}

template <class T>
Result design(const AllianceArgs& args, const GlobalOptions& options) {
  const auto model = read_file<T>(args, options);
  Progress progress(options.progress_options());
  const auto report = al::design_report(model, progress);
  emit(options, al::design_json(report), al::design_text(report));
  return 0;
}

template <class T>
Result invest(const AllianceArgs& args, const GlobalOptions& options) {
  const auto model = read_file<T>(args, options);
  std::optional<T> cost = model.cost;
  if (!args.cost.empty()) {
    cost = number_option<T>(args.cost, "--cost");
    if (sign_of(*cost) <= 0) throw InputError("--cost", "a positive unit cost c", args.cost);
  }
  if (!cost) {
    throw InputError("--cost", R"(a unit cost c > 0: --cost C, or "cost" in the model file)",
                     "none");
  }
  Progress progress(options.progress_options());
  const auto report = al::invest_report(model, *cost, progress);
  nlohmann::json json = al::invest_json(report);
  std::string text = al::invest_text(report);
  // Section 5's policy sets are the committed capacities [0, R̄_i]: say so
  // when the file sets other boxes or a truthful set, rather than drop them silently.
  if (!al::has_paper_bounds(model.alliance) || model.truthful) {
    const std::string note =
        "the file's \"bounds\" and \"truthful\" are not used here: invest analyses full "
        "revelation with the committed policy sets [0, R̄_i]";
    json["note"] = note;
    text = fmt::format("note: {}\n{}", note, text);
  }
  emit(options, json, text);
  return 0;
}

template <class T>
Result region(const AllianceArgs& args, const GlobalOptions& options) {
  const al::RegionAxis axis = args.axis == "mean" ? al::RegionAxis::mean : al::RegionAxis::spread;
  auto o = al::default_region_options<T>(static_cast<std::size_t>(args.players), axis);
  o.eta_from = number_option<T>(args.eta_from, "--eta-from");
  o.eta_to = number_option<T>(args.eta_to, "--eta-to");
  o.points = static_cast<std::size_t>(args.points);
  o.eta_points = static_cast<std::size_t>(args.eta_points.value_or(args.points));
  // The other axis' options would be silently ignored: refuse them.
  const bool spread = axis == al::RegionAxis::spread;
  const auto& [from, to] = spread ? std::pair{args.spread_from, args.spread_to}
                                  : std::pair{args.mean_from, args.mean_to};
  const auto& [wrong_from, wrong_to] = spread ? std::pair{args.mean_from, args.mean_to}
                                              : std::pair{args.spread_from, args.spread_to};
  if (wrong_from || wrong_to) {
    throw InputError(spread ? (wrong_from ? "--mean-from" : "--mean-to")
                            : (wrong_from ? "--spread-from" : "--spread-to"),
                     fmt::format("the options of --axis {} (--{}-from, --{}-to)", args.axis,
                                 args.axis, args.axis),
                     wrong_from ? *wrong_from : *wrong_to);
  }
  if (spread && args.spread) {
    throw InputError("--spread", "--spread only with --axis mean (the fixed b_d)", *args.spread);
  }
  const std::string name = spread ? "--spread" : "--mean";
  if (from) o.from = number_option<T>(*from, name + "-from");
  if (to) o.to = number_option<T>(*to, name + "-to");
  if (args.spread) o.spread = number_option<T>(*args.spread, "--spread");
  Progress progress(options.progress_options());
  const auto grid = al::full_revelation_region(o, progress);
  if (args.csv) {
    output() << al::region_csv(grid);
    output().flush();
    return 0;
  }
  emit(options, al::region_json(grid), al::region_text(grid));
  return 0;
}

template <class F>
void on_run(CLI::App* verb, const GlobalOptions& options, std::function<Result()>& action,
            const std::shared_ptr<AllianceArgs>& args, F run) {
  verb->callback([args, &options, &action, run] {
    action = [args, &options, run] { return run(*args, options); };
  });
}

void add_file(CLI::App* verb, AllianceArgs& args) {
  verb->add_option("FILE", args.file, R"(alliance model file (JSON, "model": "alliance"))")
      ->required();
}

const Register alliance_family{Family{
    "alliance",
    "international alliances (000): cheap talk and coordination under policy bounds, Theorem 2 "
    "beside the exact truth-telling check, size and entry, commitment",
    [](CLI::App& cmd, const GlobalOptions& options, std::function<Result()>& action) {
      auto args = std::make_shared<AllianceArgs>();
      CLI::App* s = cmd.add_subcommand(
          "solve",
          "the model (c_i, types), the full-revelation policies x*(k) with binding bounds, "
          "Theorem 2's test beside the exact verdict (A5) with its certificate; for the file's "
          "truthful set T ≠ N Theorem 1's policy, the continuation with the bounds and T's "
          "verdict");
      add_file(s, *args);
      s->add_flag("--all-sets", args->all_sets,
                  fmt::format("check every truthful set T ⊆ N and list the equilibria (n <= {})",
                              al::kMaxClassifiedPlayers));
      on_run(s, options, action, args, [](const AllianceArgs& a, const GlobalOptions& o) {
        return o.use_double() ? solve<double>(a, o) : solve<Rational>(a, o);
      });
      CLI::App* d = cmd.add_subcommand(
          "design",
          "size, interdependence and entry at levels L1 (paper), L2 (Theorem 2 exactly), L3 "
          "(A5): Prop. 1's n̄, the L2 feasible sizes, Lemma 2's η̄ and the L2/L3 largest η, "
          "Lemma 1 and the L2/L3 admissible entrant biases; eq. (5) vs Theorem 2 vs exact");
      add_file(d, *args);
      on_run(d, options, action, args, [](const AllianceArgs& a, const GlobalOptions& o) {
        return o.use_double() ? design<double>(a, o) : design<Rational>(a, o);
      });
      CLI::App* v = cmd.add_subcommand(
          "invest",
          "commitment (Section 5): Prop. 2's capacities, the MB table, welfare by Prop. 3 and "
          "exactly, A5 on [0, R̄_i] and each player's exact best capacity deviation (with "
          "truthful continuation, and among the capacities A5 certifies)");
      add_file(v, *args);
      v->add_option("--cost", args->cost,
                    R"(unit cost of capacity c > 0, e.g. 1/10 (default: the file's "cost"))");
      on_run(v, options, action, args, [](const AllianceArgs& a, const GlobalOptions& o) {
        return o.use_double() ? invest<double>(a, o) : invest<Rational>(a, o);
      });
      CLI::App* r = cmd.add_subcommand(
          "region",
          "the full-revelation region on an (η, b_d) or (η, Avg b) grid: Theorem 2 and eq. (5) "
          "beside the exact verdict, with their disagreements (hawk family: n−1 players at one "
          "bias, one hawk)");
      r->add_option("--n", args->players, "number of players (default 8)")
          ->check(integer_in(2, al::kMaxRegionPlayers, "number of players"));
      r->add_option("--axis", args->axis,
                    "spread: (η, b_d), n−1 players at 0 and a hawk at b_d (default); mean: (η, "
                    "Avg b) at a fixed b_d (--spread)")
          ->check(CLI::IsMember({"spread", "mean"}));
      r->add_option("--eta-from", args->eta_from, "first η (default 1/100)");
      r->add_option("--eta-to", args->eta_to, "last η (default 99/100)");
      r->add_option("--points", args->points, "grid points on each axis (default 200)")
          ->check(integer_in(1, al::kMaxRegionPoints, "number of points"));
      r->add_option("--eta-points", args->eta_points,
                    "grid points on the η axis (default --points)")
          ->check(integer_in(1, al::kMaxRegionPoints, "number of points"));
      r->add_option("--spread-from", args->spread_from, "first b_d, spread axis (default 0)");
      r->add_option("--spread-to", args->spread_to, "last b_d, spread axis (default 1/4)");
      r->add_option("--mean-from", args->mean_from, "first Avg b, mean axis (default 0)");
      r->add_option("--mean-to", args->mean_to, "last Avg b, mean axis (default 1/4)");
      r->add_option("--spread", args->spread, "mean axis: the fixed b_d (default 1/10)");
      r->add_flag("--csv", args->csv, "every grid point as CSV on stdout (instead of the summary)");
      on_run(r, options, action, args, [](const AllianceArgs& a, const GlobalOptions& o) {
        return o.use_double() ? region<double>(a, o) : region<Rational>(a, o);
      });
    }}};

}  // namespace
}  // namespace mechlab::cli
