#include "mechlab/mediation/instances.hpp"

#include <cmath>
#include <memory>
#include <numbers>
#include <utility>

namespace mechlab::mediation {

namespace {

std::vector<Rational> rationals(std::initializer_list<const char*> texts) {
  std::vector<Rational> out;
  for (const char* t : texts) out.push_back(parse_rational(t));
  return out;
}

}  // namespace

template <class T>
Instance<T> lottery_instance(LotteryGame<T> game, std::vector<T> prior) {
  Instance<T> inst;
  inst.veto = *game.veto_values(prior, prior);
  inst.prior = std::move(prior);
  inst.game = std::make_shared<LotteryGame<T>>(std::move(game));
  return inst;
}

template <class T>
Instance<T> lq_instance(std::vector<T> prior, std::vector<T> kappa, std::vector<T> veto_belief) {
  Instance<T> inst;
  inst.prior = std::move(prior);
  auto game = std::make_shared<LQConflictGame<T>>(std::move(kappa));
  inst.veto_belief = std::move(veto_belief);
  inst.veto = veto_from_game<T>(*game, inst.prior, *inst.veto_belief);
  inst.game = game;
  return inst;
}

Instance<Rational> vector_a() {
  return lottery_instance(hms_lottery<Rational>(2, parse_rational("1/10"), parse_rational("1/4")),
                          rationals({"1/4", "3/4"}));
}

Instance<Rational> vector_b(std::vector<Rational> prior) {
  return lottery_instance(bw_linear_lottery<Rational>(3, parse_rational("4/5"), Rational(1)),
                          std::move(prior));
}
Instance<Rational> vector_b1() { return vector_b(rationals({"1/5", "3/10", "1/2"})); }
Instance<Rational> vector_b2() { return vector_b(rationals({"1/5", "1/5", "3/5"})); }
Instance<Rational> vector_b3() { return vector_b(rationals({"1/10", "3/10", "3/5"})); }

std::vector<double> matlab_default_prior() {
  std::vector<double> prior(4);
  double sum = 0;
  for (std::size_t t = 0; t < 4; ++t) {
    const double x = static_cast<double>(t + 1) - 2.0;
    prior[t] = std::exp(-x * x / 2) / std::sqrt(2 * std::numbers::pi);
    sum += prior[t];
  }
  prior[0] += (1 - sum) / 2;
  prior[3] += (1 - sum) / 2;
  return prior;
}

Instance<double> vector_b4() {
  return lottery_instance(bw_linear_lottery<double>(4, 0.8, 1.0), matlab_default_prior());
}

Instance<Rational> vector_d() {
  return lq_instance(rationals({"1/5", "4/5"}), rationals({"1/4", "1/40"}), rationals({"0", "1"}));
}

Instance<Rational> vector_g() {
  return lq_instance(rationals({"1/10", "3/10", "3/5"}), rationals({"1/4", "1/8", "0"}),
                     rationals({"0", "0", "1"}));
}

template Instance<Rational> lottery_instance(LotteryGame<Rational>, std::vector<Rational>);
template Instance<double> lottery_instance(LotteryGame<double>, std::vector<double>);
template Instance<Rational> lq_instance(std::vector<Rational>, std::vector<Rational>,
                                        std::vector<Rational>);
template Instance<double> lq_instance(std::vector<double>, std::vector<double>,
                                      std::vector<double>);

}  // namespace mechlab::mediation
