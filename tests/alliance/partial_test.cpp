#include "mechlab/alliance/partial.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "alliance/fixtures.hpp"
#include "mechlab/alliance/continuation.hpp"
#include "mechlab/alliance/posterior.hpp"
#include "mechlab/alliance/truth.hpp"
#include "mechlab/alliance/unconstrained.hpp"
#include "mechlab/core/rng.hpp"
#include "support.hpp"

namespace mechlab::alliance {
namespace {

using mechlab::test::input_error;
using mechlab::test::q;
using test::necessity_counterexample;
using test::section51;

std::vector<bool> set_of(unsigned mask, std::size_t n) {
  std::vector<bool> truthful(n);
  for (std::size_t i = 0; i < n; ++i) truthful[i] = ((mask >> i) & 1U) != 0;
  return truthful;
}

std::size_t count_of(const std::vector<bool>& truthful) {
  return static_cast<std::size_t>(std::count(truthful.begin(), truthful.end(), true));
}

Alliance<Rational> with_boxes(Alliance<Rational> alliance, const Rational& lo, const Rational& hi) {
  for (auto& box : alliance.bounds) box = {lo, hi};
  return alliance;
}

// A random alliance: n in [2, max_n], η in {1/10..9/10}, b in [−1/10, 1/5];
// boxes the paper's [0,1] or, with `narrow`, [lo, hi] with lo in [0, 2/5] and
// hi in [1/2, 1] so that bounds bind often.
Alliance<Rational> random_alliance(Rng& rng, std::size_t max_n, bool narrow) {
  std::uniform_int_distribution<std::size_t> size(2, max_n);
  std::uniform_int_distribution<long> eta(1, 9);
  std::uniform_int_distribution<long> bias(-20, 40);
  std::uniform_int_distribution<long> lo(0, 40);
  std::uniform_int_distribution<long> hi(50, 100);
  const std::size_t n = size(rng);
  std::vector<Rational> biases;
  for (std::size_t i = 0; i < n; ++i) biases.push_back(q(bias(rng), 200));
  Alliance<Rational> alliance = paper_alliance<Rational>(q(eta(rng), 10), biases);
  if (narrow) {
    for (auto& box : alliance.bounds) box = {q(lo(rng), 100), q(hi(rng), 100)};
  }
  return alliance;
}

Alliance<double> to_double_alliance(const Alliance<Rational>& alliance) {
  Alliance<double> out;
  out.eta = to_double(alliance.eta);
  for (const Rational& b : alliance.biases) out.biases.push_back(to_double(b));
  for (const auto& box : alliance.bounds)
    out.bounds.push_back({to_double(box.lo), to_double(box.hi)});
  return out;
}

// An independent solver: sequential best responses (coordinate ascent on the
// weighted potential) in double, each agent's expectation of the others built
// from the explicit conditional probabilities, to 1e-14.
std::vector<std::array<double, 2>> best_response_iteration(const Alliance<Rational>& exact,
                                                           const std::vector<bool>& truthful,
                                                           std::size_t k) {
  const Alliance<double> a = to_double_alliance(exact);
  const std::size_t n = a.player_count();
  const auto t = static_cast<double>(count_of(truthful));
  const double d = 1 + static_cast<double>(n - 1) * a.eta;
  const double e = (static_cast<double>(k) + 1) / (t + 2);
  std::vector<std::array<double, 2>> x(n, {0.5, 0.5});
  for (int sweep = 0; sweep < 1000000; ++sweep) {
    double change = 0;
    for (std::size_t i = 0; i < n; ++i) {
      for (int s = 0; s < (truthful[i] ? 1 : 2); ++s) {
        const double mean = truthful[i] ? e : (static_cast<double>(k) + s + 1) / (t + 3);
        double others = 0;
        for (std::size_t l = 0; l < n; ++l) {
          if (l == i) continue;
          others += truthful[l] ? x[l][0] : (1 - mean) * x[l][0] + mean * x[l][1];
        }
        double br = d * (mean + a.biases[i]) - a.eta * others;
        br = std::clamp(br, a.bounds[i].lo, a.bounds[i].hi);
        change = std::max(change, std::fabs(br - x[i][s]));
        x[i][s] = br;
        if (truthful[i]) x[i][1] = br;
      }
    }
    if (change < 1e-14) break;
  }
  return x;
}

TEST(AlliancePartialContinuation, SpecTestVectorWithWideAndPaperBoxes) {
  // Spec §3.3: n = 4, η = 1/2, b = (1/20, 1/15, 1/12, 1/10), T = {1,2}, k = 1.
  for (const auto& alliance : {with_boxes(section51(q(1, 2)), q(-10), q(10)), section51(q(1, 2))}) {
    const auto c = partial_continuation(alliance, {true, true, false, false}, 1);
    EXPECT_EQ(c.method, PartialMethod::theorem1);
    EXPECT_EQ(c.mean, q(1, 2));
    EXPECT_EQ(c.action[0][0], q(9, 20));
    EXPECT_EQ(c.action[1][0], q(8, 15));
    EXPECT_EQ(c.action[2][0], q(257, 660));
    EXPECT_EQ(c.action[3][0], q(26, 55));
    EXPECT_EQ(c.action[2][1], q(557, 660));
    EXPECT_EQ(c.action[3][1], q(51, 55));
    EXPECT_FALSE(c.any_binding());
    for (const auto& gap : c.gap) EXPECT_EQ(gap[0], 0);
  }
}

TEST(AlliancePartialContinuation, WideBoxesGiveTheoremOneForEverySet) {
  Rng rng = make_rng(7101);
  for (int draw = 0; draw < 12; ++draw) {
    const auto alliance = with_boxes(random_alliance(rng, 6, false), q(-100), q(100));
    const std::size_t n = alliance.player_count();
    for (unsigned mask = 0; mask < (1U << n); ++mask) {
      const auto truthful = set_of(mask, n);
      for (std::size_t k = 0; k <= count_of(truthful); ++k) {
        const auto c = partial_continuation(alliance, truthful, k);
        const auto theorem1 = unconstrained_policy(alliance, truthful, k);
        EXPECT_EQ(c.action, theorem1.action) << "draw " << draw << " mask " << mask;
        EXPECT_EQ(c.method, PartialMethod::theorem1);
        EXPECT_EQ(c.iterations, 1U);
      }
    }
  }
}

TEST(AlliancePartialContinuation, FullRevelationIsTheConstrainedEngine) {
  // T = N: the continuation is A3's x*(k), exactly, with the same bindings.
  Rng rng = make_rng(7102);
  std::vector<Alliance<Rational>> cases{necessity_counterexample(), section51(q(1, 2))};
  for (int draw = 0; draw < 30; ++draw) cases.push_back(random_alliance(rng, 6, draw % 2 == 0));
  std::size_t binding = 0;
  for (const auto& alliance : cases) {
    const std::size_t n = alliance.player_count();
    for (std::size_t k = 0; k <= n; ++k) {
      const auto c = partial_continuation(alliance, std::vector<bool>(n, true), k);
      const auto a3 = constrained_policy(alliance, k);
      for (std::size_t i = 0; i < n; ++i) {
        EXPECT_EQ(c.action[i][0], a3.action[i]);
        EXPECT_EQ(c.action[i][1], a3.action[i]);
        EXPECT_EQ(c.binding[i][0], a3.binding[i]);
        EXPECT_EQ(c.gap[i][0], a3.gap[i]);
      }
      binding += c.any_binding() ? 1 : 0;
    }
  }
  EXPECT_GT(binding, 20U);
  // The spec's capped vector x*(5) = (281/380 ×5, 1).
  const auto capped =
      partial_continuation(necessity_counterexample(), std::vector<bool>(6, true), 5);
  EXPECT_EQ(capped.action[0][0], q(281, 380));
  EXPECT_EQ(capped.action[5][0], q(1));
  EXPECT_EQ(capped.binding[5][0], Binding::upper);
  EXPECT_EQ(capped.method, PartialMethod::active_set);
}

TEST(AlliancePartialContinuation, BindingBoundsAgainstBestResponseIteration) {
  Rng rng = make_rng(7103);
  std::size_t binding = 0;
  std::size_t babbler_binding = 0;
  std::size_t checked = 0;
  for (int draw = 0; draw < 40; ++draw) {
    const auto alliance = random_alliance(rng, 5, true);
    const std::size_t n = alliance.player_count();
    for (unsigned mask = 0; mask < (1U << n); ++mask) {
      const auto truthful = set_of(mask, n);
      for (std::size_t k = 0; k <= count_of(truthful); ++k) {
        const auto c = partial_continuation(alliance, truthful, k);
        const auto reference = best_response_iteration(alliance, truthful, k);
        for (std::size_t i = 0; i < n; ++i) {
          for (std::size_t s = 0; s < 2; ++s) {
            EXPECT_NEAR(to_double(c.action[i][s]), reference[i][s], 1e-11);
            // The certificate: action = clip(desired), exactly.
            const auto& box = alliance.bounds[i];
            const Rational clipped = std::min(std::max(c.desired[i][s], box.lo), box.hi);
            EXPECT_EQ(c.action[i][s], clipped);
            if (!truthful[i] && c.binding[i][s] != Binding::free) ++babbler_binding;
          }
        }
        binding += c.any_binding() ? 1 : 0;
        ++checked;
      }
    }
  }
  EXPECT_GT(binding, checked / 4);
  EXPECT_GT(babbler_binding, 100U);
}

TEST(AlliancePartialContinuation, PrimalActiveSetAgreesExactly) {
  // The fallback, forced on every instance, finds the same unique equilibrium.
  Rng rng = make_rng(7104);
  std::size_t nontrivial = 0;
  for (int draw = 0; draw < 25; ++draw) {
    const auto alliance = random_alliance(rng, 5, true);
    const std::size_t n = alliance.player_count();
    for (unsigned mask = 0; mask < (1U << n); ++mask) {
      const auto truthful = set_of(mask, n);
      for (std::size_t k = 0; k <= count_of(truthful); ++k) {
        const auto fast = partial_continuation(alliance, truthful, k);
        const auto primal =
            partial_continuation(alliance, truthful, k, {.force_primal_active_set = true});
        EXPECT_EQ(primal.method, PartialMethod::primal_active_set);
        EXPECT_EQ(primal.action, fast.action);
        EXPECT_EQ(primal.binding, fast.binding);
        nontrivial += primal.iterations > 2 ? 1 : 0;
      }
    }
  }
  EXPECT_GT(nontrivial, 50U);
}

TEST(AlliancePartialContinuation, PointBoxesAndDoubleMode) {
  // Point boxes fix every action; the double mode matches the exact one.
  auto fixed = with_boxes(section51(q(1, 2)), q(3, 10), q(3, 10));
  const auto c = partial_continuation(fixed, {true, false, true, false}, 1);
  for (const auto& pair : c.action) {
    EXPECT_EQ(pair[0], q(3, 10));
    EXPECT_EQ(pair[1], q(3, 10));
  }
  Rng rng = make_rng(7105);
  for (int draw = 0; draw < 20; ++draw) {
    const auto alliance = random_alliance(rng, 6, true);
    const auto real = to_double_alliance(alliance);
    const std::size_t n = alliance.player_count();
    const auto truthful = set_of(static_cast<unsigned>(draw * 7) % (1U << n), n);
    for (std::size_t k = 0; k <= count_of(truthful); ++k) {
      const auto exact = partial_continuation(alliance, truthful, k);
      const auto approx = partial_continuation(real, truthful, k);
      for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t s = 0; s < 2; ++s) {
          EXPECT_NEAR(approx.action[i][s], to_double(exact.action[i][s]), 1e-12);
        }
      }
    }
  }
}

