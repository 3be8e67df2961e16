#include "mechlab/alliance/io.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "mechlab/core/error.hpp"
#include "support.hpp"

namespace mechlab::alliance {
namespace {

using mechlab::test::contains;
using mechlab::test::input_error;
using mechlab::test::q;

template <class T = Rational>
AllianceModel<T> read_text(const std::string& text) {
  io::ReadOptions options;
  options.doubles = !NumberTraits<T>::exact;
  const io::Document doc = io::parse_json(text);
  return read_alliance<T>(io::Node(doc), options);
}

std::string pointer_of(const std::string& text) {
  return input_error([&] { read_text(text); }).pointer();
}

TEST(AllianceIo, ReadsTheCounterexampleExactly) {
  const auto model = read_text(R"({"model": "alliance", "version": 1, "name": "n6",
    "eta": 0.7, "biases": [0.03, 0.03, 0.03, 0.03, 0.03, "1/20"]})");
  EXPECT_EQ(model.name, "n6");
  EXPECT_EQ(model.alliance.eta, q(7, 10));
  EXPECT_EQ(model.alliance.biases[0], q(3, 100));
  EXPECT_EQ(model.alliance.biases[5], q(1, 20));
  EXPECT_TRUE(has_paper_bounds(model.alliance));
  EXPECT_EQ(model.players, (std::vector<std::string>{"1", "2", "3", "4", "5", "6"}));
  EXPECT_FALSE(model.truthful.has_value());
}

TEST(AllianceIo, NamesBoundsAndTruthfulSet) {
  const auto model = read_text<double>(R"({"model": "alliance", "version": 1,
    "players": ["us", "uk", "fr"], "eta": "1/4", "biases": [0.1, 0, 0.05],
    "bounds": [{"lo": 0, "hi": 0.5}, {"lo": 0, "hi": 1}, {"lo": "1/10", "hi": 2}],
    "truthful": ["fr", "us"]})");
  EXPECT_DOUBLE_EQ(model.alliance.eta, 0.25);
  EXPECT_DOUBLE_EQ(model.alliance.bounds[0].hi, 0.5);
  EXPECT_DOUBLE_EQ(model.alliance.bounds[2].lo, 0.1);
  EXPECT_EQ(model.truthful, (std::vector<bool>{true, false, true}));
}

TEST(AllianceIo, ReadsTheCostOfCapacity) {
  // Section 5.1's c = 1/10, exact; absent by default (the invest verb then needs --cost).
  const auto model = read_text(R"({"model": "alliance", "version": 1, "eta": "1/2",
    "biases": ["1/20", "1/15", "1/12", "1/10"], "cost": 0.1})");
  ASSERT_TRUE(model.cost.has_value());
  EXPECT_EQ(*model.cost, q(1, 10));
  EXPECT_FALSE(read_text(R"({"model": "alliance", "version": 1, "eta": 0.5, "biases": [0, 0.1]})")
                   .cost.has_value());
}

TEST(AllianceIo, ErrorsNameTheJsonPointer) {
  const std::string head = R"({"model": "alliance", "version": 1, )";
  EXPECT_EQ(pointer_of(head + R"("eta": 1, "biases": [0, 0.1]})"), "/eta");
  EXPECT_EQ(pointer_of(head + R"("eta": 0.5, "biases": [0]})"), "/biases");
  EXPECT_EQ(pointer_of(head + R"("eta": 0.5, "biases": [0, "x"]})"), "/biases/1");
  EXPECT_EQ(pointer_of(head + R"("eta": 0.5, "biases": [0, 0.1], "bounds": [{"lo": 0, "hi": 1}]})"),
            "/bounds");
  const auto e = input_error([&] {
    read_text(
        head +
        R"("eta": 0.5, "biases": [0, 0.1], "bounds": [{"lo": 0, "hi": 1}, {"lo": 1, "hi": 0}]})");
  });
  EXPECT_EQ(e.pointer(), "/bounds/1/hi");
  EXPECT_TRUE(contains(e.expected(), "lo = 1"));
  EXPECT_EQ(
      pointer_of(head +
                 R"("eta": 0.5, "biases": [0, 0.1], "bounds": [{"lo": 0}, {"lo": 0, "hi": 1}]})"),
      "/bounds/0/hi");  // the missing key
  EXPECT_EQ(pointer_of(head + R"("eta": 0.5, "biases": [0, 0.1], "truthful": ["3"]})"),
            "/truthful/0");
  EXPECT_EQ(pointer_of(head + R"("eta": 0.5, "biases": [0, 0.1], "truthful": ["1", "1"]})"),
            "/truthful/1");
  EXPECT_EQ(pointer_of(head + R"("eta": 0.5, "biases": [0, 0.1], "players": ["a", "a"]})"),
            "/players/1");
  EXPECT_EQ(pointer_of(head + R"("eta": 0.5, "biases": [0, 0.1], "players": ["a"]})"), "/players");
  EXPECT_TRUE(contains(input_error([&] {
                         read_text(head + R"("eta": 0.5, "biases": [0, 0.1], "capacity": 1})");
                       }).expected(),
                       "eta"));
  EXPECT_EQ(pointer_of(head + R"("eta": 0.5, "biases": [0, 0.1], "cost": 0})"), "/cost");
  EXPECT_EQ(pointer_of(head + R"("eta": 0.5, "biases": [0, 0.1], "cost": "-1/10"})"), "/cost");
  EXPECT_EQ(pointer_of(head + R"("eta": 0.5, "biases": [0, 0.1], "cost": "c"})"), "/cost");
  EXPECT_EQ(pointer_of(R"({"model": "disclosure", "version": 1, "eta": 0.5, "biases": [0, 1]})"),
            "/model");
}

}  // namespace
}  // namespace mechlab::alliance
