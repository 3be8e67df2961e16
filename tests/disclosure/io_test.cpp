#include "mechlab/disclosure/io.hpp"

#include <gtest/gtest.h>

#include <bit>
#include <cstddef>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "mechlab/core/error.hpp"
#include "support.hpp"

namespace mechlab::disclosure {
namespace {

using test::contains;
using test::input_error;
using test::q;

const std::string kRoot = MECHLAB_SOURCE_DIR;

template <class T>
Model<T> read_file(const std::string& path, io::ReadOptions options = {}) {
  options.doubles = !NumberTraits<T>::exact;
  const io::Document doc = io::read_json_file(path, options);
  return read_model<T>(io::Node(doc), options);
}

template <class T>
Model<T> read_example(const std::string& name) {
  return read_file<T>(kRoot + "/examples/disclosure/" + name);
}

Model<Rational> read_text(const std::string& text) {
  const io::Document doc = io::parse_json(text);
  return read_model<Rational>(io::Node(doc));
}

// The winning coalitions of W as a sorted list of bitmasks.
std::vector<Coalition> winners(const Protocol& p) {
  std::vector<Coalition> out;
  for (Coalition s = 0; s <= p.all(); ++s) {
    if (p.wins(s)) out.push_back(s);
  }
  return out;
}

// Assumption 1 checked directly on W.
bool assumption1(const Protocol& p) {
  if (p.wins(0) || !p.wins(p.all())) return false;
  for (Coalition s = 0; s <= p.all(); ++s) {
    for (std::size_t i = 0; i < p.members; ++i) {
      if (p.wins(s) && !p.wins(s | (Coalition{1} << i))) return false;
    }
  }
  return true;
}

const char* kHeader = R"("model": "disclosure", "version": 1,
  "members": ["ann", "bob", "cy"],
  "outcomes": {"ann": [0, 1], "bob": [0, 1], "cy": [0, 1]},
  "prior": {"weights": [1, 1, 1, 1, 1, 1, 1, 1]},)";

TEST(DisclosureIo, T3FileIsTheSpecTable) {
  const auto m = read_example<Rational>("t3-three-values.json");
  EXPECT_EQ(m.team.members, (std::vector<std::string>{"1", "2"}));
  ASSERT_EQ(m.team.values.size(), 2U);
  EXPECT_EQ(m.team.values[0], (std::vector<Rational>{q(0), q(1), q(2)}));
  ASSERT_EQ(m.team.prior.size(), 9U);
  for (long a = 0; a < 3; ++a) {
    for (long b = 0; b < 3; ++b) {
      EXPECT_EQ(m.team.prior[static_cast<std::size_t>(3 * a + b)], q(1 + (a == b ? 2 : 0) + a, 24))
          << a << "," << b;
    }
  }
  ASSERT_EQ(m.protocols.size(), 4U);
  EXPECT_EQ(m.protocols[0].name, "unilateral");
  EXPECT_EQ(winners(m.protocols[0]), (std::vector<Coalition>{1, 2, 3}));
  EXPECT_EQ(m.protocols[1].name, "unanimity");
  EXPECT_EQ(winners(m.protocols[1]), (std::vector<Coalition>{3}));
  EXPECT_EQ(m.protocols[2].name, "leader 1");
  EXPECT_EQ(winners(m.protocols[2]), (std::vector<Coalition>{1, 3}));
  EXPECT_EQ(winners(m.protocols[3]), (std::vector<Coalition>{2, 3}));
  EXPECT_FALSE(m.effort);
  EXPECT_TRUE(m.costs.empty());
}

TEST(DisclosureIo, AppendixB2IsIidUniformWithEveryMajority) {
  const auto m = read_example<Rational>("appendix-b2.json");
  EXPECT_EQ(m.team.prior, std::vector<Rational>(8, q(1, 8)));
  ASSERT_EQ(m.protocols.size(), 3U);
  EXPECT_EQ(m.protocols[0].name, "majority");
  EXPECT_EQ(m.protocols[1].name, "majority K=1");
  const std::size_t ks[] = {2, 1, 3};
  for (std::size_t p = 0; p < 3; ++p) {
    for (Coalition s = 0; s < 8; ++s) {
      EXPECT_EQ(m.protocols[p].wins(s), static_cast<std::size_t>(std::popcount(s)) >= ks[p])
          << p << " " << s;
    }
  }
}

TEST(DisclosureIo, T4EffortTechnologyIsTheSpecsSelfImprovingOne) {
  const auto m = read_example<Rational>("t4-self-improving.json");
  const std::vector<Rational> high = {q(1, 4), q(1, 3), q(5, 12)};
  const std::vector<Rational> low = {q(1, 2), q(1, 3), q(1, 6)};
  ASSERT_TRUE(m.effort);
  ASSERT_EQ(m.effort->shirk.size(), 2U);
  EXPECT_EQ(m.effort->full.prior, m.team.prior);
  for (std::size_t a = 0; a < 3; ++a) {
    for (std::size_t b = 0; b < 3; ++b) {
      EXPECT_EQ(m.team.prior[3 * a + b], high[a] * high[b]);
      EXPECT_EQ(m.effort->shirk[0][3 * a + b], low[a] * high[b]);  // member 1 shirks
      EXPECT_EQ(m.effort->shirk[1][3 * a + b], high[a] * low[b]);  // member 2 shirks
    }
  }
  EXPECT_EQ(m.costs, (std::vector<Rational>{q(1, 5), q(1, 5)}));
}

TEST(DisclosureIo, StartupWeightsAreNormalisedExactly) {
  const auto m = read_example<Rational>("startup-cofounders.json");
  // 1/2 · common (1/4, 1/2, 1/4) + 1/2 · independent with the same marginals.
  EXPECT_EQ(m.team.prior[0], q(17, 128));  // (0, 0, 0)
  EXPECT_EQ(m.team.prior[13], q(5, 16));   // (1, 1, 1)
  EXPECT_EQ(m.team.prior[1], q(1, 64));    // (0, 0, 1)
  EXPECT_EQ(m.team.values[2], (std::vector<Rational>{q(0), q(1), q(3)}));
  EXPECT_EQ(m.protocols[0].name, "consensual");
  EXPECT_EQ(m.protocols[2].name, "CEO ana decides");
  EXPECT_EQ(winners(m.protocols[2]), (std::vector<Coalition>{1, 3, 5, 7}));
  EXPECT_EQ(m.name, "three co-founders: failure 0, modest 1, success 3");
}

TEST(DisclosureIo, EveryExampleReadsInBothNumberTypes) {
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kRoot + "/examples/disclosure")) {
    ++files;
    const std::string path = entry.path().string();
    const auto exact = read_file<Rational>(path);
    const auto approx = read_file<double>(path);
    if (exact.continuous) {
      EXPECT_TRUE(approx.continuous.has_value()) << path;
      EXPECT_EQ(exact.continuous->members, exact.team.members) << path;
      EXPECT_TRUE(exact.team.values.empty()) << path;
      continue;
    }
    std::size_t cells = 1;
    for (const auto& v : exact.team.values) cells *= v.size();
    ASSERT_EQ(exact.team.prior.size(), cells) << path;
    Rational total(0);
    for (const auto& p : exact.team.prior) total += p;
    EXPECT_EQ(total, q(1)) << path;
    if (exact.effort) {
      for (const auto& shirk : exact.effort->shirk) {
        Rational sum(0);
        for (const auto& p : shirk) sum += p;
        EXPECT_EQ(sum, q(1)) << path;
      }
    }
    for (const auto& p : exact.protocols) EXPECT_TRUE(assumption1(p)) << path << " " << p.name;
    ASSERT_EQ(approx.team.prior.size(), cells);
    for (std::size_t c = 0; c < cells; ++c) {
      EXPECT_TRUE(nearly_equal(approx.team.prior[c], to_double(exact.team.prior[c]))) << path;
    }
  }
  EXPECT_EQ(files, 7U);
}

