#include "mechlab/lp/report.hpp"

#include <fmt/format.h>

#include <cmath>

#include "mechlab/io/output.hpp"
#include "mechlab/lp/exact_basis.hpp"

namespace mechlab::lp {

using io::number_json;
using io::number_text;

namespace {

const char* status_key(SolveStatus s) {
  switch (s) {
    case SolveStatus::optimal: return "optimal";
    case SolveStatus::infeasible: return "infeasible";
    case SolveStatus::unbounded: return "unbounded";
    case SolveStatus::not_solved: return "not_solved";
  }
  return "?";
}

template <class T>
std::string bound_text(const std::optional<T>& lo, const std::optional<T>& hi) {
  return fmt::format("[{}, {}]", lo ? number_text(*lo) : "-inf", hi ? number_text(*hi) : "+inf");
}

// At a bound: exactly for Rational, within the LP check tolerance for double.
template <class T>
bool at(const std::optional<T>& bound, const T& v) {
  if (!bound) return false;
  if constexpr (NumberTraits<T>::exact) {
    return *bound == v;
  } else {
    return std::fabs(*bound - v) <= kFloatCheckTolerance * (1 + std::fabs(*bound));
  }
}

template <class T>
bool binding(const std::optional<T>& lo, const std::optional<T>& hi, const T& v) {
  return at(lo, v) || at(hi, v);
}

}  // namespace

template <class T>
nlohmann::json to_json(const LinearProgram<T>& lp, const LpResult<T>& r) {
  nlohmann::json j;
  j["programme"] = lp.name;
  j["status"] = status_key(r.status);
  j["certified"] = r.certified;
  j["verdict"] = status_text(r);
  j["number_type"] = NumberTraits<T>::name;
  if (!r.note.empty()) j["note"] = r.note;
  j["rows"] = lp.rows.size();
  j["columns"] = lp.columns.size();
  j["clp_iterations"] = r.clp_iterations;
  if (r.status == SolveStatus::optimal) {
    j["objective"] = number_json(r.objective);
    auto& cols = j["variables"] = nlohmann::json::array();
    for (std::size_t c = 0; c < lp.columns.size(); ++c) {
      nlohmann::json v{{"name", lp.columns[c].name}, {"value", number_json(r.x[c])}};
      if (!r.reduced_costs.empty()) v["reduced_cost"] = number_json(r.reduced_costs[c]);
      if (!r.basis.columns.empty()) v["basis"] = std::string(to_string(r.basis.columns[c]));
      cols.push_back(std::move(v));
    }
    auto& rows = j["constraints"] = nlohmann::json::array();
    for (std::size_t i = 0; i < lp.rows.size(); ++i) {
      const auto& row = lp.rows[i];
      nlohmann::json v{{"name", row.name},
                       {"activity", number_json(r.activity[i])},
                       {"binding", binding(row.lower, row.upper, r.activity[i])}};
      if (!r.duals.empty()) v["dual"] = number_json(r.duals[i]);
      rows.push_back(std::move(v));
    }
    if (!NumberTraits<T>::exact) {
      j["max_primal_violation"] = r.max_primal_violation;
      j["max_dual_violation"] = r.max_dual_violation;
    }
  } else if (r.status == SolveStatus::infeasible && !r.farkas.empty()) {
    auto& f = j["farkas"] = nlohmann::json::object();
    f["bound"] = number_json(r.farkas_bound);
    auto& y = f["multipliers"] = nlohmann::json::array();
    for (std::size_t i = 0; i < lp.rows.size(); ++i) {
      if (sign_of(r.farkas[i]) != 0)
        y.push_back({{"row", lp.rows[i].name}, {"y", number_json(r.farkas[i])}});
    }
  } else if (r.status == SolveStatus::unbounded && !r.ray.empty()) {
    auto& u = j["unbounded"] = nlohmann::json::object();
    u["rate"] = number_json(r.ray_rate);
    auto& p = u["feasible_point"] = nlohmann::json::array();
    auto& d = u["ray"] = nlohmann::json::array();
    for (std::size_t c = 0; c < lp.columns.size(); ++c) {
      p.push_back({{"name", lp.columns[c].name}, {"value", number_json(r.feasible_point[c])}});
      if (sign_of(r.ray[c]) != 0)
        d.push_back({{"name", lp.columns[c].name}, {"direction", number_json(r.ray[c])}});
    }
  }
  return j;
}

template <class T>
std::string to_text(const LinearProgram<T>& lp, const LpResult<T>& r) {
  std::string out =
      fmt::format("{}: {} rows, {} columns, {} nonzeros ({})\n", lp.name, lp.rows.size(),
                  lp.columns.size(), lp.nonzeros(), NumberTraits<T>::name);
  out += fmt::format("status: {}\n", status_text(r));
  if (r.status == SolveStatus::optimal) {
    out += fmt::format("objective: {}\n\n", number_text(r.objective));
    io::Table vars({"variable", "value", "bounds", "reduced cost", "basis"});
    for (std::size_t c = 0; c < lp.columns.size(); ++c) {
      const auto& col = lp.columns[c];
      vars.add({col.name, number_text(r.x[c]), bound_text(col.lower, col.upper),
                r.reduced_costs.empty() ? "" : number_text(r.reduced_costs[c]),
                r.basis.columns.empty() ? "" : std::string(to_string(r.basis.columns[c]))});
    }
    out += vars.render();
    if (!lp.rows.empty()) {
      io::Table rows({"constraint", "activity", "bounds", "dual", "binding"});
      for (std::size_t i = 0; i < lp.rows.size(); ++i) {
        const auto& row = lp.rows[i];
        rows.add({row.name, number_text(r.activity[i]), bound_text(row.lower, row.upper),
                  r.duals.empty() ? "" : number_text(r.duals[i]),
                  binding(row.lower, row.upper, r.activity[i]) ? "yes" : "no"});
      }
      out += '\n';
      out += rows.render();
    }
  } else if (r.status == SolveStatus::infeasible && !r.farkas.empty()) {
    out += fmt::format(
        "\nFarkas certificate: for every x within the variable bounds and every s within the row "
        "bounds,\nsum_r y_r (a_r x - s_r) <= {} < 0, while a feasible x (with s_r = a_r x) would "
        "make it 0.\n",
        number_text(r.farkas_bound));
    io::Table y({"constraint", "y"});
    for (std::size_t i = 0; i < lp.rows.size(); ++i) {
      if (sign_of(r.farkas[i]) != 0) y.add({lp.rows[i].name, number_text(r.farkas[i])});
    }
    out += y.render();
  } else if (r.status == SolveStatus::unbounded && !r.ray.empty()) {
    out +=
        fmt::format("\nobjective changes by {} per unit along the ray\n", number_text(r.ray_rate));
    io::Table d({"variable", "feasible point", "ray"});
    for (std::size_t c = 0; c < lp.columns.size(); ++c) {
      d.add({lp.columns[c].name, number_text(r.feasible_point[c]), number_text(r.ray[c])});
    }
    out += d.render();
  }
  return out;
}

template nlohmann::json to_json(const LinearProgram<Rational>&, const LpResult<Rational>&);
template nlohmann::json to_json(const LinearProgram<double>&, const LpResult<double>&);
template std::string to_text(const LinearProgram<Rational>&, const LpResult<Rational>&);
template std::string to_text(const LinearProgram<double>&, const LpResult<double>&);

}  // namespace mechlab::lp
