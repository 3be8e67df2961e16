#include "mechlab/dynamic/gum.hpp"

#include <fmt/format.h>

#include "mechlab/core/error.hpp"

namespace mechlab::dynamic {

namespace {

// Σ over all components of f, each mode contracted with its row.
template <class T>
T contract_all(const std::vector<T>& f, std::vector<std::size_t> dims,
               const std::vector<const std::vector<T>*>& rows) {
  std::vector<T> g = f;
  for (std::size_t k = 0; k < dims.size(); ++k) {
    g = contract_mode(g, dims, k, {rows[k]});
    dims[k] = 1;
  }
  return g[0];
}

template <class T>
void expect_equal(const T& a, const T& b, const std::string& what) {
  if (!nearly_equal(a, b)) {
    throw InternalError(fmt::format("GUM invariant failed: {} ({} vs {})", what,
                                    NumberTraits<T>::to_text(a), NumberTraits<T>::to_text(b)));
  }
}

}  // namespace

template <class T>
std::vector<T> partial_expectation(const Problem<T>& problem, const Efficient<T>& efficient,
                                   std::size_t t, std::size_t p, std::size_t c,
                                   const std::vector<bool>& updated) {
  const std::size_t n = problem.agent_count();
  if (t == 0 || t > problem.horizon() || updated.size() != n + 1) {
    throw InternalError("partial_expectation: t must be in 1..T and S must have N + 1 flags");
  }
  const IndexSpace& prev = problem.states[t - 1];
  const IndexSpace& now = problem.states[t];
  const std::size_t x = efficient.chi[t - 1][p];
  const std::size_t p0 = prev.digit(p, 0);
  std::vector<std::vector<T>> units(n + 1);
  std::vector<const std::vector<T>*> rows(n + 1);
  std::vector<std::size_t> dims(n + 1);
  for (std::size_t k = 0; k <= n; ++k) {
    dims[k] = now.radix(k);
    if (updated[k]) {
      units[k].assign(dims[k], T(0));
      units[k][now.digit(c, k)] = T(1);
      rows[k] = &units[k];
    } else {
      rows[k] = &problem.kernel_row(t - 1, k, p0, prev.digit(p, k), x);
    }
  }
  std::vector<T> out;
  out.reserve(n + 1);
  for (std::size_t j = 0; j < n; ++j) out.push_back(contract_all(efficient.V[t][j], dims, rows));
  out.push_back(contract_all(efficient.W[t], dims, rows));
  return out;
}

template <class T>
GumTransfer<T> gum_transfer(const Problem<T>& problem, const Efficient<T>& efficient, std::size_t t,
                            std::size_t p, std::size_t c, const std::vector<std::size_t>& order) {
  const std::size_t n = problem.agent_count();
  const std::vector<std::size_t>& pi = order.empty() ? problem.order : order;
  if (pi.size() != n) throw InternalError("gum_transfer: the order must list every agent");
  // G[m + 1] = G[S_m] for m = -1..N, where S_{-1} = ∅, S_0 = {0} and
  // S_m = {0, π(1..m)}.
  std::vector<bool> updated(n + 1, false);
  std::vector<std::vector<T>> G;
  G.reserve(n + 2);
  G.push_back(partial_expectation(problem, efficient, t, p, c, updated));
  updated[0] = true;
  G.push_back(partial_expectation(problem, efficient, t, p, c, updated));
  for (std::size_t m = 0; m < n; ++m) {
    updated[pi[m] + 1] = true;
    G.push_back(partial_expectation(problem, efficient, t, p, c, updated));
  }
  GumTransfer<T> r;
  r.gamma.assign(n + 1, std::vector<T>(n, T(0)));
  r.delta_w.assign(n, T(0));
  for (std::size_t j = 0; j < n; ++j) r.gamma[0][j] = G[1][j] - G[0][j];
  for (std::size_t m = 0; m < n; ++m) {
    const std::size_t i = pi[m];
    for (std::size_t j = 0; j < n; ++j) r.gamma[i + 1][j] = G[m + 2][j] - G[m + 1][j];
    r.delta_w[i] = G[m + 2][n] - G[m + 1][n];
  }
  r.y.assign(n, T(0));
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      if (j != i) r.y[i] += r.gamma[i + 1][j] - r.gamma[j + 1][i];
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    expect_equal(r.y[i], T(r.delta_w[i] - (G[n + 1][i] - G[1][i])),
                 fmt::format("closed form of y for agent {}", i));
    T sum = T(0);
    for (std::size_t k = 0; k <= n; ++k) sum += r.gamma[k][i];
    expect_equal(sum, T(efficient.V[t][i][c] - efficient.K[t - 1][i][p]),
                 fmt::format("additivity of γ for agent {}", i));
  }
  return r;
}

template <class T>
void check_budget_balance(const GumTransfer<T>& transfer) {
  T sum = T(0);
  for (const T& y : transfer.y) sum += y;
  expect_equal(sum, T(0), "budget balance");
}

#define MECHLAB_INSTANTIATE(T)                                                                     \
  template std::vector<T> partial_expectation(const Problem<T>&, const Efficient<T>&, std::size_t, \
                                              std::size_t, std::size_t, const std::vector<bool>&); \
  template GumTransfer<T> gum_transfer(const Problem<T>&, const Efficient<T>&, std::size_t,        \
                                       std::size_t, std::size_t, const std::vector<std::size_t>&); \
  template void check_budget_balance(const GumTransfer<T>&);
MECHLAB_INSTANTIATE(Rational)
MECHLAB_INSTANTIATE(double)
#undef MECHLAB_INSTANTIATE

}  // namespace mechlab::dynamic
