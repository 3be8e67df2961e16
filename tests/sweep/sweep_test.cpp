// The sweep library: spec validation, point enumeration, the JSON Lines journal.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "mechlab/io/json.hpp"
#include "mechlab/sweep/journal.hpp"
#include "mechlab/sweep/spec.hpp"
#include "support.hpp"

namespace mechlab::sweep {
namespace {

using nlohmann::json;
using test::contains;
using test::input_error;
using test::q;

const std::string kExamples = std::string(MECHLAB_SOURCE_DIR) + "/examples/sweep";

// A spec over Section 5.1's alliance (eta = 1/2, b = (1/20, 1/15, 1/12, 1/10)) with
// the parameters given as JSON text.
std::string spec_text(const std::string& parameters, const std::string& more = "") {
  return R"({"model": "sweep", "version": 1, "base": "../alliance/section-5-1.json",
             "command": ["alliance", "solve"], "keep": {"fr": "/exact/fully_revealing"},
             "parameters": )" +
         parameters + more + "}";
}

Spec spec_of(const std::string& text) { return read_spec(io::parse_json(text), kExamples); }

Rational rational_at(const io::Document& doc, const std::string& pointer) {
  return io::Node(doc, doc.root.at(json::json_pointer(pointer)), pointer).as_rational();
}

// A fresh folder per test, removed at the end.
class TempDir {
 public:
  TempDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = std::filesystem::temp_directory_path() /
            fmt::format("mechlab-sweep-{}-{}", ::getpid(), info->name());
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

void write(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(SweepSpec, AllianceExampleIsNineteenEtasTimesNinetyOneBiases) {
  const Spec spec = read_spec_file(kExamples + "/alliance-region.json");
  ASSERT_EQ(spec.parameters.size(), 2U);
  EXPECT_EQ(spec.parameters[0].pointer, "/eta");
  EXPECT_EQ(spec.parameters[0].values.size(), 19U);
  EXPECT_EQ(spec.parameters[0].values.front().root, "1/20");
  EXPECT_EQ(spec.parameters[0].values.back().root, "19/20");
  EXPECT_EQ(spec.parameters[1].values.size(), 91U);  // 1/20 .. 1/2 by 1/200
  EXPECT_EQ(spec.parameters[1].values.back().root, "1/2");
  EXPECT_EQ(spec.point_count(), 1729U);
  EXPECT_EQ(spec.command, (std::vector<std::string>{"alliance", "solve"}));
  EXPECT_EQ(spec.computation_hash.size(), 12U);
}

TEST(SweepSpec, RangeStopsAtTheLastStepNotBeyondTo) {
  const Spec spec = spec_of(spec_text(R"([{"pointer": "/eta", "range": {"from": 0.1, "to": 1,
                                          "step": "3/10"}}])"));
  const auto& v = spec.parameters[0].values;
  ASSERT_EQ(v.size(), 4U);  // 1/10, 2/5, 7/10, 1 (1 is hit exactly)
  EXPECT_EQ(v[0].root, "1/10");
  EXPECT_EQ(v[1].root, "2/5");
  EXPECT_EQ(v[2].root, "7/10");
  EXPECT_EQ(v[3].root, 1);  // an integer stays a JSON integer
  const Spec short_range = spec_of(spec_text(R"([{"pointer": "/eta", "range": {"from": 0,
                                                 "to": "1/2", "step": "1/3"}}])"));
  EXPECT_EQ(short_range.parameters[0].values.size(), 2U);  // 0, 1/3
}

