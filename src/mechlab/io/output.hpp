// Renderers' shared pieces: exact numbers in JSON, aligned text tables.
#pragma once

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "mechlab/core/certified_real.hpp"
#include "mechlab/core/rational.hpp"

namespace mechlab::io {

// Rational -> {"exact": "1/3", "decimal": 0.3333333333333333};
// double   -> {"decimal": 0.3333333333333333}.
template <class T>
nlohmann::json number_json(const T& x) {
  if constexpr (NumberTraits<T>::exact) {
    return {{"exact", to_string(x)}, {"decimal", mechlab::to_double(x)}};
  } else {
    return {{"decimal", x}};
  }
}

// "1/3" (rational) or the shortest round-trip decimal (double), for tables.
template <class T>
std::string number_text(const T& x) {
  return NumberTraits<T>::to_text(x);
}

// For reports: the exact fraction while it is short (at most 16 characters),
// else `approx_digits` significant digits marked "≈"; a double prints ten
// digits unmarked. Text only: the JSON keeps every number exact.
template <class T>
std::string short_number_text(const T& x, int approx_digits = 10) {
  if constexpr (!NumberTraits<T>::exact) {
    return fmt::format("{:.10g}", NumberTraits<T>::to_double(x));
  } else {
    std::string exact = NumberTraits<T>::to_text(x);
    if (exact.size() <= 16) return exact;
    return fmt::format("≈{:.{}g}", NumberTraits<T>::to_double(x), approx_digits);
  }
}

// Reals with square roots (RealOf<T>): CertifiedReal ->
// {"exact": "9/160*sqrt(1393)" or null, "decimal": 2.0994..., "lower": "...", "upper": "..."}
// (the certified enclosure, rounded outward to 20 decimals); double -> {"decimal": x}.
nlohmann::json real_json(const CertifiedReal& x);
inline nlohmann::json real_json(double x) { return {{"decimal", x}}; }

// For tables: ten significant digits, then "= exact form" when it is known and
// not already what the digits say ("0.1972602740 = 72/365", "2"); a value known
// only through its certified enclosure reads "≈0.5344130167".
std::string real_text(const CertifiedReal& x);
std::string real_text(double x);

// A left-aligned text table with a header row and a rule under it.
class Table {
 public:
  explicit Table(std::vector<std::string> header) : header_(std::move(header)) {}
  void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  bool empty() const { return rows_.empty(); }
  std::string render() const;

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace mechlab::io
