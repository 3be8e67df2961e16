// Renderers for LP results: JSON (every number exact) and a text report.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "mechlab/lp/certified_solve.hpp"

namespace mechlab::lp {

template <class T>
nlohmann::json to_json(const LinearProgram<T>& lp, const LpResult<T>& result);

template <class T>
std::string to_text(const LinearProgram<T>& lp, const LpResult<T>& result);

extern template nlohmann::json to_json(const LinearProgram<Rational>&, const LpResult<Rational>&);
extern template nlohmann::json to_json(const LinearProgram<double>&, const LpResult<double>&);
extern template std::string to_text(const LinearProgram<Rational>&, const LpResult<Rational>&);
extern template std::string to_text(const LinearProgram<double>&, const LpResult<double>&);

}  // namespace mechlab::lp
