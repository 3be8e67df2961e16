// The dynamic engine at scale (004 spec §7), for bench/dynamic_ratio.py.
//
//   dynamic_probe [--agents 6] [--horizon 20] [--types 10] [--publics 1] [--decisions 16]
//                 [--weight-max 2] [--seed 1] [--paths 1000] [--reps 5] [--keep-k]
//
// One random environment (instances::random_environment<double>, payoffs in -9..9, kernel
// rows of integer weights 0..weight-max, normalised), then, in one run:
//   build      random_environment + prepare (reachable boxes);
//   solve      solve_efficient without K (SolveOptions::keep_continuations = false unless
//              --keep-k): W, χ, V and the guarantees; states processed per second is
//              Σ_t |Θ_t| / seconds (each state with every decision of its period);
//   kernel     one mode-k contraction (contract_mode into a reused buffer) of a tensor of the
//              shape of Θ_2 with the kernel matrix of period 1, for k = 1..N, against a plain
//              memcpy of the same tensor into another buffer of the same size (same bytes read
//              and written), both single-threaded, minimum of --reps runs; ratio = kernel / copy;
//   gum        --paths truthful paths sampled component-wise from the kernel rows under χ
//              (std::mt19937_64), then gum_transfer + check_budget_balance at every (t, θ_{t-1},
//              θ_t), t = 1..T, in parallel over paths (OpenMP): pairs per second.
// Lines are `key=value` words after a kind word: `sizes`, `phase`, `kernel`, `gum`, `peak`.
#include <omp.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "mechlab/core/rng.hpp"
#include "mechlab/dynamic/efficient.hpp"
#include "mechlab/dynamic/gum.hpp"
#include "mechlab/dynamic/mechanisms.hpp"
#include "mechlab/dynamic/model.hpp"
#include "mechlab/dynamic/random_instance.hpp"
#include "probe_timing.hpp"

