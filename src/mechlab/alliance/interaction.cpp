#include "mechlab/alliance/interaction.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include <fmt/format.h>

#include "mechlab/core/error.hpp"
#include "mechlab/core/linear_system.hpp"

namespace mechlab::alliance {

template <class T>
Interaction<T> paper_interaction(std::size_t n, const T& eta) {
  Interaction<T> m;
  m.matrix.assign(n, std::vector<T>(n, eta));
  for (std::size_t i = 0; i < n; ++i) m.matrix[i][i] = T(1);
  return m;
}

template <class T>
Definiteness<T> leading_minors(const Interaction<T>& m) {
  // Gaussian elimination without row exchanges on a symmetric matrix is
  // LDLᵀ: the k-th pivot is minor_k / minor_{k−1}, so the pivots stay
  // positive exactly as long as the leading minors do.
  std::vector<std::vector<T>> a = m.matrix;
  const std::size_t n = a.size();
  Definiteness<T> out;
  T minor(1);
  for (std::size_t k = 0; k < n; ++k) {
    minor *= a[k][k];
    if (sign_of(a[k][k]) <= 0) {
      out.positive_definite = false;
      out.order = k + 1;
      out.minor = minor;
      return out;
    }
    for (std::size_t row = k + 1; row < n; ++row) {
      if (sign_of(a[row][k]) == 0) continue;
      const T factor = a[row][k] / a[k][k];
      for (std::size_t col = k; col < n; ++col) a[row][col] -= factor * a[k][col];
    }
  }
  out.minor = minor;
  return out;
}

template <class T>
void validate_interaction(const Interaction<T>& m) {
  const std::size_t n = m.size();
  if (n == 0) throw InputError("/interaction", "a non-empty square matrix", "no rows");
  for (std::size_t i = 0; i < n; ++i) {
    if (m.matrix[i].size() != n) {
      throw InputError("/interaction", fmt::format("a square matrix ({} rows of {})", n, n),
                       fmt::format("row {} has {} entries", i, m.matrix[i].size()));
    }
    for (std::size_t j = 0; j < n; ++j) {
      check_number(m.matrix[i][j], fmt::format("/interaction/{}/{}", i, j), false);
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n; ++j) {
      if (!nearly_equal(m.matrix[i][j], m.matrix[j][i])) {
        throw InputError(fmt::format("/interaction/{}/{}", i, j),
                         fmt::format("a symmetric matrix (equal to entry {}/{})", j, i),
                         fmt::format("{} vs {}", NumberTraits<T>::to_text(m.matrix[i][j]),
                                     NumberTraits<T>::to_text(m.matrix[j][i])));
      }
    }
  }
  const Definiteness<T> minors = leading_minors(m);
  if (!minors.positive_definite) {
    throw InputError("/interaction", "a positive-definite matrix (every leading minor > 0)",
                     fmt::format("leading minor of order {} = {}", minors.order,
                                 NumberTraits<T>::to_text(minors.minor)));
  }
}

namespace {

// Per player: free, or fixed at the bound named by the Binding.
using Partition = std::vector<Binding>;

template <class T>
struct Game {
  const Interaction<T>& m;
  const std::vector<T>& a;
  const std::vector<Bounds<T>>& bounds;

  std::size_t n() const { return a.size(); }

  // The maximiser of P with the fixed players at their bounds: the free
  // block solves M_FF x_F = a_F − M_FA x_A (positive definite, so regular).
  std::vector<T> solve(const Partition& partition) const {
    std::vector<T> x(n());
    std::vector<std::size_t> free;
    for (std::size_t i = 0; i < n(); ++i) {
      if (partition[i] == Binding::lower) {
        x[i] = bounds[i].lo;
      } else if (partition[i] == Binding::upper) {
        x[i] = bounds[i].hi;
      } else {
        free.push_back(i);
      }
    }
    if (free.empty()) return x;
    std::vector<std::vector<T>> block(free.size(), std::vector<T>(free.size()));
    std::vector<T> rhs(free.size());
    for (std::size_t r = 0; r < free.size(); ++r) {
      const std::size_t i = free[r];
      rhs[r] = a[i];
      for (std::size_t j = 0; j < n(); ++j) {
        if (partition[j] != Binding::free) rhs[r] -= m.matrix[i][j] * x[j];
      }
      for (std::size_t c = 0; c < free.size(); ++c) block[r][c] = m.matrix[i][free[c]];
    }
    const std::vector<T> solved = solve_linear(std::move(block), std::move(rhs), "box_equilibrium");
    for (std::size_t r = 0; r < free.size(); ++r) x[free[r]] = solved[r];
    return x;
  }

