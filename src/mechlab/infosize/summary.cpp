#include "mechlab/infosize/summary.hpp"

#include "mechlab/infosize/reward.hpp"

namespace mechlab::infosize {

template <class T>
SizeSummary<T> summarize(const Instance<T>& instance, Progress& progress) {
  const auto& s = instance.signals;
  SizeSummary<T> out;
  out.validation = validate(instance.problem, s);
  out.signal_profiles = s.profile_count();
  for (const auto& v : instance.problem.env.values) {
    for (const T& x : v) {
      if (x > out.max_value) out.max_value = x;
    }
  }
  const RealOf<T> lemma_c_factor =
      RealOf<T>(T(1)) / (RealOf<T>(T(2)) * real_sqrt(T(static_cast<long>(s.profile_count()))));
  progress.start("informational size and variability, by agent", s.agent_count());
  for (std::size_t i = 0; i < s.agent_count(); ++i) {
    progress.check();
    AgentMeasure<T> m = measure_agent(s, i);
    std::vector<PairMeasure<T>> rows;
    for (const PairSize<T>& p : m.pairs) {
      const RealOf<T> lambda = variability(s, i, p.truth, p.lie);
      rows.push_back(
          {lambda, power(s, instance.reward, i, p.truth, p.lie), lambda * lemma_c_factor});
    }
    if (m.nu > out.max_nu) out.max_nu = m.nu;
    if (m.lambda && (!out.min_lambda || real_compare(*m.lambda, *out.min_lambda) < 0)) {
      out.min_lambda = m.lambda;
    }
    out.agents.push_back(std::move(m));
    out.pairs.push_back(std::move(rows));
    progress.advance();
  }
  return out;
}

template SizeSummary<Rational> summarize(const Instance<Rational>&, Progress&);
template SizeSummary<double> summarize(const Instance<double>&, Progress&);

}  // namespace mechlab::infosize
