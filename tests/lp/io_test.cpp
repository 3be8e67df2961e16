// read_lp: the LP model file reader, its round trip and its error pointers.
#include "mechlab/lp/io.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <string>

#include "mechlab/core/error.hpp"
#include "mechlab/lp/certified_solve.hpp"
#include "mechlab/lp/instances.hpp"
#include "support.hpp"

namespace mechlab::lp {
namespace {

using test::contains;
using test::input_error;
using test::q;

using Q = Rational;
using mechlab::to_string;  // lp::to_string(VarStatus) would hide it

LinearProgram<Q> read(const std::string& text, const io::ReadOptions& options = {}) {
  const io::Document doc = io::parse_json(text);
  return read_lp(io::Node(doc), options);
}

void expect_error(const std::string& text, const std::string& pointer,
                  const std::string& expectation, const io::ReadOptions& options = {}) {
  const InputError e = input_error([&] { read(text, options); });
  EXPECT_EQ(e.pointer(), pointer) << text;
  EXPECT_TRUE(contains(e.what(), expectation)) << "message: " << e.what();
}

// A model with one variable x and the given constraints.
std::string with_constraints(const std::string& constraints) {
  return R"({"model": "lp", "version": 1, "variables": [{"name": "x", "objective": 1}],
             "constraints": )" +
         constraints + "}";
}

std::string with_variables(const std::string& variables) {
  return R"({"model": "lp", "version": 1, "variables": )" + variables + R"(, "constraints": []})";
}

const char* const kDemo = R"({
  "model": "lp", "version": 1, "name": "demo", "sense": "maximize", "objective_constant": "1/2",
  "variables": [
    {"name": "x", "upper": 4, "objective": 3},
    {"name": "y", "lower": null, "upper": "5/2", "objective": 2},
    {"name": "z", "lower": -1, "objective": 0.1}
  ],
  "constraints": [
    {"name": "c1", "terms": {"x": 1, "y": 1}, "relation": "<=", "rhs": 6},
    {"name": "c2", "terms": {"x": 1, "z": -1}, "lower": -2, "upper": "7/3"},
    {"name": "c3", "terms": {"y": 1, "z": 0.5}, "relation": "=", "rhs": 1},
    {"name": "c4", "terms": {"x": 2, "y": 0}, "relation": ">=", "rhs": 1e-3},
    {"name": "c5", "terms": {"z": 1}, "lower": null, "upper": 100}
  ]
})";

// The coefficient of column `col` in row `row`, or 0.
Q coefficient(const LinearProgram<Q>& lp, std::size_t row, std::size_t col) {
  for (const auto& t : lp.rows.at(row).terms) {
    if (t.column == col) return t.coefficient;
  }
  return Q(0);
}

