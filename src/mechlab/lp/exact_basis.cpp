#include "mechlab/lp/exact_basis.hpp"

#include <fmt/format.h>

#include <cmath>
#include <optional>

#include "mechlab/core/error.hpp"

namespace mechlab::lp {

namespace {

template <class T>
bool is_zero(const T& x) {
  if constexpr (NumberTraits<T>::exact) {
    return sgn(x) == 0;
  } else {
    return x == 0.0;
  }
}

template <class T>
double magnitude(const T& x) {
  return std::fabs(NumberTraits<T>::to_double(x));
}

// P A = L U with L unit lower triangular, stored in one dense square array. The
// basis matrices mechlab certifies are small and sparse-ish: zero entries are
// skipped, which is most of the work saved.
template <class T>
class DenseLu {
 public:
  bool factor(std::vector<std::vector<T>> a, Progress& progress) {
    lu_ = std::move(a);
    const std::size_t n = lu_.size();
    perm_.resize(n);
    for (std::size_t i = 0; i < n; ++i) perm_[i] = i;
    double scale = 0;
    if constexpr (!NumberTraits<T>::exact) {
      for (const auto& row : lu_) {
        for (const T& v : row) scale = std::fmax(scale, magnitude(v));
      }
    }
    std::vector<std::size_t> nz;
    for (std::size_t k = 0; k < n; ++k) {
      progress.check();
      std::size_t p = n;
      if constexpr (NumberTraits<T>::exact) {
        // The nonzero pivot with the smallest numbers keeps the fractions small.
        std::size_t best = 0;
        for (std::size_t i = k; i < n; ++i) {
          if (is_zero(lu_[i][k])) continue;
          const std::size_t size =
              mpz_size(lu_[i][k].get_num_mpz_t()) + mpz_size(lu_[i][k].get_den_mpz_t());
          if (p == n || size < best) {
            p = i;
            best = size;
          }
        }
      } else {
        double best = 1e-11 * std::fmax(scale, 1.0);
        for (std::size_t i = k; i < n; ++i) {
          if (magnitude(lu_[i][k]) > best) {
            p = i;
            best = magnitude(lu_[i][k]);
          }
        }
      }
      if (p == n) return false;
      std::swap(lu_[k], lu_[p]);
      std::swap(perm_[k], perm_[p]);
      nz.clear();
      for (std::size_t j = k + 1; j < n; ++j) {
        if (!is_zero(lu_[k][j])) nz.push_back(j);
      }
      for (std::size_t i = k + 1; i < n; ++i) {
        if (is_zero(lu_[i][k])) continue;
        lu_[i][k] /= lu_[k][k];
        const T f = lu_[i][k];
        for (const std::size_t j : nz) lu_[i][j] -= f * lu_[k][j];
      }
    }
    return true;
  }

  // A x = b.
  std::vector<T> solve(const std::vector<T>& b) const {
    const std::size_t n = lu_.size();
    std::vector<T> z(n);
    for (std::size_t i = 0; i < n; ++i) z[i] = b[perm_[i]];
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t j = 0; j < i; ++j) {
        if (!is_zero(lu_[i][j]) && !is_zero(z[j])) z[i] -= lu_[i][j] * z[j];
      }
    }
    for (std::size_t i = n; i-- > 0;) {
      for (std::size_t j = i + 1; j < n; ++j) {
        if (!is_zero(lu_[i][j]) && !is_zero(z[j])) z[i] -= lu_[i][j] * z[j];
      }
      z[i] /= lu_[i][i];
    }
    return z;
  }

  // A' y = c, from A' = U' L' P.
  std::vector<T> solve_transposed(const std::vector<T>& c) const {
    const std::size_t n = lu_.size();
    std::vector<T> w(c);
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t j = 0; j < i; ++j) {
        if (!is_zero(lu_[j][i]) && !is_zero(w[j])) w[i] -= lu_[j][i] * w[j];
      }
      w[i] /= lu_[i][i];
    }
    for (std::size_t i = n; i-- > 0;) {
      for (std::size_t j = i + 1; j < n; ++j) {
        if (!is_zero(lu_[j][i]) && !is_zero(w[j])) w[i] -= lu_[j][i] * w[j];
      }
    }
    std::vector<T> y(n);
    for (std::size_t i = 0; i < n; ++i) y[perm_[i]] = w[i];
    return y;
  }

 private:
  std::vector<std::vector<T>> lu_;
  std::vector<std::size_t> perm_;
};

