// Automated mechanism design: the four regression instances with values computed
// here in closed form, objective variants, BIC vs DSIC, infeasibility
// certificates and bad "design" objects.
#include "mechlab/mechanism/design.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "mechlab/io/json.hpp"
#include "mechlab/lp/linear_program.hpp"
#include "mechlab/mechanism/io.hpp"
#include "mechlab/mechanism/rules.hpp"
#include "support.hpp"

namespace mechlab::mechanism {
namespace {

using test::q;

std::string example(const std::string& name) {
  return std::string(MECHLAB_SOURCE_DIR) + "/examples/mechanism/" + name;
}

template <class T = Rational>
DesignModel<T> load(const std::string& name) {
  io::ReadOptions options;
  options.doubles = !NumberTraits<T>::exact;
  const io::Document doc = io::read_json_file(example(name), options);
  return read_design_model<T>(io::Node(doc), options);
}

DesignModel<Rational> parse(const std::string& text) {
  const io::Document doc = io::parse_json(text);
  return read_design_model<Rational>(io::Node(doc));
}

struct Solved {
  DesignModel<Rational> model;
  DesignLp<Rational> lp;
  DesignResult<Rational> result;
};

Solved solve(DesignModel<Rational> model) {
  DesignLp<Rational> d = build_design_lp(model.problem, model.spec);
  DesignResult<Rational> r = solve_design(model.problem, d, model.spec);
  return {std::move(model), std::move(d), std::move(r)};
}

bool has_row(const lp::LinearProgram<Rational>& p, const std::string& name) {
  return std::any_of(p.rows.begin(), p.rows.end(), [&](const auto& r) { return r.name == name; });
}

// A two-bidder single-item environment with values `values` (same grid for
// both) and the given joint prior over (v1, v2), row-major; `design` is the
// JSON text of the "design" object.
std::string auction(const std::vector<int>& values, const std::vector<std::string>& joint,
                    const std::string& design) {
  std::string types;
  std::string vals;
  std::string zeros;
  for (std::size_t k = 0; k < values.size(); ++k) {
    types += (k ? ", \"" : "\"") + std::to_string(values[k]) + "\"";
    vals += (k ? ", " : "") + std::to_string(values[k]);
    zeros += k ? ", 0" : "0";
  }
  std::string prior;
  for (std::size_t k = 0; k < joint.size(); ++k) prior += (k ? ", \"" : "\"") + joint[k] + "\"";
  return R"({"model": "mechanism", "version": 1, "alternatives": ["keep", "to b1", "to b2"],
    "agents": [
      {"name": "b1", "types": [)" +
         types + R"(], "values": {"keep": [)" + zeros + R"(], "to b1": [)" + vals +
         R"(], "to b2": [)" + zeros + R"(]}},
      {"name": "b2", "types": [)" +
         types + R"(], "values": {"keep": [)" + zeros + R"(], "to b1": [)" + zeros +
         R"(], "to b2": [)" + vals + R"(]}}],
    "prior": {"joint": [)" +
         prior + R"(]}, "design": )" + design + "}";
}

// ---------------------------------------------------------------- 1. Myerson

// E[max(φ(v1), φ(v2), 0)] with the discrete virtual value
// φ(v_k) = v_k − (v_{k+1} − v_k)(1 − F(v_k)) / f(v_k), values 1..K uniform.
Rational myerson_revenue(int k_max) {
  std::vector<Rational> phi;
  const Rational f(1, k_max);
  for (int k = 1; k <= k_max; ++k) {
    const Rational survival = 1 - Rational(k, k_max);
    const Rational step = k < k_max ? Rational(1) : Rational(0);
    phi.emplace_back(Rational(k) - step * survival / f);
  }
  // Regular grid: φ strictly increasing, so no ironing is needed.
  for (std::size_t k = 1; k < phi.size(); ++k) EXPECT_LT(phi[k - 1], phi[k]);
  Rational sum = 0;
  for (const auto& a : phi) {
    for (const auto& b : phi) sum += std::max({a, b, Rational(0)});
  }
  return sum * f * f;
}

TEST(Design, MyersonRevenueIsExpectedPositiveVirtualValue) {
  const Rational expected = myerson_revenue(5);
  EXPECT_EQ(expected, q(71, 25));  // the closed form, worked by hand in docs/mechanism.md
  const Solved s = solve(load("design-myerson.json"));
  ASSERT_EQ(s.result.lp.status, lp::SolveStatus::optimal);
  EXPECT_TRUE(s.result.lp.certified);
  EXPECT_EQ(s.result.objective, expected);
  EXPECT_EQ(s.result.revenue, expected);
  // Interim IR binds for the lowest type of each bidder (it gets the good with
  // probability 0, as φ(1) < 0).
  EXPECT_TRUE(std::any_of(s.result.binding.begin(), s.result.binding.end(),
                          [](const auto& b) { return b.name == "IR_interim[agent=b1,type=1]"; }));
}

TEST(Design, MyersonBicAndDsicGiveTheSameRevenue) {
  auto model = load("design-myerson.json");
  model.spec.ic = IcConstraint::dsic;
  model.spec.ir = IrConstraint::ex_post;
  const Solved s = solve(std::move(model));
  ASSERT_EQ(s.result.lp.status, lp::SolveStatus::optimal);
  EXPECT_TRUE(s.result.lp.certified);
  EXPECT_EQ(s.result.objective, myerson_revenue(5));
}

TEST(Design, MyersonInFloatModeIsClose) {
  const auto model = load<double>("design-myerson.json");
  const auto r = design(model.problem, model.spec);
  ASSERT_EQ(r.lp.status, lp::SolveStatus::optimal);
  EXPECT_FALSE(r.lp.certified);
  EXPECT_NEAR(r.objective, 71.0 / 25.0, 1e-9);
}

// ----------------------------------------------------------- 2. Crémer–McLean

TEST(Design, CremerMcLeanExtractsTheFullSurplus) {
  // P(v1, v2) = W / 22, values 1, 2, 3; surplus = E[max(v1, v2)].
  const int w[3][3] = {{4, 2, 1}, {2, 4, 2}, {1, 2, 4}};
  Rational surplus = 0;
  for (int a = 0; a < 3; ++a) {
    for (int b = 0; b < 3; ++b) surplus += Rational(w[a][b], 22) * std::max(a + 1, b + 1);
  }
  EXPECT_EQ(surplus, q(25, 11));
  const Solved s = solve(load("design-cremer-mclean.json"));
  ASSERT_EQ(s.result.lp.status, lp::SolveStatus::optimal);
  EXPECT_TRUE(s.result.lp.certified);
  EXPECT_EQ(s.result.objective, surplus);
  EXPECT_EQ(s.result.welfare, surplus);  // the allocation is efficient
  // Every type is held to interim utility exactly 0.
  for (const char* row : {"IR_interim[agent=b1,type=1]", "IR_interim[agent=b1,type=3]",
                          "IR_interim[agent=b2,type=2]"}) {
    EXPECT_TRUE(std::any_of(s.result.binding.begin(), s.result.binding.end(), [&](const auto& b) {
      return b.name == row;
    })) << row;
  }
}

TEST(Design, CremerMcLeanNeedsCorrelation) {
  // The same values with independent uniform types: no full extraction; the
  // optimum is Myerson's E[max φ^+] on {1,2,3}: φ = (−1, 1, 3).
  std::vector<std::string> uniform(9, "1/9");
  const Solved s = solve(parse(auction({1, 2, 3}, uniform, R"({"objective": "revenue"})")));
  ASSERT_EQ(s.result.lp.status, lp::SolveStatus::optimal);
  EXPECT_EQ(s.result.objective, myerson_revenue(3));
  EXPECT_LT(s.result.objective, q(22, 9));  // E[max(v1, v2)] = 22/9
}

TEST(Design, BicVersusDsicUnderCorrelation) {
  auto model = load("design-cremer-mclean.json");
  model.spec.ic = IcConstraint::dsic;
  const Solved dsic = solve(model);
  model.spec.ir = IrConstraint::ex_post;
  const Solved dsic_ex_post = solve(model);
  const Solved bic = solve(load("design-cremer-mclean.json"));
  ASSERT_EQ(dsic.result.lp.status, lp::SolveStatus::optimal);
  ASSERT_EQ(dsic_ex_post.result.lp.status, lp::SolveStatus::optimal);
  // Rows: BIC has Σ_i |T_i|(|T_i| − 1) = 12 IC rows, DSIC 3 times as many.
  std::size_t bic_rows = 0;
  std::size_t dsic_rows = 0;
  for (const auto& r : bic.lp.lp.rows) bic_rows += r.name.starts_with("BIC[");
  for (const auto& r : dsic.lp.lp.rows) dsic_rows += r.name.starts_with("DSIC[");
  EXPECT_EQ(bic_rows, 12U);
  EXPECT_EQ(dsic_rows, 36U);
  EXPECT_TRUE(has_row(bic.lp.lp, "BIC[agent=b1,true=3,report=2]"));
  EXPECT_TRUE(has_row(dsic.lp.lp, "DSIC[agent=b1,true=3,report=2,others=(b2=1)]"));
  EXPECT_TRUE(has_row(dsic.lp.lp, "DSIC[agent=b2,true=1,report=3,others=(b1=2)]"));
  // Crémer–McLean (1985) extract the full surplus in dominant strategies too,
  // as long as participation is only required at the interim stage...
  EXPECT_EQ(bic.result.objective, q(25, 11));
  EXPECT_EQ(dsic.result.objective, q(25, 11));
  // ...but ex post IR rules out the side bets: revenue drops below the surplus.
  EXPECT_LT(dsic_ex_post.result.objective, q(25, 11));
  EXPECT_GT(dsic_ex_post.result.objective, 0);
}

// ------------------------------------------------- 3. Myerson–Satterthwaite

// Checks a Farkas vector directly: with w = A'y, sup over the box of
// Σ_j w_j x_j − Σ_r y_r s_r must be finite and negative. Returns that sup.
Rational farkas_sup(const lp::LinearProgram<Rational>& p, const std::vector<Rational>& y) {
  std::vector<Rational> w(p.columns.size(), 0);
  for (std::size_t r = 0; r < p.rows.size(); ++r) {
    for (const auto& t : p.rows[r].terms) w[t.column] += y[r] * t.coefficient;
  }
  Rational sup = 0;
  for (std::size_t j = 0; j < p.columns.size(); ++j) {
    if (w[j] > 0) {
      EXPECT_TRUE(p.columns[j].upper) << p.columns[j].name;
      if (p.columns[j].upper) sup += w[j] * *p.columns[j].upper;
    } else if (w[j] < 0) {
      EXPECT_TRUE(p.columns[j].lower) << p.columns[j].name;
      if (p.columns[j].lower) sup += w[j] * *p.columns[j].lower;
    }
  }
  for (std::size_t r = 0; r < p.rows.size(); ++r) {
    if (y[r] > 0) {
      EXPECT_TRUE(p.rows[r].lower) << p.rows[r].name;
      if (p.rows[r].lower) sup -= y[r] * *p.rows[r].lower;
    } else if (y[r] < 0) {
      EXPECT_TRUE(p.rows[r].upper) << p.rows[r].name;
      if (p.rows[r].upper) sup -= y[r] * *p.rows[r].upper;
    }
  }
  return sup;
}

TEST(Design, MyersonSatterthwaiteIsInfeasibleWithACheckedCertificate) {
  const Solved s = solve(load("design-myerson-satterthwaite.json"));
  ASSERT_EQ(s.result.lp.status, lp::SolveStatus::infeasible);
  EXPECT_TRUE(s.result.lp.certified);
  const Rational sup = farkas_sup(s.lp.lp, s.result.lp.farkas);
  EXPECT_LT(sup, 0);
  EXPECT_EQ(sup, s.result.farkas_bound);
  // The certificate uses incentive, participation and budget rows, by name.
  ASSERT_FALSE(s.result.farkas.empty());
  bool bic = false;
  bool ir = false;
  bool bb = false;
  for (const auto& f : s.result.farkas) {
    EXPECT_NE(f.value, 0);
    bic = bic || f.name.starts_with("BIC[");
    ir = ir || f.name.starts_with("IR_interim[");
    bb = bb || f.name.starts_with("BB_ex_post[");
  }
  EXPECT_TRUE(bic);
  EXPECT_TRUE(ir);
  EXPECT_TRUE(bb);
  // Dropping budget balance: the smallest worst-case subsidy is positive.
  auto model = load("design-myerson-satterthwaite.json");
  model.spec.budget = BudgetConstraint::none;
  model.spec.objective = DesignObjective::min_subsidy;
  const Solved sub = solve(std::move(model));
  ASSERT_EQ(sub.result.lp.status, lp::SolveStatus::optimal);
  ASSERT_TRUE(sub.result.subsidy);
  EXPECT_GT(*sub.result.subsidy, 0);
  EXPECT_EQ(*sub.result.subsidy, sub.result.objective);
}

// ------------------------------------------------------------------ 4. VCG

// Three bidders, values 1..3 uniform, efficient choice with ties to the lower
// index: the revenue-maximising DSIC, ex post IR transfers charge the winner
// the lowest value with which it would still win (its threshold) and losers 0.
TEST(Design, VcgThreeBiddersMaxRevenueIsTheExpectedThresholdPrice) {
  Rational expected = 0;
  for (int a = 1; a <= 3; ++a) {
    for (int b = 1; b <= 3; ++b) {
      for (int c = 1; c <= 3; ++c) {
        const int v[3] = {a, b, c};
        const auto winner = [](const int* x) {
          return static_cast<int>(std::max_element(x, x + 3) - x);  // first maximiser
        };
        const int i = winner(v);
        int threshold = v[i];
        for (int low = 1; low <= v[i]; ++low) {
          int u[3] = {a, b, c};
          u[i] = low;
          if (winner(u) == i) {
            threshold = low;
            break;
          }
        }
        expected += Rational(threshold, 27);
      }
    }
  }
  const Solved s = solve(load("design-vcg-three-bidders.json"));
  ASSERT_EQ(s.result.lp.status, lp::SolveStatus::optimal);
  EXPECT_TRUE(s.result.lp.certified);
  EXPECT_EQ(s.result.objective, expected);
  // VCG (revenue 2, the second price) satisfies the same constraints, and
  // discrete ties let the optimum charge more.
  EXPECT_GT(s.result.objective, 2);
  const auto m = vcg(s.model.problem);
  std::vector<Rational> x(s.lp.lp.columns.size(), 0);
  for (std::size_t i = 0; i < 3; ++i) {
    for (std::size_t t = 0; t < 27; ++t) x[s.lp.x_column[i][t]] = m.transfers[i][t];
  }
  const auto act = lp::row_activities(s.lp.lp, x);
  for (std::size_t r = 0; r < act.size(); ++r) {
    const auto& row = s.lp.lp.rows[r];
    EXPECT_TRUE(!row.lower || act[r] >= *row.lower) << row.name;
    EXPECT_TRUE(!row.upper || act[r] <= *row.upper) << row.name;
  }
  EXPECT_EQ(lp::objective_value(s.lp.lp, x), 2);  // VCG's expected revenue
}

// ------------------------------------------------------- objective variants

TEST(Design, WelfareObjectiveIsExpectedMaximumValue) {
  auto model = parse(auction({1, 2, 3, 4, 5}, std::vector<std::string>(25, "1/25"),
                             R"({"objective": "welfare", "ic": "dsic", "ir": "ex_post"})"));
  const Solved s = solve(std::move(model));
  ASSERT_EQ(s.result.lp.status, lp::SolveStatus::optimal);
  Rational expected = 0;
  for (int a = 1; a <= 5; ++a) {
    for (int b = 1; b <= 5; ++b) expected += Rational(std::max(a, b), 25);
  }
  EXPECT_EQ(s.result.objective, expected);
  EXPECT_EQ(s.result.welfare, expected);
}

TEST(Design, LinearObjectiveMatchesTheNamedOnes) {
  const std::vector<std::string> uniform(9, "1/9");
  const Solved named = solve(parse(auction({1, 2, 3}, uniform, R"({"objective": "revenue"})")));
  const Solved linear = solve(
      parse(auction({1, 2, 3}, uniform, R"({"objective": {"sense": "maximize", "revenue": 1}})")));
  // −E[x_b1] − E[x_b2] spelled per agent, and the same on raw x coefficients.
  const Solved per_agent = solve(parse(auction(
      {1, 2, 3}, uniform,
      R"({"objective": {"sense": "minimize", "expected_transfers": {"b1": 1, "b2": 1}}})")));
  std::string raw = R"({"objective": {"sense": "maximize", "x": {"b1": [)";
  for (int k = 0; k < 9; ++k) raw += k ? ", \"-1/9\"" : "\"-1/9\"";
  raw += R"(], "b2": [)";
  for (int k = 0; k < 9; ++k) raw += k ? ", \"-1/9\"" : "\"-1/9\"";
  raw += "]}}}";
  const Solved by_x = solve(parse(auction({1, 2, 3}, uniform, raw)));
  ASSERT_EQ(named.result.lp.status, lp::SolveStatus::optimal);
  EXPECT_EQ(named.result.objective, myerson_revenue(3));
  EXPECT_EQ(linear.result.objective, named.result.objective);
  EXPECT_EQ(per_agent.result.objective, -named.result.objective);
  EXPECT_EQ(by_x.result.objective, named.result.objective);
}

TEST(Design, LinearObjectiveOnOutcomeProbabilities) {
  // Maximise 2 E[x_b1] with neither IC nor IR: pay b1 without limit.
  const std::vector<std::string> uniform(4, "1/4");
  const Solved u = solve(parse(
      auction({1, 2}, uniform,
              R"({"objective": {"sense": "maximize", "expected_transfers": {"b1": 2}}, "ic": "none",
          "ir": "none"})")));
  EXPECT_EQ(u.result.lp.status, lp::SolveStatus::unbounded);
  // Keeping the good at profile (1, 1) only: coefficients on q(keep|t).
  const Solved k = solve(parse(auction(
      {1, 2}, uniform,
      R"({"objective": {"sense": "maximize", "q": [{"keep": 3}, {}, {}, {"to b2": 1, "keep": -1}]},
          "ic": "bic", "ir": "interim", "budget": "ex_post"})")));
  ASSERT_EQ(k.result.lp.status, lp::SolveStatus::optimal);
  EXPECT_EQ(k.result.objective, 4);
  EXPECT_EQ(k.result.mechanism->outcome[0], 1);      // q(keep | 1, 1)
  EXPECT_EQ(k.result.mechanism->outcome[9 + 2], 1);  // q(to b2 | 2, 2)
}

TEST(Design, TransferBoundsAndFixedOutcome) {
  // Efficient allocation, transfers in [-1, 0], DSIC and ex post IR on values
  // {1, 2} uniform: the winner pays its threshold, at most 1.
  const std::vector<std::string> uniform(4, "1/4");
  const Solved s = solve(parse(auction({1, 2}, uniform,
                                       R"({"outcome": "efficient", "ic": "dsic", "ir": "ex_post",
          "transfers": {"lower": -1, "upper": 0}})")));
  ASSERT_EQ(s.result.lp.status, lp::SolveStatus::optimal);
  // Winners: (1,1) b1 pays 1; (1,2) b2 pays 2 -> capped at 1; (2,1) b1 pays 1
  // (wins with 1 too); (2,2) b1 pays 2 -> capped at 1. Revenue 1.
  EXPECT_EQ(s.result.objective, 1);
  for (const auto& col : s.lp.lp.columns) {
    EXPECT_EQ(*col.lower, -1);
    EXPECT_EQ(*col.upper, 0);
  }
}

TEST(Design, ExAnteConstraintsAreSingleRows) {
  const std::vector<std::string> uniform(4, "1/4");
  const Solved s = solve(parse(auction(
      {1, 2}, uniform, R"({"objective": "revenue", "ir": "ex_ante", "budget": "ex_ante"})")));
  EXPECT_TRUE(has_row(s.lp.lp, "IR_ex_ante[agent=b1]"));
  EXPECT_TRUE(has_row(s.lp.lp, "BB_ex_ante"));
  ASSERT_EQ(s.result.lp.status, lp::SolveStatus::optimal);
  EXPECT_EQ(s.result.objective, 0);  // budget balance ex ante: revenue 0
  const Solved f = solve(parse(auction({1, 2}, uniform, R"({"budget": "feasible"})")));
  EXPECT_TRUE(has_row(f.lp.lp, "Feasible[t=(b1=2, b2=1)]"));
  EXPECT_TRUE(has_row(f.lp.lp, "Lottery[t=(b1=1, b2=1)]"));
}

TEST(Design, InterdependentValuesJudgeTheLieAtTheTrueProfile) {
  // 003-style common state: DSIC (ex post IC) rows use v̂ at the true profile.
  const io::Document doc = io::read_json_file(example("gvcg-interdependent.json"));
  auto model = read_model<Rational>(io::Node(doc));
  DesignSpec<Rational> spec;
  spec.free_outcome = false;
  spec.outcome = efficient_mechanism(model.problem).outcome;
  spec.ic = IcConstraint::dsic;
  spec.ir = IrConstraint::none;
  spec.objective = DesignObjective::feasibility;
  const auto d = build_design_lp(model.problem, spec);
  const auto& p = model.problem;
  for (const auto& row : d.lp.rows) {
    if (row.name != "DSIC[agent=b1,true=h,report=l,others=(b2=h)]") continue;
    // truth (h, h), lie (l, h): q(truth) - q(lie) valued at v̂_1(·; h, h).
    const std::size_t truth = 3;
    const std::size_t lie = 1;
    Rational gain = 0;
    for (std::size_t c = 0; c < 2; ++c)
      gain += (spec.outcome[truth * 2 + c] - spec.outcome[lie * 2 + c]) * p.value_hat(0, truth, c);
    ASSERT_TRUE(row.lower);
    EXPECT_EQ(*row.lower, -gain);
    return;
  }
  FAIL() << "row not found";
}

// ----------------------------------------------------------------- bad input

TEST(Design, BadDesignObjectsNameThePointer) {
  const std::vector<std::string> uniform(4, "1/4");
  auto err = [&](const std::string& design) {
    return test::input_error([&] { parse(auction({1, 2}, uniform, design)); });
  };
  EXPECT_EQ(err(R"({"ic": "bayes"})").pointer(), "/design/ic");
  EXPECT_EQ(err(R"({"color": 1})").pointer(), "/design/color");
  EXPECT_EQ(err(R"({"outcome": ["keep"]})").pointer(), "/design/outcome");
  EXPECT_EQ(err(R"({"outcome": ["keep", "keep", "to b3", "keep"]})").pointer(),
            "/design/outcome/2");
  EXPECT_EQ(err(R"({"objective": {"revenue": 1}})").pointer(), "/design/objective/sense");
  EXPECT_EQ(err(R"({"objective": {"sense": "maximize", "x": {"b3": []}}})").pointer(),
            "/design/objective/x/b3");
  EXPECT_EQ(err(R"({"objective": {"sense": "maximize", "x": {"b1": [1]}}})").pointer(),
            "/design/objective/x/b1");
  EXPECT_EQ(err(R"({"transfers": {"lower": 1, "upper": 0}})").pointer(), "/design/transfers/upper");
  EXPECT_EQ(err(R"({"budget": 3})").pointer(), "/design/budget");
  EXPECT_EQ(err(R"("revenue")").pointer(), "/design");
  const InputError missing = test::input_error([] {
    parse(R"({"model": "mechanism", "version": 1, "alternatives": ["a"],
              "agents": [{"name": "i", "types": ["t"], "values": {"a": [0]}}],
              "prior": {"joint": [1]}})");
  });
  EXPECT_EQ(missing.pointer(), "/design");
  EXPECT_TRUE(test::contains(missing.expected(), "mechanism design"));
}

}  // namespace
}  // namespace mechlab::mechanism
