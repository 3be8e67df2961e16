#include "mechlab/infosize/certify.hpp"

#include <array>
#include <cstdint>
#include <utility>

#include "mechlab/core/error.hpp"
#include "mechlab/infosize/reward.hpp"
#include "mechlab/mechanism/rules.hpp"

namespace mechlab::infosize {

namespace {

// Sign of a real; an undecided CertifiedReal counts as 0 (it cannot be divided by).
int real_sign(const CertifiedReal& x) { return x.sign().value_or(0); }
int real_sign(double x) { return sign_of(x); }

template <class T>
Preconditions<T> preconditions(const Instance<T>& instance) {
  const auto& p = instance.problem;
  Preconditions<T> pre;
  pre.full_support = p.support.full_marginals();
  pre.decomposition = validate(p, instance.signals);
  pre.decomposition_valid = pre.decomposition.valid();
  pre.zero_profiles = instance.signals.zero_profiles;
  bool first = true;
  for (std::size_t i = 0; i < p.agent_count(); ++i) {
    for (std::size_t k = 0; k < p.env.values[i].size(); ++k) {
      const T& v = p.env.values[i][k];
      if (sign_of(v) < 0 && pre.nonnegative_values) {
        pre.nonnegative_values = false;
        pre.negative_agent = i;
        pre.negative_entry = k;
      }
      if (first || v > pre.max_value) pre.max_value = v;
      first = false;
    }
  }
  pre.efficiency_ties = mechanism::efficient_choice(p).tie_profiles.size();
  return pre;
}

// D1_i(t_i, t_i') = Σ_{t_{-i}} P(t_{-i} | t_i) [v̂_i(q(t'); t) + α_i^q(t')] (spec §3.7).
template <class T>
T one_stage_deviation(const mechanism::Problem<T>& p, const mechanism::Mechanism<T>& m,
                      std::size_t i, std::size_t type, std::size_t lie) {
  const std::array<Fixing, 1> fixing{Fixing{i, type}};
  T d(0);
  for (const std::size_t t : p.profiles.cells_with(fixing)) {
    const T weight = p.belief(i, t);
    if (sign_of(weight) == 0) continue;
    d += weight * mechanism::payoff(p, m, i, p.with_type(t, i, lie), t);
  }
  return d;
}

template <class T>
MinimalScale<T> minimal_scale(const std::vector<StageOneConstraint<T>>& constraints, Level level,
                              std::size_t agents) {
  MinimalScale<T> out;
  out.level = level;
  out.agents.resize(agents);
  // Each constraint reads ε·S >= G. S > 0 and G > 0 give a floor G/S; S < 0
  // (a table or majority reward that a lie scores better on) gives a ceiling
  // G/S, negative when G > 0; S = 0 with G > 0 is impossible. ε*_L is the
  // largest floor if it stays below every ceiling; otherwise the witness is
  // the impossible constraint, or the lowest ceiling.
  std::vector<std::optional<T>> worst(agents);  // largest gain among impossible constraints
  std::optional<T> worst_all;
  std::vector<std::optional<std::size_t>> ceiling(agents);
  std::optional<std::size_t> ceiling_all;
  auto ratio_of = [&](std::size_t k) {
    return RealOf<T>(to_real(*constraints[k].gain(level)) / constraints[k].power);
  };
  auto impossible = [&](std::size_t k, const T& g) {
    const std::size_t i = constraints[k].agent;
    out.agents[i].status = ScaleStatus::infeasible;
    if (!worst[i] || g > *worst[i]) {
      worst[i] = g;
      out.agents[i].binding = k;
    }
    out.status = ScaleStatus::infeasible;
    if (!worst_all || g > *worst_all) {
      worst_all = g;
      out.binding = k;
    }
  };
  for (std::size_t k = 0; k < constraints.size(); ++k) {
    const auto& c = constraints[k];
    const std::optional<T> g = c.gain(level);
    if (!c.defined || !g) continue;
    const int s = real_sign(c.power);
    if (s < 0) {
      if (sign_of(*g) > 0) {
        impossible(k, *g);
        continue;
      }
      if (!ceiling[c.agent] || real_compare(ratio_of(k), ratio_of(*ceiling[c.agent])) < 0) {
        ceiling[c.agent] = k;
      }
      if (!ceiling_all || real_compare(ratio_of(k), ratio_of(*ceiling_all)) < 0) ceiling_all = k;
      continue;
    }
    if (sign_of(*g) <= 0) continue;
    if (s == 0) {
      impossible(k, *g);
      continue;
    }
    AgentScale<T>& agent = out.agents[c.agent];
    const RealOf<T> ratio = ratio_of(k);
    if (agent.status == ScaleStatus::feasible &&
        (!agent.binding || real_compare(ratio, agent.value) > 0)) {
      agent.value = ratio;
      agent.binding = k;
    }
    if (out.status == ScaleStatus::feasible &&
        (!out.binding || real_compare(ratio, out.value) > 0)) {
      out.value = ratio;
      out.binding = k;
    }
  }
  // A floor above a ceiling: no scale works; the ceiling is the witness.
  for (std::size_t i = 0; i < agents; ++i) {
    AgentScale<T>& agent = out.agents[i];
    if (agent.status == ScaleStatus::feasible && agent.binding && ceiling[i] &&
        real_compare(agent.value, ratio_of(*ceiling[i])) > 0) {
      agent.status = ScaleStatus::infeasible;
      agent.binding = ceiling[i];
    }
  }
  if (out.status == ScaleStatus::feasible && out.binding && ceiling_all &&
      real_compare(out.value, ratio_of(*ceiling_all)) > 0) {
    out.status = ScaleStatus::infeasible;
    out.binding = ceiling_all;
  }
  return out;
}

// max over the agents' ordered signal pairs of factor·numerator / S_i(a_i, r_i).
template <class T, class Numerator>
ScaleBound<T> pair_bound(const Instance<T>& instance, const std::vector<AgentMeasure<T>>& measures,
                         const T& factor, Numerator numerator) {
  ScaleBound<T> out;
  out.available = true;
  bool any = false;
  for (const auto& measure : measures) {
    const std::size_t i = measure.agent;
    for (const auto& pair : measure.pairs) {
      if (sign_of(instance.signals.q_signal[i][pair.truth]) == 0) continue;
      const T top = factor * numerator(pair);
      if (sign_of(top) <= 0) continue;
      const RealOf<T> s = power(instance.signals, instance.reward, i, pair.truth, pair.lie);
      // A negative power (lies score better) makes the bound meaningless: infinite too.
      const bool zero = real_sign(s) <= 0;
      if (out.infinite && !zero) continue;
      if (zero) {
        if (!out.infinite) {
          out.infinite = true;
          out.agent = i;
          out.truth = pair.truth;
          out.lie = pair.lie;
        }
        continue;
      }
      const RealOf<T> ratio = to_real(top) / s;
      if (!any || real_compare(ratio, out.value) > 0) {
        any = true;
        out.value = ratio;
        out.agent = i;
        out.truth = pair.truth;
        out.lie = pair.lie;
      }
    }
  }
  return out;
}

// 12 n M √|A| max_i ν_i / min_i Λ_i, guarded (spec §6.5, 6.6, 6.8).
template <class T>
ScaleBound<T> paper_bound(const Instance<T>& instance, const std::vector<AgentMeasure<T>>& measures,
                          const T& m) {
  ScaleBound<T> out;
  out.available = true;
  T max_nu(0);
  std::optional<RealOf<T>> min_lambda;        // nullopt: every Λ_i = +∞
  const AgentMeasure<T>* flattest = nullptr;  // the agent attaining min Λ
  for (const auto& measure : measures) {
    if (measure.nu > max_nu) {
      max_nu = measure.nu;
      out.agent = measure.agent;
      out.truth = measure.nu_at.first;
      out.lie = measure.nu_at.second;
    }
    if (measure.lambda && (!min_lambda || real_compare(*measure.lambda, *min_lambda) < 0)) {
      min_lambda = *measure.lambda;
      flattest = &measure;
    }
  }
  if (sign_of(m) == 0 || sign_of(max_nu) == 0 || !min_lambda) return out;  // ε = 0 works
  if (real_sign(*min_lambda) <= 0) {
    // Infinite because Λ = 0: name the pair of signals with identical beliefs.
    out.infinite = true;
    out.agent = flattest->agent;
    out.truth = flattest->lambda_at.first;
    out.lie = flattest->lambda_at.second;
    return out;
  }
  const auto n = static_cast<long>(instance.problem.agent_count());
  const auto size = static_cast<long>(instance.signals.profile_count());
  out.value = to_real(T(T(12 * n) * m * max_nu)) * real_sqrt(T(size)) / *min_lambda;
  return out;
}

}  // namespace

const char* level_name(Level level) {
  switch (level) {
    case Level::one_stage: return "one-stage";
    case Level::pbe: return "PBE";
    case Level::pointwise: return "pointwise";
  }
  return "?";
}

template <class T>
std::optional<T> StageOneConstraint<T>::gain(Level level) const {
  switch (level) {
    case Level::one_stage: return one_stage;
    case Level::pbe: return pbe;
    case Level::pointwise: return pointwise;
  }
  return std::nullopt;
}

template <class T>
const MinimalScale<T>& Certificate<T>::scale(Level level) const {
  switch (level) {
    case Level::one_stage: return one_stage;
    case Level::pbe: return pbe;
    case Level::pointwise: return pointwise;
  }
  throw InternalError("Certificate::scale: unknown level");
}

template <class T>
Budget<T> budget(const Instance<T>& instance, const RealOf<T>& scale) {
  const auto& p = instance.problem;
  const auto& s = instance.signals;
  const mechanism::Mechanism<T> m = mechanism::gvcg(p);
  Budget<T> out;
  out.scale = scale;
  // Unit rewards Σ_j s_j(a) once per signal profile reached.
  std::vector<std::optional<RealOf<T>>> unit(s.profile_count());
  bool first = true;
  for (std::size_t t = 0; t < p.profile_count(); ++t) {
    const T& weight = p.p_profile[t];
    if (sign_of(weight) == 0) continue;
    T revenue(0);
    for (std::size_t j = 0; j < p.agent_count(); ++j) revenue -= m.transfers[j][t];
    const std::size_t a = s.signal_profile(p.profiles, t);
    if (!unit[a]) {
      RealOf<T> total{};
      for (std::size_t j = 0; j < p.agent_count(); ++j) {
        total += unit_score(s, instance.reward, j, a);
      }
      unit[a] = total;
    }
    const RealOf<T> rewards = scale * *unit[a];
    out.expected_revenue += weight * revenue;
    out.expected_rewards += to_real(weight) * rewards;
    const RealOf<T> net = to_real(revenue) - rewards;
    if (first || real_compare(net, out.worst_net) < 0) {
      out.worst_net = net;
      out.worst_profile = t;
    }
    first = false;
  }
  out.net = to_real(out.expected_revenue) - out.expected_rewards;
  return out;
}

template <class T>
Certificate<T> certify(const Instance<T>& instance, const CertifyOptions& options,
                       Progress& progress) {
  const auto& p = instance.problem;
  const auto& s = instance.signals;
  const std::size_t n = p.agent_count();
  std::uint64_t total = 0;
  for (std::size_t i = 0; i < n; ++i) total += p.type_count(i) * (s.signal_count(i) - 1);
  progress.start("stage-1 incentive constraints", total);
  Certificate<T> cert;
  cert.preconditions = preconditions(instance);
  if (options.check_path) {
    cert.path = equilibrium_path(instance);
    cert.path_checked = true;
  }
  const mechanism::Mechanism<T> m = mechanism::gvcg(p);
  const PostedPosteriors<T> posted = posted_posteriors(s);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t type = 0; type < p.type_count(i); ++type) {
      const std::size_t truth = s.d.f[i][type];
      const T value = truthful_value(p, i, type);
      // Same-signal value lies: the posterior does not move, so VCG dominance
      // must make them unprofitable (spec §3.7); a reward on signals cannot help.
      for (std::size_t lie = 0; lie < p.type_count(i); ++lie) {
        if (lie == type || s.d.f[i][lie] != truth) continue;
        ++cert.same_signal_checked;
        const T gain = one_stage_deviation(p, m, i, type, lie) - value;
        if (sign_of(gain) > 0) cert.same_signal_violations.push_back({i, type, lie, gain});
      }
      for (std::size_t report = 0; report < s.signal_count(i); ++report) {
        if (report == truth) continue;
        StageOneConstraint<T> c;
        c.agent = i;
        c.type = type;
        c.truth = truth;
        c.report = report;
        c.value = value;
        for (std::size_t lie = 0; lie < p.type_count(i); ++lie) {
          if (s.d.f[i][lie] != report) continue;
          const T gain = one_stage_deviation(p, m, i, type, lie) - value;
          if (!c.one_stage || gain > *c.one_stage) {
            c.one_stage = gain;
            c.one_stage_type = lie;
          }
        }
        const StageOneReport<T> dev =
            stage_one_report(instance, posted, i, type, report, options.node_limit, false);
        c.pbe = dev.pbe - value;
        c.pointwise = dev.pointwise - value;
        c.undefined = dev.undefined.size();
        for (const auto& set : dev.sets) {
          if (!set.on_path) continue;
          ++c.information_sets;
          c.nodes += set.best.nodes;
        }
        const bool beliefs =
            sign_of(s.q_signal[i][truth]) > 0 && sign_of(s.q_signal[i][report]) > 0;
        if (beliefs) c.power = power(s, instance.reward, i, truth, report);
        c.defined = beliefs && dev.undefined.empty();
        if (!c.defined) ++cert.undefined_constraints;
        cert.constraints.push_back(std::move(c));
        progress.advance();
      }
    }
  }
  cert.one_stage = minimal_scale(cert.constraints, Level::one_stage, n);
  cert.pbe = minimal_scale(cert.constraints, Level::pbe, n);
  cert.pointwise = minimal_scale(cert.constraints, Level::pointwise, n);
  // ν, E and Λ need every posterior and belief; otherwise the bounds stay unavailable.
  bool measurable = s.zero_profiles.empty();
  for (std::size_t i = 0; i < n && measurable; ++i) {
    for (const T& q : s.q_signal[i]) measurable = measurable && sign_of(q) > 0;
  }
  if (measurable) {
    for (std::size_t i = 0; i < n; ++i) cert.measures.push_back(measure_agent(s, i));
    const T& big_m = cert.preconditions.max_value;
    const auto count = static_cast<long>(n);
    cert.reference = pair_bound(instance, cert.measures, T(T(2 * count) * big_m),
                                [](const PairSize<T>& pair) { return pair.expected_move; });
    cert.nu = pair_bound(instance, cert.measures, T(T(6 * count) * big_m),
                         [](const PairSize<T>& pair) { return pair.nu; });
    cert.paper = paper_bound(instance, cert.measures, big_m);
  }
  // Scores need every belief defined; without (C0) there is no budget to speak of.
  if (cert.pbe.status == ScaleStatus::feasible && cert.preconditions.hold()) {
    cert.budget = budget(instance, cert.pbe.value);
  }
  return cert;
}

#define MECHLAB_INSTANTIATE(T)                                     \
  template struct StageOneConstraint<T>;                           \
  template struct Certificate<T>;                                  \
  template Budget<T> budget(const Instance<T>&, const RealOf<T>&); \
  template Certificate<T> certify(const Instance<T>&, const CertifyOptions&, Progress&);
MECHLAB_INSTANTIATE(Rational)
MECHLAB_INSTANTIATE(double)
#undef MECHLAB_INSTANTIATE

}  // namespace mechlab::infosize
