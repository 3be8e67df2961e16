// Informational size, repeated timings (Google Benchmark). The single-run comparison with
// brute force and the peak memory are in infosize_probe / infosize_ratio.py.
//
//   BM_ReplicaPoint/n   replica_point(9/10, n): exchangeable aggregation, O(n) rationals
//   BM_ReplicaSweep/n   replica_sweep(9/10, 2, n): every point 2..n
//   BM_DenseMeasure/n   the general dense code on the same model: section2 with n agents
//                       (2^n profiles) + measure_agent(agent 0); the brute force of the above
//   BM_Summarize        summarize() of random_instance 3 agents x 12 signals x 4 states x 3
//                       alternatives, seed 1
//   BM_Certify          certify() of the same instance (one-stage, PBE, pointwise levels)
#include <benchmark/benchmark.h>

#include "mechlab/core/rng.hpp"
#include "mechlab/infosize/certify.hpp"
#include "mechlab/infosize/instances.hpp"
#include "mechlab/infosize/measure.hpp"
#include "mechlab/infosize/replica.hpp"
#include "mechlab/infosize/summary.hpp"

namespace {

namespace info = mechlab::infosize;
using mechlab::Rational;

const Rational kRho(9, 10);

void BM_ReplicaPoint(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  for (auto _ : state) {
    auto p = info::replica_point(kRho, n);
    benchmark::DoNotOptimize(p);
  }
  state.counters["profiles"] = static_cast<double>(1ULL << n);
}

void BM_ReplicaSweep(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  for (auto _ : state) {
    auto points = info::replica_sweep(kRho, 2, n);
    benchmark::DoNotOptimize(points);
  }
}

void BM_DenseMeasure(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const std::vector<std::vector<info::instances::ValuePair>> values(n,
                                                                    {{Rational(1), Rational(1)}});
  for (auto _ : state) {
    const auto instance = info::instances::section2(kRho, values);
    auto m = info::measure_agent(instance.signals, 0);
    benchmark::DoNotOptimize(m);
  }
  state.counters["profiles"] = static_cast<double>(1ULL << n);
}

info::Instance<Rational> random_3x12x4() {
  mechlab::Rng rng = mechlab::make_rng(1);
  return info::instances::random_instance(
      rng, {.agents = 3, .signals = 12, .states = 4, .alternatives = 3});
}

void BM_Summarize(benchmark::State& state) {
  const auto instance = random_3x12x4();
  for (auto _ : state) {
    auto s = info::summarize(instance);
    benchmark::DoNotOptimize(s);
  }
  state.counters["profiles"] = static_cast<double>(instance.signals.profile_count());
}

void BM_Certify(benchmark::State& state) {
  const auto instance = random_3x12x4();
  for (auto _ : state) {
    auto c = info::certify(instance);
    benchmark::DoNotOptimize(c);
  }
  state.counters["profiles"] = static_cast<double>(instance.signals.profile_count());
}

BENCHMARK(BM_ReplicaPoint)->Arg(10)->Arg(20)->Arg(30)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ReplicaSweep)->Arg(10)->Arg(20)->Arg(30)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_DenseMeasure)->Arg(10)->Arg(14)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Summarize)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Certify)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
