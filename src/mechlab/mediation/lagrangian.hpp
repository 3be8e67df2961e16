// The Lagrangian view of the optimum (supplement Lemma 2, spec §3.4) and the
// binding-constraint partition of Corollary 1 (spec §3.7).
//
// Multipliers are the duals of the paper-faithful reduced-form LP, all ≥ 0 in
// the supplement's "≤ 0" form: δ (RC), λ^i_θ (PC), ν^i_{k,θ} (IC: true k,
// report θ), η_Q (Border EP rows), µ_ab (F: γ ≤ 1), ζ^i_θ (z ≥ 0, the reduced
// cost of z). A tilde means division by δ. With them (spec §3.4, the canonical
// form of the garbled (S.12), errata E6–E9):
//   L̂(B) = T(B) + Σ_i Σ_θ (ρ_i(θ)/p(θ)) [m^i_θ U_i(θ;θ) + Σ_{k≠θ} ν̃^i_{k,θ} (U_i(θ;θ) − U_i(θ;k))]
//   T(B) = Σ_Q η̃_Q Σ_{Q̃} ρ − Σ_ab µ̃_ab ρ(a,b)/(p(a)p(b)),  m^i_θ = p(θ) + ẽ^i_θ − ζ̃^i_θ
//   C = 1 + η̃ − Σ_Q η̃_Q Σ_{Q̃} p p − Σ_i Σ_θ λ̃^i_θ V(θ) + Σ µ̃
//   reduced cost of column c = R(g^c) [(1 + δ + η) − δ L̂(B^c)]
//   Pr(𝒢)* = −δ C = −C (1 + η) / (L̂* − 1), L̂* = (1 + δ + η)/δ   (S.21)
// δ can be 0 at an optimum (Pr(𝒢) = 0 when OST fails, Prop. 1: more pie cannot
// lower escalation further). Then L̂, C and L̂* are undefined, but δL̂ and δC are
// not: they are linear in the multipliers, so the reduced-cost identity
// R[(1 + δ + η) − δL̂] and strong duality Pr(𝒢) = −δC hold for every optimal dual.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include "mechlab/mediation/design.hpp"