TEST(DisclosureIo, WeightedAndMinimalWinningProtocolsAreUpClosed) {
  const auto m = read_text(std::string("{") + kHeader + R"(
    "protocols": [
      {"weighted": {"weights": {"ann": 2, "bob": 1, "cy": 1}, "quota": 3}},
      {"minimal_winning": [["ann"], ["bob", "cy"]], "name": "ann, or bob and cy"},
      {"weighted": {"weights": {"ann": "1/2"}, "quota": "1/2"}}]})");
  // {ann, bob}, {ann, cy}, {ann, bob, cy}: bob + cy = 2 < 3.
  EXPECT_EQ(winners(m.protocols[0]), (std::vector<Coalition>{3, 5, 7}));
  EXPECT_EQ(m.protocols[0].name, "weighted quota 3");
  EXPECT_EQ(winners(m.protocols[1]), (std::vector<Coalition>{1, 3, 5, 6, 7}));
  EXPECT_EQ(m.protocols[1].name, "ann, or bob and cy");
  // Members left out weigh 0: ann is a leader.
  EXPECT_EQ(winners(m.protocols[2]), (std::vector<Coalition>{1, 3, 5, 7}));
}

TEST(DisclosureIo, Assumption1ViolationsNameTheCoalition) {
  const auto above = input_error([] {
    read_text(
        std::string("{") + kHeader +
        R"("protocols": [{"weighted": {"weights": {"ann": 1, "bob": 1, "cy": 1}, "quota": 4}}]})");
  });
  EXPECT_EQ(above.pointer(), "/protocols/0/weighted");
  EXPECT_TRUE(contains(above.expected(), "Assumption 1")) << above.expected();
  EXPECT_EQ(above.found(), "the grand coalition {ann, bob, cy} does not disclose");
  const auto zero = input_error([] {
    read_text(std::string("{") + kHeader +
              R"("protocols": [{"weighted": {"weights": {"ann": 1}, "quota": 0}}]})");
  });
  EXPECT_EQ(zero.found(), "the empty coalition {} discloses");
  const auto k = input_error(
      [] { read_text(std::string("{") + kHeader + R"("protocols": [{"k_majority": 0}]})"); });
  EXPECT_EQ(k.pointer(), "/protocols/0/k_majority");
  EXPECT_TRUE(contains(k.expected(), "K from 1 to N = 3")) << k.expected();
}

