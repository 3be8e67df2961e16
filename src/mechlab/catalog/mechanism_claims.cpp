// Claims about static mechanisms (003 §1.2 and §5.1; 004 §3.5, §3.7 and
// Appendix E), each recomputed from the model: the choice rule, the transfers
// and an exact audit.
#include <fmt/format.h>

#include "mechlab/catalog/claim.hpp"
#include "mechlab/core/error.hpp"
#include "mechlab/mechanism/audit.hpp"
#include "mechlab/mechanism/instances.hpp"
#include "mechlab/mechanism/rules.hpp"

namespace mechlab::catalog {

namespace {

using mechanism::Property;

template <class T>
const mechanism::PropertyAudit<T>& find(const mechanism::Audit<T>& a, Property p) {
  for (const auto& pa : a.properties) {
    if (pa.property == p) return pa;
  }
  throw InternalError("property not audited");
}

std::string verdict(const mechanism::PropertyAudit<Rational>& pa) {
  if (pa.holds) {
    return fmt::format("{} holds (min slack {})", mechanism::property_id(pa.property),
                       pa.tightest ? to_string(pa.tightest->slack) : "-");
  }
  return fmt::format("{} fails ({} {} at {})", mechanism::property_id(pa.property),
                     mechanism::violation_word(pa.property), to_string(pa.largest_violation()),
                     pa.tightest->name);
}

}  // namespace

void add_mechanism_claims(Registry& registry) {
  registry.add(
      {"004/appE-agv-policy", "seeds/004, Appendix E (spec §4.5)",
       "With the policy 'invest only if strictly beneficial', (L,L) -> N, (L,H) -> N, (H,L) -> "
       "S, (H,H) -> B, and the AGV transfers satisfy gamma_1(H) - gamma_1(L) = -15 and "
       "gamma_2(H) - gamma_2(L) = -4.",
       Expected::holds, "", [](Progress&) {
         const auto p = mechanism::prepare(mechanism::instances::appendix_e());
         const auto choice = mechanism::efficient_choice(p);
         const auto m = mechanism::agv(p, mechanism::efficient_mechanism(p));
         std::string policy;
         for (std::size_t t = 0; t < p.profile_count(); ++t) {
           policy += (t ? ", " : "") + p.env.alternatives[choice.choice[t]];
         }
         // x_i = γ_i(t_i) − (1/(n−1)) Σ_{j≠i} γ_j: with the others fixed, the
         // difference of x_i across i's types is the difference of γ_i.
         const Rational d1 = m.transfers[0][2] - m.transfers[0][0];
         const Rational d2 = m.transfers[1][1] - m.transfers[1][0];
         const bool ok =
             choice.choice == std::vector<std::size_t>{0, 0, 1, 2} && d1 == -15 && d2 == -4;
         return CheckResult{
             ok, fmt::format("policy ({}), {} tie profile(s); gamma_1(H)-gamma_1(L) "
                             "= {}, gamma_2(H)-gamma_2(L) = {}",
                             policy, choice.tie_profiles.size(), to_string(d1), to_string(d2))};
       }});
  registry.add(
      {"004/sec3.7-agv-bic-balanced", "seeds/004, §3.5 eqs. 79-81 (spec §3.5, §3.7)",
       "Static AGV is Bayesian incentive compatible and ex post budget balanced; it is not "
       "dominant-strategy IC (Appendix E: agent 1 of type L gains by reporting H).",
       Expected::holds, "", [](Progress& progress) {
         const auto p = mechanism::prepare(mechanism::instances::appendix_e());
         const auto a = mechanism::audit(
             p, mechanism::agv(p, mechanism::efficient_mechanism(p)),
             {{Property::bayesian_ic, Property::bb_ex_post, Property::dsic}}, progress);
         const auto& bic = find(a, Property::bayesian_ic);
         const auto& bb = find(a, Property::bb_ex_post);
         const auto& dsic = find(a, Property::dsic);
         return CheckResult{bic.holds && bb.holds && !dsic.holds,
                            verdict(bic) + "; " + verdict(bb) + "; " + verdict(dsic)};
       }});
  registry.add(
      {"003/sec5.1-gvcg", "seeds/003, §5.1 (spec §1.2)",
       "The generalized VCG mechanism (q, alpha^q) is ex post IR and feasible, with alpha <= 0; "
       "it need not be interim IC (two bidders with a common state: agent b1 of signal h gains "
       "72/205 by reporting l).",
       Expected::holds, "", [](Progress& progress) {
         const auto p = mechanism::prepare(mechanism::instances::interdependent_pair());
         const auto m = mechanism::gvcg(p);
         bool nonpositive = true;
         for (const auto& x : m.transfers) {
           for (const auto& v : x) nonpositive = nonpositive && v <= 0;
         }
         const auto a = mechanism::audit(
             p, m, {{Property::ir_ex_post, Property::feasibility, Property::bayesian_ic}},
             progress);
         const auto& ir = find(a, Property::ir_ex_post);
         const auto& feas = find(a, Property::feasibility);
         const auto& bic = find(a, Property::bayesian_ic);
         const bool ok = nonpositive && ir.holds && feas.holds && !bic.holds &&
                         bic.largest_violation() == Rational(72, 205);
         return CheckResult{ok, fmt::format("alpha <= 0: {}; {}; {}; {}", nonpositive, verdict(ir),
                                            verdict(feas), verdict(bic))};
       }});
  registry.add(
      {"mechanism/vcg-second-price", "Vickrey (1961); Clarke (1971)",
       "VCG on a single-item auction is the second-price auction: dominant-strategy IC, ex post "
       "IR, efficient, and with three bidders uniform on {1, 2, 3} its expected revenue is "
       "E[second-highest value] = 2.",
       Expected::holds, "", [](Progress& progress) {
         const auto p = mechanism::prepare(mechanism::instances::three_bidders());
         const auto a = mechanism::audit(
             p, mechanism::vcg(p), {{Property::dsic, Property::ir_ex_post, Property::efficiency}},
             progress);
         bool ok = a.expected_revenue == 2;
         std::string evidence = "expected revenue " + to_string(a.expected_revenue);
         for (const auto& pa : a.properties) {
           ok = ok && pa.holds;
           evidence += "; " + verdict(pa);
         }
         return CheckResult{ok, evidence};
       }});
}

}  // namespace mechlab::catalog
