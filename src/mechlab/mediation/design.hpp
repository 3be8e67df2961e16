// The designer's problem (spec §3.3): minimise Pr(𝒢) over mechanisms built
// from a dictionary of escalation shapes g^c (one public-signal realisation
// each, weight α_c ≥ 0; Theorem 2), subject to IC, PC and feasibility, as a
// certified LP (mechlab::lp: Clp, then an exact basis check in Rational).
//
// Two formulations with the same optimum (Prop. 2, Border):
// - ex_post: explicit ex-post settlement masses s_i(θ1, θ2) ≥ 0 with
//   γ + s_1 + s_2 ≤ 1 per profile (rows "F(a,b)"); polynomial size.
// - paper_multipliers: the supplement's reduced form (Section E) in (α, z):
//   rows IC, PC, RC, EP(Q1,Q2) for every pair of type sets but (∅,∅) and
//   (Θ,Θ), and F(a,b): γ ≤ 1; its duals are the multipliers (δ, λ, ν, η, µ, ζ)
//   of Lemma 2 (see lagrangian.hpp). 4^K − 2 Border rows: K ≤ 6 only.
// Row names: "IC[1](2->1)" = player 1, true type 2, report 1; "PC[2](1)";
// "RC"; "EP({1},{1,2})"; "F(1,2)". Columns: "alpha[<shape>]", "s1(a,b)", "z1(θ)".
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "mechlab/core/progress.hpp"
#include "mechlab/lp/certified_solve.hpp"
#include "mechlab/mediation/beliefs.hpp"
#include "mechlab/mediation/model.hpp"

