#include "mechlab/disclosure/properties.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <random>
#include <utility>

#include "mechlab/core/error.hpp"

namespace mechlab::disclosure {

namespace {

template <class T>
std::string text(const T& x) {
  return NumberTraits<T>::to_text(x);
}

// The digit of member i in a cell (strides from outcome_space: member 0 slowest).
template <class T>
std::size_t digit(const Team<T>& team, const std::vector<std::size_t>& stride, std::size_t cell,
                  std::size_t i) {
  return (cell / stride[i]) % team.values[i].size();
}

template <class T>
bool covered_by(const std::vector<T>& v, const std::vector<T>& w) {
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (sign_of(T(w[i] - v[i])) < 0) return false;
  }
  return true;
}

template <class T>
bool all_positive(const std::vector<T>& v) {
  return std::all_of(v.begin(), v.end(), [](const T& x) { return sign_of(x) > 0; });
}

// The gain vector of the equilibrium's own d and beliefs (off path: the lower
// corner of the belief box; beliefs do not enter the gains on the support
// then, since ω^ND multiplies 1 − d = 0 everywhere).
template <class T>
std::vector<T> gains_of(const EffortTechnology<T>& technology, const Equilibrium<T>& e) {
  std::vector<T> posterior = e.posterior;
  if (posterior.empty()) {
    for (const auto& box : e.belief_box) posterior.push_back(box.first);
  }
  return effort_gains(technology, e.disclosure, posterior).gain;
}

// A one-mixer family: d(α) = (1 − α) d0 + α d1, and P, Num_j affine in α.
template <class T>
struct FamilyEnd {
  T alpha;
  std::vector<T> disclosure;
  std::vector<T> posterior;
};

template <class T>
std::optional<std::pair<FamilyEnd<T>, FamilyEnd<T>>> family_ends(const Team<T>& team,
                                                                 const Protocol& protocol,
                                                                 const Equilibrium<T>& e) {
  const std::size_t n = team.member_count();
  std::optional<std::size_t> mixer;
  std::size_t mixed_at = 0;
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t k = 0; k < e.votes[i].size(); ++k) {
      const T& x = e.votes[i][k];
      if (sign_of(x) > 0 && sign_of(T(x - 1)) < 0) {
        if (mixer && *mixer != i) return std::nullopt;  // two mixers: not delimited
        mixer = i;
        mixed_at = k;
      }
    }
  }
  if (!mixer) return std::nullopt;
  const auto stride = outcome_space(team).strides();
  const std::size_t cells = team.prior.size();
  std::array<std::vector<T>, 2> d;
  std::array<T, 2> p{T(0), T(0)};
  std::array<std::vector<T>, 2> num{std::vector<T>(n, T(0)), std::vector<T>(n, T(0))};
  std::vector<T> x(n);
  for (std::size_t side = 0; side < 2; ++side) {
    d[side].resize(cells);
    for (std::size_t c = 0; c < cells; ++c) {
      for (std::size_t i = 0; i < n; ++i) x[i] = e.votes[i][digit(team, stride, c, i)];
      if (digit(team, stride, c, *mixer) == mixed_at) x[*mixer] = T(side);
      d[side][c] = deliberate(protocol, x);
      const T mass = team.prior[c] * (1 - d[side][c]);
      p[side] += mass;
      for (std::size_t i = 0; i < n; ++i)
        num[side][i] += mass * team.values[i][digit(team, stride, c, i)];
    }
  }
  // α ∈ [0, 1] cut by each pure member's belief constraints h0 + α (h1 − h0) <= 0.
  T lo(0);
  T hi(1);
  auto cut_by = [&](const T& h0, const T& h1) {
    const T slope = h1 - h0;
    if (sign_of(slope) == 0) {
      if (sign_of(h0) > 0) hi = T(-1);
      return;
    }
    const T root = -h0 / slope;
    if (sign_of(slope) > 0) {
      hi = std::min(hi, root);
    } else {
      lo = std::max(lo, root);
    }
  };
  for (std::size_t j = 0; j < n; ++j) {
    if (j == *mixer) continue;
    const auto& v = team.values[j];
    const auto cut = static_cast<std::size_t>(std::count_if(
        e.votes[j].begin(), e.votes[j].end(), [](const T& y) { return sign_of(y) == 0; }));
    if (cut > 0) cut_by(T(v[cut - 1] * p[0] - num[0][j]), T(v[cut - 1] * p[1] - num[1][j]));
    if (cut < v.size()) cut_by(T(num[0][j] - v[cut] * p[0]), T(num[1][j] - v[cut] * p[1]));
  }
  if (lo > hi) throw InternalError("full_effort_set: a mixing family with an empty interval");
  auto end = [&](const T& a) {
    FamilyEnd<T> out{a, std::vector<T>(cells), std::vector<T>(n)};
    for (std::size_t c = 0; c < cells; ++c) out.disclosure[c] = (1 - a) * d[0][c] + a * d[1][c];
    const T pa = (1 - a) * p[0] + a * p[1];
    for (std::size_t i = 0; i < n; ++i) {
      // At P(ND) = 0 the belief is the family's limit (ratio of the slopes).
      out.posterior[i] = sign_of(pa) > 0 ? T(((1 - a) * num[0][i] + a * num[1][i]) / pa)
                                         : T((num[1][i] - num[0][i]) / (p[1] - p[0]));
    }
    return out;
  };
  return std::make_pair(end(lo), end(hi));
}

