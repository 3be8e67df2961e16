#include "mechlab/core/rational.hpp"

#include <fmt/format.h>

#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "mechlab/core/error.hpp"

namespace mechlab {

namespace {

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (const char c : s) {
    if (std::isdigit(static_cast<unsigned char>(c)) == 0) return false;
  }
  return true;
}

InputError not_a_number(std::string_view text) {
  return {"", "a number (integer, decimal such as -0.25 or 1e-3, or fraction \"p/q\")",
          fmt::format("\"{}\"", text)};
}

// Optional sign then digits; returns the integer.
mpz_class parse_integer(std::string_view s, std::string_view whole) {
  bool negative = false;
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  if (!all_digits(s)) throw not_a_number(whole);
  mpz_class z(std::string(s), 10);
  return negative ? mpz_class(-z) : z;
}

}  // namespace

Rational parse_rational(std::string_view text) {
  if (text.empty()) throw not_a_number(text);
  if (const auto slash = text.find('/'); slash != std::string_view::npos) {
    const mpz_class p = parse_integer(text.substr(0, slash), text);
    std::string_view qs = text.substr(slash + 1);
    if (!all_digits(qs)) throw not_a_number(text);
    const mpz_class q(std::string(qs), 10);
    if (q == 0) throw InputError("", "a fraction with a non-zero denominator", std::string(text));
    Rational r(p, q);
    r.canonicalize();
    return r;
  }
  // Decimal: [sign] digits [. digits] [(e|E) [sign] digits]
  std::string_view s = text;
  bool negative = false;
  if (s.front() == '+' || s.front() == '-') {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  long exponent = 0;
  if (const auto e = s.find_first_of("eE"); e != std::string_view::npos) {
    std::string_view es = s.substr(e + 1);
    s = s.substr(0, e);
    bool eneg = false;
    if (!es.empty() && (es.front() == '+' || es.front() == '-')) {
      eneg = es.front() == '-';
      es.remove_prefix(1);
    }
    if (!all_digits(es)) throw not_a_number(text);
    if (es.size() > 6)
      throw InputError("", "an exponent of at most 4000 in magnitude", std::string(text));
    exponent = std::stol(std::string(es));
    if (exponent > kMaxExponent) {
      throw InputError("", "an exponent of at most 4000 in magnitude", std::string(text));
    }
    if (eneg) exponent = -exponent;
  }
  std::string digits;
  if (const auto dot = s.find('.'); dot != std::string_view::npos) {
    const std::string_view ip = s.substr(0, dot);
    const std::string_view fp = s.substr(dot + 1);
    if ((ip.empty() && fp.empty()) || (!ip.empty() && !all_digits(ip)) ||
        (!fp.empty() && !all_digits(fp))) {
      throw not_a_number(text);
    }
    digits = std::string(ip) + std::string(fp);
    exponent -= static_cast<long>(fp.size());
  } else {
    if (!all_digits(s)) throw not_a_number(text);
    digits = std::string(s);
  }
  mpz_class mantissa(digits, 10);
  if (negative) mantissa = -mantissa;
  mpz_class power;
  mpz_ui_pow_ui(power.get_mpz_t(), 10,
                static_cast<unsigned long>(exponent < 0 ? -exponent : exponent));
  Rational r = exponent >= 0 ? Rational(mantissa * power) : Rational(mantissa, power);
  r.canonicalize();
  return r;
}

std::string to_string(const Rational& x) { return x.get_str(); }

Rational rational_from_double(double x) {
  if (!std::isfinite(x)) throw InputError("", "a finite number", fmt::format("{}", x));
  return {x};
}

double to_double(const Rational& x) {
  if (sgn(x) == 0) return 0.0;
  // Beyond the double range mpq_get_d is system dependent: decide by size first.
  const long bits = static_cast<long>(mpz_sizeinbase(x.get_num_mpz_t(), 2)) -
                    static_cast<long>(mpz_sizeinbase(x.get_den_mpz_t(), 2));
  if (bits > 1025) return sgn(x) > 0 ? HUGE_VAL : -HUGE_VAL;
  if (bits < -1080) return sgn(x) > 0 ? 0.0 : -0.0;
  const double truncated = x.get_d();  // |truncated| <= |x| < next double away from zero
  const double away = std::nextafter(truncated, sgn(x) > 0 ? HUGE_VAL : -HUGE_VAL);
  if (!std::isfinite(away)) return truncated;
  const Rational gap_truncated = abs(x - Rational(truncated));
  const Rational gap_away = abs(Rational(away) - x);
  if (gap_away < gap_truncated) return away;
  if (gap_truncated < gap_away) return truncated;
  // A tie: round half to even, as IEEE does.
  std::int64_t bits_t = 0;
  std::memcpy(&bits_t, &truncated, sizeof bits_t);
  return (bits_t & 1) == 0 ? truncated : away;
}

std::string NumberTraits<double>::to_text(double x) {
  return fmt::format("{}", x == 0.0 ? 0.0 : x);  // never "-0"
}

}  // namespace mechlab
