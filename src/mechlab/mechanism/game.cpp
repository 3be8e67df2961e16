#include "mechlab/mechanism/game.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "mechlab/core/error.hpp"

namespace mechlab::mechanism {

namespace {

// Bytes one stored number takes, for memory estimates: an mpq_t (32 bytes) and
// its two one-limb allocations with malloc overhead.
template <class T>
constexpr double bytes_per_number() {
  return NumberTraits<T>::exact ? 96.0 : 8.0;
}

// Profiles between two progress checks.
constexpr std::size_t kBlock = 256;

}  // namespace

template <class T>
std::size_t StrategicGame<T>::profile_count() const {
  std::size_t s = 1;
  for (const auto& labels : strategies) s *= labels.size();
  return s;
}

template <class T>
std::size_t StrategicGame<T>::stride(std::size_t i) const {
  std::size_t s = 1;
  for (std::size_t j = 0; j < i; ++j) s *= strategies[j].size();
  return s;
}

template <class T>
std::size_t StrategicGame<T>::encode(std::span<const std::size_t> strategy) const {
  if (strategy.size() != player_count()) {
    throw InternalError("StrategicGame::encode: one strategy per player expected");
  }
  std::size_t profile = 0;
  std::size_t s = 1;
  for (std::size_t i = 0; i < strategy.size(); ++i) {
    if (strategy[i] >= strategy_count(i)) throw InternalError("StrategicGame::encode: bad index");
    profile += strategy[i] * s;
    s *= strategy_count(i);
  }
  return profile;
}

template <class T>
std::vector<std::size_t> StrategicGame<T>::decode(std::size_t profile) const {
  std::vector<std::size_t> out(player_count());
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i] = profile % strategy_count(i);
    profile /= strategy_count(i);
  }
  return out;
}

StrategicGame<double> to_double(const StrategicGame<Rational>& game) {
  StrategicGame<double> out;
  out.title = game.title;
  out.players = game.players;
  out.strategies = game.strategies;
  out.payoffs.reserve(game.payoffs.size());
  for (const Rational& x : game.payoffs) out.payoffs.push_back(mechlab::to_double(x));
  return out;
}

std::size_t strategy_report(std::size_t strategy, std::size_t type, std::size_t types) {
  for (std::size_t j = type + 1; j < types; ++j) strategy /= types;
  return strategy % types;
}

std::string strategy_name(const std::vector<std::string>& type_labels, std::size_t strategy) {
  std::string name;
  for (std::size_t j = 0; j < type_labels.size(); ++j) {
    if (j > 0) name += ",";
    name += type_labels[j] + "->" + type_labels[strategy_report(strategy, j, type_labels.size())];
  }
  return name;
}

std::optional<std::size_t> strategy_count(std::size_t types) {
  std::size_t count = 1;
  for (std::size_t j = 0; j < types; ++j) {
    if (count > SIZE_MAX / types) return std::nullopt;
    count *= types;
  }
  return count;
}

