#include "mechlab/alliance/commitment.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "mechlab/alliance/capacity.hpp"
#include "mechlab/alliance/continuation.hpp"
#include "mechlab/alliance/posterior.hpp"
#include "mechlab/alliance/truth.hpp"
#include "mechlab/core/error.hpp"

namespace mechlab::alliance {

namespace {

template <class T>
void check_inputs(std::size_t n, const T& eta, const T& cost) {
  if (n < 2) throw InputError("/biases", "at least 2 players", fmt::format("{}", n));
  check_number(eta, "/eta", false);
  if (!(eta > T(0)) || !(eta < T(1))) {
    throw InputError("/eta", "an interdependence η in (0, 1), open", NumberTraits<T>::to_text(eta));
  }
  check_number(cost, "/cost", false);
  if (!(cost > T(0))) {
    throw InputError("/cost", "a positive marginal cost of commitment c",
                     NumberTraits<T>::to_text(cost));
  }
}

}  // namespace

template <class T>
std::vector<T> marginal_benefits(std::size_t n, const T& eta) {
  const T normaliser = T(1) + T(n - 1) * eta;
  const T scale = T(n + 1) * T(n + 2) * normaliser;
  std::vector<T> out;
  for (std::size_t q = 0; q <= n; ++q) out.push_back(T(n - q) * T(n - q + 1) / scale);
  return out;
}

template <class T>
T marginal_benefit(std::size_t n, const T& eta, const T& z) {
  if (z < T(0) || z > T(n)) throw InternalError("marginal_benefit: z outside [0, n]");
  std::size_t q = 0;
  while (q + 1 <= n && !(z < T(q + 1))) ++q;  // z ∈ [q, q+1), or q = n at z = n
  const T normaliser = T(1) + T(n - 1) * eta;
  return T(n - q) * (T(n - q + 1) - T(2) * (z - T(q))) / (T(n + 1) * T(n + 2) * normaliser);
}

template <class T>
T gross_welfare(std::size_t n, std::size_t cutoff, const T& residual) {
  if (cutoff > n) throw InternalError("gross_welfare: cutoff above n");
  const T np2(n + 2);
  const T m(n - cutoff);
  const T& y = residual;
  return -T(1) / (T(6) * np2) - m * (m + T(1)) * (T(2) * m + T(1)) / (T(6) * T(n + 1) * np2 * np2) +
         m / T(n + 1) * ((m + T(1)) / np2 - y) * y;
}

template <class T>
Cutoff<T> commitment_cutoff(std::size_t n, const T& eta, const T& cost) {
  check_inputs(n, eta, cost);
  const std::vector<T> mb = marginal_benefits(n, eta);
  Cutoff<T> out;
  out.residual = T(0);
  if (mb[0] < cost) return out;
  out.exists = true;
  std::size_t q = 0;
  while (q + 1 <= n - 1 && !(mb[q + 1] < cost)) ++q;  // MB decreases in q
  out.cutoff = q;
  const T normaliser = T(1) + T(n - 1) * eta;
  const T m(n - q);
  out.residual = (T(n - q + 1) / T(n + 2) - cost * T(n + 1) * normaliser / m) / T(2);
  return out;
}

template <class T>
Commitment<T> commitment_equilibrium(const Alliance<T>& alliance, const T& cost) {
  const Derived<T> d = derive(alliance);
  const std::size_t n = d.n;
  const Cutoff<T> cut = commitment_cutoff(n, alliance.eta, cost);
  Commitment<T> out;
  out.marginal_benefit = marginal_benefits(n, alliance.eta);
  out.exists = cut.exists;
  if (!out.exists) return out;
  out.cutoff = cut.cutoff;
  out.residual = cut.residual;
  const T& y = out.residual;
  const T np2(n + 2);
  out.total_capacity = T(0);
  for (std::size_t i = 0; i < n; ++i) {
    out.capacity.push_back(first_best_action(d, i, out.cutoff) + y);
    out.total_capacity += out.capacity.back();
    if (out.capacity.back() < T(0)) out.infeasible = true;
    if (out.capacity.back() > T(1)) out.above_baseline = true;
    if (first_best_action(d, i, 0) < T(0)) out.welfare_overstated = true;
  }
  out.tolerance = (T(1) + (T(1) - np2 * y) * T(n - 1) * alliance.eta) / np2;
  const T common = gross_welfare(n, out.cutoff, y);
  for (std::size_t i = 0; i < n; ++i) out.welfare.push_back(common - cost * out.capacity[i]);
  return out;
}

template <class T>
std::vector<T> exact_welfare(const Alliance<T>& alliance, const T& cost) {
  validate(alliance);
  const std::size_t n = alliance.player_count();
  std::vector<T> out(n, T(0));
  for (std::size_t k = 0; k <= n; ++k) {
    const Continuation<T> x = constrained_policy(alliance, k);
    const T variance = posterior_variance<T>(k, n);
    for (std::size_t i = 0; i < n; ++i) out[i] -= variance + x.gap[i] * x.gap[i];
  }
  for (std::size_t i = 0; i < n; ++i) {
    out[i] = out[i] / T(n + 1) - cost * alliance.bounds[i].hi;
  }
  return out;
}

template Rational marginal_benefit(std::size_t, const Rational&, const Rational&);
template double marginal_benefit(std::size_t, const double&, const double&);
template Rational gross_welfare(std::size_t, std::size_t, const Rational&);
template double gross_welfare(std::size_t, std::size_t, const double&);
template std::vector<Rational> marginal_benefits(std::size_t, const Rational&);
template std::vector<double> marginal_benefits(std::size_t, const double&);
template Cutoff<Rational> commitment_cutoff(std::size_t, const Rational&, const Rational&);
template Cutoff<double> commitment_cutoff(std::size_t, const double&, const double&);
template Commitment<Rational> commitment_equilibrium(const Alliance<Rational>&, const Rational&);
template Commitment<double> commitment_equilibrium(const Alliance<double>&, const double&);
template std::vector<Rational> exact_welfare(const Alliance<Rational>&, const Rational&);
template std::vector<double> exact_welfare(const Alliance<double>&, const double&);

}  // namespace mechlab::alliance
