// The CLI's family registry: each sub-command family registers itself with a
// descriptor, and main() builds the command tree from the registry.
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "mechlab/core/error.hpp"
#include "mechlab/core/progress.hpp"
#include "mechlab/io/json.hpp"

namespace mechlab::cli {

struct GlobalOptions {
  bool json = false;
  bool exact = false;     // --exact (the default anyway)
  bool floating = false;  // --float
  std::optional<double> time_limit_seconds;
  std::uint64_t seed = 1;
  bool quiet = false;
  std::string memory_limit = "4GiB";

  bool use_double() const { return floating; }
  io::ReadOptions read_options() const;
  Progress::Options progress_options() const {
    return Progress::Options{time_limit_seconds, !quiet};
  }
};

// The file the current command reads, for error messages ("FILE: /pointer: ...").
// Per thread: sweep points run verbs on several threads at once.
inline std::string& current_file() {
  thread_local std::string file;
  return file;
}

// Where verbs write their stdout: std::cout, or (per thread) a sweep point's buffer.
std::ostream& output();

// While alive, this thread's verbs write to `sink` and load() returns `model`
// for the file name `path` instead of reading it (a sweep point's model).
// Redirects nest: the destructor restores the enclosing one (a sweep run from
// Python redirects inside the module's redirect).
class Redirect {
 public:
  Redirect(std::ostream& sink, std::string path, const io::Document& model);
  ~Redirect();
  Redirect(const Redirect&) = delete;
  Redirect& operator=(const Redirect&) = delete;

 private:
  std::ostream* previous_sink_;
  std::string previous_path_;
  const io::Document* previous_model_;
};

// How a command ended: the exit code and what main writes on stderr.
struct Outcome {
  enum class Kind { ok, invalid, stopped, error };  // exit 0, 2 (input), 1 (time limit), 1
  int code = 0;
  Kind kind = Kind::ok;
  std::string error_text;  // "mechlab: invalid input: FILE: /eta: ..." and CLI11's messages
  std::optional<InputError> input;  // the invalid field (pointer, expected, found), if any
};

// Runs `mechlab ARGS...` in this thread, stdout to output(): the one place where
// exceptions become exit codes and messages, for main and for sweep points.
Outcome run_command(const std::vector<std::string>& args);

// A command's outcome: the exit code (0, or 1 for a failed reproduction).
using Result = int;

// The command tree: the global options, `version` and every registered family;
// the verb a parse selects stores its action in `action` (run_command runs it;
// the Python module walks the tree to build its functions).
void add_commands(CLI::App& app, GlobalOptions& options, std::function<Result()>& action);

// "mechlab 0.1.0 (GMP ..., Clp ..., ...)".
std::string version_text();

struct Family {
  std::string name;
  std::string description;
  // Adds the family's verbs to `command`; each verb stores its action in `action`.
  std::function<void(CLI::App& command, const GlobalOptions& options,
                     std::function<Result()>& action)>
      setup;
  // false: the family is itself the verb (mechlab sweep SPEC), with no sub-verb.
  bool has_verbs = true;
};

std::vector<Family>& families();

struct Register {
  explicit Register(Family f) { families().push_back(std::move(f)); }
};

// Accepts a decimal integer in [min, max] (CLI11 alone would wrap "-1" around).
CLI::Validator integer_in(std::uint64_t min, std::uint64_t max, const std::string& what);

// Reads a JSON model file, remembering its name for error messages.
io::Document load(const std::string& path, const GlobalOptions& options);

// Writes to stdout: JSON (pretty, two spaces) or the text report.
void emit(const GlobalOptions& options, const nlohmann::json& json, const std::string& text);

}  // namespace mechlab::cli
