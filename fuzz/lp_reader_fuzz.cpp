// Any byte string given to the LP reader either becomes a valid programme or
// an InputError; anything else (a crash, another exception, a sanitizer
// report) is a bug. Small programmes are also solved and certified.
#include <cstddef>
#include <cstdint>

#include "mechlab/lp/certified_solve.hpp"
#include "mechlab/lp/io.hpp"

#include "reader_fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mechlab;
  return fuzz::json_input(
      data, size,
      [](const io::Node& root, const io::ReadOptions& options) {
        const auto lp = lp::read_lp(root, options);
        if (lp.columns.size() <= 8 && lp.rows.size() <= 8) {
          const auto r = lp::solve(lp);
          if (r.status == lp::SolveStatus::optimal && r.certified &&
              r.x.size() != lp.columns.size()) {
            __builtin_trap();
          }
        }
      },
      64);
}
