// Team disclosure (002) at the scale, for bench/disclosure_ratio.py.
//
//   disclosure_probe equilibria [--members 3] [--values 20] [--seed 1] [--protocol unanimity]
//   disclosure_probe design [--members 5] [--no-symmetry] [--double]
//   disclosure_probe sweep [--members 10] [--step 1/100]
//
// equilibria  all equilibria (spec §3.3) of a random correlated team: N members with
//             --values outcome values each (increasing integers), prior ∝ integer weights
//             1..9 (seeded std::mt19937_64), protocol unanimity | majority | leader; once in
//             Rational and once in double; profiles per second = Π(2|Ω_i|+1) / seconds, and
//             exact_share = 1 − t_double / t_exact, the share of the exact run that exact
//             arithmetic costs over the same algorithm in double.
// design      c̄(D) for every non-constant monotone protocol on N members (7,579 at N = 5) on
//             the §4.3 binary technology (binary_technology: Figure 2 baseline with
//             P(h_j|e_{N∖i}) = 9/20), with or without scoring one protocol per symmetry orbit.
// sweep       the four Figure 2 panels (optimal_k_sweep, exact) at N members over x = step..1−step,
//             and the same grid's G_K in double: points per second, exact_share.
// Output lines are `key=value` words after a kind word.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "mechlab/core/rational.hpp"
#include "mechlab/disclosure/design.hpp"
#include "mechlab/disclosure/effort.hpp"
#include "mechlab/disclosure/equilibria.hpp"
#include "mechlab/disclosure/protocol.hpp"
#include "probe_timing.hpp"

