// Automated mechanism design (Conitzer–Sandholm): the optimal direct mechanism
// for a finite environment as a linear programme.
//
// Variables: q(c|t) >= 0 with Σ_c q(c|t) = 1 (when the outcome rule is free;
// otherwise q is fixed data) and x_i(t), the transfer paid to agent i (free
// sign unless bounded). Constraints, each a named row:
//   BIC[agent=i,true=τ,report=ρ]                interim IC (beliefs P(t_{-i}|τ))
//   DSIC[agent=i,true=τ,report=ρ,others=(..)]   IC at every profile of the others
//                                               (ex post IC with several states)
//   IR_ex_post[agent=i,t=(..)], IR_interim[agent=i,type=τ], IR_ex_ante[agent=i]
//   BB_ex_post[t=(..)] (Σ_i x_i(t) = 0), BB_ex_ante (E Σ_i x_i = 0),
//   Feasible[t=(..)] (Σ_i x_i(t) <= 0)
//   Lottery[t=(..)] (Σ_c q(c|t) = 1), Subsidy[t=(..)] (Σ_i x_i(t) <= s, min_subsidy)
// The payoff of agent i reporting ρ when τ is true (others truthful) is
// Σ_c q(c|ρ,t_{-i}) v̂_i(c; τ,t_{-i}) + x_i(ρ,t_{-i}): values are judged at
// the true profile (model.hpp value_hat).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "mechlab/core/progress.hpp"
#include "mechlab/io/json.hpp"
#include "mechlab/lp/certified_solve.hpp"
#include "mechlab/lp/linear_program.hpp"
#include "mechlab/mechanism/audit.hpp"
#include "mechlab/mechanism/model.hpp"