// The value a nonbasic variable takes, or nullopt when its status names an infinite bound.
template <class T>
std::optional<T> nonbasic_value(VarStatus s, const std::optional<T>& lo,
                                const std::optional<T>& hi) {
  switch (s) {
    case VarStatus::at_lower: return lo;
    case VarStatus::at_upper: return hi;
    case VarStatus::free_zero: return T(0);
    case VarStatus::basic: break;
  }
  return std::nullopt;
}

// Records a violation of size v (> tolerance) on the named variable.
template <class T>
class Checker {
 public:
  explicit Checker(double& worst) : worst_(worst) {}
  void add(const T& v, const T& reference, const std::string& what) {
    if (sign_of(v) <= 0) return;
    const double d = NumberTraits<T>::to_double(v);
    if constexpr (!NumberTraits<T>::exact) {
      if (d <= kFloatCheckTolerance * (1.0 + std::fabs(NumberTraits<T>::to_double(reference)))) {
        return;
      }
    }
    worst_ = std::fmax(worst_, d);
    if (first.empty()) first = fmt::format("{} by {}", what, NumberTraits<T>::to_text(v));
  }
  std::string first;

 private:
  double& worst_;
};

}  // namespace

template <class T>
BasisEvaluation<T> evaluate_basis(const LinearProgram<T>& lp, const Basis& basis,
                                  Progress& progress) {
  const std::size_t n = lp.columns.size();
  const std::size_t m = lp.rows.size();
  if (basis.columns.size() != n || basis.rows.size() != m) {
    throw InternalError("evaluate_basis: basis does not match the programme");
  }
  BasisEvaluation<T> out;
  out.x.assign(n, T(0));
  out.y.assign(m, T(0));

  std::vector<std::size_t> pos_col(n, n);
  std::vector<std::size_t> pos_row(m, m);
  std::size_t basic_columns = 0;
  std::size_t tight_rows = 0;
  for (std::size_t j = 0; j < n; ++j) {
    const auto& c = lp.columns[j];
    if (basis.columns[j] == VarStatus::basic) {
      pos_col[j] = basic_columns++;
      continue;
    }
    const auto v = nonbasic_value(basis.columns[j], c.lower, c.upper);
    if (!v) {
      out.defect = fmt::format("column {} is {} but that bound is infinite", c.name,
                               to_string(basis.columns[j]));
      return out;
    }
    out.x[j] = *v;
  }
  std::vector<T> rhs;
  for (std::size_t r = 0; r < m; ++r) {
    if (basis.rows[r] == VarStatus::basic) continue;
    const auto& row = lp.rows[r];
    const auto v = nonbasic_value(basis.rows[r], row.lower, row.upper);
    if (!v) {
      out.defect = fmt::format("row {} is {} but that bound is infinite", row.name,
                               to_string(basis.rows[r]));
      return out;
    }
    pos_row[r] = tight_rows++;
    T b = *v;
    for (const auto& t : row.terms) {
      if (pos_col[t.column] == n) b -= t.coefficient * out.x[t.column];
    }
    rhs.push_back(std::move(b));
  }
  if (basic_columns != tight_rows) {
    out.defect = fmt::format("the basis has {} basic variables, a basis of this programme needs {}",
                             basic_columns + (m - tight_rows), m);
    return out;
  }

  const std::size_t k = basic_columns;
  std::vector<std::vector<T>> matrix(k, std::vector<T>(k, T(0)));
  for (std::size_t r = 0; r < m; ++r) {
    if (pos_row[r] == m) continue;
    for (const auto& t : lp.rows[r].terms) {
      if (pos_col[t.column] != n) matrix[pos_row[r]][pos_col[t.column]] = t.coefficient;
    }
  }
  DenseLu<T> lu;
  if (!lu.factor(std::move(matrix), progress)) {
    out.defect = "the basis matrix is singular";
    return out;
  }
  const std::vector<T> xb = lu.solve(rhs);
  for (std::size_t j = 0; j < n; ++j) {
    if (pos_col[j] != n) out.x[j] = xb[pos_col[j]];
  }
  out.activity = row_activities(lp, out.x);

  const bool maximize = lp.sense == Sense::maximize;
  std::vector<T> cb(k);
  for (std::size_t j = 0; j < n; ++j) {
    if (pos_col[j] != n)
      cb[pos_col[j]] = maximize ? T(-lp.columns[j].objective) : lp.columns[j].objective;
  }
  const std::vector<T> yb = lu.solve_transposed(cb);
  for (std::size_t r = 0; r < m; ++r) {
    if (pos_row[r] != m) out.y[r] = yb[pos_row[r]];
  }
  out.reduced.resize(n);
  for (std::size_t j = 0; j < n; ++j) {
    out.reduced[j] = maximize ? T(-lp.columns[j].objective) : lp.columns[j].objective;
  }
  for (std::size_t r = 0; r < m; ++r) {
    if (is_zero(out.y[r])) continue;
    for (const auto& t : lp.rows[r].terms) out.reduced[t.column] -= t.coefficient * out.y[r];
  }
  out.solved = true;

  // Primal feasibility: every variable within its bounds.
  Checker<T> primal(out.max_primal_violation);
  for (std::size_t j = 0; j < n; ++j) {
    const auto& c = lp.columns[j];
    if (c.lower)
      primal.add(T(*c.lower - out.x[j]), *c.lower, "column " + c.name + " below its lower bound");
    if (c.upper)
      primal.add(T(out.x[j] - *c.upper), *c.upper, "column " + c.name + " above its upper bound");
  }
  for (std::size_t r = 0; r < m; ++r) {
    const auto& row = lp.rows[r];
    if (row.lower)
      primal.add(T(*row.lower - out.activity[r]), *row.lower,
                 "row " + row.name + " below its lower bound");
    if (row.upper)
      primal.add(T(out.activity[r] - *row.upper), *row.upper,
                 "row " + row.name + " above its upper bound");
  }
  out.primal_feasible = primal.first.empty();

  // Dual feasibility (minimisation form): a variable at its lower bound has a
  // non-negative reduced cost, at its upper bound a non-positive one, free at
  // zero a zero one. A row's reduced cost is its dual. Fixed variables are free.
  Checker<T> dual(out.max_dual_violation);
  auto check_sign = [&](VarStatus s, const std::optional<T>& lo, const std::optional<T>& hi,
                        const T& d, const std::string& name) {
    if (s == VarStatus::basic || (lo && hi && *lo == *hi)) return;
    if (s == VarStatus::at_lower || s == VarStatus::free_zero)
      dual.add(T(-d), T(0), name + " has a negative reduced cost");
    if (s == VarStatus::at_upper || s == VarStatus::free_zero)
      dual.add(d, T(0), name + " has a positive reduced cost");
  };
  for (std::size_t j = 0; j < n; ++j) {
    check_sign(basis.columns[j], lp.columns[j].lower, lp.columns[j].upper, out.reduced[j],
               "column " + lp.columns[j].name);
  }
  for (std::size_t r = 0; r < m; ++r) {
    check_sign(basis.rows[r], lp.rows[r].lower, lp.rows[r].upper, out.y[r],
               "row " + lp.rows[r].name);
  }
  out.dual_feasible = dual.first.empty();
  if (!out.primal_feasible) {
    out.defect = "not primal feasible: " + primal.first;
  } else if (!out.dual_feasible) {
    out.defect = "not dual feasible: " + dual.first;
  }
  return out;
}

template BasisEvaluation<Rational> evaluate_basis(const LinearProgram<Rational>&, const Basis&,
                                                  Progress&);
template BasisEvaluation<double> evaluate_basis(const LinearProgram<double>&, const Basis&,
                                                Progress&);

}  // namespace mechlab::lp
