// The command line's core: the family registry, the global options, the
// command tree, and run_command (exceptions → exit codes and messages), shared
// by the mechlab binary (main.cpp), sweep points and the Python module.
//
// Exit codes: 0 success (a computed "property fails" is a success), 2 invalid
// input or usage, 1 internal error or a limit reached.
#include <ClpConfig.h>
#include <fmt/format.h>
#include <gmp.h>

#include <cmath>
#include <cstdio>
#include <iostream>
#include <sstream>

#include "command.hpp"
#include "mechlab/core/error.hpp"

namespace mechlab::cli {

std::vector<Family>& families() {
  static std::vector<Family> registry;
  return registry;
}

io::ReadOptions GlobalOptions::read_options() const {
  io::ReadOptions r;
  std::string s = memory_limit;
  double scale = 1;
  for (const auto& [suffix, factor] : {std::pair{"GiB", 1024.0 * 1024 * 1024},
                                       {"MiB", 1024.0 * 1024},
                                       {"KiB", 1024.0},
                                       {"G", 1e9},
                                       {"M", 1e6},
                                       {"K", 1e3}}) {
    const std::string suf(suffix);
    if (s.size() > suf.size() && s.compare(s.size() - suf.size(), suf.size(), suf) == 0) {
      s.resize(s.size() - suf.size());
      scale = factor;
      break;
    }
  }
  double value = 0;
  try {
    std::size_t used = 0;
    value = std::stod(s, &used) * scale;
    // At least 1 KiB (smaller is surely a typo), at most 2^60 bytes (no overflow).
    if (used != s.size() || !(value >= 1024) || !(value <= 0x1p60)) {
      throw std::invalid_argument("out of range");
    }
  } catch (const std::exception&) {
    throw InputError("--memory-limit",
                     "a size from 1KiB to 1024PiB such as 4GiB, 512MiB or 1000000", memory_limit);
  }
  r.memory_limit_bytes = static_cast<std::uint64_t>(value);
  r.doubles = floating;
  return r;
}

CLI::Validator integer_in(std::uint64_t min, std::uint64_t max, const std::string& what) {
  return {[=](const std::string& text) -> std::string {
            const std::string expected =
                fmt::format("expected a {} from {} to {}, found {}", what, min, max, text);
            if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos)
              return expected;
            try {
              const unsigned long long v = std::stoull(text);
              return v >= min && v <= max ? std::string() : expected;
            } catch (const std::out_of_range&) {
              return expected;
            }
          },
          fmt::format("INT in [{}, {}]", min, max)};
}

namespace {
struct ThreadRedirect {
  std::ostream* sink = nullptr;
  std::string path;
  const io::Document* model = nullptr;
};
thread_local ThreadRedirect redirect;
}  // namespace

std::ostream& output() { return redirect.sink != nullptr ? *redirect.sink : std::cout; }

Redirect::Redirect(std::ostream& sink, std::string path, const io::Document& model)
    : previous_sink_(redirect.sink),
      previous_path_(std::move(redirect.path)),
      previous_model_(redirect.model) {
  redirect = ThreadRedirect{&sink, std::move(path), &model};
}

Redirect::~Redirect() {
  redirect = ThreadRedirect{previous_sink_, std::move(previous_path_), previous_model_};
}

io::Document load(const std::string& path, const GlobalOptions& options) {
  const io::ReadOptions read = options.read_options();  // option errors name no file
  current_file() = path;
  if (redirect.model != nullptr && path == redirect.path) return *redirect.model;
  return io::read_json_file(path, read);
}

void emit(const GlobalOptions& options, const nlohmann::json& json, const std::string& text) {
  if (options.json) {
    output() << json.dump(2) << "\n";
  } else {
    output() << text;
  }
  output().flush();
}

std::string version_text() {
  return fmt::format("mechlab 0.1.0 (GMP {}, Clp {}, fmt {}.{}.{}, nlohmann-json {}.{}.{})",
                     gmp_version, CLP_VERSION, FMT_VERSION / 10000, FMT_VERSION / 100 % 100,
                     FMT_VERSION % 100, NLOHMANN_JSON_VERSION_MAJOR, NLOHMANN_JSON_VERSION_MINOR,
                     NLOHMANN_JSON_VERSION_PATCH);
}

