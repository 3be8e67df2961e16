// Renderers for audits: JSON (every number exact) and a text report.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>

#include "mechlab/mechanism/audit.hpp"

namespace mechlab::mechanism {

template <class T>
nlohmann::json to_json(const Problem<T>& problem, const Mechanism<T>& mechanism,
                       const Audit<T>& audit);

// `show` bounds the violations listed per property (the JSON lists all kept).
template <class T>
std::string to_text(const Problem<T>& problem, const Mechanism<T>& mechanism, const Audit<T>& audit,
                    std::size_t show = 20);

// "full", or what is missing: "zero-probability profiles: 2 (first (b1=L, b2=H))".
template <class T>
std::string support_text(const Problem<T>& problem);

}  // namespace mechlab::mechanism
