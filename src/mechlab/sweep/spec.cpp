#include "mechlab/sweep/spec.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <limits>

#include "mechlab/core/error.hpp"
#include "mechlab/core/rng.hpp"

namespace mechlab::sweep {

using nlohmann::json;

namespace {

// The spec's value at `node` as a document of its own, with the exact decimal
// texts of its numbers (re-keyed relative to the value).
io::Document value_document(const io::Document& spec, const io::Node& node) {
  io::Document value{node.json(), {}};
  const std::string& at = node.pointer();
  for (const auto& [key, text] : spec.decimal_text) {
    if (key == at || key.rfind(at + "/", 0) == 0)
      value.decimal_text.emplace(key.substr(at.size()), text);
  }
  return value;
}

io::Document rational_document(const Rational& x) { return io::Document{rational_json(x), {}}; }

std::uint64_t checked_count(const Rational& span, const Rational& step, const io::Node& at) {
  const Rational steps = span / step;
  const mpz_class whole = steps.get_num() / steps.get_den();  // floor: span, step >= 0
  if (whole >= kMaxPoints) {
    at.fail(fmt::format("a step leaving at most {} values", kMaxPoints),
            fmt::format("{} values", mpz_class(whole + 1).get_str()));
  }
  return whole.get_ui() + 1;
}

// {"from": a, "to": b, "step": s}: a, a+s, ... up to b (included when hit exactly).
std::vector<io::Document> range_values(const io::Node& range) {
  range.allow_only({"from", "to", "step"});
  const Rational from = range.at("from").as_rational();
  const io::Node to_node = range.at("to");
  const Rational to = to_node.as_rational();
  const io::Node step_node = range.at("step");
  const Rational step = step_node.as_rational();
  if (sgn(step) <= 0) step_node.fail("a step > 0");
  if (to < from) to_node.fail(fmt::format("a number >= from ({})", to_string(from)));
  const std::uint64_t n = checked_count(to - from, step, step_node);
  std::vector<io::Document> out;
  out.reserve(n);
  for (std::uint64_t k = 0; k < n; ++k) out.push_back(rational_document(from + step * k));
  return out;
}

// Unbiased uniform integer in [0, n] from the raw engine output (std::uniform_int_distribution
// differs between standard libraries; the engine's output does not).
std::uint64_t uniform_upto(Rng& rng, std::uint64_t n) {
  if (n == std::numeric_limits<std::uint64_t>::max()) return rng();
  const std::uint64_t range = n + 1;
  const std::uint64_t limit =
      std::numeric_limits<std::uint64_t>::max() - std::numeric_limits<std::uint64_t>::max() % range;
  while (true) {
    const std::uint64_t x = rng();
    if (x < limit) return x % range;
  }
}

// {"from": a, "to": b, "draws": N, "grid": G}: N draws of a + (b−a)·k/G with k
// uniform in {0..G}, seeded by the spec's seed and the parameter's pointer, so
// the draws depend neither on the parameters' order nor on who runs the point.
std::vector<io::Document> random_values(const io::Node& random, std::uint64_t seed,
                                        const std::string& pointer) {
  random.allow_only({"from", "to", "draws", "grid"});
  const Rational from = random.at("from").as_rational();
  const io::Node to_node = random.at("to");
  const Rational to = to_node.as_rational();
  if (to < from) to_node.fail(fmt::format("a number >= from ({})", to_string(from)));
  const std::uint64_t draws = random.at("draws").as_count(1, kMaxPoints);
  const auto grid_node = random.find("grid");
  const std::uint64_t grid = grid_node ? grid_node->as_count(1, UINT64_MAX - 1) : 1000;
  Rng rng = make_rng(fnv1a(pointer, fnv1a(fmt::format("sweep seed {}", seed))));
  std::vector<io::Document> out;
  out.reserve(draws);
  const Rational unit = (to - from) / Rational(mpz_class(std::to_string(grid)));
  for (std::uint64_t d = 0; d < draws; ++d) {
    const mpz_class k(std::to_string(uniform_upto(rng, grid)));
    out.push_back(rational_document(from + unit * Rational(k)));
  }
  return out;
}

// The value at `pointer`, or null when the document has none (a bad array index included).
const json* find(const json& root, const json::json_pointer& pointer) {
  try {
    return &root.at(pointer);
  } catch (const json::exception&) {
    return nullptr;
  }
}

json::json_pointer parse_pointer(const io::Node& node) {
  const std::string text = node.as_string();
  if (text.empty()) node.fail(R"(a JSON pointer to a part of the model such as "/eta" (not ""))");
  try {
    return json::json_pointer(text);
  } catch (const json::exception&) {
    node.fail(R"(a JSON pointer (RFC 6901) such as "/eta" or "/biases/0")");
  }
}

// The pointer must name a value of the base model, or a new key of an existing object.
void check_target(const io::Document& base, const std::string& base_path,
                  const json::json_pointer& pointer, const io::Node& node) {
  if (find(base.root, pointer) != nullptr) return;
  const json::json_pointer parent = pointer.parent_pointer();
  const json* p = find(base.root, parent);
  if (p != nullptr && p->is_object()) return;
  node.fail(fmt::format("a pointer to a value of the base model {} (or to a new key of one of "
                        "its objects)",
                        base_path),
            p == nullptr ? fmt::format("\"{}\": the base model has no {}", pointer.to_string(),
                                       parent.empty() ? "root object" : parent.to_string())
                         : fmt::format("\"{}\": {} is not an object", pointer.to_string(),
                                       parent.to_string()));
}

std::string hex(std::uint64_t h, int digits) {
  return fmt::format("{:016x}", h).substr(16 - static_cast<std::size_t>(digits));
}

}  // namespace

std::uint64_t fnv1a(std::string_view text, std::uint64_t hash) {
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  return hash;
}

json rational_json(const Rational& x) {
  // (Not `return {...}`: a braced json of one value is an array.)
  json out = x.get_den() == 1 && x.get_num().fits_slong_p() ? json(x.get_num().get_si())
                                                            : json(to_string(x));
  return out;
}

std::uint64_t Spec::point_count() const {
  std::uint64_t n = 1;
  for (const auto& p : parameters) n *= p.values.size();  // read_spec bounds the product
  return n;
}

void apply_value(io::Document& doc, const std::string& pointer, const io::Document& value) {
  const json::json_pointer ptr(pointer);
  json* target = nullptr;
  if (const json* existing = find(doc.root, ptr); existing != nullptr) {
    target = &doc.root.at(ptr);
  } else {
    const json* parent = find(doc.root, ptr.parent_pointer());
    if (parent == nullptr || !parent->is_object()) {
      throw InputError(pointer, "a value of the model or a new key of one of its objects",
                       "no such value");
    }
    target = &doc.root[ptr];
  }
  *target = value.root;
  std::erase_if(doc.decimal_text, [&](const auto& entry) {
    return entry.first == pointer || entry.first.rfind(pointer + "/", 0) == 0;
  });
  for (const auto& [key, text] : value.decimal_text) doc.decimal_text.emplace(pointer + key, text);
}

Spec read_spec(const io::Document& doc, const std::string& folder, const io::ReadOptions& options) {
  const io::Node root(doc);
  io::require_header(root, "sweep");
  root.allow_only({"model", "version", "name", "base", "command", "args", "parameters", "keep",
                   "seed", "point_time_limit"});
  Spec spec;
  const io::Node base_node = root.at("base");
  const std::string base_name = base_node.as_string();
  const std::filesystem::path base_path(base_name);
  spec.base_path =
      base_path.is_absolute() ? base_name : (std::filesystem::path(folder) / base_path).string();
  try {
    spec.base = io::read_json_file(spec.base_path, options);
  } catch (const InputError& e) {
    base_node.fail("a readable JSON model file", fmt::format("{}: {}", spec.base_path, e.what()));
  }
  if (!spec.base.root.is_object()) base_node.fail("a JSON model file (an object)");

  const auto command = root.at("command").nonempty_items(
      "the verb as an array such as "
      "[\"alliance\", \"solve\"]");
  for (const auto& c : command) spec.command.push_back(c.as_string());
  if (spec.command.front() == "sweep") command.front().fail("a model family's verb (not sweep)");
  if (const auto args = root.find("args")) {
    for (const auto& a : args->items("an array of extra arguments (strings)")) {
      spec.args.push_back(a.as_string());
    }
  }
  if (const auto seed = root.find("seed")) spec.seed = seed->as_count(0, UINT64_MAX);
  if (const auto limit = root.find("point_time_limit")) {
    const Rational s = limit->as_rational();
    if (sgn(s) <= 0) limit->fail("a positive number of seconds");
    spec.point_time_limit = to_double(s);
  }
  if (const auto keep = root.find("keep")) {
    keep->expect_object(
        "an object: summary field name -> JSON pointer into the verb's --json output");
    for (const auto& [name, node] : keep->members()) {
      const std::string text = node.as_string();
      try {
        (void)json::json_pointer(text);
      } catch (const json::exception&) {
        node.fail("a JSON pointer (RFC 6901) into the verb's --json output such as \"/verdict\"");
      }
      spec.keep.push_back({name, text});
    }
  }

  const auto params = root.at("parameters").nonempty_items("a non-empty array of parameters");
  std::uint64_t count = 1;
  for (const auto& p : params) {
    p.allow_only({"pointer", "values", "range", "random"});
    const io::Node pointer_node = p.at("pointer");
    const json::json_pointer pointer = parse_pointer(pointer_node);
    const std::string text = pointer.to_string();
    for (const auto& earlier : spec.parameters) {
      const bool nested = text == earlier.pointer || text.rfind(earlier.pointer + "/", 0) == 0 ||
                          earlier.pointer.rfind(text + "/", 0) == 0;
      if (nested) {
        pointer_node.fail(fmt::format("a pointer apart from the earlier parameter \"{}\" (neither "
                                      "equal to it nor inside it)",
                                      earlier.pointer),
                          fmt::format("\"{}\"", text));
      }
    }
    check_target(spec.base, spec.base_path, pointer, pointer_node);
    const auto values = p.find("values");
    const auto range = p.find("range");
    const auto random = p.find("random");
    if (int(values.has_value()) + int(range.has_value()) + int(random.has_value()) != 1) {
      p.fail(
          "exactly one of \"values\" (a list), \"range\" ({from, to, step}) or \"random\" "
          "({from, to, draws, grid})");
    }
    Parameter param{text, {}};
    if (values) {
      for (const auto& v : values->nonempty_items("a non-empty array of values")) {
        param.values.push_back(value_document(doc, v));
      }
    } else if (range) {
      param.values = range_values(*range);
    } else {
      param.values = random_values(*random, spec.seed, text);
    }
    count *= param.values.size();  // each factor <= kMaxPoints and the product so far too
    if (count > kMaxPoints) {
      p.fail(fmt::format("at most {} points in all (the product of the parameters' value counts)",
                         kMaxPoints),
             fmt::format("{} points up to this parameter", count));
    }
    spec.parameters.push_back(std::move(param));
  }

  json computation = {{"base", spec.base.root}, {"command", spec.command}, {"args", spec.args}};
  for (const auto& k : spec.keep) computation["keep"][k.name] = k.pointer;
  spec.computation_hash = hex(fnv1a(computation.dump()), 12);
  return spec;
}

Spec read_spec_file(const std::string& path, const io::ReadOptions& options) {
  const io::Document doc = io::read_json_file(path, options);
  return read_spec(doc, std::filesystem::path(path).parent_path().string(), options);
}

std::vector<std::size_t> point_digits(const Spec& spec, std::uint64_t index) {
  std::vector<std::size_t> digits(spec.parameters.size());
  for (std::size_t k = spec.parameters.size(); k-- > 0;) {
    const std::size_t radix = spec.parameters[k].values.size();
    digits[k] = static_cast<std::size_t>(index % radix);
    index /= radix;
  }
  return digits;
}

json point_parameters(const Spec& spec, std::uint64_t index) {
  const auto digits = point_digits(spec, index);
  json out = json::object();
  for (std::size_t k = 0; k < digits.size(); ++k) {
    out[spec.parameters[k].pointer] = spec.parameters[k].values[digits[k]].root;
  }
  return out;
}

io::Document point_model(const Spec& spec, std::uint64_t index) {
  const auto digits = point_digits(spec, index);
  io::Document doc = spec.base;
  for (std::size_t k = 0; k < digits.size(); ++k) {
    apply_value(doc, spec.parameters[k].pointer, spec.parameters[k].values[digits[k]]);
  }
  return doc;
}

std::string point_id(const Spec& spec, std::uint64_t index) {
  const std::uint64_t h = fnv1a(point_parameters(spec, index).dump(), fnv1a(spec.computation_hash));
  return fmt::format("{}-{}", index, hex(h, 8));
}

}  // namespace mechlab::sweep