template <class T>
std::vector<T> interpolate(const std::vector<T>& a, const std::vector<T>& b, const T& t) {
  std::vector<T> out(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) out[i] = a[i] + t * (b[i] - a[i]);
  return out;
}

template <class T>
bool same_vector(const std::vector<T>& a, const std::vector<T>& b) {
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!nearly_equal(a[i], b[i])) return false;
  }
  return true;
}

template <class T>
std::string vector_text(const std::vector<T>& v) {
  std::string out = "(";
  for (std::size_t i = 0; i < v.size(); ++i) out += (i == 0 ? "" : ", ") + text(v[i]);
  return out + ")";
}

// Strictly FOS-higher on a chain: every proper non-empty upper set {v_k, …}
// (k >= 1) has more mass under f than under g.
template <class T>
std::optional<std::string> strict_chain(const std::vector<T>& f, const std::vector<T>& g) {
  T tail(0);
  for (std::size_t k = f.size(); k-- > 1;) {
    tail += f[k] - g[k];
    if (sign_of(tail) <= 0)
      return fmt::format("upper set from value index {}: margin {}", k, text(tail));
  }
  return std::nullopt;
}

}  // namespace

template <class T>
FullEffortSet<T> full_effort_set(const EffortTechnology<T>& technology, const Protocol& protocol,
                                 FullEffortVariant variant, Progress& progress,
                                 const EquilibriumOptions& options) {
  FullEffortSet<T> out;
  out.protocol = protocol;
  out.variant = variant;
  out.equilibria = all_equilibria(technology.full, protocol, options, progress);
  for (std::size_t idx = 0; idx < out.equilibria.size(); ++idx) {
    const Equilibrium<T>& e = out.equilibria[idx];
    if (variant == FullEffortVariant::refined && !e.consistent_with_deliberation) continue;
    const std::vector<T> own = gains_of(technology, e);
    if (!e.degenerate) {
      out.gains.push_back({own, idx, e.kind, std::nullopt});
      continue;
    }
    const auto ends = family_ends(technology.full, protocol, e);
    if (!ends) {
      out.gains.push_back({own, idx, e.kind, std::nullopt});
      out.exact = false;
      out.note += fmt::format("{}a two-mixer family is represented by one point ({})",
                              out.note.empty() ? "" : "; ", e.family);
      continue;
    }
    const auto& [lo, hi] = *ends;
    const auto g_lo = effort_gains(technology, lo.disclosure, lo.posterior).gain;
    const auto g_hi = effort_gains(technology, hi.disclosure, hi.posterior).gain;
    out.gains.push_back({g_lo, idx, e.kind, lo.alpha});
    out.gains.push_back({g_hi, idx, e.kind, hi.alpha});
    // G·P(ND) is quadratic in α, so agreeing with the chord at a third point
    // (the family's shown α) proves G affine.
    T shown(0);
    for (const auto& votes : e.votes) {
      for (const T& x : votes) {
        if (sign_of(x) > 0 && sign_of(T(x - 1)) < 0) shown = x;
      }
    }
    const bool affine =
        nearly_equal(lo.alpha, hi.alpha) ||
        same_vector(own, interpolate(g_lo, g_hi, T((shown - lo.alpha) / (hi.alpha - lo.alpha))));
    if (!affine || (!covered_by(g_lo, g_hi) && !covered_by(g_hi, g_lo))) {
      out.exact = false;
      out.note += fmt::format(
          "{}family '{}': gains {} at its ends {} and {}", out.note.empty() ? "" : "; ", e.family,
          affine ? "affine but unordered" : "not affine", vector_text(g_lo), vector_text(g_hi));
    }
  }
  for (std::size_t a = 0; a < out.gains.size(); ++a) {
    const auto& v = out.gains[a].gain;
    if (!all_positive(v)) continue;
    bool maximal = true;
    for (std::size_t b = 0; b < out.gains.size() && maximal; ++b) {
      if (a == b) continue;
      const auto& w = out.gains[b].gain;
      // Beaten strictly, or equal to an earlier vector (keep one copy).
      if (covered_by(v, w) && (!covered_by(w, v) || b < a)) maximal = false;
    }
    if (maximal) out.maximal.push_back(out.gains[a]);
  }
  return out;
}