TEST(AlliancePartialContinuation, CyclingActiveSetFallsBackExactly) {
  // With η near 1 the primal–dual rule can cycle (the first-order matrix is
  // not an M-matrix); the exact primal active-set method then certifies the
  // equilibrium, and double mode re-solves those inputs exactly.
  Rng rng = make_rng(7106);
  std::uniform_int_distribution<long> eta(80, 99);
  std::uniform_int_distribution<long> bias(-40, 60);
  std::uniform_int_distribution<long> lo(0, 45);
  std::uniform_int_distribution<long> hi(50, 100);
  std::size_t primal = 0;
  std::size_t fallback = 0;
  for (int draw = 0; draw < 150; ++draw) {
    std::vector<Rational> biases;
    for (int i = 0; i < 6; ++i) biases.push_back(q(bias(rng), 100));
    auto alliance = paper_alliance<Rational>(q(eta(rng), 100), biases);
    for (auto& box : alliance.bounds) box = {q(lo(rng), 100), q(hi(rng), 100)};
    const auto real = to_double_alliance(alliance);
    for (unsigned mask = 0; mask < 64; mask += 5) {
      const auto truthful = set_of(mask, 6);
      for (std::size_t k = 0; k <= count_of(truthful); ++k) {
        const auto exact = partial_continuation(alliance, truthful, k);
        if (exact.method != PartialMethod::primal_active_set) continue;
        ++primal;
        for (std::size_t i = 0; i < 6; ++i) {
          for (std::size_t s = 0; s < 2; ++s) {
            const auto& box = alliance.bounds[i];
            EXPECT_EQ(exact.action[i][s], std::min(std::max(exact.desired[i][s], box.lo), box.hi));
          }
        }
        const auto approx = partial_continuation(real, truthful, k);
        fallback += approx.exact_fallback ? 1 : 0;
        for (std::size_t i = 0; i < 6; ++i) {
          EXPECT_NEAR(approx.action[i][0], to_double(exact.action[i][0]), 1e-12);
          EXPECT_NEAR(approx.action[i][1], to_double(exact.action[i][1]), 1e-12);
        }
      }
    }
  }
  EXPECT_GT(primal, 10U);
  EXPECT_GT(fallback, 10U);
}

