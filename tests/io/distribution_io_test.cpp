#include "mechlab/io/distribution_io.hpp"

#include <gtest/gtest.h>

#include <string>

#include "mechlab/core/error.hpp"
#include "support.hpp"

namespace mechlab::io {
namespace {

using test::contains;
using test::input_error;
using test::q;

const char* const kCoordinates =
    R"("coordinates": [{"name": "t1", "labels": ["L", "H"]}, {"name": "t2", "labels": ["L", "H"]}])";

std::string model(const std::string& probabilities, const std::string& extra = "") {
  return R"({"model": "distribution", "version": 1, )" + std::string(kCoordinates) +
         R"(, "probabilities": )" + probabilities + extra + "}";
}

template <class T>
Distribution<T> read(const std::string& text, const ReadOptions& options = {}) {
  const Document doc = parse_json(text);
  return read_distribution<T>(Node(doc), options);
}

// Reads and expects an InputError at `pointer` whose message mentions `expectation`.
template <class T = Rational>
void expect_error(const std::string& text, const std::string& pointer,
                  const std::string& expectation, const ReadOptions& options = {}) {
  const InputError e = input_error([&] { read<T>(text, options); });
  EXPECT_EQ(e.pointer(), pointer) << text;
  EXPECT_TRUE(contains(e.what(), expectation)) << "message: " << e.what();
}

TEST(DistributionIo, ReadsDecimalsAndFractionsExactly) {
  const auto d = read<Rational>(model(R"([0.1, "1/5", 0.3, 0.4])"));
  EXPECT_EQ(d.space().rank(), 2u);
  EXPECT_EQ(d.space().coordinate(0).name, "t1");
  EXPECT_EQ(d.space().coordinate(1).labels, (std::vector<std::string>{"L", "H"}));
  EXPECT_EQ(d.probabilities(), (std::vector<Rational>{q(1, 10), q(1, 5), q(3, 10), q(2, 5)}));
  // Row-major: cell 1 is (t1=L, t2=H).
  EXPECT_EQ(d.space().cell_name(1), "(t1=L, t2=H)");
}

TEST(DistributionIo, ReadsInDoubleMode) {
  const auto d = read<double>(model(R"([0.25, "1/8", 0.5, 1.25e-1])"));
  EXPECT_EQ(d.probabilities(), (std::vector<double>{0.25, 0.125, 0.5, 0.125}));
}

// In double mode each probability is the double nearest the literal, as any
// JSON reader would give: 0.1 -> 0.1000000000000000055511151231257827.
TEST(DistributionIo, DoubleModeReadsNearestDoubles) {
  const auto d = read<double>(model(R"([0.1, "1/5", 0.3, 0.4])"));
  EXPECT_EQ(d.probabilities(), (std::vector<double>{0.1, 0.2, 0.3, 0.4}));
}

TEST(DistributionIo, ThirdsSumToExactlyOne) {
  const auto d = read<Rational>(
      R"({"model": "distribution", "version": 1, "coordinates": [{"name": "t", "labels": ["a", "b", "c"]}],
          "probabilities": ["1/3", "1/3", "1/3"]})");
  EXPECT_EQ(d[2], q(1, 3));
}

TEST(DistributionIo, NegativeProbabilityPointsAtItsCell) {
  expect_error(model(R"([0.5, 0.5, -0.25, 0.25])"), "/probabilities/2", "non-negative probability");
  expect_error<double>(model(R"([0.5, 0.5, -0.25, 0.25])"), "/probabilities/2",
                       "non-negative probability");
}

TEST(DistributionIo, SumNotOnePointsAtTheArray) {
  expect_error(model(R"([0.1, 0.2, 0.3, 0.41])"), "/probabilities", "summing to exactly 1");
  // 0.1 + 0.2 + 0.3 + 0.4000000000001 is within 1e-12 of 1 in double mode, not exactly 1.
  expect_error(model(R"([0.1, 0.2, 0.3, 0.4000000000001])"), "/probabilities", "exactly 1");
  EXPECT_NO_THROW(read<double>(model(R"([0.1, 0.2, 0.3, 0.4000000000001])")));
  expect_error<double>(model(R"([0.1, 0.2, 0.3, 0.400000001])"), "/probabilities", "within 1e-12");
}

TEST(DistributionIo, WrongCountPointsAtTheArray) {
  expect_error(model(R"([0.5, 0.5])"), "/probabilities", "4 probabilities");
}

TEST(DistributionIo, NonNumericProbabilityPointsAtTheEntry) {
  expect_error(model(R"([0.5, "half", 0, 0])"), "/probabilities/1", "a number");
  expect_error(model(R"([0.5, null, 0, 0])"), "/probabilities/1", "a number");
  expect_error(model(R"({"a": 1})"), "/probabilities", "an array of probabilities");
}

TEST(DistributionIo, CoordinateErrors) {
  auto with_coords = [](const std::string& coords) {
    return R"({"model": "distribution", "version": 1, "coordinates": )" + coords +
           R"(, "probabilities": [1]})";
  };
  expect_error(with_coords(R"([{"name": "a", "labels": ["x"]}, {"name": "a", "labels": ["y"]}])"),
               "/coordinates/1/name", "a coordinate name not used before");
  expect_error(with_coords(R"([{"name": "a", "labels": ["x", "x"]}])"), "/coordinates/0/labels/1",
               "a label not used before");
  expect_error(with_coords(R"([{"name": "a", "labels": []}])"), "/coordinates/0/labels",
               "non-empty array of labels");
  expect_error(with_coords(R"([])"), "/coordinates", "non-empty array of coordinates");
  expect_error(with_coords(R"([{"name": "a", "labels": ["x"], "colour": 1}])"),
               "/coordinates/0/colour", "unknown key");
  expect_error(with_coords(R"([{"labels": ["x"]}])"), "/coordinates/0/name", "required");
  expect_error(with_coords(R"([{"name": "a", "labels": [1]}])"), "/coordinates/0/labels/0",
               "a string");
}

TEST(DistributionIo, HeaderAndUnknownKeys) {
  expect_error(R"({"model": "lp", "version": 1})", "/model", "\"distribution\"");
  expect_error(R"({"model": "distribution", "version": 7})", "/version", "version");
  expect_error(model("[0.25, 0.25, 0.25, 0.25]", R"(, "extra": 1)"), "/extra", "unknown key");
  expect_error(R"({"model": "distribution", "version": 1, "probabilities": [1]})", "/coordinates",
               "required");
}

TEST(DistributionIo, MemoryLimitIsCheckedBeforeReadingProbabilities) {
  ReadOptions tiny;
  tiny.memory_limit_bytes = 100;  // 4 cells x 64 bytes do not fit
  expect_error(model("[0.25, 0.25, 0.25, 0.25]"), "/coordinates", "memory limit", tiny);
  // 4 cells x 8 bytes fit in double mode.
  EXPECT_NO_THROW(read<double>(model("[0.25, 0.25, 0.25, 0.25]"), tiny));
}

TEST(DistributionIo, HugeSpaceIsRejectedByTheMemoryLimit) {
  // 2^40 cells: no probability array of that size is ever allocated.
  std::string coords = "[";
  for (int k = 0; k < 40; ++k) {
    coords += (k ? ", " : "") + std::string(R"({"name": "t)") + std::to_string(k) +
              R"(", "labels": ["0", "1"]})";
  }
  coords += "]";
  const std::string text = R"({"model": "distribution", "version": 1, "coordinates": )" + coords +
                           R"(, "probabilities": [1]})";
  expect_error(text, "/coordinates", "memory limit");
}

}  // namespace
}  // namespace mechlab::io
