// Claims of 004 (Csóka, Liu, Rodivilov & Teytelboym) about the Guaranteed
// Utility Mechanism on finite Markov environments, recomputed exactly: the
// efficient policy by backward induction, the guarantees C^i, and the GUM
// transfers of the spec's examples (the dynamic family's first slice).
#include <fmt/format.h>

#include "mechlab/catalog/claim.hpp"
#include "mechlab/dynamic/efficient.hpp"
#include "mechlab/dynamic/gum.hpp"
#include "mechlab/dynamic/instances.hpp"

namespace mechlab::catalog {

void add_dynamic_claims(Registry& registry) {
  registry.add(
      {"004/ex5.1-guarantees", "seeds/004, Example 5.1 and Proposition 1 (spec §4.2)",
       "In Example 5.1 (T = 4 and T = 6) the efficient policy implements the project only when "
       "both b and r are high; the GUM guarantees are C = (25, 25, -75/2) and sum to the total "
       "surplus W = 25/2 (eq. 12).",
       Expected::holds, "", [](Progress&) {
         bool ok = true;
         std::string evidence;
         for (const std::size_t horizon : {4U, 6U}) {
           const auto problem =
               dynamic::prepare(dynamic::instances::example_5_1<Rational>(horizon));
           const auto e = dynamic::solve_efficient(problem);
           ok = ok &&
                e.guarantees ==
                    std::vector<Rational>{fraction(25), fraction(25), fraction(-75, 2)} &&
                e.welfare == fraction(25, 2);
           evidence += fmt::format("{}T = {}: C = {}, W = {}", evidence.empty() ? "" : "; ",
                                   horizon, values_text(e.guarantees), to_string(e.welfare));
         }
         return CheckResult{ok, evidence};
       }});
  registry.add(
      {"004/ex5.1-gum-budget", "seeds/004, eq. (5) and Theorem 1 (spec §3.4, §4.2)",
       "GUM is ex post budget balanced period by period: in Example 5.1 (T = 4) the transfers "
       "sum to zero exactly for every period and every pair of previous and current reports.",
       Expected::holds, "", [](Progress& progress) {
         const auto problem = dynamic::prepare(dynamic::instances::example_5_1<Rational>(4));
         const auto e = dynamic::solve_efficient(problem);
         std::size_t pairs = 0;
         bool balanced = true;
         for (std::size_t t = 1; t <= problem.horizon(); ++t) {
           progress.check();
           for (std::size_t p = 0; p < problem.states[t - 1].size(); ++p) {
             for (std::size_t c = 0; c < problem.states[t].size(); ++c) {
               const auto g = dynamic::gum_transfer(problem, e, t, p, c);
               Rational sum(0);
               for (const auto& y : g.y) sum += y;
               balanced = balanced && sum == 0;
               ++pairs;
             }
           }
         }
         return CheckResult{balanced, fmt::format("sum of transfers = 0 exactly on all {} (t, "
                                                  "previous, current) report pairs",
                                                  pairs)};
       }});
  registry.add(
      {"004/appE-gum-guarantees", "seeds/004, Appendix E (spec §4.5)",
       "In the Appendix E environment the GUM guarantees are C = (13, 5/2, -10), equal to the "
       "truthful expected utilities.",
       Expected::holds, "", [](Progress&) {
         const auto problem = dynamic::prepare(dynamic::instances::appendix_e<Rational>());
         const auto e = dynamic::solve_efficient(problem);
         const bool ok =
             e.guarantees == std::vector<Rational>{fraction(13), fraction(5, 2), fraction(-10)};
         return CheckResult{
             ok, fmt::format("C = {}, W = {}", values_text(e.guarantees), to_string(e.welfare))};
       }});
}

}  // namespace mechlab::catalog