TEST(LpIo, ReadsEveryFieldExactly) {
  const auto lp = read(kDemo);
  EXPECT_EQ(lp.name, "demo");
  EXPECT_EQ(lp.sense, Sense::maximize);
  EXPECT_EQ(lp.objective_constant, q(1, 2));
  ASSERT_EQ(lp.columns.size(), 3u);
  EXPECT_EQ(lp.columns[0].name, "x");
  EXPECT_EQ(lp.columns[0].lower, std::optional<Q>(q(0)));  // default lower bound 0
  EXPECT_EQ(lp.columns[0].upper, std::optional<Q>(q(4)));
  EXPECT_EQ(lp.columns[0].objective, q(3));
  EXPECT_EQ(lp.columns[1].lower, std::nullopt);  // null = no bound
  EXPECT_EQ(lp.columns[1].upper, std::optional<Q>(q(5, 2)));
  EXPECT_EQ(lp.columns[2].lower, std::optional<Q>(q(-1)));
  EXPECT_EQ(lp.columns[2].upper, std::nullopt);
  EXPECT_EQ(lp.columns[2].objective, q(1, 10));

  ASSERT_EQ(lp.rows.size(), 5u);
  EXPECT_EQ(lp.rows[0].name, "c1");
  EXPECT_EQ(lp.rows[0].lower, std::nullopt);
  EXPECT_EQ(lp.rows[0].upper, std::optional<Q>(q(6)));
  EXPECT_EQ(coefficient(lp, 0, 0), q(1));
  EXPECT_EQ(coefficient(lp, 0, 1), q(1));
  EXPECT_EQ(lp.rows[1].lower, std::optional<Q>(q(-2)));
  EXPECT_EQ(lp.rows[1].upper, std::optional<Q>(q(7, 3)));
  EXPECT_EQ(coefficient(lp, 1, 2), q(-1));
  EXPECT_EQ(lp.rows[2].lower, std::optional<Q>(q(1)));
  EXPECT_EQ(lp.rows[2].upper, std::optional<Q>(q(1)));
  EXPECT_EQ(coefficient(lp, 2, 2), q(1, 2));
  EXPECT_EQ(lp.rows[3].lower, std::optional<Q>(q(1, 1000)));
  EXPECT_EQ(lp.rows[3].upper, std::nullopt);
  // Zero coefficients are dropped.
  ASSERT_EQ(lp.rows[3].terms.size(), 1u);
  EXPECT_EQ(lp.rows[3].terms[0].column, 0u);
  EXPECT_EQ(lp.rows[3].terms[0].coefficient, q(2));
  EXPECT_EQ(lp.rows[4].lower, std::nullopt);
  EXPECT_EQ(lp.rows[4].upper, std::optional<Q>(q(100)));
  EXPECT_NO_THROW(validate(lp));
}

TEST(LpIo, DemoSolvesToThirteen) {
  // y = 1 - z/2 turns the objective into 3x - 9z/10 + 5/2; c2 forces z >= x - 7/3,
  // so x = 4, z = 5/3, y = 1/6 and the optimum is 12 - 3/2 + 5/2 = 13.
  const auto lp = read(kDemo);
  const auto r = solve(lp);
  ASSERT_TRUE(r.certified) << status_text(r);
  EXPECT_EQ(r.objective, q(13));
  EXPECT_EQ(r.x, (std::vector<Q>{q(4), q(1, 6), q(5, 3)}));
}

TEST(LpIo, DefaultsAreMinimiseAndNameLp) {
  const auto lp =
      read(with_constraints(R"([{"name": "r", "terms": {"x": 1}, "relation": ">=", "rhs": 2}])"));
  EXPECT_EQ(lp.sense, Sense::minimize);
  EXPECT_EQ(lp.name, "lp");
  EXPECT_EQ(lp.objective_constant, q(0));
  EXPECT_EQ(solve(lp).objective, q(2));
}

// Writes lp as a model file with nlohmann, then reads it back.
std::string to_model_json(const LinearProgram<Q>& lp) {
  nlohmann::json j;
  j["model"] = "lp";
  j["version"] = 1;
  j["name"] = lp.name;
  j["sense"] = lp.sense == Sense::maximize ? "maximize" : "minimize";
  j["objective_constant"] = to_string(lp.objective_constant);
  auto bound = [](const std::optional<Q>& b) -> nlohmann::json {
    return b ? nlohmann::json(to_string(*b)) : nlohmann::json(nullptr);
  };
  for (const auto& c : lp.columns) {
    j["variables"].push_back({{"name", c.name},
                              {"lower", bound(c.lower)},
                              {"upper", bound(c.upper)},
                              {"objective", to_string(c.objective)}});
  }
  j["constraints"] = nlohmann::json::array();
  for (const auto& r : lp.rows) {
    nlohmann::json terms = nlohmann::json::object();
    for (const auto& t : r.terms) terms[lp.columns[t.column].name] = to_string(t.coefficient);
    j["constraints"].push_back(
        {{"name", r.name}, {"terms", terms}, {"lower", bound(r.lower)}, {"upper", bound(r.upper)}});
  }
  return j.dump(2);
}

