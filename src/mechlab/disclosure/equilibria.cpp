#include "mechlab/disclosure/equilibria.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <map>
#include <numeric>
#include <utility>

#include "mechlab/core/error.hpp"

namespace mechlab::disclosure {

namespace {

template <class T>
bool is_zero(const T& x) {
  return sign_of(x) == 0;
}

template <class T>
std::string text(const T& x) {
  return NumberTraits<T>::to_text(x);
}

// The exact square root of x when it is a square in T (always for double).
template <class T>
std::optional<T> exact_sqrt(const T& x) {
  if constexpr (NumberTraits<T>::exact) {
    const mpz_class& num = x.get_num();
    const mpz_class& den = x.get_den();
    if (mpz_perfect_square_p(num.get_mpz_t()) == 0 || mpz_perfect_square_p(den.get_mpz_t()) == 0) {
      return std::nullopt;
    }
    Rational root(sqrt(num), sqrt(den));
    root.canonicalize();
    return root;
  } else {
    return std::sqrt(x);
  }
}

// P(ND) and Σ_ω F(ω)(1 − d(ω)) ω_i of one pure vote profile: the numerator and
// denominator of eq. (2). Everything in §3.3 is multilinear in the mixing
// probabilities, so corners (pure profiles) are all we need to store.
template <class T>
struct Aggregate {
  T p = T(0);
  std::vector<T> num;
};

// A member's threshold type (§3.3): P(c) votes yes at value index k >= c;
// M(k) votes no below k, mixes at k and yes above.
struct ThresholdType {
  bool mixes = false;
  std::size_t cut = 0;  // c for P(c), k for M(k)
};

template <class T>
struct Search {
  const Team<T>& team;
  const Protocol& protocol;
  std::size_t n = 0;
  std::vector<std::size_t> m;            // |Ω_i|
  std::vector<std::size_t> stride;       // of member i in the cell index (member 0 slowest)
  std::vector<std::size_t> pure_stride;  // of member i in the pure-profile index (cuts 0..m_i)
  std::vector<std::vector<std::size_t>> digits;  // digits[cell][i]
  std::vector<Aggregate<T>> pure;                // by pure-profile index
};

template <class T>
Search<T> prepare(const Team<T>& team, const Protocol& protocol) {
  Search<T> s{team, protocol, 0, {}, {}, {}, {}, {}};
  s.n = team.member_count();
  s.m.resize(s.n);
  s.stride.assign(s.n, 1);
  s.pure_stride.assign(s.n, 1);
  for (std::size_t i = 0; i < s.n; ++i) s.m[i] = team.values[i].size();
  for (std::size_t i = s.n; i-- > 1;) {
    s.stride[i - 1] = s.stride[i] * s.m[i];
    s.pure_stride[i - 1] = s.pure_stride[i] * (s.m[i] + 1);
  }
  const std::size_t cells = team.prior.size();
  s.digits.assign(cells, std::vector<std::size_t>(s.n));
  for (std::size_t c = 0; c < cells; ++c) {
    for (std::size_t i = 0; i < s.n; ++i) s.digits[c][i] = (c / s.stride[i]) % s.m[i];
  }
  return s;
}

// The same aggregates from summed-area tables: under pure cuts c the team
// conceals on the boxes {ω_i >= c_i (i ∈ S), ω_i < c_i (i ∉ S)} of the losing
// coalitions S, and each box sum is 2^|S| table lookups (inclusion–exclusion)
// instead of a pass over Ω. In double, differences of prefix sums leave
// residues of the order of the rounding error where the exact sum is 0; they
// are below the sign tolerance (NumberTraits<double>::sign), so P = 0 stays 0.
template <class T>
void compute_pure_aggregates_by_boxes(Search<T>& s, const std::vector<Coalition>& losing,
                                      Progress& progress) {
  const std::size_t count = s.pure_stride[0] * (s.m[0] + 1);
  // table[0]: Σ F over {ω : ω_i < c_i ∀i}; table[1 + i]: the same of F·ω_i.
  std::vector<std::vector<T>> table(s.n + 1, std::vector<T>(count, T(0)));
  for (std::size_t c = 0; c < s.digits.size(); ++c) {
    std::size_t index = 0;
    for (std::size_t i = 0; i < s.n; ++i) index += (s.digits[c][i] + 1) * s.pure_stride[i];
    const T& f = s.team.prior[c];
    table[0][index] = f;
    for (std::size_t i = 0; i < s.n; ++i)
      table[1 + i][index] = f * s.team.values[i][s.digits[c][i]];
  }
  for (auto& sums : table) {
    for (std::size_t i = 0; i < s.n; ++i) {
      for (std::size_t index = 0; index < count; ++index) {
        if ((index / s.pure_stride[i]) % (s.m[i] + 1) != 0)
          sums[index] += sums[index - s.pure_stride[i]];
      }
    }
    progress.check();
  }
  s.pure.assign(count, Aggregate<T>{T(0), std::vector<T>(s.n, T(0))});
  std::vector<std::size_t> cut(s.n, 0);
  for (std::size_t index = 0; index < count; ++index) {
    for (std::size_t i = 0; i < s.n; ++i) cut[i] = (index / s.pure_stride[i]) % (s.m[i] + 1);
    Aggregate<T>& agg = s.pure[index];
    for (const Coalition yes : losing) {
      // Box [lo, hi) per member; members of S with c_i > 0 have a lower face.
      std::size_t upper = 0;
      Coalition lower_faces = 0;
      bool empty = false;
      for (std::size_t i = 0; i < s.n; ++i) {
        const bool in = ((yes >> i) & 1U) != 0;
        const std::size_t hi = in ? s.m[i] : cut[i];
        empty = empty || (in ? cut[i] == s.m[i] : cut[i] == 0);
        upper += hi * s.pure_stride[i];
        if (in && cut[i] > 0) lower_faces |= Coalition{1} << i;
      }
      if (empty) continue;
      // Inclusion–exclusion over the subsets R of the lower faces.
      for (Coalition r = lower_faces;; r = (r - 1) & lower_faces) {
        std::size_t corner = upper;
        for (std::size_t i = 0; i < s.n; ++i) {
          if (((r >> i) & 1U) != 0) corner -= (s.m[i] - cut[i]) * s.pure_stride[i];
        }
        if (std::popcount(r) % 2 == 0) {
          agg.p += table[0][corner];
          for (std::size_t i = 0; i < s.n; ++i) agg.num[i] += table[1 + i][corner];
        } else {
          agg.p -= table[0][corner];
          for (std::size_t i = 0; i < s.n; ++i) agg.num[i] -= table[1 + i][corner];
        }
        if (r == 0) break;
      }
    }
    if (index % 256 == 0) progress.check();
  }
}

template <class T>
void compute_pure_aggregates(Search<T>& s, bool summed_area, Progress& progress) {
  const std::size_t count = s.pure_stride[0] * (s.m[0] + 1);
  if (summed_area) {
    std::vector<Coalition> losing;
    for (Coalition yes = 0; yes <= s.protocol.all(); ++yes) {
      if (!s.protocol.wins(yes)) losing.push_back(yes);
    }
    // Box sums cost about |losing|·2^N lookups per profile, a pass |Ω| cells.
    if ((losing.size() << s.n) < s.digits.size()) {
      compute_pure_aggregates_by_boxes(s, losing, progress);
      return;
    }
  }
  s.pure.assign(count, Aggregate<T>{T(0), std::vector<T>(s.n, T(0))});
  std::vector<std::size_t> cut(s.n, 0);
  for (std::size_t index = 0; index < count; ++index) {
    for (std::size_t i = 0; i < s.n; ++i) cut[i] = (index / s.pure_stride[i]) % (s.m[i] + 1);
    Aggregate<T>& agg = s.pure[index];
    for (std::size_t c = 0; c < s.digits.size(); ++c) {
      Coalition yes = 0;
      for (std::size_t i = 0; i < s.n; ++i) {
        if (s.digits[c][i] >= cut[i]) yes |= Coalition{1} << i;
      }
      if (s.protocol.wins(yes)) continue;
      const T& f = s.team.prior[c];
      agg.p += f;
      for (std::size_t i = 0; i < s.n; ++i) agg.num[i] += f * s.team.values[i][s.digits[c][i]];
    }
    if (index % 256 == 0) progress.check();
  }
}

// One candidate profile: types, its mixers and their corners.
template <class T>
struct Profile {
  std::vector<ThresholdType> type;
  std::vector<std::size_t> mixers;
  std::vector<const Aggregate<T>*>
      corners;  // by bitmask over mixers (bit q set: mixer q votes yes)
};

template <class T>
Aggregate<T> at(const Search<T>& s, const Profile<T>& prof, const std::vector<T>& alpha) {
  Aggregate<T> out{T(0), std::vector<T>(s.n, T(0))};
  for (std::size_t b = 0; b < prof.corners.size(); ++b) {
    T weight(1);
    for (std::size_t q = 0; q < prof.mixers.size(); ++q) {
      weight *= ((b >> q) & 1U) != 0 ? alpha[q] : T(1 - alpha[q]);
    }
    if (is_zero(weight) && NumberTraits<T>::exact) continue;
    out.p += weight * prof.corners[b]->p;
    for (std::size_t i = 0; i < s.n; ++i) out.num[i] += weight * prof.corners[b]->num[i];
  }
  return out;
}

// g_r of §3.3 at each corner: Num_i − v_{i,k} P for mixer r = i.
template <class T>
std::vector<T> mixer_gap_at_corners(const Search<T>& s, const Profile<T>& prof, std::size_t r) {
  const std::size_t i = prof.mixers[r];
  const T& t = s.team.values[i][prof.type[i].cut];
  std::vector<T> g;
  for (const auto* corner : prof.corners) g.push_back(corner->num[i] - t * corner->p);
  return g;
}

// The pure members' belief constraints v_{j,c-1} P <= Num_j <= v_{j,c} P and P > 0,
// plus (unless approximate) the mixers' Num_i = v_{i,k} P.
template <class T>
bool acceptable(const Search<T>& s, const Profile<T>& prof, const std::vector<T>& alpha,
                bool approximate) {
  for (const T& a : alpha) {
    if (sign_of(a) <= 0 || sign_of(T(a - 1)) >= 0) return false;
  }
  const Aggregate<T> agg = at(s, prof, alpha);
  if (sign_of(agg.p) <= 0) return false;
  for (std::size_t i = 0; i < s.n; ++i) {
    const auto& v = s.team.values[i];
    const ThresholdType& ty = prof.type[i];
    if (ty.mixes) {
      const T gap = agg.num[i] - v[ty.cut] * agg.p;
      if (approximate) {
        if (std::fabs(NumberTraits<T>::to_double(gap / agg.p)) > 1e-9) return false;
      } else if (!is_zero(gap)) {
        return false;
      }
      continue;
    }
    if (ty.cut > 0 && sign_of(T(v[ty.cut - 1] * agg.p - agg.num[i])) > 0) return false;
    if (ty.cut < s.m[i] && sign_of(T(agg.num[i] - v[ty.cut] * agg.p)) > 0) return false;
  }
  return true;
}

template <class T>
struct Candidate {
  std::vector<T> alpha;
  bool degenerate = false;
  bool approximate = false;
  std::string family;
};

// α in an interval, cut down by affine constraints a + b α <= 0 (or < 0).
template <class T>
struct Interval {
  T lo = T(0);
  T hi = T(1);
  bool lo_open = true;
  bool hi_open = true;

