#include "mechlab/alliance/interaction.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <tuple>
#include <vector>

#include "mechlab/alliance/continuation.hpp"
#include "mechlab/alliance/posterior.hpp"
#include "mechlab/core/rng.hpp"
#include "support.hpp"

namespace mechlab::alliance {
namespace {

using mechlab::test::input_error;
using mechlab::test::q;

std::vector<Bounds<Rational>> unit_boxes(std::size_t n) {
  return std::vector<Bounds<Rational>>(n, Bounds<Rational>{q(0), q(1)});
}

// The KKT certificate recomputed here from M, a and x alone: x_i equals the
// clipped best response and `binding` names where the desire lies.
void expect_certified(const Interaction<Rational>& m, const std::vector<Rational>& a,
                      const std::vector<Bounds<Rational>>& bounds,
                      const BoxEquilibrium<Rational>& eq) {
  for (std::size_t i = 0; i < a.size(); ++i) {
    Rational others(0);
    for (std::size_t j = 0; j < a.size(); ++j) {
      if (j != i) others += m.matrix[i][j] * eq.action[j];
    }
    const Rational desired = (a[i] - others) / m.matrix[i][i];
    EXPECT_EQ(eq.desired[i], desired);
    EXPECT_EQ(eq.action[i], std::clamp(desired, bounds[i].lo, bounds[i].hi));
    const Binding expected = desired < bounds[i].lo   ? Binding::lower
                             : desired > bounds[i].hi ? Binding::upper
                                                      : Binding::free;
    EXPECT_EQ(eq.binding[i], expected);
  }
}

// Projected Gauss–Seidel in double: converges for any SPD M (coordinate ascent
// on the strictly concave potential).
std::vector<double> gauss_seidel(const Interaction<Rational>& m, const std::vector<Rational>& a,
                                 const std::vector<Bounds<Rational>>& bounds) {
  const std::size_t n = a.size();
  std::vector<double> x(n, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    x[i] = std::clamp(0.0, to_double(bounds[i].lo), to_double(bounds[i].hi));
  }
  for (int sweep = 0; sweep < 200000; ++sweep) {
    double change = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      double others = 0.0;
      for (std::size_t j = 0; j < n; ++j) {
        if (j != i) others += to_double(m.matrix[i][j]) * x[j];
      }
      const double next = std::clamp((to_double(a[i]) - others) / to_double(m.matrix[i][i]),
                                     to_double(bounds[i].lo), to_double(bounds[i].hi));
      change = std::max(change, std::fabs(next - x[i]));
      x[i] = next;
    }
    if (change < 1e-15) break;
  }
  return x;
}

Interaction<double> to_double_interaction(const Interaction<Rational>& m) {
  Interaction<double> out;
  for (const auto& row : m.matrix) {
    auto& copy = out.matrix.emplace_back();
    for (const Rational& entry : row) copy.push_back(to_double(entry));
  }
  return out;
}

// Seeded targets and boxes for n players, in units of 1/denominator: a_i
// in [target_lo, target_hi], lo_i in [low_lo, low_hi], hi_i − lo_i ≤ max_width.
struct Draw {
  long target_lo, target_hi, low_lo, low_hi, max_width, denominator;
};

void draw_stage(Rng& rng, std::size_t n, const Draw& draw, std::vector<Rational>& a,
                std::vector<Bounds<Rational>>& boxes) {
  std::uniform_int_distribution<long> target(draw.target_lo, draw.target_hi);
  std::uniform_int_distribution<long> low(draw.low_lo, draw.low_hi);
  std::uniform_int_distribution<long> width(0, draw.max_width);
  a.clear();
  boxes.clear();
  for (std::size_t i = 0; i < n; ++i) {
    a.push_back(q(target(rng), draw.denominator));
    const Rational lo = q(low(rng), draw.denominator);
    boxes.push_back({lo, lo + q(width(rng), draw.denominator)});
  }
}

TEST(AllianceInteraction, PaperInteractionMatchesA3OnTheSpecVectors) {
  // Spec §3.4: n = 6, η = 7/10, b = (3/100 ×5, 1/20), boxes [0,1], a_i = D(E_k + b_i).
  const std::size_t n = 6;
  const Rational eta = q(7, 10);
  const Rational d = 1 + Rational(n - 1) * eta;
  std::vector<Rational> biases(5, q(3, 100));
  biases.push_back(q(1, 20));
  const Interaction<Rational> m = paper_interaction(n, eta);
  const auto boxes = unit_boxes(n);
  const std::vector<std::tuple<std::size_t, Rational, Rational>> expected{
      {0, q(13, 120), q(49, 120)}, {5, q(281, 380), q(1)}, {6, q(71, 80), q(1)}};
  for (const auto& [k, dove, hawk] : expected) {
    const auto mean = posterior_mean<Rational>(k, n);
    std::vector<Rational> a;
    for (const Rational& b : biases) a.emplace_back(d * (mean + b));
    const BoxEquilibrium<Rational> eq = box_equilibrium(m, a, boxes);
    const Continuation<Rational> a3 = coordination_equilibrium(eta, a, boxes);
    for (std::size_t i = 0; i < 5; ++i) EXPECT_EQ(eq.action[i], dove);
    EXPECT_EQ(eq.action[5], hawk);
    EXPECT_EQ(eq.action, a3.action);
    EXPECT_EQ(eq.desired, a3.desired);
    EXPECT_EQ(eq.binding, a3.binding);
    EXPECT_EQ(eq.method, k == 0 ? BoxMethod::interior : BoxMethod::active_set);
    expect_certified(m, a, boxes, eq);
  }
}

TEST(AllianceInteraction, PaperInteractionMatchesA3OnRandomBoxes) {
  Rng rng = make_rng(20260707);
  std::uniform_int_distribution<long> size(2, 7);
  std::uniform_int_distribution<long> eta_num(1, 19);
  int binding_cases = 0;
  for (int trial = 0; trial < 200; ++trial) {
    const auto n = static_cast<std::size_t>(size(rng));
    const Rational eta = q(eta_num(rng), 20);
    std::vector<Rational> a;
    std::vector<Bounds<Rational>> boxes;
    draw_stage(rng, n, {-40, 120, -20, 20, 40, 40}, a, boxes);
    const BoxEquilibrium<Rational> eq = box_equilibrium(paper_interaction(n, eta), a, boxes);
    const Continuation<Rational> a3 = coordination_equilibrium(eta, a, boxes);
    EXPECT_EQ(eq.action, a3.action) << "trial " << trial;
    EXPECT_EQ(eq.desired, a3.desired) << "trial " << trial;
    EXPECT_EQ(eq.binding, a3.binding) << "trial " << trial;
    if (eq.method != BoxMethod::interior) ++binding_cases;
  }
  EXPECT_GT(binding_cases, 100);
}

TEST(AllianceInteraction, RandomPositiveDefiniteMatricesAgainstGaussSeidel) {
  // M = BᵀB + I with B's entries in {−2, …, 2}: SPD, rarely an M-matrix.
  Rng rng = make_rng(7);
  std::uniform_int_distribution<long> size(2, 7);
  std::uniform_int_distribution<long> entry(-2, 2);
  int active = 0;
  for (int trial = 0; trial < 150; ++trial) {
    const auto n = static_cast<std::size_t>(size(rng));
    std::vector<std::vector<long>> b(n, std::vector<long>(n));
    for (auto& row : b) {
      for (long& v : row) v = entry(rng);
    }
    Interaction<Rational> m;
    m.matrix.assign(n, std::vector<Rational>(n, q(0)));
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t j = 0; j < n; ++j) {
        long sum = i == j ? 1 : 0;
        for (std::size_t k = 0; k < n; ++k) sum += b[k][i] * b[k][j];
        m.matrix[i][j] = q(sum);
      }
    }
    std::vector<Rational> a;
    std::vector<Bounds<Rational>> boxes;
    draw_stage(rng, n, {-60, 60, -10, 5, 15, 4}, a, boxes);
    const BoxEquilibrium<Rational> eq = box_equilibrium(m, a, boxes);
    expect_certified(m, a, boxes, eq);
    if (eq.method == BoxMethod::active_set) ++active;
    const std::vector<double> pgs = gauss_seidel(m, a, boxes);
    for (std::size_t i = 0; i < n; ++i) {
      EXPECT_NEAR(to_double(eq.action[i]), pgs[i], 1e-10) << "trial " << trial << " i " << i;
    }
    // The primal method alone reaches the same point; double agrees to 1e-12.
    const BoxEquilibrium<Rational> primal = box_equilibrium(m, a, boxes, {true});
    EXPECT_EQ(primal.action, eq.action) << "trial " << trial;
    EXPECT_EQ(primal.method, BoxMethod::primal_active_set);
    std::vector<double> a_double;
    std::vector<Bounds<double>> boxes_double;
    for (std::size_t i = 0; i < n; ++i) {
      a_double.push_back(to_double(a[i]));
      boxes_double.push_back({to_double(boxes[i].lo), to_double(boxes[i].hi)});
    }
    const BoxEquilibrium<double> fast =
        box_equilibrium(to_double_interaction(m), a_double, boxes_double);
    for (std::size_t i = 0; i < n; ++i) {
      EXPECT_NEAR(fast.action[i], to_double(eq.action[i]), 1e-12) << "trial " << trial;
    }
    EXPECT_EQ(fast.binding, eq.binding) << "trial " << trial;
  }
  EXPECT_GT(active, 50);
}

