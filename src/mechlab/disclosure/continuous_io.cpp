#include "mechlab/disclosure/continuous_io.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace mechlab::disclosure {

namespace {

template <class T>
T read_number(const io::Node& node, const io::ReadOptions& options) {
  return NumberTraits<T>::from_rational(node.as_number(options));
}

std::vector<std::string> read_members(const io::Node& node) {
  const std::string expected = fmt::format("an array of 2 to {} unique member names", kMaxMembers);
  std::vector<std::string> out;
  for (const io::Node& m : node.items(expected)) {
    std::string name = m.as_string();
    if (name.empty()) m.fail("a non-empty member name", "an empty string");
    if (std::find(out.begin(), out.end(), name) != out.end()) {
      m.fail("a member name not used before", fmt::format("\"{}\" again", name));
    }
    out.push_back(std::move(name));
  }
  if (out.size() < 2 || out.size() > kMaxMembers) {
    node.fail(expected, fmt::format("{} members", out.size()));
  }
  return out;
}

template <class T>
PiecewiseUniform<T> read_marginal(const io::Node& node, const io::ReadOptions& options) {
  node.expect_object(
      R"(a marginal {"uniform": [lo, hi]} or {"breakpoints": [...], "masses": [...]})");
  PiecewiseUniform<T> out;
  if (const auto uniform = node.find("uniform")) {
    node.allow_only({"uniform"});
    const auto ends = uniform->items("[lo, hi]");
    if (ends.size() != 2) uniform->fail("[lo, hi]", fmt::format("{} numbers", ends.size()));
    out.breakpoints = {read_number<T>(ends[0], options), read_number<T>(ends[1], options)};
    if (!(out.breakpoints[0] < out.breakpoints[1])) {
      ends[1].fail(
          fmt::format("a value above lo = {}", NumberTraits<T>::to_text(out.breakpoints[0])),
          ends[1].describe());
    }
    out.masses = {T(1)};
    return out;
  }
  node.allow_only({"breakpoints", "masses"});
  const io::Node breakpoints = node.at("breakpoints");
  const auto b = breakpoints.items("an array of at least 2 increasing breakpoints");
  if (b.size() < 2) {
    breakpoints.fail("at least 2 breakpoints (ω̲ < ω̄)", fmt::format("{}", b.size()));
  }
  for (std::size_t k = 0; k < b.size(); ++k) {
    out.breakpoints.push_back(read_number<T>(b[k], options));
    if (k > 0 && !(out.breakpoints[k - 1] < out.breakpoints[k])) {
      b[k].fail(fmt::format("a value above {} (strictly increasing)",
                            NumberTraits<T>::to_text(out.breakpoints[k - 1])),
                b[k].describe());
    }
  }
  const io::Node masses = node.at("masses");
  const auto m = masses.items("an array of piece probabilities");
  if (m.size() + 1 != b.size()) {
    masses.fail(fmt::format("{} masses (one per piece)", b.size() - 1),
                fmt::format("{}", m.size()));
  }
  T total(0);
  for (const io::Node& x : m) {
    T p = read_number<T>(x, options);
    // Theorem 4 needs full support on the box.
    if (!(p > T(0))) x.fail("a positive probability (full support, Theorem 4)", x.describe());
    total += p;
    out.masses.push_back(std::move(p));
  }
  if (!nearly_equal(total, T(1))) {
    masses.fail("probabilities summing to 1",
                fmt::format("a sum of {}", NumberTraits<T>::to_text(total)));
  }
  return out;
}

}  // namespace

template <class T>
ContinuousTeam<T> read_continuous_team(const io::Node& root, const io::ReadOptions& options) {
  ContinuousTeam<T> team;
  team.members = read_members(root.at("members"));
  const io::Node marginals = root.at("marginals");
  const std::string what = "an object with a marginal per member";
  marginals.expect_object(what);
  std::vector<std::optional<PiecewiseUniform<T>>> read(team.members.size());
  for (const auto& [name, value] : marginals.members()) {
    const auto it = std::find(team.members.begin(), team.members.end(), name);
    if (it == team.members.end()) {
      value.fail("a member name (one of /members)", fmt::format("\"{}\"", name));
    }
    read[static_cast<std::size_t>(it - team.members.begin())] = read_marginal<T>(value, options);
  }
  for (std::size_t i = 0; i < read.size(); ++i) {
    if (!read[i]) marginals.fail(what, fmt::format("no entry for member {}", team.members[i]));
    team.marginals.push_back(std::move(*read[i]));
  }
  validate(team);  // everything above already holds; keeps the invariant in one place
  return team;
}

template ContinuousTeam<Rational> read_continuous_team(const io::Node&, const io::ReadOptions&);
template ContinuousTeam<double> read_continuous_team(const io::Node&, const io::ReadOptions&);

}  // namespace mechlab::disclosure
