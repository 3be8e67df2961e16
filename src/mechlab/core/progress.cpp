#include "mechlab/core/progress.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>

#include "mechlab/core/error.hpp"

namespace mechlab {

using Clock = std::chrono::steady_clock;

Progress::Progress(Options options)
    : options_(options),
      terminal_(options.draw && isatty(fileno(stderr)) != 0),
      started_(Clock::now()),
      last_draw_(started_) {}

Progress::~Progress() {
  if (drew_) std::fputs("\n", stderr);
}

void Progress::start(std::string task, std::uint64_t total) {
  task_ = std::move(task);
  total_ = total;
  done_ = 0;
  check();
}

void Progress::advance(std::uint64_t units) {
  done_ += units;
  check();
  if (terminal_) {
    const auto now = Clock::now();
    if (now - last_draw_ > std::chrono::milliseconds(200)) {
      last_draw_ = now;
      draw_line(false);
    }
  }
}

void Progress::check() {
  if (cancelled_.load()) throw Cancelled();
  if (options_.time_limit_seconds && elapsed_seconds() > *options_.time_limit_seconds) {
    throw TimeLimitExceeded(*options_.time_limit_seconds);
  }
}

double Progress::elapsed_seconds() const {
  return std::chrono::duration<double>(Clock::now() - started_).count();
}

std::optional<double> Progress::remaining_seconds() const {
  if (!options_.time_limit_seconds) return std::nullopt;
  const double left = *options_.time_limit_seconds - elapsed_seconds();
  return left > 0 ? left : 0.0;
}

void Progress::draw_line(bool final) {
  const double t = elapsed_seconds();
  std::string line = fmt::format("\r{}: {}", task_, done_);
  if (total_ > 0) {
    const double frac = static_cast<double>(done_) / static_cast<double>(total_);
    line += fmt::format("/{} ({:.0f}%)", total_, 100 * frac);
    if (frac > 0 && !final) line += fmt::format(", ETA {:.0f} s", t * (1 - frac) / frac);
  }
  line += fmt::format(", {:.1f} s   ", t);
  std::fputs(line.c_str(), stderr);
  drew_ = true;
}

Progress& Progress::none() {
  thread_local Progress instance;
  return instance;
}

}  // namespace mechlab
