#include "mechlab/io/json.hpp"

#include <fmt/format.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "mechlab/core/error.hpp"

namespace mechlab::io {

using nlohmann::json;

namespace {

constexpr std::size_t kMaxDepth = 256;

// Forwards SAX events to nlohmann's DOM builder while tracking the JSON pointer
// of the current value, so that decimal literals can be stored by pointer with
// their exact source text. Also rejects duplicate keys, which nlohmann would
// silently collapse.
class ExactSax {
 public:
  explicit ExactSax(Document& doc) : doc_(doc), dom_(doc.root, true) {}

  bool null() { return begin_value() && dom_.null(); }
  bool boolean(bool v) { return begin_value() && dom_.boolean(v); }
  bool number_integer(json::number_integer_t v) { return begin_value() && dom_.number_integer(v); }
  bool number_unsigned(json::number_unsigned_t v) {
    return begin_value() && dom_.number_unsigned(v);
  }
  bool number_float(json::number_float_t v, const json::string_t& text) {
    if (!begin_value()) return false;
    doc_.decimal_text.emplace(pointer(), text);
    return dom_.number_float(v, text);
  }
  bool string(json::string_t& v) { return begin_value() && dom_.string(v); }
  bool binary(json::binary_t& v) { return begin_value() && dom_.binary(v); }
  bool start_object(std::size_t n) {
    if (!begin_value()) return false;
    push(false);
    return dom_.start_object(n);
  }
  bool key(json::string_t& k) {
    Frame& f = frames_.back();
    if (!f.keys.insert(k).second) {
      f.key = k;
      throw InputError(pointer(), "each key at most once in an object", "a duplicate key");
    }
    f.key = k;
    return dom_.key(k);
  }
  bool end_object() {
    frames_.pop_back();
    return dom_.end_object();
  }
  bool start_array(std::size_t n) {
    if (!begin_value()) return false;
    push(true);
    return dom_.start_array(n);
  }
  bool end_array() {
    frames_.pop_back();
    return dom_.end_array();
  }
  bool parse_error(std::size_t position, const std::string& /*last_token*/,
                   const nlohmann::detail::exception& ex) {
    std::string what = ex.what();
    // nlohmann's messages start with "[json.exception.parse_error.101] "; keep the rest.
    if (const auto p = what.find("] "); p != std::string::npos) what = what.substr(p + 2);
    if (what.find("number overflow") != std::string::npos) {
      // nlohmann reads JSON numbers through double; a string keeps any size exactly.
      begin_value();  // the value that overflowed, for its pointer
      throw InputError(pointer(),
                       "a JSON number within the double range (write larger ones as strings, "
                       "such as \"1e400\")",
                       fmt::format("an overflow at byte {}", position));
    }
    throw InputError("", "valid JSON",
                     fmt::format("a syntax error at byte {}: {}", position, what));
  }

 private:
  struct Frame {
    bool array = false;
    std::size_t next_index = 0;
    std::string key;
    std::set<std::string> keys;
  };

  bool begin_value() {
    if (!frames_.empty() && frames_.back().array) ++frames_.back().next_index;
    return true;
  }
  void push(bool array) {
    if (frames_.size() >= kMaxDepth) {
      throw InputError(pointer(), fmt::format("nesting at most {} levels deep", kMaxDepth));
    }
    frames_.push_back(Frame{array, 0, {}, {}});
  }
  std::string pointer() const {
    std::string out;
    for (const Frame& f : frames_) {
      out += '/';
      out += f.array ? std::to_string(f.next_index - 1) : pointer_token(f.key);
    }
    return out;
  }

