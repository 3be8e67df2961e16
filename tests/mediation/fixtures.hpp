// Shared builders for the mediation tests; the spec's test vectors (spec 001 §4)
// come from the library (instances.hpp).
#pragma once

#include <vector>

#include "mechlab/core/rational.hpp"
#include "mechlab/mediation/instances.hpp"
#include "mechlab/mediation/model.hpp"

namespace mechlab::mediation::testing {

inline Rational q(const char* text) { return parse_rational(text); }

inline std::vector<Rational> qs(std::initializer_list<const char*> texts) {
  std::vector<Rational> out;
  for (const char* t : texts) out.push_back(parse_rational(t));
  return out;
}

using mediation::lottery_instance;
using mediation::vector_a;
using mediation::vector_b;
using mediation::vector_b1;
using mediation::vector_b2;
using mediation::vector_b3;
using mediation::vector_d;

}  // namespace mechlab::mediation::testing