void expect_same_programme(const LinearProgram<Q>& a, const LinearProgram<Q>& b) {
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.sense, b.sense);
  EXPECT_EQ(a.objective_constant, b.objective_constant);
  ASSERT_EQ(a.columns.size(), b.columns.size());
  for (std::size_t j = 0; j < a.columns.size(); ++j) {
    EXPECT_EQ(a.columns[j].name, b.columns[j].name);
    EXPECT_EQ(a.columns[j].lower, b.columns[j].lower);
    EXPECT_EQ(a.columns[j].upper, b.columns[j].upper);
    EXPECT_EQ(a.columns[j].objective, b.columns[j].objective);
  }
  ASSERT_EQ(a.rows.size(), b.rows.size());
  for (std::size_t i = 0; i < a.rows.size(); ++i) {
    EXPECT_EQ(a.rows[i].name, b.rows[i].name);
    EXPECT_EQ(a.rows[i].lower, b.rows[i].lower);
    EXPECT_EQ(a.rows[i].upper, b.rows[i].upper);
    EXPECT_EQ(a.rows[i].terms.size(), b.rows[i].terms.size());
    for (std::size_t j = 0; j < a.columns.size(); ++j) {
      EXPECT_EQ(coefficient(a, i, j), coefficient(b, i, j)) << a.rows[i].name << " " << j;
    }
  }
}

TEST(LpIo, RoundTripOfTextbookInstances) {
  for (const auto& lp : {instances::chvatal(), instances::beale(), instances::klee_minty(6),
                         instances::infeasible_pair(), instances::random_bounded(4, 6, 11)}) {
    SCOPED_TRACE(lp.name);
    const auto back = read(to_model_json(lp));
    expect_same_programme(lp, back);
  }
  const auto back = read(to_model_json(instances::chvatal()));
  const auto r = solve(back);
  EXPECT_EQ(r.objective, q(13));
  EXPECT_EQ(r.duals, (std::vector<Q>{q(1), q(0), q(1)}));
}

TEST(LpIo, UnknownVariableInTermsPointsAtTheTerm) {
  expect_error(
      with_constraints(R"([{"name": "r", "terms": {"x": 1, "z": 2}, "relation": "<=", "rhs": 1}])"),
      "/constraints/0/terms/z", "declared variable");
}

TEST(LpIo, VariableLowerAboveUpper) {
  expect_error(with_variables(R"([{"name": "x", "lower": 3, "upper": "5/2"}])"),
               "/variables/0/upper", "at least the lower bound 3");
  // The default lower bound 0 counts too.
  expect_error(with_variables(R"([{"name": "x", "upper": -1}])"), "/variables/0/upper",
               "at least the lower bound 0");
}

TEST(LpIo, ConstraintLowerAboveUpper) {
  expect_error(with_constraints(R"([{"name": "r", "terms": {"x": 1}, "lower": 2, "upper": 1}])"),
               "/constraints/0/upper", "at least the lower bound 2");
}

TEST(LpIo, InvalidRelation) {
  expect_error(with_constraints(R"([{"name": "r", "terms": {"x": 1}, "relation": "<", "rhs": 1}])"),
               "/constraints/0/relation", "one of \"<=\", \">=\", \"=\"");
}

TEST(LpIo, RelationAndBoundsTogether) {
  expect_error(with_constraints(
                   R"([{"name": "r", "terms": {"x": 1}, "relation": "<=", "rhs": 1, "lower": 0}])"),
               "/constraints/0", "not both");
}

TEST(LpIo, NeitherRelationNorBounds) {
  expect_error(with_constraints(R"([{"name": "r", "terms": {"x": 1}}])"), "/constraints/0",
               "neither");
  expect_error(
      with_constraints(R"([{"name": "r", "terms": {"x": 1}, "lower": null, "upper": null}])"),
      "/constraints/0", "at least one finite bound");
}

