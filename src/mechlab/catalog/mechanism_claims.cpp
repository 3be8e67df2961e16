// Claims about static mechanisms (003 §1.2 and §5.1; 004 §3.5, §3.7 and
// Appendix E), each recomputed from the model: the choice rule, the transfers
// and an exact audit.
#include <fmt/format.h>

#include "mechlab/catalog/claim.hpp"
#include "mechlab/core/error.hpp"
#include "mechlab/mechanism/audit.hpp"
#include "mechlab/mechanism/design.hpp"
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

mechanism::DesignSpec<Rational> spec(mechanism::IcConstraint ic, mechanism::IrConstraint ir,
                                     mechanism::BudgetConstraint budget) {
  mechanism::DesignSpec<Rational> s;
  s.ic = ic;
  s.ir = ir;
  s.budget = budget;
  return s;
}

// E[max_i φ(v_i)^+] for i.i.d. values uniform on {1..k}: the discrete virtual
// value of v is v − (1 − F(v)) / f(v) = v − (k − v) (unit grid), and the
// optimal revenue is the expected largest non-negative virtual value.
Rational myerson_closed_form(std::size_t bidders, long k) {
  std::vector<long> profile(bidders, 1);
  Rational total = 0;
  Rational weight(1);
  for (std::size_t i = 0; i < bidders; ++i) weight /= k;
  while (true) {
    long best = 0;
    for (const long v : profile) best = std::max(best, v - (k - v));
    total += weight * best;
    std::size_t i = 0;
    while (i < bidders && profile[i] == k) profile[i++] = 1;
    if (i == bidders) break;
    ++profile[i];
  }
  return total;
}

std::string lp_text(const mechanism::DesignResult<Rational>& r) {
  return lp::status_text(r.lp) +
         (r.lp.status == lp::SolveStatus::optimal ? ", revenue " + to_string(r.revenue) : "");
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
  using mechanism::BudgetConstraint;
  using mechanism::IcConstraint;
  using mechanism::IrConstraint;
  registry.add(
      {"mechanism/myerson-discrete", "Myerson (1981); discrete virtual values (Elkind 2007)",
       "The revenue-maximising BIC, interim IR auction for two bidders with values uniform on "
       "{1,...,5} earns E[max_i phi(v_i)^+] = 71/25, with phi(v) = v - (1 - F(v))/f(v) on the "
       "grid; a DSIC, ex post IR mechanism earns the same.",
       Expected::holds, "", [](Progress& progress) {
         const auto p = mechanism::prepare(mechanism::instances::myerson_grid());
         const Rational closed = myerson_closed_form(2, 5);
         const auto bic = mechanism::design(
             p, spec(IcConstraint::bic, IrConstraint::interim, BudgetConstraint::none), progress);
         const auto dsic = mechanism::design(
             p, spec(IcConstraint::dsic, IrConstraint::ex_post, BudgetConstraint::none), progress);
         const bool ok = bic.lp.certified && dsic.lp.certified && bic.revenue == closed &&
                         dsic.revenue == closed;
         return CheckResult{ok,
                            fmt::format("closed form {}; BIC/interim IR: {}; DSIC/ex post IR: {}",
                                        to_string(closed), lp_text(bic), lp_text(dsic))};
       }});
  registry.add(
      {"mechanism/cremer-mclean", "Cremer and McLean (1988)",
       "With correlated values whose conditional beliefs are linearly independent, a BIC, "
       "interim IR mechanism extracts the full expected surplus (two bidders, values {1,2,3}, "
       "P proportional to 4, 2, 1 as |t1 - t2| = 0, 1, 2: revenue 25/11).",
       Expected::holds, "", [](Progress& progress) {
         const auto p = mechanism::prepare(mechanism::instances::cremer_mclean());
         Rational surplus = 0;
         for (std::size_t t = 0; t < p.profile_count(); ++t) {
           Rational best = 0;
           for (std::size_t c = 0; c < p.alternative_count(); ++c) {
             Rational w = 0;
             for (std::size_t i = 0; i < p.agent_count(); ++i) w += p.value_hat(i, t, c);
             best = std::max(best, w);
           }
           surplus += p.p_profile[t] * best;
         }
         const auto r = mechanism::design(
             p, spec(IcConstraint::bic, IrConstraint::interim, BudgetConstraint::none), progress);
         return CheckResult{
             r.lp.certified && r.revenue == surplus,
             fmt::format("expected efficient surplus {}; {}", to_string(surplus), lp_text(r))};
       }});
  registry.add(
      {"mechanism/myerson-satterthwaite", "Myerson and Satterthwaite (1983)",
       "No mechanism for bilateral trade is efficient, BIC, interim IR and ex post budget "
       "balanced when the supports overlap (buyer {1,3,5}, seller {0,2,4}): the design LP is "
       "infeasible, with an exact Farkas certificate.",
       Expected::holds, "", [](Progress& progress) {
         const auto p = mechanism::prepare(mechanism::instances::bilateral_trade());
         auto s = spec(IcConstraint::bic, IrConstraint::interim, BudgetConstraint::ex_post);
         s.free_outcome = false;
         s.outcome_name = "efficient";
         s.outcome = mechanism::efficient_mechanism(p).outcome;
         s.objective = mechanism::DesignObjective::feasibility;
         const auto r = mechanism::design(p, s, progress);
         const bool ok = r.lp.status == lp::SolveStatus::infeasible && r.lp.certified;
         return CheckResult{
             ok, fmt::format("{}: {} rows in the certificate, bound {}", lp::status_text(r.lp),
                             r.farkas.size(), to_string(r.farkas_bound))};
       }});
  registry.add(
      {"mechanism/vcg-not-revenue-maximal-discrete",
       "Krishna, Auction Theory (2010), §5.2; "
       "computed",
       "Among efficient, DSIC, ex post IR mechanisms VCG is revenue-maximal with continuous "
       "types (revenue equivalence); on a discrete grid it is not: with three bidders uniform on "
       "{1,2,3} VCG earns 2 and the best efficient DSIC mechanism 7/3.",
       Expected::holds, "", [](Progress& progress) {
         const auto p = mechanism::prepare(mechanism::instances::three_bidders());
         auto s = spec(IcConstraint::dsic, IrConstraint::ex_post, BudgetConstraint::none);
         s.free_outcome = false;
         s.outcome_name = "efficient";
         s.outcome = mechanism::efficient_mechanism(p).outcome;
         const auto r = mechanism::design(p, s, progress);
         const auto vcg = mechanism::audit(p, mechanism::vcg(p), {{Property::dsic}}, progress);
         const bool ok = r.lp.certified && r.revenue == Rational(7, 3) && vcg.expected_revenue == 2;
         return CheckResult{ok, fmt::format("VCG revenue {}; best efficient DSIC: {}",
                                            to_string(vcg.expected_revenue), lp_text(r))};
       }});
}

}  // namespace mechlab::catalog