TEST(DisclosureIo, ProtocolNeedsExactlyOneRule) {
  const auto two = input_error([] {
    read_text(std::string("{") + kHeader +
              R"("protocols": [{"unanimity": true, "k_majority": 2}]})");
  });
  EXPECT_EQ(two.pointer(), "/protocols/0");
  const auto none = input_error(
      [] { read_text(std::string("{") + kHeader + R"("protocols": [{"name": "x"}]})"); });
  EXPECT_EQ(none.found(), "no rule");
  const auto off = input_error(
      [] { read_text(std::string("{") + kHeader + R"("protocols": [{"unilateral": false}]})"); });
  EXPECT_EQ(off.pointer(), "/protocols/0/unilateral");
  const auto empty =
      input_error([] { read_text(std::string("{") + kHeader + R"("protocols": []})"); });
  EXPECT_EQ(empty.pointer(), "/protocols");
}

TEST(DisclosureIo, MemoryLimitIsCheckedBeforeThePriorIsRead) {
  io::ReadOptions options;
  options.memory_limit_bytes = 1024;
  // 9 cells × 3 distributions × 64 bytes = 1728 bytes in rationals, 216 in doubles.
  const std::string path = kRoot + "/examples/disclosure/t4-self-improving.json";
  const io::Document doc = io::read_json_file(path);
  const auto e = input_error([&] { read_model<Rational>(io::Node(doc), options); });
  EXPECT_EQ(e.pointer(), "/outcomes");
  EXPECT_TRUE(contains(e.expected(), "memory limit of 1 KiB")) << e.expected();
  options.doubles = true;
  EXPECT_EQ(read_model<double>(io::Node(doc), options).team.prior.size(), 9U);
}

TEST(DisclosureIo, BadInputsNameTheirPointer) {
  const std::map<std::string, std::string> expected = {
      {"prior-not-summing-to-1", "/prior/table"},
      {"zero-probability", "/prior/weights/4"},
      {"outcomes-not-increasing", "/outcomes/ann/2"},
      {"one-outcome", "/outcomes/bob"},
      {"unknown-member", "/protocols/0/leader"},
      {"unknown-key", "/protocol"},
      {"empty-coalition", "/protocols/1/minimal_winning/1"},
      {"k-out-of-range", "/protocols/0/k_majority"},
      {"quota-above-total-weight", "/protocols/0/weighted"},
      {"wrong-table-size", "/prior/table"},
      {"negative-weight", "/prior/weights/3"},
      {"non-number", "/prior/table/1"},
      {"cost-not-positive", "/costs/bob"},
      {"shirk-missing-member", "/effort/shirk"},
      {"too-large", "/outcomes"},
      {"continuous-masses-sum", "/marginals/bob/masses"},
      {"continuous-effort-key", "/effort"},
  };
  // A valid continuous model given to a finite verb: refused by the CLI, not the reader.
  const std::string cli_only = "disclosure-continuous-to-equilibria.json";
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kRoot + "/tests/bad_inputs")) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("disclosure-", 0) != 0 || entry.path().extension() != ".json") continue;
    if (name == cli_only) continue;
    ++files;
    const std::string stem = entry.path().stem().string().substr(11);
    const auto it = expected.find(stem);
    ASSERT_NE(it, expected.end()) << name << " has no expected pointer here";
    for (const bool doubles : {false, true}) {
      const auto e = input_error([&] {
        if (doubles) {
          read_file<double>(entry.path().string());
        } else {
          read_file<Rational>(entry.path().string());
        }
      });
      EXPECT_EQ(e.pointer(), it->second)
          << name << (doubles ? " (double)" : "") << ": " << e.expected() << " / " << e.found();
    }
  }
  EXPECT_EQ(files, expected.size());
}

TEST(DisclosureIo, BadInputMessagesSayWhatIsWrong) {
  const std::string dir = kRoot + "/tests/bad_inputs/disclosure-";
  EXPECT_EQ(input_error([&] { read_file<Rational>(dir + "prior-not-summing-to-1.json"); }).found(),
            "a sum of 23/24");
  EXPECT_TRUE(
      contains(input_error([&] { read_file<Rational>(dir + "zero-probability.json"); }).expected(),
               "full support"));
  EXPECT_TRUE(
      contains(input_error([&] { read_file<Rational>(dir + "empty-coalition.json"); }).expected(),
               "Assumption 1"));
  EXPECT_EQ(input_error([&] { read_file<Rational>(dir + "wrong-table-size.json"); }).found(),
            "8 entries");
}

}  // namespace
}  // namespace mechlab::disclosure
