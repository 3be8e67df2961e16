#include "mechlab/io/json.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>

#include "mechlab/core/error.hpp"
#include "support.hpp"

namespace mechlab::io {
namespace {

using test::contains;
using test::input_error;
using test::q;

// A file in the temporary directory, removed at the end of the test.
class TempFile {
 public:
  explicit TempFile(const std::string& contents) {
    path_ = (std::filesystem::temp_directory_path() /
             ("mechlab_json_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter_++) +
              ".json"))
                .string();
    std::ofstream out(path_, std::ios::binary);
    out << contents;
  }
  ~TempFile() { std::remove(path_.c_str()); }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  static inline int counter_ = 0;
  std::string path_;
};

// ------------------------------------------------------------- exact numbers

TEST(Json, DecimalIsReadExactly) {
  const Document doc = parse_json(R"({"a": 0.1, "b": 1e-3, "c": -2.50, "d": 1E+2})");
  const Node root(doc);
  EXPECT_EQ(root.at("a").as_rational(), q(1, 10));
  EXPECT_EQ(root.at("b").as_rational(), q(1, 1000));
  EXPECT_EQ(root.at("c").as_rational(), q(-5, 2));
  EXPECT_EQ(root.at("d").as_rational(), q(100));
}

TEST(Json, DecimalsInsideArraysAndNestedObjectsAreExact) {
  const Document doc = parse_json(R"({"p": [0.1, [0.2, 0.7], {"x": 0.3}], "q": 0.05})");
  const Node root(doc);
  const auto items = root.at("p").items();
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].pointer(), "/p/0");
  EXPECT_EQ(items[0].as_rational(), q(1, 10));
  const auto inner = items[1].items();
  EXPECT_EQ(inner[1].pointer(), "/p/1/1");
  EXPECT_EQ(inner[0].as_rational(), q(1, 5));
  EXPECT_EQ(inner[1].as_rational(), q(7, 10));
  EXPECT_EQ(items[2].at("x").pointer(), "/p/2/x");
  EXPECT_EQ(items[2].at("x").as_rational(), q(3, 10));
  EXPECT_EQ(root.at("q").as_rational(), q(1, 20));
  // 0.2 + 0.7 + 0.1 is exactly 1 only when read exactly.
  EXPECT_EQ(inner[0].as_rational() + inner[1].as_rational() + items[0].as_rational(), q(1));
}

TEST(Json, DecimalUnderEscapedKeyIsExact) {
  const Document doc = parse_json(R"({"a/b": {"c~d": 0.1}})");
  const Node n = Node(doc).at("a/b").at("c~d");
  EXPECT_EQ(n.pointer(), "/a~1b/c~0d");
  EXPECT_EQ(n.as_rational(), q(1, 10));
}

TEST(Json, DecimalAtTheRootIsExact) {
  const Document doc = parse_json("0.3");
  EXPECT_EQ(Node(doc).as_rational(), q(3, 10));
}

TEST(Json, FractionStringsAreExact) {
  const Document doc = parse_json(R"({"a": "3/4", "b": "-6/8", "c": "1e-3", "d": "2"})");
  const Node root(doc);
  EXPECT_EQ(root.at("a").as_rational(), q(3, 4));
  EXPECT_EQ(root.at("b").as_rational(), q(-3, 4));
  EXPECT_EQ(root.at("c").as_rational(), q(1, 1000));
  EXPECT_EQ(root.at("d").as_rational(), q(2));
}

TEST(Json, IntegersOfAnySizeAreExact) {
  const Document doc = parse_json(
      R"({"max64": 18446744073709551615, "two64": 18446744073709551616,
          "big": 123456789012345678901234567890, "neg": -9223372036854775808,
          "negbig": -9223372036854775809, "small": -7})");
  const Node root(doc);
  EXPECT_EQ(root.at("max64").as_rational(), Rational(mpz_class("18446744073709551615")));
  EXPECT_EQ(root.at("two64").as_rational(), Rational(mpz_class("18446744073709551616")));
  EXPECT_EQ(root.at("big").as_rational(), Rational(mpz_class("123456789012345678901234567890")));
  EXPECT_EQ(root.at("neg").as_rational(), Rational(mpz_class("-9223372036854775808")));
  EXPECT_EQ(root.at("negbig").as_rational(), Rational(mpz_class("-9223372036854775809")));
  EXPECT_EQ(root.at("small").as_rational(), q(-7));
}

