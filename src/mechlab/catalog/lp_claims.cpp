// Claims about the certified LP layer, on textbook programmes with known
// exact answers. Each check solves through Clp and demands an exact
// certificate, so a wrong basis or a rounding slip shows up as FAILED.
#include <fmt/format.h>

#include "mechlab/catalog/claim.hpp"
#include "mechlab/lp/certified_solve.hpp"
#include "mechlab/lp/instances.hpp"

namespace mechlab::catalog {

namespace {

std::string join(const std::vector<Rational>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ", ") + to_string(x);
  return "(" + s + ")";
}

CheckResult expect_optimum(const lp::LinearProgram<Rational>& lp, const Rational& value,
                           const std::vector<Rational>& x, const std::vector<Rational>& duals,
                           Progress& progress) {
  const auto r = lp::solve(lp, progress);
  const bool ok = r.status == lp::SolveStatus::optimal && r.certified && r.objective == value &&
                  (x.empty() || r.x == x) && (duals.empty() || r.duals == duals);
  std::string evidence = fmt::format("{}: objective {} (expected {})", lp::status_text(r),
                                     to_string(r.objective), to_string(value));
  if (!x.empty()) evidence += ", x = " + join(r.x);
  if (!duals.empty()) evidence += ", duals = " + join(r.duals);
  return {ok, evidence};
}

}  // namespace

void add_lp_claims(Registry& registry) {
  registry.add({"lp/chvatal-duality", "Chvatal, Linear Programming (1983), Ch. 2 and 5",
                "max 5x1 + 4x2 + 3x3 over the three rows has optimum 13 at x = (2, 0, 1) with "
                "row duals (1, 0, 1) (strong duality).",
                Expected::holds, "", [](Progress& p) {
                  return expect_optimum(lp::instances::chvatal(), Rational(13),
                                        {Rational(2), Rational(0), Rational(1)},
                                        {Rational(1), Rational(0), Rational(1)}, p);
                }});
  registry.add({"lp/beale-cycling", "Beale (1955), Cycling in the dual simplex algorithm",
                "Beale's degenerate programme, on which textbook simplex cycles, has optimum -1/20 "
                "at (x4, x5, x6, x7) = (1/25, 0, 1, 0).",
                Expected::holds, "", [](Progress& p) {
                  return expect_optimum(lp::instances::beale(), Rational(-1, 20),
                                        {Rational(1, 25), Rational(0), Rational(1), Rational(0)},
                                        {}, p);
                }});
  registry.add({"lp/klee-minty-8", "Klee and Minty (1972); Chvatal (1983) p. 47",
                "The Klee-Minty cube in dimension 8 has optimum 100^7 at x8 = 100^7.",
                Expected::holds, "", [](Progress& p) {
                  std::vector<Rational> x(8, Rational(0));
                  x[7] = Rational(mpz_class("100000000000000"));
                  return expect_optimum(lp::instances::klee_minty(8), x[7], x, {}, p);
                }});
  registry.add({"lp/farkas", "Farkas (1902)",
                "x + y <= 1 and x + y >= 2 with x, y >= 0 is infeasible, with a Farkas vector "
                "proving it.",
                Expected::holds, "", [](Progress& p) {
                  const auto lp = lp::instances::infeasible_pair();
                  const auto r = lp::solve(lp, p);
                  const bool ok = r.status == lp::SolveStatus::infeasible && r.certified;
                  return CheckResult{ok, fmt::format("{}: y = {}, bound {}", lp::status_text(r),
                                                     join(r.farkas), to_string(r.farkas_bound))};
                }});
  registry.add(
      {"lp/unbounded-ray", "textbook",
       "max x + y subject to x - y <= 1, x, y >= 0 is unbounded, with a feasible point and "
       "an improving ray proving it.",
       Expected::holds, "", [](Progress& p) {
         const auto lp = lp::instances::unbounded_wedge();
         const auto r = lp::solve(lp, p);
         const bool ok =
             r.status == lp::SolveStatus::unbounded && r.certified && sgn(r.ray_rate) > 0;
         return CheckResult{
             ok, fmt::format("{}: point {}, ray {}, rate {}", lp::status_text(r),
                             join(r.feasible_point), join(r.ray), to_string(r.ray_rate))};
       }});
}

}  // namespace mechlab::catalog
