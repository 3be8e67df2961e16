#include "mechlab/mechanism/model.hpp"

#include <fmt/format.h>

#include <cmath>

#include "mechlab/core/error.hpp"

namespace mechlab::mechanism {

namespace {

template <class T>
void check_shapes(const Environment<T>& env) {
  const std::size_t n = env.agents.size();
  if (n == 0) throw InputError("/agents", "at least one agent", "none");
  if (env.types.size() != n) {
    throw InputError("/agents", "type labels for every agent",
                     fmt::format("{} type lists for {} agents", env.types.size(), n));
  }
  if (env.states.empty()) throw InputError("/states", "at least one state", "none");
  if (env.alternatives.empty()) {
    throw InputError("/alternatives", "at least one alternative", "none");
  }
  if (env.values.size() != n) {
    throw InputError("/agents", "valuations for every agent",
                     fmt::format("{} valuation tables", env.values.size()));
  }
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t want = env.alternatives.size() * env.states.size() * env.types[i].size();
    if (env.values[i].size() != want) {
      throw InputError(fmt::format("/agents/{}/values", i),
                       fmt::format("{} numbers (alternatives × states × types)", want),
                       fmt::format("{}", env.values[i].size()));
    }
    for (std::size_t k = 0; k < want; ++k) {
      check_number(env.values[i][k], fmt::format("/agents/{}/values", i), false);
    }
  }
}

}  // namespace

template <class T>
Problem<T> prepare(Environment<T> env) {
  check_shapes(env);
  Problem<T> p;
  std::vector<Coordinate> coords;
  coords.reserve(env.agents.size());
  for (std::size_t i = 0; i < env.agents.size(); ++i) {
    coords.push_back({env.agents[i], env.types[i]});
  }
  try {
    p.profiles = IndexSpace(std::move(coords));
  } catch (const InputError& e) {
    throw e.with_prefix("/agents");
  }
  const std::size_t n = env.agents.size();
  const std::size_t m = env.states.size();
  const std::size_t profiles = p.profiles.size();
  const std::size_t alternatives = env.alternatives.size();
  if (env.prior.size() != m * profiles) {
    throw InputError("/prior",
                     fmt::format("{} probabilities (states × type profiles)", m * profiles),
                     fmt::format("{}", env.prior.size()));
  }
  T total = T(0);
  for (std::size_t k = 0; k < env.prior.size(); ++k) {
    check_number(env.prior[k], "/prior", true);
    total += env.prior[k];
  }
  if (!nearly_equal(total, T(1))) {
    throw InputError("/prior", "probabilities summing to 1",
                     "a sum of " + NumberTraits<T>::to_text(total));
  }

  p.p_profile.assign(profiles, T(0));
  std::vector<T> p_state(m, T(0));
  for (std::size_t theta = 0; theta < m; ++theta) {
    for (std::size_t t = 0; t < profiles; ++t) {
      const T& x = env.prior[theta * profiles + t];
      p.p_profile[t] += x;
      p_state[theta] += x;
    }
  }
  for (std::size_t theta = 0; theta < m; ++theta) {
    if (sign_of(p_state[theta]) == 0) p.support.zero_states.push_back(theta);
  }
  p.p_type.resize(n);
  for (std::size_t i = 0; i < n; ++i) p.p_type[i].assign(env.types[i].size(), T(0));
  for (std::size_t t = 0; t < profiles; ++t) {
    if (sign_of(p.p_profile[t]) == 0) p.support.zero_profiles.push_back(t);
    for (std::size_t i = 0; i < n; ++i) p.p_type[i][p.profiles.digit(t, i)] += p.p_profile[t];
  }
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t k = 0; k < env.types[i].size(); ++k) {
      if (sign_of(p.p_type[i][k]) == 0) {
        throw InputError("/prior",
                         fmt::format("positive probability for every type (agent {}'s type {} "
                                     "has none, so its beliefs are undefined)",
                                     env.agents[i], env.types[i][k]),
                         "0");
      }
    }
  }
  if (m > 1 && !p.support.zero_profiles.empty()) {
    throw InputError("/prior",
                     "positive probability for every type profile when there are several states "
                     "(the posterior P(θ|t) must be defined)",
                     "0 at " + p.profiles.cell_name(p.support.zero_profiles.front()));
  }

  p.independent_types = true;
  for (std::size_t t = 0; t < profiles && p.independent_types; ++t) {
    T product = T(1);
    for (std::size_t i = 0; i < n; ++i) product *= p.p_type[i][p.profiles.digit(t, i)];
    p.independent_types = nearly_equal(product, p.p_profile[t]);
  }

  p.vhat.assign(n, std::vector<T>(profiles * alternatives, T(0)));
  p.env = std::move(env);
  for (std::size_t t = 0; t < profiles; ++t) {
    const bool defined = sign_of(p.p_profile[t]) != 0;
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t ti = p.profiles.digit(t, i);
      for (std::size_t c = 0; c < alternatives; ++c) {
        T& out = p.vhat[i][t * alternatives + c];
        if (m == 1) {
          out = p.value(i, c, 0, ti);
        } else if (defined) {
          for (std::size_t theta = 0; theta < m; ++theta) {
            out += p.value(i, c, theta, ti) * p.env.prior[theta * profiles + t];
          }
          out /= p.p_profile[t];
        }
      }
    }
  }
  return p;
}

