// Full-effort sets, dominance between protocols and the propositions' predicates
// (002 §3.8): placeholder, filled in by the properties work.
#pragma once

namespace mechlab::disclosure {}  // namespace mechlab::disclosure
