// Writing the induced game for other solvers, and reading strategic games back.
//
//   to_efg  Gambit extensive form (EFG 2 R): a chance move draws the type
//           profile with its exact probability, then each agent moves at one
//           information set per (agent, type), so nobody observes the others'
//           types or moves; terminal payoffs are the realized payoffs.
//   to_nfg  Gambit strategic form, payoff version (NFG 1 R), one profile per
//           line, player 1's strategy varying fastest.
//   to_lrs  lrsnash input for two players: "m n", then A and B row by row.
//
// Numbers are exact: "p/q" for Rational. For double, Gambit files get the
// shortest round-trip decimal and lrsnash the exact rational value of the
// double (lrsnash 7.1 reads "0.5" as 0, so it must never see decimals).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "mechlab/io/json.hpp"
#include "mechlab/mechanism/game.hpp"

namespace mechlab::mechanism {

// Refuses (InputError at /agents) a tree whose text would not fit in
// `memory_limit_bytes`: it has |T|² terminal nodes.
template <class T>
std::string to_efg(const Problem<T>& problem, const Mechanism<T>& mechanism,
                   std::uint64_t memory_limit_bytes = io::kDefaultMemoryLimit,
                   Progress& progress = Progress::none());

template <class T>
std::string to_nfg(const StrategicGame<T>& game, const std::string& comment = "");

// InputError at "--to" unless the game has exactly two players.
template <class T>
std::string to_lrs(const StrategicGame<T>& game);
void check_lrs_players(std::size_t players);

// Reads a Gambit .nfg file: payoff version ("{ 3 2 }" counts or named
// strategies, then the payoffs) or outcome version (a list of outcomes, then
// one outcome number per profile, 0 = all payoffs 0). Numbers may be integers,
// decimals or "p/q". Every error is an InputError at "line L" naming the token
// found and what was expected; the declared size is checked against
// options.memory_limit_bytes before the payoff table is allocated.
StrategicGame<Rational> read_nfg(std::string_view text, const io::ReadOptions& options = {});

// read_nfg on a file, whose size is checked against the memory limit first.
StrategicGame<Rational> read_nfg_file(const std::string& path, const io::ReadOptions& options = {});

#define MECHLAB_GAME_IO_EXTERN(T)                                                           \
  extern template std::string to_efg(const Problem<T>&, const Mechanism<T>&, std::uint64_t, \
                                     Progress&);                                            \
  extern template std::string to_nfg(const StrategicGame<T>&, const std::string&);          \
  extern template std::string to_lrs(const StrategicGame<T>&);
MECHLAB_GAME_IO_EXTERN(Rational)
MECHLAB_GAME_IO_EXTERN(double)
#undef MECHLAB_GAME_IO_EXTERN

}  // namespace mechlab::mechanism