template <class T>
bool admits(const FullEffortSet<T>& set, const std::vector<T>& costs) {
  if (!all_positive(costs)) {
    throw InputError("/costs", "positive effort costs", vector_text(costs));
  }
  return std::any_of(set.maximal.begin(), set.maximal.end(),
                     [&](const GainVector<T>& g) { return covered_by(costs, g.gain); });
}

template <class T>
Dominance<T> dominance(const FullEffortSet<T>& d, const FullEffortSet<T>& d_prime) {
  auto covered = [](const GainVector<T>& v, const FullEffortSet<T>& set) {
    return std::any_of(set.maximal.begin(), set.maximal.end(),
                       [&](const GainVector<T>& w) { return covered_by(v.gain, w.gain); });
  };
  Dominance<T> out;
  for (const auto& v : d_prime.maximal) {
    if (!covered(v, d)) {
      out.uncovered = v;
      return out;
    }
  }
  out.dominates = true;
  for (const auto& w : d.maximal) {
    if (!covered(w, d_prime)) {
      out.strict = true;
      out.surplus = w;
      break;
    }
  }
  return out;
}

// f and g on the cells cell(0..len−1) (one member's values with the others
// fixed, or the others' profiles with the member fixed) and their masses.
template <class T>
struct Slice {
  std::vector<T> f, g;
  T mass_f, mass_g;
};

template <class T, class Cell>
Slice<T> slice(const std::vector<T>& f, const std::vector<T>& g, std::size_t len, Cell cell) {
  Slice<T> out{std::vector<T>(len), std::vector<T>(len), T(0), T(0)};
  for (std::size_t x = 0; x < len; ++x) {
    out.f[x] = f[cell(x)];
    out.g[x] = g[cell(x)];
    out.mass_f += out.f[x];
    out.mass_g += out.g[x];
  }
  return out;
}

