#include "mechlab/mediation/lagrangian.hpp"

#include <functional>

#include <fmt/format.h>

#include "mechlab/core/error.hpp"

namespace mechlab::mediation {

namespace {

// Σ_{(a,b) ∈ Q̃} w(a,b), Q̃ = {a ∉ Q1, b ∉ Q2}.
template <class T, class W>
T outside_sum(unsigned q1, unsigned q2, std::size_t k, W weight) {
  T sum(0);
  for (std::size_t a = 0; a < k; ++a) {
    if ((q1 >> a) & 1U) continue;
    for (std::size_t b = 0; b < k; ++b) {
      if ((q2 >> b) & 1U) continue;
      sum += weight(a, b);
    }
  }
  return sum;
}

// "lambda[i](θ)" and "nu[i](k->θ)", the non-zero ones, 1-based.
template <class T>
void push_incentive(std::vector<lp::NamedValue<T>>& out,
                    const std::array<std::vector<T>, 2>& lambda,
                    const std::array<Matrix<T>, 2>& nu) {
  for (std::size_t i = 0; i < 2; ++i) {
    for (std::size_t t = 0; t < lambda[i].size(); ++t) {
      if (sign_of(lambda[i][t]) != 0) {
        out.push_back({fmt::format("lambda[{}]({})", i + 1, t + 1), lambda[i][t]});
      }
    }
  }
  for (std::size_t i = 0; i < 2; ++i) {
    for (std::size_t t = 0; t < nu[i].size(); ++t) {
      for (std::size_t m = 0; m < nu[i][t].size(); ++m) {
        if (sign_of(nu[i][t][m]) != 0) {
          out.push_back({fmt::format("nu[{}]({}->{})", i + 1, t + 1, m + 1), nu[i][t][m]});
        }
      }
    }
  }
}

// λ and ν straight from the PC and IC duals (both "≥" rows: no sign flip).
template <class T>
void read_incentive(const DesignResult<T>& design, std::array<std::vector<T>, 2>& lambda,
                    std::array<Matrix<T>, 2>& nu) {
  const auto& idx = design.index;
  const auto& duals = design.solution.duals;
  const std::size_t k = idx.pc[0].size();
  for (std::size_t i = 0; i < 2; ++i) {
    lambda[i].assign(k, T(0));
    nu[i] = Matrix<T>(k, std::vector<T>(k, T(0)));
    for (std::size_t t = 0; t < k; ++t) {
      lambda[i][t] = duals[idx.pc[i][t]];
      for (std::size_t r = 0; r < k; ++r) {
        if (r != t) nu[i][t][r] = duals[idx.ic[i][t][r]];
      }
    }
  }
}

}  // namespace

std::string to_string(Anchor a) {
  switch (a) {
    case Anchor::pc: return "PC";
    case Anchor::ic_down: return "IC-";
    case Anchor::ic_up: return "IC+";
    case Anchor::zero: return "z=0";
    case Anchor::none: return "none";
  }
  return "?";
}

template <class T>
std::vector<lp::NamedValue<T>> Multipliers<T>::named() const {
  std::vector<lp::NamedValue<T>> out;
  auto push = [&out](std::string name, const T& v) {
    if (sign_of(v) != 0) out.push_back({std::move(name), v});
  };
  push("delta", delta);
  push_incentive(out, lambda, nu);
  for (const auto& e : eta) push(fmt::format("eta {}", e.name), e.value);
  for (std::size_t a = 0; a < mu.size(); ++a) {
    for (std::size_t b = 0; b < mu[a].size(); ++b) {
      push(fmt::format("mu({},{})", a + 1, b + 1), mu[a][b]);
    }
  }
  for (std::size_t i = 0; i < 2; ++i) {
    for (std::size_t t = 0; t < zeta[i].size(); ++t) {
      push(fmt::format("zeta[{}]({})", i + 1, t + 1), zeta[i][t]);
    }
  }
  return out;
}

template <class T>
Multipliers<T> paper_multipliers(const DesignResult<T>& design) {
  if (design.mode != DesignMode::paper_multipliers) {
    throw InputError("/mode", "paper_multipliers (the reduced-form LP carries the multipliers)",
                     "ex_post");
  }
  if (design.solution.status != lp::SolveStatus::optimal) {
    throw InputError("/mode", "an optimal design", lp::status_text(design.solution));
  }
  const auto& idx = design.index;
  const auto& duals = design.solution.duals;
  const std::size_t k = idx.pc[0].size();
  Multipliers<T> m;
  // Minimisation: a binding "≥" row has dual ≥ 0, a binding "≤" row ≤ 0; the
  // supplement writes every constraint as "≤ 0", so the ≤ rows flip sign.
  m.delta = -duals[idx.rc];
  read_incentive(design, m.lambda, m.nu);
  for (std::size_t i = 0; i < 2; ++i) {
    m.zeta[i].assign(k, T(0));
    for (std::size_t t = 0; t < k; ++t) {
      m.zeta[i][t] = design.solution.reduced_costs[idx.z[i][t]];
    }
  }
  for (const auto& b : design.index.border) {
    BorderMultiplier<T> e;
    e.q1 = b.q1;
    e.q2 = b.q2;
    e.name = design.lp.rows[b.row].name;
    e.value = -duals[b.row];
    m.eta_total += e.value;
    m.eta.push_back(std::move(e));
  }
  m.mu.assign(k, std::vector<T>(k, T(0)));
  for (std::size_t a = 0; a < k; ++a) {
    for (std::size_t b = 0; b < k; ++b) {
      if (idx.feasibility[a][b] != SIZE_MAX) m.mu[a][b] = -duals[idx.feasibility[a][b]];
    }
  }
  return m;
}

template <class T>
std::vector<lp::NamedValue<T>> ExPostMultipliers<T>::named() const {
  std::vector<lp::NamedValue<T>> out;
  push_incentive(out, lambda, nu);
  for (std::size_t a = 0; a < phi.size(); ++a) {
    for (std::size_t b = 0; b < phi[a].size(); ++b) {
      if (sign_of(phi[a][b]) != 0)
        out.push_back({fmt::format("phi({},{})", a + 1, b + 1), phi[a][b]});
    }
  }
  return out;
}

template <class T>
ExPostMultipliers<T> ex_post_multipliers(const Instance<T>& instance,
                                         const DesignResult<T>& design) {
  if (design.mode != DesignMode::ex_post) {
    throw InputError("/mode", "ex_post (paper-mode designs: paper_multipliers)",
                     "paper_multipliers");
  }
  if (design.solution.status != lp::SolveStatus::optimal || design.solution.duals.empty()) {
    throw InputError("/mode", "an optimal design", lp::status_text(design.solution));
  }
  const auto& idx = design.index;
  const auto& duals = design.solution.duals;
  const std::size_t k = idx.pc[0].size();
  ExPostMultipliers<T> m;
  read_incentive(design, m.lambda, m.nu);
  // A symmetric design's rows stand for two rows of the full LP each (player
  // 1's and 2's, F(a,b) and F(b,a)): the full LP's symmetric duals are halves.
  const T half = T(1) / T(2);
  if (idx.symmetric) {
    for (std::size_t i = 0; i < 2; ++i) {
      for (auto& v : m.lambda[i]) v *= half;
      for (auto& row : m.nu[i])
        for (auto& v : row) v *= half;
    }
  }
  for (std::size_t i = 0; i < 2; ++i) {
    for (std::size_t t = 0; t < k; ++t) m.dual_value += m.lambda[i][t] * instance.veto[t];
  }
  m.phi.assign(k, std::vector<T>(k, T(0)));
  for (std::size_t a = 0; a < k; ++a) {
    for (std::size_t b = 0; b < k; ++b) {
      if (idx.feasibility[a][b] == SIZE_MAX) continue;
      m.phi[a][b] = -duals[idx.feasibility[a][b]];  // a "≤ 1" row: flip to ≥ 0
      if (idx.symmetric && a != b) m.phi[a][b] *= half;
      m.dual_value -= m.phi[a][b];
    }
  }
  m.duals_may_differ = design.degeneracy.duals_may_differ();
  return m;
}

namespace {

// L̂ and C divide by δ; an optimal dual may have δ = 0 (see the header).
template <class T>
void require_positive_delta(const Multipliers<T>& mult) {
  if (sign_of(mult.delta) <= 0) {
    throw InputError("/multipliers/delta", "delta > 0 (L-hat and C divide by it)",
                     number_text(mult.delta));
  }
}

// Why L̂ and the (S.21) quotient do not exist at an optimum with δ = 0.
template <class T>
std::string undefined_text(const T& probability) {
  if (sign_of(probability) == 0) {
    return "δ = 0: nothing escalates (Pr(𝒢) = 0; Prop. 1, full settlement when OST fails), so "
           "more pie cannot lower Pr(𝒢) and the resource constraint has no shadow price; "
           "L̂ = (…)/δ, C, L̂* and (S.21) are undefined; strong duality Pr(𝒢) = −δC = 0 holds";
  }
  return "δ = 0: the resource constraint has no shadow price in this optimal dual (the Border "
         "and feasibility rows carry it); L̂ = (…)/δ, C, L̂* and (S.21) are undefined; strong "
         "duality Pr(𝒢) = −δC holds";
}

// Whether every optimal dual has δ = 0: the optimal value v(r) is convex and
// non-increasing in the RC right-hand side r, so (v(1 − t) − v(1))/t ≥ max δ
// over the optimal duals; v(1 − t) = v(1) for one t > 0 forces δ = 0. One
// more LP solve, done only when δ = 0.
template <class T>
bool pie_cut_keeps_value(const DesignResult<T>& design, const T& cut) {
  auto prog = design.lp;
  auto& rc = prog.rows[design.index.rc];
  if (!rc.upper) return false;
  rc.upper = *rc.upper - cut;
  const auto res = lp::solve(prog);
  return res.status == lp::SolveStatus::optimal &&
         nearly_equal(res.objective, design.solution.objective);
}

}  // namespace

template <class T>
T scaled_lagrangian_value(const Multipliers<T>& mult, const std::vector<T>& prior,
                          const ShapeColumn<T>& column) {
  const std::size_t k = prior.size();
  const auto& rho = column.induced.rho;
  T value(0);
  // δ T(B): the Border and feasibility terms.
  for (const auto& e : mult.eta) {
    if (sign_of(e.value) == 0) continue;
    value += e.value *
             outside_sum<T>(e.q1, e.q2, k, [&](std::size_t a, std::size_t b) { return rho[a][b]; });
  }
  for (std::size_t a = 0; a < k; ++a) {
    for (std::size_t b = 0; b < k; ++b) {
      value -= mult.mu[a][b] * rho[a][b] / (prior[a] * prior[b]);
    }
  }
  for (std::size_t i = 0; i < 2; ++i) {
    for (std::size_t t = 0; t < k; ++t) {
      const T& weight = column.induced.rho_marginal[i][t];
      if (sign_of(weight) == 0) continue;  // report t never escalates in this column
      // δ ẽ^i_θ = p(θ) Σ_{Q: θ ∈ Q_i} η_Q
      T e(0);
      for (const auto& b : mult.eta) {
        const unsigned q = i == 0 ? b.q1 : b.q2;
        if ((q >> t) & 1U) e += b.value;
      }
      const T m_coef = mult.delta * prior[t] + prior[t] * e - mult.zeta[i][t];  // δ m^i_θ
      const auto& u = column.payoff[i];
      T bracket = m_coef * u[t][t];
      for (std::size_t mimic = 0; mimic < k; ++mimic) {
        if (mimic == t) continue;
        bracket += mult.nu[i][mimic][t] * (u[t][t] - u[t][mimic]);
      }
      value += weight / prior[t] * bracket;
    }
  }
  return value;
}

template <class T>
T lagrangian_value(const Multipliers<T>& mult, const std::vector<T>& prior,
                   const ShapeColumn<T>& column) {
  require_positive_delta(mult);
  return scaled_lagrangian_value(mult, prior, column) / mult.delta;
}

template <class T>
T scaled_lagrangian_constant(const Multipliers<T>& mult, const Instance<T>& instance) {
  const std::size_t k = instance.types();
  const auto& p = instance.prior;
  T c = mult.delta + mult.eta_total;
  for (const auto& e : mult.eta) {
    if (sign_of(e.value) == 0) continue;
    c -= e.value *
         outside_sum<T>(e.q1, e.q2, k, [&](std::size_t a, std::size_t b) { return p[a] * p[b]; });
  }
  for (std::size_t i = 0; i < 2; ++i) {
    for (std::size_t t = 0; t < k; ++t) c -= mult.lambda[i][t] * instance.veto[t];
  }
  for (const auto& row : mult.mu) {
    for (const auto& x : row) c += x;
  }
  return c;
}

template <class T>
T lagrangian_constant(const Multipliers<T>& mult, const Instance<T>& instance) {
  require_positive_delta(mult);
  return scaled_lagrangian_constant(mult, instance) / mult.delta;
}

template <class T>
LagrangianReport<T> lagrangian_report(const Instance<T>& instance, const DesignResult<T>& design) {
  LagrangianReport<T> rep;
  rep.multipliers = paper_multipliers(design);
  const auto& m = rep.multipliers;
  rep.defined = sign_of(m.delta) > 0;
  rep.scaled_constant = scaled_lagrangian_constant(m, instance);
  rep.value_identity = -rep.scaled_constant;
  if (rep.defined) {
    rep.constant = rep.scaled_constant / m.delta;
    rep.target = (T(1) + m.delta + m.eta_total) / m.delta;
  } else {
    rep.undefined_reason = undefined_text(design.mechanism ? design.mechanism->probability
                                                           : design.solution.objective);
    const T cut = T(1) / T(1000);
    rep.delta_zero_in_every_dual = pie_cut_keeps_value(design, cut);
    rep.undefined_reason += rep.delta_zero_in_every_dual
                                ? fmt::format(
                                      "; δ = 0 in every optimal dual (certified: the LP "
                                      "value is unchanged with the pie cut to 1 − {})",
                                      number_text(cut))
                                : fmt::format(
                                      "; another optimal dual may have δ > 0 (the LP "
                                      "value rises with the pie cut to 1 − {})",
                                      number_text(cut));
  }
  for (std::size_t c = 0; c < design.columns.size(); ++c) {
    const auto& col = design.columns[c];
    LagrangianColumn<T> lc;
    lc.name = col.shape.name;
    lc.scaled_value = scaled_lagrangian_value(m, instance.prior, col);
    if (rep.defined) lc.value = lc.scaled_value / m.delta;
    lc.reduced_cost = design.solution.reduced_costs[design.index.alpha[c]];
    lc.reduced_cost_identity =
        col.induced.probability * ((T(1) + m.delta + m.eta_total) - lc.scaled_value);
    rep.columns.push_back(std::move(lc));
  }
  rep.duals_may_differ = design.degeneracy.duals_may_differ();
  return rep;
}

template <class T>
T ability_premium(const PayoffTable<T>& payoff, std::size_t i, std::size_t report,
                  std::size_t type) {
  return payoff[i][report][type] - payoff[i][report][type + 1];
}

template <class T>
std::vector<T> rent_weights(const std::vector<T>& prior) {
  std::vector<T> w(prior.size(), T(0));
  T cumulative(0);
  for (std::size_t t = 0; t < prior.size(); ++t) {
    cumulative += prior[t];
    if (t + 1 < prior.size()) w[t] = (T(1) - cumulative) / prior[t];
  }
  return w;
}

template <class T>
T virtual_objective(const std::vector<T>& prior, const ShapeColumn<T>& column) {
  const std::size_t k = prior.size();
  const auto w = rent_weights(prior);
  T xi(0);
  for (std::size_t i = 0; i < 2; ++i) {
    for (std::size_t t = 0; t < k; ++t) {
      const T& weight = column.induced.rho_marginal[i][t];
      if (sign_of(weight) == 0) continue;
      T value = column.payoff[i][t][t];
      if (t + 1 < k) value += w[t] * ability_premium(column.payoff, i, t, t);
      xi += weight * value;
    }
  }
  return xi;
}

template <class T>
Partition<T> binding_partition(const Instance<T>& instance, const ReducedForm<T>& mech) {
  const std::size_t k = instance.types();
  Partition<T> part;
  for (std::size_t i = 0; i < 2; ++i) {
    const auto& z = mech.z[i];
    const auto& y = mech.y[i];
    auto payoff = [&](std::size_t report, std::size_t truth) {
      return T(z[report] + y[report][truth]);
    };
    auto& anchor = part.anchor[i];
    anchor.assign(k, Anchor::none);
    for (std::size_t t = 0; t < k; ++t) {
      const T own = payoff(t, t);
      if (nearly_equal(own, instance.veto[t])) {
        anchor[t] = Anchor::pc;
        part.some_pc_binds[i] = true;
      } else if (t > 0 && nearly_equal(own, payoff(t - 1, t))) {
        anchor[t] = Anchor::ic_down;
      } else if (t + 1 < k && nearly_equal(own, payoff(t + 1, t))) {
        anchor[t] = Anchor::ic_up;
      } else if (sign_of(z[t]) == 0) {
        anchor[t] = Anchor::zero;
      } else {
        part.problems.push_back(
            fmt::format("player {} type {}: no PC, local IC or z = 0 binds (Lemma 3 (ii) fails)",
                        i + 1, t + 1));
      }
      for (std::size_t r = 0; r < k; ++r) {
        if ((r + 1 < t || r > t + 1) && nearly_equal(own, payoff(r, t))) {
          part.nonadjacent_binding.push_back(fmt::format("IC[{}]({}->{})", i + 1, t + 1, r + 1));
        }
      }
    }
    // (Z), resolved recursively to the PC / zero anchors.
    auto& rebuilt = part.rebuilt_z[i];
    rebuilt.assign(k, T(0));
    std::vector<int> state(k, 0);  // 0 new, 1 on the stack, 2 done
    std::function<T(std::size_t)> resolve = [&](std::size_t t) -> T {
      if (state[t] == 2) return rebuilt[t];
      if (state[t] == 1) {
        part.problems.push_back(
            fmt::format("player {}: the binding local ICs form a cycle at type {}", i + 1, t + 1));
        return z[t];
      }
      state[t] = 1;
      T value = z[t];
      switch (anchor[t]) {
        case Anchor::pc: value = instance.veto[t] - y[t][t]; break;
        case Anchor::ic_down: value = resolve(t - 1) + y[t - 1][t] - y[t][t]; break;
        case Anchor::ic_up: value = resolve(t + 1) + y[t + 1][t] - y[t][t]; break;
        case Anchor::zero: value = T(0); break;
        case Anchor::none: break;
      }
      rebuilt[t] = value;
      state[t] = 2;
      return value;
    };
    for (std::size_t t = 0; t < k; ++t) resolve(t);
  }
  part.reconstructs = true;
  for (std::size_t i = 0; i < 2; ++i) {
    for (std::size_t t = 0; t < k; ++t) {
      part.reconstructs = part.reconstructs && nearly_equal(part.rebuilt_z[i][t], mech.z[i][t]);
    }
  }
  return part;
}

#define MECHLAB_MEDIATION_INSTANTIATE(T)                                                         \
  template struct Multipliers<T>;                                                                \
  template struct ExPostMultipliers<T>;                                                          \
  template ExPostMultipliers<T> ex_post_multipliers(const Instance<T>&, const DesignResult<T>&); \
  template Multipliers<T> paper_multipliers(const DesignResult<T>&);                             \
  template T lagrangian_value(const Multipliers<T>&, const std::vector<T>&,                      \
                              const ShapeColumn<T>&);                                            \
  template T scaled_lagrangian_value(const Multipliers<T>&, const std::vector<T>&,               \
                                     const ShapeColumn<T>&);                                     \
  template T lagrangian_constant(const Multipliers<T>&, const Instance<T>&);                     \
  template T scaled_lagrangian_constant(const Multipliers<T>&, const Instance<T>&);              \
  template LagrangianReport<T> lagrangian_report(const Instance<T>&, const DesignResult<T>&);    \
  template Partition<T> binding_partition(const Instance<T>&, const ReducedForm<T>&);            \
  template T ability_premium(const PayoffTable<T>&, std::size_t, std::size_t, std::size_t);      \
  template std::vector<T> rent_weights(const std::vector<T>&);                                   \
  template T virtual_objective(const std::vector<T>&, const ShapeColumn<T>&);

MECHLAB_MEDIATION_INSTANTIATE(Rational)
MECHLAB_MEDIATION_INSTANTIATE(double)
#undef MECHLAB_MEDIATION_INSTANTIATE

}  // namespace mechlab::mediation
