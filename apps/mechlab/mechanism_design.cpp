// mechlab mechanism design FILE: automated mechanism design by LP.
#include "mechanism_verbs.hpp"
#include "mechlab/mechanism/design.hpp"

namespace mechlab::cli {

namespace {

template <class T>
Result design_and_report(const io::Node& root, const MechanismArgs& args,
                         const GlobalOptions& options) {
  const auto model = mechanism::read_design_model<T>(root, options.read_options());
  Progress progress(options.progress_options());
  progress.start("mechanism design");
  const auto d = mechanism::build_design_lp(model.problem, model.spec, progress);
  const auto result = mechanism::solve_design(model.problem, d, model.spec, progress);
  emit(options, mechanism::to_json(model.problem, model.spec, d, result),
       mechanism::to_text(model.problem, model.spec, d, result, args.show));
  // Optimal, infeasible and unbounded are computed answers; "not solved" is not.
  return result.lp.status == lp::SolveStatus::not_solved ? 1 : 0;
}

}  // namespace

Result run_mechanism_design(const MechanismArgs& args, const GlobalOptions& options) {
  const io::Document doc = load(args.file, options);
  const io::Node root(doc);
  if (options.use_double()) return design_and_report<double>(root, args, options);
  return design_and_report<Rational>(root, args, options);
}

}  // namespace mechlab::cli