TEST(AlliancePartialContinuation, InputErrors) {
  EXPECT_EQ(input_error([] {
              partial_continuation(section51(q(1, 2)), {true, false}, 0);
            }).pointer(),
            "/truthful");
  EXPECT_EQ(input_error([] {
              verify_truthful_set(section51(q(1, 2)), {true, false, true});
            }).pointer(),
            "/truthful");
  EXPECT_THROW(partial_continuation(section51(q(1, 2)), {true, false, false, false}, 2),
               InternalError);
}

// ---------------------------------------------------------------------------
// Truth-telling for a truthful set.

Rational factorial(long m) {
  Rational f(1);
  for (long i = 2; i <= m; ++i) f *= i;
  return f;
}

Rational choose(long n, long k) { return factorial(n) / (factorial(k) * factorial(n - k)); }

// ∫ θ^a (1−θ)^b dθ = a! b! / (a+b+1)!: the uniform-prior probability of one
// signal sequence with a ones and b zeros.
Rational sequence_probability(long a, long b) {
  return factorial(a) * factorial(b) / factorial(a + b + 1);
}

// G_i(s) by enumerating the other truthful players' count j and every profile
// σ of the babblers' signals: the joint probability given s_i = s, the
// posterior Beta(k_T + m + 1, ·) given everything, and the loss (Y − E[θ])² +
// Var(θ). The deviator's action minimises the expected loss given (s, j): the
// vertex of the parabola through x = 0, 1, 2, clipped.
Rational brute_force_gain(const Alliance<Rational>& alliance, const std::vector<bool>& truthful,
                          const std::vector<PartialContinuation<Rational>>& continuation,
                          std::size_t i, long s) {
  const std::size_t n = alliance.player_count();
  const long t = static_cast<long>(count_of(truthful));
  std::vector<std::size_t> babblers;
  for (std::size_t l = 0; l < n; ++l) {
    if (!truthful[l]) babblers.push_back(l);
  }
  const long nb = static_cast<long>(babblers.size());
  const Rational& eta = alliance.eta;
  const Rational d = 1 + Rational(static_cast<long>(n) - 1) * eta;
  const Rational& b = alliance.biases[i];
  Rational gain(0);
  for (long j = 0; j < t; ++j) {
    const long k_true = j + s;
    const long k_dev = j + 1 - s;
    const auto& at_true = continuation[static_cast<std::size_t>(k_true)];
    const auto& at_dev = continuation[static_cast<std::size_t>(k_dev)];
    // Σ over σ of P(j, σ | s)·loss, for an action profile given by `x_of`.
    auto expected_loss = [&](const PartialContinuation<Rational>& c, const Rational* own) {
      Rational total(0);
      for (unsigned sigma = 0; sigma < (1U << nb); ++sigma) {
        long m = 0;
        Rational sum(0);
        for (std::size_t l = 0; l < n; ++l) {
          if (l == i) continue;
          if (truthful[l]) {
            sum += c.action[l][0];
          } else {
            const auto pos = static_cast<std::size_t>(
                std::find(babblers.begin(), babblers.end(), l) - babblers.begin());
            const unsigned bit = (sigma >> pos) & 1U;
            m += bit;
            sum += c.action[l][bit];
          }
        }
        const Rational x_i = own != nullptr ? *own : c.action[i][0];
        const Rational y = (x_i + eta * sum) / d - b;
        const long ones = k_true + m;
        const long zeros = (t - k_true) + (nb - m);
        const Rational probability =
            choose(t - 1, j) * sequence_probability(ones, zeros) / sequence_probability(s, 1 - s);
        const Rational mean = Rational(ones + 1) / (ones + zeros + 2);
        const Rational variance =
            Rational((ones + 1) * (zeros + 1)) /
            Rational((ones + zeros + 2) * (ones + zeros + 2) * (ones + zeros + 3));
        total += probability * ((y - mean) * (y - mean) + variance);
      }
      return total;
    };
    const Rational loss_truthful = expected_loss(at_true, nullptr);
    const Rational x0(0);
    const Rational x1(1);
    const Rational x2(2);
    const Rational l0 = expected_loss(at_dev, &x0);
    const Rational l1 = expected_loss(at_dev, &x1);
    const Rational l2 = expected_loss(at_dev, &x2);
    // L(x) = αx² + βx + γ: α = (l2 − 2l1 + l0)/2, β = l1 − l0 − α.
    const Rational alpha = (l2 - 2 * l1 + l0) / 2;
    const Rational beta = l1 - l0 - alpha;
    Rational best = -beta / (2 * alpha);
    best = std::min(std::max(best, alliance.bounds[i].lo), alliance.bounds[i].hi);
    gain += loss_truthful - expected_loss(at_dev, &best);
  }
  return gain;
}

