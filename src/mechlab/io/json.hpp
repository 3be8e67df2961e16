// Reading JSON model files: exact numbers, JSON pointers in every error, unknown
// keys rejected. This is the only place mechlab parses JSON; family readers
// (lp/io.cpp, ...) walk a Node and build plain model structs.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "mechlab/core/rational.hpp"

namespace mechlab::io {

inline constexpr std::uint64_t kDefaultMemoryLimit = std::uint64_t{4} << 30;  // 4 GiB

// Limits every reader honours before it allocates.
struct ReadOptions {
  std::uint64_t memory_limit_bytes = kDefaultMemoryLimit;
  // The model will be computed in double precision (--float): every number
  // must then be a finite double, and a non-zero number must not round to 0.
  bool doubles = false;
};

// A parsed document. JSON numbers with a fraction or exponent are kept as their
// source text (by JSON pointer) so that 0.1 means exactly 1/10, not the double
// nearest to it.
// clang-tidy 14 cannot see that the implicit moves of these members do not throw.
struct Document {  // NOLINT(bugprone-exception-escape)
  nlohmann::json root;
  std::unordered_map<std::string, std::string> decimal_text;
};

// Throws InputError on malformed JSON, duplicate keys or nesting deeper than 256.
Document parse_json(std::string_view text);
// Throws InputError if the file cannot be read or would not fit in the limit.
Document read_json_file(const std::string& path, const ReadOptions& options = {});

// Escapes a key for use in a JSON pointer (RFC 6901).
std::string pointer_token(std::string_view key);

// "1.5 GiB" and the like, for messages.
std::string format_bytes(double bytes);

// A position in a document: a value and its JSON pointer.
class Node {
 public:
  Node(const Document& doc, const nlohmann::json& value, std::string pointer)
      : doc_(&doc), value_(&value), pointer_(std::move(pointer)) {}
  explicit Node(const Document& doc) : Node(doc, doc.root, "") {}

  const std::string& pointer() const noexcept { return pointer_; }
  const nlohmann::json& json() const noexcept { return *value_; }

  // Objects.
  void expect_object(std::string_view what = "an object") const;
  // Rejects keys not in `allowed`, naming the first unknown one and the allowed set.
  void allow_only(std::initializer_list<std::string_view> allowed) const;
  Node at(std::string_view key) const;  // required key
  std::optional<Node> find(std::string_view key) const;
  std::vector<std::pair<std::string, Node>> members() const;

  // Arrays.
  std::vector<Node> items(std::string_view what = "an array") const;
  std::vector<Node> nonempty_items(std::string_view what) const;

  // Scalars.
  std::string as_string() const;
  bool as_bool() const;
  // A JSON number or a string such as "3/4" or "1e-3", exactly.
  Rational as_rational() const;
  double as_double() const;  // finite, and non-zero unless the number is exactly 0
  // as_rational(), also checked as as_double() when options.doubles.
  Rational as_number(const ReadOptions& options) const;
  std::uint64_t as_count(std::uint64_t min, std::uint64_t max) const;

  [[noreturn]] void fail(std::string expected) const;
  [[noreturn]] void fail(std::string expected, std::string found) const;
  // A short description of the value, for "found ..." in messages.
  std::string describe() const;

 private:
  const Document* doc_;
  const nlohmann::json* value_;
  std::string pointer_;
};

// Checks "model": <family> and "version": 1 at the root.
void require_header(const Node& root, std::string_view family, int version = 1);

}  // namespace mechlab::io