TEST(AllianceInteraction, CyclingPartitionsFallBackToThePrimalMethod) {
  // Not an M-matrix (positive off-diagonal 11): from the all-free start the
  // primal–dual guesses repeat, and the exact primal active-set method ends at
  // x = (0, 4/9, 0) with desires (−19/45, 4/9, −22/45).
  const Interaction<Rational> m{
      {{q(20), q(-17), q(-11)}, {q(-17), q(18), q(11)}, {q(-11), q(11), q(10)}}};
  const std::vector<Rational> a{q(-16), q(8), q(0)};
  const auto boxes = unit_boxes(3);
  const BoxEquilibrium<Rational> eq = box_equilibrium(m, a, boxes);
  EXPECT_EQ(eq.method, BoxMethod::primal_active_set);
  EXPECT_EQ(eq.action, (std::vector<Rational>{q(0), q(4, 9), q(0)}));
  EXPECT_EQ(eq.desired, (std::vector<Rational>{q(-19, 45), q(4, 9), q(-22, 45)}));
  expect_certified(m, a, boxes, eq);
  // double mode cycles too and re-solves exactly.
  const BoxEquilibrium<double> fast =
      box_equilibrium(to_double_interaction(m), std::vector<double>{-16, 8, 0},
                      std::vector<Bounds<double>>(3, {0, 1}));
  EXPECT_TRUE(fast.exact_fallback);
  EXPECT_EQ(fast.method, BoxMethod::primal_active_set);
  EXPECT_DOUBLE_EQ(fast.action[1], 4.0 / 9.0);
}

