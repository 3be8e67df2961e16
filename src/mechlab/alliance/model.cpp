#include "mechlab/alliance/model.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>
#include <string>
#include <utility>

#include "mechlab/core/error.hpp"

namespace mechlab::alliance {

template <class T>
Alliance<T> paper_alliance(const T& eta, std::vector<T> biases) {
  Alliance<T> alliance{eta, std::move(biases), {}};
  alliance.bounds.assign(alliance.biases.size(), Bounds<T>{T(0), T(1)});
  return alliance;
}

template <class T>
bool has_paper_bounds(const Alliance<T>& alliance) {
  return std::all_of(alliance.bounds.begin(), alliance.bounds.end(),
                     [](const Bounds<T>& b) { return b.lo == T(0) && b.hi == T(1); });
}

template <class T>
void validate(const Alliance<T>& alliance) {
  const std::size_t n = alliance.player_count();
  if (n < 2) throw InputError("/biases", "at least 2 players", fmt::format("{}", n));
  check_number(alliance.eta, "/eta", false);
  if (!(alliance.eta > T(0)) || !(alliance.eta < T(1))) {
    throw InputError("/eta", "an interdependence η in (0, 1), open",
                     NumberTraits<T>::to_text(alliance.eta));
  }
  for (std::size_t i = 0; i < n; ++i) {
    check_number(alliance.biases[i], fmt::format("/biases/{}", i), false);
  }
  if (alliance.bounds.size() != n) {
    throw InputError("/bounds", fmt::format("one policy interval per player ({})", n),
                     fmt::format("{}", alliance.bounds.size()));
  }
  for (std::size_t i = 0; i < n; ++i) {
    const Bounds<T>& box = alliance.bounds[i];
    check_number(box.lo, fmt::format("/bounds/{}/lo", i), false);
    check_number(box.hi, fmt::format("/bounds/{}/hi", i), false);
    if (box.hi < box.lo) {
      throw InputError(fmt::format("/bounds/{}/hi", i),
                       fmt::format("an upper bound >= lo = {}", NumberTraits<T>::to_text(box.lo)),
                       NumberTraits<T>::to_text(box.hi));
    }
  }
}

std::string describe(Warning warning) {
  switch (warning) {
    case Warning::negative_bias:
      return "a bias is negative: outside the paper's assumption b_1 >= 0 (the formulas still "
             "apply)";
    case Warning::equal_biases:
      return "all biases are equal: the paper assumes b_1 < b_n (the model is still computable)";
  }
  return "unknown warning";
}

template <class T>
Derived<T> derive(const Alliance<T>& alliance) {
  validate(alliance);
  Derived<T> d;
  const std::size_t n = alliance.player_count();
  const T& eta = alliance.eta;
  d.n = n;
  d.normaliser = T(1) + T(n - 1) * eta;
  d.beta = T(n) * eta / (T(1) - eta);
  d.alpha = T(1) + d.beta;
  T sum(0);
  for (const T& b : alliance.biases) sum += b;
  d.mean_bias = sum / T(n);
  d.order.resize(n);
  std::iota(d.order.begin(), d.order.end(), std::size_t{0});
  std::stable_sort(d.order.begin(), d.order.end(), [&](std::size_t i, std::size_t j) {
    return alliance.biases[i] < alliance.biases[j];
  });
  for (const std::size_t i : d.order) d.sorted_biases.push_back(alliance.biases[i]);
  d.bias_spread = d.sorted_biases.back() - d.sorted_biases.front();
  for (std::size_t i = 0; i < n; ++i) {
    d.misalignment.push_back(d.beta * (alliance.biases[i] - d.mean_bias));
    d.effective_bias.push_back(alliance.biases[i] + d.misalignment.back());
    d.one_type.push_back(d.effective_bias.back() > T(0));
  }
  if (d.sorted_biases.front() < T(0)) d.warnings.push_back(Warning::negative_bias);
  if (d.sorted_biases.front() == d.sorted_biases.back())
    d.warnings.push_back(Warning::equal_biases);
  return d;
}

template <class T>
T first_best_action(const Derived<T>& derived, std::size_t player, std::size_t k) {
  if (player >= derived.n || k > derived.n) throw InternalError("first_best_action: bad index");
  return T(k + 1) / T(derived.n + 2) + derived.effective_bias[player];
}

template <class T>
T coordination_level(const T& eta, const T& normaliser, const T& own, const T& total) {
  return (own + eta * (total - own)) / normaliser;
}

template Alliance<Rational> paper_alliance(const Rational&, std::vector<Rational>);
template Alliance<double> paper_alliance(const double&, std::vector<double>);
template bool has_paper_bounds(const Alliance<Rational>&);
template bool has_paper_bounds(const Alliance<double>&);
template void validate(const Alliance<Rational>&);
template void validate(const Alliance<double>&);
template Derived<Rational> derive(const Alliance<Rational>&);
template Derived<double> derive(const Alliance<double>&);
template Rational first_best_action(const Derived<Rational>&, std::size_t, std::size_t);
template double first_best_action(const Derived<double>&, std::size_t, std::size_t);
template Rational coordination_level(const Rational&, const Rational&, const Rational&,
                                     const Rational&);
template double coordination_level(const double&, const double&, const double&, const double&);

}  // namespace mechlab::alliance