template <class T>
EffortType<T> effort_type(const EffortTechnology<T>& technology) {
  const Team<T>& team = technology.full;
  const std::size_t n = team.member_count();
  if (technology.shirk.size() != n) {
    throw InputError("/shirk", fmt::format("{} distributions", n),
                     std::to_string(technology.shirk.size()));
  }
  const auto stride = outcome_space(team).strides();
  const std::size_t cells = team.prior.size();
  EffortType<T> out;
  out.productive = out.self_improving = out.team_improving = true;
  for (std::size_t i = 0; i < n && out.productive; ++i) {
    const auto check = fos_margin(team, team.prior, technology.shirk[i], false);
    if (sign_of(check.margin) < 0) {
      out.productive = false;
      out.why_not_productive =
          fmt::format("F(e_N) does not FOS-dominate F(e_N\\{}): an upper set has margin {}",
                      team.members[i], text(check.margin));
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    const std::vector<T>& f = team.prior;
    const std::vector<T>& g = technology.shirk[i];
    const std::size_t m = team.values[i].size();
    const std::size_t rest = cells / m;
    // The cells with ω_i at value k and the others at their `r`-th profile.
    auto cell = [&](std::size_t r, std::size_t k) {
      const std::size_t high = r / stride[i];
      const std::size_t low = r % stride[i];
      return (high * m + k) * stride[i] + low;
    };
    // Self-improving: others' marginal unchanged, own conditional strictly up.
    if (out.self_improving) {
      for (std::size_t r = 0; r < rest && out.self_improving; ++r) {
        auto [fi, gi, mf, mg] = slice(f, g, m, [&](std::size_t k) { return cell(r, k); });
        if (!nearly_equal(mf, mg)) {
          out.self_improving = false;
          out.why_not_self_improving = fmt::format(
              "{}'s shirking changes the others' joint marginal at profile {} ({} vs {})",
              team.members[i], r, text(mf), text(mg));
        } else if (const auto why = strict_chain(fi, gi)) {
          out.self_improving = false;
          out.why_not_self_improving = fmt::format(
              "{}'s own conditional given the others' profile {} is not strictly higher: {}",
              team.members[i], r, *why);
        }
      }
    }
    // Team-improving: own marginal unchanged, others' conditional strictly up.
    if (out.team_improving) {
      for (std::size_t k = 0; k < m && out.team_improving; ++k) {
        auto [fo, go, mf, mg] = slice(f, g, rest, [&](std::size_t r) { return cell(r, k); });
        if (!nearly_equal(mf, mg)) {
          out.team_improving = false;
          out.why_not_team_improving = fmt::format(
              "{}'s shirking changes {}'s own marginal at {} ({} vs {})", team.members[i],
              team.members[i], text(team.values[i][k]), text(mf), text(mg));
          break;
        }
        std::optional<std::string> why;
        if (n == 2) {
          why = strict_chain(fo, go);
        } else {
          Team<T> others;
          for (std::size_t j = 0; j < n; ++j) {
            if (j == i) continue;
            others.members.push_back(team.members[j]);
            others.values.push_back(team.values[j]);
          }
          for (auto& x : fo) x /= mf;
          for (auto& x : go) x /= mf;
          const auto check = fos_margin(others, fo, go, true);
          if (sign_of(check.margin) <= 0) {
            why = fmt::format("a proper upper set of the others' outcomes has margin {}",
                              text(check.margin));
          }
        }
        if (why) {
          out.team_improving = false;
          out.why_not_team_improving =
              fmt::format("the others' conditional given {} = {} is not strictly higher: {}",
                          team.members[i], text(team.values[i][k]), *why);
        }
      }
    }
  }
  return out;
}

template <class T>
EffortTechnology<T> mixture_technology(const EffortTechnology<T>& base,
                                       const std::vector<T>& correlated, const T& epsilon) {
  if (correlated.size() != base.full.prior.size()) {
    throw InputError("/correlated", fmt::format("{} probabilities", base.full.prior.size()),
                     std::to_string(correlated.size()));
  }
  if (sign_of(epsilon) < 0 || sign_of(T(epsilon - 1)) >= 0) {
    throw InputError("/epsilon", "a weight in [0, 1)", text(epsilon));
  }
  EffortTechnology<T> out = base;
  for (std::size_t c = 0; c < correlated.size(); ++c) {
    out.full.prior[c] = (1 - epsilon) * base.full.prior[c] + epsilon * correlated[c];
  }
  return out;
}

template <class T>
Prop4Threshold<T> prop4_epsilon_bar(const EffortTechnology<T>& base,
                                    const std::vector<T>& correlated, const Protocol& protocol) {
  const Team<T>& team = base.full;
  const std::size_t n = team.member_count();
  if (correlated.size() != team.prior.size()) {
    throw InputError("/correlated", fmt::format("{} probabilities", team.prior.size()),
                     std::to_string(correlated.size()));
  }
  const auto stride = outcome_space(team).strides();
  const std::size_t cells = team.prior.size();
  // Lemma 4's rule: each member votes no only at the lowest outcome.
  std::vector<T> d(cells);
  for (std::size_t c = 0; c < cells; ++c) {
    Coalition yes = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (digit(team, stride, c, i) > 0) yes |= Coalition{1} << i;
    }
    d[c] = protocol.wins(yes) ? T(1) : T(0);
  }
  auto sums = [&](const std::vector<T>& pmf, std::size_t i) {
    T p(0);
    T num(0);
    for (std::size_t c = 0; c < cells; ++c) {
      const T mass = pmf[c] * (1 - d[c]);
      p += mass;
      num += mass * team.values[i][digit(team, stride, c, i)];
    }
    return std::make_pair(p, num);
  };
  Prop4Threshold<T> out;
  out.target.assign(n, T(0));
  for (std::size_t i = 0; i < n; ++i) {
    const auto [p_dev, num_dev] = sums(base.shirk.at(i), i);
    if (sign_of(p_dev) <= 0) continue;  // the third term of eq. (4) vanishes
    const T target = num_dev / p_dev;
    out.target[i] = target;
    // h(ε) = target·P_ε(ND) − Num_ε > 0 ⇔ E_ε[ω_i | ND] < target (P_ε > 0).
    const auto [pf, nf] = sums(team.prior, i);
    const auto [pg, ng] = sums(correlated, i);
    const T h0 = target * pf - nf;
    const T h1 = target * pg - ng;
    std::optional<T> from;
    if (sign_of(h1) > 0) {
      from = sign_of(h0) > 0 ? T(0) : T(h0 / (h0 - h1));
    } else if (sign_of(h1) == 0 && sign_of(h0) > 0) {
      from = T(0);
    }
    if (from && (!out.epsilon_bar || *from < *out.epsilon_bar)) {
      out.epsilon_bar = from;
      out.member = i;
    }
  }
  return out;
}

