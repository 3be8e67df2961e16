// Placeholder until the verb lands.
#include "mechanism_verbs.hpp"
#include "mechlab/core/error.hpp"

namespace mechlab::cli {
Result run_mechanism_export(const MechanismArgs&, const GlobalOptions&) {
  throw InternalError("mechanism export: not implemented yet");
}
Result run_mechanism_equilibria(const MechanismArgs&, const GlobalOptions&) {
  throw InternalError("mechanism equilibria: not implemented yet");
}
}  // namespace mechlab::cli
