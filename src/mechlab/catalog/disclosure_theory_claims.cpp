#include "mechlab/catalog/claim.hpp"

namespace mechlab::catalog {

void add_disclosure_theory_claims(Registry& /*registry*/) {}

}  // namespace mechlab::catalog
