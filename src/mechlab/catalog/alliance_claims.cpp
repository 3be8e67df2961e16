// Claims of 000 (alliances): filled in by the issue-7 catalog work.
#include "mechlab/catalog/claim.hpp"

namespace mechlab::catalog {

void add_alliance_claims(Registry& /*registry*/) {}

}  // namespace mechlab::catalog