template <class T>
T outcome_value(const Problem<T>& problem, const Mechanism<T>& m, std::size_t i, std::size_t report,
                std::size_t truth) {
  const std::size_t alternatives = problem.alternative_count();
  T v = T(0);
  for (std::size_t c = 0; c < alternatives; ++c) {
    const T& q = m.q(report, c, alternatives);
    if (sign_of(q) != 0) v += q * problem.value_hat(i, truth, c);
  }
  return v;
}

template <class T>
T payoff(const Problem<T>& problem, const Mechanism<T>& m, std::size_t i, std::size_t report,
         std::size_t truth) {
  return outcome_value(problem, m, i, report, truth) + m.transfers[i][report];
}

template <class T>
void check_mechanism(const Problem<T>& problem, const Mechanism<T>& m, const std::string& where) {
  const std::size_t profiles = problem.profile_count();
  const std::size_t alternatives = problem.alternative_count();
  if (m.outcome.size() != profiles * alternatives) {
    throw InputError(
        where + "/outcome",
        fmt::format("{} outcome probabilities (profiles × alternatives)", profiles * alternatives),
        fmt::format("{}", m.outcome.size()));
  }
  for (std::size_t t = 0; t < profiles; ++t) {
    T sum = T(0);
    const std::string at = fmt::format("{}/outcome/{}", where, t);
    for (std::size_t c = 0; c < alternatives; ++c) {
      check_number(m.q(t, c, alternatives), at, true);
      sum += m.q(t, c, alternatives);
    }
    if (!nearly_equal(sum, T(1))) {
      throw InputError(at, "outcome probabilities summing to 1 at " + problem.profile_name(t),
                       "a sum of " + NumberTraits<T>::to_text(sum));
    }
  }
  if (m.transfers.size() != problem.agent_count()) {
    throw InputError(where + "/transfers", "one transfer table per agent",
                     fmt::format("{} tables", m.transfers.size()));
  }
  for (std::size_t i = 0; i < m.transfers.size(); ++i) {
    const std::string at = fmt::format("{}/transfers/{}", where, i);
    if (m.transfers[i].size() != profiles) {
      throw InputError(at, fmt::format("{} transfers (one per type profile)", profiles),
                       fmt::format("{}", m.transfers[i].size()));
    }
    for (const T& x : m.transfers[i]) check_number(x, at, false);
  }
}

template Problem<Rational> prepare(Environment<Rational>);
template Problem<double> prepare(Environment<double>);
template Rational outcome_value(const Problem<Rational>&, const Mechanism<Rational>&, std::size_t,
                                std::size_t, std::size_t);
template double outcome_value(const Problem<double>&, const Mechanism<double>&, std::size_t,
                              std::size_t, std::size_t);
template Rational payoff(const Problem<Rational>&, const Mechanism<Rational>&, std::size_t,
                         std::size_t, std::size_t);
template double payoff(const Problem<double>&, const Mechanism<double>&, std::size_t, std::size_t,
                       std::size_t);
template void check_mechanism(const Problem<Rational>&, const Mechanism<Rational>&,
                              const std::string&);
template void check_mechanism(const Problem<double>&, const Mechanism<double>&, const std::string&);

}  // namespace mechlab::mechanism
