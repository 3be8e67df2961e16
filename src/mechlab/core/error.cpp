#include "mechlab/core/error.hpp"

#include <fmt/format.h>

namespace mechlab {

namespace {
std::string describe(const std::string& pointer, const std::string& expected,
                     const std::string& found) {
  std::string where = pointer.empty() ? std::string("(document root)") : pointer;
  if (found.empty()) return fmt::format("{}: expected {}", where, expected);
  return fmt::format("{}: expected {}, found {}", where, expected, found);
}
}  // namespace

InputError::InputError(std::string pointer, std::string expected, std::string found)
    : std::runtime_error(describe(pointer, expected, found)),
      pointer_(std::move(pointer)),
      expected_(std::move(expected)),
      found_(std::move(found)) {}

InputError InputError::with_prefix(const std::string& prefix) const {
  return {prefix + pointer_, expected_, found_};
}

TimeLimitExceeded::TimeLimitExceeded(double seconds)
    : std::runtime_error(fmt::format("time limit of {} s reached", seconds)), seconds_(seconds) {}

}  // namespace mechlab
