#include "mechlab/lp/certified_solve.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "mechlab/lp/clp_backend.hpp"
#include "mechlab/lp/exact_basis.hpp"

namespace mechlab::lp {

namespace {

template <class T>
LinearProgram<double> as_double(const LinearProgram<T>& lp) {
  if constexpr (NumberTraits<T>::exact) {
    return to_double(lp);
  } else {
    return lp;
  }
}

template <class T>
std::vector<T> from_double(const std::vector<double>& v) {
  std::vector<T> out;
  out.reserve(v.size());
  for (const double d : v) {
    if constexpr (NumberTraits<T>::exact) {
      out.push_back(rational_from_double(d));
    } else {
      out.push_back(d);
    }
  }
  return out;
}

// An optimum found by Clp and checked in T: Clp is asked twice (the second
// time with tight tolerances and no scaling) before the check is given up.
template <class T>
struct Optimum {
  ClpStatus clp_status = ClpStatus::failed;
  bool checked = false;
  BasisEvaluation<T> evaluation;
  Basis basis;
  std::vector<double> clp_x;
  std::string note;
  int iterations = 0;
  // Set when the exact simplex repair walked onto an unbounded improving edge.
  std::optional<UnboundedEdge<T>> edge;
};

template <class T>
Optimum<T> optimize(const LinearProgram<T>& lp, Progress& progress) {
  Optimum<T> best;
  const LinearProgram<double> approx = as_double(lp);
  for (const bool careful : {false, true}) {
    ClpOptions options;
    options.time_limit_seconds = progress.remaining_seconds();
    options.careful = careful;
    ClpOutcome outcome = solve_with_clp(approx, options);
    best.iterations += outcome.iterations;
    best.clp_status = outcome.status;
    if (outcome.status == ClpStatus::stopped) progress.check();  // throws on the time limit
    if (outcome.status != ClpStatus::optimal) {
      best.note = outcome.message;
      return best;
    }
    best.evaluation = evaluate_basis(lp, outcome.basis, progress);
    best.basis = std::move(outcome.basis);
    best.clp_x = std::move(outcome.x);
    best.checked = best.evaluation.solved && best.evaluation.defect.empty();
    best.note = best.evaluation.defect;
    if (best.checked) break;
  }
  // Feasible but not optimal in exact arithmetic: finish with exact pivots.
  if (!best.checked && best.evaluation.solved && best.evaluation.primal_feasible) {
    std::string why;
    const std::size_t limit = 100 + 2 * (lp.columns.size() + lp.rows.size());
    UnboundedEdge<T> edge;
    if (auto basis = improve_basis(lp, best.basis, limit, why, progress, &edge)) {
      best.basis = std::move(*basis);
      best.evaluation = evaluate_basis(lp, best.basis, progress);
      best.checked = best.evaluation.solved && best.evaluation.defect.empty();
      best.note = best.evaluation.defect;
    } else {
      best.note += "; exact simplex repair: " + why;
      if (!edge.ray.empty()) best.edge = std::move(edge);
    }
  }
  return best;
}

// min sum of elastic variables: zero exactly when the programme is feasible.
template <class T>
LinearProgram<T> phase_one(const LinearProgram<T>& lp) {
  LinearProgram<T> p;
  p.name = lp.name + "-phase1";
  p.columns = lp.columns;
  for (auto& c : p.columns) c.objective = T(0);
  p.rows = lp.rows;
  for (std::size_t r = 0; r < p.rows.size(); ++r) {
    const std::size_t plus = p.add_column(fmt::format("elastic+{}", r), T(0), std::nullopt, T(1));
    const std::size_t minus = p.add_column(fmt::format("elastic-{}", r), T(0), std::nullopt, T(1));
    p.rows[r].terms.push_back({plus, T(1)});
    p.rows[r].terms.push_back({minus, T(-1)});
  }
  return p;
}

// The recession cone of the feasible set, boxed to [-1, 1]: its optimum is
// strictly improving exactly when the (feasible) programme is unbounded.
template <class T>
LinearProgram<T> ray_programme(const LinearProgram<T>& lp) {
  LinearProgram<T> p;
  p.name = lp.name + "-ray";
  p.sense = lp.sense;
  for (const auto& c : lp.columns) {
    p.add_column(c.name, c.lower ? std::optional<T>(T(0)) : std::optional<T>(T(-1)),
                 c.upper ? std::optional<T>(T(0)) : std::optional<T>(T(1)), c.objective);
  }
  for (const auto& r : lp.rows) {
    if (!r.lower && !r.upper) continue;
    p.add_row(r.name, r.terms, r.lower ? std::optional<T>(T(0)) : std::nullopt,
              r.upper ? std::optional<T>(T(0)) : std::nullopt);
  }
  return p;
}

// sup (or inf) of sum_i a_i z_i over lo_i <= z_i <= hi_i; nullopt if infinite.
template <class T>
struct BoxTerm {
  T coefficient;
  const std::optional<T>* lower;
  const std::optional<T>* upper;
};

template <class T>
std::optional<T> box_extreme(const std::vector<BoxTerm<T>>& terms, bool want_sup) {
  T total(0);
  for (const auto& t : terms) {
    const int s = sign_of(t.coefficient);
    if (s == 0) continue;
    const std::optional<T>& bound = (s > 0) == want_sup ? *t.upper : *t.lower;
    if (!bound) return std::nullopt;
    total += t.coefficient * *bound;
  }
  return total;
}

// Checks y as a Farkas certificate of lp: y'(Ax) - y's is identically 0 on the
// feasible set, so a sign on the whole box proves there is none. Normalises y
// so that the supremum is the negative one.
template <class T>
bool check_farkas(const LinearProgram<T>& lp, std::vector<T>& y, T& bound) {
  std::vector<T> w(lp.columns.size(), T(0));
  for (std::size_t r = 0; r < lp.rows.size(); ++r) {
    for (const auto& t : lp.rows[r].terms) w[t.column] += y[r] * t.coefficient;
  }
  std::vector<BoxTerm<T>> terms;
  for (std::size_t j = 0; j < lp.columns.size(); ++j) {
    terms.push_back({w[j], &lp.columns[j].lower, &lp.columns[j].upper});
  }
  for (std::size_t r = 0; r < lp.rows.size(); ++r) {
    terms.push_back({T(-y[r]), &lp.rows[r].lower, &lp.rows[r].upper});
  }
  if (const auto sup = box_extreme(terms, true); sup && sign_of(*sup) < 0) {
    bound = *sup;
    return true;
  }
  if (const auto inf = box_extreme(terms, false); inf && sign_of(*inf) > 0) {
    for (T& v : y) v = -v;
    bound = -*inf;
    return true;
  }
  return false;
}

template <class T>
void fill_optimal(const LinearProgram<T>& lp, const Optimum<T>& opt, LpResult<T>& out) {
  out.status = SolveStatus::optimal;
  const auto& ev = opt.evaluation;
  out.basis = opt.basis;
  if (!ev.solved) {
    out.x = from_double<T>(opt.clp_x);
    out.activity = row_activities(lp, out.x);
    out.objective = objective_value(lp, out.x);
    return;
  }
  const bool maximize = lp.sense == Sense::maximize;
  out.x = ev.x;
  out.activity = ev.activity;
  out.objective = objective_value(lp, out.x);
  out.duals = ev.y;
  out.reduced_costs = ev.reduced;
  if (maximize) {
    for (T& v : out.duals) v = -v;
    for (T& v : out.reduced_costs) v = -v;
  }
  out.max_primal_violation = ev.max_primal_violation;
  out.max_dual_violation = ev.max_dual_violation;
}

// Sets out to the unboundedness proved by an exactly feasible point and ray.
template <class T>
void set_unbounded(const UnboundedEdge<T>& edge, LpResult<T>& out) {
  out.status = SolveStatus::unbounded;
  out.feasible_point = edge.point;
  out.ray = edge.ray;
  out.ray_rate = edge.rate;
  out.certified = NumberTraits<T>::exact;
  out.note = out.certified ? "" : "double precision";
}

// Decides the programme from scratch when Clp's answer cannot be proved: an
// exact phase 1 proves infeasibility (Farkas) or gives a feasible vertex; from
// there a ray programme proves unboundedness, or the exact simplex walks to a
// proved optimum (or onto an unbounded edge). Returns false, leaving `out`
// untouched, when nothing could be proved; `why` then says what stopped it.
template <class T>
bool decide_exactly(const LinearProgram<T>& lp, Progress& progress, LpResult<T>& out,
                    std::string& why) {
  const bool exact = NumberTraits<T>::exact;
  const std::size_t n = lp.columns.size();
  const LinearProgram<T> p1 = phase_one(lp);
  const Optimum<T> feas = optimize(p1, progress);
  out.clp_iterations += feas.iterations;
  if (!feas.checked) {
    why = "the phase-1 programme could not be checked: " + feas.note;
    return false;
  }
  const T infeasibility = objective_value(p1, feas.evaluation.x);
  if (sign_of(infeasibility) > 0) {
    std::vector<T> farkas = feas.evaluation.y;
    T bound(0);
    if (!check_farkas(lp, farkas, bound)) {
      why = "the phase-1 duals do not form a Farkas certificate";
      return false;
    }
    out.status = SolveStatus::infeasible;
    out.farkas = std::move(farkas);
    out.farkas_bound = bound;
    out.certified = exact;
    out.note = exact ? "" : "double precision; Farkas vector checked within tolerance";
    return true;
  }
  // Feasible. An improving ray of the recession cone proves unboundedness.
  const LinearProgram<T> rays = ray_programme(lp);
  const Optimum<T> ray = optimize(rays, progress);
  out.clp_iterations += ray.iterations;
  if (ray.checked) {
    const T rate = objective_value(rays, ray.evaluation.x);
    if ((lp.sense == Sense::minimize ? -sign_of(rate) : sign_of(rate)) > 0) {
      UnboundedEdge<T> edge;
      edge.point.assign(feas.evaluation.x.begin(),
                        feas.evaluation.x.begin() + static_cast<long>(n));
      edge.ray = ray.evaluation.x;
      edge.rate = rate;
      set_unbounded(edge, out);
      return true;
    }
  }
  // Bounded (or undecided): walk from the phase-1 vertex. It is a basis of
  // the programme itself when no elastic column is basic.
  for (std::size_t j = n; j < p1.columns.size(); ++j) {
    if (feas.basis.columns[j] == VarStatus::basic) {
      why =
          "the programme is feasible, but its phase-1 vertex is degenerate in the elastic columns";
      return false;
    }
  }
  Basis start;
  start.columns.assign(feas.basis.columns.begin(),
                       feas.basis.columns.begin() + static_cast<long>(n));
  start.rows = feas.basis.rows;
  UnboundedEdge<T> edge;
  const std::size_t limit = 100 + 2 * (n + lp.rows.size());
  const auto basis = improve_basis(lp, start, limit, why, progress, &edge);
  if (!basis) {
    if (edge.ray.empty()) return false;
    set_unbounded(edge, out);
    return true;
  }
  Optimum<T> opt;
  opt.basis = *basis;
  opt.evaluation = evaluate_basis(lp, *basis, progress);
  if (!opt.evaluation.solved || !opt.evaluation.defect.empty()) {
    why = opt.evaluation.defect;
    return false;
  }
  fill_optimal(lp, opt, out);
  out.certified = exact;
  out.note = exact ? "" : "double precision";
  return true;
}

}  // namespace

template <class T>
LpResult<T> solve(const LinearProgram<T>& lp, Progress& progress) {
  validate(lp);
  LpResult<T> out;
  const double started = progress.elapsed_seconds();
  auto finish = [&]() -> LpResult<T> {
    out.seconds = progress.elapsed_seconds() - started;
    return std::move(out);
  };
  const bool exact = NumberTraits<T>::exact;

  const Optimum<T> main = optimize(lp, progress);
  out.clp_iterations = main.iterations;
  if (main.edge) {
    // Clp stopped at a point that is exactly feasible, from which an exact
    // edge improves without end: that is the proof of unboundedness.
    set_unbounded(*main.edge, out);
    if (exact) out.note = "Clp reported an optimum; exact pivots found an unbounded edge";
    return finish();
  }
  if (main.clp_status == ClpStatus::optimal && main.checked) {
    fill_optimal(lp, main, out);
    out.certified = exact;
    if (!exact) {
      out.note = fmt::format("double precision; checks passed within {}", kFloatCheckTolerance);
    }
    return finish();
  }
  if (main.clp_status == ClpStatus::stopped) {
    out.note = main.note;  // an iteration limit: the time limit has thrown already
    return finish();
  }
  // Clp's optimum did not survive the check, or Clp said infeasible,
  // unbounded or failed: decide exactly.
  std::string why;
  if (decide_exactly(lp, progress, out, why)) return finish();
  if (main.clp_status == ClpStatus::optimal) {
    fill_optimal(lp, main, out);  // Clp's answer, reported as unproved
    out.note = main.note + "; exact decision: " + why;
    return finish();
  }
  const char* said = main.clp_status == ClpStatus::infeasible  ? "reported it infeasible"
                     : main.clp_status == ClpStatus::unbounded ? "reported it unbounded"
                                                               : "failed";
  out.note = fmt::format("Clp {} ({}), and the exact decision stopped: {}", said, main.note, why);
  return finish();
}

template <class T>
std::string status_text(const LpResult<T>& result) {
  std::string base;
  std::string proof;
  switch (result.status) {
    case SolveStatus::optimal:
      base = "optimal";
      proof = "certified";
      break;
    case SolveStatus::infeasible:
      base = "infeasible";
      proof = "certified by a Farkas vector";
      break;
    case SolveStatus::unbounded:
      base = "unbounded";
      proof = "certified by a feasible point and a ray";
      break;
    case SolveStatus::not_solved: return "not solved: " + result.note;
  }
  if (result.certified) return fmt::format("{} ({})", base, proof);
  return fmt::format("{} (float only: {})", base, result.note);
}

namespace {

template <class T>
bool at_bound(const std::optional<T>& bound, const T& v) {
  if (!bound) return false;
  if constexpr (NumberTraits<T>::exact) {
    return *bound == v;
  } else {
    return std::fabs(*bound - v) <= kFloatCheckTolerance * (1 + std::fabs(*bound));
  }
}

}  // namespace

template <class T>
std::vector<NamedValue<T>> binding_rows(const LinearProgram<T>& lp, const LpResult<T>& result) {
  std::vector<NamedValue<T>> out;
  if (result.status != SolveStatus::optimal) return out;
  for (std::size_t k = 0; k < lp.rows.size(); ++k) {
    const auto& row = lp.rows[k];
    if (at_bound(row.lower, result.activity[k]) || at_bound(row.upper, result.activity[k])) {
      out.push_back({row.name, result.duals.empty() ? T(0) : result.duals[k]});
    }
  }
  // The multipliers that price a constraint first; ties keep the row order.
  std::stable_partition(out.begin(), out.end(),
                        [](const NamedValue<T>& b) { return sign_of(b.value) != 0; });
  return out;
}

template <class T>
std::vector<NamedValue<T>> farkas_rows(const LinearProgram<T>& lp, const LpResult<T>& result) {
  std::vector<NamedValue<T>> out;
  if (result.status != SolveStatus::infeasible || result.farkas.empty()) return out;
  for (std::size_t k = 0; k < lp.rows.size(); ++k) {
    if (sign_of(result.farkas[k]) != 0) out.push_back({lp.rows[k].name, result.farkas[k]});
  }
  return out;
}

template std::vector<NamedValue<Rational>> binding_rows(const LinearProgram<Rational>&,
                                                        const LpResult<Rational>&);
template std::vector<NamedValue<double>> binding_rows(const LinearProgram<double>&,
                                                      const LpResult<double>&);
template std::vector<NamedValue<Rational>> farkas_rows(const LinearProgram<Rational>&,
                                                       const LpResult<Rational>&);
template std::vector<NamedValue<double>> farkas_rows(const LinearProgram<double>&,
                                                     const LpResult<double>&);
template LpResult<Rational> solve(const LinearProgram<Rational>&, Progress&);
template LpResult<double> solve(const LinearProgram<double>&, Progress&);
template std::string status_text(const LpResult<Rational>&);
template std::string status_text(const LpResult<double>&);

}  // namespace mechlab::lp
