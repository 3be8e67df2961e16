// The certifier of 003 Theorems A and B (spec §3.9–3.10): for every stage-1
// lie, the gain G of the best deviation against the incentive power S of the
// reward family, at three levels
//   L-1   one-stage GVCG (Theorem A): report another type t_i' with f_i(t_i') = r_i;
//   L-PBE the two-stage game with the exact best reply at each information set;
//   L-PW  pointwise (the paper's Part 3 certificate): the best alternative per profile;
// so that G1 <= G^PBE <= G^PW <= 2nM·E <= 6nMν. The minimal reward scale at a
// level is ε*_L = max G/S over constraints with G > 0; with the valuation-free
// bounds ε_ref, ε_ν and ε_paper beside it, and the budget at a scale.
//
// Failing preconditions and infeasible scales are results, not exceptions.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "mechlab/core/certified_real.hpp"
#include "mechlab/core/progress.hpp"
#include "mechlab/infosize/decomposition.hpp"
#include "mechlab/infosize/instance.hpp"
#include "mechlab/infosize/measure.hpp"
#include "mechlab/infosize/two_stage.hpp"

namespace mechlab::infosize {

// (C0): each precondition of the theorems, reported.
template <class T>
struct Preconditions {
  bool full_support = true;  // P ∈ Δ*(Θ × T)
  Validation<T> decomposition;
  bool decomposition_valid = true;
  std::vector<std::size_t> zero_profiles;  // signal profiles a with Q_A(a) = 0
  bool nonnegative_values = true;          // v >= 0
  std::size_t negative_agent = 0;          // the first negative entry, when any
  std::size_t negative_entry = 0;          // index into env.values[agent]
  T max_value = T(0);                      // M, the tightest valid bound
  std::size_t efficiency_ties = 0;         // profiles where q breaks a tie by order

  bool hold() const {
    return full_support && decomposition_valid && zero_profiles.empty() && nonnegative_values;
  }
};

enum class Level { one_stage, pbe, pointwise };
const char* level_name(Level level);  // "one-stage", "PBE", "pointwise"

// One stage-1 constraint (C2): agent i of true type t_i reports r_i ≠ f_i(t_i).
template <class T>
struct StageOneConstraint {
  std::size_t agent = 0;
  std::size_t type = 0;    // t_i
  std::size_t truth = 0;   // a_i = f_i(t_i)
  std::size_t report = 0;  // r_i
  T value = T(0);          // V_i(t_i), reward excluded
  // G at each level; one-stage is absent when no type t_i' has f_i(t_i') = r_i.
  std::optional<T> one_stage;
  std::size_t one_stage_type = 0;  // the t_i' attaining G1
  T pbe = T(0);
  T pointwise = T(0);
  RealOf<T> power{};  // S_i(a_i, r_i)
  // Others' profiles where ρ(f_{-i}(t_{-i}), r_i) is undefined; the gains ignore them.
  std::size_t undefined = 0;
  // False when some posterior is undefined or Q_{A_i} vanishes at a_i or r_i
  // (no power): then the constraint is reported but enters no scale (spec §6.2).
  bool defined = true;
  std::size_t information_sets = 0;  // on-path sets (r_i, π, t_i)
  std::size_t nodes = 0;             // best-reply search nodes

  std::optional<T> gain(Level level) const;
};

// A one-stage value lie t_i → t_i' with f_i(t_i') = f_i(t_i) and G1 > 0: no
// reward on signals can deter it (spec §3.7).
template <class T>
struct SameSignalViolation {
  std::size_t agent = 0;
  std::size_t type = 0;
  std::size_t lie = 0;  // t_i'
  T gain = T(0);
};

enum class ScaleStatus { feasible, infeasible };

template <class T>
struct AgentScale {
  ScaleStatus status = ScaleStatus::feasible;
  RealOf<T> value{};  // max G/S over the agent's constraints with G > 0 (0 if none)
  std::optional<std::size_t> binding;  // constraint index; the witness (S = 0, G > 0) if infeasible
};

// ε*_L over all agents (the paper's common ε) and per agent (also valid:
// rewards are separable).
template <class T>
struct MinimalScale {
  Level level = Level::pbe;
  ScaleStatus status = ScaleStatus::feasible;
  RealOf<T> value{};
  std::optional<std::size_t> binding;
  std::vector<AgentScale<T>> agents;
};

// A valuation-free bound on the scale; infinite when a power is zero (Λ = 0)
// with a positive numerator.
template <class T>
struct ScaleBound {
  bool infinite = false;
  RealOf<T> value{};
  std::size_t agent = 0;  // where attained (ε_ref, ε_ν: the pair; ε_paper: argmax ν)
  std::size_t truth = 0;
  std::size_t lie = 0;
  bool available = false;  // false when ν or E are undefined (Q_A = 0 somewhere)
};

// Budget of the augmented GVCG at a reward scale ε (spec §3.10).
template <class T>
struct Budget {
  RealOf<T> scale{};
  T expected_revenue = T(0);      // −E Σ_j α_j^q(t)
  RealOf<T> expected_rewards{};   // E Σ_j ζ_j(f(t))
  RealOf<T> net{};                // revenue − rewards
  RealOf<T> worst_net{};          // min_t [−Σ_j α_j^q(t) − Σ_j ζ_j(f(t))]
  std::size_t worst_profile = 0;  // the type profile t attaining it
};

template <class T>
Budget<T> budget(const Instance<T>& instance, const RealOf<T>& scale);

template <class T>
struct Certificate {
  Preconditions<T> preconditions;
  PathCheck path;  // (C1), with the equilibrium-path equivalence with GVCG
  bool path_checked = false;
  std::vector<StageOneConstraint<T>> constraints;  // (C2), by agent, type, report
  std::size_t undefined_constraints = 0;           // constraints with defined == false
  std::size_t same_signal_checked = 0;
  std::vector<SameSignalViolation<T>> same_signal_violations;
  MinimalScale<T> one_stage;
  MinimalScale<T> pbe;
  MinimalScale<T> pointwise;
  ScaleBound<T> reference;  // ε_ref = max 2nM·E_i(a_i, r_i) / S_i(a_i, r_i)
  ScaleBound<T> nu;         // ε_ν = max 6nM·ν_i(r_i, a_i) / S_i(a_i, r_i)
  ScaleBound<T> paper;      // ε_paper = 12 n M √|A| max ν / min Λ (Theorem B(b) proof)
  std::vector<AgentMeasure<T>> measures;  // ν_i, Λ_i per agent (empty when undefined)
  std::optional<Budget<T>> budget;        // at ε*_PBE (absent when infeasible)

  const MinimalScale<T>& scale(Level level) const;
};

struct CertifyOptions {
  bool check_path = true;  // (C1)
  std::size_t node_limit = kDefaultNodeLimit;
};

// `progress` counts the stage-1 constraints and enforces --time-limit.
template <class T>
Certificate<T> certify(const Instance<T>& instance, const CertifyOptions& options = {},
                       Progress& progress = Progress::none());

}  // namespace mechlab::infosize
