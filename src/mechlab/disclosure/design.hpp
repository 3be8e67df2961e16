// Protocol design by effort incentives (002 §3.8): for each protocol, the
// full-effort set FE(D) = ∪_d fe(d) over its equilibria d, summarised by the
// largest symmetric cost it implements, c̄(D) = max_d min_i G_i(d), and by
// whether the model's costs c lie in FE(D) (c ≤ G(d) for some d).
#pragma once

#include <cstddef>
#include <optional>
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
};

// Scores every protocol; the result is sorted by c̄(D), best first (ties in
// the given order).
template <class T>
std::vector<ProtocolScore<T>> score_protocols(const EffortTechnology<T>& technology,
                                              const std::vector<Protocol>& protocols,
                                              const std::vector<T>& costs,
                                              Progress& progress = Progress::none());

extern template std::vector<ProtocolScore<Rational>> score_protocols(
    const EffortTechnology<Rational>&, const std::vector<Protocol>&, const std::vector<Rational>&,
    Progress&);
extern template std::vector<ProtocolScore<double>> score_protocols(const EffortTechnology<double>&,
                                                                   const std::vector<Protocol>&,
                                                                   const std::vector<double>&,
                                                                   Progress&);

}  // namespace mechlab::disclosure
