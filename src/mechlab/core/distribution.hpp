// Finite joint distributions over an index space, correlated by default.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "mechlab/core/index_space.hpp"
#include "mechlab/core/rational.hpp"
#include "mechlab/core/rng.hpp"

namespace mechlab {

template <class T>
class Distribution {
 public:
  // Validates before keeping anything: one entry per cell, every entry
  // non-negative (and finite), the sum equal to 1 (exactly for Rational, within
  // 1e-12 for double). A bad entry throws InputError at `where`/<cell>, a bad
  // sum at `where`.
  Distribution(IndexSpace space, std::vector<T> probabilities,
               const std::string& where = "/probabilities");

  const IndexSpace& space() const noexcept { return space_; }
  const std::vector<T>& probabilities() const noexcept { return p_; }
  const T& operator[](std::size_t cell) const { return p_.at(cell); }

  // Probability of the event "these coordinates take these values".
  T probability(std::span<const Fixing> event) const;

  // Marginal on the given coordinates (in the given order).
  Distribution marginal(std::span<const std::size_t> coords) const;

  // Distribution of the remaining coordinates given the event; nullopt when the
  // event has probability zero (the conditional is then undefined).
  std::optional<Distribution> conditional(std::span<const Fixing> event) const;

  // The first cell of probability zero, if any.
  std::optional<std::size_t> first_unsupported_cell() const;

  // Throws InputError at `where`/<cell> naming the first cell of probability zero.
  void require_full_support(const std::string& where = "/probabilities") const;

 private:
  struct Unchecked {};
  Distribution(IndexSpace space, std::vector<T> probabilities, Unchecked);

  IndexSpace space_;
  std::vector<T> p_;
};

// Draws cells of a distribution with seeded randomness. The cumulative table is
// built once in double precision: sampling is a simulation tool, not a proof.
class Sampler {
 public:
  template <class T>
  explicit Sampler(const Distribution<T>& d);
  std::size_t operator()(Rng& rng) const;

 private:
  std::vector<double> cumulative_;
};

extern template class Distribution<Rational>;
extern template class Distribution<double>;
extern template Sampler::Sampler(const Distribution<Rational>&);
extern template Sampler::Sampler(const Distribution<double>&);

}  // namespace mechlab