  void restrict(const T& a, const T& b, bool strict) {
    const int sb = sign_of(b);
    if (sb == 0) {
      const int sa = sign_of(a);
      if (sa > 0 || (strict && sa == 0)) {
        lo = T(1);
        hi = T(0);
      }
      return;
    }
    const T bound = -a / b;
    if (sb > 0) {
      if (bound < hi || (nearly_equal(bound, hi) && strict)) {
        hi_open = strict || (nearly_equal(bound, hi) && hi_open);
        hi = bound;
      }
    } else if (bound > lo || (nearly_equal(bound, lo) && strict)) {
      lo_open = strict || (nearly_equal(bound, lo) && lo_open);
      lo = bound;
    }
  }
  bool empty() const {
    if (nearly_equal(lo, hi)) return lo_open || hi_open;
    return lo > hi;
  }
};

template <class T>
std::string mixing_text(const Search<T>& s, const Profile<T>& prof, std::size_t q) {
  const std::size_t i = prof.mixers[q];
  return fmt::format("{} favours disclosure with probability α at {} = {}", s.team.members[i],
                     s.team.members[i], text(s.team.values[i][prof.type[i].cut]));
}

// One mixer: g(α) = g0 + α (g1 − g0) is affine (§3.3 step 2).
template <class T>
std::vector<Candidate<T>> solve_one_mixer(const Search<T>& s, const Profile<T>& prof) {
  const std::vector<T> g = mixer_gap_at_corners(s, prof, 0);
  const T slope = g[1] - g[0];
  if (!is_zero(slope)) {
    const T root = g[0] / (g[0] - g[1]);
    if (acceptable(s, prof, {root}, false)) return {Candidate<T>{{root}, false, false, {}}};
    return {};
  }
  if (!is_zero(g[0])) return {};
  // g ≡ 0: the mixer's own belief holds for every α; the pure members'
  // constraints and P > 0 cut out an interval (a degenerate continuum).
  const Aggregate<T>& a0 = *prof.corners[0];
  const Aggregate<T>& a1 = *prof.corners[1];
  Interval<T> range;
  range.restrict(T(-a0.p), T(a0.p - a1.p), true);
  for (std::size_t j = 0; j < s.n; ++j) {
    const ThresholdType& ty = prof.type[j];
    if (ty.mixes) continue;
    const auto& v = s.team.values[j];
    if (ty.cut > 0) {
      const T h0 = v[ty.cut - 1] * a0.p - a0.num[j];
      const T h1 = v[ty.cut - 1] * a1.p - a1.num[j];
      range.restrict(h0, T(h1 - h0), false);
    }
    if (ty.cut < s.m[j]) {
      const T h0 = a0.num[j] - v[ty.cut] * a0.p;
      const T h1 = a1.num[j] - v[ty.cut] * a1.p;
      range.restrict(h0, T(h1 - h0), false);
    }
  }
  if (range.empty()) return {};
  if (nearly_equal(range.lo, range.hi)) {
    if (acceptable(s, prof, {range.lo}, false)) return {Candidate<T>{{range.lo}, false, false, {}}};
    return {};
  }
  Candidate<T> c{{T((range.lo + range.hi) / 2)}, true, false, {}};
  c.family = fmt::format("{}, for every α in {}{}, {}{} (shown at α = {})", mixing_text(s, prof, 0),
                         range.lo_open ? "(" : "[", text(range.lo), text(range.hi),
                         range.hi_open ? ")" : "]", text(c.alpha[0]));
  if (!acceptable(s, prof, c.alpha, false)) {
    throw InternalError("disclosure: midpoint of a one-mixer family fails its own constraints");
  }
  return {c};
}

// Bilinear g_r = A + B a + C b + E a b from the four corners (bit 0: a, bit 1: b).
template <class T>
std::array<T, 4> bilinear(const std::vector<T>& g) {
  return {g[0], T(g[1] - g[0]), T(g[2] - g[0]), T(g[3] - g[1] - g[2] + g[0])};
}

template <class T>
bool all_zero(const std::array<T, 4>& c) {
  return std::all_of(c.begin(), c.end(), [](const T& x) { return is_zero(x); });
}

// Two mixers on a continuum (some g_r vanishes identically, or both share a
// factor): probe a few values of a, solve for b, report the first point found.
// The family is not delimited.
template <class T>
std::vector<Candidate<T>> probe_family(const Search<T>& s, const Profile<T>& prof,
                                       const std::array<T, 4>& g1, const std::array<T, 4>& g2,
                                       const std::optional<T>& fixed_a) {
  const std::vector<Rational> samples{fraction(1, 2), fraction(1, 3), fraction(2, 3),
                                      fraction(1, 4), fraction(3, 4), fraction(1, 5),
                                      fraction(4, 5)};
  std::vector<T> as;
  if (fixed_a) {
    as.push_back(*fixed_a);
  } else {
    for (const auto& x : samples) as.push_back(NumberTraits<T>::from_rational(x));
  }
  for (const T& a : as) {
    const std::array<std::pair<T, T>, 2> lines{
        std::pair<T, T>{T(g1[0] + g1[1] * a), T(g1[2] + g1[3] * a)},
        std::pair<T, T>{T(g2[0] + g2[1] * a), T(g2[2] + g2[3] * a)}};
    std::vector<T> bs;
    bool free_b = true;
    for (const auto& [c0, cb] : lines) {
      if (!is_zero(cb)) {
        bs = {T(-c0 / cb)};
        free_b = false;
        break;
      }
      if (!is_zero(c0)) {
        free_b = false;
        bs.clear();
        break;
      }
    }
    if (free_b) {
      for (const auto& x : samples) bs.push_back(NumberTraits<T>::from_rational(x));
    }
    for (const T& b : bs) {
      // Both equations at (a, b), checked in acceptable().
      if (acceptable(s, prof, {a, b}, false)) {
        Candidate<T> c{{a, b}, true, false, {}};
        c.family = fmt::format(
            "a continuum in which {} and {} both mix (not delimited; shown at α = ({}, {}))",
            s.team.members[prof.mixers[0]], s.team.members[prof.mixers[1]], text(a), text(b));
        return {c};
      }
    }
  }
  return {};
}

// Two mixers (§3.3 step 3): eliminate b from g_1 and substitute into g_2.
template <class T>
std::vector<Candidate<T>> solve_two_mixers(const Search<T>& s, const Profile<T>& prof) {
  const auto g1 = bilinear(mixer_gap_at_corners(s, prof, 0));
  const auto g2 = bilinear(mixer_gap_at_corners(s, prof, 1));
  if (all_zero(g1) || all_zero(g2)) return probe_family<T>(s, prof, g1, g2, std::nullopt);
  // Named references, not structured bindings: lambdas below capture them.
  const T& a1 = g1[0];
  const T& b1 = g1[1];
  const T& c1 = g1[2];
  const T& e1 = g1[3];
  const T& a2 = g2[0];
  const T& b2 = g2[1];
  const T& c2 = g2[2];
  const T& e2 = g2[3];
  std::vector<Candidate<T>> out;
  // b at a from g_2 = 0 (used where g_1 vanishes for every b).
  auto from_second = [&](const T& a) {
    const T cb = c2 + e2 * a;
    const T c0 = a2 + b2 * a;
    if (!is_zero(cb)) {
      if (acceptable(s, prof, {a, T(-c0 / cb)}, false))
        out.push_back({{a, T(-c0 / cb)}, false, false, {}});
    } else if (is_zero(c0)) {
      for (auto& c : probe_family<T>(s, prof, g1, g2, a)) out.push_back(std::move(c));
    }
  };
  if (is_zero(c1) && is_zero(e1)) {
    // g_1 = A_1 + B_1 a does not involve b.
    if (!is_zero(b1)) from_second(T(-a1 / b1));
    return out;
  }
  const T q2 = b2 * e1 - e2 * b1;
  const T q1 = a2 * e1 + b2 * c1 - c2 * b1 - e2 * a1;
  const T q0 = a2 * c1 - c2 * a1;
  if (is_zero(q2) && is_zero(q1) && is_zero(q0))
    return probe_family<T>(s, prof, g1, g2, std::nullopt);
  auto with_a = [&](const T& a, bool approximate, const std::string& note) {
    const T den = c1 + e1 * a;
    if (is_zero(den)) return;
    const T b = -(a1 + b1 * a) / den;
    if (acceptable(s, prof, {a, b}, approximate)) {
      Candidate<T> c{{a, b}, false, approximate, note};
      out.push_back(std::move(c));
    }
  };
  if (is_zero(q2)) {
    if (!is_zero(q1)) with_a(T(-q0 / q1), false, {});
  } else {
    const T disc = q1 * q1 - 4 * q2 * q0;
    if (sign_of(disc) >= 0) {
      if (const auto root = exact_sqrt(disc)) {
        with_a(T((-q1 - *root) / (2 * q2)), false, {});
        if (!is_zero(*root)) with_a(T((-q1 + *root) / (2 * q2)), false, {});
      } else {
        // An irrational root: not representable in Rational. Report the
        // nearest double, snapped, and say so.
        const double dq2 = NumberTraits<T>::to_double(q2);
        const double dq1 = NumberTraits<T>::to_double(q1);
        const double sq = std::sqrt(NumberTraits<T>::to_double(disc));
        for (const double a : {(-dq1 - sq) / (2 * dq2), (-dq1 + sq) / (2 * dq2)}) {
          if (!(a > 0 && a < 1)) continue;
          with_a(NumberTraits<T>::from_rational(rational_from_double(a)), true,
                 fmt::format("approximate: the mixing probability of {} is an irrational root "
                             "of {}·a² + {}·a + {} (a ≈ {:.15g}); values are rounded",
                             s.team.members[prof.mixers[0]], text(q2), text(q1), text(q0), a));
        }
      }
    }
  }
  if (!is_zero(e1)) {
    // Where C_1 + E_1 a = 0 the elimination divides by zero: g_1 = 0 needs A_1 + B_1 a = 0.
    const T a = -c1 / e1;
    if (is_zero(T(a1 + b1 * a))) from_second(a);
  }
  return out;
}

// §3.3 step 4: three or more mixers, by subdivision of the box of mixing
// probabilities. The functions are multilinear, so on any sub-box they are
// the multilinear interpolation of their values at its 2^M vertices:
// bisecting a box averages vertex values, and the extremes over a box are at
// its vertices.

// A profile's functions at the corners of (0,1)^M (bit q of a corner: mixer q
// at α = 1), function-major: P, then g_r = Num_i − v_{i,k} P for each mixer
// r = i, then the pure members' belief constraints h (satisfied where h <= 0).
template <class T>
struct MixingSystem {
  std::size_t dims = 0;
  std::size_t functions = 0;
  std::vector<T> corners;
};

template <class T>
MixingSystem<T> mixing_system(const Search<T>& s, const Profile<T>& prof) {
  MixingSystem<T> sys;
  sys.dims = prof.mixers.size();
  auto add = [&](const auto& value) {
    for (const auto* corner : prof.corners) sys.corners.push_back(value(*corner));
    ++sys.functions;
  };
  add([](const Aggregate<T>& a) { return a.p; });
  for (const std::size_t i : prof.mixers) {
    const T& t = s.team.values[i][prof.type[i].cut];
    add([&](const Aggregate<T>& a) { return T(a.num[i] - t * a.p); });
  }
  for (std::size_t j = 0; j < s.n; ++j) {
    const ThresholdType& ty = prof.type[j];
    if (ty.mixes) continue;
    const auto& v = s.team.values[j];
    if (ty.cut > 0) add([&](const Aggregate<T>& a) { return T(v[ty.cut - 1] * a.p - a.num[j]); });
    if (ty.cut < s.m[j]) add([&](const Aggregate<T>& a) { return T(a.num[j] - v[ty.cut] * a.p); });
  }
  return sys;
}

// Whether a box holds no solution in the open cube (0,1)^M; the box is given
// by its vertex values and the depth and position of its sides. Multilinear
// interpolation writes f(α) = Σ_v λ_v(α) f(v) with λ_v >= 0. For α in the
// open cube, λ_v(α) > 0 at some vertex v whose sides in each bisected
// direction are not on the cube's boundary (an "inner" side pattern), and P > 0
// at such a vertex unless P ≡ 0. So f has a strict sign s on the box where it
// matters when s·f >= 0 at every vertex and every inner side pattern has a
// vertex with s·f > 0. This is exact (in Rational mode) and lets boxes touching
// the FD face (P = 0, where g ≡ 0, the spec's caveat) or another profile's
// solution on the cube's boundary be discarded. In double mode signs use the
// library's tolerance (NumberTraits<double>::tolerance): values within 1e-12
// of 0 count as 0.
template <class T>
bool excluded(const MixingSystem<T>& sys, const std::vector<T>& values,
              const std::vector<std::uint64_t>& index, const std::vector<std::size_t>& depth) {
  const std::size_t vertices = std::size_t{1} << sys.dims;
  // Bits of the bisected directions, and the sides there on the cube's boundary.
  std::size_t deep = 0;
  std::size_t lower_on_boundary = 0;
  std::size_t upper_on_boundary = 0;
  for (std::size_t q = 0; q < sys.dims; ++q) {
    if (depth[q] == 0) continue;
    deep |= std::size_t{1} << q;
    if (index[q] == 0) lower_on_boundary |= std::size_t{1} << q;
    if (index[q] + 1 == (std::uint64_t{1} << depth[q])) upper_on_boundary |= std::size_t{1} << q;
  }
  auto inner = [&](std::size_t v) {
    return (v & upper_on_boundary) == 0 && (~v & deep & lower_on_boundary) == 0;
  };
  if (std::none_of(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(vertices),
                   [](const T& p) { return sign_of(p) > 0; })) {
    return true;  // P ≡ 0 on the box (P >= 0 everywhere)
  }
  std::vector<char> strict(vertices);
  for (std::size_t f = 1; f < sys.functions; ++f) {
    const std::size_t row = f * vertices;
    for (const int s : {1, -1}) {
      if (f > sys.dims && s < 0) continue;  // a belief constraint h excludes only where h > 0
      bool weak = true;
      std::fill(strict.begin(), strict.end(), 0);
      for (std::size_t v = 0; v < vertices && weak; ++v) {
        const int sign = s * sign_of(values[row + v]);
        weak = sign >= 0;
        if (sign > 0) strict[v & deep] = 1;
      }
      if (!weak) continue;
      bool covered = true;
      for (std::size_t key = 0; key < vertices && covered; ++key) {
        if ((key & ~deep) == 0 && inner(key) && strict[key] == 0) covered = false;
      }
      if (covered) return true;
    }
  }
  return false;
}

// A dyadic sub-box: [k_q, k_q + 1]·2^-depth_q in each α_q (the depths are
// common to one level of the search), with its vertex values.
template <class T>
struct MixingBox {
  std::vector<std::uint64_t> index;
  std::vector<T> values;
};

template <class T>
MixingBox<T> half(const MixingSystem<T>& sys, const MixingBox<T>& box, std::size_t q, bool upper) {
  MixingBox<T> out{box.index, box.values};
  out.index[q] = 2 * box.index[q] + (upper ? 1 : 0);
  const std::size_t vertices = std::size_t{1} << sys.dims;
  const std::size_t bit = std::size_t{1} << q;
  for (std::size_t f = 0; f < sys.functions; ++f) {
    const std::size_t row = f * vertices;
    for (std::size_t v = 0; v < vertices; ++v) {
      if ((v & bit) != 0) continue;
      T mid = box.values[row + v] + box.values[row + (v | bit)];
      mid /= 2;
      out.values[row + (upper ? v : (v | bit))] = std::move(mid);
    }
  }
  return out;
}

// The same functions in double, for Newton: scale[f] = max |corner|, 0 when
// the function vanishes identically.
struct NewtonSystem {
  std::size_t dims = 0;
  std::size_t functions = 0;
  std::vector<double> corners;
  std::vector<double> scale;
};

template <class T>
NewtonSystem newton_system(const MixingSystem<T>& sys) {
  NewtonSystem ns{sys.dims, sys.functions, {}, std::vector<double>(sys.functions, 0.0)};
  const std::size_t vertices = std::size_t{1} << sys.dims;
  for (std::size_t k = 0; k < sys.corners.size(); ++k) {
    ns.corners.push_back(NumberTraits<T>::to_double(sys.corners[k]));
    ns.scale[k / vertices] = std::fmax(ns.scale[k / vertices], std::fabs(ns.corners.back()));
  }
  return ns;
}

// Values and gradients (function-major, dims per function) at α.
void evaluate(const NewtonSystem& ns, const std::vector<double>& a, std::vector<double>& value,
              std::vector<double>& grad) {
  const std::size_t vertices = std::size_t{1} << ns.dims;
  value.assign(ns.functions, 0.0);
  grad.assign(ns.functions * ns.dims, 0.0);
  std::vector<double> factor(ns.dims);
  std::vector<double> dweight(ns.dims);
  for (std::size_t v = 0; v < vertices; ++v) {
    double weight = 1;
    for (std::size_t q = 0; q < ns.dims; ++q) {
      factor[q] = ((v >> q) & 1U) != 0 ? a[q] : 1 - a[q];
      weight *= factor[q];
    }
    for (std::size_t q = 0; q < ns.dims; ++q) {
      double w = ((v >> q) & 1U) != 0 ? 1.0 : -1.0;
      for (std::size_t r = 0; r < ns.dims; ++r) {
        if (r != q) w *= factor[r];
      }
      dweight[q] = w;
    }
    for (std::size_t f = 0; f < ns.functions; ++f) {
      const double c = ns.corners[f * vertices + v];
      if (c == 0) continue;
      value[f] += weight * c;
      for (std::size_t q = 0; q < ns.dims; ++q) grad[f * ns.dims + q] += dweight[q] * c;
    }
  }
}

// Solves the k×k system A x = b (Gaussian elimination, partial pivoting).
bool solve_dense(std::vector<double> a, std::vector<double>& b, std::size_t k) {
  for (std::size_t col = 0; col < k; ++col) {
    std::size_t pivot = col;
    for (std::size_t r = col + 1; r < k; ++r) {
      if (std::fabs(a[r * k + col]) > std::fabs(a[pivot * k + col])) pivot = r;
    }
    if (a[pivot * k + col] == 0) return false;
    if (pivot != col) {
      for (std::size_t c = 0; c < k; ++c) std::swap(a[pivot * k + c], a[col * k + c]);
      std::swap(b[pivot], b[col]);
    }
    for (std::size_t r = col + 1; r < k; ++r) {
      const double factor = a[r * k + col] / a[col * k + col];
      for (std::size_t c = col; c < k; ++c) a[r * k + c] -= factor * a[col * k + c];
      b[r] -= factor * b[col];
    }
  }
  for (std::size_t col = k; col-- > 0;) {
    for (std::size_t c = col + 1; c < k; ++c) b[col] -= a[col * k + c] * b[c];
    b[col] /= a[col * k + col];
  }
  return true;
}

// The mixers' equations g_r = 0, each divided by its scale (identically zero
// ones dropped): residual and Jacobian (rows × dims) at α.
void equations(const NewtonSystem& ns, const std::vector<double>& a, std::vector<double>& residual,
               std::vector<double>& jacobian) {
  std::vector<double> value;
  std::vector<double> grad;
  evaluate(ns, a, value, grad);
  residual.clear();
  jacobian.clear();
  for (std::size_t f = 1; f <= ns.dims; ++f) {
    if (ns.scale[f] == 0) continue;
    residual.push_back(value[f] / ns.scale[f]);
    for (std::size_t q = 0; q < ns.dims; ++q)
      jacobian.push_back(grad[f * ns.dims + q] / ns.scale[f]);
  }
}

double max_abs(const std::vector<double>& x) {
  double m = 0;
  for (const double v : x) m = std::fmax(m, std::fabs(v));
  return m;
}

// Newton's method with a tiny Levenberg–Marquardt damping, i.e. the
// minimum-norm step: quadratic at a regular root, and it also lands on a
// continuum of solutions (singular Jacobian) near the start.
// Coordinates marked in `frozen` stay fixed.
std::optional<std::vector<double>> newton(const NewtonSystem& ns, std::vector<double> a,
                                          const std::vector<bool>& frozen = {}) {
  std::vector<double> residual;
  std::vector<double> jacobian;
  for (int iteration = 0; iteration < 100; ++iteration) {
    equations(ns, a, residual, jacobian);
    const std::size_t rows = residual.size();
    for (std::size_t q = 0; q < frozen.size(); ++q) {
      if (!frozen[q]) continue;
      for (std::size_t r = 0; r < rows; ++r) jacobian[r * ns.dims + q] = 0;
    }
    if (max_abs(residual) <= 1e-15) return a;
    std::vector<double> normal(rows * rows, 0.0);
    double trace = 0;
    for (std::size_t r = 0; r < rows; ++r) {
      for (std::size_t c = 0; c < rows; ++c) {
        for (std::size_t q = 0; q < ns.dims; ++q) {
          normal[r * rows + c] += jacobian[r * ns.dims + q] * jacobian[c * ns.dims + q];
        }
      }
      trace += normal[r * rows + r];
    }
    if (trace == 0) break;
    for (std::size_t r = 0; r < rows; ++r)
      normal[r * rows + r] += 1e-14 * trace / static_cast<double>(rows);
    std::vector<double> y(residual.size());
    for (std::size_t r = 0; r < rows; ++r) y[r] = -residual[r];
    if (!solve_dense(normal, y, rows)) break;
    double step = 0;
    for (std::size_t q = 0; q < ns.dims; ++q) {
      double d = 0;
      for (std::size_t r = 0; r < rows; ++r) d += jacobian[r * ns.dims + q] * y[r];
      a[q] += d;
      step = std::fmax(step, std::fabs(d));
      if (!(std::fabs(a[q] - 0.5) < 2)) return std::nullopt;
    }
    if (step <= 1e-16) break;
  }
  equations(ns, a, residual, jacobian);
  if (max_abs(residual) <= 1e-10) return a;
  return std::nullopt;
}

// Whether the solution α lies on a continuum: the Jacobian is (numerically)
// singular and Newton from α moved along its null direction lands on another
// solution instead of returning to α.
bool on_continuum(const NewtonSystem& ns, const std::vector<double>& a) {
  const std::size_t dims = ns.dims;
  std::vector<double> residual;
  std::vector<double> jacobian;
  equations(ns, a, residual, jacobian);
  const std::size_t rows = residual.size();
  // JᵀJ and its smallest eigenvector by shifted inverse iteration.
  std::vector<double> gram(dims * dims, 0.0);
  double trace = 0;
  for (std::size_t p = 0; p < dims; ++p) {
    for (std::size_t q = 0; q < dims; ++q) {
      for (std::size_t r = 0; r < rows; ++r) {
        gram[p * dims + q] += jacobian[r * dims + p] * jacobian[r * dims + q];
      }
    }
    trace += gram[p * dims + p];
  }
  std::vector<double> u(dims);
  for (std::size_t q = 0; q < dims; ++q) u[q] = 1.0 / static_cast<double>(q + 1) - 0.3;
  if (trace > 0) {
    for (std::size_t q = 0; q < dims; ++q) gram[q * dims + q] += 1e-12 * trace;
    for (int iteration = 0; iteration < 30; ++iteration) {
      if (!solve_dense(gram, u, dims)) break;
      const double norm = max_abs(u);
      if (norm == 0) return false;
      for (double& x : u) x /= norm;
    }
    double image = 0;  // |J u|² / |J|²_F with |u|_∞ = 1
    double length = 0;
    for (std::size_t r = 0; r < rows; ++r) {
      double x = 0;
      for (std::size_t q = 0; q < dims; ++q) x += jacobian[r * dims + q] * u[q];
      image += x * x;
    }
    for (const double x : u) length += x * x;
    if (image > 1e-14 * trace * length) return false;
  }
  double room = 1;
  for (const double x : a) room = std::fmin(room, std::fmin(x, 1 - x));
  const double step = std::fmin(1e-3, room / 4);
  if (!(step > 1e-9)) return false;
  std::vector<double> start = a;
  for (std::size_t q = 0; q < dims; ++q) start[q] += step * u[q];
  const auto other = newton(ns, start);
  if (!other) return false;
  double moved = 0;
  for (std::size_t q = 0; q < dims; ++q) moved = std::fmax(moved, std::fabs((*other)[q] - a[q]));
  return moved > step / 4;
}

// The simplest rational within tolerance of x: the first continued-fraction
// convergent of x's exact value that close.
Rational simplest_near(double x, double tolerance) {
  const Rational exact = rational_from_double(x);
  const Rational tol = rational_from_double(tolerance);
  mpz_class h0 = 0;
  mpz_class h1 = 1;
  mpz_class k0 = 1;
  mpz_class k1 = 0;
  Rational rest = exact;
  for (int term = 0; term < 200; ++term) {
    mpz_class a;
    mpz_fdiv_q(a.get_mpz_t(), rest.get_num_mpz_t(), rest.get_den_mpz_t());
    const mpz_class h = a * h1 + h0;
    const mpz_class k = a * k1 + k0;
    Rational convergent(h, k);
    convergent.canonicalize();
    rest -= a;
    if (abs(Rational(convergent - exact)) <= tol || sgn(rest) == 0) return convergent;
    rest = 1 / rest;
    h0 = h1;
    h1 = h;
    k0 = k1;
    k1 = k;
  }
  return exact;
}

// A simpler point of a continuum of solutions: coordinates are fixed one at a
// time to a nearby fraction with a small denominator (1/2 first), re-solving
// for the others, as far as the family allows.
std::vector<double> simple_point(const NewtonSystem& ns, std::vector<double> a) {
  std::vector<bool> frozen(ns.dims, false);
  for (std::size_t q = 0; q < ns.dims; ++q) {
    frozen[q] = true;
    bool fixed = false;
    for (const double den : {2.0, 4.0, 8.0, 16.0, 32.0, 64.0}) {
      std::vector<double> start = a;
      start[q] = std::clamp(std::round(a[q] * den), 1.0, den - 1) / den;
      const auto point = newton(ns, start, frozen);
      if (point &&
          std::all_of(point->begin(), point->end(), [](double x) { return x > 0 && x < 1; })) {
        a = *point;
        fixed = true;
        break;
      }
    }
    frozen[q] = fixed;
  }
  return a;
}

template <class T>
std::string mixers_text(const Search<T>& s, const Profile<T>& prof) {
  std::string out;
  for (std::size_t q = 0; q < prof.mixers.size(); ++q) {
    if (q > 0) out += q + 1 == prof.mixers.size() ? " and " : ", ";
    out += s.team.members[prof.mixers[q]];
  }
  return out;
}

std::string doubles_text(const std::vector<double>& a) {
  return fmt::format("{:.15g}", fmt::join(a, ", "));
}

// A solution α of the mixers' equations (from Newton) as a candidate: in
// Rational mode snapped to the simplest nearby rationals and kept exact when
// the equations hold exactly there, else rounded and flagged approximate.
template <class T>
std::optional<Candidate<T>> candidate_at(const Search<T>& s, const Profile<T>& prof,
                                         const NewtonSystem& ns, const std::vector<double>& a,
                                         bool continuum, const std::string& box) {
  auto with = [&](std::vector<T> alpha, bool approximate) {
    Candidate<T> c{std::move(alpha), continuum, approximate, {}};
    std::vector<std::string> shown;
    for (const T& x : c.alpha) shown.push_back(text(x));
    const std::string note =
        approximate ? fmt::format(
                          "approximate: the mixing probabilities of {} are an irrational "
                          "root of the multilinear system (α ≈ ({})); values are rounded",
                          mixers_text(s, prof), doubles_text(a))
                    : std::string{};
    if (continuum) {
      c.family = fmt::format(
          "a continuum in which {} all mix (not delimited; found within {}; shown at α = ({})){}",
          mixers_text(s, prof), box, fmt::join(shown, ", "), approximate ? "; " + note : "");
    } else {
      c.family = note;
    }
    return c;
  };
  if constexpr (NumberTraits<T>::exact) {
    auto snapped = [](const std::vector<double>& x) {
      std::vector<Rational> out;
      for (const double v : x) out.push_back(simplest_near(v, 1e-13));
      return out;
    };
    std::vector<Rational> alpha;
    if (continuum) {
      alpha = snapped(simple_point(ns, a));
      if (acceptable(s, prof, alpha, false)) return with(std::move(alpha), false);
    }
    alpha = snapped(a);
    if (acceptable(s, prof, alpha, false)) return with(std::move(alpha), false);
    alpha.clear();
    for (const double v : a) alpha.push_back(rational_from_double(v));
    if (acceptable(s, prof, alpha, true)) return with(std::move(alpha), true);
  } else {
    if (continuum) {
      const auto simple = simple_point(ns, a);
      if (acceptable(s, prof, simple, false)) return with(simple, false);
    }
    if (acceptable(s, prof, a, false)) return with(a, false);
  }
  return std::nullopt;
}

// What Newton found from a few boxes of one cluster of surviving boxes.
template <class T>
struct ClusterResult {
  std::vector<Candidate<T>> found;
  std::vector<std::vector<double>> points;  // α of each solution met inside the cluster
  bool solution_inside = false;
  bool continuum = false;
};

template <class T>
ClusterResult<T> examine_cluster(const Search<T>& s, const Profile<T>& prof, const NewtonSystem& ns,
                                 const std::vector<MixingBox<T>>& boxes,
                                 const std::vector<std::size_t>& members,
                                 const std::vector<std::size_t>& depth) {
  const std::size_t dims = ns.dims;
  std::vector<double> edge(dims);
  std::vector<double> lo(dims, 1.0);
  std::vector<double> hi(dims, 0.0);
  std::vector<double> centroid(dims, 0.0);
  for (std::size_t q = 0; q < dims; ++q) edge[q] = std::ldexp(1.0, -static_cast<int>(depth[q]));
  auto centre = [&](const MixingBox<T>& box) {
    std::vector<double> c(dims);
    for (std::size_t q = 0; q < dims; ++q)
      c[q] = (static_cast<double>(box.index[q]) + 0.5) * edge[q];
    return c;
  };
  for (const std::size_t b : members) {
    const auto c = centre(boxes[b]);
    for (std::size_t q = 0; q < dims; ++q) {
      lo[q] = std::fmin(lo[q], c[q] - edge[q] / 2);
      hi[q] = std::fmax(hi[q], c[q] + edge[q] / 2);
      centroid[q] += c[q] / static_cast<double>(members.size());
    }
  }
  std::vector<std::string> sides;
  for (std::size_t q = 0; q < dims; ++q)
    sides.push_back(fmt::format("[{:.6g}, {:.6g}]", lo[q], hi[q]));
  const std::string box_text = fmt::format("{}", fmt::join(sides, " × "));
  // Starts: the box nearest the centroid, then boxes spread over the cluster.
  std::vector<std::size_t> starts;
  std::size_t nearest = members[0];
  double best = HUGE_VAL;
  for (const std::size_t b : members) {
    const auto c = centre(boxes[b]);
    double d = 0;
    for (std::size_t q = 0; q < dims; ++q) d = std::fmax(d, std::fabs(c[q] - centroid[q]));
    if (d < best) {
      best = d;
      nearest = b;
    }
  }
  starts.push_back(nearest);
  const std::size_t spread = std::min<std::size_t>(members.size(), 8);
  for (std::size_t k = 0; k < spread; ++k) starts.push_back(members[k * members.size() / spread]);

  ClusterResult<T> out;
  for (const std::size_t b : starts) {
    const auto point = newton(ns, centre(boxes[b]));
    if (!point) continue;
    bool inside = true;
    for (std::size_t q = 0; q < dims; ++q) {
      const double margin = std::fmax(2 * edge[q], 1e-9);
      inside = inside && (*point)[q] >= lo[q] - margin && (*point)[q] <= hi[q] + margin;
    }
    if (!inside) continue;
    out.solution_inside = true;
    const bool seen = std::any_of(out.points.begin(), out.points.end(), [&](const auto& p) {
      double d = 0;
      for (std::size_t q = 0; q < dims; ++q) d = std::fmax(d, std::fabs(p[q] - (*point)[q]));
      return d <= 1e-7;
    });
    if (seen) continue;
    out.points.push_back(*point);
    const bool interior =
        std::all_of(point->begin(), point->end(), [](double x) { return x > 0 && x < 1; });
    if (!interior) continue;  // on the box's boundary: another profile's
    const bool continuum = on_continuum(ns, *point);
    if (auto c = candidate_at(s, prof, ns, *point, continuum, box_text)) {
      out.found.push_back(std::move(*c));
      if (continuum) {
        out.continuum = true;
        break;  // a family is reported once, at one point
      }
    }
  }
  return out;
}

// Connected components of same-size boxes (touching, diagonals included).
template <class T>
std::vector<std::vector<std::size_t>> clusters(const std::vector<MixingBox<T>>& boxes,
                                               std::size_t dims) {
  std::vector<std::size_t> parent(boxes.size());
  std::iota(parent.begin(), parent.end(), std::size_t{0});
  auto find = [&](std::size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  auto join = [&](std::size_t a, std::size_t b) { parent[find(a)] = find(b); };
  std::size_t offsets = 1;
  for (std::size_t q = 0; q < dims; ++q) offsets *= 3;
  if (offsets <= 6561) {
    std::map<std::vector<std::uint64_t>, std::size_t> where;
    for (std::size_t b = 0; b < boxes.size(); ++b) where.emplace(boxes[b].index, b);
    std::vector<std::uint64_t> probe(dims);
    for (std::size_t b = 0; b < boxes.size(); ++b) {
      for (std::size_t o = 0; o < offsets; ++o) {
        std::size_t rest = o;
        bool valid = true;
        for (std::size_t q = 0; q < dims; ++q) {
          const std::uint64_t k = boxes[b].index[q];
          const std::size_t shift = rest % 3;
          rest /= 3;
          if (shift == 0 && k == 0) valid = false;
          probe[q] = k + shift - 1;
        }
        if (!valid) continue;
        const auto it = where.find(probe);
        if (it != where.end()) join(b, it->second);
      }
    }
  } else if (boxes.size() <= 4096) {
    for (std::size_t a = 0; a < boxes.size(); ++a) {
      for (std::size_t b = a + 1; b < boxes.size(); ++b) {
        bool touch = true;
        for (std::size_t q = 0; q < dims && touch; ++q) {
          const std::uint64_t x = boxes[a].index[q];
          const std::uint64_t y = boxes[b].index[q];
          touch = (x > y ? x - y : y - x) <= 1;
        }
        if (touch) join(a, b);
      }
    }
  } else {
    for (std::size_t b = 1; b < boxes.size(); ++b) join(0, b);  // too many to compare pairwise
  }
  std::map<std::size_t, std::vector<std::size_t>> groups;
  for (std::size_t b = 0; b < boxes.size(); ++b) groups[find(b)].push_back(b);
  std::vector<std::vector<std::size_t>> out;
  for (auto& [root, members] : groups) out.push_back(std::move(members));
  return out;
}

// The usual outcome, decided before building anything: some mixer's g_r has
// a strict sign on the open cube (>= 0 at every corner and > 0 at one, or the
// reverse), so the profile has no solution.
template <class T>
bool mixer_has_strict_sign(const Search<T>& s, const Profile<T>& prof) {
  T g(0);
  for (const std::size_t i : prof.mixers) {
    const T& t = s.team.values[i][prof.type[i].cut];
    bool positive = false;
    bool negative = false;
    for (const auto* corner : prof.corners) {
      g = corner->num[i] - t * corner->p;
      const int sign = sign_of(g);
      positive = positive || sign > 0;
      negative = negative || sign < 0;
      if (positive && negative) break;
    }
    if (positive != negative) return true;
  }
  return false;
}

// At most this many vertex values are held per profile (about 250 MB of
// rationals); beyond, the profile counts as having reached max_boxes.
constexpr std::size_t kMaxBoxValues = std::size_t{1} << 22;

// §3.3 step 4. Breadth-first bisection of (0,1)^M along the longest edge,
// discarding boxes by excluded(); every level's boxes have the same shape.
// Isolated solutions keep the number of surviving boxes bounded, a continuum
// doubles it (or more) per round of M bisections: on such growth each large
// cluster is tried with Newton, and a cluster found to hold a continuum is
// reported as a degenerate family and no longer refined. At the final width
// each cluster is polished by Newton from a few of its boxes. Boxes left when
// max_boxes is reached, and clusters where Newton finds no solution, are
// added to `unresolved`.
template <class T>
std::vector<Candidate<T>> solve_many_mixers(const Search<T>& s, const Profile<T>& prof,
                                            const EquilibriumOptions& options,
                                            std::size_t& unresolved, Progress& progress) {
  if (mixer_has_strict_sign(s, prof)) return {};
  MixingSystem<T> sys = mixing_system(s, prof);
  const std::size_t dims = sys.dims;
  std::vector<std::size_t> depth(dims, 0);
  std::vector<MixingBox<T>> level{MixingBox<T>{std::vector<std::uint64_t>(dims, 0), {}}};
  if (excluded(sys, sys.corners, level[0].index, depth)) return {};
  const NewtonSystem ns = newton_system(sys);
  level[0].values = std::move(sys.corners);  // only dims and functions are used below
  std::vector<std::size_t> history{1};
  std::size_t made = 1;
  bool capped = false;
  std::vector<Candidate<T>> out;
  while (!level.empty()) {
    const auto q =
        static_cast<std::size_t>(std::min_element(depth.begin(), depth.end()) - depth.begin());
    if (std::ldexp(1.0, -static_cast<int>(depth[q])) < options.box_width || depth[q] >= 60) break;
    // Boxes hold functions × 2^M numbers each: bound memory as well as work.
    const std::size_t per_box = sys.functions << dims;
    if (made + 2 * level.size() > options.max_boxes || 2 * level.size() * per_box > kMaxBoxValues) {
      capped = true;
      break;
    }
    progress.check();
    std::vector<MixingBox<T>> next;
    ++depth[q];
    for (const auto& box : level) {
      for (const bool upper : {false, true}) {
        MixingBox<T> child = half(sys, box, q, upper);
        if (!excluded(sys, child.values, child.index, depth)) next.push_back(std::move(child));
      }
    }
    made += 2 * level.size();
    level = std::move(next);
    history.push_back(level.size());
    const std::size_t before = history.size() > dims ? history[history.size() - 1 - dims] : 0;
    if (before == 0 || level.size() <= (std::size_t{1} << dims) || 2 * level.size() < 3 * before) {
      continue;
    }
    std::vector<bool> drop(level.size(), false);
    bool dropped = false;
    for (const auto& members : clusters(level, dims)) {
      if (members.size() <= (std::size_t{1} << dims)) continue;
      auto result = examine_cluster(s, prof, ns, level, members, depth);
      if (!result.continuum) continue;
      for (auto& c : result.found) out.push_back(std::move(c));
      for (const std::size_t b : members) drop[b] = true;
      dropped = true;
    }
    if (!dropped) continue;
    std::vector<MixingBox<T>> kept;
    for (std::size_t b = 0; b < level.size(); ++b) {
      if (!drop[b]) kept.push_back(std::move(level[b]));
    }
    level = std::move(kept);
  }
  for (const auto& members : clusters(level, dims)) {
    auto result = examine_cluster(s, prof, ns, level, members, depth);
    if (capped ? !result.continuum : !result.solution_inside) unresolved += members.size();
    for (auto& c : result.found) out.push_back(std::move(c));
  }
  return out;
}

template <class T>
DisclosureKind classify(const Search<T>& s, const std::vector<T>& d) {
  std::vector<std::vector<bool>> seen(s.n);
  for (std::size_t i = 0; i < s.n; ++i) seen[i].assign(s.m[i], false);
  std::size_t concealed = 0;
  for (std::size_t c = 0; c < d.size(); ++c) {
    if (sign_of(T(1 - d[c])) <= 0) continue;
    ++concealed;
    for (std::size_t i = 0; i < s.n; ++i) seen[i][s.digits[c][i]] = true;
  }
  if (concealed <= 1) return DisclosureKind::full;
  for (std::size_t i = 0; i < s.n; ++i) {
    if (std::count(seen[i].begin(), seen[i].end(), true) < 2) return DisclosureKind::partial;
  }
  return DisclosureKind::interior;
}

template <class T>
bool same_rule(const std::vector<T>& a, const std::vector<T>& b) {
  for (std::size_t c = 0; c < a.size(); ++c) {
    if (!nearly_equal(a[c], b[c])) return false;
  }
  return true;
}

// Families are shown at one point each, so two profiles tracing the same
// family (e.g. d(ω̲) = α from either of two mixers) rarely share d: merge them
// when d is 0, 1 and strictly between on the same outcomes.
template <class T>
bool same_pattern(const std::vector<T>& a, const std::vector<T>& b) {
  auto category = [](const T& x) { return is_zero(x) ? 0 : (is_zero(T(x - 1)) ? 1 : 2); };
  for (std::size_t c = 0; c < a.size(); ++c) {
    if (category(a[c]) != category(b[c])) return false;
  }
  return true;
}

template <class T>
std::vector<T> rule_of(const Search<T>& s, const std::vector<std::vector<T>>& votes) {
  std::vector<T> d(s.digits.size());
  std::vector<T> x(s.n);
  for (std::size_t c = 0; c < d.size(); ++c) {
    for (std::size_t i = 0; i < s.n; ++i) x[i] = votes[i][s.digits[c][i]];
    d[c] = deliberate(s.protocol, x);
  }
  return d;
}

template <class T>
Equilibrium<T> build(const Search<T>& s, const Profile<T>& prof, const Candidate<T>& cand) {
  Equilibrium<T> e;
  e.votes.resize(s.n);
  for (std::size_t i = 0; i < s.n; ++i) {
    const ThresholdType& ty = prof.type[i];
    for (std::size_t k = 0; k < s.m[i]; ++k) {
      T x = k >= ty.cut ? T(1) : T(0);
      if (ty.mixes && k == ty.cut) {
        const auto q = static_cast<std::size_t>(
            std::find(prof.mixers.begin(), prof.mixers.end(), i) - prof.mixers.begin());
        x = cand.alpha[q];
      }
      e.votes[i].push_back(x);
    }
  }
  e.disclosure = rule_of(s, e.votes);
  auto [p, posterior] = no_disclosure_posterior(s.team, e.disclosure);
  e.prob_no_disclosure = p;
  e.posterior = std::move(posterior);
  if (e.posterior.empty()) {
    for (std::size_t i = 0; i < s.n; ++i) {
      const auto& v = s.team.values[i];
      const std::size_t c = prof.type[i].cut;
      e.belief_box.emplace_back(c == 0 ? v.front() : v[c - 1], c == s.m[i] ? v.back() : v[c]);
    }
  }
  e.kind = classify(s, e.disclosure);
  e.mixed = !prof.mixers.empty();
  e.degenerate = cand.degenerate;
  e.approximate = cand.approximate;
  e.family = cand.family;
  return e;
}

// The Lemma 1 witness of a protocol that is not RMC: members of I vote no only
// at their lowest outcome, the others always vote yes.
template <class T>
std::vector<std::vector<T>> lemma1_votes(const Search<T>& s, Coalition pivotal) {
  std::vector<std::vector<T>> votes(s.n);
  for (std::size_t i = 0; i < s.n; ++i) {
    votes[i].assign(s.m[i], T(1));
    if (((pivotal >> i) & 1U) != 0) votes[i][0] = T(0);
  }
  return votes;
}

template <class T>
void check_theorems(const Search<T>& s, const std::vector<Equilibrium<T>>& found, bool exhaustive) {
  const Protocol& protocol = s.protocol;
  const bool some_alone = some_member_discloses_alone(protocol);
  bool every_alone = true;
  for (std::size_t i = 0; i < s.n; ++i)
    every_alone = every_alone && can_disclose_alone(protocol, i);
  const bool rmc = requires_more_consensus(protocol);
  bool has_full = false;
  bool has_partial = false;
  for (const auto& e : found) {
    const bool full = e.kind == DisclosureKind::full;
    has_full = has_full || full;
    has_partial = has_partial || !full;
    if (!full && !some_alone && e.kind != DisclosureKind::interior && !e.approximate) {
      throw InternalError(
          "disclosure: a partial equilibrium is not interior although no member "
          "can disclose alone (Theorem 1.3)");
    }
    if (e.kind == DisclosureKind::interior && some_alone && !e.approximate) {
      throw InternalError(
          "disclosure: an interior equilibrium although some member can disclose "
          "alone (Theorem 1.3)");
    }
    if (full && rmc && sign_of(e.prob_no_disclosure) > 0) {
      throw InternalError(
          "disclosure: a full-disclosure equilibrium with on-path beliefs under an "
          "RMC protocol (Theorem 2)");
    }
    for (std::size_t c = 0; c < e.disclosure.size(); ++c) {
      for (std::size_t i = 0; i < s.n; ++i) {
        if (s.digits[c][i] + 1 < s.m[i] &&
            sign_of(T(e.disclosure[c] - e.disclosure[c + s.stride[i]])) > 0) {
          throw InternalError("disclosure: a threshold rule d decreases in an outcome");
        }
      }
    }
    for (std::size_t i = 0; i < e.posterior.size(); ++i) {
      if (!(e.posterior[i] < s.team.values[i].back())) {
        throw InternalError("disclosure: a no-disclosure belief at the top outcome");
      }
    }
  }
  if (!has_full) throw InternalError("disclosure: no full-disclosure equilibrium (Theorem 1.1)");
  if (has_partial && every_alone) {
    throw InternalError(
        "disclosure: partial disclosure although every member can disclose alone "
        "(Theorem 1.2)");
  }
  if (exhaustive && !has_partial && !every_alone) {
    throw InternalError(
        "disclosure: no partial equilibrium although some member cannot disclose "
        "alone (Theorem 1.2)");
  }
}

}  // namespace

template <class T>
std::vector<Equilibrium<T>> all_equilibria(const Team<T>& team, const Protocol& protocol,
                                           const EquilibriumOptions& options, Progress& progress) {
  validate(team);
  check_assumption1(protocol, "/protocol");
  const std::size_t n = team.member_count();
  if (protocol.members != n) {
    throw InputError("/protocol", fmt::format("a protocol for the {} members", n),
                     fmt::format("one for {}", protocol.members));
  }
  // Refuse before any work: Π_i (2|Ω_i| + 1) threshold profiles.
  std::size_t total = 1;
  for (const auto& v : team.values) {
    const std::size_t types = 2 * v.size() + 1;
    if (total > options.max_profiles / types) {
      throw InputError(
          "/outcomes",
          fmt::format("at most {} threshold profiles Π(2|Ω_i| + 1)", options.max_profiles), "more");
    }
    total *= types;
  }
  Search<T> s = prepare(team, protocol);
  progress.start("disclosure equilibria", total);
  compute_pure_aggregates(s, options.summed_area, progress);

  std::vector<Equilibrium<T>> found;
  std::size_t unresolved = 0;
  Profile<T> prof;
  prof.type.resize(n);
  std::vector<std::size_t> digit(n, 0);
  for (std::size_t index = 0; index < total; ++index) {
    if (index % 1024 == 1023) progress.advance(1024);
    std::size_t rest = index;
    for (std::size_t i = n; i-- > 0;) {
      const std::size_t types = 2 * s.m[i] + 1;
      digit[i] = rest % types;
      rest /= types;
    }
    prof.mixers.clear();
    for (std::size_t i = 0; i < n; ++i) {
      const bool mixes = digit[i] > s.m[i];
      prof.type[i] = {mixes, mixes ? digit[i] - s.m[i] - 1 : digit[i]};
      if (mixes) prof.mixers.push_back(i);
    }
    prof.corners.assign(std::size_t{1} << prof.mixers.size(), nullptr);
    for (std::size_t b = 0; b < prof.corners.size(); ++b) {
      std::size_t pure_index = 0;
      for (std::size_t i = 0; i < n; ++i) {
        std::size_t cut = prof.type[i].cut;
        if (prof.type[i].mixes) {
          const auto q = static_cast<std::size_t>(
              std::find(prof.mixers.begin(), prof.mixers.end(), i) - prof.mixers.begin());
          // A mixer's corners: α = 1 is P(k), α = 0 is P(k + 1).
          if (((b >> q) & 1U) == 0) ++cut;
        }
        pure_index += cut * s.pure_stride[i];
      }
      prof.corners[b] = &s.pure[pure_index];
    }
    std::vector<Candidate<T>> candidates;
    if (prof.mixers.empty()) {
      const Aggregate<T>& agg = *prof.corners[0];
      // P = 0 is full disclosure with off-path beliefs in a box: always accepted.
      if (sign_of(agg.p) <= 0 || acceptable(s, prof, {}, false)) candidates.push_back({});
    } else if (prof.mixers.size() == 1) {
      candidates = solve_one_mixer(s, prof);
    } else if (prof.mixers.size() == 2) {
      candidates = solve_two_mixers(s, prof);
    } else {
      candidates = solve_many_mixers(s, prof, options, unresolved, progress);
    }
    for (const auto& cand : candidates) {
      Equilibrium<T> e = build(s, prof, cand);
      const bool seen = std::any_of(found.begin(), found.end(), [&](const Equilibrium<T>& f) {
        return same_rule(f.disclosure, e.disclosure) ||
               (f.degenerate && e.degenerate && same_pattern(f.disclosure, e.disclosure));
      });
      if (!seen) found.push_back(std::move(e));
    }
  }

  // Definition 3 / Theorem 2: with P(ND) > 0 the equilibrium's own votes are
  // a witness; an off-path full-disclosure belief is consistent iff D is not
  // RMC, certified by the Lemma 1 witness.
  const auto pivotal = lemma1_coalition(protocol);
  for (auto& e : found) {
    if (sign_of(e.prob_no_disclosure) > 0) {
      e.consistent_with_deliberation = true;
    } else if (pivotal) {
      e.consistent_with_deliberation = true;
      e.witness_votes = lemma1_votes(s, *pivotal);
      e.witness_posterior = no_disclosure_posterior(team, rule_of(s, *e.witness_votes)).second;
    }
  }
  std::stable_sort(found.begin(), found.end(),
                   [](const Equilibrium<T>& a, const Equilibrium<T>& b) {
                     return a.prob_no_disclosure < b.prob_no_disclosure;
                   });
  for (auto& e : found) e.unresolved_boxes = unresolved;
  check_theorems(s, found, unresolved == 0);
  return found;
}

template <class T>
std::optional<std::string> verify_equilibrium(const Team<T>& team, const Protocol& protocol,
                                              const std::vector<std::vector<T>>& votes,
                                              const std::vector<T>& posterior) {
  validate(team);
  check_assumption1(protocol, "/protocol");
  const std::size_t n = team.member_count();
  if (protocol.members != n) {
    throw InputError("/protocol", fmt::format("a protocol for the {} members", n),
                     fmt::format("one for {}", protocol.members));
  }
  if (votes.size() != n) {
    throw InputError("/votes", fmt::format("{} vote lists", n), fmt::format("{}", votes.size()));
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (votes[i].size() != team.values[i].size()) {
      throw InputError(fmt::format("/votes/{}", i),
                       fmt::format("{} votes (one per outcome)", team.values[i].size()),
                       fmt::format("{}", votes[i].size()));
    }
    for (std::size_t k = 0; k < votes[i].size(); ++k) {
      if (sign_of(votes[i][k]) < 0 || sign_of(T(votes[i][k] - 1)) > 0) {
        throw InputError(fmt::format("/votes/{}/{}", i, k), "a probability in [0, 1]",
                         text(votes[i][k]));
      }
    }
  }
  if (posterior.size() != n) {
    throw InputError("/posterior", fmt::format("{} beliefs", n),
                     fmt::format("{}", posterior.size()));
  }
  const Search<T> s = prepare(team, protocol);
  const IndexSpace space = outcome_space(team);
  // Condition 2 (d = D(x)) holds by construction; condition 3:
  const std::vector<T> d = rule_of(s, votes);
  const auto [p, bayes] = no_disclosure_posterior(team, d);
  for (std::size_t i = 0; i < n; ++i) {
    if (!bayes.empty() && !nearly_equal(bayes[i], posterior[i])) {
      return fmt::format("the belief about {} is {} but Bayes' rule (eq. 2) gives {}",
                         team.members[i], text(posterior[i]), text(bayes[i]));
    }
    if (bayes.empty() &&
        (posterior[i] < team.values[i].front() || posterior[i] > team.values[i].back())) {
      return fmt::format("the off-path belief about {} is {}, outside co(Ω_{})", team.members[i],
                         text(posterior[i]), team.members[i]);
    }
  }
  // Condition 1: every coalition pivotal at ω whose members all gain (lose)
  // from disclosure must all vote yes (no).
  std::vector<T> x(n);
  for (std::size_t c = 0; c < d.size(); ++c) {
    for (Coalition coalition = 1; coalition <= protocol.all(); ++coalition) {
      bool above = true;
      bool below = true;
      for (std::size_t i = 0; i < n; ++i) {
        const T& value = team.values[i][s.digits[c][i]];
        const bool inside = ((coalition >> i) & 1U) != 0;
        x[i] = votes[i][s.digits[c][i]];
        if (inside) {
          above = above && sign_of(T(value - posterior[i])) > 0;
          below = below && sign_of(T(value - posterior[i])) < 0;
        }
      }
      if (!above && !below) continue;
      for (std::size_t i = 0; i < n; ++i) {
        if (((coalition >> i) & 1U) != 0) x[i] = T(1);
      }
      const T yes = deliberate(protocol, x);
      for (std::size_t i = 0; i < n; ++i) {
        if (((coalition >> i) & 1U) != 0) x[i] = T(0);
      }
      const T no = deliberate(protocol, x);
      if (sign_of(T(yes - no)) <= 0) continue;
      const T wanted = above ? T(1) : T(0);
      for (std::size_t i = 0; i < n; ++i) {
        if (((coalition >> i) & 1U) == 0) continue;
        if (!nearly_equal(votes[i][s.digits[c][i]], wanted)) {
          return fmt::format(
              "coalition {} is pivotal at ω = {} and all its members {} from disclosure, but {} "
              "votes {} for disclosure",
              coalition_text(coalition, team.members), space.cell_name(c), above ? "gain" : "lose",
              team.members[i], text(votes[i][s.digits[c][i]]));
        }
      }
    }
  }
  return std::nullopt;
}

template <class T>
std::pair<T, std::vector<T>> no_disclosure_posterior(const Team<T>& team,
                                                     const std::vector<T>& disclosure) {
  if (disclosure.size() != team.prior.size()) {
    throw InputError("/disclosure",
                     fmt::format("{} values (one per outcome profile)", team.prior.size()),
                     fmt::format("{}", disclosure.size()));
  }
  const std::size_t n = team.member_count();
  std::vector<std::size_t> stride(n, 1);
  for (std::size_t i = n; i-- > 1;) stride[i - 1] = stride[i] * team.values[i].size();
  T p(0);
  std::vector<T> num(n, T(0));
  for (std::size_t c = 0; c < disclosure.size(); ++c) {
    const T mass = team.prior[c] * (1 - disclosure[c]);
    if (is_zero(mass) && NumberTraits<T>::exact) continue;
    p += mass;
    for (std::size_t i = 0; i < n; ++i) {
      num[i] += mass * team.values[i][(c / stride[i]) % team.values[i].size()];
    }
  }
  if (sign_of(p) <= 0) return {p, {}};
  for (auto& x : num) x /= p;
  return {p, num};
}

template std::vector<Equilibrium<Rational>> all_equilibria(const Team<Rational>&, const Protocol&,
                                                           const EquilibriumOptions&, Progress&);
template std::optional<std::string> verify_equilibrium(const Team<Rational>&, const Protocol&,
                                                       const std::vector<std::vector<Rational>>&,
                                                       const std::vector<Rational>&);
template std::pair<Rational, std::vector<Rational>> no_disclosure_posterior(
    const Team<Rational>&, const std::vector<Rational>&);
template std::vector<Equilibrium<double>> all_equilibria(const Team<double>&, const Protocol&,
                                                         const EquilibriumOptions&, Progress&);
template std::optional<std::string> verify_equilibrium(const Team<double>&, const Protocol&,
                                                       const std::vector<std::vector<double>>&,
                                                       const std::vector<double>&);
template std::pair<double, std::vector<double>> no_disclosure_posterior(const Team<double>&,
                                                                        const std::vector<double>&);

}  // namespace mechlab::disclosure
