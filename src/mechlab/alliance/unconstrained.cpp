#include "mechlab/alliance/unconstrained.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <utility>

#include "mechlab/alliance/posterior.hpp"
#include "mechlab/core/error.hpp"
#include "mechlab/core/linear_system.hpp"

namespace mechlab::alliance {

namespace {

// The shared header of both computations: validated input, t, E and h.
template <class T>
UnconstrainedPolicy<T> start(const Alliance<T>& alliance, const std::vector<bool>& truthful,
                             std::size_t k, const T& normaliser) {
  const std::size_t n = alliance.player_count();
  if (truthful.size() != n) {
    throw InputError("/truthful", fmt::format("one flag per player ({})", n),
                     fmt::format("{}", truthful.size()));
  }
  UnconstrainedPolicy<T> policy;
  policy.truthful = truthful;
  policy.truthful_count =
      static_cast<std::size_t>(std::count(truthful.begin(), truthful.end(), true));
  policy.ones = k;
  policy.mean = posterior_mean<T>(k, policy.truthful_count);
  const T t(policy.truthful_count);
  policy.h = (T(2) + t * (T(1) - alliance.eta)) / normaliser;
  policy.action.assign(n, {T(0), T(0)});
  return policy;
}

}  // namespace

template <class T>
UnconstrainedPolicy<T> unconstrained_policy(const Alliance<T>& alliance,
                                            const std::vector<bool>& truthful, std::size_t k) {
  const Derived<T> d = derive(alliance);
  UnconstrainedPolicy<T> policy = start(alliance, truthful, k, d.normaliser);
  const T& e = policy.mean;
  const T one_plus_h = T(1) + policy.h;
  for (std::size_t i = 0; i < d.n; ++i) {
    const T base = e + d.effective_bias[i];
    if (truthful[i]) {
      policy.action[i] = {base, base};
    } else {
      policy.action[i] = {base - e / one_plus_h, base + (T(1) - e) / one_plus_h};
    }
  }
  return policy;
}

template <class T>
UnconstrainedPolicy<T> unconstrained_policy_by_foc(const Alliance<T>& alliance,
                                                   const std::vector<bool>& truthful,
                                                   std::size_t k) {
  const Derived<T> d = derive(alliance);
  UnconstrainedPolicy<T> policy = start(alliance, truthful, k, d.normaliser);
  const std::size_t n = d.n;
  const T& eta = alliance.eta;
  const T& e = policy.mean;
  // Variable index of (player, own signal): truthful players have one.
  std::vector<std::array<std::size_t, 2>> var(n);
  std::size_t m = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (truthful[i]) {
      var[i] = {m, m};
      ++m;
    } else {
      var[i] = {m, m + 1};
      m += 2;
    }
  }
  std::vector<std::vector<T>> a(m, std::vector<T>(m, T(0)));
  std::vector<T> r(m, T(0));
  // Row of the FOC of (i, s) with belief `p1` that another babbler's signal is 1.
  auto fill = [&](std::size_t i, int s, const T& p1, const T& mean) {
    const std::size_t row = var[i][static_cast<std::size_t>(s)];
    a[row][row] += T(1);
    for (std::size_t l = 0; l < n; ++l) {
      if (l == i) continue;
      if (truthful[l]) {
        a[row][var[l][0]] += eta;
      } else {
        a[row][var[l][0]] += eta * (T(1) - p1);
        a[row][var[l][1]] += eta * p1;
      }
    }
    r[row] = d.normaliser * (alliance.biases[i] + mean);
  };
  for (std::size_t i = 0; i < n; ++i) {
    if (truthful[i]) {
      fill(i, 0, e, e);
    } else {
      for (const int s : {0, 1}) {
        const T es = babbler_mean<T>(k, s, policy.truthful_count);
        fill(i, s, es, es);
      }
    }
  }
  const std::vector<T> x = solve_linear(std::move(a), std::move(r), "unconstrained_policy_by_foc");
  for (std::size_t i = 0; i < n; ++i) policy.action[i] = {x[var[i][0]], x[var[i][1]]};
  return policy;
}

template UnconstrainedPolicy<Rational> unconstrained_policy(const Alliance<Rational>&,
                                                            const std::vector<bool>&, std::size_t);
template UnconstrainedPolicy<double> unconstrained_policy(const Alliance<double>&,
                                                          const std::vector<bool>&, std::size_t);
template UnconstrainedPolicy<Rational> unconstrained_policy_by_foc(const Alliance<Rational>&,
                                                                   const std::vector<bool>&,
                                                                   std::size_t);
template UnconstrainedPolicy<double> unconstrained_policy_by_foc(const Alliance<double>&,
                                                                 const std::vector<bool>&,
                                                                 std::size_t);

}  // namespace mechlab::alliance
