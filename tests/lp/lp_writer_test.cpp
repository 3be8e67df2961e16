#include "mechlab/lp/lp_writer.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "mechlab/lp/certified_solve.hpp"
#include "mechlab/lp/instances.hpp"
#include "support.hpp"

namespace mechlab::lp {
namespace {

using test::contains;
using test::q;

using Q = Rational;
using std::nullopt;

TEST(LpWriter, ChvatalHasEverySection) {
  const std::string text = to_cplex_lp(instances::chvatal());
  EXPECT_TRUE(contains(text, "\\ chvatal written by mechlab\n")) << text;
  EXPECT_TRUE(contains(text, "Maximize\n obj: + 5 x1 + 4 x2 + 3 x3\n")) << text;
  EXPECT_TRUE(contains(text, "Subject To\n")) << text;
  EXPECT_TRUE(contains(text, " c1: + 2 x1 + 3 x2 + 1 x3 <= 5\n")) << text;
  EXPECT_TRUE(contains(text, " c3: + 3 x1 + 4 x2 + 2 x3 <= 8\n")) << text;
  EXPECT_TRUE(contains(text, "Bounds\n")) << text;
  EXPECT_FALSE(contains(text, "Minimize")) << text;
  // Sections in order, End last.
  EXPECT_LT(text.find("Maximize"), text.find("Subject To"));
  EXPECT_LT(text.find("Subject To"), text.find("Bounds"));
  ASSERT_GE(text.size(), 4u);
  EXPECT_EQ(text.substr(text.size() - 4), "End\n");
}

TEST(LpWriter, MinimizeWithNegativeAndFractionalCoefficients) {
  const std::string text = to_cplex_lp(instances::beale());
  EXPECT_TRUE(contains(text, "Minimize\n obj: - 0.75 x4 + 150 x5 - ")) << text;
  EXPECT_TRUE(contains(text, " r1: + 0.25 x4 - 60 x5 - ")) << text;
  EXPECT_TRUE(contains(text, " r2: + 0.5 x4 - 90 x5 - ")) << text;
  EXPECT_TRUE(contains(text, " r3: + 1 x6 <= 1\n")) << text;
  EXPECT_FALSE(contains(text, "Maximize")) << text;
}

// lp_writer.hpp: "a Rational programme is written as its nearest doubles (17
// significant digits)". The doubles nearest 1/50 and 1/25 print as 0.02 and
// 0.040000000000000001; 1/10 as 0.10000000000000001.
TEST(LpWriter, RationalIsWrittenAsItsNearestDouble) {
  const std::string text = to_cplex_lp(instances::beale());
  EXPECT_TRUE(contains(text, "Minimize\n obj: - 0.75 x4 + 150 x5 - 0.02 x6 + 6 x7\n")) << text;
  EXPECT_TRUE(contains(text, " r1: + 0.25 x4 - 60 x5 - 0.040000000000000001 x6 + 9 x7 <= 0\n"))
      << text;
  LinearProgram<Q> lp;
  lp.add_column("x", q(0), q(1, 10), q(1, 10));
  EXPECT_TRUE(contains(to_cplex_lp(lp), " 0 <= x <= 0.10000000000000001\n")) << to_cplex_lp(lp);
}

TEST(LpWriter, SanitisesNamesAndListsTheOriginals) {
  LinearProgram<Q> lp;
  lp.name = "bic";
  lp.add_column("BIC[agent=2,true=H,report=L]", q(0), nullopt, q(1));
  lp.add_column("2nd", q(0), nullopt, q(1));
  lp.add_column("e1", q(0), nullopt, q(1));
  lp.add_column("a b", q(0), nullopt, q(1));
  lp.add_column("a_b", q(0), nullopt, q(1));
  lp.add_row("IR[agent=1]", {{0, q(1)}, {1, q(1)}}, nullopt, q(1));
  const std::string text = to_cplex_lp(lp);
  EXPECT_TRUE(
      contains(text, "\\ column BIC_agent_2,true_H,report_L_ is BIC[agent=2,true=H,report=L]\n"))
      << text;
  EXPECT_TRUE(contains(text, "+ 1 BIC_agent_2,true_H,report_L_")) << text;
  // Names may not start with a digit, nor with e/E (exponent ambiguity).
  EXPECT_TRUE(contains(text, "\\ column _2nd is 2nd\n")) << text;
  EXPECT_TRUE(contains(text, "\\ column _e1 is e1\n")) << text;
  // "a b" becomes a_b; the real a_b then needs a suffix.
  EXPECT_TRUE(contains(text, "\\ column a_b is a b\n")) << text;
  EXPECT_TRUE(contains(text, "\\ column a_b~2 is a_b\n")) << text;
  EXPECT_TRUE(contains(text, "\\ row IR_agent_1_ is IR[agent=1]\n")) << text;
  EXPECT_TRUE(contains(text, " IR_agent_1_: + 1 BIC_agent_2,true_H,report_L_ + 1 _2nd <= 1\n"))
      << text;
  // No line of the model proper carries an unsafe character.
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty() && line[0] == '\\') continue;
    EXPECT_FALSE(contains(line, "[")) << line;
    EXPECT_FALSE(contains(line, "]")) << line;
  }
}

