// Evaluating a basis from scratch in the number type T: the basic solution, the
// row duals and reduced costs, and the checks that make "optimal" a proof when
// T is Rational (primal feasibility, dual feasibility; complementary slackness
// holds by construction and is re-checked).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "mechlab/core/progress.hpp"
#include "mechlab/lp/basis.hpp"
#include "mechlab/lp/linear_program.hpp"

namespace mechlab::lp {

template <class T>
struct BasisEvaluation {
  bool solved = false;  // false: the basis matrix is singular or mis-sized
  std::string defect;   // why not solved, or the first failed check
  bool primal_feasible = false;
  bool dual_feasible = false;
  std::vector<T> x;         // by column
  std::vector<T> activity;  // by row
  // Minimisation form: for a maximisation these are the duals of min -c'x.
  std::vector<T> y;        // by row
  std::vector<T> reduced;  // by column
  double max_primal_violation = 0;
  double max_dual_violation = 0;
};

// Tolerance of the checks in double mode (Clp's own default is 1e-7).
inline constexpr double kFloatCheckTolerance = 1e-9;

template <class T>
BasisEvaluation<T> evaluate_basis(const LinearProgram<T>& lp, const Basis& basis,
                                  Progress& progress = Progress::none());

// An edge of the feasible set along which the objective improves forever:
// feasible point + t * ray is feasible for every t >= 0, and the objective
// changes by `rate` per unit of t (in the programme's own sense).
template <class T>
struct UnboundedEdge {
  std::vector<T> point;  // by column
  std::vector<T> ray;    // by column
  T rate = T(0);
};

// Exact bounded primal simplex (Bland's rule, so it cannot cycle) from a
// primal-feasible basis to an optimal one. Used when Clp's basis is feasible
// in exact arithmetic but misses optimality by a reduced cost inside Clp's
// tolerance. nullopt, with `note` saying why, when the start is not primal
// feasible, an edge is unbounded (then `edge`, if given, receives it: a proof
// of unboundedness), or max_pivots pivots did not suffice.
template <class T>
std::optional<Basis> improve_basis(const LinearProgram<T>& lp, Basis basis, std::size_t max_pivots,
                                   std::string& note, Progress& progress = Progress::none(),
                                   UnboundedEdge<T>* edge = nullptr);

extern template std::optional<Basis> improve_basis(const LinearProgram<Rational>&, Basis,
                                                   std::size_t, std::string&, Progress&,
                                                   UnboundedEdge<Rational>*);
extern template std::optional<Basis> improve_basis(const LinearProgram<double>&, Basis, std::size_t,
                                                   std::string&, Progress&, UnboundedEdge<double>*);
extern template BasisEvaluation<Rational> evaluate_basis(const LinearProgram<Rational>&,
                                                         const Basis&, Progress&);
extern template BasisEvaluation<double> evaluate_basis(const LinearProgram<double>&, const Basis&,
                                                       Progress&);

}  // namespace mechlab::lp
