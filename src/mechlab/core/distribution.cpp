#include "mechlab/core/distribution.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "mechlab/core/error.hpp"

namespace mechlab {

template <class T>
Distribution<T>::Distribution(IndexSpace space, std::vector<T> probabilities,
                              const std::string& where)
    : space_(std::move(space)), p_(std::move(probabilities)) {
  if (p_.size() != space_.size()) {
    throw InputError(where, fmt::format("{} probabilities (one per cell)", space_.size()),
                     fmt::format("{}", p_.size()));
  }
  T sum(0);
  for (std::size_t c = 0; c < p_.size(); ++c) {
    if constexpr (!NumberTraits<T>::exact) {
      if (!std::isfinite(p_[c])) {
        throw InputError(fmt::format("{}/{}", where, c), "a finite probability", "NaN or inf");
      }
    }
    if (p_[c] < 0) {
      throw InputError(fmt::format("{}/{}", where, c),
                       fmt::format("a non-negative probability for cell {}", space_.cell_name(c)),
                       NumberTraits<T>::to_text(p_[c]));
    }
    sum += p_[c];
  }
  if (!nearly_equal(sum, T(1))) {
    throw InputError(where,
                     NumberTraits<T>::exact ? "probabilities summing to exactly 1"
                                            : "probabilities summing to 1 within 1e-12",
                     fmt::format("sum {}", NumberTraits<T>::to_text(sum)));
  }
}

template <class T>
Distribution<T>::Distribution(IndexSpace space, std::vector<T> probabilities, Unchecked)
    : space_(std::move(space)), p_(std::move(probabilities)) {}

template <class T>
T Distribution<T>::probability(std::span<const Fixing> event) const {
  T total(0);
  for (const std::size_t c : space_.cells_with(event)) total += p_[c];
  return total;
}

template <class T>
Distribution<T> Distribution<T>::marginal(std::span<const std::size_t> coords) const {
  IndexSpace sub = space_.project(coords);
  std::vector<T> q(sub.size(), T(0));
  for (std::size_t c = 0; c < p_.size(); ++c) q[space_.project_cell(c, coords)] += p_[c];
  return Distribution(std::move(sub), std::move(q), Unchecked{});
}

template <class T>
std::optional<Distribution<T>> Distribution<T>::conditional(std::span<const Fixing> event) const {
  std::vector<std::size_t> fixed;
  for (const auto& f : event) fixed.push_back(f.first);
  const std::vector<std::size_t> rest = space_.complement(fixed);
  IndexSpace sub = space_.project(rest);
  std::vector<T> q(sub.size(), T(0));
  T mass(0);
  for (const std::size_t c : space_.cells_with(event)) {
    q[space_.project_cell(c, rest)] += p_[c];
    mass += p_[c];
  }
  if (sign_of(mass) == 0) return std::nullopt;
  for (T& x : q) x /= mass;
  return Distribution(std::move(sub), std::move(q), Unchecked{});
}

template <class T>
std::optional<std::size_t> Distribution<T>::first_unsupported_cell() const {
  for (std::size_t c = 0; c < p_.size(); ++c) {
    if (sign_of(p_[c]) == 0) return c;
  }
  return std::nullopt;
}

template <class T>
void Distribution<T>::require_full_support(const std::string& where) const {
  if (const auto c = first_unsupported_cell()) {
    throw InputError(
        fmt::format("{}/{}", where, *c),
        fmt::format("a positive probability (full support) for cell {}", space_.cell_name(*c)),
        "0");
  }
}

template <class T>
Sampler::Sampler(const Distribution<T>& d) {
  cumulative_.reserve(d.probabilities().size());
  double acc = 0;
  for (const T& x : d.probabilities()) {
    acc += NumberTraits<T>::to_double(x);
    cumulative_.push_back(acc);
  }
}

std::size_t Sampler::operator()(Rng& rng) const {
  std::uniform_real_distribution<double> u(0.0, cumulative_.back());
  const double r = u(rng);
  const auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), r);
  auto cell = static_cast<std::size_t>(it - cumulative_.begin());
  cell = std::min(cell, cumulative_.size() - 1);
  // Never return a cell of probability zero (a flat step of the cumulative table).
  while (cell > 0 && cumulative_[cell] == cumulative_[cell - 1]) --cell;
  return cell;
}

template class Distribution<Rational>;
template class Distribution<double>;
template Sampler::Sampler(const Distribution<Rational>&);
template Sampler::Sampler(const Distribution<double>&);

}  // namespace mechlab