  // Fills actions, desires and bindings from x; true iff x_i = BR_i(x) for
  // every i (exactly in Rational, to 1e-12 in double). x may lie outside the
  // box (a free block's solution); the bindings are then the next guess.
  bool certify(const std::vector<T>& x, BoxEquilibrium<T>& out) const {
    out.action = x;
    out.desired.resize(n());
    out.binding.assign(n(), Binding::free);
    bool ok = true;
    for (std::size_t i = 0; i < n(); ++i) {
      T others(0);
      for (std::size_t j = 0; j < n(); ++j) {
        if (j != i) others += m.matrix[i][j] * x[j];
      }
      T& desired = out.desired[i];
      desired = (a[i] - others) / m.matrix[i][i];
      if (desired < bounds[i].lo) {
        out.binding[i] = Binding::lower;
      } else if (desired > bounds[i].hi) {
        out.binding[i] = Binding::upper;
      }
      if (!nearly_equal(x[i], std::clamp(desired, bounds[i].lo, bounds[i].hi))) ok = false;
    }
    return ok;
  }

  // Primal–dual active-set iterations from `partition`: false when a
  // partition repeats (a cycle) or the cap is reached. `last` keeps the last
  // free-block solution for the primal method.
  bool primal_dual(Partition partition, BoxEquilibrium<T>& out, std::vector<T>& last) const {
    const Partition all_free(n(), Binding::free);
    std::vector<Partition> seen;
    const std::size_t cap = 4 * n() + 8;
    for (std::size_t iteration = 0; iteration < cap; ++iteration) {
      last = solve(partition);
      ++out.iterations;
      if (certify(last, out)) {
        out.method = partition == all_free ? BoxMethod::interior : BoxMethod::active_set;
        return true;
      }
      seen.push_back(partition);
      partition = out.binding;
      if (std::find(seen.begin(), seen.end(), partition) != seen.end()) return false;
    }
    return false;
  }