void add_commands(CLI::App& app, GlobalOptions& options, std::function<Result()>& action) {
  app.require_subcommand(1);
  app.fallthrough();
  auto* json = app.add_flag("--json", options.json, "write results as JSON on stdout");
  (void)json;
  auto* exact = app.add_flag("--exact", options.exact, "exact rational arithmetic (the default)");
  auto* flt =
      app.add_flag("--float", options.floating, "double precision instead of exact rationals");
  exact->excludes(flt);
  app.add_option("--time-limit", options.time_limit_seconds,
                 "stop with exit code 1 after S seconds")
      ->check(CLI::Validator(
          [](const std::string& text) -> std::string {
            try {
              std::size_t used = 0;
              const double v = std::stod(text, &used);
              if (used == text.size() && v > 0 && std::isfinite(v)) return {};
            } catch (const std::exception&) {
            }
            return "expected a positive number of seconds, found " + text;
          },
          "SECONDS>0"));
  app.add_option("--seed", options.seed, "seed for every random draw (default 1)")
      ->check(integer_in(0, UINT64_MAX, "seed"));
  app.add_flag("--quiet", options.quiet, "no progress display on stderr");
  app.add_option("--memory-limit", options.memory_limit,
                 "reject instances estimated to need more (default 4GiB)");

  auto* version = app.add_subcommand("version", "print the version and the libraries' versions");
  version->callback([&] {
    action = [] {
      output() << version_text() << "\n";
      return 0;
    };
  });
  for (const Family& f : families()) {
    CLI::App* cmd = app.add_subcommand(f.name, f.description);
    if (f.has_verbs) cmd->require_subcommand(1);
    f.setup(*cmd, options, action);
  }
}

namespace {

int run(int argc, char** argv, std::ostream& err) {
  CLI::App app{"mechlab: compute and certify models of information economics and mechanism design"};
  GlobalOptions options;
  std::function<Result()> action;
  add_commands(app, options, action);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e, output(), err);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e, output(), err);
  } catch (const CLI::ParseError& e) {
    app.exit(e, output(), err);
    return 2;
  }
  if (!action) return 2;
  return action();
}

}  // namespace

Outcome run_command(const std::vector<std::string>& args) {
  std::vector<std::string> storage = {"mechlab"};
  storage.insert(storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  argv.reserve(storage.size());
  for (auto& a : storage) argv.push_back(a.data());
  std::ostringstream err;
  auto failed = [&](int code, Outcome::Kind kind, const std::string& message) {
    return Outcome{code, kind, fmt::format("{}mechlab: {}\n", err.str(), message)};
  };
  current_file().clear();
  try {
    const int code = run(static_cast<int>(argv.size()), argv.data(), err);
    const auto kind = code == 0   ? Outcome::Kind::ok
                      : code == 2 ? Outcome::Kind::invalid
                                  : Outcome::Kind::error;
    return Outcome{code, kind, err.str()};
  } catch (const InputError& e) {
    // Errors in command-line options ("--write-lp") are not about the file.
    const std::string& file = current_file();
    const bool about_file = !file.empty() && e.pointer().rfind("--", 0) != 0;
    auto out = failed(2, Outcome::Kind::invalid,
                      fmt::format("invalid input: {}{}", about_file ? file + ": " : "", e.what()));
    out.input = e;
    return out;
  } catch (const TimeLimitExceeded& e) {
    return failed(1, Outcome::Kind::stopped, fmt::format("stopped: {} (--time-limit)", e.what()));
  } catch (const Cancelled& e) {
    return failed(1, Outcome::Kind::stopped, "stopped: cancelled");
  } catch (const std::bad_alloc&) {
    return failed(1, Outcome::Kind::error, "internal error: out of memory");
  } catch (const std::exception& e) {
    return failed(1, Outcome::Kind::error, fmt::format("internal error: {}", e.what()));
  }
}

}  // namespace mechlab::cli
