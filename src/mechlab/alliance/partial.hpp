// Partial revelation with policy bounds (spec §3.3 [derived, optional], §3.4,
// §3.6): the continuation for any truthful set T, its truth-telling check, and
// the classification of all 2^n truthful sets.
//
// Continuation. With t = |T| and k ones among the truthful messages, the
// agents are i ∈ T (posterior mean E = (k+1)/(t+2)) and (j, s) for each
// babbler j and own signal s (mean e_s = (k+s+1)/(t+3), also its belief that
// another babbler saw 1). The first-order conditions (eqs. 13–15) with boxes
// become clipped best responses:
//   truthful i:  x_i   = clip(D(E + b_i)   − η[Σ_{T∖i} x_l + Σ_B((1−E)x_l(0) + E x_l(1))]),
//   babbler (j,s): x_j(s) = clip(D(e_s + b_j) − η[Σ_T x_l + Σ_{B∖j}((1−e_s)x_l(0) + e_s x_l(1))]).
// Weighting agent (j,s) by P(s_j = s | k) makes the cross terms symmetric
// (η·P(s_j = s, s_l = s′ | k)), so this is a weighted potential game whose
// potential is strictly concave (xᵀQx = E[(1−η)Σ_p x_p² + η(Σ_p x_p)²] over the
// babblers' signals): the equilibrium is the unique maximiser of a box QP.
//
// Solver. The FOC matrix is block diagonal (one block per player) plus a
// rank-2 term in the aggregates u = Σ_T x_l + Σ_B x_l(0) and
// v = Σ_B (x_l(1) − x_l(0)): an agent with belief p sees the others' expected
// total u + p·v minus its own player's part. For a partition of the agents into
// free / at lo / at hi, every free action is affine in (u, v), so one solve is
// a 2×2 system — O(n) exact operations. The all-free partition is Theorem 1;
// otherwise the primal–dual active-set rule (fix an agent iff its
// unconstrained best response lies strictly outside its box) runs until the
// partition is stable or repeats (in exact mode it runs in double first and the
// exact iterations start from its final partition, usually confirming it with
// one solve); a stable partition is exactly the KKT certificate
// x = clip(desired). If the rule cycles (it is not guaranteed for a
// non-M-matrix), an exact primal active-set method takes over, which strictly
// decreases the potential and cannot fail. In double mode the same iterations
// run in double, and a failed certificate re-solves the inputs exactly.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "mechlab/alliance/continuation.hpp"
#include "mechlab/alliance/model.hpp"
#include "mechlab/core/progress.hpp"
#include "mechlab/core/rational.hpp"

namespace mechlab::alliance {

// How partial_continuation found the equilibrium.
enum class PartialMethod {
  theorem1,           // Theorem 1's actions lie in every box
  active_set,         // primal–dual active-set iterations reached a stable partition
  primal_active_set,  // the exact fallback (or forced by the options)
};

struct PartialOptions {
  // Skip the primal–dual iterations and run the primal active-set method
  // (exact mode; used by the tests to check the fallback on every instance).
  bool force_primal_active_set = false;
};

template <class T>
struct PartialContinuation {
  std::vector<bool> truthful;  // T as one flag per player
  std::size_t truthful_count = 0;
  std::size_t ones = 0;            // k among the truthful messages
  T mean;                          // E = (k+1)/(t+2), the truthful players' posterior mean
  std::array<T, 2> babbler_means;  // e_s = (k+s+1)/(t+3)
  // action[i][s]: player i's action when its own signal is s (a truthful
  // player's signal is in k: both entries equal), as UnconstrainedPolicy.
  std::vector<std::array<T, 2>> action;
  // The certificate, per agent: the unconstrained best response to the others'
  // conditionally expected actions, action = clip(desired) (exactly in
  // Rational), binding lower iff desired < lo_i, upper iff desired > hi_i, and
  // the expected miscoordination E[φ_i | info] − mean − b_i = (action − desired)/D.
  std::vector<std::array<T, 2>> desired;
  std::vector<std::array<Binding, 2>> binding;
  std::vector<std::array<T, 2>> gap;
  // Aggregates: Σ_T x_l, Σ_B x_l(0), Σ_B x_l(1), Σ_B (x_l(1) − x_l(0))².
  T truthful_total;
  std::array<T, 2> babbler_total;
  T spread_squares;
  PartialMethod method = PartialMethod::theorem1;
  std::size_t iterations = 0;   // linear solves (2×2 after elimination) used
  bool exact_fallback = false;  // double mode only: the double solve failed its check

