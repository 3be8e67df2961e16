// mechlab sweep SPEC --out OUT.jsonl: a verb of any family run over a grid of
// model variants, resumable, on threads or MPI ranks (docs/sweep.md).
#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <iostream>
#include <memory>
#include <sstream>
#include <thread>

#include "command.hpp"
#include "mechlab/core/error.hpp"
#include "sweep_runner.hpp"

namespace mechlab::cli::sweeprun {

namespace {

using Clock = std::chrono::steady_clock;

// The verb's stderr as one message: without "mechlab: " and the final newline.
std::string message_of(const Outcome& outcome) {
  std::string m = outcome.error_text;
  if (m.rfind("mechlab: ", 0) == 0) m.erase(0, 9);
  while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
  return m.empty() ? fmt::format("exit code {}", outcome.code) : m;
}

// Runs the spec's verb on point `index` in this thread. None: abandoned at the
// sweep's time limit (no line; a resumed run does the point).
std::optional<std::string> run_point(const sweep::Spec& spec, const SweepArgs& args,
                                     std::uint64_t index, const SweepClock& clock) {
  const io::Document model = sweep::point_model(spec, index);
  const std::string name = fmt::format("point {}", index);
  std::vector<std::string> argv = {"--json", "--quiet"};
  const std::optional<double> point_limit =
      args.point_time_limit ? args.point_time_limit : spec.point_time_limit;
  const std::optional<double> sweep_left = clock.progress().remaining_seconds();
  // The verb stops at whichever comes first; only the point's own limit is a "timeout".
  std::optional<double> limit = point_limit;
  const bool sweep_binds = sweep_left && (!limit || *sweep_left < *limit);
  if (sweep_binds) limit = std::max(*sweep_left, 1e-3);
  if (limit) {
    argv.emplace_back("--time-limit");
    argv.push_back(fmt::format("{}", *limit));
  }
  argv.insert(argv.end(), spec.command.begin(), spec.command.end());
  argv.push_back(name);
  argv.insert(argv.end(), spec.args.begin(), spec.args.end());

  std::ostringstream captured;
  const auto started = Clock::now();
  Outcome outcome;
  {
    const Redirect redirect(captured, name, model);
    outcome = run_command(argv);
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();

  sweep::PointResult result;
  switch (outcome.kind) {
    case Outcome::Kind::ok:
      try {
        result = sweep::summarize(spec, io::parse_json(captured.str()).root);
      } catch (const InputError&) {
        result.status = sweep::PointStatus::error;
        result.message = "the verb's output is not JSON (does it support --json?)";
      }
      break;
    case Outcome::Kind::invalid:
      result.status = sweep::PointStatus::invalid;
      result.message = message_of(outcome);
      break;
    case Outcome::Kind::stopped:
      if (sweep_binds) return std::nullopt;
      result.status = sweep::PointStatus::timeout;
      result.message = message_of(outcome);
      break;
    case Outcome::Kind::error:
      result.status = sweep::PointStatus::error;
      result.message = message_of(outcome);
      break;
  }
  if (!args.no_timing) result.seconds = seconds;
  return sweep::point_line(spec, index, result);
}

}  // namespace

std::optional<std::uint64_t> LocalSource::next() {
  if (clock_.remaining_seconds() == 0.0) return std::nullopt;
  const std::size_t k = next_.fetch_add(1);
  if (k >= pending_.size()) return std::nullopt;
  return pending_[k];
}

SweepClock::SweepClock(const GlobalOptions& options, std::uint64_t total, std::string task)
    : progress_(options.progress_options()) {
  progress_.start(std::move(task), total);
}

bool SweepClock::expired() const { return progress_.remaining_seconds() == 0.0; }

void SweepClock::tick() {
  const std::lock_guard lock(mutex_);
  try {
    progress_.advance();
  } catch (const TimeLimitExceeded&) {
    // The limit is enforced by the sources (no new points) and run_point.
  }
}

std::size_t run_workers(const sweep::Spec& spec, const SweepArgs& args, PointSource& source,
                        sweep::Appender& out, SweepClock& clock) {
  std::atomic<std::size_t> written{0};
  std::atomic<bool> failed{false};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  auto work = [&] {
    try {
      while (!failed.load() && !clock.expired()) {
        const auto index = source.next();
        if (!index) return;
        const auto line = run_point(spec, args, *index, clock);
        if (!line) continue;  // abandoned at the time limit: the source is now closed
        out.append(*line);
        ++written;
        clock.tick();
      }
    } catch (...) {  // a full disk, an MPI failure: stop every worker, report once
      const std::lock_guard lock(failure_mutex);
      if (!failure) failure = std::current_exception();
      failed.store(true);
    }
  };
  if (args.threads <= 1) {
    work();
  } else {
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < args.threads; ++t) pool.emplace_back(work);
    for (auto& t : pool) t.join();
  }
  if (failure) std::rethrow_exception(failure);
  return written.load();
}

Prepared prepare(const SweepArgs& args, const GlobalOptions& options) {
  current_file() = args.spec_file;
  Prepared p{sweep::read_spec_file(args.spec_file, options.read_options()), {}, 0};
  // A misspelt family would make every point "invalid": say it once, now.
  const std::string& family = p.spec.command.front();
  std::string names;
  bool known = false;
  for (const Family& f : families()) {
    known = known || (f.has_verbs && f.name == family);
    if (f.has_verbs) names += fmt::format("{}{}", names.empty() ? "" : ", ", f.name);
  }
  if (!known)
    throw InputError("/command/0", fmt::format("a model family: one of {}", names), family);
  current_file().clear();  // later errors are about --out
  // Leftover shards of an interrupted MPI run hold finished points: keep them.
  if (const auto shards = sweep::shard_files(args.out); !shards.empty()) {
    sweep::merge_into(args.out, shards);
  }
  sweep::Tally t = sweep::tally(p.spec, sweep::read_lines(args.out, true));
  p.pending = std::move(t.pending);
  p.stale = t.stale;
  if (p.stale > 0) {
    std::cerr << fmt::format(
        "mechlab: sweep: {} line(s) of {} are not points of this spec (another base model, verb, "
        "arguments or kept fields); kept, not reused\n",
        p.stale, args.out);
  }
  return p;
}

Result finish(const Prepared& prepared, const SweepArgs& args, const GlobalOptions& options,
              std::size_t ran) {
  sweep::merge_into(args.out, sweep::shard_files(args.out));
  const sweep::Tally t = sweep::tally(prepared.spec, sweep::read_lines(args.out, true));
  const std::uint64_t total = prepared.spec.point_count();
  const nlohmann::json json = {{"out", args.out},       {"points", total},
                               {"done", t.done},        {"ran_now", ran},
                               {"status", t.by_status}, {"complete", t.pending.empty()}};
  std::string text =
      fmt::format("sweep: {} of {} points in {} ({} run now)", t.done, total, args.out, ran);
  for (const auto& [status, n] : t.by_status) text += fmt::format(", {} {}", n, status);
  emit(options, json, text + "\n");
  if (t.pending.empty()) return 0;
  std::cerr << fmt::format(
      "mechlab: stopped: --time-limit reached with {} of {} points done; run the same command "
      "again to resume\n",
      t.done, total);
  return 1;
}

bool under_mpirun() {
  return std::getenv("OMPI_COMM_WORLD_SIZE") != nullptr || std::getenv("PMIX_RANK") != nullptr ||
         std::getenv("PMI_RANK") != nullptr;
}

#ifndef MECHLAB_HAVE_MPI
Result run_mpi(const SweepArgs& /*args*/, const GlobalOptions& /*options*/) {
  throw InputError("mpirun",
                   "a mechlab built with MPI (cmake -DMECHLAB_MPI=ON) to run a sweep under "
                   "mpirun; this one runs sweeps on threads (--threads) only",
                   "MPI environment variables");
}
#endif

namespace {

Result run_local(const SweepArgs& args, const GlobalOptions& options) {
  const Prepared prepared = prepare(args, options);
  std::size_t ran = 0;
  {
    SweepClock clock(options, prepared.pending.size(), "sweep points");
    LocalSource source(prepared.pending, clock.progress());
    sweep::Appender out(args.out);
    ran = run_workers(prepared.spec, args, source, out, clock);
  }
  return finish(prepared, args, options, ran);
}

const Register sweep_family{Family{
    "sweep",
    "run a verb of any family over a grid of model variants (JSON pointers into a base model): "
    "JSON Lines out, resumable, on threads (--threads) or MPI ranks (mpirun -n P)",
    [](CLI::App& cmd, const GlobalOptions& options, std::function<Result()>& action) {
      auto args = std::make_shared<SweepArgs>();
      cmd.add_option("SPEC", args->spec_file, R"(sweep spec (JSON, "model": "sweep"))")->required();
      cmd.add_option("--out", args->out,
                     "JSON Lines output, one line per point; points already there are skipped")
          ->required();
      cmd.add_option("--threads", args->threads, "worker threads per process (default 1)")
          ->check(integer_in(1, 4096, "thread count"));
      cmd.add_flag("--no-timing", args->no_timing,
                   "leave out each point's seconds (output independent of the machine)");
      cmd.add_option("--point-time-limit", args->point_time_limit,
                     "stop a point after S seconds and record it as \"timeout\" (overrides the "
                     "spec's point_time_limit)")
          ->check(CLI::PositiveNumber);
      cmd.callback([args, &options, &action] {
        action = [args, &options]() -> Result {
          // The verb's own options belong in the spec's "args" (they are part of each point's id).
          if (options.floating) {
            throw InputError("--float", "the verb's options in the spec's \"args\"", "--float");
          }
          return under_mpirun() ? run_mpi(*args, options) : run_local(*args, options);
        };
      });
    },
    false}};

}  // namespace
}  // namespace mechlab::cli::sweeprun
