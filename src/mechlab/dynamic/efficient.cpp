#include "mechlab/dynamic/efficient.hpp"

#include <algorithm>
#include <utility>

namespace mechlab::dynamic {

namespace {

// out[(o·n_out + a)·inner + r] = Σ_b rows[a][b] · in[(o·n_in + b)·inner + r]:
// the mode contraction on raw storage. Zero weights are skipped (sparse rows
// cost nothing); in Rational the products go through one scratch value, so
// the loop allocates nothing once `out` holds initialised numbers.
template <class T>
void contract_raw(const T* in, T* out, std::size_t outer, std::size_t n_in, std::size_t inner,
                  const T* const* rows, std::size_t n_out) {
  if constexpr (NumberTraits<T>::exact) {
    Rational product;
    for (std::size_t o = 0; o < outer; ++o) {
      for (std::size_t a = 0; a < n_out; ++a) {
        const T* row = rows[a];
        T* dst = out + (o * n_out + a) * inner;
        for (std::size_t r = 0; r < inner; ++r) mpq_set_ui(dst[r].get_mpq_t(), 0, 1);
        for (std::size_t b = 0; b < n_in; ++b) {
          if (sgn(row[b]) == 0) continue;
          const T* src = in + (o * n_in + b) * inner;
          for (std::size_t r = 0; r < inner; ++r) {
            if (sgn(src[r]) == 0) continue;
            mpq_mul(product.get_mpq_t(), row[b].get_mpq_t(), src[r].get_mpq_t());
            mpq_add(dst[r].get_mpq_t(), dst[r].get_mpq_t(), product.get_mpq_t());
          }
        }
      }
    }
  } else if (inner == 1) {
    // The fastest mode: out[o, ·] = M · in[o, ·] for many short vectors. With
    // the transposed matrix the loop over outputs a is contiguous and has
    // independent accumulators (the dot-product form is latency-bound).
    thread_local std::vector<T> transposed;
    transposed.resize(n_in * n_out);
    for (std::size_t a = 0; a < n_out; ++a) {
      for (std::size_t b = 0; b < n_in; ++b) transposed[b * n_out + a] = rows[a][b];
    }
    for (std::size_t o = 0; o < outer; ++o) {
      T* dst = out + o * n_out;
      const T* src = in + o * n_in;
      std::fill(dst, dst + n_out, T(0));
      for (std::size_t b = 0; b < n_in; ++b) {
        const T v = src[b];
        const T* column = &transposed[b * n_out];
        for (std::size_t a = 0; a < n_out; ++a) dst[a] += column[a] * v;
      }
    }
  } else {
    // Skipping zero weights pays only when the row segment is long; for short
    // ones the mispredicted branch costs more than the multiply.
    const bool skip = inner >= 16;
    for (std::size_t o = 0; o < outer; ++o) {
      for (std::size_t a = 0; a < n_out; ++a) {
        const T* row = rows[a];
        T* dst = out + (o * n_out + a) * inner;
        std::fill(dst, dst + inner, T(0));
        for (std::size_t b = 0; b < n_in; ++b) {
          const T w = row[b];
          if (skip && w == T(0)) continue;
          const T* src = in + (o * n_in + b) * inner;
          for (std::size_t r = 0; r < inner; ++r) dst[r] += w * src[r];
        }
      }
    }
  }
}

// Grows v to at least `size` entries, keeping existing (allocated) numbers.
template <class T>
T* at_least(std::vector<T>& v, std::size_t size) {
  if (v.size() < size) v.resize(size);
  return v.data();
}

}  // namespace

template <class T>
void contract_mode(const std::vector<T>& in, const std::vector<std::size_t>& dims, std::size_t k,
                   const std::vector<const std::vector<T>*>& rows, std::vector<T>& out) {
  std::size_t outer = 1;
  std::size_t inner = 1;
  for (std::size_t m = 0; m < k; ++m) outer *= dims[m];
  for (std::size_t m = k + 1; m < dims.size(); ++m) inner *= dims[m];
  std::vector<const T*> raw(rows.size());
  for (std::size_t a = 0; a < rows.size(); ++a) raw[a] = rows[a]->data();
  out.resize(outer * rows.size() * inner);
  contract_raw(in.data(), out.data(), outer, dims[k], inner, raw.data(), rows.size());
}

template <class T>
std::vector<T> contract_mode(const std::vector<T>& in, const std::vector<std::size_t>& dims,
                             std::size_t k, const std::vector<const std::vector<T>*>& rows) {
  std::vector<T> out;
  contract_mode(in, dims, k, rows, out);
  return out;
}

template <class T>
void expect_block(const Problem<T>& problem, std::size_t t, std::size_t x, std::size_t s0,
                  const T* f, std::size_t stack, ExpectWorkspace<T>& work, std::vector<T>& out) {
  const std::size_t n = problem.agent_count();
  const IndexSpace& now = problem.states[t];
  const IndexSpace& next = problem.states[t + 1];
  // Mode 0 first: it collapses the next period's public labels to the one row
  // μ_t^0(· | s0, x), so the agents' modes work on a block of size |Θ'|/|Θ'^0|.
  std::size_t inner = next.size() / next.radix(0) * stack;
  work.rows.assign(1, problem.kernel_row(t, 0, s0, 0, x).data());
  const T* src = f;
  T* dst = at_least(work.a, inner);
  contract_raw(src, dst, 1, next.radix(0), inner, work.rows.data(), 1);
  std::size_t outer = 1;
  for (std::size_t k = 1; k <= n; ++k) {
    const std::size_t n_in = next.radix(k);
    const std::size_t n_out = now.radix(k);
    inner /= n_in;
    work.rows.resize(n_out);
    for (std::size_t a = 0; a < n_out; ++a) {
      work.rows[a] = problem.kernel_row(t, k, s0, a, x).data();
    }
    src = dst;
    const std::size_t size = outer * n_out * inner;
    if (k == n) {
      out.resize(size);
      dst = out.data();
    } else {
      dst = at_least(src == work.a.data() ? work.b : work.a, size);
    }
    contract_raw(src, dst, outer, n_in, inner, work.rows.data(), n_out);
    outer *= n_out;
  }
}

template <class T>
std::vector<T> expect_next(const Problem<T>& problem, std::size_t t, std::size_t x,
                           const std::vector<T>& f) {
  const IndexSpace& now = problem.states[t];
  const std::size_t publics = now.radix(0);
  const std::size_t block = now.size() / publics;
  std::vector<T> result(now.size(), T(0));
  ExpectWorkspace<T> work;
  std::vector<T> out;
  for (std::size_t s0 = 0; s0 < publics; ++s0) {
    expect_block(problem, t, x, s0, f.data(), 1, work, out);
    for (std::size_t r = 0; r < block; ++r) std::swap(result[s0 * block + r], out[r]);
  }
  return result;
}

template <class T>
Efficient<T> solve_efficient(const Problem<T>& problem, const SolveOptions& options) {
  const std::size_t n = problem.agent_count();
  const std::size_t horizon = problem.horizon();
  Efficient<T> e;
  e.W.resize(horizon + 1);
  e.chi.resize(horizon + 1);
  e.ties.resize(horizon + 1);
  e.V.resize(horizon + 1);
  if (options.keep_continuations) e.K.resize(horizon + 1);
  std::vector<T> qw;       // E[W_{t+1} | θ, x] at qw[x·|Θ_t| + θ]
  std::vector<T> stacked;  // V_{t+1}^j(θ') at stacked[θ'·N + j]
  for (std::size_t step = 0; step <= horizon; ++step) {
    const std::size_t t = horizon - step;
    const IndexSpace& space = problem.states[t];
    const std::size_t size = space.size();
    const std::size_t xs = problem.decision_count(t);
    const std::size_t publics = space.radix(0);
    const std::size_t block = size / publics;
    const bool last = t == horizon;
    // Threads only when a period has enough work: on small problems the
    // fork/join (and spinning when the cores are shared) costs more than it saves.
    const bool parallel = size * xs >= (std::size_t{1} << 16);
    if (!last) {
      at_least(qw, xs * size);
      const std::size_t slices = publics * xs;
      const T* w_next = e.W[t + 1].data();
#pragma omp parallel if (parallel)
      {
        ExpectWorkspace<T> work;
        std::vector<T> out;
#pragma omp for schedule(dynamic)
        for (std::size_t z = 0; z < slices; ++z) {
          const std::size_t s0 = z / xs;
          const std::size_t x = z % xs;
          expect_block(problem, t, x, s0, w_next, 1, work, out);
          for (std::size_t r = 0; r < block; ++r) std::swap(qw[x * size + s0 * block + r], out[r]);
        }
      }
    }
    e.W[t].assign(size, T(0));
    e.chi[t].assign(size, 0);
    e.V[t].assign(n, std::vector<T>(size, T(0)));
    if (options.keep_continuations) e.K[t].assign(n, std::vector<T>(size, T(0)));
    std::vector<char> tied(size, 0);
#pragma omp parallel if (parallel)
    {
      std::vector<std::size_t> type(n);
      T q = T(0);
#pragma omp for schedule(static)
      for (std::size_t s = 0; s < size; ++s) {
        for (std::size_t j = 0; j < n; ++j) type[j] = space.digit(s, j + 1);
        std::size_t arg = 0;
        bool tie = false;
        T& best = e.W[t][s];
        for (std::size_t x = 0; x < xs; ++x) {
          q = last ? T(0) : qw[x * size + s];
          for (std::size_t j = 0; j < n; ++j) q += problem.payoff(t, j, type[j], x);
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
        e.chi[t][s] = arg;
        tied[s] = tie ? 1 : 0;
        if (last) {
          for (std::size_t j = 0; j < n; ++j) e.V[t][j][s] = problem.payoff(t, j, type[j], arg);
        }
      }
    }
    for (std::size_t s = 0; s < size; ++s) {
      if (tied[s] != 0) e.ties[t].push_back(s);
    }
    if (last) continue;
    // Per-agent continuations only for the (public block, decision) slices
    // that χ_t uses, all agents in one stacked contraction.
    std::vector<std::size_t> used;
    {
      std::vector<char> hit(publics * xs, 0);
      for (std::size_t s = 0; s < size; ++s) hit[(s / block) * xs + e.chi[t][s]] = 1;
      for (std::size_t z = 0; z < hit.size(); ++z) {
        if (hit[z] != 0) used.push_back(z);
      }
    }
    const std::size_t next_size = problem.states[t + 1].size();
    at_least(stacked, next_size * n);
#pragma omp parallel for schedule(static) if (parallel)
    for (std::size_t s = 0; s < next_size; ++s) {
      for (std::size_t j = 0; j < n; ++j) stacked[s * n + j] = e.V[t + 1][j][s];
    }
    const std::size_t* slice = used.data();
    const std::size_t slices = used.size();
#pragma omp parallel if (parallel)
    {
      ExpectWorkspace<T> work;
      std::vector<T> out;
#pragma omp for schedule(dynamic)
      for (std::size_t u = 0; u < slices; ++u) {
        const std::size_t s0 = slice[u] / xs;
        const std::size_t x = slice[u] % xs;
        expect_block(problem, t, x, s0, stacked.data(), n, work, out);
        for (std::size_t r = 0; r < block; ++r) {
          const std::size_t s = s0 * block + r;
          if (e.chi[t][s] != x) continue;
          for (std::size_t j = 0; j < n; ++j) {
            const T& k = out[r * n + j];
            e.V[t][j][s] = problem.payoff(t, j, space.digit(s, j + 1), x) + k;
            if (options.keep_continuations) e.K[t][j][s] = k;
          }
        }
      }
    }
  }
  e.guarantees.reserve(n);
  for (std::size_t j = 0; j < n; ++j) e.guarantees.push_back(e.V[0][j][problem.theta0]);
  e.welfare = e.W[0][problem.theta0];
  return e;
}

template <class T>
T continuation(const Problem<T>& problem, const Efficient<T>& efficient, std::size_t t,
               std::size_t j, std::size_t s) {
  if (!efficient.K.empty()) return efficient.K[t][j][s];
  if (t == problem.horizon()) return T(0);
  const std::size_t type = problem.states[t].digit(s, j + 1);
  return efficient.V[t][j][s] - problem.payoff(t, j, type, efficient.chi[t][s]);
}

#define MECHLAB_INSTANTIATE(T)                                                                     \
  template std::vector<T> contract_mode(const std::vector<T>&, const std::vector<std::size_t>&,    \
                                        std::size_t, const std::vector<const std::vector<T>*>&);   \
  template void contract_mode(const std::vector<T>&, const std::vector<std::size_t>&, std::size_t, \
                              const std::vector<const std::vector<T>*>&, std::vector<T>&);         \
  template void expect_block(const Problem<T>&, std::size_t, std::size_t, std::size_t, const T*,   \
                             std::size_t, ExpectWorkspace<T>&, std::vector<T>&);                   \
  template std::vector<T> expect_next(const Problem<T>&, std::size_t, std::size_t,                 \
                                      const std::vector<T>&);                                      \
  template Efficient<T> solve_efficient(const Problem<T>&, const SolveOptions&);                   \
  template T continuation(const Problem<T>&, const Efficient<T>&, std::size_t, std::size_t,        \
                          std::size_t);
MECHLAB_INSTANTIATE(Rational)
MECHLAB_INSTANTIATE(double)
#undef MECHLAB_INSTANTIATE

}  // namespace mechlab::dynamic
