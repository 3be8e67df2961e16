// mechlab infosize measure|certify FILE, mechlab infosize replica --rho R --n-max N
#include <fmt/format.h>

#include <memory>

#include "command.hpp"
#include "mechlab/core/error.hpp"
#include "mechlab/infosize/io.hpp"
#include "mechlab/infosize/summary_report.hpp"

namespace mechlab::cli {

namespace {

struct InfosizeArgs {
  std::string file;
  bool steps = false;
};

template <class T>
Result measure(const InfosizeArgs& args, const GlobalOptions& options) {
  const io::Document doc = load(args.file, options);
  const auto model = infosize::read_model<T>(io::Node(doc), options.read_options());
  const auto summary = infosize::summarize(model.instance);
  emit(options, infosize::to_json(model.instance, summary),
       infosize::to_text(model.instance, summary, args.steps));
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
    }}};

}  // namespace
}  // namespace mechlab::cli
