#include "mechlab/infosize/two_stage_report.hpp"

#include <fmt/format.h>

#include "mechlab/infosize/summary_report.hpp"
#include "mechlab/io/output.hpp"

namespace mechlab::infosize {

namespace {

template <class T>
std::string posterior_text(const Instance<T>& in, const std::vector<T>& pi) {
  std::string out = "(";
  for (std::size_t theta = 0; theta < pi.size(); ++theta) {
    if (theta > 0) out += ", ";
    out += fmt::format("{}: {}", in.problem.env.states[theta], io::number_text(pi[theta]));
  }
  return out + ")";
}

template <class T>
nlohmann::json posterior_json(const Instance<T>& in, const std::vector<T>& pi) {
  nlohmann::json j = nlohmann::json::object();
  for (std::size_t theta = 0; theta < pi.size(); ++theta) {
    j[in.problem.env.states[theta]] = io::number_json(pi[theta]);
  }
  return j;
}

template <class T>
nlohmann::json report_json(const Instance<T>& in, const std::vector<T>& u) {
  nlohmann::json j = nlohmann::json::object();
  for (std::size_t c = 0; c < u.size(); ++c)
    j[in.problem.env.alternatives[c]] = io::number_json(u[c]);
  return j;
}

template <class T>
std::string report_text(const Instance<T>& in, const std::vector<T>& u) {
  std::string out = "(";
  for (std::size_t c = 0; c < u.size(); ++c) {
    if (c > 0) out += ", ";
    out += fmt::format("{}: {}", in.problem.env.alternatives[c], io::number_text(u[c]));
  }
  return out + ")";
}

// "(2=a1, 3=a2)": the others' types in a type profile.
template <class T>
std::string others_types(const Instance<T>& in, std::size_t t, std::size_t i) {
  std::string out = "(";
  for (std::size_t j = 0; j < in.problem.agent_count(); ++j) {
    if (j == i) continue;
    if (out.size() > 1) out += ", ";
    out += fmt::format("{}={}", in.problem.env.agents[j],
                       in.problem.env.types[j][in.problem.profiles.digit(t, j)]);
  }
  return out + ")";
}

}  // namespace

template <class T>
nlohmann::json to_json(const Instance<T>& in, const PostedPosteriors<T>& posted,
                       const std::optional<StageOneReport<T>>& deviation) {
  const auto& s = in.signals;
  nlohmann::json pis = nlohmann::json::array();
  for (const auto& pi : posted.pi) pis.push_back(posterior_json(in, pi));
  nlohmann::json by_profile = nlohmann::json::array();
  for (std::size_t a = 0; a < s.profile_count(); ++a) {
    by_profile.push_back({{"signals", s.profiles.cell_name(a)},
                          {"posted", posted.posted[a] ? nlohmann::json(*posted.posted[a])
                                                      : nlohmann::json(nullptr)}});
  }
  nlohmann::json j{{"number_type", NumberTraits<T>::name},
                   {"posted_posteriors", pis},
                   {"signal_profiles", by_profile}};
  if (!deviation) return j;
  const StageOneReport<T>& d = *deviation;
  const std::size_t i = d.agent;
  nlohmann::json sets = nlohmann::json::array();
  for (const InformationSet<T>& set : d.sets) {
    nlohmann::json k = nlohmann::json::array();
    for (std::size_t x = 0; x < set.consistent.size(); ++x) {
      nlohmann::json mu = nlohmann::json::object();
      for (std::size_t theta = 0; theta < in.problem.state_count() && set.on_path; ++theta) {
        mu[in.problem.env.states[theta]] =
            io::number_json(set.belief[x * in.problem.state_count() + theta]);
      }
      k.push_back(
          {{"others", others_types(in, set.consistent[x], i)},
           {"weight", io::number_json(set.weights[x])},
           {"belief", mu},
           {"choice", set.best.choices.empty()
                          ? nlohmann::json(nullptr)
                          : nlohmann::json(in.problem.env.alternatives[set.best.choices[x]])}});
    }
    sets.push_back({{"posted", posterior_json(in, posted.pi[set.posted])},
                    {"on_path", set.on_path},
                    {"mass", io::number_json(set.mass)},
                    {"consistent", k},
                    {"truthful_report", report_json(in, set.truthful)},
                    {"truthful_value", io::number_json(set.truthful_value)},
                    {"best_reply", report_json(in, set.best.witness)},
                    {"best_value", io::number_json(set.best.value)},
                    {"pointwise_value", io::number_json(set.best.bound)},
                    {"search_nodes", set.best.nodes}});
  }
  const T value = truthful_value(in.problem, i, d.type);
  j["deviation"] = {{"agent", in.problem.env.agents[i]},
                    {"type", in.problem.env.types[i][d.type]},
                    {"signal", s.d.signals[i][s.d.f[i][d.type]]},
                    {"report", s.d.signals[i][d.report]},
                    {"information_sets", sets},
                    {"undefined_profiles", d.undefined.size()},
                    {"truthful_value", io::number_json(value)},
                    {"deviation_value_pbe", io::number_json(d.pbe)},
                    {"deviation_value_pointwise", io::number_json(d.pointwise)},
                    {"gain_pbe", io::number_json(T(d.pbe - value))},
                    {"gain_pointwise", io::number_json(T(d.pointwise - value))}};
  return j;
}

template <class T>
std::string to_text(const Instance<T>& in, const PostedPosteriors<T>& posted,
                    const std::optional<StageOneReport<T>>& deviation) {
  const auto& s = in.signals;
  std::string out =
      "Two-stage game Γ(D, Z) (003 §6): stage 1 reports signals and pays the rewards; the "
      "designer posts π = ρ(r);\nstage 2 runs VCG on reported expected values u_i(c) computed "
      "with π.\n";
  out += reward_notes(in);
  out += '\n';
  io::Table pis({"#", "posted posterior π"});
  for (std::size_t k = 0; k < posted.pi.size(); ++k) {
    pis.add({std::to_string(k), posterior_text(in, posted.pi[k])});
  }
  out += pis.render();
  io::Table profiles({"signal profile", "posts"});
  for (std::size_t a = 0; a < s.profile_count(); ++a) {
    profiles.add({s.profiles.cell_name(a),
                  posted.posted[a] ? std::to_string(*posted.posted[a]) : "undefined (Q_A = 0)"});
  }
  out += '\n';
  out += profiles.render();
  if (!deviation) {
    out += "\n(--agent A --type T --report R shows the information sets of one stage-1 report)\n";
    return out;
  }
  const StageOneReport<T>& d = *deviation;
  const std::size_t i = d.agent;
  const T value = truthful_value(in.problem, i, d.type);
  out += fmt::format("\nAgent {} of type {} (signal {}) reports {} in stage 1:\n",
                     in.problem.env.agents[i], in.problem.env.types[i][d.type],
                     s.d.signals[i][s.d.f[i][d.type]], s.d.signals[i][d.report]);
  if (!d.undefined.empty()) {
    out += fmt::format(
        "UNDEFINED: after this report {} of the others' type profiles post no posterior (Q_A = 0); "
        "the values below leave them out and certify nothing\n",
        d.undefined.size());
  }
  for (const InformationSet<T>& set : d.sets) {
    out += fmt::format("\ninformation set π = {}: {}", posterior_text(in, posted.pi[set.posted]),
                       set.on_path ? fmt::format("on path, mass {}", io::number_text(set.mass))
                                   : "off path (beliefs π(θ)·P(t_-i | t_i), erratum E8)");
    out += "\n";
    if (!set.on_path) continue;
    io::Table k(
        {"others' types", "weight P(t_-i|t_i)", "belief μ(θ, t_-i) (E7)", "outcome under β*"});
    for (std::size_t x = 0; x < set.consistent.size(); ++x) {
      std::string mu;
      for (std::size_t theta = 0; theta < in.problem.state_count(); ++theta) {
        if (!mu.empty()) mu += ", ";
        mu += fmt::format("{}: {}", in.problem.env.states[theta],
                          io::number_text(set.belief[x * in.problem.state_count() + theta]));
      }
      k.add({others_types(in, set.consistent[x], i), io::number_text(set.weights[x]), mu,
             set.best.choices.empty() ? "" : in.problem.env.alternatives[set.best.choices[x]]});
    }
    out += k.render();
    out += fmt::format(
        "  truthful stage-2 report {} is worth {}; best reply β* = {} is worth {} (pointwise "
        "bound {}; {} search node{})\n",
        report_text(in, set.truthful), io::number_text(set.truthful_value),
        report_text(in, set.best.witness), io::number_text(set.best.value),
        io::number_text(set.best.bound), set.best.nodes, set.best.nodes == 1 ? "" : "s");
  }
  out += fmt::format(
      "\ntruthful value V = {}; deviation value: PBE {} (gain {}), pointwise {} (gain {}); "
      "rewards excluded\n",
      io::number_text(value), io::number_text(d.pbe), io::number_text(T(d.pbe - value)),
      io::number_text(d.pointwise), io::number_text(T(d.pointwise - value)));
  return out;
}

template nlohmann::json to_json(const Instance<Rational>&, const PostedPosteriors<Rational>&,
                                const std::optional<StageOneReport<Rational>>&);
template nlohmann::json to_json(const Instance<double>&, const PostedPosteriors<double>&,
                                const std::optional<StageOneReport<double>>&);
template std::string to_text(const Instance<Rational>&, const PostedPosteriors<Rational>&,
                             const std::optional<StageOneReport<Rational>>&);
template std::string to_text(const Instance<double>&, const PostedPosteriors<double>&,
                             const std::optional<StageOneReport<double>>&);

}  // namespace mechlab::infosize
