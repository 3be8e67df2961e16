// A simplex basis of a LinearProgram in bounded form.
//
// Every column x_j and every row activity s_r = sum_j a_rj x_j is a variable;
// a basis marks m of the n + m variables basic and puts every other one at a
// bound (or at zero when it is free).
#pragma once

#include <string_view>
#include <vector>

namespace mechlab::lp {

enum class VarStatus { basic, at_lower, at_upper, free_zero };

struct Basis {
  std::vector<VarStatus> columns;
  std::vector<VarStatus> rows;
};

constexpr std::string_view to_string(VarStatus s) {
  switch (s) {
    case VarStatus::basic: return "basic";
    case VarStatus::at_lower: return "at lower bound";
    case VarStatus::at_upper: return "at upper bound";
    case VarStatus::free_zero: return "free at zero";
  }
  return "?";
}

}  // namespace mechlab::lp
