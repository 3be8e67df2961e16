// Errors and status enums shared by every layer.
//
// Exceptions are for invalid input and broken invariants only; an algorithm that
// finds "the property fails" returns that as a result, not as an exception.
#pragma once

#include <stdexcept>
#include <string>

namespace mechlab {

// Invalid user input: names where (a JSON pointer such as "/agents/2/types/0")
// and what was expected there. The CLI maps it to exit code 2.
class InputError : public std::runtime_error {
 public:
  InputError(std::string pointer, std::string expected, std::string found = {});

  const std::string& pointer() const noexcept { return pointer_; }
  const std::string& expected() const noexcept { return expected_; }
  const std::string& found() const noexcept { return found_; }

  // The same error located one level further out: prefix + pointer.
  InputError with_prefix(const std::string& prefix) const;

 private:
  std::string pointer_;
  std::string expected_;
  std::string found_;
};

// A limit set by the user (--time-limit) was reached. Exit code 1.
class TimeLimitExceeded : public std::runtime_error {
 public:
  explicit TimeLimitExceeded(double seconds);
  double seconds() const noexcept { return seconds_; }

 private:
  double seconds_;
};

// Work was cancelled from outside (a Progress's cancel flag). Exit code 1.
class Cancelled : public std::runtime_error {
 public:
  Cancelled() : std::runtime_error("cancelled") {}
};

// A broken invariant inside mechlab: a bug, never the user's fault. Exit code 1.
class InternalError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

}  // namespace mechlab
