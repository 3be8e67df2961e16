// Reading alliance model files ("model": "alliance"); the format is in
// docs/alliance.md ("Model file"). The reader builds the Alliance and checks
// it with validate() before returning; errors carry the file's JSON pointer
// ("/eta", "/biases/2", "/bounds/1/hi", "/truthful/0", "/cost").
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "mechlab/alliance/model.hpp"
#include "mechlab/io/json.hpp"

namespace mechlab::alliance {

// At most this many players in a file (A5 costs O(n²) exact operations).
inline constexpr std::size_t kMaxPlayers = 10'000;

template <class T>
struct AllianceModel {
  std::string name;                  // "name" (optional)
  std::vector<std::string> players;  // "players" (optional): names, default "1".."n"
  Alliance<T> alliance;              // "eta", "biases", "bounds" (default [0,1] each)
  // "truthful" (optional): the truthful set T for Theorem 1, as player names.
  std::optional<std::vector<bool>> truthful;
  // "cost" (optional): the unit cost c > 0 of a capacity for `mechlab alliance
  // invest` (Section 5); --cost overrides it.
  std::optional<T> cost;
};

template <class T>
AllianceModel<T> read_alliance(const io::Node& root, const io::ReadOptions& options = {});

extern template AllianceModel<Rational> read_alliance(const io::Node&, const io::ReadOptions&);
extern template AllianceModel<double> read_alliance(const io::Node&, const io::ReadOptions&);

}  // namespace mechlab::alliance
