// Writing a LinearProgram in CPLEX LP format, for glpsol, clp or CPLEX to re-solve.
//
// LP files carry decimals, so a Rational programme is written as its nearest
// doubles (17 significant digits). Names are made LP-safe (characters outside
// the format's set become '_', clashes get a suffix) and the original names are
// listed in comments. A ranged row lo <= a'x <= hi becomes two rows, NAME_lo
// and NAME_hi; the objective constant is written as a comment.
#pragma once

#include <string>

#include "mechlab/lp/linear_program.hpp"

namespace mechlab::lp {

template <class T>
std::string to_cplex_lp(const LinearProgram<T>& lp);

extern template std::string to_cplex_lp(const LinearProgram<Rational>&);
extern template std::string to_cplex_lp(const LinearProgram<double>&);

}  // namespace mechlab::lp
