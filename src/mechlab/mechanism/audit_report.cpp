#include "mechlab/mechanism/audit_report.hpp"

#include <fmt/format.h>

#include "mechlab/io/output.hpp"

namespace mechlab::mechanism {

namespace {

template <class T>
std::string others_only(const Problem<T>& p, std::size_t t, std::size_t i) {
  std::string s = "(";
  for (std::size_t j = 0; j < p.agent_count(); ++j) {
    if (j == i) continue;
    if (s.size() > 1) s += ", ";
    s += p.env.agents[j] + "=" + p.env.types[j][p.profiles.digit(t, j)];
  }
  return s + ")";
}

template <class T>
nlohmann::json constraint_json(const Problem<T>& p, Property prop, const Constraint<T>& c) {
  nlohmann::json j{{"name", c.name}, {"slack", io::number_json(c.slack)}};
  if (c.agent) {
    j["agent"] = p.env.agents[*c.agent];
    if (c.true_type) j["true_type"] = p.env.types[*c.agent][*c.true_type];
    if (c.report) j["report"] = p.env.types[*c.agent][*c.report];
    if (c.others_report) j["others_report"] = others_only(p, *c.others_report, *c.agent);
  }
  if (c.profile) j["true_profile"] = p.profile_name(*c.profile);
  if (sign_of(c.slack) < 0) j[violation_word(prop)] = io::number_json(T(-c.slack));
  j["value"] = io::number_json(c.value);
  return j;
}

// The witness columns of a violation row: agent, true, report, others.
template <class T>
std::vector<std::string> witness_cells(const Problem<T>& p, const Constraint<T>& c) {
  std::vector<std::string> row(4, "");
  if (c.agent) {
    row[0] = p.env.agents[*c.agent];
    if (c.true_type) row[1] = p.env.types[*c.agent][*c.true_type];
    if (c.report) row[2] = p.env.types[*c.agent][*c.report];
    if (c.others_report) {
      row[3] = others_only(p, *c.others_report, *c.agent);
    } else if (c.profile) {
      row[3] = others_only(p, *c.profile, *c.agent);
    }
  } else if (c.profile) {
    row[3] = p.profile_name(*c.profile);
  }
  return row;
}

}  // namespace

template <class T>
std::string support_text(const Problem<T>& p) {
  const Support& s = p.support;
  if (s.full_marginals()) return "full (every state and type profile has positive probability)";
  std::string out;
  if (!s.zero_profiles.empty()) {
    out += fmt::format("{} type profile(s) of probability 0 (first {})", s.zero_profiles.size(),
                       p.profile_name(s.zero_profiles.front()));
  }
  if (!s.zero_states.empty()) {
    if (!out.empty()) out += "; ";
    out += fmt::format("{} state(s) of probability 0 (first {})", s.zero_states.size(),
                       p.env.states[s.zero_states.front()]);
  }
  return out + ": the prior is not in Δ*(Θ×T) of 003 §1.2";
}

template <class T>
nlohmann::json to_json(const Problem<T>& p, const Mechanism<T>& m, const Audit<T>& a) {
  nlohmann::json j{{"mechanism", m.name},
                   {"number_type", NumberTraits<T>::name},
                   {"agents", p.env.agents},
                   {"type_profiles", p.profile_count()},
                   {"private_values", p.private_values()},
                   {"independent_types", p.independent_types},
                   {"support",
                    {{"full_marginals", p.support.full_marginals()},
                     {"text", support_text(p)},
                     {"zero_profiles", nlohmann::json::array()},
                     {"zero_states", nlohmann::json::array()}}}};
  for (auto t : p.support.zero_profiles) j["support"]["zero_profiles"].push_back(p.profile_name(t));
  for (auto s : p.support.zero_states) j["support"]["zero_states"].push_back(p.env.states[s]);
  nlohmann::json payoffs = nlohmann::json::object();
  for (std::size_t i = 0; i < p.agent_count(); ++i) {
    payoffs[p.env.agents[i]] = io::number_json(a.expected_payoff[i]);
  }
  j["truthful"] = {{"expected_welfare", io::number_json(a.expected_welfare)},
                   {"efficient_welfare", io::number_json(a.efficient_welfare)},
                   {"expected_revenue", io::number_json(a.expected_revenue)},
                   {"efficiency_ties", a.efficiency_ties},
                   {"expected_payoff", payoffs}};
  auto& props = j["properties"] = nlohmann::json::array();
  for (const auto& pa : a.properties) {
    nlohmann::json pj{{"id", property_id(pa.property)},
                      {"title", property_title(pa.property)},
                      {"holds", pa.holds},
                      {"checked", pa.checked},
                      {"violated", pa.violated},
                      {"largest_violation", io::number_json(pa.largest_violation())},
                      {"truncated", pa.truncated}};
    if (pa.tightest) pj["tightest"] = constraint_json(p, pa.property, *pa.tightest);
    auto& vs = pj["violations"] = nlohmann::json::array();
    for (const auto& c : pa.violations) vs.push_back(constraint_json(p, pa.property, c));
    props.push_back(std::move(pj));
  }
  return j;
}

template <class T>
std::string to_text(const Problem<T>& p, const Mechanism<T>& m, const Audit<T>& a,
                    std::size_t show) {
  std::string out = fmt::format(
      "mechanism {}: {} agents, {} type profiles, {} alternatives, {}\n", m.name, p.agent_count(),
      p.profile_count(), p.alternative_count(),
      p.private_values() ? "private values" : fmt::format("{} states", p.state_count()));
  out += "support: " + support_text(p) + "\n";
  out += fmt::format("truthful: expected welfare {} (efficient {}), expected revenue {}\n",
                     io::number_text(a.expected_welfare), io::number_text(a.efficient_welfare),
                     io::number_text(a.expected_revenue));
  out += fmt::format(
      "efficient choice: ties at {} of {} profiles (broken by the order of the "
      "alternatives)\n",
      a.efficiency_ties, p.profile_count());
  io::Table summary(
      {"property", "verdict", "checked", "violated", "min slack / largest violation", "at"});
  for (const auto& pa : a.properties) {
    std::string margin;
    std::string at;
    if (pa.tightest) {
      margin = pa.holds ? "min slack " + io::number_text(pa.tightest->slack)
                        : fmt::format("{} {}", violation_word(pa.property),
                                      io::number_text(pa.largest_violation()));
      at = pa.tightest->name;
    }
    summary.add({property_title(pa.property), pa.holds ? "holds" : "FAILS",
                 fmt::format("{}", pa.checked), fmt::format("{}", pa.violated), margin, at});
  }
  // Two appends, not "\n" + ...: GCC 12 warns falsely (-Wrestrict) on the concatenation.
  out += '\n';
  out += summary.render();
  for (const auto& pa : a.properties) {
    if (pa.holds || show == 0) continue;
    out +=
        fmt::format("\n{} fails: {} violated constraint(s){}\n", property_title(pa.property),
                    pa.violated, pa.violated > show ? fmt::format(", first {} listed", show) : "");
    const bool budget = pa.property == Property::bb_ex_post || pa.property == Property::bb_ex_ante;
    io::Table t({"constraint", "agent", "true", "report", "others / profile",
                 budget ? "sum x_i" : violation_word(pa.property)});
    for (std::size_t k = 0; k < pa.violations.size() && k < show; ++k) {
      const auto& c = pa.violations[k];
      auto row = witness_cells(p, c);
      row.insert(row.begin(), c.name);
      // Budget rows show Σ_i x_i with its sign (> 0 a deficit, < 0 a surplus).
      row.push_back(io::number_text(budget ? c.value : T(-c.slack)));
      t.add(std::move(row));
    }
    out += t.render();
  }
  return out;
}

template nlohmann::json to_json(const Problem<Rational>&, const Mechanism<Rational>&,
                                const Audit<Rational>&);
template nlohmann::json to_json(const Problem<double>&, const Mechanism<double>&,
                                const Audit<double>&);
template std::string to_text(const Problem<Rational>&, const Mechanism<Rational>&,
                             const Audit<Rational>&, std::size_t);
template std::string to_text(const Problem<double>&, const Mechanism<double>&, const Audit<double>&,
                             std::size_t);
template std::string support_text(const Problem<Rational>&);
template std::string support_text(const Problem<double>&);

}  // namespace mechlab::mechanism
