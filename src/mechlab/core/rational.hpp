// Exact rationals on GMP, and the number-type traits that let every algorithm be
// written once as a template over T in {Rational, double}.
#pragma once

#include <gmpxx.h>

#include <cmath>
#include <string>
#include <string_view>

#include "mechlab/core/error.hpp"

namespace mechlab {

using Rational = mpq_class;

// Parses "3", "-0.25", "3/4", "1e-3", "+2.5E+2" exactly. Throws InputError
// (with an empty pointer; callers add theirs) on anything else, including
// "1/0", "nan", "inf", surrounding blanks, and exponents beyond +-kMaxExponent
// (which would otherwise allocate huge integers).
Rational parse_rational(std::string_view text);
inline constexpr long kMaxExponent = 4000;

// Canonical exact text: "p/q", or "p" when q = 1.
std::string to_string(const Rational& x);

// The exact rational value of a finite double (every double is a dyadic rational).
Rational rational_from_double(double x);

// The double nearest to x (GMP's own mpq_get_d truncates toward zero, which
// would print 1/10 as 0.09999999999999999). +-inf beyond the double range.
double to_double(const Rational& x);

template <class T>
struct NumberTraits;

template <>
struct NumberTraits<Rational> {
  static constexpr bool exact = true;
  static constexpr const char* name = "rational";
  static Rational from_rational(const Rational& x) { return x; }
  static double to_double(const Rational& x) { return mechlab::to_double(x); }
  static int sign(const Rational& x) { return sgn(x); }
  static std::string to_text(const Rational& x) { return to_string(x); }
};

template <>
struct NumberTraits<double> {
  static constexpr bool exact = false;
  static constexpr const char* name = "double";
  // Tolerance for "equals" in double mode, relative to max(1, |operands|).
  static constexpr double tolerance = 1e-12;
  static double from_rational(const Rational& x) { return mechlab::to_double(x); }
  static double to_double(double x) { return x; }
  static int sign(double x) { return x > tolerance ? 1 : (x < -tolerance ? -1 : 0); }
  static std::string to_text(double x);
};

// a == b exactly for Rational, within tolerance for double.
template <class T>
bool nearly_equal(const T& a, const T& b) {
  if constexpr (NumberTraits<T>::exact) {
    return a == b;
  } else {
    const double scale = std::fmax(1.0, std::fmax(std::fabs(a), std::fabs(b)));
    return std::fabs(a - b) <= NumberTraits<T>::tolerance * scale;
  }
}

template <class T>
int sign_of(const T& x) {
  return NumberTraits<T>::sign(x);
}

// |x| in either number type (mpq expressions need the explicit T).
template <class T>
T abs_of(const T& x) {
  return sign_of(x) < 0 ? T(-x) : x;
}

// p/q in lowest terms, for building instances and expected values in code.
inline Rational fraction(long p, long q = 1) {
  Rational x(p, q);
  x.canonicalize();
  return x;
}

// A model number read into T: finite (double mode), and non-negative when
// asked; InputError at `where` otherwise.
template <class T>
void check_number(const T& x, const std::string& where, bool non_negative) {
  if constexpr (!NumberTraits<T>::exact) {
    if (!std::isfinite(x)) throw InputError(where, "a finite number", "a non-finite value");
  }
  if (non_negative && sign_of(x) < 0) {
    throw InputError(where, "a non-negative number", NumberTraits<T>::to_text(x));
  }
}

}  // namespace mechlab
