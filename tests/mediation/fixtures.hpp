// Shared builders for the mediation tests: the spec's test vectors (spec 001 §4).
#pragma once

#include <memory>
#include <vector>

#include "mechlab/core/rational.hpp"
#include "mechlab/mediation/model.hpp"

namespace mechlab::mediation::testing {

inline Rational q(const char* text) { return parse_rational(text); }

inline std::vector<Rational> qs(std::initializer_list<const char*> texts) {
  std::vector<Rational> out;
  for (const char* t : texts) out.push_back(parse_rational(t));
  return out;
}

template <class T>
Instance<T> lottery_instance(LotteryGame<T> game, std::vector<T> prior) {
  Instance<T> inst;
  inst.veto = *game.veto_values(prior, prior);
  inst.prior = std::move(prior);
  inst.game = std::make_shared<LotteryGame<T>>(std::move(game));
  return inst;
}

// Vector A: HMS simple lottery, K = 2, c = 1/10, ξ = 1/4, p = (1/4, 3/4).
inline Instance<Rational> vector_a() {
  return lottery_instance(hms_lottery<Rational>(2, q("1/10"), q("1/4")), qs({"1/4", "3/4"}));
}

// Vectors B1–B3: BW linear lottery, q = 4/5, s = 1, K = 3.
inline Instance<Rational> vector_b(std::vector<Rational> prior) {
  return lottery_instance(bw_linear_lottery<Rational>(3, q("4/5"), Rational(1)), std::move(prior));
}
inline Instance<Rational> vector_b1() { return vector_b(qs({"1/5", "3/10", "1/2"})); }
inline Instance<Rational> vector_b2() { return vector_b(qs({"1/5", "1/5", "3/5"})); }
inline Instance<Rational> vector_b3() { return vector_b(qs({"1/10", "3/10", "3/5"})); }

// Vector D: LQ conflict game, κ = (1/4, 1/40), p = (1/5, 4/5), ρ^V = δ_{type 2}.
inline Instance<Rational> vector_d() {
  Instance<Rational> inst;
  inst.prior = qs({"1/5", "4/5"});
  auto game = std::make_shared<LQConflictGame<Rational>>(qs({"1/4", "1/40"}));
  inst.veto_belief = qs({"0", "1"});
  inst.veto = veto_from_game<Rational>(*game, inst.prior, *inst.veto_belief);
  inst.game = game;
  return inst;
}

}  // namespace mechlab::mediation::testing