template <class T>
InducedGame<T> induced_game(const Problem<T>& problem, const Mechanism<T>& mechanism,
                            std::uint64_t memory_limit_bytes, Progress& progress) {
  check_mechanism(problem, mechanism);
  const std::size_t n = problem.agent_count();
  const std::size_t type_profiles = problem.profile_count();

  // Size check before anything is allocated: the payoff table (profiles × n)
  // and the realized payoffs (reports × truths × n).
  std::size_t profiles = 1;
  bool overflow = false;
  double profiles_estimate = 1;
  std::string shape;
  std::vector<std::size_t> counts(n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t m = problem.type_count(i);
    const auto c = strategy_count(m);
    profiles_estimate *= std::pow(static_cast<double>(m), static_cast<double>(m));
    if (!c || profiles > SIZE_MAX / *c) {
      overflow = true;
    } else {
      profiles *= *c;
      counts[i] = *c;
    }
    shape += fmt::format("{}{}^{}", i > 0 ? " × " : "", m, m);
  }
  // The payoff table, the realized payoffs and the strategy labels.
  const auto tp = static_cast<double>(type_profiles);
  double bytes = (profiles_estimate + tp * tp) * static_cast<double>(n) * bytes_per_number<T>();
  for (std::size_t i = 0; i < n; ++i) {
    const auto m = static_cast<double>(problem.type_count(i));
    std::size_t longest = 0;
    for (const auto& label : problem.env.types[i]) longest = std::max(longest, label.size());
    bytes += std::pow(m, m) * (48 + m * (2 * static_cast<double>(longest) + 3));
  }
  if (overflow || bytes > static_cast<double>(memory_limit_bytes)) {
    throw InputError("/agents",
                     fmt::format("an induced game whose payoff table fits the memory limit of {} "
                                 "(--memory-limit)",
                                 io::format_bytes(static_cast<double>(memory_limit_bytes))),
                     fmt::format("{} = {} strategy profiles, needing about {}", shape,
                                 overflow ? fmt::format("{:.3g}", profiles_estimate)
                                          : fmt::format("{}", profiles),
                                 io::format_bytes(bytes)));
  }

  InducedGame<T> out;
  StrategicGame<T>& game = out.game;
  game.title = fmt::format("Bayesian game induced by mechanism \"{}\"", mechanism.name);
  game.players = problem.env.agents;
  game.strategies.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const auto& labels = problem.env.types[i];
    game.strategies[i].reserve(counts[i]);
    for (std::size_t k = 0; k < counts[i]; ++k) {
      game.strategies[i].push_back(strategy_name(labels, k));
    }
    // The identity map: digit j equals j.
    std::size_t identity = 0;
    for (std::size_t j = 0; j < labels.size(); ++j) identity = identity * labels.size() + j;
    out.truthful.push_back(identity);
  }
  out.truthful_profile = game.encode(out.truthful);

  progress.start("induced game", profiles);
  // The type profiles that carry weight, their digits, and
  // weighted[i][r·|T| + t] = P_T(t) · payoff_i(report r, truth t).
  std::vector<std::size_t> support;
  for (std::size_t t = 0; t < type_profiles; ++t) {
    if (sign_of(problem.p_profile[t]) != 0) support.push_back(t);
  }
  std::vector<std::vector<T>> weighted(n, std::vector<T>(type_profiles * type_profiles, T(0)));
  for (std::size_t r = 0; r < type_profiles; ++r) {
    for (const std::size_t t : support) {
      for (std::size_t i = 0; i < n; ++i) {
        weighted[i][r * type_profiles + t] =
            problem.p_profile[t] * payoff(problem, mechanism, i, r, t);
      }
    }
    progress.check();
  }
  // shift[i][k·|T_i| + j]: what agent i's strategy k at type j adds to the
  // row-major index of the reported profile.
  std::vector<std::vector<std::size_t>> shift(n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t m = problem.type_count(i);
    std::size_t place = 1;
    for (std::size_t j = i + 1; j < n; ++j) place *= problem.type_count(j);
    shift[i].resize(counts[i] * m);
    for (std::size_t k = 0; k < counts[i]; ++k) {
      for (std::size_t j = 0; j < m; ++j) shift[i][k * m + j] = strategy_report(k, j, m) * place;
    }
  }
  std::vector<std::vector<std::size_t>> digits;
  digits.reserve(support.size());
  for (const std::size_t t : support) digits.push_back(problem.profiles.decode(t));

  game.payoffs.assign(profiles * n, T(0));
  std::vector<std::size_t> s(n, 0);
  for (std::size_t p = 0; p < profiles; ++p) {
    for (std::size_t k = 0; k < support.size(); ++k) {
      std::size_t r = 0;
      for (std::size_t i = 0; i < n; ++i) {
        r += shift[i][s[i] * problem.type_count(i) + digits[k][i]];
      }
      const std::size_t cell = r * type_profiles + support[k];
      for (std::size_t i = 0; i < n; ++i) game.payoffs[p * n + i] += weighted[i][cell];
    }
    // Next profile, player 0 fastest.
    for (std::size_t i = 0; i < n; ++i) {
      if (++s[i] < counts[i]) break;
      s[i] = 0;
    }
    if ((p + 1) % kBlock == 0) progress.advance(kBlock);
  }
  progress.advance(profiles % kBlock);
  return out;
}

