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

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>

#include "mechlab/core/error.hpp"
#include "mechlab/core/progress.hpp"
#include "mechlab/lp/certified_solve.hpp"
#include "mechlab/lp/clp_backend.hpp"
#include "mechlab/lp/instances.hpp"
#include "probe_timing.hpp"

using mechlab::bench::Clock;
using mechlab::bench::cpu_now;
using mechlab::bench::peak_rss_kib;
using mechlab::bench::seconds_since;

namespace {

int run(int argc, char** argv) {
  CLI::App app{"One certified solve of lp::instances::random_bounded(M, N, SEED)."};
  int m = 0;
  int n = 0;
  std::uint64_t seed = 0;
  std::optional<double> limit;
  app.add_option("M", m, "rows")->required();
  app.add_option("N", n, "columns")->required();
  app.add_option("SEED", seed)->required();
  app.add_option("TIME_LIMIT_SECONDS", limit, "stop the solve (Progress limit)");
  CLI11_PARSE(app, argc, argv);
  namespace lp = mechlab::lp;

  auto t0 = Clock::now();
  const lp::LinearProgram<mechlab::Rational> program = lp::instances::random_bounded(m, n, seed);
  const double build_seconds = seconds_since(t0);

  t0 = Clock::now();
  const lp::ClpOutcome clp = lp::solve_with_clp(lp::to_double(program));
  const double clp_seconds = seconds_since(t0);

  mechlab::Progress progress(mechlab::Progress::Options{limit, false});
  std::string status = "not_solved";
  bool certified = false;
  bool timed_out = false;
  std::size_t basis_dim = 0;
  std::size_t den_bits = 0;
  t0 = Clock::now();
  const double cpu0 = cpu_now();
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
  const double seconds = seconds_since(t0);
  const double solve_cpu_seconds = cpu_now() - cpu0;

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

}  // namespace

int main(int argc, char** argv) {
  return mechlab::bench::guarded_main("lp_size_probe", 1, [&] { return run(argc, argv); });
}
