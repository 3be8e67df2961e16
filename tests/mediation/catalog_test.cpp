// The 001 claims of `mechlab reproduce` (catalog/mediation_claims.cpp): every
// claim reaches its expected outcome, and the evidence carries the exact
// numbers of spec 001 §4 that decided it.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "catalog_support.hpp"
#include "mechlab/catalog/claim.hpp"

namespace mechlab::catalog {
namespace {

TEST(MediationCatalog, EveryClaimReachesItsExpectedOutcome) {
  EXPECT_TRUE(test::claims_as_expected("001", 22U));
}

TEST(MediationCatalog, EvidenceCarriesTheDecidingNumbers) {
  const std::vector<test::ClaimCase> cases = {
      {"001/vector-a",
       Outcome::reproduced,
       {"Pr(G) = 41/176 (ex-post LP) = 41/176 (reduced-form LP)", "[(1, 5/11), (5/11, 0)]",
        "z = (117/440, 93/220)", "135/176", "387/880", "(26/41, 15/41)",
        "PC[1](1), IC[1](2->1), PC[2](1), IC[2](2->1)"}},
      {"001/prop1",
       Outcome::reproduced,
       {"22 of 22", "6 full-settlement cases", "0.5535785", "11 of 11 (9 full-settlement"}},
      {"001/prop5", Outcome::reproduced, {"4 of 4", "b(1) = 11/26, b(K) = 1"}},
      {"001/prop6",
       Outcome::reproduced,
       {"B1: 3/7 = LP 3/7", "B2: 23/50 = LP 23/50", "B3: 7/25 = LP 7/25", "0.334443161",
        "gamma(1,3) = 0.312558", "gamma(2,2) = 16/21", "regularity (i) fails in 3 of B1-B3"}},
      {"001/lemma1", Outcome::reproduced, {"in 90 of them", "(3, 2)"}},
      {"001/lemma2", Outcome::reproduced, {"46 of 46", "D: L^* = 12058/7605"}},
      {"001/vector-c",
       Outcome::reproduced,
       {"delta = 20/11", "nu_(2,1) = 15/11", "mu_11 = 15/176", "4/5 on (2,2)",
        "C = -41/320, -C/(L^-1) = 41/176"}},
      {"001/lemma3", Outcome::reproduced, {"5 of 5", "A: (PC, IC-)"}},
      {"001/cor1", Outcome::reproduced, {"5 of 5", "B1: z_1 = (0, 23/70, 131/350)"}},
      {"001/lemma4", Outcome::reproduced, {"(1,1) = 4/5, Bayes = 4", "79 of 79"}},
      {"001/obs2", Outcome::reproduced, {"30 of 30 consistent"}},
      {"001/lemma6", Outcome::reproduced, {"4.963e-04"}},
      {"001/vector-d",
       Outcome::reproduced,
       {"V = (1091711/1972098, 758891/1972098)", "Pr(G) = 89284390/487875133 certified",
        "without signals (best single shape, grid 1/2): 89284390/487875133", "(19/39, 1/39)",
        "Xi = 12058/7605", "8.8966e-04"}},
      {"001/vector-e", Outcome::reproduced, {"Pr(G) = 53/200", "(19/53, 18/53, 16/53)"}},
      {"001/vector-g", Outcome::reproduced, {"Pr(G) = 11825/61056 = 0.1936746593", "0.3108078"}},
      {"001/e12-vv",
       Outcome::erratum_confirmed,
       {"exactly in 20", "VV(1,2) = 8/5 != VV(2,1) = 2/3"}},
      {"001/e14-vv-order", Outcome::erratum_confirmed, {"v(1,1) = 23/10 > v(1,2) = 31/20"}},
      {"001/e7-lemma2-coefficients",
       Outcome::erratum_confirmed,
       {"M^1(1) = 3/4, nu^1(1) = -3/4", "14 of 14 cuts", "31 of 31 columns"}},
      {"001/e9-s19", Outcome::erratum_confirmed, {"mu~ = 3/64", "8937/11264"}},
      {"001/e15-worst-rule", Outcome::erratum_confirmed, {"same B in 6 cases", "6 of them"}},
  };
  EXPECT_TRUE(test::evidence_carries(cases));
}

}  // namespace
}  // namespace mechlab::catalog
