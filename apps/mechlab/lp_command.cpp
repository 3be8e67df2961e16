// mechlab lp solve FILE [--write-lp OUT.lp]
#include <fstream>

#include "command.hpp"
#include "mechlab/core/error.hpp"
#include "mechlab/lp/io.hpp"
#include "mechlab/lp/lp_writer.hpp"
#include "mechlab/lp/report.hpp"

namespace mechlab::cli {

namespace {

template <class T>
Result solve_and_report(const lp::LinearProgram<T>& lp, const GlobalOptions& options,
                        const std::string& write_lp) {
  if (!write_lp.empty()) {
    std::ofstream out(write_lp);
    out << lp::to_cplex_lp(lp);
    if (!out) throw InputError("--write-lp", "a writable file path", write_lp);
  }
  Progress progress(options.progress_options());
  progress.start("lp solve");
  const auto result = lp::solve(lp, progress);
  emit(options, lp::to_json(lp, result), lp::to_text(lp, result));
  // "float only" is a computed answer; "not solved" is mechlab failing to compute one.
  return result.status == lp::SolveStatus::not_solved ? 1 : 0;
}

struct LpArgs {
  std::string file;
  std::string write_lp;
};

const Register lp_family{Family{
    "lp", "linear programmes: solve with Clp, certify exactly",
    [](CLI::App& cmd, const GlobalOptions& options, std::function<Result()>& action) {
      auto args = std::make_shared<LpArgs>();
      CLI::App* solve =
          cmd.add_subcommand("solve", "solve an LP model file and certify the answer");
      solve->add_option("FILE", args->file, R"(LP model file (JSON, "model": "lp"))")->required();
      solve->add_option("--write-lp", args->write_lp,
                        "also write the programme in CPLEX LP format");
      solve->callback([args, &options, &action] {
        action = [args, &options] {
          const io::Document doc = load(args->file, options);
          const auto lp = lp::read_lp(io::Node(doc), options.read_options());
          if (options.use_double())
            return solve_and_report(lp::to_double(lp), options, args->write_lp);
          return solve_and_report(lp, options, args->write_lp);
        };
      });
    }}};

}  // namespace
}  // namespace mechlab::cli
