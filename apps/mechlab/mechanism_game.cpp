// mechlab mechanism export FILE --to efg|nfg|lrs [-o OUT]
// mechlab mechanism equilibria FILE
//
// FILE is a mechanism model (JSON with a "mechanism") or, by its extension, a
// Gambit strategic-form file (.nfg): then `equilibria` lists the pure Nash
// equilibria of that game and `export` converts it (nfg, lrs).
#include <fstream>
#include <iostream>

#include "mechanism_verbs.hpp"
#include "mechlab/core/error.hpp"
#include "mechlab/mechanism/game.hpp"
#include "mechlab/mechanism/game_io.hpp"
#include "mechlab/mechanism/game_report.hpp"
#include "mechlab/mechanism/io.hpp"

namespace mechlab::cli {

namespace {

using mechanism::StrategicGame;

bool is_nfg(const std::string& path) {
  return path.size() > 4 && path.compare(path.size() - 4, 4, ".nfg") == 0;
}

StrategicGame<Rational> load_nfg(const std::string& path, const GlobalOptions& options) {
  const io::ReadOptions read = options.read_options();  // option errors name no file
  current_file() = path;
  return mechanism::read_nfg_file(path, read);
}

template <class T>
const mechanism::Mechanism<T>& require_mechanism(const mechanism::Model<T>& model) {
  if (!model.mechanism) {
    throw InputError("/mechanism", "a \"mechanism\" object (the game is the one it induces)");
  }
  return *model.mechanism;
}

void write(const std::string& text, const MechanismArgs& args) {
  if (args.output.empty()) {
    output() << text;
    output().flush();
    return;
  }
  std::ofstream out(args.output, std::ios::binary);
  out << text;
  out.close();
  if (!out) throw InputError("--output", "a writable file path", args.output);
}

template <class T>
std::string truthful_comment(const mechanism::InducedGame<T>& g) {
  std::string comment = "Ex-ante strategic form of the direct game. Truthful profile:";
  for (std::size_t i = 0; i < g.game.player_count(); ++i) {
    comment += " " + g.game.players[i] + " " + g.game.strategies[i][g.truthful[i]];
    comment += i + 1 < g.game.player_count() ? ";" : ".";
  }
  return comment;
}

template <class T>
Result export_model(const mechanism::Model<T>& model, const MechanismArgs& args,
                    const GlobalOptions& options) {
  const auto& m = require_mechanism(model);
  if (args.to == "lrs") mechanism::check_lrs_players(model.problem.agent_count());
  const std::uint64_t limit = options.read_options().memory_limit_bytes;
  Progress progress(options.progress_options());
  if (args.to == "efg") {
    write(mechanism::to_efg(model.problem, m, limit, progress), args);
    return 0;
  }
  const auto g = mechanism::induced_game(model.problem, m, limit, progress);
  write(
      args.to == "nfg" ? mechanism::to_nfg(g.game, truthful_comment(g)) : mechanism::to_lrs(g.game),
      args);
  return 0;
}

template <class T>
Result export_game(const StrategicGame<T>& game, const MechanismArgs& args) {
  if (args.to == "efg") {
    throw InputError("--to", "nfg or lrs for a strategic-form (.nfg) file", "efg");
  }
  write(args.to == "nfg" ? mechanism::to_nfg(game) : mechanism::to_lrs(game), args);
  return 0;
}

template <class T>
Result equilibria_of_model(const mechanism::Model<T>& model, const GlobalOptions& options) {
  const auto& m = require_mechanism(model);
  Progress progress(options.progress_options());
  const auto g = mechanism::induced_game(model.problem, m,
                                         options.read_options().memory_limit_bytes, progress);
  const auto result = mechanism::pure_equilibria(g.game, g.truthful_profile, progress);
  emit(options, mechanism::equilibria_json(g.game, result),
       mechanism::equilibria_text(g.game, result));
  return 0;
}

template <class T>
Result equilibria_of_game(const StrategicGame<T>& game, const GlobalOptions& options) {
  Progress progress(options.progress_options());
  const auto result = mechanism::pure_equilibria(game, std::nullopt, progress);
  emit(options, mechanism::equilibria_json(game, result), mechanism::equilibria_text(game, result));
  return 0;
}

}  // namespace

Result run_mechanism_export(const MechanismArgs& args, const GlobalOptions& options) {
  if (is_nfg(args.file)) {
    const auto game = load_nfg(args.file, options);
    if (options.use_double()) return export_game(mechanism::to_double(game), args);
    return export_game(game, args);
  }
  const io::Document doc = load(args.file, options);
  if (options.use_double()) {
    return export_model(mechanism::read_model<double>(io::Node(doc), options.read_options()), args,
                        options);
  }
  return export_model(mechanism::read_model<Rational>(io::Node(doc), options.read_options()), args,
                      options);
}

Result run_mechanism_equilibria(const MechanismArgs& args, const GlobalOptions& options) {
  if (is_nfg(args.file)) {
    const auto game = load_nfg(args.file, options);
    if (options.use_double()) return equilibria_of_game(mechanism::to_double(game), options);
    return equilibria_of_game(game, options);
  }
  const io::Document doc = load(args.file, options);
  if (options.use_double()) {
    return equilibria_of_model(mechanism::read_model<double>(io::Node(doc), options.read_options()),
                               options);
  }
  return equilibria_of_model(mechanism::read_model<Rational>(io::Node(doc), options.read_options()),
                             options);
}

}  // namespace mechlab::cli
