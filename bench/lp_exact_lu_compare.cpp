// A measurement behind the performance note in bench/README.md: how much of the
// exact certificate is avoidable gcd work of mpq arithmetic.
//
//   lp_exact_lu_compare M N SEED
//
// Builds random_bounded(M, N, SEED), takes Clp's optimal basis and times
//   (1) lp::evaluate_basis on the LinearProgram<Rational> (mechlab's exact part:
//       dense LU over mpq_class, then B x_B = b and B' y = c_B, then the checks);
//   (2) the same two basis solves done fraction-free (Bareiss elimination over
//       mpz_class with exact divisions, no gcd until the final x = num / det),
//       on the basis matrix and right-hand sides rebuilt here the way
//       exact_basis.cpp builds them;
// and checks that (2) gives exactly the same x_B and y as (1). This is a
// prototype for comparison only; nothing in src/ uses it.
#include <gmpxx.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <vector>

#include "mechlab/lp/clp_backend.hpp"
#include "mechlab/lp/exact_basis.hpp"
#include "mechlab/lp/instances.hpp"

namespace {

using mechlab::Rational;
namespace lp = mechlab::lp;
using Clock = std::chrono::steady_clock;
using IntMatrix = std::vector<std::vector<mpz_class>>;

double since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

// Solves A x = b (A square, integer; b rational) fraction-free. Each row of
// [A | b] is first scaled by the lcm of the denominators of its b entry (A is
// integer here), then Bareiss elimination keeps every entry an integer minor,
// and back substitution computes det * x exactly by divisions that are exact.
// Returns nullopt when A is singular.
std::optional<std::vector<Rational>> bareiss_solve(IntMatrix a, const std::vector<Rational>& b) {
  const std::size_t n = a.size();
  std::vector<mpz_class> rhs(n);
  for (std::size_t i = 0; i < n; ++i) {
    const mpz_class& d = b[i].get_den();
    if (d != 1) {
      for (auto& v : a[i]) v *= d;
    }
    rhs[i] = b[i].get_num();
  }
  mpz_class prev = 1;
  mpz_class t;
  for (std::size_t k = 0; k < n; ++k) {
    // Pivot: the nonzero with the fewest limbs in column k.
    std::size_t p = n;
    std::size_t best = 0;
    for (std::size_t i = k; i < n; ++i) {
      if (sgn(a[i][k]) == 0) continue;
      const std::size_t size = mpz_size(a[i][k].get_mpz_t());
      if (p == n || size < best) {
        p = i;
        best = size;
      }
    }
    if (p == n) return std::nullopt;
    std::swap(a[k], a[p]);
    std::swap(rhs[k], rhs[p]);
    const mpz_class& piv = a[k][k];
    for (std::size_t i = k + 1; i < n; ++i) {
      const mpz_class f = a[i][k];
      const bool fz = sgn(f) == 0;
      for (std::size_t j = k + 1; j < n; ++j) {
        // a_ij = (piv a_ij - f a_kj) / prev, an exact division (Sylvester).
        mpz_mul(t.get_mpz_t(), piv.get_mpz_t(), a[i][j].get_mpz_t());
        if (!fz) mpz_submul(t.get_mpz_t(), f.get_mpz_t(), a[k][j].get_mpz_t());
        mpz_divexact(a[i][j].get_mpz_t(), t.get_mpz_t(), prev.get_mpz_t());
      }
      mpz_mul(t.get_mpz_t(), piv.get_mpz_t(), rhs[i].get_mpz_t());
      if (!fz) mpz_submul(t.get_mpz_t(), f.get_mpz_t(), rhs[k].get_mpz_t());
      mpz_divexact(rhs[i].get_mpz_t(), t.get_mpz_t(), prev.get_mpz_t());
      a[i][k] = 0;
    }
    prev = piv;
  }
  // U y = det * rhs with y = det * x integer (Cramer): divisions are exact.
  const mpz_class det = a[n - 1][n - 1];
  std::vector<mpz_class> y(n);
  for (std::size_t i = n; i-- > 0;) {
    mpz_mul(t.get_mpz_t(), det.get_mpz_t(), rhs[i].get_mpz_t());
    for (std::size_t j = i + 1; j < n; ++j) {
      mpz_submul(t.get_mpz_t(), a[i][j].get_mpz_t(), y[j].get_mpz_t());
    }
    mpz_divexact(y[i].get_mpz_t(), t.get_mpz_t(), a[i][i].get_mpz_t());
  }
  std::vector<Rational> x(n);
  for (std::size_t i = 0; i < n; ++i) {
    x[i] = Rational(y[i], det);
    x[i].canonicalize();
  }
  return x;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: %s M N SEED\n", argv[0]);
    return 2;
  }
  const int m_in = std::atoi(argv[1]);
  const int n_in = std::atoi(argv[2]);
  const auto seed = static_cast<std::uint64_t>(std::strtoull(argv[3], nullptr, 10));
  const lp::LinearProgram<Rational> program = lp::instances::random_bounded(m_in, n_in, seed);
  const lp::ClpOutcome clp = lp::solve_with_clp(lp::to_double(program));
  if (clp.status != lp::ClpStatus::optimal) {
    std::fprintf(stderr, "Clp did not find an optimum\n");
    return 1;
  }