TEST(Json, BadNumberStringNamesItsPointer) {
  const Document doc = parse_json(R"({"a": {"b": "1/0"}, "c": "abc", "d": true})");
  const Node root(doc);
  EXPECT_EQ(input_error([&] { (void)root.at("a").at("b").as_rational(); }).pointer(), "/a/b");
  EXPECT_EQ(input_error([&] { (void)root.at("c").as_rational(); }).pointer(), "/c");
  const InputError e = input_error([&] { (void)root.at("d").as_rational(); });
  EXPECT_EQ(e.pointer(), "/d");
  EXPECT_EQ(e.found(), "true");
}

TEST(Json, AsDoubleRejectsValuesBeyondDoubleRange) {
  const Document doc = parse_json(R"({"a": "1e400", "b": 0.5})");
  const Node root(doc);
  const InputError e = input_error([&] { (void)root.at("a").as_double(); });
  EXPECT_EQ(e.pointer(), "/a");
  EXPECT_TRUE(contains(e.expected(), "double")) << e.what();
  EXPECT_EQ(root.at("b").as_double(), 0.5);
}

// as_double must agree with strtod / nlohmann on every decimal literal: the
// double nearest to the exact value, whichever side it lies on.
TEST(Json, AsDoubleIsTheNearestDouble) {
  const Document doc =
      parse_json(R"({"a": 0.1, "b": 0.2, "c": "1/10", "d": 0.3, "e": 0.7, "f": 2.5})");
  const Node root(doc);
  EXPECT_EQ(root.at("a").as_double(), 0.1);  // nearest double lies above 1/10
  EXPECT_EQ(root.at("b").as_double(), 0.2);  // above 1/5
  EXPECT_EQ(root.at("c").as_double(), 0.1);
  EXPECT_EQ(root.at("d").as_double(), 0.3);  // below 3/10
  EXPECT_EQ(root.at("e").as_double(), 0.7);  // below 7/10
  EXPECT_EQ(root.at("f").as_double(), 2.5);
  // The same value nlohmann itself parsed.
  EXPECT_EQ(root.at("a").as_double(), root.at("a").json().get<double>());
}

TEST(Json, LiteralsBeyondDoubleRangeAreExactOrRejected) {
  // 1e-400 underflows a double but its text is kept: exactly 10^-400.
  const Document doc = parse_json(R"({"tiny": 1e-400, "y": "1e99999"})");
  mpz_class big;
  mpz_ui_pow_ui(big.get_mpz_t(), 10, 400);
  EXPECT_EQ(Node(doc).at("tiny").as_rational(), Rational(1) / Rational(big));
  // An exponent beyond the exact reader's limit, as a string: refused at its pointer.
  const InputError e = input_error([&] { (void)Node(doc).at("y").as_rational(); });
  EXPECT_EQ(e.pointer(), "/y");
  EXPECT_TRUE(contains(e.what(), "exponent")) << e.what();
  // A literal that overflows a double is refused by the parser, as an InputError.
  EXPECT_THROW(parse_json(R"({"x": 1e99999})"), InputError);
}

// ------------------------------------------------------------ parse errors

TEST(Json, DuplicateKeyIsRejectedWithItsPointer) {
  const InputError top = input_error([] { parse_json(R"({"a": 1, "a": 2})"); });
  EXPECT_EQ(top.pointer(), "/a");
  EXPECT_TRUE(contains(top.what(), "at most once")) << top.what();

  const InputError nested = input_error([] { parse_json(R"({"x": {"b": 1, "c": 2, "b": 3}})"); });
  EXPECT_EQ(nested.pointer(), "/x/b");

  const InputError in_array = input_error([] { parse_json(R"([{"k": 1}, {"k": 1, "k": 2}])"); });
  EXPECT_EQ(in_array.pointer(), "/1/k");
}

TEST(Json, SameKeyInDifferentObjectsIsFine) {
  EXPECT_NO_THROW(parse_json(R"({"a": {"a": 1}, "b": [{"a": 1}, {"a": 2}]})"));
}

TEST(Json, SyntaxErrorsAreInputErrors) {
  for (const char* bad :
       {"", "{", "[1,]", "{'a': 1}", "{\"a\" 1}", "[1 2]", "nul", "01", "{\"a\": 1} x", "[NaN]"}) {
    const InputError e = input_error([&] { parse_json(bad); });
    EXPECT_EQ(e.pointer(), "") << bad;
    EXPECT_TRUE(contains(e.what(), "valid JSON")) << bad << ": " << e.what();
  }
}