namespace mechlab::mechanism {

enum class IcConstraint { none, bic, dsic };
enum class IrConstraint { none, ex_post, interim, ex_ante };
enum class BudgetConstraint { none, ex_post, ex_ante, feasible };
enum class DesignObjective { revenue, welfare, min_subsidy, feasibility, linear };

// A user-given linear objective: the sense plus a coefficient on every
// variable (coefficients on a fixed q become a constant).
template <class T>
struct LinearObjective {
  lp::Sense sense = lp::Sense::maximize;
  std::vector<T> outcome;                 // on q(c|t), at t·|C| + c
  std::vector<std::vector<T>> transfers;  // on x_i(t), by agent then profile
};

template <class T>
struct DesignSpec {
  // "free": q is designed; otherwise `outcome` holds the fixed q(c|t).
  bool free_outcome = true;
  std::string outcome_name = "free";  // "free", "efficient", "table"
  std::vector<T> outcome;
  DesignObjective objective = DesignObjective::revenue;
  LinearObjective<T> linear;  // the user's coefficients (objective == linear only)
  IcConstraint ic = IcConstraint::bic;
  IrConstraint ir = IrConstraint::interim;
  BudgetConstraint budget = BudgetConstraint::none;
  std::optional<T> transfer_lower;  // bounds on every x_i(t)
  std::optional<T> transfer_upper;
};

// The "design" object of a model file. Throws InputError with a JSON pointer.
template <class T>
DesignSpec<T> read_design(const io::Node& node, const Problem<T>& problem,
                          const io::ReadOptions& options = {});

// A whole file for `mechanism design`: the problem and its "design" object
// (an InputError at the root when the file has none).
template <class T>
struct DesignModel {
  Problem<T> problem;
  DesignSpec<T> spec;
};
template <class T>
DesignModel<T> read_design_model(const io::Node& root, const io::ReadOptions& options = {});

// The programme and where its variables are.
template <class T>
struct DesignLp {
  lp::LinearProgram<T> lp;
  std::vector<std::size_t> q_column;               // at t·|C| + c (empty for a fixed outcome)
  std::vector<std::vector<std::size_t>> x_column;  // by agent, profile
  std::optional<std::size_t> subsidy_column;       // min_subsidy only
};

// The objective as coefficients on q and x: revenue −Σ_t P(t) Σ_i x_i(t),
// welfare Σ_t P(t) Σ_c q(c|t) Σ_i v̂_i(c; t), zero for feasibility, the user's
// for linear (min_subsidy has its own column and is not linear in this sense).
template <class T>
LinearObjective<T> objective_coefficients(const Problem<T>& problem, const DesignSpec<T>& spec);

template <class T>
DesignLp<T> build_design_lp(const Problem<T>& problem, const DesignSpec<T>& spec,
                            Progress& progress = Progress::none());

// A row with its multiplier (a dual value or a Farkas multiplier).
template <class T>
using NamedValue = lp::NamedValue<T>;

template <class T>
struct DesignResult {
  lp::LpResult<T> lp;
  // status == optimal: the mechanism, its objective value in the spec's sense,
  // and its expected revenue −E Σ x_i and welfare E Σ_i v̂_i.
  std::optional<Mechanism<T>> mechanism;
  T objective = T(0);
  T revenue = T(0);
  T welfare = T(0);
  std::optional<T> subsidy;  // min_subsidy: the smallest worst-case deficit
  // Rows at a bound, with their duals (d objective / d bound): those with a
  // non-zero dual first, each group in row order.
  std::vector<NamedValue<T>> binding;
  // status == infeasible: the non-zero Farkas multipliers, by row, and the
  // bound they prove (sup of Σ_r y_r (a_r x − s_r) over the box, < 0).
  std::vector<NamedValue<T>> farkas;
  T farkas_bound = T(0);
  double build_seconds = 0;
};

// Builds the programme, solves it with lp::solve and reads the answer back.
template <class T>
DesignResult<T> solve_design(const Problem<T>& problem, const DesignLp<T>& design,
                             const DesignSpec<T>& spec, Progress& progress = Progress::none());

template <class T>
DesignResult<T> design(const Problem<T>& problem, const DesignSpec<T>& spec,
                       Progress& progress = Progress::none());

// The audit properties that the spec's constraint rows impose, for checking an
// optimal design independently of the LP (audit.hpp): BIC -> bayesian_ic;
// DSIC -> dsic with private values, ex_post_ic with states (the LP's DSIC rows
// hold the others truthful there); IR and budget rows -> their properties.
template <class T>
std::vector<Property> imposed_properties(const Problem<T>& problem, const DesignSpec<T>& spec);

// The file's spelling: "bic", "ex_post", "min_subsidy", ...
const char* name_of(IcConstraint c);
const char* name_of(IrConstraint c);
const char* name_of(BudgetConstraint c);
const char* name_of(DesignObjective o);

// Renderers (design_report.cpp). `show` caps the rows of the constraint tables
// in the text report (the JSON lists all).
template <class T>
nlohmann::json to_json(const Problem<T>& problem, const DesignSpec<T>& spec,
                       const DesignLp<T>& design, const DesignResult<T>& result);
template <class T>
std::string to_text(const Problem<T>& problem, const DesignSpec<T>& spec, const DesignLp<T>& design,
                    const DesignResult<T>& result, std::size_t show);

extern template DesignSpec<Rational> read_design(const io::Node&, const Problem<Rational>&,
                                                 const io::ReadOptions&);
extern template DesignSpec<double> read_design(const io::Node&, const Problem<double>&,
                                               const io::ReadOptions&);
extern template DesignModel<Rational> read_design_model(const io::Node&, const io::ReadOptions&);
extern template DesignModel<double> read_design_model(const io::Node&, const io::ReadOptions&);
extern template DesignLp<Rational> build_design_lp(const Problem<Rational>&,
                                                   const DesignSpec<Rational>&, Progress&);
extern template DesignLp<double> build_design_lp(const Problem<double>&, const DesignSpec<double>&,
                                                 Progress&);
extern template DesignResult<Rational> solve_design(const Problem<Rational>&,
                                                    const DesignLp<Rational>&,
                                                    const DesignSpec<Rational>&, Progress&);
extern template DesignResult<double> solve_design(const Problem<double>&, const DesignLp<double>&,
                                                  const DesignSpec<double>&, Progress&);
extern template DesignResult<Rational> design(const Problem<Rational>&, const DesignSpec<Rational>&,
                                              Progress&);
extern template DesignResult<double> design(const Problem<double>&, const DesignSpec<double>&,
                                            Progress&);
extern template nlohmann::json to_json(const Problem<Rational>&, const DesignSpec<Rational>&,
                                       const DesignLp<Rational>&, const DesignResult<Rational>&);
extern template nlohmann::json to_json(const Problem<double>&, const DesignSpec<double>&,
                                       const DesignLp<double>&, const DesignResult<double>&);
extern template std::string to_text(const Problem<Rational>&, const DesignSpec<Rational>&,
                                    const DesignLp<Rational>&, const DesignResult<Rational>&,
                                    std::size_t);
extern template std::string to_text(const Problem<double>&, const DesignSpec<double>&,
                                    const DesignLp<double>&, const DesignResult<double>&,
                                    std::size_t);

}  // namespace mechlab::mechanism
