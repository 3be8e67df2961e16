#include "mechlab/mediation/model.hpp"

#include <utility>

#include <fmt/format.h>

#include "mechlab/core/error.hpp"
#include "mechlab/core/linear_system.hpp"

namespace mechlab::mediation {

namespace {

template <class T>
void check_distribution(const std::vector<T>& d, std::size_t k, const std::string& pointer,
                        bool strictly_positive) {
  if (d.size() != k) {
    throw InputError(pointer, fmt::format("{} probabilities", k), fmt::format("{}", d.size()));
  }
  T sum(0);
  for (std::size_t j = 0; j < k; ++j) {
    const std::string at = fmt::format("{}/{}", pointer, j);
    check_number(d[j], at, false);
    if (strictly_positive ? !(d[j] > T(0)) : d[j] < T(0)) {
      throw InputError(at, strictly_positive ? "a probability > 0" : "a probability >= 0",
                       number_text(d[j]));
    }
    sum += d[j];
  }
  if (!nearly_equal(sum, T(1))) {
    throw InputError(pointer, "probabilities summing to 1", number_text(T(sum)));
  }
}

}  // namespace

template <class T>
PayoffTable<T> LotteryGame<T>::payoffs(const BeliefSystem<T>& beliefs) const {
  const std::size_t k = u_.size();
  PayoffTable<T> out;
  for (std::size_t i = 0; i < 2; ++i) {
    out[i].assign(k, std::vector<T>(k, T(0)));
    for (std::size_t m = 0; m < k; ++m) {
      for (std::size_t theta = 0; theta < k; ++theta) {
        T sum(0);
        for (std::size_t other = 0; other < k; ++other) {
          sum += beliefs.beta[i][m][other] * u_[theta][other];
        }
        out[i][m][theta] = sum;
      }
    }
  }
  return out;
}

template <class T>
std::optional<std::vector<T>> LotteryGame<T>::veto_values(const std::vector<T>& prior,
                                                          const std::vector<T>& /*rho_v*/) const {
  // Behaviour in a lottery does not depend on beliefs, so ρ^V is irrelevant.
  std::vector<T> v(u_.size(), T(0));
  for (std::size_t theta = 0; theta < u_.size(); ++theta) {
    for (std::size_t other = 0; other < u_.size(); ++other) {
      v[theta] += prior[other] * u_[theta][other];
    }
  }
  return v;
}

template <class T>
LotteryGame<T> hms_lottery(std::size_t types, const T& c, const T& xi) {
  if (types < 2) throw InputError("/types", "K >= 2", fmt::format("{}", types));
  if (c < T(0)) throw InputError("/game/c", "c >= 0", number_text(c));
  if (!(xi > c)) throw InputError("/game/xi", "xi > c", number_text(xi));
  const T half = T(1) / T(2);
  Matrix<T> u(types, std::vector<T>(types));
  for (std::size_t a = 0; a < types; ++a) {
    for (std::size_t b = 0; b < types; ++b) {
      u[a][b] = a == b ? T(half - c) : (a < b ? T(half - c + xi) : T(half - c - xi));
    }
  }
  return LotteryGame<T>(std::move(u), "HMS simple lottery");
}

template <class T>
LotteryGame<T> bw_linear_lottery(std::size_t types, const T& q, const T& s) {
  if (types < 2) throw InputError("/types", "K >= 2", fmt::format("{}", types));
  if (!(q > T(0)) || q > T(1)) throw InputError("/game/q", "q in (0, 1]", number_text(q));
  if (s < T(0) || s > T(1)) throw InputError("/game/s", "s in [0, 1]", number_text(s));
  Matrix<T> u(types, std::vector<T>(types));
  const T span = T(2 * static_cast<long>(types - 1));
  for (std::size_t a = 0; a < types; ++a) {
    for (std::size_t b = 0; b < types; ++b) {
      const T diff = T(static_cast<long>(b)) - T(static_cast<long>(a));
      u[a][b] = q * (T(1) / T(2) + s * diff / span);
    }
  }
  return LotteryGame<T>(std::move(u), "Bester-Waerneryd linear lottery");
}

template <class T>
std::array<std::vector<T>, 2> LQConflictGame<T>::efforts(const BeliefSystem<T>& beliefs) const {
  // Unknowns: a_1(0..K-1), then a_2(0..K-1).
  const std::size_t k = kappa_.size();
  Matrix<T> a(2 * k, std::vector<T>(2 * k, T(0)));
  std::vector<T> b(2 * k, T(0));
  for (std::size_t i = 0; i < 2; ++i) {
    const std::size_t j = 1 - i;
    for (std::size_t theta = 0; theta < k; ++theta) {
      const std::size_t row = i * k + theta;
      const T twice_kappa = T(2) * kappa_[theta];
      a[row][row] = T(1);
      for (std::size_t other = 0; other < k; ++other) {
        a[row][j * k + other] += twice_kappa * beliefs.beta[i][theta][other];
      }
      b[row] = twice_kappa;
    }
  }
  const std::vector<T> x = solve_linear(std::move(a), std::move(b), "LQConflictGame::efforts");
  std::array<std::vector<T>, 2> out;
  out[0].assign(x.begin(), x.begin() + static_cast<std::ptrdiff_t>(k));
  out[1].assign(x.begin() + static_cast<std::ptrdiff_t>(k), x.end());
  return out;
}

template <class T>
PayoffTable<T> LQConflictGame<T>::payoffs(const BeliefSystem<T>& beliefs) const {
  const std::size_t k = kappa_.size();
  const auto a = efforts(beliefs);
  PayoffTable<T> out;
  for (std::size_t i = 0; i < 2; ++i) {
    out[i].assign(k, std::vector<T>(k, T(0)));
    for (std::size_t m = 0; m < k; ++m) {
      T expected(0);  // ā_i(m)
      for (std::size_t other = 0; other < k; ++other) {
        expected += beliefs.beta[i][m][other] * a[1 - i][other];
      }
      const T slack = T(1) - expected;
      for (std::size_t theta = 0; theta < k; ++theta) {
        out[i][m][theta] = T(1) / T(2) - expected + kappa_[theta] * slack * slack;
      }
    }
  }
  return out;
}

template <class T>
std::optional<std::vector<T>> LQConflictGame<T>::veto_values(const std::vector<T>& prior,
                                                             const std::vector<T>& rho_v) const {
  const std::size_t k = kappa_.size();
  BeliefSystem<T> b;
  b.beta[0].assign(k, prior);
  b.beta[1].assign(k, rho_v);
  b.on_path[0].assign(k, true);
  b.on_path[1].assign(k, true);
  const auto u = payoffs(b);
  std::vector<T> v(k);
  for (std::size_t theta = 0; theta < k; ++theta) v[theta] = u[0][theta][theta];
  return v;
}

template <class T>
std::vector<T> veto_from_game(const EscalationGame<T>& game, const std::vector<T>& prior,
                              const std::vector<T>& rho_v) {
  check_distribution(rho_v, game.types(), "/veto_belief", false);
  auto v = game.veto_values(prior, rho_v);
  if (!v) throw InputError("/veto", "explicit veto values (the game has no veto game)", "none");
  return *v;
}

template <class T>
void Instance<T>::validate() const {
  const std::size_t k = prior.size();
  if (k < 2) throw InputError("/prior", "at least 2 types", fmt::format("{}", k));
  check_distribution(prior, k, "/prior", true);
  if (!game) throw InputError("/game", "an escalation game", "none");
  if (game->types() != k) {
    throw InputError("/game", fmt::format("a game with {} types", k),
                     fmt::format("{} types", game->types()));
  }
  if (const Matrix<T>* u = game->lottery()) {
    for (std::size_t a = 0; a < k; ++a) {
      if ((*u)[a].size() != k) {
        throw InputError(fmt::format("/game/u/{}", a), fmt::format("{} entries", k),
                         fmt::format("{}", (*u)[a].size()));
      }
    }
    for (std::size_t a = 0; a < k; ++a) {
      for (std::size_t b = 0; b < k; ++b) {
        const std::string at = fmt::format("/game/u/{}/{}", a, b);
        check_number((*u)[a][b], at, false);
        if ((*u)[a][b] > T(1)) throw InputError(at, "u <= 1", number_text((*u)[a][b]));
        const T total = (*u)[a][b] + (*u)[b][a];
        if (total > T(1) && !nearly_equal(total, T(1))) {
          throw InputError(at, "u(a,b) + u(b,a) <= 1 (a fight is inefficient)", number_text(total));
        }
      }
    }
  }
  if (const auto* lq = dynamic_cast<const LQConflictGame<T>*>(game.get())) {
    for (std::size_t a = 0; a < k; ++a) {
      const T& kap = lq->kappa()[a];
      check_number(kap, fmt::format("/game/kappa/{}", a), false);
      if (kap < T(0) || kap > T(1) / T(4)) {
        throw InputError(fmt::format("/game/kappa/{}", a), "kappa in [0, 1/4]", number_text(kap));
      }
    }
  }
  if (veto.size() != k) {
    throw InputError("/veto", fmt::format("{} veto values", k), fmt::format("{}", veto.size()));
  }
  for (std::size_t a = 0; a < k; ++a) {
    check_number(veto[a], fmt::format("/veto/{}", a), false);
  }
  if (veto_belief) check_distribution(*veto_belief, k, "/veto_belief", false);
}

#define MECHLAB_MEDIATION_INSTANTIATE(T)                                                  \
  template class LotteryGame<T>;                                                          \
  template class LQConflictGame<T>;                                                       \
  template struct Instance<T>;                                                            \
  template LotteryGame<T> hms_lottery(std::size_t, const T&, const T&);                   \
  template LotteryGame<T> bw_linear_lottery(std::size_t, const T&, const T&);             \
  template std::vector<T> veto_from_game(const EscalationGame<T>&, const std::vector<T>&, \
                                         const std::vector<T>&);

MECHLAB_MEDIATION_INSTANTIATE(Rational)
MECHLAB_MEDIATION_INSTANTIATE(double)
#undef MECHLAB_MEDIATION_INSTANTIATE

}  // namespace mechlab::mediation
