// mechlab mediation solve|beliefs|topdown FILE: conflict mediation with an
// escalation game (001, docs/mediation.md): the optimal escalation rule with
// its Lagrangian, belief-system consistency, Prop. 6's top-down algorithm.
#include <fmt/format.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "command.hpp"
#include "mechlab/core/error.hpp"
#include "mechlab/mediation/io.hpp"
#include "mechlab/mediation/report.hpp"

namespace mechlab::cli {

namespace {

namespace md = mediation;

struct MediationArgs {
  std::string file;
  bool no_signals = false;
  std::uint64_t grid = 24;
  std::uint64_t max_rounds = 30;
  std::string master = "auto";
  bool symmetric_pricing = false;
};

template <class T>
md::MediationModel<T> read_file(const MediationArgs& args, const GlobalOptions& options) {
  const io::Document doc = load(args.file, options);
  return md::read_mediation<T>(io::Node(doc), options.read_options());
}

template <class T>
Result solve(const MediationArgs& args, const GlobalOptions& options) {
  const auto model = read_file<T>(args, options);
  md::SolveOptions o;
  o.no_signals = args.no_signals;
  o.column_generation.grid = static_cast<std::size_t>(args.grid);
  o.column_generation.max_rounds = static_cast<std::size_t>(args.max_rounds);
  o.column_generation.master = args.master == "ex-post" ? md::MasterMode::ex_post
                               : args.master == "paper" ? md::MasterMode::paper
                                                        : md::MasterMode::automatic;
  o.column_generation.symmetric_pricing = args.symmetric_pricing;
  Progress progress(options.progress_options());
  progress.start("pricing shapes (column generation)");
  o.column_generation.progress = &progress;
  const auto rendered = md::render_solve(model, md::solve_report(model, o));
  emit(options, rendered.json, rendered.text);
  return 0;
}

template <class T>
Result beliefs(const MediationArgs& args, const GlobalOptions& options) {
  const auto model = read_file<T>(args, options);
  const auto rendered = md::render_beliefs(model, md::beliefs_report(model));
  emit(options, rendered.json, rendered.text);
  return 0;
}

template <class T>
Result topdown(const MediationArgs& args, const GlobalOptions& options) {
  const auto model = read_file<T>(args, options);
  const auto rendered =
      md::render_topdown(model, md::verify_top_down(model.instance, md::TopDownPolicy::flag));
  emit(options, rendered.json, rendered.text);
  return 0;
}

template <class F>
void on_run(CLI::App* verb, const GlobalOptions& options, std::function<Result()>& action,
            const std::shared_ptr<MediationArgs>& args, F run) {
  verb->callback([args, &options, &action, run] {
    action = [args, &options, run] { return run(*args, options); };
  });
}

void add_file(CLI::App* verb, MediationArgs& args) {
  verb->add_option("FILE", args.file, R"(mediation model file (JSON, "model": "mediation"))")
      ->required();
}

const Register mediation_family{Family{
    "mediation",
    "conflict mediation (001): the escalation rule minimising Pr(escalation) under IC/PC, its "
    "multipliers and Lagrangian, belief-system consistency, Prop. 6's top-down algorithm",
    [](CLI::App& cmd, const GlobalOptions& options, std::function<Result()>& action) {
      auto args = std::make_shared<MediationArgs>();
      CLI::App* s = cmd.add_subcommand(
          "solve",
          "the optimal mechanism: escalation rule γ, settlement values and shares, public "
          "signals, Pr(escalation) exact, the multipliers (δ, λ, ν, η, µ, ζ) with L̂ and C, the "
          "binding partition (Corollary 1), degeneracy and the assumption report; lottery games "
          "by the exact LP (and top-down when monotone), other games by column generation");
      add_file(s, *args);
      s->add_flag("--no-signals", args->no_signals,
                  "belief-dependent games: no public signals, the best single shape (Prop. 3)");
      s->add_option("--grid", args->grid,
                    "pricing grid: shape entries are multiples of 1/n (default 24)")
          ->check(integer_in(1, 64, "grid size"));
      s->add_option("--max-rounds", args->max_rounds, "pricing rounds at most (default 30)")
          ->check(integer_in(1, 1000, "number of rounds"));
      s->add_option("--master", args->master,
                    "column-generation master: auto (paper-mode LP priced by L̂ for K <= 6, "
                    "ex-post LP priced by its row duals above), ex-post, paper")
          ->check(CLI::IsMember({"auto", "ex-post", "paper"}));
      s->add_flag("--symmetric-pricing", args->symmetric_pricing,
                  "column generation: price each shape g with its mirror g^T as one pair");
      on_run(s, options, action, args, [](const MediationArgs& a, const GlobalOptions& o) {
        return o.use_double() ? solve<double>(a, o) : solve<Rational>(a, o);
      });
      CLI::App* b = cmd.add_subcommand(
          "beliefs",
          "the file's escalation rule (\"rule\"): its beliefs and Pr(escalation) (A1), the "
          "(1,1)- and Bayes consistency residuals (A2) and the worst rule (A3, S.29)");
      add_file(b, *args);
      on_run(b, options, action, args, [](const MediationArgs& a, const GlobalOptions& o) {
        return o.use_double() ? beliefs<double>(a, o) : beliefs<Rational>(a, o);
      });
      CLI::App* t = cmd.add_subcommand(
          "topdown",
          "Prop. 6's top-down algorithm for lottery games: virtual values, the escalation order "
          "and γ, verified against the exact LP (non-monotone lotteries are run and flagged)");
      add_file(t, *args);
      on_run(t, options, action, args, [](const MediationArgs& a, const GlobalOptions& o) {
        return o.use_double() ? topdown<double>(a, o) : topdown<Rational>(a, o);
      });
    }}};

}  // namespace
}  // namespace mechlab::cli
