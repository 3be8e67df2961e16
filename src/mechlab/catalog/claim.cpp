#include "mechlab/catalog/claim.hpp"

#include <fmt/format.h>

#include <chrono>

#include "mechlab/core/error.hpp"

namespace mechlab::catalog {

void Registry::add(Claim claim) {
  for (const auto& c : claims_) {
    if (c.id == claim.id) throw InternalError("catalog: claim id registered twice: " + claim.id);
  }
  claims_.push_back(std::move(claim));
}

std::vector<const Claim*> Registry::select(const std::string& key) const {
  std::vector<const Claim*> out;
  for (const auto& c : claims_) {
    if (c.id == key || c.id.rfind(key + "/", 0) == 0) out.push_back(&c);
  }
  return out;
}

const Registry& builtin_registry() {
  static const Registry registry = [] {
    Registry r;
    add_core_claims(r);
    add_lp_claims(r);
    add_mechanism_claims(r);
    add_infosize_claims(r);
    add_dynamic_claims(r);
    add_dynamic_audit_claims(r);
    add_dynamic_errata_claims(r);
    add_disclosure_claims(r);
    add_disclosure_theory_claims(r);
    add_disclosure_continuous_claims(r);
    add_alliance_claims(r);
    add_alliance_commitment_claims(r);
    add_mediation_claims(r);
    add_mediation_allpay_claims(r);
    return r;
  }();
  return registry;
}

ClaimRun run(const Claim& claim, Progress& progress) {
  ClaimRun out;
  out.claim = &claim;
  const auto start = std::chrono::steady_clock::now();
  try {
    const CheckResult r = claim.check(progress);
    out.evidence = r.evidence;
    if (!r.as_expected) {
      out.outcome = Outcome::failed;
    } else {
      out.outcome =
          claim.expected == Expected::holds ? Outcome::reproduced : Outcome::erratum_confirmed;
    }
  } catch (const TimeLimitExceeded&) {
    throw;
  } catch (const Cancelled&) {
    throw;
  } catch (const std::exception& e) {
    out.outcome = Outcome::failed;
    out.evidence = fmt::format("the check threw: {}", e.what());
  }
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

const char* outcome_text(Outcome outcome) {
  switch (outcome) {
    case Outcome::reproduced: return "reproduced";
    case Outcome::erratum_confirmed: return "erratum confirmed";
    case Outcome::failed: return "FAILED";
  }
  return "?";
}

std::string values_text(const std::vector<Rational>& values) {
  std::string out = "(";
  for (std::size_t k = 0; k < values.size(); ++k)
    out += fmt::format("{}{}", k ? ", " : "", to_string(values[k]));
  return out + ")";
}

}  // namespace mechlab::catalog
