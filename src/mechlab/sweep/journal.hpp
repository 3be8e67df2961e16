// A sweep's output: JSON Lines, one line per finished point, appended with one
// write(2) each so that lines are never interleaved; resumable (points whose id
// is already in the file are skipped) and mergeable (MPI ranks' shards).
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "mechlab/sweep/spec.hpp"

namespace mechlab::sweep {

enum class PointStatus { ok, invalid, timeout, error };
const char* status_name(PointStatus s);

// What running the verb on one point gave.
// clang-tidy 14 cannot see that the implicit moves of these members do not throw.
struct PointResult {  // NOLINT(bugprone-exception-escape)
  PointStatus status = PointStatus::ok;
  // Kept fields (null when missing); null for none. (No json::object() default here: clang 14
  // leaks such temporaries in aggregate initialisation.)
  nlohmann::json summary;
  std::vector<std::string> missing;  // kept fields absent from the output
  std::string message;               // the error, unless ok
  std::optional<double> seconds;     // wall time (left out by --no-timing)
};

// Picks the spec's kept fields from the verb's JSON output.
PointResult summarize(const Spec& spec, const nlohmann::json& output);

// {"id", "index", "parameters", "status", "summary"[, "missing"][, "error"][, "seconds"]}
// as one line ending in "\n".
std::string point_line(const Spec& spec, std::uint64_t index, const PointResult& result);

// A line read back: its id and index.
struct Line {
  std::string id;
  std::uint64_t index = 0;
  std::string status;  // "ok", "invalid", ... ("" if absent)
  std::string text;    // without the newline
};

// Reads a JSON Lines file (none: empty). A last line without its newline is
// the torn write of an interrupted run: with `repair` the file is truncated
// to the last newline, else the line is ignored. Throws InputError (pointer
// "line N") on a complete line that is not a sweep line.
std::vector<Line> read_lines(const std::string& path, bool repair);

// The lines of an output file against the spec: the points still to run (no
// line with their id; increasing), the lines of other specs, the statuses.
struct Tally {
  std::vector<std::uint64_t> pending;
  std::size_t done = 0;   // lines that are points of this spec
  std::size_t stale = 0;  // lines whose id is no point of this spec (kept, not reused)
  std::map<std::string, std::size_t> by_status;
};
Tally tally(const Spec& spec, const std::vector<Line>& lines);

// Appends lines to a file opened with O_APPEND: one write(2) per line under a
// mutex, so concurrent threads never interleave and a killed process leaves at
// most one torn last line (dropped on resume).
class Appender {
 public:
  explicit Appender(const std::string& path);
  ~Appender();
  Appender(const Appender&) = delete;
  Appender& operator=(const Appender&) = delete;
  void append(const std::string& line);

 private:
  std::string path_;
  int fd_ = -1;
  std::mutex mutex_;
};

// Merges `out` and the shards into `out` (deduplicated by id, sorted by index,
// written to a temporary file and renamed over `out`), then removes the shards.
// Returns the number of lines in `out`.
std::size_t merge_into(const std::string& out, const std::vector<std::string>& shards);

// Shard files "OUT.rank<R>" present next to `out` (leftovers of an interrupted MPI run).
std::vector<std::string> shard_files(const std::string& out);
std::string shard_path(const std::string& out, int rank);

}  // namespace mechlab::sweep
