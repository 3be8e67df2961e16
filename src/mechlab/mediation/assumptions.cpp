#include "mechlab/mediation/assumptions.hpp"

#include <algorithm>
#include <random>

#include <fmt/format.h>

#include "mechlab/core/rng.hpp"
#include "mechlab/mediation/beliefs.hpp"
#include "mechlab/mediation/lagrangian.hpp"
#include "mechlab/mediation/topdown.hpp"

namespace mechlab::mediation {

std::string to_string(CheckStatus s) {
  switch (s) {
    case CheckStatus::holds: return "holds";
    case CheckStatus::fails: return "fails";
    case CheckStatus::not_applicable: return "not applicable";
  }
  return "?";
}

template <class T>
const AssumptionCheck<T>* AssumptionReport<T>::find(const std::string& name) const {
  for (const auto& c : checks) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

namespace {

template <class T>
std::string text(const T& x) {
  return number_text(x);
}

// Every row of both players equal to `row` (the prior: the beliefs after
// full escalation, or a degenerate belief e_k for lottery detection).
template <class T>
BeliefSystem<T> constant_beliefs(const std::vector<T>& row) {
  BeliefSystem<T> b;
  const std::size_t k = row.size();
  for (auto& beta : b.beta) beta.assign(k, row);
  for (auto& on : b.on_path) on.assign(k, true);
  return b;
}

// The prior belief system and `count` random interior ones B(g), g ∈ (0, 1]^{K×K}.
template <class T>
std::vector<BeliefSystem<T>> probe_beliefs(const std::vector<T>& prior, std::size_t count,
                                           std::uint64_t seed) {
  std::vector<BeliefSystem<T>> out{constant_beliefs(prior)};
  Rng rng = make_rng(seed);
  std::uniform_int_distribution<int> num(1, 10);
  const std::size_t k = prior.size();
  for (std::size_t n = 0; n < count; ++n) {
    Matrix<T> g(k, std::vector<T>(k));
    for (auto& row : g)
      for (auto& x : row) x = T(num(rng)) / T(10);
    out.push_back(beliefs_from_rule(g, prior).beliefs);
  }
  return out;
}

template <class T>
AssumptionCheck<T> check_ost(const Instance<T>& instance) {
  AssumptionCheck<T> c{"OST", CheckStatus::holds, {}, {instance.veto[0]}};
  const T half = T(1) / T(2);
  if (instance.veto[0] > half) {
    c.evidence = fmt::format("V(1) = {} > 1/2: full settlement violates PC of type 1",
                             text(instance.veto[0]));
    return c;
  }
  c.status = CheckStatus::fails;
  c.evidence = fmt::format("V(1) = {} <= 1/2: Prop. 1 pooling x = (1/2, 1/2), Pr(G) = 0",
                           text(instance.veto[0]));
  for (std::size_t t = 1; t < instance.veto.size(); ++t) {
    if (instance.veto[t] > half) {
      c.evidence += fmt::format("; but V({}) = {} > 1/2, so pooling violates PC({})", t + 1,
                                text(instance.veto[t]), t + 1);
    }
  }
  return c;
}

template <class T>
AssumptionCheck<T> check_regularity(const Instance<T>& instance) {
  const auto& p = instance.prior;
  const auto& v = instance.veto;
  const T half = T(1) / T(2);
  const T base = p[0] * (T(2) * v[0] - T(1));
  AssumptionCheck<T> c{"regularity (i)", CheckStatus::holds, {}, {}};
  std::vector<std::string> problems;
  T worst = base;
  bool first = true;
  for (std::size_t t = 1; t < p.size(); ++t) {
    const T sum = base + p[t] * (T(2) * v[t] - T(1));
    if (first || sum > worst) worst = sum;
    first = false;
    if (v[t] >= half) problems.push_back(fmt::format("V({}) = {} >= 1/2", t + 1, text(v[t])));
    if (sign_of(sum) >= 0) {
      problems.push_back(fmt::format("set {{1,{}}}: p(1)(2V(1)-1) + p({})(2V({})-1) = {} >= 0",
                                     t + 1, t + 1, t + 1, text(sum)));
    }
  }
  c.witness = {worst};
  if (problems.empty()) {
    c.evidence = fmt::format(
        "V(θ) < 1/2 for θ >= 2 and p(1)(2V(1)-1) + max_θ>=2 p(θ)(2V(θ)-1) = {} < 0", text(worst));
  } else {
    c.status = CheckStatus::fails;
    c.evidence = fmt::format("fails: {}", fmt::join(problems, "; "));
  }
  return c;
}

template <class T>
AssumptionCheck<T> check_ybar(const Instance<T>& instance, const ReducedForm<T>* mechanism) {
  AssumptionCheck<T> c{"MDR Ybar",
                       CheckStatus::not_applicable,
                       "no reduced form given (pass the solved mechanism)",
                       {}};
  if (mechanism == nullptr) return c;
  const std::size_t k = instance.types();
  c.status = CheckStatus::holds;
  c.evidence = "Ybar_i(m;t) >= Ybar_i(m+1;t) for m+1 <= t <= K-1: local downward ICs imply all";
  for (std::size_t i = 0; i < 2; ++i) {
    const auto& y = mechanism->y[i];
    const auto ybar = [&y](std::size_t m, std::size_t t) { return T(y[m][t] - y[m][t + 1]); };
    for (std::size_t m = 0; m + 2 < k; ++m) {
      for (std::size_t t = m + 1; t + 1 < k; ++t) {
        if (sign_of(T(ybar(m, t) - ybar(m + 1, t))) < 0 && c.status == CheckStatus::holds) {
          c.status = CheckStatus::fails;
          c.witness = {ybar(m, t), ybar(m + 1, t)};
          c.evidence = fmt::format("Ybar_{}({};{}) = {} < Ybar_{}({};{}) = {}", i + 1, m + 1, t + 1,
                                   text(c.witness[0]), i + 1, m + 2, t + 1, text(c.witness[1]));
        }
      }
    }
  }
  return c;
}

template <class T>
AssumptionCheck<T> check_linearity(const Instance<T>& instance,
                                   const std::vector<BeliefSystem<T>>& probes) {
  const std::size_t k = instance.types();
  AssumptionCheck<T> c{
      "linearity in types", CheckStatus::not_applicable, "K = 2: no second differences", {}};
  if (k < 3) return c;
  T worst(0);
  std::string where = "-";
  for (std::size_t b = 0; b < probes.size(); ++b) {
    const auto u = instance.game->payoffs(probes[b]);
    for (std::size_t i = 0; i < 2; ++i)
      for (std::size_t m = 0; m < k; ++m)
        for (std::size_t t = 1; t + 1 < k; ++t) {
          const T d = abs_of(T(u[i][m][t - 1] - T(2) * u[i][m][t] + u[i][m][t + 1]));
          if (d > worst) {
            worst = d;
            where = fmt::format("U_{}({};θ) at θ = {}, probe {}", i + 1, m + 1, t + 1, b);
          }
        }
  }
  c.witness = {worst};
  c.status = sign_of(worst) == 0 ? CheckStatus::holds : CheckStatus::fails;
  c.evidence = fmt::format("max |second difference in θ| = {} over {} probe belief systems ({})",
                           text(worst), probes.size(), where);
  return c;
}

// û_i(θ, k) read off at B = e_k on every row; U is a lottery when every probe
// equals Σ_k β_i(k|m) û_i(θ, k) (affine in β_i(·|m), blind to the other rows).
template <class T>
AssumptionCheck<T> check_lottery(const Instance<T>& instance,
                                 const std::vector<BeliefSystem<T>>& probes, Matrix<T>& u_hat) {
  const std::size_t k = instance.types();
  std::array<Matrix<T>, 2> uh;
  for (auto& m : uh) m.assign(k, std::vector<T>(k, T(0)));
  T worst(0);
  std::string where = "-";
  const auto note = [&worst, &where](const T& d, std::string w) {
    if (d > worst) {
      worst = d;
      where = std::move(w);
    }
  };
  for (std::size_t j = 0; j < k; ++j) {
    std::vector<T> e(k, T(0));
    e[j] = T(1);
    const auto u = instance.game->payoffs(constant_beliefs(e));
    for (std::size_t i = 0; i < 2; ++i)
      for (std::size_t t = 0; t < k; ++t) {
        uh[i][t][j] = u[i][0][t];
        for (std::size_t m = 1; m < k; ++m)
          note(abs_of(T(u[i][m][t] - u[i][0][t])),
               fmt::format("U_{}({};{}) depends on the report at β = e_{}", i + 1, m + 1, t + 1,
                           j + 1));
      }
  }
  for (std::size_t b = 0; b < probes.size(); ++b) {
    const auto u = instance.game->payoffs(probes[b]);
    for (std::size_t i = 0; i < 2; ++i)
      for (std::size_t m = 0; m < k; ++m)
        for (std::size_t t = 0; t < k; ++t) {
          T predicted(0);
          for (std::size_t j = 0; j < k; ++j) predicted += probes[b].beta[i][m][j] * uh[i][t][j];
          note(abs_of(T(u[i][m][t] - predicted)),
               fmt::format("U_{}({};{}) on probe {}", i + 1, m + 1, t + 1, b));
        }
  }
  u_hat = uh[0];
  AssumptionCheck<T> c{
      "lottery", sign_of(worst) == 0 ? CheckStatus::holds : CheckStatus::fails, {}, {worst}};
  c.evidence = fmt::format(
      "max |U_i(m;θ,B) - Σ_k β_i(k|m) u(θ,k)| = {} over {} probes and {} degenerate beliefs ({})",
      text(worst), probes.size(), k, where);
  return c;
}

template <class T>
AssumptionCheck<T> check_symmetry(const Instance<T>& instance,
                                  const std::vector<BeliefSystem<T>>& probes) {
  const std::size_t k = instance.types();
  T worst(0);
  for (const auto& b : probes) {
    BeliefSystem<T> swapped;
    swapped.beta = {b.beta[1], b.beta[0]};
    swapped.on_path = {b.on_path[1], b.on_path[0]};
    const auto u = instance.game->payoffs(b);
    const auto us = instance.game->payoffs(swapped);
    for (std::size_t i = 0; i < 2; ++i)
      for (std::size_t m = 0; m < k; ++m)
        for (std::size_t t = 0; t < k; ++t)
          worst = std::max(worst, abs_of(T(u[i][m][t] - us[1 - i][m][t])));
  }
  AssumptionCheck<T> c{
      "symmetry (S)", sign_of(worst) == 0 ? CheckStatus::holds : CheckStatus::fails, {}, {worst}};
  c.evidence =
      fmt::format("max |U_1(m;θ,(β1,β2)) - U_2(m;θ,(β2,β1))| = {} over {} probe belief systems",
                  text(worst), probes.size());
  return c;
}

template <class T>
AssumptionCheck<T> check_assumption2(const Instance<T>& instance) {
  const std::size_t k = instance.types();
  const auto u = instance.game->payoffs(constant_beliefs(instance.prior));
  AssumptionCheck<T> c{"Assumption 2", CheckStatus::holds, {}, {}};
  std::size_t at = 0;
  for (std::size_t t = 0; t < k; ++t) {
    c.witness.push_back(u[0][t][t] - instance.veto[t]);
    if (c.witness[t] < c.witness[at]) at = t;
  }
  for (std::size_t t = 0; t < k; ++t) {
    if (sign_of(T(u[1][t][t] - instance.veto[t])) < 0 && sign_of(c.witness[at]) >= 0) at = t;
  }
  if (sign_of(c.witness[at]) < 0) c.status = CheckStatus::fails;
  c.evidence = fmt::format(
      "U_i(θ;θ,B_p) - V(θ) with every belief the prior (full escalation): min {} at θ = {}",
      text(c.witness[at]), at + 1);
  return c;
}

template <class T>
AssumptionCheck<T> check_border(const DesignResult<T>* design) {
  AssumptionCheck<T> c{"Border", CheckStatus::not_applicable, "no design given", {}};
  if (design == nullptr || !design->mechanism) return c;
  c.status = CheckStatus::holds;
  if (design->mode == DesignMode::ex_post) {
    c.evidence =
        "ex-post mode: s_i >= 0 and gamma + s_1 + s_2 <= 1 per profile, so (GI) holds by "
        "construction";
    return c;
  }
  std::vector<std::string> names;
  for (const auto& row : design->binding) {
    if (row.name.rfind("EP(", 0) == 0 && sign_of(row.value) != 0) {
      names.push_back(row.name);
      c.witness.push_back(-row.value);  // η_Q ≥ 0 in the supplement's sign
    }
  }
  c.evidence = names.empty()
                   ? std::string("paper mode: every Border row holds; none binds with eta_Q > 0")
                   : fmt::format("paper mode: every Border row holds; binding with eta_Q > 0: {}",
                                 fmt::join(names, ", "));
  return c;
}

}  // namespace

template <class T>
AssumptionCheck<T> check_mdr(const Instance<T>& instance, const std::vector<BeliefSystem<T>>& bs) {
  const std::size_t k = instance.types();
  AssumptionCheck<T> c{"MDR", CheckStatus::holds, {}, {}};
  for (std::size_t b = 0; b < bs.size() && c.status == CheckStatus::holds; ++b) {
    const auto u = instance.game->payoffs(bs[b]);
    for (std::size_t i = 0; i < 2 && c.status == CheckStatus::holds; ++i) {
      for (std::size_t m = 0; m < k && c.status == CheckStatus::holds; ++m) {
        if (!bs[b].on_path[i][m]) continue;  // off path: D never enters a constraint
        for (std::size_t t = 0; t + 1 < k; ++t) {
          const T d = ability_premium(u, i, m, t);
          if (sign_of(d) <= 0) {
            c.status = CheckStatus::fails;
            c.witness = {d};
            c.evidence = fmt::format("D_{}({};{}) = {} <= 0 on belief system {}", i + 1, m + 1,
                                     t + 1, text(d), b);
            break;
          }
        }
      }
      // D_i(m;θ)/D_i(m+1;θ) non-decreasing in θ (Lemma 1).
      for (std::size_t m = 0; m + 1 < k && c.status == CheckStatus::holds; ++m) {
        if (!bs[b].on_path[i][m] || !bs[b].on_path[i][m + 1]) continue;
        std::vector<T> ratio;
        for (std::size_t t = 0; t + 1 < k; ++t)
          ratio.push_back(ability_premium(u, i, m, t) / ability_premium(u, i, m + 1, t));
        for (std::size_t t = 0; t + 1 < ratio.size(); ++t) {
          if (sign_of(T(ratio[t + 1] - ratio[t])) < 0) {
            c.status = CheckStatus::fails;
            c.witness = ratio;
            std::vector<std::string> shown;
            for (const auto& r : ratio) shown.push_back(text(r));
            c.evidence = fmt::format(
                "D_{}({};θ)/D_{}({};θ) = {} for θ = 1..{} decreases on belief system {}", i + 1,
                m + 1, i + 1, m + 2, fmt::join(shown, ", "), k - 1, b);
            break;
          }
        }
      }
    }
  }
  if (c.status == CheckStatus::holds) {
    c.evidence = fmt::format(
        "D > 0 and D_i(m;θ)/D_i(m+1;θ) non-decreasing in θ on {} belief "
        "systems{}",
        bs.size(), k == 2 ? " (the ratio condition is void for K = 2)" : "");
  }
  return c;
}

template <class T>
AssumptionCheck<T> check_conv(const Instance<T>& instance, std::size_t steps) {
  const std::size_t k = instance.types();
  const auto& p = instance.prior;
  const auto& game = *instance.game;
  const std::vector<T> rho = instance.veto_belief.value_or(p);
  AssumptionCheck<T> c{"CONV",
                       CheckStatus::not_applicable,
                       "explicit veto values: V(θ,(p',ρ^V)) away from p is unknown",
                       {}};
  if (!game.veto_values(p, rho)) return c;
  std::vector<T> gap(k, T(0));
  std::vector<T> second(k, T(0));
  std::vector<std::string> chord(k);
  // Segments p' = s e_j + (1 − s)(p without j, renormalised), s ∈ [0, 1],
  // through p at s = p_j; K = 2 needs one (p'(1) ∈ [0, 1]).
  const std::size_t directions = k == 2 ? 1 : k;
  for (std::size_t j = 0; j < directions; ++j) {
    std::vector<T> s_grid;
    bool has_p = false;
    for (std::size_t n = 0; n <= steps; ++n) {
      const T s = T(static_cast<long>(n)) / T(static_cast<long>(steps));
      if (!has_p && s >= p[j]) {
        if (!nearly_equal(s, p[j])) s_grid.push_back(p[j]);
        has_p = true;
      }
      s_grid.push_back(s);
    }
    std::vector<std::vector<T>> values;  // values[n][θ]
    std::size_t at_p = 0;
    for (std::size_t n = 0; n < s_grid.size(); ++n) {
      const T& s = s_grid[n];
      if (nearly_equal(s, p[j])) at_p = n;
      std::vector<T> q(k);
      for (std::size_t l = 0; l < k; ++l) q[l] = l == j ? s : T(p[l] * (T(1) - s) / (T(1) - p[j]));
      values.push_back(*game.veto_values(q, rho));
    }
    for (std::size_t t = 0; t < k; ++t) {
      for (std::size_t a = 0; a <= at_p; ++a)
        for (std::size_t b = at_p; b < s_grid.size(); ++b) {
          if (a == b) continue;
          const T lambda = (s_grid[b] - s_grid[at_p]) / (s_grid[b] - s_grid[a]);
          const T line = lambda * values[a][t] + (T(1) - lambda) * values[b][t];
          const T g = values[at_p][t] - line;
          if (g > gap[t]) {
            gap[t] = g;
            chord[t] = fmt::format("chord over p'({}) in [{}, {}]", j + 1, text(s_grid[a]),
                                   text(s_grid[b]));
          }
        }
      for (std::size_t n = 1; n + 1 < s_grid.size(); ++n) {
        if (n == at_p || n + 1 == at_p || n == at_p + 1) continue;  // uneven spacing near p
        const T d = values[n - 1][t] - T(2) * values[n][t] + values[n + 1][t];
        if (d < second[t]) second[t] = d;
      }
    }
  }
  c.witness = gap;
  c.witness.insert(c.witness.end(), second.begin(), second.end());
  c.status = CheckStatus::holds;
  std::vector<std::string> parts;
  for (std::size_t t = 0; t < k; ++t) {
    if (sign_of(gap[t]) > 0) {
      c.status = CheckStatus::fails;
      parts.push_back(
          fmt::format("type {}: V({},p) exceeds its lower convex envelope by {} ({}); "
                      "min second difference {}",
                      t + 1, t + 1, text(gap[t]), chord[t], text(second[t])));
    }
  }
  if (parts.empty()) {
    c.evidence = fmt::format(
        "V(θ,(p',ρ^V)) equals its lower convex envelope at p on {} "
        "segment(s) of {} steps",
        directions, steps);
  } else {
    c.evidence = fmt::format("{} (results are optimal among full-participation mechanisms)",
                             fmt::join(parts, "; "));
  }
  return c;
}

template <class T>
AssumptionReport<T> check_assumptions(const Instance<T>& instance,
                                      const AssumptionOptions<T>& options) {
  instance.validate();
  // Probes the game has no equilibrium at (GameDomainError) say nothing about it.
  std::vector<BeliefSystem<T>> probes;
  for (auto& b : probe_beliefs(instance.prior, options.probes, options.seed)) {
    try {
      (void)instance.game->payoffs(b);
      probes.push_back(std::move(b));
    } catch (const GameDomainError&) {
    }
  }
  AssumptionReport<T> r;
  // A check whose own belief systems (degenerate e_k, CONV's segments, the
  // prior) leave the game's domain cannot be decided: reported, not thrown.
  const auto guarded = [&r](const std::string& name, auto check) {
    try {
      r.checks.push_back(check());
    } catch (const GameDomainError& e) {
      r.checks.push_back(
          {name, CheckStatus::not_applicable, fmt::format("not decided: {}", e.what()), {}});
    }
  };
  r.checks.push_back(check_ost(instance));
  r.checks.push_back(check_regularity(instance));
  std::vector<BeliefSystem<T>> mdr = options.mdr_beliefs;
  const ReducedForm<T>* mechanism = options.mechanism;
  const bool solved = options.design != nullptr && options.design->mechanism;
  if (mdr.empty() && solved) {  // the used B(σ): columns with α_c > 0
    for (std::size_t col = 0; col < options.design->columns.size(); ++col) {
      if (sign_of(options.design->mechanism->weights[col]) > 0)
        mdr.push_back(options.design->columns[col].induced.beliefs);
    }
  }
  if (mdr.empty()) mdr = probes;
  if (mechanism == nullptr && solved) mechanism = &*options.design->mechanism;
  guarded("MDR", [&] { return check_mdr(instance, mdr); });
  r.checks.push_back(check_ybar(instance, mechanism));
  guarded("linearity in types", [&] { return check_linearity(instance, probes); });
  Matrix<T> u_hat;
  guarded("lottery", [&] { return check_lottery(instance, probes, u_hat); });
  if (r.checks.back().status == CheckStatus::holds) {
    const auto mono = check_monotone_lottery(u_hat, instance.prior);
    r.checks.push_back({"monotone lottery",
                        mono.holds ? CheckStatus::holds : CheckStatus::fails,
                        mono.evidence,
                        {}});
  } else {
    r.checks.push_back({"monotone lottery", CheckStatus::not_applicable, "not a lottery game", {}});
  }
  guarded("CONV", [&] { return check_conv(instance, options.conv_steps); });
  guarded("symmetry", [&] { return check_symmetry(instance, probes); });
  guarded("Assumption 2", [&] { return check_assumption2(instance); });
  r.checks.push_back(check_border(options.design));
  return r;
}

template struct AssumptionReport<Rational>;
template struct AssumptionReport<double>;
template AssumptionReport<Rational> check_assumptions(const Instance<Rational>&,
                                                      const AssumptionOptions<Rational>&);
template AssumptionCheck<Rational> check_mdr(const Instance<Rational>&,
                                             const std::vector<BeliefSystem<Rational>>&);
template AssumptionCheck<Rational> check_conv(const Instance<Rational>&, std::size_t);
template AssumptionReport<double> check_assumptions(const Instance<double>&,
                                                    const AssumptionOptions<double>&);
template AssumptionCheck<double> check_mdr(const Instance<double>&,
                                           const std::vector<BeliefSystem<double>>&);
template AssumptionCheck<double> check_conv(const Instance<double>&, std::size_t);

}  // namespace mechlab::mediation
