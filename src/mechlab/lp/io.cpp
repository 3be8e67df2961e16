#include "mechlab/lp/io.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "mechlab/core/error.hpp"

namespace mechlab::lp {

namespace {

std::optional<Rational> optional_number(const io::Node& obj, std::string_view key,
                                        std::optional<Rational> fallback,
                                        const io::ReadOptions& options) {
  const auto node = obj.find(key);
  if (!node) return fallback;
  if (node->json().is_null()) return std::nullopt;
  return node->as_number(options);
}

std::string read_name(const io::Node& obj) {
  const io::Node n = obj.at("name");
  std::string s = n.as_string();
  if (s.empty()) n.fail("a non-empty name", "an empty string");
  return s;
}

}  // namespace

double estimated_lp_bytes(std::size_t rows, std::size_t columns, std::size_t nonzeros) {
  const auto k = static_cast<double>(std::min(rows, columns));
  // A dense k x k matrix of mpq_t (32 bytes plus limbs), copies of the data
  // for Clp and the phase-1 programme, and per-variable vectors.
  return k * k * 64.0 + static_cast<double>(nonzeros) * 160.0 +
         static_cast<double>(rows + columns) * 400.0;
}

LinearProgram<Rational> read_lp(const io::Node& root, const io::ReadOptions& options) {
  io::require_header(root, "lp");
  root.allow_only(
      {"model", "version", "name", "sense", "objective_constant", "variables", "constraints"});
  const auto vars = root.at("variables").nonempty_items("a non-empty array of variables");
  const auto cons = root.at("constraints").items("an array of constraints");

  std::size_t nonzeros = 0;
  for (const auto& c : cons) {
    if (c.json().is_object() && c.json().contains("terms") && c.json()["terms"].is_object()) {
      nonzeros += c.json()["terms"].size();
    }
  }
  const double bytes = estimated_lp_bytes(cons.size(), vars.size(), nonzeros);
  if (bytes > static_cast<double>(options.memory_limit_bytes)) {
    throw InputError("/constraints",
                     fmt::format("a programme whose certified solve fits the memory limit of {} "
                                 "(--memory-limit)",
                                 io::format_bytes(static_cast<double>(options.memory_limit_bytes))),
                     fmt::format("{} rows x {} columns, needing about {}", cons.size(), vars.size(),
                                 io::format_bytes(bytes)));
  }

  LinearProgram<Rational> lp;
  if (const auto n = root.find("name")) {
    lp.name = n->as_string();
    if (lp.name.empty()) n->fail("a non-empty name", "an empty string");
  }
  if (const auto s = root.find("sense")) {
    const std::string sense = s->as_string();
    if (sense == "minimize") {
      lp.sense = Sense::minimize;
    } else if (sense == "maximize") {
      lp.sense = Sense::maximize;
    } else {
      s->fail(R"("minimize" or "maximize")");
    }
  }
  if (const auto c = root.find("objective_constant")) lp.objective_constant = c->as_number(options);

  std::unordered_map<std::string, std::size_t> column_of;
  for (const auto& v : vars) {
    v.allow_only({"name", "lower", "upper", "objective"});
    std::string name = read_name(v);
    auto lower = optional_number(v, "lower", Rational(0), options);
    auto upper = optional_number(v, "upper", std::nullopt, options);
    if (lower && upper && *lower > *upper) {
      v.at("upper").fail(
          fmt::format("an upper bound at least the lower bound {}", to_string(*lower)),
          to_string(*upper));
    }
    Rational objective(0);
    if (const auto o = v.find("objective")) objective = o->as_number(options);
    if (!column_of.emplace(name, lp.columns.size()).second) {
      v.at("name").fail("a variable name not used before", "\"" + name + "\"");
    }
    lp.add_column(std::move(name), std::move(lower), std::move(upper), std::move(objective));
  }

  std::unordered_map<std::string, std::size_t> row_of;
  for (const auto& c : cons) {
    c.allow_only({"name", "terms", "relation", "rhs", "lower", "upper"});
    std::string name = read_name(c);
    if (!row_of.emplace(name, lp.rows.size()).second) {
      c.at("name").fail("a constraint name not used before", "\"" + name + "\"");
    }
    std::vector<Term<Rational>> terms;
    for (const auto& [var, coef] : c.at("terms").members()) {
      const auto it = column_of.find(var);
      if (it == column_of.end())
        coef.fail("a coefficient of a declared variable", "unknown variable \"" + var + "\"");
      Rational a = coef.as_number(options);
      if (sgn(a) != 0) terms.push_back({it->second, std::move(a)});
    }
    std::optional<Rational> lower;
    std::optional<Rational> upper;
    const bool has_relation = c.find("relation").has_value() || c.find("rhs").has_value();
    const bool has_bounds = c.find("lower").has_value() || c.find("upper").has_value();
    if (has_relation && has_bounds) {
      c.fail(R"(either "relation" and "rhs", or "lower"/"upper", not both)",
             "both forms in one constraint");
    }
    if (has_relation) {
      const std::string rel = c.at("relation").as_string();
      Rational rhs = c.at("rhs").as_number(options);
      if (rel == "<=") {
        upper = rhs;
      } else if (rel == ">=") {
        lower = rhs;
      } else if (rel == "=") {
        lower = rhs;
        upper = rhs;
      } else {
        c.at("relation").fail(R"(one of "<=", ">=", "=")");
      }
    } else if (has_bounds) {
      lower = optional_number(c, "lower", std::nullopt, options);
      upper = optional_number(c, "upper", std::nullopt, options);
      if (!lower && !upper) c.fail(R"(at least one finite bound ("lower" or "upper"))", "none");
      if (lower && upper && *lower > *upper) {
        c.at("upper").fail(
            fmt::format("an upper bound at least the lower bound {}", to_string(*lower)),
            to_string(*upper));
      }
    } else {
      c.fail(R"("relation" and "rhs", or "lower"/"upper")", "neither");
    }
    lp.add_row(std::move(name), std::move(terms), std::move(lower), std::move(upper));
  }
  return lp;
}

}  // namespace mechlab::lp
