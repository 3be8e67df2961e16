// The assumption report (spec §3.8): every assumption the mediation results
// rest on is computed and reported with its evidence, never assumed.
// One entry per assumption: its name, holds / fails / not applicable, an
// evidence sentence in the paper's 1-based notation, and the witness numbers.
//
// - "OST": V(1) > ½; when it fails Prop. 1 applies (full settlement, Pr(𝒢) = 0)
//   provided V(θ) ≤ ½ for every θ (Π = ½ ≥ V).
// - "regularity (i)" [derived, O(K)]: V(θ) < ½ for θ ≥ 2 and
//   p(1)(2V(1) − 1) + max_{θ≥2} p(θ)(2V(θ) − 1) < 0; the failing sets {1,θ}.
// - "MDR" (Lemma 1) on the given belief systems: D_i(m;θ,B) > 0 and
//   D_i(m;θ,B)/D_i(m+1;θ,B) non-decreasing in θ. "MDR Ybar" (the signal-robust
//   sufficient condition of §1.2) on a given reduced form.
// - "linearity in types": second differences of U_i(m;·,B) in θ on probes.
// - "lottery": U_i(m;θ,B) = Σ_k β_i(k|m) û(θ,k) on probes, û read off at
//   degenerate beliefs; "monotone lottery" (Prop. 6's precondition).
// - "CONV": V(θ,(p′,ρ^V)) against its lower convex envelope at p along
//   segments through p (K = 2: p′(1) ∈ [0,1]); the max gap.
// - "symmetry (S)": U_1(m;θ,(β1,β2)) = U_2(m;θ,(β2,β1)) on probes.
// - "Assumption 2": U_i(θ;θ,B_p) ≥ V(θ) at B_p = every row the prior (the
//   beliefs after full escalation, so the all-ones shape is feasible).
// - "Border": ex-post feasibility (GI) of a given design (see options.design).
// Probes are the prior belief system plus seeded random interior shapes B(g).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "mechlab/mediation/design.hpp"
#include "mechlab/mediation/model.hpp"

namespace mechlab::mediation {

enum class CheckStatus { holds, fails, not_applicable };

std::string to_string(CheckStatus s);

template <class T>
struct AssumptionCheck {
  std::string name;
  CheckStatus status = CheckStatus::not_applicable;
  std::string evidence;
  std::vector<T> witness;  // the numbers the evidence quotes, in its order
};

template <class T>
struct AssumptionReport {
  std::vector<AssumptionCheck<T>> checks;
  // nullptr when no check has that name.
  const AssumptionCheck<T>* find(const std::string& name) const;
};

template <class T>
struct AssumptionOptions {
  std::size_t probes = 6;        // random interior belief systems (plus the prior one)
  std::uint64_t seed = 8;        // for the probes
  std::size_t conv_steps = 100;  // grid points per CONV segment (step 1/100 for K = 2)
  // Belief systems for MDR (e.g. the used B(σ) of a solution); the prior one
  // and the probes when empty.
  std::vector<BeliefSystem<T>> mdr_beliefs;
  // A solved reduced form for the Ȳ check; "not applicable" when absent.
  const ReducedForm<T>* mechanism = nullptr;
  // A solved design: supplies the used B(σ) (columns with α_c > 0) for MDR
  // and the mechanism for Ȳ when those are not given, and the "Border" entry
  // (ex-post mode: holds by construction; paper mode: the binding EP rows).
  const DesignResult<T>* design = nullptr;
};

template <class T>
AssumptionReport<T> check_assumptions(const Instance<T>& instance,
                                      const AssumptionOptions<T>& options = {});

// Single checks, for callers that want one.
template <class T>
AssumptionCheck<T> check_mdr(const Instance<T>& instance, const std::vector<BeliefSystem<T>>& bs);
template <class T>
AssumptionCheck<T> check_conv(const Instance<T>& instance, std::size_t steps);

extern template struct AssumptionReport<Rational>;
extern template struct AssumptionReport<double>;
extern template AssumptionReport<Rational> check_assumptions(const Instance<Rational>&,
                                                             const AssumptionOptions<Rational>&);
extern template AssumptionCheck<Rational> check_mdr(const Instance<Rational>&,
                                                    const std::vector<BeliefSystem<Rational>>&);
extern template AssumptionCheck<Rational> check_conv(const Instance<Rational>&, std::size_t);
extern template AssumptionReport<double> check_assumptions(const Instance<double>&,
                                                           const AssumptionOptions<double>&);
extern template AssumptionCheck<double> check_mdr(const Instance<double>&,
                                                  const std::vector<BeliefSystem<double>>&);
extern template AssumptionCheck<double> check_conv(const Instance<double>&, std::size_t);

}  // namespace mechlab::mediation
