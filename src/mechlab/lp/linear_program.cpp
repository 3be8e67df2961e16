#include "mechlab/lp/linear_program.hpp"

#include <fmt/format.h>

#include <cmath>
#include <unordered_set>

#include "mechlab/core/error.hpp"

namespace mechlab::lp {

namespace {

template <class T>
bool finite(const T& x) {
  if constexpr (NumberTraits<T>::exact) {
    return true;
  } else {
    return std::isfinite(x);
  }
}

template <class T>
void check_bounds(const std::optional<T>& lo, const std::optional<T>& hi, const std::string& what) {
  if ((lo && !finite(*lo)) || (hi && !finite(*hi))) {
    throw InternalError(fmt::format("LP {}: bound is not finite", what));
  }
  if (lo && hi && *lo > *hi)
    throw InternalError(fmt::format("LP {}: lower bound > upper bound", what));
}

template <class U, class T>
std::optional<U> convert(const std::optional<T>& x) {
  if (!x) return std::nullopt;
  if constexpr (std::is_same_v<U, double>) {
    return mechlab::to_double(*x);
  } else {
    return rational_from_double(*x);
  }
}

template <class U, class T>
LinearProgram<U> convert_lp(const LinearProgram<T>& lp) {
  auto num = [](const T& x) -> U {
    if constexpr (std::is_same_v<U, double>) {
      return mechlab::to_double(x);
    } else {
      return rational_from_double(x);
    }
  };
  LinearProgram<U> out;
  out.name = lp.name;
  out.sense = lp.sense;
  out.objective_constant = num(lp.objective_constant);
  out.columns.reserve(lp.columns.size());
  for (const auto& c : lp.columns) {
    out.columns.push_back({c.name, convert<U>(c.lower), convert<U>(c.upper), num(c.objective)});
  }
  out.rows.reserve(lp.rows.size());
  for (const auto& r : lp.rows) {
    Row<U> row{r.name, {}, convert<U>(r.lower), convert<U>(r.upper)};
    row.terms.reserve(r.terms.size());
    for (const auto& t : r.terms) row.terms.push_back({t.column, num(t.coefficient)});
    out.rows.push_back(std::move(row));
  }
  return out;
}

}  // namespace

template <class T>
void validate(const LinearProgram<T>& lp) {
  std::unordered_set<std::string> names;
  for (const auto& c : lp.columns) {
    if (c.name.empty() || !names.insert(c.name).second) {
      throw InternalError(fmt::format("LP column name \"{}\" is empty or repeated", c.name));
    }
    check_bounds(c.lower, c.upper, "column " + c.name);
    if (!finite(c.objective)) throw InternalError("LP objective coefficient is not finite");
  }
  names.clear();
  std::vector<std::size_t> seen(lp.columns.size(), lp.rows.size());
  for (std::size_t r = 0; r < lp.rows.size(); ++r) {
    const auto& row = lp.rows[r];
    if (row.name.empty() || !names.insert(row.name).second) {
      throw InternalError(fmt::format("LP row name \"{}\" is empty or repeated", row.name));
    }
    check_bounds(row.lower, row.upper, "row " + row.name);
    for (const auto& t : row.terms) {
      if (t.column >= lp.columns.size()) throw InternalError("LP term refers to a missing column");
      if (seen[t.column] == r) {
        throw InternalError(
            fmt::format("LP row {} lists column {} twice", row.name, lp.columns[t.column].name));
      }
      seen[t.column] = r;
      if (!finite(t.coefficient)) throw InternalError("LP coefficient is not finite");
    }
  }
}

LinearProgram<double> to_double(const LinearProgram<Rational>& lp) {
  return convert_lp<double>(lp);
}
LinearProgram<Rational> to_rational(const LinearProgram<double>& lp) {
  return convert_lp<Rational>(lp);
}

template <class T>
T objective_value(const LinearProgram<T>& lp, const std::vector<T>& x) {
  T z = lp.objective_constant;
  for (std::size_t j = 0; j < lp.columns.size(); ++j) z += lp.columns[j].objective * x[j];
  return z;
}

template <class T>
std::vector<T> row_activities(const LinearProgram<T>& lp, const std::vector<T>& x) {
  std::vector<T> a(lp.rows.size(), T(0));
  for (std::size_t r = 0; r < lp.rows.size(); ++r) {
    for (const auto& t : lp.rows[r].terms) a[r] += t.coefficient * x[t.column];
  }
  return a;
}

template void validate(const LinearProgram<Rational>&);
template void validate(const LinearProgram<double>&);
template Rational objective_value(const LinearProgram<Rational>&, const std::vector<Rational>&);
template double objective_value(const LinearProgram<double>&, const std::vector<double>&);
template std::vector<Rational> row_activities(const LinearProgram<Rational>&,
                                              const std::vector<Rational>&);
template std::vector<double> row_activities(const LinearProgram<double>&,
                                            const std::vector<double>&);

}  // namespace mechlab::lp
