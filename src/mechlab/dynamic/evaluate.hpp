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
#include <utility>
#include <vector>

#include "mechlab/core/rational.hpp"
#include "mechlab/dynamic/efficient.hpp"
#include "mechlab/dynamic/model.hpp"
#include "mechlab/dynamic/transfers.hpp"

namespace mechlab::dynamic {

using MarkovStrategy = std::function<std::size_t(std::size_t t, std::size_t p,
                                                 std::size_t public_state, std::size_t own_type)>;

// The law of θ_{t+1} given the true profile θ_t = theta and x_t = x (t < T):
// (cell of Θ_{t+1}, probability) for every profile with positive probability,
// in increasing cell order. The product form (eq. 1) is enumerated over the
// components' supports; the joint kernel is never stored.
template <class T>
using CellLaw = std::vector<std::pair<std::size_t, T>>;  // (cell, probability)

template <class T>
CellLaw<T> next_law(const Problem<T>& problem, std::size_t t, std::size_t theta, std::size_t x);

template <class T>
struct Evaluation {
  std::vector<T> utility;   // E U^i = E Σ_t (u_t^i(θ_t^i, x_t) + y_t^i)
  std::vector<T> payoff;    // E Σ_t u_t^i(θ_t^i, x_t)
  std::vector<T> transfer;  // E Σ_t y_t^i
  std::vector<T> variance;  // Var(Σ_t y_t^i), per agent (exact second moments)
  std::vector<T> budget;    // E Σ_i y_t^i for t = 0..T (ex ante, per period)
  T welfare = T(0);         // E Σ_i Σ_t u_t^i
};

// Exact, by a forward pass over the joint law of (θ̂_{t-1}, θ_t) (A8), carrying
// per state the probability and the first two moments of Σ_{s<t} y_s^i.
// `strategies` has N entries (empty entries are truthful) or is empty (all
// truthful); a strategy returning a label outside Θ_t^i is an InputError
// ("/strategies/i").
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
// (truth[0] must be θ_0; InputError "/truth/t" otherwise or for a cell out of
// range): transfers and utilities along it.
template <class T>
Path<T> follow(const Problem<T>& problem, const Efficient<T>& efficient,
               const TransferRule<T>& rule, const std::vector<std::size_t>& truth);

// §1.4's path identity for GUM in `order` (empty: problem.order):
// Σ_t u^i(θ̂_t^i, x_t) + Σ_t y_t^i = C^i + Σ_t ΔW_{t,i} + Σ_t γ_t^{0→i} for
// every agent; returns the largest |difference| (0 exactly in Rational). The
// left side uses the path's own transfers, so a path produced with any other
// rule (or GUM in another order) shows up as a non-zero error. The identity
// holds along any report path, truthful or not.
template <class T>
T gum_path_identity_error(const Problem<T>& problem, const Efficient<T>& efficient,
                          const Path<T>& path, const std::vector<std::size_t>& order = {});

extern template CellLaw<Rational> next_law(const Problem<Rational>&, std::size_t, std::size_t,
                                           std::size_t);
extern template Evaluation<Rational> evaluate(const Problem<Rational>&, const Efficient<Rational>&,
                                              const TransferRule<Rational>&,
                                              const std::vector<MarkovStrategy>&);
extern template Path<Rational> simulate(const Problem<Rational>&, const Efficient<Rational>&,
                                        const TransferRule<Rational>&, std::uint64_t,
                                        const std::vector<MarkovStrategy>&);
extern template Path<Rational> follow(const Problem<Rational>&, const Efficient<Rational>&,
                                      const TransferRule<Rational>&,
                                      const std::vector<std::size_t>&);
extern template Rational gum_path_identity_error(const Problem<Rational>&,
                                                 const Efficient<Rational>&, const Path<Rational>&,
                                                 const std::vector<std::size_t>&);
extern template CellLaw<double> next_law(const Problem<double>&, std::size_t, std::size_t,
                                         std::size_t);
extern template Evaluation<double> evaluate(const Problem<double>&, const Efficient<double>&,
                                            const TransferRule<double>&,
                                            const std::vector<MarkovStrategy>&);
extern template Path<double> simulate(const Problem<double>&, const Efficient<double>&,
                                      const TransferRule<double>&, std::uint64_t,
                                      const std::vector<MarkovStrategy>&);
extern template Path<double> follow(const Problem<double>&, const Efficient<double>&,
                                    const TransferRule<double>&, const std::vector<std::size_t>&);
extern template double gum_path_identity_error(const Problem<double>&, const Efficient<double>&,
                                               const Path<double>&,
                                               const std::vector<std::size_t>&);

}  // namespace mechlab::dynamic