namespace {

using mechlab::bench::Clock;
using mechlab::bench::peak_rss_kib;
using mechlab::bench::seconds_since;
using mechlab::dynamic::Efficient;
using mechlab::dynamic::Problem;

struct Options {
  mechlab::dynamic::instances::RandomShape shape{
      .agents = 6, .horizon = 20, .types = 10, .publics = 1, .decisions = 16, .weight_max = 2};
  unsigned long seed = 1;
  std::size_t paths = 1000;
  int reps = 5;
  bool keep_k = false;
};

// Every option takes a value except --keep-k.
int parse(int argc, char** argv, Options& o) {
  CLI::App app{"The dynamic engine at scale (004 spec §7): build, solve, kernel, GUM transfers."};
  app.add_option("--agents", o.shape.agents)->capture_default_str();
  app.add_option("--horizon", o.shape.horizon)->capture_default_str();
  app.add_option("--types", o.shape.types, "labels per agent and period")->capture_default_str();
  app.add_option("--publics", o.shape.publics)->capture_default_str();
  app.add_option("--decisions", o.shape.decisions)->capture_default_str();
  app.add_option("--weight-max", o.shape.weight_max, "kernel weights 0..w")->capture_default_str();
  app.add_option("--seed", o.seed)->capture_default_str();
  app.add_option("--paths", o.paths, "gum: sampled paths")->capture_default_str();
  app.add_option("--reps", o.reps, "kernel: best of")->capture_default_str();
  app.add_flag("--keep-k", o.keep_k, "solve: keep the continuations K");
  CLI11_PARSE(app, argc, argv);
  return -1;
}

// Single-threaded mode contraction vs memcpy of the same tensor, per mode k >= 1.
void kernel_vs_copy(const Problem<double>& problem, const Efficient<double>& e, int reps) {
  if (problem.horizon() < 2) return;
  const auto& space = problem.states[2];
  std::vector<std::size_t> dims(space.rank());
  for (std::size_t k = 0; k < dims.size(); ++k) dims[k] = space.radix(k);
  const std::vector<double>& in = e.W[2];
  std::vector<double> out(in.size());
  std::vector<double> copy(in.size());
  const auto bytes = static_cast<double>(in.size() * sizeof(double));
  double kernel_total = 0;
  double copy_total = 0;
  for (std::size_t k = 1; k < dims.size(); ++k) {
    // Rows μ_1^k(· | θ^0 = 0, a, x = 0) for the labels a of Θ_2^k (a square matrix when
    // periods 1 and 2 keep the same labels; the output then has the input's size).
    std::vector<const std::vector<double>*> rows;
    for (std::size_t a = 0; a < problem.states[1].radix(k); ++a) {
      rows.push_back(&problem.kernel_row(1, k, 0, a, 0));
    }
    double best_kernel = 1e300;
    double best_copy = 1e300;
    for (int r = 0; r < reps; ++r) {
      auto start = Clock::now();
      mechlab::dynamic::contract_mode(in, dims, k, rows, out);
      best_kernel = std::min(best_kernel, seconds_since(start));
      start = Clock::now();
      std::memcpy(copy.data(), in.data(), in.size() * sizeof(double));
      best_copy = std::min(best_copy, seconds_since(start));
    }
    kernel_total += best_kernel;
    copy_total += best_copy;
    std::printf(
        "kernel mode=%zu n_in=%zu n_out=%zu elements=%zu out_elements=%zu bytes=%zu "
        "kernel_s=%.6g copy_s=%.6g ratio=%.3f copy_gb_s=%.3f checksum=%.6g\n",
        k, dims[k], rows.size(), in.size(), out.size(), in.size() * sizeof(double), best_kernel,
        best_copy, best_kernel / best_copy, 2.0 * bytes / best_copy / 1e9,
        out[out.size() / 2] + copy[copy.size() / 3]);
  }
  std::printf("kernel mode=all kernel_s=%.6g copy_s=%.6g ratio=%.3f\n", kernel_total, copy_total,
              kernel_total / copy_total);
}

// Truthful paths θ_0, θ_1, ..., θ_T as cells, each component drawn from its kernel row.
std::vector<std::vector<std::size_t>> sample_paths(const Problem<double>& problem,
                                                   const Efficient<double>& e, std::size_t count,
                                                   unsigned long seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  const std::size_t n = problem.agent_count();
  std::vector<std::vector<std::size_t>> paths(count);
  std::vector<std::size_t> digits(n + 1);
  for (auto& path : paths) {
    path.push_back(problem.theta0);
    for (std::size_t t = 0; t < problem.horizon(); ++t) {
      const std::size_t s = path.back();
      const auto& now = problem.states[t];
      const std::size_t x = e.chi[t][s];
      for (std::size_t k = 0; k <= n; ++k) {
        const auto& row = problem.kernel_row(t, k, now.digit(s, 0), now.digit(s, k), x);
        const double u = unit(rng);
        double acc = 0;
        std::size_t b = 0;
        // The last positive entry absorbs rounding of the cumulative sum.
        std::size_t last = 0;
        for (std::size_t c = 0; c < row.size(); ++c) {
          if (row[c] > 0) last = c;
        }
        for (b = 0; b < last; ++b) {
          acc += row[b];
          if (row[b] > 0 && u < acc) break;
        }
        digits[k] = b;
      }
      path.push_back(problem.states[t + 1].encode(digits));
    }
  }
  return paths;
}

void gum_along_paths(const Problem<double>& problem, const Efficient<double>& e, std::size_t count,
                     unsigned long seed) {
  auto start = Clock::now();
  const auto paths = sample_paths(problem, e, count, seed);
  const double sample_s = seconds_since(start);
  const std::size_t horizon = problem.horizon();
  const std::size_t n = problem.agent_count();
  std::vector<double> imbalance(paths.size(), 0.0);
  std::vector<double> mean_y(n, 0.0);
  start = Clock::now();
#pragma omp parallel
  {
    std::vector<double> local(n, 0.0);
#pragma omp for schedule(dynamic)
    for (std::size_t path = 0; path < paths.size(); ++path) {
      for (std::size_t t = 1; t <= horizon; ++t) {
        const auto g =
            mechlab::dynamic::gum_transfer(problem, e, t, paths[path][t - 1], paths[path][t]);
        mechlab::dynamic::check_budget_balance(g);
        double sum = 0;
        for (std::size_t i = 0; i < n; ++i) {
          sum += g.y[i];
          local[i] += g.y[i];
        }
        imbalance[path] = std::max(imbalance[path], std::fabs(sum));
      }
    }
#pragma omp critical
    for (std::size_t i = 0; i < n; ++i) mean_y[i] += local[i];
  }
  const double gum_s = seconds_since(start);
  const std::size_t pairs = paths.size() * horizon;
  std::printf(
      "gum rule=GUM paths=%zu pairs=%zu sample_s=%.6g seconds=%.6g pairs_per_s=%.4g "
      "max_budget_imbalance=%.3g mean_y0_per_period=%.4g\n",
      paths.size(), pairs, sample_s, gum_s, static_cast<double>(pairs) / gum_s,
      *std::max_element(imbalance.begin(), imbalance.end()),
      mean_y[0] / static_cast<double>(pairs));
  // BTM (public state first) and the dynamic pivot mechanism over the same paths. The DPM's
  // rule is built once (its N sub-economy programmes and the payment table), timed apart.
  for (const auto kind :
       {mechlab::dynamic::MechanismKind::btm, mechlab::dynamic::MechanismKind::dpm}) {
    start = Clock::now();
    const auto rule = mechlab::dynamic::make_transfer_rule(problem, e, kind);
    const double build_s = seconds_since(start);
    std::vector<double> worst(paths.size(), 0.0);
    start = Clock::now();
#pragma omp parallel for schedule(dynamic)
    for (std::size_t path = 0; path < paths.size(); ++path) {
      for (std::size_t t = 1; t <= horizon; ++t) {
        const auto y = rule(t, paths[path][t - 1], paths[path][t]);
        double sum = 0;
        for (const double v : y) sum += v;
        worst[path] = std::max(worst[path], std::fabs(sum));
      }
    }
    const double rule_s = seconds_since(start);
    std::printf(
        "gum rule=%s paths=%zu pairs=%zu build_s=%.6g seconds=%.6g pairs_per_s=%.4g "
        "max_budget_imbalance=%.3g peak_kib=%ld\n",
        std::string(mechlab::dynamic::mechanism_name(kind)).c_str(), paths.size(), pairs, build_s,
        rule_s, static_cast<double>(pairs) / rule_s, *std::max_element(worst.begin(), worst.end()),
        peak_rss_kib());
  }
}

int run(int argc, char** argv) {
  Options o;
  if (const int exit_code = parse(argc, argv, o); exit_code >= 0) return exit_code;
  const auto& shape = o.shape;
  auto start = Clock::now();
  mechlab::Rng rng(o.seed);
  // The truthful benchmark: reachable types only (spec §7).
  auto problem =
      mechlab::dynamic::prepare(mechlab::dynamic::instances::random_environment<double>(rng, shape),
                                {.reachable_types_only = true});
  const double build_s = seconds_since(start);
  std::size_t states = 0;
  std::size_t full = 0;
  std::size_t state_decisions = 0;
  std::size_t max_states = 0;
  for (std::size_t t = 0; t <= problem.horizon(); ++t) {
    states += problem.states[t].size();
    full += problem.full_state_counts[t];
    state_decisions += problem.states[t].size() * problem.decision_count(t);
    max_states = std::max(max_states, problem.states[t].size());
  }
  std::printf(
      "sizes agents=%zu horizon=%zu types=%zu publics=%zu decisions=%zu weight_max=%d seed=%lu "
      "threads=%d states_per_period=%zu states_total=%zu full_states_total=%zu\n",
      shape.agents, shape.horizon, shape.types, shape.publics, shape.decisions, shape.weight_max,
      o.seed, omp_get_max_threads(), max_states, states, full);
  std::printf("phase name=build seconds=%.6g peak_kib=%ld\n", build_s, peak_rss_kib());
  start = Clock::now();
  const auto e = mechlab::dynamic::solve_efficient(
      problem, mechlab::dynamic::SolveOptions{.keep_continuations = o.keep_k});
  const double solve_s = seconds_since(start);
  std::printf(
      "phase name=solve seconds=%.6g states_per_s=%.4g state_decisions_per_s=%.4g "
      "welfare=%.10g guarantee0=%.10g ties=%zu peak_kib=%ld\n",
      solve_s, static_cast<double>(states) / solve_s,
      static_cast<double>(state_decisions) / solve_s, e.welfare, e.guarantees[0], e.tie_count(),
      peak_rss_kib());
  kernel_vs_copy(problem, e, o.reps);
  gum_along_paths(problem, e, o.paths, o.seed + 1);
  std::printf("peak kib=%ld build_solve_s=%.6g\n", peak_rss_kib(), build_s + solve_s);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  return mechlab::bench::guarded_main("dynamic_probe", 1, [&] { return run(argc, argv); });
}
