#include "mechlab/mediation/io.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "mechlab/core/error.hpp"
#include "support.hpp"

namespace mechlab::mediation {
namespace {

using mechlab::test::input_error;
using mechlab::test::q;

template <class T = Rational>
MediationModel<T> read_text(const std::string& text) {
  io::ReadOptions options;
  options.doubles = !NumberTraits<T>::exact;
  const io::Document doc = io::parse_json(text);
  return read_mediation<T>(io::Node(doc), options);
}

// Vector A with one member replaced (or removed when `value` is empty).
std::string vector_a_with(const std::string& key, const std::string& value) {
  std::string members = R"("model": "mediation", "version": 1)";
  const std::vector<std::pair<std::string, std::string>> base = {
      {"types", "2"},
      {"prior", R"(["1/4", "3/4"])"},
      {"game", R"({"kind": "hms", "c": "1/10", "xi": "1/4"})"}};
  bool replaced = false;
  for (const auto& [k, v] : base) {
    if (k == key) {
      replaced = true;
      if (value.empty()) continue;
      members += ", \"" + k + "\": " + value;
    } else {
      members += ", \"" + k + "\": " + v;
    }
  }
  if (!replaced) members += ", \"" + key + "\": " + value;
  return "{" + members + "}";
}

std::string pointer_of(const std::string& key, const std::string& value) {
  return input_error([&] { read_text(vector_a_with(key, value)); }).pointer();
}

TEST(MediationIo, ReadsVectorAExactly) {
  const auto model = read_text(vector_a_with("name", R"("A")"));
  EXPECT_EQ(model.name, "A");
  EXPECT_EQ(model.labels, (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(model.kind, GameKind::hms);
  EXPECT_EQ(model.instance.prior[0], q(1, 4));
  // V(θ) = Σ p u(θ, ·) by default (ρ^V = p; a lottery ignores it).
  EXPECT_EQ(model.instance.veto, (std::vector<Rational>{q(47, 80), q(27, 80)}));
  EXPECT_EQ(model.instance.signals, Signals::public_signals);
  ASSERT_NE(model.instance.game->lottery(), nullptr);
  EXPECT_EQ((*model.instance.game->lottery())[0][1], q(13, 20));  // ½ − c + ξ
  EXPECT_FALSE(model.rule.has_value());
}

TEST(MediationIo, ReadsVectorDWithTheVetoBeliefAndLabels) {
  const auto model = read_text(R"({"model": "mediation", "version": 1,
    "types": ["strong", "weak"], "prior": ["1/5", 0.8],
    "game": {"kind": "lq", "kappa": ["1/4", "1/40"]},
    "veto": {"from_game": true, "rho": [0, 1]}, "signals": "none"})");
  EXPECT_EQ(model.labels[1], "weak");
  EXPECT_EQ(model.kind, GameKind::lq);
  EXPECT_EQ(model.instance.prior[1], q(4, 5));  // decimals read exactly
  EXPECT_EQ(model.instance.veto, (std::vector<Rational>{q(1091711, 1972098), q(758891, 1972098)}));
  EXPECT_EQ(model.instance.signals, Signals::none);
  ASSERT_TRUE(model.instance.veto_belief.has_value());
  EXPECT_EQ((*model.instance.veto_belief)[1], Rational(1));
}

TEST(MediationIo, ReadsTableLotteryExplicitVetoAndRule) {
  const auto model = read_text<double>(R"({"model": "mediation", "version": 1, "types": 2,
    "prior": [0.5, 0.5], "game": {"kind": "lottery", "u": [[0.4, 0.6], [0.3, 0.4]]},
    "veto": [0.55, 0.35], "rule": [[1, 0.5], [0.5, 0]]})");
  EXPECT_EQ(model.kind, GameKind::lottery);
  EXPECT_DOUBLE_EQ(model.instance.veto[0], 0.55);
  EXPECT_FALSE(model.instance.veto_belief.has_value());
  ASSERT_TRUE(model.rule.has_value());
  EXPECT_DOUBLE_EQ((*model.rule)[0][1], 0.5);
}

TEST(MediationIo, BadInputIsReportedByPointer) {
  EXPECT_EQ(pointer_of("prior", R"(["1/4", "1/2"])"), "/prior");     // Σ ≠ 1
  EXPECT_EQ(pointer_of("prior", R"(["-1/4", "5/4"])"), "/prior/0");  // p ≤ 0
  EXPECT_EQ(pointer_of("prior", R"(["1/4", "x"])"), "/prior/1");     // not a number
  EXPECT_EQ(pointer_of("prior", ""), "/prior");                      // missing
  EXPECT_EQ(pointer_of("types", "21"), "/types");                    // K > kMaxTypes
  EXPECT_EQ(pointer_of("types", R"(["a", "a"])"), "/types/1");       // duplicate label
  EXPECT_EQ(pointer_of("game", R"({"kind": "war"})"), "/game/kind");
  EXPECT_EQ(pointer_of("game", R"({"kind": "hms", "c": "1/4", "xi": "1/10"})"), "/game/xi");
  EXPECT_EQ(pointer_of("game", R"({"kind": "bw", "q": 2, "s": 1})"), "/game/q");
  EXPECT_EQ(pointer_of("game", R"({"kind": "lq", "kappa": ["1/2", "1/40"]})"), "/game/kappa/0");
  EXPECT_EQ(pointer_of("game", R"({"kind": "lottery", "u": [[0.5, 0.5]]})"), "/game/u");
  EXPECT_EQ(pointer_of("game", R"({"kind": "lottery", "u": [[0.5, 0.75], [0.5, 0.5]]})"),
            "/game/u/0/1");  // u(1,2) + u(2,1) > 1
  EXPECT_EQ(pointer_of("game", R"({"kind": "hms", "c": 0, "xi": 1, "u": 1})"), "/game/u");
  EXPECT_EQ(pointer_of("colour", R"("red")"), "/colour");
  EXPECT_EQ(pointer_of("veto", R"(["1/2"])"), "/veto");
  EXPECT_EQ(pointer_of("veto", R"({"from_game": false})"), "/veto/from_game");
  EXPECT_EQ(pointer_of("veto", R"({"from_game": true, "rho": [-1, 2]})"), "/veto/rho/0");
  EXPECT_EQ(pointer_of("signals", R"("private")"), "/signals");
  EXPECT_EQ(pointer_of("symmetric", "false"), "/symmetric");
  EXPECT_EQ(pointer_of("rule", "[[1, 0], [0, 0], [0, 0]]"), "/rule");
  EXPECT_EQ(pointer_of("rule", R"([[1, "3/2"], [0, 0]])"), "/rule/0/1");
  EXPECT_EQ(pointer_of("rule", "[[0, 0], [0, 0]]"), "/rule");
}

TEST(MediationIo, LargeModelsStayWithinTheMemoryLimit) {
  io::ReadOptions options;
  options.memory_limit_bytes = 1 << 16;
  const io::Document doc = io::parse_json(vector_a_with("types", "20"));
  EXPECT_EQ(input_error([&] { read_mediation<Rational>(io::Node(doc), options); }).pointer(),
            "/types");
}

}  // namespace
}  // namespace mechlab::mediation
