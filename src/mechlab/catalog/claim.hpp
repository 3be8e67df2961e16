// The catalog: every numbered result and example of the five documents as a
// registered, executable check. `mechlab reproduce` runs them.
//
// A claim never assumes its conclusion: its check computes the objects the
// statement is about and compares. For an erratum, the check confirms the
// counterexample to the published statement and the corrected statement.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "mechlab/core/progress.hpp"
#include "mechlab/core/rational.hpp"

namespace mechlab::catalog {

enum class Expected { holds, erratum };
enum class Outcome { reproduced, erratum_confirmed, failed };

struct CheckResult {
  bool as_expected = false;  // statement reproduced, or counterexample confirmed
  std::string evidence;      // one line: the numbers that decided it
};

struct Claim {
  std::string id;         // "<document>/<result>", e.g. "004/thm1", "lp/beale-cycling"
  std::string source;     // where it is stated: seed file and result number, or a textbook
  std::string statement;  // as published
  Expected expected = Expected::holds;
  std::string corrected;  // for an erratum: the statement that does hold
  std::function<CheckResult(Progress&)> check;
};

class Registry {
 public:
  // Throws InternalError on a repeated id.
  void add(Claim claim);
  const std::vector<Claim>& claims() const noexcept { return claims_; }
  // Claims whose id is `key` or starts with `key` + "/" (a document prefix).
  std::vector<const Claim*> select(const std::string& key) const;

 private:
  std::vector<Claim> claims_;
};

// Every claim mechlab ships, each document adding its own (see *_claims.cpp).
const Registry& builtin_registry();

void add_core_claims(Registry& registry);
void add_lp_claims(Registry& registry);
void add_mechanism_claims(Registry& registry);
void add_infosize_claims(Registry& registry);
void add_dynamic_claims(Registry& registry);
void add_dynamic_audit_claims(Registry& registry);
void add_dynamic_errata_claims(Registry& registry);
void add_disclosure_claims(Registry& registry);
void add_disclosure_theory_claims(Registry& registry);
void add_disclosure_continuous_claims(Registry& registry);
void add_alliance_claims(Registry& registry);
void add_alliance_commitment_claims(Registry& registry);
void add_mediation_claims(Registry& registry);
void add_mediation_allpay_claims(Registry& registry);

struct ClaimRun {
  const Claim* claim = nullptr;
  Outcome outcome = Outcome::failed;
  double seconds = 0;
  std::string evidence;
};

// Runs one claim; an exception inside the check is a FAILED run, reported.
// TimeLimitExceeded and Cancelled propagate.
ClaimRun run(const Claim& claim, Progress& progress);

const char* outcome_text(Outcome outcome);

// "(1, -3/2, 7)": exact values for a claim's evidence line.
std::string values_text(const std::vector<Rational>& values);

}  // namespace mechlab::catalog
