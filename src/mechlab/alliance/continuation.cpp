#include "mechlab/alliance/continuation.hpp"

#include <algorithm>
#include <utility>

#include "mechlab/alliance/posterior.hpp"
#include "mechlab/core/error.hpp"

namespace mechlab::alliance {

namespace {

template <class T>
T clip(const T& x, const Bounds<T>& box) {
  if (x < box.lo) return box.lo;
  if (x > box.hi) return box.hi;
  return x;
}

// Solves and fills the certificate; returns false when the best-response
// check fails (possible only in double mode).
template <class T>
bool solve(const T& eta, const std::vector<T>& a, const std::vector<Bounds<T>>& bounds,
           Continuation<T>& out) {
  const std::size_t n = a.size();
  const T one_minus = T(1) - eta;
  const T normaliser = T(1) + T(n - 1) * eta;
  auto term = [&](std::size_t i, const T& s) {
    return clip<T>(T((a[i] - eta * s) / one_minus), bounds[i]);
  };
  auto g = [&](const T& s) {
    T sum(0);
    for (std::size_t i = 0; i < n; ++i) sum += term(i, s);
    return T(sum - s);
  };
  T lo_sum(0);
  T hi_sum(0);
  for (const Bounds<T>& box : bounds) {
    lo_sum += box.lo;
    hi_sum += box.hi;
  }
  // Candidate points: the bracket ends and the breakpoints strictly inside.
  std::vector<T> points{lo_sum, hi_sum};
  for (std::size_t i = 0; i < n; ++i) {
    for (const T& bound : {bounds[i].hi, bounds[i].lo}) {
      T s = (a[i] - one_minus * bound) / eta;
      if (s > lo_sum && s < hi_sum) points.push_back(std::move(s));
    }
  }
  std::sort(points.begin(), points.end());
  points.erase(std::unique(points.begin(), points.end()), points.end());
  // g is decreasing: find the first point where g < 0 (the root lies before it).
  std::size_t low = 0;
  std::size_t high = points.size();
  while (low < high) {
    const std::size_t mid = low + (high - low) / 2;
    if (g(points[mid]) < T(0)) {
      high = mid;
    } else {
      low = mid + 1;
    }
  }
  T total;
  if (low == 0) {
    total = points.front();  // g(Σlo) >= 0 in exact arithmetic; rounding only
  } else if (low == points.size()) {
    total = points.back();
  } else {
    const T& s0 = points[low - 1];
    const T& s1 = points[low];
    const T g0 = g(s0);
    const T g1 = g(s1);
    total = g0 == T(0) ? s0 : T(s0 + g0 * (s1 - s0) / (g0 - g1));
  }
  out.action.resize(n);
  for (std::size_t i = 0; i < n; ++i) out.action[i] = term(i, total);
  out.total = T(0);
  for (const T& x : out.action) out.total += x;
  out.gap.resize(n);
  out.desired.resize(n);
  out.binding.assign(n, Binding::free);
  bool ok = true;
  for (std::size_t i = 0; i < n; ++i) {
    const T others = out.total - out.action[i];
    out.desired[i] = a[i] - eta * others;
    if (out.desired[i] < bounds[i].lo) {
      out.binding[i] = Binding::lower;
    } else if (out.desired[i] > bounds[i].hi) {
      out.binding[i] = Binding::upper;
    }
    out.gap[i] = (out.action[i] + eta * others - a[i]) / normaliser;
    if (!nearly_equal(out.action[i], clip<T>(out.desired[i], bounds[i]))) ok = false;
  }
  return ok;
}

}  // namespace

template <class T>
Continuation<T> coordination_equilibrium(const T& eta, const std::vector<T>& targets,
                                         const std::vector<Bounds<T>>& bounds) {
  if (targets.empty() || bounds.size() != targets.size()) {
    throw InternalError("coordination_equilibrium: one target and one box per player expected");
  }
  if (!(eta > T(0)) || !(eta < T(1))) {
    throw InternalError("coordination_equilibrium: η outside (0, 1)");
  }
  Continuation<T> out;
  if (solve(eta, targets, bounds, out)) return out;
  if constexpr (NumberTraits<T>::exact) {
    throw InternalError("coordination_equilibrium: best-response check failed");
  } else {
    std::vector<Rational> exact_targets;
    std::vector<Bounds<Rational>> exact_bounds;
    for (const double a : targets) exact_targets.push_back(rational_from_double(a));
    for (const Bounds<double>& box : bounds) {
      exact_bounds.push_back({rational_from_double(box.lo), rational_from_double(box.hi)});
    }
    Continuation<Rational> exact;
    if (!solve(rational_from_double(eta), exact_targets, exact_bounds, exact)) {
      throw InternalError("coordination_equilibrium: best-response check failed");
    }
    out.action.clear();
    out.gap.clear();
    out.desired.clear();
    for (std::size_t i = 0; i < targets.size(); ++i) {
      out.action.push_back(to_double(exact.action[i]));
      out.gap.push_back(to_double(exact.gap[i]));
      out.desired.push_back(to_double(exact.desired[i]));
    }
    out.total = to_double(exact.total);
    out.binding = exact.binding;
    out.exact_fallback = true;
    return out;
  }
}

template <class T>
Continuation<T> constrained_policy_at_mean(const Alliance<T>& alliance, const T& mean) {
  validate(alliance);
  const std::size_t n = alliance.player_count();
  const T normaliser = T(1) + T(n - 1) * alliance.eta;
  std::vector<T> targets;
  targets.reserve(n);
  for (const T& b : alliance.biases) targets.push_back(normaliser * (mean + b));
  return coordination_equilibrium(alliance.eta, targets, alliance.bounds);
}

template <class T>
Continuation<T> constrained_policy(const Alliance<T>& alliance, std::size_t k) {
  return constrained_policy_at_mean(alliance, posterior_mean<T>(k, alliance.player_count()));
}

template Continuation<Rational> coordination_equilibrium(const Rational&,
                                                         const std::vector<Rational>&,
                                                         const std::vector<Bounds<Rational>>&);
template Continuation<double> coordination_equilibrium(const double&, const std::vector<double>&,
                                                       const std::vector<Bounds<double>>&);
template Continuation<Rational> constrained_policy_at_mean(const Alliance<Rational>&,
                                                           const Rational&);
template Continuation<double> constrained_policy_at_mean(const Alliance<double>&, const double&);
template Continuation<Rational> constrained_policy(const Alliance<Rational>&, std::size_t);
template Continuation<double> constrained_policy(const Alliance<double>&, std::size_t);

}  // namespace mechlab::alliance
