// The spec's test vectors (spec 001 §4) as instances, shared by the catalog
// and the tests: A (HMS lottery, K = 2), B1–B4 (BW linear lotteries), D and G
// (the linear-quadratic conflict game with a veto belief ρ^V).
#pragma once

#include <vector>

#include "mechlab/core/rational.hpp"
#include "mechlab/mediation/model.hpp"

namespace mechlab::mediation {

// A lottery game with the prior as the veto belief: V(θ) = Σ_θ′ p(θ′) u(θ, θ′).
template <class T>
Instance<T> lottery_instance(LotteryGame<T> game, std::vector<T> prior);

// An LQ conflict game with veto values from the game at belief ρ^V.
template <class T>
Instance<T> lq_instance(std::vector<T> prior, std::vector<T> kappa, std::vector<T> veto_belief);

// A: HMS simple lottery, K = 2, c = 1/10, ξ = 1/4, p = (1/4, 3/4).
Instance<Rational> vector_a();
// B1–B3: BW linear lottery, q = 4/5, s = 1, K = 3, with the given prior.
Instance<Rational> vector_b(std::vector<Rational> prior);
Instance<Rational> vector_b1();  // p = (1/5, 3/10, 1/2)
Instance<Rational> vector_b2();  // p = (1/5, 1/5, 3/5)
Instance<Rational> vector_b3();  // p = (1/10, 3/10, 3/5)
// B4: the authors' Matlab default, K = 4, the normal(2,1) pdf on 1..4 with the
// missing mass split to the ends; in double (the prior is irrational).
std::vector<double> matlab_default_prior();
Instance<double> vector_b4();
// D: κ = (1/4, 1/40), p = (1/5, 4/5), ρ^V = δ_2.
Instance<Rational> vector_d();
// G: κ = (1/4, 1/8, 0), p = (1/10, 3/10, 3/5), ρ^V = δ_3.
Instance<Rational> vector_g();

extern template Instance<Rational> lottery_instance(LotteryGame<Rational>, std::vector<Rational>);
extern template Instance<double> lottery_instance(LotteryGame<double>, std::vector<double>);
extern template Instance<Rational> lq_instance(std::vector<Rational>, std::vector<Rational>,
                                               std::vector<Rational>);
extern template Instance<double> lq_instance(std::vector<double>, std::vector<double>,
                                             std::vector<double>);

}  // namespace mechlab::mediation
