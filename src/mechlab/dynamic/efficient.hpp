// A1 and A2 of 004 §3.1–3.2: the efficient policy by backward induction, the
// per-agent values V_t^j, continuations K_t^j and guarantees C^j = V_0^j(θ_0).
//
// Expectations use the product form of the kernel: E[f(θ') | θ, x] is a
// sequence of mode-k contractions with the |Θ_t^k| × |Θ_{t+1}^k| matrices of
// μ_t^k(· | θ^0, ·, x); the joint kernel is never built. The state spaces are
// the reachable boxes of prepare() (model.hpp).
//
// solve_efficient computes E[W_{t+1} | θ, x] for every decision, and the
// per-agent E[V_{t+1}^j | θ, x] only for the decisions χ_t chooses somewhere
// (all agents stacked in one tensor, state-major), in parallel (OpenMP) over
// (public state, decision) slices with one reusable workspace per thread.
#pragma once

#include <cstddef>
#include <vector>

#include "mechlab/core/rational.hpp"
#include "mechlab/dynamic/model.hpp"

namespace mechlab::dynamic {

// Mode-k contraction of a row-major tensor with shape `dims`: the result has
// dims[k] replaced by rows.size() and entry a on mode k equal to
// Σ_b (*rows[a])[b] · in[..., b, ...]. Each row has dims[k] entries.
template <class T>
std::vector<T> contract_mode(const std::vector<T>& in, const std::vector<std::size_t>& dims,
                             std::size_t k, const std::vector<const std::vector<T>*>& rows);

// The same into `out` (resized; its storage is reused across calls).
template <class T>
void contract_mode(const std::vector<T>& in, const std::vector<std::size_t>& dims, std::size_t k,
                   const std::vector<const std::vector<T>*>& rows, std::vector<T>& out);

// E[f(θ_{t+1}) | θ_t = θ, x_t = x] for every θ ∈ Θ_t, with f over Θ_{t+1}
// (t < T).
template <class T>
std::vector<T> expect_next(const Problem<T>& problem, std::size_t t, std::size_t x,
                           const std::vector<T>& f);

// Buffers for expect_block, reused across calls (one per thread).
template <class T>
struct ExpectWorkspace {
  std::vector<T> a, b;
  std::vector<const T*> rows;
};

// E[f_m(θ_{t+1}) | θ_t = θ, x] for the θ of public block s0 of Θ_t (cells
// s0·B .. s0·B + B − 1, B = |Θ_t| / |Θ_t^0|) and a stack of `stack` functions
// stored state-major, f[θ'·stack + m]. out[r·stack + m] is the value at cell
// s0·B + r. No allocation once the workspace and `out` have grown.
template <class T>
void expect_block(const Problem<T>& problem, std::size_t t, std::size_t x, std::size_t s0,
                  const T* f, std::size_t stack, ExpectWorkspace<T>& work, std::vector<T>& out);

template <class T>
struct Efficient {
  // W_t(θ) at W[t][θ] and χ_t(θ) at chi[t][θ], t = 0..T.
  std::vector<std::vector<T>> W;
  std::vector<std::vector<std::size_t>> chi;
  // States of period t where more than one decision attains W_t (χ takes the
  // first in decision order).
  std::vector<std::vector<std::size_t>> ties;
  // V_t^j(θ) at V[t][j][θ]; K_t^j(θ) = E[V_{t+1}^j | θ, χ_t(θ)] at K[t][j][θ]
  // (0 at t = T). K is empty when solved with keep_continuations = false; use
  // continuation(), which then recomputes K = V − u.
  std::vector<std::vector<std::vector<T>>> V;
  std::vector<std::vector<std::vector<T>>> K;
  std::vector<T> guarantees;  // C^j = V_0^j(θ_0)
  T welfare = T(0);           // W_0(θ_0) = Σ_j C^j

  std::size_t tie_count() const {
    std::size_t c = 0;
    for (const auto& t : ties) c += t.size();
    return c;
  }
};

struct SolveOptions {
  // Keep K (another (T+1)·N·|Θ_t| numbers; 1 GB in double at 10^6 states, 6
  // agents, 20 periods). Without it, continuation() gives K_t^j = V_t^j − u_t^j.
  bool keep_continuations = true;
};

template <class T>
Efficient<T> solve_efficient(const Problem<T>& problem, const SolveOptions& options);

template <class T>
Efficient<T> solve_efficient(const Problem<T>& problem) {
  return solve_efficient(problem, SolveOptions{});
}

// K_t^j(θ): efficient.K when kept, else V_t^j(θ) − u_t^j(θ^j, χ_t(θ)) (exact in
// Rational, equal up to rounding in double).
template <class T>
T continuation(const Problem<T>& problem, const Efficient<T>& efficient, std::size_t t,
               std::size_t j, std::size_t s);

extern template std::vector<Rational> contract_mode(
    const std::vector<Rational>&, const std::vector<std::size_t>&, std::size_t,
    const std::vector<const std::vector<Rational>*>&);
extern template std::vector<double> contract_mode(const std::vector<double>&,
                                                  const std::vector<std::size_t>&, std::size_t,
                                                  const std::vector<const std::vector<double>*>&);
extern template std::vector<Rational> expect_next(const Problem<Rational>&, std::size_t,
                                                  std::size_t, const std::vector<Rational>&);
extern template std::vector<double> expect_next(const Problem<double>&, std::size_t, std::size_t,
                                                const std::vector<double>&);
extern template void contract_mode(const std::vector<Rational>&, const std::vector<std::size_t>&,
                                   std::size_t, const std::vector<const std::vector<Rational>*>&,
                                   std::vector<Rational>&);
extern template void contract_mode(const std::vector<double>&, const std::vector<std::size_t>&,
                                   std::size_t, const std::vector<const std::vector<double>*>&,
                                   std::vector<double>&);
extern template void expect_block(const Problem<Rational>&, std::size_t, std::size_t, std::size_t,
                                  const Rational*, std::size_t, ExpectWorkspace<Rational>&,
                                  std::vector<Rational>&);
extern template void expect_block(const Problem<double>&, std::size_t, std::size_t, std::size_t,
                                  const double*, std::size_t, ExpectWorkspace<double>&,
                                  std::vector<double>&);
extern template Efficient<Rational> solve_efficient(const Problem<Rational>&, const SolveOptions&);
extern template Efficient<double> solve_efficient(const Problem<double>&, const SolveOptions&);
extern template Rational continuation(const Problem<Rational>&, const Efficient<Rational>&,
                                      std::size_t, std::size_t, std::size_t);
extern template double continuation(const Problem<double>&, const Efficient<double>&, std::size_t,
                                    std::size_t, std::size_t);

}  // namespace mechlab::dynamic
