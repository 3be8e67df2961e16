// Teams with verifiable outcomes (002, Onuchic & Ramos, "Disclosure and
// Incentives in Teams", spec §1.2–1.3, §2).
//
// Members i = 0..N-1 (the paper's 1..N). Member i's outcome set Ω_i is a
// strictly increasing list of reputational values (|Ω_i| >= 2); Ω is their
// product, cells row-major with member 0 slowest (an IndexSpace named after
// the members, labels = the values' text). F is a pmf over Ω with full support
// (Assumption 2). Plain data; validate() checks it.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "mechlab/core/index_space.hpp"
#include "mechlab/core/rational.hpp"

namespace mechlab::disclosure {

template <class T>
struct Team {
  std::vector<std::string> members;    // N >= 2 names
  std::vector<std::vector<T>> values;  // Ω_i, strictly increasing, at least 2 each
  std::vector<T> prior;                // F(ω) at the cell of ω (member 0 slowest)

  std::size_t member_count() const { return members.size(); }
};

// N >= 2 (and at most `max_members`) unique non-empty names; InputError at
// "/members" or "/members/i".
void validate_members(const std::vector<std::string>& members, std::size_t max_members);

// InputError with the JSON pointer of the model file's layout ("/members",
// "/outcomes/1/0", "/prior/5"): N >= 2, names unique, |Ω_i| >= 2 and strictly
// increasing, prior of size Π|Ω_i| with entries > 0 (full support, Assumption
// 2) summing to 1 (exactly for Rational, within 1e-12 for double).
template <class T>
void validate(const Team<T>& team);

// Ω as an IndexSpace: coordinate i named members[i], labels the values' text.
template <class T>
IndexSpace outcome_space(const Team<T>& team);

extern template void validate(const Team<Rational>&);
extern template void validate(const Team<double>&);
extern template IndexSpace outcome_space(const Team<Rational>&);
extern template IndexSpace outcome_space(const Team<double>&);

}  // namespace mechlab::disclosure
