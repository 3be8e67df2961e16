// Benchmarks of the certified LP layer on instances::random_bounded(m, n, seed)
// with m = n (square, coefficient density about 1/2, x in [0, 10]).
//
//   BM_ClpOnly          solve_with_clp(to_double(lp))      the floating-point solve alone
//   BM_CertifiedExact   lp::solve(LinearProgram<Rational>)  Clp + exact rational certificate
//   BM_CertifiedDouble  lp::solve(LinearProgram<double>)    Clp + the same checks in double
//   BM_ExactBasisOnly   evaluate_basis(rational lp, Clp's basis): the exact part alone
//
// Every benchmark reports the instance size (rows, columns, nonzeros), the
// dimension of the basis matrix the exact LU factors (basis_dim: basic
// structural columns = tight rows), Clp's iteration count, and whether the
// result was optimal and certified. The instance is built (and converted to
// double) once per size, outside the timed loop.
//
// Sizes: m = n in {10, 25, 50, 100, 200, 400, 600}; 800 is left out because one
// exact solve there takes about 3 minutes. bench/lp_certificate_ratio.py runs
// this binary once with --benchmark_format=json and prints the ratios.
#include <benchmark/benchmark.h>
#include <gmp.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>

#include "mechlab/lp/certified_solve.hpp"
#include "mechlab/lp/clp_backend.hpp"
#include "mechlab/lp/exact_basis.hpp"
#include "mechlab/lp/instances.hpp"
#include "mechlab/lp/linear_program.hpp"

namespace {

using mechlab::Rational;
namespace lp = mechlab::lp;

constexpr std::uint64_t kSeed = 20240601;

struct Instance {
  lp::LinearProgram<Rational> exact;
  lp::LinearProgram<double> approx;
};

// One instance per size, built on first use and kept for the whole run.
const Instance& instance(int size) {
  static std::map<int, std::unique_ptr<Instance>> cache;
  auto& slot = cache[size];
  if (!slot) {
    slot = std::make_unique<Instance>();
    slot->exact = lp::instances::random_bounded(size, size, kSeed);
    slot->approx = lp::to_double(slot->exact);
  }
  return *slot;
}

template <class T>
void size_counters(benchmark::State& state, const lp::LinearProgram<T>& program) {
  state.counters["rows"] = static_cast<double>(program.rows.size());
  state.counters["columns"] = static_cast<double>(program.columns.size());
  state.counters["nonzeros"] = static_cast<double>(program.nonzeros());
}

std::size_t basis_dimension(const lp::Basis& basis) {
  return static_cast<std::size_t>(
      std::count(basis.columns.begin(), basis.columns.end(), lp::VarStatus::basic));
}

// Largest denominator (in bits) among the exact primal values: how big the
// rationals of the certificate get.
std::size_t max_denominator_bits(const std::vector<Rational>& x) {
  std::size_t bits = 0;
  for (const auto& v : x) bits = std::max(bits, mpz_sizeinbase(v.get_den_mpz_t(), 2));
  return bits;
}

void BM_ClpOnly(benchmark::State& state) {
  const Instance& inst = instance(static_cast<int>(state.range(0)));
  lp::ClpOutcome outcome;
  for (auto _ : state) {
    outcome = lp::solve_with_clp(inst.approx);
    benchmark::DoNotOptimize(outcome.objective);
  }
  size_counters(state, inst.approx);
  state.counters["optimal"] = outcome.status == lp::ClpStatus::optimal ? 1 : 0;
  state.counters["certified"] = 0;  // Clp alone proves nothing.
  state.counters["clp_iterations"] = outcome.iterations;
  state.counters["basis_dim"] = static_cast<double>(basis_dimension(outcome.basis));
}

template <class T>
void run_certified(benchmark::State& state, const lp::LinearProgram<T>& program) {
  lp::LpResult<T> result;
  for (auto _ : state) {
    result = lp::solve(program);
    benchmark::DoNotOptimize(result.objective);
  }
  size_counters(state, program);
  state.counters["optimal"] = result.status == lp::SolveStatus::optimal ? 1 : 0;
  state.counters["certified"] = result.certified ? 1 : 0;
  state.counters["clp_iterations"] = result.clp_iterations;
  state.counters["basis_dim"] = static_cast<double>(basis_dimension(result.basis));
  if constexpr (mechlab::NumberTraits<T>::exact) {
    state.counters["x_den_bits"] = static_cast<double>(max_denominator_bits(result.x));
  }
  if (!result.certified && mechlab::NumberTraits<T>::exact) {
    state.SetLabel(lp::status_text(result));
  }
}

void BM_CertifiedExact(benchmark::State& state) {
  run_certified(state, instance(static_cast<int>(state.range(0))).exact);
}

void BM_CertifiedDouble(benchmark::State& state) {
  run_certified(state, instance(static_cast<int>(state.range(0))).approx);
}

void BM_ExactBasisOnly(benchmark::State& state) {
  const Instance& inst = instance(static_cast<int>(state.range(0)));
  const lp::ClpOutcome outcome = lp::solve_with_clp(inst.approx);
  lp::BasisEvaluation<Rational> ev;
  for (auto _ : state) {
    ev = lp::evaluate_basis(inst.exact, outcome.basis);
    benchmark::DoNotOptimize(ev.solved);
  }
  size_counters(state, inst.exact);
  state.counters["optimal"] = outcome.status == lp::ClpStatus::optimal ? 1 : 0;
  state.counters["certified"] = ev.solved && ev.defect.empty() ? 1 : 0;
  state.counters["basis_dim"] = static_cast<double>(basis_dimension(outcome.basis));
}

// Small sizes are repeated and reported as the median of the repetitions (one
// run of a sub-millisecond solve is at the mercy of the machine); one exact
// solve at 400 already takes seconds, so the large sizes run once.
int repetitions(int size) { return size <= 100 ? 5 : (size <= 200 ? 3 : 1); }

}  // namespace

int main(int argc, char** argv) {
  const struct {
    const char* name;
    void (*fn)(benchmark::State&);
  } benchmarks[] = {{"BM_ClpOnly", BM_ClpOnly},
                    {"BM_CertifiedExact", BM_CertifiedExact},
                    {"BM_CertifiedDouble", BM_CertifiedDouble},
                    {"BM_ExactBasisOnly", BM_ExactBasisOnly}};
  // Size-major order: the four measurements of one size run back to back, so
  // a change in machine load between them distorts the ratios less.
  for (const int size : {10, 25, 50, 100, 200, 400, 600}) {
    for (const auto& b : benchmarks) {
      auto* reg = benchmark::RegisterBenchmark(b.name, b.fn)
                      ->Arg(size)
                      ->ArgName("m=n")
                      ->Unit(benchmark::kMillisecond)
                      ->UseRealTime();
      if (repetitions(size) > 1) {
        reg->Repetitions(repetitions(size))->ReportAggregatesOnly(true);
      }
    }
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
