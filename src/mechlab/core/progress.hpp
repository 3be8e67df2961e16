// Progress reporting and cancellation for long computations.
//
// Algorithms take a Progress& and call advance() as work gets done. Progress
// enforces the time limit (throwing TimeLimitExceeded), honours a cancel flag
// (throwing Cancelled) and, when asked to draw and stderr is a terminal, shows
// work done and an ETA on one line of stderr. Algorithms never print themselves.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace mechlab {

class Progress {
 public:
  struct Options {
    std::optional<double> time_limit_seconds;  // none = no limit
    bool draw = false;                         // draw on stderr if it is a terminal
  };

  Progress() : Progress(Options{}) {}
  explicit Progress(Options options);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // Starts a named phase with `total` units of work (0 = unknown).
  void start(std::string task, std::uint64_t total = 0);
  // Records `units` of work done, then checks the limits.
  void advance(std::uint64_t units = 1);
  // Checks the limits without recording work.
  void check();
  void cancel() noexcept { cancelled_.store(true); }

  double elapsed_seconds() const;
  std::optional<double> time_limit_seconds() const noexcept { return options_.time_limit_seconds; }
  // Seconds left before the limit (none if unlimited); never negative.
  std::optional<double> remaining_seconds() const;

  // A do-nothing instance (one per thread) for callers with no limits.
  static Progress& none();

 private:
  void draw_line(bool final);

  Options options_;
  bool terminal_ = false;
  std::chrono::steady_clock::time_point started_;
  std::chrono::steady_clock::time_point last_draw_;
  std::string task_;
  std::uint64_t total_ = 0;
  std::uint64_t done_ = 0;
  std::atomic<bool> cancelled_{false};
  bool drew_ = false;
};

}  // namespace mechlab
