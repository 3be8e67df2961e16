#include "mechlab/dynamic/io.hpp"

#include <gmpxx.h>
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "mechlab/core/error.hpp"
#include "mechlab/dynamic/efficient.hpp"
#include "mechlab/dynamic/instances.hpp"
#include "mechlab/dynamic/model.hpp"
#include "support.hpp"

namespace mechlab::dynamic {
namespace {

using test::q;

const std::string kRoot = MECHLAB_SOURCE_DIR;

template <class T>
Environment<T> read_file(const std::string& path, io::ReadOptions options = {}) {
  options.doubles = !NumberTraits<T>::exact;
  const io::Document doc = io::read_json_file(path, options);
  return read_environment<T>(io::Node(doc), options);
}

template <class T>
Environment<T> read_text(const std::string& text) {
  const io::Document doc = io::parse_json(text);
  return read_environment<T>(io::Node(doc));
}

template <class T>
Environment<T> read_example(const std::string& name) {
  return read_file<T>(kRoot + "/examples/dynamic/" + name);
}

template <class T>
void expect_same(const Environment<T>& a, const Environment<T>& b) {
  EXPECT_EQ(a.agents, b.agents);
  ASSERT_EQ(a.periods.size(), b.periods.size());
  for (std::size_t t = 0; t < a.periods.size(); ++t) {
    EXPECT_EQ(a.periods[t].types, b.periods[t].types) << "t=" << t;
    EXPECT_EQ(a.periods[t].decisions, b.periods[t].decisions) << "t=" << t;
  }
  EXPECT_EQ(a.payoffs, b.payoffs);
  ASSERT_EQ(a.kernels.size(), b.kernels.size());
  for (std::size_t t = 0; t < a.kernels.size(); ++t) {
    EXPECT_EQ(a.kernels[t].public_rows, b.kernels[t].public_rows) << "t=" << t;
    EXPECT_EQ(a.kernels[t].agents, b.kernels[t].agents) << "t=" << t;
  }
  EXPECT_EQ(a.theta0, b.theta0);
  EXPECT_EQ(a.order, b.order);
}

TEST(DynamicIo, IntroExampleFileIsTheBuiltInInstance) {
  expect_same(read_example<Rational>("intro-example.json"), instances::intro_example<Rational>());
}

TEST(DynamicIo, Example51FileIsTheBuiltInInstanceWithT4) {
  expect_same(read_example<Rational>("example-5-1.json"), instances::example_5_1<Rational>(4));
}

TEST(DynamicIo, AppendixEFileIsTheBuiltInInstance) {
  expect_same(read_example<Rational>("appendix-e.json"), instances::appendix_e<Rational>());
}

TEST(DynamicIo, Section52FileIsTheBuiltInInstance) {
  const auto env = read_example<Rational>("section-5-2.json");
  expect_same(env, instances::section_5_2<Rational>());
  // b at t = 2, types 0, 100, X: u = θ·a − a² over a = −1, 0, 1; the exit type X pays 0.
  EXPECT_EQ(env.payoffs[2][0],
            (std::vector<Rational>{q(-1), q(0), q(-1), q(-101), q(0), q(99), q(0), q(0), q(0)}));
  // From 5 after a = 1 to 100 for sure.
  EXPECT_EQ(env.kernels[1].agents[0][2], (std::vector<Rational>{q(0), q(1), q(0)}));
}

// The 10^42 penalties are written as "-1e42" and as exact integer strings
// (−10^42 + 84); they must arrive exactly, not through a double.
TEST(DynamicIo, AppendixDFileIsTheBuiltInInstanceWithExactPenalties) {
  const auto env = read_example<Rational>("appendix-d.json");
  expect_same(env, instances::appendix_d<Rational>());
  mpz_class big;
  mpz_ui_pow_ui(big.get_mpz_t(), 10, 42);
  const Rational penalty(big);
  // Blue, LOW type at t = 4, decision "b4:100%/r4:0%/YES" (x = 4): wrong guess, YES pays 84.
  EXPECT_EQ(env.payoffs[4][0][4], q(84) - penalty);
  EXPECT_NE(env.payoffs[4][0][4], -penalty);
  EXPECT_EQ(env.payoffs[3][1][1], -penalty);  // red LOW guessed HIGH at t = 3
}

// Double mode reads the same files into the double instances (every number in
// them is a dyadic or small fraction, and both sides round the same rationals).
TEST(DynamicIo, DoubleModeReadsTheSameExamples) {
  expect_same(read_example<double>("intro-example.json"), instances::intro_example<double>());
  expect_same(read_example<double>("example-5-1.json"), instances::example_5_1<double>(4));
  expect_same(read_example<double>("appendix-e.json"), instances::appendix_e<double>());
  expect_same(read_example<double>("section-5-2.json"), instances::section_5_2<double>());
  // Appendix D: −10^42 + 84 rounds to the same double as the built-in's −1e42 + 84.
  expect_same(read_example<double>("appendix-d.json"), instances::appendix_d<double>());
  const auto exact = read_example<Rational>("shared-resource.json");
  const auto approx = read_example<double>("shared-resource.json");
  ASSERT_EQ(exact.kernels.size(), approx.kernels.size());
  for (std::size_t t = 0; t < exact.kernels.size(); ++t) {
    for (std::size_t i = 0; i < exact.agents.size(); ++i) {
      const auto& rows = exact.kernels[t].agents[i];
      for (std::size_t r = 0; r < rows.size(); ++r) {
        for (std::size_t c = 0; c < rows[r].size(); ++c) {
          EXPECT_EQ(to_double(rows[r][c]), approx.kernels[t].agents[i][r][c]);
        }
      }
    }
  }
}

TEST(DynamicIo, SharedResourceHas54StatesPerPeriodAndServesSomeone) {
  const auto env = read_example<Rational>("shared-resource.json");
  const auto problem = prepare(env);
  ASSERT_EQ(problem.horizon(), 6U);
  // Period 0 keeps θ_0 only; later periods keep every label (possible reports).
  EXPECT_EQ(problem.states[0].size(), 1U);
  for (std::size_t t = 1; t <= problem.horizon(); ++t) EXPECT_EQ(problem.states[t].size(), 54U);
  EXPECT_EQ(problem.full_state_counts[0], 54U);
  EXPECT_EQ(env.theta0, (std::vector<std::size_t>{1, 0, 1, 2}));  // off-peak, low, medium, high
  // Firm A served at high demand: 9; firm B's value of "serve A" is 0.
  EXPECT_EQ(problem.payoff(3, 0, 2, 1), q(9));
  EXPECT_EQ(problem.payoff(3, 1, 2, 1), q(0));
  // Served at medium: back to low w.p. 2/3; unserved at peak: medium -> high w.p. 2/3.
  EXPECT_EQ(problem.kernel_row(1, 1, 0, 1, 1), (std::vector<Rational>{q(2, 3), q(1, 3), q(0)}));
  EXPECT_EQ(problem.kernel_row(1, 1, 0, 1, 0), (std::vector<Rational>{q(0), q(1, 3), q(2, 3)}));
  const auto e = solve_efficient(problem);
  // In period 0 firm C (high, 10) is served: decision "serve C".
  EXPECT_EQ(e.chi[0][problem.theta0], 3U);
  Rational sum(0);
  for (const auto& c : e.guarantees) sum += c;
  EXPECT_EQ(sum, e.welfare);
  EXPECT_GT(e.welfare, q(10));
}

TEST(DynamicIo, DefaultsAndScalarDependencies) {
  // One agent, T = 1, everything defaulted but a moving type; a scalar payoff
  // over "periods": "all" and an order.
  const auto env = read_text<Rational>(R"({"model": "dynamic", "version": 1, "agents": ["x"],
    "periods": [{}, {"types": {"x": ["lo", "hi"]}}],
    "payoffs": [{"periods": "all", "agent": "x", "depends_on": [], "values": "3/4"}],
    "kernels": [{"periods": "all", "component": "x", "depends_on": [], "rows": {"hi": 1}}],
    "order": ["x"]})");
  EXPECT_EQ(env.periods[0].types, (std::vector<std::vector<std::string>>{{"-"}, {"-"}}));
  EXPECT_EQ(env.periods[1].decisions, (std::vector<std::string>{"-"}));
  EXPECT_EQ(env.payoffs[0][0], (std::vector<Rational>{q(3, 4)}));
  EXPECT_EQ(env.payoffs[1][0], (std::vector<Rational>{q(3, 4), q(3, 4)}));
  EXPECT_EQ(env.kernels[0].agents[0], (std::vector<std::vector<Rational>>{{q(0), q(1)}}));
  EXPECT_EQ(env.kernels[0].public_rows, (std::vector<std::vector<Rational>>{{q(1)}}));
  EXPECT_EQ(env.order, (std::vector<std::size_t>{0}));
}

TEST(DynamicIo, DoubleRowsWithinToleranceAreAccepted) {
  const std::string text = R"({"model": "dynamic", "version": 1, "agents": ["x"],
    "periods": [{}, {"types": {"x": ["a", "b", "c"]}}],
    "kernels": [{"period": 0, "component": "x", "depends_on": [],
                 "rows": {"a": 0.1, "b": 0.2, "c": 0.7}}]})";
  EXPECT_NO_THROW(read_text<double>(text));
  EXPECT_EQ(read_text<Rational>(text).kernels[0].agents[0][0][0], q(1, 10));
}

