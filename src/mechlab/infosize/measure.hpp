// Informational size ν_i, the g(ε) curve, the expected posterior move E‖Δρ‖,
// and the variability of beliefs Λ_i (003 Def. 3 and §4.3; spec §3.4–3.5).
//
// ν follows the corrected definition (erratum E1: the mass is i's belief
// Q_{A_{-i}}(a_{-i} | a_i) about the others' signals) and is exact: a step
// function's first crossing of the diagonal. Λ uses the squared 2-norm
// (erratum E3) and lives in RealOf<T>: exact surds or certified intervals.
#pragma once

#include <cstddef>
#include <optional>
#include <utility>
#include <vector>

#include "mechlab/core/certified_real.hpp"
#include "mechlab/infosize/decomposition.hpp"

namespace mechlab::infosize {

// One step of g(ε) = Q(I_ε | a_i): g equals `mass` on [next distance, distance).
template <class T>
struct SizeStep {
  T distance;  // D_j: a distinct value of ‖ρ(a_{-i}, a_i) − ρ(a_{-i}, a_i')‖₁, decreasing
  T mass;      // G_j: the belief mass of the a_{-i} at distance >= D_j
};

// ν_i(a_i', a_i) for the true signal a_i and the lie a_i'.
template <class T>
struct PairSize {
  std::size_t agent = 0;
  std::size_t truth = 0;           // a_i
  std::size_t lie = 0;             // a_i'
  T nu = T(0);                     // ν_i(a_i', a_i)
  T expected_move = T(0);          // E_i(a_i, a_i') = Σ m(a_{-i}) d(a_{-i})
  std::vector<SizeStep<T>> steps;  // g(ε), from the largest distance down
  // Others' profiles a_{-i} (as full profiles with a_i = truth) with positive
  // belief where ρ is undefined at the truth or at the lie (Q_A = 0): ν is not
  // defined there; listed so reports can name them (spec §6.2).
  std::vector<std::size_t> undefined;
};

// Throws InputError("/decomposition", ...) if a needed posterior is undefined
// (Q_A = 0 at a profile with positive belief) — the caller validated first.
template <class T>
PairSize<T> informational_size(const SignalStructure<T>& s, std::size_t i, std::size_t truth,
                               std::size_t lie);

// g(ε) for one pair: the mass of the a_{-i} whose posterior moves by more than ε.
template <class T>
T g_at(const PairSize<T>& pair, const T& epsilon);

// ‖Q_{A_{-i}}(· | a_i)‖₂² (rational) and its square root.
template <class T>
T belief_norm_squared(const SignalStructure<T>& s, std::size_t i, std::size_t a_i);

// Λ_i(a_i, a_i') = ‖u − u'‖₂² = 2(1 − u·u') for the normalised beliefs u, u'.
template <class T>
RealOf<T> variability(const SignalStructure<T>& s, std::size_t i, std::size_t a_i,
                      std::size_t a_i2);

template <class T>
struct AgentMeasure {
  std::size_t agent = 0;
  T nu = T(0);                                      // ν_i = max over ordered pairs
  std::pair<std::size_t, std::size_t> nu_at{};      // (truth, lie) attaining ν_i
  T expected_move = T(0);                           // max over pairs of E_i
  std::optional<RealOf<T>> lambda;                  // Λ_i; nullopt when |A_i| = 1 (Λ = +∞)
  std::pair<std::size_t, std::size_t> lambda_at{};  // the pair attaining Λ_i
  std::vector<PairSize<T>> pairs;                   // every ordered pair a_i ≠ a_i'
  std::vector<RealOf<T>> norms;                     // ‖q_{a_i}‖₂, by signal
};

template <class T>
AgentMeasure<T> measure_agent(const SignalStructure<T>& s, std::size_t i);

}  // namespace mechlab::infosize
