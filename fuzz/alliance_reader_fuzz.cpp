// The alliance reader accepts a valid model or throws InputError; an accepted
// model has 2..kMaxPlayers players with unique names, η in (0,1), one box per
// player with lo <= hi, a truthful set of the right size and a positive cost; for small
// alliances the exact verifier (A5) runs on it without an internal error and
// its certificate is the largest gain; it reads the same in double precision
// or throws InputError there too.
#include <cstddef>
#include <cstdint>
#include <set>

#include "mechlab/alliance/io.hpp"
#include "mechlab/alliance/truth.hpp"

#include "reader_fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mechlab;
  return fuzz::json_input(data, size, [](const io::Node& root, const io::ReadOptions& options) {
    const auto model = alliance::read_alliance<Rational>(root, options);
    fuzz::read_in_double(options, [&](const io::ReadOptions& doubles) {
      (void)alliance::read_alliance<double>(root, doubles);
    });
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
  });
}
