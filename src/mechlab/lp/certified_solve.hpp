// Solving a LinearProgram with Clp and certifying the answer in T.
//
// With T = Rational the result is a proof: the optimal basis is recomputed
// exactly and checked for primal and dual feasibility (complementary slackness
// holds by construction); infeasibility comes with a Farkas vector checked
// exactly; unboundedness with an exact feasible point and an exact improving
// ray. With T = double the same checks run within a tolerance and the result
// says "float only".
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "mechlab/core/progress.hpp"
#include "mechlab/lp/basis.hpp"
#include "mechlab/lp/linear_program.hpp"

namespace mechlab::lp {

enum class SolveStatus { optimal, infeasible, unbounded, not_solved };

template <class T>
struct LpResult {
  SolveStatus status = SolveStatus::not_solved;
  // True when the verdict was checked exactly (only possible with Rational).
  bool certified = false;
  // Why the verdict is not certified, or why nothing was solved.
  std::string note;

  // status == optimal
  T objective = T(0);
  std::vector<T> x;         // by column
  std::vector<T> activity;  // by row
  // d(optimal objective)/d(active bound of the row), in the programme's own
  // sense: zero for a row whose bounds are slack.
  std::vector<T> duals;          // by row
  std::vector<T> reduced_costs;  // by column, same convention
  Basis basis;
  double max_primal_violation = 0;
  double max_dual_violation = 0;

  // status == infeasible: y by row with sup over the bounds of
  // y'(Ax) - y's < 0, where s is the row activity: no x meets every row.
  std::vector<T> farkas;
  T farkas_bound = T(0);

  // status == unbounded: a feasible point plus a ray d (by column) keeping
  // every bound, with objective rate c'd (< 0 when minimising, > 0 maximising).
  std::vector<T> feasible_point;
  std::vector<T> ray;
  T ray_rate = T(0);

  int clp_iterations = 0;
  double seconds = 0;
};

// A row's name with a number attached (a dual, a Farkas multiplier).
template <class T>
struct NamedValue {
  std::string name;
  T value;
};

// status == optimal: the rows at a bound with their duals (d objective / d
// bound), those with a non-zero dual first, each group in row order.
template <class T>
std::vector<NamedValue<T>> binding_rows(const LinearProgram<T>& lp, const LpResult<T>& result);

// status == infeasible: the rows with a non-zero Farkas multiplier.
template <class T>
std::vector<NamedValue<T>> farkas_rows(const LinearProgram<T>& lp, const LpResult<T>& result);

// "optimal (certified)", "optimal (float only: <note>)", "infeasible", ...
template <class T>
std::string status_text(const LpResult<T>& result);

template <class T>
LpResult<T> solve(const LinearProgram<T>& lp, Progress& progress = Progress::none());

extern template LpResult<Rational> solve(const LinearProgram<Rational>&, Progress&);
extern template LpResult<double> solve(const LinearProgram<double>&, Progress&);
extern template std::vector<NamedValue<Rational>> binding_rows(const LinearProgram<Rational>&,
                                                               const LpResult<Rational>&);
extern template std::vector<NamedValue<double>> binding_rows(const LinearProgram<double>&,
                                                             const LpResult<double>&);
extern template std::vector<NamedValue<Rational>> farkas_rows(const LinearProgram<Rational>&,
                                                              const LpResult<Rational>&);
extern template std::vector<NamedValue<double>> farkas_rows(const LinearProgram<double>&,
                                                            const LpResult<double>&);
extern template std::string status_text(const LpResult<Rational>&);
extern template std::string status_text(const LpResult<double>&);

}  // namespace mechlab::lp
