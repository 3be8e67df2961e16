#include "mechlab/disclosure/effort.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <deque>
#include <limits>
#include <string>
#include <vector>

#include "mechlab/core/error.hpp"
#include "mechlab/core/index_space.hpp"

namespace mechlab::disclosure {
namespace {

// Ω as an IndexSpace over the members (labels are value positions), after the
// shape checks this file needs: it does not assume the team was validated.
template <class T>
IndexSpace lattice_of(const Team<T>& team) {
  const std::size_t n = team.member_count();
  if (n < 2) throw InputError("/members", "at least 2 members", std::to_string(n));
  if (team.values.size() != n) {
    throw InputError("/outcomes", fmt::format("{} outcome lists", n),
                     std::to_string(team.values.size()));
  }
  std::vector<Coordinate> coordinates;
  for (std::size_t i = 0; i < n; ++i) {
    if (team.values[i].size() < 2) {
      throw InputError(fmt::format("/outcomes/{}", i), "at least 2 values",
                       std::to_string(team.values[i].size()));
    }
    Coordinate c{team.members[i], {}};
    for (std::size_t k = 0; k < team.values[i].size(); ++k) c.labels.push_back(std::to_string(k));
    coordinates.push_back(std::move(c));
  }
  IndexSpace space(std::move(coordinates));
  if (team.prior.size() != space.size()) {
    throw InputError("/prior", fmt::format("{} probabilities", space.size()),
                     std::to_string(team.prior.size()));
  }
  return space;
}

template <class T>
void check_pmf(const std::vector<T>& pmf, std::size_t cells, const std::string& where) {
  if (pmf.size() != cells) {
    throw InputError(where, fmt::format("{} probabilities", cells), std::to_string(pmf.size()));
  }
  T total(0);
  for (std::size_t k = 0; k < cells; ++k) {
    check_number(pmf[k], fmt::format("{}/{}", where, k), true);
    total += pmf[k];
  }
  if (!nearly_equal(total, T(1))) {
    throw InputError(where, "probabilities summing to 1", NumberTraits<T>::to_text(total));
  }
}

// Σ_ω pmf(ω)·φ(ω) for the per-member sums Theorem 3 needs.
template <class T>
struct Moments {
  T mean;         // E[ω_i]
  T prob_nd;      // P[ND] = E[1 − d]
  T mean_nd_num;  // E[ω_i (1 − d)]
  T payoff;       // U_i = E[d ω_i + (1 − d) ω_i^ND]
};

template <class T>
Moments<T> moments(const IndexSpace& space, const std::vector<T>& values, const std::vector<T>& pmf,
                   const std::vector<T>& d, std::size_t i, const T& belief) {
  Moments<T> m{T(0), T(0), T(0), T(0)};
  for (std::size_t cell = 0; cell < space.size(); ++cell) {
    const T& w = values[space.digit(cell, i)];
    const T nd = T(1) - d[cell];
    m.mean += pmf[cell] * w;
    m.prob_nd += pmf[cell] * nd;
    m.mean_nd_num += pmf[cell] * w * nd;
    m.payoff += pmf[cell] * (d[cell] * w + nd * belief);
  }
  return m;
}

}  // namespace

template <class T>
EffortGains<T> effort_gains(const EffortTechnology<T>& technology, const std::vector<T>& disclosure,
                            const std::vector<T>& posterior) {
  const Team<T>& team = technology.full;
  const IndexSpace space = lattice_of(team);
  const std::size_t n = team.member_count();
  check_pmf(team.prior, space.size(), "/prior");
  if (technology.shirk.size() != n) {
    throw InputError("/shirk", fmt::format("{} distributions", n),
                     std::to_string(technology.shirk.size()));
  }
  for (std::size_t i = 0; i < n; ++i) {
    check_pmf(technology.shirk[i], space.size(), fmt::format("/shirk/{}", i));
  }
  if (disclosure.size() != space.size()) {
    throw InputError("/disclosure", fmt::format("{} probabilities", space.size()),
                     std::to_string(disclosure.size()));
  }
  for (std::size_t k = 0; k < disclosure.size(); ++k) {
    const std::string where = fmt::format("/disclosure/{}", k);
    check_number(disclosure[k], where, true);
    if (sign_of(T(disclosure[k] - T(1))) > 0) {
      throw InputError(where, "a probability in [0,1]", NumberTraits<T>::to_text(disclosure[k]));
    }
  }
  if (posterior.size() != n) {
    throw InputError("/posterior", fmt::format("{} beliefs", n), std::to_string(posterior.size()));
  }

  EffortGains<T> out;
  for (std::size_t i = 0; i < n; ++i) {
    const std::vector<T>& values = team.values[i];
    const std::string where = fmt::format("/posterior/{}", i);
    check_number(posterior[i], where, false);
    const Moments<T> full = moments(space, values, team.prior, disclosure, i, posterior[i]);
    const Moments<T> shirk =
        moments(space, values, technology.shirk[i], disclosure, i, posterior[i]);
    const bool on_path = sign_of(full.prob_nd) > 0;
    if (on_path) {
      // Covert effort: the belief is the equilibrium Bayes posterior (eq. 2).
      const T bayes = full.mean_nd_num / full.prob_nd;
      if (!nearly_equal(bayes, posterior[i])) {
        throw InputError(where,
                         fmt::format("the Bayes posterior {}", NumberTraits<T>::to_text(bayes)),
                         NumberTraits<T>::to_text(posterior[i]));
      }
    } else if (sign_of(T(posterior[i] - values.front())) < 0 ||
               sign_of(T(posterior[i] - values.back())) > 0) {
      throw InputError(where, "an off-path belief within [min Ω_i, max Ω_i]",
                       NumberTraits<T>::to_text(posterior[i]));
    }
    const T gain = full.payoff - shirk.payoff;
    const T delta = full.mean - shirk.mean;
    const T mean_nd_shirk =
        sign_of(shirk.prob_nd) > 0 ? T(shirk.mean_nd_num / shirk.prob_nd) : posterior[i];
    const T cov_full = full.mean - full.mean_nd_num - full.mean * (T(1) - full.prob_nd);
    const T cov_shirk = shirk.mean - shirk.mean_nd_num - shirk.mean * (T(1) - shirk.prob_nd);
    if (on_path) {
      // Theorem 3: eq. (4) and its covariance form eq. (5) equal the direct
      // payoff difference (A.5–A.6).
      const T eq4 = delta - shirk.prob_nd * (posterior[i] - mean_nd_shirk);
      const T eq5 =
          (T(1) - shirk.prob_nd) * delta + shirk.prob_nd / full.prob_nd * cov_full - cov_shirk;
      if (!nearly_equal(eq4, gain) || !nearly_equal(eq5, gain)) {
        throw InternalError(
            fmt::format("effort_gains: member {}: direct {} but eq. (4) {}, eq. (5) {}", i,
                        NumberTraits<T>::to_text(gain), NumberTraits<T>::to_text(eq4),
                        NumberTraits<T>::to_text(eq5)));
      }
    }
    out.prob_nd_full = full.prob_nd;
    out.gain.push_back(gain);
    out.delta_mean.push_back(delta);
    out.prob_nd_shirk.push_back(shirk.prob_nd);
    out.mean_nd_full.push_back(posterior[i]);
    out.mean_nd_shirk.push_back(mean_nd_shirk);
    out.cov_full.push_back(cov_full);
    out.cov_shirk.push_back(cov_shirk);
  }
  return out;
}

namespace {

// Max flow by shortest augmenting paths (Edmonds–Karp): the number of
// augmentations is bounded combinatorially, so it ends in exact arithmetic
// and in double alike.
template <class T>
class FlowNetwork {
 public:
  explicit FlowNetwork(std::size_t nodes) : edges_(nodes) {}