TEST(DynamicIo, MemoryLimitCountsTheEfficientSolversTables) {
  // shared-resource: 7 periods × 54 states × (2·3 + 2) numbers plus tables,
  // a few hundred KiB in rationals; 64 KiB is too little, 8 MiB enough.
  io::ReadOptions small;
  small.memory_limit_bytes = std::uint64_t{64} << 10;
  try {
    read_file<Rational>(kRoot + "/examples/dynamic/shared-resource.json", small);
    ADD_FAILURE() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.pointer(), "/periods");
    EXPECT_NE(e.found().find("378 states over 7 periods"), std::string::npos) << e.found();
  }
  io::ReadOptions enough;
  enough.memory_limit_bytes = std::uint64_t{8} << 20;
  EXPECT_NO_THROW(read_file<Rational>(kRoot + "/examples/dynamic/shared-resource.json", enough));
}

TEST(DynamicIo, EveryBadInputIsRejectedWithItsPointer) {
  const std::map<std::string, std::string> expected = {
      {"dynamic-depends-on-order.json", "/payoffs/1/depends_on/1"},
      {"dynamic-duplicate-payoff.json", "/payoffs/3"},
      {"dynamic-missing-kernel.json", "/kernels"},
      {"dynamic-negative-probability.json", "/kernels/0/rows/H"},
      {"dynamic-non-number-payoff.json", "/payoffs/0/values/1"},
      {"dynamic-order-not-a-permutation.json", "/order/2"},
      {"dynamic-row-not-summing-to-1.json", "/kernels/0/rows"},
      {"dynamic-theta0-not-a-label.json", "/theta0/types/2"},
      {"dynamic-too-large.json", "/periods"},
      {"dynamic-unknown-agent.json", "/payoffs/0/agent"},
      {"dynamic-unknown-key.json", "/horizon"},
      {"dynamic-unknown-row-label.json", "/kernels/0/rows/M"},
      {"dynamic-wrong-nested-size.json", "/payoffs/1/values/1"},
  };
  std::size_t found = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kRoot + "/tests/bad_inputs")) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("dynamic-", 0) != 0 || entry.path().extension() != ".json") continue;
    ++found;
    const auto it = expected.find(name);
    ASSERT_NE(it, expected.end()) << name << " has no expected pointer in this table";
    for (const bool doubles : {false, true}) {
      try {
        if (doubles) {
          read_file<double>(entry.path().string());
        } else {
          read_file<Rational>(entry.path().string());
        }
        ADD_FAILURE() << name << " was accepted";
      } catch (const InputError& e) {
        EXPECT_EQ(e.pointer(), it->second) << name << ": " << e.what();
      }
    }
  }
  EXPECT_EQ(found, expected.size());
}

TEST(DynamicIo, MessagesSayWhatWasExpected) {
  const auto message = [](const std::string& file) {
    try {
      read_file<Rational>(kRoot + "/tests/bad_inputs/" + file);
    } catch (const InputError& e) {
      return e.expected() + " | " + e.found();
    }
    return std::string("accepted");
  };
  EXPECT_EQ(message("dynamic-row-not-summing-to-1.json"),
            "probabilities summing to 1 | a sum of 5/6");
  EXPECT_EQ(message("dynamic-missing-kernel.json"),
            "a kernel entry for every component with more than one label in the next period | "
            "none for agent 2 from period 0 to 1 (2 labels in period 1)");
  EXPECT_EQ(message("dynamic-unknown-row-label.json"),
            "a next-period label of agent 2 (one of L, H) | \"M\"");
}

}  // namespace
}  // namespace mechlab::dynamic
