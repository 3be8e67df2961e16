// Belief management as column generation (spec §3.5, Theorem 2 / Lemma 2).
//
// The master is an LP over a dictionary of shapes g (one public-signal
// realisation each): the paper-faithful LP (design.hpp, paper_multipliers
// mode, K ≤ 6), whose duals give the multipliers and the Lagrangian L̂
// (lagrangian.hpp), so that a new shape g prices at
//   rc(g)/R(g) = (1 + δ + η) − δ L̂(B(g)) = δ (L̂* − L̂(B(g)))
// and improves the master iff L̂(B(g)) > L̂*; or the ex-post LP (any K), where
// rc(g) = R(g) − πᵀa(g) from its own row duals π (shape_reduced_cost). Both
// give the same optimum (Prop. 2). The last master also gives Farley's lower
// bound value/(1 − min(0, min rc/R)) over the dictionary and the candidates. Pricing is non-convex
// in g (K² dimensions): candidates are the grid {0, 1/n, …, 1}^{K×K} with max entry 1 for K = 2 (n
// = 24: the 58,849 shapes of spec §4 D) and, for K ≥ 3, coordinate search on that grid from 0/1 and
// seeded random starts. What is certified is exactly this: no shape of the searched candidate set
// prices out (min rc/R ≥ 0 over it), so the master is optimal over the convex hull of dictionary ∪
// candidates. Global optimality over the continuum of shapes is not proven.
//
// Without public signals (Prop. 3, signals = none) the mechanism is one shape:
// `best_single_shape` minimises the one-column LP value over the same kind of
// candidate set (plus coordinate refinement); it is an upper bound, the
// with-signals optimum a lower bound.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "mechlab/core/progress.hpp"
#include "mechlab/mediation/design.hpp"
#include "mechlab/mediation/lagrangian.hpp"