TEST(SweepSpec, ErrorsPointIntoTheSpec) {
  struct Case {
    std::string text;
    std::string pointer;
    std::string found;
  };
  const std::vector<Case> cases = {
      {spec_text(R"([{"pointer": "/eta", "values": [1]}])", R"(, "outputs": 1)"), "/outputs",
       "unknown key \"outputs\""},
      {spec_text(R"([{"pointer": "/nope/x", "values": [1]}])"), "/parameters/0/pointer",
       "the base model has no /nope"},
      {spec_text(R"([{"pointer": "/biases/0/x", "values": [1]}])"), "/parameters/0/pointer",
       "/biases/0 is not an object"},
      {spec_text(R"([{"pointer": "eta", "values": [1]}])"), "/parameters/0/pointer",
       "the string \"eta\""},
      {spec_text(R"([{"pointer": "/eta", "values": []}])"), "/parameters/0/values", "empty"},
      {spec_text(R"([{"pointer": "/eta", "range": {"from": 0, "to": 1, "step": 0}}])"),
       "/parameters/0/range/step", "number 0"},
      {spec_text(R"([{"pointer": "/eta", "range": {"from": 1, "to": 0, "step": 1}}])"),
       "/parameters/0/range/to", "number 0"},
      {spec_text(R"([{"pointer": "/eta", "range": {"from": 0, "to": 1, "step": "1e-9"}}])"),
       "/parameters/0/range/step", "1000000001 values"},
      {spec_text(R"([{"pointer": "/eta", "range": {"from": 1, "to": 5000, "step": 1}},
                     {"pointer": "/cost", "range": {"from": 1, "to": 5000, "step": 1}}])"),
       "/parameters/1", "25000000 points up to this parameter"},
      {spec_text(R"([{"pointer": "/eta", "values": [1], "range": {}}])"), "/parameters/0", ""},
      {spec_text(R"([{"pointer": "/biases", "values": [1]},
                     {"pointer": "/biases/1", "values": [1]}])"),
       "/parameters/1/pointer", "\"/biases/1\""},
      {spec_text(R"([{"pointer": "/eta", "random": {"from": 0, "to": 1, "draws": 0}}])"),
       "/parameters/0/random/draws", "0"},
      {spec_text(R"([])"), "/parameters", "an empty array"},
  };
  for (const auto& c : cases) {
    const InputError e = input_error([&] { (void)spec_of(c.text); });
    EXPECT_EQ(e.pointer(), c.pointer) << c.text;
    EXPECT_TRUE(contains(e.found(), c.found)) << e.what();
  }
  const InputError sweep_in_sweep = input_error([] {
    (void)read_spec(io::parse_json(R"({"model": "sweep", "version": 1, "base":
      "../alliance/section-5-1.json", "command": ["sweep"], "parameters":
      [{"pointer": "/eta", "values": [1]}]})"),
                    kExamples);
  });
  EXPECT_EQ(sweep_in_sweep.pointer(), "/command/0");
  const InputError no_base = input_error([] {
    (void)read_spec(io::parse_json(R"({"model": "sweep", "version": 1, "base": "nowhere.json",
      "command": ["alliance", "solve"], "parameters": [{"pointer": "/eta", "values": [1]}]})"),
                    kExamples);
  });
  EXPECT_EQ(no_base.pointer(), "/base");
  EXPECT_TRUE(contains(no_base.found(), "nowhere.json"));
}

TEST(SweepSpec, PointsAreRowMajorLastParameterFastest) {
  const Spec spec = read_spec_file(kExamples + "/alliance-region.json");
  EXPECT_EQ(point_digits(spec, 0), (std::vector<std::size_t>{0, 0}));
  EXPECT_EQ(point_digits(spec, 1), (std::vector<std::size_t>{0, 1}));
  EXPECT_EQ(point_digits(spec, 91), (std::vector<std::size_t>{1, 0}));
  EXPECT_EQ(point_digits(spec, 1728), (std::vector<std::size_t>{18, 90}));
  EXPECT_EQ(point_parameters(spec, 1), (json{{"/eta", "1/20"}, {"/biases/3", "11/200"}}));
  EXPECT_EQ(point_parameters(spec, 92), (json{{"/eta", "1/10"}, {"/biases/3", "11/200"}}));
  const io::Document model = point_model(spec, 92);
  EXPECT_EQ(rational_at(model, "/eta"), q(1, 10));
  EXPECT_EQ(rational_at(model, "/biases/3"), q(11, 200));
  EXPECT_EQ(rational_at(model, "/biases/0"), q(1, 20));  // untouched
  EXPECT_EQ(rational_at(spec.base, "/eta"), q(1, 2));    // the base is not modified
}

TEST(SweepSpec, ListedDecimalsStayExact) {
  const Spec spec = spec_of(spec_text(R"([{"pointer": "/eta", "values": [0.1, "3/10"]},
    {"pointer": "/biases", "values": [[0.05, 0.2], [0, 1]]}])"));
  const io::Document model = point_model(spec, 0);
  EXPECT_EQ(rational_at(model, "/eta"), q(1, 10));  // not the double nearest to 0.1
  EXPECT_EQ(rational_at(model, "/biases/0"), q(1, 20));
  EXPECT_EQ(rational_at(model, "/biases/1"), q(1, 5));
  const io::Document other = point_model(spec, 3);
  EXPECT_EQ(rational_at(other, "/eta"), q(3, 10));
  EXPECT_EQ(rational_at(other, "/biases/1"), q(1));
  EXPECT_EQ(other.decimal_text.count("/biases/0"), 0U);  // the base's decimals there are gone
}

