// Replica economies (003 spec §4.6 TV6, plot P3): the Section 2 signal
// structure with n agents — states θ1, θ2 equally likely, signals a1, a2
// conditionally i.i.d. with P(a1 | θ1) = P(a2 | θ2) = ρ — measured exactly for
// growing n.
//
// Everything is computed by exchangeable aggregation: the posterior depends on
// a profile only through its count K of a1 signals, and agent i's belief about
// the others' 2^(n-1) profiles only through their count k, so each quantity is
// a sum over k = 0..n-1 weighted by C(n-1, k). No profile is enumerated; the
// cost per n is O(n) big-rational operations.
#pragma once

#include <cstddef>
#include <vector>

#include "mechlab/core/certified_real.hpp"
#include "mechlab/core/progress.hpp"
#include "mechlab/core/rational.hpp"

namespace mechlab::infosize {

// Largest n accepted. Exact E‖Δρ‖ is a sum over posteriors with ~n/2 distinct
// denominators a^m + b^m (ρ = a/(a+b)), so its own denominator has Θ(n²) bits:
// one point costs ~0.4 s at n = 500 and ρ = 9/10 but ~80 s at n = 2000.
inline constexpr std::size_t kReplicaMaxAgents = 500;

// One point of the replica curves. All quantities are the same for every agent
// and, by the a1 ↔ a2, θ1 ↔ θ2 symmetry, for both lies; the code takes the max
// (ν, E) or the min (Λ) over the two ordered signal pairs as the definitions say.
struct ReplicaPoint {
  std::size_t n = 0;  // agents; |A| = 2^n
  Rational nu;        // informational size ν_i (spec §3.4)
  Rational lambda;    // variability Λ_i (spec §3.5); rational since ‖q_{a1}‖ = ‖q_{a2}‖
  Rational expected_move;  // E‖Δρ‖ = max over lies of Σ m(a_{-i}) ‖ρ(truth) − ρ(lie)‖₁
  CertifiedReal norm;      // ‖q_{a_i}‖₂, i's belief about the others' signals
  CertifiedReal power;      // spherical incentive power S = ½‖q‖₂Λ (spec §3.6)
  CertifiedReal eps_ref;    // ε_ref = 2nM·E/S with M = 1 (spec §3.9)
  CertifiedReal eps_paper;  // ε_paper = 12nM√(2^n)·ν/Λ with M = 1 (spec §3.9)
};

// The point for n agents. Throws InputError("/rho") unless 1/2 < ρ < 1, and
// InputError("/n") unless 2 <= n <= kReplicaMaxAgents. `progress` is only
// checked (time limit, cancel), so that a large n stays interruptible.
ReplicaPoint replica_point(const Rational& rho, std::size_t n,
                           Progress& progress = Progress::none());

// The points n = n_min..n_max, in order. Reports one unit of work per n to
// `progress` (which enforces --time-limit). Throws InputError("/rho"),
// InputError("/n_min") or InputError("/n_max") on invalid input.
std::vector<ReplicaPoint> replica_sweep(const Rational& rho, std::size_t n_min, std::size_t n_max,
                                        Progress& progress = Progress::none());

// lim_{n→∞} Λ(n) = 2(2ρ−1)² / (ρ² + (1−ρ)²) [spec §4.6, derived].
Rational replica_lambda_limit(const Rational& rho);

}  // namespace mechlab::infosize
