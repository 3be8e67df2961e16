#include "mechlab/infosize/replica.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

#include "mechlab/core/certified_real.hpp"
#include "mechlab/core/error.hpp"
#include "mechlab/core/progress.hpp"
#include "support.hpp"

namespace mechlab::infosize {
namespace {

using test::q;

// --- Brute force over the dense 2^n signal distribution -----------------------
// Independent of replica.cpp: builds Q(θ, profile) for every profile and applies
// the definitions (Def. 3 and §3.5 of the spec) literally, per agent and pair.

// Bit i of a profile is agent i's signal: 0 = a1, 1 = a2.
struct Dense {
  std::size_t n = 0;
  std::vector<Rational> joint;  // Q(θ, t) at θ·2^n + t
};

Dense dense_section2(const Rational& rho, std::size_t n) {
  Dense dense{n, std::vector<Rational>(std::size_t{2} << n)};
  const std::size_t profiles = std::size_t{1} << n;
  for (std::size_t theta = 0; theta < 2; ++theta) {
    for (std::size_t t = 0; t < profiles; ++t) {
      Rational p = q(1, 2);
      for (std::size_t i = 0; i < n; ++i) {
        const bool matches = ((t >> i) & 1U) == theta;  // a1 under θ1 or a2 under θ2
        p *= matches ? rho : 1 - rho;
      }
      dense.joint[theta * profiles + t] = p;
    }
  }
  return dense;
}

struct DenseMeasure {
  Rational nu;
  Rational expected_move;
  CertifiedReal lambda;
  std::vector<CertifiedReal> norms;  // by signal
};

// Inserts agent i's signal s into the others' profile `others` (bits without i).
std::size_t with_signal(std::size_t others, std::size_t i, std::size_t s) {
  const std::size_t low = others & ((std::size_t{1} << i) - 1);
  const std::size_t high = others >> i;
  return low | (s << i) | (high << (i + 1));
}

DenseMeasure dense_measure(const Dense& dense, std::size_t i) {
  const std::size_t profiles = std::size_t{1} << dense.n;
  const std::size_t others = profiles / 2;
  auto q_a = [&](std::size_t t) { return Rational(dense.joint[t] + dense.joint[profiles + t]); };
  auto posterior = [&](std::size_t theta, std::size_t t) {
    return Rational(dense.joint[theta * profiles + t] / q_a(t));
  };
  // Beliefs q_s(a_{-i}) = Q_A(a_{-i}, s) / Q_{A_i}(s).
  std::vector<std::vector<Rational>> belief(2, std::vector<Rational>(others));
  for (std::size_t s = 0; s < 2; ++s) {
    Rational marginal;
    for (std::size_t o = 0; o < others; ++o) marginal += q_a(with_signal(o, i, s));
    for (std::size_t o = 0; o < others; ++o) belief[s][o] = q_a(with_signal(o, i, s)) / marginal;
  }
  DenseMeasure out;
  for (std::size_t truth = 0; truth < 2; ++truth) {
    const std::size_t lie = 1 - truth;
    std::vector<Rational> d(others);
    Rational expected;
    for (std::size_t o = 0; o < others; ++o) {
      for (std::size_t theta = 0; theta < 2; ++theta) {
        d[o] += abs(posterior(theta, with_signal(o, i, truth)) -
                    posterior(theta, with_signal(o, i, lie)));
      }
      expected += belief[truth][o] * d[o];
    }
    auto g = [&](const Rational& epsilon) {
      Rational mass;
      for (std::size_t o = 0; o < others; ++o) {
        if (d[o] > epsilon) mass += belief[truth][o];
      }
      return mass;
    };
    // ν = min{ε >= 0 : g(ε) <= ε}; the minimum is 0, a distance, or a value of g.
    std::vector<Rational> candidates = {Rational(0), g(Rational(0))};
    for (const Rational& x : d) {
      candidates.push_back(x);
      candidates.push_back(g(x));
    }
    Rational nu = 2;
    for (const Rational& c : candidates) {
      if (g(c) <= c) nu = std::min(nu, c);
    }
    out.nu = std::max(out.nu, nu);
    out.expected_move = std::max(out.expected_move, expected);
  }
  Rational n0;
  Rational n1;
  Rational dot;
  for (std::size_t o = 0; o < others; ++o) {
    n0 += belief[0][o] * belief[0][o];
    n1 += belief[1][o] * belief[1][o];
    dot += belief[0][o] * belief[1][o];
  }
  out.lambda = CertifiedReal(2) - CertifiedReal(2 * dot) / CertifiedReal::sqrt(n0 * n1);
  out.norms = {CertifiedReal::sqrt(n0), CertifiedReal::sqrt(n1)};
  return out;
}

TEST(Replica, AgreesWithTheDenseDefinitionsForTwoToTenAgents) {
  for (const Rational& rho : {q(9, 10), q(7, 10), q(3, 5)}) {
    for (std::size_t n = 2; n <= 10; ++n) {
      SCOPED_TRACE(testing::Message() << "rho = " << to_string(rho) << ", n = " << n);
      const ReplicaPoint point = replica_point(rho, n);
      const Dense dense = dense_section2(rho, n);
      // Every agent, not only one: the aggregation relies on exchangeability.
      for (std::size_t i = 0; i < n; i += (n <= 6 ? 1 : n - 1)) {
        const DenseMeasure brute = dense_measure(dense, i);
        EXPECT_EQ(point.nu, brute.nu);
        EXPECT_EQ(point.expected_move, brute.expected_move);
        ASSERT_TRUE(brute.lambda.rational().has_value());
        EXPECT_EQ(point.lambda, *brute.lambda.rational());
        EXPECT_EQ(compare(point.norm, brute.norms[0]), 0);
        EXPECT_EQ(compare(point.norm, brute.norms[1]), 0);
      }
    }
  }
}

// --- Spec values ---------------------------------------------------------------

TEST(Replica, ThreeAgentsMatchTheSection2ClosedForms) {
  const ReplicaPoint nine = replica_point(q(9, 10), 3);
  EXPECT_EQ(nine.nu, q(72, 365));
  EXPECT_EQ(nine.lambda, q(2048, 1393));
  // D² + 3r² = 0.73² + 3·0.09² = 0.5572 (§4.1), so ‖q‖₂ = √1393/50.
  EXPECT_EQ(nine.norm.exact_text(), "1/50*sqrt(1393)");
  EXPECT_NEAR(nine.expected_move.get_d(), 0.4497534247, 1e-10);     // TV2
  EXPECT_NEAR(nine.power.to_double(), 0.5487245539, 1e-10);         // TV2 S_i
  EXPECT_NEAR(nine.eps_ref.to_double() * 10, 49.1780535213, 1e-9);  // TV2, M = 10
  EXPECT_NEAR(nine.eps_paper.to_double() * 10, 136.618115, 1e-6);   // TV2, M = 10
  EXPECT_TRUE(nine.eps_ref.exact());
  EXPECT_TRUE(nine.eps_paper.exact());

  const ReplicaPoint seven = replica_point(q(7, 10), 3);
  EXPECT_EQ(seven.nu, q(84, 185));
  EXPECT_EQ(seven.lambda, q(128, 673));
  EXPECT_NEAR(seven.expected_move.get_d(), 0.5993513514, 1e-10);  // TV3
  EXPECT_NEAR(seven.power.to_double(), 0.0493403740, 1e-10);      // TV3
  EXPECT_NEAR(seven.eps_ref.to_double() * 10, 728.8368151908, 1e-8);
  EXPECT_NEAR(seven.eps_paper.to_double() * 10, 2430.861115, 1e-5);
}

struct Tv6Row {
  long rho_num;
  long rho_den;
  std::size_t n;
  double nu, lambda, norm, expected_move, eps_ref, eps_paper;
};

// Spec §4.6, as printed (six significant digits).
const std::vector<Tv6Row>& tv6() {
  static const std::vector<Tv6Row> rows = {
      {9, 10, 2, 0.97561, 1.16232, 0.839524, 0.97561, 7.99851, 40.2896},
      {9, 10, 3, 0.19726, 1.47021, 0.746458, 0.449753, 4.91781, 13.6618},
      {9, 10, 4, 0.27, 1.54089, 0.67318, 0.280997, 4.33431, 33.643},
      {9, 10, 5, 0.19726, 1.55656, 0.609039, 0.137767, 2.90646, 43.0131},
      {9, 10, 6, 0.081, 1.56001, 0.551399, 0.0871142, 2.43057, 29.9076},
      {9, 10, 8, 0.025515, 1.56093, 0.452123, 0.0279972, 1.26948, 25.1075},
      {9, 10, 10, 0.0240855, 1.56097, 0.37074, 0.00919519, 0.635559, 59.2503},
      {9, 10, 20, 3.01022e-4, 1.56098, 0.137448, 4.1092e-5, 0.0153219, 47.3929},
      {9, 10, 30, 1.00916e-5, 1.56098, 0.0509575, 2.06243e-7, 3.11141e-4, 76.2635},
      {3, 4, 3, 0.428571, 0.421053, 0.544862, 0.642857, 33.6258, 103.642},
      {3, 4, 10, 0.17561, 0.787178, 0.0956553, 0.174224, 92.5523, 856.657},
      {3, 4, 20, 0.0769728, 0.799922, 0.00909511, 0.0326008, 358.478, 23648.4},
      {3, 4, 30, 0.0216505, 0.8, 8.67362e-4, 0.00660917, 1142.98, 319250},
      {3, 5, 3, 0.4, 0.0127389, 0.501199, 0.370286, 695.95, 3197.25},
      {3, 5, 10, 0.384615, 0.0545083, 0.045769, 0.2903, 4654.5, 27095.4},
      {3, 5, 30, 0.285488, 0.12722, 5.73962e-5, 0.159757, 2.62545e6, 2.6472e7},
  };
  return rows;
}

void expect_relative(double actual, double expected, const char* what) {
  EXPECT_LE(std::fabs(actual - expected), 1e-5 * std::fabs(expected))
      << what << ": " << actual << " against the spec's " << expected;
}

TEST(Replica, EveryTv6RowReproducesToThePrintedPrecision) {
  for (const Tv6Row& row : tv6()) {
    SCOPED_TRACE(testing::Message()
                 << "rho = " << row.rho_num << "/" << row.rho_den << ", n = " << row.n);
    const ReplicaPoint p = replica_point(q(row.rho_num, row.rho_den), row.n);
    expect_relative(p.nu.get_d(), row.nu, "nu");
    expect_relative(p.lambda.get_d(), row.lambda, "lambda");
    expect_relative(p.norm.to_double(), row.norm, "norm");
    expect_relative(p.expected_move.get_d(), row.expected_move, "E");
    expect_relative(p.eps_ref.to_double(), row.eps_ref, "eps_ref");
    expect_relative(p.eps_paper.to_double(), row.eps_paper, "eps_paper");
  }
}

TEST(Replica, LambdaRisesTowardsItsLimit) {
  EXPECT_EQ(replica_lambda_limit(q(9, 10)), q(128, 82));
  EXPECT_EQ(replica_lambda_limit(q(3, 4)), q(4, 5));
  for (const Rational& rho : {q(9, 10), q(3, 4), q(3, 5)}) {
    SCOPED_TRACE(to_string(rho));
    const Rational limit = replica_lambda_limit(rho);
    const std::vector<ReplicaPoint> sweep = replica_sweep(rho, 2, 30);
    ASSERT_EQ(sweep.size(), 29U);
    for (std::size_t j = 0; j < sweep.size(); ++j) {
      EXPECT_EQ(sweep[j].n, j + 2);
      EXPECT_LT(sweep[j].lambda, limit);
      if (j > 0) EXPECT_GT(sweep[j].lambda, sweep[j - 1].lambda);
    }
    // Accurate signals are there by n = 30 (noisy ones, ρ = 3/5, converge slowly).
    if (rho >= q(3, 4)) EXPECT_LT(to_double(Rational((limit - sweep.back().lambda) / limit)), 1e-6);
  }
}

TEST(Replica, InformationalSizeEventuallyShrinksAndThePaperScaleGrows) {
  const std::vector<ReplicaPoint> sweep = replica_sweep(q(9, 10), 2, 40);
  EXPECT_LT(sweep.back().nu, q(1, 1000000));
  // ν ≤ 1, E ≤ 3ν (spec §3.4) and ε_ref ≤ ε_paper (spec §3.9) at every n.
  for (const ReplicaPoint& p : sweep) {
    EXPECT_LE(p.nu, 1);
    EXPECT_LE(p.expected_move, 3 * p.nu);
    EXPECT_EQ(compare(p.eps_ref, p.eps_paper), -1);
  }
  EXPECT_GT(sweep.back().eps_paper.to_double(), sweep[28].eps_paper.to_double());
}

TEST(Replica, TiesAtEvenNAreHandledByTheCountsThemselves) {
  // n = 4, ρ = 9/10: two a1 signals out of four give the posterior ½. The lie
  // a1→a2 moves a count of 3 to the tie (others k = 2) or the tie to 1 (k = 1):
  // d = 2(81/82 − ½) = 40/41 on belief mass 0.2214 + 0.0486 = 27/100, and the
  // unanimous-side moves are tiny (d ≈ 0.024), so ν = 27/100.
  EXPECT_EQ(replica_point(q(9, 10), 4).nu, q(27, 100));
}

TEST(Replica, SweepAndLargePointsHonourCancelAndTimeLimit) {
  Progress cancelled;
  cancelled.cancel();
  EXPECT_THROW(replica_sweep(q(9, 10), 2, 5, cancelled), Cancelled);
  // Checked inside one point too: n = kReplicaMaxAgents alone takes ~0.5 s.
  Progress expired(Progress::Options{.time_limit_seconds = 0.0});
  EXPECT_THROW(replica_point(q(9, 10), kReplicaMaxAgents, expired), TimeLimitExceeded);
}

TEST(Replica, RejectsInvalidAccuracyAndAgentCounts) {
  for (const Rational& rho : {q(1, 2), q(1), q(1, 3), q(0), q(3, 2)}) {
    EXPECT_EQ(test::input_error([&] { replica_point(rho, 3); }).pointer(), "/rho");
    EXPECT_EQ(test::input_error([&] { replica_sweep(rho, 2, 3); }).pointer(), "/rho");
    EXPECT_THROW(replica_lambda_limit(rho), InputError);
  }
  EXPECT_EQ(test::input_error([] { replica_point(q(9, 10), 1); }).pointer(), "/n");
  EXPECT_EQ(test::input_error([] { replica_point(q(9, 10), kReplicaMaxAgents + 1); }).pointer(),
            "/n");
  EXPECT_EQ(test::input_error([] { replica_sweep(q(9, 10), 0, 5); }).pointer(), "/n_min");
  EXPECT_EQ(test::input_error([] { replica_sweep(q(9, 10), 2, 1); }).pointer(), "/n_max");
  EXPECT_EQ(test::input_error([] { replica_sweep(q(9, 10), 6, 5); }).pointer(), "/n_max");
  EXPECT_EQ(test::input_error([] { replica_sweep(q(9, 10), 2, kReplicaMaxAgents + 1); }).pointer(),
            "/n_max");
}

}  // namespace
}  // namespace mechlab::infosize
