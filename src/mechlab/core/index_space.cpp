#include "mechlab/core/index_space.hpp"

#include <fmt/format.h>

#include <cstdint>
#include <set>

#include "mechlab/core/error.hpp"

namespace mechlab {

IndexSpace::IndexSpace(std::vector<Coordinate> coordinates)
    : coordinates_(std::move(coordinates)), strides_(coordinates_.size()) {
  std::set<std::string> names;
  for (std::size_t k = 0; k < coordinates_.size(); ++k) {
    const Coordinate& c = coordinates_[k];
    const std::string where = fmt::format("/coordinates/{}", k);
    if (!names.insert(c.name).second) {
      throw InputError(where + "/name", "a coordinate name not used before", c.name);
    }
    if (c.labels.empty()) throw InputError(where + "/labels", "a non-empty list of labels");
    std::set<std::string> labels;
    for (std::size_t j = 0; j < c.labels.size(); ++j) {
      if (!labels.insert(c.labels[j]).second) {
        throw InputError(fmt::format("{}/labels/{}", where, j), "a label not used before",
                         c.labels[j]);
      }
    }
  }
  size_ = 1;
  for (std::size_t k = coordinates_.size(); k-- > 0;) {
    strides_[k] = size_;
    if (__builtin_mul_overflow(size_, coordinates_[k].labels.size(), &size_)) {
      throw InputError("/coordinates", "a product of coordinate sizes that fits in memory",
                       "more than 2^64 cells");
    }
  }
}

std::optional<std::size_t> IndexSpace::find(const std::string& name) const {
  for (std::size_t k = 0; k < coordinates_.size(); ++k) {
    if (coordinates_[k].name == name) return k;
  }
  return std::nullopt;
}

std::optional<std::size_t> IndexSpace::find_label(std::size_t k, const std::string& label) const {
  const auto& labels = coordinates_.at(k).labels;
  for (std::size_t j = 0; j < labels.size(); ++j) {
    if (labels[j] == label) return j;
  }
  return std::nullopt;
}

std::size_t IndexSpace::encode(std::span<const std::size_t> digits) const {
  if (digits.size() != rank()) throw InternalError("IndexSpace::encode: wrong number of digits");
  std::size_t cell = 0;
  for (std::size_t k = 0; k < digits.size(); ++k) {
    if (digits[k] >= radix(k)) throw InternalError("IndexSpace::encode: digit out of range");
    cell += digits[k] * strides_[k];
  }
  return cell;
}

std::vector<std::size_t> IndexSpace::decode(std::size_t cell) const {
  std::vector<std::size_t> digits(rank());
  for (std::size_t k = 0; k < rank(); ++k) digits[k] = digit(cell, k);
  return digits;
}

std::size_t IndexSpace::with_digit(std::size_t cell, std::size_t k, std::size_t value) const {
  return cell - digit(cell, k) * strides_[k] + value * strides_[k];
}

IndexSpace IndexSpace::project(std::span<const std::size_t> coords) const {
  std::vector<Coordinate> sub;
  sub.reserve(coords.size());
  for (const std::size_t k : coords) sub.push_back(coordinates_.at(k));
  return IndexSpace(std::move(sub));
}

std::size_t IndexSpace::project_cell(std::size_t cell, std::span<const std::size_t> coords) const {
  std::size_t out = 0;
  for (const std::size_t k : coords) out = out * radix(k) + digit(cell, k);
  return out;
}

std::vector<std::size_t> IndexSpace::complement(std::span<const std::size_t> coords) const {
  std::vector<bool> used(rank(), false);
  for (const std::size_t k : coords) used.at(k) = true;
  std::vector<std::size_t> rest;
  for (std::size_t k = 0; k < rank(); ++k) {
    if (!used[k]) rest.push_back(k);
  }
  return rest;
}

std::vector<std::size_t> IndexSpace::cells_with(std::span<const Fixing> fixings) const {
  std::size_t base = 0;
  std::vector<std::size_t> fixed_coords;
  std::vector<std::size_t> value_of(rank(), SIZE_MAX);
  for (const auto& [k, v] : fixings) {
    if (k >= rank() || v >= radix(k)) throw InternalError("IndexSpace::cells_with: out of range");
    if (value_of[k] == v) continue;          // the same fixing twice
    if (value_of[k] != SIZE_MAX) return {};  // two values for one coordinate: no cell
    value_of[k] = v;
    base += v * strides_[k];
    fixed_coords.push_back(k);
  }
  const std::vector<std::size_t> free = complement(fixed_coords);
  std::size_t count = 1;
  for (const std::size_t k : free) count *= radix(k);
  std::vector<std::size_t> cells;
  cells.reserve(count);
  // Odometer over the free coordinates, last one fastest, so cells come out sorted.
  std::vector<std::size_t> digits(free.size(), 0);
  for (std::size_t n = 0; n < count; ++n) {
    std::size_t cell = base;
    for (std::size_t i = 0; i < free.size(); ++i) cell += digits[i] * strides_[free[i]];
    cells.push_back(cell);
    for (std::size_t i = free.size(); i-- > 0;) {
      if (++digits[i] < radix(free[i])) break;
      digits[i] = 0;
    }
  }
  return cells;
}

std::string IndexSpace::cell_name(std::size_t cell) const {
  std::string out = "(";
  for (std::size_t k = 0; k < rank(); ++k) {
    if (k > 0) out += ", ";
    out += coordinates_[k].name + "=" + coordinates_[k].labels[digit(cell, k)];
  }
  return out + ")";
}

}  // namespace mechlab
