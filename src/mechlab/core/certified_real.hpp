// Real numbers with square roots, exact where possible and certified always.
//
// Informational size needs 2-norms (Λ_i, the spherical score, its power S_i,
// the minimal reward scale ε*), so rational arithmetic is not closed. A
// CertifiedReal carries
//   - the exact value c·√s (c, s rational, s > 0 square-free-reduced) when the
//     operations so far kept it in that form — products, quotients, and sums of
//     like surds do (003 TV2: ε* = (9/160)√1393 stays exact); and
//   - always, a rational interval [lower, upper] that contains the value.
// A sum of unlike surds (√2 + √3) keeps only the interval. Comparisons are
// decided exactly when possible, otherwise by disjoint intervals; an undecided
// comparison is reported as such, never guessed.
//
// Intervals start at absolute width 2^-kBits and are rounded outward to that
// grid after every operation, which keeps the rationals small.
#pragma once

#include <optional>
#include <string>
#include <type_traits>

#include "mechlab/core/rational.hpp"

namespace mechlab {

class CertifiedReal {
 public:
  static constexpr unsigned kBits = 192;

  CertifiedReal() : CertifiedReal(Rational(0)) {}
  CertifiedReal(const Rational& x);  // NOLINT(google-explicit-constructor): exact embedding
  CertifiedReal(long x) : CertifiedReal(Rational(x)) {}  // NOLINT(google-explicit-constructor)

  // √x for x >= 0 (throws InternalError on a negative argument).
  static CertifiedReal sqrt(const Rational& x);

  bool exact() const { return exact_; }
  // The exact value when it is rational.
  std::optional<Rational> rational() const;
  // c and s of the exact form c·√s (s = 1 for a rational); meaningful when exact().
  const Rational& coefficient() const { return coefficient_; }
  const Rational& radicand() const { return radicand_; }
  const Rational& lower() const { return lower_; }
  const Rational& upper() const { return upper_; }

  double to_double() const;
  // "2048/1393", "9/160*sqrt(1393)", or "" when not exact.
  std::string exact_text() const;
  // Exact text when known, else the enclosing interval "[lo, hi]" in decimals.
  std::string text() const;

  // -1, 0, 1, or nullopt when the interval straddles 0 and the value is not exact.
  std::optional<int> sign() const;

  CertifiedReal operator-() const;
  friend CertifiedReal operator+(const CertifiedReal& a, const CertifiedReal& b);
  friend CertifiedReal operator-(const CertifiedReal& a, const CertifiedReal& b);
  friend CertifiedReal operator*(const CertifiedReal& a, const CertifiedReal& b);
  // Throws InternalError when b may be zero.
  friend CertifiedReal operator/(const CertifiedReal& a, const CertifiedReal& b);
  CertifiedReal& operator+=(const CertifiedReal& b) { return *this = *this + b; }
  CertifiedReal& operator-=(const CertifiedReal& b) { return *this = *this - b; }
  CertifiedReal& operator*=(const CertifiedReal& b) { return *this = *this * b; }
  CertifiedReal& operator/=(const CertifiedReal& b) { return *this = *this / b; }

 private:
  bool exact_ = true;
  Rational coefficient_;
  Rational radicand_{1};
  Rational lower_;
  Rational upper_;

  static CertifiedReal from_surd(Rational c, Rational s);
  static CertifiedReal from_interval(Rational lo, Rational hi);
};

// sign(a - b) when decidable (see CertifiedReal::sign).
std::optional<int> compare(const CertifiedReal& a, const CertifiedReal& b);

// The number type that square roots of T live in: CertifiedReal over the
// rationals, double over double. Algorithms template on T and use RealOf<T>
// for quantities with norms.
template <class T>
using RealOf = std::conditional_t<NumberTraits<T>::exact, CertifiedReal, double>;

template <class T>
RealOf<T> real_sqrt(const T& x) {
  if constexpr (NumberTraits<T>::exact) {
    return CertifiedReal::sqrt(x);
  } else {
    return std::sqrt(x);
  }
}

template <class T>
RealOf<T> to_real(const T& x) {
  return RealOf<T>(x);
}

inline double real_to_double(const CertifiedReal& x) { return x.to_double(); }
inline double real_to_double(double x) { return x; }

// Exact text for a certified real ("" when inexact); for double, "".
inline std::string real_exact_text(const CertifiedReal& x) { return x.exact_text(); }
inline std::string real_exact_text(double /*x*/) { return ""; }

// sign(a - b): for CertifiedReal, 0 also when undecided (reported by callers
// through compare() where it matters); for double, within NumberTraits tolerance.
inline int real_compare(const CertifiedReal& a, const CertifiedReal& b) {
  return compare(a, b).value_or(0);
}
inline int real_compare(double a, double b) {
  if (nearly_equal(a, b)) return 0;
  return a < b ? -1 : 1;
}

}  // namespace mechlab
