// Text and JSON renderers for the disclosure family: (a) protocol properties,
// (b) the equilibria of one protocol, (c) effort gains and fe(d) per
// equilibrium, (d) the §4.3 K-majority gains table. JSON numbers follow
// io/output.hpp ({"exact": "p/q", "decimal": x}); text uses exact fractions
// while they are short, else ten significant digits marked "≈".
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "mechlab/disclosure/continuous.hpp"
#include "mechlab/disclosure/effort.hpp"
#include "mechlab/disclosure/equilibria.hpp"
#include "mechlab/disclosure/model.hpp"
#include "mechlab/disclosure/properties.hpp"
#include "mechlab/disclosure/protocol.hpp"

namespace mechlab::disclosure {

// The minimal winning coalitions of W (S ∈ W with S∖{i} ∉ W for every i ∈ S),
// in increasing bitmask order.
std::vector<Coalition> minimal_winning(const Protocol& protocol);

// (a) What the paper asks of a protocol (spec §1.3).
struct ProtocolSummary {
  std::string name;
  std::vector<Coalition> minimal_winning;
  std::vector<bool> discloses_alone;  // {i} ∈ W, by member
  bool requires_more_consensus = false;
  std::optional<Coalition> lemma1;  // the Lemma 1 coalition when not RMC
};

// Defined inline so that only callers need protocol.cpp's predicates.
inline ProtocolSummary summarize(const Protocol& protocol) {
  ProtocolSummary s;
  s.name = protocol.name;
  s.minimal_winning = minimal_winning(protocol);
  for (std::size_t i = 0; i < protocol.members; ++i) {
    s.discloses_alone.push_back(can_disclose_alone(protocol, i));
  }
  s.requires_more_consensus = requires_more_consensus(protocol);
  s.lemma1 = lemma1_coalition(protocol);
  return s;
}

nlohmann::json protocols_json(const std::vector<std::string>& members,
                              const std::vector<ProtocolSummary>& protocols);
std::string protocols_text(const std::vector<std::string>& members,
                           const std::vector<ProtocolSummary>& protocols);

// (b) Pieces of the equilibrium list, exposed for the CLI and the tests.
// "(ann=0, bob=2)": the outcome profile at `cell` (member 0 slowest).
template <class T>
std::string outcome_name(const Team<T>& team, std::size_t cell);
// A threshold vote in words: "votes yes iff ω_ann ≥ 1", "always votes no",
// "votes yes iff ω_ann ≥ 2; at ω_ann = 1 yes with probability 1/2"; a vote
// that is not a threshold lists its probabilities.
template <class T>
std::string vote_text(const Team<T>& team, std::size_t member, const std::vector<T>& votes);

// Every equilibrium class of one protocol: kind, P(ND), ω^ND or the off-path
// belief box, mixing and degenerate families, consistency with deliberation,
// the concealed outcomes (d(ω) < 1) by name, and the votes as thresholds.
template <class T>
nlohmann::json equilibria_json(const Team<T>& team, const Protocol& protocol,
                               const std::vector<Equilibrium<T>>& equilibria);
template <class T>
std::string equilibria_text(const Team<T>& team, const Protocol& protocol,
                            const std::vector<Equilibrium<T>>& equilibria);

// (c) fe(d) = (0, G_1] × … × (0, G_N] (spec §3.7): empty iff some G_i ≤ 0.
template <class T>
bool full_effort_box_empty(const EffortGains<T>& gains);
// c ∈ fe(d): c_i ≤ G_i for every i (costs are > 0 by the reader).
template <class T>
bool implements_full_effort(const EffortGains<T>& gains, const std::vector<T>& costs);

// gains[k] belongs to equilibria[k]; `costs` may be empty (none in the model).
template <class T>
nlohmann::json effort_json(const Team<T>& team, const std::vector<Equilibrium<T>>& equilibria,
                           const std::vector<EffortGains<T>>& gains, const std::vector<T>& costs);
template <class T>
std::string effort_text(const Team<T>& team, const std::vector<Equilibrium<T>>& equilibria,
                        const std::vector<EffortGains<T>>& gains, const std::vector<T>& costs);

// (d) K* = argmax_K G_K with every tie (K counted from 1; gains[K − 1] = G_K).
template <class T>
std::vector<std::size_t> optimal_consensus(const std::vector<T>& gains);
template <class T>
nlohmann::json k_majority_json(const BinaryEffortModel& model, const std::vector<T>& gains);
template <class T>
std::string k_majority_text(const BinaryEffortModel& model, const std::vector<T>& gains);

// (e) Continuous outcomes (spec §3.6): Φ(ω̲+) and Theorem 4.2's sufficient
// condition, the fixed points (partial-disclosure equilibria) with their
// brackets, and, when grids were studied, every discretised class with its
// artefact flag and the polished clusters.
template <class T>
nlohmann::json continuous_json(const ContinuousTeam<T>& team, const Protocol& protocol,
                               const ContinuousAnalysis<T>& analysis,
                               const DiscretisationStudy<T>* study);
template <class T>
std::string continuous_text(const ContinuousTeam<T>& team, const Protocol& protocol,
                            const ContinuousAnalysis<T>& analysis,
                            const DiscretisationStudy<T>* study);

// (f) Protocol comparison by full-effort sets (spec §3.8): each protocol's
// FE(D) as its Pareto-maximal gain vectors, the dominance relation between
// every pair (strict, weak or none, with the uncovered gain vector as the
// witness when D does not dominate D'), and the undominated protocols.
template <class T>
nlohmann::json dominance_json(const Team<T>& team, const std::vector<FullEffortSet<T>>& sets);
template <class T>
std::string dominance_text(const Team<T>& team, const std::vector<FullEffortSet<T>>& sets);

// (g) Proposition 3's hypotheses on the technology (spec §3.9).
template <class T>
nlohmann::json effort_type_json(const EffortType<T>& type);
template <class T>
std::string effort_type_text(const EffortType<T>& type);

}  // namespace mechlab::disclosure
