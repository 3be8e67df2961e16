// mechlab sweep: running a sweep's points on worker threads, locally or as one
// MPI rank among several (sweep_mpi.cpp). docs/sweep.md.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "command.hpp"
#include "mechlab/core/progress.hpp"
#include "mechlab/sweep/journal.hpp"
#include "mechlab/sweep/spec.hpp"

namespace mechlab::cli::sweeprun {

struct SweepArgs {
  std::string spec_file;
  std::string out;
  unsigned threads = 1;
  bool no_timing = false;
  std::optional<double> point_time_limit;
};

// Hands out point indices to worker threads: a shared counter here, or
// requests to MPI rank 0 on the other ranks.
class PointSource {
 public:
  virtual ~PointSource() = default;
  virtual std::optional<std::uint64_t> next() = 0;
};

// The pending points, in order, behind an atomic counter; closed once the
// sweep's --time-limit has passed.
class LocalSource final : public PointSource {
 public:
  LocalSource(std::vector<std::uint64_t> pending, const Progress& clock)
      : pending_(std::move(pending)), clock_(clock) {}
  std::optional<std::uint64_t> next() override;
  // Points not yet handed out.
  std::size_t remaining() const {
    const std::size_t taken = next_.load();
    return taken < pending_.size() ? pending_.size() - taken : 0;
  }

 private:
  std::vector<std::uint64_t> pending_;
  const Progress& clock_;
  std::atomic<std::size_t> next_{0};
};

// The sweep's clock (the whole sweep's --time-limit) and its progress line on
// stderr, shared by the worker threads.
class SweepClock {
 public:
  SweepClock(const GlobalOptions& options, std::uint64_t total, std::string task);
  const Progress& progress() const { return progress_; }
  bool expired() const;
  void tick();

 private:
  std::mutex mutex_;
  Progress progress_;
};

// Runs points from `source` on `threads` worker threads (the calling thread
// when 1), appending each finished point's line. Points abandoned at the
// sweep's time limit write nothing (a resumed run does them). Returns the lines written.
std::size_t run_workers(const sweep::Spec& spec, const SweepArgs& args, PointSource& source,
                        sweep::Appender& out, SweepClock& clock);

// Everything before the points: the spec, leftover shards merged, the pending points.
struct Prepared {
  sweep::Spec spec;
  std::vector<std::uint64_t> pending;
  std::size_t stale = 0;  // lines in OUT from another spec (kept)
};
Prepared prepare(const SweepArgs& args, const GlobalOptions& options);

// After the points: merges the shards into OUT (sorted by index) and reports;
// exit code 1 when points are missing (the time limit stopped the sweep).
Result finish(const Prepared& prepared, const SweepArgs& args, const GlobalOptions& options,
              std::size_t ran);

// Under mpirun (Open MPI's or PMIx's environment variables are set).
bool under_mpirun();
// The sweep across MPI ranks (only when built with MECHLAB_MPI).
Result run_mpi(const SweepArgs& args, const GlobalOptions& options);

}  // namespace mechlab::cli::sweeprun
