// Claims of the main paper's Section 4 (all-pay litigation; vector H).
#include "mechlab/catalog/claim.hpp"

namespace mechlab::catalog {

void add_mediation_allpay_claims(Registry& /*registry*/) {}

}  // namespace mechlab::catalog
