// Finite social choice problems and direct mechanisms (003 §1.2; 004 §3.7).
//
// Agents i = 0..n-1 have finite type sets T_i; Θ is a finite set of states
// (one state: private values); P is a joint prior on Θ × T, correlated types
// allowed; C is a finite set of alternatives listed in tie-break order;
// v_i(c, θ, t_i) are the valuations. A mechanism is an outcome rule
// q: T -> Δ(C) and transfers x_i: T -> R paid *to* agent i, so agent i's
// payoff is v̂_i(q(t); t) + x_i(t) and Σ_i x_i(t) <= 0 is feasibility.
//
// Everything here is plain data; Problem<T> adds the derived tables every
// algorithm reads (marginals, beliefs, interim values v̂).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "mechlab/core/index_space.hpp"
#include "mechlab/core/rational.hpp"

namespace mechlab::mechanism {

template <class T>
struct Environment {
  std::vector<std::string> agents;              // names, one per agent
  std::vector<std::vector<std::string>> types;  // T_i labels, by agent
  std::vector<std::string> states = {"-"};      // Θ labels; one state = private values
  std::vector<std::string> alternatives;        // C, in tie-break order (first wins)
  // P(θ, t) at θ·|T| + t, where t is the row-major index of the type profile
  // (agent 0 slowest).
  std::vector<T> prior;
  // values[i][(c·|Θ| + θ)·|T_i| + t_i] = v_i(c, θ, t_i).
  std::vector<std::vector<T>> values;
};

// Which parts of Δ*(Θ × T) (003 §1.2) the prior meets. Types of probability
// zero are rejected on input; zero profiles are allowed with private values
// (v̂ does not need a posterior there) and rejected otherwise.
struct Support {
  std::vector<std::size_t> zero_states;    // θ with P_Θ(θ) = 0
  std::vector<std::size_t> zero_profiles;  // t with P_T(t) = 0
  bool full_marginals() const { return zero_states.empty() && zero_profiles.empty(); }
};

// An environment with its derived tables. Build it with prepare().
template <class T>
struct Problem {
  Environment<T> env;
  IndexSpace profiles;                 // T = ×_i T_i, coordinates named by the agents
  std::vector<T> p_profile;            // P_T(t)
  std::vector<std::vector<T>> p_type;  // P_{T_i}(t_i), by agent
  // v̂_i(c; t) = Σ_θ v_i(c, θ, t_i) P_Θ(θ | t), at vhat[i][t·|C| + c]
  // (0 where P_T(t) = 0, which only private values allow: then v̂ = v).
  std::vector<std::vector<T>> vhat;
  Support support;
  bool independent_types = false;  // P_T = Π_i P_{T_i} (exactly, or within tolerance)

  std::size_t agent_count() const { return env.agents.size(); }
  std::size_t alternative_count() const { return env.alternatives.size(); }
  std::size_t state_count() const { return env.states.size(); }
  std::size_t profile_count() const { return profiles.size(); }
  bool private_values() const { return env.states.size() == 1; }
  std::size_t type_count(std::size_t i) const { return env.types[i].size(); }

  // P(t_{-i} | t_i) for the profile t (agent i's belief about the others).
  T belief(std::size_t i, std::size_t t) const {
    return p_profile[t] / p_type[i][profiles.digit(t, i)];
  }
  const T& value_hat(std::size_t i, std::size_t t, std::size_t c) const {
    return vhat[i][t * alternative_count() + c];
  }
  const T& value(std::size_t i, std::size_t c, std::size_t theta, std::size_t type) const {
    return env.values[i][(c * state_count() + theta) * type_count(i) + type];
  }
  // The profile t with agent i's type replaced by `type`.
  std::size_t with_type(std::size_t t, std::size_t i, std::size_t type) const {
    return profiles.with_digit(t, i, type);
  }
  // "(buyer=H, seller=L)".
  std::string profile_name(std::size_t t) const { return profiles.cell_name(t); }
};

// Validates the environment's shapes and the prior (entries non-negative,
// sum 1, every type of positive probability, posteriors defined where needed),
// then computes the derived tables. Throws InputError with a JSON pointer into
// the model file's layout ("/prior", "/agents/1/types", ...).
template <class T>
Problem<T> prepare(Environment<T> env);

// A direct mechanism (q, x).
template <class T>
struct Mechanism {
  std::string name;  // "vcg", "gvcg", "agv", "table", ... for reports
  // q(c | t) at outcome[t·|C| + c]; a deterministic rule puts 1 on one c.
  std::vector<T> outcome;
  // x_i(t) at transfers[i][t], paid to agent i.
  std::vector<std::vector<T>> transfers;

  const T& q(std::size_t t, std::size_t c, std::size_t alternatives) const {
    return outcome[t * alternatives + c];
  }
};

// Σ_c q(c|report) v̂_i(c; truth): agent i's expected value of the outcome the
// reported profile induces, judged at the true profile (003 §3.7).
template <class T>
T outcome_value(const Problem<T>& problem, const Mechanism<T>& m, std::size_t i, std::size_t report,
                std::size_t truth);

// Agent i's payoff when the profile `report` is announced and `truth` holds:
// outcome_value + x_i(report).
template <class T>
T payoff(const Problem<T>& problem, const Mechanism<T>& m, std::size_t i, std::size_t report,
         std::size_t truth);

// Checks that a mechanism has the problem's sizes and each q(·|t) is a
// probability vector; throws InputError at `where` otherwise.
template <class T>
void check_mechanism(const Problem<T>& problem, const Mechanism<T>& m,
                     const std::string& where = "/mechanism");

extern template Problem<Rational> prepare(Environment<Rational>);
extern template Problem<double> prepare(Environment<double>);
extern template Rational outcome_value(const Problem<Rational>&, const Mechanism<Rational>&,
                                       std::size_t, std::size_t, std::size_t);
extern template double outcome_value(const Problem<double>&, const Mechanism<double>&, std::size_t,
                                     std::size_t, std::size_t);
extern template Rational payoff(const Problem<Rational>&, const Mechanism<Rational>&, std::size_t,
                                std::size_t, std::size_t);
extern template double payoff(const Problem<double>&, const Mechanism<double>&, std::size_t,
                              std::size_t, std::size_t);
extern template void check_mechanism(const Problem<Rational>&, const Mechanism<Rational>&,
                                     const std::string&);
extern template void check_mechanism(const Problem<double>&, const Mechanism<double>&,
                                     const std::string&);

}  // namespace mechlab::mechanism
