// A linear programme as plain data with named columns and rows.
//
//   minimise / maximise   c'x + c0
//   subject to            lower_r <= sum_j a_rj x_j <= upper_r   for every row r
//                         lower_j <= x_j <= upper_j             for every column j
//
// A missing bound (std::nullopt) is infinite. Names are what reports, duals and
// LP files show, e.g. "BIC[agent=2,true=H,report=L]".
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "mechlab/core/rational.hpp"

namespace mechlab::lp {

enum class Sense { minimize, maximize };

template <class T>
struct Column {
  std::string name;
  std::optional<T> lower = T(0);
  std::optional<T> upper;
  T objective = T(0);
};

template <class T>
struct Term {
  std::size_t column;
  T coefficient;
};

template <class T>
struct Row {
  std::string name;
  std::vector<Term<T>> terms;
  std::optional<T> lower;
  std::optional<T> upper;
};

template <class T>
struct LinearProgram {
  std::string name = "lp";
  Sense sense = Sense::minimize;
  T objective_constant = T(0);
  std::vector<Column<T>> columns;
  std::vector<Row<T>> rows;

  std::size_t add_column(std::string column_name, std::optional<T> lower, std::optional<T> upper,
                         T objective) {
    columns.push_back(
        {std::move(column_name), std::move(lower), std::move(upper), std::move(objective)});
    return columns.size() - 1;
  }
  std::size_t add_row(std::string row_name, std::vector<Term<T>> row_terms, std::optional<T> lower,
                      std::optional<T> upper) {
    rows.push_back({std::move(row_name), std::move(row_terms), std::move(lower), std::move(upper)});
    return rows.size() - 1;
  }
  std::size_t nonzeros() const {
    std::size_t n = 0;
    for (const auto& r : rows) n += r.terms.size();
    return n;
  }
};

// Checks the structure: unique non-empty names, column indices in range, no
// column twice in a row, lower <= upper, finite numbers. Throws InternalError
// naming the first defect (readers report user errors themselves, earlier).
template <class T>
void validate(const LinearProgram<T>& lp);

// The same programme with every number converted (Rational -> double or back).
LinearProgram<double> to_double(const LinearProgram<Rational>& lp);
LinearProgram<Rational> to_rational(const LinearProgram<double>& lp);

// Value of c'x + c0.
template <class T>
T objective_value(const LinearProgram<T>& lp, const std::vector<T>& x);

// Row activities sum_j a_rj x_j.
template <class T>
std::vector<T> row_activities(const LinearProgram<T>& lp, const std::vector<T>& x);

extern template void validate(const LinearProgram<Rational>&);
extern template void validate(const LinearProgram<double>&);
extern template Rational objective_value(const LinearProgram<Rational>&,
                                         const std::vector<Rational>&);
extern template double objective_value(const LinearProgram<double>&, const std::vector<double>&);
extern template std::vector<Rational> row_activities(const LinearProgram<Rational>&,
                                                     const std::vector<Rational>&);
extern template std::vector<double> row_activities(const LinearProgram<double>&,
                                                   const std::vector<double>&);

}  // namespace mechlab::lp
