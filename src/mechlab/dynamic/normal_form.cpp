#include "mechlab/dynamic/normal_form.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <string>

#include "mechlab/core/error.hpp"
#include "mechlab/dynamic/gum.hpp"

namespace mechlab::dynamic {

namespace {

// The full-game profiles of the reduced game with player i's strategy set to
// 0: adding s · stride(i) gives the profiles where i plays s.
template <class T>
std::vector<std::size_t> opponent_bases(const NormalForm<T>& game, std::size_t i,
                                        const Survivors& remaining) {
  Survivors fixed = remaining;
  fixed[i] = {0};
  return full_profiles(game, fixed);
}

// Does s2 weakly dominate s1 for player i against the opponent profiles `bases`?
template <class T>
bool dominates(const NormalForm<T>& game, std::size_t i, std::size_t s2, std::size_t s1,
               const std::vector<std::size_t>& bases) {
  const std::size_t stride = game.stride(i);
  bool strict = false;
  for (const std::size_t b : bases) {
    const int sign = sign_of(T(game.payoff(b + s2 * stride, i) - game.payoff(b + s1 * stride, i)));
    if (sign < 0) return false;
    strict = strict || sign > 0;
  }
  return strict;
}

template <class T>
std::optional<std::size_t> dominator(const NormalForm<T>& game, std::size_t i, std::size_t s,
                                     const Survivors& remaining,
                                     const std::vector<std::size_t>& bases) {
  for (const std::size_t s2 : remaining[i]) {
    if (s2 != s && dominates(game, i, s2, s, bases)) return s2;
  }
  return std::nullopt;
}

// Every (player, strategy, witness) weakly dominated in the reduced game.
template <class T>
std::vector<Elimination> dominated_strategies(const NormalForm<T>& game,
                                              const Survivors& remaining) {
  std::vector<Elimination> out;
  for (std::size_t i = 0; i < game.player_count(); ++i) {
    const auto bases = opponent_bases(game, i, remaining);
    for (const std::size_t s : remaining[i]) {
      if (const auto w = dominator(game, i, s, remaining, bases)) out.push_back({i, s, *w});
    }
  }
  return out;
}

void remove_strategy(Survivors& remaining, std::size_t player, std::size_t s) {
  auto& v = remaining[player];
  v.erase(std::remove(v.begin(), v.end(), s), v.end());
}

template <class T>
void check_survivors(const NormalForm<T>& game, const Survivors& survivors) {
  if (survivors.size() != game.player_count()) {
    throw InternalError("normal form: survivor sets for the wrong number of players");
  }
  for (std::size_t i = 0; i < survivors.size(); ++i) {
    for (const std::size_t s : survivors[i]) {
      if (s >= game.strategy_count(i)) throw InternalError("normal form: no such strategy");
    }
  }
}

// k with k^k = count (the number of maps T_i -> T_i), if any.
std::optional<std::size_t> types_of_strategy_count(std::size_t count) {
  for (std::size_t m = 1; m <= 4; ++m) {
    std::size_t power = 1;
    for (std::size_t k = 0; k < m; ++k) power *= m;
    if (power == count) return m;
  }
  return std::nullopt;
}

}  // namespace

template <class T>
Survivors all_strategies(const NormalForm<T>& game) {
  Survivors out(game.player_count());
  for (std::size_t i = 0; i < out.size(); ++i) {
    for (std::size_t s = 0; s < game.strategy_count(i); ++s) out[i].push_back(s);
  }
  return out;
}

template <class T>
std::optional<std::size_t> weakly_dominated(const NormalForm<T>& game, std::size_t player,
                                            std::size_t s, const Survivors& remaining) {
  check_survivors(game, remaining);
  if (player >= game.player_count()) throw InternalError("weakly_dominated: no such player");
  if (std::find(remaining[player].begin(), remaining[player].end(), s) == remaining[player].end()) {
    throw InternalError("weakly_dominated: the strategy is not among the survivors");
  }
  return dominator(game, player, s, remaining, opponent_bases(game, player, remaining));
}

template <class T>
IewdsResult iewds_simultaneous(const NormalForm<T>& game, Progress& progress) {
  IewdsResult out;
  out.survivors = all_strategies(game);
  progress.start("IEWDS (simultaneous)");
  for (;;) {
    progress.check();
    auto round = dominated_strategies(game, out.survivors);
    if (round.empty()) return out;
    // Weak dominance is a strict partial order, so every player keeps an
    // undominated strategy after the whole round is removed.
    for (const auto& e : round) remove_strategy(out.survivors, e.player, e.strategy);
    out.steps.push_back(std::move(round));
    progress.advance();
  }
}

template <class T>
IewdsResult iewds_in_order(const NormalForm<T>& game, const std::vector<Elimination>& order) {
  IewdsResult out;
  out.survivors = all_strategies(game);
  for (std::size_t k = 0; k < order.size(); ++k) {
    const std::size_t i = order[k].player;
    const std::size_t s = order[k].strategy;
    const std::string where = fmt::format("/order/{}", k);
    if (i >= game.player_count()) {
      throw InputError(where, fmt::format("a player below {}", game.player_count()),
                       std::to_string(i));
    }
    const auto& mine = out.survivors[i];
    if (std::find(mine.begin(), mine.end(), s) == mine.end()) {
      throw InputError(where, "a surviving strategy of the player", std::to_string(s));
    }
    const auto w = weakly_dominated(game, i, s, out.survivors);
    if (!w) {
      throw InputError(
          where, "a weakly dominated strategy",
          fmt::format("{} of player {} is undominated", game.strategies[i][s], game.players[i]));
    }
    remove_strategy(out.survivors, i, s);
    out.steps.push_back({Elimination{i, s, *w}});
  }
  return out;
}

template <class T>
std::vector<Survivors> iewds_all_orders(const NormalForm<T>& game, Progress& progress) {
  std::set<Survivors> visited;
  std::set<Survivors> terminal;
  std::vector<Survivors> stack = {all_strategies(game)};
  progress.start("IEWDS (all orders)");
  while (!stack.empty()) {
    Survivors current = std::move(stack.back());
    stack.pop_back();
    if (!visited.insert(current).second) continue;
    progress.advance();
    const auto candidates = dominated_strategies(game, current);
    if (candidates.empty()) {
      terminal.insert(current);
      continue;
    }
    for (const auto& e : candidates) {
      Survivors next = current;
      remove_strategy(next, e.player, e.strategy);
      if (visited.count(next) == 0) stack.push_back(std::move(next));
    }
  }
  return {terminal.begin(), terminal.end()};
}

template <class T>
std::vector<std::size_t> full_profiles(const NormalForm<T>& game, const Survivors& survivors) {
  check_survivors(game, survivors);
  const std::size_t n = game.player_count();
  std::vector<std::size_t> out;
  for (const auto& s : survivors) {
    if (s.empty()) return out;
  }
  // An odometer over positions in the survivor lists, player 0 fastest.
  std::vector<std::size_t> digit(n, 0);
  for (;;) {
    std::size_t profile = 0;
    for (std::size_t i = 0; i < n; ++i) profile += survivors[i][digit[i]] * game.stride(i);
    out.push_back(profile);
    std::size_t i = 0;
    while (i < n && ++digit[i] == survivors[i].size()) digit[i++] = 0;
    if (i == n) return out;
  }
}

template <class T>
NormalForm<T> reduced_game(const NormalForm<T>& game, const Survivors& survivors) {
  NormalForm<T> out;
  out.title = game.title;
  out.players = game.players;
  out.strategies.resize(game.player_count());
  for (std::size_t i = 0; i < game.player_count(); ++i) {
    for (const std::size_t s : survivors[i]) out.strategies[i].push_back(game.strategies[i][s]);
  }
  for (const std::size_t p : full_profiles(game, survivors)) {
    for (std::size_t i = 0; i < game.player_count(); ++i) out.payoffs.push_back(game.payoff(p, i));
  }
  return out;
}

template <class T>
T welfare(const NormalForm<T>& game, std::size_t profile) {
  T w(0);
  for (std::size_t i = 0; i < game.player_count(); ++i) w += game.payoff(profile, i);
  return w;
}

template <class T>
ProfileEfficiency<T> efficiency(const NormalForm<T>& game, std::size_t profile,
                                const T& reference) {
  ProfileEfficiency<T> out;
  out.welfare = welfare(game, profile);
  out.reference = reference;
  out.loss = reference - out.welfare;
  out.efficient = nearly_equal(out.welfare, reference);
  return out;
}

template <class T>
NormalForm<T> static_gum_normal_form(const Problem<T>& problem, const Efficient<T>& efficient) {
  if (problem.horizon() != 1) {
    throw InputError("/periods", "two periods (T = 1) for a static normal form",
                     fmt::format("T = {}", problem.horizon()));
  }
  if (problem.type_count(1, 0) != 1) {
    throw InputError("/periods/1/types/0", "a single public label in period 1",
                     fmt::format("{} labels", problem.type_count(1, 0)));
  }
  const std::size_t n = problem.agent_count();
  std::vector<std::vector<std::string>> strategies(n);
  std::vector<std::size_t> types(n);
  for (std::size_t i = 0; i < n; ++i) {
    types[i] = problem.type_count(1, i + 1);
    const auto count = mechanism::strategy_count(types[i]);
    if (types[i] > 4 || !count) {
      throw InputError(fmt::format("/periods/1/types/{}", i + 1), "at most 4 types",
                       fmt::format("{} types", types[i]));
    }
    for (std::size_t k = 0; k < *count; ++k) {
      strategies[i].push_back(mechanism::strategy_name(problem.env.periods[1].types[i + 1], k));
    }
  }
  // Period 0 is common knowledge: its payoffs are constants, and θ_1 is drawn
  // from μ_0(· | θ_0, χ_0(θ_0)).
  const std::size_t x0 = efficient.chi[0][problem.theta0];
  const auto theta0 = problem.states[0].decode(problem.theta0);
  std::vector<T> base(n);
  for (std::size_t i = 0; i < n; ++i) base[i] = problem.payoff(0, i, theta0[i + 1], x0);
  const IndexSpace& s1 = problem.states[1];
  std::vector<T> prob(s1.size(), T(1));
  for (std::size_t c = 0; c < s1.size(); ++c) {
    for (std::size_t k = 0; k <= n; ++k) {
      prob[c] *= problem.kernel_row(0, k, theta0[0], theta0[k], x0)[s1.digit(c, k)];
    }
  }
  // Transfers depend on the reported profile only: compute them once.
  std::vector<std::vector<T>> y(s1.size());
  for (std::size_t c = 0; c < s1.size(); ++c) {
    y[c] = gum_transfer(problem, efficient, 1, problem.theta0, c).y;
  }
  return make_normal_form<T>(
      problem.env.agents, std::move(strategies), [&](const std::vector<std::size_t>& profile) {
        std::vector<T> u = base;
        for (std::size_t c = 0; c < s1.size(); ++c) {
          if (sign_of(prob[c]) == 0) continue;
          auto report = s1.decode(c);
          for (std::size_t i = 0; i < n; ++i) {
            report[i + 1] = mechanism::strategy_report(profile[i], report[i + 1], types[i]);
          }
          const std::size_t r = s1.encode(report);
          const std::size_t x = efficient.chi[1][r];
          for (std::size_t i = 0; i < n; ++i) {
            u[i] += prob[c] * (problem.payoff(1, i, s1.digit(c, i + 1), x) + y[r][i]);
          }
        }
        return u;
      });
}

template <class T>
std::size_t truthful_profile(const NormalForm<T>& game) {
  std::vector<std::size_t> identity(game.player_count());
  for (std::size_t i = 0; i < game.player_count(); ++i) {
    const auto m = types_of_strategy_count(game.strategy_count(i));
    if (!m) throw InternalError("truthful_profile: not a game of maps from types to reports");
    // Digit j (first type most significant) is the report at type j.
    for (std::size_t j = 0; j < *m; ++j) identity[i] = identity[i] * *m + j;
  }
  return game.encode(identity);
}

template <class T>
NormalForm<T> appendix_c_three_player() {
  return make_normal_form<T>(
      {"1", "2", "3"}, {{"Y", "N"}, {"Y", "N"}, {"Y", "N"}}, [](const std::vector<std::size_t>& s) {
        const std::size_t no = static_cast<std::size_t>(std::count(s.begin(), s.end(), 1U));
        // (payoff of an N player, payoff of a Y player) by the number of N.
        static const long kN[] = {0, -40, 10, -50};
        static const long kY[] = {-10, 0, -20, 0};
        std::vector<T> u;
        for (const std::size_t si : s) u.push_back(T(si == 1 ? kN[no] : kY[no]));
        return u;
      });
}

template <class T>
NormalForm<T> appendix_c_bet_subgame() {
  return make_normal_form<T>(
      {"1", "2", "3", "4"}, {{"Bet"}, {"YY", "YN", "NY", "NN"}, {"Y", "N"}, {"Y", "N"}},
      [](const std::vector<std::size_t>& s) {
        // Prisoner's dilemma payoffs of 3 and 4, by (s3, s4).
        static const long kPd[2][2][2] = {{{-10, -10}, {10, -20}}, {{-20, 10}, {0, 0}}};
        const bool correct = s[1] == s[2] * 2 + s[3];  // guess (g3, g4) at 2·g3 + g4
        return std::vector<T>{T(correct ? -2 : 8), T(correct ? 1 : -9), T(kPd[s[2]][s[3]][0]),
                              T(kPd[s[2]][s[3]][1])};
      });
}

#define MECHLAB_NORMAL_FORM(T)                                                                \
  template Survivors all_strategies(const NormalForm<T>&);                                    \
  template std::optional<std::size_t> weakly_dominated(const NormalForm<T>&, std::size_t,     \
                                                       std::size_t, const Survivors&);        \
  template IewdsResult iewds_simultaneous(const NormalForm<T>&, Progress&);                   \
  template IewdsResult iewds_in_order(const NormalForm<T>&, const std::vector<Elimination>&); \
  template std::vector<Survivors> iewds_all_orders(const NormalForm<T>&, Progress&);          \
  template NormalForm<T> reduced_game(const NormalForm<T>&, const Survivors&);                \
  template std::vector<std::size_t> full_profiles(const NormalForm<T>&, const Survivors&);    \
  template T welfare(const NormalForm<T>&, std::size_t);                                      \
  template ProfileEfficiency<T> efficiency(const NormalForm<T>&, std::size_t, const T&);      \
  template NormalForm<T> static_gum_normal_form(const Problem<T>&, const Efficient<T>&);      \
  template std::size_t truthful_profile(const NormalForm<T>&);                                \
  template NormalForm<T> appendix_c_three_player();                                           \
  template NormalForm<T> appendix_c_bet_subgame();
MECHLAB_NORMAL_FORM(Rational)
MECHLAB_NORMAL_FORM(double)
#undef MECHLAB_NORMAL_FORM

}  // namespace mechlab::dynamic
