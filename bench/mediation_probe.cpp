// Conflict mediation (001) at the scale.
//
//   mediation_probe [colgen|lottery|all] [--k K] [--grid n] [--starts s] [--rounds r]
//                   [--pairs] [--exact] [--float]
//
// colgen   column generation for the linear-quadratic conflict game with K types
//          (default 8): p(θ) ∝ θ, κ_θ = (K − θ)/(4(K − 1)) (κ_1 = 1/4, κ_K = 0,
//          as vector G), veto belief ρ^V = δ_K. The master is the ex-post LP priced
//          by its own row duals (the reduced-form master needs 4^K − 2 rows), the
//          pricing is coordinate search on the 1/grid grid (default 4) from s 0/1
//          and s random starts (default 4); --pairs prices g with gᵀ as one pair.
//          Runs in double (the LQ equilibria on grid beliefs make exact rationals
//          huge; --exact runs it in Rational). Prints the columns generated, LP
//          solves, seconds per pricing round, the final Pr(escalation), the dual
//          (Farley) bound and the gap.
// lottery  the exact lottery LP (P_min) for the BW linear lottery (q = 4/5, s = 1)
//          with K types (default 20: 400 type profiles), uniform prior, certified in
//          Rational (--float: double only): build and solve seconds, rows, columns; the
//          full ex-post LP (solve_lottery) and the symmetric one (solve_symmetric_lottery).
// all      (the default) both, then one `summary` line.
// Output lines are `key=value` words after a kind word. Times are CPU seconds of
// this process (the machine is shared) with wall seconds beside them.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <string>
#include <vector>

#include "mechlab/core/rational.hpp"
#include "mechlab/mediation/colgen.hpp"
#include "mechlab/mediation/design.hpp"
#include "mechlab/mediation/instances.hpp"
#include "probe_timing.hpp"

