#include "mechlab/mechanism/rules.hpp"

#include <gtest/gtest.h>

#include "mechlab/core/error.hpp"
#include "mechlab/io/json.hpp"
#include "mechlab/mechanism/io.hpp"
#include "support.hpp"

namespace mechlab::mechanism {
namespace {

using test::q;

Model<Rational> example(const std::string& name) {
  const io::Document doc =
      io::read_json_file(std::string(MECHLAB_SOURCE_DIR) + "/examples/mechanism/" + name);
  return read_model<Rational>(io::Node(doc));
}

// 004 §4.5: policy "invest only if strictly beneficial" and the AGV differences.
TEST(Agv, AppendixEPolicyAndTransfers) {
  const auto model = example("agv-appendix-e.json");
  const auto& p = model.problem;
  const auto choice = efficient_choice(p);
  // Profiles (a1, a2, a3) row-major: (L,L), (L,H), (H,L), (H,H).
  EXPECT_EQ(choice.choice, (std::vector<std::size_t>{0, 0, 1, 2}));  // N, N, S, B
  EXPECT_EQ(choice.tie_profiles, (std::vector<std::size_t>{0, 1}));
  const auto& m = *model.mechanism;
  // x_1(H, t2) − x_1(L, t2) = γ_1(H) − γ_1(L) = −15 with t2 fixed; same for agent 2 (−4).
  EXPECT_EQ(m.transfers[0][2] - m.transfers[0][0], q(-15));
  EXPECT_EQ(m.transfers[1][1] - m.transfers[1][0], q(-4));
  for (std::size_t t = 0; t < p.profile_count(); ++t) {
    Rational sum = 0;
    for (const auto& x : m.transfers) sum += x[t];
    EXPECT_EQ(sum, 0) << "ex post budget balance at " << p.profile_name(t);
  }
}

TEST(Vcg, SecondPriceOnThreeBidders) {
  const auto model = example("vcg-three-bidders.json");
  const auto& p = model.problem;
  const auto& m = *model.mechanism;
  // Profile (3, 2, 1): b1 wins and pays 2.
  const std::size_t t = p.profiles.encode(std::vector<std::size_t>{2, 1, 0});
  EXPECT_EQ(m.q(t, 1, 4), 1);
  EXPECT_EQ(m.transfers[0][t], -2);
  EXPECT_EQ(m.transfers[1][t], 0);
  // Expected revenue = E[second-highest of three uniform draws from {1,2,3}] = 2.
  Rational revenue = 0;
  for (std::size_t s = 0; s < p.profile_count(); ++s) {
    for (const auto& x : m.transfers) revenue -= p.p_profile[s] * x[s];
  }
  EXPECT_EQ(revenue, 2);
}

TEST(Vcg, RefusesInterdependentValues) {
  auto model = example("gvcg-interdependent.json");
  EXPECT_THROW(vcg(model.problem), InputError);
  const auto g = gvcg(model.problem);
  EXPECT_EQ(g.name, "gvcg");
}

TEST(Gvcg, InterimValuesUsePosterior) {
  const auto model = example("gvcg-interdependent.json");
  const auto& p = model.problem;
  // At (h, h): P(high | h, h) = 81/82, so v̂_1(to b1) = 2·1/82 + 6·81/82.
  const std::size_t hh = 3;
  EXPECT_EQ(p.value_hat(0, hh, 0), q(488, 82));
  EXPECT_FALSE(p.independent_types);
  // GVCG transfers are <= 0 (003 §5.1).
  for (const auto& x : model.mechanism->transfers) {
    for (const auto& v : x) EXPECT_LE(v, 0);
  }
}

TEST(Augment, AddsNonNegativeRewardsOnly) {
  const auto model = example("vcg-three-bidders.json");
  std::vector<std::vector<Rational>> z(3, std::vector<Rational>(27, q(1, 10)));
  const auto a = augment(*model.mechanism, z);
  EXPECT_EQ(a.transfers[0][0], model.mechanism->transfers[0][0] + q(1, 10));
  z[2][5] = q(-1, 10);
  const InputError e = test::input_error([&] { (void)augment(*model.mechanism, z); });
  EXPECT_EQ(e.pointer(), "/mechanism/rewards/2/5");
}

}  // namespace
}  // namespace mechlab::mechanism
