// Alliances (000) at scale.
//
//   alliance_probe sets [--n 16] [--eta 1/5] [--spread 1/20] [--classes C] [--float]
//
// sets  classify_truthful_sets on an alliance of n players with distinct biases
//       b_i = spread·i/(n−1), i = 0..n−1, and the paper's boxes [0,1]: all 2^n
//       truthful sets (no two players are interchangeable, so every set is
//       solved: Σ_T (|T|+1) continuations and the gains of every truthful
//       player). With --classes C < n the biases take C values
//       (b_i = spread·(i mod C)/(C−1)), so players of a class are
//       interchangeable and one set per orbit is solved. Runs once in Rational and once in double
//       (with --float only in double): seconds, sets per second, the equilibrium count (by size),
//       the sets where some bound binds, and exact_share = 1 − t_double/t_exact, the share of the
//       exact run that exact arithmetic costs over the same algorithm in double. Rates use this
//       process's CPU time (the machine is shared); wall time is printed beside it.
//   alliance_probe region [--n 8] [--points 200] [--axis spread|mean] [--float]
//
// region  full_revelation_region on the default grid of region.hpp (η from
//       1/100 to 99/100 × b_d from 0 to 1/4, or Avg b with b_d = 1/10), points ×
//       points, the paper's verdicts beside A5's at every point, in Rational and
//       in double: seconds, points per second (wall: the grid runs on OpenMP
//       threads; and per CPU second), the Theorem 2 vs A5 counts, and exact_share.
// Output lines are `key=value` words after a kind word.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <string>
#include <vector>

#include "mechlab/alliance/partial.hpp"
#include "mechlab/alliance/region.hpp"
#include "mechlab/core/rational.hpp"
#include "probe_timing.hpp"

