// Renderers for the infosize certificate: JSON (exact values as "p/q" with a
// decimal beside; certified reals as exact text or an enclosing interval) and
// a text report naming every binding constraint.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "mechlab/infosize/certify.hpp"

namespace mechlab::infosize {

// CertifiedReal -> {"exact": "9/160*sqrt(1393)" or null, "value": 2.099…,
// "lower": "2.0994…", "upper": "2.0994…"} (decimal strings rounded outward);
// double -> {"exact": null, "value": x}.
nlohmann::json real_json(const CertifiedReal& x);
nlohmann::json real_json(double x);

template <class T>
nlohmann::json to_json(const Instance<T>& instance, const Certificate<T>& certificate);

template <class T>
std::string to_text(const Instance<T>& instance, const Certificate<T>& certificate);

}  // namespace mechlab::infosize