TEST(AlliancePartialTruth, FullSetIsVerifyTruthTelling) {
  Rng rng = make_rng(7201);
  std::vector<Alliance<Rational>> cases{necessity_counterexample(),
                                        necessity_counterexample(q(3, 50)), section51(q(1, 2))};
  for (int draw = 0; draw < 25; ++draw) cases.push_back(random_alliance(rng, 6, draw % 2 == 0));
  for (const auto& alliance : cases) {
    const std::size_t n = alliance.player_count();
    const auto partial = verify_truthful_set(alliance, std::vector<bool>(n, true));
    const auto full = verify_truth_telling(alliance);
    EXPECT_EQ(partial.gain, full.gain);
    EXPECT_EQ(partial.breakdown, full.breakdown);
    EXPECT_EQ(partial.equilibrium, full.fully_revealing);
    EXPECT_EQ(partial.worst_player, full.worst_player);
    EXPECT_EQ(partial.worst_signal, full.worst_signal);
    EXPECT_EQ(partial.witness_deviation, full.witness_deviation);
    EXPECT_EQ(partial.witness_truthful, full.witness_truthful);
  }
  // Spec §4.4 through the partial verifier.
  const auto counterexample =
      verify_truthful_set(necessity_counterexample(), std::vector<bool>(6, true));
  EXPECT_EQ(counterexample.gain[5][0], q(-17203, 1473746400));
  EXPECT_EQ(counterexample.gain[0][1], q(-4861901, 2947492800));
}