namespace {

namespace md = mechlab::mediation;
using mechlab::Rational;
using mechlab::bench::Stopwatch;

struct Args {
  std::size_t k = 0;  // 0: the mode's default
  std::size_t grid = 4;
  std::size_t starts = 4;
  std::size_t rounds = 100;
  std::size_t add = 4;
  bool pairs = false;
  bool unit = false;
  bool exact = false;
  bool only_double = false;
};

template <class T>
T ratio(long a, long b) {
  return mechlab::NumberTraits<T>::from_rational(Rational(a) / Rational(b));
}

template <class T>
md::Instance<T> lq_ladder(std::size_t k) {
  // p(θ) ∝ θ: strong types are rare (as in vector G), so OST holds and
  // escalation is needed (with a uniform prior V(1) ≤ ½ and nothing escalates).
  std::vector<T> prior;
  for (std::size_t t = 0; t < k; ++t) {
    prior.push_back(ratio<T>(static_cast<long>(2 * (t + 1)), static_cast<long>(k * (k + 1))));
  }
  std::vector<T> kappa;
  std::vector<T> veto_belief(k, T(0));
  veto_belief.back() = T(1);
  for (std::size_t t = 0; t < k; ++t) {
    kappa.push_back(ratio<T>(static_cast<long>(k - 1 - t), static_cast<long>(4 * (k - 1))));
  }
  return md::lq_instance(prior, kappa, veto_belief);
}

struct ColgenSummary {
  std::size_t k = 0;
  std::size_t generated = 0;
  std::size_t lp_solves = 0;
  std::size_t rounds = 0;
  double seconds_per_round = 0;
  double probability = 0;
  double bound = 0;
  bool converged = false;
};

template <class T>
ColgenSummary colgen(const Args& a, const char* number) {
  const std::size_t k = a.k == 0 ? 8 : a.k;
  const auto inst = lq_ladder<T>(k);
  md::ColumnGenerationOptions o;
  o.grid = a.grid;
  o.starts = a.starts;
  o.max_rounds = a.rounds;
  o.add_per_round = a.add;
  o.master = md::MasterMode::ex_post;
  o.symmetric_pricing = a.pairs;
  const Stopwatch timing;
  // From the full-escalation shape alone (always feasible by Assumption 2), as
  // vector D's test: the default dictionary (the K² unit shapes and all ones)
  // is already optimal over the searched candidates on this ladder, so it would
  // generate nothing; --unit starts from it.
  const auto res = a.unit ? md::generate_columns(inst, o)
                          : md::generate_columns_from(
                                inst, {{"ones", md::Matrix<T>(k, std::vector<T>(k, T(1)))}}, o);
  const double cpu = timing.cpu();
  const double wall = timing.wall();
  ColgenSummary s;
  s.k = k;
  s.generated = res.columns - res.initial_columns;
  s.lp_solves = res.lp_solves;
  s.rounds = res.rounds.size();
  s.converged = res.converged;
  double pricing = 0;
  std::size_t candidates = 0;
  for (const auto& r : res.rounds) {
    pricing += r.seconds;
    candidates += r.candidates;
    std::printf(
        "round number=%s k=%zu round=%zu value=%.10f min_price=%.3e bound=%.10f "
        "candidates=%zu added=%zu pricing_seconds=%.3f\n",
        number, k, r.round, mechlab::to_double(r.value), mechlab::to_double(r.best_price),
        mechlab::to_double(r.bound), r.candidates, r.added, r.seconds);
  }
  s.seconds_per_round = res.rounds.empty() ? 0 : pricing / static_cast<double>(res.rounds.size());
  s.probability =
      res.master.mechanism ? mechlab::to_double(res.master.mechanism->probability) : -1.0;
  s.bound = res.lower_bound ? mechlab::to_double(*res.lower_bound) : -1.0;
  std::printf(
      "colgen number=%s k=%zu grid=%zu starts=%zu pairs=%d initial_columns=%zu columns=%zu "
      "generated=%zu rounds=%zu lp_solves=%zu candidates=%zu pricing_seconds_per_round=%.3f "
      "cpu_seconds=%.3f wall_seconds=%.3f probability=%.10f bound=%.10f gap=%.3e converged=%d "
      "certified=%d\n",
      number, k, a.grid, a.starts, a.pairs ? 1 : 0, res.initial_columns, res.columns, s.generated,
      s.rounds, s.lp_solves, candidates, s.seconds_per_round, cpu, wall, s.probability, s.bound,
      s.probability - s.bound, s.converged ? 1 : 0, res.master.solution.certified ? 1 : 0);
  return s;
}

struct LotterySummary {
  std::size_t k = 0;
  std::size_t rows = 0;
  std::size_t columns = 0;
  double cpu = 0;
  double probability = 0;
  bool certified = false;
};

template <class T>
LotterySummary lottery(const Args& a, const char* number, bool symmetric) {
  const std::size_t k = a.k == 0 ? 20 : a.k;
  const auto inst = md::lottery_instance(md::bw_linear_lottery<T>(k, ratio<T>(4, 5), T(1)),
                                         std::vector<T>(k, ratio<T>(1, static_cast<long>(k))));
  const Stopwatch timing;
  const auto res = symmetric ? md::solve_symmetric_lottery(inst) : md::solve_lottery(inst);
  LotterySummary s;
  s.k = k;
  s.cpu = timing.cpu();
  s.rows = res.lp.rows.size();
  s.columns = res.lp.columns.size();
  s.certified = res.solution.certified;
  s.probability = res.mechanism ? mechlab::to_double(res.mechanism->probability) : -1.0;
  std::printf(
      "lottery number=%s lp=%s k=%zu profiles=%zu rows=%zu columns=%zu clp_iterations=%d "
      "lp_seconds=%.3f cpu_seconds=%.3f wall_seconds=%.3f probability=%.10f certified=%d\n",
      number, symmetric ? "symmetric" : "full", k, k * k, s.rows, s.columns,
      res.solution.clp_iterations, res.solution.seconds, s.cpu, timing.wall(), s.probability,
      s.certified ? 1 : 0);
  return s;
}

int run(const std::string& what, const Args& a) {
  ColgenSummary c;
  LotterySummary l;
  LotterySummary sym;
  const bool all = what == "all";
  if (all || what == "colgen") {
    c = a.exact ? colgen<Rational>(a, "exact") : colgen<double>(a, "double");
  }
  if (all || what == "lottery") {
    l = a.only_double ? lottery<double>(a, "double", false) : lottery<Rational>(a, "exact", false);
    sym = a.only_double ? lottery<double>(a, "double", true) : lottery<Rational>(a, "exact", true);
  }
  if (all) {
    std::printf(
        "summary colgen_k=%zu columns_generated=%zu lp_solves=%zu rounds=%zu "
        "pricing_seconds_per_round=%.3f probability=%.10f bound_gap=%.3e converged=%d "
        "lottery_k=%zu lottery_rows=%zu lottery_columns=%zu lottery_cpu_seconds=%.3f "
        "lottery_probability=%.10f lottery_certified=%d symmetric_rows=%zu symmetric_columns=%zu "
        "symmetric_cpu_seconds=%.3f symmetric_agrees=%d\n",
        c.k, c.generated, c.lp_solves, c.rounds, c.seconds_per_round, c.probability,
        c.probability - c.bound, c.converged ? 1 : 0, l.k, l.rows, l.columns, l.cpu, l.probability,
        l.certified ? 1 : 0, sym.rows, sym.columns, sym.cpu,
        sym.probability == l.probability ? 1 : 0);
  }
  return 0;
}

// The options go before or after the mode word (`mediation_probe --pairs` runs all), so they
// belong to the top level and the modes let them fall through.
int run(int argc, char** argv) {
  CLI::App app{"Conflict mediation (001) at scale: column generation and the lottery LP."};
  app.require_subcommand(0, 1);
  Args a;
  app.add_option("--k", a.k, "types (colgen: 8, lottery: 20)");
  app.add_option("--grid", a.grid, "colgen: pricing grid 1/n")->capture_default_str();
  app.add_option("--starts", a.starts, "colgen: 0/1 and random starts")->capture_default_str();
  app.add_option("--rounds", a.rounds, "colgen: at most")->capture_default_str();
  app.add_option("--add", a.add, "colgen: columns added per round")->capture_default_str();
  app.add_flag("--unit", a.unit, "colgen: start from the default dictionary");
  app.add_flag("--pairs", a.pairs, "colgen: price g with its mirror");
  app.add_flag("--exact", a.exact, "colgen in Rational");
  app.add_flag("--float", a.only_double, "lottery in double only");
  std::string what = "all";
  for (const char* mode : {"colgen", "lottery", "all"}) {
    app.add_subcommand(mode, mode == std::string("all") ? "both, then a summary line" : "")
        ->fallthrough()
        ->callback([&what, mode] { what = mode; });
  }
  CLI11_PARSE(app, argc, argv);
  return run(what, a);
}

}  // namespace

int main(int argc, char** argv) {
  return mechlab::bench::guarded_main("mediation_probe", 1, [&] { return run(argc, argv); });
}