namespace mechlab::mediation {

// Which master prices the shapes. automatic: the paper-mode master priced by
// L̂ for K ≤ 6 (multipliers and L̂ by name come with it), the ex-post master
// priced by its own row duals above (polynomial size, any K).
enum class MasterMode { automatic, ex_post, paper };

struct ColumnGenerationOptions {
  std::size_t grid = 24;          // n: shape entries are multiples of 1/n
  std::size_t starts = 12;        // K ≥ 3: random starts (0/1 starts come on top when K ≤ 3)
  std::size_t max_sweeps = 8;     // coordinate-search sweeps per start
  std::uint64_t seed = 8;         // for the random starts
  std::size_t max_rounds = 30;    // pricing rounds
  std::size_t add_per_round = 4;  // the most negative columns added per round
  double tolerance = 1e-9;        // double: improving iff rc/R < −τ(1 + δ + η)
  bool initial_zero_one = true;   // start with every 0/1 shape when K ≤ 3
  MasterMode master = MasterMode::automatic;
  // With instance.symmetric: price g and its mirror gᵀ as one pair (one
  // equilibrium computation, half the distinct candidates; both enter the
  // dictionary together, which is made mirror-closed first). Off by default.
  bool symmetric_pricing = false;
  // Advanced once per candidate priced and checked once per round (the time
  // limit; the CLI's progress line). Not owned; null: no limit.
  Progress* progress = nullptr;
};

template <class T>
struct PricingRound {
  std::size_t round = 0;
  T value = T(0);  // master Pr(𝒢) before pricing
  // L̂ exists: a paper-mode master whose dual has δ > 0. Otherwise target and
  // best_lagrangian are 0 (the ex-post master, or δ = 0).
  bool lagrangian_defined = false;
  T target = T(0);           // L̂* = (1 + δ + η)/δ
  T best_lagrangian = T(0);  // max L̂(B(g)) over the candidates
  T best_price = T(0);       // min rc/R over the candidates (a pair's rc/R with mirrors)
  // Farley's dual bound value/(1 − min(0, min rc/R)): no mechanism over the
  // dictionary and this round's candidates (and their mirrors, with pairs) has
  // a lower Pr(𝒢). Not a bound over the continuum of shapes (pricing is a
  // heuristic search: spec §5 item 10).
  T bound = T(0);
  std::string best_shape;          // where
  std::size_t candidates = 0;      // shapes priced this round
  std::size_t added = 0;           // columns added
  std::size_t outside_domain = 0;  // candidates the game rejects (GameDomainError), skipped
  double seconds = 0;              // time of the pricing search
};

template <class T>
struct ColumnGenerationResult {
  DesignResult<T> master;  // the last master LP (optimal, certified in Rational)
  DesignMode mode = DesignMode::paper_multipliers;  // the master's formulation
  bool mirrored_pairs = false;                      // symmetric pricing was used
  // The last round's Farley bound (see PricingRound::bound), valid for the
  // final dictionary too (what a round adds comes from its candidates); nullopt
  // when no round priced (infeasible master) or the duals were inconsistent.
  std::optional<T> lower_bound;
  std::vector<PricingRound<T>> rounds;
  std::size_t lp_solves = 0;
  std::size_t initial_columns = 0;
  std::size_t initial_outside_domain = 0;  // dictionary shapes the game rejects, dropped
  std::size_t columns = 0;                 // final dictionary size
  bool converged = false;                  // the last round found no improving candidate
  // What is certified, in words: the candidate set searched in the last
  // round, its size, min rc/R and L̂* (see the header comment).
  std::string certificate;
};

// Throws InputError as solve_design does, and "/types" for K > 6 with
// MasterMode::paper. `initial` is added to the default dictionary (the K²
// unit shapes, the all-ones shape and, with initial_zero_one and K ≤ 3, every
// 0/1 shape).
template <class T>
ColumnGenerationResult<T> generate_columns(const Instance<T>& instance,
                                           const ColumnGenerationOptions& options = {},
                                           ShapeList<T> initial = {});

// The same, starting from exactly `dictionary` (no defaults added).
template <class T>
ColumnGenerationResult<T> generate_columns_from(const Instance<T>& instance,
                                                ShapeList<T> dictionary,
                                                const ColumnGenerationOptions& options = {});

template <class T>
struct SingleShapeResult {
  bool found = false;  // some candidate is feasible
  Shape<T> shape;      // the best one
  T value = T(0);      // its one-column Pr(𝒢): an upper bound without signals
  std::size_t evaluated = 0;
  std::size_t feasible = 0;
  std::size_t outside_domain = 0;  // candidates the game rejects (GameDomainError)
  std::size_t lp_solves = 0;
  std::optional<DesignResult<T>> design;  // the best one-column LP
  std::string searched;                   // the candidate set, in words
};

// Prop. 3: the best single shape (no public signals).
template <class T>
SingleShapeResult<T> best_single_shape(const Instance<T>& instance,
                                       const ColumnGenerationOptions& options = {});

// Every 0/1 shape (2^{K²} − 1 of them; K ≤ 3), named "01[<bits>]".
template <class T>
ShapeList<T> zero_one_shapes(std::size_t types);

extern template ColumnGenerationResult<Rational> generate_columns(const Instance<Rational>&,
                                                                  const ColumnGenerationOptions&,
                                                                  ShapeList<Rational>);
extern template ColumnGenerationResult<Rational> generate_columns_from(
    const Instance<Rational>&, ShapeList<Rational>, const ColumnGenerationOptions&);
extern template SingleShapeResult<Rational> best_single_shape(const Instance<Rational>&,
                                                              const ColumnGenerationOptions&);
extern template ShapeList<Rational> zero_one_shapes(std::size_t);
extern template ColumnGenerationResult<double> generate_columns(const Instance<double>&,
                                                                const ColumnGenerationOptions&,
                                                                ShapeList<double>);
extern template ColumnGenerationResult<double> generate_columns_from(
    const Instance<double>&, ShapeList<double>, const ColumnGenerationOptions&);
extern template SingleShapeResult<double> best_single_shape(const Instance<double>&,
                                                            const ColumnGenerationOptions&);
extern template ShapeList<double> zero_one_shapes(std::size_t);

}  // namespace mechlab::mediation