TEST(AlliancePartialTruth, GainsMatchBruteForceOverBabblerSignals) {
  Rng rng = make_rng(7202);
  std::size_t sets = 0;
  std::size_t with_spread_change = 0;
  for (int draw = 0; draw < 10; ++draw) {
    const auto alliance = random_alliance(rng, 5, draw % 3 != 0);
    const std::size_t n = alliance.player_count();
    for (unsigned mask = 1; mask + 1 < (1U << n); ++mask) {
      const auto truthful = set_of(mask, n);
      const auto check = verify_truthful_set(alliance, truthful);
      bool any_positive = false;
      for (std::size_t i = 0; i < n; ++i) {
        if (!truthful[i]) {
          EXPECT_EQ(check.gain[i][0], 0);
          EXPECT_TRUE(check.breakdown[i][0].empty());
          continue;
        }
        for (const long s : {0L, 1L}) {
          const Rational expected = brute_force_gain(alliance, truthful, check.continuation, i, s);
          EXPECT_EQ(check.gain[i][static_cast<std::size_t>(s)], expected)
              << "draw " << draw << " mask " << mask << " player " << i << " s " << s;
          any_positive = any_positive || expected > 0;
        }
      }
      EXPECT_EQ(check.equilibrium, !any_positive);
      // Babblers' spreads differ across k once a bound binds: the variance
      // terms then do not cancel.
      const auto& first = check.continuation.front();
      for (const auto& c : check.continuation) {
        if (c.spread_squares != first.spread_squares) {
          ++with_spread_change;
          break;
        }
      }
      ++sets;
    }
  }
  EXPECT_GT(sets, 100U);
  EXPECT_GT(with_spread_change, 20U);
}

