#include "mechlab/disclosure/model.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <set>
#include <string>
#include <utility>

#include "mechlab/core/error.hpp"

namespace mechlab::disclosure {

void validate_members(const std::vector<std::string>& members, std::size_t max_members) {
  const std::size_t n = members.size();
  if (n < 2) throw InputError("/members", "at least 2 team members", fmt::format("{}", n));
  if (n > max_members) {
    throw InputError("/members", fmt::format("at most {} members", max_members),
                     fmt::format("{}", n));
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < n; ++i) {
    if (members[i].empty()) {
      throw InputError(fmt::format("/members/{}", i), "a non-empty member name", "\"\"");
    }
    if (!seen.insert(members[i]).second) {
      throw InputError(fmt::format("/members/{}", i), "a name not used before",
                       fmt::format("\"{}\" again", members[i]));
    }
  }
}

template <class T>
void validate(const Team<T>& team) {
  const std::size_t n = team.member_count();
  validate_members(team.members, std::numeric_limits<std::size_t>::max());
  if (team.values.size() != n) {
    throw InputError("/outcomes", fmt::format("one outcome list per member ({})", n),
                     fmt::format("{} lists", team.values.size()));
  }
  std::size_t cells = 1;
  for (std::size_t i = 0; i < n; ++i) {
    const auto& omega = team.values[i];
    // Assumption 2: every member has at least two outcomes.
    if (omega.size() < 2) {
      throw InputError(fmt::format("/outcomes/{}", i), "at least 2 outcome values",
                       fmt::format("{}", omega.size()));
    }
    for (std::size_t k = 0; k < omega.size(); ++k) {
      check_number(omega[k], fmt::format("/outcomes/{}/{}", i, k), false);
      if (k > 0 && !(omega[k - 1] < omega[k])) {
        throw InputError(fmt::format("/outcomes/{}/{}", i, k),
                         fmt::format("a value above {} (strictly increasing)",
                                     NumberTraits<T>::to_text(omega[k - 1])),
                         NumberTraits<T>::to_text(omega[k]));
      }
    }
    if (cells > (std::size_t{1} << 40) / omega.size()) {
      throw InputError("/outcomes", "at most 2^40 outcome profiles", "more");
    }
    cells *= omega.size();
  }
  if (team.prior.size() != cells) {
    throw InputError("/prior", fmt::format("{} probabilities (one per outcome profile)", cells),
                     fmt::format("{}", team.prior.size()));
  }
  T total(0);
  for (std::size_t c = 0; c < cells; ++c) {
    const std::string where = fmt::format("/prior/{}", c);
    check_number(team.prior[c], where, true);
    // Full support (Assumption 2): a zero-probability profile would break
    // Theorems 1-2, which the equilibrium search relies on.
    if (!(team.prior[c] > T(0))) {
      throw InputError(where, "a positive probability (full support, Assumption 2)",
                       NumberTraits<T>::to_text(team.prior[c]));
    }
    total += team.prior[c];
  }
  bool sums_to_one = false;
  if constexpr (NumberTraits<T>::exact) {
    sums_to_one = total == T(1);
  } else {
    sums_to_one = std::fabs(total - 1.0) <= 1e-12;
  }
  if (!sums_to_one) {
    throw InputError("/prior", "probabilities summing to 1", NumberTraits<T>::to_text(total));
  }
}

template <class T>
IndexSpace outcome_space(const Team<T>& team) {
  std::vector<Coordinate> coords;
  coords.reserve(team.member_count());
  for (std::size_t i = 0; i < team.member_count(); ++i) {
    Coordinate c{team.members[i], {}};
    for (const T& v : team.values.at(i)) c.labels.push_back(NumberTraits<T>::to_text(v));
    coords.push_back(std::move(c));
  }
  return IndexSpace(std::move(coords));
}

template void validate(const Team<Rational>&);
template void validate(const Team<double>&);
template IndexSpace outcome_space(const Team<Rational>&);
template IndexSpace outcome_space(const Team<double>&);

}  // namespace mechlab::disclosure
