// Shared by the bench/*_probe programs: wall seconds, this process's CPU seconds, peak
// resident set, and the guard around main. The machine is shared, so the probes report CPU time
// beside wall time (rates per CPU second are not inflated when other processes compete for the
// cores).
#pragma once

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <exception>

namespace mechlab::bench {

using Clock = std::chrono::steady_clock;

// Wall seconds since `start`.
inline double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// CPU seconds of this process, all threads (CLOCK_PROCESS_CPUTIME_ID: unlike std::clock it
// does not wrap and has nanosecond resolution).
inline double cpu_now() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

// Peak resident set of this process in KiB (getrusage ru_maxrss, KiB on Linux).
inline long peak_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

// Wall and CPU seconds of one measured stretch.
struct Timing {
  double wall = 0;
  double cpu = 0;
};

// Started on construction; wall() and cpu() are the seconds since then.
class Stopwatch {
 public:
  double wall() const { return seconds_since(wall_start_); }
  double cpu() const { return cpu_now() - cpu_start_; }
  Timing elapsed() const { return {.wall = wall(), .cpu = cpu()}; }

 private:
  Clock::time_point wall_start_ = Clock::now();
  double cpu_start_ = cpu_now();
};

// The body of a probe's main(): an exception that escapes `run` becomes one line on stderr
// and `failure` as the exit code (bad options are CLI11's, reported before `run` throws).
template <class Run>
int guarded_main(const char* probe, int failure, Run run) noexcept {
  try {
    return run();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s: %s\n", probe, e.what());
  } catch (...) {
    std::fprintf(stderr, "%s: unknown exception\n", probe);
  }
  return failure;
}

}  // namespace mechlab::bench