TEST(AlliancePartialTruth, SectionFiveOneWithTwoBabblers) {
  // Spec §4.3's alliance, η = 1/2, T = {1,2}. Without bounds every truthful set
  // is an equilibrium (the babblers' spread 1/(1+h) is the same at every k, so
  // all gains are exactly 0). With [0,1] boxes, at k = 2 the most hawkish
  // babbler (c_4 = 1/5) after s = 1 wants 3/4 + 1/5 + (1/4)(5/11) > 1 and is
  // capped; then player 1 (the dove, c_1 = −1/20) with s = 1 gains from
  // reporting 0: T = {1,2} is not an equilibrium.
  const auto wide = verify_truthful_set(with_boxes(section51(q(1, 2)), q(-10), q(10)),
                                        {true, true, false, false});
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(wide.gain[i][0], 0);
    EXPECT_EQ(wide.gain[i][1], 0);
  }
  EXPECT_TRUE(wide.equilibrium);
  const auto check = verify_truthful_set(section51(q(1, 2)), {true, true, false, false});
  const auto& top = check.continuation[2];
  EXPECT_EQ(top.method, PartialMethod::active_set);
  EXPECT_EQ(top.binding[3][1], Binding::upper);
  EXPECT_EQ(top.action[3][1], q(1));
  EXPECT_EQ(top.action[0][0], q(2051, 2876));
  EXPECT_EQ(top.action[1][0], q(1718, 2157));
  EXPECT_EQ(top.action[2][0], q(4621, 8628));
  EXPECT_EQ(top.action[2][1], q(8581, 8628));
  EXPECT_EQ(top.action[3][0], q(424, 719));
  EXPECT_EQ(check.gain[0][0], q(-496048319, 938284215000));
  EXPECT_EQ(check.gain[0][1], q(95347, 500418248));
  EXPECT_EQ(check.gain[1][0], q(-95347, 750627372));
  EXPECT_EQ(check.gain[1][1], q(-23820077, 1055569741875));
  EXPECT_FALSE(check.equilibrium);
  EXPECT_EQ(check.worst_player, 0U);
  EXPECT_EQ(check.worst_signal, 1);
  EXPECT_EQ(check.worst_gain, q(95347, 500418248));
}

TEST(AlliancePartialTruth, WideBoxesMakeEverySetAnEquilibrium) {
  Rng rng = make_rng(7203);
  for (int draw = 0; draw < 8; ++draw) {
    const auto alliance = with_boxes(random_alliance(rng, 5, false), q(-100), q(100));
    const std::size_t n = alliance.player_count();
    for (unsigned mask = 0; mask < (1U << n); ++mask) {
      const auto check = verify_truthful_set(alliance, set_of(mask, n));
      EXPECT_TRUE(check.equilibrium);
      EXPECT_EQ(check.worst_gain, 0);
    }
  }
}

TEST(AlliancePartialTruth, BabblingIsAlwaysAnEquilibrium) {
  const auto check =
      verify_truthful_set(necessity_counterexample(q(3, 50)), std::vector<bool>(6, false));
  EXPECT_TRUE(check.equilibrium);
  EXPECT_EQ(check.truthful_count, 0U);
  EXPECT_EQ(check.continuation.size(), 1U);
  EXPECT_TRUE(check.witness_deviation.empty());
}

// ---------------------------------------------------------------------------
// Classification of all truthful sets.

