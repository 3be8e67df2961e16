// parse_rational either returns the exact value or throws InputError; what it
// returns prints back to text that parses to the same value.
#include <cstddef>
#include <cstdint>
#include <string>

#include "mechlab/core/error.hpp"
#include "mechlab/core/rational.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mechlab;
  if (size > 4096) return 0;
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const Rational r = parse_rational(text);
    if (parse_rational(to_string(r)) != r) __builtin_trap();
  } catch (const InputError&) {
  }
  return 0;
}
