#include "mechlab/io/output.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

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

mpz_class power_of_ten(unsigned long k) {
  mpz_class z;
  mpz_ui_pow_ui(z.get_mpz_t(), 10, k);
  return z;
}

// ⌊x·10^k⌋ or ⌈x·10^k⌉ for any integer k.
mpz_class scaled(const Rational& x, long k, bool up) {
  mpz_class num = x.get_num();
  mpz_class den = x.get_den();
  if (k >= 0) {
    num *= power_of_ten(static_cast<unsigned long>(k));
  } else {
    den *= power_of_ten(static_cast<unsigned long>(-k));
  }
  mpz_class q;
  if (up) {
    mpz_cdiv_q(q.get_mpz_t(), num.get_mpz_t(), den.get_mpz_t());
  } else {
    mpz_fdiv_q(q.get_mpz_t(), num.get_mpz_t(), den.get_mpz_t());
  }
  return q;
}

// x rounded down (or up) to kPlaces decimals, or to about kPlaces significant
// digits in scientific notation when |x| < 1e-4 or >= 1e15: the enclosure stays
// certified and readable at any magnitude.
std::string decimal(const Rational& x, bool up) {
  if (sgn(x) == 0) return "0";
  const Rational magnitude = abs(x);
  const bool fixed = magnitude >= Rational(1, 10000) && magnitude < Rational(power_of_ten(15));
  const long k = fixed ? kPlaces
                       : kPlaces - 1 -
                             static_cast<long>(std::floor(
                                 (static_cast<double>(mpz_sizeinbase(x.get_num_mpz_t(), 2)) -
                                  static_cast<double>(mpz_sizeinbase(x.get_den_mpz_t(), 2))) *
                                 0.30102999566398120));
  const mpz_class q = scaled(x, k, up);
  const bool negative = q < 0;
  std::string digits = mpz_class(abs(q)).get_str();
  if (fixed) {
    if (digits.size() <= kPlaces) digits.insert(0, kPlaces + 1 - digits.size(), '0');
    const std::size_t point = digits.size() - kPlaces;
    return fmt::format("{}{}.{}", negative ? "-" : "", digits.substr(0, point),
                       digits.substr(point));
  }
  const long exponent = static_cast<long>(digits.size()) - 1 - k;
  return fmt::format("{}{}.{}e{}", negative ? "-" : "", digits.substr(0, 1), digits.substr(1),
                     exponent);
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
  // "≈": not exact, the ten digits are those of a certified enclosure (JSON has its bounds).
  if (!x.exact()) return fmt::format("≈{}", digits);
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
