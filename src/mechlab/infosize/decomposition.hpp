// Information decompositions D = ((A_i, f_i), Q) (003 Def. 2, spec §3.1–3.2).
//
// Each type t_i is compressed to a signal f_i(t_i) ∈ A_i that carries what
// matters for predicting the state θ and the others' signals; Q is a joint law
// on Θ × A. The trivial decomposition (A_i = T_i, Q = P) always exists; the
// coarsest valid one (partition refinement) is what stage 1 of the two-stage
// mechanism must elicit.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "mechlab/core/index_space.hpp"
#include "mechlab/core/rational.hpp"
#include "mechlab/mechanism/model.hpp"

namespace mechlab::infosize {

template <class T>
struct Decomposition {
  std::vector<std::vector<std::string>> signals;  // A_i labels, by agent
  std::vector<std::vector<std::size_t>> f;        // f_i(t_i) ∈ A_i, by agent and type
  // Q(θ, a) at θ·|A| + a, a row-major over A (agent 0 slowest), as the prior.
  std::vector<T> joint;
};

// A decomposition with its derived tables (003 §3.1). Build it with analyse().
template <class T>
struct SignalStructure {
  Decomposition<T> d;
  IndexSpace profiles;                   // A = ×_i A_i, coordinates named by the agents
  std::size_t states = 0;                // |Θ|
  std::vector<T> q_profile;              // Q_A(a)
  std::vector<std::vector<T>> q_signal;  // Q_{A_i}(a_i), by agent
  // ρ(a)(θ) = Q_Θ(θ | a) at a·|Θ| + θ; zero where Q_A(a) = 0.
  std::vector<T> posterior;
  std::vector<std::size_t> zero_profiles;  // a with Q_A(a) = 0: ρ(a) undefined

  std::size_t agent_count() const { return d.signals.size(); }
  std::size_t signal_count(std::size_t i) const { return d.signals[i].size(); }
  std::size_t profile_count() const { return profiles.size(); }
  // Q_{A_{-i}}(a_{-i} | a_i) for the signal profile a (0 if Q_{A_i}(a_i) = 0).
  T belief(std::size_t i, std::size_t a) const;
  std::span<const T> rho(std::size_t a) const { return {posterior.data() + a * states, states}; }
  bool defined(std::size_t a) const { return q_profile[a] != T(0); }
  // f(t) for the type profile t of `problem`.
  std::size_t signal_profile(const IndexSpace& type_profiles, std::size_t t) const;
};

// Checks shapes (f_i maps into A_i, Q has |Θ|·|A| entries, non-negative, sums
// to 1) and computes the derived tables. InputError pointers are relative to
// the decomposition object ("/f/1/0", "/joint/3", ...); callers prefix them.
template <class T>
SignalStructure<T> analyse(Decomposition<T> d, const mechanism::Problem<T>& problem);

// Q(θ, a) = Σ_{t : f(t) = a} P(θ, t): the pushforward of the prior (spec §2).
template <class T>
Decomposition<T> pushforward(const mechanism::Problem<T>& problem,
                             std::vector<std::vector<std::string>> signals,
                             std::vector<std::vector<std::size_t>> f);

// A_i = T_i, f_i = id, Q = P.
template <class T>
Decomposition<T> trivial(const mechanism::Problem<T>& problem);

// The maximum violation of Def. 2 (ii) and (iii), with where it is attained
// (spec §3.2). Exact zero in rational mode means the decomposition is valid.
template <class T>
struct Validation {
  T posterior_gap = T(0);             // max_t ‖P_Θ(·|t) − ρ(f(t))‖₁
  std::size_t posterior_profile = 0;  // the type profile t attaining it
  T belief_gap = T(0);  // max |Σ_{t_{-i} ∈ f^{-1}(a_{-i})} P(t_{-i}|t_i) − Q(a_{-i}|f_i(t_i))|
  std::size_t belief_agent = 0;
  std::size_t belief_type = 0;     // t_i
  std::size_t belief_profile = 0;  // a signal profile whose a_{-i} attains it (a_i = f_i(t_i))
  std::vector<std::size_t> zero_profiles;                // a with Q_A(a) = 0
  std::vector<std::vector<std::size_t>> unused_signals;  // a_i outside f_i(T_i), by agent
  std::vector<std::vector<std::size_t>> zero_signals;    // a_i with Q_{A_i}(a_i) = 0

  bool valid() const;  // both gaps zero (within tolerance in double mode)
};

template <class T>
Validation<T> validate(const mechanism::Problem<T>& problem, const SignalStructure<T>& s);

// The unique coarsest valid decomposition, by partition refinement (spec §3.2):
// start from Θ-equivalence, split by beliefs over the others' current classes
// until stable; A_i are the classes (labelled by their first type, "a|b" when
// several), Q is the pushforward.
template <class T>
Decomposition<T> coarsest(const mechanism::Problem<T>& problem);

}  // namespace mechlab::infosize
