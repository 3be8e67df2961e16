// Deliberation protocols (002 Assumption 1, spec §1.3, §3.1): a protocol is the
// multilinear extension of a monotone Boolean function, given by its winning
// (disclosing) coalitions W. Coalitions are bitmasks over the members (bit i =
// member i), so N <= 20 here (the spec's algorithms are exponential in N).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "mechlab/core/rational.hpp"

namespace mechlab::disclosure {

using Coalition = std::uint32_t;

inline constexpr std::size_t kMaxMembers = 20;

struct Protocol {
  std::size_t members = 0;
  std::vector<bool> winning;  // winning[S] for S = 0 .. 2^N - 1
  std::string name;           // "majority K=2", "leader 1", "unanimity", ...

  bool wins(Coalition s) const { return winning[s]; }
  Coalition all() const { return static_cast<Coalition>((std::size_t{1} << members) - 1); }
};

// Named protocols (N <= kMaxMembers; InputError otherwise).
Protocol k_majority(std::size_t members, std::size_t k);  // W = {I : |I| >= K}, 1 <= K <= N
Protocol unanimity(std::size_t members);                  // K = N (consensual)
Protocol unilateral(std::size_t members);                 // K = 1
Protocol leader(std::size_t members, std::size_t i);      // W = {I : i ∈ I}
// W = {I : Σ_{i∈I} w_i >= quota}.
Protocol weighted(const std::vector<Rational>& weights, const Rational& quota);
// The up-closure of the given minimal winning coalitions.
Protocol from_minimal_winning(std::size_t members, const std::vector<Coalition>& minimal);

// Assumption 1 for W: N ∈ W, ∅ ∉ W, up-closed. Throws InputError(pointer,
// ...) naming the first violation with the members' names (default: the
// paper's numbers 1..N), e.g. "{1} discloses but {1, 2} does not".
void check_assumption1(const Protocol& protocol, const std::string& pointer,
                       const std::vector<std::string>& names = {});

// D(x) = Σ_{S∈W} Π_{i∈S} x_i Π_{i∉S} (1 − x_i), x_i ∈ [0, 1].
template <class T>
T deliberate(const Protocol& protocol, const std::vector<T>& votes);

// Derived properties (spec §1.3).
bool can_disclose_alone(const Protocol& protocol, std::size_t i);  // {i} ∈ W
bool some_member_discloses_alone(const Protocol& protocol);
bool no_member_discloses_alone(const Protocol& protocol);
// Disclosing requires more consensus than concealing (RMC), the corrected
// rule: no winning coalition I with N∖I losing is a minimal blocking
// coalition. For K-majority this is 2K >= N + 2 (erratum Z1).
bool requires_more_consensus(const Protocol& protocol);
// When not RMC: the coalition I of Lemma 1 (I ∈ W, N∖I ∉ W, N∖J ∈ W for all
// J ⊊ I).
std::optional<Coalition> lemma1_coalition(const Protocol& protocol);

// Every monotone Boolean function on N members other than the two constants
// (Dedekind number − 2: 4, 18, 166, 7579 for N = 2..5). N <= 5.
std::vector<Protocol> all_monotone_protocols(std::size_t members);

std::string coalition_text(Coalition s, const std::vector<std::string>& names);

extern template Rational deliberate(const Protocol&, const std::vector<Rational>&);
extern template double deliberate(const Protocol&, const std::vector<double>&);

}  // namespace mechlab::disclosure