TEST(AllianceInteraction, TinyScaleIsExactInRational) {
  // M and a scaled by 10^-14: below the double tolerance, so the double guess
  // is lost, but the exact equilibrium is the unscaled one.
  const Rational scale = q(1, 100000000000000);
  const Interaction<Rational> base = paper_interaction(3, q(1, 2));
  Interaction<Rational> tiny = base;
  for (auto& row : tiny.matrix) {
    for (Rational& entry : row) entry *= scale;
  }
  const std::vector<Rational> a{q(3), q(1), q(-1)};
  const auto boxes = unit_boxes(3);
  std::vector<Rational> tiny_a;
  for (const Rational& target : a) tiny_a.emplace_back(target * scale);
  EXPECT_EQ(box_equilibrium(tiny, tiny_a, boxes).action, box_equilibrium(base, a, boxes).action);
}

TEST(AllianceInteraction, RejectsNonSymmetricAndIndefiniteMatrices) {
  const std::vector<Rational> a{q(1), q(1), q(1)};
  const auto boxes = unit_boxes(3);
  Interaction<Rational> skew{{{q(2), q(1), q(0)}, {q(1), q(2), q(1, 2)}, {q(0), q(1, 3), q(2)}}};
  const InputError asymmetric = input_error([&] { box_equilibrium(skew, a, boxes); });
  EXPECT_EQ(asymmetric.pointer(), "/interaction/1/2");
  EXPECT_EQ(asymmetric.found(), "1/2 vs 1/3");

  const InputError ragged = input_error([] {
    validate_interaction(Interaction<Rational>{{{q(1), q(0)}, {q(0)}}});
  });
  EXPECT_EQ(ragged.pointer(), "/interaction");
  EXPECT_EQ(ragged.found(), "row 1 has 1 entries");

  // Symmetric, indefinite: the 2×2 leading minor 1 − 4 = −3 is the witness.
  const Interaction<Rational> saddle{{{q(1), q(2), q(0)}, {q(2), q(1), q(0)}, {q(0), q(0), q(1)}}};
  const Definiteness<Rational> minors = leading_minors(saddle);
  EXPECT_FALSE(minors.positive_definite);
  EXPECT_EQ(minors.order, 2U);
  EXPECT_EQ(minors.minor, q(-3));
  const InputError indefinite = input_error([&] { box_equilibrium(saddle, a, boxes); });
  EXPECT_EQ(indefinite.pointer(), "/interaction");
  EXPECT_EQ(indefinite.found(), "leading minor of order 2 = -3");

  // The model's interaction at η = −1/(n−1): minor_k = (1−η)^(k−1)(1+(k−1)η)
  // first vanishes at k = n = 3 (D = 0, semidefinite only).
  const Definiteness<Rational> edge = leading_minors(paper_interaction(3, q(-1, 2)));
  EXPECT_EQ(edge.order, 3U);
  EXPECT_EQ(edge.minor, q(0));
  // At the paper's η = 7/10, n = 6 every minor is positive; det = (3/10)^5 · 9/2.
  const Definiteness<Rational> paper = leading_minors(paper_interaction(6, q(7, 10)));
  EXPECT_TRUE(paper.positive_definite);
  EXPECT_EQ(paper.minor, q(2187, 200000));

  Interaction<double> nan = paper_interaction<double>(2, 0.5);
  nan.matrix[0][1] = std::numeric_limits<double>::quiet_NaN();
  EXPECT_EQ(input_error([&] { validate_interaction(nan); }).pointer(), "/interaction/0/1");
}

