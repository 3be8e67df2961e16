// Mixed-radix index spaces over finite labelled sets.
//
// A type profile (t_1, ..., t_n), an outcome profile or a Markov state is a
// cell of a product of finite labelled sets. Cells are numbered row-major (the
// last coordinate varies fastest), so a flat JSON array lists them in the same
// order as nested loops over the coordinates in their given order.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace mechlab {

struct Coordinate {
  std::string name;
  std::vector<std::string> labels;
};

// A coordinate fixed to a value: (coordinate position, label position).
using Fixing = std::pair<std::size_t, std::size_t>;

class IndexSpace {
 public:
  IndexSpace() = default;
  // Throws InputError if a coordinate is empty, names or labels repeat, or the
  // number of cells does not fit in std::size_t.
  explicit IndexSpace(std::vector<Coordinate> coordinates);

  std::size_t size() const noexcept { return size_; }
  std::size_t rank() const noexcept { return coordinates_.size(); }
  std::size_t radix(std::size_t k) const { return coordinates_.at(k).labels.size(); }
  const Coordinate& coordinate(std::size_t k) const { return coordinates_.at(k); }
  const std::vector<Coordinate>& coordinates() const noexcept { return coordinates_; }

  std::optional<std::size_t> find(const std::string& name) const;
  std::optional<std::size_t> find_label(std::size_t k, const std::string& label) const;

  std::size_t encode(std::span<const std::size_t> digits) const;
  std::vector<std::size_t> decode(std::size_t cell) const;
  std::size_t digit(std::size_t cell, std::size_t k) const {
    return (cell / strides_[k]) % radix(k);
  }
  std::size_t with_digit(std::size_t cell, std::size_t k, std::size_t value) const;
  // Row-major strides (coordinate 0 slowest): cell = Σ_k digit_k · stride_k.
  const std::vector<std::size_t>& strides() const noexcept { return strides_; }

  // The subspace on the given coordinates (in the given order), and the map
  // from a cell here to its cell there.
  IndexSpace project(std::span<const std::size_t> coords) const;
  std::size_t project_cell(std::size_t cell, std::span<const std::size_t> coords) const;

  // Coordinates not in `coords`, in increasing order.
  std::vector<std::size_t> complement(std::span<const std::size_t> coords) const;

  // Every cell whose digits agree with the fixings, in increasing order (none
  // when one coordinate is fixed to two different values).
  std::vector<std::size_t> cells_with(std::span<const Fixing> fixings) const;

  // Human-readable name of a cell: "(t1=L, t2=H)".
  std::string cell_name(std::size_t cell) const;

 private:
  std::vector<Coordinate> coordinates_;
  std::vector<std::size_t> strides_;
  std::size_t size_ = 1;
};

}  // namespace mechlab
