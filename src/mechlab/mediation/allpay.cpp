#include "mechlab/mediation/allpay.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <utility>

#include <fmt/format.h>

#include "mechlab/core/error.hpp"
#include "mechlab/mediation/beliefs.hpp"

namespace mechlab::mediation {

namespace {

constexpr std::size_t kStrong = 0;
constexpr std::size_t kWeak = 1;

// "player 1 type K" for messages (the paper's names).
std::string who(std::size_t i, std::size_t type) {
  return fmt::format("player {} type {}", i + 1, type == kStrong ? "1" : "K");
}

template <class T>
T cost_of(std::size_t type, const T& cost_ratio) {
  return type == kStrong ? T(1) : cost_ratio;
}

// Σ_t β(t) F^t(a) over the opponent's escalating types; a type that never
// escalates is taken as bidding 0 (only off-path rows, which never enter a
// payoff, can put weight on it).
template <class T>
T winning_probability(const AllPayEquilibrium<T>& eq, std::size_t opponent,
                      const std::vector<T>& belief, const T& a) {
  T sum(0);
  for (std::size_t t = 0; t < 2; ++t) {
    const auto& f = eq.effort[opponent][t];
    sum += belief[t] * (f ? f->cdf(a) : T(1));
  }
  return sum;
}

// Builds the effort distributions top-down, one connected group of types
// that meet each other at a time. Returns the failure, empty on success.
template <class T>
std::string construct(const BeliefSystem<T>& b, const T& k, AllPayEquilibrium<T>& eq) {
  const auto& on = b.on_path;
  // meet[s][t]: player 1 type s and player 2 type t escalate against each other.
  std::array<std::array<bool, 2>, 2> meet{};
  for (std::size_t s = 0; s < 2; ++s) {
    for (std::size_t t = 0; t < 2; ++t) {
      if (!on[0][s] || !on[1][t]) continue;
      const bool one = b.beta[0][s][t] > T(0);
      const bool two = b.beta[1][t][s] > T(0);
      if (one != two) {
        return fmt::format("inconsistent beliefs: {} expects {} but not conversely",
                           one ? who(0, s) : who(1, t), one ? who(1, t) : who(0, s));
      }
      meet[s][t] = one;
    }
  }
  for (std::size_t i = 0; i < 2; ++i) {
    for (std::size_t s = 0; s < 2; ++s) {
      if (!on[i][s]) continue;
      bool any = false;
      for (std::size_t t = 0; t < 2; ++t) any = any || (i == 0 ? meet[s][t] : meet[t][s]);
      if (!any) return fmt::format("{} expects only types that never escalate", who(i, s));
    }
  }
  // Groups: with two types a side, either everything meets through type 1 of
  // player 1 or the two diagonals/anti-diagonals are separate contests.
  std::array<std::array<int, 2>, 2> group{{{-1, -1}, {-1, -1}}};
  int groups = 0;
  for (std::size_t s0 = 0; s0 < 2; ++s0) {
    if (!on[0][s0] || group[0][s0] >= 0) continue;
    std::vector<std::pair<std::size_t, std::size_t>> stack{{0, s0}};
    while (!stack.empty()) {
      const auto [i, x] = stack.back();
      stack.pop_back();
      if (group[i][x] >= 0) continue;
      group[i][x] = groups;
      for (std::size_t y = 0; y < 2; ++y) {
        if (i == 0 ? meet[x][y] : meet[y][x]) stack.emplace_back(1 - i, y);
      }
    }
    ++groups;
  }
  for (int g = 0; g < groups; ++g) {
    // Top-down: the strong type of each player bids above its weak type
    // (monotone equilibrium). On each interval type s of player 1 and type t
    // of player 2 mix; s's density keeps t indifferent (β_2(s|t) f = cost_t)
    // and vice versa; the first to run out of mass hands over to its next type.
    std::array<std::vector<std::size_t>, 2> order;
    for (std::size_t i = 0; i < 2; ++i) {
      for (std::size_t s = 0; s < 2; ++s) {
        if (on[i][s] && group[i][s] == g) order[i].push_back(s);
      }
    }
    std::array<std::array<T, 2>, 2> mass{{{T(1), T(1)}, {T(1), T(1)}}};
    std::array<std::array<std::vector<EffortPiece<T>>, 2>, 2> pieces;  // depth from the top
    std::size_t next1 = 0;
    std::size_t next2 = 0;
    T depth(0);
    while (next1 < order[0].size() && next2 < order[1].size()) {
      const std::size_t s = order[0][next1];
      const std::size_t t = order[1][next2];
      if (!meet[s][t]) {
        return fmt::format(
            "no monotone equilibrium: {} and {} would share an interval but never meet", who(0, s),
            who(1, t));
      }
      const T density_s = cost_of(t, k) / b.beta[1][t][s];
      const T density_t = cost_of(s, k) / b.beta[0][s][t];
      const T length = std::min<T>(T(mass[0][s] / density_s), T(mass[1][t] / density_t));
      pieces[0][s].push_back({depth, T(depth + length), density_s});
      pieces[1][t].push_back({depth, T(depth + length), density_t});
      mass[0][s] -= density_s * length;
      mass[1][t] -= density_t * length;
      depth += length;
      if (sign_of(T(mass[0][s])) <= 0) ++next1;
      if (sign_of(T(mass[1][t])) <= 0) ++next2;
    }
    // Depth → effort; what is left over is an atom at 0.
    for (std::size_t i = 0; i < 2; ++i) {
      for (const std::size_t s : order[i]) {
        EffortDistribution<T> f;
        f.atom = sign_of(mass[i][s]) > 0 ? mass[i][s] : T(0);
        for (auto it = pieces[i][s].rbegin(); it != pieces[i][s].rend(); ++it) {
          f.pieces.push_back({T(depth - it->high), T(depth - it->low), it->density});
        }
        eq.effort[i][s] = std::move(f);
      }
    }
  }
  return {};
}

// Every effort where some CDF kinks: the payoff a ↦ Σβ F(a) − θa is linear
// between them, so its sup is attained at one of them (0 meaning 0+).
template <class T>
std::vector<T> breakpoints(const AllPayEquilibrium<T>& eq) {
  std::vector<T> out{T(0)};
  for (const auto& player : eq.effort) {
    for (const auto& f : player) {
      if (!f) continue;
      for (const auto& piece : f->pieces) {
        out.push_back(piece.low);
        out.push_back(piece.high);
      }
    }
  }
  return out;
}

// Best responses: each escalating type is indifferent on its support and
// nothing pays more (the sup over the breakpoints); an atom at 0 needs a
// zero payoff and no atom at 0 among the types it meets.
template <class T>
std::string verify(const BeliefSystem<T>& b, const T& k, AllPayEquilibrium<T>& eq) {
  const std::vector<T> points = breakpoints(eq);
  for (std::size_t i = 0; i < 2; ++i) {
    eq.payoffs[i].assign(2, std::vector<T>(2, T(0)));
    for (std::size_t m = 0; m < 2; ++m) {
      for (std::size_t theta = 0; theta < 2; ++theta) {
        std::optional<T> best;
        for (const T& a : points) {
          const T v = winning_probability(eq, 1 - i, b.beta[i][m], a) - cost_of(theta, k) * a;
          if (!best || v > *best) best = v;
        }
        eq.payoffs[i][m][theta] = *best;
      }
    }
  }
  for (std::size_t i = 0; i < 2; ++i) {
    for (std::size_t s = 0; s < 2; ++s) {
      const auto& f = eq.effort[i][s];
      if (!f) continue;
      const T& best = eq.payoffs[i][s][s];
      for (const auto& piece : f->pieces) {
        for (const T& a : {piece.low, piece.high}) {
          const T v = winning_probability(eq, 1 - i, b.beta[i][s], a) - cost_of(s, k) * a;
          if (!nearly_equal(v, best)) {
            return fmt::format(
                "no monotone equilibrium: {} gets {} at effort {} on its support but {} elsewhere",
                who(i, s), number_text(v), number_text(a), number_text(best));
          }
        }
      }
      if (sign_of(f->atom) > 0) {
        for (std::size_t t = 0; t < 2; ++t) {
          const auto& g = eq.effort[1 - i][t];
          if (g && sign_of(g->atom) > 0 && b.beta[i][s][t] > T(0)) {
            return fmt::format("no monotone equilibrium: {} and {} both have an atom at 0",
                               who(i, s), who(1 - i, t));
          }
        }
        if (sign_of(best) != 0) {
          return fmt::format("no monotone equilibrium: {} bids 0 but could get {}", who(i, s),
                             number_text(best));
        }
      }
    }
  }
  return {};
}

template <class T>
BeliefSystem<T> type_independent(const std::vector<T>& player1, const std::vector<T>& player2) {
  BeliefSystem<T> b;
  b.beta[0].assign(2, player1);
  b.beta[1].assign(2, player2);
  b.on_path[0].assign(2, true);
  b.on_path[1].assign(2, true);
  return b;
}

}  // namespace

template <class T>
T EffortDistribution<T>::cdf(const T& a) const {
  T sum = atom;
  for (const auto& piece : pieces) {
    if (a >= piece.high) {
      sum += piece.density * (piece.high - piece.low);
    } else if (a > piece.low) {
      sum += piece.density * (a - piece.low);
    }
  }
  return sum;
}

template <class T>
T EffortDistribution<T>::top() const {
  return pieces.empty() ? T(0) : pieces.back().high;
}

template <class T>
AllPayEquilibrium<T> allpay_equilibrium(const BeliefSystem<T>& beliefs, const T& cost_ratio) {
  AllPayEquilibrium<T> eq;
  if (beliefs.types() != 2) {
    eq.failure = fmt::format("2 types (1 and K), found {}", beliefs.types());
    return eq;
  }
  eq.failure = construct(beliefs, cost_ratio, eq);
  if (eq.failure.empty()) eq.failure = verify(beliefs, cost_ratio, eq);
  eq.found = eq.failure.empty();
  return eq;
}

template <class T>
AllPayLitigationGame<T>::AllPayLitigationGame(T cost_ratio) : cost_ratio_(std::move(cost_ratio)) {
  check_number(cost_ratio_, "/game/cost", false);
  if (!(cost_ratio_ > T(1))) {
    throw InputError("/game/cost", "a cost ratio K > 1 (type K's marginal cost of evidence)",
                     number_text(cost_ratio_));
  }
}

template <class T>
std::string AllPayLitigationGame<T>::name() const {
  return fmt::format("all-pay litigation (K = {})", number_text(cost_ratio_));
}

template <class T>
PayoffTable<T> AllPayLitigationGame<T>::payoffs(const BeliefSystem<T>& beliefs) const {
  auto eq = allpay_equilibrium(beliefs, cost_ratio_);
  if (!eq.found) {
    throw GameDomainError("/game", "beliefs with a monotone all-pay equilibrium (App. C.1)",
                          eq.failure);
  }
  return std::move(eq.payoffs);
}

template <class T>
std::optional<std::vector<T>> AllPayLitigationGame<T>::veto_values(
    const std::vector<T>& prior, const std::vector<T>& rho_v) const {
  auto eq = allpay_equilibrium(type_independent(prior, rho_v), cost_ratio_);
  if (!eq.found) {
    // A degenerate ρ^V gives the veto game non-common priors, which the
    // construction (consistent beliefs) does not cover.
    throw GameDomainError("/veto_belief",
                          "a veto belief under which the veto game has a monotone "
                          "equilibrium (0 < ρ^V < 1)",
                          eq.failure);
  }
  const auto& u = eq.payoffs;
  return std::vector<T>{u[0][kStrong][kStrong], u[0][kWeak][kWeak]};
}

template <class T>
Instance<T> allpay_instance(const T& p, const T& cost_ratio, std::optional<T> rho_v) {
  Instance<T> inst;
  inst.prior = {p, T(T(1) - p)};
  auto game = std::make_shared<AllPayLitigationGame<T>>(cost_ratio);
  const T rho = rho_v ? *rho_v : p;
  inst.veto_belief = std::vector<T>{rho, T(T(1) - rho)};
  inst.veto.assign(2, T(0));
  inst.game = game;
  inst.validate();
  inst.veto = veto_from_game<T>(*game, inst.prior, *inst.veto_belief);
  return inst;
}

template <class T>
Shape<T> type_independent_shape(const T& p, const T& b1, const T& b2) {
  // β_1(1|m) = p y(1) / (p y(1) + (1 − p) y(K)) = b1 for every m when
  // g(m, t) = x(m) y(t) with y(1) : y(K) = b1 (1 − p) : (1 − b1) p.
  const T q = T(1) - p;
  const std::array<T, 2> y{b1 * q, T((T(1) - b1) * p)};
  const std::array<T, 2> x{b2 * q, T((T(1) - b2) * p)};
  Shape<T> s;
  s.name = fmt::format("independent(b1={},b2={})", number_text(b1), number_text(b2));
  s.g.assign(2, std::vector<T>(2, T(0)));
  T top(0);
  for (std::size_t a = 0; a < 2; ++a) {
    for (std::size_t t = 0; t < 2; ++t) {
      s.g[a][t] = x[a] * y[t];
      top = std::max<T>(top, s.g[a][t]);
    }
  }
  for (auto& row : s.g) {
    for (auto& v : row) v /= top;
  }
  return s;
}

template <class T>
std::array<T, 2> unconstrained_beliefs(const T& p) {
  return {T((T(1) + p) / T(2)), T((T(1) - p) / T(2))};
}

template <class T>
InteriorBranch<T> interior_branch(const T& p, const T& cost_ratio,
                                  std::optional<std::array<T, 2>> beliefs) {
  InteriorBranch<T> out;
  out.p = p;
  out.cost_ratio = cost_ratio;
  const Instance<T> inst = allpay_instance(p, cost_ratio);
  out.veto = inst.veto;
  out.beliefs = beliefs ? *beliefs : unconstrained_beliefs(p);
  out.shape = type_independent_shape(p, out.beliefs[0], out.beliefs[1]);
  out.z[0].assign(2, T(0));
  out.z[1].assign(2, T(0));
  out.gamma.assign(2, std::vector<T>(2, T(0)));
  if (!(out.veto[kStrong] > T(1) / T(2))) {
    // Prop. 1: pooling with the equal split settles every dispute (spec §5 item 2).
    out.full_settlement = true;
    for (auto& z : out.z) z.assign(2, T(1) / T(2));
    return out;
  }
  const ShapeColumn<T> col = make_column(inst, out.shape);
  const auto& g = col.induced.marginal;
  const auto& u = col.payoff;
  const T& r = col.induced.probability;
  const T q = T(1) - p;
  T slope(0);  // Σ_i [g_i(1)U_i(1;1) − (1 − p)(g_i(1)U_i(1;K) − g_i(K)U_i(K;K))]
  for (std::size_t i = 0; i < 2; ++i) {
    slope += g[i][kStrong] * u[i][kStrong][kStrong] -
             q * (g[i][kStrong] * u[i][kStrong][kWeak] - g[i][kWeak] * u[i][kWeak][kWeak]);
  }
  out.alpha = (T(2) * out.veto[kStrong] - T(1)) / (slope - r);
  out.probability = out.alpha * r;
  for (std::size_t a = 0; a < 2; ++a) {
    for (std::size_t t = 0; t < 2; ++t) {
      out.gamma[a][t] = out.alpha * out.shape.g[a][t];
      if (out.gamma[a][t] > T(1) || out.gamma[a][t] < T(0)) {
        out.violated.push_back(fmt::format("gamma({},{}) = {}", a == 0 ? "1" : "K",
                                           t == 0 ? "1" : "K", number_text(out.gamma[a][t])));
      }
    }
  }
  for (std::size_t i = 0; i < 2; ++i) {
    // PC of type 1 binds; the downward IC (K -> 1) binds.
    out.z[i][kStrong] = out.veto[kStrong] - out.alpha * g[i][kStrong] * u[i][kStrong][kStrong];
    out.z[i][kWeak] = out.z[i][kStrong] + out.alpha * (g[i][kStrong] * u[i][kStrong][kWeak] -
                                                       g[i][kWeak] * u[i][kWeak][kWeak]);
    for (std::size_t t = 0; t < 2; ++t) {
      if (sign_of(out.z[i][t]) < 0) {
        out.violated.push_back(
            fmt::format("z{}({}) = {}", i + 1, t == 0 ? "1" : "K", number_text(out.z[i][t])));
      }
    }
  }
  ReducedForm<T> rf;
  rf.weights = {out.alpha};
  rf.gamma = out.gamma;
  rf.probability = out.probability;
  rf.z = out.z;
  rf.y = escalation_values(ColumnList<T>{col}, rf.weights);
  out.slacks = incentive_slacks(inst, rf);
  for (const auto& s : out.slacks) {
    if (sign_of(s.value) < 0) out.violated.push_back(s.name);
  }
  return out;
}

template <class T>
BeliefScan<T> scan_type_independent(const T& p, const T& cost_ratio, std::size_t n) {
  BeliefScan<T> out;
  const T d(static_cast<long>(n));
  for (std::size_t i = 1; i < n; ++i) {
    for (std::size_t j = 1; j < n; ++j) {
      const std::array<T, 2> b{T(T(static_cast<long>(i)) / d), T(T(static_cast<long>(j)) / d)};
      const auto br = interior_branch<T>(p, cost_ratio, b);
      if (sign_of(br.alpha) <= 0) continue;  // the binding set cannot hold there
      if (i == j && (!out.best_symmetric || br.probability < *out.best_symmetric)) {
        out.best_symmetric = br.probability;
      }
      if (!out.best || br.probability < *out.best) {
        out.best = br.probability;
        out.argmin = {b};
      } else if (nearly_equal(br.probability, *out.best)) {
        out.argmin.push_back(b);
      }
    }
  }
  return out;
}

double interior_lower_bound(double cost_ratio) {
  const double k = cost_ratio;
  return (2 * (k - 1) - std::sqrt(k * k - 4 * k + 8)) / (2 + 3 * k);
}

template <class T>
ShapeList<T> allpay_grid_shapes(const Instance<T>& instance, std::size_t n, std::size_t* skipped) {
  const auto* game = dynamic_cast<const AllPayLitigationGame<T>*>(instance.game.get());
  if (game == nullptr)
    throw InputError("/game", "the all-pay litigation game", instance.game->name());
  if (n < 1) throw InputError("/grid", "a grid n >= 1", "0");
  ShapeList<T> out;
  std::size_t outside = 0;
  const auto steps = static_cast<long>(n);
  for (long e0 = 0; e0 <= steps; ++e0) {
    for (long e1 = 0; e1 <= steps; ++e1) {
      for (long e2 = 0; e2 <= steps; ++e2) {
        for (long e3 = 0; e3 <= steps; ++e3) {
          if (std::max({e0, e1, e2, e3}) != steps) continue;
          const T d(static_cast<long>(n));
          Shape<T> s;
          s.name = fmt::format("[[{}/{},{}/{}],[{}/{},{}/{}]]", e0, n, e1, n, e2, n, e3, n);
          s.g = {{T(e0) / d, T(e1) / d}, {T(e2) / d, T(e3) / d}};
          const auto induced = beliefs_from_rule(s.g, instance.prior);
          if (allpay_equilibrium(induced.beliefs, game->cost_ratio()).found) {
            out.push_back(std::move(s));
          } else {
            ++outside;
          }
        }
      }
    }
  }
  if (skipped != nullptr) *skipped = outside;
  return out;
}

template <class T>
SingleShapeScan<T> best_single_shape_of(const Instance<T>& instance, const ShapeList<T>& shapes) {
  SingleShapeScan<T> out;
  for (const auto& s : shapes) {
    ++out.evaluated;
    const auto d = solve_design(instance, ShapeList<T>{s});
    if (!d.mechanism) continue;
    ++out.feasible;
    if (!out.found || d.mechanism->probability < out.value) {
      out.found = true;
      out.value = d.mechanism->probability;
      out.shape = s.name;
    }
  }
  return out;
}

#define MECHLAB_ALLPAY_INSTANTIATE(T)                                                              \
  template struct EffortDistribution<T>;                                                           \
  template AllPayEquilibrium<T> allpay_equilibrium(const BeliefSystem<T>&, const T&);              \
  template class AllPayLitigationGame<T>;                                                          \
  template Instance<T> allpay_instance(const T&, const T&, std::optional<T>);                      \
  template Shape<T> type_independent_shape(const T&, const T&, const T&);                          \
  template std::array<T, 2> unconstrained_beliefs(const T&);                                       \
  template InteriorBranch<T> interior_branch(const T&, const T&, std::optional<std::array<T, 2>>); \
  template ShapeList<T> allpay_grid_shapes(const Instance<T>&, std::size_t, std::size_t*);         \
  template SingleShapeScan<T> best_single_shape_of(const Instance<T>&, const ShapeList<T>&);       \
  template BeliefScan<T> scan_type_independent(const T&, const T&, std::size_t);
MECHLAB_ALLPAY_INSTANTIATE(Rational)
MECHLAB_ALLPAY_INSTANTIATE(double)
#undef MECHLAB_ALLPAY_INSTANTIATE

}  // namespace mechlab::mediation
