// Renderers for the infosize certificate: JSON (exact values as "p/q" with a
// decimal beside; certified reals as exact text or an enclosing interval) and
// a text report naming every binding constraint.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "mechlab/infosize/certify.hpp"

namespace mechlab::infosize {

// Certified reals are written with io::real_json (mechlab/io/output.hpp).
template <class T>
nlohmann::json to_json(const Instance<T>& instance, const Certificate<T>& certificate);

template <class T>
std::string to_text(const Instance<T>& instance, const Certificate<T>& certificate);

}  // namespace mechlab::infosize