  // The primal active-set method for max P over the box from the feasible
  // point clip(start). The working set is the players held at a bound; a
  // step towards the working subproblem's optimum never lowers P, and each
  // drop (the bound whose multiplier a_i − (Mx)_i has the wrong sign by the
  // most) strictly raises it, so no working set repeats and the method ends
  // (finitely: P is strictly concave).
  void primal_active_set(const std::vector<T>& start, BoxEquilibrium<T>& out) const {
    std::vector<T> x(n());
    Partition working(n(), Binding::free);
    auto snap = [&](std::size_t i) {
      if (x[i] == bounds[i].lo) {
        working[i] = Binding::lower;
      } else if (x[i] == bounds[i].hi) {
        working[i] = Binding::upper;
      }
    };
    for (std::size_t i = 0; i < n(); ++i) {
      x[i] = std::clamp(start[i], bounds[i].lo, bounds[i].hi);
      snap(i);
    }
    // 3^n working sets bound the iterations; in practice a handful.
    const std::size_t cap = 1000 + 200 * n() * n();
    for (std::size_t iteration = 0; iteration < cap; ++iteration) {
      const std::vector<T> target_point = solve(working);
      ++out.iterations;
      if (target_point == x) {
        const bool kkt = certify(x, out);
        T worst(0);
        std::size_t drop = n();
        for (std::size_t i = 0; i < n(); ++i) {
          if (working[i] == Binding::free || bounds[i].lo == bounds[i].hi) continue;
          // M_ii(desired_i − x_i) is the gradient a_i − (Mx)_i.
          T violation(0);
          if (working[i] == Binding::lower && out.desired[i] > bounds[i].lo) {
            violation = m.matrix[i][i] * (out.desired[i] - bounds[i].lo);
          } else if (working[i] == Binding::upper && out.desired[i] < bounds[i].hi) {
            violation = m.matrix[i][i] * (bounds[i].hi - out.desired[i]);
          }
          if (violation > worst) {
            worst = violation;
            drop = i;
          }
        }
        if (drop == n()) {
          if (!kkt)
            throw InternalError("box_equilibrium: primal active set ended off the KKT point");
          return;
        }
        working[drop] = Binding::free;
        continue;
      }
      // Step towards the subproblem's optimum until the first bound.
      T step(1);
      for (std::size_t i = 0; i < n(); ++i) {
        if (working[i] != Binding::free) continue;
        const T direction = target_point[i] - x[i];
        if (direction < T(0)) {
          const T ratio = (bounds[i].lo - x[i]) / direction;
          if (ratio < step) step = ratio;
        } else if (direction > T(0)) {
          const T ratio = (bounds[i].hi - x[i]) / direction;
          if (ratio < step) step = ratio;
        }
      }
      for (std::size_t i = 0; i < n(); ++i) {
        if (working[i] != Binding::free) continue;
        x[i] = step == T(1) ? target_point[i] : T(x[i] + step * (target_point[i] - x[i]));
        snap(i);
      }
    }
    throw InternalError("box_equilibrium: primal active set did not terminate");
  }
};

Interaction<Rational> exact_copy(const Interaction<double>& m) {
  Interaction<Rational> exact;
  for (const std::vector<double>& row : m.matrix) {
    std::vector<Rational>& copy = exact.matrix.emplace_back();
    for (const double entry : row) copy.push_back(rational_from_double(entry));
  }
  return exact;
}

std::vector<Rational> exact_copy(const std::vector<double>& values) {
  std::vector<Rational> exact;
  exact.reserve(values.size());
  for (const double v : values) exact.push_back(rational_from_double(v));
  return exact;
}

std::vector<Bounds<Rational>> exact_copy(const std::vector<Bounds<double>>& bounds) {
  std::vector<Bounds<Rational>> exact;
  exact.reserve(bounds.size());
  for (const Bounds<double>& box : bounds) {
    exact.push_back({rational_from_double(box.lo), rational_from_double(box.hi)});
  }
  return exact;
}

std::vector<double> to_doubles(const std::vector<Rational>& values) {
  std::vector<double> out;
  out.reserve(values.size());
  for (const Rational& v : values) out.push_back(to_double(v));
  return out;
}

// The exact equilibrium; the guess (a double run's final partition) only
// saves solves.
BoxEquilibrium<Rational> exact_equilibrium(const Game<Rational>& game, const Partition& guess,
                                           const BoxOptions& options) {
  BoxEquilibrium<Rational> out;
  std::vector<Rational> last;
  if (!options.force_primal_active_set && game.primal_dual(guess, out, last)) return out;
  if (last.empty()) last = game.solve(guess);
  game.primal_active_set(last, out);
  out.method = BoxMethod::primal_active_set;
  return out;
}

}  // namespace

template <class T>
BoxEquilibrium<T> box_equilibrium(const Interaction<T>& m, const std::vector<T>& targets,
                                  const std::vector<Bounds<T>>& bounds, const BoxOptions& options) {
  validate_interaction(m);
  if (targets.size() != m.size() || bounds.size() != m.size()) {
    throw InternalError("box_equilibrium: one target and one box per row of M expected");
  }
  for (const Bounds<T>& box : bounds) {
    if (box.hi < box.lo) throw InternalError("box_equilibrium: a box with hi < lo");
  }
  const Game<T> game{m, targets, bounds};
  const Partition all_free(m.size(), Binding::free);
  if constexpr (NumberTraits<T>::exact) {
    Partition guess = all_free;
    if (!options.force_primal_active_set) {
      // Partitions found in double are usually right, and then exact
      // arithmetic does a single solve to confirm them.
      Interaction<double> shadow_m;
      for (const std::vector<Rational>& row : m.matrix) shadow_m.matrix.push_back(to_doubles(row));
      const std::vector<double> shadow_a = to_doubles(targets);
      std::vector<Bounds<double>> shadow_bounds;
      for (const Bounds<Rational>& box : bounds) {
        shadow_bounds.push_back({to_double(box.lo), to_double(box.hi)});
      }
      const Game<double> shadow{shadow_m, shadow_a, shadow_bounds};
      BoxEquilibrium<double> shadow_out;
      std::vector<double> shadow_last;
      try {
        shadow.primal_dual(all_free, shadow_out, shadow_last);
        guess = shadow_out.binding;
      } catch (const InternalError&) {
        // A block that rounds to singular (entries below the double
        // tolerance): only the guess is lost, the exact solve starts free.
      }
    }
    return exact_equilibrium(game, guess, options);
  } else {
    BoxEquilibrium<double> out;
    std::vector<double> last;
    if (!options.force_primal_active_set && game.primal_dual(all_free, out, last)) return out;
    const Interaction<Rational> exact_m = exact_copy(m);
    const std::vector<Rational> exact_a = exact_copy(targets);
    const std::vector<Bounds<Rational>> exact_bounds = exact_copy(bounds);
    const BoxEquilibrium<Rational> exact =
        exact_equilibrium(Game<Rational>{exact_m, exact_a, exact_bounds}, all_free, options);
    BoxEquilibrium<double> result;
    result.action = to_doubles(exact.action);
    result.desired = to_doubles(exact.desired);
    result.binding = exact.binding;
    result.method = exact.method;
    result.iterations = out.iterations + exact.iterations;
    result.exact_fallback = true;
    return result;
  }
}

template Interaction<Rational> paper_interaction(std::size_t, const Rational&);
template Interaction<double> paper_interaction(std::size_t, const double&);
template Definiteness<Rational> leading_minors(const Interaction<Rational>&);
template Definiteness<double> leading_minors(const Interaction<double>&);
template void validate_interaction(const Interaction<Rational>&);
template void validate_interaction(const Interaction<double>&);
template BoxEquilibrium<Rational> box_equilibrium(const Interaction<Rational>&,
                                                  const std::vector<Rational>&,
                                                  const std::vector<Bounds<Rational>>&,
                                                  const BoxOptions&);
template BoxEquilibrium<double> box_equilibrium(const Interaction<double>&,
                                                const std::vector<double>&,
                                                const std::vector<Bounds<double>>&,
                                                const BoxOptions&);

}  // namespace mechlab::alliance
