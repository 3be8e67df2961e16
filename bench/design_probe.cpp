// One automated-design LP, timed in its parts, for bench/design_ratio.py.
//
//   design_probe K exact|float [TIME_LIMIT_SECONDS] [LP_FILE]
//
// The instance: a single item, 2 bidders with values uniform on {1, ..., K}
// (independent), outcome free (q(c|t) for c in {keep, to b1, to b2}), DSIC,
// ex post IR, maximise expected revenue. Rows: 2·K²·(K−1) DSIC + 2·K² IR +
// K² lotteries; columns 5·K². The optimum is Myerson's E[max(φ1, φ2, 0)] with
// φ(k) = 2k − K (printed as `expected` for a check).
//
// Prints one line of key=value pairs:
//   k mode rows columns nonzeros build_seconds write_seconds clp_seconds
//   solve_seconds status certified timed_out objective expected peak_rss_kib
// build_seconds: build_design_lp (the environment is prepared before);
// write_seconds: lp::to_cplex_lp + writing LP_FILE (when given);
// clp_seconds: a separate Clp-only solve of the programme in doubles;
// solve_seconds: lp::solve in the chosen number type (Clp + the exact
// certificate, or Clp + the float checks), stopped at TIME_LIMIT (timed_out=1).
#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <string>

#include "mechlab/core/error.hpp"
#include "mechlab/core/progress.hpp"
#include "mechlab/lp/certified_solve.hpp"
#include "mechlab/lp/clp_backend.hpp"
#include "mechlab/lp/lp_writer.hpp"
#include "mechlab/mechanism/design.hpp"
#include "probe_timing.hpp"

namespace {

using mechlab::bench::Clock;
using mechlab::bench::peak_rss_kib;
using mechlab::bench::seconds_since;
namespace lp = mechlab::lp;
namespace mech = mechlab::mechanism;
using mechlab::Rational;

template <class T>
mech::Problem<T> auction(int k) {
  mech::Environment<T> env;
  env.agents = {"b1", "b2"};
  env.alternatives = {"keep", "to b1", "to b2"};
  std::vector<std::string> labels;
  for (int v = 1; v <= k; ++v) labels.push_back(std::to_string(v));
  env.types = {labels, labels};
  const auto kk = static_cast<std::size_t>(k);
  env.prior.assign(kk * kk, T(1) / T(k * k));
  for (std::size_t i = 0; i < 2; ++i) {
    std::vector<T> v(3 * kk, T(0));
    for (std::size_t t = 0; t < kk; ++t) v[(i + 1) * kk + t] = T(static_cast<int>(t) + 1);
    env.values.push_back(std::move(v));
  }
  return mech::prepare(std::move(env));
}

double expected_revenue(int k) {
  double sum = 0;
  for (int a = 1; a <= k; ++a) {
    for (int b = 1; b <= k; ++b) sum += std::max({2 * a - k, 2 * b - k, 0});
  }
  return sum / (static_cast<double>(k) * k);
}

template <class T>
int run(int k, double limit, const std::string& lp_file) {
  const mech::Problem<T> problem = auction<T>(k);
  mech::DesignSpec<T> spec;
  spec.ic = mech::IcConstraint::dsic;
  spec.ir = mech::IrConstraint::ex_post;
  spec.linear.sense = lp::Sense::maximize;
  spec.linear.transfers.assign(2, std::vector<T>(problem.profile_count(), T(0)));
  for (auto& row : spec.linear.transfers) {
    for (std::size_t t = 0; t < row.size(); ++t) row[t] = -problem.p_profile[t];
  }

  auto t0 = Clock::now();
  const mech::DesignLp<T> d = mech::build_design_lp(problem, spec);
  const double build = seconds_since(t0);

  double write = 0;
  if (!lp_file.empty()) {
    t0 = Clock::now();
    std::ofstream out(lp_file);
    out << lp::to_cplex_lp(d.lp);
    write = seconds_since(t0);
  }

  lp::LinearProgram<double> approx;
  if constexpr (std::is_same_v<T, double>) {
    approx = d.lp;
  } else {
    approx = lp::to_double(d.lp);
  }
  t0 = Clock::now();
  const lp::ClpOutcome clp = lp::solve_with_clp(approx);
  const double clp_seconds = seconds_since(t0);

  mechlab::Progress progress(mechlab::Progress::Options{.time_limit_seconds = limit});
  std::string status = "not_solved";
  bool certified = false;
  bool timed_out = false;
  double objective = 0;
  t0 = Clock::now();
  try {
    const auto r = mech::solve_design(problem, d, spec, progress);
    status = r.lp.status == lp::SolveStatus::optimal      ? "optimal"
             : r.lp.status == lp::SolveStatus::infeasible ? "infeasible"
             : r.lp.status == lp::SolveStatus::unbounded  ? "unbounded"
                                                          : "not_solved";
    certified = r.lp.certified;
    objective = mechlab::NumberTraits<T>::to_double(r.objective);
  } catch (const mechlab::TimeLimitExceeded&) {
    timed_out = true;
  }
  const double solve = seconds_since(t0);
  std::printf(
      "k=%d mode=%s rows=%zu columns=%zu nonzeros=%zu build_seconds=%.3f write_seconds=%.3f "
      "clp_seconds=%.3f clp_iterations=%d solve_seconds=%.3f status=%s certified=%d timed_out=%d "
      "objective=%.12g expected=%.12g peak_rss_kib=%ld\n",
      k, mechlab::NumberTraits<T>::exact ? "exact" : "float", d.lp.rows.size(), d.lp.columns.size(),
      d.lp.nonzeros(), build, write, clp_seconds, clp.iterations, solve, status.c_str(),
      certified ? 1 : 0, timed_out ? 1 : 0, objective, expected_revenue(k), peak_rss_kib());
  return 0;
}

int run(int argc, char** argv) {
  CLI::App app{"One automated-design LP (2 bidders x K values, DSIC), timed in its parts."};
  int k = 0;
  std::string mode;
  double limit = 3600.0;
  std::string lp_file;
  app.add_option("K", k, "values per bidder")->required()->check(CLI::Range(2, 1 << 20));
  app.add_option("MODE", mode, "exact|float")->required()->check(CLI::IsMember({"exact", "float"}));
  app.add_option("TIME_LIMIT_SECONDS", limit)->capture_default_str();
  app.add_option("LP_FILE", lp_file, "write the LP here (CPLEX LP format)");
  CLI11_PARSE(app, argc, argv);
  return mode == "exact" ? run<Rational>(k, limit, lp_file) : run<double>(k, limit, lp_file);
}

}  // namespace

int main(int argc, char** argv) {
  return mechlab::bench::guarded_main("design_probe", 1, [&] { return run(argc, argv); });
}
