// The alliance reader accepts a valid model or throws InputError; an accepted
// model has 2..kMaxPlayers players with unique names, η in (0,1), one box per
// player with lo <= hi, a truthful set of the right size and a positive cost; for small
// alliances the exact verifier (A5) runs on it without an internal error and
// its certificate is the largest gain; it reads the same in double precision
// or throws InputError there too.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string_view>

#include "mechlab/alliance/io.hpp"
#include "mechlab/alliance/truth.hpp"
#include "mechlab/core/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mechlab;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  io::ReadOptions options;
  options.memory_limit_bytes = std::uint64_t{16} << 20;
  try {
    const io::Document doc = io::parse_json(text);
    const auto model = alliance::read_alliance<Rational>(io::Node(doc), options);
    io::ReadOptions doubles = options;
    doubles.doubles = true;
    try {
      (void)alliance::read_alliance<double>(io::Node(doc), doubles);
    } catch (const InputError&) {
    }
    const auto& a = model.alliance;
    const std::size_t n = a.biases.size();
    if (n < 2 || n > alliance::kMaxPlayers) __builtin_trap();
    if (!(a.eta > 0 && a.eta < 1)) __builtin_trap();
    if (a.bounds.size() != n || model.players.size() != n) __builtin_trap();
    for (const auto& box : a.bounds) {
      if (box.hi < box.lo) __builtin_trap();
    }
    if (std::set(model.players.begin(), model.players.end()).size() != n) __builtin_trap();
    if (model.truthful && model.truthful->size() != n) __builtin_trap();
    if (model.cost && !(*model.cost > 0)) __builtin_trap();
    if (n <= 12) {
      const auto truth = alliance::verify_truth_telling(a);
      bool any_gain = false;
      for (const auto& g : truth.gain) {
        for (const auto& value : g) {
          if (value > truth.worst_gain) __builtin_trap();
          any_gain = any_gain || value > 0;
        }
      }
      if (truth.fully_revealing == any_gain) __builtin_trap();
    }
  } catch (const InputError&) {
  }
  return 0;
}
