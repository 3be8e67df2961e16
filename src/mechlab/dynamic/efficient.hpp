// A1 and A2 of 004 §3.1–3.2: the efficient policy by backward induction, the
// per-agent values V_t^j, continuations K_t^j and guarantees C^j = V_0^j(θ_0).
//
// Expectations use the product form of the kernel: E[f(θ') | θ, x] is a
// sequence of mode-k contractions with the |Θ_t^k| × |Θ_{t+1}^k| matrices of
// μ_t^k(· | θ^0, ·, x); the joint kernel is never built. Full product state
// spaces are used in every period.
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

// E[f(θ_{t+1}) | θ_t = θ, x_t = x] for every θ ∈ Θ_t, with f over Θ_{t+1}
// (t < T).
template <class T>
std::vector<T> expect_next(const Problem<T>& problem, std::size_t t, std::size_t x,
                           const std::vector<T>& f);

template <class T>
struct Efficient {
  // W_t(θ) at W[t][θ] and χ_t(θ) at chi[t][θ], t = 0..T.
  std::vector<std::vector<T>> W;
  std::vector<std::vector<std::size_t>> chi;
  // States of period t where more than one decision attains W_t (χ takes the
  // first in decision order).
  std::vector<std::vector<std::size_t>> ties;
  // V_t^j(θ) at V[t][j][θ]; K_t^j(θ) = E[V_{t+1}^j | θ, χ_t(θ)] at K[t][j][θ]
  // (0 at t = T).
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

template <class T>
Efficient<T> solve_efficient(const Problem<T>& problem);

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
extern template Efficient<Rational> solve_efficient(const Problem<Rational>&);
extern template Efficient<double> solve_efficient(const Problem<double>&);

}  // namespace mechlab::dynamic
