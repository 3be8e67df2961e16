// Any byte string given to the LP reader either becomes a valid programme or
// an InputError; anything else (a crash, another exception, a sanitizer
// report) is a bug. Small programmes are also solved and certified.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "mechlab/core/error.hpp"
#include "mechlab/lp/certified_solve.hpp"
#include "mechlab/lp/io.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mechlab;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  io::ReadOptions options;
  options.memory_limit_bytes = std::uint64_t{64} << 20;
  try {
    const io::Document doc = io::parse_json(text);
    const auto lp = lp::read_lp(io::Node(doc), options);
    if (lp.columns.size() <= 8 && lp.rows.size() <= 8) {
      const auto r = lp::solve(lp);
      if (r.status == lp::SolveStatus::optimal && r.certified && r.x.size() != lp.columns.size()) {
        __builtin_trap();
      }
    }
  } catch (const InputError&) {
  }
  return 0;
}