  void add(std::size_t from, std::size_t to, const T& capacity) {
    edges_[from].push_back({to, capacity, edges_[to].size()});
    edges_[to].push_back({from, T(0), edges_[from].size() - 1});
  }

  T max_flow(std::size_t source, std::size_t sink) {
    T total(0);
    const std::size_t none = std::numeric_limits<std::size_t>::max();
    while (true) {
      // parent[v] = (node, edge index) through which BFS reached v.
      std::vector<std::pair<std::size_t, std::size_t>> parent(edges_.size(), {none, none});
      parent[source] = {source, none};
      std::deque<std::size_t> queue{source};
      while (!queue.empty() && parent[sink].first == none) {
        const std::size_t v = queue.front();
        queue.pop_front();
        for (std::size_t k = 0; k < edges_[v].size(); ++k) {
          const Edge& e = edges_[v][k];
          if (parent[e.to].first == none && e.residual > T(0)) {
            parent[e.to] = {v, k};
            queue.push_back(e.to);
          }
        }
      }
      if (parent[sink].first == none) return total;
      T bottleneck = edges_[parent[sink].first][parent[sink].second].residual;
      for (std::size_t v = sink; v != source; v = parent[v].first) {
        bottleneck = std::min(bottleneck, edges_[parent[v].first][parent[v].second].residual);
      }
      for (std::size_t v = sink; v != source; v = parent[v].first) {
        Edge& e = edges_[parent[v].first][parent[v].second];
        e.residual -= bottleneck;
        edges_[v][e.reverse].residual += bottleneck;
      }
      total += bottleneck;
    }
  }

