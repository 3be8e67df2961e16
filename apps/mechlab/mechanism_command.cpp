// mechlab mechanism audit|design|export|equilibria FILE
#include <memory>

#include "mechanism_verbs.hpp"

namespace mechlab::cli {

namespace {

const Register mechanism_family{Family{
    "mechanism",
    "finite Bayesian mechanisms: audits with certificates, automated design by LP, game export",
    [](CLI::App& cmd, const GlobalOptions& options, std::function<Result()>& action) {
      auto args = std::make_shared<MechanismArgs>();
      using Verb = Result (*)(const MechanismArgs&, const GlobalOptions&);
      const std::vector<std::tuple<std::string, std::string, Verb>> verbs{
          {"audit", "check IC, IR, budget balance, feasibility and efficiency, with certificates",
           run_mechanism_audit},
          {"design", "automated mechanism design: build, solve and certify the LP",
           run_mechanism_design},
          {"export", "write the induced Bayesian game (--to efg|nfg|lrs)", run_mechanism_export},
          {"equilibria", "pure Bayes-Nash equilibria of the induced direct game, with regrets",
           run_mechanism_equilibria}};
      for (const auto& [verb, help, run] : verbs) {
        CLI::App* v = cmd.add_subcommand(verb, help);
        v->add_option("FILE", args->file, R"(mechanism model file (JSON, "model": "mechanism"))")
            ->required();
        if (verb == "audit") {
          v->add_option("--property", args->properties,
                        "audit only these properties (default: all)");
        }
        if (verb == "audit" || verb == "design") {
          v->add_option("--show", args->show,
                        "violations listed per property in the text report (default 20)")
              ->check(integer_in(0, 1'000'000'000, "number of rows"));
        }
        if (verb == "design") {
          v->add_option("--write-lp", args->write_lp,
                        "also write the design LP in CPLEX LP format (for clp, glpsol, ...)");
        }
        if (verb == "export") {
          v->add_option("--to", args->to,
                        "efg (Gambit), nfg (Gambit strategic form), lrs (lrsnash)")
              ->required()
              ->check(CLI::IsMember({"efg", "nfg", "lrs"}));
          v->add_option("-o,--output", args->output, "write to this file instead of stdout");
        }
        v->callback([args, run = run, &options, &action] {
          action = [args, run, &options] { return run(*args, options); };
        });
      }
    }}};

}  // namespace
}  // namespace mechlab::cli
