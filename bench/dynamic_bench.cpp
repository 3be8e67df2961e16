// The dynamic engine (004), repeated timings with Google Benchmark. Instances are
// instances::random_environment with seed 1 and the shapes named in each benchmark
// (agents N, types K per agent, decisions X, horizon T, one public label, weight_max 2).
//   BM_ContractMode/N/K        one mode contraction (middle agent) of a K^N tensor, double
//   BM_ExpectNext/N/K          expect_next of W_2 for one decision, double
//   BM_SolveEfficient/N/K      solve_efficient (T = 4, X = 8), double; _Exact in Rational
//   BM_GumTransfer/N/K         gum_transfer at one (t, p, c) of period 2, double
// Counters: states (|Θ_t| per period, or of the tensor) and states/s.
#include <benchmark/benchmark.h>

#include <cstddef>
#include <vector>

#include "mechlab/core/rng.hpp"
#include "mechlab/dynamic/efficient.hpp"
#include "mechlab/dynamic/gum.hpp"
#include "mechlab/dynamic/model.hpp"
#include "mechlab/dynamic/random_instance.hpp"

namespace {

using mechlab::Rational;
namespace dyn = mechlab::dynamic;

template <class T>
dyn::Problem<T> problem_of(benchmark::State& state, std::size_t horizon = 4) {
  mechlab::Rng rng(1);
  const dyn::instances::RandomShape shape{.agents = static_cast<std::size_t>(state.range(0)),
                                          .horizon = horizon,
                                          .types = static_cast<std::size_t>(state.range(1)),
                                          .publics = 1,
                                          .decisions = 8,
                                          .weight_max = 2};
  return dyn::prepare(dyn::instances::random_environment<T>(rng, shape));
}

void set_counters(benchmark::State& state, std::size_t states) {
  state.counters["states"] = static_cast<double>(states);
  state.counters["states_per_s"] = benchmark::Counter(
      static_cast<double>(states), benchmark::Counter::kIsIterationInvariantRate);
}

void BM_ContractMode(benchmark::State& state) {
  const auto problem = problem_of<double>(state);
  const auto& space = problem.states[2];
  std::vector<std::size_t> dims(space.rank());
  for (std::size_t k = 0; k < dims.size(); ++k) dims[k] = space.radix(k);
  const std::size_t k = (dims.size() + 1) / 2;
  std::vector<const std::vector<double>*> rows;
  for (std::size_t a = 0; a < problem.states[1].radix(k); ++a) {
    rows.push_back(&problem.kernel_row(1, k, 0, a, 0));
  }
  const std::vector<double> in(space.size(), 1.5);
  std::vector<double> out;
  for (auto _ : state) {
    dyn::contract_mode(in, dims, k, rows, out);
    benchmark::DoNotOptimize(out.data());
  }
  set_counters(state, space.size());
}

void BM_ExpectNext(benchmark::State& state) {
  const auto problem = problem_of<double>(state);
  const auto e = dyn::solve_efficient(problem);
  for (auto _ : state) {
    auto g = dyn::expect_next(problem, 1, 0, e.W[2]);
    benchmark::DoNotOptimize(g.data());
  }
  set_counters(state, problem.states[1].size());
}

template <class T>
void solve(benchmark::State& state) {
  const auto problem = problem_of<T>(state);
  std::size_t states = 0;
  for (const auto& space : problem.states) states += space.size();
  for (auto _ : state) {
    auto e = dyn::solve_efficient(problem);
    benchmark::DoNotOptimize(e.W.data());
  }
  set_counters(state, states);
}

void BM_SolveEfficient(benchmark::State& state) { solve<double>(state); }
void BM_SolveEfficient_Exact(benchmark::State& state) { solve<Rational>(state); }

void BM_GumTransfer(benchmark::State& state) {
  const auto problem = problem_of<double>(state);
  const auto e = dyn::solve_efficient(problem);
  const std::size_t p = problem.states[1].size() / 3;
  const std::size_t c = problem.states[2].size() / 2;
  for (auto _ : state) {
    auto g = dyn::gum_transfer(problem, e, 2, p, c);
    benchmark::DoNotOptimize(g.y.data());
  }
  set_counters(state, problem.states[2].size());
}

BENCHMARK(BM_ContractMode)->Args({4, 6})->Args({6, 10})->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ExpectNext)->Args({4, 6})->Args({5, 10})->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SolveEfficient)
    ->Args({3, 4})
    ->Args({4, 6})
    ->Args({5, 8})
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SolveEfficient_Exact)->Args({3, 4})->Args({4, 4})->Unit(benchmark::kMillisecond);
BENCHMARK(BM_GumTransfer)->Args({4, 6})->Args({5, 10})->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
