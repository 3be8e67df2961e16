// The all-pay litigation model of the main paper's Section 4 (ADR), a flagged
// reproduction module (spec 001 §2 item 3, §4 H, §6).
//
// Two types {1, K}: type 1 ("strong", index 0) has marginal cost of evidence
// 1, type K ("weak", index 1) has cost K > 1 (`cost_ratio`). Litigation is a
// complete-prize all-pay auction: the higher evidence a wins the pie 1, both
// pay θ·a. Given a belief system B the escalation game is played in the
// monotone equilibrium of Siegel (2014) that App. C.1 writes in closed form:
// strong types above weak ones, piecewise-uniform mixing, at most one atom at
// 0. Here it is built top-down (each interval: one type of each player mixing
// so as to keep the other indifferent) and then *verified* exactly: every
// on-path type is indifferent on its support and cannot gain anywhere else.
// That reproduces App. C.1's interval bounds and eq. (5)'s payoffs (checked
// against them in the tests); beliefs where the verification fails have no
// monotone equilibrium and are outside the module's domain (the game throws).
//
// U_i(m; θ, B) = sup_a Σ_t β_i(t|m) F^t_{-i}(a) − θ a (eq. (U); the sup is
// the paper's footnote 16: a weak deviator "close to 0"), so deviation payoffs
// come from the same piecewise-linear CDFs and are exact in Rational.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "mechlab/core/error.hpp"
#include "mechlab/core/rational.hpp"
#include "mechlab/mediation/design.hpp"
#include "mechlab/mediation/model.hpp"

namespace mechlab::mediation {

// One uniform piece of an effort distribution: density on (low, high].
template <class T>
struct EffortPiece {
  T low = T(0);
  T high = T(0);
  T density = T(0);
};

// F^θ_i: an atom at 0 plus uniform pieces (App. C.1's f and F).
template <class T>
struct EffortDistribution {
  T atom = T(0);
  std::vector<EffortPiece<T>> pieces;  // ascending, disjoint
  T cdf(const T& a) const;             // Pr(effort ≤ a), a ≥ 0
  T top() const;                       // max of the support
};

template <class T>
struct AllPayEquilibrium {
  bool found = false;
  std::string failure;  // why there is no verified monotone equilibrium
  // effort[i][θ]; nullopt for a type that never escalates (off path).
  std::array<std::array<std::optional<EffortDistribution<T>>, 2>, 2> effort;
  PayoffTable<T> payoffs;  // U_i(m; θ, B)
};

// The verified monotone equilibrium at B (2 types). Types that never meet
// (β = 0, e.g. full-information shapes) bid in separate contests.
template <class T>
AllPayEquilibrium<T> allpay_equilibrium(const BeliefSystem<T>& beliefs, const T& cost_ratio);

// The escalation game 𝒢 of Section 4. The veto game is the same game (the
// paper's v ≡ u): V(θ) = U_vetoer(θ; θ) with the vetoer believing p and the
// other player ρ^V (type-independent beliefs on both sides).
template <class T>
class AllPayLitigationGame final : public EscalationGame<T> {
 public:
  // Throws InputError("/game/cost", "a cost ratio K > 1", ...).
  explicit AllPayLitigationGame(T cost_ratio);
  std::size_t types() const override { return 2; }
  std::string name() const override;
  // Throws GameDomainError("/game", ...) when B has no verified monotone equilibrium.
  PayoffTable<T> payoffs(const BeliefSystem<T>& beliefs) const override;
  std::optional<std::vector<T>> veto_values(const std::vector<T>& prior,
                                            const std::vector<T>& rho_v) const override;
  const T& cost_ratio() const { return cost_ratio_; }

