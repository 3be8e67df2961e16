#include "mechlab/disclosure/report.hpp"

#include <fmt/format.h>

#include <cstddef>
#include <string>
#include <vector>

#include "mechlab/io/output.hpp"

namespace mechlab::disclosure {

namespace {

using nlohmann::json;

// At most this many concealed outcomes are named in text (JSON lists all).
constexpr std::size_t kConcealedShown = 12;

template <class T>
std::string text(const T& x) {
  return io::short_number_text(x);
}

std::string joined(const std::vector<std::string>& list, const char* separator = ", ") {
  std::string out;
  for (std::size_t k = 0; k < list.size(); ++k) {
    if (k > 0) out += separator;
    out += list[k];
  }
  return out;
}

std::string member_name(const std::vector<std::string>& members, std::size_t i) {
  return i < members.size() ? members[i] : fmt::format("#{}", i + 1);
}

json coalition_json(Coalition s, const std::vector<std::string>& members) {
  json out = json::array();
  for (std::size_t i = 0; i < 32; ++i) {
    if ((s >> i) & 1U) out.push_back(member_name(members, i));
  }
  return out;
}

std::string yes_no(bool b) { return b ? "yes" : "no"; }

// {member: number} over a per-member vector (missing entries are null).
template <class T>
json by_member(const std::vector<std::string>& members, const std::vector<T>& values) {
  json out = json::object();
  for (std::size_t i = 0; i < members.size(); ++i) {
    out[members[i]] = i < values.size() ? io::number_json(values[i]) : json(nullptr);
  }
  return out;
}

template <class T>
std::string at_text(const std::vector<T>& values, std::size_t i) {
  return i < values.size() ? text(values[i]) : "-";
}

const char* kind_name(DisclosureKind kind) {
  switch (kind) {
    case DisclosureKind::full: return "full";
    case DisclosureKind::partial: return "partial";
    case DisclosureKind::interior: return "interior";
  }
  return "?";
}

std::string kind_text(DisclosureKind kind) {
  switch (kind) {
    case DisclosureKind::full: return "full disclosure";
    case DisclosureKind::partial: return "partial disclosure";
    case DisclosureKind::interior: return "interior (partial) disclosure";
  }
  return "?";
}

template <class T>
std::string value_text(const Team<T>& team, std::size_t i, std::size_t k) {
  if (i >= team.values.size() || k >= team.values[i].size()) return "?";
  return NumberTraits<T>::to_text(team.values[i][k]);
}

// The member's coordinate of `cell` (member 0 slowest).
template <class T>
std::size_t coordinate(const Team<T>& team, std::size_t cell, std::size_t member) {
  for (std::size_t i = team.values.size(); i-- > member + 1;) cell /= team.values[i].size();
  return cell % team.values[member].size();
}

template <class T>
json votes_json(const Team<T>& team, const std::vector<std::vector<T>>& votes) {
  json out = json::array();
  for (std::size_t i = 0; i < votes.size(); ++i) {
    json probabilities = json::array();
    for (const T& x : votes[i]) probabilities.push_back(io::number_json(x));
    out.push_back({{"member", member_name(team.members, i)},
                   {"rule", vote_text(team, i, votes[i])},
                   {"probabilities", std::move(probabilities)}});
  }
  return out;
}

template <class T>
std::vector<std::size_t> concealed_cells(const Equilibrium<T>& e) {
  std::vector<std::size_t> out;
  for (std::size_t cell = 0; cell < e.disclosure.size(); ++cell) {
    if (e.disclosure[cell] < T(1)) out.push_back(cell);
  }
  return out;
}

template <class T>
std::string concealed_text(const Team<T>& team, const Equilibrium<T>& e) {
  const auto cells = concealed_cells(e);
  if (cells.empty()) return "none";
  std::vector<std::string> names;
  for (std::size_t k = 0; k < cells.size() && k < kConcealedShown; ++k) {
    std::string name = outcome_name(team, cells[k]);
    const T& d = e.disclosure[cells[k]];
    if (sign_of(d) != 0) name += fmt::format(" with d = {}", text(d));
    names.push_back(std::move(name));
  }
  std::string out = joined(names);
  if (cells.size() > kConcealedShown) {
    out += fmt::format(", and {} more (--json lists them)", cells.size() - kConcealedShown);
  }
  return out;
}

// "ω^ND = (ann: 1/4, bob: 1/4)" or the off-path box.
template <class T>
std::string beliefs_text(const Team<T>& team, const Equilibrium<T>& e) {
  std::vector<std::string> parts;
  if (!e.posterior.empty()) {
    for (std::size_t i = 0; i < e.posterior.size(); ++i) {
      parts.push_back(fmt::format("{}: {}", member_name(team.members, i), text(e.posterior[i])));
    }
    return fmt::format("ω^ND = ({})", joined(parts));
  }
  for (std::size_t i = 0; i < e.belief_box.size(); ++i) {
    parts.push_back(fmt::format("ω^ND_{} ∈ [{}, {}]", member_name(team.members, i),
                                text(e.belief_box[i].first), text(e.belief_box[i].second)));
  }
  return fmt::format("off path: {}", parts.empty() ? "any belief" : joined(parts));
}

}  // namespace

std::vector<Coalition> minimal_winning(const Protocol& protocol) {
  std::vector<Coalition> out;
  for (std::size_t s = 1; s < protocol.winning.size(); ++s) {
    if (!protocol.winning[s]) continue;
    bool minimal = true;
    for (std::size_t i = 0; i < protocol.members && minimal; ++i) {
      const std::size_t bit = std::size_t{1} << i;
      if ((s & bit) != 0 && protocol.winning[s & ~bit]) minimal = false;
    }
    if (minimal) out.push_back(static_cast<Coalition>(s));
  }
  return out;
}

json protocols_json(const std::vector<std::string>& members,
                    const std::vector<ProtocolSummary>& protocols) {
  json out = json::array();
  for (const ProtocolSummary& p : protocols) {
    json minimal = json::array();
    for (const Coalition s : p.minimal_winning) minimal.push_back(coalition_json(s, members));
    json alone = json::array();
    for (std::size_t i = 0; i < p.discloses_alone.size(); ++i) {
      if (p.discloses_alone[i]) alone.push_back(member_name(members, i));
    }
    out.push_back(
        {{"name", p.name},
         {"minimal_winning", std::move(minimal)},
         {"discloses_alone", std::move(alone)},
         {"requires_more_consensus", p.requires_more_consensus},
         {"lemma1_coalition", p.lemma1 ? coalition_json(*p.lemma1, members) : json(nullptr)}});
  }
  return {{"members", members}, {"protocols", std::move(out)}};
}

std::string protocols_text(const std::vector<std::string>& members,
                           const std::vector<ProtocolSummary>& protocols) {
  io::Table table(
      {"protocol", "minimal winning coalitions", "discloses alone", "RMC", "Lemma 1 coalition"});
  for (const ProtocolSummary& p : protocols) {
    std::vector<std::string> minimal;
    for (const Coalition s : p.minimal_winning) minimal.push_back(coalition_text(s, members));
    std::vector<std::string> alone;
    for (std::size_t i = 0; i < p.discloses_alone.size(); ++i) {
      if (p.discloses_alone[i]) alone.push_back(member_name(members, i));
    }
    if (alone.size() == members.size() && !alone.empty()) alone = {"everyone"};
    table.add({p.name, joined(minimal), alone.empty() ? "nobody" : joined(alone),
               yes_no(p.requires_more_consensus),
               p.lemma1 ? coalition_text(*p.lemma1, members) : "-"});
  }
  return table.render();
}

template <class T>
std::string outcome_name(const Team<T>& team, std::size_t cell) {
  std::vector<std::string> parts;
  for (std::size_t i = 0; i < team.values.size(); ++i) {
    parts.push_back(fmt::format("{}={}", member_name(team.members, i),
                                value_text(team, i, coordinate(team, cell, i))));
  }
  return fmt::format("({})", joined(parts));
}

template <class T>
std::string vote_text(const Team<T>& team, std::size_t member, const std::vector<T>& votes) {
  const std::string w = fmt::format("ω_{}", member_name(team.members, member));
  std::size_t first = 0;  // the first value with a positive vote
  while (first < votes.size() && sign_of(votes[first]) == 0) ++first;
  if (first == votes.size()) return "always votes no";
  bool threshold = true;
  for (std::size_t k = first + 1; k < votes.size(); ++k) {
    if (!nearly_equal(votes[k], T(1))) threshold = false;
  }
  if (threshold) {
    if (nearly_equal(votes[first], T(1))) {
      return first == 0 ? "always votes yes"
                        : fmt::format("votes yes iff {} ≥ {}", w, value_text(team, member, first));
    }
    if (first + 1 == votes.size()) {
      return fmt::format("votes no unless {} = {}, where yes with probability {}", w,
                         value_text(team, member, first), text(votes[first]));
    }
    return fmt::format("votes yes iff {} ≥ {}; at {} = {} yes with probability {}", w,
                       value_text(team, member, first + 1), w, value_text(team, member, first),
                       text(votes[first]));
  }
  std::vector<std::string> parts;
  for (std::size_t k = 0; k < votes.size(); ++k) {
    parts.push_back(fmt::format("{} at {}", text(votes[k]), value_text(team, member, k)));
  }
  return fmt::format("votes yes with probability {} (by {}; not a threshold)", joined(parts), w);
}

template <class T>
json equilibria_json(const Team<T>& team, const Protocol& protocol,
                     const std::vector<Equilibrium<T>>& equilibria) {
  json list = json::array();
  for (std::size_t k = 0; k < equilibria.size(); ++k) {
    const Equilibrium<T>& e = equilibria[k];
    json concealed = json::array();
    for (const std::size_t cell : concealed_cells(e)) {
      json outcome = json::object();
      for (std::size_t i = 0; i < team.values.size(); ++i) {
        outcome[member_name(team.members, i)] =
            io::number_json(team.values[i][coordinate(team, cell, i)]);
      }
      concealed.push_back({{"name", outcome_name(team, cell)},
                           {"outcome", std::move(outcome)},
                           {"disclosure", io::number_json(e.disclosure[cell])}});
    }
    json box = nullptr;
    if (e.posterior.empty()) {
      box = json::object();
      for (std::size_t i = 0; i < e.belief_box.size(); ++i) {
        box[member_name(team.members, i)] = {{"low", io::number_json(e.belief_box[i].first)},
                                             {"high", io::number_json(e.belief_box[i].second)}};
      }
    }
    list.push_back(
        {{"index", k + 1},
         {"kind", kind_name(e.kind)},
         {"prob_no_disclosure", io::number_json(e.prob_no_disclosure)},
         {"posterior", e.posterior.empty() ? json(nullptr) : by_member(team.members, e.posterior)},
         {"belief_box", std::move(box)},
         {"mixed", e.mixed},
         {"approximate", e.approximate},
         {"degenerate", e.degenerate},
         {"family", e.degenerate ? json(e.family) : json(nullptr)},
         {"consistent_with_deliberation", e.consistent_with_deliberation},
         {"concealed", std::move(concealed)},
         {"votes", votes_json(team, e.votes)},
         {"witness_votes", e.witness_votes ? votes_json(team, *e.witness_votes) : json(nullptr)}});
  }
  const std::size_t unresolved = equilibria.empty() ? 0 : equilibria.front().unresolved_boxes;
  return {{"protocol", protocol.name},      {"members", team.members},
          {"count", equilibria.size()},     {"exhaustive", unresolved == 0},
          {"unresolved_boxes", unresolved}, {"equilibria", std::move(list)}};
}

// Figure 1's picture of a two-member class: rows member 1's outcomes (low
// first), columns member 2's; # concealed (d = 0), + mixed, . disclosed.
template <class T>
std::string figure1_grid(const Team<T>& team, const Equilibrium<T>& e) {
  const auto& rows = team.values[0];
  const auto& columns = team.values[1];
  std::size_t width = 1;
  for (std::size_t k = 0; k < columns.size(); ++k)
    width = std::max(width, value_text(team, 1, k).size());
  std::size_t label = 0;
  for (std::size_t k = 0; k < rows.size(); ++k)
    label = std::max(label, value_text(team, 0, k).size());
  std::string out = fmt::format(
      "  grid (rows: {}'s outcome, columns: {}'s; # concealed, + mixed, . disclosed):\n    {:{}}",
      member_name(team.members, 0), member_name(team.members, 1), "", label);
  for (std::size_t k = 0; k < columns.size(); ++k)
    out += fmt::format(" {:>{}}", value_text(team, 1, k), width);
  out += "\n";
  for (std::size_t r = 0; r < rows.size(); ++r) {
    out += fmt::format("    {:>{}}", value_text(team, 0, r), label);
    for (std::size_t c = 0; c < columns.size(); ++c) {
      const T& d = e.disclosure[r * columns.size() + c];
      const char* mark = sign_of(d) == 0 ? "#" : (sign_of(T(d - 1)) == 0 ? "." : "+");
      out += fmt::format(" {:>{}}", mark, width);
    }
    out += "\n";
  }
  return out;
}

template <class T>
std::string equilibria_text(const Team<T>& team, const Protocol& protocol,
                            const std::vector<Equilibrium<T>>& equilibria) {
  std::string out = fmt::format("protocol {}: {} equilibrium class{}\n", protocol.name,
                                equilibria.size(), equilibria.size() == 1 ? "" : "es");
  if (!equilibria.empty() && equilibria.front().unresolved_boxes > 0) {
    out += fmt::format(
        "search not exhaustive: {} boxes of mixing probabilities (three or more mixers) were "
        "left unresolved (beyond the --max-boxes cap, or at the finest width with no solution "
        "found by Newton); the classes listed are equilibria, others may exist\n",
        equilibria.front().unresolved_boxes);
  }
  for (std::size_t k = 0; k < equilibria.size(); ++k) {
    const Equilibrium<T>& e = equilibria[k];
    std::string tags = e.mixed ? "mixed" : "pure";
    if (e.degenerate) tags += ", a one-parameter family";
    out += fmt::format("#{} {} ({})\n", k + 1, kind_text(e.kind), tags);
    if (e.degenerate && !e.family.empty()) out += fmt::format("  family: {}\n", e.family);
    out += fmt::format("  P(ND) = {}; {}\n", text(e.prob_no_disclosure), beliefs_text(team, e));
    out += fmt::format("  concealed: {}\n", concealed_text(team, e));
    if (team.values.size() == 2 && team.values[0].size() <= 12 && team.values[1].size() <= 12) {
      out += figure1_grid(team, e);
    }
    out +=
        fmt::format("  consistent with deliberation: {}\n", yes_no(e.consistent_with_deliberation));
    for (std::size_t i = 0; i < e.votes.size(); ++i) {
      out += fmt::format("  {} {}\n", member_name(team.members, i), vote_text(team, i, e.votes[i]));
    }
    if (e.witness_votes) {
      out += "  Lemma 1 witness votes:\n";
      for (std::size_t i = 0; i < e.witness_votes->size(); ++i) {
        out += fmt::format("    {} {}\n", member_name(team.members, i),
                           vote_text(team, i, (*e.witness_votes)[i]));
      }
    }
  }
  return out;
}

template <class T>
bool full_effort_box_empty(const EffortGains<T>& gains) {
  for (const T& g : gains.gain) {
    if (!(g > T(0))) return true;
  }
  return gains.gain.empty();
}

template <class T>
bool implements_full_effort(const EffortGains<T>& gains, const std::vector<T>& costs) {
  if (costs.size() != gains.gain.size() || full_effort_box_empty(gains)) return false;
  for (std::size_t i = 0; i < costs.size(); ++i) {
    if (gains.gain[i] < costs[i]) return false;
  }
  return true;
}

template <class T>
json effort_json(const Team<T>& team, const std::vector<Equilibrium<T>>& equilibria,
                 const std::vector<EffortGains<T>>& gains, const std::vector<T>& costs) {
  json list = json::array();
  for (std::size_t k = 0; k < gains.size(); ++k) {
    const EffortGains<T>& g = gains[k];
    json members = json::object();
    for (std::size_t i = 0; i < team.members.size(); ++i) {
      auto at = [&](const std::vector<T>& v) {
        return i < v.size() ? io::number_json(v[i]) : json(nullptr);
      };
      members[team.members[i]] = {{"gain", at(g.gain)},
                                  {"delta_mean", at(g.delta_mean)},
                                  {"prob_nd_shirk", at(g.prob_nd_shirk)},
                                  {"mean_nd_full", at(g.mean_nd_full)},
                                  {"mean_nd_shirk", at(g.mean_nd_shirk)}};
    }
    const bool empty = full_effort_box_empty(g);
    list.push_back(
        {{"index", k + 1},
         {"kind", k < equilibria.size() ? json(kind_name(equilibria[k].kind)) : json(nullptr)},
         {"members", std::move(members)},
         {"full_effort_box",
          {{"empty", empty}, {"upper", empty ? json(nullptr) : by_member(team.members, g.gain)}}},
         {"costs_in_box", costs.empty() ? json(nullptr) : json(implements_full_effort(g, costs))}});
  }
  return {{"members", team.members},
          {"costs", costs.empty() ? json(nullptr) : by_member(team.members, costs)},
          {"equilibria", std::move(list)}};
}

template <class T>
std::string effort_text(const Team<T>& team, const std::vector<Equilibrium<T>>& equilibria,
                        const std::vector<EffortGains<T>>& gains, const std::vector<T>& costs) {
  io::Table table(
      {"#", "kind", "member", "G_i", "ΔE_i", "P[ND|e_N∖i]", "E[ω_i|ND;e_N]", "E[ω_i|ND;e_N∖i]"});
  std::string boxes;
  for (std::size_t k = 0; k < gains.size(); ++k) {
    const EffortGains<T>& g = gains[k];
    const std::string kind = k < equilibria.size() ? kind_name(equilibria[k].kind) : "?";
    for (std::size_t i = 0; i < team.members.size(); ++i) {
      table.add({fmt::format("{}", k + 1), i == 0 ? kind : "", team.members[i], at_text(g.gain, i),
                 at_text(g.delta_mean, i), at_text(g.prob_nd_shirk, i), at_text(g.mean_nd_full, i),
                 at_text(g.mean_nd_shirk, i)});
    }
    std::string box = "empty (some G_i ≤ 0)";
    if (!full_effort_box_empty(g)) {
      std::vector<std::string> sides;
      for (const T& x : g.gain) sides.push_back(fmt::format("(0, {}]", text(x)));
      box = joined(sides, " × ");
    }
    boxes += fmt::format("#{} fe(d) = {}", k + 1, box);
    if (!costs.empty()) {
      boxes +=
          fmt::format("; the costs are {}in it", implements_full_effort(g, costs) ? "" : "not ");
    }
    boxes += "\n";
  }
  std::string out = table.render() + boxes;
  if (!costs.empty()) {
    std::vector<std::string> parts;
    for (std::size_t i = 0; i < costs.size(); ++i) {
      parts.push_back(fmt::format("{}: {}", member_name(team.members, i), text(costs[i])));
    }
    out += fmt::format("costs: {}\n", joined(parts));
  }
  return out;
}

template <class T>
std::vector<std::size_t> optimal_consensus(const std::vector<T>& gains) {
  std::vector<std::size_t> out;
  for (std::size_t k = 0; k < gains.size(); ++k) {
    if (!out.empty() && nearly_equal(gains[k], gains[out.front() - 1])) {
      out.push_back(k + 1);
    } else if (out.empty() || gains[k] > gains[out.front() - 1]) {
      out = {k + 1};
    }
  }
  return out;
}

namespace {

std::vector<std::pair<std::string, const Rational*>> parameters(const BinaryEffortModel& m) {
  return {{"p1", &m.p1},   {"qT1", &m.qT1}, {"q1", &m.q1},  {"p0", &m.p0},
          {"qT0", &m.qT0}, {"qi0", &m.qi0}, {"qj0", &m.qj0}};
}

}  // namespace

template <class T>
json k_majority_json(const BinaryEffortModel& model, const std::vector<T>& gains) {
  json params = json::object();
  for (const auto& [name, value] : parameters(model)) params[name] = io::number_json(*value);
  json rows = json::array();
  for (std::size_t k = 0; k < gains.size(); ++k) {
    rows.push_back({{"K", k + 1}, {"gain", io::number_json(gains[k])}});
  }
  return {{"members", model.members},
          {"parameters", std::move(params)},
          {"gains", std::move(rows)},
          {"k_star", optimal_consensus(gains)}};
}

template <class T>
std::string k_majority_text(const BinaryEffortModel& model, const std::vector<T>& gains) {
  std::vector<std::string> params;
  for (const auto& [name, value] : parameters(model)) {
    params.push_back(fmt::format("{} = {}", name, text(*value)));
  }
  std::string out = fmt::format("§4.3 binary model, N = {}: {}\n", model.members, joined(params));
  const auto best = optimal_consensus(gains);
  io::Table table({"K", "G_K", ""});
  for (std::size_t k = 0; k < gains.size(); ++k) {
    bool star = false;
    for (const std::size_t b : best) star = star || b == k + 1;
    table.add({fmt::format("{}", k + 1), text(gains[k]), star ? "K*" : ""});
  }
  std::vector<std::string> ks;
  for (const std::size_t b : best) ks.push_back(fmt::format("{}", b));
  return out + table.render() + fmt::format("K* = {}\n", joined(ks));
}

namespace {

std::string decimals(const std::vector<double>& xs) {
  std::vector<std::string> out;
  for (const double x : xs) out.push_back(fmt::format("{:.9g}", x));
  return fmt::format("({})", joined(out));
}

template <class T>
std::string bracket_text(const ContinuousFixedPoint<T>& f) {
  if (!f.bracket) return "none (Newton estimate, residual checked)";
  const bool point = f.bracket->first == f.bracket->second;
  const char* why = f.sturm_certified ? "exactly one root by a Sturm count"
                    : point
                        ? (NumberTraits<T>::exact ? "φ(t) = t exactly" : "φ(t) − t = 0 in double")
                    : NumberTraits<T>::exact ? "φ(t) − t changes sign, computed exactly"
                                             : "φ(t) − t changes sign, computed in double";
  return fmt::format("[{:.17g}, {:.17g}] ({})", NumberTraits<T>::to_double(f.bracket->first),
                     NumberTraits<T>::to_double(f.bracket->second), why);
}

template <class T>
json fixed_point_json(const ContinuousFixedPoint<T>& f) {
  json j = {{"thresholds", f.thresholds},
            {"prob_no_disclosure", f.prob_no_disclosure},
            {"residual", f.residual},
            {"sturm_certified", f.sturm_certified}};
  if (f.bracket)
    j["bracket"] = {io::number_json(f.bracket->first), io::number_json(f.bracket->second)};
  return j;
}

}  // namespace

template <class T>
json continuous_json(const ContinuousTeam<T>& team, const Protocol& protocol,
                     const ContinuousAnalysis<T>& analysis, const DiscretisationStudy<T>* study) {
  json points = json::array();
  for (const auto& f : analysis.fixed_points) points.push_back(fixed_point_json(f));
  json out = {{"protocol", protocol.name},
              {"search", analysis.search == FixedPointSearch::symmetric_scan ? "symmetric_scan"
                                                                             : "multistart_newton"},
              {"method", analysis.method},
              {"limit_at_lower_corner", by_member(team.members, analysis.limit_at_lower_corner)},
              {"sufficient_condition", analysis.sufficient_condition},
              {"some_member_discloses_alone", analysis.some_member_discloses_alone},
              {"fixed_points", std::move(points)}};
  if (analysis.symmetric_root_count) out["symmetric_root_count"] = *analysis.symmetric_root_count;
  if (study != nullptr) {
    json grids = json::array();
    for (const auto& g : study->grids) {
      json classes = json::array();
      for (const auto& c : g.classes) {
        json one = {{"kind", kind_name(c.equilibrium.kind)},
                    {"prob_no_disclosure", io::number_json(c.equilibrium.prob_no_disclosure)},
                    {"n_times_prob_no_disclosure", io::number_json(c.n_times_prob_no_disclosure)},
                    {"flag", artefact_flag_text(c.flag)},
                    {"reason", c.reason}};
        if (!c.equilibrium.posterior.empty()) {
          one["posterior"] = by_member(team.members, c.equilibrium.posterior);
        }
        if (c.cluster) one["cluster"] = *c.cluster;
        classes.push_back(std::move(one));
      }
      json clusters = json::array();
      for (const auto& k : g.clusters) {
        json one = {{"classes", k.classes}, {"mean_posterior", k.mean_posterior}};
        if (k.polished) one["polished"] = fixed_point_json(*k.polished);
        clusters.push_back(std::move(one));
      }
      grids.push_back(
          {{"n", g.n}, {"classes", std::move(classes)}, {"clusters", std::move(clusters)}});
    }
    out["discretisation"] = std::move(grids);
  }
  return out;
}

template <class T>
std::string continuous_text(const ContinuousTeam<T>& team, const Protocol& protocol,
                            const ContinuousAnalysis<T>& analysis,
                            const DiscretisationStudy<T>* study) {
  std::vector<std::string> limits;
  for (std::size_t i = 0; i < team.member_count(); ++i) {
    limits.push_back(fmt::format("{}: {}", member_name(team.members, i),
                                 text(analysis.limit_at_lower_corner[i])));
  }
  std::string out = fmt::format(
      "protocol {}: Φ(ω̲+) = ({}); Theorem 4.2's sufficient condition Φ(ω̲+) > ω̲ {}{}\n",
      protocol.name, joined(limits), analysis.sufficient_condition ? "holds" : "fails",
      analysis.some_member_discloses_alone
          ? "; some member discloses alone, so no partial-disclosure equilibrium (Theorem 4.2)"
          : "");
  out += fmt::format("  search: {}\n", analysis.method);
  if (analysis.symmetric_root_count) {
    out += fmt::format("  symmetric roots of φ(t) = t (Sturm count): {}\n",
                       *analysis.symmetric_root_count);
  }
  out += fmt::format(
      "  {} partial-disclosure equilibri{} (fixed points t* = Φ(t*) with P(ND) > 0; full "
      "disclosure always exists)\n",
      analysis.fixed_points.size(), analysis.fixed_points.size() == 1 ? "um" : "a");
  for (std::size_t k = 0; k < analysis.fixed_points.size(); ++k) {
    const auto& f = analysis.fixed_points[k];
    out += fmt::format("  #{} t* = {}, P(ND) = {:.9g}, residual {:.1e}\n      bracket {}\n", k + 1,
                       decimals(f.thresholds), f.prob_no_disclosure, f.residual, bracket_text(f));
  }
  if (study == nullptr) return out;
  for (const auto& g : study->grids) {
    out += fmt::format("  midpoint grid n = {}: {} equilibrium class{}\n", g.n, g.classes.size(),
                       g.classes.size() == 1 ? "" : "es");
    for (const auto& c : g.classes) {
      const auto& e = c.equilibrium;
      out += fmt::format("    {:<9} P(ND) = {:<12} {}  {}{}\n", kind_name(e.kind),
                         text(e.prob_no_disclosure),
                         e.posterior.empty() ? std::string("ω^ND off path")
                                             : fmt::format("ω^ND = ({})",
                                                           [&] {
                                                             std::vector<std::string> v;
                                                             for (const auto& x : e.posterior)
                                                               v.push_back(text(x));
                                                             return joined(v);
                                                           }()),
                         artefact_flag_text(c.flag),
                         c.cluster ? fmt::format(" (cluster {})", *c.cluster + 1) : "");
    }
    for (std::size_t k = 0; k < g.clusters.size(); ++k) {
      const auto& cl = g.clusters[k];
      out += fmt::format("    cluster {}: {} class{}, polished t* = {}\n", k + 1, cl.classes.size(),
                         cl.classes.size() == 1 ? "" : "es",
                         cl.polished ? decimals(cl.polished->thresholds) : "(Newton failed)");
    }
  }
  return out;
}

namespace {

template <class T>
std::string gain_text(const GainVector<T>& g) {
  std::vector<std::string> parts;
  for (const auto& x : g.gain) parts.push_back(text(x));
  std::string out = fmt::format("({}) from equilibrium #{} ({}", joined(parts), g.equilibrium + 1,
                                kind_name(g.kind));
  if (g.alpha) out += fmt::format(", family end α = {}", text(*g.alpha));
  return out + ")";
}

template <class T>
json gain_json(const Team<T>& team, const GainVector<T>& g) {
  json out = {{"gains", by_member(team.members, g.gain)},
              {"equilibrium", g.equilibrium + 1},
              {"kind", kind_name(g.kind)}};
  if (g.alpha) out["alpha"] = io::number_json(*g.alpha);
  return out;
}

// matrix[a][b] = dominance(sets[a], sets[b]).
template <class T>
std::vector<std::vector<Dominance<T>>> dominance_matrix(const std::vector<FullEffortSet<T>>& sets) {
  std::vector<std::vector<Dominance<T>>> m(sets.size());
  for (std::size_t a = 0; a < sets.size(); ++a) {
    for (std::size_t b = 0; b < sets.size(); ++b) m[a].push_back(dominance(sets[a], sets[b]));
  }
  return m;
}

// Protocols no other protocol strictly dominates.
template <class T>
std::vector<std::size_t> undominated(const std::vector<std::vector<Dominance<T>>>& m) {
  std::vector<std::size_t> out;
  for (std::size_t b = 0; b < m.size(); ++b) {
    bool beaten = false;
    for (std::size_t a = 0; a < m.size(); ++a) beaten = beaten || (a != b && m[a][b].strict);
    if (!beaten) out.push_back(b);
  }
  return out;
}

const char* variant_name(FullEffortVariant v) {
  return v == FullEffortVariant::refined ? "refined (equilibria consistent with deliberation)"
                                         : "all equilibria";
}

}  // namespace

template <class T>
json dominance_json(const Team<T>& team, const std::vector<FullEffortSet<T>>& sets) {
  const auto m = dominance_matrix(sets);
  json protocols = json::array();
  for (std::size_t a = 0; a < sets.size(); ++a) {
    json maximal = json::array();
    for (const auto& g : sets[a].maximal) maximal.push_back(gain_json(team, g));
    json row = json::array();
    for (std::size_t b = 0; b < sets.size(); ++b) {
      const auto& d = m[a][b];
      json cell = {
          {"protocol", sets[b].protocol.name}, {"dominates", d.dominates}, {"strict", d.strict}};
      if (d.uncovered) cell["uncovered"] = gain_json(team, *d.uncovered);
      if (d.surplus) cell["surplus"] = gain_json(team, *d.surplus);
      row.push_back(std::move(cell));
    }
    json one = {{"protocol", sets[a].protocol.name},
                {"variant", sets[a].variant == FullEffortVariant::refined ? "refined" : "all"},
                {"full_effort_set", std::move(maximal)},
                {"exact", sets[a].exact},
                {"dominance", std::move(row)}};
    if (!sets[a].note.empty()) one["note"] = sets[a].note;
    protocols.push_back(std::move(one));
  }
  json best = json::array();
  for (const std::size_t b : undominated(m)) best.push_back(sets[b].protocol.name);
  return {{"protocols", std::move(protocols)}, {"undominated", std::move(best)}};
}

template <class T>
std::string dominance_text(const Team<T>& team, const std::vector<FullEffortSet<T>>& sets) {
  (void)team;
  if (sets.empty()) return "no protocols\n";
  std::string out = fmt::format(
      "full-effort sets FE(D) ({}): the Pareto-maximal gain vectors G(d) > 0; costs c are "
      "implementable iff c ≤ G for one of them\n",
      variant_name(sets.front().variant));
  for (const auto& set : sets) {
    out += fmt::format("{}:{}\n", set.protocol.name,
                       set.maximal.empty() ? " empty (no equilibrium sustains full effort)" : "");
    for (const auto& g : set.maximal) out += fmt::format("  {}\n", gain_text(g));
    if (!set.exact) out += fmt::format("  (not exact: {})\n", set.note);
  }
  const auto m = dominance_matrix(sets);
  out += "\ndominance (D ⪰ D' iff FE(D') ⊆ FE(D)):\n";
  for (std::size_t a = 0; a < sets.size(); ++a) {
    for (std::size_t b = 0; b < sets.size(); ++b) {
      if (a == b) continue;
      const auto& d = m[a][b];
      if (d.strict) {
        out += fmt::format("  {} strictly dominates {}: it alone offers {}\n",
                           sets[a].protocol.name, sets[b].protocol.name, gain_text(*d.surplus));
      } else if (d.dominates && !m[b][a].dominates) {
        out += fmt::format("  {} dominates {}\n", sets[a].protocol.name, sets[b].protocol.name);
      } else if (d.dominates && a < b) {
        out += fmt::format("  {} and {} have the same full-effort set\n", sets[a].protocol.name,
                           sets[b].protocol.name);
      }
    }
  }
  std::vector<std::string> best;
  for (const std::size_t b : undominated(m)) best.push_back(sets[b].protocol.name);
  out += fmt::format("not strictly dominated: {}\n", joined(best));
  return out;
}

template <class T>
json effort_type_json(const EffortType<T>& type) {
  return {{"productive", type.productive},
          {"self_improving", type.self_improving},
          {"team_improving", type.team_improving},
          {"why_not_productive", type.why_not_productive},
          {"why_not_self_improving", type.why_not_self_improving},
          {"why_not_team_improving", type.why_not_team_improving}};
}

template <class T>
std::string effort_type_text(const EffortType<T>& type) {
  const auto line = [](const char* what, bool holds, const std::string& why) {
    return fmt::format("  {}: {}{}\n", what, holds ? "yes" : "no",
                       holds || why.empty() ? "" : fmt::format(" ({})", why));
  };
  return "effort (Proposition 3's hypotheses, strict FOS by min cut):\n" +
         line("productive (F(e_N) ≿ F(e_{N∖i}) for every i)", type.productive,
              type.why_not_productive) +
         line("self-improving", type.self_improving, type.why_not_self_improving) +
         line("team-improving", type.team_improving, type.why_not_team_improving);
}

template <class T>
using Equilibria = std::vector<Equilibrium<T>>;
template <class T>
using GainsList = std::vector<EffortGains<T>>;
template <class T>
using FullEffortSets = std::vector<FullEffortSet<T>>;

#define MECHLAB_DISCLOSURE_REPORT(T)                                                           \
  template std::string outcome_name(const Team<T>&, std::size_t);                              \
  template std::string vote_text(const Team<T>&, std::size_t, const std::vector<T>&);          \
  template json equilibria_json(const Team<T>&, const Protocol&, const Equilibria<T>&);        \
  template std::string equilibria_text(const Team<T>&, const Protocol&, const Equilibria<T>&); \
  template bool full_effort_box_empty(const EffortGains<T>&);                                  \
  template bool implements_full_effort(const EffortGains<T>&, const std::vector<T>&);          \
  template json effort_json(const Team<T>&, const Equilibria<T>&, const GainsList<T>&,         \
                            const std::vector<T>&);                                            \
  template std::string effort_text(const Team<T>&, const Equilibria<T>&, const GainsList<T>&,  \
                                   const std::vector<T>&);                                     \
  template std::vector<std::size_t> optimal_consensus(const std::vector<T>&);                  \
  template json k_majority_json(const BinaryEffortModel&, const std::vector<T>&);              \
  template std::string k_majority_text(const BinaryEffortModel&, const std::vector<T>&);       \
  template json dominance_json(const Team<T>&, const FullEffortSets<T>&);                      \
  template std::string dominance_text(const Team<T>&, const FullEffortSets<T>&);               \
  template json effort_type_json(const EffortType<T>&);                                        \
  template std::string effort_type_text(const EffortType<T>&);                                 \
  template json continuous_json(const ContinuousTeam<T>&, const Protocol&,                     \
                                const ContinuousAnalysis<T>&, const DiscretisationStudy<T>*);  \
  template std::string continuous_text(const ContinuousTeam<T>&, const Protocol&,              \
                                       const ContinuousAnalysis<T>&,                           \
                                       const DiscretisationStudy<T>*);

MECHLAB_DISCLOSURE_REPORT(Rational)
MECHLAB_DISCLOSURE_REPORT(double)

#undef MECHLAB_DISCLOSURE_REPORT

}  // namespace mechlab::disclosure
