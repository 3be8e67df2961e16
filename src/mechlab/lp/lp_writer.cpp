#include "mechlab/lp/lp_writer.hpp"

#include "mechlab/core/error.hpp"

#include <fmt/format.h>

#include <cctype>
#include <cstring>
#include <unordered_set>

namespace mechlab::lp {

namespace {

template <class T>
std::string num(const T& x) {
  return fmt::format("{:.17g}", NumberTraits<T>::to_double(x));
}

bool lp_safe(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
         std::strchr("!\"#$%&()/,.;?@_`'{}|~", c) != nullptr;
}

class Namer {
 public:
  std::string make(const std::string& name) {
    std::string s;
    for (const char c : name) s += lp_safe(c) ? c : '_';
    if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0])) != 0 || s[0] == '.' ||
        s[0] == 'e' || s[0] == 'E') {
      s = "_" + s;
    }
    if (s.size() > 200) s.resize(200);
    std::string candidate = s;
    for (int k = 2; !used_.insert(candidate).second; ++k) candidate = fmt::format("{}~{}", s, k);
    return candidate;
  }

 private:
  std::unordered_set<std::string> used_;
};

// An empty sum is written as 0 times the first column: LP readers (glpsol)
// require a variable in every expression.
template <class T>
void write_terms(std::string& out, const std::vector<std::pair<T, std::string>>& terms,
                 const std::string& any_column) {
  if (terms.empty()) {
    out += " 0 " + any_column;
    return;
  }
  int on_line = 0;
  for (const auto& [a, name] : terms) {
    const double d = NumberTraits<T>::to_double(a);
    out += fmt::format(" {} {:.17g} {}", d < 0 ? '-' : '+', d < 0 ? -d : d, name);
    if (++on_line == 6) {
      out += "\n   ";
      on_line = 0;
    }
  }
}

}  // namespace

template <class T>
std::string to_cplex_lp(const LinearProgram<T>& lp) {
  if (lp.columns.empty()) throw InternalError("to_cplex_lp: the programme has no columns");
  Namer namer;
  std::vector<std::string> cols;
  std::string out = fmt::format("\\ {} written by mechlab\n", lp.name);
  for (const auto& c : lp.columns) {
    cols.push_back(namer.make(c.name));
    if (cols.back() != c.name) out += fmt::format("\\ column {} is {}\n", cols.back(), c.name);
  }
  if (sign_of(lp.objective_constant) != 0) {
    out +=
        fmt::format("\\ objective constant (not written below): {}\n", num(lp.objective_constant));
  }
  out += lp.sense == Sense::minimize ? "Minimize\n obj:" : "Maximize\n obj:";
  std::vector<std::pair<T, std::string>> obj;
  for (std::size_t j = 0; j < lp.columns.size(); ++j) {
    if (sign_of(lp.columns[j].objective) != 0) obj.emplace_back(lp.columns[j].objective, cols[j]);
  }
  write_terms(out, obj, cols.front());
  out += "\nSubject To\n";
  bool any_row = false;
  for (const auto& r : lp.rows) any_row = any_row || r.lower || r.upper;
  if (!any_row) {
    // LP readers require at least one constraint; this one always holds.
    out += fmt::format(" _no_constraints: 0 {} >= 0\n", cols.front());
  }
  for (const auto& r : lp.rows) {
    if (!r.lower && !r.upper) continue;
    std::vector<std::pair<T, std::string>> terms;
    for (const auto& t : r.terms) terms.emplace_back(t.coefficient, cols[t.column]);
    auto emit = [&](const std::string& name, const char* rel, const T& rhs) {
      out += fmt::format(" {}:", name);
      write_terms(out, terms, cols.front());
      out += fmt::format(" {} {}\n", rel, num(rhs));
    };
    if (r.lower && r.upper && *r.lower == *r.upper) {
      const std::string name = namer.make(r.name);
      if (name != r.name) out += fmt::format("\\ row {} is {}\n", name, r.name);
      emit(name, "=", *r.lower);
    } else if (r.lower && r.upper) {
      const std::string lo = namer.make(r.name + "_lo");
      const std::string hi = namer.make(r.name + "_hi");
      out += fmt::format("\\ rows {} and {} are the range {}\n", lo, hi, r.name);
      emit(lo, ">=", *r.lower);
      emit(hi, "<=", *r.upper);
    } else {
      const std::string name = namer.make(r.name);
      if (name != r.name) out += fmt::format("\\ row {} is {}\n", name, r.name);
      if (r.lower) {
        emit(name, ">=", *r.lower);
      } else {
        emit(name, "<=", *r.upper);
      }
    }
  }
  out += "Bounds\n";
  for (std::size_t j = 0; j < lp.columns.size(); ++j) {
    const auto& c = lp.columns[j];
    const bool default_bounds = c.lower && sign_of(*c.lower) == 0 && !c.upper;
    if (default_bounds) continue;
    if (!c.lower && !c.upper) {
      out += fmt::format(" {} free\n", cols[j]);
    } else if (c.lower && c.upper) {
      out += fmt::format(" {} <= {} <= {}\n", num(*c.lower), cols[j], num(*c.upper));
    } else if (c.lower) {
      out += fmt::format(" {} >= {}\n", cols[j], num(*c.lower));
    } else {
      out += fmt::format(" -inf <= {} <= {}\n", cols[j], num(*c.upper));
    }
  }
  out += "End\n";
  return out;
}

template std::string to_cplex_lp(const LinearProgram<Rational>&);
template std::string to_cplex_lp(const LinearProgram<double>&);

}  // namespace mechlab::lp
