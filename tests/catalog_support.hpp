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

// Every claim whose id starts with `prefix` (at least `at_least` of them)
// reaches its expected outcome, and every erratum states its correction.
inline ::testing::AssertionResult claims_as_expected(const std::string& prefix,
                                                     std::size_t at_least) {
  using catalog::Expected;
  using catalog::Outcome;
  const auto claims = catalog::builtin_registry().select(prefix);
  if (claims.size() < at_least) {
    return ::testing::AssertionFailure()
           << claims.size() << " claims for " << prefix << ", expected at least " << at_least;
  }
  for (const catalog::Claim* claim : claims) {
    const auto run = catalog::run(*claim, Progress::none());
    const auto want =
        claim->expected == Expected::holds ? Outcome::reproduced : Outcome::erratum_confirmed;
    if (run.outcome != want) {
      return ::testing::AssertionFailure() << claim->id << " missed its outcome: " << run.evidence;
    }
    if (claim->expected == Expected::erratum && claim->corrected.empty()) {
      return ::testing::AssertionFailure() << claim->id << " states no correction";
    }
  }
  return ::testing::AssertionSuccess();
}

// Each case's claim reaches its outcome and its evidence carries the numbers.
inline ::testing::AssertionResult evidence_carries(const std::vector<ClaimCase>& cases) {
  for (const ClaimCase& c : cases) {
    const auto claims = catalog::builtin_registry().select(c.id);
    if (claims.size() != 1) return ::testing::AssertionFailure() << c.id << " is not one claim";
    const auto run = catalog::run(*claims[0], Progress::none());
    if (run.outcome != c.outcome) {
      return ::testing::AssertionFailure() << c.id << " missed its outcome: " << run.evidence;
    }
    for (const char* s : c.evidence) {
      if (!contains(run.evidence, s)) {
        return ::testing::AssertionFailure() << c.id << " lacks '" << s << "' in " << run.evidence;
      }
    }
  }
  return ::testing::AssertionSuccess();
}

}  // namespace mechlab::test
