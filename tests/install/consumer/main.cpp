// Solves Chvatal's LP through the installed library and prints the exact optimum.
#include <iostream>

#include <mechlab/lp/certified_solve.hpp>
#include <mechlab/lp/instances.hpp>

int main() {
  const auto lp = mechlab::lp::instances::chvatal();
  const auto result = mechlab::lp::solve(lp);
  std::cout << mechlab::lp::status_text(result) << " " << mechlab::to_string(result.objective)
            << "\n";
  return result.certified && result.objective == 13 ? 0 : 1;
}