TEST(Json, NestingDeeperThan256IsRejected) {
  const std::string ok = std::string(256, '[') + std::string(256, ']');
  EXPECT_NO_THROW(parse_json(ok));
  const std::string deep = std::string(300, '[') + std::string(300, ']');
  const InputError e = input_error([&] { parse_json(deep); });
  EXPECT_TRUE(contains(e.what(), "256")) << e.what();
}

// --------------------------------------------------------------- navigation

TEST(Json, AllowOnlyNamesTheUnknownKey) {
  const Document doc = parse_json(R"({"inner": {"name": "x", "colour": "red"}})");
  const InputError e = input_error([&] { Node(doc).at("inner").allow_only({"name", "labels"}); });
  EXPECT_EQ(e.pointer(), "/inner/colour");
  EXPECT_TRUE(contains(e.what(), "unknown key \"colour\"")) << e.what();
  EXPECT_TRUE(contains(e.what(), "name, labels")) << e.what();
  EXPECT_NO_THROW(Node(doc).at("inner").allow_only({"name", "colour"}));
}

TEST(Json, AllowOnlyEscapesTheKeyInThePointer) {
  const Document doc = parse_json(R"({"a/b~c": 1})");
  EXPECT_EQ(input_error([&] { Node(doc).allow_only({"x"}); }).pointer(), "/a~1b~0c");
}

TEST(Json, AtMissingKeyNamesItsPointer) {
  const Document doc = parse_json(R"({"x": {"y": {}}})");
  const InputError e = input_error([&] { (void)Node(doc).at("x").at("y").at("z"); });
  EXPECT_EQ(e.pointer(), "/x/y/z");
  EXPECT_TRUE(contains(e.what(), "required")) << e.what();
  EXPECT_FALSE(Node(doc).find("nope").has_value());
  ASSERT_TRUE(Node(doc).find("x").has_value());
  EXPECT_EQ(Node(doc).find("x")->pointer(), "/x");
}

TEST(Json, AtOnNonObjectFailsAtThatNode) {
  const Document doc = parse_json(R"({"x": [1, 2]})");
  const InputError e = input_error([&] { (void)Node(doc).at("x").at("y"); });
  EXPECT_EQ(e.pointer(), "/x");
  EXPECT_EQ(e.found(), "an array");
}

TEST(Json, ItemsAndNonemptyItems) {
  const Document doc = parse_json(R"({"a": [], "b": {"c": 1}, "d": ["s", 2]})");
  const Node root(doc);
  EXPECT_TRUE(root.at("a").items().empty());
  const InputError empty = input_error([&] { (void)root.at("a").nonempty_items("a list"); });
  EXPECT_EQ(empty.pointer(), "/a");
  EXPECT_EQ(empty.found(), "an empty array");
  EXPECT_EQ(input_error([&] { (void)root.at("b").items(); }).pointer(), "/b");
  const auto d = root.at("d").items();
  EXPECT_EQ(d[0].as_string(), "s");
  const InputError not_string = input_error([&] { (void)d[1].as_string(); });
  EXPECT_EQ(not_string.pointer(), "/d/1");
  EXPECT_EQ(not_string.found(), "a number 2");
}

TEST(Json, MembersKeepPointers) {
  const Document doc = parse_json(R"({"m": {"p~q": 0.5, "r": true}})");
  const auto members = Node(doc).at("m").members();
  ASSERT_EQ(members.size(), 2u);
  for (const auto& [key, node] : members) {
    if (key == "p~q") {
      EXPECT_EQ(node.pointer(), "/m/p~0q");
      EXPECT_EQ(node.as_rational(), q(1, 2));
    } else {
      EXPECT_EQ(key, "r");
      EXPECT_TRUE(node.as_bool());
    }
  }
}

TEST(Json, AsCountChecksTypeAndRange) {
  const Document doc = parse_json(
      R"({"ok": 10, "neg": -1, "big": 11, "frac": 2.5, "str": "3", "zero": 0,
          "max": 18446744073709551615})");
  const Node root(doc);
  EXPECT_EQ(root.at("ok").as_count(1, 10), 10u);
  EXPECT_EQ(root.at("zero").as_count(0, 5), 0u);
  EXPECT_EQ(root.at("max").as_count(0, std::numeric_limits<std::uint64_t>::max()),
            std::numeric_limits<std::uint64_t>::max());
  for (const char* key : {"neg", "big", "frac", "str", "zero"}) {
    const InputError e = input_error([&] { (void)root.at(key).as_count(1, 10); });
    EXPECT_EQ(e.pointer(), std::string("/") + key);
    EXPECT_TRUE(contains(e.what(), "an integer from 1 to 10")) << e.what();
  }
  EXPECT_EQ(input_error([&] { (void)root.at("max").as_count(0, 100); }).found(),
            "18446744073709551615");
  EXPECT_EQ(input_error([&] { (void)root.at("neg").as_count(0, 100); }).found(), "-1");
}

