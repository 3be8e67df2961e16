// The distribution reader accepts a valid model or throws InputError; its
// marginals and conditionals of an accepted model are distributions again.
#include <cstddef>
#include <cstdint>

#include "mechlab/io/distribution_io.hpp"

#include "reader_fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mechlab;
  return fuzz::json_input(
      data, size,
      [](const io::Node& root, const io::ReadOptions& options) {
        const auto d = io::read_distribution<Rational>(root, options);
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
      },
      64);
}