TEST(AllianceInteraction, TwoBlocsPartnerFillsTheCappedHawksGap) {
  // Two blocs {0,1} and {2,3}: spillover 1/2 within a bloc, 1/10 across.
  // Player 0 is the hawk (a_0 = 2); unconstrained it would play 363/221 > 1.
  // Capped at 1, its bloc partner — whose effort substitutes strongly for
  // the hawk's — raises its action from 142/221 to 71/74, while the other
  // bloc moves only from 40/221 to 15/74.
  const Rational w = q(1, 2);
  const Rational v = q(1, 10);
  const Interaction<Rational> m{
      {{q(1), w, v, v}, {w, q(1), v, v}, {v, v, q(1), w}, {v, v, w, q(1)}}};
  const std::vector<Rational> a{q(2), q(3, 2), q(1, 2), q(1, 2)};
  const std::vector<Bounds<Rational>> wide(4, Bounds<Rational>{q(-10), q(10)});
  const BoxEquilibrium<Rational> free = box_equilibrium(m, a, wide);
  EXPECT_EQ(free.method, BoxMethod::interior);
  EXPECT_EQ(free.action, (std::vector<Rational>{q(363, 221), q(142, 221), q(40, 221), q(40, 221)}));

  const auto boxes = unit_boxes(4);
  const BoxEquilibrium<Rational> eq = box_equilibrium(m, a, boxes);
  EXPECT_EQ(eq.action, (std::vector<Rational>{q(1), q(71, 74), q(15, 74), q(15, 74)}));
  EXPECT_EQ(eq.desired[0], q(219, 148));
  EXPECT_EQ(eq.binding,
            (std::vector<Binding>{Binding::upper, Binding::free, Binding::free, Binding::free}));
  EXPECT_EQ(eq.method, BoxMethod::active_set);
  expect_certified(m, a, boxes, eq);

  // double agrees.
  std::vector<double> a_double{2, 1.5, 0.5, 0.5};
  const BoxEquilibrium<double> fast = box_equilibrium(
      to_double_interaction(m), a_double, std::vector<Bounds<double>>(4, Bounds<double>{0, 1}));
  EXPECT_FALSE(fast.exact_fallback);
  EXPECT_NEAR(fast.action[1], 71.0 / 74.0, 1e-12);
}

}  // namespace
}  // namespace mechlab::alliance