namespace mechlab::mediation {

// An escalation shape g ∈ [0,1]^{K×K}, g ≠ 0: one signal realisation's
// escalation probabilities up to scale (spec §3.1 design rule).
template <class T>
struct Shape {
  std::string name;
  Matrix<T> g;
};

template <class T>
using ShapeList = std::vector<Shape<T>>;

// Spec §3.2: what a shape contributes, computed once.
template <class T>
struct ShapeColumn {
  Shape<T> shape;
  RuleBeliefs<T> induced;  // B(g), g_i(m) (= induced.marginal), R(g) (= induced.probability)
  PayoffTable<T> payoff;   // U^c[i][m][θ] at B(g)
};

template <class T>
using ColumnList = std::vector<ShapeColumn<T>>;
template <class T>
using NamedValues = std::vector<lp::NamedValue<T>>;

template <class T>
ShapeColumn<T> make_column(const Instance<T>& instance, Shape<T> shape);

// The K² unit shapes e_ab, named "gamma(a,b)" (1-based): with a lottery game
// U is linear in beliefs, so the LP over them is exactly (P_min) in γ(a,b).
template <class T>
ShapeList<T> unit_shapes(std::size_t types);

// A mechanism in reduced form plus, in ex-post mode, its settlement masses.
template <class T>
struct ReducedForm {
  std::vector<T> weights;               // α_c by dictionary column
  Matrix<T> gamma;                      // γ = Σ_c α_c g^c
  T probability = T(0);                 // Pr(𝒢)
  std::array<std::vector<T>, 2> z;      // settlement values z_i(m)
  std::array<Matrix<T>, 2> y;           // escalation values y_i(m; θ)
  std::array<Matrix<T>, 2> settlement;  // s_i(a,b) (ex-post mode; empty otherwise)
};

enum class DesignMode { ex_post, paper_multipliers };

// Cheap degeneracy flags read off the optimal basis: a basic variable at a
// bound (primal degenerate: the duals, hence L̂ and the multipliers, may not be
// unique) and a non-basic variable with zero reduced cost (dual degenerate:
// other optimal mechanisms exist).
struct Degeneracy {
  std::vector<std::string> basic_at_bound;
  std::vector<std::string> nonbasic_zero_cost;
  bool duals_may_differ() const { return !basic_at_bound.empty(); }
  bool optimum_may_differ() const { return !nonbasic_zero_cost.empty(); }
};

// Where each constraint family sits in the LP (SIZE_MAX = absent).
struct DesignIndex {
  std::vector<std::size_t> alpha;                           // column of α_c
  std::array<std::vector<std::size_t>, 2> z;                // paper mode: z_i(θ)
  std::array<std::vector<std::vector<std::size_t>>, 2> ic;  // ic[i][true][report]
  std::array<std::vector<std::size_t>, 2> pc;               // pc[i][θ]
  std::vector<std::vector<std::size_t>> feasibility;        // F(a,b)
  std::size_t rc = SIZE_MAX;                                // paper mode
  struct Border {
    unsigned q1, q2;  // bit θ set = type θ+1 in Q_i
    std::size_t row;
  };
  std::vector<Border> border;  // paper mode
  // solve_symmetric_lottery: player 2's IC/PC rows are player 1's and F(b,a)
  // is F(a,b) (the same row index), each aggregating two rows of the full
  // ex-post LP, whose symmetric duals are therefore half of this LP's (F(a,a)
  // stands for one row: its dual is kept).
  bool symmetric = false;
};

template <class T>
struct DesignResult {
  DesignMode mode = DesignMode::ex_post;
  std::vector<ShapeColumn<T>> columns;
  lp::LinearProgram<T> lp;
  DesignIndex index;
  lp::LpResult<T> solution;
  std::optional<ReducedForm<T>> mechanism;  // when optimal
  std::vector<lp::NamedValue<T>> binding;   // rows at a bound, with duals
  Degeneracy degeneracy;
};

// Validates the instance, builds and solves the LP over the dictionary.
// Throws InputError when the dictionary is empty or a shape is malformed
// ("/shapes/c/..."), or paper mode is asked for K > 6.
template <class T>
DesignResult<T> solve_design(const Instance<T>& instance, ShapeList<T> dictionary,
                             DesignMode mode = DesignMode::ex_post,
                             Progress& progress = Progress::none());

// The same over columns already built (make_column): column generation keeps
// its dictionary's columns between rounds instead of re-solving the game.
template <class T>
DesignResult<T> solve_design_columns(const Instance<T>& instance, ColumnList<T> columns,
                                     DesignMode mode = DesignMode::ex_post,
                                     Progress& progress = Progress::none());

// g_i(m) U_i(m; θ, B(g)): column c's coefficient in y_i(m; θ) (0 off path).
template <class T>
T column_escalation_value(const ShapeColumn<T>& column, std::size_t i, std::size_t report,
                          std::size_t type);

// The column of gᵀ from the column of g, by swapping the players (valid under
// symmetry (S): U_1(m; θ, (β1, β2)) = U_2(m; θ, (β2, β1))), so a mirrored pair
// costs one equilibrium computation. Named "<name>^T".
template <class T>
ShapeColumn<T> mirror_column(const ShapeColumn<T>& column);

// The reduced cost of a new column in an optimal design, from the design's own
// row duals π: R(g) − πᵀa(g), with a(g) the column's coefficients in every row
// of the LP (IC, PC, F and, in paper mode, RC and EP). Works in both modes (spec
// §3.4: "the generic reduced cost R − πᵀa(c) from any LP"); for a column of the
// design it equals the LP's reduced cost. Throws InputError("/mode") when the
// design is not optimal.
template <class T>
T shape_reduced_cost(const DesignResult<T>& design, const std::vector<T>& prior,
                     const ShapeColumn<T>& column);

// The columns of the K² unit shapes of a lottery game, equal to make_column's
// but built from K + 1 payoff tables (a lottery is separable by report).
// Throws InputError("/game", ...) for a belief-dependent game.
template <class T>
ColumnList<T> lottery_unit_columns(const Instance<T>& instance);

// Lottery fast path: the dictionary is the K² unit shapes (exact (P_min)).
// Throws InputError("/game", ...) for a belief-dependent game.
template <class T>
DesignResult<T> solve_lottery(const Instance<T>& instance, DesignMode mode = DesignMode::ex_post,
                              Progress& progress = Progress::none());

// The lottery LP restricted to symmetric mechanisms (spec §3.3, Symmetry):
// γ(a,b) = γ(b,a) as the K(K+1)/2 columns "gamma(a,a)" and
// "gamma(a,b)+gamma(b,a)", s_2(a,b) = s_1(b,a) with columns "s1(a,b)", and only
// player 1's IC and PC rows and F(a,b) for a ≤ b: K(K+1)/2 + K² columns and
// K² + K(K+1)/2 rows (K = 20: 610 × 610 instead of 1200 × 1200). Same optimum
// as solve_lottery (the average of a solution and its mirror is feasible and
// as good), and the mechanism is symmetric as it comes. Index: see
// DesignIndex::symmetric. Throws InputError("/game") for a belief-dependent
// game and InputError("/symmetric") for an instance marked asymmetric.
template <class T>
DesignResult<T> solve_symmetric_lottery(const Instance<T>& instance,
                                        Progress& progress = Progress::none());

// y_i(m; θ) = Σ_c α_c g^c_i(m) U^c_i(m; θ) for given weights.
template <class T>
PayoffTable<T> escalation_values(const ColumnList<T>& columns, const std::vector<T>& weights);

// The lottery optimum made ex-ante symmetric: the average of a solution and
// its mirror (swap players, transpose γ), γ ← (γ + γᵀ)/2, z_1 = z_2 ← average.
// Optimal again because the problem is symmetric and convex. Lottery games
// only (for a belief-dependent game averaging inside a column changes B).
template <class T>
ReducedForm<T> symmetrise_lottery(const Instance<T>& instance, const ReducedForm<T>& mechanism);

// Symmetrisation for belief-dependent games (spec §3.3): the dictionary plus
// every shape's transpose, as a separate column (a public coin that assigns
// roles). Averaging inside one column would change its B. Transposes already
// present (symmetric shapes) are not repeated; a mirror is named "<name>^T".
template <class T>
ShapeList<T> with_mirrors(const ShapeList<T>& dictionary);

// Named IC/PC slacks Π_i(θ;θ) − Π_i(m;θ) and Π_i(θ;θ) − V(θ) of a reduced
// form, and the names of those that hold with equality (exactly in Rational).
template <class T>
NamedValues<T> incentive_slacks(const Instance<T>& instance, const ReducedForm<T>& mechanism);
template <class T>
std::vector<std::string> binding_incentive_constraints(const Instance<T>& instance,
                                                       const ReducedForm<T>& mechanism);

extern template DesignResult<Rational> solve_design(const Instance<Rational>&, ShapeList<Rational>,
                                                    DesignMode, Progress&);
extern template DesignResult<Rational> solve_lottery(const Instance<Rational>&, DesignMode,
                                                     Progress&);
extern template ReducedForm<Rational> symmetrise_lottery(const Instance<Rational>&,
                                                         const ReducedForm<Rational>&);
extern template DesignResult<double> solve_design(const Instance<double>&, ShapeList<double>,
                                                  DesignMode, Progress&);
extern template DesignResult<double> solve_lottery(const Instance<double>&, DesignMode, Progress&);
extern template DesignResult<Rational> solve_symmetric_lottery(const Instance<Rational>&,
                                                               Progress&);
extern template DesignResult<double> solve_symmetric_lottery(const Instance<double>&, Progress&);
extern template ReducedForm<double> symmetrise_lottery(const Instance<double>&,
                                                       const ReducedForm<double>&);

}  // namespace mechlab::mediation
