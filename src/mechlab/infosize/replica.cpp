#include "mechlab/infosize/replica.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <utility>

#include "mechlab/core/error.hpp"

namespace mechlab::infosize {

namespace {

void check_rho(const Rational& rho) {
  if (rho <= Rational(1, 2) || rho >= 1) {
    throw InputError("/rho", "a signal accuracy strictly between 1/2 and 1", to_string(rho));
  }
}

void check_agents(const char* pointer, std::size_t n) {
  if (n < 2 || n > kReplicaMaxAgents) {
    throw InputError(pointer, fmt::format("a number of agents from 2 to {}", kReplicaMaxAgents),
                     std::to_string(n));
  }
}

// ν(lie, truth) from the points (d, m) of the others' count classes: the first
// crossing of g(ε) = Σ_{d > ε} m with the diagonal (spec §3.4). Classes with
// equal d must be merged, since g jumps by their joint mass.
Rational step_function_nu(std::vector<std::pair<Rational, Rational>> points) {
  std::sort(points.begin(), points.end(),
            [](const auto& x, const auto& y) { return x.first > y.first; });
  Rational best = points.front().first;  // j = 0: max(D_1, G_0 = 0)
  Rational cumulative;                   // G_j
  for (std::size_t p = 0; p < points.size();) {
    const Rational& level = points[p].first;
    for (; p < points.size() && points[p].first == level; ++p) cumulative += points[p].second;
    const Rational next = p < points.size() ? points[p].first : Rational(0);  // D_{j+1}
    best = std::min(best, std::max(next, cumulative));
  }
  return best;
}

}  // namespace

ReplicaPoint replica_point(const Rational& rho, std::size_t n, Progress& progress) {
  check_rho(rho);
  check_agents("/n", n);
  // ρ = a/q and 1 − ρ = b/q in integers, so every probability below is an
  // integer over a power of q.
  const mpz_class& a = rho.get_num();
  const mpz_class q = rho.get_den();
  const mpz_class b = q - a;
  std::vector<mpz_class> pa(n + 1, 1);
  std::vector<mpz_class> pb(n + 1, 1);
  for (std::size_t j = 1; j <= n; ++j) {
    pa[j] = pa[j - 1] * a;
    pb[j] = pb[j - 1] * b;
  }
  mpz_class qn;
  mpz_pow_ui(qn.get_mpz_t(), q.get_mpz_t(), n);

  // Posterior π(θ1 | K a1 signals among n) = a^K b^{n-K} / (a^K b^{n-K} + b^K a^{n-K});
  // K = n/2 gives ½ (a tie) by itself.
  std::vector<Rational> posterior(n + 1);
  for (std::size_t k = 0; k <= n; ++k) {
    const mpz_class up = pa[k] * pb[n - k];
    posterior[k] = Rational(up, up + pb[k] * pa[n - k]);
    posterior[k].canonicalize();
    progress.check();
  }

  // belief[s][k]·q^n = Q(a_{-i} | s) for one profile of the others with k a1
  // signals: ½(P(s|θ1)ρ^k(1−ρ)^{n−1−k} + P(s|θ2)(1−ρ)^kρ^{n−1−k}) / Q(s), Q(s) = ½.
  const std::size_t others = n - 1;
  std::array<std::vector<mpz_class>, 2> belief;
  for (std::size_t k = 0; k <= others; ++k) {
    belief[0].push_back(pa[k + 1] * pb[others - k] + pb[k + 1] * pa[others - k]);  // s = a1
    belief[1].push_back(pa[k] * pb[others - k + 1] + pb[k] * pa[others - k + 1]);  // s = a2
  }
  std::vector<mpz_class> binomial(others + 1);
  binomial[0] = 1;
  for (std::size_t k = 0; k < others; ++k) {
    mpz_divexact_ui(binomial[k + 1].get_mpz_t(), mpz_class(binomial[k] * (others - k)).get_mpz_t(),
                    k + 1);
  }

  // ‖q_s‖₂² and q_{a1}·q_{a2}, all over q^{2n}.
  std::array<mpz_class, 2> norm_squared;
  mpz_class dot;
  for (std::size_t k = 0; k <= others; ++k) {
    norm_squared[0] += binomial[k] * belief[0][k] * belief[0][k];
    norm_squared[1] += binomial[k] * belief[1][k] * belief[1][k];
    dot += binomial[k] * belief[0][k] * belief[1][k];
  }
  // The symmetry makes ‖q_{a1}‖ = ‖q_{a2}‖, hence Λ rational; checked, not assumed.
  if (norm_squared[0] != norm_squared[1]) {
    throw InternalError("replica_point: the two signals' beliefs have different norms");
  }

  ReplicaPoint point;
  point.n = n;
  Rational cosine(dot, norm_squared[0]);
  cosine.canonicalize();
  point.lambda = 2 * (1 - cosine);
  Rational norm2(norm_squared[0], mpz_class(qn * qn));
  norm2.canonicalize();
  point.norm = CertifiedReal::sqrt(norm2);

  // ν and E for truth s and lie 1 − s: the others' count k is a class of
  // C(n−1, k) profiles with a common belief and a common posterior move.
  for (std::size_t s = 0; s < 2; ++s) {
    std::vector<std::pair<Rational, Rational>> points;
    Rational expected;
    for (std::size_t k = 0; k <= others; ++k) {
      const std::size_t truth_count = k + (s == 0 ? 1 : 0);
      const std::size_t lie_count = k + (s == 0 ? 0 : 1);
      // ‖ρ − ρ'‖₁ over two states is twice the move of π(θ1).
      Rational d = 2 * abs(posterior[truth_count] - posterior[lie_count]);
      Rational m(binomial[k] * belief[s][k], qn);
      m.canonicalize();
      expected += m * d;  // the costly step: the sum's denominator grows to Θ(n²) bits
      points.emplace_back(std::move(d), std::move(m));
      progress.check();
    }
    point.nu = std::max(point.nu, step_function_nu(std::move(points)));
    point.expected_move = std::max(point.expected_move, expected);
  }

  // S and the scales (M = 1). Both lies share S because the norms are equal.
  point.power = CertifiedReal(point.lambda / 2) * point.norm;
  const auto nm = static_cast<long>(n);
  point.eps_ref = CertifiedReal(2 * nm * point.expected_move) / point.power;
  mpz_class size;  // |A| = 2^n
  mpz_ui_pow_ui(size.get_mpz_t(), 2, n);
  point.eps_paper =
      CertifiedReal(12 * nm * point.nu / point.lambda) * CertifiedReal::sqrt(Rational(size));
  return point;
}

std::vector<ReplicaPoint> replica_sweep(const Rational& rho, std::size_t n_min, std::size_t n_max,
                                        Progress& progress) {
  check_rho(rho);
  check_agents("/n_min", n_min);
  check_agents("/n_max", n_max);
  if (n_min > n_max) {
    throw InputError("/n_max", fmt::format("at least n_min = {}", n_min), std::to_string(n_max));
  }
  progress.start("replica sweep", n_max - n_min + 1);
  std::vector<ReplicaPoint> points;
  points.reserve(n_max - n_min + 1);
  for (std::size_t n = n_min; n <= n_max; ++n) {
    points.push_back(replica_point(rho, n, progress));
    progress.advance();
  }
  return points;
}

Rational replica_lambda_limit(const Rational& rho) {
  check_rho(rho);
  const Rational twice = 2 * rho - 1;
  return 2 * twice * twice / (rho * rho + (1 - rho) * (1 - rho));
}

}  // namespace mechlab::infosize
