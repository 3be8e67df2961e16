#include "mechlab/infosize/summary_report.hpp"

#include <fmt/format.h>

#include "mechlab/io/output.hpp"

namespace mechlab::infosize {

namespace {

template <class T>
const std::string& signal_name(const SignalStructure<T>& s, std::size_t i, std::size_t a_i) {
  return s.d.signals[i][a_i];
}

template <class T>
std::string type_name(const Instance<T>& instance, std::size_t i, std::size_t t_i) {
  return instance.problem.env.types[i][t_i];
}

}  // namespace

template <class T>
std::string others_signals(const SignalStructure<T>& s, std::size_t a, std::size_t i) {
  std::string out = "(";
  for (std::size_t j = 0; j < s.agent_count(); ++j) {
    if (j == i) continue;
    if (out.size() > 1) out += ", ";
    out +=
        fmt::format("{}={}", s.profiles.coordinate(j).name, s.d.signals[j][s.profiles.digit(a, j)]);
  }
  out += ")";
  return out;
}

template <class T>
nlohmann::json validation_json(const Instance<T>& instance, const Validation<T>& v) {
  const auto& s = instance.signals;
  nlohmann::json j{{"source", instance.decomposition_source}, {"valid", v.valid()}};
  j["signals"] = s.d.signals;
  j["posterior_gap"] = io::number_json(v.posterior_gap);
  j["belief_gap"] = io::number_json(v.belief_gap);
  if (sign_of(v.posterior_gap) != 0) {
    j["posterior_gap_at"] = instance.problem.profile_name(v.posterior_profile);
  }
  if (sign_of(v.belief_gap) != 0) {
    j["belief_gap_at"] = {{"agent", instance.problem.env.agents[v.belief_agent]},
                          {"type", type_name(instance, v.belief_agent, v.belief_type)},
                          {"others_signals", others_signals(s, v.belief_profile, v.belief_agent)}};
  }
  nlohmann::json zero = nlohmann::json::array();
  for (const auto a : v.zero_profiles) zero.push_back(s.profiles.cell_name(a));
  j["zero_profiles"] = zero;
  nlohmann::json unused = nlohmann::json::object();
  for (std::size_t i = 0; i < v.unused_signals.size(); ++i) {
    for (const auto a_i : v.unused_signals[i]) {
      unused[instance.problem.env.agents[i]].push_back(signal_name(s, i, a_i));
    }
  }
  j["unused_signals"] = unused;
  return j;
}

template <class T>
std::string validation_text(const Instance<T>& instance, const Validation<T>& v) {
  const auto& s = instance.signals;
  std::string out = fmt::format("decomposition: {} ({} signal profiles), ",
                                instance.decomposition_source, s.profile_count());
  if (v.valid()) {
    out += NumberTraits<T>::exact
               ? "valid: conditions (ii) and (iii) of Def. 2 hold exactly\n"
               : "valid: conditions (ii) and (iii) of Def. 2 hold within 1e-12 (--float)\n";
  } else {
    out += "INVALID\n";
    if (sign_of(v.posterior_gap) != 0) {
      out += fmt::format("  (ii) fails: ‖P_Θ(·|t) − ρ(f(t))‖₁ = {} at {}\n",
                         io::number_text(v.posterior_gap),
                         instance.problem.profile_name(v.posterior_profile));
    }
    if (sign_of(v.belief_gap) != 0) {
      out += fmt::format(
          "  (iii) fails: belief gap {} for agent {} of type {} about the others' signals {}\n",
          io::number_text(v.belief_gap), instance.problem.env.agents[v.belief_agent],
          type_name(instance, v.belief_agent, v.belief_type),
          others_signals(s, v.belief_profile, v.belief_agent));
    }
  }
  if (!v.zero_profiles.empty()) {
    out += fmt::format("  {} signal profiles have Q_A = 0 (posterior undefined), first {}\n",
                       v.zero_profiles.size(), s.profiles.cell_name(v.zero_profiles.front()));
  }
  for (std::size_t i = 0; i < v.unused_signals.size(); ++i) {
    for (const auto a_i : v.unused_signals[i]) {
      out += fmt::format("  signal {} of agent {} is the image of no type\n",
                         signal_name(s, i, a_i), instance.problem.env.agents[i]);
    }
  }
  return out;
}

template <class T>
std::string reward_notes(const Instance<T>& instance) {
  std::string out;
  if (!NumberTraits<T>::exact) {
    out += "numbers in double precision (--float): equalities hold within a 1e-12 tolerance\n";
  }
  if (instance.reward.family == RewardFamily::majority) {
    for (const std::size_t i : agents_without_shared_labels(instance.signals)) {
      out += fmt::format(
          "note: the majority reward compares signal labels; agent {} shares none with the "
          "others, so its score is always 0\n",
          instance.problem.env.agents[i]);
    }
  }
  return out;
}

template <class T>
nlohmann::json to_json(const Instance<T>& instance, const SizeSummary<T>& summary) {
  const auto& s = instance.signals;
  nlohmann::json j;
  j["number_type"] = NumberTraits<T>::name;
  j["decomposition"] = validation_json(instance, summary.validation);
  j["reward"] = reward_name(instance.reward.family);
  j["signal_profiles"] = summary.signal_profiles;
  j["max_value"] = io::number_json(summary.max_value);
  j["max_nu"] = io::number_json(summary.max_nu);
  j["min_lambda"] = summary.min_lambda ? io::real_json(*summary.min_lambda) : nlohmann::json("inf");
  nlohmann::json agents = nlohmann::json::array();
  for (std::size_t i = 0; i < summary.agents.size(); ++i) {
    const AgentMeasure<T>& m = summary.agents[i];
    nlohmann::json a{{"agent", instance.problem.env.agents[i]},
                     {"nu", io::number_json(m.nu)},
                     {"expected_move", io::number_json(m.expected_move)}};
    if (!m.pairs.empty()) {
      a["nu_at"] = {{"truth", signal_name(s, i, m.nu_at.first)},
                    {"lie", signal_name(s, i, m.nu_at.second)}};
    }
    if (m.lambda) {
      a["lambda"] = io::real_json(*m.lambda);
      a["lambda_at"] = {signal_name(s, i, m.lambda_at.first),
                        signal_name(s, i, m.lambda_at.second)};
    } else {
      a["lambda"] = "inf";
    }
    nlohmann::json norms = nlohmann::json::object();
    for (std::size_t a_i = 0; a_i < m.norms.size(); ++a_i) {
      norms[signal_name(s, i, a_i)] = io::real_json(m.norms[a_i]);
    }
    a["belief_norms"] = norms;
    nlohmann::json pairs = nlohmann::json::array();
    for (std::size_t k = 0; k < m.pairs.size(); ++k) {
      const PairSize<T>& p = m.pairs[k];
      const PairMeasure<T>& pm = summary.pairs[i][k];
      nlohmann::json steps = nlohmann::json::array();
      for (std::size_t st = 0; st < p.steps.size(); ++st) {
        const T below = st + 1 < p.steps.size() ? p.steps[st + 1].distance : T(0);
        steps.push_back({{"from", io::number_json(below)},
                         {"to", io::number_json(p.steps[st].distance)},
                         {"mass", io::number_json(p.steps[st].mass)}});
      }
      pairs.push_back({{"truth", signal_name(s, i, p.truth)},
                       {"lie", signal_name(s, i, p.lie)},
                       {"nu", io::number_json(p.nu)},
                       {"expected_move", io::number_json(p.expected_move)},
                       {"lambda", io::real_json(pm.lambda)},
                       {"power", io::real_json(pm.power)},
                       {"lemma_c_bound", io::real_json(pm.lemma_c)},
                       {"g_steps", steps}});
    }
    a["pairs"] = pairs;
    agents.push_back(a);
  }
  j["agents"] = agents;
  return j;
}

template <class T>
std::string to_text(const Instance<T>& instance, const SizeSummary<T>& summary, bool steps) {
  const auto& s = instance.signals;
  std::string out = validation_text(instance, summary.validation);
  out += fmt::format("reward family: {}; M = {}; |A| = {}\n", reward_name(instance.reward.family),
                     io::number_text(summary.max_value), summary.signal_profiles);
  out += reward_notes(instance);
  out += "\n";
  io::Table agents({"agent", "ν_i", "at (truth→lie)", "Λ_i", "at", "max E‖Δρ‖"});
  for (std::size_t i = 0; i < summary.agents.size(); ++i) {
    const AgentMeasure<T>& m = summary.agents[i];
    const bool several = !m.pairs.empty();
    agents.add({instance.problem.env.agents[i], io::number_text(m.nu),
                several ? fmt::format("{}→{}", signal_name(s, i, m.nu_at.first),
                                      signal_name(s, i, m.nu_at.second))
                        : "",
                m.lambda ? io::real_text(*m.lambda) : "+inf (one signal)",
                m.lambda ? fmt::format("{}, {}", signal_name(s, i, m.lambda_at.first),
                                       signal_name(s, i, m.lambda_at.second))
                         : "",
                io::number_text(m.expected_move)});
  }
  out += agents.render();
  io::Table pairs({"agent", "truth→lie", "ν_i(lie, truth)", "E‖Δρ‖", "Λ_i(pair)",
                   fmt::format("S ({})", reward_name(instance.reward.family)),
                   "Lemma C bound Λ/(2√|A|)"});
  for (std::size_t i = 0; i < summary.agents.size(); ++i) {
    for (std::size_t k = 0; k < summary.agents[i].pairs.size(); ++k) {
      const PairSize<T>& p = summary.agents[i].pairs[k];
      const PairMeasure<T>& pm = summary.pairs[i][k];
      pairs.add({instance.problem.env.agents[i],
                 fmt::format("{}→{}", signal_name(s, i, p.truth), signal_name(s, i, p.lie)),
                 io::number_text(p.nu), io::number_text(p.expected_move), io::real_text(pm.lambda),
                 io::real_text(pm.power), io::real_text(pm.lemma_c)});
    }
  }
  if (!pairs.empty()) {
    out += '\n';  // two appends: GCC 12 warns falsely (-Wrestrict) on "\n" + std::string
    out += pairs.render();
  }
  if (steps) {
    for (std::size_t i = 0; i < summary.agents.size(); ++i) {
      for (const PairSize<T>& p : summary.agents[i].pairs) {
        out += fmt::format("\ng(ε) for agent {}, truth {}, lie {} (ν = {}):\n",
                           instance.problem.env.agents[i], signal_name(s, i, p.truth),
                           signal_name(s, i, p.lie), io::number_text(p.nu));
        io::Table g({"ε from", "ε to", "g(ε)"});
        if (p.steps.empty() || sign_of(p.steps.back().distance) > 0) {
          g.add({"0", p.steps.empty() ? "inf" : io::number_text(p.steps.back().distance),
                 p.steps.empty() ? "0" : io::number_text(p.steps.back().mass)});
        }
        for (std::size_t st = p.steps.size(); st-- > 0;) {
          const T next = st > 0 ? p.steps[st - 1].mass : T(0);
          g.add({io::number_text(p.steps[st].distance),
                 st > 0 ? io::number_text(p.steps[st - 1].distance) : "inf",
                 io::number_text(next)});
        }
        out += g.render();
      }
    }
  }
  return out;
}

#define MECHLAB_INSTANTIATE(T)                                                              \
  template nlohmann::json to_json(const Instance<T>&, const SizeSummary<T>&);               \
  template std::string to_text(const Instance<T>&, const SizeSummary<T>&, bool);            \
  template std::string others_signals(const SignalStructure<T>&, std::size_t, std::size_t); \
  template nlohmann::json validation_json(const Instance<T>&, const Validation<T>&);        \
  template std::string validation_text(const Instance<T>&, const Validation<T>&);           \
  template std::string reward_notes(const Instance<T>&);
MECHLAB_INSTANTIATE(Rational)
MECHLAB_INSTANTIATE(double)
#undef MECHLAB_INSTANTIATE

}  // namespace mechlab::infosize
