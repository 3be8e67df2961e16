#include "mechlab/core/index_space.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "mechlab/core/error.hpp"
#include "support.hpp"

namespace mechlab {
namespace {

using test::input_error;

using Cells = std::vector<std::size_t>;

// A (2 labels) x B (3 labels) x C (2 labels): 12 cells, strides 6, 2, 1.
IndexSpace abc() {
  return IndexSpace({{"A", {"a0", "a1"}}, {"B", {"b0", "b1", "b2"}}, {"C", {"c0", "c1"}}});
}

Coordinate binary(const std::string& name) { return {name, {"0", "1"}}; }

TEST(IndexSpace, SizeRankAndRadices) {
  const IndexSpace s = abc();
  EXPECT_EQ(s.size(), 12u);
  EXPECT_EQ(s.rank(), 3u);
  EXPECT_EQ(s.radix(0), 2u);
  EXPECT_EQ(s.radix(1), 3u);
  EXPECT_EQ(s.radix(2), 2u);
  EXPECT_EQ(s.coordinate(1).name, "B");
  EXPECT_EQ(s.coordinate(1).labels.at(2), "b2");
}

TEST(IndexSpace, EmptyProductHasOneCell) {
  const IndexSpace s(std::vector<Coordinate>{});
  EXPECT_EQ(s.size(), 1u);
  EXPECT_EQ(s.rank(), 0u);
  EXPECT_EQ(s.encode(std::vector<std::size_t>{}), 0u);
  EXPECT_EQ(s.cell_name(0), "()");
  EXPECT_EQ(s.cells_with(std::vector<Fixing>{}), Cells({0}));
}

TEST(IndexSpace, EncodeIsRowMajorWithLastCoordinateFastest) {
  const IndexSpace s = abc();
  EXPECT_EQ(s.encode(std::vector<std::size_t>{0, 0, 0}), 0u);
  EXPECT_EQ(s.encode(std::vector<std::size_t>{0, 0, 1}), 1u);
  EXPECT_EQ(s.encode(std::vector<std::size_t>{0, 1, 0}), 2u);
  EXPECT_EQ(s.encode(std::vector<std::size_t>{1, 0, 0}), 6u);
  EXPECT_EQ(s.encode(std::vector<std::size_t>{1, 2, 0}), 10u);
  EXPECT_EQ(s.encode(std::vector<std::size_t>{1, 2, 1}), 11u);
}

TEST(IndexSpace, DecodeInvertsEncodeOnEveryCell) {
  const IndexSpace s = abc();
  // Nested loops in coordinate order visit cells 0, 1, 2, ... in turn.
  std::size_t expected = 0;
  for (std::size_t a = 0; a < 2; ++a) {
    for (std::size_t b = 0; b < 3; ++b) {
      for (std::size_t c = 0; c < 2; ++c) {
        const std::vector<std::size_t> digits{a, b, c};
        EXPECT_EQ(s.encode(digits), expected);
        EXPECT_EQ(s.decode(expected), digits);
        ++expected;
      }
    }
  }
  EXPECT_EQ(expected, s.size());
}

TEST(IndexSpace, EncodeRejectsBadDigitsAsInternalError) {
  const IndexSpace s = abc();
  EXPECT_THROW(s.encode(std::vector<std::size_t>{0, 0}), InternalError);
  EXPECT_THROW(s.encode(std::vector<std::size_t>{0, 3, 0}), InternalError);
}

TEST(IndexSpace, DigitAndWithDigit) {
  const IndexSpace s = abc();
  // Cell 10 = (a1, b2, c0).
  EXPECT_EQ(s.digit(10, 0), 1u);
  EXPECT_EQ(s.digit(10, 1), 2u);
  EXPECT_EQ(s.digit(10, 2), 0u);
  EXPECT_EQ(s.with_digit(10, 1, 0), 6u);   // (a1, b0, c0)
  EXPECT_EQ(s.with_digit(10, 2, 1), 11u);  // (a1, b2, c1)
  EXPECT_EQ(s.with_digit(10, 0, 0), 4u);   // (a0, b2, c0)
  EXPECT_EQ(s.with_digit(10, 1, 2), 10u);  // unchanged
  for (std::size_t cell = 0; cell < s.size(); ++cell) {
    for (std::size_t k = 0; k < s.rank(); ++k) {
      for (std::size_t v = 0; v < s.radix(k); ++v) {
        const std::size_t moved = s.with_digit(cell, k, v);
        auto digits = s.decode(cell);
        digits[k] = v;
        EXPECT_EQ(moved, s.encode(digits));
      }
    }
  }
}

TEST(IndexSpace, FindAndFindLabel) {
  const IndexSpace s = abc();
  EXPECT_EQ(s.find("A"), std::optional<std::size_t>(0));
  EXPECT_EQ(s.find("C"), std::optional<std::size_t>(2));
  EXPECT_EQ(s.find("Z"), std::nullopt);
  EXPECT_EQ(s.find_label(1, "b2"), std::optional<std::size_t>(2));
  EXPECT_EQ(s.find_label(1, "a0"), std::nullopt);
}

TEST(IndexSpace, ProjectKeepsGivenOrderAndProjectCellAgrees) {
  const IndexSpace s = abc();
  const std::vector<std::size_t> ca{2, 0};
  const IndexSpace p = s.project(ca);
  ASSERT_EQ(p.rank(), 2u);
  EXPECT_EQ(p.coordinate(0).name, "C");
  EXPECT_EQ(p.coordinate(1).name, "A");
  EXPECT_EQ(p.size(), 4u);
  // Cell 10 = (a1, b2, c0) -> (C=c0, A=a1) = 0 * 2 + 1.
  EXPECT_EQ(s.project_cell(10, ca), 1u);
  EXPECT_EQ(p.cell_name(1), "(C=c0, A=a1)");
  // Cell 7 = (a1, b0, c1) -> (C=c1, A=a1) = 3.
  EXPECT_EQ(s.project_cell(7, ca), 3u);
  for (std::size_t cell = 0; cell < s.size(); ++cell) {
    const auto d = s.decode(cell);
    EXPECT_EQ(p.decode(s.project_cell(cell, ca)), (std::vector<std::size_t>{d[2], d[0]}));
  }
}

TEST(IndexSpace, ComplementIsIncreasing) {
  const IndexSpace s = abc();
  EXPECT_EQ(s.complement(std::vector<std::size_t>{1}), Cells({0, 2}));
  EXPECT_EQ(s.complement(std::vector<std::size_t>{2, 0}), Cells({1}));
  EXPECT_EQ(s.complement(std::vector<std::size_t>{}), Cells({0, 1, 2}));
  EXPECT_EQ(s.complement(std::vector<std::size_t>{0, 1, 2}), Cells({}));
}

TEST(IndexSpace, CellsWithFixesSeveralCoordinates) {
  const IndexSpace s = abc();
  // A = a1 and C = c1, B free: (1,0,1)=7, (1,1,1)=9, (1,2,1)=11.
  EXPECT_EQ(s.cells_with(std::vector<Fixing>{{0, 1}, {2, 1}}), Cells({7, 9, 11}));
  // Same event given in the other order.
  EXPECT_EQ(s.cells_with(std::vector<Fixing>{{2, 1}, {0, 1}}), Cells({7, 9, 11}));
  // B = b1: 2, 3, 8, 9.
  EXPECT_EQ(s.cells_with(std::vector<Fixing>{{1, 1}}), Cells({2, 3, 8, 9}));
  // All three fixed: a single cell.
  EXPECT_EQ(s.cells_with(std::vector<Fixing>{{0, 0}, {1, 2}, {2, 1}}), Cells({5}));
  // Nothing fixed: every cell, in order.
  Cells all(12);
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  EXPECT_EQ(s.cells_with(std::vector<Fixing>{}), all);
}

TEST(IndexSpace, CellsWithRejectsLabelOutOfRange) {
  const IndexSpace s = abc();
  EXPECT_THROW(s.cells_with(std::vector<Fixing>{{1, 3}}), InternalError);
}

TEST(IndexSpace, CellNameListsEveryCoordinate) {
  const IndexSpace s = abc();
  EXPECT_EQ(s.cell_name(0), "(A=a0, B=b0, C=c0)");
  EXPECT_EQ(s.cell_name(10), "(A=a1, B=b2, C=c0)");
  EXPECT_EQ(s.cell_name(11), "(A=a1, B=b2, C=c1)");
}

TEST(IndexSpace, EmptyCoordinateIsInputError) {
  const InputError e = input_error([] { IndexSpace({{"A", {"a"}}, {"B", {}}}); });
  EXPECT_EQ(e.pointer(), "/coordinates/1/labels");
  EXPECT_NE(std::string(e.what()).find("non-empty"), std::string::npos) << e.what();
}

TEST(IndexSpace, DuplicateCoordinateNameIsInputError) {
  const InputError e = input_error([] { IndexSpace({{"A", {"a"}}, {"B", {"b"}}, {"A", {"c"}}}); });
  EXPECT_EQ(e.pointer(), "/coordinates/2/name");
  EXPECT_EQ(e.found(), "A");
}

TEST(IndexSpace, DuplicateLabelIsInputError) {
  const InputError e = input_error([] { IndexSpace({{"A", {"x", "y", "x"}}}); });
  EXPECT_EQ(e.pointer(), "/coordinates/0/labels/2");
  EXPECT_EQ(e.found(), "x");
}

TEST(IndexSpace, SizeOverflowIsInputError) {
  // 2^64 cells do not fit in std::size_t.
  std::vector<Coordinate> coords;
  for (int k = 0; k < 64; ++k) coords.push_back(binary("t" + std::to_string(k)));
  const InputError e = input_error([&] { IndexSpace{coords}; });
  EXPECT_EQ(e.pointer(), "/coordinates");

  // 3^41 > 2^64 as well, with a non-power-of-two radix.
  std::vector<Coordinate> ternary;
  for (int k = 0; k < 41; ++k) ternary.push_back({"u" + std::to_string(k), {"a", "b", "c"}});
  EXPECT_THROW(IndexSpace{ternary}, InputError);
}

TEST(IndexSpace, LargestRepresentableSizeIsAccepted) {
  // 2^63 cells: the space is only arithmetic, nothing is allocated.
  std::vector<Coordinate> coords;
  for (int k = 0; k < 63; ++k) coords.push_back(binary("t" + std::to_string(k)));
  const IndexSpace s(coords);
  EXPECT_EQ(s.size(), std::size_t{1} << 63);
  const std::size_t last = s.size() - 1;
  EXPECT_EQ(s.digit(last, 0), 1u);
  EXPECT_EQ(s.digit(last, 62), 1u);
  EXPECT_EQ(s.with_digit(last, 0, 0), (std::size_t{1} << 62) - 1);
}

}  // namespace
}  // namespace mechlab
