// The distribution reader accepts a valid model or throws InputError; its
// marginals and conditionals of an accepted model are distributions again.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "mechlab/core/error.hpp"
#include "mechlab/io/distribution_io.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mechlab;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  io::ReadOptions options;
  options.memory_limit_bytes = std::uint64_t{64} << 20;
  try {
    const io::Document doc = io::parse_json(text);
    const auto d = io::read_distribution<Rational>(io::Node(doc), options);
    const std::size_t first = 0;
    const auto m = d.marginal(std::span<const std::size_t>(&first, 1));
    Rational total(0);
    for (const auto& p : m.probabilities()) total += p;
    if (total != 1) __builtin_trap();
    const Fixing event{0, 0};
    if (const auto c = d.conditional(std::span<const Fixing>(&event, 1))) {
      Rational t(0);
      for (const auto& p : c->probabilities()) t += p;
      if (t != 1) __builtin_trap();
    }
  } catch (const InputError&) {
  }
  return 0;
}
