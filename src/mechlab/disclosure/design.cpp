#include "mechlab/disclosure/design.hpp"

#include <algorithm>

namespace mechlab::disclosure {

template <class T>
std::vector<ProtocolScore<T>> score_protocols(const EffortTechnology<T>& technology,
                                              const std::vector<Protocol>& protocols,
                                              const std::vector<T>& costs, Progress& progress) {
  std::vector<ProtocolScore<T>> scores;
  scores.reserve(protocols.size());
  for (const Protocol& protocol : protocols) {
    progress.check();
    ProtocolScore<T> score;
    score.protocol = protocol;
    bool first = true;
    if (!costs.empty()) score.admits_costs = false;
    for (const auto& e : all_equilibria(technology.full, protocol, {}, progress)) {
      if (e.degenerate) continue;
      // Off path (P(ND) = 0) the belief does not enter the gains on the
      // common support; the box's lower corner is one admissible belief.
      std::vector<T> posterior = e.posterior;
      if (posterior.empty()) {
        for (const auto& box : e.belief_box) posterior.push_back(box.first);
      }
      const auto gains = effort_gains(technology, e.disclosure, posterior).gain;
      ++score.equilibria;
      const T worst = *std::min_element(gains.begin(), gains.end());
      if (first || worst > score.best_symmetric_cost) {
        score.best_symmetric_cost = worst;
        score.best_gains = gains;
        score.best_kind = e.kind;
        first = false;
      }
      if (!costs.empty()) {
        bool covered = true;
        for (std::size_t i = 0; i < costs.size(); ++i) covered = covered && costs[i] <= gains[i];
        if (covered) score.admits_costs = true;
      }
    }
    scores.push_back(std::move(score));
  }
  std::stable_sort(scores.begin(), scores.end(), [](const auto& a, const auto& b) {
    return a.best_symmetric_cost > b.best_symmetric_cost;
  });
  return scores;
}

template std::vector<ProtocolScore<Rational>> score_protocols(const EffortTechnology<Rational>&,
                                                              const std::vector<Protocol>&,
                                                              const std::vector<Rational>&,
                                                              Progress&);
template std::vector<ProtocolScore<double>> score_protocols(const EffortTechnology<double>&,
                                                            const std::vector<Protocol>&,
                                                            const std::vector<double>&, Progress&);

}  // namespace mechlab::disclosure
