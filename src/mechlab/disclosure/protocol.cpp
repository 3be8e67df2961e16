#include "mechlab/disclosure/protocol.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <bit>
#include <utility>

#include "mechlab/core/error.hpp"

namespace mechlab::disclosure {

namespace {

void check_size(std::size_t members, const std::string& pointer) {
  if (members < 1 || members > kMaxMembers) {
    throw InputError(pointer, fmt::format("between 1 and {} members", kMaxMembers),
                     fmt::format("{}", members));
  }
}

template <class Wins>
Protocol make(std::size_t members, std::string name, Wins wins) {
  Protocol p;
  p.members = members;
  p.name = std::move(name);
  p.winning.assign(std::size_t{1} << members, false);
  for (std::size_t s = 0; s < p.winning.size(); ++s) p.winning[s] = wins(static_cast<Coalition>(s));
  return p;
}

// Members as the paper numbers them (1..N), for messages without names.
std::vector<std::string> paper_numbers(std::size_t members) {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < members; ++i) names.push_back(fmt::format("{}", i + 1));
  return names;
}

bool is_member(Coalition s, std::size_t i) { return ((s >> i) & 1U) != 0; }

}  // namespace

Protocol k_majority(std::size_t members, std::size_t k) {
  check_size(members, "/protocol/members");
  if (k < 1 || k > members) {
    throw InputError("/protocol/k", fmt::format("K between 1 and N = {}", members),
                     fmt::format("{}", k));
  }
  return make(members, fmt::format("majority K={}", k),
              [k](Coalition s) { return static_cast<std::size_t>(std::popcount(s)) >= k; });
}

Protocol unanimity(std::size_t members) {
  Protocol p = k_majority(members, members);
  p.name = "unanimity";
  return p;
}

Protocol unilateral(std::size_t members) {
  Protocol p = k_majority(members, 1);
  p.name = "unilateral";
  return p;
}

Protocol leader(std::size_t members, std::size_t i) {
  check_size(members, "/protocol/members");
  if (i >= members) {
    throw InputError("/protocol/leader", fmt::format("a member index below {}", members),
                     fmt::format("{}", i));
  }
  return make(members, fmt::format("leader {}", i + 1),
              [i](Coalition s) { return is_member(s, i); });
}

Protocol weighted(const std::vector<Rational>& weights, const Rational& quota) {
  check_size(weights.size(), "/protocol/weights");
  for (std::size_t i = 0; i < weights.size(); ++i) {
    // A negative weight would make W fail to be up-closed (Assumption 1.2).
    if (sgn(weights[i]) < 0) {
      throw InputError(fmt::format("/protocol/weights/{}", i), "a non-negative weight",
                       to_string(weights[i]));
    }
  }
  Protocol p =
      make(weights.size(), fmt::format("weighted quota {}", to_string(quota)), [&](Coalition s) {
        Rational sum(0);
        for (std::size_t i = 0; i < weights.size(); ++i) {
          if (is_member(s, i)) sum += weights[i];
        }
        return sum >= quota;
      });
  check_assumption1(p, "/protocol");
  return p;
}

Protocol from_minimal_winning(std::size_t members, const std::vector<Coalition>& minimal) {
  check_size(members, "/protocol/members");
  Protocol p;
  p.members = members;
  p.winning.assign(std::size_t{1} << members, false);
  std::vector<std::string> parts;
  for (std::size_t r = 0; r < minimal.size(); ++r) {
    if (minimal[r] > p.all()) {
      throw InputError(fmt::format("/protocol/minimal_winning/{}", r),
                       fmt::format("a coalition of the {} members", members),
                       fmt::format("bitmask {}", minimal[r]));
    }
    p.winning[minimal[r]] = true;
    parts.push_back(coalition_text(minimal[r], paper_numbers(members)));
  }
  // Up-closure in increasing order of bitmasks: S wins if S minus one member wins.
  for (std::size_t s = 1; s < p.winning.size(); ++s) {
    for (std::size_t i = 0; i < members && !p.winning[s]; ++i) {
      if (is_member(static_cast<Coalition>(s), i) && p.winning[s & ~(std::size_t{1} << i)]) {
        p.winning[s] = true;
      }
    }
  }
  p.name = fmt::format("minimal winning {}", fmt::join(parts, ", "));
  check_assumption1(p, "/protocol");
  return p;
}

