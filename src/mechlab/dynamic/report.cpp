#include "mechlab/dynamic/report.hpp"

#include <fmt/format.h>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "mechlab/io/output.hpp"

namespace mechlab::dynamic {

namespace {

// Six digits beside a long fraction: the value tables are wide.
template <class T>
std::string text(const T& x) {
  return io::short_number_text(x, 6);
}

template <class T>
std::string state_name(const Problem<T>& problem, std::size_t t, std::size_t cell) {
  if (t >= problem.states.size() || cell >= problem.states[t].size()) return "?";
  return problem.state_name(t, cell);
}

template <class T>
std::string decision_name(const Problem<T>& problem, std::size_t t, std::size_t x) {
  if (t >= problem.env.periods.size() || x >= problem.decision_count(t)) return "?";
  return problem.env.periods[t].decisions[x];
}

template <class T>
std::string agent_name(const Problem<T>& problem, std::size_t i) {
  return i < problem.agent_count() ? problem.env.agents[i] : fmt::format("#{}", i);
}

template <class T>
std::string agent_set(const Problem<T>& problem, const std::vector<std::size_t>& agents) {
  std::string out = "{";
  for (std::size_t m = 0; m < agents.size(); ++m) {
    out += (m > 0 ? ", " : "") + agent_name(problem, agents[m]);
  }
  return out + "}";
}

template <class T>
nlohmann::json agent_set_json(const Problem<T>& problem, const std::vector<std::size_t>& agents) {
  nlohmann::json out = nlohmann::json::array();
  for (const std::size_t i : agents) out.push_back(agent_name(problem, i));
  return out;
}

// The agent whose utility a coalition query is about: the objective's only
// member (guarantee test), else the coalition's only member (BIC, ex post IC).
std::size_t subject(const CoalitionQuery& q) {
  if (q.objective.size() == 1) return q.objective.front();
  return q.members.empty() ? 0 : q.members.front();
}

// The position of the largest gain, or nullopt for an empty list.
template <class T>
std::optional<std::size_t> largest_gain(const std::vector<CoalitionResult<T>>& results) {
  std::optional<std::size_t> best;
  for (std::size_t k = 0; k < results.size(); ++k) {
    if (!best || results[k].gain > results[*best].gain) best = k;
  }
  return best;
}

// min_i (worst case for truthful i − C^i), at its position in worst_case.
template <class T>
std::optional<std::size_t> smallest_margin(const AuditReport<T>& report, std::vector<T>* margins) {
  std::optional<std::size_t> best;
  for (std::size_t k = 0; k < report.worst_case.size(); ++k) {
    const std::size_t i = subject(report.worst_case[k].query);
    const T c = i < report.guarantees.size() ? report.guarantees[i] : T(0);
    margins->push_back(report.worst_case[k].value - c);
    if (!best || margins->back() < (*margins)[*best]) best = k;
  }
  return best;
}

template <class T>
std::string deviation_text(const Problem<T>& problem, const Deviation<T>& d) {
  std::string out = fmt::format("period {}: ", d.t);
  if (d.t > 0)
    out += fmt::format("after θ̂_{} = {}, ", d.t - 1, state_name(problem, d.t - 1, d.previous));
  out += fmt::format("true {} reported as {} (probability {}, gain there {})",
                     state_name(problem, d.t, d.truth), state_name(problem, d.t, d.report),
                     text(d.probability), text(d.gain));
  return out;
}

template <class T>
nlohmann::json deviation_json(const Problem<T>& problem, const Deviation<T>& d) {
  nlohmann::json j{{"period", d.t},
                   {"truth", state_name(problem, d.t, d.truth)},
                   {"report", state_name(problem, d.t, d.report)},
                   {"probability", io::number_json(d.probability)},
                   {"gain", io::number_json(d.gain)}};
  j["previous_report"] =
      d.t > 0 ? nlohmann::json(state_name(problem, d.t - 1, d.previous)) : nlohmann::json(nullptr);
  return j;
}

template <class T>
std::string coalition_text(const Problem<T>& problem, const CoalitionResult<T>& r,
                           const std::string& who) {
  std::string out = fmt::format("{} gains {}", who, text(r.gain));
  if (r.deviation) out += "; " + deviation_text(problem, *r.deviation);
  if (r.lie_count > 1) {
    out +=
        fmt::format(" ({} reached nodes where the strategy lies; --json lists them)", r.lie_count);
  }
  return out;
}

template <class T>
nlohmann::json coalition_json(const Problem<T>& problem, const CoalitionResult<T>& r) {
  nlohmann::json j{
      {"coalition", agent_set_json(problem, r.query.members)},
      {"objective",
       agent_set_json(problem, r.query.objective.empty() ? r.query.members : r.query.objective)},
      {"value", io::number_json(r.value)},
      {"truthful", io::number_json(r.truthful)},
      {"gain", io::number_json(r.gain)}};
  j["deviation"] = r.deviation ? deviation_json(problem, *r.deviation) : nlohmann::json(nullptr);
  // The strategy where it departs from the truth, on the nodes it reaches.
  nlohmann::json lies = nlohmann::json::array();
  for (const auto& d : r.lies) lies.push_back(deviation_json(problem, d));
  j["strategy_lies"] = std::move(lies);
  j["strategy_lie_count"] = r.lie_count;
  return j;
}

// One row of the report card.
struct Row {
  std::string property;
  std::string verdict;  // "holds", "fails", "not tested"
  std::string value;    // the measured quantity, as text
  std::string witness;  // text
  // The same as JSON (an object once filled). Rows start with a null json:
  // clang 14 leaks a json::object() temporary in this aggregate's braced init.
  nlohmann::json json;
};

std::string verdict(bool holds) { return holds ? "holds" : "fails"; }

// A gain row (Bayesian IC, periodic ex post IC, coalition-proofness): holds
// when no tested coalition gains.
template <class T>
Row gain_row(const Problem<T>& problem, const std::string& property,
             const std::vector<CoalitionResult<T>>& results, bool single) {
  Row row{property, "not tested", "", "", {}};
  row.json["property"] = property;
  row.json["tested"] = results.size();
  const auto best = largest_gain(results);
  if (!best) {
    row.json["verdict"] = row.verdict;
    return row;
  }
  const CoalitionResult<T>& r = results[*best];
  const bool holds = sign_of(r.gain) <= 0;
  row.verdict = verdict(holds);
  row.value = text(r.gain);
  const std::string who = single ? fmt::format("agent {}", agent_name(problem, subject(r.query)))
                                 : fmt::format("coalition {}", agent_set(problem, r.query.members));
  row.witness = holds ? fmt::format("{} tested, max gain {}", results.size(), text(r.gain))
                      : coalition_text(problem, r, who);
  row.json["verdict"] = row.verdict;
  row.json["max_gain"] = io::number_json(r.gain);
  row.json["witness"] = coalition_json(problem, r);
  return row;
}

template <class T>
std::vector<Row> report_rows(const Problem<T>& problem, const AuditReport<T>& report) {
  std::vector<Row> rows;
  const BudgetFinding<T>& b = report.budget;
  {
    Row row{"ex post budget balance", verdict(b.ex_post), text(b.worst), "", {}};
    row.json = {{"property", row.property},
                {"verdict", row.verdict},
                {"pairs", b.pairs},
                {"worst", io::number_json(b.worst)}};
    if (b.ex_post) {
      row.witness = fmt::format("Σ_i y_t^i = 0 on all {} reachable (t, θ̂_(t-1), θ̂_t)", b.pairs);
    } else if (b.t && b.previous && b.current) {
      const std::size_t t = *b.t;
      row.witness = fmt::format("Σ_i y = {} at period {}, θ̂_{} = {}, θ̂_{} = {}", text(b.worst), t,
                                t - 1, state_name(problem, t - 1, *b.previous), t,
                                state_name(problem, t, *b.current));
      row.json["witness"] = {{"period", t},
                             {"previous_report", state_name(problem, t - 1, *b.previous)},
                             {"report", state_name(problem, t, *b.current)}};
    }
    rows.push_back(row);
  }
  {
    const bool holds = sign_of(b.ex_ante) == 0;
    Row row{"ex ante budget balance",
            verdict(holds),
            text(b.ex_ante),
            fmt::format("E Σ_t Σ_i y_t^i = {}", text(b.ex_ante)),
            {}};
    row.json = {{"property", row.property},
                {"verdict", row.verdict},
                {"expected_budget", io::number_json(b.ex_ante)}};
    rows.push_back(row);
  }
  rows.push_back(gain_row(problem, "Bayesian IC", report.bic, true));
  rows.push_back(gain_row(problem, "periodic ex post IC", report.ex_post_ic, true));
  rows.push_back(gain_row(problem, "coalition-proofness", report.coalitions, false));
  {
    std::vector<T> margins;
    const auto best = smallest_margin(report, &margins);
    Row row{"guarantee (worst case − C^i)", "not tested", "", "", {}};
    row.json["property"] = row.property;
    if (best) {
      const CoalitionResult<T>& r = report.worst_case[*best];
      const std::size_t i = subject(r.query);
      const bool holds = sign_of(margins[*best]) >= 0;
      row.verdict = verdict(holds);
      row.value = text(margins[*best]);
      row.witness =
          holds ? fmt::format("min_L E U^i = C^i for every agent")
                : fmt::format("agent {}: worst case {} < C^i = {} against {}{}",
                              agent_name(problem, i), text(r.value),
                              text(i < report.guarantees.size() ? report.guarantees[i] : T(0)),
                              agent_set(problem, r.query.members),
                              r.deviation ? "; " + deviation_text(problem, *r.deviation) : "");
      row.json["min_margin"] = io::number_json(margins[*best]);
      row.json["witness"] = coalition_json(problem, r);
      row.json["witness"]["agent"] = agent_name(problem, i);
    }
    row.json["verdict"] = row.verdict;
    rows.push_back(row);
  }
  {
    Row row{"ex ante IR constants", verdict(report.ir_constants.has_value()), "", "", {}};
    row.json = {{"property", row.property}, {"verdict", row.verdict}};
    if (report.ir_constants) {
      nlohmann::json c = nlohmann::json::object();
      for (std::size_t i = 0; i < report.ir_constants->size(); ++i) {
        row.witness += fmt::format("{}c_{} = {}", row.witness.empty() ? "" : ", ",
                                   agent_name(problem, i), text((*report.ir_constants)[i]));
        c[agent_name(problem, i)] = io::number_json((*report.ir_constants)[i]);
      }
      row.json["constants"] = c;
    } else {
      row.witness = "Σ_i E U^i < Σ_i outside options: no balanced constants";
    }
    rows.push_back(row);
  }
  return rows;
}

template <class T>
nlohmann::json agent_numbers(const Problem<T>& problem, const std::vector<T>& values) {
  nlohmann::json j = nlohmann::json::object();
  for (std::size_t i = 0; i < values.size(); ++i) {
    j[agent_name(problem, i)] = io::number_json(values[i]);
  }
  return j;
}

// Comparison rows: the quantity per mechanism, "-" when not tested.
template <class T>
struct Column {
  std::optional<T> budget, bic, ex_post_ic, coalition, margin;
  T variance = T(0);
};

template <class T>
Column<T> column(const AuditReport<T>& r) {
  Column<T> c;
  c.budget = r.budget.ex_post ? T(0) : abs_of(r.budget.worst);
  if (const auto k = largest_gain(r.bic)) c.bic = r.bic[*k].gain;
  if (const auto k = largest_gain(r.ex_post_ic)) c.ex_post_ic = r.ex_post_ic[*k].gain;
  if (const auto k = largest_gain(r.coalitions)) c.coalition = r.coalitions[*k].gain;
  std::vector<T> margins;
  if (const auto k = smallest_margin(r, &margins)) c.margin = margins[*k];
  c.variance = r.variance_total;
  return c;
}

}  // namespace

template <class T>
nlohmann::json efficient_json(const Problem<T>& problem, const Efficient<T>& efficient) {
  nlohmann::json j;
  j["number_type"] = NumberTraits<T>::name;
  j["horizon"] = problem.horizon();
  j["agents"] = problem.env.agents;
  nlohmann::json periods = nlohmann::json::array();
  for (std::size_t t = 0; t <= problem.horizon(); ++t) {
    periods.push_back({{"period", t},
                       {"states", problem.states[t].size()},
                       {"decisions", problem.env.periods[t].decisions},
                       {"ties", t < efficient.ties.size() ? efficient.ties[t].size() : 0}});
  }
  j["periods"] = periods;
  j["tie_count"] = efficient.tie_count();
  j["theta0"] = state_name(problem, 0, problem.theta0);
  j["welfare"] = io::number_json(efficient.welfare);
  j["guarantees"] = agent_numbers(problem, efficient.guarantees);
  return j;
}

template <class T>
std::string efficient_text(const Problem<T>& problem, const Efficient<T>& efficient) {
  std::string out = fmt::format("horizon T = {} ({} periods), {} agents\n", problem.horizon(),
                                problem.horizon() + 1, problem.agent_count());
  if (!NumberTraits<T>::exact) {
    out += "numbers in double precision (--float): equalities hold within a 1e-12 tolerance\n";
  }
  out += "\n";
  io::Table periods({"t", "|Θ_t|", "decisions", "ties"});
  for (std::size_t t = 0; t <= problem.horizon(); ++t) {
    std::string decisions;
    for (const auto& x : problem.env.periods[t].decisions) {
      decisions += (decisions.empty() ? "" : ", ") + x;
    }
    periods.add({fmt::format("{}", t), fmt::format("{}", problem.states[t].size()), decisions,
                 fmt::format("{}", t < efficient.ties.size() ? efficient.ties[t].size() : 0)});
  }
  out += periods.render();
  out += fmt::format("\nθ_0 = {}\nW_0(θ_0) = {}; {} tie states (χ takes the first decision)\n\n",
                     state_name(problem, 0, problem.theta0), text(efficient.welfare),
                     efficient.tie_count());
  io::Table guarantees({"agent", "C^i = V_0^i(θ_0)"});
  for (std::size_t i = 0; i < efficient.guarantees.size(); ++i) {
    guarantees.add({agent_name(problem, i), text(efficient.guarantees[i])});
  }
  out += guarantees.render();
  return out;
}

template <class T>
nlohmann::json path_json(const Problem<T>& problem, const Path<T>& path) {
  nlohmann::json periods = nlohmann::json::array();
  for (std::size_t t = 0; t < path.truth.size(); ++t) {
    nlohmann::json p{{"period", t}, {"truth", state_name(problem, t, path.truth[t])}};
    p["report"] = t < path.reports.size() ? nlohmann::json(state_name(problem, t, path.reports[t]))
                                          : nlohmann::json(nullptr);
    p["decision"] = t < path.decisions.size()
                        ? nlohmann::json(decision_name(problem, t, path.decisions[t]))
                        : nlohmann::json(nullptr);
    const std::vector<T> none;
    const auto& u = t < path.payoffs.size() ? path.payoffs[t] : none;
    const auto& y = t < path.transfers.size() ? path.transfers[t] : none;
    T budget = T(0);
    for (const T& v : y) budget += v;
    p["payoffs"] = agent_numbers(problem, u);
    p["transfers"] = agent_numbers(problem, y);
    p["budget"] = io::number_json(budget);
    periods.push_back(p);
  }
  return {{"number_type", NumberTraits<T>::name},
          {"agents", problem.env.agents},
          {"periods", periods},
          {"utility", agent_numbers(problem, path.utility)}};
}

template <class T>
std::string path_text(const Problem<T>& problem, const Path<T>& path) {
  const std::size_t n = problem.agent_count();
  std::vector<std::string> header = {"t", "true θ_t", "reported θ̂_t", "x_t"};
  for (std::size_t i = 0; i < n; ++i) header.push_back("u^" + agent_name(problem, i));
  for (std::size_t i = 0; i < n; ++i) header.push_back("y^" + agent_name(problem, i));
  header.emplace_back("Σ_i y");
  io::Table table(header);
  for (std::size_t t = 0; t < path.truth.size(); ++t) {
    std::vector<std::string> row = {
        fmt::format("{}", t), state_name(problem, t, path.truth[t]),
        t < path.reports.size() ? state_name(problem, t, path.reports[t]) : "",
        t < path.decisions.size() ? decision_name(problem, t, path.decisions[t]) : ""};
    T budget = T(0);
    for (std::size_t i = 0; i < n; ++i) {
      row.push_back(t < path.payoffs.size() && i < path.payoffs[t].size() ? text(path.payoffs[t][i])
                                                                          : "");
    }
    for (std::size_t i = 0; i < n; ++i) {
      const bool has = t < path.transfers.size() && i < path.transfers[t].size();
      row.push_back(has ? text(path.transfers[t][i]) : "");
      if (has) budget += path.transfers[t][i];
    }
    row.push_back(text(budget));
    table.add(row);
  }
  std::string out = table.render();
  out += "\nrealised utilities:";
  for (std::size_t i = 0; i < path.utility.size(); ++i) {
    out += fmt::format(" U^{} = {}{}", agent_name(problem, i), text(path.utility[i]),
                       i + 1 < path.utility.size() ? "," : "");
  }
  return out + "\n";
}

template <class T>
nlohmann::json audit_json(const Problem<T>& problem, const AuditReport<T>& report) {
  nlohmann::json properties = nlohmann::json::array();
  for (const Row& row : report_rows(problem, report)) properties.push_back(row.json);
  nlohmann::json coalitions = nlohmann::json::array();
  for (const auto& r : report.coalitions) coalitions.push_back(coalition_json(problem, r));
  return {{"number_type", NumberTraits<T>::name},
          {"properties", properties},
          {"guarantees", agent_numbers(problem, report.guarantees)},
          {"truthful_utility", agent_numbers(problem, report.truthful)},
          {"coalitions", coalitions},
          {"variance_total", io::number_json(report.variance_total)}};
}

template <class T>
std::string audit_text(const Problem<T>& problem, const AuditReport<T>& report) {
  io::Table table({"property", "verdict", "value", "witness"});
  for (const Row& row : report_rows(problem, report)) {
    table.add({row.property, row.verdict, row.value, row.witness});
  }
  std::string out = table.render();
  out += "\n";
  io::Table agents({"agent", "C^i", "E U^i (truth)"});
  for (std::size_t i = 0; i < problem.agent_count(); ++i) {
    agents.add({agent_name(problem, i),
                i < report.guarantees.size() ? text(report.guarantees[i]) : "",
                i < report.truthful.size() ? text(report.truthful[i]) : ""});
  }
  out += agents.render();
  out += fmt::format("Σ_i Var(Σ_t y_t^i) = {}\n", text(report.variance_total));
  return out;
}

template <class T>
nlohmann::json comparison_json(const std::vector<NamedAudit<T>>& audits) {
  const auto opt = [](const std::optional<T>& x) {
    return x ? io::number_json(*x) : nlohmann::json(nullptr);
  };
  nlohmann::json mechanisms = nlohmann::json::array();
  for (const auto& a : audits) {
    const Column<T> c = column(a.report);
    mechanisms.push_back({{"mechanism", a.mechanism},
                          {"budget_max_abs", opt(c.budget)},
                          {"bic_max_gain", opt(c.bic)},
                          {"ex_post_ic_max_gain", opt(c.ex_post_ic)},
                          {"coalition_max_gain", opt(c.coalition)},
                          {"guarantee_min_margin", opt(c.margin)},
                          {"transfer_variance_total", io::number_json(c.variance)}});
  }
  return {{"number_type", NumberTraits<T>::name}, {"mechanisms", mechanisms}};
}

template <class T>
std::string comparison_text(const std::vector<NamedAudit<T>>& audits) {
  std::vector<std::string> header = {""};
  std::vector<Column<T>> columns;
  for (const auto& a : audits) {
    header.push_back(a.mechanism);
    columns.push_back(column(a.report));
  }
  io::Table table(header);
  const auto add = [&](const std::string& name, auto get) {
    std::vector<std::string> row = {name};
    for (const auto& c : columns) {
      const std::optional<T> v = get(c);
      row.push_back(v ? text(*v) : "-");
    }
    table.add(row);
  };
  add("budget max |Σ_i y|", [](const Column<T>& c) { return c.budget; });
  add("BIC max gain", [](const Column<T>& c) { return c.bic; });
  add("ex post IC max gain", [](const Column<T>& c) { return c.ex_post_ic; });
  add("max coalition gain", [](const Column<T>& c) { return c.coalition; });
  add("min (worst case − C^i)", [](const Column<T>& c) { return c.margin; });
  add("Σ_i Var(Σ_t y_t^i)", [](const Column<T>& c) { return std::optional<T>(c.variance); });
  return table.render();
}

template <class T>
using Audits = std::vector<NamedAudit<T>>;

#define MECHLAB_INSTANTIATE(T)                                                    \
  template nlohmann::json efficient_json(const Problem<T>&, const Efficient<T>&); \
  template std::string efficient_text(const Problem<T>&, const Efficient<T>&);    \
  template nlohmann::json path_json(const Problem<T>&, const Path<T>&);           \
  template std::string path_text(const Problem<T>&, const Path<T>&);              \
  template nlohmann::json audit_json(const Problem<T>&, const AuditReport<T>&);   \
  template std::string audit_text(const Problem<T>&, const AuditReport<T>&);      \
  template nlohmann::json comparison_json(const Audits<T>&);                      \
  template std::string comparison_text(const Audits<T>&);
MECHLAB_INSTANTIATE(Rational)
MECHLAB_INSTANTIATE(double)
#undef MECHLAB_INSTANTIATE

}  // namespace mechlab::dynamic