TEST(LpIo, RelationWithoutRhs) {
  expect_error(with_constraints(R"([{"name": "r", "terms": {"x": 1}, "relation": "<="}])"),
               "/constraints/0/rhs", "required");
}

TEST(LpIo, BadNumbersPointAtThemselves) {
  expect_error(
      with_constraints(R"([{"name": "r", "terms": {"x": "abc"}, "relation": "<=", "rhs": 1}])"),
      "/constraints/0/terms/x", "a number");
  expect_error(
      with_constraints(R"([{"name": "r", "terms": {"x": 1}, "relation": "<=", "rhs": "1/0"}])"),
      "/constraints/0/rhs", "non-zero denominator");
  expect_error(with_variables(R"([{"name": "x", "objective": [1]}])"), "/variables/0/objective",
               "a number");
}

TEST(LpIo, NamesMustBeNonEmptyAndUnique) {
  expect_error(with_variables(R"([{"name": ""}])"), "/variables/0/name", "non-empty");
  expect_error(with_variables(R"([{"name": "x"}, {"name": "x"}])"), "/variables/1/name",
               "not used before");
  expect_error(with_constraints(R"([{"name": "r", "terms": {}, "relation": "<=", "rhs": 1},
                                    {"name": "r", "terms": {}, "relation": "<=", "rhs": 2}])"),
               "/constraints/1/name", "not used before");
  expect_error(with_variables(R"([{"objective": 1}])"), "/variables/0/name", "required");
}

TEST(LpIo, StructureErrors) {
  expect_error(R"({"model": "lp", "version": 1, "variables": [], "constraints": []})", "/variables",
               "non-empty array of variables");
  expect_error(R"({"model": "lp", "version": 1, "variables": [{"name": "x"}]})", "/constraints",
               "required");
  expect_error(R"({"model": "lp", "version": 1, "variables": [{"name": "x"}], "constraints": {}})",
               "/constraints", "an array of constraints");
  expect_error(with_variables(R"([{"name": "x", "colour": "red"}])"), "/variables/0/colour",
               "unknown key");
  expect_error(
      with_constraints(
          R"([{"name": "r", "terms": {"x": 1}, "rhs": 1, "relation": "<=", "weight": 2}])"),
      "/constraints/0/weight", "unknown key");
  expect_error(with_constraints(R"([{"name": "r", "terms": [1], "relation": "<=", "rhs": 1}])"),
               "/constraints/0/terms", "an object");
  expect_error(
      R"({"model": "lp", "version": 1, "sense": "max", "variables": [{"name": "x"}], "constraints": []})",
      "/sense", "\"minimize\" or \"maximize\"");
  expect_error(
      R"({"model": "lp", "version": 1, "extra": 0, "variables": [{"name": "x"}], "constraints": []})",
      "/extra", "unknown key");
  expect_error(R"({"model": "distribution", "version": 1})", "/model", "\"lp\"");
}

TEST(LpIo, MemoryLimitRejectsBeforeBuilding) {
  io::ReadOptions tiny;
  tiny.memory_limit_bytes = 1000;
  expect_error(kDemo, "/constraints", "memory limit", tiny);
  // estimated_lp_bytes for the demo: k = min(5, 3) = 3; 9 * 64 + 9 * 160 + 8 * 400.
  EXPECT_EQ(estimated_lp_bytes(5, 3, 9), 9 * 64.0 + 9 * 160.0 + 8 * 400.0);
  io::ReadOptions enough;
  enough.memory_limit_bytes = static_cast<std::uint64_t>(estimated_lp_bytes(5, 3, 9));
  EXPECT_NO_THROW(read(kDemo, enough));
  enough.memory_limit_bytes -= 1;
  EXPECT_THROW(read(kDemo, enough), InputError);
}

}  // namespace
}  // namespace mechlab::lp
