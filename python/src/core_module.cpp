// mechlab._core: the command line's verbs, run in-process from Python.
//
// The Python package (python/mechlab) builds one function per CLI verb from
// commands(), runs it through run() with --json and turns the JSON into Python
// values. Going through the CLI's own command tree keeps the two interfaces
// identical (options, validation, messages) with no second copy of any glue.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <sstream>
#include <string>
#include <vector>

#include "command.hpp"
#include "mechlab/io/json.hpp"

namespace py = pybind11;

namespace {

using mechlab::cli::Outcome;

py::dict option_info(const CLI::Option& option) {
  py::dict d;
  d["name"] = option.get_name(false, true);
  d["flag"] = option.get_expected_min() == 0;
  // A list option (--given a --given b) takes a Python list as repeated values.
  d["multiple"] = option.get_expected_max() > 1 || option.get_items_expected_max() > 1;
  d["description"] = option.get_description();
  return d;
}

// One verb (or a verb-less family such as `sweep`): its options and whether
// its positional FILE is a model.
py::dict verb_info(const CLI::App& verb) {
  py::list positionals;
  py::list flags;
  bool takes_model = false;
  for (const CLI::Option* option : verb.get_options()) {
    if (option->get_name() == "--help") continue;
    if (option->get_positional()) {
      if (option->get_name() == "FILE") {
        takes_model = true;
      } else {
        positionals.append(option->get_name());
      }
    } else {
      flags.append(option_info(*option));
    }
  }
  py::dict v;
  v["name"] = verb.get_name();
  v["description"] = verb.get_description();
  v["takes_model"] = takes_model;
  v["positionals"] = positionals;
  v["options"] = flags;
  return v;
}

// [{name, description, verbs: [verb_info...], command: verb_info or None}]:
// a family with verbs (`mechlab alliance solve`) or a command that is its own
// verb (`mechlab reproduce`, `mechlab sweep`, `mechlab version`).
py::list commands() {
  CLI::App app;
  mechlab::cli::GlobalOptions options;
  std::function<int()> action;
  mechlab::cli::add_commands(app, options, action);
  py::list out;
  for (const CLI::App* family : app.get_subcommands({})) {
    py::list verbs;
    for (const CLI::App* verb : family->get_subcommands({})) verbs.append(verb_info(*verb));
    py::dict f;
    f["name"] = family->get_name();
    f["description"] = family->get_description();
    f["verbs"] = verbs;
    f["command"] = verbs.empty() ? py::object(verb_info(*family)) : py::object(py::none());
    out.append(f);
  }
  return out;
}

// The first line of a message without the "mechlab: " frame (CLI11's usage
// errors add "Run with --help ..." on a second line).
std::string trimmed(std::string text) {
  constexpr std::string_view frame = "mechlab: ";
  if (text.rfind(frame, 0) == 0) text.erase(0, frame.size());
  text = text.substr(0, text.find('\n'));
  return text;
}

// Without a model of its own the verb reads files; stdout is still captured.
Outcome run_captured(std::ostream& out, const std::vector<std::string>& args) {
  const mechlab::io::Document none;
  const mechlab::cli::Redirect redirect(out, std::string(), none);
  return mechlab::cli::run_command(args);
}

// Runs `mechlab ARGS` with stdout captured. With `model_json`, the verb's FILE
// argument `model_name` reads that document instead of a file (a model built
// in Python). Returns (exit code, stdout, error or None).
py::tuple run(const std::vector<std::string>& args, const std::optional<std::string>& model_json,
              const std::string& model_name) {
  std::ostringstream out;
  Outcome outcome;
  {
    py::gil_scoped_release release;  // verbs may run for long; other Python threads go on
    if (model_json) {
      try {
        const mechlab::io::Document doc = mechlab::io::parse_json(*model_json);
        const mechlab::cli::Redirect redirect(out, model_name, doc);
        outcome = mechlab::cli::run_command(args);
      } catch (const mechlab::InputError& e) {  // not JSON: json.dumps made it, so rare
        outcome = Outcome{2, Outcome::Kind::invalid, e.what(), e};
      }
    } else {
      outcome = run_captured(out, args);
    }
  }
  py::object error = py::none();
  // Exit 1 without a message is a computed outcome (a claim that failed to
  // reproduce), not an error: its JSON is the result.
  const bool computed = outcome.kind == Outcome::Kind::error && outcome.error_text.empty();
  if (outcome.kind != Outcome::Kind::ok && !computed) {
    py::dict e;
    e["kind"] = outcome.kind == Outcome::Kind::invalid   ? "input"
                : outcome.kind == Outcome::Kind::stopped ? "time_limit"
                                                         : "internal";
    // The CLI's message without the "mechlab: invalid input: FILE: " frame.
    e["message"] = outcome.input ? std::string(outcome.input->what()) : trimmed(outcome.error_text);
    // A usage error names its option first ("--grid: expected ..."): that is its pointer.
    const auto message = e["message"].cast<std::string>();
    const std::string option =
        message.rfind("--", 0) == 0 ? message.substr(0, message.find(':')) : std::string();
    e["pointer"] = outcome.input ? outcome.input->pointer() : option;
    e["expected"] = outcome.input ? outcome.input->expected() : std::string();
    e["found"] = outcome.input ? outcome.input->found() : std::string();
    e["stderr"] = outcome.error_text;
    error = e;
  }
  return py::make_tuple(outcome.code, out.str(), error);
}

// The CLI's JSON check of a model file's text (duplicate keys, nesting, syntax):
// None, or the error as run() reports it.
py::object check_json(const std::string& text) {
  try {
    (void)mechlab::io::parse_json(text);
    return py::none();
  } catch (const mechlab::InputError& e) {
    py::dict d;
    d["kind"] = "input";
    d["message"] = std::string(e.what());
    d["pointer"] = e.pointer();
    d["expected"] = e.expected();
    d["found"] = e.found();
    return d;
  }
}

}  // namespace

PYBIND11_MODULE(_core, m) {
  m.doc() = "mechlab's command line, in-process (use the mechlab package, not this module)";
  m.def("version", &mechlab::cli::version_text, "the library's and its dependencies' versions");
  m.def("commands", &commands, "the command tree: families, verbs, options");
  m.def("check_json", &check_json, py::arg("text"),
        "the CLI's JSON reader on TEXT: None, or the error (dict) it would report");
  m.def("run", &run, py::arg("args"), py::arg("model_json") = py::none(),
        py::arg("model_name") = "model.json",
        "runs `mechlab ARGS` in this process: (exit code, stdout, error dict or None)");
}
