// Square linear systems A x = r by Gauss–Jordan elimination, over T in
// {Rational, double}: exact with the first non-zero pivot for Rational,
// partial pivoting (largest |entry|) for double.
#pragma once

#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "mechlab/core/error.hpp"
#include "mechlab/core/rational.hpp"

namespace mechlab {

// Solves A x = r (A square, taken by value); InternalError naming `what` if A
// is singular.
template <class T>
std::vector<T> solve_linear(std::vector<std::vector<T>> a, std::vector<T> r,
                            const std::string& what) {
  const std::size_t m = r.size();
  for (std::size_t col = 0; col < m; ++col) {
    std::size_t pivot = m;
    for (std::size_t row = col; row < m; ++row) {
      if (sign_of(a[row][col]) == 0) continue;
      if constexpr (NumberTraits<T>::exact) {
        pivot = row;
        break;
      } else {
        if (pivot == m || std::fabs(a[row][col]) > std::fabs(a[pivot][col])) pivot = row;
      }
    }
    if (pivot == m) throw InternalError(what + ": singular linear system");
    std::swap(a[col], a[pivot]);
    std::swap(r[col], r[pivot]);
    for (std::size_t row = 0; row < m; ++row) {
      if (row == col || sign_of(a[row][col]) == 0) continue;
      const T factor = a[row][col] / a[col][col];
      for (std::size_t c = col; c < m; ++c) a[row][c] -= factor * a[col][c];
      r[row] -= factor * r[col];
    }
  }
  std::vector<T> x(m);
  for (std::size_t i = 0; i < m; ++i) x[i] = r[i] / a[i][i];
  return x;
}

}  // namespace mechlab