  auto t0 = Clock::now();
  const lp::BasisEvaluation<Rational> ev = lp::evaluate_basis(program, clp.basis);
  const double mpq_seconds = since(t0);

  // Rebuild the basis system exactly as exact_basis.cpp does.
  t0 = Clock::now();
  const std::size_t n = program.columns.size();
  const std::size_t m = program.rows.size();
  std::vector<std::size_t> pos_col(n, n);
  std::vector<std::size_t> pos_row(m, m);
  std::vector<Rational> x(n, Rational(0));
  std::size_t k = 0;
  for (std::size_t j = 0; j < n; ++j) {
    if (clp.basis.columns[j] == lp::VarStatus::basic) {
      pos_col[j] = k++;
    } else {
      x[j] = clp.basis.columns[j] == lp::VarStatus::at_upper ? *program.columns[j].upper
                                                             : *program.columns[j].lower;
    }
  }
  std::vector<Rational> rhs;
  std::size_t tight = 0;
  for (std::size_t r = 0; r < m; ++r) {
    if (clp.basis.rows[r] == lp::VarStatus::basic) continue;
    const auto& row = program.rows[r];
    Rational b = clp.basis.rows[r] == lp::VarStatus::at_upper ? *row.upper : *row.lower;
    for (const auto& t : row.terms) {
      if (pos_col[t.column] == n) b -= t.coefficient * x[t.column];
    }
    pos_row[r] = tight++;
    rhs.push_back(b);
  }
  if (tight != k) {
    std::fprintf(stderr, "basis is not square (%zu x %zu)\n", tight, k);
    return 1;
  }
  IntMatrix basis(k, std::vector<mpz_class>(k));
  IntMatrix basis_t(k, std::vector<mpz_class>(k));
  for (std::size_t r = 0; r < m; ++r) {
    if (pos_row[r] == m) continue;
    for (const auto& t : program.rows[r].terms) {
      if (pos_col[t.column] == n) continue;
      if (t.coefficient.get_den() != 1) {
        std::fprintf(stderr, "non-integer coefficient: this prototype needs integer A\n");
        return 1;
      }
      basis[pos_row[r]][pos_col[t.column]] = t.coefficient.get_num();
      basis_t[pos_col[t.column]][pos_row[r]] = t.coefficient.get_num();
    }
  }
  std::vector<Rational> cb(k);
  for (std::size_t j = 0; j < n; ++j) {
    if (pos_col[j] == n) continue;
    const Rational& c = program.columns[j].objective;
    cb[pos_col[j]] = program.sense == lp::Sense::maximize ? Rational(-c) : c;
  }
  const double setup_seconds = since(t0);

  t0 = Clock::now();
  const auto xb = bareiss_solve(basis, rhs);
  const double primal_seconds = since(t0);
  t0 = Clock::now();
  const auto yb = bareiss_solve(basis_t, cb);
  const double dual_seconds = since(t0);

  bool same = ev.solved && xb && yb;
  if (same) {
    for (std::size_t j = 0; j < n && same; ++j) {
      if (pos_col[j] != n && (*xb)[pos_col[j]] != ev.x[j]) same = false;
    }
    for (std::size_t r = 0; r < m && same; ++r) {
      if (pos_row[r] != m && (*yb)[pos_row[r]] != ev.y[r]) same = false;
    }
  }
  std::printf(
      "m=%d n=%d seed=%llu basis_dim=%zu evaluate_basis_mpq_seconds=%.3f "
      "bareiss_setup_seconds=%.3f bareiss_primal_seconds=%.3f bareiss_dual_seconds=%.3f "
      "bareiss_total_seconds=%.3f same_solution=%d\n",
      m_in, n_in, static_cast<unsigned long long>(seed), k, mpq_seconds, setup_seconds,
      primal_seconds, dual_seconds, setup_seconds + primal_seconds + dual_seconds, same ? 1 : 0);
  return same ? 0 : 1;
}
