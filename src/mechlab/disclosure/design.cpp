#include "mechlab/disclosure/design.hpp"

#include <algorithm>
#include <map>

namespace mechlab::disclosure {

namespace {

// The cell of π·ω for each cell ω: (π·ω)_{π(i)} = ω_i.
template <class T>
std::vector<std::size_t> permuted_cells(const Team<T>& team, const std::vector<std::size_t>& pi) {
  const auto stride = outcome_space(team).strides();
  std::vector<std::size_t> image(team.prior.size(), 0);
  for (std::size_t c = 0; c < image.size(); ++c) {
    for (std::size_t i = 0; i < pi.size(); ++i) {
      image[c] += ((c / stride[i]) % team.values[i].size()) * stride[pi[i]];
    }
  }
  return image;
}

template <class T>
bool is_symmetry(const EffortTechnology<T>& technology, const std::vector<T>& costs,
                 const std::vector<std::size_t>& pi) {
  const Team<T>& team = technology.full;
  for (std::size_t i = 0; i < pi.size(); ++i) {
    if (team.values[pi[i]] != team.values[i]) return false;
    if (!costs.empty() && costs[pi[i]] != costs[i]) return false;
  }
  const auto image = permuted_cells(team, pi);
  for (std::size_t c = 0; c < image.size(); ++c) {
    if (team.prior[image[c]] != team.prior[c]) return false;
    for (std::size_t i = 0; i < pi.size(); ++i) {
      if (technology.shirk[pi[i]][image[c]] != technology.shirk[i][c]) return false;
    }
  }
  return true;
}

// The smallest winning vector over the group: one key per orbit.
std::vector<bool> orbit_key(const Protocol& protocol,
                            const std::vector<std::vector<std::size_t>>& group) {
  std::vector<bool> best = protocol.winning;
  for (const auto& pi : group) best = std::min(best, permute(protocol, pi).winning);
  return best;
}

}  // namespace

Protocol permute(const Protocol& protocol, const std::vector<std::size_t>& pi) {
  Protocol out{protocol.members, std::vector<bool>(protocol.winning.size(), false), protocol.name};
  for (Coalition s = 0; s <= protocol.all(); ++s) {
    if (!protocol.wins(s)) continue;
    Coalition image = 0;
    for (std::size_t i = 0; i < pi.size(); ++i) {
      if (((s >> i) & 1U) != 0) image |= Coalition{1} << pi[i];
    }
    out.winning[image] = true;
  }
  return out;
}

template <class T>
std::vector<std::vector<std::size_t>> technology_symmetries(const EffortTechnology<T>& technology,
                                                            const std::vector<T>& costs) {
  const std::size_t n = technology.full.member_count();
  std::vector<std::size_t> pi(n);
  for (std::size_t i = 0; i < n; ++i) pi[i] = i;
  // Malformed input is effort_gains' to report; no symmetry is assumed here.
  bool shaped = technology.shirk.size() == n && (costs.empty() || costs.size() == n) &&
                technology.full.values.size() == n;
  for (const auto& f : technology.shirk)
    shaped = shaped && f.size() == technology.full.prior.size();
  if (n > kMaxSymmetryMembers || !shaped) return {pi};
  std::vector<std::vector<std::size_t>> group;
  do {
    if (is_symmetry(technology, costs, pi)) group.push_back(pi);
  } while (std::next_permutation(pi.begin(), pi.end()));
  return group;
}

template <class T>
std::vector<ProtocolScore<T>> score_protocols(const EffortTechnology<T>& technology,
                                              const std::vector<Protocol>& protocols,
                                              const std::vector<T>& costs, Progress& progress,
                                              const DesignOptions& options) {
  const auto group = options.use_symmetry ? technology_symmetries(technology, costs)
                                          : std::vector<std::vector<std::size_t>>{};
  // Orbit key → index of the scored representative in `scores`.
  std::map<std::vector<bool>, std::size_t> solved;
  std::vector<ProtocolScore<T>> scores;
  scores.reserve(protocols.size());
  for (const Protocol& protocol : protocols) {
    progress.check();
    ProtocolScore<T> score;
    score.protocol = protocol;
    std::vector<bool> key;
    if (group.size() > 1) {
      key = orbit_key(protocol, group);
      if (const auto it = solved.find(key); it != solved.end()) {
        // protocol = π(representative) for some π in the group: permute the gains.
        const ProtocolScore<T>& rep = scores[it->second];
        for (const auto& pi : group) {
          if (permute(rep.protocol, pi).winning != protocol.winning) continue;
          score = rep;
          score.protocol = protocol;
          for (std::size_t i = 0; i < pi.size(); ++i) score.best_gains[pi[i]] = rep.best_gains[i];
          score.image_of = rep.protocol.name;
          break;
        }
        scores.push_back(std::move(score));
        continue;
      }
    }
    bool first = true;
    if (!costs.empty()) score.admits_costs = false;
    const auto equilibria = all_equilibria(technology.full, protocol, options.equilibria, progress);
    if (!equilibria.empty()) score.unresolved_boxes = equilibria.front().unresolved_boxes;
    for (const auto& e : equilibria) {
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
    if (group.size() > 1) solved.emplace(std::move(key), scores.size());
    scores.push_back(std::move(score));
  }
  std::stable_sort(scores.begin(), scores.end(), [](const auto& a, const auto& b) {
    return a.best_symmetric_cost > b.best_symmetric_cost;
  });
  return scores;
}

template std::vector<std::vector<std::size_t>> technology_symmetries(
    const EffortTechnology<Rational>&, const std::vector<Rational>&);
template std::vector<std::vector<std::size_t>> technology_symmetries(
    const EffortTechnology<double>&, const std::vector<double>&);
template std::vector<ProtocolScore<Rational>> score_protocols(const EffortTechnology<Rational>&,
                                                              const std::vector<Protocol>&,
                                                              const std::vector<Rational>&,
                                                              Progress&, const DesignOptions&);
template std::vector<ProtocolScore<double>> score_protocols(const EffortTechnology<double>&,
                                                            const std::vector<Protocol>&,
                                                            const std::vector<double>&, Progress&,
                                                            const DesignOptions&);

}  // namespace mechlab::disclosure
