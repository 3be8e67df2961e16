#include "mechlab/mechanism/game_report.hpp"

#include <fmt/format.h>

#include "mechlab/io/output.hpp"

namespace mechlab::mechanism {

using io::number_json;
using io::number_text;

namespace {

template <class T>
bool is_truthful(const PureEquilibria<T>& result, const ProfileCheck<T>& c) {
  return result.truthful && result.truthful->profile == c.profile;
}

template <class T>
nlohmann::json check_json(const StrategicGame<T>& game, const PureEquilibria<T>& result,
                          const ProfileCheck<T>& c) {
  nlohmann::json j;
  j["profile_index"] = c.profile;
  auto& players = j["players"] = nlohmann::json::array();
  for (std::size_t i = 0; i < game.player_count(); ++i) {
    players.push_back({{"player", game.players[i]},
                       {"strategy", game.strategies[i][c.strategies[i]]},
                       {"payoff", number_json(c.payoffs[i])},
                       {"regret", number_json(c.regret[i])},
                       {"best_response", game.strategies[i][c.best_response[i]]}});
  }
  j["equilibrium"] = c.equilibrium;
  j["max_regret"] = number_json(c.max_regret);
  j["strictness"] = c.strictness ? number_json(*c.strictness) : nlohmann::json(nullptr);
  j["strict"] = c.equilibrium && c.strictness && sign_of(*c.strictness) > 0;
  if (result.truthful) j["truthful"] = is_truthful(result, c);
  return j;
}

template <class T>
std::string kind(const ProfileCheck<T>& c) {
  if (!c.strictness) return "(no deviation)";
  return sign_of(*c.strictness) > 0 ? "strict" : "weak";
}

}  // namespace

template <class T>
nlohmann::json equilibria_json(const StrategicGame<T>& game, const PureEquilibria<T>& result) {
  nlohmann::json j;
  j["game"] = game.title;
  j["number_type"] = NumberTraits<T>::name;
  auto& players = j["players"] = nlohmann::json::array();
  for (std::size_t i = 0; i < game.player_count(); ++i) {
    players.push_back({{"name", game.players[i]}, {"strategies", game.strategy_count(i)}});
  }
  j["profiles"] = result.profiles;
  j["equilibrium_count"] = result.equilibria.size();
  auto& eq = j["equilibria"] = nlohmann::json::array();
  for (const auto& c : result.equilibria) eq.push_back(check_json(game, result, c));
  if (result.truthful) j["truthful_profile"] = check_json(game, result, *result.truthful);
  return j;
}

template <class T>
std::string equilibria_text(const StrategicGame<T>& game, const PureEquilibria<T>& result) {
  const std::size_t n = game.player_count();
  std::string out = "game: " + game.title + "\n";
  std::string shape;
  for (std::size_t i = 0; i < n; ++i) {
    shape += fmt::format("{}{} ({})", i > 0 ? " × " : "", game.strategy_count(i), game.players[i]);
  }
  out += fmt::format("strategies: {} = {} pure profiles\n", shape, result.profiles);
  out += fmt::format("pure Nash equilibria: {}\n", result.equilibria.size());
  if (!result.equilibria.empty()) {
    std::vector<std::string> header{"#"};
    for (const auto& p : game.players) header.push_back(p);
    for (const auto& p : game.players) header.push_back(fmt::format("U({})", p));
    header.insert(header.end(), {"max regret", "strictness", "kind"});
    if (result.truthful) header.emplace_back("truthful");
    io::Table table(header);
    std::size_t k = 0;
    for (const auto& c : result.equilibria) {
      std::vector<std::string> row{fmt::format("{}", ++k)};
      for (std::size_t i = 0; i < n; ++i) row.push_back(game.strategies[i][c.strategies[i]]);
      for (std::size_t i = 0; i < n; ++i) row.push_back(number_text(c.payoffs[i]));
      row.push_back(number_text(c.max_regret));
      row.push_back(c.strictness ? number_text(*c.strictness) : "-");
      row.push_back(kind(c));
      if (result.truthful) row.emplace_back(is_truthful(result, c) ? "yes" : "");
      table.add(std::move(row));
    }
    out += '\n';
    out += table.render();
  }
  if (result.truthful) {
    const auto& c = *result.truthful;
    out += "\ntruthful profile: ";
    if (c.equilibrium) {
      out += fmt::format("a {} equilibrium", kind(c));
      if (c.strictness) out += fmt::format(" (strictness {})", number_text(*c.strictness));
      out += "\n";
    } else {
      out += fmt::format("not an equilibrium (max regret {})\n", number_text(c.max_regret));
      for (std::size_t i = 0; i < n; ++i) {
        if (sign_of(c.regret[i]) > 0) {
          out += fmt::format("  {} gains {} by {}\n", game.players[i], number_text(c.regret[i]),
                             game.strategies[i][c.best_response[i]]);
        }
      }
    }
  }
  return out;
}

template nlohmann::json equilibria_json(const StrategicGame<Rational>&,
                                        const PureEquilibria<Rational>&);
template nlohmann::json equilibria_json(const StrategicGame<double>&,
                                        const PureEquilibria<double>&);
template std::string equilibria_text(const StrategicGame<Rational>&,
                                     const PureEquilibria<Rational>&);
template std::string equilibria_text(const StrategicGame<double>&, const PureEquilibria<double>&);

}  // namespace mechlab::mechanism
