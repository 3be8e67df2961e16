// A8 of 004 §3.8: exact expected utilities under Markov reporting strategies,
// and a seeded path simulator.
//
// A Markov reporting strategy of agent i gives the label i reports in period
// t >= 1 from the previous reported profile p (a cell of Θ_{t-1}), the public
// state θ_t^0 and i's own true type θ_t^i (label positions of period t). An
// empty std::function is truth-telling. In period 0 everyone reports θ_0.
// True types evolve from the true previous type under the decision induced by
// the reports (eq. 1); the public state is observed, never reported.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "mechlab/core/rational.hpp"
#include "mechlab/dynamic/efficient.hpp"
#include "mechlab/dynamic/model.hpp"
#include "mechlab/dynamic/transfers.hpp"

namespace mechlab::dynamic {

using MarkovStrategy = std::function<std::size_t(std::size_t t, std::size_t p,
                                                 std::size_t public_state, std::size_t own_type)>;

template <class T>
struct Evaluation {
  std::vector<T> utility;   // E U^i = E Σ_t (u_t^i(θ_t^i, x_t) + y_t^i)
  std::vector<T> payoff;    // E Σ_t u_t^i(θ_t^i, x_t)
  std::vector<T> transfer;  // E Σ_t y_t^i
  std::vector<T> variance;  // Var(Σ_t y_t^i), per agent
  std::vector<T> budget;    // E Σ_i y_t^i for t = 0..T (ex ante, per period)
  T welfare = T(0);         // E Σ_i Σ_t u_t^i
};

// Exact, by a forward pass over the distribution of (θ̂_{t-1}, θ_t) (A8).
// `strategies` has N entries (empty entries are truthful) or is empty (all
// truthful).
template <class T>
Evaluation<T> evaluate(const Problem<T>& problem, const Efficient<T>& efficient,
                       const TransferRule<T>& rule,
                       const std::vector<MarkovStrategy>& strategies = {});

template <class T>
struct Path {
  std::vector<std::size_t> truth;      // θ_t, a cell of Θ_t, t = 0..T
  std::vector<std::size_t> reports;    // θ̂_t
  std::vector<std::size_t> decisions;  // x_t = χ_t(θ̂_t)
  // payoffs[t][i] = u_t^i(θ_t^i, x_t); transfers[t][i] = y_t^i (0 at t = 0).
  std::vector<std::vector<T>> payoffs;
  std::vector<std::vector<T>> transfers;
  std::vector<T> utility;  // realised U^i
};

// One path; draws use `seed` (std::mt19937_64; exact probabilities are
// compared in double to pick the next label, the values along the path stay
// exact).
template <class T>
Path<T> simulate(const Problem<T>& problem, const Efficient<T>& efficient,
                 const TransferRule<T>& rule, std::uint64_t seed,
                 const std::vector<MarkovStrategy>& strategies = {});

// The path of a given sequence of true profiles with truthful reports
// (truth[0] must be θ_0): transfers and utilities along it.
template <class T>
Path<T> follow(const Problem<T>& problem, const Efficient<T>& efficient,
               const TransferRule<T>& rule, const std::vector<std::size_t>& truth);

// §1.4's path identity for GUM in `order` (empty: problem.order):
// Σ_t u^i(θ̂_t^i, x_t) + Σ_t y_t^i = C^i + Σ_t ΔW_{t,i} + Σ_t γ_t^{0→i} for
// every agent; returns the largest |difference| (0 exactly in Rational).
template <class T>
T gum_path_identity_error(const Problem<T>& problem, const Efficient<T>& efficient,
                          const Path<T>& path, const std::vector<std::size_t>& order = {});

}  // namespace mechlab::dynamic
