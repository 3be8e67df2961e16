// A parameter sweep (docs/sweep.md): a base model file, parameters to vary by
// JSON pointer, the CLI verb to run on every point and the fields of its JSON
// output to keep. Points are the cartesian product of the parameters' values,
// numbered row-major (the last parameter varies fastest), so a point's index
// alone determines its values on every thread and every MPI rank.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "mechlab/io/json.hpp"

namespace mechlab::sweep {

// At most this many points (a typo in a step should not queue 10^12 runs).
inline constexpr std::uint64_t kMaxPoints = 10'000'000;

// One varied value of the model: the JSON pointer and the values it takes, in
// order. Each value is a small document so that a listed 0.1 stays exactly 1/10.
struct Parameter {
  std::string pointer;
  std::vector<io::Document> values;
};

// A summary field: a name in the output line and a JSON pointer into the verb's --json output.
struct KeptField {
  std::string name;
  std::string pointer;
};

// clang-tidy 14 cannot see that the implicit moves of these members do not throw.
struct Spec {             // NOLINT(bugprone-exception-escape)
  std::string base_path;  // as resolved (relative to the spec file's folder)
  io::Document base;
  std::vector<std::string> command;  // the verb, e.g. {"alliance", "solve"}
  std::vector<std::string> args;     // extra arguments after the model file
  std::vector<Parameter> parameters;
  std::vector<KeptField> keep;
  std::uint64_t seed = 1;
  std::optional<double> point_time_limit;  // seconds; the CLI's --point-time-limit wins
  // 12 hex digits of a hash of the computation (base model, verb, arguments, kept
  // fields): part of every point id, so a changed spec never reuses old lines.
  std::string computation_hash;

  std::uint64_t point_count() const;
};

// Reads and validates a sweep spec ("model": "sweep", "version": 1). `folder`
// is the spec file's folder (a relative "base" is resolved against it). Throws
// InputError with a pointer into the spec; errors of the base file itself are
// reported at /base.
Spec read_spec(const io::Document& doc, const std::string& folder,
               const io::ReadOptions& options = {});
Spec read_spec_file(const std::string& path, const io::ReadOptions& options = {});

// Point index -> one value position per parameter (row-major, last fastest).
std::vector<std::size_t> point_digits(const Spec& spec, std::uint64_t index);
// {"/eta": "1/2", "/biases/3": 0, ...}: the point's parameter values by pointer.
nlohmann::json point_parameters(const Spec& spec, std::uint64_t index);
// A copy of the base model with the point's values applied.
io::Document point_model(const Spec& spec, std::uint64_t index);
// "<index>-<hash>": the index and a short hash of the point's values and the computation.
std::string point_id(const Spec& spec, std::uint64_t index);

// Writes value into doc at pointer (replacing or adding an object member) and
// moves value's exact decimal texts there. Throws InputError at `pointer` if
// neither the value nor its parent object exists.
void apply_value(io::Document& doc, const std::string& pointer, const io::Document& value);

// The exact rational as a JSON value the readers accept: an integer when it
// fits, else the string "p/q".
nlohmann::json rational_json(const Rational& x);

// 64-bit FNV-1a, for ids (stable across machines and runs).
std::uint64_t fnv1a(std::string_view text, std::uint64_t hash = 14695981039346656037ULL);

}  // namespace mechlab::sweep
