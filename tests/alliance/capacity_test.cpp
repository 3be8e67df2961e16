#include "mechlab/alliance/capacity.hpp"

#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "fixtures.hpp"
#include "mechlab/alliance/commitment.hpp"
#include "mechlab/alliance/truth.hpp"
#include "mechlab/core/rng.hpp"
#include "support.hpp"

namespace mechlab::alliance {
namespace {

using mechlab::test::input_error;
using mechlab::test::q;
using test::section51;

// The Section 5.1 alliance with boxes [0, R̄_i] at Prop. 2's capacities.
Alliance<Rational> committed(const Rational& eta, const Rational& cost) {
  auto alliance = section51(eta);
  const auto result = commitment_equilibrium(alliance, cost);
  for (std::size_t i = 0; i < 4; ++i) alliance.bounds[i] = {q(0), result.capacity[i]};
  return alliance;
}

Rational payoff_at(Alliance<Rational> alliance, const Rational& cost, std::size_t player,
                   const Rational& capacity) {
  alliance.bounds[player].hi = capacity;
  return exact_welfare(alliance, cost)[player];
}

TEST(AllianceCapacity, SectionFiveOneProfilesAreEquilibria) {
  // Spec §4.3 and §3.8 step 7: in all six cases no player gains from any
  // capacity r >= 0 (exactly 0), with or without truthful continuation
  // assumed; the best deviation is R̄_i itself, in A.4's interval (d).
  for (const Rational& cost : {q(1, 4), q(1, 10)}) {
    for (const Rational& eta : {q(1, 2), q(1, 4), q(1, 10)}) {
      const auto alliance = committed(eta, cost);
      const auto result = commitment_equilibrium(alliance, cost);
      const auto check = investment_check(alliance, cost);
      EXPECT_TRUE(check.fully_revealing);
      EXPECT_TRUE(check.equilibrium) << to_string(cost) << ", " << to_string(eta);
      EXPECT_TRUE(check.truthful_equilibrium) << to_string(cost) << ", " << to_string(eta);
      ASSERT_EQ(check.region.size(), 4U);
      for (std::size_t i = 0; i < 4; ++i) {
        const auto& best = check.players[i];
        EXPECT_EQ(best.gain, 0);
        EXPECT_EQ(best.best_capacity, result.capacity[i]);
        EXPECT_EQ(best.equilibrium_payoff, result.welfare[i]);  // Prop. 3 exactly
        EXPECT_TRUE(best.best_truthful);
        EXPECT_TRUE(best.truthful_found);
        EXPECT_EQ(best.truthful_gain, 0);
        EXPECT_EQ(best.truthful_capacity, result.capacity[i]);
        EXPECT_EQ(region_letter(check.region[i]), 'd');
        EXPECT_FALSE(best.kinks.empty());
        EXPECT_EQ(best.lower, 0);
      }
    }
  }
}

TEST(AllianceCapacity, UnderInvestmentPaysTheExactGain) {
  // Section 5.1, η = 1/2, c = 1/10, player 1 at R̄_1 = 1/10 instead of 49/120:
  // its best response to the others' Prop. 2 capacities is 49/120 again, and
  // the gain is W_1(49/120) − W_1(1/10) exactly.
  const Rational cost = q(1, 10);
  auto alliance = committed(q(1, 2), cost);
  alliance.bounds[0].hi = q(1, 10);
  const auto best = capacity_best_response(alliance, cost, 0);
  EXPECT_EQ(best.best_capacity, q(49, 120));
  EXPECT_EQ(best.best_payoff, q(-1523, 14400));
  EXPECT_EQ(best.equilibrium_payoff, payoff_at(alliance, cost, 0, q(1, 10)));
  EXPECT_EQ(best.gain, q(-1523, 14400) - payoff_at(alliance, cost, 0, q(1, 10)));
  EXPECT_EQ(best.gain, q(34381, 3600000));
  EXPECT_TRUE(best.best_truthful);
  // 1/10 < x̄_1(0) = 7/60: A.4's interval (a), where the paper argues truth-telling
  // fails; A5 certifies it (erratum 14).
  EXPECT_EQ(region_letter(*deviation_region(alliance, cost, 0, q(1, 10))), 'a');
  EXPECT_TRUE(verify_truth_telling(alliance).fully_revealing);
  const auto check = investment_check(alliance, cost);
  EXPECT_FALSE(check.equilibrium);
  EXPECT_EQ(best.best_capacity, q(49, 120));
  EXPECT_GT(best.pieces.size(), 1U);
}

TEST(AllianceCapacity, CertifiedCapacitiesMatchClaimsOneToThree) {
  // Erratum 14 (commitment_test's grid): with the others at Prop. 2's
  // capacities (η = 1/2), A5 certifies player 1's continuation for
  // R̄_1 ∈ [0, 0.01…] ∪ [0.11…, 0.49…] at c = 1/4 and [0, 0.51…] at c = 1/10.
  const auto quarter = capacity_best_response(committed(q(1, 2), q(1, 4)), q(1, 4), 0);
  ASSERT_EQ(quarter.truthful_set.size(), 2U);
  EXPECT_EQ(quarter.truthful_set[0].lo, 0);
  EXPECT_EQ(quarter.truthful_set[0].hi, q(1, 80));
  EXPECT_EQ(quarter.truthful_set[1].lo, q(7, 60));  // x̄_1(0)
  EXPECT_EQ(quarter.truthful_set[1].hi, q(949, 1920));
  EXPECT_TRUE(quarter.truthful_exact);
  EXPECT_EQ(quarter.truthful_capacity, q(137, 960));
  EXPECT_EQ(quarter.truthful_payoff, q(-9829, 46080));
  EXPECT_EQ(quarter.truthful_bound, q(-9829, 46080));
  const auto tenth = capacity_best_response(committed(q(1, 2), q(1, 10)), q(1, 10), 0);
  ASSERT_EQ(tenth.truthful_set.size(), 1U);
  EXPECT_EQ(tenth.truthful_set[0].lo, 0);
  EXPECT_EQ(tenth.truthful_set[0].hi, q(41, 80));
  // The ends are A5's verdict changes: certified at the end, not just beyond.
  for (const auto& [cost, end] : {std::pair{q(1, 4), q(1, 80)}, std::pair{q(1, 4), q(949, 1920)},
                                  std::pair{q(1, 10), q(41, 80)}}) {
    auto alliance = committed(q(1, 2), cost);
    alliance.bounds[0].hi = end;
    EXPECT_TRUE(verify_truth_telling(alliance).fully_revealing);
    alliance.bounds[0].hi = end + q(1, 1000000);
    EXPECT_FALSE(verify_truth_telling(alliance).fully_revealing);
  }
  auto gap = committed(q(1, 2), q(1, 4));
  gap.bounds[0].hi = q(7, 60) - q(1, 1000000);
  EXPECT_FALSE(verify_truth_telling(gap).fully_revealing);
}

TEST(AllianceCapacity, BestDeviationCanBreakTruthTelling) {
  // n = 2, η = 3/10, b = (3/200, 33/200), boxes [0, 39/100] and [0, 67/100],
  // c = 11/100: player 1's best capacity assuming truthful continuation (i) is
  // 10293/20000, where A5 fails; among the capacities A5 certifies,
  // [281/1400, 937/2000], the best (ii) is the end 937/2000 with a smaller gain.
  auto alliance = paper_alliance<Rational>(q(3, 10), {q(3, 200), q(33, 200)});
  alliance.bounds[0].hi = q(39, 100);
  alliance.bounds[1].hi = q(67, 100);
  const Rational cost = q(11, 100);
  const auto best = capacity_best_response(alliance, cost, 0);
  EXPECT_EQ(best.equilibrium_payoff, q(-79697, 676000));
  EXPECT_EQ(best.best_capacity, q(10293, 20000));
  EXPECT_EQ(best.best_payoff, q(-1363379, 12000000));
  EXPECT_EQ(best.gain, q(8679949, 2028000000));
  EXPECT_FALSE(best.best_truthful);
  ASSERT_EQ(best.truthful_set.size(), 1U);
  EXPECT_EQ(best.truthful_set[0].lo, q(281, 1400));
  EXPECT_EQ(best.truthful_set[0].hi, q(937, 2000));
  EXPECT_EQ(best.truthful_capacity, q(937, 2000));
  EXPECT_EQ(best.truthful_payoff, q(-22807, 200000));
  EXPECT_EQ(best.truthful_gain, q(130467, 33800000));
  EXPECT_TRUE(best.truthful_exact);
  EXPECT_EQ(best.upper, q(1989, 2000));  // max_k D(E_k + b_1): beyond it the cap never binds
  EXPECT_EQ(payoff_at(alliance, cost, 0, best.best_capacity), best.best_payoff);
  EXPECT_EQ(payoff_at(alliance, cost, 0, best.truthful_capacity), best.truthful_payoff);
  const auto check = investment_check(alliance, cost);
  EXPECT_FALSE(check.equilibrium);
  EXPECT_FALSE(check.truthful_equilibrium);
  // Double mode brackets every end by bisection (resolution 1e-12).
  const Alliance<double> approx{0.3, {0.015, 0.165}, {{0.0, 0.39}, {0.0, 0.67}}};
  const auto fast = capacity_best_response(approx, 0.11, 0);
  ASSERT_EQ(fast.truthful_set.size(), 1U);
  EXPECT_NEAR(fast.truthful_set[0].lo, 281.0 / 1400, 1e-9);
  EXPECT_NEAR(fast.truthful_set[0].hi, 0.4685, 1e-9);
  EXPECT_NEAR(fast.gain, to_double(best.gain), 1e-12);
  EXPECT_NEAR(fast.truthful_gain, to_double(best.truthful_gain), 1e-9);
}

TEST(AllianceCapacity, AgreesWithAFineGrid) {
  // Seeded random alliances with random capacities: the exact maximum is at
  // least every grid value and within 1e-6 of the best one (201 points), and
  // double mode agrees within 1e-9.
  Rng rng = make_rng(7);
  std::uniform_int_distribution<std::size_t> size(2, 4);
  std::uniform_int_distribution<long> eta_draw(1, 9);
  std::uniform_int_distribution<long> bias_draw(0, 20);
  std::uniform_int_distribution<long> cap_draw(10, 100);
  std::uniform_int_distribution<long> cost_draw(1, 30);
  for (int draw = 0; draw < 12; ++draw) {
    const std::size_t n = size(rng);
    std::vector<Rational> biases;
    for (std::size_t i = 0; i < n; ++i) biases.push_back(q(bias_draw(rng), 200));
    auto alliance = paper_alliance<Rational>(q(eta_draw(rng), 10), biases);
    for (auto& box : alliance.bounds) box.hi = q(cap_draw(rng), 100);
    const Rational cost = q(cost_draw(rng), 100);
    const std::size_t player = static_cast<std::size_t>(draw) % n;
    const auto best = capacity_best_response(alliance, cost, player);
    Rational grid_best = payoff_at(alliance, cost, player, q(0));
    for (long g = 0; g <= 200; ++g) {
      const Rational value = payoff_at(alliance, cost, player, Rational(best.upper * q(g, 200)));
      EXPECT_LE(value, best.best_payoff) << "draw " << draw;
      if (value > grid_best) grid_best = value;
    }
    EXPECT_LT(to_double(best.best_payoff - grid_best), 1e-4) << "draw " << draw;
    EXPECT_GE(best.gain, 0);
    Alliance<double> approx{to_double(alliance.eta), {}, {}};
    for (std::size_t i = 0; i < n; ++i) {
      approx.biases.push_back(to_double(alliance.biases[i]));
      approx.bounds.push_back({0.0, to_double(alliance.bounds[i].hi)});
    }
    const auto fast = capacity_best_response(approx, to_double(cost), player);
    EXPECT_NEAR(fast.best_payoff, to_double(best.best_payoff), 1e-9) << "draw " << draw;
  }
}

TEST(AllianceCapacity, InvalidInputs) {
  const auto alliance = committed(q(1, 2), q(1, 10));
  EXPECT_EQ(input_error([&] { capacity_best_response(alliance, q(1, 10), 4); }).pointer(),
            "/player");
  EXPECT_EQ(input_error([&] { capacity_best_response(alliance, q(0), 0); }).pointer(), "/cost");
  EXPECT_EQ(input_error([&] {
              capacity_best_response(alliance, q(1, 10), 0, std::optional<Rational>(q(-1)));
            }).pointer(),
            "/upper");
}

TEST(AllianceCapacity, RandomBoxesExactAndDoubleAgree) {
  // Seeded stress beyond the paper's boxes: lower bounds above and below 0,
  // point boxes, negative biases. No piece fails its fourth-point check, the
  // bracketed ends of (ii) bound the supremum within 1e-9, and double agrees.
  Rng rng = make_rng(99);
  std::uniform_int_distribution<std::size_t> size(2, 5);
  std::uniform_int_distribution<long> eta_draw(1, 19);
  std::uniform_int_distribution<long> bias_draw(-20, 60);
  std::uniform_int_distribution<long> lo_draw(-20, 40);
  std::uniform_int_distribution<long> width_draw(0, 80);
  std::uniform_int_distribution<long> cost_draw(1, 40);
  int gains = 0;
  int inexact = 0;
  int untruthful = 0;
  for (int draw = 0; draw < 90; ++draw) {
    const std::size_t n = size(rng);
    std::vector<Rational> biases;
    for (std::size_t i = 0; i < n; ++i) biases.push_back(q(bias_draw(rng), 200));
    auto alliance = paper_alliance<Rational>(q(eta_draw(rng), 20), biases);
    for (auto& box : alliance.bounds) {
      box.lo = q(lo_draw(rng), 100);
      box.hi = box.lo + (draw % 7 == 0 ? q(0) : q(width_draw(rng), 100));
    }
    const Rational cost = q(cost_draw(rng), 100);
    const std::size_t p = static_cast<std::size_t>(draw) % n;
    try {
      const auto best = capacity_best_response(alliance, cost, p);
      if (best.gain > 0) ++gains;
      if (!best.truthful_exact) {
        ++inexact;
        EXPECT_LT(to_double(best.truthful_bound - best.truthful_payoff), 1e-9) << draw;
      }
      if (!best.best_truthful) ++untruthful;
      Alliance<double> approx{to_double(alliance.eta), {}, {}};
      for (std::size_t i = 0; i < n; ++i) {
        approx.biases.push_back(to_double(alliance.biases[i]));
        approx.bounds.push_back(
            {to_double(alliance.bounds[i].lo), to_double(alliance.bounds[i].hi)});
      }
      const auto fast = capacity_best_response(approx, to_double(cost), p);
      EXPECT_NEAR(fast.best_payoff, to_double(best.best_payoff), 1e-9) << draw;
      if (best.truthful_found && fast.truthful_found) {
        EXPECT_NEAR(fast.truthful_payoff, to_double(best.truthful_payoff), 1e-7) << draw;
      }
      EXPECT_EQ(best.truthful_found, fast.truthful_found) << draw;
    } catch (const std::exception& e) {
      ADD_FAILURE() << draw << ": " << e.what();
    }
  }
  EXPECT_GT(gains, 40);
  EXPECT_GE(inexact, 2);  // draws 81 and 85 have irrational ends
  EXPECT_GT(untruthful, 20);
}

}  // namespace
}  // namespace mechlab::alliance