template <class T>
ProfileCheck<T> check_profile(const StrategicGame<T>& game, std::size_t profile) {
  const std::size_t n = game.player_count();
  ProfileCheck<T> c;
  c.profile = profile;
  c.strategies = game.decode(profile);
  c.regret.assign(n, T(0));
  c.best_response.assign(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t stride = game.stride(i);
    const std::size_t own = c.strategies[i];
    const std::size_t base = profile - own * stride;
    const T& u = game.payoff(profile, i);
    c.payoffs.push_back(u);
    const T* best = &u;
    std::size_t br = own;
    for (std::size_t k = 0; k < game.strategy_count(i); ++k) {
      if (k == own) continue;
      const T& v = game.payoff(base + k * stride, i);
      if (v > *best) {
        best = &v;
        br = k;
      }
      const T loss = u - v;
      if (!c.strictness || loss < *c.strictness) c.strictness = loss;
    }
    c.regret[i] = *best - u;
    c.best_response[i] = br;
    if (c.regret[i] > c.max_regret) c.max_regret = c.regret[i];
  }
  c.equilibrium = sign_of(c.max_regret) == 0;
  return c;
}

template <class T>
PureEquilibria<T> pure_equilibria(const StrategicGame<T>& game,
                                  std::optional<std::size_t> truthful_profile, Progress& progress) {
  const std::size_t n = game.player_count();
  const std::size_t profiles = game.profile_count();
  if (game.payoffs.size() != profiles * n) {
    throw InternalError("pure_equilibria: payoff table of the wrong size");
  }
  PureEquilibria<T> out;
  out.profiles = profiles;
  progress.start("pure equilibria", static_cast<std::uint64_t>(profiles) * n);
  // A profile survives while no player has a profitable deviation: for each
  // player, scan each line of its own strategies (the others' fixed) once.
  std::vector<char> candidate(profiles, 1);
  std::uint64_t done = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t stride = game.stride(i);
    const std::size_t m = game.strategy_count(i);
    for (std::size_t high = 0; high < profiles; high += stride * m) {
      for (std::size_t low = 0; low < stride; ++low) {
        const std::size_t base = high + low;
        const T* best = &game.payoff(base, i);
        for (std::size_t k = 1; k < m; ++k) {
          const T& v = game.payoff(base + k * stride, i);
          if (v > *best) best = &v;
        }
        for (std::size_t k = 0; k < m; ++k) {
          const std::size_t p = base + k * stride;
          if (candidate[p] != 0 && sign_of(T(*best - game.payoff(p, i))) > 0) candidate[p] = 0;
        }
        done += m;
        if (done >= kBlock) {
          progress.advance(done);
          done = 0;
        }
      }
    }
  }
  progress.advance(done);
  for (std::size_t p = 0; p < profiles; ++p) {
    if (candidate[p] == 0) continue;
    ProfileCheck<T> c = check_profile(game, p);
    if (!c.equilibrium) throw InternalError("pure_equilibria: a candidate has positive regret");
    out.equilibria.push_back(std::move(c));
    if (out.equilibria.size() % kBlock == 0) progress.check();
  }
  if (truthful_profile) {
    if (*truthful_profile >= profiles) throw InternalError("pure_equilibria: bad truthful profile");
    out.truthful = check_profile(game, *truthful_profile);
  }
  return out;
}

#define MECHLAB_GAME(T)                                                                           \
  template struct StrategicGame<T>;                                                               \
  template InducedGame<T> induced_game(const Problem<T>&, const Mechanism<T>&, std::uint64_t,     \
                                       Progress&);                                                \
  template ProfileCheck<T> check_profile(const StrategicGame<T>&, std::size_t);                   \
  template PureEquilibria<T> pure_equilibria(const StrategicGame<T>&, std::optional<std::size_t>, \
                                             Progress&);
MECHLAB_GAME(Rational)
MECHLAB_GAME(double)
#undef MECHLAB_GAME

}  // namespace mechlab::mechanism