void check_assumption1(const Protocol& protocol, const std::string& pointer,
                       const std::vector<std::string>& given) {
  check_size(protocol.members, pointer);
  const std::size_t size = std::size_t{1} << protocol.members;
  if (protocol.winning.size() != size) {
    throw InputError(pointer, fmt::format("{} winning flags (one per coalition)", size),
                     fmt::format("{}", protocol.winning.size()));
  }
  const auto names = given.empty() ? paper_numbers(protocol.members) : given;
  const std::string expected =
      "a protocol satisfying Assumption 1 (the grand coalition discloses, the empty one does not, "
      "and every superset of a disclosing coalition discloses)";
  if (protocol.wins(0)) throw InputError(pointer, expected, "the empty coalition {} discloses");
  if (!protocol.wins(protocol.all())) {
    throw InputError(pointer, expected,
                     fmt::format("the grand coalition {} does not disclose",
                                 coalition_text(protocol.all(), names)));
  }
  for (std::size_t s = 0; s < size; ++s) {
    if (!protocol.winning[s]) continue;
    for (std::size_t i = 0; i < protocol.members; ++i) {
      const auto bigger = static_cast<Coalition>(s | (std::size_t{1} << i));
      if (!protocol.wins(bigger)) {
        throw InputError(pointer, expected,
                         fmt::format("{} discloses but {} does not",
                                     coalition_text(static_cast<Coalition>(s), names),
                                     coalition_text(bigger, names)));
      }
    }
  }
}

template <class T>
T deliberate(const Protocol& protocol, const std::vector<T>& votes) {
  if (votes.size() != protocol.members) {
    throw InputError("/votes", fmt::format("{} votes", protocol.members),
                     fmt::format("{}", votes.size()));
  }
  // Pure votes fix their members' bits; only the mixing members M are summed
  // over: Σ_{R⊆M} Π_{i∈R} x_i Π_{i∈M∖R} (1 − x_i) D(yes ∪ R). Equilibrium
  // votes mix for few members, so this is 2^|M| terms with no allocation.
  Coalition yes = 0;
  std::array<std::size_t, 8> mixing{};
  std::size_t mixers = 0;
  for (std::size_t i = 0; i < votes.size() && mixers <= mixing.size(); ++i) {
    if (sign_of(votes[i]) == 0) continue;
    if (sign_of(T(votes[i] - 1)) == 0) {
      yes |= Coalition{1} << i;
    } else if (mixers < mixing.size()) {
      mixing[mixers++] = i;
    } else {
      mixers = mixing.size() + 1;  // too many: fold the whole table below
    }
  }
  if (mixers <= mixing.size()) {
    T total(0);
    for (std::size_t r = 0; r < (std::size_t{1} << mixers); ++r) {
      Coalition s = yes;
      for (std::size_t q = 0; q < mixers; ++q) {
        if (((r >> q) & 1U) != 0) s |= Coalition{1} << mixing[q];
      }
      if (!protocol.wins(s)) continue;
      T weight(1);
      for (std::size_t q = 0; q < mixers; ++q) {
        const T& x = votes[mixing[q]];
        weight *= ((r >> q) & 1U) != 0 ? x : T(1 - x);
      }
      total += weight;
    }
    return total;
  }
  // Fold the multilinear extension one member at a time (member N-1 first):
  // table[S] over the remaining members, O(2^N) instead of O(2^N N).
  std::vector<T> table(protocol.winning.size());
  for (std::size_t s = 0; s < table.size(); ++s) table[s] = protocol.winning[s] ? T(1) : T(0);
  for (std::size_t i = protocol.members; i-- > 0;) {
    const std::size_t half = std::size_t{1} << i;
    const T& x = votes[i];
    for (std::size_t s = 0; s < half; ++s) table[s] = x * table[s + half] + (T(1) - x) * table[s];
  }
  return table[0];
}