 private:
  T cost_ratio_;
};

// Prior (p, 1 − p), veto values from the game at ρ^V = (ρ, 1 − ρ) (default
// ρ = p: V(1) = (1 − p)(K − 1)/K, V(K) = 0).
template <class T>
Instance<T> allpay_instance(const T& p, const T& cost_ratio, std::optional<T> rho_v = {});

// The escalation shape (max entry 1) whose beliefs are type independent:
// β_1(1|m) = b1, β_2(1|m) = b2 for both reports (a product g = x ⊗ y).
template <class T>
Shape<T> type_independent_shape(const T& p, const T& b1, const T& b2);

// Prop. 4's unconstrained optimum b* = ((1 + p)/2, (1 − p)/2).
template <class T>
std::array<T, 2> unconstrained_beliefs(const T& p);

// The authors' ADR program (Constraint_Optimization.m, interior branch) at
// type-independent beliefs (b1, b2): PC of type 1, the downward IC (K -> 1)
// and the resource constraint bind for both players, which fixes the scale
// α = (2V(1) − 1) / (Σ_i [g_i(1)U_i(1;1) − (1 − p)(g_i(1)U_i(1;K) − g_i(K)U_i(K;K))] − R)
// of the shape; then the constraints the program ignores (C_F: γ ≤ 1, the
// upward ICs, z ≥ 0) are checked.
template <class T>
struct InteriorBranch {
  T p = T(0);
  T cost_ratio = T(0);
  std::vector<T> veto;           // V(1), V(K)
  bool full_settlement = false;  // V(1) ≤ ½ (OST fails): Prop. 1, Pr(𝒢) = 0, equal split
  std::array<T, 2> beliefs{};    // (b1, b2)
  Shape<T> shape;
  T alpha = T(0);
  Matrix<T> gamma;  // α g (zero under full settlement)
  T probability = T(0);
  std::array<std::vector<T>, 2> z;    // settlement values z_i(1), z_i(K)
  NamedValues<T> slacks;              // every IC/PC slack, by name
  std::vector<std::string> violated;  // C_F violations ("gamma(1,1) = 12/11 > 1", "IC[1](1->2)")
  bool feasible() const { return violated.empty(); }
};

template <class T>
InteriorBranch<T> interior_branch(const T& p, const T& cost_ratio,
                                  std::optional<std::array<T, 2>> beliefs = {});

// Prop. 4's unconstrained optimum on a grid: the interior branch over
// type-independent (b1, b2) ∈ {1/n, …, (n−1)/n}² where its scale α is
// positive, with every grid point reaching the minimum, and the best
// symmetric (b1 = b2) value.
template <class T>
struct BeliefScan {
  std::optional<T> best;
  std::vector<std::array<T, 2>> argmin;
  std::optional<T> best_symmetric;
};

template <class T>
BeliefScan<T> scan_type_independent(const T& p, const T& cost_ratio, std::size_t n);

// The lower end r of the interior regime (Prop. 4): below it the interior
// branch needs γ(1,1) > 1. r = (2(K − 1) − √(K² − 4K + 8)) / (2 + 3K): a root,
// so double.
double interior_lower_bound(double cost_ratio);

// The grid {0, 1/n, …, 1}^{2×2} with max entry 1, restricted to the shapes
// whose escalation game has a verified monotone equilibrium (the module's
// domain); `skipped` counts the others.
template <class T>
ShapeList<T> allpay_grid_shapes(const Instance<T>& instance, std::size_t n,
                                std::size_t* skipped = nullptr);

// The best single shape of a dictionary (no public signals, Prop. 3): the
// one-column LP value of each, the minimum over the feasible ones.
template <class T>
struct SingleShapeScan {
  bool found = false;
  T value = T(0);
  std::string shape;
  std::size_t evaluated = 0;
  std::size_t feasible = 0;
};

template <class T>
SingleShapeScan<T> best_single_shape_of(const Instance<T>& instance, const ShapeList<T>& shapes);

#define MECHLAB_ALLPAY_EXTERN(T)                                                                  \
  extern template struct EffortDistribution<T>;                                                   \
  extern template AllPayEquilibrium<T> allpay_equilibrium(const BeliefSystem<T>&, const T&);      \
  extern template class AllPayLitigationGame<T>;                                                  \
  extern template Instance<T> allpay_instance(const T&, const T&, std::optional<T>);              \
  extern template Shape<T> type_independent_shape(const T&, const T&, const T&);                  \
  extern template std::array<T, 2> unconstrained_beliefs(const T&);                               \
  extern template InteriorBranch<T> interior_branch(const T&, const T&,                           \
                                                    std::optional<std::array<T, 2>>);             \
  extern template ShapeList<T> allpay_grid_shapes(const Instance<T>&, std::size_t, std::size_t*); \
  extern template SingleShapeScan<T> best_single_shape_of(const Instance<T>&,                     \
                                                          const ShapeList<T>&);                   \
  extern template BeliefScan<T> scan_type_independent(const T&, const T&, std::size_t);
MECHLAB_ALLPAY_EXTERN(Rational)
MECHLAB_ALLPAY_EXTERN(double)
#undef MECHLAB_ALLPAY_EXTERN

}  // namespace mechlab::mediation