namespace mechlab::mediation {

template <class T>
struct BorderMultiplier {
  unsigned q1 = 0, q2 = 0;  // bit t = type t+1 in Q_i
  std::string name;         // "EP({1},{})"
  T value = T(0);
};

template <class T>
struct Multipliers {
  T delta = T(0);                        // RC
  std::array<std::vector<T>, 2> lambda;  // PC: lambda[i][θ]
  std::array<Matrix<T>, 2> nu;           // IC: nu[i][true][report]
  std::vector<BorderMultiplier<T>> eta;  // EP rows, LP order
  T eta_total = T(0);                    // η = Σ_Q η_Q
  Matrix<T> mu;                          // F: mu[a][b]
  std::array<std::vector<T>, 2> zeta;    // z ≥ 0
  // Every non-zero multiplier as "delta", "lambda[1](1)", "nu[1](2->1)",
  // "eta EP({1},{})", "mu(1,1)", "zeta[2](3)".
  std::vector<lp::NamedValue<T>> named() const;
};

// The multipliers of an optimal ex-post design (any K: lottery games with
// K > 6, the single-shape LP of --no-signals, an ex-post master), ≥ 0 in the
// supplement's convention: λ^i_θ = dual(PC[i](θ)), ν^i_{k,θ} = dual(IC[i](k->θ))
// and φ_ab = −dual(F(a,b)), the shadow price of ex-post feasibility
// γ + s_1 + s_2 ≤ 1 at (a,b). The reduced form splits φ between δ and η (RC
// and Border rows, on z) and µ (γ ≤ 1). Strong duality:
// Pr(𝒢) = Σ_i Σ_θ λ^i_θ V(θ) − Σ_ab φ_ab (`dual_value`).
template <class T>
struct ExPostMultipliers {
  std::array<std::vector<T>, 2> lambda;  // lambda[i][θ]
  std::array<Matrix<T>, 2> nu;           // nu[i][true][report]
  Matrix<T> phi;                         // phi[a][b]
  T dual_value = T(0);
  bool duals_may_differ = false;  // primal degenerate basis (Degeneracy)
  // Every non-zero one as "lambda[1](1)", "nu[1](2->1)", "phi(1,2)".
  std::vector<lp::NamedValue<T>> named() const;
};

// Throws InputError("/mode", ...) for a paper-mode or non-optimal design.
template <class T>
ExPostMultipliers<T> ex_post_multipliers(const Instance<T>& instance,
                                         const DesignResult<T>& design);

// Reads the multipliers off an optimal paper_multipliers design (throws
// InputError("/mode", ...) for an ex-post design or a non-optimal one).
template <class T>
Multipliers<T> paper_multipliers(const DesignResult<T>& design);

// δ·L̂(B(g)) of one column, defined for any δ ≥ 0 (no division).
template <class T>
T scaled_lagrangian_value(const Multipliers<T>& mult, const std::vector<T>& prior,
                          const ShapeColumn<T>& column);

// L̂(B(g)) of one column. Throws InputError("/multipliers/delta") when δ = 0.
template <class T>
T lagrangian_value(const Multipliers<T>& mult, const std::vector<T>& prior,
                   const ShapeColumn<T>& column);

// δ·C: δ + η − Σ_Q η_Q Σ_{Q̃} p p − Σ λ V + Σ µ, the dual objective's negative.
template <class T>
T scaled_lagrangian_constant(const Multipliers<T>& mult, const Instance<T>& instance);

// The constant C of (S.18)–(S.21). Throws InputError("/multipliers/delta") when δ = 0.
template <class T>
T lagrangian_constant(const Multipliers<T>& mult, const Instance<T>& instance);

template <class T>
struct LagrangianColumn {
  std::string name;
  T value = T(0);                  // L̂(B^c); 0 when !LagrangianReport::defined
  T scaled_value = T(0);           // δ L̂(B^c), always defined
  T reduced_cost = T(0);           // from the LP
  T reduced_cost_identity = T(0);  // R(g^c)[(1+δ+η) − δ L̂]
};

template <class T>
struct LagrangianReport {
  Multipliers<T> multipliers;
  // δ > 0: L̂, C, L̂* and the (S.21) quotient exist. Otherwise `constant`,
  // `target` and every column's `value` are 0 and `undefined_reason` says why.
  bool defined = false;
  std::string undefined_reason;
  // δ = 0 only: the reduced-form LP keeps its value with the RC right-hand
  // side cut to 1 − 1/1000, which (the value being convex in it) certifies
  // that every optimal dual has δ = 0, so no choice of dual defines L̂.
  bool delta_zero_in_every_dual = false;
  T constant = T(0);         // C
  T scaled_constant = T(0);  // δC, always defined
  T target = T(0);           // L̂* = (1 + δ + η)/δ: sup of L̂ at the optimum
  // −δC, = Pr(𝒢) by strong duality; with δ > 0 it is −C(1 + η)/(L̂* − 1) (S.21).
  T value_identity = T(0);
  std::vector<LagrangianColumn<T>> columns;
  // The LP basis was primal degenerate: other optimal duals may exist, and
  // with them other multipliers, L̂ and C.
  bool duals_may_differ = false;
};

template <class T>
LagrangianReport<T> lagrangian_report(const Instance<T>& instance, const DesignResult<T>& design);

// Ability premium D_i(m; θ, B) = U_i(m; θ, B) − U_i(m; θ+1, B) (θ ≤ K−2,
// 0-based) and the virtual rent weight w(θ) = (1 − F(θ))/p(θ), w(K) = 0.
template <class T>
T ability_premium(const PayoffTable<T>& payoff, std::size_t i, std::size_t report,
                  std::size_t type);
template <class T>
std::vector<T> rent_weights(const std::vector<T>& prior);

// Ξ(B) = Σ_i Σ_θ ρ_i(θ) [U_i(θ;θ,B) + Ψ_i(θ,B)], Ψ_i(θ) = w(θ) D_i(θ;θ,B): the
// objective of the relaxed dual (P^B_max) (spec §3.2). In the regular case
// L̂ = Ξ − Σ µ̃ ρ/(p p) and, for one column, Pr(𝒢)(B) = (2V(1) − 1)/(Ξ(B) − 1).
template <class T>
T virtual_objective(const std::vector<T>& prior, const ShapeColumn<T>& column);

// Corollary 1: each (i, θ) is anchored, in priority order, by a binding PC, a
// binding local downward IC (true θ vs report θ−1), a binding local upward IC
// (vs θ+1), or z_i(θ) = 0; z is then rebuilt by (Z) from the anchors.
enum class Anchor { pc, ic_down, ic_up, zero, none };

template <class T>
struct Partition {
  std::array<std::vector<Anchor>, 2> anchor;
  std::array<std::vector<T>, 2> rebuilt_z;  // (Z) from the anchors
  bool reconstructs = false;                // rebuilt_z == z (exactly in Rational)
  // Lemma 3 (i) fails when an IC between non-adjacent types binds; (iii)
  // wants some PC binding for each player. Problems name what failed.
  std::vector<std::string> nonadjacent_binding;
  std::array<bool, 2> some_pc_binds{false, false};
  std::vector<std::string> problems;  // unanchored types, IC cycles
};

template <class T>
Partition<T> binding_partition(const Instance<T>& instance, const ReducedForm<T>& mechanism);

std::string to_string(Anchor a);

extern template struct Multipliers<Rational>;
extern template LagrangianReport<Rational> lagrangian_report(const Instance<Rational>&,
                                                             const DesignResult<Rational>&);
extern template Partition<Rational> binding_partition(const Instance<Rational>&,
                                                      const ReducedForm<Rational>&);
extern template struct ExPostMultipliers<Rational>;
extern template ExPostMultipliers<Rational> ex_post_multipliers(const Instance<Rational>&,
                                                                const DesignResult<Rational>&);
extern template struct Multipliers<double>;
extern template struct ExPostMultipliers<double>;
extern template ExPostMultipliers<double> ex_post_multipliers(const Instance<double>&,
                                                              const DesignResult<double>&);
extern template LagrangianReport<double> lagrangian_report(const Instance<double>&,
                                                           const DesignResult<double>&);
extern template Partition<double> binding_partition(const Instance<double>&,
                                                    const ReducedForm<double>&);

}  // namespace mechlab::mediation