namespace {

namespace al = mechlab::alliance;
using mechlab::Rational;
using mechlab::bench::Stopwatch;
using mechlab::bench::Timing;

struct Args {
  std::size_t n = 16;
  Rational eta = mechlab::fraction(1, 5);
  Rational spread = mechlab::fraction(1, 20);
  std::size_t classes = 0;  // 0: every bias distinct
  bool only_double = false;
  std::size_t points = 200;  // region: per axis
  al::RegionAxis axis = al::RegionAxis::spread;
  bool n_given = false;
};

template <class T>
al::Alliance<T> spread_alliance(const Args& a) {
  const std::size_t values = a.classes >= 2 && a.classes < a.n ? a.classes : a.n;
  std::vector<T> biases;
  for (std::size_t i = 0; i < a.n; ++i) {
    biases.push_back(
        mechlab::NumberTraits<T>::from_rational(a.spread * Rational(static_cast<long>(i % values)) /
                                                Rational(static_cast<long>(values - 1))));
  }
  return al::paper_alliance<T>(mechlab::NumberTraits<T>::from_rational(a.eta), biases);
}

template <class T>
al::TruthfulSetClassification classify(const Args& a, Timing& timing) {
  const al::Alliance<T> alliance = spread_alliance<T>(a);
  const Stopwatch watch;
  al::TruthfulSetClassification result = al::classify_truthful_sets(alliance);
  timing = watch.elapsed();
  return result;
}

void print(const char* number, const al::TruthfulSetClassification& r, const Timing& timing) {
  std::string by_size;
  for (const std::uint64_t count : r.equilibria_by_size) {
    if (!by_size.empty()) by_size += ',';
    by_size += std::to_string(count);
  }
  std::printf(
      "sets number=%s n=%zu sets=%llu solved=%llu equilibria=%llu with_binding=%llu "
      "continuations=%llu binding_continuations=%llu cpu_seconds=%.3f wall_seconds=%.3f "
      "sets_per_s=%.0f equilibria_by_size=%s\n",
      number, r.players, static_cast<unsigned long long>(r.sets),
      static_cast<unsigned long long>(r.solved), static_cast<unsigned long long>(r.equilibria),
      static_cast<unsigned long long>(r.with_binding),
      static_cast<unsigned long long>(r.continuations),
      static_cast<unsigned long long>(r.binding_continuations), timing.cpu, timing.wall,
      static_cast<double>(r.solved) / timing.cpu, by_size.c_str());
}

int sets(const Args& a) {
  Timing approx_time;
  const auto approx = classify<double>(a, approx_time);
  if (a.only_double) {
    print("double", approx, approx_time);
    return 0;
  }
  Timing exact_time;
  const auto exact = classify<Rational>(a, exact_time);
  print("exact", exact, exact_time);
  print("double", approx, approx_time);
  std::printf("sets_ratio eta=%s spread=%s exact_share=%.3f agree=%d\n",
              mechlab::to_string(a.eta).c_str(), mechlab::to_string(a.spread).c_str(),
              1 - approx_time.cpu / exact_time.cpu,
              exact.equilibrium_sets == approx.equilibrium_sets ? 1 : 0);
  return 0;
}

template <class T>
al::RegionGrid<T> region_grid(const Args& a, Timing& timing) {
  auto options = al::default_region_options<T>(a.n_given ? a.n : 8, a.axis);
  options.eta_points = options.points = a.points;
  mechlab::Progress progress;
  const Stopwatch watch;
  auto grid = al::full_revelation_region(options, progress);
  timing = watch.elapsed();
  return grid;
}

template <class T>
void print_region(const char* number, const al::RegionGrid<T>& g, const Timing& timing) {
  const auto points = static_cast<double>(g.points.size());
  std::printf(
      "region number=%s n=%zu axis=%s points=%zu cpu_seconds=%.3f wall_seconds=%.3f "
      "points_per_s=%.0f points_per_cpu_s=%.0f both_hold=%zu both_fail=%zu exact_only=%zu "
      "paper_only=%zu eq5_holds_exact_fails=%zu\n",
      number, g.options.players, al::axis_name(g.options.axis).c_str(), g.points.size(), timing.cpu,
      timing.wall, points / timing.wall, points / timing.cpu, g.both_hold, g.both_fail,
      g.exact_only, g.paper_only, g.eq5_holds_exact_fails);
}

int region(const Args& a) {
  Timing approx_time;
  const auto approx = region_grid<double>(a, approx_time);
  if (a.only_double) {
    print_region("double", approx, approx_time);
    return 0;
  }
  Timing exact_time;
  const auto exact = region_grid<Rational>(a, exact_time);
  print_region("exact", exact, exact_time);
  print_region("double", approx, approx_time);
  std::size_t differ = 0;
  for (std::size_t p = 0; p < exact.points.size(); ++p) {
    if (exact.points[p].exact != approx.points[p].exact) ++differ;
  }
  std::printf("region_ratio exact_share=%.3f verdicts_differ=%zu\n",
              1 - approx_time.cpu / exact_time.cpu, differ);
  return 0;
}

// The options of both modes, as the old hand-written parser took them (every option in either
// mode, after the mode word).
int run(int argc, char** argv) {
  CLI::App app{"Alliances (000) at scale: every truthful set, or the full-revelation region."};
  app.require_subcommand(1);
  CLI::App* sets_mode = app.add_subcommand("sets", "classify_truthful_sets, exact and double");
  CLI::App* region_mode = app.add_subcommand("region", "full_revelation_region, exact and double");
  Args a;
  std::string eta = "1/5";
  std::string spread = "1/20";
  std::string axis = "spread";
  for (CLI::App* mode : {sets_mode, region_mode}) {
    mode->add_option("--n", a.n, "players (sets: 16, region: 8)");
    mode->add_option("--eta", eta, "η")->capture_default_str();
    mode->add_option("--spread", spread, "largest bias")->capture_default_str();
    mode->add_option("--classes", a.classes, "distinct bias values (0: all distinct)");
    mode->add_option("--points", a.points, "region: points per axis")->capture_default_str();
    mode->add_option("--axis", axis, "region: the second axis")
        ->check(CLI::IsMember({"spread", "mean"}))
        ->capture_default_str();
    mode->add_flag("--float", a.only_double, "double only");
  }
  CLI11_PARSE(app, argc, argv);
  a.n_given = sets_mode->count("--n") + region_mode->count("--n") > 0;
  a.eta = mechlab::parse_rational(eta);
  a.spread = mechlab::parse_rational(spread);
  a.axis = axis == "mean" ? al::RegionAxis::mean : al::RegionAxis::spread;
  return sets_mode->parsed() ? sets(a) : region(a);
}

}  // namespace

int main(int argc, char** argv) {
  return mechlab::bench::guarded_main("alliance_probe", 1, [&] { return run(argc, argv); });
}
