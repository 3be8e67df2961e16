#include "mechlab/infosize/certify_report.hpp"

#include "mechlab/infosize/summary_report.hpp"

#include <fmt/format.h>

#include "mechlab/io/output.hpp"

namespace mechlab::infosize {

namespace {

bool positive(const CertifiedReal& x) { return x.sign().value_or(0) > 0; }
bool negative(const CertifiedReal& x) { return x.sign().value_or(0) < 0; }
bool positive(double x) { return sign_of(x) > 0; }
bool negative(double x) { return sign_of(x) < 0; }

template <class T>
std::string number_text(const T& x) {
  if constexpr (NumberTraits<T>::exact) {
    if (x.get_den() == 1) return to_string(x);
    return fmt::format("{} ≈ {:.10g}", to_string(x), mechlab::to_double(x));
  } else {
    return fmt::format("{:.10g}", x);
  }
}

template <class T>
std::string type_label(const Instance<T>& in, std::size_t i, std::size_t t) {
  return in.problem.env.types[i][t];
}

template <class T>
std::string signal_label(const Instance<T>& in, std::size_t i, std::size_t a) {
  return in.signals.d.signals[i][a];
}

template <class T>
nlohmann::json constraint_json(const Instance<T>& in, const StageOneConstraint<T>& c) {
  const std::size_t i = c.agent;
  nlohmann::json j{{"agent", in.problem.env.agents[i]},
                   {"true_type", type_label(in, i, c.type)},
                   {"true_signal", signal_label(in, i, c.truth)},
                   {"report", signal_label(in, i, c.report)},
                   {"value", io::number_json(c.value)},
                   {"gain_pbe", io::number_json(c.pbe)},
                   {"gain_pointwise", io::number_json(c.pointwise)},
                   {"power", io::real_json(c.power)},
                   {"information_sets", c.information_sets},
                   {"search_nodes", c.nodes},
                   {"undefined_profiles", c.undefined},
                   {"defined", c.defined}};
  if (c.one_stage) {
    j["gain_one_stage"] = io::number_json(*c.one_stage);
    j["one_stage_report_type"] = type_label(in, i, c.one_stage_type);
  } else {
    j["gain_one_stage"] = nullptr;
  }
  return j;
}

// The witness of a scale: (agent, true type, true signal, report, G, S, ratio).
template <class T>
nlohmann::json binding_json(const Instance<T>& in, const Certificate<T>& cert, Level level,
                            std::optional<std::size_t> k) {
  if (!k) return nullptr;
  const auto& c = cert.constraints[*k];
  nlohmann::json j{{"agent", in.problem.env.agents[c.agent]},
                   {"true_type", type_label(in, c.agent, c.type)},
                   {"true_signal", signal_label(in, c.agent, c.truth)},
                   {"report", signal_label(in, c.agent, c.report)},
                   {"gain", io::number_json(*c.gain(level))},
                   {"power", io::real_json(c.power)}};
  if (sign_of(*c.gain(level)) > 0 && positive(c.power)) {
    j["ratio"] = io::real_json(to_real(*c.gain(level)) / c.power);
  } else {
    j["ratio"] = nullptr;
  }
  return j;
}

template <class T>
nlohmann::json scale_json(const Instance<T>& in, const Certificate<T>& cert, Level level) {
  const MinimalScale<T>& s = cert.scale(level);
  const bool feasible = s.status == ScaleStatus::feasible;
  nlohmann::json j{{"level", level_name(level)},
                   {"status", feasible ? "feasible" : "infeasible"},
                   {"value", feasible ? io::real_json(s.value) : nlohmann::json(nullptr)},
                   {"binding", binding_json(in, cert, level, s.binding)}};
  auto& agents = j["agents"] = nlohmann::json::object();
  for (std::size_t i = 0; i < s.agents.size(); ++i) {
    const auto& a = s.agents[i];
    const bool ok = a.status == ScaleStatus::feasible;
    agents[in.problem.env.agents[i]] = {
        {"status", ok ? "feasible" : "infeasible"},
        {"value", ok ? io::real_json(a.value) : nlohmann::json(nullptr)},
        {"binding", binding_json(in, cert, level, a.binding)}};
  }
  return j;
}

template <class T>
nlohmann::json bound_json(const Instance<T>& in, const ScaleBound<T>& b) {
  if (!b.available) return {{"available", false}};
  return {{"available", true},
          {"infinite", b.infinite},
          {"value", b.infinite ? nlohmann::json(nullptr) : io::real_json(b.value)},
          {"agent", in.problem.env.agents[b.agent]},
          {"true_signal", signal_label(in, b.agent, b.truth)},
          {"lie", signal_label(in, b.agent, b.lie)}};
}

template <class T>
std::string bound_text(const Instance<T>& in, const ScaleBound<T>& b, bool paper) {
  if (!b.available) return "unavailable (a posterior or belief is undefined)";
  if (b.infinite) {
    if (paper) {
      return fmt::format("+inf (agent {}'s signals {} and {} carry identical beliefs: Λ = 0)",
                         in.problem.env.agents[b.agent], signal_label(in, b.agent, b.truth),
                         signal_label(in, b.agent, b.lie));
    }
    return fmt::format("+inf (power S <= 0 at agent {}, {} -> {})", in.problem.env.agents[b.agent],
                       signal_label(in, b.agent, b.truth), signal_label(in, b.agent, b.lie));
  }
  return io::real_text(b.value);
}

template <class T>
std::vector<std::string> binding_row(const Instance<T>& in, const Certificate<T>& cert, Level level,
                                     std::optional<std::size_t> k) {
  if (!k) return {"-", "-", "-", "-", "-", "-", "-"};
  const auto& c = cert.constraints[*k];
  const T g = *c.gain(level);
  std::string ratio = "INFEASIBLE (S = 0)";
  if (positive(c.power)) {
    ratio = io::real_text(RealOf<T>(to_real(g) / c.power));
  } else if (negative(c.power)) {
    // S < 0: the lie scores better, so the constraint caps ε at G/S.
    ratio = sign_of(g) > 0
                ? std::string("INFEASIBLE (S < 0: the lie scores better)")
                : fmt::format("cap {} (S < 0)", io::real_text(RealOf<T>(to_real(g) / c.power)));
  }
  return {in.problem.env.agents[c.agent],
          type_label(in, c.agent, c.type),
          signal_label(in, c.agent, c.truth),
          signal_label(in, c.agent, c.report),
          number_text(g),
          io::real_text(c.power),
          ratio};
}

}  // namespace

template <class T>
nlohmann::json to_json(const Instance<T>& in, const Certificate<T>& cert) {
  const auto& p = in.problem;
  const auto& pre = cert.preconditions;
  nlohmann::json j{{"number_type", NumberTraits<T>::name},
                   {"certified", pre.hold()},
                   {"agents", p.env.agents},
                   {"reward", reward_name(in.reward.family)},
                   {"decomposition_source", in.decomposition_source}};
  j["preconditions"] = {{"hold", pre.hold()},
                        {"full_support", pre.full_support},
                        {"decomposition_valid", pre.decomposition_valid},
                        {"posterior_gap", io::number_json(pre.decomposition.posterior_gap)},
                        {"belief_gap", io::number_json(pre.decomposition.belief_gap)},
                        {"zero_signal_profiles", pre.zero_profiles.size()},
                        {"nonnegative_values", pre.nonnegative_values},
                        {"max_value", io::number_json(pre.max_value)},
                        {"efficiency_ties", pre.efficiency_ties}};
  if (cert.path_checked) {
    j["equilibrium_path"] = {{"holds", cert.path.holds()},
                             {"profiles", cert.path.profiles},
                             {"outcome_mismatches", cert.path.outcome_mismatches.size()},
                             {"transfer_mismatches", cert.path.transfer_mismatches.size()},
                             {"undefined", cert.path.undefined.size()}};
  }
  j["undefined_constraints"] = cert.undefined_constraints;
  auto& cs = j["constraints"] = nlohmann::json::array();
  for (const auto& c : cert.constraints) cs.push_back(constraint_json(in, c));
  auto& ss = j["same_signal"] = {{"checked", cert.same_signal_checked},
                                 {"violations", nlohmann::json::array()}};
  for (const auto& v : cert.same_signal_violations) {
    ss["violations"].push_back({{"agent", p.env.agents[v.agent]},
                                {"true_type", type_label(in, v.agent, v.type)},
                                {"report", type_label(in, v.agent, v.lie)},
                                {"gain", io::number_json(v.gain)}});
  }
  j["scales"] = {{"one_stage", scale_json(in, cert, Level::one_stage)},
                 {"pbe", scale_json(in, cert, Level::pbe)},
                 {"pointwise", scale_json(in, cert, Level::pointwise)},
                 {"reference", bound_json(in, cert.reference)},
                 {"nu", bound_json(in, cert.nu)},
                 {"paper", bound_json(in, cert.paper)}};
  auto& ms = j["measures"] = nlohmann::json::array();
  for (const auto& m : cert.measures) {
    ms.push_back({{"agent", p.env.agents[m.agent]},
                  {"nu", io::number_json(m.nu)},
                  {"lambda", m.lambda ? io::real_json(*m.lambda) : nlohmann::json("+inf")}});
  }
  if (cert.budget) {
    const auto& b = *cert.budget;
    j["budget"] = {{"scale", io::real_json(b.scale)},
                   {"expected_revenue", io::number_json(b.expected_revenue)},
                   {"expected_rewards", io::real_json(b.expected_rewards)},
                   {"net", io::real_json(b.net)},
                   {"worst_net", io::real_json(b.worst_net)},
                   {"worst_profile", p.profile_name(b.worst_profile)}};
  } else {
    j["budget"] = nullptr;
  }
  return j;
}

template <class T>
std::string to_text(const Instance<T>& in, const Certificate<T>& cert) {
  const auto& p = in.problem;
  const auto& pre = cert.preconditions;
  std::string out = fmt::format(
      "infosize certificate: {} agents, {} type profiles, {} signal profiles, {} alternatives, "
      "{} reward, decomposition {}\n",
      p.agent_count(), p.profile_count(), in.signals.profile_count(), p.alternative_count(),
      reward_name(in.reward.family), in.decomposition_source);
  out += reward_notes(in);
  out += fmt::format(
      "(C0) preconditions {}: full support {}, decomposition valid {}, Q_A > 0 {}, v >= 0 {}, "
      "M = {}, efficiency ties {}\n",
      pre.hold() ? "hold" : "FAIL", pre.full_support ? "yes" : "NO",
      pre.decomposition_valid ? "yes" : "NO",
      pre.zero_profiles.empty() ? "yes"
                                : fmt::format("NO ({} profile{})", pre.zero_profiles.size(),
                                              pre.zero_profiles.size() == 1 ? "" : "s"),
      pre.nonnegative_values ? "yes" : "NO", number_text(pre.max_value), pre.efficiency_ties);
  if (cert.path_checked) {
    out += fmt::format(
        "(C1) equilibrium path = one-stage GVCG: {} ({} profiles, {} outcome and {} transfer "
        "mismatches)\n",
        cert.path.holds() ? "yes" : "NO", cert.path.profiles, cert.path.outcome_mismatches.size(),
        cert.path.transfer_mismatches.size());
  } else {
    out += "(C1) equilibrium path check skipped (--no-path-check)\n";
  }
  out += fmt::format("same-signal one-stage lies: {} checked, {} with G1 > 0{}\n",
                     cert.same_signal_checked, cert.same_signal_violations.size(),
                     cert.same_signal_violations.empty() ? "" : " (no signal reward can fix them)");
  io::Table gains({"agent", "true type", "signal", "report", "V", "G1", "G PBE", "G PW", "S"});
  for (const auto& c : cert.constraints) {
    gains.add({c.defined ? p.env.agents[c.agent] : fmt::format("{} ?", p.env.agents[c.agent]),
               type_label(in, c.agent, c.type), signal_label(in, c.agent, c.truth),
               signal_label(in, c.agent, c.report), number_text(c.value),
               c.one_stage ? number_text(*c.one_stage) : "-", number_text(c.pbe),
               number_text(c.pointwise), io::real_text(c.power)});
  }
  out += "\n(C2) stage-1 deviations (gains exclude the reward)\n";
  if (cert.undefined_constraints > 0) {
    out += fmt::format(
        "{} constraint{} marked '?' need an undefined posterior or belief (Q_A = 0) and enter no "
        "scale\n",
        cert.undefined_constraints, cert.undefined_constraints == 1 ? "" : "s");
  }
  out += gains.render();
  io::Table scales({"scale", "value", "agent", "true type", "signal", "report", "G", "S", "G/S"});
  for (const Level level : {Level::one_stage, Level::pbe, Level::pointwise}) {
    const MinimalScale<T>& s = cert.scale(level);
    auto row = binding_row(in, cert, level, s.binding);
    row.insert(row.begin(), s.status == ScaleStatus::feasible
                                ? io::real_text(s.value)
                                : std::string("INFEASIBLE for this reward family"));
    row.insert(row.begin(), fmt::format("eps* {}", level_name(level)));
    scales.add(std::move(row));
    for (std::size_t i = 0; i < s.agents.size(); ++i) {
      const auto& a = s.agents[i];
      auto agent_row = binding_row(in, cert, level, a.binding);
      agent_row.insert(agent_row.begin(), a.status == ScaleStatus::feasible
                                              ? io::real_text(a.value)
                                              : std::string("INFEASIBLE"));
      agent_row.insert(agent_row.begin(),
                       fmt::format("  agent {} {}", p.env.agents[i], level_name(level)));
      scales.add(std::move(agent_row));
    }
  }
  out += "\nminimal reward scales (binding constraint)\n";
  if (!pre.hold()) {
    out +=
        "(C0) fails: the scales below cover only the defined constraints and do not certify "
        "this instance\n";
  }
  out += scales.render();
  out += fmt::format("eps_ref = {}\neps_nu = {}\neps_paper = {}\n",
                     bound_text(in, cert.reference, false), bound_text(in, cert.nu, false),
                     bound_text(in, cert.paper, true));
  if (cert.budget) {
    const auto& b = *cert.budget;
    out += fmt::format(
        "\nbudget at eps = {}: E revenue {}, E rewards {}, net {}, worst ex post net {} at {}\n",
        io::real_text(b.scale), number_text(b.expected_revenue), io::real_text(b.expected_rewards),
        io::real_text(b.net), io::real_text(b.worst_net), p.profile_name(b.worst_profile));
  }
  return out;
}

template nlohmann::json to_json(const Instance<Rational>&, const Certificate<Rational>&);
template nlohmann::json to_json(const Instance<double>&, const Certificate<double>&);
template std::string to_text(const Instance<Rational>&, const Certificate<Rational>&);
template std::string to_text(const Instance<double>&, const Certificate<double>&);

}  // namespace mechlab::infosize
