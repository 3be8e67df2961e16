#include "mechlab/alliance/io.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "mechlab/core/error.hpp"

namespace mechlab::alliance {

namespace {

template <class T>
T read_number(const io::Node& node, const io::ReadOptions& options) {
  return NumberTraits<T>::from_rational(node.as_number(options));
}

std::size_t index_of(const std::vector<std::string>& list, const std::string& name) {
  return static_cast<std::size_t>(std::find(list.begin(), list.end(), name) - list.begin());
}

std::vector<std::string> read_players(const io::Node& node, std::size_t n) {
  const std::string expected = fmt::format("an array of {} unique player names (one per bias)", n);
  const auto items = node.items(expected);
  if (items.size() != n) node.fail(expected, fmt::format("{} names", items.size()));
  std::vector<std::string> out;
  for (const io::Node& p : items) {
    std::string name = p.as_string();
    if (name.empty()) p.fail("a non-empty player name", "an empty string");
    if (index_of(out, name) != out.size()) {
      p.fail("a player name not used before", fmt::format("\"{}\" again", name));
    }
    out.push_back(std::move(name));
  }
  return out;
}

template <class T>
Bounds<T> read_box(const io::Node& node, const io::ReadOptions& options) {
  node.expect_object(R"(a policy interval {"lo": number, "hi": number})");
  node.allow_only({"lo", "hi"});
  return {read_number<T>(node.at("lo"), options), read_number<T>(node.at("hi"), options)};
}

}  // namespace

template <class T>
AllianceModel<T> read_alliance(const io::Node& root, const io::ReadOptions& options) {
  io::require_header(root, "alliance");
  root.allow_only(
      {"model", "version", "name", "players", "eta", "biases", "bounds", "truthful", "cost"});
  AllianceModel<T> model;
  if (const auto name = root.find("name")) model.name = name->as_string();
  Alliance<T>& alliance = model.alliance;
  alliance.eta = read_number<T>(root.at("eta"), options);
  const io::Node biases = root.at("biases");
  const std::string expected_biases =
      fmt::format("an array of 2 to {} biases (one per player)", kMaxPlayers);
  const auto items = biases.items(expected_biases);
  if (items.size() < 2 || items.size() > kMaxPlayers) {
    biases.fail(expected_biases, fmt::format("{} biases", items.size()));
  }
  for (const io::Node& b : items) alliance.biases.push_back(read_number<T>(b, options));
  const std::size_t n = alliance.biases.size();
  if (const auto players = root.find("players")) {
    model.players = read_players(*players, n);
  } else {
    for (std::size_t i = 0; i < n; ++i) model.players.push_back(fmt::format("{}", i + 1));
  }
  if (const auto bounds = root.find("bounds")) {
    const std::string expected = fmt::format("an array of {} policy intervals (one per player)", n);
    const auto boxes = bounds->items(expected);
    if (boxes.size() != n) bounds->fail(expected, fmt::format("{} intervals", boxes.size()));
    for (const io::Node& box : boxes) alliance.bounds.push_back(read_box<T>(box, options));
  } else {
    alliance.bounds.assign(n, Bounds<T>{T(0), T(1)});
  }
  if (const auto truthful = root.find("truthful")) {
    std::vector<bool> flags(n, false);
    for (const io::Node& p : truthful->items("an array of player names (the truthful set)")) {
      const std::string name = p.as_string();
      const std::size_t i = index_of(model.players, name);
      if (i == n) p.fail("a player name", fmt::format("\"{}\"", name));
      if (flags[i]) p.fail("each player at most once", fmt::format("\"{}\" again", name));
      flags[i] = true;
    }
    model.truthful = std::move(flags);
  }
  if (const auto cost = root.find("cost")) {
    model.cost = read_number<T>(*cost, options);
    if (sign_of(*model.cost) <= 0) {
      cost->fail("a positive unit cost of capacity c", NumberTraits<T>::to_text(*model.cost));
    }
  }
  validate(alliance);  // "/eta", "/biases/i", "/bounds/i/lo|hi": the file's own pointers
  return model;
}

template AllianceModel<Rational> read_alliance(const io::Node&, const io::ReadOptions&);
template AllianceModel<double> read_alliance(const io::Node&, const io::ReadOptions&);

}  // namespace mechlab::alliance