TEST(LpWriter, LongNamesAreCutAndStillDistinct) {
  LinearProgram<Q> lp;
  const std::string stem(230, 'v');
  lp.add_column(stem + "1", q(0), nullopt, q(1));
  lp.add_column(stem + "2", q(0), nullopt, q(1));
  const std::string text = to_cplex_lp(lp);
  const std::string cut(200, 'v');
  EXPECT_TRUE(contains(text, "\\ column " + cut + " is " + stem + "1\n")) << text;
  EXPECT_TRUE(contains(text, "\\ column " + cut + "~2 is " + stem + "2\n")) << text;
  EXPECT_TRUE(contains(text, " obj: + 1 " + cut + " + 1 " + cut + "~2\n")) << text;
}

TEST(LpWriter, RangedRowsSplitAndEqualitiesStayWhole) {
  LinearProgram<Q> lp;
  lp.add_column("x", nullopt, nullopt, q(1));
  lp.add_column("y", q(-3), q(5), q(0));
  lp.add_column("z", q(-2), nullopt, q(0));
  lp.add_column("w", nullopt, q(4), q(0));
  lp.add_column("v", q(0), q(10), q(0));
  lp.add_row("R", {{0, q(1)}, {1, q(-1)}}, q(-4), q(2));
  lp.add_row("E", {{0, q(1)}, {2, q(1)}}, q(1, 2), q(1, 2));
  lp.add_row("G", {{3, q(1)}}, q(1), nullopt);
  lp.add_row("F", {{4, q(1)}}, nullopt, nullopt);  // free row: not written
  lp.add_row("Z", {}, nullopt, q(3));
  lp.objective_constant = q(7);
  const std::string text = to_cplex_lp(lp);
  EXPECT_TRUE(contains(text, "\\ rows R_lo and R_hi are the range R\n")) << text;
  EXPECT_TRUE(contains(text, " R_lo: + 1 x - 1 y >= -4\n")) << text;
  EXPECT_TRUE(contains(text, " R_hi: + 1 x - 1 y <= 2\n")) << text;
  // A name starting with e/E could read as an exponent: prefixed with '_'.
  EXPECT_TRUE(contains(text, "\\ row _E is E\n")) << text;
  EXPECT_TRUE(contains(text, " _E: + 1 x + 1 z = 0.5\n")) << text;
  EXPECT_TRUE(contains(text, " G: + 1 w >= 1\n")) << text;
  EXPECT_FALSE(contains(text, " F:")) << text;
  // The empty row is still written (how is checked in DegenerateProgrammesStillGiveValidCplexLp).
  const auto z = text.find(" Z:");
  ASSERT_NE(z, std::string::npos) << text;
  EXPECT_EQ(text.substr(text.find('\n', z) - 5, 5), " <= 3") << text;
  EXPECT_TRUE(contains(text, "\\ objective constant (not written below): 7\n")) << text;
  EXPECT_TRUE(contains(text, " x free\n")) << text;
  EXPECT_TRUE(contains(text, " -3 <= y <= 5\n")) << text;
  EXPECT_TRUE(contains(text, " z >= -2\n")) << text;
  EXPECT_TRUE(contains(text, " -inf <= w <= 4\n")) << text;
  EXPECT_TRUE(contains(text, " 0 <= v <= 10\n")) << text;
  EXPECT_TRUE(contains(text, "Minimize\n obj: + 1 x\n")) << text;
}

