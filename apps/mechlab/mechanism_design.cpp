// Placeholder until the verb lands.
#include "mechanism_verbs.hpp"
#include "mechlab/core/error.hpp"

namespace mechlab::cli {
Result run_mechanism_design(const MechanismArgs&, const GlobalOptions&) {
  throw InternalError("mechanism design: not implemented yet");
}
}  // namespace mechlab::cli
