// The two-stage game Γ(D, Z) of 003 §6 (spec §3.8): stage 1 elicits signals
// r and posts π = ρ(r); stage 2 runs a private-values VCG on reported
// expected payoffs u_i ∈ ℝ₊^C computed with π.
//
// For a stage-1 report r_i of agent i with true type t_i, the information sets
// are (r_i, π, t_i) for π ∈ Π. Where π is reachable the beliefs are Bayes'
// (erratum E7: weights ρ_θ(f_{-i}(t_{-i}), f_i(t_i)) P(t_{-i} | t_i)); elsewhere
// they are π(θ)·λ(t_{-i}) (E8), flagged off path. The best reply β* at each set
// is computed exactly: a report u_i induces an assignment t_{-i} ↦ c, which is
// achievable iff a system of difference constraints has no negative cycle.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

#include "mechlab/infosize/instance.hpp"

namespace mechlab::infosize {

// Π = {ρ(a) : Q_A(a) > 0}, deduplicated by exact equality (within tolerance
// in double mode), in the order of the first profile posting each.
template <class T>
struct PostedPosteriors {
  std::vector<std::vector<T>> pi;                  // Π
  std::vector<std::optional<std::size_t>> posted;  // by signal profile a; nullopt where Q_A(a) = 0
};

template <class T>
PostedPosteriors<T> posted_posteriors(const SignalStructure<T>& s);

// w̄_i(c, π, t_i) = Σ_θ v_i(c, θ, t_i) π(θ), by alternative: the truthful stage-2 report.
template <class T>
std::vector<T> truthful_report(const mechanism::Problem<T>& problem, std::size_t i,
                               std::size_t type, std::span<const T> pi);

// The stage-2 VCG on reports u[i][c] (spec §3.3): φ(u) is the first
// alternative in order maximising Σ_i u_i(c), ŷ_i(u) = Σ_{j≠i} u_j(φ) − max_c Σ_{j≠i} u_j(c).
template <class T>
struct VcgOutcome {
  std::size_t choice = 0;    // φ(u)
  std::vector<T> transfers;  // ŷ_i(u)
};

template <class T>
VcgOutcome<T> stage_two_vcg(const std::vector<std::vector<T>>& reports);

// The exact best reply of a deviator facing, at each consistent profile k,
// the others' total report others[k][c] = W'(c; t_k), where choosing c at k is
// worth payoff[k][c] to the deviator. A report u induces c_u(k) = φ(u + others[k]);
// ties are resolved in the deviator's favour (conservative for certification).
template <class T>
struct BestReply {
  T value = T(0);                    // max_u Σ_k payoff[k][c_u(k)]
  std::vector<T> witness;            // a report u >= 0 attaining it (min_c u(c) = 0)
  std::vector<std::size_t> choices;  // c_u(k) under the witness, by profile k
  T bound = T(0);                    // Σ_k max_c payoff[k][c] (the pointwise value)
  std::size_t nodes = 0;             // branch-and-bound nodes visited
};

inline constexpr std::size_t kDefaultNodeLimit = 10'000'000;

// Branch and bound over assignments k ↦ c (profiles with equal others[k]
// merged), bound = sum of per-profile maxima; throws InputError naming
// "--node-limit" when more than node_limit nodes would be needed.
template <class T>
BestReply<T> best_reply(const std::vector<std::vector<T>>& others,
                        const std::vector<std::vector<T>>& payoff,
                        std::size_t node_limit = kDefaultNodeLimit);

// One information set (r_i, π, t_i) of agent i.
template <class T>
struct InformationSet {
  std::size_t posted = 0;  // π = Π[posted]
  bool on_path = false;    // Z > 0: reachable from (r_i, t_i) (E8)
  T mass = T(0);           // Z = Σ_{t_{-i} ∈ K} P(t_{-i} | t_i)
  // K(r_i, π, t_i) as full type profiles t = (t_{-i}, t_i) of positive belief,
  // with their weights P(t_{-i} | t_i).
  std::vector<std::size_t> consistent;
  std::vector<T> weights;
  // μ_i(θ, t_{-i} | r_i, π, t_i) at k·|Θ| + θ for consistent[k] (on path, E7).
  // Off path μ = π(θ)·λ(t_{-i}) with λ = P(· | t_i); not stored (off-path
  // beliefs do not affect payoffs: the truthful report is optimal by VCG dominance).
  std::vector<T> belief;
  std::vector<T> truthful;  // w̄_i(·, π, t_i)
  BestReply<T> best;        // β*_i(r_i, π, t_i); off path: the truthful report, value 0
  T truthful_value = T(0);  // Σ_K P [x_i(c;t) + ŷ_i] with u = w̄_i(·, π, t_i)
};

// Agent i with true type t_i after the stage-1 report r_i (r_i = f_i(t_i)
// allowed: then β* should be truthful, 003 Part 1/2).
template <class T>
struct StageOneReport {
  std::size_t agent = 0;
  std::size_t type = 0;                 // t_i
  std::size_t report = 0;               // r_i ∈ A_i
  std::vector<InformationSet<T>> sets;  // every π ∈ Π, on and off path
  // Others' profiles t (positive belief) where ρ(f_{-i}(t_{-i}), r_i) is
  // undefined (Q_A = 0); when non-empty the values below ignore them.
  std::vector<std::size_t> undefined;
  T pbe = T(0);        // Dev^PBE = Σ_π best value (payoffs: x_i + ŷ_i, reward excluded)
  T pointwise = T(0);  // Dev^PW = Σ_{t_{-i}} P max_c [x_i + W'] − max W'
};

template <class T>
StageOneReport<T> stage_one_report(const Instance<T>& instance, std::size_t i, std::size_t type,
                                   std::size_t report, std::size_t node_limit = kDefaultNodeLimit);

// The same with Π computed once by the caller (the certifier reuses it for
// every constraint); `off_path_sets` false leaves the unreachable sets out.
template <class T>
StageOneReport<T> stage_one_report(const Instance<T>& instance, const PostedPosteriors<T>& posted,
                                   std::size_t i, std::size_t type, std::size_t report,
                                   std::size_t node_limit, bool off_path_sets);

// V_i(t_i) = Σ_{t_{-i}} P(t_{-i} | t_i) [max_c Σ_j v̂_j − max_c Σ_{j≠i} v̂_j]: the
// truthful interim payoff (reward excluded), the same in Γ and the one-stage GVCG.
template <class T>
T truthful_value(const mechanism::Problem<T>& problem, std::size_t i, std::size_t type);

// Equilibrium path (spec §3.8, 4.7.5): after truthful play, φ(u*) and ŷ(u*)
// of Γ equal the one-stage GVCG's q(t) and α^q(t) at every profile t.
struct PathCheck {
  std::size_t profiles = 0;                      // profiles checked (positive probability)
  std::vector<std::size_t> outcome_mismatches;   // t with φ(u*(t)) ≠ q(t)
  std::vector<std::size_t> transfer_mismatches;  // t with some ŷ_i(u*(t)) ≠ α_i^q(t)
  std::vector<std::size_t> undefined;            // t with Q_A(f(t)) = 0
  bool holds() const {
    return outcome_mismatches.empty() && transfer_mismatches.empty() && undefined.empty();
  }
};

template <class T>
PathCheck equilibrium_path(const Instance<T>& instance);

}  // namespace mechlab::infosize
