#include "mechlab/io/output.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace mechlab::io {

namespace {
// Display width of UTF-8 text: count the bytes that start a code point.
std::size_t width(const std::string& s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}
}  // namespace

namespace {

constexpr int kPlaces = 20;

// x rounded down (or up) to kPlaces decimals: the enclosure stays certified.
std::string decimal(const Rational& x, bool up) {
  mpz_class scale;
  mpz_ui_pow_ui(scale.get_mpz_t(), 10, kPlaces);
  const mpz_class num = x.get_num() * scale;
  mpz_class q;
  if (up) {
    mpz_cdiv_q(q.get_mpz_t(), num.get_mpz_t(), x.get_den_mpz_t());
  } else {
    mpz_fdiv_q(q.get_mpz_t(), num.get_mpz_t(), x.get_den_mpz_t());
  }
  const bool negative = q < 0;
  std::string digits = mpz_class(abs(q)).get_str();
  if (digits.size() <= kPlaces) digits.insert(0, kPlaces + 1 - digits.size(), '0');
  const std::size_t point = digits.size() - kPlaces;
  return fmt::format("{}{}.{}", negative ? "-" : "", digits.substr(0, point), digits.substr(point));
}

}  // namespace

nlohmann::json real_json(const CertifiedReal& x) {
  return {{"exact", x.exact() ? nlohmann::json(x.exact_text()) : nlohmann::json(nullptr)},
          {"decimal", x.to_double()},
          {"lower", decimal(x.lower(), false)},
          {"upper", decimal(x.upper(), true)}};
}

std::string real_text(double x) { return fmt::format("{:.10g}", x); }

std::string real_text(const CertifiedReal& x) {
  std::string digits = fmt::format("{:.10g}", x.to_double());
  if (!x.exact()) return digits;
  std::string exact = x.exact_text();
  if (exact == digits) return digits;
  return fmt::format("{} = {}", digits, exact);
}

std::string Table::render() const {
  std::vector<std::size_t> w(header_.size(), 0);
  for (std::size_t i = 0; i < header_.size(); ++i) w[i] = width(header_[i]);
  for (const auto& row : rows_) {
    for (std::size_t i = 0; i < row.size() && i < w.size(); ++i)
      w[i] = std::max(w[i], width(row[i]));
  }
  std::string out;
  auto line = [&](const std::vector<std::string>& cells) {
    std::string l;
    for (std::size_t i = 0; i < w.size(); ++i) {
      const std::string cell = i < cells.size() ? cells[i] : "";
      l += cell;
      if (i + 1 < w.size()) l += std::string(w[i] - width(cell) + 2, ' ');
    }
    while (!l.empty() && l.back() == ' ') l.pop_back();
    out += l + "\n";
  };
  line(header_);
  std::vector<std::string> rule;
  for (const std::size_t x : w) rule.emplace_back(x, '-');
  line(rule);
  for (const auto& row : rows_) line(row);
  return out;
}

}  // namespace mechlab::io
