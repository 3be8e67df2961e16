#include "mechlab/dynamic/gum.hpp"

#include <fmt/format.h>

#include "mechlab/core/error.hpp"

namespace mechlab::dynamic {

namespace {

// Σ over the free components of Π_k q^k(θ^k) · f(c on the fixed components, θ
// on the free ones): a slice of f contracted with the free rows.
template <class T>
class SliceSum {
 public:
  SliceSum(const Problem<T>& problem, std::size_t t, std::size_t p, std::size_t c,
           const std::vector<bool>& updated, const Efficient<T>& efficient) {
    const IndexSpace& prev = problem.states[t - 1];
    const IndexSpace& now = problem.states[t];
    const std::size_t x = efficient.chi[t - 1][p];
    const std::size_t p0 = prev.digit(p, 0);
    std::size_t stride = 1;
    std::vector<std::size_t> strides(now.rank());
    for (std::size_t k = now.rank(); k-- > 0;) {
      strides[k] = stride;
      stride *= now.radix(k);
    }
    for (std::size_t k = 0; k < now.rank(); ++k) {
      if (updated[k]) {
        base_ += now.digit(c, k) * strides[k];
      } else {
        strides_.push_back(strides[k]);
        rows_.push_back(&problem.kernel_row(t - 1, k, p0, prev.digit(p, k), x));
      }
    }
  }

  T operator()(const T* f) const {
    T total = T(0);
    add(f, 0, base_, total);
    return total;
  }

 private:
  // total += Σ over the free components from `level` on, at `offset`.
  void add(const T* f, std::size_t level, std::size_t offset, T& total) const {
    if (level == rows_.size()) {
      total += f[offset];
      return;
    }
    const std::vector<T>& row = *rows_[level];
    const std::size_t stride = strides_[level];
    if (level + 1 == rows_.size()) {
      T product = T(0);
      for (std::size_t a = 0; a < row.size(); ++a) {
        if (sign_of(row[a]) == 0) continue;
        product = row[a];
        product *= f[offset + a * stride];
        total += product;
      }
      return;
    }
    T partial = T(0);
    for (std::size_t a = 0; a < row.size(); ++a) {
      if (sign_of(row[a]) == 0) continue;
      partial = T(0);
      add(f, level + 1, offset + a * stride, partial);
      partial *= row[a];
      total += partial;
    }
  }

  std::size_t base_ = 0;
  std::vector<std::size_t> strides_;         // of the free components, in Θ_t
  std::vector<const std::vector<T>*> rows_;  // q^k of the free components
};

template <class T>
using Table = std::vector<std::vector<T>>;

template <class T>
void expect_equal(const T& a, const T& b, const std::string& what) {
  if (!nearly_equal(a, b)) {
    throw InternalError(fmt::format("GUM invariant failed: {} ({} vs {})", what,
                                    NumberTraits<T>::to_text(a), NumberTraits<T>::to_text(b)));
  }
}

template <class T>
std::vector<T> slice_values(const Problem<T>& problem, const Efficient<T>& efficient, std::size_t t,
                            std::size_t p, std::size_t c, const std::vector<bool>& updated) {
  const std::size_t n = problem.agent_count();
  const SliceSum<T> sum(problem, t, p, c, updated, efficient);
  std::vector<T> out;
  out.reserve(n + 1);
  for (std::size_t j = 0; j < n; ++j) out.push_back(sum(efficient.V[t][j].data()));
  out.push_back(sum(efficient.W[t].data()));
  return out;
}

void check_period(std::size_t t, std::size_t horizon, const char* what) {
  if (t == 0 || t > horizon) throw InternalError(fmt::format("{}: t must be in 1..T", what));
}

}  // namespace

template <class T>
std::vector<T> partial_expectation(const Problem<T>& problem, const Efficient<T>& efficient,
                                   std::size_t t, std::size_t p, std::size_t c,
                                   const std::vector<bool>& updated) {
  check_period(t, problem.horizon(), "partial_expectation");
  if (updated.size() != problem.agent_count() + 1) {
    throw InternalError("partial_expectation: S must have N + 1 flags");
  }
  return slice_values(problem, efficient, t, p, c, updated);
}

template <class T>
std::vector<std::vector<T>> prefix_expectations(const Problem<T>& problem,
                                                const Efficient<T>& efficient, std::size_t t,
                                                std::size_t p, std::size_t c,
                                                const std::vector<std::size_t>& order) {
  check_period(t, problem.horizon(), "prefix_expectations");
  const std::size_t n = problem.agent_count();
  const std::vector<std::size_t>& pi = order.empty() ? problem.order : order;
  if (pi.size() != n) throw InternalError("prefix_expectations: the order must list every agent");
  std::vector<std::vector<T>> G;
  G.reserve(n + 2);
  std::vector<T> none;
  none.reserve(n + 1);
  T total = T(0);
  for (std::size_t j = 0; j < n; ++j) {
    none.push_back(continuation(problem, efficient, t - 1, j, p));
    total += none.back();
  }
  none.push_back(total);
  G.push_back(std::move(none));
  std::vector<bool> updated(n + 1, false);
  updated[0] = true;
  G.push_back(slice_values(problem, efficient, t, p, c, updated));
  for (std::size_t m = 0; m < n; ++m) {
    updated[pi[m] + 1] = true;
    G.push_back(slice_values(problem, efficient, t, p, c, updated));
  }
  return G;
}

template <class T>
GumTransfer<T> gum_transfer(const Problem<T>& problem, const Efficient<T>& efficient, std::size_t t,
                            std::size_t p, std::size_t c, const std::vector<std::size_t>& order) {
  const std::size_t n = problem.agent_count();
  const std::vector<std::size_t>& pi = order.empty() ? problem.order : order;
  if (pi.size() != n) throw InternalError("gum_transfer: the order must list every agent");
  // G[m + 1] = G[S_m] for m = -1..N, where S_{-1} = ∅, S_0 = {0} and
  // S_m = {0, π(1..m)}.
  const std::vector<std::vector<T>> G = prefix_expectations(problem, efficient, t, p, c, pi);
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
    expect_equal(sum, T(efficient.V[t][i][c] - continuation(problem, efficient, t - 1, i, p)),
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
  template Table<T> prefix_expectations(const Problem<T>&, const Efficient<T>&, std::size_t,       \
                                        std::size_t, std::size_t,                                  \
                                        const std::vector<std::size_t>&);                          \
  template GumTransfer<T> gum_transfer(const Problem<T>&, const Efficient<T>&, std::size_t,        \
                                       std::size_t, std::size_t, const std::vector<std::size_t>&); \
  template void check_budget_balance(const GumTransfer<T>&);
MECHLAB_INSTANTIATE(Rational)
MECHLAB_INSTANTIATE(double)
#undef MECHLAB_INSTANTIATE

}  // namespace mechlab::dynamic
