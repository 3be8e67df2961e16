// The Bayesian game a direct mechanism induces (003 §1.2), as a strategic game,
// and pure Nash equilibria of finite strategic games.
//
// In the direct game of a mechanism (q, x) agent i's pure strategy is a map
// s_i: T_i -> T_i (the report it makes at each of its types) and its ex-ante
// payoff is U_i(s) = Σ_t P_T(t) payoff_i(report = s(t), truth = t). A pure
// Bayes–Nash equilibrium of the direct game is a pure Nash equilibrium of this
// ex-ante strategic form (every type has positive probability, so ex-ante and
// interim best responses agree). Truth-telling is the profile of identity maps.
//
// Writers (Gambit .efg/.nfg, lrsnash input) and the .nfg reader are in
// game_io.hpp; renderers of the equilibria report in game_report.hpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "mechlab/core/progress.hpp"
#include "mechlab/core/rational.hpp"
#include "mechlab/io/json.hpp"
#include "mechlab/mechanism/model.hpp"

namespace mechlab::mechanism {

// A finite strategic game. Strategy profiles are numbered as in Gambit's .nfg
// files: player 0's strategy varies fastest, so profile = Σ_i s_i · stride(i)
// with stride(i) = Π_{j<i} |S_j|.
template <class T>
struct StrategicGame {
  std::string title;
  std::vector<std::string> players;
  std::vector<std::vector<std::string>> strategies;  // labels, by player
  std::vector<T> payoffs;                            // U_i(profile) at profile·n + i

  std::size_t player_count() const { return players.size(); }
  std::size_t strategy_count(std::size_t i) const { return strategies[i].size(); }
  std::size_t profile_count() const;
  std::size_t stride(std::size_t i) const;
  std::size_t strategy_of(std::size_t profile, std::size_t i) const {
    return profile / stride(i) % strategy_count(i);
  }
  std::size_t encode(std::span<const std::size_t> strategy) const;
  std::vector<std::size_t> decode(std::size_t profile) const;
  const T& payoff(std::size_t profile, std::size_t i) const {
    return payoffs[profile * player_count() + i];
  }
};

// The game with every payoff converted to the nearest double (for --float).
StrategicGame<double> to_double(const StrategicGame<Rational>& game);

// The strategic form of the direct game with its truthful profile.
template <class T>
struct InducedGame {
  StrategicGame<T> game;
  std::vector<std::size_t> truthful;  // agent i's identity map, by agent
  std::size_t truthful_profile = 0;
};

// Strategy k of an agent with m types reports, at its type j, the digit j of k
// in base m, the first type's digit the most significant: with types (L, H),
// k = 0, 1, 2, 3 are "L->L,H->L", "L->L,H->H", "L->H,H->L", "L->H,H->H".
std::size_t strategy_report(std::size_t strategy, std::size_t type, std::size_t types);
std::string strategy_name(const std::vector<std::string>& type_labels, std::size_t strategy);
// m^m, the number of maps T_i -> T_i (none if it does not fit in std::size_t).
std::optional<std::size_t> strategy_count(std::size_t types);

// Builds the ex-ante strategic form. Refuses, before allocating, a game whose
// payoff table would not fit in `memory_limit_bytes` (InputError at /agents).
// Checks `progress` once per block of profiles.
template <class T>
InducedGame<T> induced_game(const Problem<T>& problem, const Mechanism<T>& mechanism,
                            std::uint64_t memory_limit_bytes = io::kDefaultMemoryLimit,
                            Progress& progress = Progress::none());

// One pure profile checked against every unilateral deviation.
template <class T>
struct ProfileCheck {
  std::size_t profile = 0;
  std::vector<std::size_t> strategies;  // by player
  std::vector<T> payoffs;               // U_i(s), by player
  // max_{s_i'} U_i(s_i', s_-i) − U_i(s) >= 0, by player, and its maximum.
  std::vector<T> regret;
  T max_regret = T(0);
  // The deviation reaching player i's regret (the first best response).
  std::vector<std::size_t> best_response;
  // min over players i and s_i' ≠ s_i of U_i(s) − U_i(s_i', s_-i): > 0 for a
  // strict equilibrium, 0 for a weak one, < 0 off equilibrium. None when no
  // player has a second strategy.
  std::optional<T> strictness;
  bool equilibrium = false;  // every regret is 0 (within tolerance for double)
};

template <class T>
ProfileCheck<T> check_profile(const StrategicGame<T>& game, std::size_t profile);

template <class T>
struct PureEquilibria {
  std::vector<ProfileCheck<T>> equilibria;  // in increasing profile order
  std::optional<ProfileCheck<T>> truthful;  // for an induced game: truth-telling
  std::size_t profiles = 0;                 // profiles examined
};

// Every pure Nash equilibrium of `game` (each with its regret 0 and its
// strictness), and the check of `truthful_profile` if given.
template <class T>
PureEquilibria<T> pure_equilibria(const StrategicGame<T>& game,
                                  std::optional<std::size_t> truthful_profile = std::nullopt,
                                  Progress& progress = Progress::none());

#define MECHLAB_GAME_EXTERN(T)                                                         \
  extern template struct StrategicGame<T>;                                             \
  extern template InducedGame<T> induced_game(const Problem<T>&, const Mechanism<T>&,  \
                                              std::uint64_t, Progress&);               \
  extern template ProfileCheck<T> check_profile(const StrategicGame<T>&, std::size_t); \
  extern template PureEquilibria<T> pure_equilibria(const StrategicGame<T>&,           \
                                                    std::optional<std::size_t>, Progress&);
MECHLAB_GAME_EXTERN(Rational)
MECHLAB_GAME_EXTERN(double)
#undef MECHLAB_GAME_EXTERN

}  // namespace mechlab::mechanism
