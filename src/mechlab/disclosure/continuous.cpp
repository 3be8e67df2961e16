#include "mechlab/disclosure/continuous.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <numeric>
#include <set>
#include <utility>

#include "mechlab/core/error.hpp"

namespace mechlab::disclosure {

namespace {

template <class T>
double dbl(const T& x) {
  return NumberTraits<T>::to_double(x);
}

template <class T>
T from_double(double x) {
  if constexpr (NumberTraits<T>::exact) {
    return rational_from_double(x);
  } else {
    return x;
  }
}

template <class T>
T mean_of(const PiecewiseUniform<T>& m) {
  T mean(0);
  for (std::size_t k = 0; k < m.masses.size(); ++k) {
    mean += m.masses[k] * (m.breakpoints[k] + m.breakpoints[k + 1]) / 2;
  }
  return mean;
}

void check_members(const Protocol& protocol, std::size_t n) {
  check_assumption1(protocol, "/protocol");
  if (protocol.members != n) {
    throw InputError("/protocol", fmt::format("a protocol for the {} members", n),
                     fmt::format("one for {}", protocol.members));
  }
}

// Winning depends on the number of yes-voters only.
bool anonymous(const Protocol& protocol) {
  for (Coalition s = 0; s <= protocol.all(); ++s) {
    const auto size = static_cast<unsigned>(std::popcount(s));
    if (protocol.wins(s) != protocol.wins((Coalition{1} << size) - 1)) return false;
  }
  return true;
}

template <class T>
bool identical_marginals(const ContinuousTeam<T>& team) {
  const auto& first = team.marginals.front();
  return std::all_of(team.marginals.begin(), team.marginals.end(), [&](const auto& m) {
    return m.breakpoints == first.breakpoints && m.masses == first.masses;
  });
}

ContinuousTeam<double> as_double(const ContinuousTeam<Rational>& team) {
  ContinuousTeam<double> out;
  out.members = team.members;
  for (const auto& m : team.marginals) {
    PiecewiseUniform<double> d;
    for (const auto& b : m.breakpoints) d.breakpoints.push_back(to_double(b));
    for (const auto& p : m.masses) d.masses.push_back(to_double(p));
    out.marginals.push_back(std::move(d));
  }
  return out;
}

const ContinuousTeam<double>& as_double(const ContinuousTeam<double>& team) { return team; }

// P(ND) and Num_0 = E[ω_0 1_ND] at the symmetric threshold t (iid marginals,
// anonymous protocol): the orthant sum grouped by the number k of yes-voters,
// P = Σ_{k losing} C(N,k) π1^k π0^(N−k), Num_0 adds member 0 inside (μ1) or
// outside (μ0) the yes-voters.
template <class T>
std::pair<T, T> symmetric_sums(const PiecewiseUniform<T>& marginal, std::size_t n,
                               const std::vector<bool>& losing, const T& t) {
  const MarginalMoments<T> mm = moments(marginal, t);
  const T p1 = 1 - mm.cdf;
  const T& p0 = mm.cdf;
  // pow1[k] = p1^k, pow0[k] = p0^k for k = 0..n.
  std::vector<T> pow1(n + 1, T(1));
  std::vector<T> pow0(n + 1, T(1));
  for (std::size_t k = 1; k <= n; ++k) {
    pow1[k] = pow1[k - 1] * p1;
    pow0[k] = pow0[k - 1] * p0;
  }
  // binom[k] = C(n − 1, k).
  std::vector<T> binom(n, T(1));
  for (std::size_t k = 1; k < n; ++k) {
    binom[k] = binom[k - 1] * T(static_cast<long>(n - k)) / T(static_cast<long>(k));
  }
  T p(0);
  T num(0);
  for (std::size_t k = 0; k <= n; ++k) {
    if (!losing[k]) continue;
    if (k >= 1) {  // member 0 votes yes, k − 1 of the others too
      const T w = binom[k - 1] * pow1[k - 1] * pow0[n - k];
      p += w * p1;
      num += w * mm.above;
    }
    if (k <= n - 1) {  // member 0 votes no
      const T w = binom[k] * pow1[k] * pow0[n - 1 - k];
      p += w * p0;
      num += w * mm.below;
    }
  }
  return {p, num};
}

// Polynomials over Rational, coefficients from degree 0 up, for the Sturm
// count of the symmetric case.
using Poly = std::vector<Rational>;

void trim(Poly& p) {
  while (!p.empty() && sgn(p.back()) == 0) p.pop_back();
}

Poly add(const Poly& a, const Poly& b) {
  Poly out(std::max(a.size(), b.size()), Rational(0));
  for (std::size_t k = 0; k < a.size(); ++k) out[k] += a[k];
  for (std::size_t k = 0; k < b.size(); ++k) out[k] += b[k];
  trim(out);
  return out;
}

Poly mul(const Poly& a, const Poly& b) {
  if (a.empty() || b.empty()) return {};
  Poly out(a.size() + b.size() - 1, Rational(0));
  for (std::size_t i = 0; i < a.size(); ++i) {
    for (std::size_t j = 0; j < b.size(); ++j) out[i + j] += a[i] * b[j];
  }
  trim(out);
  return out;
}

Poly scale(const Poly& a, const Rational& c) {
  Poly out = a;
  for (auto& x : out) x *= c;
  trim(out);
  return out;
}

Rational eval(const Poly& p, const Rational& t) {
  Rational out(0);
  for (std::size_t k = p.size(); k-- > 0;) out = out * t + p[k];
  return out;
}

// The remainder of a divided by b (b non-zero).
Poly remainder(Poly a, const Poly& b) {
  while (a.size() >= b.size() && !a.empty()) {
    const Rational f = a.back() / b.back();
    const std::size_t shift = a.size() - b.size();
    for (std::size_t k = 0; k < b.size(); ++k) a[shift + k] -= f * b[k];
    a.pop_back();  // the leading term cancels exactly
    trim(a);
  }
  return a;
}

Poly quotient(Poly a, const Poly& b) {
  if (a.size() < b.size()) return {};
  Poly q(a.size() - b.size() + 1, Rational(0));
  while (a.size() >= b.size() && !a.empty()) {
    const Rational f = a.back() / b.back();
    const std::size_t shift = a.size() - b.size();
    q[shift] = f;
    for (std::size_t k = 0; k < b.size(); ++k) a[shift + k] -= f * b[k];
    a.pop_back();
    trim(a);
  }
  trim(q);
  return q;
}

Poly derivative(const Poly& p) {
  Poly out;
  for (std::size_t k = 1; k < p.size(); ++k) out.push_back(p[k] * Rational(static_cast<long>(k)));
  trim(out);
  return out;
}

Poly gcd(Poly a, Poly b) {
  while (!b.empty()) {
    Poly r = remainder(a, b);
    a = std::move(b);
    b = std::move(r);
  }
  return a.empty() ? a : scale(a, Rational(1) / a.back());
}

// Sign changes of the Sturm sequence at t (zeros skipped).
std::size_t variations(const std::vector<Poly>& sturm, const Rational& t) {
  std::size_t count = 0;
  int last = 0;
  for (const auto& p : sturm) {
    const int s = sgn(eval(p, t));
    if (s == 0) continue;
    if (last != 0 && s != last) ++count;
    last = s;
  }
  return count;
}

// The Sturm sequence of p's square-free part (simple roots, so V(a) − V(b)
// counts the distinct roots in (a, b], a root at b included, one at a not).
std::vector<Poly> sturm_sequence(const Poly& p) {
  const Poly square_free = quotient(p, gcd(p, derivative(p)));
  std::vector<Poly> sturm = {square_free, derivative(square_free)};
  while (!sturm.back().empty()) {
    Poly r = scale(remainder(sturm[sturm.size() - 2], sturm.back()), Rational(-1));
    if (r.empty()) break;
    sturm.push_back(std::move(r));
  }
  if (sturm.back().empty()) sturm.pop_back();
  return sturm;
}

std::size_t sturm_count(const std::vector<Poly>& sturm, const Rational& a, const Rational& b) {
  return variations(sturm, a) - variations(sturm, b);
}

// Disjoint intervals (a, b] of width <= target, each holding exactly one root
// (Sturm count 1): bisection on the counts.
void isolate(const std::vector<Poly>& sturm, const Rational& a, const Rational& b,
             const Rational& target, std::vector<std::pair<Rational, Rational>>& out) {
  const std::size_t count = sturm_count(sturm, a, b);
  if (count == 0) return;
  if (count == 1 && b - a <= target) {
    out.emplace_back(a, b);
    return;
  }
  const Rational mid = (a + b) / 2;
  isolate(sturm, a, mid, target, out);
  isolate(sturm, mid, b, target, out);
}

// g(t) = Num_0(t) − t·P(t) for symmetric t on one piece [b_k, b_{k+1}] of an
// iid piecewise-uniform marginal, as a polynomial in t: there F(t) = F(b_k) +
// f(t − b_k) and μ^0(t) = μ^0(b_k) + f(t² − b_k²)/2 (f the piece's density).
// Nullopt when g vanishes identically on the piece.
std::optional<Poly> piece_gap(const PiecewiseUniform<Rational>& m, std::size_t k, std::size_t n,
                              const std::vector<bool>& losing) {
  const Rational& a = m.breakpoints[k];
  const Rational& b = m.breakpoints[k + 1];
  const Rational f = m.masses[k] / (b - a);
  const MarginalMoments<Rational> at = moments(m, a);
  const Poly p0 = {Rational(at.cdf - f * a), f};
  const Poly p1 = {Rational(1 - at.cdf + f * a), Rational(-f)};
  const Poly mu0 = {Rational(at.below - f * a * a / 2), Rational(0), Rational(f / 2)};
  const Poly mu1 = add({mean_of(m)}, scale(mu0, Rational(-1)));
  std::vector<Poly> pow1(n + 1, Poly{Rational(1)});
  std::vector<Poly> pow0(n + 1, Poly{Rational(1)});
  for (std::size_t j = 1; j <= n; ++j) {
    pow1[j] = mul(pow1[j - 1], p1);
    pow0[j] = mul(pow0[j - 1], p0);
  }
  Rational binom(1);  // C(n − 1, j) as j runs
  std::vector<Rational> c(n, Rational(1));
  for (std::size_t j = 1; j < n; ++j) {
    binom = binom * Rational(static_cast<long>(n - j)) / Rational(static_cast<long>(j));
    c[j] = binom;
  }
  Poly prob;
  Poly num;
  for (std::size_t j = 0; j <= n; ++j) {
    if (!losing[j]) continue;
    if (j >= 1) {
      const Poly w = scale(mul(pow1[j - 1], pow0[n - j]), c[j - 1]);
      prob = add(prob, mul(w, p1));
      num = add(num, mul(w, mu1));
    }
    if (j <= n - 1) {
      const Poly w = scale(mul(pow1[j], pow0[n - 1 - j]), c[j]);
      prob = add(prob, mul(w, p0));
      num = add(num, mul(w, mu0));
    }
  }
  const Poly g = add(num, scale(mul({Rational(0), Rational(1)}, prob), Rational(-1)));
  if (g.empty()) return std::nullopt;
  return g;
}

// Solves a x = b (dense, partial pivoting); false if singular.
bool solve_linear(std::vector<std::vector<double>> a, std::vector<double>& b) {
  const std::size_t n = b.size();
  for (std::size_t c = 0; c < n; ++c) {
    std::size_t pivot = c;
    for (std::size_t r = c + 1; r < n; ++r) {
      if (std::fabs(a[r][c]) > std::fabs(a[pivot][c])) pivot = r;
    }
    if (std::fabs(a[pivot][c]) < 1e-300) return false;
    std::swap(a[pivot], a[c]);
    std::swap(b[pivot], b[c]);
    for (std::size_t r = c + 1; r < n; ++r) {
      const double f = a[r][c] / a[c][c];
      for (std::size_t k = c; k < n; ++k) a[r][k] -= f * a[c][k];
      b[r] -= f * b[c];
    }
  }
  for (std::size_t c = n; c-- > 0;) {
    for (std::size_t k = c + 1; k < n; ++k) b[c] -= a[c][k] * b[k];
    b[c] /= a[c][c];
  }
  return true;
}

double max_abs(const std::vector<double>& v) {
  double m = 0;
  for (const double x : v) m = std::max(m, std::fabs(x));
  return m;
}

// Φ(t) − t in double, and P(ND); empty when P(ND) = 0.
std::vector<double> gap(const ContinuousTeam<double>& team, const Protocol& protocol,
                        const std::vector<double>& t, double* prob = nullptr) {
  const NoDisclosureMap<double> map = no_disclosure_map(team, protocol, t);
  if (prob != nullptr) *prob = map.prob_no_disclosure;
  if (map.posterior.empty()) return {};
  std::vector<double> g(t.size());
  for (std::size_t i = 0; i < t.size(); ++i) g[i] = map.posterior[i] - t[i];
  return g;
}

// Newton on Φ(t) − t in double; the converged point or nullopt.
std::optional<std::vector<double>> newton(const ContinuousTeam<double>& team,
                                          const Protocol& protocol, std::vector<double> x,
                                          const ContinuousOptions& options) {
  const std::size_t n = x.size();
  std::vector<double> lo(n);
  std::vector<double> hi(n);
  double scale = 0;
  for (std::size_t i = 0; i < n; ++i) {
    lo[i] = team.marginals[i].low();
    hi[i] = team.marginals[i].high();
    scale = std::max(scale, hi[i] - lo[i]);
    // Fixed points are inside the open box: keep the iterate there.
    const double margin = 1e-9 * (hi[i] - lo[i]);
    x[i] = std::clamp(x[i], lo[i] + margin, hi[i] - margin);
  }
  const auto inside = [&](const std::vector<double>& y) {
    for (std::size_t i = 0; i < n; ++i) {
      if (!(y[i] > lo[i] && y[i] < hi[i])) return false;
    }
    return true;
  };
  // Φ(t) − t → 0 at ω̲ whenever Φ(ω̲+) = ω̲ (P(ND) → 0 there), so the
  // residual must be small relative to the distance from ω̲, not absolutely.
  const auto converged = [&](const std::vector<double>& y, const std::vector<double>& gy) {
    for (std::size_t i = 0; i < n; ++i) {
      if (std::fabs(gy[i]) > options.tolerance * std::min(scale, y[i] - lo[i])) return false;
    }
    return true;
  };
  std::vector<double> g = gap(team, protocol, x);
  if (g.empty()) return std::nullopt;
  for (std::size_t it = 0; it < options.newton_iterations; ++it) {
    const double norm = max_abs(g);
    if (converged(x, g)) return x;
    std::vector<std::vector<double>> jac(n, std::vector<double>(n));
    for (std::size_t j = 0; j < n; ++j) {
      std::vector<double> y = x;
      double h = 1e-7 * (hi[j] - lo[j]);
      if (y[j] + h >= hi[j]) h = -h;
      y[j] += h;
      const std::vector<double> gy = gap(team, protocol, y);
      if (gy.empty()) return std::nullopt;
      for (std::size_t i = 0; i < n; ++i) jac[i][j] = (gy[i] - g[i]) / h;
    }
    std::vector<double> step(n);
    for (std::size_t i = 0; i < n; ++i) step[i] = -g[i];
    // A singular Jacobian: fall back to the plain iteration t ← Φ(t).
    if (!solve_linear(jac, step)) step = g;
    double lambda = 1;
    bool moved = false;
    while (lambda > 1e-8) {
      std::vector<double> y(n);
      for (std::size_t i = 0; i < n; ++i) y[i] = x[i] + lambda * step[i];
      if (inside(y)) {
        std::vector<double> gy = gap(team, protocol, y);
        if (!gy.empty() && max_abs(gy) < norm) {
          x = std::move(y);
          g = std::move(gy);
          moved = true;
          break;
        }
      }
      lambda /= 2;
    }
    if (!moved) break;
    // Drifting into a face t_i → ω̲_i, where P(ND) → 0: no fixed point there
    // is resolvable, and following the drift costs many damped steps.
    for (std::size_t i = 0; i < n; ++i) {
      if (x[i] - lo[i] < 1e-6 * (hi[i] - lo[i])) return std::nullopt;
    }
  }
  if (converged(x, g)) return x;
  return std::nullopt;
}

// The residual and P(ND) of a double estimate, evaluated in T.
template <class T>
ContinuousFixedPoint<T> evaluate_point(const ContinuousTeam<T>& team, const Protocol& protocol,
                                       const std::vector<double>& t) {
  ContinuousFixedPoint<T> point;
  point.thresholds = t;
  std::vector<T> exact;
  for (const double x : t) exact.push_back(from_double<T>(x));
  const NoDisclosureMap<T> map = no_disclosure_map(team, protocol, exact);
  point.prob_no_disclosure = dbl(map.prob_no_disclosure);
  double r = 0;
  for (std::size_t i = 0; i < t.size() && !map.posterior.empty(); ++i) {
    r = std::max(r, std::fabs(dbl(T(map.posterior[i] - exact[i]))));
  }
  point.residual = map.posterior.empty() ? HUGE_VAL : r;
  return point;
}

// Multi-start Newton; returns the distinct converged points (double).
std::vector<std::vector<double>> multistart(const ContinuousTeam<double>& team,
                                            const Protocol& protocol,
                                            const ContinuousOptions& options, Progress& progress,
                                            std::size_t* starts_used) {
  const std::size_t n = team.member_count();
  std::size_t per_dim = 1;
  while (true) {
    std::size_t total = 1;
    for (std::size_t i = 0; i < n && total <= options.max_starts; ++i) total *= per_dim + 1;
    if (total > options.max_starts) break;
    ++per_dim;
  }
  std::vector<std::vector<double>> starts;
  if (per_dim >= 2) {
    std::size_t total = 1;
    for (std::size_t i = 0; i < n; ++i) total *= per_dim;
    for (std::size_t index = 0; index < total; ++index) {
      std::vector<double> s(n);
      std::size_t rest = index;
      for (std::size_t i = 0; i < n; ++i) {
        const auto& m = team.marginals[i];
        s[i] = m.low() + (m.high() - m.low()) * (static_cast<double>(rest % per_dim) + 0.5) /
                             static_cast<double>(per_dim);
        rest /= per_dim;
      }
      starts.push_back(std::move(s));
    }
  } else {
    // Too many members for a grid of 2 per axis: a Kronecker sequence
    // (fractional parts of k·√prime) spreads the starts over the box.
    static constexpr std::array<double, 20> kPrimes = {2,  3,  5,  7,  11, 13, 17, 19, 23, 29,
                                                       31, 37, 41, 43, 47, 53, 59, 61, 67, 71};
    for (std::size_t k = 1; k <= options.max_starts; ++k) {
      std::vector<double> s(n);
      for (std::size_t i = 0; i < n; ++i) {
        const double u = std::fmod(static_cast<double>(k) * std::sqrt(kPrimes[i]), 1.0);
        const auto& m = team.marginals[i];
        s[i] = m.low() + (m.high() - m.low()) * u;
      }
      starts.push_back(std::move(s));
    }
  }
  *starts_used = starts.size();
  std::vector<std::vector<double>> found;
  for (const auto& s : starts) {
    progress.check();
    const auto x = newton(team, protocol, s, options);
    if (!x) continue;
    const bool seen = std::any_of(found.begin(), found.end(), [&](const std::vector<double>& f) {
      for (std::size_t i = 0; i < n; ++i) {
        const auto& m = team.marginals[i];
        if (std::fabs(f[i] - (*x)[i]) > 1e-7 * (m.high() - m.low())) return false;
      }
      return true;
    });
    if (!seen) found.push_back(*x);
  }
  return found;
}

}  // namespace

template <class T>
void validate(const ContinuousTeam<T>& team) {
  const std::size_t n = team.member_count();
  validate_members(team.members, kMaxMembers);
  if (team.marginals.size() != n) {
    throw InputError("/marginals", fmt::format("one marginal per member ({})", n),
                     fmt::format("{}", team.marginals.size()));
  }
  for (std::size_t i = 0; i < n; ++i) {
    const auto& m = team.marginals[i];
    const std::string where = fmt::format("/marginals/{}", i);
    if (m.breakpoints.size() < 2) {
      throw InputError(where + "/breakpoints", "at least 2 breakpoints (ω̲ < ω̄)",
                       fmt::format("{}", m.breakpoints.size()));
    }
    for (std::size_t k = 0; k < m.breakpoints.size(); ++k) {
      check_number(m.breakpoints[k], fmt::format("{}/breakpoints/{}", where, k), false);
      if (k > 0 && !(m.breakpoints[k - 1] < m.breakpoints[k])) {
        throw InputError(fmt::format("{}/breakpoints/{}", where, k),
                         fmt::format("a value above {} (strictly increasing)",
                                     NumberTraits<T>::to_text(m.breakpoints[k - 1])),
                         NumberTraits<T>::to_text(m.breakpoints[k]));
      }
    }
    if (m.masses.size() + 1 != m.breakpoints.size()) {
      throw InputError(where + "/masses",
                       fmt::format("{} masses (one per piece)", m.breakpoints.size() - 1),
                       fmt::format("{}", m.masses.size()));
    }
    T total(0);
    for (std::size_t k = 0; k < m.masses.size(); ++k) {
      const std::string at = fmt::format("{}/masses/{}", where, k);
      check_number(m.masses[k], at, true);
      // Theorem 4 needs full support on the box.
      if (sign_of(m.masses[k]) <= 0) {
        throw InputError(at, "a positive probability (full support, Theorem 4)",
                         NumberTraits<T>::to_text(m.masses[k]));
      }
      total += m.masses[k];
    }
    if (!nearly_equal(total, T(1))) {
      throw InputError(where + "/masses", "probabilities summing to 1",
                       fmt::format("sum {}", NumberTraits<T>::to_text(total)));
    }
  }
}

template <class T>
ContinuousTeam<T> uniform_team(std::size_t members, const T& lo, const T& hi) {
  ContinuousTeam<T> team;
  for (std::size_t i = 0; i < members; ++i) {
    team.members.push_back(fmt::format("{}", i + 1));
    team.marginals.push_back({{lo, hi}, {T(1)}});
  }
  validate(team);
  return team;
}

template <class T>
MarginalMoments<T> moments(const PiecewiseUniform<T>& marginal, const T& t) {
  MarginalMoments<T> out;
  for (std::size_t k = 0; k < marginal.masses.size(); ++k) {
    const T& a = marginal.breakpoints[k];
    const T& b = marginal.breakpoints[k + 1];
    const T& mass = marginal.masses[k];
    if (!(a < t)) break;
    if (t >= b) {
      out.cdf += mass;
      out.below += mass * (a + b) / 2;
    } else {
      const T part = mass * (t - a) / (b - a);
      out.cdf += part;
      out.below += part * (a + t) / 2;
    }
  }
  out.above = mean_of(marginal) - out.below;
  return out;
}

template <class T>
NoDisclosureMap<T> no_disclosure_map(const ContinuousTeam<T>& team, const Protocol& protocol,
                                     const std::vector<T>& thresholds) {
  const std::size_t n = team.member_count();
  if (thresholds.size() != n) {
    throw InputError("/thresholds", fmt::format("{} thresholds", n),
                     fmt::format("{}", thresholds.size()));
  }
  std::vector<MarginalMoments<T>> mm;
  for (std::size_t i = 0; i < n; ++i) mm.push_back(moments(team.marginals[i], thresholds[i]));
  NoDisclosureMap<T> out;
  std::vector<T> num(n, T(0));
  // prefix[i] = Π_{j<i} factor_j; suffix likewise: Num_i replaces factor i.
  std::vector<T> factor(n);
  std::vector<T> prefix(n + 1);
  std::vector<T> suffix(n + 1);
  for (Coalition s = 0; s <= protocol.all(); ++s) {
    if (protocol.wins(s)) continue;
    for (std::size_t j = 0; j < n; ++j) {
      factor[j] = ((s >> j) & 1U) != 0 ? T(1 - mm[j].cdf) : mm[j].cdf;
    }
    prefix[0] = T(1);
    for (std::size_t j = 0; j < n; ++j) prefix[j + 1] = prefix[j] * factor[j];
    suffix[n] = T(1);
    for (std::size_t j = n; j-- > 0;) suffix[j] = suffix[j + 1] * factor[j];
    out.prob_no_disclosure += prefix[n];
    for (std::size_t i = 0; i < n; ++i) {
      const T& mu = ((s >> i) & 1U) != 0 ? mm[i].above : mm[i].below;
      num[i] += prefix[i] * mu * suffix[i + 1];
    }
  }
  if (sign_of(out.prob_no_disclosure) > 0) {
    for (auto& x : num) x /= out.prob_no_disclosure;
    out.posterior = std::move(num);
  }
  return out;
}

template <class T>
std::vector<T> limit_at_lower_corner(const ContinuousTeam<T>& team, const Protocol& protocol) {
  validate(team);
  const std::size_t n = team.member_count();
  check_members(protocol, n);
  // f_j(ω̲_j+)(ω̄_j − ω̲_j): the first piece's density times the box width.
  std::vector<T> rate(n);
  for (std::size_t j = 0; j < n; ++j) {
    const auto& m = team.marginals[j];
    rate[j] = m.masses[0] / (m.breakpoints[1] - m.breakpoints[0]) * (m.high() - m.low());
  }
  std::size_t fewest = n;
  for (Coalition s = 0; s <= protocol.all(); ++s) {
    if (!protocol.wins(s)) {
      fewest = std::min(fewest, n - static_cast<std::size_t>(std::popcount(s)));
    }
  }
  T total(0);
  std::vector<T> inside(n, T(0));
  for (Coalition s = 0; s <= protocol.all(); ++s) {
    if (protocol.wins(s) || n - static_cast<std::size_t>(std::popcount(s)) != fewest) continue;
    T w(1);
    for (std::size_t j = 0; j < n; ++j) {
      if (((s >> j) & 1U) == 0) w *= rate[j];
    }
    total += w;
    for (std::size_t i = 0; i < n; ++i) {
      if (((s >> i) & 1U) != 0) inside[i] += w;
    }
  }
  std::vector<T> out(n);
  for (std::size_t i = 0; i < n; ++i) {
    const auto& m = team.marginals[i];
    out[i] = m.low() + (mean_of(m) - m.low()) * inside[i] / total;
  }
  return out;
}

template <class T>
std::optional<ContinuousFixedPoint<T>> newton_fixed_point(const ContinuousTeam<T>& team,
                                                          const Protocol& protocol,
                                                          const std::vector<double>& start,
                                                          const ContinuousOptions& options) {
  validate(team);
  check_members(protocol, team.member_count());
  if (start.size() != team.member_count()) {
    throw InputError("/start", fmt::format("{} thresholds", team.member_count()),
                     fmt::format("{}", start.size()));
  }
  const auto x = newton(as_double(team), protocol, start, options);
  if (!x) return std::nullopt;
  return evaluate_point(team, protocol, *x);
}

template <class T>
ContinuousAnalysis<T> continuous_fixed_points(const ContinuousTeam<T>& team,
                                              const Protocol& protocol,
                                              const ContinuousOptions& options,
                                              Progress& progress) {
  validate(team);
  const std::size_t n = team.member_count();
  check_members(protocol, n);
  if (options.scan_points < 2) throw InputError("/scan_points", "at least 2", "fewer");
  ContinuousAnalysis<T> out;
  out.some_member_discloses_alone = some_member_discloses_alone(protocol);
  out.limit_at_lower_corner = limit_at_lower_corner(team, protocol);
  out.sufficient_condition = true;
  for (std::size_t i = 0; i < n; ++i) {
    if (!(out.limit_at_lower_corner[i] > team.marginals[i].low())) {
      out.sufficient_condition = false;
    }
  }
  const bool symmetric = identical_marginals(team) && anonymous(protocol);
  std::vector<std::string> notes;
  if (symmetric) {
    out.search = FixedPointSearch::symmetric_scan;
    const auto& m = team.marginals.front();
    std::vector<bool> losing(n + 1);
    for (std::size_t k = 0; k <= n; ++k) losing[k] = !protocol.wins((Coalition{1} << k) - 1);
    // sign of φ(t) − t = sign of Num(t) − t P(t), P(t) > 0 on (ω̲, ω̄]. The raw
    // sign, not sign_of: in double an absolute tolerance would make every t of
    // a small-scale box a "root".
    const auto raw_sign = [](const T& x) { return x > 0 ? 1 : (x < 0 ? -1 : 0); };
    const auto sign_at = [&](const T& t) {
      const auto [p, num] = symmetric_sums(m, n, losing, t);
      return raw_sign(T(num - t * p));
    };
    const T width = m.high() - m.low();
    const T target = width * from_double<T>(options.bracket_width);
    const auto steps = static_cast<long>(options.scan_points);
    progress.start("continuous fixed points (symmetric scan)", static_cast<std::uint64_t>(steps));
    // At ω̲+ the sign is that of φ(ω̲+) − ω̲ (exact limit); 0 means unknown.
    int previous = raw_sign(T(out.limit_at_lower_corner.front() - m.low()));
    T left = m.low();
    for (long k = 1; k <= steps; ++k) {
      progress.advance();
      const T t = m.low() + width * T(k) / T(steps);
      const int s = sign_at(t);
      if (s == 0) {
        ContinuousFixedPoint<T> p = evaluate_point(team, protocol, std::vector<double>(n, dbl(t)));
        p.bracket = std::make_pair(t, t);
        out.fixed_points.push_back(std::move(p));
      } else if (previous != 0 && s != previous) {
        T a = left;
        T b = t;
        bool exact_root = false;
        while (T(b - a) > target) {
          progress.check();
          const T mid = (a + b) / 2;
          // In double, a and b adjacent: the bracket cannot shrink further.
          if (!(a < mid && mid < b)) break;
          const int sm = sign_at(mid);
          if (sm == 0) {
            a = mid;
            b = mid;
            exact_root = true;
            break;
          }
          (sm == previous ? a : b) = mid;
        }
        const double estimate = exact_root ? dbl(a) : dbl(T((a + b) / 2));
        ContinuousFixedPoint<T> p =
            evaluate_point(team, protocol, std::vector<double>(n, estimate));
        p.bracket = std::make_pair(a, b);
        out.fixed_points.push_back(std::move(p));
      }
      previous = s;
      left = t;
    }
    if constexpr (NumberTraits<T>::exact) {
      std::size_t count = 0;
      std::vector<std::vector<Poly>> sequences;
      for (std::size_t k = 0; k < m.masses.size(); ++k) {
        const auto g = piece_gap(m, k, n, losing);
        if (!g) break;
        sequences.push_back(sturm_sequence(*g));
        count += sturm_count(sequences.back(), m.breakpoints[k], m.breakpoints[k + 1]);
      }
      if (sequences.size() < m.masses.size()) {
        notes.emplace_back("φ(t) = t on a whole piece: a continuum of symmetric fixed points");
      } else {
        // φ(ω̄) = E[ω] < ω̄, so the count on (ω̲, ω̄] is the count on (ω̲, ω̄).
        out.symmetric_root_count = count;
        const std::size_t scanned = out.fixed_points.size();
        if (count > scanned) {
          // Roots the scan missed (closer than a grid step, or tangencies):
          // isolate every root by Sturm bisection and add the ones outside the
          // scan's brackets, each certified by a Sturm count of 1 on (a, b].
          for (std::size_t k = 0; k < m.masses.size(); ++k) {
            std::vector<std::pair<Rational, Rational>> intervals;
            isolate(sequences[k], m.breakpoints[k], m.breakpoints[k + 1], target, intervals);
            for (const auto& interval : intervals) {
              const Rational& a = interval.first;
              const Rational& b = interval.second;
              const bool known = std::any_of(
                  out.fixed_points.begin(), out.fixed_points.begin() + static_cast<long>(scanned),
                  [&](const ContinuousFixedPoint<T>& f) {
                    return !(f.bracket->second < a || b < f.bracket->first);
                  });
              if (known) continue;
              ContinuousFixedPoint<T> p =
                  evaluate_point(team, protocol, std::vector<double>(n, dbl(T((a + b) / 2))));
              p.bracket = std::make_pair(a, b);
              p.sturm_certified = true;
              out.fixed_points.push_back(std::move(p));
            }
          }
        }
        notes.push_back(fmt::format(
            "Sturm sequences count exactly {} distinct symmetric root(s) on (ω̲, ω̄){}", count,
            count == scanned ? ", all found by the scan"
                             : fmt::format(", the scan found {}; the others were isolated by "
                                           "Sturm bisection",
                                           scanned)));
      }
    }
    notes.push_back(fmt::format(
        "symmetric thresholds: φ(t) − t scanned at {} grid points on (ω̲, ω̄] in {} arithmetic "
        "(sign at ω̲+ from the exact limit Φ(ω̲+)), each sign change bisected to width {:g}·(ω̄ "
        "− ω̲); two roots within one grid step, or a tangency, would be missed",
        steps, NumberTraits<T>::name, options.bracket_width));
  }
  if (!symmetric || n <= options.asymmetric_search_max_members) {
    std::size_t starts = 0;
    progress.start("continuous fixed points (multi-start Newton)");
    const auto roots = multistart(as_double(team), protocol, options, progress, &starts);
    std::size_t added = 0;
    for (const auto& r : roots) {
      // A root the symmetric scan already certified is not listed twice.
      const bool known = std::any_of(
          out.fixed_points.begin(), out.fixed_points.end(), [&](const ContinuousFixedPoint<T>& f) {
            for (std::size_t i = 0; i < n; ++i) {
              const auto& m = team.marginals[i];
              if (std::fabs(f.thresholds[i] - r[i]) > 1e-7 * dbl(T(m.high() - m.low()))) {
                return false;
              }
            }
            return true;
          });
      if (known) continue;
      out.fixed_points.push_back(evaluate_point(team, protocol, r));
      ++added;
    }
    notes.push_back(fmt::format(
        "{}multi-start Newton from {} starts (search-based, not exhaustive), accepted at "
        "|Φ_i(t) − t_i| <= {:g}·min(ω̄_i − ω̲_i, t_i − ω̲_i){}",
        symmetric ? "asymmetric thresholds: " : "", starts, options.tolerance,
        symmetric ? fmt::format(", {} further root(s)", added) : ""));
  } else {
    notes.push_back(fmt::format("asymmetric thresholds not searched (N = {} > {})", n,
                                options.asymmetric_search_max_members));
  }
  std::sort(out.fixed_points.begin(), out.fixed_points.end(),
            [](const auto& a, const auto& b) { return a.thresholds < b.thresholds; });
  for (const auto& note : notes) out.method += (out.method.empty() ? "" : "; ") + note;
  return out;
}

template <class T>
Team<T> discretise(const ContinuousTeam<T>& team, std::size_t n) {
  validate(team);
  if (n < 2) throw InputError("/grid", "at least 2 grid points per member", fmt::format("{}", n));
  Team<T> out;
  out.members = team.members;
  std::vector<std::vector<T>> mass;
  for (const auto& m : team.marginals) {
    const T step = (m.high() - m.low()) / T(static_cast<long>(n));
    std::vector<T> values;
    std::vector<T> p;
    T previous_cdf(0);
    for (std::size_t k = 0; k < n; ++k) {
      const T right = k + 1 == n ? m.high() : T(m.low() + step * T(static_cast<long>(k + 1)));
      values.push_back(m.low() + step * (T(static_cast<long>(k)) + T(1) / T(2)));
      const T cdf = moments(m, right).cdf;
      p.push_back(cdf - previous_cdf);
      previous_cdf = cdf;
    }
    out.values.push_back(std::move(values));
    mass.push_back(std::move(p));
  }
  out.prior.assign(1, T(1));
  for (const auto& p : mass) {
    std::vector<T> next;
    next.reserve(out.prior.size() * p.size());
    for (const auto& a : out.prior) {
      for (const auto& b : p) next.push_back(a * b);
    }
    out.prior = std::move(next);
  }
  return out;
}

template <class T>
DiscretisationStudy<T> discretisation_study(const ContinuousTeam<T>& team, const Protocol& protocol,
                                            const std::vector<std::size_t>& grid_sizes,
                                            const DiscretisationOptions& options,
                                            Progress& progress) {
  validate(team);
  const std::size_t members = team.member_count();
  check_members(protocol, members);
  // Refuse before any grid is built: each has n^N cells and (2n + 1)^N profiles.
  for (const std::size_t n : grid_sizes) {
    const double profiles =
        std::pow(2.0 * static_cast<double>(n) + 1, static_cast<double>(members));
    if (!(profiles <= static_cast<double>(options.equilibria.max_profiles))) {
      throw InputError("/grid",
                       fmt::format("grids with at most {} threshold profiles (2n + 1)^N",
                                   options.equilibria.max_profiles),
                       fmt::format("n = {} with N = {}: {:.3g}", n, members, profiles));
    }
  }
  DiscretisationStudy<T> study;
  for (const std::size_t n : grid_sizes) {
    DiscreteGrid<T> grid;
    grid.n = n;
    const Team<T> discrete = discretise(team, n);
    for (auto& e : all_equilibria(discrete, protocol, options.equilibria, progress)) {
      DiscreteClass<T> c;
      c.n_times_prob_no_disclosure = e.prob_no_disclosure * T(static_cast<long>(n));
      const bool interior = e.kind == DisclosureKind::interior;
      if (e.kind == DisclosureKind::full) {
        c.flag = ArtefactFlag::full_disclosure;
        c.reason = "full disclosure: an equilibrium of the continuum too (Theorem 4.1)";
      } else if (dbl(c.n_times_prob_no_disclosure) <= options.vanishing_mass) {
        c.flag = ArtefactFlag::vanishing;
        c.reason = fmt::format(
            "n·P(ND) = {} <= {:g}: concealment on O(1) grid cells, P(ND) → 0 as n grows{}",
            NumberTraits<T>::to_text(c.n_times_prob_no_disclosure), options.vanishing_mass,
            interior ? "" : "; not interior, which Theorem 4.3 rules out in the continuum");
      } else {
        c.flag = ArtefactFlag::kept;
        c.reason = interior ? "interior, P(ND) bounded away from 0"
                            : "partial but not interior: Theorem 4.3 rules this out in the "
                              "continuum; try a finer grid";
      }
      c.equilibrium = std::move(e);
      grid.classes.push_back(std::move(c));
    }
    // Single-linkage clusters of kept classes within cluster_steps grid steps
    // (max norm over members, in units of each member's step).
    std::vector<std::size_t> kept;
    for (std::size_t k = 0; k < grid.classes.size(); ++k) {
      if (grid.classes[k].flag == ArtefactFlag::kept &&
          !grid.classes[k].equilibrium.posterior.empty()) {
        kept.push_back(k);
      }
    }
    std::vector<std::size_t> root(kept.size());
    std::iota(root.begin(), root.end(), 0);
    const auto find = [&](std::size_t x) {
      while (root[x] != x) x = root[x] = root[root[x]];
      return x;
    };
    const auto close = [&](const std::vector<T>& a, const std::vector<T>& b) {
      for (std::size_t i = 0; i < members; ++i) {
        const auto& m = team.marginals[i];
        const double step = dbl(T(m.high() - m.low())) / static_cast<double>(n);
        if (std::fabs(dbl(T(a[i] - b[i]))) > options.cluster_steps * step) return false;
      }
      return true;
    };
    for (std::size_t a = 0; a < kept.size(); ++a) {
      for (std::size_t b = a + 1; b < kept.size(); ++b) {
        if (close(grid.classes[kept[a]].equilibrium.posterior,
                  grid.classes[kept[b]].equilibrium.posterior)) {
          root[find(b)] = find(a);
        }
      }
    }
    for (std::size_t a = 0; a < kept.size(); ++a) {
      const std::size_t r = find(a);
      auto& first = grid.classes[kept[r]];
      if (!first.cluster) {
        first.cluster = grid.clusters.size();
        grid.clusters.emplace_back();
      }
      auto& cluster = grid.clusters[*first.cluster];
      auto& c = grid.classes[kept[a]];
      if (a != r) {
        c.cluster = first.cluster;
        c.flag = ArtefactFlag::clustered;
        c.reason = fmt::format(
            "within {:g} grid step(s) of class {}: grid-induced multiplicity of one root",
            options.cluster_steps, kept[r]);
      }
      cluster.classes.push_back(kept[a]);
    }
    for (auto& cluster : grid.clusters) {
      cluster.mean_posterior.assign(members, 0.0);
      for (const std::size_t k : cluster.classes) {
        for (std::size_t i = 0; i < members; ++i) {
          cluster.mean_posterior[i] += dbl(grid.classes[k].equilibrium.posterior[i]) /
                                       static_cast<double>(cluster.classes.size());
        }
      }
      cluster.polished = newton_fixed_point(team, protocol, cluster.mean_posterior, options.polish);
    }
    study.grids.push_back(std::move(grid));
  }
  return study;
}

const char* artefact_flag_text(ArtefactFlag flag) {
  switch (flag) {
    case ArtefactFlag::full_disclosure: return "full disclosure";
    case ArtefactFlag::kept: return "kept";
    case ArtefactFlag::vanishing: return "vanishing (dropped)";
    default: return "clustered (dropped)";
  }
}

template void validate(const ContinuousTeam<Rational>&);
template void validate(const ContinuousTeam<double>&);
template ContinuousTeam<Rational> uniform_team(std::size_t, const Rational&, const Rational&);
template ContinuousTeam<double> uniform_team(std::size_t, const double&, const double&);
template MarginalMoments<Rational> moments(const PiecewiseUniform<Rational>&, const Rational&);
template MarginalMoments<double> moments(const PiecewiseUniform<double>&, const double&);
template NoDisclosureMap<Rational> no_disclosure_map(const ContinuousTeam<Rational>&,
                                                     const Protocol&, const std::vector<Rational>&);
template NoDisclosureMap<double> no_disclosure_map(const ContinuousTeam<double>&, const Protocol&,
                                                   const std::vector<double>&);
template std::vector<Rational> limit_at_lower_corner(const ContinuousTeam<Rational>&,
                                                     const Protocol&);
template std::vector<double> limit_at_lower_corner(const ContinuousTeam<double>&, const Protocol&);
template ContinuousAnalysis<Rational> continuous_fixed_points(const ContinuousTeam<Rational>&,
                                                              const Protocol&,
                                                              const ContinuousOptions&, Progress&);
template ContinuousAnalysis<double> continuous_fixed_points(const ContinuousTeam<double>&,
                                                            const Protocol&,
                                                            const ContinuousOptions&, Progress&);
template std::optional<ContinuousFixedPoint<Rational>> newton_fixed_point(
    const ContinuousTeam<Rational>&, const Protocol&, const std::vector<double>&,
    const ContinuousOptions&);
template std::optional<ContinuousFixedPoint<double>> newton_fixed_point(
    const ContinuousTeam<double>&, const Protocol&, const std::vector<double>&,
    const ContinuousOptions&);
template Team<Rational> discretise(const ContinuousTeam<Rational>&, std::size_t);
template Team<double> discretise(const ContinuousTeam<double>&, std::size_t);
template DiscretisationStudy<Rational> discretisation_study(const ContinuousTeam<Rational>&,
                                                            const Protocol&,
                                                            const std::vector<std::size_t>&,
                                                            const DiscretisationOptions&,
                                                            Progress&);
template DiscretisationStudy<double> discretisation_study(const ContinuousTeam<double>&,
                                                          const Protocol&,
                                                          const std::vector<std::size_t>&,
                                                          const DiscretisationOptions&, Progress&);

}  // namespace mechlab::disclosure
