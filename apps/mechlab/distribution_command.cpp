// mechlab distribution check|marginal|conditional|sample FILE
#include <fmt/format.h>

#include <algorithm>

#include "command.hpp"
#include "mechlab/core/error.hpp"
#include "mechlab/io/distribution_io.hpp"
#include "mechlab/io/output.hpp"

namespace mechlab::cli {

namespace {

struct DistArgs {
  std::string file;
  std::vector<std::string> on;     // marginal coordinates
  std::vector<std::string> given;  // "name=label"
  std::uint64_t draws = 10;
};

std::size_t coordinate_of(const IndexSpace& space, const std::string& name, const char* option) {
  const auto k = space.find(name);
  if (!k) throw InputError(option, "the name of a coordinate of the model", name);
  return *k;
}

template <class T>
Result show(const Distribution<T>& d, const std::string& title, const std::string& extra,
            const GlobalOptions& options) {
  nlohmann::json j{{"title", title}, {"number_type", NumberTraits<T>::name}};
  auto& cells = j["cells"] = nlohmann::json::array();
  io::Table table({"cell", "probability"});
  for (std::size_t c = 0; c < d.space().size(); ++c) {
    cells.push_back({{"cell", d.space().cell_name(c)}, {"probability", io::number_json(d[c])}});
    table.add({d.space().cell_name(c), io::number_text(d[c])});
  }
  const auto gap = d.first_unsupported_cell();
  j["full_support"] = !gap.has_value();
  if (gap) j["first_zero_cell"] = d.space().cell_name(*gap);
  std::string text = title + "\n" + table.render();
  text += gap ? fmt::format("support: not full, first zero cell {}\n", d.space().cell_name(*gap))
              : "support: full\n";
  emit(options, j, text + extra);
  return 0;
}

template <class T>
Result run_verb(const std::string& verb, const DistArgs& a, const GlobalOptions& options) {
  const io::Document doc = load(a.file, options);
  const Distribution<T> d = io::read_distribution<T>(io::Node(doc), options.read_options());
  if (verb == "check") return show(d, fmt::format("{} cells", d.space().size()), "", options);
  if (verb == "marginal") {
    std::vector<std::size_t> coords;
    for (const auto& n : a.on) {
      const std::size_t k = coordinate_of(d.space(), n, "--on");
      if (std::find(coords.begin(), coords.end(), k) != coords.end()) {
        throw InputError("--on", "each coordinate at most once", n);
      }
      coords.push_back(k);
    }
    return show(d.marginal(coords), "marginal", "", options);
  }
  if (verb == "conditional") {
    std::vector<Fixing> event;
    for (const auto& g : a.given) {
      const auto eq = g.find('=');
      if (eq == std::string::npos) throw InputError("--given", "name=label", g);
      const std::size_t k = coordinate_of(d.space(), g.substr(0, eq), "--given");
      for (const auto& f : event) {
        if (f.first == k) throw InputError("--given", "each coordinate at most once", g);
      }
      const auto v = d.space().find_label(k, g.substr(eq + 1));
      if (!v)
        throw InputError("--given", "a label of coordinate " + g.substr(0, eq), g.substr(eq + 1));
      event.emplace_back(k, *v);
    }
    const auto c = d.conditional(event);
    if (!c) throw InputError("--given", "an event of positive probability", "probability 0");
    return show(*c, "conditional", "", options);
  }
  // sample
  Rng rng = make_rng(options.seed);
  const Sampler sampler(d);
  nlohmann::json j = nlohmann::json::array();
  std::string text;
  for (std::uint64_t i = 0; i < a.draws; ++i) {
    const std::string cell = d.space().cell_name(sampler(rng));
    j.push_back(cell);
    text += cell + "\n";
  }
  emit(options, j, text);
  return 0;
}

const Register distribution_family{Family{
    "distribution", "finite joint distributions: validate, marginals, conditionals, sampling",
    [](CLI::App& cmd, const GlobalOptions& options, std::function<Result()>& action) {
      auto args = std::make_shared<DistArgs>();
      const std::vector<std::pair<std::string, std::string>> verbs{
          {"check", "validate the distribution and report its support"},
          {"marginal", "marginal on the coordinates named by --on"},
          {"conditional", "conditional given --given name=label ..."},
          {"sample", "draw --draws cells with --seed"}};
      for (const auto& [verb, help] : verbs) {
        CLI::App* v = cmd.add_subcommand(verb, help);
        v->add_option("FILE", args->file, "distribution model file (JSON)")->required();
        if (verb == "marginal") v->add_option("--on", args->on, "coordinate names")->required();
        if (verb == "conditional") v->add_option("--given", args->given, "name=label")->required();
        if (verb == "sample") {
          v->add_option("--draws", args->draws, "number of draws (default 10)")
              ->check(integer_in(1, 100'000'000, "number of draws"));
        }
        v->callback([args, verb = verb, &options, &action] {
          action = [args, verb, &options] {
            return options.use_double() ? run_verb<double>(verb, *args, options)
                                        : run_verb<Rational>(verb, *args, options);
          };
        });
      }
    }}};

}  // namespace
}  // namespace mechlab::cli
