#include "mechlab/disclosure/equilibria.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
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
    // §3.3 |M| >= 3 (subdivision) is not implemented: see docs/disclosure.md.
    if (prof.mixers.size() > 2) continue;
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
    } else {
      candidates = solve_two_mixers(s, prof);
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
  // With at most two members, at most two mix, so the search above is complete.
  check_theorems(s, found, n <= 2);
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