template <class T>
Prop5Condition<T> prop5_effective_leader(const EffortTechnology<T>& technology,
                                         std::size_t leader) {
  const Team<T>& team = technology.full;
  const std::size_t n = team.member_count();
  if (leader >= n) {
    throw InputError("/leader", fmt::format("a member index below {}", n), std::to_string(leader));
  }
  const auto stride = outcome_space(team).strides();
  auto conditional_mean = [&](const std::vector<T>& pmf, std::size_t j) {
    T p(0);
    T num(0);
    for (std::size_t c = 0; c < pmf.size(); ++c) {
      if (digit(team, stride, c, leader) != 0) continue;
      p += pmf[c];
      num += pmf[c] * team.values[j][digit(team, stride, c, j)];
    }
    return T(num / p);
  };
  Prop5Condition<T> out;
  out.holds = true;
  out.mean_full.assign(n, T(0));
  out.mean_shirk.assign(n, T(0));
  for (std::size_t j = 0; j < n; ++j) {
    if (j == leader) continue;
    out.mean_full[j] = conditional_mean(team.prior, j);
    out.mean_shirk[j] = conditional_mean(technology.shirk.at(j), j);
    if (!(out.mean_full[j] < out.mean_shirk[j]) && out.holds) {
      out.holds = false;
      out.failing = j;
    }
  }
  return out;
}

