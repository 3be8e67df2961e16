#include "mechlab/core/certified_real.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <utility>

#include "mechlab/core/error.hpp"

namespace mechlab {

namespace {

mpz_class power_of_two(unsigned long bits) {
  mpz_class z;
  mpz_ui_pow_ui(z.get_mpz_t(), 2, bits);
  return z;
}

const mpz_class& scale() {
  static const mpz_class s = power_of_two(CertifiedReal::kBits);
  return s;
}

// Outward rounding to a grid of 2^-(kBits + e), where 2^-e is about |x|: the
// relative precision stays near 2^-kBits however small x is, and the endpoints
// stay short.
mpz_class grid(const Rational& x) {
  if (sgn(x) == 0) return scale();
  const auto num_bits = static_cast<long>(mpz_sizeinbase(x.get_num_mpz_t(), 2));
  const auto den_bits = static_cast<long>(mpz_sizeinbase(x.get_den_mpz_t(), 2));
  return power_of_two(CertifiedReal::kBits +
                      static_cast<unsigned long>(std::max(0L, den_bits - num_bits)));
}

Rational round_to_grid(const Rational& x, bool up) {
  const mpz_class g = grid(x);
  const mpz_class n = x.get_num() * g;
  mpz_class q;
  if (up) {
    mpz_cdiv_q(q.get_mpz_t(), n.get_mpz_t(), x.get_den_mpz_t());
  } else {
    mpz_fdiv_q(q.get_mpz_t(), n.get_mpz_t(), x.get_den_mpz_t());
  }
  Rational r(q, g);
  r.canonicalize();
  return r;
}

Rational round_down(const Rational& x) { return round_to_grid(x, false); }
Rational round_up(const Rational& x) { return round_to_grid(x, true); }

std::optional<mpz_class> integer_sqrt_if_square(const mpz_class& z) {
  if (z < 0 || mpz_perfect_square_p(z.get_mpz_t()) == 0) return std::nullopt;
  mpz_class r;
  mpz_sqrt(r.get_mpz_t(), z.get_mpz_t());
  return r;
}

// √(p/q) as a rational when p/q is the square of one.
std::optional<Rational> rational_sqrt(const Rational& x) {
  const auto num = integer_sqrt_if_square(x.get_num());
  const auto den = integer_sqrt_if_square(x.get_den());
  if (!num || !den) return std::nullopt;
  Rational r(*num, *den);
  r.canonicalize();
  return r;
}

std::pair<Rational, Rational> interval_product(const Rational& alo, const Rational& ahi,
                                               const Rational& blo, const Rational& bhi) {
  const std::array<Rational, 4> p = {alo * blo, alo * bhi, ahi * blo, ahi * bhi};
  return {*std::min_element(p.begin(), p.end()), *std::max_element(p.begin(), p.end())};
}

}  // namespace

CertifiedReal::CertifiedReal(const Rational& x) : coefficient_(x), lower_(x), upper_(x) {}

CertifiedReal CertifiedReal::from_interval(Rational lo, Rational hi) {
  CertifiedReal r;
  r.exact_ = false;
  r.coefficient_ = 0;
  r.radicand_ = 1;
  r.lower_ = round_down(lo);
  r.upper_ = round_up(hi);
  return r;
}

CertifiedReal CertifiedReal::from_surd(Rational c, Rational s) {
  if (sgn(s) < 0) throw InternalError("CertifiedReal: square root of a negative number");
  if (sgn(c) == 0 || sgn(s) == 0) return {Rational(0)};
  // √(p/q) = √(p·q)/q: an integer radicand, then small square factors moved out.
  mpz_class radicand = s.get_num() * s.get_den();
  c /= Rational(s.get_den());
  for (unsigned long p = 2; p < 1000; ++p) {
    const unsigned long square = p * p;
    while (mpz_divisible_ui_p(radicand.get_mpz_t(), square) != 0) {
      mpz_divexact_ui(radicand.get_mpz_t(), radicand.get_mpz_t(), square);
      c *= p;
    }
  }
  if (const auto root = integer_sqrt_if_square(radicand)) {
    c *= Rational(*root);
    return {c};
  }
  CertifiedReal r;
  r.coefficient_ = c;
  r.radicand_ = Rational(radicand);
  // floor(√(radicand·4^k)) / 2^k <= √radicand < (that + 1) / 2^k.
  mpz_class root = radicand * scale() * scale();
  mpz_sqrt(root.get_mpz_t(), root.get_mpz_t());
  Rational lo(root, scale());
  Rational hi(mpz_class(root + 1), scale());
  lo.canonicalize();
  hi.canonicalize();
  auto [plo, phi] = interval_product(lo, hi, c, c);
  r.lower_ = round_down(plo);
  r.upper_ = round_up(phi);
  return r;
}

CertifiedReal CertifiedReal::sqrt(const Rational& x) {
  if (sgn(x) < 0) throw InternalError("CertifiedReal::sqrt of a negative number");
  if (const auto r = rational_sqrt(x)) return {*r};
  return from_surd(Rational(1), x);
}

std::optional<Rational> CertifiedReal::rational() const {
  if (!exact_ || radicand_ != 1) return std::nullopt;
  return coefficient_;
}

double CertifiedReal::to_double() const {
  if (const auto r = rational()) return mechlab::to_double(*r);
  if (exact_) {
    // c·√s through GMP floats: s may be far beyond the double range (2^n in
    // replica economies) while c·√s is not.
    mpf_class c(coefficient_, 2UL * kBits);
    mpf_class root(radicand_, 2UL * kBits);
    root = ::sqrt(root);
    c *= root;
    return mechlab::to_double(Rational(c));  // rounded to nearest (mpf_get_d truncates)
  }
  return mechlab::to_double((lower_ + upper_) / 2);
}

std::string CertifiedReal::exact_text() const {
  if (!exact_) return "";
  if (radicand_ == 1) return to_string(coefficient_);
  if (coefficient_ == 1) return fmt::format("sqrt({})", to_string(radicand_));
  if (coefficient_ == -1) return fmt::format("-sqrt({})", to_string(radicand_));
  return fmt::format("{}*sqrt({})", to_string(coefficient_), to_string(radicand_));
}

std::string CertifiedReal::text() const {
  if (exact_) return exact_text();
  return fmt::format("[{:.15g}, {:.15g}]", mechlab::to_double(lower_), mechlab::to_double(upper_));
}

std::optional<int> CertifiedReal::sign() const {
  if (exact_) return sgn(coefficient_);
  if (sgn(lower_) > 0) return 1;
  if (sgn(upper_) < 0) return -1;
  return std::nullopt;
}

CertifiedReal CertifiedReal::operator-() const {
  CertifiedReal r = *this;
  r.coefficient_ = -coefficient_;
  r.lower_ = -upper_;
  r.upper_ = -lower_;
  return r;
}

CertifiedReal operator+(const CertifiedReal& a, const CertifiedReal& b) {
  if (a.exact_ && b.exact_) {
    if (sgn(a.coefficient_) == 0) return b;
    if (sgn(b.coefficient_) == 0) return a;
    if (a.radicand_ == b.radicand_) {
      if (a.radicand_ == 1) return {a.coefficient_ + b.coefficient_};
      return CertifiedReal::from_surd(a.coefficient_ + b.coefficient_, a.radicand_);
    }
    // Like surds in another guise: a.s = k²·b.s.
    if (const auto k = rational_sqrt(a.radicand_ / b.radicand_)) {
      return CertifiedReal::from_surd(a.coefficient_ * *k + b.coefficient_, b.radicand_);
    }
  }
  return CertifiedReal::from_interval(a.lower_ + b.lower_, a.upper_ + b.upper_);
}

CertifiedReal operator-(const CertifiedReal& a, const CertifiedReal& b) { return a + (-b); }

CertifiedReal operator*(const CertifiedReal& a, const CertifiedReal& b) {
  if (a.exact_ && b.exact_) {
    if (a.radicand_ == 1 && b.radicand_ == 1) {
      return {a.coefficient_ * b.coefficient_};
    }
    return CertifiedReal::from_surd(a.coefficient_ * b.coefficient_, a.radicand_ * b.radicand_);
  }
  auto [lo, hi] = interval_product(a.lower_, a.upper_, b.lower_, b.upper_);
  return CertifiedReal::from_interval(lo, hi);
}

CertifiedReal operator/(const CertifiedReal& a, const CertifiedReal& b) {
  if (b.exact_) {
    if (sgn(b.coefficient_) == 0) throw InternalError("CertifiedReal: division by zero");
    if (a.exact_) {
      if (a.radicand_ == 1 && b.radicand_ == 1) {
        return {a.coefficient_ / b.coefficient_};
      }
      // c1√s1 / (c2√s2) = c1/(c2·s2) · √(s1·s2)
      return CertifiedReal::from_surd(a.coefficient_ / (b.coefficient_ * b.radicand_),
                                      a.radicand_ * b.radicand_);
    }
  }
  if (sgn(b.lower_) <= 0 && sgn(b.upper_) >= 0) {
    throw InternalError("CertifiedReal: division by an interval containing zero");
  }
  const Rational rlo = 1 / b.upper_;
  const Rational rhi = 1 / b.lower_;
  auto [lo, hi] = interval_product(a.lower_, a.upper_, rlo, rhi);
  return CertifiedReal::from_interval(lo, hi);
}

std::optional<int> compare(const CertifiedReal& a, const CertifiedReal& b) {
  if (a.exact() && b.exact()) {
    // Exact comparison of c1√s1 and c2√s2 by signs and squares.
    const int sa = sgn(a.coefficient());
    const int sb = sgn(b.coefficient());
    if (sa != sb) return sa < sb ? -1 : 1;
    if (sa == 0) return 0;
    const Rational qa = a.coefficient() * a.coefficient() * a.radicand();
    const Rational qb = b.coefficient() * b.coefficient() * b.radicand();
    const int c = cmp(qa, qb);
    return sa > 0 ? (c > 0) - (c < 0) : (c < 0) - (c > 0);
  }
  if (a.upper() < b.lower()) return -1;
  if (a.lower() > b.upper()) return 1;
  return std::nullopt;
}

}  // namespace mechlab
