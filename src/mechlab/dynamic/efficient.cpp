#include "mechlab/dynamic/efficient.hpp"

#include <utility>

namespace mechlab::dynamic {

namespace {

std::vector<std::size_t> dims_of(const IndexSpace& space) {
  std::vector<std::size_t> dims(space.rank());
  for (std::size_t k = 0; k < dims.size(); ++k) dims[k] = space.radix(k);
  return dims;
}

}  // namespace

template <class T>
std::vector<T> contract_mode(const std::vector<T>& in, const std::vector<std::size_t>& dims,
                             std::size_t k, const std::vector<const std::vector<T>*>& rows) {
  std::size_t outer = 1;
  std::size_t inner = 1;
  for (std::size_t m = 0; m < k; ++m) outer *= dims[m];
  for (std::size_t m = k + 1; m < dims.size(); ++m) inner *= dims[m];
  const std::size_t n_in = dims[k];
  const std::size_t n_out = rows.size();
  std::vector<T> out(outer * n_out * inner, T(0));
  for (std::size_t o = 0; o < outer; ++o) {
    for (std::size_t a = 0; a < n_out; ++a) {
      const std::vector<T>& row = *rows[a];
      T* dst = &out[(o * n_out + a) * inner];
      for (std::size_t b = 0; b < n_in; ++b) {
        if (sign_of(row[b]) == 0 && NumberTraits<T>::exact) continue;
        const T* src = &in[(o * n_in + b) * inner];
        for (std::size_t r = 0; r < inner; ++r) dst[r] += row[b] * src[r];
      }
    }
  }
  return out;
}

template <class T>
std::vector<T> expect_next(const Problem<T>& problem, std::size_t t, std::size_t x,
                           const std::vector<T>& f) {
  const std::size_t n = problem.agent_count();
  const IndexSpace& now = problem.states[t];
  const std::size_t publics = now.radix(0);
  const std::size_t block = now.size() / publics;
  std::vector<T> result(now.size(), T(0));
  for (std::size_t s0 = 0; s0 < publics; ++s0) {
    std::vector<std::size_t> dims = dims_of(problem.states[t + 1]);
    std::vector<T> g = contract_mode(f, dims, 0, {&problem.kernel_row(t, 0, s0, 0, x)});
    dims[0] = 1;
    for (std::size_t k = 1; k <= n; ++k) {
      std::vector<const std::vector<T>*> rows;
      rows.reserve(now.radix(k));
      for (std::size_t a = 0; a < now.radix(k); ++a) {
        rows.push_back(&problem.kernel_row(t, k, s0, a, x));
      }
      g = contract_mode(g, dims, k, rows);
      dims[k] = now.radix(k);
    }
    for (std::size_t r = 0; r < block; ++r) result[s0 * block + r] = std::move(g[r]);
  }
  return result;
}

template <class T>
Efficient<T> solve_efficient(const Problem<T>& problem) {
  const std::size_t n = problem.agent_count();
  const std::size_t horizon = problem.horizon();
  Efficient<T> e;
  e.W.resize(horizon + 1);
  e.chi.resize(horizon + 1);
  e.ties.resize(horizon + 1);
  e.V.resize(horizon + 1);
  e.K.resize(horizon + 1);
  for (std::size_t step = 0; step <= horizon; ++step) {
    const std::size_t t = horizon - step;
    const IndexSpace& space = problem.states[t];
    const std::size_t size = space.size();
    const std::size_t xs = problem.decision_count(t);
    // Continuations E[V_{t+1}^j | θ, x] for every decision x.
    std::vector<std::vector<std::vector<T>>> cont(xs);
    std::vector<std::vector<T>> cont_w(xs);
    if (t < horizon) {
      for (std::size_t x = 0; x < xs; ++x) {
        cont_w[x] = expect_next(problem, t, x, e.W[t + 1]);
        cont[x].reserve(n);
        for (std::size_t j = 0; j < n; ++j) {
          cont[x].push_back(expect_next(problem, t, x, e.V[t + 1][j]));
        }
      }
    }
    e.W[t].assign(size, T(0));
    e.chi[t].assign(size, 0);
    e.V[t].assign(n, std::vector<T>(size, T(0)));
    e.K[t].assign(n, std::vector<T>(size, T(0)));
    for (std::size_t s = 0; s < size; ++s) {
      T best = T(0);
      std::size_t arg = 0;
      bool tie = false;
      for (std::size_t x = 0; x < xs; ++x) {
        T q = t < horizon ? cont_w[x][s] : T(0);
        for (std::size_t j = 0; j < n; ++j) q += problem.payoff(t, j, space.digit(s, j + 1), x);
        if (x == 0) {
          best = q;
        } else if (nearly_equal(q, best)) {
          tie = true;  // the first maximiser stays
        } else if (q > best) {
          best = q;
          arg = x;
          tie = false;
        }
      }
      e.W[t][s] = best;
      e.chi[t][s] = arg;
      if (tie) e.ties[t].push_back(s);
      for (std::size_t j = 0; j < n; ++j) {
        if (t < horizon) e.K[t][j][s] = cont[arg][j][s];
        e.V[t][j][s] = problem.payoff(t, j, space.digit(s, j + 1), arg) + e.K[t][j][s];
      }
    }
  }
  e.guarantees.reserve(n);
  for (std::size_t j = 0; j < n; ++j) e.guarantees.push_back(e.V[0][j][problem.theta0]);
  e.welfare = e.W[0][problem.theta0];
  return e;
}

#define MECHLAB_INSTANTIATE(T)                                                                   \
  template std::vector<T> contract_mode(const std::vector<T>&, const std::vector<std::size_t>&,  \
                                        std::size_t, const std::vector<const std::vector<T>*>&); \
  template std::vector<T> expect_next(const Problem<T>&, std::size_t, std::size_t,               \
                                      const std::vector<T>&);                                    \
  template Efficient<T> solve_efficient(const Problem<T>&);
MECHLAB_INSTANTIATE(Rational)
MECHLAB_INSTANTIATE(double)
#undef MECHLAB_INSTANTIATE

}  // namespace mechlab::dynamic