namespace {

namespace dc = mechlab::disclosure;
using mechlab::Rational;
using mechlab::bench::Clock;
using mechlab::bench::seconds_since;

struct Args {
  std::size_t members = 0;  // 0: the mode's default
  std::size_t values = 20;
  unsigned long seed = 1;
  std::string protocol = "unanimity";
  bool symmetry = true;
  bool doubles = false;
  Rational step = mechlab::fraction(1, 100);
};

dc::Protocol protocol_of(const Args& a) {
  if (a.protocol == "majority") return dc::k_majority(a.members, a.members / 2 + 1);
  if (a.protocol == "leader") return dc::leader(a.members, 0);
  return dc::unanimity(a.members);
}

template <class T>
dc::Team<T> random_team(const Args& a) {
  std::mt19937_64 rng(a.seed);
  std::uniform_int_distribution<long> step(1, 3);
  std::uniform_int_distribution<long> weight(1, 9);
  dc::Team<T> team;
  std::size_t cells = 1;
  for (std::size_t i = 0; i < a.members; ++i) {
    team.members.push_back(std::to_string(i + 1));
    std::vector<T> v{T(0)};
    for (std::size_t k = 1; k < a.values; ++k) v.push_back(v.back() + T(step(rng)));
    team.values.push_back(v);
    cells *= a.values;
  }
  std::vector<long> w(cells);
  long total = 0;
  for (auto& x : w) total += (x = weight(rng));
  for (const long x : w) {
    team.prior.push_back(mechlab::NumberTraits<T>::from_rational(mechlab::fraction(x, total)));
  }
  return team;
}

template <class T>
double time_equilibria(const Args& a, std::size_t& classes) {
  const auto team = random_team<T>(a);
  const auto start = Clock::now();
  classes = dc::all_equilibria(team, protocol_of(a)).size();
  return seconds_since(start);
}

int equilibria(const Args& a) {
  std::size_t profiles = 1;
  std::size_t outcomes = 1;
  for (std::size_t i = 0; i < a.members; ++i) {
    profiles *= 2 * a.values + 1;
    outcomes *= a.values;
  }
  std::size_t exact_classes = 0;
  std::size_t double_classes = 0;
  const double exact = time_equilibria<Rational>(a, exact_classes);
  const double approx = time_equilibria<double>(a, double_classes);
  std::printf(
      "equilibria members=%zu values=%zu outcomes=%zu protocol=%s profiles=%zu classes=%zu "
      "double_classes=%zu exact_seconds=%.3f double_seconds=%.3f profiles_per_s=%.0f "
      "exact_share=%.3f\n",
      a.members, a.values, outcomes, a.protocol.c_str(), profiles, exact_classes, double_classes,
      exact, approx, static_cast<double>(profiles) / exact, 1 - approx / exact);
  return 0;
}

dc::BinaryEffortModel design_model(std::size_t members) {
  dc::BinaryEffortModel model = dc::figure2_baseline(members);
  model.qj0 = mechlab::fraction(9, 20);
  return model;
}

template <class T>
int design_in(const Args& a) {
  const auto tech = dc::binary_technology<T>(design_model(a.members));
  const auto protocols = dc::all_monotone_protocols(a.members);
  const auto start = Clock::now();
  const auto scores = dc::score_protocols(tech, protocols, {}, mechlab::Progress::none(),
                                          {.use_symmetry = a.symmetry, .equilibria = {}});
  const double seconds = seconds_since(start);
  std::size_t solved = 0;
  for (const auto& s : scores) solved += s.image_of ? 0 : 1;
  std::printf(
      "design members=%zu number=%s symmetry=%d protocols=%zu solved=%zu seconds=%.3f "
      "protocols_per_s=%.1f best=\"%s\" best_cost=%s\n",
      a.members, mechlab::NumberTraits<T>::exact ? "exact" : "double", a.symmetry ? 1 : 0,
      protocols.size(), solved, seconds, static_cast<double>(protocols.size()) / seconds,
      scores.front().protocol.name.c_str(),
      mechlab::NumberTraits<T>::to_text(scores.front().best_symmetric_cost).c_str());
  return 0;
}

int sweep(const Args& a) {
  const auto baseline = dc::figure2_baseline(a.members);
  const Rational to = 1 - a.step;
  std::size_t points = 0;
  std::size_t breakpoints = 0;
  auto start = Clock::now();
  for (const auto which : {dc::BinaryEffortParameter::qj0, dc::BinaryEffortParameter::p0,
                           dc::BinaryEffortParameter::qi0, dc::BinaryEffortParameter::qT0}) {
    const auto s = dc::optimal_k_sweep(baseline, which, a.step, to, a.step);
    points += s.points.size();
    breakpoints += s.breakpoints.size();
  }
  const double exact = seconds_since(start);
  // The same grid's G_K in double (the argmax alone; ties are not resolved exactly).
  start = Clock::now();
  double checksum = 0;
  for (int panel = 0; panel < 4; ++panel) {
    for (Rational x = a.step; x <= to; x += a.step) {
      auto model = baseline;
      (panel == 0 ? model.qj0 : panel == 1 ? model.p0 : panel == 2 ? model.qi0 : model.qT0) = x;
      for (const double g : dc::k_majority_gains<double>(model)) checksum += g;
    }
  }
  const double approx = seconds_since(start);
  std::printf(
      "sweep members=%zu points=%zu breakpoints=%zu exact_seconds=%.3f double_seconds=%.3f "
      "points_per_s=%.0f exact_share=%.3f checksum=%.6f\n",
      a.members, points, breakpoints, exact, approx, static_cast<double>(points) / exact,
      1 - approx / exact, checksum);
  return 0;
}

// Every option is accepted after every mode word, as before; --members defaults per mode.
int run(int argc, char** argv) {
  CLI::App app{"Team disclosure (002) at scale: equilibria, protocol design, Figure 2 sweeps."};
  app.require_subcommand(1);
  Args a;
  std::string step = "1/100";
  const std::pair<const char*, std::size_t> modes[] = {
      {"equilibria", 3}, {"design", 5}, {"sweep", 10}};
  std::size_t default_members = 0;
  for (const auto& [name, members] : modes) {
    CLI::App* mode = app.add_subcommand(name);
    mode->add_option("--members", a.members, "team size (equilibria 3, design 5, sweep 10)");
    mode->add_option("--values", a.values, "equilibria: values per member")->capture_default_str();
    mode->add_option("--seed", a.seed, "equilibria: std::mt19937_64 seed")->capture_default_str();
    mode->add_option("--protocol", a.protocol, "equilibria: the protocol")
        ->check(CLI::IsMember({"unanimity", "majority", "leader"}))
        ->capture_default_str();
    mode->add_flag("--no-symmetry{false}", a.symmetry, "design: score every protocol");
    mode->add_flag("--double", a.doubles, "design in double");
    mode->add_option("--step", step, "sweep: grid step")->capture_default_str();
    mode->callback([&default_members, members = members] { default_members = members; });
  }
  CLI11_PARSE(app, argc, argv);
  if (a.members == 0) a.members = default_members;
  a.step = mechlab::parse_rational(step);
  const std::string what = app.get_subcommands().front()->get_name();
  if (what == "equilibria") return equilibria(a);
  if (what == "design") return a.doubles ? design_in<double>(a) : design_in<Rational>(a);
  return sweep(a);
}

}  // namespace

int main(int argc, char** argv) {
  return mechlab::bench::guarded_main("disclosure_probe", 1, [&] { return run(argc, argv); });
}