const char* prop6_case_text(Prop6Case c) {
  switch (c) {
    case Prop6Case::team_improving: return "(i) team-improving";
    case Prop6Case::correlation_improving: return "(ii) correlation-improving";
    case Prop6Case::self_improving: return "(iii) self-improving";
    case Prop6Case::common_improving: return "(iv) common-outcome-improving";
    default: return "none";
  }
}

Prop6Case prop6_case(const BinaryEffortModel& m) {
  const bool p_same = m.p0 == m.p1;
  const bool t_same = m.qT0 == m.qT1;
  const bool i_same = m.qi0 == m.q1;
  const bool j_same = m.qj0 == m.q1;
  if (m.qj0 < m.q1 && i_same && t_same && p_same) return Prop6Case::team_improving;
  if (m.p0 < m.p1 && i_same && j_same && t_same) return Prop6Case::correlation_improving;
  if (m.qi0 < m.q1 && j_same && t_same && p_same) return Prop6Case::self_improving;
  if (m.qT0 < m.qT1 && i_same && j_same && p_same) return Prop6Case::common_improving;
  return Prop6Case::none;
}

BinaryEffortModel random_prop6_model(Rng& rng, Prop6Case which, std::size_t members) {
  std::uniform_int_distribution<int> pick(1, 99);
  const auto r = [&] { return fraction(pick(rng), 100); };
  BinaryEffortModel m;
  m.members = members;
  m.p1 = r();
  m.qT1 = r();
  m.q1 = r();
  m.p0 = m.p1;
  m.qT0 = m.qT1;
  m.qi0 = m.q1;
  m.qj0 = m.q1;
  switch (which) {
    case Prop6Case::team_improving: m.qj0 *= r(); break;
    case Prop6Case::correlation_improving: m.p0 *= r(); break;
    case Prop6Case::self_improving: m.qi0 *= r(); break;
    case Prop6Case::common_improving: m.qT0 *= r(); break;
    case Prop6Case::none: throw InternalError("random_prop6_model: no case to draw");
  }
  return m;
}

Prop6Check prop6_check(const BinaryEffortModel& model) {
  Prop6Check out;
  out.which = prop6_case(model);
  out.gains = k_majority_gains<Rational>(model);
  const bool above =
      out.which == Prop6Case::team_improving || out.which == Prop6Case::correlation_improving;
  const bool below =
      out.which == Prop6Case::self_improving || out.which == Prop6Case::common_improving;
  for (std::size_t k = 1; k < out.gains.size() && !out.violation; ++k) {
    const bool ok = above ? out.gains[k] > out.gains[0] : (!below || out.gains[k] <= out.gains[0]);
    if (!ok) {
      out.holds = false;
      out.violation = k + 1;
    }
  }
  return out;
}

template <class T>
std::vector<T> least_disclosure_rule(const Team<T>& team, const Protocol& protocol) {
  const std::size_t n = team.member_count();
  for (std::size_t i = 0; i < n; ++i) {
    if (team.values[i].size() != 2) {
      throw InputError(fmt::format("/outcomes/{}", i), "two values (binary outcomes)",
                       std::to_string(team.values[i].size()));
    }
  }
  const auto stride = outcome_space(team).strides();
  std::vector<T> d(team.prior.size());
  for (std::size_t c = 0; c < d.size(); ++c) {
    Coalition high = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (digit(team, stride, c, i) == 1) high |= Coalition{1} << i;
    }
    d[c] = protocol.wins(high) ? T(1) : T(0);
  }
  return d;
}