  Document& doc_;
  nlohmann::detail::json_sax_dom_parser<json> dom_;
  std::vector<Frame> frames_;
};

std::string type_name(const json& v) {
  switch (v.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::string: return "a string";
    case json::value_t::array: return "an array";
    case json::value_t::object: return "an object";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return "a number";
    default: return "an unsupported value";
  }
}

}  // namespace

std::string pointer_token(std::string_view key) {
  std::string out;
  for (const char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

std::string format_bytes(double bytes) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  int u = 0;
  while (bytes >= 1024 && u < 6) {
    bytes /= 1024;
    ++u;
  }
  return fmt::format("{:.3g} {}", bytes, units[u]);
}

Document parse_json(std::string_view text) {
  Document doc;
  ExactSax sax(doc);
  json::sax_parse(text.begin(), text.end(), &sax);
  return doc;
}

Document read_json_file(const std::string& path, const ReadOptions& options) {
  std::error_code ec;
  const auto bytes = std::filesystem::file_size(path, ec);
  if (ec) throw InputError("", "a readable JSON file", fmt::format("{} ({})", path, ec.message()));
  // A parsed JSON document takes roughly 16 bytes per source byte.
  if (static_cast<double>(bytes) * 16 > static_cast<double>(options.memory_limit_bytes)) {
    throw InputError(
        "",
        fmt::format("a file that parses within the memory limit of {} (--memory-limit)",
                    format_bytes(static_cast<double>(options.memory_limit_bytes))),
        fmt::format("{} bytes, needing about {}", bytes,
                    format_bytes(static_cast<double>(bytes) * 16)));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError("", "a readable JSON file", path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return parse_json(ss.str());
}

void Node::expect_object(std::string_view what) const {
  if (!value_->is_object()) fail(std::string(what));
}

void Node::allow_only(std::initializer_list<std::string_view> allowed) const {
  expect_object();
  for (const auto& [k, v] : value_->items()) {
    bool ok = false;
    for (const auto a : allowed) ok = ok || (a == k);
    if (!ok) {
      std::string list;
      for (const auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      throw InputError(pointer_ + "/" + pointer_token(k), fmt::format("one of the keys {}", list),
                       fmt::format("unknown key \"{}\"", k));
    }
  }
}

Node Node::at(std::string_view key) const {
  expect_object();
  const auto it = value_->find(key);
  if (it == value_->end()) {
    throw InputError(pointer_ + "/" + pointer_token(key), "a value (the key is required)",
                     "nothing");
  }
  return {*doc_, *it, pointer_ + "/" + pointer_token(key)};
}

std::optional<Node> Node::find(std::string_view key) const {
  expect_object();
  const auto it = value_->find(key);
  if (it == value_->end()) return std::nullopt;
  return Node(*doc_, *it, pointer_ + "/" + pointer_token(key));
}

std::vector<std::pair<std::string, Node>> Node::members() const {
  expect_object();
  std::vector<std::pair<std::string, Node>> out;
  for (const auto& [k, v] : value_->items()) {
    out.emplace_back(k, Node(*doc_, v, pointer_ + "/" + pointer_token(k)));
  }
  return out;
}

std::vector<Node> Node::items(std::string_view what) const {
  if (!value_->is_array()) fail(std::string(what));
  std::vector<Node> out;
  out.reserve(value_->size());
  for (std::size_t i = 0; i < value_->size(); ++i) {
    out.emplace_back(*doc_, (*value_)[i], fmt::format("{}/{}", pointer_, i));
  }
  return out;
}

std::vector<Node> Node::nonempty_items(std::string_view what) const {
  auto out = items(what);
  if (out.empty()) fail(std::string(what), "an empty array");
  return out;
}

std::string Node::as_string() const {
  if (!value_->is_string()) fail("a string");
  return value_->get<std::string>();
}

bool Node::as_bool() const {
  if (!value_->is_boolean()) fail("true or false");
  return value_->get<bool>();
}

Rational Node::as_rational() const {
  try {
    switch (value_->type()) {
      case json::value_t::number_integer: return {value_->get<std::int64_t>()};
      case json::value_t::number_unsigned:
        return {mpz_class(std::to_string(value_->get<std::uint64_t>()))};
      case json::value_t::number_float: {
        const auto it = doc_->decimal_text.find(pointer_);
        if (it != doc_->decimal_text.end()) return parse_rational(it->second);
        return rational_from_double(value_->get<double>());
      }
      case json::value_t::string: return parse_rational(value_->get<std::string>());
      default: break;
    }
  } catch (const InputError& e) {
    throw e.with_prefix(pointer_);
  }
  fail("a number (or a string such as \"3/4\")");
}

double Node::as_double() const {
  const Rational r = as_rational();
  const double d = mechlab::to_double(r);
  if (!std::isfinite(d) || (d == 0 && sgn(r) != 0)) {
    fail("a number a double can hold (|x| from about 1e-308 to 1e308, or 0) in --float mode");
  }
  return d;
}

Rational Node::as_number(const ReadOptions& options) const {
  if (options.doubles) (void)as_double();
  return as_rational();
}

std::uint64_t Node::as_count(std::uint64_t min, std::uint64_t max) const {
  const std::string expected = fmt::format("an integer from {} to {}", min, max);
  if (!value_->is_number_integer()) fail(expected);
  if (value_->is_number_unsigned()) {
    const auto v = value_->get<std::uint64_t>();
    if (v < min || v > max) fail(expected, std::to_string(v));
    return v;
  }
  const auto v = value_->get<std::int64_t>();
  if (v < 0 || static_cast<std::uint64_t>(v) < min || static_cast<std::uint64_t>(v) > max) {
    fail(expected, std::to_string(v));
  }
  return static_cast<std::uint64_t>(v);
}

void Node::fail(std::string expected) const {
  throw InputError(pointer_, std::move(expected), describe());
}

void Node::fail(std::string expected, std::string found) const {
  throw InputError(pointer_, std::move(expected), std::move(found));
}

std::string Node::describe() const {
  const nlohmann::json& v = *value_;
  if (v.is_null()) return "null";
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_string()) {
    std::string s = v.get<std::string>();
    if (s.size() > 40) s = s.substr(0, 37) + "...";
    return fmt::format("the string \"{}\"", s);
  }
  if (v.is_number()) {
    const auto it = doc_->decimal_text.find(pointer_);
    return fmt::format("{} {}", type_name(v),
                       it != doc_->decimal_text.end() ? it->second : v.dump());
  }
  return type_name(v);
}

void require_header(const Node& root, std::string_view family, int version) {
  root.expect_object("a JSON object (a mechlab model file)");
  const Node model = root.at("model");
  if (!model.json().is_string() || model.json().get<std::string>() != family) {
    model.fail(fmt::format("\"{}\"", family));
  }
  const Node v = root.at("version");
  if (!v.json().is_number_integer() || v.json().get<std::int64_t>() != version) {
    v.fail(fmt::format("{} (the only version this mechlab reads)", version));
  }
}

}  // namespace mechlab::io