TEST(LpWriter, NonDyadicNumbersUse17SignificantDigits) {
  LinearProgram<Q> lp;
  lp.sense = Sense::maximize;
  lp.add_column("x", q(0), nullopt, q(1, 3));
  lp.add_row("r", {{0, q(2, 7)}}, nullopt, q(1));
  const std::string text = to_cplex_lp(lp);
  EXPECT_TRUE(contains(text, "+ 0.33333333333333331 x")) << text;
  EXPECT_TRUE(contains(text, "+ 0.2857142857142857 x <= 1")) << text;
}

TEST(LpWriter, LongRowsWrap) {
  LinearProgram<Q> lp;
  std::vector<Term<Q>> terms;
  for (int j = 0; j < 8; ++j) {
    lp.add_column("x" + std::to_string(j), q(0), nullopt, q(1));
    terms.push_back({static_cast<std::size_t>(j), q(1)});
  }
  lp.add_row("sum", terms, q(1), nullopt);
  const std::string text = to_cplex_lp(lp);
  EXPECT_TRUE(
      contains(text, " sum: + 1 x0 + 1 x1 + 1 x2 + 1 x3 + 1 x4 + 1 x5\n    + 1 x6 + 1 x7 >= 1\n"))
      << text;
}

TEST(LpWriter, DoubleProgrammeWritesTheSame) {
  EXPECT_EQ(to_cplex_lp(to_double(instances::chvatal())), to_cplex_lp(instances::chvatal()));
}

// CPLEX LP grammar: the objective and every constraint is a linear expression
// of one or more terms, each naming a variable ("0" alone is not one). Returns
// the first line breaking that rule, or "".
std::string first_line_without_variable(const std::string& text) {
  std::istringstream lines(text);
  bool in_model = false;
  std::string pending;
  auto names_a_variable = [](const std::string& expr) {
    std::istringstream tokens(expr);
    for (std::string tok; tokens >> tok;) {
      if (tok == "+" || tok == "-" || tok == "<=" || tok == ">=" || tok == "=") continue;
      const char c = tok[0];
      if (std::isdigit(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '-' || c == '+')
        continue;
      return true;
    }
    return false;
  };
  std::vector<std::string> statements;
  std::size_t constraints = 0;
  bool in_constraints = false;
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line[0] == '\\') continue;
    if (line == "Minimize" || line == "Maximize" || line == "Subject To") {
      in_model = true;
      in_constraints = line == "Subject To";
      continue;
    }
    if (line == "Bounds" || line == "End") {
      in_model = false;
      continue;
    }
    if (!in_model) continue;
    // A statement starts with " name:"; continuation lines start with more blanks.
    if (line.rfind("    ", 0) == 0 && !statements.empty()) {
      statements.back() += line;
    } else {
      statements.push_back(line);
      if (in_constraints) ++constraints;
    }
  }
  if (constraints == 0) return "(an empty Subject To section)";
  for (const auto& st : statements) {
    const auto colon = st.find(':');
    if (colon == std::string::npos || !names_a_variable(st.substr(colon + 1))) return st;
  }
  return "";
}