TEST(SweepSpec, NewKeyOfAnExistingObjectIsAdded) {
  const Spec spec = spec_of(spec_text(R"([{"pointer": "/note", "values": ["a", "b"]}])"));
  EXPECT_EQ(point_model(spec, 1).root.at("note"), "b");
  io::Document doc = spec.base;
  const InputError e = input_error([&] { apply_value(doc, "/x/y", io::Document{1, {}}); });
  EXPECT_EQ(e.pointer(), "/x/y");
}

TEST(SweepSpec, RandomDrawsAreOnTheGridReproducibleAndIndependentOfOrder) {
  const std::string draws = R"({"pointer": "/cost", "random": {"from": "-1/2", "to": 1,
                                "draws": 50, "grid": 30}})";
  const std::string eta = R"({"pointer": "/eta", "values": ["1/3", "2/3"]})";
  const Spec a = spec_of(spec_text("[" + draws + "," + eta + "]", R"(, "seed": 7)"));
  const Spec b = spec_of(spec_text("[" + eta + "," + draws + "]", R"(, "seed": 7)"));
  const Spec c = spec_of(spec_text("[" + draws + "," + eta + "]", R"(, "seed": 8)"));
  ASSERT_EQ(a.parameters[0].values.size(), 50U);
  bool differs = false;
  for (std::size_t k = 0; k < 50; ++k) {
    const Rational x = io::Node(a.parameters[0].values[k]).as_rational();
    EXPECT_GE(x, q(-1, 2));
    EXPECT_LE(x, q(1));
    // On the grid -1/2 + (3/2)·j/30 = -1/2 + j/20.
    const Rational j = (x + q(1, 2)) * 20;
    EXPECT_EQ(j.get_den(), 1);
    EXPECT_EQ(a.parameters[0].values[k].root, b.parameters[1].values[k].root);
    differs = differs || a.parameters[0].values[k].root != c.parameters[0].values[k].root;
  }
  EXPECT_TRUE(differs) << "seed 8 draws the same 50 values as seed 7";
}

TEST(SweepSpec, IdsChangeWithTheComputationNotWithTheSlowestParametersLength) {
  const Spec spec = spec_of(spec_text(R"([{"pointer": "/eta", "values": ["1/4", "1/2"]},
                                          {"pointer": "/cost", "values": [0, 1]}])"));
  EXPECT_EQ(point_id(spec, 3).substr(0, 2), "3-");
  EXPECT_EQ(point_id(spec, 3).size(), 10U);
  EXPECT_EQ(point_id(spec, 3), point_id(spec_of(spec_text(R"([{"pointer": "/eta", "values":
    ["1/4", "1/2"]}, {"pointer": "/cost", "values": [0, 1]}])")),
                                        3));
  // More values of the slowest parameter: the old points keep their index and id.
  const Spec longer = spec_of(spec_text(R"([{"pointer": "/eta", "values": ["1/4", "1/2", "3/4"]},
                                            {"pointer": "/cost", "values": [0, 1]}])"));
  for (std::uint64_t i = 0; i < 4; ++i) EXPECT_EQ(point_id(longer, i), point_id(spec, i));
  // Other extra arguments, or another kept field: every id changes.
  const Spec args = spec_of(spec_text(R"([{"pointer": "/eta", "values": ["1/4", "1/2"]},
                                          {"pointer": "/cost", "values": [0, 1]}])",
                                      R"(, "args": ["--all-sets"])"));
  for (std::uint64_t i = 0; i < 4; ++i) EXPECT_NE(point_id(args, i), point_id(spec, i));
}

