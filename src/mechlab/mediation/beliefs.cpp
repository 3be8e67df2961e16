#include "mechlab/mediation/beliefs.hpp"

#include <utility>

#include <fmt/format.h>

#include "mechlab/core/error.hpp"

namespace mechlab::mediation {

namespace {

template <class T>
T abs_diff(const T& a, const T& b) {
  return abs_of(T(a - b));
}

template <class T>
bool is_zero(const T& x) {
  return sign_of(x) == 0;
}

}  // namespace

template <class T>
RuleBeliefs<T> beliefs_from_rule(const Matrix<T>& gamma, const std::vector<T>& prior) {
  const std::size_t k = prior.size();
  if (gamma.size() != k) {
    throw InputError("/gamma", fmt::format("{} rows", k), fmt::format("{}", gamma.size()));
  }
  for (std::size_t a = 0; a < k; ++a) {
    if (gamma[a].size() != k) {
      throw InputError(fmt::format("/gamma/{}", a), fmt::format("{} entries", k),
                       fmt::format("{}", gamma[a].size()));
    }
    for (std::size_t b = 0; b < k; ++b) {
      if (gamma[a][b] < T(0) || gamma[a][b] > T(1)) {
        throw InputError(fmt::format("/gamma/{}/{}", a, b), "a probability in [0, 1]",
                         number_text(gamma[a][b]));
      }
    }
  }
  RuleBeliefs<T> r;
  for (std::size_t i = 0; i < 2; ++i) {
    r.marginal[i].assign(k, T(0));
    r.beliefs.beta[i].assign(k, prior);
    r.beliefs.on_path[i].assign(k, false);
    r.rho_marginal[i].assign(k, T(0));
  }
  r.rho.assign(k, std::vector<T>(k, T(0)));
  for (std::size_t a = 0; a < k; ++a) {
    for (std::size_t b = 0; b < k; ++b) {
      r.marginal[0][a] += prior[b] * gamma[a][b];
      r.marginal[1][b] += prior[a] * gamma[a][b];
      r.probability += prior[a] * prior[b] * gamma[a][b];
    }
  }
  for (std::size_t m = 0; m < k; ++m) {
    for (std::size_t i = 0; i < 2; ++i) {
      if (is_zero(r.marginal[i][m])) continue;  // off path: never divide
      r.beliefs.on_path[i][m] = true;
      for (std::size_t other = 0; other < k; ++other) {
        const T& g = i == 0 ? gamma[m][other] : gamma[other][m];
        r.beliefs.beta[i][m][other] = prior[other] * g / r.marginal[i][m];
      }
    }
  }
  if (!is_zero(r.probability)) {
    for (std::size_t a = 0; a < k; ++a) {
      for (std::size_t b = 0; b < k; ++b) {
        r.rho[a][b] = prior[a] * prior[b] * gamma[a][b] / r.probability;
      }
      r.rho_marginal[0][a] = prior[a] * r.marginal[0][a] / r.probability;
      r.rho_marginal[1][a] = prior[a] * r.marginal[1][a] / r.probability;
    }
  }
  return r;
}

template <class T>
T likelihood_ratio(const BeliefSystem<T>& beliefs, const std::vector<T>& prior, std::size_t i,
                   std::size_t other_new, std::size_t other_old, std::size_t report) {
  const auto& row = beliefs.beta[i][report];
  return prior[other_old] / prior[other_new] * row[other_new] / row[other_old];
}

namespace {

template <class T>
void check_shape(const BeliefSystem<T>& beliefs, const std::vector<T>& prior) {
  const std::size_t k = prior.size();
  for (std::size_t i = 0; i < 2; ++i) {
    if (beliefs.beta[i].size() != k) {
      throw InputError(fmt::format("/beliefs/{}", i), fmt::format("{} rows", k),
                       fmt::format("{}", beliefs.beta[i].size()));
    }
    for (std::size_t m = 0; m < k; ++m) {
      const bool on = beliefs.on_path[i].size() != k || beliefs.on_path[i][m];
      if (!on) continue;
      T sum(0);
      if (beliefs.beta[i][m].size() != k) {
        throw InputError(fmt::format("/beliefs/{}/{}", i, m), fmt::format("{} entries", k),
                         fmt::format("{}", beliefs.beta[i][m].size()));
      }
      for (std::size_t o = 0; o < k; ++o) {
        if (beliefs.beta[i][m][o] < T(0)) {
          throw InputError(fmt::format("/beliefs/{}/{}/{}", i, m, o), "a probability >= 0",
                           number_text(beliefs.beta[i][m][o]));
        }
        sum += beliefs.beta[i][m][o];
      }
      if (!nearly_equal(sum, T(1))) {
        throw InputError(fmt::format("/beliefs/{}/{}", i, m), "a belief summing to 1",
                         number_text(T(sum)));
      }
    }
  }
}

template <class T>
bool interior(const BeliefSystem<T>& beliefs) {
  const std::size_t k = beliefs.types();
  for (std::size_t i = 0; i < 2; ++i) {
    for (std::size_t m = 0; m < k; ++m) {
      if (beliefs.on_path[i].size() == k && !beliefs.on_path[i][m]) return false;
      for (std::size_t o = 0; o < k; ++o) {
        if (sign_of(beliefs.beta[i][m][o]) <= 0) return false;
      }
    }
  }
  return true;
}

// Spec §3.1 A2 for any B: G ≥ 0 with Σ p p G = 1 and, for every on-path row,
// p(θ_-i) G = β_i(θ_-i|m) Σ_θ' p(θ') G (Bayes' rule with r_i(m) eliminated).
template <class T>
lp::LinearProgram<T> feasibility_lp(const BeliefSystem<T>& beliefs, const std::vector<T>& prior,
                                    const T& eps) {
  const std::size_t k = prior.size();
  lp::LinearProgram<T> prog;
  prog.name = "belief-consistency";
  for (std::size_t a = 0; a < k; ++a) {
    for (std::size_t b = 0; b < k; ++b) {
      prog.add_column(fmt::format("G({},{})", a + 1, b + 1), T(0), std::nullopt, T(0));
    }
  }
  auto col = [k](std::size_t a, std::size_t b) { return a * k + b; };
  std::vector<lp::Term<T>> norm;
  for (std::size_t a = 0; a < k; ++a) {
    for (std::size_t b = 0; b < k; ++b) norm.push_back({col(a, b), prior[a] * prior[b]});
  }
  prog.add_row("Pr(G)=1", std::move(norm), T(1), T(1));
  for (std::size_t i = 0; i < 2; ++i) {
    for (std::size_t m = 0; m < k; ++m) {
      auto cell = [&](std::size_t other) { return i == 0 ? col(m, other) : col(other, m); };
      const bool on = beliefs.on_path[i].size() != k || beliefs.on_path[i][m];
      std::vector<lp::Term<T>> reach;
      for (std::size_t o = 0; o < k; ++o) reach.push_back({cell(o), prior[o]});
      if (!on) {
        prog.add_row(fmt::format("OffPath[{}]({})", i + 1, m + 1), std::move(reach), T(0), T(0));
        continue;
      }
      if (sign_of(eps) > 0) {
        prog.add_row(fmt::format("OnPath[{}]({})", i + 1, m + 1), reach, eps, std::nullopt);
      }
      for (std::size_t o = 0; o < k; ++o) {
        std::vector<lp::Term<T>> terms;
        for (std::size_t o2 = 0; o2 < k; ++o2) {
          T coef = -beliefs.beta[i][m][o] * prior[o2];
          if (o2 == o) coef += prior[o];
          if (!is_zero(coef)) terms.push_back({cell(o2), coef});
        }
        prog.add_row(fmt::format("Bayes[{}]({}:{})", i + 1, m + 1, o + 1), std::move(terms), T(0),
                     T(0));
      }
    }
  }
  return prog;
}

}  // namespace

template <class T>
Matrix<T> normalised_shape(const Matrix<T>& g) {
  T top(0);
  for (const auto& row : g) {
    for (const auto& x : row) {
      if (x > top) top = x;
    }
  }
  if (!(top > T(0))) throw InputError("/gamma", "a non-zero escalation shape", "all zeros");
  Matrix<T> out = g;
  for (auto& row : out) {
    for (auto& x : row) x /= top;
  }
  return out;
}

template <class T>
Matrix<T> worst_rule(const BeliefSystem<T>& beliefs, const std::vector<T>& prior) {
  check_shape(beliefs, prior);
  if (!interior(beliefs)) {
    throw InputError("/beliefs", "an interior belief system (every belief > 0, every row on path)",
                     "a belief system with zeros or off-path rows");
  }
  const std::size_t k = prior.size();
  Matrix<T> g(k, std::vector<T>(k));
  for (std::size_t a = 0; a < k; ++a) {
    for (std::size_t b = 0; b < k; ++b) {
      g[a][b] = likelihood_ratio(beliefs, prior, 0, b, 0, a) *
                likelihood_ratio(beliefs, prior, 1, a, 0, 0);
    }
  }
  return normalised_shape(g);
}

template <class T>
ConsistencyReport<T> check_consistency(const BeliefSystem<T>& beliefs, const std::vector<T>& prior,
                                       bool full, const T& on_path_eps) {
  check_shape(beliefs, prior);
  const std::size_t k = prior.size();
  ConsistencyReport<T> rep;
  rep.interior = interior(beliefs);
  if (rep.interior) {
    auto q = [&](std::size_t i, std::size_t other_new, std::size_t other_old, std::size_t m) {
      return likelihood_ratio(beliefs, prior, i, other_new, other_old, m);
    };
    T worst(0);
    for (std::size_t a = 0; a < k; ++a) {
      for (std::size_t b = 0; b < k; ++b) {
        // (S.23): q_1(θ2,1|θ1) q_2(θ1,1|1) = q_2(θ1,1|θ2) q_1(θ2,1|1)
        const T lhs = q(0, b, 0, a) * q(1, a, 0, 0);
        const T rhs = q(1, a, 0, b) * q(0, b, 0, 0);
        const T d = abs_diff(lhs, rhs);
        if (d > worst) {
          worst = d;
          rep.worst_11 = fmt::format("(S.23) at (theta1,theta2) = ({},{})", a + 1, b + 1);
        }
      }
    }
    rep.residual_11 = worst;
    if (full) {
      T bayes(0);
      for (std::size_t t1 = 0; t1 < k; ++t1) {
        for (std::size_t t2 = 0; t2 < k; ++t2) {
          for (std::size_t k1 = 0; k1 < k; ++k1) {
            for (std::size_t k2 = 0; k2 < k; ++k2) {
              // (S.22): q_1(k2,θ2|k1) q_2(k1,θ1|θ2) = q_2(k1,θ1|k2) q_1(k2,θ2|θ1)
              const T lhs = q(0, k2, t2, k1) * q(1, k1, t1, t2);
              const T rhs = q(1, k1, t1, k2) * q(0, k2, t2, t1);
              const T d = abs_diff(lhs, rhs);
              if (d > bayes) bayes = d;
            }
          }
        }
      }
      rep.residual_bayes = bayes;
    }
    rep.consistent = is_zero(worst);
    if (rep.consistent) rep.rule = worst_rule(beliefs, prior);
    return rep;
  }
  const auto prog = feasibility_lp(beliefs, prior, on_path_eps);
  rep.feasibility = lp::solve(prog);
  if (rep.feasibility->status == lp::SolveStatus::optimal) {
    rep.consistent = true;
    Matrix<T> g(k, std::vector<T>(k));
    for (std::size_t a = 0; a < k; ++a) {
      for (std::size_t b = 0; b < k; ++b) g[a][b] = rep.feasibility->x[a * k + b];
    }
    rep.rule = normalised_shape(g);
  } else if (rep.feasibility->status == lp::SolveStatus::infeasible) {
    rep.farkas = lp::farkas_rows(prog, *rep.feasibility);
  }
  return rep;
}

#define MECHLAB_MEDIATION_INSTANTIATE(T)                                                         \
  template RuleBeliefs<T> beliefs_from_rule(const Matrix<T>&, const std::vector<T>&);            \
  template T likelihood_ratio(const BeliefSystem<T>&, const std::vector<T>&, std::size_t,        \
                              std::size_t, std::size_t, std::size_t);                            \
  template Matrix<T> normalised_shape(const Matrix<T>&);                                         \
  template Matrix<T> worst_rule(const BeliefSystem<T>&, const std::vector<T>&);                  \
  template ConsistencyReport<T> check_consistency(const BeliefSystem<T>&, const std::vector<T>&, \
                                                  bool, const T&);

MECHLAB_MEDIATION_INSTANTIATE(Rational)
MECHLAB_MEDIATION_INSTANTIATE(double)
#undef MECHLAB_MEDIATION_INSTANTIATE

}  // namespace mechlab::mediation
