// mechlab mechanism design FILE: automated mechanism design by LP.
#include <fmt/format.h>

#include <fstream>

#include "mechanism_verbs.hpp"
#include "mechlab/core/error.hpp"
#include "mechlab/io/output.hpp"
#include "mechlab/lp/lp_writer.hpp"
#include "mechlab/mechanism/audit.hpp"
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
  if (!args.write_lp.empty()) {
    std::ofstream out(args.write_lp);
    out << lp::to_cplex_lp(d.lp);
    if (!out) throw InputError("--write-lp", "a writable file path", args.write_lp);
  }
  const auto result = mechanism::solve_design(model.problem, d, model.spec, progress);
  nlohmann::json json = mechanism::to_json(model.problem, model.spec, d, result);
  std::string text = mechanism::to_text(model.problem, model.spec, d, result, args.show);
  if (result.mechanism) {
    // An independent check: the audit recomputes every imposed property from
    // the mechanism alone, without the LP.
    mechanism::AuditOptions audit_options;
    audit_options.properties = mechanism::imposed_properties(model.problem, model.spec);
    audit_options.max_listed = 20;
    const auto a = mechanism::audit(model.problem, *result.mechanism, audit_options, progress);
    nlohmann::json aj = nlohmann::json::array();
    text += "\nindependent audit of the optimal mechanism:";
    if (a.properties.empty()) text += " no constraints imposed";
    for (const auto& pa : a.properties) {
      const std::string margin =
          pa.tightest ? io::number_text(pa.holds ? pa.tightest->slack : pa.largest_violation())
                      : std::string("-");
      text +=
          fmt::format("\n  {}: {} ({} {})", mechanism::property_title(pa.property),
                      pa.holds ? "holds" : "FAILS", pa.holds ? "min slack" : "violation", margin);
      aj.push_back({{"id", mechanism::property_id(pa.property)},
                    {"holds", pa.holds},
                    {"violated", pa.violated},
                    {"largest_violation", io::number_json(pa.largest_violation())}});
    }
    text += "\n";
    json["audit"] = std::move(aj);
  }
  emit(options, json, text);
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
