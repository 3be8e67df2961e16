// Any byte string given to the .nfg reader either becomes a valid strategic
// game or an InputError; anything else (a crash, another exception, a
// sanitizer report) is a bug. Games that are read are written back and read
// again (the round trip must reproduce them), and small ones are solved.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "mechlab/core/error.hpp"
#include "mechlab/mechanism/game.hpp"
#include "mechlab/mechanism/game_io.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mechlab;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  io::ReadOptions options;
  options.memory_limit_bytes = std::uint64_t{64} << 20;
  try {
    const auto game = mechanism::read_nfg(text, options);
    if (game.payoffs.size() != game.profile_count() * game.player_count()) __builtin_trap();
    const auto back = mechanism::read_nfg(mechanism::to_nfg(game), options);
    if (back.payoffs != game.payoffs || back.strategies != game.strategies ||
        back.players != game.players || back.title != game.title) {
      __builtin_trap();
    }
    if (game.profile_count() <= 4096) {
      const auto r = mechanism::pure_equilibria(game);
      for (const auto& c : r.equilibria) {
        if (c.max_regret != 0) __builtin_trap();
      }
    }
  } catch (const InputError&) {
  }
  return 0;
}
