// One certified solve of instances::random_bounded(m, n, seed), for the size
// search in bench/lp_certificate_ratio.py.
//
//   lp_size_probe M N SEED [TIME_LIMIT_SECONDS]
//
// Prints one line of key=value pairs:
//   m n seed nonzeros build_seconds clp_seconds seconds cpu_seconds status
//   certified timed_out basis_dim x_den_bits peak_rss_kib
// where clp_seconds is a separate Clp-only solve of the same programme (run
// first, for the breakdown), seconds is the wall time of lp::solve on the
// LinearProgram<Rational> (Clp + exact certificate), cpu_seconds its CPU
// time (the programme is single-threaded), and peak_rss_kib is the
// process's peak resident set (getrusage ru_maxrss) after everything. With a
// time limit the solve is stopped by mechlab's own Progress limit
// (TimeLimitExceeded), reported as timed_out=1.
#include <gmp.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>

#include "mechlab/core/error.hpp"
#include "mechlab/core/progress.hpp"
#include "mechlab/lp/certified_solve.hpp"
#include "mechlab/lp/clp_backend.hpp"
#include "mechlab/lp/instances.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

// CPU time of this (single-threaded) process: unlike wall time, not inflated
// when other processes compete for the 2 cores.
double cpu_seconds() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

long peak_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;  // KiB on Linux
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4 || argc > 5) {
    std::fprintf(stderr, "usage: %s M N SEED [TIME_LIMIT_SECONDS]\n", argv[0]);
    return 2;
  }
  const int m = std::atoi(argv[1]);
  const int n = std::atoi(argv[2]);
  const auto seed = static_cast<std::uint64_t>(std::strtoull(argv[3], nullptr, 10));
  std::optional<double> limit;
  if (argc == 5) limit = std::atof(argv[4]);
  namespace lp = mechlab::lp;

  auto t0 = Clock::now();
  const lp::LinearProgram<mechlab::Rational> program = lp::instances::random_bounded(m, n, seed);
  const double build_seconds = since(t0);

  t0 = Clock::now();
  const lp::ClpOutcome clp = lp::solve_with_clp(lp::to_double(program));
  const double clp_seconds = since(t0);

  mechlab::Progress progress(mechlab::Progress::Options{limit, false});
  std::string status = "not_solved";
  bool certified = false;
  bool timed_out = false;
  std::size_t basis_dim = 0;
  std::size_t den_bits = 0;
  t0 = Clock::now();
  const double cpu0 = cpu_seconds();
  try {
    const lp::LpResult<mechlab::Rational> result = lp::solve(program, progress);
    switch (result.status) {
      case lp::SolveStatus::optimal: status = "optimal"; break;
      case lp::SolveStatus::infeasible: status = "infeasible"; break;
      case lp::SolveStatus::unbounded: status = "unbounded"; break;
      case lp::SolveStatus::not_solved: status = "not_solved"; break;
    }
    certified = result.certified;
    basis_dim = static_cast<std::size_t>(
        std::count(result.basis.columns.begin(), result.basis.columns.end(), lp::VarStatus::basic));
    for (const auto& v : result.x) {
      den_bits = std::max(den_bits, mpz_sizeinbase(v.get_den_mpz_t(), 2));
    }
  } catch (const mechlab::TimeLimitExceeded&) {
    timed_out = true;
    status = "time_limit";
  }
  const double seconds = since(t0);
  const double solve_cpu_seconds = cpu_seconds() - cpu0;

  std::printf(
      "m=%d n=%d seed=%llu nonzeros=%zu build_seconds=%.3f clp_seconds=%.3f seconds=%.3f "
      "cpu_seconds=%.3f "
      "status=%s certified=%d timed_out=%d basis_dim=%zu x_den_bits=%zu peak_rss_kib=%ld\n",
      m, n, static_cast<unsigned long long>(seed), program.nonzeros(), build_seconds, clp_seconds,
      seconds, solve_cpu_seconds, status.c_str(), certified ? 1 : 0, timed_out ? 1 : 0, basis_dim,
      den_bits, peak_rss_kib());
  (void)clp;
  return 0;
}