TEST(LpWriter, EveryStatementNamesAVariable) {
  for (const auto& lp : {instances::chvatal(), instances::beale(), instances::klee_minty(4),
                         instances::infeasible_pair(), instances::random_bounded(5, 5, 2)}) {
    EXPECT_EQ(first_line_without_variable(to_cplex_lp(lp)), "") << lp.name;
  }
}

// A feasibility programme (zero objective), an empty row and a programme with
// no bounded row must still give files that LP readers accept: "obj: 0" and
// "r: 0 <= 3" are not linear expressions in CPLEX LP format, and an empty
// "Subject To" section makes the reader take "Bounds" for a constraint
// (glpsol: "missing variable name" in all three cases).
TEST(LpWriter, DegenerateProgrammesStillGiveValidCplexLp) {
  LinearProgram<Q> feas;
  feas.add_column("x", q(0), nullopt, q(0));
  feas.add_row("r", {{0, q(1)}}, q(1), nullopt);
  EXPECT_EQ(first_line_without_variable(to_cplex_lp(feas)), "") << to_cplex_lp(feas);

  LinearProgram<Q> empty_row;
  empty_row.add_column("x", q(0), nullopt, q(1));
  empty_row.add_row("r", {{0, q(1)}}, q(1), nullopt);
  empty_row.add_row("nothing", {}, nullopt, q(3));
  EXPECT_EQ(first_line_without_variable(to_cplex_lp(empty_row)), "") << to_cplex_lp(empty_row);

  LinearProgram<Q> no_rows;
  no_rows.add_column("x", q(0), q(1, 2), q(1));
  EXPECT_EQ(first_line_without_variable(to_cplex_lp(no_rows)), "") << to_cplex_lp(no_rows);
}

// ------------------------------------------------------------------ glpsol

struct GlpsolRun {
  int exit_code = -1;
  std::string report;  // glpsol's -o output, or its messages when it failed
};

// Writes lp, runs glpsol on it, returns its report. Call only when glpsol exists.
GlpsolRun run_glpsol(const LinearProgram<Q>& lp) {
  static int counter = 0;
  const auto dir = std::filesystem::temp_directory_path();
  const std::string stem =
      "mechlab_lp_writer_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
  const std::string lp_path = (dir / (stem + ".lp")).string();
  const std::string out_path = (dir / (stem + ".txt")).string();
  const std::string log_path = (dir / (stem + ".log")).string();
  {
    std::ofstream out(lp_path);
    out << to_cplex_lp(lp);
  }
  GlpsolRun run;
  const std::string cmd =
      "/usr/bin/glpsol --lp " + lp_path + " -o " + out_path + " > " + log_path + " 2>&1";
  run.exit_code = std::system(cmd.c_str());
  std::ifstream in(run.exit_code == 0 ? out_path : log_path);
  std::stringstream report;
  report << in.rdbuf();
  run.report = report.str();
  for (const auto& p : {lp_path, out_path, log_path}) std::remove(p.c_str());
  return run;
}

bool have_glpsol() { return ::access("/usr/bin/glpsol", X_OK) == 0; }

TEST(LpWriterGlpsol, ChvatalWithUnsafeNamesAndARange) {
  if (!have_glpsol()) GTEST_SKIP() << "glpsol is not installed";
  LinearProgram<Q> lp = instances::chvatal();
  lp.columns[0].name = "BIC[agent=2,true=H,report=L]";
  lp.rows[1].lower = q(-100);  // c2 becomes a ranged row
  const GlpsolRun run = run_glpsol(lp);
  ASSERT_EQ(run.exit_code, 0) << run.report;
  EXPECT_TRUE(contains(run.report, "OPTIMAL")) << run.report;
  EXPECT_TRUE(contains(run.report, "obj = 13 (MAXimum)")) << run.report;
}

