#include "mechlab/catalog/claim.hpp"

namespace mechlab::catalog {

void add_disclosure_continuous_claims(Registry& /*registry*/) {}

}  // namespace mechlab::catalog
