// Continuous outcomes (002 Appendix B.1, Theorem 4; spec §3.6): placeholder,
// filled in by the continuous-outcomes work.
#pragma once

namespace mechlab::disclosure {}  // namespace mechlab::disclosure
