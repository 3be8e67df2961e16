// A5 (spec §3.6): the exact truth-telling verifier for full revelation with
// policy bounds — the ground truth that replaces Theorem 2's condition.
//
// For k = 0..n, x*(k) is the constrained continuation (A3) at E_k. Player i
// with signal s and j ones among the others (k_T = j + s) who sends the
// opposite message is believed, so the others play x*_{−i}(k_D), k_D = j+1−s;
// i then best-responds to its true posterior:
//   x_i^dev = clip(D(E_{k_T} + b_i) − ηΣ_{l≠i} x*_l(k_D), lo_i, hi_i).
// The interim gain is
//   G_i(s) = Σ_j P(j | s)[(φ_i(x*(k_T)) − E_{k_T} − b_i)² − (φ_i(x_i^dev, x*_{−i}(k_D)) − E_{k_T} −
//   b_i)²]
// (the posterior variances cancel). Full revelation is an equilibrium iff
// every G_i(s) <= 0 (a gain of exactly 0 counts as incentive compatible,
// spec §6 item 6); exact in Rational, within 1e-12 in double.
#pragma once

#include <array>
#include <cstddef>
#include <vector>

#include "mechlab/alliance/continuation.hpp"
#include "mechlab/alliance/model.hpp"
#include "mechlab/alliance/theorem2.hpp"
#include "mechlab/core/progress.hpp"
#include "mechlab/core/rational.hpp"

namespace mechlab::alliance {

template <class T>
struct TruthTelling {
  std::vector<Continuation<T>> continuation;  // x*(k), k = 0..n
  std::vector<std::array<T, 2>> gain;         // G_i(s), players in input order
  // breakdown[i][s][j] = P(j | s)(L_T − L_D): the contribution of the others'
  // count j = 0..n−1 to G_i(s).
  std::vector<std::array<std::vector<T>, 2>> breakdown;
  bool fully_revealing = false;  // every gain <= 0
  // The certificate: the (player, signal) with the largest gain — the
  // profitable deviation when !fully_revealing, else the tightest constraint.
  std::size_t worst_player = 0;
  int worst_signal = 0;
  T worst_gain;
  // The witness for that pair, by the others' count j = 0..n−1: the
  // deviator's optimal action x_i^dev after the opposite message (others at
  // x*_{−i}(k_D)) beside its truthful action x*_i(k_T).
  std::vector<T> witness_deviation;
  std::vector<T> witness_truthful;
};

// Validates (InputError as validate()). `progress` is checked once per player
// (the time limit; O(n) exact work each).
template <class T>
TruthTelling<T> verify_truth_telling(const Alliance<T>& alliance,
                                     Progress& progress = Progress::none());

// The exact verdict with the paper's beside it. `disagree` is set when the
// policy sets are the paper's [0,1] and Theorem 2's verdict differs from A5's
// (the "only if" failing; a sufficiency failure would be a finding).
template <class T>
struct FullRevelation {
  Theorem2Test<T> paper;
  TruthTelling<T> exact;
  bool disagree = false;
};

template <class T>
FullRevelation<T> check_full_revelation(const Alliance<T>& alliance,
                                        Progress& progress = Progress::none());

extern template TruthTelling<Rational> verify_truth_telling(const Alliance<Rational>&, Progress&);
extern template TruthTelling<double> verify_truth_telling(const Alliance<double>&, Progress&);
extern template FullRevelation<Rational> check_full_revelation(const Alliance<Rational>&,
                                                               Progress&);
extern template FullRevelation<double> check_full_revelation(const Alliance<double>&, Progress&);

}  // namespace mechlab::alliance