TEST(SweepJournal, LineHasIdParametersStatusSummary) {
  const Spec spec = spec_of(spec_text(R"([{"pointer": "/eta", "values": ["1/4", 0.5]}])"));
  const PointResult ok = summarize(spec, json{{"exact", {{"fully_revealing", true}}}});
  EXPECT_EQ(point_line(spec, 1, ok),
            R"({"id":")" + point_id(spec, 1) +
                R"(","index":1,"parameters":{"/eta":0.5},"status":"ok","summary":{"fr":true}})"
                "\n");
  PointResult missing = summarize(spec, json{{"exact", 1}});
  missing.seconds = 0.12345678;
  EXPECT_EQ(point_line(spec, 0, missing),
            R"({"id":")" + point_id(spec, 0) +
                R"(","index":0,"missing":["fr"],"parameters":{"/eta":"1/4"},"seconds":0.123457,)"
                R"("status":"ok","summary":{"fr":null}})"
                "\n");
  PointResult bad;
  bad.status = PointStatus::invalid;
  bad.message = "invalid input: point 0: /eta: expected ...";
  EXPECT_TRUE(contains(point_line(spec, 0, bad),
                       R"("error":"invalid input: point 0: /eta: expected ...")"));
  EXPECT_TRUE(contains(point_line(spec, 0, bad), R"("status":"invalid","summary":{}})"));
}

TEST(SweepJournal, TornLastLineIsTruncatedAndPendingSkipsDoneIds) {
  const TempDir dir;
  const Spec spec = spec_of(spec_text(R"([{"pointer": "/eta", "values": ["1/4", "1/2", "3/4"]}])"));
  const std::string out = dir.file("out.jsonl");
  const std::string l0 = point_line(spec, 0, PointResult{});
  const std::string l2 = point_line(spec, 2, PointResult{});
  const std::string stale = R"({"id":"1-00000000","index":1})"
                            "\n";  // point 1 of another spec
  write(out, l0 + stale + l2 + R"({"id":"1-)");
  const auto lines = read_lines(out, true);
  ASSERT_EQ(lines.size(), 3U);
  EXPECT_EQ(lines[2].id, point_id(spec, 2));
  EXPECT_EQ(lines[2].status, "ok");
  EXPECT_EQ(read(out), l0 + stale + l2);  // the torn tail is cut off
  const Tally t = tally(spec, lines);
  EXPECT_EQ(t.pending, (std::vector<std::uint64_t>{1}));
  EXPECT_EQ(t.done, 2U);
  EXPECT_EQ(t.stale, 1U);
  EXPECT_EQ(t.by_status, (std::map<std::string, std::size_t>{{"ok", 2}}));

  write(out, l0 + "not json\n");
  const InputError e = input_error([&] { (void)read_lines(out, true); });
  EXPECT_TRUE(contains(e.pointer(), "line 2"));
  EXPECT_TRUE(read_lines(dir.file("absent.jsonl"), true).empty());
}

TEST(SweepJournal, MergeDeduplicatesSortsAndRemovesShards) {
  const TempDir dir;
  const Spec spec = spec_of(spec_text(R"([{"pointer": "/cost", "range": {"from": 0, "to": 4,
                                          "step": 1}}])"));
  auto line = [&](std::uint64_t i) { return point_line(spec, i, PointResult{}); };
  const std::string out = dir.file("out.jsonl");
  write(out, line(3) + line(0));
  write(shard_path(out, 0), line(2) + line(3));
  write(shard_path(out, 7), line(1) + R"({"id":"4-)");  // a rank killed mid-write
  write(out + ".rankx", "not a shard");
  const auto shards = shard_files(out);
  ASSERT_EQ(shards, (std::vector<std::string>{out + ".rank0", out + ".rank7"}));
  EXPECT_EQ(merge_into(out, shards), 4U);
  EXPECT_EQ(read(out), line(0) + line(1) + line(2) + line(3));
  EXPECT_FALSE(std::filesystem::exists(out + ".rank0"));
  EXPECT_FALSE(std::filesystem::exists(out + ".rank7"));
  EXPECT_TRUE(std::filesystem::exists(out + ".rankx"));
}

TEST(SweepJournal, ConcurrentAppendsNeverInterleave) {
  const TempDir dir;
  const std::string out = dir.file("out.jsonl");
  {
    Appender appender(out);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < 500; ++i) {
          appender.append(json{{"id", fmt::format("{}-{}", t, i)},
                               {"index", i},
                               {"pad", std::string(static_cast<std::size_t>(100 + i), 'x')}}
                              .dump() +
                          "\n");
        }
      });
    }
    for (auto& th : threads) th.join();
  }
  const auto lines = read_lines(out, false);
  EXPECT_EQ(lines.size(), 2000U);
  std::set<std::string> ids;
  for (const auto& l : lines) ids.insert(l.id);
  EXPECT_EQ(ids.size(), 2000U);
  const InputError e = input_error([&] { Appender bad(dir.file("no/such/folder/out.jsonl")); });
  EXPECT_EQ(e.pointer(), "--out");
}

}  // namespace
}  // namespace mechlab::sweep
