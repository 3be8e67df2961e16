// Claims of 002 about full-effort sets, dominance and the propositions'
// predicates (spec §1.4, §3.8–3.9, §4 T4–T6, §5): Observation 1, Corollaries
// 1–3, Propositions 1, 2, 3 (dominance), 4, 5 and 6, the Theorem 3 identity
// and the Theorem 5 example. The equilibrium and gain claims that need no
// dominance are in disclosure_claims.cpp.
#include <fmt/format.h>

#include <random>
#include <string>
#include <utility>
#include <vector>

#include "mechlab/catalog/claim.hpp"
#include "mechlab/core/rng.hpp"
#include "mechlab/disclosure/effort.hpp"
#include "mechlab/disclosure/equilibria.hpp"
#include "mechlab/disclosure/model.hpp"
#include "mechlab/disclosure/properties.hpp"
#include "mechlab/disclosure/protocol.hpp"

namespace mechlab::catalog {

namespace {

namespace dc = disclosure;
using Vec = std::vector<Rational>;

dc::Team<Rational> team_of(std::vector<Vec> values, Vec prior) {
  dc::Team<Rational> team;
  for (std::size_t i = 0; i < values.size(); ++i) team.members.push_back(fmt::format("{}", i + 1));
  team.values = std::move(values);
  team.prior = std::move(prior);
  return team;
}

dc::Team<Rational> uniform_binary(std::size_t n) {
  std::vector<Vec> values(n, Vec{fraction(0), fraction(1)});
  const long cells = 1L << n;
  return team_of(values, Vec(static_cast<std::size_t>(cells), fraction(1, cells)));
}

Vec product(const Vec& a, const Vec& b) {
  Vec out;
  for (const auto& x : a) {
    for (const auto& y : b) out.emplace_back(x * y);
  }
  return out;
}

// A random full-support pmf over `cells` outcomes with integer weights 1..9.
Vec random_pmf(Rng& rng, std::size_t cells) {
  std::uniform_int_distribution<int> weight(1, 9);
  std::vector<long> w(cells);
  long total = 0;
  for (auto& x : w) total += (x = weight(rng));
  Vec out;
  for (const long x : w) out.push_back(fraction(x, total));
  return out;
}

// A random 3-member team with 2 or 3 distinct values each.
dc::Team<Rational> random_team(Rng& rng) {
  std::uniform_int_distribution<int> size(2, 3);
  std::uniform_int_distribution<int> step(1, 3);
  std::vector<Vec> values;
  std::size_t cells = 1;
  for (int i = 0; i < 3; ++i) {
    Vec v;
    int x = step(rng) - 2;
    for (int k = size(rng); k > 0; --k) {
      v.push_back(fraction(x));
      x += step(rng);
    }
    cells *= v.size();
    values.push_back(std::move(v));
  }
  return team_of(std::move(values), random_pmf(rng, cells));
}

// Spec T4 (as in disclosure_claims.cpp).
dc::EffortTechnology<Rational> t4(bool self_improving) {
  const Vec high = {fraction(1, 4), fraction(1, 3), fraction(5, 12)};
  const Vec low = {fraction(1, 2), fraction(1, 3), fraction(1, 6)};
  dc::EffortTechnology<Rational> tech;
  tech.full =
      team_of({{fraction(0), fraction(1), fraction(2)}, {fraction(0), fraction(1), fraction(2)}},
              product(high, high));
  tech.shirk = self_improving ? std::vector<Vec>{product(low, high), product(high, low)}
                              : std::vector<Vec>{product(high, low), product(low, high)};
  return tech;
}

std::string maximal_text(const dc::FullEffortSet<Rational>& set) {
  if (set.maximal.empty()) return "{}";
  std::string out;
  for (const auto& g : set.maximal) out += (out.empty() ? "{" : ", ") + values_text(g.gain);
  return out + "}";
}

bool only_full(const std::vector<dc::Equilibrium<Rational>>& eqs) {
  for (const auto& e : eqs) {
    if (e.kind != dc::DisclosureKind::full) return false;
  }
  return true;
}

bool dominates_pointwise(const Vec& a, const Vec& b) {
  for (std::size_t c = 0; c < a.size(); ++c) {
    if (a[c] < b[c]) return false;
  }
  return true;
}

void add_equilibrium_claims(Registry& registry) {
  registry.add(
      {"002/obs1-correlated", "seeds/002, Observation 1 (spec §1.4)",
       "If outcomes are perfectly correlated across members, then for every deliberation protocol "
       "the unique equilibrium outcome is full disclosure.",
       Expected::holds, "", [](Progress& progress) {
         // Three members, three diagonal outcomes with different values per member.
         const std::vector<Vec> values{{fraction(0), fraction(1), fraction(3)},
                                       {fraction(-1), fraction(0), fraction(2)},
                                       {fraction(0), fraction(5), fraction(6)}};
         const Vec diagonal{fraction(1, 3), fraction(1, 2), fraction(1, 6)};
         bool ok = true;
         std::size_t protocols = 0;
         std::size_t rules = 0;
         for (const auto& protocol : dc::all_monotone_protocols(3)) {
           progress.check();
           ++protocols;
           for (const auto& d : dc::correlated_equilibrium_rules(values, diagonal, protocol)) {
             ++rules;
             std::size_t concealed = 0;
             for (const auto& x : d) concealed += x < 1 ? 1 : 0;
             ok = ok && concealed <= 1;
           }
         }
         // Independent outcomes with the same marginals: consensus conceals.
         const auto team = team_of({values[0], values[1]}, product(diagonal, diagonal));
         const auto eqs = dc::all_equilibria(team, dc::unanimity(2), {}, progress);
         ok = ok && !only_full(eqs);
         return CheckResult{
             ok, fmt::format("N = 3, 3 diagonal outcomes, all {} protocols: {} equilibrium rules "
                             "(threshold profiles with at most one mixer), each conceals at most "
                             "one outcome; the same marginals independent under N = 2 consensus "
                             "give {} equilibrium classes, not all full disclosure",
                             protocols, rules, eqs.size())};
       }});
  registry.add(
      {"002/cor1-k-majority", "seeds/002, Corollary 1 (spec §1.4, Z1)",
       "Suppose D is a K-majority procedure. Full disclosure is the unique equilibrium outcome iff "
       "K = 1, and all equilibria that are consistent with deliberation are interior iff "
       "K <= N/2.",
       Expected::erratum,
       "Full disclosure is unique iff K = 1 (holds); all deliberation-consistent equilibria are "
       "interior iff D requires more consensus to disclose, i.e. iff 2K >= N + 2: the printed "
       "second clause is reversed (N = 2, K = 1: K <= N/2, yet the full-disclosure equilibrium "
       "is consistent with deliberation and not interior).",
       [](Progress& progress) {
         bool unique_ok = true;
         bool corrected_ok = true;
         bool printed_fails = false;
         std::string rows;
         for (std::size_t n = 2; n <= 5; ++n) {
           const auto team = uniform_binary(n);
           std::string row;
           for (std::size_t k = 1; k <= n; ++k) {
             const auto eqs = dc::all_equilibria(team, dc::k_majority(n, k), {}, progress);
             bool all_interior = true;
             for (const auto& e : eqs) {
               if (e.consistent_with_deliberation && e.kind != dc::DisclosureKind::interior)
                 all_interior = false;
             }
             unique_ok = unique_ok && only_full(eqs) == (k == 1);
             corrected_ok = corrected_ok && all_interior == (2 * k >= n + 2);
             printed_fails = printed_fails || all_interior != (2 * k <= n);
             row += fmt::format("{}{}", k == 1 ? "" : " ", all_interior ? "y" : "n");
           }
           rows += fmt::format("{}N = {}: {}", rows.empty() ? "" : "; ", n, row);
         }
         return CheckResult{unique_ok && corrected_ok && printed_fails,
                            fmt::format("iid uniform binary outcomes; FD unique exactly at K = 1; "
                                        "all consistent equilibria interior for K = 1..N: {} "
                                        "(= 2K >= N + 2, never K <= N/2)",
                                        rows)};
       }});
  registry.add(
      {"002/cor2-more-rights", "seeds/002, Corollary 2 (spec §1.4, Z8)",
       "With binary outcomes, if D(x) = 1 implies D'(x) = 1 and d is an equilibrium under D, then "
       "some equilibrium d' under D' has d' >= d.",
       Expected::holds, "", [](Progress& progress) {
         // Z8: full disclosure makes the printed statement trivial; the
         // informative version compares the least-disclosure rules d_D.
         Rng rng(2202);
         const auto protocols = dc::all_monotone_protocols(3);
         bool printed = true;
         bool informative = true;
         std::size_t pairs = 0;
         for (int model = 0; model < 2; ++model) {
           const auto team = team_of({{fraction(0), fraction(1)},
                                      {fraction(-1), fraction(2)},
                                      {fraction(1), fraction(4)}},
                                     random_pmf(rng, 8));
           std::vector<std::vector<dc::Equilibrium<Rational>>> eqs;
           for (const auto& p : protocols) eqs.push_back(dc::all_equilibria(team, p, {}, progress));
           for (std::size_t a = 0; a < protocols.size(); ++a) {
             for (std::size_t b = 0; b < protocols.size(); ++b) {
               bool subset = true;
               for (std::size_t s = 0; s < protocols[a].winning.size(); ++s)
                 subset = subset && (!protocols[a].winning[s] || protocols[b].winning[s]);
               if (!subset) continue;
               ++pairs;
               for (const auto& e : eqs[a]) {
                 bool covered = false;
                 for (const auto& f : eqs[b])
                   covered = covered || dominates_pointwise(f.disclosure, e.disclosure);
                 printed = printed && covered;
               }
               informative = informative &&
                             dominates_pointwise(dc::least_disclosure_rule(team, protocols[b]),
                                                 dc::least_disclosure_rule(team, protocols[a]));
             }
           }
         }
         return CheckResult{
             printed && informative,
             fmt::format("2 random binary 3-member models, {} protocol pairs W within W': every "
                         "equilibrium of D is covered by one of D' (trivially by full disclosure, "
                         "Z8), and the least-disclosure rules satisfy d_D' >= d_D",
                         pairs)};
       }});
  registry.add(
      {"002/prop1-threshold", "seeds/002, Proposition 1 (spec §1.4)",
       "Every equilibrium is equivalent (same d) to one in which every member uses a threshold "
       "strategy.",
       Expected::holds, "", [](Progress& progress) {
         Rng rng(2101);
         bool ok = true;
         std::size_t checked = 0;
         std::size_t equilibria = 0;
         std::string failure;
         const std::vector<dc::Protocol> protocols = {dc::k_majority(3, 2), dc::unanimity(3),
                                                      dc::leader(3, 0),
                                                      dc::from_minimal_winning(3, {0b001, 0b110})};
         for (int model = 0; model < 2; ++model) {
           const auto team = random_team(rng);
           const auto space = dc::outcome_space(team);
           for (const auto& protocol : protocols) {
             const auto classes = dc::all_equilibria(team, protocol, {}, progress);
             // Every pure own-outcome profile, threshold or not.
             std::size_t bits = 0;
             for (const auto& v : team.values) bits += v.size();
             for (std::size_t mask = 0; mask < (std::size_t{1} << bits); ++mask) {
               std::vector<Vec> votes;
               std::size_t bit = 0;
               for (const auto& v : team.values) {
                 Vec x;
                 for (std::size_t k = 0; k < v.size(); ++k, ++bit)
                   x.push_back(((mask >> bit) & 1U) != 0 ? fraction(1) : fraction(0));
                 votes.push_back(std::move(x));
               }
               Vec d;
               for (std::size_t c = 0; c < space.size(); ++c) {
                 Vec x;
                 for (std::size_t i = 0; i < 3; ++i) x.push_back(votes[i][space.digit(c, i)]);
                 d.push_back(dc::deliberate(protocol, x));
               }
               const auto [p, posterior] = dc::no_disclosure_posterior(team, d);
               if (posterior.empty()) continue;  // full disclosure: always a class
               ++checked;
               if (dc::verify_equilibrium(team, protocol, votes, posterior)) continue;
               ++equilibria;
               bool found = false;
               for (const auto& e : classes) found = found || e.disclosure == d;
               if (!found && failure.empty())
                 failure = fmt::format(
                     "; model {}, {}: an equilibrium rule without a threshold "
                     "class",
                     model, protocol.name);
               ok = ok && found;
             }
           }
         }
         return CheckResult{
             ok, fmt::format("2 random 3-member models x 4 protocols: {} pure own-outcome vote "
                             "profiles with P(ND) > 0 (threshold or not), {} of them equilibria "
                             "(Definition 1), each with the same d as a threshold class{}",
                             checked, equilibria, failure)};
       }});
  registry.add(
      {"002/prop2-least-disclosure", "seeds/002, Proposition 2 (spec §1.4, §3.4)",
       "With binary outcomes, in any interior equilibrium d(omega) = D(1_H(omega), 0_L(omega)).",
       Expected::holds, "", [](Progress& progress) {
         // The stronger form the spec proves: d_D is an equilibrium for every D
         // and every equilibrium discloses at least as much.
         Rng rng(2102);
         bool ok = true;
         std::size_t runs = 0;
         std::size_t interior = 0;
         for (int model = 0; model < 2; ++model) {
           const auto team = team_of({{fraction(0), fraction(1)},
                                      {fraction(-1), fraction(2)},
                                      {fraction(1), fraction(4)}},
                                     random_pmf(rng, 8));
           for (const auto& protocol : dc::all_monotone_protocols(3)) {
             ++runs;
             const auto least = dc::least_disclosure_rule(team, protocol);
             bool found = false;
             for (const auto& e : dc::all_equilibria(team, protocol, {}, progress)) {
               found = found || e.disclosure == least;
               ok = ok && dominates_pointwise(e.disclosure, least);
               if (e.kind == dc::DisclosureKind::interior) {
                 ++interior;
                 ok = ok && e.disclosure == least;
               }
             }
             ok = ok && found;
           }
         }
         return CheckResult{ok, fmt::format("2 random binary 3-member models x all 18 protocols: "
                                            "d_D is an equilibrium in all {} runs, every "
                                            "equilibrium has d >= d_D, and all {} interior "
                                            "equilibria equal d_D",
                                            runs, interior)};
       }});
  registry.add(
      {"002/cor3-n2", "seeds/002, Corollary 3 for N = 2 (spec §1.4, Z2)",
       "With binary outcomes, the same marginals and more outcome correlation, the interior "
       "equilibrium is unchanged and P'(d = 1, omega_i = h) >= P(d = 1, omega_i = h), "
       "P'(d = 0, omega_i = l) >= P(d = 0, omega_i = l) (for two members; 002/z2-cor3-n3 is "
       "the N >= 3 counterexample).",
       Expected::holds, "", [](Progress& progress) {
         Rng rng(2103);
         std::uniform_int_distribution<int> weight(1, 9);
         bool ok = true;
         std::string sample;
         for (int draw = 0; draw < 6; ++draw) {
           const Vec f = random_pmf(rng, 4);  // cells ll, lh, hl, hh
           // More correlation with the same marginals: move mass δ from the
           // off-diagonal to the diagonal.
           const Rational room = f[1] < f[2] ? f[1] : f[2];
           const Rational delta = room * fraction(weight(rng), 10);
           const Vec g{f[0] + delta, f[1] - delta, f[2] - delta, f[3] + delta};
           const auto measure = [&](const Vec& prior) {
             const auto team =
                 team_of({{fraction(0), fraction(1)}, {fraction(0), fraction(1)}}, prior);
             Vec out;
             for (const auto& e : dc::all_equilibria(team, dc::unanimity(2), {}, progress)) {
               if (e.kind != dc::DisclosureKind::interior) continue;
               // member 1: P(d = 1, h), P(d = 0, l); member 2 likewise.
               out = {prior[2] * e.disclosure[2] + prior[3] * e.disclosure[3],
                      prior[0] * (1 - e.disclosure[0]) + prior[1] * (1 - e.disclosure[1]),
                      prior[1] * e.disclosure[1] + prior[3] * e.disclosure[3],
                      prior[0] * (1 - e.disclosure[0]) + prior[2] * (1 - e.disclosure[2])};
             }
             return out;
           };
           const Vec a = measure(f);
           const Vec b = measure(g);
           ok = ok && a.size() == 4 && b.size() == 4 && dominates_pointwise(b, a);
           if (draw == 0) sample = fmt::format("{} -> {}", values_text(a), values_text(b));
         }
         return CheckResult{
             ok, fmt::format("6 random two-member binary F, consensual, F' = F + delta on the "
                             "diagonal: both inequalities hold for both members; first draw "
                             "(P(d=1,h_1), P(d=0,l_1), P(d=1,h_2), P(d=0,l_2)): {}",
                             sample)};
       }});
}

void add_incentive_claims(Registry& registry) {
  registry.add(
      {"002/thm3-identity", "seeds/002, Theorem 3, eq. (4), eq. (5), A.5-A.6 (spec §4 T4)",
       "The full-effort condition (4), its covariance form (5) and the difference of member i's "
       "payoffs U_i(e_N) - U_i(e_N\\i) coincide.",
       Expected::holds, "", [](Progress& progress) {
         Rng rng(2003);
         bool ok = true;
         std::size_t count = 0;
         std::string sample;
         for (int model = 0; model < 8; ++model) {
           const auto team = team_of({{fraction(0), fraction(1), fraction(3)},
                                      {fraction(0), fraction(2)},
                                      {fraction(-1), fraction(1)}},
                                     random_pmf(rng, 12));
           dc::EffortTechnology<Rational> tech{team, {}};
           for (int i = 0; i < 3; ++i) tech.shirk.push_back(random_pmf(rng, 12));
           const auto space = dc::outcome_space(team);
           for (const auto& e : dc::all_equilibria(team, dc::k_majority(3, 2), {}, progress)) {
             if (e.posterior.empty()) continue;  // (4) and (5) need P(ND | e_N) > 0
             ++count;
             const auto g = dc::effort_gains(tech, e.disclosure, e.posterior);
             for (std::size_t i = 0; i < 3; ++i) {
               // U_i directly from the definition (A.5), ω^ND frozen.
               const auto payoff = [&](const Vec& pmf) {
                 Rational u(0);
                 for (std::size_t c = 0; c < space.size(); ++c) {
                   const Rational& w = team.values[i][space.digit(c, i)];
                   u += pmf[c] * (e.disclosure[c] * w + (1 - e.disclosure[c]) * e.posterior[i]);
                 }
                 return u;
               };
               const Rational direct = payoff(team.prior) - payoff(tech.shirk[i]);
               const Rational eq4 =
                   g.delta_mean[i] - g.prob_nd_shirk[i] * (g.mean_nd_full[i] - g.mean_nd_shirk[i]);
               const Rational eq5 = (1 - g.prob_nd_shirk[i]) * g.delta_mean[i] +
                                    g.prob_nd_shirk[i] / g.prob_nd_full * g.cov_full[i] -
                                    g.cov_shirk[i];
               ok = ok && direct == eq4 && direct == eq5 && direct == g.gain[i];
               if (sample.empty())
                 sample = fmt::format("member 1 of the first: (4) = (5) = direct = {}",
                                      to_string(direct));
             }
           }
         }
         return CheckResult{ok && count > 1,
                            fmt::format("8 random 3-member models on {{0,1,3}} x {{0,2}} x "
                                        "{{-1,1}}, K = 2: {} equilibria with P(ND) > 0, all three "
                                        "forms equal exactly for every member; {}",
                                        count, sample)};
       }});
  registry.add(
      {"002/prop3-dominance", "seeds/002, Proposition 3 (spec §3.8-3.9, T4)",
       "(1) With self-improving effort the unilateral protocol dominates every protocol (strictly "
       "every RMC protocol under the Theorem 2 refinement); (2) with team-improving effort it is "
       "strictly dominated by the consensual protocol; (3) then no protocol in which a member can "
       "disclose alone dominates the consensual one.",
       Expected::holds, "", [](Progress& progress) {
         const auto self = t4(true);
         const auto team = t4(false);
         const auto self_type = dc::effort_type(self);
         const auto team_type = dc::effort_type(team);
         bool ok = self_type.productive && self_type.self_improving && !self_type.team_improving &&
                   team_type.productive && team_type.team_improving && !team_type.self_improving;
         const auto uni_self = dc::full_effort_set(self, dc::unilateral(2),
                                                   dc::FullEffortVariant::all_equilibria, progress);
         for (const auto& p : dc::all_monotone_protocols(2)) {
           const auto other =
               dc::full_effort_set(self, p, dc::FullEffortVariant::all_equilibria, progress);
           ok = ok && dc::dominance(uni_self, other).dominates;
         }
         const auto cons_refined =
             dc::full_effort_set(self, dc::unanimity(2), dc::FullEffortVariant::refined, progress);
         const auto strict1 = dc::dominance(uni_self, cons_refined);
         ok = ok && strict1.strict;
         const auto cons = dc::full_effort_set(team, dc::unanimity(2),
                                               dc::FullEffortVariant::all_equilibria, progress);
         const auto uni = dc::full_effort_set(team, dc::unilateral(2),
                                              dc::FullEffortVariant::all_equilibria, progress);
         const auto strict2 = dc::dominance(cons, uni);
         ok = ok && strict2.strict;
         std::string rivals;
         for (const auto& p : {dc::unilateral(2), dc::leader(2, 0), dc::leader(2, 1)}) {
           const auto rival =
               dc::full_effort_set(team, p, dc::FullEffortVariant::all_equilibria, progress);
           const auto d = dc::dominance(rival, cons);
           ok = ok && !d.dominates;
           rivals +=
               fmt::format("{}{} {}", rivals.empty() ? "" : ", ", p.name, maximal_text(rival));
         }
         return CheckResult{
             ok, fmt::format("T4 self-improving (detected): FE(unilateral) = {} covers all 4 "
                             "protocols, refined FE(consensual) = {}; team-improving (detected): "
                             "FE(consensual) = {} strictly beats FE(unilateral) = {}; rivals "
                             "with a unilateral member: {} (none covers (1/6, 1/6))",
                             maximal_text(uni_self), maximal_text(cons_refined), maximal_text(cons),
                             maximal_text(uni), rivals)};
       }});
  registry.add(
      {"002/prop4-epsilon-bar", "seeds/002, Proposition 4 (spec §4 T6)",
       "With F_eps(e_N) = (1 - eps) F + eps G, G perfectly correlated, every protocol other than "
       "the unilateral one strictly dominates it for eps above some threshold.",
       Expected::holds, "", [](Progress& progress) {
         const Vec f{fraction(2, 5), fraction(3, 5)};
         const Vec half{fraction(1, 2), fraction(1, 2)};
         dc::EffortTechnology<Rational> base;
         base.full =
             team_of({{fraction(0), fraction(1)}, {fraction(0), fraction(1)}}, product(f, f));
         base.shirk = {product(half, half), product(half, half)};
         const Vec g{fraction(1, 10), fraction(0), fraction(0), fraction(9, 10)};
         const auto bar = dc::prop4_epsilon_bar(base, g, dc::unanimity(2));
         std::string values;
         bool ok = bar.epsilon_bar && *bar.epsilon_bar == fraction(4, 9);
         for (const auto& [eps, strict] : std::vector<std::pair<Rational, bool>>{
                  {fraction(0), false}, {fraction(4, 9), false}, {fraction(9, 20), true}}) {
           const auto tech = dc::mixture_technology(base, g, eps);
           const auto cons = dc::full_effort_set(tech, dc::unanimity(2),
                                                 dc::FullEffortVariant::all_equilibria, progress);
           const auto uni = dc::full_effort_set(tech, dc::unilateral(2),
                                                dc::FullEffortVariant::all_equilibria, progress);
           const auto d = dc::dominance(cons, uni);
           ok = ok && d.dominates && d.strict == strict;
           Rational fd;
           Rational interior;
           for (const auto& x : cons.gains)
             (x.kind == dc::DisclosureKind::full ? fd : interior) = x.gain[0];
           values +=
               fmt::format("; eps = {}: FD {} (~{:.5f}), consensual {} (~{:.5f})", to_string(eps),
                           to_string(fd), fd.get_d(), to_string(interior), interior.get_d());
         }
         return CheckResult{
             ok, fmt::format("T6 (F iid 3/5, deviation iid 1/2, G(11) = 9/10): "
                             "eps_bar = {} from 0.24(1-eps)/(0.64-0.54eps) = 1/3{}",
                             bar.epsilon_bar ? to_string(*bar.epsilon_bar) : std::string("none"),
                             values)};
       }});
  registry.add(
      {"002/prop5-effective-leader", "seeds/002, Proposition 5 (spec §4 T5)",
       "Member i is an effective team leader (leader i strictly dominates unilateral disclosure) "
       "if E[omega_j | lowest omega_i; e_N] < E[omega_j | lowest omega_i; e_N\\j] for all j.",
       Expected::holds, "", [](Progress& progress) {
         dc::EffortTechnology<Rational> tech;
         tech.full = team_of({{fraction(0), fraction(1)}, {fraction(0), fraction(1)}},
                             {fraction(3, 10), fraction(1, 10), fraction(1, 10), fraction(1, 2)});
         const Vec shirk{fraction(3, 10), fraction(3, 20), fraction(3, 20), fraction(2, 5)};
         tech.shirk = {shirk, shirk};
         const auto cond = dc::prop5_effective_leader(tech, 0);
         const auto lead = dc::full_effort_set(tech, dc::leader(2, 0),
                                               dc::FullEffortVariant::all_equilibria, progress);
         const auto uni = dc::full_effort_set(tech, dc::unilateral(2),
                                              dc::FullEffortVariant::all_equilibria, progress);
         const auto d = dc::dominance(lead, uni);
         Rational mixing(-1);
         for (const auto& e : lead.equilibria) {
           if (e.degenerate) mixing = dc::effort_gains(tech, e.disclosure, e.posterior).gain[1];
         }
         const bool ok = cond.holds && cond.mean_full[1] == fraction(1, 4) &&
                         cond.mean_shirk[1] == fraction(1, 3) && d.strict &&
                         maximal_text(lead) == "{(1/20, 7/80)}" && mixing == fraction(11, 160);
         return CheckResult{
             ok, fmt::format("T5: E[omega_2 | omega_1 = 0] = {} under e_N < {} when 2 shirks; "
                             "member 2's gains: FD 1/20, leader-partial 7/80, alpha = 1/2 mixing "
                             "{}; FE(leader 1) = {} strictly dominates FE(unilateral) = {}",
                             to_string(cond.mean_full[1]), to_string(cond.mean_shirk[1]),
                             to_string(mixing), maximal_text(lead), maximal_text(uni))};
       }});
  registry.add(
      {"002/prop6-sign-pattern", "seeds/002, Proposition 6 (spec §5)",
       "In the symmetric binary model, K = 1 is strictly dominated by every K > 1 in cases (i) "
       "team-improving and (ii) correlation-raising effort, and dominates every K-majority in "
       "cases (iii) self-improving and (iv) common-outcome effort.",
       Expected::holds, "", [](Progress& progress) {
         Rng rng(2006);
         std::uniform_int_distribution<int> members(2, 9);
         std::vector<std::size_t> seen(4, 0);
         bool ok = true;
         std::string failure;
         for (int draw = 0; draw < 1000; ++draw) {
           if (draw % 50 == 0) progress.check();
           const int which = draw % 4;
           const auto n = static_cast<std::size_t>(members(rng));
           const auto m = dc::random_prop6_model(rng, static_cast<dc::Prop6Case>(which), n);
           const auto check = dc::prop6_check(m);
           ok = ok && check.holds && static_cast<int>(check.which) == which;
           if (!check.holds && failure.empty())
             failure = fmt::format("; fails in case {} at K = {}", dc::prop6_case_text(check.which),
                                   check.violation.value_or(0));
           ++seen[static_cast<std::size_t>(which)];
         }
         return CheckResult{ok, fmt::format("1000 seeded draws (N = 2-9, one parameter lowered by "
                                            "the shirker), {}/{}/{}/{} in cases (i)-(iv): "
                                            "(i), (ii) G_K > G_1 for all K >= 2; (iii), (iv) "
                                            "G_K <= G_1{}",
                                            seen[0], seen[1], seen[2], seen[3], failure)};
       }});
}

// Definition 1 for strategies that may depend on the whole ω (Theorem 5 mode):
// votes[c][i] at cell c.
bool generalised_equilibrium(const dc::Team<Rational>& team, const dc::Protocol& protocol,
                             const std::vector<Vec>& votes, const Vec& belief) {
  const auto space = dc::outcome_space(team);
  const std::size_t n = team.member_count();
  for (std::size_t c = 0; c < space.size(); ++c) {
    for (dc::Coalition s = 1; s <= protocol.all(); ++s) {
      bool above = true;
      bool below = true;
      Vec yes = votes[c];
      Vec no = votes[c];
      for (std::size_t i = 0; i < n; ++i) {
        if (((s >> i) & 1U) == 0) continue;
        const Rational& w = team.values[i][space.digit(c, i)];
        above = above && w > belief[i];
        below = below && w < belief[i];
        yes[i] = 1;
        no[i] = 0;
      }
      if ((!above && !below) || !(dc::deliberate(protocol, no) < dc::deliberate(protocol, yes)))
        continue;
      for (std::size_t i = 0; i < n; ++i) {
        if (((s >> i) & 1U) != 0 && votes[c][i] != (above ? 1 : 0)) return false;
      }
    }
  }
  return true;
}

void add_generalised_claims(Registry& registry) {
  registry.add(
      {"002/thm5-generalised", "seeds/002, Theorem 5 and Appendix B.2 (spec §1.4, T1)",
       "With strategies that may depend on the whole outcome, a partial-disclosure equilibrium "
       "need not be interior even when no member can disclose alone: N = 3, iid uniform binary, "
       "majority, A and B vote no iff omega_A = omega_B = 0, C always votes yes.",
       Expected::holds, "", [](Progress& progress) {
         progress.check();
         const auto team = uniform_binary(3);
         const auto space = dc::outcome_space(team);
         std::vector<Vec> votes;
         Vec d;
         for (std::size_t c = 0; c < space.size(); ++c) {
           const bool both_low = space.digit(c, 0) == 0 && space.digit(c, 1) == 0;
           votes.push_back({fraction(both_low ? 0 : 1), fraction(both_low ? 0 : 1), fraction(1)});
           d.push_back(dc::deliberate(dc::k_majority(3, 2), votes.back()));
         }
         const auto [p, belief] = dc::no_disclosure_posterior(team, d);
         const bool equilibrium =
             generalised_equilibrium(team, dc::k_majority(3, 2), votes, belief);
         // Not interior: member C's outcome is never pinned (both values concealed),
         // but A's is: only omega_A = 0 is concealed.
         bool a_high_concealed = false;
         for (std::size_t c = 0; c < space.size(); ++c)
           a_high_concealed = a_high_concealed || (d[c] < 1 && space.digit(c, 0) == 1);
         const bool ok = equilibrium && !a_high_concealed && p == fraction(1, 4) &&
                         dc::no_member_discloses_alone(dc::k_majority(3, 2));
         return CheckResult{
             ok, fmt::format("Definition 1 with whole-outcome strategies holds at omega^ND = {}, "
                             "P(ND) = {}; only omega_A = 0 outcomes are concealed, so the "
                             "equilibrium is partial, not interior, while no member can disclose "
                             "alone",
                             values_text(belief), to_string(p))};
       }});
}

}  // namespace

void add_disclosure_theory_claims(Registry& registry) {
  add_equilibrium_claims(registry);
  add_incentive_claims(registry);
  add_generalised_claims(registry);
}

}  // namespace mechlab::catalog
