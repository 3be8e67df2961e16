// Reward systems ζ_i = ε·s_i and their incentive power S_i (003 §3, Lemma C;
// spec §3.6). A unit score s_i(a_{-i}, r_i) ∈ [0, 1] is paid for the reported
// signal r_i against the others' reports a_{-i}; the power
//   S_i(a_i, r_i) = Σ_{a_{-i}} Q(a_{-i} | a_i) [s_i(a_{-i}, a_i) − s_i(a_{-i}, r_i)]
// is what a truthful report gains in expected score over the lie r_i. Every
// certificate uses a reward family only through S and max s = 1.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "mechlab/core/certified_real.hpp"
#include "mechlab/infosize/decomposition.hpp"

namespace mechlab::infosize {

enum class RewardFamily {
  spherical,  // s = q_{r_i}(a_{-i}) / ‖q_{r_i}‖₂ (the paper's, Lemma C)
  quadratic,  // s = (2 q_{r_i}(a_{-i}) − ‖q_{r_i}‖₂² + 1) / 2 (Brier) [ext]
  majority,   // s = 1{r_i agrees with >= ⌈(n−1)/2⌉ others} (Section 2), by signal label
  table,      // user-given s_i(a) ∈ [0, 1]
};

const char* reward_name(RewardFamily family);

template <class T>
struct RewardSystem {
  RewardFamily family = RewardFamily::spherical;
  // table family only: s_i(a) at table[i][a], a a signal profile (a_i = the report).
  std::vector<std::vector<T>> table;
};

// s_i at the signal profile a, where a_i is i's report.
template <class T>
RealOf<T> unit_score(const SignalStructure<T>& s, const RewardSystem<T>& reward, std::size_t i,
                     std::size_t a);

// S_i(a_i, r_i).
template <class T>
RealOf<T> power(const SignalStructure<T>& s, const RewardSystem<T>& reward, std::size_t i,
                std::size_t truth, std::size_t lie);

// Agents none of whose signal labels is also a signal label of another agent:
// the majority reward compares labels, so their score is always 0 (as after a
// "coarsest" decomposition, whose labels are per-agent type names).
template <class T>
std::vector<std::size_t> agents_without_shared_labels(const SignalStructure<T>& s);

// ε Σ_a Q_A(a) Σ_i s_i(a) / ε: the expected unit outlay under truth-telling.
template <class T>
RealOf<T> expected_unit_outlay(const SignalStructure<T>& s, const RewardSystem<T>& reward);

}  // namespace mechlab::infosize
