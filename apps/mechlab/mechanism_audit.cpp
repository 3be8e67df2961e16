// mechlab mechanism audit FILE [--property ID ...] [--show N]
#include <fmt/format.h>

#include "mechanism_verbs.hpp"
#include "mechlab/core/error.hpp"
#include "mechlab/mechanism/audit_report.hpp"
#include "mechlab/mechanism/io.hpp"

namespace mechlab::cli {

namespace {

std::string property_list() {
  std::string s;
  for (const auto p : mechanism::kAllProperties) {
    if (!s.empty()) s += ", ";
    s += mechanism::property_id(p);
  }
  return s;
}

template <class T>
Result audit(const MechanismArgs& args, const GlobalOptions& options) {
  mechanism::AuditOptions audit_options;
  if (!args.properties.empty()) {
    audit_options.properties.clear();
    for (const auto& id : args.properties) {
      const auto p = mechanism::property_from_id(id);
      if (!p) throw InputError("--property", "one of " + property_list(), id);
      audit_options.properties.push_back(*p);
    }
  }
  const io::Document doc = load(args.file, options);
  const io::Node root(doc);
  const auto model = mechanism::read_model<T>(root, options.read_options());
  if (!model.mechanism) {
    throw InputError("/mechanism", "a \"mechanism\" object to audit", "none");
  }
  Progress progress(options.progress_options());
  const auto a = mechanism::audit(model.problem, *model.mechanism, audit_options, progress);
  emit(options, mechanism::to_json(model.problem, *model.mechanism, a),
       mechanism::to_text(model.problem, *model.mechanism, a, args.show));
  return 0;
}

}  // namespace

Result run_mechanism_audit(const MechanismArgs& args, const GlobalOptions& options) {
  return options.use_double() ? audit<double>(args, options) : audit<Rational>(args, options);
}

}  // namespace mechlab::cli