namespace {

// Definition 1 on the diagonal support: votes[i][k] at outcome k.
template <class T>
bool diagonal_equilibrium(const std::vector<std::vector<T>>& values, const Protocol& protocol,
                          const std::vector<std::vector<T>>& votes, const std::vector<T>& belief) {
  const std::size_t n = values.size();
  const std::size_t m = values[0].size();
  std::vector<T> x(n);
  for (std::size_t k = 0; k < m; ++k) {
    for (Coalition s = 1; s <= protocol.all(); ++s) {
      bool above = true;
      bool below = true;
      for (std::size_t i = 0; i < n; ++i) {
        x[i] = votes[i][k];
        if (((s >> i) & 1U) == 0) continue;
        above = above && sign_of(T(values[i][k] - belief[i])) > 0;
        below = below && sign_of(T(values[i][k] - belief[i])) < 0;
      }
      if (!above && !below) continue;
      for (std::size_t i = 0; i < n; ++i)
        if (((s >> i) & 1U) != 0) x[i] = T(1);
      const T yes = deliberate(protocol, x);
      for (std::size_t i = 0; i < n; ++i)
        if (((s >> i) & 1U) != 0) x[i] = T(0);
      if (!(deliberate(protocol, x) < yes)) continue;
      for (std::size_t i = 0; i < n; ++i) {
        if (((s >> i) & 1U) != 0 && !nearly_equal(votes[i][k], above ? T(1) : T(0))) return false;
      }
    }
  }
  return true;
}

}  // namespace

template <class T>
std::vector<std::vector<T>> correlated_equilibrium_rules(const std::vector<std::vector<T>>& values,
                                                         const std::vector<T>& diagonal,
                                                         const Protocol& protocol) {
  const std::size_t n = values.size();
  if (n < 2 || protocol.members != n) {
    throw InputError("/outcomes", "at least 2 members, as many as the protocol's",
                     std::to_string(n));
  }
  const std::size_t m = diagonal.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (values[i].size() != m || m < 2) {
      throw InputError(fmt::format("/outcomes/{}", i), fmt::format("{} values", m),
                       std::to_string(values[i].size()));
    }
    for (std::size_t k = 1; k < m; ++k) {
      if (!(values[i][k - 1] < values[i][k])) {
        throw InputError(fmt::format("/outcomes/{}/{}", i, k), "strictly increasing values",
                         text(values[i][k]));
      }
    }
  }
  for (std::size_t k = 0; k < m; ++k) {
    if (!(diagonal[k] > T(0))) {
      throw InputError(fmt::format("/diagonal/{}", k), "a positive probability", text(diagonal[k]));
    }
  }
  check_assumption1(protocol, "/protocol");
  std::vector<std::vector<T>> rules{std::vector<T>(m, T(1))};  // FD: x ≡ 1, ω^ND = ω̲
  auto record = [&](const std::vector<std::vector<T>>& votes) {
    std::vector<T> d(m);
    std::vector<T> x(n);
    T p(0);
    std::vector<T> num(n, T(0));
    for (std::size_t k = 0; k < m; ++k) {
      for (std::size_t i = 0; i < n; ++i) x[i] = votes[i][k];
      d[k] = deliberate(protocol, x);
      p += diagonal[k] * (1 - d[k]);
      for (std::size_t i = 0; i < n; ++i) num[i] += diagonal[k] * (1 - d[k]) * values[i][k];
    }
    if (sign_of(p) <= 0) return;  // full disclosure, already recorded
    for (auto& v : num) v /= p;
    if (!diagonal_equilibrium(values, protocol, votes, num)) return;
    if (std::none_of(rules.begin(), rules.end(),
                     [&](const std::vector<T>& r) { return same_vector(r, d); })) {
      rules.push_back(d);
    }
  };
  // Types per member: cut c in 0..m (pure) or a mix at k in 0..m−1 (index m+1+k).
  const std::size_t types = 2 * m + 1;
  std::size_t total = 1;
  for (std::size_t i = 0; i < n; ++i) total *= types;
  std::vector<std::vector<T>> votes(n, std::vector<T>(m));
  for (std::size_t index = 0; index < total; ++index) {
    std::size_t rest = index;
    std::optional<std::size_t> mixer;
    bool two = false;
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t ty = rest % types;
      rest /= types;
      const bool mixes = ty > m;
      const std::size_t cut = mixes ? ty - m - 1 : ty;
      for (std::size_t k = 0; k < m; ++k) votes[i][k] = k >= cut ? T(1) : T(0);
      if (mixes) {
        two = two || mixer.has_value();
        mixer = i;
        votes[i][cut] = T(-1);  // placeholder for α
      }
    }
    if (two) continue;
    if (!mixer) {
      record(votes);
      continue;
    }
    // One mixer: its belief condition Num_i − v P = 0 is affine in α.
    const std::size_t i = *mixer;
    const auto at = static_cast<std::size_t>(std::find(votes[i].begin(), votes[i].end(), T(-1)) -
                                             votes[i].begin());
    std::array<T, 2> g{T(0), T(0)};
    for (std::size_t side = 0; side < 2; ++side) {
      votes[i][at] = T(side);
      std::vector<T> x(n);
      for (std::size_t k = 0; k < m; ++k) {
        for (std::size_t j = 0; j < n; ++j) x[j] = votes[j][k];
        const T mass = diagonal[k] * (1 - deliberate(protocol, x));
        g[side] += mass * (values[i][k] - values[i][at]);
      }
    }
    std::vector<T> alphas;
    if (sign_of(T(g[1] - g[0])) != 0) {
      alphas.push_back(g[0] / (g[0] - g[1]));
    } else if (sign_of(g[0]) == 0) {
      alphas = {T(T(1) / 4), T(T(1) / 2), T(T(3) / 4)};  // a family: sample it
    }
    for (const T& a : alphas) {
      if (sign_of(a) <= 0 || sign_of(T(a - 1)) >= 0) continue;
      votes[i][at] = a;
      record(votes);
    }
  }
  return rules;
}