TEST(AlliancePartialClassify, SymmetryMatchesPlainEnumeration) {
  Rng rng = make_rng(7301);
  std::vector<Alliance<Rational>> cases{necessity_counterexample(),
                                        necessity_counterexample(q(3, 50))};
  std::uniform_int_distribution<long> pick(0, 2);
  for (int draw = 0; draw < 6; ++draw) {
    // Biases from a pool of three values and two boxes: many equal players.
    const std::vector<Rational> pool{q(0), q(1, 25), q(3, 20)};
    std::vector<Rational> biases;
    for (std::size_t i = 0; i < 7; ++i) biases.push_back(pool[static_cast<std::size_t>(pick(rng))]);
    auto alliance = paper_alliance<Rational>(q(draw + 2, 10), biases);
    for (std::size_t i = 0; i < 7; i += 3) alliance.bounds[i] = {q(1, 10), q(9, 10)};
    cases.push_back(alliance);
  }
  for (const auto& alliance : cases) {
    const auto orbit = classify_truthful_sets(alliance);
    const auto plain = classify_truthful_sets(alliance, {.use_symmetry = false});
    EXPECT_EQ(orbit.equilibrium_sets, plain.equilibrium_sets);
    EXPECT_EQ(orbit.equilibria, plain.equilibria);
    EXPECT_EQ(orbit.equilibria_by_size, plain.equilibria_by_size);
    EXPECT_EQ(orbit.with_binding, plain.with_binding);
    EXPECT_EQ(orbit.binding_continuations, plain.binding_continuations);
    EXPECT_EQ(orbit.continuations, plain.continuations);
    EXPECT_EQ(plain.continuations, (alliance.player_count() + 2) << (alliance.player_count() - 1));
    EXPECT_EQ(plain.solved, plain.sets);
    EXPECT_LT(orbit.solved, plain.solved);
    EXPECT_EQ(orbit.equilibria, orbit.equilibrium_sets.size());
  }
  // The counterexample: 5 equal players and the hawk are 2 classes, 6·2 orbits.
  const auto counterexample = classify_truthful_sets(necessity_counterexample());
  EXPECT_EQ(counterexample.classes, 2U);
  EXPECT_EQ(counterexample.solved, 12U);
}

TEST(AlliancePartialClassify, EveryVerdictIsTheVerifiers) {
  Rng rng = make_rng(7302);
  for (int draw = 0; draw < 6; ++draw) {
    const auto alliance = random_alliance(rng, 6, draw % 2 == 1);
    const std::size_t n = alliance.player_count();
    const auto result = classify_truthful_sets(alliance);
    EXPECT_EQ(result.sets, 1U << n);
    std::uint64_t total = 0;
    for (std::size_t t = 0; t <= n; ++t) total += result.sets_by_size[t];
    EXPECT_EQ(total, result.sets);
    EXPECT_EQ(result.equilibria_by_size[0], 1U);  // babbling
    for (unsigned mask = 0; mask < (1U << n); ++mask) {
      const bool listed =
          std::binary_search(result.equilibrium_sets.begin(), result.equilibrium_sets.end(), mask);
      EXPECT_EQ(listed, verify_truthful_set(alliance, set_of(mask, n)).equilibrium) << mask;
    }
    const bool full = std::binary_search(result.equilibrium_sets.begin(),
                                         result.equilibrium_sets.end(), (1U << n) - 1);
    EXPECT_EQ(full, verify_truth_telling(alliance).fully_revealing);
    // Double mode reaches the same verdicts here.
    const auto approx = classify_truthful_sets(to_double_alliance(alliance));
    EXPECT_EQ(approx.equilibrium_sets, result.equilibrium_sets);
  }
}

TEST(AlliancePartialClassify, RefusesBeyondTheCapAndHonoursTheTimeLimit) {
  std::vector<Rational> many(kMaxClassifiedPlayers + 1, q(0));
  many.back() = q(1, 10);
  const auto big = paper_alliance<Rational>(q(1, 10), many);
  EXPECT_EQ(input_error([&] { classify_truthful_sets(big); }).pointer(), "/biases");
  std::vector<Rational> spread;
  for (long i = 0; i < 12; ++i) spread.push_back(q(i, 400));
  Progress progress(Progress::Options{.time_limit_seconds = 0.0});
  EXPECT_THROW(classify_truthful_sets(paper_alliance<Rational>(q(1, 5), spread), {}, &progress),
               TimeLimitExceeded);
}

}  // namespace
}  // namespace mechlab::alliance
