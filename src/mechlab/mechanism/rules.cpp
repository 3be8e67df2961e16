#include "mechlab/mechanism/rules.hpp"

#include <fmt/format.h>

#include "mechlab/core/error.hpp"

namespace mechlab::mechanism {

template <class T>
EfficientChoice efficient_choice(const Problem<T>& problem) {
  const std::size_t n = problem.agent_count();
  const std::size_t alternatives = problem.alternative_count();
  EfficientChoice out;
  out.choice.resize(problem.profile_count());
  for (std::size_t t = 0; t < problem.profile_count(); ++t) {
    std::size_t best = 0;
    T best_welfare = T(0);
    bool tie = false;
    for (std::size_t c = 0; c < alternatives; ++c) {
      T w = T(0);
      for (std::size_t i = 0; i < n; ++i) w += problem.value_hat(i, t, c);
      if (c == 0 || sign_of(T(w - best_welfare)) > 0) {
        best = c;
        best_welfare = w;
        tie = false;
      } else if (sign_of(T(w - best_welfare)) == 0) {
        tie = true;
      }
    }
    out.choice[t] = best;
    if (tie) out.tie_profiles.push_back(t);
  }
  return out;
}

template <class T>
Mechanism<T> efficient_mechanism(const Problem<T>& problem) {
  const EfficientChoice choice = efficient_choice(problem);
  const std::size_t alternatives = problem.alternative_count();
  Mechanism<T> m;
  m.name = "efficient";
  m.outcome.assign(problem.profile_count() * alternatives, T(0));
  for (std::size_t t = 0; t < problem.profile_count(); ++t) {
    m.outcome[t * alternatives + choice.choice[t]] = T(1);
  }
  m.transfers.assign(problem.agent_count(), std::vector<T>(problem.profile_count(), T(0)));
  return m;
}

template <class T>
std::vector<std::vector<T>> clarke_transfers(const Problem<T>& problem,
                                             const std::vector<T>& outcome) {
  const std::size_t n = problem.agent_count();
  const std::size_t alternatives = problem.alternative_count();
  std::vector<std::vector<T>> x(n, std::vector<T>(problem.profile_count(), T(0)));
  std::vector<T> welfare(alternatives);
  for (std::size_t t = 0; t < problem.profile_count(); ++t) {
    for (std::size_t c = 0; c < alternatives; ++c) {
      welfare[c] = T(0);
      for (std::size_t j = 0; j < n; ++j) welfare[c] += problem.value_hat(j, t, c);
    }
    for (std::size_t i = 0; i < n; ++i) {
      // Welfare of the others at each alternative = total minus own.
      T chosen = T(0);
      T best = T(0);
      for (std::size_t c = 0; c < alternatives; ++c) {
        const T others = welfare[c] - problem.value_hat(i, t, c);
        const T& q = outcome[t * alternatives + c];
        if (sign_of(q) != 0) chosen += q * others;
        if (c == 0 || others > best) best = others;
      }
      x[i][t] = chosen - best;
    }
  }
  return x;
}

template <class T>
Mechanism<T> gvcg(const Problem<T>& problem) {
  Mechanism<T> m = efficient_mechanism(problem);
  m.name = problem.private_values() ? "vcg" : "gvcg";
  m.transfers = clarke_transfers(problem, m.outcome);
  return m;
}

template <class T>
Mechanism<T> vcg(const Problem<T>& problem) {
  if (!problem.private_values()) {
    throw InputError("/mechanism/transfers",
                     "\"gvcg\" for a model with several states (VCG is the private-values case)",
                     "\"vcg\"");
  }
  return gvcg(problem);
}

template <class T>
Mechanism<T> agv(const Problem<T>& problem, const Mechanism<T>& base, const std::string& where) {
  const std::size_t n = problem.agent_count();
  if (n < 2) throw InputError(where, "at least two agents for AGV", "one agent");
  if (!problem.independent_types) {
    throw InputError(where, "independent types for AGV (P_T = Π_i P_{T_i})", "a correlated prior");
  }
  const std::size_t profiles = problem.profile_count();
  // E_q[Σ_{j≠i} v̂_j(q(t); t)] at each profile, then its expectation given t_i.
  std::vector<std::vector<T>> gamma(n);
  for (std::size_t i = 0; i < n; ++i) {
    gamma[i].assign(problem.type_count(i), T(0));
    T mean = T(0);
    for (std::size_t t = 0; t < profiles; ++t) {
      T others = T(0);
      for (std::size_t j = 0; j < n; ++j) {
        if (j != i) others += outcome_value(problem, base, j, t, t);
      }
      const std::size_t ti = problem.profiles.digit(t, i);
      gamma[i][ti] += problem.belief(i, t) * others;
      mean += problem.p_profile[t] * others;
    }
    for (T& g : gamma[i]) g -= mean;
  }
  Mechanism<T> m = base;
  m.name = "agv";
  const T share = T(1) / T(static_cast<long>(n - 1));
  for (std::size_t t = 0; t < profiles; ++t) {
    T total = T(0);
    for (std::size_t j = 0; j < n; ++j) total += gamma[j][problem.profiles.digit(t, j)];
    for (std::size_t i = 0; i < n; ++i) {
      const T& own = gamma[i][problem.profiles.digit(t, i)];
      m.transfers[i][t] = own - share * (total - own);
    }
  }
  return m;
}

template <class T>
Mechanism<T> augment(Mechanism<T> m, const std::vector<std::vector<T>>& rewards,
                     const std::string& where) {
  if (rewards.size() != m.transfers.size()) {
    throw InputError(where, fmt::format("{} reward tables (one per agent)", m.transfers.size()),
                     fmt::format("{}", rewards.size()));
  }
  for (std::size_t i = 0; i < rewards.size(); ++i) {
    const std::string at = fmt::format("{}/{}", where, i);
    if (rewards[i].size() != m.transfers[i].size()) {
      throw InputError(at, fmt::format("{} rewards (one per type profile)", m.transfers[i].size()),
                       fmt::format("{}", rewards[i].size()));
    }
    for (std::size_t t = 0; t < rewards[i].size(); ++t) {
      if (sign_of(rewards[i][t]) < 0) {
        throw InputError(fmt::format("{}/{}", at, t), "a non-negative reward (003 Def. 4)",
                         NumberTraits<T>::to_text(rewards[i][t]));
      }
      m.transfers[i][t] += rewards[i][t];
    }
  }
  m.name += "+rewards";
  return m;
}

template EfficientChoice efficient_choice(const Problem<Rational>&);
template Mechanism<Rational> efficient_mechanism(const Problem<Rational>&);
template std::vector<std::vector<Rational>> clarke_transfers(const Problem<Rational>&,
                                                             const std::vector<Rational>&);
template Mechanism<Rational> vcg(const Problem<Rational>&);
template Mechanism<Rational> gvcg(const Problem<Rational>&);
template Mechanism<Rational> agv(const Problem<Rational>&, const Mechanism<Rational>&,
                                 const std::string&);
template Mechanism<Rational> augment(Mechanism<Rational>, const std::vector<std::vector<Rational>>&,
                                     const std::string&);
template EfficientChoice efficient_choice(const Problem<double>&);
template Mechanism<double> efficient_mechanism(const Problem<double>&);
template std::vector<std::vector<double>> clarke_transfers(const Problem<double>&,
                                                           const std::vector<double>&);
template Mechanism<double> vcg(const Problem<double>&);
template Mechanism<double> gvcg(const Problem<double>&);
template Mechanism<double> agv(const Problem<double>&, const Mechanism<double>&,
                               const std::string&);
template Mechanism<double> augment(Mechanism<double>, const std::vector<std::vector<double>>&,
                                   const std::string&);

}  // namespace mechlab::mechanism