template FullEffortSet<Rational> full_effort_set(const EffortTechnology<Rational>&, const Protocol&,
                                                 FullEffortVariant, Progress&,
                                                 const EquilibriumOptions&);
template FullEffortSet<double> full_effort_set(const EffortTechnology<double>&, const Protocol&,
                                               FullEffortVariant, Progress&,
                                               const EquilibriumOptions&);
template bool admits(const FullEffortSet<Rational>&, const std::vector<Rational>&);
template bool admits(const FullEffortSet<double>&, const std::vector<double>&);
template Dominance<Rational> dominance(const FullEffortSet<Rational>&,
                                       const FullEffortSet<Rational>&);
template Dominance<double> dominance(const FullEffortSet<double>&, const FullEffortSet<double>&);
template EffortType<Rational> effort_type(const EffortTechnology<Rational>&);
template EffortType<double> effort_type(const EffortTechnology<double>&);
template EffortTechnology<Rational> mixture_technology(const EffortTechnology<Rational>&,
                                                       const std::vector<Rational>&,
                                                       const Rational&);
template EffortTechnology<double> mixture_technology(const EffortTechnology<double>&,
                                                     const std::vector<double>&, const double&);
template Prop4Threshold<Rational> prop4_epsilon_bar(const EffortTechnology<Rational>&,
                                                    const std::vector<Rational>&, const Protocol&);
template Prop4Threshold<double> prop4_epsilon_bar(const EffortTechnology<double>&,
                                                  const std::vector<double>&, const Protocol&);
template Prop5Condition<Rational> prop5_effective_leader(const EffortTechnology<Rational>&,
                                                         std::size_t);
template Prop5Condition<double> prop5_effective_leader(const EffortTechnology<double>&,
                                                       std::size_t);
template std::vector<Rational> least_disclosure_rule(const Team<Rational>&, const Protocol&);
template std::vector<double> least_disclosure_rule(const Team<double>&, const Protocol&);
template std::vector<std::vector<Rational>> correlated_equilibrium_rules(
    const std::vector<std::vector<Rational>>&, const std::vector<Rational>&, const Protocol&);
template std::vector<std::vector<double>> correlated_equilibrium_rules(
    const std::vector<std::vector<double>>&, const std::vector<double>&, const Protocol&);

}  // namespace mechlab::disclosure
