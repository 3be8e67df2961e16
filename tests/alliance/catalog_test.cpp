// The 000 claims of `mechlab reproduce` (catalog/alliance_claims.cpp and
// catalog/alliance_commitment_claims.cpp): every claim reaches its expected
// outcome, and the evidence carries the exact numbers that decided it.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "catalog_support.hpp"
#include "mechlab/catalog/claim.hpp"

namespace mechlab::catalog {
namespace {

TEST(AllianceCatalog, EveryClaimReachesItsExpectedOutcome) {
  EXPECT_TRUE(test::claims_as_expected("000", 35U));
}

TEST(AllianceCatalog, EvidenceCarriesTheDecidingNumbers) {
  const std::vector<test::ClaimCase> cases = {
      {"000/thm1", Outcome::reproduced, {"h = 6/5", "x(0) = (257/660, 26/55)", "564 of 564"}},
      {"000/thm2-necessity",
       Outcome::erratum_confirmed,
       {"c_6 = 17/60", "G_6(0) = -17203/1473746400", "G_6(1) = -154330957/17684956800",
        "G_6(0) = 1683/202160000"}},
      {"000/thm2-hawk-thresholds", Outcome::erratum_confirmed, {"(8, 0.900) 2.555"}},
      {"000/sec4.1", Outcome::reproduced, {"n̄ = 6", "n̄ = 13", "(7/10, 33/68, 7/37)"}},
      {"000/fig1-caption", Outcome::erratum_confirmed, {"n̄ = 28", "(3/547, 7/1030]"}},
      {"000/posterior-pk", Outcome::erratum_confirmed, {"sums to 5/6"}},
      {"000/table1", Outcome::erratum_confirmed, {"R4 at η = 1/4: printed 0.476, exact 851/1920"}},
      {"000/table2", Outcome::erratum_confirmed, {"y at η = 1/4: printed 0.016, exact 1/32"}},
      {"000/mb0-text", Outcome::erratum_confirmed, {"MB_0 = 4/15", "printed form 4/5"}},
      {"000/prop3-assumption", Outcome::erratum_confirmed, {"(2, 259/1600)", "-0.000229"}},
      {"000/cor2", Outcome::erratum_confirmed, {"2 at n = 9, 1 at n = 10"}},
      {"000/cor4", Outcome::erratum_confirmed, {"2.513 (n = 9)", "2.472 (n = 10)"}},
      {"000/cor3-interdependence", Outcome::erratum_confirmed, {"0.7208", "3.1583", "-1/60"}},
  };
  EXPECT_TRUE(test::evidence_carries(cases));
}

}  // namespace
}  // namespace mechlab::catalog
