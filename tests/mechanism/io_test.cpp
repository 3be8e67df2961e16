#include "mechlab/mechanism/io.hpp"

#include <gtest/gtest.h>

#include "mechlab/mechanism/instances.hpp"
#include "support.hpp"

namespace mechlab::mechanism {
namespace {

using test::q;

template <class T = Rational>
Model<T> parse(const std::string& text) {
  const io::Document doc = io::parse_json(text);
  return read_model<T>(io::Node(doc));
}

Model<Rational> example(const std::string& name) {
  const io::Document doc =
      io::read_json_file(std::string(MECHLAB_SOURCE_DIR) + "/examples/mechanism/" + name);
  return read_model<Rational>(io::Node(doc));
}

void expect_same(const Environment<Rational>& a, const Environment<Rational>& b) {
  EXPECT_EQ(a.agents, b.agents);
  EXPECT_EQ(a.types, b.types);
  EXPECT_EQ(a.states, b.states);
  EXPECT_EQ(a.alternatives, b.alternatives);
  EXPECT_EQ(a.prior, b.prior);
  EXPECT_EQ(a.values, b.values);
}

// The bundled examples hold the same data as the catalog's instances.
TEST(MechanismIo, ExamplesMatchCatalogInstances) {
  expect_same(example("agv-appendix-e.json").problem.env, instances::appendix_e());
  expect_same(example("vcg-three-bidders.json").problem.env, instances::three_bidders());
  expect_same(example("gvcg-interdependent.json").problem.env, instances::interdependent_pair());
  expect_same(example("design-myerson.json").problem.env, instances::myerson_grid());
  expect_same(example("design-cremer-mclean.json").problem.env, instances::cremer_mclean());
  expect_same(example("design-myerson-satterthwaite.json").problem.env,
              instances::bilateral_trade());
}

constexpr const char* kHead = R"({"model": "mechanism", "version": 1,
  "alternatives": ["keep", "sell"],
  "agents": [{"name": "s", "types": ["lo", "hi"], "values": {"keep": [1, 3], "sell": [0, 0]}},
             {"name": "b", "types": ["lo", "hi"], "values": {"keep": [0, 0], "sell": [2, 4]}}],)";

TEST(MechanismIo, LotteryOutcomeAndTransferTables) {
  const auto m = parse(std::string(kHead) + R"(
    "prior": {"joint": ["0.25", "1/4", 0.25, "1/4"]},
    "mechanism": {"outcome": ["keep", {"sell": "1/3", "keep": "2/3"}, "sell", {"sell": 1}],
                  "transfers": [[0, 1, "-1/2", 0], [0, -1, "1/2", 0]]}})");
  ASSERT_TRUE(m.mechanism);
  EXPECT_EQ(m.mechanism->q(1, 0, 2), q(2, 3));
  EXPECT_EQ(m.mechanism->q(1, 1, 2), q(1, 3));
  EXPECT_EQ(m.mechanism->transfers[0][2], q(-1, 2));
  EXPECT_TRUE(m.problem.independent_types);
  EXPECT_TRUE(m.problem.private_values());
}

// With private values a profile of probability zero is allowed and reported.
TEST(MechanismIo, PrivateValuesAllowZeroProfiles) {
  const auto m = parse(std::string(kHead) + R"("prior": {"joint": ["1/2", 0, "1/4", "1/4"]}})");
  EXPECT_FALSE(m.mechanism);
  EXPECT_EQ(m.problem.support.zero_profiles, (std::vector<std::size_t>{1}));
  EXPECT_FALSE(m.problem.support.full_marginals());
  EXPECT_FALSE(m.problem.independent_types);
  // v̂ = v at the zero profile.
  EXPECT_EQ(m.problem.value_hat(1, 1, 1), 4);
}

TEST(MechanismIo, DoubleModeReadsTheSameModel) {
  const auto m =
      parse<double>(std::string(kHead) + R"("prior": {"independent": [[0.5, 0.5], ["1/4", "3/4"]]},
    "mechanism": {"outcome": "efficient", "transfers": "vcg"}})");
  EXPECT_DOUBLE_EQ(m.problem.p_profile[1], 0.375);
  EXPECT_DOUBLE_EQ(m.mechanism->transfers[1][3], -3.0);  // buyer hi pays the seller's 3
}

TEST(MechanismIo, ErrorsNameThePointer) {
  auto e = test::input_error(
      [] { (void)parse(std::string(kHead) + R"("prior": {"joint": [1, 0, 0]}})"); });
  EXPECT_EQ(e.pointer(), "/prior/joint");
  e = test::input_error([] {
    (void)parse(std::string(kHead) +
                R"("prior": {"independent": [[1, 0], ["1/2", "1/2"]]}, "mechanism": {}})");
  });
  EXPECT_EQ(e.pointer(), "/prior");
  EXPECT_TRUE(test::contains(e.expected(), "agent s's type hi"));
  e = test::input_error([] {
    (void)parse(std::string(kHead) +
                R"("prior": {"independent": [["1/2", "1/2"], ["1/2", "1/2"]]},
                    "mechanism": {"outcome": "efficient"}})");
  });
  EXPECT_EQ(e.pointer(), "/mechanism/transfers");  // the missing key
}

}  // namespace
}  // namespace mechlab::mechanism