  bool any_binding() const {
    for (const auto& pair : binding) {
      if (pair[0] != Binding::free || pair[1] != Binding::free) return true;
    }
    return false;
  }
};

// The continuation BNE for truthful set T (one flag per player; InputError
// "/truthful" on a size mismatch) and k ones among the t truthful messages
// (InternalError when k > t), with the players' boxes. Validates the alliance.
// Equals constrained_policy(alliance, k) when T = N and Theorem 1 when no
// bound binds.
template <class T>
PartialContinuation<T> partial_continuation(const Alliance<T>& alliance,
                                            const std::vector<bool>& truthful, std::size_t k,
                                            const PartialOptions& options = {});

// Truth-telling for the players in T. Player i ∈ T with signal s and j ones
// among the other t−1 truthful messages (k_T = j + s) who sends the opposite
// message is believed (k_D = j + 1 − s): the others in T play x_l(k_D), each
// babbler x_l(k_D, s_l) by its own signal, which i does not see. i's posterior
// after its true count is Beta(k_T+1, t−k_T+1) with μ = (k_T+1)/(t+2) and
// variance V; the babblers' signals are i.i.d. Bernoulli(θ). With
// w_l = η(x_l(1) − x_l(0))/D and W = Σ_B w_l, i's expected loss is
//   L = g² + V(1−W)² + (μ − E[θ²])Σ_B w_l²,
// g = E[φ_i] − μ − b_i the expected miscoordination (the babblers' actions
// are random, so the last two terms differ between the continuations at k_T
// and k_D and do not cancel unless B = ∅). The deviator best-responds to its
// true information: x_i^dev = clip(D(μ + b_i) − η·E_μ[Σ_{l≠i} x_l(k_D)]). The
// interim gain is G_i(s) = Σ_j P(j | s, t)(L_T − L_D); T is an equilibrium iff
// every G_i(s) <= 0 (exactly in Rational, within 1e-12 in double). Babblers
// have no incentive constraint (their messages are ignored), so T = ∅ is
// always an equilibrium. For T = N this is verify_truth_telling.
template <class T>
struct TruthfulSetCheck {
  std::vector<bool> truthful;
  std::size_t truthful_count = 0;
  std::vector<PartialContinuation<T>> continuation;  // k = 0..t
  // gain[i][s] = G_i(s) for i ∈ T; 0 for babblers.
  std::vector<std::array<T, 2>> gain;
  // breakdown[i][s][j] = P(j | s, t)(L_T − L_D), j = 0..t−1; empty for babblers.
  std::vector<std::array<std::vector<T>, 2>> breakdown;
  bool equilibrium = true;
  // The certificate (when t >= 1): the truthful (player, signal) with the
  // largest gain, and for each j the deviator's action after the opposite
  // message beside its truthful action.
  std::size_t worst_player = 0;
  int worst_signal = 0;
  T worst_gain;
  std::vector<T> witness_deviation;
  std::vector<T> witness_truthful;
};

template <class T>
TruthfulSetCheck<T> verify_truthful_set(const Alliance<T>& alliance,
                                        const std::vector<bool>& truthful);

// Every truthful set T ⊆ N (bit i of a mask = player i in input order).
inline constexpr std::size_t kMaxClassifiedPlayers = 20;

struct ClassifyOptions {
  // Players with equal bias and equal box are interchangeable: check one set
  // per orbit (counts of each such class) and expand the verdict.
  bool use_symmetry = true;
};

struct TruthfulSetClassification {
  std::size_t players = 0;
  std::uint64_t sets = 0;                         // 2^n
  std::uint64_t solved = 0;                       // sets actually checked (one per orbit)
  std::uint64_t equilibria = 0;                   // sets that are equilibria
  std::uint64_t with_binding = 0;                 // sets whose continuation hits a bound at some k
  std::uint64_t continuations = 0;                // Σ_T (|T| + 1): one continuation per set and k
  std::uint64_t binding_continuations = 0;        // of those, the ones with some agent at a bound
  std::vector<std::uint64_t> sets_by_size;        // index t = |T|: C(n, t)
  std::vector<std::uint64_t> equilibria_by_size;  // equilibria with |T| = t
  std::vector<std::uint32_t> equilibrium_sets;    // masks, ascending
  std::size_t classes = 0;                        // classes of interchangeable players
};

// InputError "/biases" beyond kMaxClassifiedPlayers players; validates the
// alliance. Calls progress.advance() once per solved set (TimeLimitExceeded /
// Cancelled propagate).
template <class T>
TruthfulSetClassification classify_truthful_sets(const Alliance<T>& alliance,
                                                 const ClassifyOptions& options = {},
                                                 Progress* progress = nullptr);

extern template PartialContinuation<Rational> partial_continuation(const Alliance<Rational>&,
                                                                   const std::vector<bool>&,
                                                                   std::size_t,
                                                                   const PartialOptions&);
extern template PartialContinuation<double> partial_continuation(const Alliance<double>&,
                                                                 const std::vector<bool>&,
                                                                 std::size_t,
                                                                 const PartialOptions&);
extern template TruthfulSetCheck<Rational> verify_truthful_set(const Alliance<Rational>&,
                                                               const std::vector<bool>&);
extern template TruthfulSetCheck<double> verify_truthful_set(const Alliance<double>&,
                                                             const std::vector<bool>&);
extern template TruthfulSetClassification classify_truthful_sets(const Alliance<Rational>&,
                                                                 const ClassifyOptions&, Progress*);
extern template TruthfulSetClassification classify_truthful_sets(const Alliance<double>&,
                                                                 const ClassifyOptions&, Progress*);

}  // namespace mechlab::alliance