TEST(Json, AsBoolAndDescribe) {
  const Document doc = parse_json(R"({"t": false, "n": null, "s": "hello", "f": 0.10})");
  const Node root(doc);
  EXPECT_FALSE(root.at("t").as_bool());
  EXPECT_EQ(input_error([&] { (void)root.at("n").as_bool(); }).pointer(), "/n");
  EXPECT_EQ(root.at("n").describe(), "null");
  EXPECT_EQ(root.at("s").describe(), "the string \"hello\"");
  // Decimals are described by their source text.
  EXPECT_EQ(root.at("f").describe(), "a number 0.10");
}

TEST(Json, PointerTokenEscapesTildeAndSlash) {
  EXPECT_EQ(pointer_token("plain"), "plain");
  EXPECT_EQ(pointer_token("a~b/c"), "a~0b~1c");
  EXPECT_EQ(pointer_token("~1"), "~01");
  EXPECT_EQ(pointer_token("/~"), "~1~0");
  EXPECT_EQ(pointer_token(""), "");
}

TEST(Json, FormatBytes) {
  EXPECT_EQ(format_bytes(512), "512 B");
  EXPECT_EQ(format_bytes(1536), "1.5 KiB");
  EXPECT_EQ(format_bytes(4.0 * 1024 * 1024 * 1024), "4 GiB");
}

// ------------------------------------------------------------------ headers

TEST(Json, RequireHeaderAcceptsMatchingModelAndVersion) {
  const Document doc = parse_json(R"({"model": "lp", "version": 1})");
  EXPECT_NO_THROW(require_header(Node(doc), "lp"));
}

TEST(Json, RequireHeaderErrors) {
  struct Case {
    const char* text;
    const char* pointer;
  };
  for (const Case& c :
       {Case{R"([1])", ""}, Case{R"({"version": 1})", "/model"},
        Case{R"({"model": "distribution", "version": 1})", "/model"},
        Case{R"({"model": 3, "version": 1})", "/model"}, Case{R"({"model": "lp"})", "/version"},
        Case{R"({"model": "lp", "version": 2})", "/version"},
        Case{R"({"model": "lp", "version": "1"})", "/version"},
        Case{R"({"model": "lp", "version": 1.0})", "/version"}}) {
    const Document doc = parse_json(c.text);
    const InputError e = input_error([&] { require_header(Node(doc), "lp"); });
    EXPECT_EQ(e.pointer(), c.pointer) << c.text;
  }
  const Document doc = parse_json(R"({"model": "lp", "version": 2})");
  const InputError e = input_error([&] { require_header(Node(doc), "lp"); });
  EXPECT_TRUE(contains(e.what(), "the only version")) << e.what();
}

// -------------------------------------------------------------------- files

TEST(Json, ReadJsonFileParsesExactly) {
  const TempFile f(R"({"x": 0.1})");
  const Document doc = read_json_file(f.path());
  EXPECT_EQ(Node(doc).at("x").as_rational(), q(1, 10));
}

TEST(Json, ReadJsonFileHonoursMemoryLimit) {
  const std::string text = R"({"x": [1, 2, 3, 4, 5, 6, 7, 8, 9]})";
  const TempFile f(text);
  // About 16 bytes per source byte are needed; allow less than that.
  ReadOptions tiny;
  tiny.memory_limit_bytes = 16 * text.size() - 1;
  const InputError e = input_error([&] { read_json_file(f.path(), tiny); });
  EXPECT_TRUE(contains(e.what(), "memory limit")) << e.what();
  ReadOptions enough;
  enough.memory_limit_bytes = 16 * text.size();
  EXPECT_NO_THROW(read_json_file(f.path(), enough));
}

TEST(Json, ReadJsonFileMissingFileIsInputError) {
  const InputError e = input_error([] { read_json_file("/nonexistent/mechlab/nothing.json"); });
  EXPECT_TRUE(contains(e.what(), "readable")) << e.what();
}

TEST(Json, ReadJsonFileReportsSyntaxErrors) {
  const TempFile f(R"({"x": )");
  EXPECT_THROW(read_json_file(f.path()), InputError);
}

}  // namespace
}  // namespace mechlab::io
