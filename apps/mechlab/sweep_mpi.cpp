// mechlab sweep under mpirun: rank 0 owns the point counter and answers
// requests from a service thread (MPI_Iprobe with short sleeps, so an idle
// rank 0 does not spin a core); every rank runs worker threads, appends to its
// own shard OUT.rank<R>, and rank 0 merges the shards into OUT at the end.
#include <mpi.h>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <deque>
#include <iostream>
#include <mutex>
#include <thread>
#include <vector>

#include "mechlab/core/error.hpp"
#include "sweep_runner.hpp"

namespace mechlab::cli::sweeprun {

namespace {

constexpr int kRequest = 1;   // rank R -> rank 0: points, please (no payload)
constexpr int kPoints = 2;    // rank 0 -> rank R: up to kMaxChunk indices; none = no more
constexpr int kFinished = 3;  // rank R -> rank 0: R's shard is complete; how many lines it wrote
constexpr auto kPoll = std::chrono::microseconds(200);
constexpr std::size_t kMaxChunk = 64;

void check(int code, const char* what) {
  if (code != MPI_SUCCESS) throw std::runtime_error(fmt::format("MPI: {} failed ({})", what, code));
}

// The workers of rank R > 0 share a queue refilled from rank 0, one request in
// flight at a time (MPI calls are serialized, whatever thread level the library gives).
class RemoteSource final : public PointSource {
 public:
  std::optional<std::uint64_t> next() override {
    const std::lock_guard lock(mutex_);
    if (queue_.empty() && !exhausted_) refill();
    if (queue_.empty()) return std::nullopt;
    const std::uint64_t index = queue_.front();
    queue_.pop_front();
    return index;
  }

 private:
  void refill() {
    std::vector<std::int64_t> chunk(kMaxChunk);
    MPI_Request request = MPI_REQUEST_NULL;
    check(MPI_Irecv(chunk.data(), static_cast<int>(kMaxChunk), MPI_INT64_T, 0, kPoints,
                    MPI_COMM_WORLD, &request),
          "MPI_Irecv");
    check(MPI_Send(nullptr, 0, MPI_BYTE, 0, kRequest, MPI_COMM_WORLD), "MPI_Send");
    MPI_Status status;
    int done = 0;
    while (true) {  // not MPI_Wait: Open MPI's spins a core
      check(MPI_Test(&request, &done, &status), "MPI_Test");
      if (done != 0) break;
      std::this_thread::sleep_for(kPoll);
    }
    int count = 0;
    check(MPI_Get_count(&status, MPI_INT64_T, &count), "MPI_Get_count");
    if (count == 0) exhausted_ = true;
    for (int k = 0; k < count; ++k) queue_.push_back(static_cast<std::uint64_t>(chunk[k]));
  }

  std::mutex mutex_;
  std::deque<std::uint64_t> queue_;
  bool exhausted_ = false;
};

// Rank 0's service thread: answers requests from the shared source until every
// other rank has reported its shard finished. Returns the lines the other ranks wrote.
// Chunks are guided (OpenMP's schedule(guided)): remaining / (2 · workers), at
// least 1, at most kMaxChunk, so that sub-millisecond points do not wait for a
// round trip each while the last points still spread over every worker.
std::size_t serve(LocalSource& source, int ranks, unsigned threads) {
  int finished = 0;
  std::size_t written = 0;
  while (finished < ranks - 1) {
    int flag = 0;
    MPI_Status status;
    check(MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &status), "MPI_Iprobe");
    if (flag == 0) {
      std::this_thread::sleep_for(kPoll);
      continue;
    }
    if (status.MPI_TAG == kFinished) {
      std::int64_t lines = 0;
      check(MPI_Recv(&lines, 1, MPI_INT64_T, status.MPI_SOURCE, kFinished, MPI_COMM_WORLD,
                     MPI_STATUS_IGNORE),
            "MPI_Recv");
      written += static_cast<std::size_t>(lines);
      ++finished;
      continue;
    }
    check(MPI_Recv(nullptr, 0, MPI_BYTE, status.MPI_SOURCE, kRequest, MPI_COMM_WORLD,
                   MPI_STATUS_IGNORE),
          "MPI_Recv");
    const std::size_t workers = static_cast<std::size_t>(ranks) * threads;
    const std::size_t chunk =
        std::clamp<std::size_t>(source.remaining() / (2 * workers), 1, kMaxChunk);
    std::vector<std::int64_t> reply;
    for (std::size_t k = 0; k < chunk; ++k) {
      const auto index = source.next();
      if (!index) break;
      reply.push_back(static_cast<std::int64_t>(*index));
    }
    check(MPI_Send(reply.data(), static_cast<int>(reply.size()), MPI_INT64_T, status.MPI_SOURCE,
                   kPoints, MPI_COMM_WORLD),
          "MPI_Send");
  }
  return written;
}

struct Finalize {
  ~Finalize() { MPI_Finalize(); }
};

}  // namespace

