// Throughput of the exact audit: every constraint of every property is
// enumerated, so the natural limit is the constraint count; the benchmark
// reports constraints per second (items_per_second) and the count itself.
//
//   BM_AuditExact<k>   audit(Problem<Rational>) of VCG on a 3-bidder auction with
//                      values 1..k (k^3 type profiles), all ten properties
//   BM_AuditDouble<k>  the same in double precision
//
// The exact / double ratio at equal k is the price of exactness.
#include <benchmark/benchmark.h>

#include "mechlab/mechanism/audit.hpp"
#include "mechlab/mechanism/instances.hpp"
#include "mechlab/mechanism/rules.hpp"

namespace {

namespace mech = mechlab::mechanism;

template <class T>
mech::Problem<T> problem(std::size_t k) {
  const auto env = mech::instances::auction(3, k);
  if constexpr (std::is_same_v<T, mechlab::Rational>) {
    return mech::prepare(env);
  } else {
    mech::Environment<double> d;
    d.agents = env.agents;
    d.types = env.types;
    d.states = env.states;
    d.alternatives = env.alternatives;
    for (const auto& p : env.prior) d.prior.push_back(mechlab::to_double(p));
    for (const auto& v : env.values) {
      d.values.emplace_back();
      for (const auto& x : v) d.values.back().push_back(mechlab::to_double(x));
    }
    return mech::prepare(std::move(d));
  }
}

template <class T>
void BM_Audit(benchmark::State& state) {
  const auto p = problem<T>(static_cast<std::size_t>(state.range(0)));
  const auto m = mech::vcg(p);
  double constraints = 0;
  for (const auto prop : mech::kAllProperties) constraints += mech::audit_size(p, prop);
  for (auto _ : state) {
    auto a = mech::audit(p, m);
    benchmark::DoNotOptimize(a);
  }
  state.counters["profiles"] = static_cast<double>(p.profile_count());
  state.counters["constraints"] = constraints;
  state.SetItemsProcessed(static_cast<std::int64_t>(constraints) * state.iterations());
}

void BM_AuditExact(benchmark::State& state) { BM_Audit<mechlab::Rational>(state); }
void BM_AuditDouble(benchmark::State& state) { BM_Audit<double>(state); }

BENCHMARK(BM_AuditExact)->Arg(5)->Arg(10)->Arg(20)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_AuditDouble)->Arg(5)->Arg(10)->Arg(20)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
