// Belief-system algebra (spec §3.1, supplement Section G).
//
// A1 beliefs_from_rule: the post-escalation beliefs, type distributions and
//    Pr(𝒢) an escalation rule γ induces by Bayes' rule (§1.1).
// A2 check_consistency: whether a belief system B can be produced by some γ —
//    (1,1)-consistency (S.23) and Bayes consistency (S.22) for interior B
//    (Lemma 4: they are equivalent), an exact LP feasibility problem otherwise.
// A3 worst_rule: the escalation rule rebuilt from a consistent B by (S.29),
//    scaled so its largest entry is 1; every rule implementing B is α·g^B,
//    α ∈ (0, 1], when the support graph is connected (erratum E15).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "mechlab/core/rational.hpp"
#include "mechlab/lp/certified_solve.hpp"
#include "mechlab/mediation/model.hpp"

namespace mechlab::mediation {

// A1: everything one escalation rule (or one signal's shape g) induces.
template <class T>
struct RuleBeliefs {
  std::array<std::vector<T>, 2> marginal;      // γ_i(m) = Σ p(θ_-i) γ(m, θ_-i)
  BeliefSystem<T> beliefs;                     // β_i(·|m); off-path rows hold the prior
  T probability = T(0);                        // Pr(𝒢) = Σ p p γ
  Matrix<T> rho;                               // ρ(θ1, θ2) = p p γ / Pr(𝒢)
  std::array<std::vector<T>, 2> rho_marginal;  // ρ_i(θ) = p(θ) γ_i(θ) / Pr(𝒢)
};

// Throws InputError when γ is not K×K with entries in [0, 1] (pointer
// "/gamma/a/b").
template <class T>
RuleBeliefs<T> beliefs_from_rule(const Matrix<T>& gamma, const std::vector<T>& prior);

template <class T>
struct ConsistencyReport {
  bool interior = false;    // every on-path belief is > 0 and every row on path
  bool consistent = false;  // some γ ≥ 0, γ ≠ 0 induces B
  // Interior B: max |LHS − RHS| of (S.23) over (θ1, θ2), and where (1-based).
  std::optional<T> residual_11;
  std::string worst_11;
  // Interior B and full=true: max residual of (S.22) over all pairs of nodes.
  std::optional<T> residual_bayes;
  // Non-interior B: the LP of spec §3.1 A2 (certified feasible, or a Farkas
  // certificate by row name).
  std::optional<lp::LpResult<T>> feasibility;
  std::vector<lp::NamedValue<T>> farkas;
  // A γ implementing B (max entry 1) when consistent.
  Matrix<T> rule;
};

// A2. full = also evaluate the O(K⁴) Bayes condition (S.22) (debug check).
// on_path_eps > 0 (non-interior case) requires every report to escalate with
// γ_i(m) ≥ ε; with 0 a row whose report never escalates is unconstrained.
template <class T>
ConsistencyReport<T> check_consistency(const BeliefSystem<T>& beliefs, const std::vector<T>& prior,
                                       bool full = false, const T& on_path_eps = T(0));

// q_i(θ', θ | m) of Observation 1 (0-based; interior rows only):
// [p(θ) / p(θ')] · [β_i(θ'|m) / β_i(θ|m)].
template <class T>
T likelihood_ratio(const BeliefSystem<T>& beliefs, const std::vector<T>& prior, std::size_t i,
                   std::size_t other_new, std::size_t other_old, std::size_t report);

// A3 for interior B: (S.29) g(θ1, θ2) = q_1(θ2, 1|θ1) q_2(θ1, 1|1), divided by
// its max. Throws InputError("/beliefs", ...) when B is not interior; use
// check_consistency(...).rule for non-interior B.
template <class T>
Matrix<T> worst_rule(const BeliefSystem<T>& beliefs, const std::vector<T>& prior);

// A shape g scaled to max entry 1 (the worst rule of the B it induces when
// its support graph is connected).
template <class T>
Matrix<T> normalised_shape(const Matrix<T>& g);

extern template RuleBeliefs<Rational> beliefs_from_rule(const Matrix<Rational>&,
                                                        const std::vector<Rational>&);
extern template Matrix<Rational> worst_rule(const BeliefSystem<Rational>&,
                                            const std::vector<Rational>&);
extern template ConsistencyReport<Rational> check_consistency(const BeliefSystem<Rational>&,
                                                              const std::vector<Rational>&, bool,
                                                              const Rational&);
extern template RuleBeliefs<double> beliefs_from_rule(const Matrix<double>&,
                                                      const std::vector<double>&);
extern template Matrix<double> worst_rule(const BeliefSystem<double>&, const std::vector<double>&);
extern template ConsistencyReport<double> check_consistency(const BeliefSystem<double>&,
                                                            const std::vector<double>&, bool,
                                                            const double&);

}  // namespace mechlab::mediation
