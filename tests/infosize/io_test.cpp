#include "mechlab/infosize/io.hpp"

#include <gtest/gtest.h>

#include "mechlab/infosize/instances.hpp"
#include "mechlab/infosize/summary.hpp"
#include "support.hpp"

namespace mechlab::infosize {
namespace {

using test::q;

template <class T = Rational>
Model<T> parse(const std::string& text) {
  const io::Document doc = io::parse_json(text);
  return read_model<T>(io::Node(doc));
}

Model<Rational> example(const std::string& name) {
  const io::Document doc =
      io::read_json_file(std::string(MECHLAB_SOURCE_DIR) + "/examples/infosize/" + name);
  return read_model<Rational>(io::Node(doc));
}

void expect_same(const Instance<Rational>& a, const Instance<Rational>& b) {
  EXPECT_EQ(a.problem.env.agents, b.problem.env.agents);
  EXPECT_EQ(a.problem.env.types, b.problem.env.types);
  EXPECT_EQ(a.problem.env.states, b.problem.env.states);
  EXPECT_EQ(a.problem.env.alternatives, b.problem.env.alternatives);
  EXPECT_EQ(a.problem.env.prior, b.problem.env.prior);
  EXPECT_EQ(a.problem.env.values, b.problem.env.values);
  EXPECT_EQ(a.signals.d.signals, b.signals.d.signals);
  EXPECT_EQ(a.signals.d.f, b.signals.d.f);
  EXPECT_EQ(a.signals.d.joint, b.signals.d.joint);
}

// The bundled examples hold the same data as the spec's test-vector instances.
TEST(InfosizeIo, ExamplesMatchTheTestVectors) {
  expect_same(example("section2-auction.json").instance, instances::tv2(q(9, 10)));
  expect_same(example("section2-value-types.json").instance, instances::tv4());
  expect_same(example("tv5-correlated.json").instance, instances::tv5());
}

// "coarsest" in the file finds the signal partition of TV4 (spec §4.4).
TEST(InfosizeIo, CoarsestDecompositionFromTheFileIsTheSignalPartition) {
  const auto m = example("section2-coarsest.json");
  EXPECT_EQ(m.instance.decomposition_source, "coarsest");
  EXPECT_EQ(m.instance.signals.d.f, instances::tv4().signals.d.f);
  EXPECT_EQ(m.instance.signals.d.joint, instances::tv4().signals.d.joint);
}

// A decomposition given with its own Q is read as given, and validated by the
// caller, not silently replaced by the pushforward.
TEST(InfosizeIo, GivenJointIsKeptAndValidatedSeparately) {
  const std::string text = R"({"model": "infosize", "version": 1,
    "states": ["s", "t"], "alternatives": ["to 1", "to 2"],
    "agents": [
      {"name": "1", "types": ["x", "y"], "values": {"to 1": {"s": [1, 1], "t": [0, 0]},
                                                   "to 2": {"s": [0, 0], "t": [0, 0]}}},
      {"name": "2", "types": ["x", "y"], "values": {"to 1": {"s": [0, 0], "t": [0, 0]},
                                                   "to 2": {"s": [1, 1], "t": [0, 0]}}}],
    "prior": {"joint": ["7/20", "1/20", "1/20", "1/10", "1/20", "1/10", "1/10", "1/5"]},
    "decomposition": {"f": [{"x": "x", "y": "y"}, {"x": "x", "y": "y"}],
                      "joint": ["1/8", "1/8", "1/8", "1/8", "1/8", "1/8", "1/8", "1/8"]},
    "reward": "quadratic", "scale": "1/2"})";
  const auto m = parse(text);
  EXPECT_EQ(m.instance.decomposition_source, "given");
  EXPECT_EQ(m.instance.reward.family, RewardFamily::quadratic);
  ASSERT_TRUE(m.scale.has_value());
  EXPECT_EQ(*m.scale, q(1, 2));
  const auto v = validate(m.instance.problem, m.instance.signals);
  EXPECT_FALSE(v.valid());
  // P_Θ(·|x,x) = (7/8, 1/8) against ρ = (1/2, 1/2): a 1-norm gap of 3/4.
  EXPECT_EQ(v.posterior_gap, q(3, 4));
  EXPECT_EQ(v.posterior_profile, 0U);
}

TEST(InfosizeIo, DoubleModeReadsTheSameInstance) {
  const io::Document doc = io::read_json_file(std::string(MECHLAB_SOURCE_DIR) +
                                              "/examples/infosize/section2-auction.json");
  const auto m = read_model<double>(io::Node(doc));
  const auto s = summarize(m.instance);
  EXPECT_NEAR(s.max_nu, 72.0 / 365, 1e-12);
  ASSERT_TRUE(s.min_lambda.has_value());
  EXPECT_NEAR(*s.min_lambda, 2048.0 / 1393, 1e-12);
}

TEST(InfosizeIo, SummaryOfTheSection2Auction) {
  const auto s = summarize(example("section2-auction.json").instance);
  EXPECT_TRUE(s.validation.valid());
  EXPECT_EQ(s.max_value, q(10));
  EXPECT_EQ(s.signal_profiles, 8U);
  EXPECT_EQ(s.max_nu, q(72, 365));
  ASSERT_TRUE(s.min_lambda.has_value());
  EXPECT_EQ(s.min_lambda->exact_text(), "2048/1393");
  // Lemma C on every pair: S >= Λ/(2√|A|), decided exactly.
  for (const auto& rows : s.pairs) {
    for (const auto& row : rows) EXPECT_EQ(compare(row.power, row.lemma_c), 1);
  }
}

}  // namespace
}  // namespace mechlab::infosize
