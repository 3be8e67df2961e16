// Seeded randomness: every random draw in mechlab comes from an Rng made from a
// user-visible seed (--seed), so runs are reproducible.
#pragma once

#include <cstdint>
#include <random>

namespace mechlab {

using Rng = std::mt19937_64;

inline Rng make_rng(std::uint64_t seed) { return Rng(seed); }

}  // namespace mechlab
