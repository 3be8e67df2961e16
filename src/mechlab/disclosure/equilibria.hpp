// All equilibria of the finite team-disclosure game (002 Definition 1, spec
// §3.2–3.5): threshold profiles whose thresholds equal their own Bayes
// posteriors (Proposition 1), mixing members solved exactly (one mixer:
// linear; two: quadratic) or, for three or more, by subdivision of the
// mixing probabilities' box with exact exclusion tests and a Newton polish
// (see docs/disclosure.md), deduplicated by the disclosure rule d,
// classified (Definition 2) and tested for consistency with deliberation
// (Definition 3, Theorem 2).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "mechlab/core/progress.hpp"
#include "mechlab/core/rational.hpp"
#include "mechlab/disclosure/model.hpp"
#include "mechlab/disclosure/protocol.hpp"

namespace mechlab::disclosure {

enum class DisclosureKind { full, partial, interior };

template <class T>
struct Equilibrium {
  std::vector<T> disclosure;          // d(ω) at each cell of Ω
  std::vector<std::vector<T>> votes;  // a threshold representative x_i(v), by member and value
  T prob_no_disclosure = T(0);        // P(ND)
  // ω^ND when P(ND) > 0; when P(ND) = 0, the admissible off-path box per
  // member as (low, high).
  std::vector<T> posterior;
  std::vector<std::pair<T, T>> belief_box;
  DisclosureKind kind = DisclosureKind::full;
  bool mixed = false;
  // A family (a mixing probability in an interval, or a continuum of mixing
  // profiles) rather than an isolated equilibrium; `family` describes it.
  bool degenerate = false;
  std::string family;
  // Mixing probabilities at an irrational root (Rational mode): the values
  // are the nearest double snapped to a rational, not exact; `family` says so.
  bool approximate = false;
  bool consistent_with_deliberation = false;
  // For a full-disclosure equilibrium consistent with deliberation: the
  // Lemma 1 witness x̂ (own-outcome votes) and the beliefs it justifies.
  std::optional<std::vector<std::vector<T>>> witness_votes;
  std::optional<std::vector<T>> witness_posterior;  // ω^ND (eq. 2) under the witness
  // Of the whole search, the same in every class of one result: sub-boxes of
  // the mixing probabilities left unresolved in profiles with three or more
  // mixers (left over at EquilibriumOptions::max_boxes, or kept to the final
  // width with no solution found by Newton). 0: the list is complete.
  std::size_t unresolved_boxes = 0;
};

struct EquilibriumOptions {
  std::size_t max_profiles = 50'000'000;  // Π_i (2|Ω_i| + 1), refused beyond (InputError)
  // The corner aggregates P and Num_i of the pure cut profiles from summed-area
  // tables when that costs fewer lookups than a pass over Ω (false: always the
  // pass; the results are the same, exactly in Rational).
  bool summed_area = true;
  // Three or more mixers (§3.3 step 4): boxes of (0,1)^M are bisected until
  // their longest edge is below box_width, at most max_boxes per profile
  // and 2^22 stored vertex values (beyond, the rest is counted in
  // Equilibrium::unresolved_boxes).
  std::size_t max_boxes = 100'000;
  double box_width = 1e-9;
};

template <class T>
std::vector<Equilibrium<T>> all_equilibria(const Team<T>& team, const Protocol& protocol,
                                           const EquilibriumOptions& options = {},
                                           Progress& progress = Progress::none());

// Definition 1 checked literally for given votes and beliefs: empty when it
// is an equilibrium, else a description of the first violation (the
// coalition, the outcome and the condition).
template <class T>
std::optional<std::string> verify_equilibrium(const Team<T>& team, const Protocol& protocol,
                                              const std::vector<std::vector<T>>& votes,
                                              const std::vector<T>& posterior);

// P(ND) and ω^ND (eq. 2) of a disclosure rule; posterior empty when P(ND) = 0.
template <class T>
std::pair<T, std::vector<T>> no_disclosure_posterior(const Team<T>& team,
                                                     const std::vector<T>& disclosure);

}  // namespace mechlab::disclosure