Result run_mpi(const SweepArgs& args, const GlobalOptions& options) {
  int provided = 0;
  check(MPI_Init_thread(nullptr, nullptr, MPI_THREAD_MULTIPLE, &provided), "MPI_Init_thread");
  const Finalize finalize;
  int rank = 0;
  int ranks = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &ranks);
  if (provided < MPI_THREAD_SERIALIZED) {
    throw std::runtime_error("MPI: the library gives no thread support (MPI_THREAD_SERIALIZED)");
  }

  // Every rank reads the spec (the points are its cartesian product); rank 0
  // alone touches OUT. A failure anywhere stops all ranks, rank 0 says why.
  std::optional<Prepared> prepared;
  std::exception_ptr failure;
  try {
    if (rank == 0) {
      prepared = prepare(args, options);
    } else {
      current_file() = args.spec_file;
      prepared = Prepared{sweep::read_spec_file(args.spec_file, options.read_options()), {}, 0};
      current_file().clear();
    }
  } catch (...) {
    failure = std::current_exception();
  }
  int failed = failure ? 1 : 0;
  int any_failed = 0;
  check(MPI_Allreduce(&failed, &any_failed, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD), "MPI_Allreduce");
  if (any_failed != 0) {
    if (rank == 0 && failure) std::rethrow_exception(failure);
    if (rank == 0) throw std::runtime_error("MPI: another rank could not read the sweep spec");
    return 2;
  }

  std::size_t ran = 0;
  if (rank == 0) {
    SweepClock clock(options, prepared->pending.size(), "sweep points");
    LocalSource source(prepared->pending, clock.progress());
    {
      sweep::Appender out(sweep::shard_path(args.out, 0));
      std::size_t remote = 0;
      std::thread service([&] { remote = serve(source, ranks, std::max(args.threads, 1U)); });
      try {
        ran = run_workers(prepared->spec, args, source, out, clock);
      } catch (const std::exception& e) {
        // The other ranks wait for rank 0's answers: stop them all.
        std::cerr << fmt::format("mechlab: internal error: {}\n", e.what());
        MPI_Abort(MPI_COMM_WORLD, 1);
      }
      service.join();
      ran += remote;
    }
    return finish(*prepared, args, options, ran);
  }
  GlobalOptions quiet = options;
  quiet.quiet = true;  // rank 0 draws the progress line
  {
    SweepClock clock(quiet, 0, "sweep points");
    RemoteSource source;
    sweep::Appender out(sweep::shard_path(args.out, rank));
    ran = run_workers(prepared->spec, args, source, out, clock);
  }  // the shard is closed before rank 0 reads it
  const auto lines = static_cast<std::int64_t>(ran);
  check(MPI_Send(&lines, 1, MPI_INT64_T, 0, kFinished, MPI_COMM_WORLD), "MPI_Send");
  return 0;
}

}  // namespace mechlab::cli::sweeprun
