// An alliance (000, "A Theory of International Alliances", spec §1–2, §3.1):
// n players with interdependence η ∈ (0,1), biases b_i (any order) and
// per-player policy bounds [lo_i, hi_i] (the paper's [0,1], or committed
// capacities [0, R̄_i]). Signals are binary and conditionally i.i.d. given
// θ ~ U[0,1] (the prior is fixed; spec §6 item 9).
//
// Players are numbered 0..n−1 in input order everywhere; `Derived::order`
// lists them by increasing bias, so order[0] is the paper's player 1 and
// order[n−1] its player n.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "mechlab/core/rational.hpp"

namespace mechlab::alliance {

template <class T>
struct Bounds {
  T lo;
  T hi;
};

template <class T>
struct Alliance {
  T eta;                          // η, open interval (0,1)
  std::vector<T> biases;          // b_i in input order, n >= 2 entries
  std::vector<Bounds<T>> bounds;  // [lo_i, hi_i], one per player

  std::size_t player_count() const { return biases.size(); }
};

// The paper's baseline: every policy set is [0,1].
template <class T>
Alliance<T> paper_alliance(const T& eta, std::vector<T> biases);

// Whether every player's policy set is the paper's [0,1] (Theorem 2 assumes it).
template <class T>
bool has_paper_bounds(const Alliance<T>& alliance);

// InputError with the model file's JSON pointer: "/biases" (n >= 2), "/eta"
// (η ∈ (0,1), open; the engine is well defined for η ∈ (−1/(n−1), 1) but the
// paper never uses η <= 0), "/biases/i" (finite), "/bounds" (one per player),
// "/bounds/i/lo", "/bounds/i/hi" (finite, lo <= hi).
template <class T>
void validate(const Alliance<T>& alliance);

// Findings of A0 that are not errors (spec §6 item 3).
enum class Warning {
  negative_bias,  // some b_i < 0: outside the paper's b_1 >= 0, formulas still apply
  equal_biases,   // b_1 = b_n: the paper assumes b_1 < b_n; the model is still computable
};
std::string describe(Warning warning);

// A0 (spec §3.1): derived quantities, all closed forms rational in the input.
template <class T>
struct Derived {
  std::size_t n = 0;
  T normaliser;                    // D = 1 + (n−1)η
  T beta;                          // β = nη/(1−η)
  T alpha;                         // α = 1 + β = D/(1−η)
  T mean_bias;                     // Avg(b)
  std::vector<std::size_t> order;  // players by increasing bias (stable)
  std::vector<T> sorted_biases;    // b in that order: the paper's b_1 <= … <= b_n
  T bias_spread;                   // b_d = b̄ − b̲
  std::vector<T> misalignment;     // b̃_i = β(b_i − Avg b) (Def. 5)
  std::vector<T> effective_bias;   // c_i = b_i + b̃_i = αb_i − βAvg(b)
  std::vector<bool> one_type;      // c_i > 0 (Def. 7); otherwise a 0-type
  std::vector<Warning> warnings;
};

// Validates, then computes A0. InputError as validate().
template <class T>
Derived<T> derive(const Alliance<T>& alliance);

// x̄_i(k) = E_k + c_i = (k+1)/(n+2) + c_i, the first-best (unconstrained,
// fully revealing) action of eq. (3), for k = 0..n.
template <class T>
T first_best_action(const Derived<T>& derived, std::size_t player, std::size_t k);

// φ_i(x) = (x_i + ηΣ_{j≠i} x_j)/D given S = Σ_j x_j.
template <class T>
T coordination_level(const T& eta, const T& normaliser, const T& own, const T& total);

extern template Alliance<Rational> paper_alliance(const Rational&, std::vector<Rational>);
extern template Alliance<double> paper_alliance(const double&, std::vector<double>);
extern template bool has_paper_bounds(const Alliance<Rational>&);
extern template bool has_paper_bounds(const Alliance<double>&);
extern template void validate(const Alliance<Rational>&);
extern template void validate(const Alliance<double>&);
extern template Derived<Rational> derive(const Alliance<Rational>&);
extern template Derived<double> derive(const Alliance<double>&);
extern template Rational first_best_action(const Derived<Rational>&, std::size_t, std::size_t);
extern template double first_best_action(const Derived<double>&, std::size_t, std::size_t);
extern template Rational coordination_level(const Rational&, const Rational&, const Rational&,
                                            const Rational&);
extern template double coordination_level(const double&, const double&, const double&,
                                          const double&);

}  // namespace mechlab::alliance
