// Checks shared by the per-family catalog tests: every claim of a document
// reaches its expected outcome, and chosen claims' evidence carries the
// numbers that decided them.
#pragma once

#include <gtest/gtest.h>

#include <cstddef>
#include <string>
#include <vector>

#include "mechlab/catalog/claim.hpp"
#include "mechlab/core/progress.hpp"
#include "support.hpp"

namespace mechlab::test {

struct ClaimCase {
  const char* id;
  catalog::Outcome outcome;
  std::vector<const char*> evidence;  // substrings the evidence must contain
};

// Every claim whose id starts with `prefix` (at least `at_least` of them).
inline void expect_expected_outcomes(const std::string& prefix, std::size_t at_least) {
  using catalog::Expected;
  using catalog::Outcome;
  const auto claims = catalog::builtin_registry().select(prefix);
  EXPECT_GE(claims.size(), at_least);
  for (const catalog::Claim* claim : claims) {
    const auto run = catalog::run(*claim, Progress::none());
    const auto want =
        claim->expected == Expected::holds ? Outcome::reproduced : Outcome::erratum_confirmed;
    EXPECT_EQ(run.outcome, want) << claim->id << ": " << run.evidence;
    if (claim->expected == Expected::erratum) EXPECT_FALSE(claim->corrected.empty()) << claim->id;
  }
}

inline void expect_evidence(const std::vector<ClaimCase>& cases) {
  for (const ClaimCase& c : cases) {
    const auto claims = catalog::builtin_registry().select(c.id);
    ASSERT_EQ(claims.size(), 1U) << c.id;
    const auto run = catalog::run(*claims[0], Progress::none());
    EXPECT_EQ(run.outcome, c.outcome) << c.id << ": " << run.evidence;
    for (const char* s : c.evidence) {
      EXPECT_TRUE(contains(run.evidence, s)) << c.id << " lacks '" << s << "' in " << run.evidence;
    }
  }
}

}  // namespace mechlab::test