bool can_disclose_alone(const Protocol& protocol, std::size_t i) {
  return protocol.wins(static_cast<Coalition>(std::size_t{1} << i));
}

bool some_member_discloses_alone(const Protocol& protocol) {
  for (std::size_t i = 0; i < protocol.members; ++i) {
    if (can_disclose_alone(protocol, i)) return true;
  }
  return false;
}

bool no_member_discloses_alone(const Protocol& protocol) {
  return !some_member_discloses_alone(protocol);
}

std::optional<Coalition> lemma1_coalition(const Protocol& protocol) {
  const Coalition all = protocol.all();
  for (std::size_t s = 1; s < protocol.winning.size(); ++s) {
    const auto pivotal = static_cast<Coalition>(s);
    if (!protocol.wins(pivotal) || protocol.wins(all & ~pivotal)) continue;
    // Every proper J ⊊ I fails to block iff every I∖{k} fails to block, since
    // blocking coalitions are up-closed.
    bool minimal_blocking = true;
    for (std::size_t k = 0; k < protocol.members && minimal_blocking; ++k) {
      if (!is_member(pivotal, k)) continue;
      const Coalition j = pivotal & ~static_cast<Coalition>(std::size_t{1} << k);
      if (!protocol.wins(all & ~j)) minimal_blocking = false;
    }
    if (minimal_blocking) return pivotal;
  }
  return std::nullopt;
}

bool requires_more_consensus(const Protocol& protocol) {
  return !lemma1_coalition(protocol).has_value();
}

std::vector<Protocol> all_monotone_protocols(std::size_t members) {
  if (members < 1 || members > 5) {
    throw InputError("/protocol/members", "between 1 and 5 members", fmt::format("{}", members));
  }
  // Truth tables as bitmasks (bit S = f(S)). A monotone f on n+1 variables is
  // f0 on {x_n = 0} and f1 on {x_n = 1} with f0 <= f1, both monotone.
  std::vector<std::uint64_t> tables{0, 1};
  for (std::size_t n = 0; n < members; ++n) {
    const std::size_t shift = std::size_t{1} << n;
    std::vector<std::uint64_t> next;
    for (const auto f0 : tables) {
      for (const auto f1 : tables) {
        if ((f0 & ~f1) == 0) next.push_back(f0 | (f1 << shift));
      }
    }
    tables = std::move(next);
  }
  const std::size_t size = std::size_t{1} << members;
  const std::uint64_t ones = size == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << size) - 1;
  const auto names = paper_numbers(members);
  std::vector<Protocol> out;
  for (const auto table : tables) {
    if (table == 0 || table == ones) continue;
    Protocol p;
    p.members = members;
    p.winning.resize(size);
    for (std::size_t s = 0; s < size; ++s) p.winning[s] = ((table >> s) & 1U) != 0;
    std::vector<std::string> minimal;
    for (std::size_t s = 0; s < size; ++s) {
      if (!p.winning[s]) continue;
      bool is_minimal = true;
      for (std::size_t i = 0; i < members && is_minimal; ++i) {
        if (is_member(static_cast<Coalition>(s), i) && p.winning[s & ~(std::size_t{1} << i)]) {
          is_minimal = false;
        }
      }
      if (is_minimal) minimal.push_back(coalition_text(static_cast<Coalition>(s), names));
    }
    p.name = fmt::format("minimal winning {}", fmt::join(minimal, ", "));
    out.push_back(std::move(p));
  }
  return out;
}

std::string coalition_text(Coalition s, const std::vector<std::string>& names) {
  std::vector<std::string> inside;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (is_member(s, i)) inside.push_back(names[i]);
  }
  return fmt::format("{{{}}}", fmt::join(inside, ", "));
}

template Rational deliberate(const Protocol&, const std::vector<Rational>&);
template double deliberate(const Protocol&, const std::vector<double>&);

}  // namespace mechlab::disclosure
