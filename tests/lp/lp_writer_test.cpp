#include "mechlab/lp/lp_writer.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "mechlab/lp/instances.hpp"

namespace mechlab::lp {
namespace {

using Q = Rational;
using std::nullopt;

Q q(long p, long d = 1) {
  Q r(p, d);
  r.canonicalize();
  return r;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

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
  EXPECT_TRUE(contains(text, "\\ column BIC_agent_2,true_H,report_L_ is BIC[agent=2,true=H,report=L]\n"))
      << text;
  EXPECT_TRUE(contains(text, "+ 1 BIC_agent_2,true_H,report_L_")) << text;
  // Names may not start with a digit, nor with e/E (exponent ambiguity).
  EXPECT_TRUE(contains(text, "\\ column _2nd is 2nd\n")) << text;
  EXPECT_TRUE(contains(text, "\\ column _e1 is e1\n")) << text;
  // "a b" becomes a_b; the real a_b then needs a suffix.
  EXPECT_TRUE(contains(text, "\\ column a_b is a b\n")) << text;
  EXPECT_TRUE(contains(text, "\\ column a_b~2 is a_b\n")) << text;
  EXPECT_TRUE(contains(text, "\\ row IR_agent_1_ is IR[agent=1]\n")) << text;
  EXPECT_TRUE(contains(text, " IR_agent_1_: + 1 BIC_agent_2,true_H,report_L_ + 1 _2nd <= 1\n")) << text;
  // No line of the model proper carries an unsafe character.
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty() && line[0] == '\\') continue;
    EXPECT_FALSE(contains(line, "[")) << line;
    EXPECT_FALSE(contains(line, "]")) << line;
  }
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
  EXPECT_TRUE(contains(text, " Z: 0 <= 3\n")) << text;
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
  EXPECT_TRUE(contains(text, " sum: + 1 x0 + 1 x1 + 1 x2 + 1 x3 + 1 x4 + 1 x5\n    + 1 x6 + 1 x7 >= 1\n"))
      << text;
}

TEST(LpWriter, DoubleProgrammeWritesTheSame) {
  EXPECT_EQ(to_cplex_lp(to_double(instances::chvatal())), to_cplex_lp(instances::chvatal()));
}

// Re-solves the written file with glpsol when it is installed.
TEST(LpWriter, GlpsolReadsTheFileAndAgrees) {
  const char* glpsol = "/usr/bin/glpsol";
  if (::access(glpsol, X_OK) != 0) GTEST_SKIP() << "glpsol is not installed";
  const auto dir = std::filesystem::temp_directory_path();
  const std::string stem = "mechlab_lp_writer_" + std::to_string(::getpid());
  const std::string lp_path = (dir / (stem + ".lp")).string();
  const std::string out_path = (dir / (stem + ".txt")).string();
  {
    std::ofstream out(lp_path);
    LinearProgram<Q> lp = instances::chvatal();
    lp.columns[0].name = "BIC[agent=2,true=H,report=L]";
    lp.rows[1].lower = q(-100);  // make c2 a ranged row
    out << to_cplex_lp(lp);
  }
  const std::string cmd = std::string(glpsol) + " --lp " + lp_path + " -o " + out_path + " > /dev/null 2>&1";
  const int rc = std::system(cmd.c_str());
  std::ifstream in(out_path);
  std::stringstream report;
  report << in.rdbuf();
  std::remove(lp_path.c_str());
  std::remove(out_path.c_str());
  ASSERT_EQ(rc, 0) << report.str();
  EXPECT_TRUE(contains(report.str(), "OPTIMAL")) << report.str();
  EXPECT_TRUE(contains(report.str(), "obj = 13")) << report.str();
}

}  // namespace
}  // namespace mechlab::lp
