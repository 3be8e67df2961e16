// Renderers for automated mechanism design: JSON (every number exact) and text.
#include <fmt/format.h>

#include <algorithm>

#include "mechlab/io/output.hpp"
#include "mechlab/mechanism/design.hpp"

namespace mechlab::mechanism {

using io::number_json;
using io::number_text;

namespace {

const char* status_key(lp::SolveStatus s) {
  switch (s) {
    case lp::SolveStatus::optimal: return "optimal";
    case lp::SolveStatus::infeasible: return "infeasible";
    case lp::SolveStatus::unbounded: return "unbounded";
    case lp::SolveStatus::not_solved: return "not_solved";
  }
  return "?";
}

const char* sense_key(lp::Sense s) { return s == lp::Sense::maximize ? "maximize" : "minimize"; }

template <class T>
lp::Sense sense_of(const DesignLp<T>& d) {
  return d.lp.sense;
}

// "to b1", or "to b1: 1/2, keep: 1/2" for a lottery.
template <class T>
std::string lottery_text(const Problem<T>& p, const Mechanism<T>& m, std::size_t t) {
  const std::size_t alts = p.alternative_count();
  std::string out;
  for (std::size_t c = 0; c < alts; ++c) {
    const T& q = m.outcome[t * alts + c];
    if (sign_of(q) == 0) continue;
    if (nearly_equal(q, T(1))) return p.env.alternatives[c];
    out += (out.empty() ? "" : ", ") + p.env.alternatives[c] + ": " + number_text(q);
  }
  return out;
}

template <class T>
std::string bounds_text(const DesignSpec<T>& spec) {
  if (!spec.transfer_lower && !spec.transfer_upper) return "free";
  return fmt::format("[{}, {}]", spec.transfer_lower ? number_text(*spec.transfer_lower) : "-inf",
                     spec.transfer_upper ? number_text(*spec.transfer_upper) : "+inf");
}

}  // namespace

template <class T>
nlohmann::json to_json(const Problem<T>& p, const DesignSpec<T>& spec, const DesignLp<T>& d,
                       const DesignResult<T>& r) {
  nlohmann::json j;
  nlohmann::json s{{"outcome", spec.outcome_name},    {"objective", name_of(spec.objective)},
                   {"sense", sense_key(sense_of(d))}, {"ic", name_of(spec.ic)},
                   {"ir", name_of(spec.ir)},          {"budget", name_of(spec.budget)}};
  if (spec.transfer_lower) s["transfer_lower"] = number_json(*spec.transfer_lower);
  if (spec.transfer_upper) s["transfer_upper"] = number_json(*spec.transfer_upper);
  j["design"] = std::move(s);
  j["programme"] = {
      {"rows", d.lp.rows.size()}, {"columns", d.lp.columns.size()}, {"nonzeros", d.lp.nonzeros()}};
  j["status"] = status_key(r.lp.status);
  j["certified"] = r.lp.certified;
  j["verdict"] = lp::status_text(r.lp);
  j["number_type"] = NumberTraits<T>::name;
  if (!r.lp.note.empty()) j["note"] = r.lp.note;
  if (r.lp.status == lp::SolveStatus::optimal && r.mechanism) {
    j["objective"] = number_json(r.objective);
    j["expected_revenue"] = number_json(r.revenue);
    j["expected_welfare"] = number_json(r.welfare);
    if (r.subsidy) j["subsidy"] = number_json(*r.subsidy);
    auto& rows = j["mechanism"] = nlohmann::json::array();
    const std::size_t alts = p.alternative_count();
    for (std::size_t t = 0; t < p.profile_count(); ++t) {
      nlohmann::json q = nlohmann::json::object();
      for (std::size_t c = 0; c < alts; ++c) {
        const T& v = r.mechanism->outcome[t * alts + c];
        if (sign_of(v) != 0) q[p.env.alternatives[c]] = number_json(v);
      }
      nlohmann::json x = nlohmann::json::object();
      for (std::size_t i = 0; i < p.agent_count(); ++i)
        x[p.env.agents[i]] = number_json(r.mechanism->transfers[i][t]);
      rows.push_back({{"profile", p.profile_name(t)},
                      {"probability", number_json(p.p_profile[t])},
                      {"outcome", std::move(q)},
                      {"transfers", std::move(x)}});
    }
    auto& b = j["binding"] = nlohmann::json::array();
    for (const auto& nv : r.binding)
      b.push_back({{"row", nv.name}, {"dual", number_json(nv.value)}});
  } else if (r.lp.status == lp::SolveStatus::infeasible && !r.lp.farkas.empty()) {
    auto& f = j["farkas"] = nlohmann::json::object();
    f["bound"] = number_json(r.farkas_bound);
    auto& y = f["multipliers"] = nlohmann::json::array();
    for (const auto& nv : r.farkas) y.push_back({{"row", nv.name}, {"y", number_json(nv.value)}});
  } else if (r.lp.status == lp::SolveStatus::unbounded && !r.lp.ray.empty()) {
    auto& u = j["unbounded"] = nlohmann::json::object();
    u["rate"] = number_json(r.lp.ray_rate);
    auto& ray = u["ray"] = nlohmann::json::array();
    for (std::size_t c = 0; c < d.lp.columns.size(); ++c) {
      if (sign_of(r.lp.ray[c]) != 0)
        ray.push_back({{"name", d.lp.columns[c].name}, {"direction", number_json(r.lp.ray[c])}});
    }
  }
  return j;
}

template <class T>
std::string to_text(const Problem<T>& p, const DesignSpec<T>& spec, const DesignLp<T>& d,
                    const DesignResult<T>& r, std::size_t show) {
  std::string out =
      fmt::format("design: outcome {}, objective {} ({}), ic {}, ir {}, budget {}, transfers {}\n",
                  spec.outcome_name, name_of(spec.objective), sense_key(sense_of(d)),
                  name_of(spec.ic), name_of(spec.ir), name_of(spec.budget), bounds_text(spec));
  out += fmt::format("programme: {} rows, {} columns, {} nonzeros ({})\n", d.lp.rows.size(),
                     d.lp.columns.size(), d.lp.nonzeros(), NumberTraits<T>::name);
  out += fmt::format("status: {}\n", lp::status_text(r.lp));
  auto capped = [show](io::Table& table, std::size_t total, const char* what) {
    std::string s = table.render();
    if (total > show) {
      s += fmt::format("... {} more {} (--show N lists more, --json lists all)\n", total - show,
                       what);
    }
    return s;
  };
  if (r.lp.status == lp::SolveStatus::optimal && r.mechanism) {
    out += fmt::format("objective: {}\n", number_text(r.objective));
    out += fmt::format("expected revenue: {}, expected welfare: {}\n", number_text(r.revenue),
                       number_text(r.welfare));
    if (r.subsidy) out += fmt::format("worst-case subsidy: {}\n", number_text(*r.subsidy));
    std::vector<std::string> head{"profile", "P", "outcome"};
    for (const auto& a : p.env.agents) head.push_back("x[" + a + "]");
    io::Table mech(std::move(head));
    for (std::size_t t = 0; t < p.profile_count(); ++t) {
      std::vector<std::string> row{p.profile_name(t), number_text(p.p_profile[t]),
                                   lottery_text(p, *r.mechanism, t)};
      for (std::size_t i = 0; i < p.agent_count(); ++i)
        row.push_back(number_text(r.mechanism->transfers[i][t]));
      mech.add(std::move(row));
    }
    out += "\noptimal mechanism (outcome and transfers paid to each agent, by type profile):\n";
    out += mech.render();
    const auto priced = std::count_if(r.binding.begin(), r.binding.end(),
                                      [](const auto& b) { return sign_of(b.value) != 0; });
    out += fmt::format(
        "\nbinding constraints ({}, {} with a non-zero dual) and their duals (d objective / d "
        "bound):\n",
        r.binding.size(), priced);
    io::Table b({"constraint", "dual"});
    for (std::size_t k = 0; k < r.binding.size() && k < show; ++k)
      b.add({r.binding[k].name, number_text(r.binding[k].value)});
    out += capped(b, r.binding.size(), "binding constraints");
  } else if (r.lp.status == lp::SolveStatus::infeasible && !r.lp.farkas.empty()) {
    out += fmt::format(
        "\nNo mechanism meets these constraints. Farkas certificate ({} rows): for every x within "
        "the variable bounds\nand every s within the row bounds, sum_r y_r (a_r x - s_r) <= {} < "
        "0, "
        "while a feasible design (s_r = a_r x) would make it 0.\n",
        r.farkas.size(), number_text(r.farkas_bound));
    io::Table y({"constraint", "y"});
    for (std::size_t k = 0; k < r.farkas.size() && k < show; ++k)
      y.add({r.farkas[k].name, number_text(r.farkas[k].value)});
    out += capped(y, r.farkas.size(), "multipliers");
  } else if (r.lp.status == lp::SolveStatus::unbounded && !r.lp.ray.empty()) {
    out += fmt::format(
        "\nThe objective is unbounded: it changes by {} per unit along this ray of designs:\n",
        number_text(r.lp.ray_rate));
    io::Table ray({"variable", "direction"});
    std::size_t total = 0;
    for (std::size_t c = 0; c < d.lp.columns.size(); ++c) {
      if (sign_of(r.lp.ray[c]) == 0) continue;
      if (total++ < show) ray.add({d.lp.columns[c].name, number_text(r.lp.ray[c])});
    }
    out += capped(ray, total, "variables");
  }
  return out;
}

template nlohmann::json to_json(const Problem<Rational>&, const DesignSpec<Rational>&,
                                const DesignLp<Rational>&, const DesignResult<Rational>&);
template nlohmann::json to_json(const Problem<double>&, const DesignSpec<double>&,
                                const DesignLp<double>&, const DesignResult<double>&);
template std::string to_text(const Problem<Rational>&, const DesignSpec<Rational>&,
                             const DesignLp<Rational>&, const DesignResult<Rational>&, std::size_t);
template std::string to_text(const Problem<double>&, const DesignSpec<double>&,
                             const DesignLp<double>&, const DesignResult<double>&, std::size_t);

}  // namespace mechlab::mechanism
