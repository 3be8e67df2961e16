#include "mechlab/alliance/commitment.hpp"
#include "mechlab/alliance/capacity.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "alliance/fixtures.hpp"
#include "mechlab/alliance/truth.hpp"
#include "support.hpp"

namespace mechlab::alliance {
namespace {

using mechlab::test::input_error;
using mechlab::test::q;
using test::section51;

using Rationals = std::vector<Rational>;

TEST(AllianceCommitment, MarginalBenefitTables) {
  // Spec §4.3: MB_0..MB_4 for n = 4; MB_0 = n/((n+2)D) (erratum 4: not n(n−1)/((n+2)D)).
  EXPECT_EQ(marginal_benefits(4, q(1, 2)),
            (Rationals{q(4, 15), q(4, 25), q(2, 25), q(2, 75), q(0)}));
  EXPECT_EQ(marginal_benefits(4, q(1, 4)),
            (Rationals{q(8, 21), q(8, 35), q(4, 35), q(4, 105), q(0)}));
  EXPECT_EQ(marginal_benefits(4, q(1, 10)),
            (Rationals{q(20, 39), q(4, 13), q(2, 13), q(2, 39), q(0)}));
}

TEST(AllianceCommitment, MarginalBenefitAndWelfareAreContinuous) {
  // Erratum 10: MB(q, y → 1/(n+2)) = MB(q+1, 0); Prop. 3: W(q, 1/(n+2)) = W(q+1, 0).
  for (std::size_t n = 2; n <= 8; ++n) {
    const Rational eta = q(1, 3);
    const auto table = marginal_benefits(n, eta);
    for (std::size_t k = 0; k <= n; ++k) {
      EXPECT_EQ(marginal_benefit(n, eta, Rational(k)), table[k]);
    }
    for (std::size_t k = 0; k < n; ++k) {
      // Just left of k+1 the line through [k, k+1) ends at MB_{k+1}.
      const Rational left = marginal_benefit(n, eta, Rational(Rational(k) + q(1, 2)));
      EXPECT_EQ(Rational(2 * left - table[k]), table[k + 1]);
      EXPECT_LT(table[k + 1], table[k]);
      EXPECT_EQ(gross_welfare(n, k, q(1, static_cast<long>(n) + 2)),
                gross_welfare(n, k + 1, Rational(0)));
    }
  }
}

struct TableRow {
  Rational cost;
  Rational eta;
  std::size_t cutoff;
  Rational residual;
  Rationals capacity;
  Rational tolerance;
  Rational total;
};

TEST(AllianceCommitment, SectionFiveOneTablesCorrected) {
  // Spec §4.3 Tables 1–2 (exact; the paper's R̄_4 = 0.476 at c = 1/4, η = 1/4 is
  // 851/1920 ≈ 0.443 and its y = 0.016 at c = 1/10, η = 1/4 is 1/32: erratum 5),
  // with ỹ and Σ R̄_i.
  const std::vector<TableRow> rows{{q(1, 4),
                                    q(1, 2),
                                    0,
                                    q(5, 192),
                                    {q(137, 960), q(217, 960), q(99, 320), q(377, 960)},
                                    q(145, 384),
                                    q(257, 240)},
                                   {q(1, 4),
                                    q(1, 4),
                                    0,
                                    q(55, 384),
                                    {q(209, 640), q(421, 1152), q(2329, 5760), q(851, 1920)},
                                    q(283, 1536),
                                    q(739, 480)},
                                   {q(1, 4),
                                    q(1, 10),
                                    1,
                                    q(1, 16),
                                    {q(313, 720), q(991, 2160), q(1043, 2160), q(73, 144)},
                                    q(19, 96),
                                    q(113, 60)},
                                   {q(1, 10),
                                    q(1, 2),
                                    1,
                                    q(1, 8),
                                    {q(49, 120), q(59, 120), q(23, 40), q(79, 120)},
                                    q(11, 48),
                                    q(32, 15)},
                                   {q(1, 10),
                                    q(1, 4),
                                    2,
                                    q(1, 32),
                                    {q(263, 480), q(169, 288), q(901, 1440), q(319, 480)},
                                    q(103, 384),
                                    q(97, 40)},
                                   {q(1, 10),
                                    q(1, 10),
                                    2,
                                    q(7, 80),
                                    {q(451, 720), q(281, 432), q(1457, 2160), q(503, 720)},
                                    q(457, 2400),
                                    q(53, 20)}};
  for (const TableRow& row : rows) {
    const auto result = commitment_equilibrium(section51(row.eta), row.cost);
    const std::string where = to_string(row.cost) + ", " + to_string(row.eta);
    ASSERT_TRUE(result.exists) << where;
    EXPECT_EQ(result.cutoff, row.cutoff) << where;
    EXPECT_EQ(result.residual, row.residual) << where;
    EXPECT_EQ(result.capacity, row.capacity) << where;
    EXPECT_EQ(result.tolerance, row.tolerance) << where;
    EXPECT_EQ(result.total_capacity, row.total) << where;
    EXPECT_FALSE(result.infeasible || result.welfare_overstated || result.above_baseline);
    // Prop. 3 equals the exact ex-ante payoff with boxes [0, R̄_i], and A5
    // certifies the continuation fully revealing.
    auto capped = section51(row.eta);
    for (std::size_t i = 0; i < 4; ++i) capped.bounds[i] = {q(0), row.capacity[i]};
    EXPECT_EQ(exact_welfare(capped, row.cost), result.welfare) << where;
    EXPECT_TRUE(verify_truth_telling(capped).fully_revealing) << where;
  }
  EXPECT_EQ(commitment_equilibrium(section51(q(1, 2)), q(1, 4)).welfare,
            (Rationals{q(-9829, 46080), q(-10789, 46080), q(-11749, 46080), q(-12709, 46080)}));
  EXPECT_EQ(commitment_equilibrium(section51(q(1, 2)), q(1, 10)).welfare,
            (Rationals{q(-1523, 14400), q(-1643, 14400), q(-1763, 14400), q(-1883, 14400)}));
}

TEST(AllianceCommitment, CutoffEdgeCasesAndCorollaryCounterexamples) {
  // c = MB_q exactly: y = 0 and q̄ = q (spec §6 item 7).
  const auto at = commitment_cutoff(4, q(1, 2), q(4, 25));
  EXPECT_EQ(at.cutoff, 1U);
  EXPECT_EQ(at.residual, 0);
  // Non-existence (§4.4): η = 1/2, c = 1/4 from n = 5; η = 1/4, c = 1/4 from n = 11.
  EXPECT_TRUE(commitment_cutoff(4, q(1, 2), q(1, 4)).exists);
  EXPECT_FALSE(commitment_cutoff(5, q(1, 2), q(1, 4)).exists);
  EXPECT_TRUE(commitment_cutoff(10, q(1, 4), q(1, 4)).exists);
  EXPECT_FALSE(commitment_cutoff(11, q(1, 4), q(1, 4)).exists);
  // Corollaries 2 and 4 fail (η = 1/2, c = 1/10): (n, q̄, y, n(E_q̄ + y)) with
  // q̄ falling in n and the common investment falling from n = 9 to 10. The
  // spec's approximations y ≈ 0.00653 (n = 9) and ≈ 0.00476 (n = 14) are off
  // in the third digit: the closed form C = c(n+1)(n+2)D, m* = min{m : m(m+1) >= C},
  // y = (m*(m*+1) − C)/(2m*(n+2)) gives 1/154 and 1/208 (and the spec's own
  // totals 2.513 and 1.817).
  struct Row {
    std::size_t n;
    std::size_t cutoff;
    Rational residual;
    double common;
  };
  for (const Row& row :
       {Row{8, 2, q(1, 80), 2.5}, Row{9, 2, q(1, 154), 2.513}, Row{10, 1, q(29, 360), 2.472},
        Row{14, 1, q(1, 208), 1.817}, Row{15, 0, q(56, 1275), 1.541}}) {
    const auto cut = commitment_cutoff(row.n, q(1, 2), q(1, 10));
    EXPECT_EQ(cut.cutoff, row.cutoff) << row.n;
    EXPECT_EQ(cut.residual, row.residual) << row.n;
    const Rational common =
        Rational(row.n) *
        (q(static_cast<long>(cut.cutoff) + 1, static_cast<long>(row.n) + 2) + cut.residual);
    EXPECT_NEAR(to_double(common), row.common, 5e-4) << row.n;
  }
  EXPECT_EQ(input_error([] { commitment_cutoff(4, q(1, 2), q(0)); }).pointer(), "/cost");
}

TEST(AllianceCommitment, EquilibriumCapacitiesAreBestResponses) {
  // Spec §4.3 / §3.8 step 7: no capacity deviation of player 1 or 4 on
  // [0, 2R̄_i] raises its exact ex-ante payoff (truthful continuation assumed).
  for (const Rational& cost : {q(1, 4), q(1, 10)}) {
    for (const Rational& eta : {q(1, 2), q(1, 4), q(1, 10)}) {
      auto alliance = section51(eta);
      const auto result = commitment_equilibrium(alliance, cost);
      for (std::size_t i = 0; i < 4; ++i) alliance.bounds[i] = {q(0), result.capacity[i]};
      for (const std::size_t player : {std::size_t{0}, std::size_t{3}}) {
        const auto deviation = capacity_best_response(
            alliance, cost, player, std::optional<Rational>(2 * result.capacity[player]));
        EXPECT_EQ(deviation.gain, 0) << to_string(cost) << ", " << to_string(eta);
        EXPECT_EQ(deviation.best_capacity, result.capacity[player]);
        EXPECT_EQ(deviation.equilibrium_payoff, result.welfare[player]);
        EXPECT_TRUE(deviation.best_truthful);
      }
    }
  }
  // A deliberately low capacity is not a best response.
  auto alliance = section51(q(1, 2));
  const auto result = commitment_equilibrium(alliance, q(1, 10));
  for (std::size_t i = 0; i < 4; ++i) alliance.bounds[i] = {q(0), result.capacity[i]};
  alliance.bounds[0].hi = q(1, 10);
  const auto deviation =
      capacity_best_response(alliance, q(1, 10), 0, std::optional<Rational>(q(1)));
  EXPECT_GT(deviation.gain, 0);
  EXPECT_GT(deviation.best_capacity, q(1, 10));
}

TEST(AllianceCommitment, ClaimsOneToThreeFail) {
  // Erratum 14: capacity deviations said to break truthful communication do
  // not always do so. With the others at the Prop. 2 capacities (η = 1/2),
  // player 1's continuation is fully revealing for every R̄_1 ∈ [0, 0.51] when
  // c = 1/10, and for R̄_1 ∈ [0, 0.01] ∪ [0.12, 0.49] when c = 1/4 (grid 0.01).
  for (const Rational& cost : {q(1, 10), q(1, 4)}) {
    auto alliance = section51(q(1, 2));
    const auto result = commitment_equilibrium(alliance, cost);
    for (std::size_t i = 0; i < 4; ++i) alliance.bounds[i] = {q(0), result.capacity[i]};
    std::string pattern;
    for (long t = 0; t <= 60; ++t) {
      alliance.bounds[0].hi = q(t, 100);
      pattern += verify_truth_telling(alliance).fully_revealing ? '1' : '0';
    }
    const std::string expected = cost == q(1, 10) ? std::string(52, '1') + std::string(9, '0')
                                                  : "11" + std::string(10, '0') +
                                                        std::string(38, '1') + std::string(11, '0');
    EXPECT_EQ(pattern, expected) << to_string(cost);
  }
}

TEST(AllianceCommitment, CorollaryThreeFailsForAHawk) {
  // Spec §5.4: n = 4, b = (0, 0, 0, 1/10), c = 1/10: the hawk's R̄_4 rises in η
  // (0.7208, 0.725, …, 3.1583), and the doves' R̄ turns negative for η >= 0.8.
  const std::vector<double> hawk{0.7208, 0.725,  0.7411, 0.7833, 0.8583,
                                 0.9833, 1.2083, 1.6833, 3.1583};
  for (long t = 1; t <= 9; ++t) {
    const auto result = commitment_equilibrium(
        paper_alliance<Rational>(q(t, 10), {q(0), q(0), q(0), q(1, 10)}), q(1, 10));
    EXPECT_NEAR(to_double(result.capacity[3]), hawk[static_cast<std::size_t>(t - 1)], 5e-5);
    EXPECT_EQ(result.infeasible, t >= 8) << t;
    EXPECT_EQ(result.above_baseline, t >= 7) << t;
  }
  EXPECT_EQ(commitment_equilibrium(paper_alliance<Rational>(q(8, 10), {q(0), q(0), q(0), q(1, 10)}),
                                   q(1, 10))
                .capacity[0],
            q(-1, 60));
}

TEST(AllianceCommitment, PropositionThreeOverstatesWelfareForStrongDoves) {
  // Spec §4.4: n = 4, η = 9/20, c = 3/100, b = (1/100, 1/40, 29/200, 1/5):
  // (q̄, y) = (2, 259/1600); exact − Prop. 3 ≈ −0.000229 (W_1), −0.000071 (W_2),
  // 0 for W_3, W_4.
  auto alliance = paper_alliance<Rational>(q(9, 20), {q(1, 100), q(1, 40), q(29, 200), q(1, 5)});
  const auto result = commitment_equilibrium(alliance, q(3, 100));
  EXPECT_EQ(result.cutoff, 2U);
  EXPECT_EQ(result.residual, q(259, 1600));
  EXPECT_TRUE(result.welfare_overstated);
  for (std::size_t i = 0; i < 4; ++i) alliance.bounds[i] = {q(0), result.capacity[i]};
  const auto exact = exact_welfare(alliance, q(3, 100));
  EXPECT_NEAR(to_double(exact[0] - result.welfare[0]), -0.000229, 5e-7);
  EXPECT_NEAR(to_double(exact[1] - result.welfare[1]), -0.000071, 5e-7);
  EXPECT_EQ(exact[2], result.welfare[2]);
  EXPECT_EQ(exact[3], result.welfare[3]);
}

}  // namespace
}  // namespace mechlab::alliance