  // Nodes reachable from `source` in the residual network (the source side of
  // a minimum cut after max_flow).
  std::vector<bool> reachable(std::size_t source) const {
    std::vector<bool> seen(edges_.size(), false);
    seen[source] = true;
    std::deque<std::size_t> queue{source};
    while (!queue.empty()) {
      const std::size_t v = queue.front();
      queue.pop_front();
      for (const Edge& e : edges_[v]) {
        if (!seen[e.to] && e.residual > T(0)) {
          seen[e.to] = true;
          queue.push_back(e.to);
        }
      }
    }
    return seen;
  }

 private:
  struct Edge {
    std::size_t to;
    T residual;
    std::size_t reverse;
  };
  std::vector<std::vector<Edge>> edges_;
};

}  // namespace

template <class T>
DominanceCheck<T> fos_margin(const Team<T>& team, const std::vector<T>& f, const std::vector<T>& g,
                             bool strict) {
  const IndexSpace space = lattice_of(team);
  const std::size_t cells = space.size();
  if (cells > kMaxFosCells) {
    throw InputError("/outcomes", fmt::format("at most {} outcome profiles", kMaxFosCells),
                     std::to_string(cells));
  }
  check_pmf(f, cells, "/f");
  check_pmf(g, cells, "/g");

  // Minimum-weight upper set = maximum-weight closure of w = g − f (Picard):
  // an infinite arc ω → ω + e_k keeps the source side closed upwards.
  std::vector<T> h(cells);
  T big(1);
  T positive(0);  // Σ max(w, 0)
  for (std::size_t c = 0; c < cells; ++c) {
    h[c] = f[c] - g[c];
    big += abs_of(h[c]);
    if (h[c] < T(0)) positive -= h[c];
  }
  const std::size_t source = cells;
  const std::size_t sink = cells + 1;
  FlowNetwork<T> network(cells + 2);
  for (std::size_t c = 0; c < cells; ++c) {
    if (h[c] < T(0)) network.add(source, c, T(-h[c]));
    if (h[c] > T(0)) network.add(c, sink, h[c]);
    for (std::size_t k = 0; k < space.rank(); ++k) {
      const std::size_t digit = space.digit(c, k);
      if (digit + 1 < space.radix(k)) network.add(c, space.with_digit(c, k, digit + 1), big);
    }
  }
  if (strict) {
    // Non-empty and proper (Z5): the top ω̄ in U, the bottom ω̲ out of it.
    network.add(source, cells - 1, big);
    network.add(0, sink, big);
  }
  const T flow = network.max_flow(source, sink);
  const std::vector<bool> side = network.reachable(source);

  DominanceCheck<T> out;
  for (std::size_t c = 0; c < cells; ++c) {
    if (!side[c]) continue;
    out.upper_set.push_back(c);
    out.margin += h[c];
    for (std::size_t k = 0; k < space.rank(); ++k) {
      const std::size_t digit = space.digit(c, k);
      if (digit + 1 < space.radix(k) && !side[space.with_digit(c, k, digit + 1)]) {
        throw InternalError("fos_margin: the minimum cut is not an upper set");
      }
    }
  }
  if (strict && (!side[cells - 1] || side[0])) {
    throw InternalError("fos_margin: the strict cut is empty or all of Ω");
  }
  // Max-flow = min-cut: flow = Σ max(w,0) − Σ_{U} w = positive + margin.
  if (!nearly_equal(T(positive + out.margin), flow)) {
    throw InternalError("fos_margin: cut value differs from the maximum flow");
  }
  return out;
}

namespace {

// The model's field for `which` (const or not, as the model).
template <class Model>
auto& parameter_ref(Model& m, BinaryEffortParameter which) {
  switch (which) {
    case BinaryEffortParameter::p1: return m.p1;
    case BinaryEffortParameter::qT1: return m.qT1;
    case BinaryEffortParameter::q1: return m.q1;
    case BinaryEffortParameter::p0: return m.p0;
    case BinaryEffortParameter::qT0: return m.qT0;
    case BinaryEffortParameter::qi0: return m.qi0;
    case BinaryEffortParameter::qj0: return m.qj0;
  }
  throw InternalError("unknown BinaryEffortParameter");
}

const char* parameter_name(BinaryEffortParameter which) {
  switch (which) {
    case BinaryEffortParameter::p1: return "p1";
    case BinaryEffortParameter::qT1: return "qT1";
    case BinaryEffortParameter::q1: return "q1";
    case BinaryEffortParameter::p0: return "p0";
    case BinaryEffortParameter::qT0: return "qT0";
    case BinaryEffortParameter::qi0: return "qi0";
    case BinaryEffortParameter::qj0: return "qj0";
  }
  throw InternalError("unknown BinaryEffortParameter");
}

void check_binary_model(const BinaryEffortModel& model) {
  if (model.members < 2) {
    throw InputError("/members", "at least 2 members", std::to_string(model.members));
  }
  for (const auto which :
       {BinaryEffortParameter::p1, BinaryEffortParameter::qT1, BinaryEffortParameter::q1,
        BinaryEffortParameter::p0, BinaryEffortParameter::qT0, BinaryEffortParameter::qi0,
        BinaryEffortParameter::qj0}) {
    const Rational& x = parameter_ref(model, which);
    if (sgn(x) <= 0 || x >= 1) {
      throw InputError(fmt::format("/{}", parameter_name(which)), "a probability in (0,1)",
                       to_string(x));
    }
  }
}

template <class T>
T power(const T& x, std::size_t k) {
  T out(1);
  for (std::size_t m = 0; m < k; ++m) out *= x;
  return out;
}

// C(n, 0..n) in T.
template <class T>
std::vector<T> binomials(std::size_t n) {
  std::vector<T> c(n + 1, T(1));
  for (std::size_t m = 1; m <= n; ++m) {
    c[m] = c[m - 1] * T(static_cast<long>(n - m + 1)) / T(static_cast<long>(m));
  }
  return c;
}

// P(ND) and E[ω_i | ND] under d_K in the §4.3 model with (p, q_T, q_i, q_j),
// by the direct form P(ω_i = 1 ∩ ND)/P(ND) of A.10; in Rational also by eq.
// (15) itself (when S > 0), which must agree exactly.
template <class T>
std::pair<T, T> no_disclosure(std::size_t n, std::size_t k, const T& p, const T& q_t, const T& q_i,
                              const T& q_j, const std::vector<T>& choose) {
  // S = P(at least N−K+1 of the N−1 others are low) (Z4).
  T s(0);
  for (std::size_t m = n - k + 1; m <= n - 1; ++m) {
    s += choose[m] * power(T(1 - q_j), m) * power(q_j, n - 1 - m);
  }
  const T edge = choose[n - k] * power(T(1 - q_j), n - k) * power(q_j, k - 1);
  const T prob_nd = p * (1 - q_t) + (1 - p) * s + (1 - p) * (1 - q_i) * edge;
  const T mean = (1 - p) * q_i * s / prob_nd;
  if constexpr (NumberTraits<T>::exact) {
    if (sgn(s) > 0) {
      const T ratio = (1 - q_j) / q_j;
      T tail(0);
      for (std::size_t m = n - k + 1; m <= n - 1; ++m) {
        tail += choose[m] * power(ratio, m - (n - k));
      }
      const T inverse =
          p * (1 - q_t) / ((1 - p) * q_i * s) + 1 / q_i + (1 - q_i) * choose[n - k] / (q_i * tail);
      if (T(1 / inverse) != mean) throw InternalError("eq. (15) differs from A.10's direct form");
    }
  }
  return {prob_nd, mean};
}

}  // namespace

template <class T>
std::vector<T> k_majority_gains(const BinaryEffortModel& model) {
  check_binary_model(model);
  const auto to_t = [](const Rational& x) { return NumberTraits<T>::from_rational(x); };
  const T p1 = to_t(model.p1);
  const T qt1 = to_t(model.qT1);
  const T q1 = to_t(model.q1);
  const T p0 = to_t(model.p0);
  const T qt0 = to_t(model.qT0);
  const T qi0 = to_t(model.qi0);
  const T qj0 = to_t(model.qj0);
  const std::size_t n = model.members;
  const std::vector<T> choose = binomials<T>(n - 1);
  const T delta = p1 * qt1 + (1 - p1) * q1 - (p0 * qt0 + (1 - p0) * qi0);
  std::vector<T> gains;
  for (std::size_t k = 1; k <= n; ++k) {
    const auto [prob_full, mean_full] = no_disclosure(n, k, p1, qt1, q1, q1, choose);
    const auto [prob_shirk, mean_shirk] = no_disclosure(n, k, p0, qt0, qi0, qj0, choose);
    gains.push_back(k == 1 ? delta : T(delta - prob_shirk * (mean_full - mean_shirk)));
  }
  return gains;
}

std::vector<std::size_t> optimal_k(const BinaryEffortModel& model) {
  const std::vector<Rational> gains = k_majority_gains<Rational>(model);
  const Rational best = *std::max_element(gains.begin(), gains.end());
  std::vector<std::size_t> out;
  for (std::size_t k = 0; k < gains.size(); ++k) {
    if (gains[k] == best) out.push_back(k + 1);
  }
  return out;
}

OptimalKSweep optimal_k_sweep(const BinaryEffortModel& baseline, BinaryEffortParameter parameter,
                              const Rational& from, const Rational& to, const Rational& step) {
  if (sgn(step) <= 0) throw InputError("/step", "a positive step", to_string(step));
  if (from > to)
    throw InputError("/from", fmt::format("at most {}", to_string(to)), to_string(from));
  OptimalKSweep out;
  BinaryEffortModel model = baseline;
  Rational& slot = parameter_ref(model, parameter);
  for (Rational x = from; x <= to; x += step) {
    slot = x;
    OptimalKPoint point{x, optimal_k(model)};
    if (out.breakpoints.empty() || out.breakpoints.back().k_star != point.k_star) {
      out.breakpoints.push_back(point);
    }
    out.points.push_back(std::move(point));
  }
  return out;
}

template EffortGains<Rational> effort_gains(const EffortTechnology<Rational>&,
                                            const std::vector<Rational>&,
                                            const std::vector<Rational>&);
template EffortGains<double> effort_gains(const EffortTechnology<double>&,
                                          const std::vector<double>&, const std::vector<double>&);
template DominanceCheck<Rational> fos_margin(const Team<Rational>&, const std::vector<Rational>&,
                                             const std::vector<Rational>&, bool);
template DominanceCheck<double> fos_margin(const Team<double>&, const std::vector<double>&,
                                           const std::vector<double>&, bool);
template std::vector<Rational> k_majority_gains(const BinaryEffortModel&);
template std::vector<double> k_majority_gains(const BinaryEffortModel&);

namespace {

// p·common + (1 − p)·independent on {0,1}^N (member 0 the slowest digit);
// `shirker` (< N) uses q_i and the others q_j, or every member q_j.
template <class T>
std::vector<T> binary_mixture(std::size_t n, const Rational& p, const Rational& q_t,
                              const Rational& q_i, const Rational& q_j, std::size_t shirker) {
  std::vector<T> pmf;
  for (std::size_t c = 0; c < (std::size_t{1} << n); ++c) {
    Rational independent(1);
    for (std::size_t i = 0; i < n; ++i) {
      const bool high = ((c >> (n - 1 - i)) & 1U) != 0;
      const Rational& q = i == shirker ? q_i : q_j;
      independent *= high ? q : Rational(1 - q);
    }
    Rational common(0);
    if (c == 0) common = 1 - q_t;
    if (c + 1 == (std::size_t{1} << n)) common = q_t;
    pmf.push_back(NumberTraits<T>::from_rational(Rational(p * common + (1 - p) * independent)));
  }
  return pmf;
}

}  // namespace

template <class T>
EffortTechnology<T> binary_technology(const BinaryEffortModel& model) {
  check_binary_model(model);
  const std::size_t n = model.members;
  if (n > kMaxBinaryTechnologyMembers) {
    throw InputError(
        "/members",
        fmt::format("at most {} members for the joint distribution", kMaxBinaryTechnologyMembers),
        std::to_string(n));
  }
  EffortTechnology<T> tech;
  for (std::size_t i = 0; i < n; ++i) {
    tech.full.members.push_back(std::to_string(i + 1));
    tech.full.values.push_back({T(0), T(1)});
  }
  tech.full.prior = binary_mixture<T>(n, model.p1, model.qT1, model.q1, model.q1, n);
  for (std::size_t i = 0; i < n; ++i) {
    tech.shirk.push_back(binary_mixture<T>(n, model.p0, model.qT0, model.qi0, model.qj0, i));
  }
  return tech;
}

template EffortTechnology<Rational> binary_technology(const BinaryEffortModel&);
template EffortTechnology<double> binary_technology(const BinaryEffortModel&);

BinaryEffortModel figure2_baseline(std::size_t members) {
  BinaryEffortModel m;
  m.members = members;
  m.p1 = fraction(1, 2);
  m.qT1 = m.q1 = fraction(51, 100);
  m.p0 = fraction(1, 2);
  m.qT0 = m.qi0 = m.qj0 = fraction(1, 2);
  return m;
}

}  // namespace mechlab::disclosure
