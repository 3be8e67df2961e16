#include "mechlab/lp/clp_backend.hpp"

#include <ClpSimplex.hpp>
#include <CoinPackedMatrix.hpp>

#include <cfloat>
#include <cmath>

namespace mechlab::lp {

namespace {

double lower_or_inf(const std::optional<double>& b) { return b ? *b : -COIN_DBL_MAX; }
double upper_or_inf(const std::optional<double>& b) { return b ? *b : COIN_DBL_MAX; }

// Clp's own at-lower/at-upper flags for rows follow an internal sign
// convention; the value itself says unambiguously which bound is active.
VarStatus status_from_value(ClpSimplex::Status s, double value, const std::optional<double>& lo,
                            const std::optional<double>& hi) {
  if (s == ClpSimplex::basic) return VarStatus::basic;
  if (lo && hi) {
    return std::fabs(value - *lo) <= std::fabs(value - *hi) ? VarStatus::at_lower
                                                            : VarStatus::at_upper;
  }
  if (lo) return VarStatus::at_lower;
  if (hi) return VarStatus::at_upper;
  return VarStatus::free_zero;
}

}  // namespace

ClpOutcome solve_with_clp(const LinearProgram<double>& lp, const ClpOptions& options) {
  const int n = static_cast<int>(lp.columns.size());
  const int m = static_cast<int>(lp.rows.size());
  std::vector<int> starts{0};
  std::vector<int> index;
  std::vector<double> value;
  index.reserve(lp.nonzeros());
  value.reserve(lp.nonzeros());
  for (const auto& row : lp.rows) {
    for (const auto& t : row.terms) {
      index.push_back(static_cast<int>(t.column));
      value.push_back(t.coefficient);
    }
    starts.push_back(static_cast<int>(index.size()));
  }
  std::vector<int> lengths(static_cast<std::size_t>(m));
  for (int r = 0; r < m; ++r) lengths[r] = starts[r + 1] - starts[r];
  const CoinPackedMatrix matrix(false, n, m, static_cast<CoinBigIndex>(index.size()), value.data(),
                                index.data(), starts.data(), lengths.data());
  std::vector<double> col_lo(n), col_hi(n), obj(n), row_lo(m), row_hi(m);
  // Clp aborts (an assertion in ClpSimplex::createRim) on objective
  // coefficients of 1e25 or more. Scaling the objective by a power of two is
  // exact and leaves the optimal basis, all that the certificate uses, as it is.
  double largest = 0;
  for (const auto& c : lp.columns) largest = std::fmax(largest, std::fabs(c.objective));
  // Only huge objectives are scaled, and only down to about 2^50 ≈ 1e15, so
  // Clp's absolute dual tolerance keeps seeing the smaller coefficients.
  int shift = 0;
  if (largest > 1e20) {
    int exponent = 0;
    (void)std::frexp(largest, &exponent);
    shift = exponent - 50;
  }
  for (int j = 0; j < n; ++j) {
    col_lo[j] = lower_or_inf(lp.columns[j].lower);
    col_hi[j] = upper_or_inf(lp.columns[j].upper);
    obj[j] = std::ldexp(lp.columns[j].objective, -shift);
  }
  for (int r = 0; r < m; ++r) {
    row_lo[r] = lower_or_inf(lp.rows[r].lower);
    row_hi[r] = upper_or_inf(lp.rows[r].upper);
  }

  ClpSimplex model;
  model.setLogLevel(0);
  model.loadProblem(matrix, col_lo.data(), col_hi.data(), obj.data(), row_lo.data(), row_hi.data());
  model.setOptimizationDirection(lp.sense == Sense::maximize ? -1.0 : 1.0);
  if (options.time_limit_seconds)
    model.setMaximumSeconds(std::fmax(*options.time_limit_seconds, 0.01));
  if (options.careful) {
    model.scaling(0);
    model.setPrimalTolerance(1e-10);
    model.setDualTolerance(1e-10);
  }
  if (options.careful) {
    model.primal();
  } else {
    model.dual();
    // Dual simplex may stop on a dual-infeasible start; primal decides.
    if (model.status() != 0 && model.status() != 1 && model.status() != 2) model.primal();
  }

  ClpOutcome out;
  out.iterations = model.numberIterations();
  switch (model.status()) {
    case 0: out.status = ClpStatus::optimal; break;
    case 1: out.status = ClpStatus::infeasible; break;
    case 2: out.status = ClpStatus::unbounded; break;
    case 3: out.status = ClpStatus::stopped; break;
    default: out.status = ClpStatus::failed; break;
  }
  out.message = "Clp status " + std::to_string(model.status()) + "." +
                std::to_string(model.secondaryStatus());
  const double* x = model.primalColumnSolution();
  const double* act = model.primalRowSolution();
  out.x.assign(x, x + n);
  out.objective = std::ldexp(model.objectiveValue(), shift) + lp.objective_constant;
  out.basis.columns.resize(n);
  out.basis.rows.resize(m);
  for (int j = 0; j < n; ++j) {
    out.basis.columns[j] =
        status_from_value(model.getColumnStatus(j), x[j], lp.columns[j].lower, lp.columns[j].upper);
  }
  for (int r = 0; r < m; ++r) {
    out.basis.rows[r] =
        status_from_value(model.getRowStatus(r), act[r], lp.rows[r].lower, lp.rows[r].upper);
  }
  return out;
}

}  // namespace mechlab::lp
