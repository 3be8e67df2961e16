// Protocol design by effort incentives (002 §3.8): for each protocol, the
// full-effort set FE(D) = ∪_d fe(d) over its equilibria d, summarised by the
// largest symmetric cost it implements, c̄(D) = max_d min_i G_i(d), and by
// whether the model's costs c lie in FE(D) (c ≤ G(d) for some d).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "mechlab/core/progress.hpp"
#include "mechlab/core/rational.hpp"
#include "mechlab/disclosure/effort.hpp"
#include "mechlab/disclosure/equilibria.hpp"
#include "mechlab/disclosure/protocol.hpp"

namespace mechlab::disclosure {

template <class T>
struct ProtocolScore {
  Protocol protocol;
  std::size_t equilibria = 0;    // isolated equilibrium classes scored (families are skipped)
  T best_symmetric_cost = T(0);  // c̄(D); <= 0 when no equilibrium sustains full effort
  std::vector<T> best_gains;     // G(d) of the equilibrium attaining c̄(D)
  DisclosureKind best_kind = DisclosureKind::full;
  std::optional<bool> admits_costs;  // c ∈ FE(D), when costs are given
  // Scored as the image π(D) of an earlier protocol D under a symmetry π of
  // the technology (not solved again); empty when solved directly.
  std::optional<std::string> image_of;
  // Subdivision boxes left unresolved by the equilibrium search (three or more
  // mixers); 0 when the search was exhaustive.
  std::size_t unresolved_boxes = 0;
};

// Permutations π of the members (π[i] = the member i becomes) under which the
// technology and the costs are invariant: equal outcome values, F(π·ω; e_N) =
// F(ω; e_N) and F(π·ω; e_{N∖π(i)}) = F(ω; e_{N∖i}), c_{π(i)} = c_i, where
// (π·ω)_{π(i)} = ω_i. Always contains the identity; only the identity when
// N > kMaxSymmetryMembers.
inline constexpr std::size_t kMaxSymmetryMembers = 6;
template <class T>
std::vector<std::vector<std::size_t>> technology_symmetries(const EffortTechnology<T>& technology,
                                                            const std::vector<T>& costs);

// The protocol π(D): W' = {π(S) : S ∈ W}.
Protocol permute(const Protocol& protocol, const std::vector<std::size_t>& pi);

struct DesignOptions {
  // Score one protocol per orbit of the technology's symmetry group: π(D)'s
  // equilibria are the π-images of D's, so its gains are D's permuted
  // (G_{π(i)}(π(D)) = G_i(D)) and c̄ and c ∈ FE are the same.
  bool use_symmetry = true;
  EquilibriumOptions equilibria;  // for every all_equilibria call
};

// Scores every protocol; the result is sorted by c̄(D), best first (ties in
// the given order).
template <class T>
std::vector<ProtocolScore<T>> score_protocols(const EffortTechnology<T>& technology,
                                              const std::vector<Protocol>& protocols,
                                              const std::vector<T>& costs,
                                              Progress& progress = Progress::none(),
                                              const DesignOptions& options = {});

extern template std::vector<std::vector<std::size_t>> technology_symmetries(
    const EffortTechnology<Rational>&, const std::vector<Rational>&);
extern template std::vector<std::vector<std::size_t>> technology_symmetries(
    const EffortTechnology<double>&, const std::vector<double>&);
extern template std::vector<ProtocolScore<Rational>> score_protocols(
    const EffortTechnology<Rational>&, const std::vector<Protocol>&, const std::vector<Rational>&,
    Progress&, const DesignOptions&);
extern template std::vector<ProtocolScore<double>> score_protocols(const EffortTechnology<double>&,
                                                                   const std::vector<Protocol>&,
                                                                   const std::vector<double>&,
                                                                   Progress&, const DesignOptions&);

}  // namespace mechlab::disclosure
