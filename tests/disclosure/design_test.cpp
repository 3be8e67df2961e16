// Protocol design (002 §3.8): scoring by c̄(D), and scoring one protocol per
// orbit of the technology's symmetry group gives exactly the scores of
// solving every protocol.
#include "mechlab/disclosure/design.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "support.hpp"

namespace mechlab::disclosure {
namespace {

using test::q;

TEST(DisclosureDesign, PermuteMapsLeadersAndKeepsMajorities) {
  const std::vector<std::size_t> pi{2, 0, 1};  // 1 → 3, 2 → 1, 3 → 2
  EXPECT_EQ(permute(leader(3, 0), pi).winning, leader(3, 2).winning);
  EXPECT_EQ(permute(k_majority(3, 2), pi).winning, k_majority(3, 2).winning);
  // {1, 2} minimal ↦ {3, 1} minimal.
  EXPECT_EQ(permute(from_minimal_winning(3, {0b011}), pi).winning,
            from_minimal_winning(3, {0b101}).winning);
}

TEST(DisclosureDesign, SymmetricBinaryModelHasTheFullGroup) {
  const auto tech = binary_technology<Rational>(figure2_baseline(3));
  EXPECT_EQ(technology_symmetries(tech, {}).size(), 6U);
  // Unequal costs break the symmetry between members 1 and 2 but not 2 and 3.
  EXPECT_EQ(technology_symmetries(tech, {q(1, 100), q(1, 50), q(1, 50)}).size(), 2U);
  // So does member 1 alone having a third outcome value.
  auto uneven = tech;
  uneven.full.values[0] = {q(0), q(2)};
  EXPECT_EQ(technology_symmetries(uneven, {}).size(), 2U);
}

TEST(DisclosureDesign, OrbitScoringEqualsScoringEveryProtocol) {
  BinaryEffortModel model = figure2_baseline(3);
  model.qj0 = q(9, 20);  // others' outcomes also depend on i's effort
  const auto tech = binary_technology<Rational>(model);
  const auto protocols = all_monotone_protocols(3);
  const std::vector<Rational> costs(3, q(1, 200));
  const auto fast = score_protocols(tech, protocols, costs);
  const auto slow =
      score_protocols(tech, protocols, costs, Progress::none(), {.use_symmetry = false});
  ASSERT_EQ(fast.size(), protocols.size());
  ASSERT_EQ(slow.size(), protocols.size());
  std::size_t images = 0;
  for (std::size_t k = 0; k < fast.size(); ++k) {
    EXPECT_EQ(fast[k].protocol.winning, slow[k].protocol.winning) << k;
    EXPECT_EQ(fast[k].best_symmetric_cost, slow[k].best_symmetric_cost) << fast[k].protocol.name;
    EXPECT_EQ(fast[k].best_gains, slow[k].best_gains) << fast[k].protocol.name;
    EXPECT_EQ(fast[k].admits_costs, slow[k].admits_costs) << fast[k].protocol.name;
    EXPECT_EQ(fast[k].equilibria, slow[k].equilibria) << fast[k].protocol.name;
    images += fast[k].image_of.has_value() ? 1 : 0;
    EXPECT_FALSE(slow[k].image_of.has_value());
  }
  // The 18 non-constant monotone functions of 3 variables fall into 8 orbits
  // under S_3 (10 inequivalent functions minus the two constants).
  EXPECT_EQ(protocols.size() - images, 8U);
}

TEST(DisclosureDesign, BinaryTechnologyMatchesEq15) {
  const BinaryEffortModel model{3, q(1, 3), q(3, 5), q(1, 2), q(1, 4), q(1, 2), q(2, 5), q(9, 20)};
  const auto tech = binary_technology<Rational>(model);
  const auto gains = k_majority_gains<Rational>(model);
  for (std::size_t k = 1; k <= 3; ++k) {
    std::vector<Rational> d;
    for (std::size_t c = 0; c < 8; ++c) {
      d.push_back(q(static_cast<std::size_t>(__builtin_popcountll(c)) >= k ? 1 : 0));
    }
    const auto [p, posterior] = no_disclosure_posterior(tech.full, d);
    const auto g = effort_gains(tech, d, posterior).gain;
    for (const auto& gi : g) EXPECT_EQ(gi, gains[k - 1]) << "K=" << k;  // symmetric members
  }
}

}  // namespace
}  // namespace mechlab::disclosure
