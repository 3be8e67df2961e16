// The common shape of every dynamic mechanism's transfers (004 §2, "mechanism
// state is Markov"): y_t(p, c) for t = 1..T, with p = θ̂_{t-1} a cell of
// Θ_{t-1} and c = θ̂_t a cell of Θ_t; entry i is paid to agent i. Period 0 has
// no transfers. Audits and evaluation take a rule, so they work for GUM, BTM,
// DPM and the rest alike.
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

namespace mechlab::dynamic {

template <class T>
using TransferRule = std::function<std::vector<T>(std::size_t t, std::size_t p, std::size_t c)>;

}  // namespace mechlab::dynamic
