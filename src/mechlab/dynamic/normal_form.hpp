// A10 of 004 §3.10: normal forms, iterated elimination of weakly dominated
// strategies (IEWDS), pure equilibria and the efficiency of a profile — the
// tools behind Theorems 2–4 and the paper's small games (App. C, App. E).
//
// A normal form is the static family's StrategicGame (player 0's strategy
// varies fastest in the profile index); its pure equilibria come from
// mechanism::pure_equilibria, which reports each profile's exact regret. What
// is added here is dominance: a reduced game is the full game with a set of
// surviving strategies per player, so reductions never copy payoffs.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "mechlab/core/progress.hpp"
#include "mechlab/core/rational.hpp"
#include "mechlab/dynamic/efficient.hpp"
#include "mechlab/dynamic/model.hpp"
#include "mechlab/mechanism/game.hpp"

namespace mechlab::dynamic {

template <class T>
using NormalForm = mechanism::StrategicGame<T>;

// The surviving strategies of each player, in increasing order.
using Survivors = std::vector<std::vector<std::size_t>>;

// Every strategy of every player.
template <class T>
Survivors all_strategies(const NormalForm<T>& game);

// A normal form from a payoff function of the pure profile (one strategy per
// player): payoff(profile) returns U_i for every player i.
template <class T, class PayoffFn>
NormalForm<T> make_normal_form(std::vector<std::string> players,
                               std::vector<std::vector<std::string>> strategies, PayoffFn payoff) {
  NormalForm<T> g;
  g.players = std::move(players);
  g.strategies = std::move(strategies);
  const std::size_t n = g.player_count();
  g.payoffs.reserve(g.profile_count() * n);
  for (std::size_t p = 0; p < g.profile_count(); ++p) {
    const std::vector<T> u = payoff(g.decode(p));
    for (std::size_t i = 0; i < n; ++i) g.payoffs.push_back(u.at(i));
  }
  return g;
}

// The first s' in remaining[player] that weakly dominates s against every
// opponent profile in `remaining`: U(s', o) >= U(s, o) for all o, with > for
// at least one. None if s is undominated by pure strategies. (Mixed dominators
// are not searched.) s must be in remaining[player].
template <class T>
std::optional<std::size_t> weakly_dominated(const NormalForm<T>& game, std::size_t player,
                                            std::size_t s, const Survivors& remaining);

struct Elimination {
  std::size_t player = 0;
  std::size_t strategy = 0;
  std::size_t witness = 0;  // a strategy that weakly dominates it at that step
};

struct IewdsResult {
  Survivors survivors;                          // the terminal reduced game
  std::vector<std::vector<Elimination>> steps;  // by round (one elimination per round
                                                // in the ordered mode)
};

// (a) Maximal simultaneous removal: each round removes every strategy (of
// every player) that is weakly dominated in the current reduced game, until
// none is.
template <class T>
IewdsResult iewds_simultaneous(const NormalForm<T>& game, Progress& progress = Progress::none());

// (b) A given order: removes order[k] = (player, strategy) one at a time; each
// must be weakly dominated when its turn comes (InputError at "/order/k"
// otherwise). The result holds the reduced game after the last removal.
template <class T>
IewdsResult iewds_in_order(const NormalForm<T>& game, const std::vector<Elimination>& order);

// (c) All orders: a depth-first search over reduced games, removing one weakly
// dominated strategy at a time in every possible way, memoised on the
// survivor sets. Returns the distinct terminal games (no strategy weakly
// dominated), sorted. "Regardless of order" means the result has one element.
template <class T>
std::vector<Survivors> iewds_all_orders(const NormalForm<T>& game,
                                        Progress& progress = Progress::none());

// The reduced game as a game of its own (strategy names kept), and the map
// back: profile p of the reduced game is profile full_profiles(...)[p] of
// `game` (so full_profiles lists every profile of the reduced game).
template <class T>
NormalForm<T> reduced_game(const NormalForm<T>& game, const Survivors& survivors);
template <class T>
std::vector<std::size_t> full_profiles(const NormalForm<T>& game, const Survivors& survivors);

// Σ_i U_i(profile), and its comparison with a reference (W_0(θ_0) for an
// ex-ante normal form): loss = reference − welfare (>= 0 when the reference is
// the efficient surplus).
template <class T>
struct ProfileEfficiency {
  T welfare = T(0);
  T reference = T(0);
  T loss = T(0);
  bool efficient = false;  // loss == 0 (exactly for Rational, nearly for double)
};

template <class T>
T welfare(const NormalForm<T>& game, std::size_t profile);
template <class T>
ProfileEfficiency<T> efficiency(const NormalForm<T>& game, std::size_t profile, const T& reference);

// The ex-ante normal form of the static (T = 1) GUM on a dynamic environment
// (004 §3.7: static GUM = Safronov 2018). Agent i's pure strategy maps its
// period-1 type to a report (numbered as mechanism::strategy_report: with
// types (L, H), 0 = always L, 1 = truth, 2 = swap, 3 = always H); its payoff
// is the period-0 payoff plus E_θ1[u_1^i(θ^i, χ_1(s(θ))) + y_1^i(θ_0, s(θ))]
// with θ_1 drawn from μ_0(· | θ_0, χ_0(θ_0)). Needs T = 1 and one public label
// in period 1 (InputError at "/periods/1/types/0" otherwise, or at
// "/periods/1/types/i" when an agent has more than 4 types).
template <class T>
NormalForm<T> static_gum_normal_form(const Problem<T>& problem, const Efficient<T>& efficient);

// The profile of identity maps in static_gum_normal_form.
template <class T>
std::size_t truthful_profile(const NormalForm<T>& game);

// 004 Appendix C's games as spec §4.8 gives them (strategies Y, N; index 0 = Y).
// The 3-player variant: payoffs by the number of players choosing N — 0N:
// everyone −10; 1N: the N player −40, the Y players 0; 2N: the N players 10,
// the Y player −20; 3N: everyone −50.
template <class T>
NormalForm<T> appendix_c_three_player();
// The 4-player game after agent 1 bets, as a normal form with agent 1's single
// strategy "Bet": agent 2 guesses (g3, g4) ("YY", "YN", "NY", "NN"), agents 3
// and 4 play the prisoner's dilemma (Y,Y) = (−10,−10), (Y,N) = (10,−20),
// (N,Y) = (−20,10), (N,N) = (0,0); a correct guess gives (u1, u2) = (−2, 1),
// a wrong one (8, −9). Quitting gives everyone 0.
template <class T>
NormalForm<T> appendix_c_bet_subgame();

#define MECHLAB_NORMAL_FORM_EXTERN(T)                                                             \
  extern template Survivors all_strategies(const NormalForm<T>&);                                 \
  extern template std::optional<std::size_t> weakly_dominated(const NormalForm<T>&, std::size_t,  \
                                                              std::size_t, const Survivors&);     \
  extern template IewdsResult iewds_simultaneous(const NormalForm<T>&, Progress&);                \
  extern template IewdsResult iewds_in_order(const NormalForm<T>&,                                \
                                             const std::vector<Elimination>&);                    \
  extern template std::vector<Survivors> iewds_all_orders(const NormalForm<T>&, Progress&);       \
  extern template NormalForm<T> reduced_game(const NormalForm<T>&, const Survivors&);             \
  extern template std::vector<std::size_t> full_profiles(const NormalForm<T>&, const Survivors&); \
  extern template T welfare(const NormalForm<T>&, std::size_t);                                   \
  extern template ProfileEfficiency<T> efficiency(const NormalForm<T>&, std::size_t, const T&);   \
  extern template NormalForm<T> static_gum_normal_form(const Problem<T>&, const Efficient<T>&);   \
  extern template std::size_t truthful_profile(const NormalForm<T>&);                             \
  extern template NormalForm<T> appendix_c_three_player();                                        \
  extern template NormalForm<T> appendix_c_bet_subgame();
MECHLAB_NORMAL_FORM_EXTERN(Rational)
MECHLAB_NORMAL_FORM_EXTERN(double)
#undef MECHLAB_NORMAL_FORM_EXTERN

}  // namespace mechlab::dynamic