TEST(LpWriterGlpsol, EveryBoundKindAndNameClash) {
  if (!have_glpsol()) GTEST_SKIP() << "glpsol is not installed";
  // min 3x + y + z (+5, not written), x + y + z = 1, -4 <= x - y <= 2, x free,
  // -3 <= y <= 5, z >= -2: optimum -13 without the constant (see certified_solve_test).
  LinearProgram<Q> lp;
  lp.objective_constant = q(5);
  lp.add_column("x", nullopt, nullopt, q(3));
  lp.add_column("y", q(-3), q(5), q(1));
  lp.add_column("z", q(-2), nullopt, q(1));
  lp.add_column("e", nullopt, q(4), q(0));
  lp.add_column("a[1]", q(0), q(10), q(0));
  lp.add_column("a_1_", q(0), q(10), q(0));
  lp.add_row("E", {{0, q(1)}, {1, q(1)}, {2, q(1)}}, q(1), q(1));
  lp.add_row("R", {{0, q(1)}, {1, q(-1)}}, q(-4), q(2));
  lp.add_row("free", {{3, q(1)}}, nullopt, nullopt);
  lp.add_row("x", {{4, q(1)}, {5, q(1)}}, q(1), nullopt);
  const GlpsolRun run = run_glpsol(lp);
  ASSERT_EQ(run.exit_code, 0) << run.report;
  EXPECT_TRUE(contains(run.report, "OPTIMAL")) << run.report;
  EXPECT_TRUE(contains(run.report, "obj = -13 (MINimum)")) << run.report;
}

TEST(LpWriterGlpsol, DegenerateProgrammesAreReadable) {
  if (!have_glpsol()) GTEST_SKIP() << "glpsol is not installed";
  LinearProgram<Q> feas;
  feas.add_column("x", q(0), nullopt, q(0));
  feas.add_row("r", {{0, q(1)}}, q(1), nullopt);
  const GlpsolRun a = run_glpsol(feas);
  EXPECT_EQ(a.exit_code, 0) << to_cplex_lp(feas) << a.report;

  LinearProgram<Q> empty_row;
  empty_row.sense = Sense::maximize;
  empty_row.add_column("x", q(0), q(2), q(1));
  empty_row.add_row("nothing", {}, q(0), q(3));
  const GlpsolRun b = run_glpsol(empty_row);
  EXPECT_EQ(b.exit_code, 0) << to_cplex_lp(empty_row) << b.report;
  if (b.exit_code == 0) {
    EXPECT_TRUE(contains(b.report, "obj = 2 (MAXimum)")) << b.report;
  }

  LinearProgram<Q> no_rows;
  no_rows.sense = Sense::maximize;
  no_rows.add_column("x", q(0), q(1, 2), q(1));
  no_rows.add_row("unbounded_row", {{0, q(1)}}, nullopt, nullopt);  // free: not written
  const GlpsolRun c = run_glpsol(no_rows);
  EXPECT_EQ(c.exit_code, 0) << to_cplex_lp(no_rows) << c.report;
  if (c.exit_code == 0) {
    EXPECT_TRUE(contains(c.report, "obj = 0.5 (MAXimum)")) << c.report;
  }
}

TEST(LpWriterGlpsol, RandomInstancesAgreeWithTheExactOptimum) {
  if (!have_glpsol()) GTEST_SKIP() << "glpsol is not installed";
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    const auto lp = instances::random_bounded(4, 5, seed);
    const auto exact = solve(lp);
    ASSERT_TRUE(exact.certified);
    const GlpsolRun run = run_glpsol(lp);
    ASSERT_EQ(run.exit_code, 0) << run.report;
    const auto at = run.report.find("obj = ");
    ASSERT_NE(at, std::string::npos) << run.report;
    const double glpk = std::stod(run.report.substr(at + 6));
    EXPECT_NEAR(glpk, exact.objective.get_d(), 1e-6 * std::fmax(1.0, std::fabs(glpk))) << lp.name;
  }
}

}  // namespace
}  // namespace mechlab::lp
