// Claims of 002 (Onuchic & Ramos, "Disclosure and Incentives in Teams"),
// recomputed exactly: all equilibria of the disclosure game (Theorems 1–2,
// Proposition 2, the Appendix B.2 example), effort incentives (Theorem 3,
// Propositions 3 and 5), the §4.3 binary model (eq. 15, Numerical Result 1),
// and the errata of spec Appendix Z.
#include <fmt/format.h>

#include <string>
#include <vector>

#include "mechlab/catalog/claim.hpp"
#include "mechlab/core/rng.hpp"
#include "mechlab/disclosure/effort.hpp"
#include "mechlab/disclosure/equilibria.hpp"
#include "mechlab/disclosure/model.hpp"
#include "mechlab/disclosure/protocol.hpp"

namespace mechlab::catalog {

namespace {

namespace dc = disclosure;

// N members with binary outcomes {0, 1}, iid uniform.
dc::Team<Rational> uniform_binary(std::size_t n) {
  dc::Team<Rational> team;
  for (std::size_t i = 0; i < n; ++i) {
    team.members.push_back(fmt::format("{}", i + 1));
    team.values.push_back({fraction(0), fraction(1)});
  }
  team.prior.assign(std::size_t{1} << n, fraction(1, static_cast<long>(std::size_t{1} << n)));
  return team;
}

// A random full-support team: 3 members, 2 or 3 values each, integer weights.
dc::Team<Rational> random_team(Rng& rng) {
  std::uniform_int_distribution<int> size(2, 3);
  std::uniform_int_distribution<int> value(0, 4);
  std::uniform_int_distribution<int> weight(1, 6);
  dc::Team<Rational> team;
  std::size_t cells = 1;
  for (std::size_t i = 0; i < 3; ++i) {
    team.members.push_back(fmt::format("m{}", i + 1));
    const int m = size(rng);
    std::vector<Rational> v;
    int x = value(rng) - 2;
    for (int k = 0; k < m; ++k) {
      v.push_back(fraction(x));
      x += 1 + value(rng) % 3;
    }
    cells *= v.size();
    team.values.push_back(std::move(v));
  }
  long total = 0;
  std::vector<long> w(cells);
  for (auto& x : w) {
    x = weight(rng);
    total += x;
  }
  for (const long x : w) team.prior.push_back(fraction(x, total));
  return team;
}

const char* kind_text(dc::DisclosureKind kind) {
  switch (kind) {
    case dc::DisclosureKind::full: return "full";
    case dc::DisclosureKind::partial: return "partial";
    default: return "interior";
  }
}

// Spec T4: N = 2, Ω_i = {0, 1, 2}, independent; "high" = (1/4, 1/3, 5/12),
// "low" = (1/2, 1/3, 1/6); F(e_N) = high ⊗ high. Self-improving: i's shirking
// lowers i's own marginal; team-improving: it lowers the other's.
dc::EffortTechnology<Rational> t4(bool self_improving) {
  const std::vector<Rational> high = {fraction(1, 4), fraction(1, 3), fraction(5, 12)};
  const std::vector<Rational> low = {fraction(1, 2), fraction(1, 3), fraction(1, 6)};
  const auto product = [](const std::vector<Rational>& a, const std::vector<Rational>& b) {
    std::vector<Rational> out;
    for (const auto& x : a)
      for (const auto& y : b) out.emplace_back(x * y);
    return out;
  };
  dc::EffortTechnology<Rational> tech;
  tech.full.members = {"1", "2"};
  tech.full.values = {{fraction(0), fraction(1), fraction(2)},
                      {fraction(0), fraction(1), fraction(2)}};
  tech.full.prior = product(high, high);
  tech.shirk = self_improving
                   ? std::vector<std::vector<Rational>>{product(low, high), product(high, low)}
                   : std::vector<std::vector<Rational>>{product(high, low), product(low, high)};
  return tech;
}

// The gains of every equilibrium of `protocol` under F(e_N), by kind.
std::vector<std::pair<dc::DisclosureKind, std::vector<Rational>>> gains_by_equilibrium(
    const dc::EffortTechnology<Rational>& tech, const dc::Protocol& protocol, Progress& progress) {
  std::vector<std::pair<dc::DisclosureKind, std::vector<Rational>>> out;
  for (const auto& e : dc::all_equilibria(tech.full, protocol, {}, progress)) {
    if (e.degenerate) continue;
    std::vector<Rational> posterior = e.posterior;
    if (posterior.empty())
      for (const auto& box : e.belief_box) posterior.push_back(box.first);
    out.emplace_back(e.kind, dc::effort_gains(tech, e.disclosure, posterior).gain);
  }
  return out;
}

std::string k_text(const std::vector<std::size_t>& ks) {
  std::string out;
  for (const auto k : ks) out += fmt::format("{}{}", out.empty() ? "" : "/", k);
  return out;
}

}  // namespace

void add_disclosure_claims(Registry& registry) {
  registry.add(
      {"002/appB2-example", "seeds/002, Appendix B.2 (spec §4 T1)",
       "N = 3, binary iid uniform outcomes, majority: with A and B voting no iff both have 0 and C "
       "always voting yes, nothing is disclosed iff omega_A = omega_B = 0, and the observer's "
       "beliefs are omega^ND = (0, 0, 1/2).",
       Expected::holds, "", [](Progress& progress) {
         const auto team = uniform_binary(3);
         const auto space = dc::outcome_space(team);
         std::vector<Rational> d(space.size(), fraction(1));
         for (std::size_t c = 0; c < space.size(); ++c) {
           if (space.digit(c, 0) == 0 && space.digit(c, 1) == 0) d[c] = fraction(0);
         }
         const auto [p, posterior] = dc::no_disclosure_posterior(team, d);
         // With own-outcome strategies the same rule is not an equilibrium:
         // majority's equilibria are full disclosure and d = 1{|H| >= 2}.
         const auto eqs = dc::all_equilibria(team, dc::k_majority(3, 2), {}, progress);
         bool own_outcome = false;
         std::string classes;
         for (const auto& e : eqs) {
           own_outcome = own_outcome || e.disclosure == d;
           classes += fmt::format(
               "{}{} (P(ND) = {}{})", classes.empty() ? "" : ", ", kind_text(e.kind),
               to_string(e.prob_no_disclosure),
               e.posterior.empty() ? std::string() : ", omega^ND = " + values_text(e.posterior));
         }
         const bool ok =
             posterior == std::vector<Rational>{fraction(0), fraction(0), fraction(1, 2)} &&
             p == fraction(1, 4) && !own_outcome;
         return CheckResult{ok, fmt::format("generalised strategies: P(ND) = {}, omega^ND = {}; "
                                            "own-outcome equilibria under majority: {}",
                                            to_string(p), values_text(posterior), classes)};
       }});
  registry.add(
      {"002/thm1-random", "seeds/002, Theorem 1 (spec §1.4, §4 T3)",
       "With finite outcomes and full support: a full-disclosure equilibrium exists; a "
       "partial-disclosure equilibrium exists iff not every member can choose disclosure "
       "unilaterally; if no member can, every partial-disclosure equilibrium is interior, and if "
       "some member can, none is.",
       Expected::holds, "", [](Progress& progress) {
         Rng rng(2002);
         std::size_t models = 0;
         std::size_t runs = 0;
         bool ok = true;
         std::string failure;
         for (; models < 12; ++models) {
           const auto team = random_team(rng);
           const std::vector<dc::Protocol> protocols = {
               dc::unilateral(3), dc::k_majority(3, 2), dc::unanimity(3), dc::leader(3, 0),
               dc::from_minimal_winning(3, {0b001, 0b110})};
           for (const auto& protocol : protocols) {
             ++runs;
             const auto eqs = dc::all_equilibria(team, protocol, {}, progress);
             bool full = false;
             bool partial = false;
             bool interior = false;
             for (const auto& e : eqs) {
               full = full || e.kind == dc::DisclosureKind::full;
               partial = partial || e.kind != dc::DisclosureKind::full;
               interior = interior || e.kind == dc::DisclosureKind::interior;
             }
             const bool all_alone = !dc::no_member_discloses_alone(protocol) && [&] {
               for (std::size_t i = 0; i < 3; ++i)
                 if (!dc::can_disclose_alone(protocol, i)) return false;
               return true;
             }();
             const bool none_alone = dc::no_member_discloses_alone(protocol);
             bool partial_interior = true;
             for (const auto& e : eqs)
               if (e.kind == dc::DisclosureKind::partial) partial_interior = false;
             const bool here = full && (partial == !all_alone) &&
                               (!none_alone || partial_interior) && (none_alone || !interior);
             if (!here && failure.empty())
               failure = fmt::format("; fails for model {} with {}", models, protocol.name);
             ok = ok && here;
           }
         }
         return CheckResult{ok,
                            fmt::format("{} seeded random 3-member models x 5 protocols ({} runs, "
                                        "incl. non-anonymous '1, or 2 and 3'): all three "
                                        "statements hold{}",
                                        models, runs, failure)};
       }});
  registry.add(
      {"002/z1-rmc-k-majority",
       "seeds/002, Section 3 before Corollary 1 and Theorem 2 (spec Z1, T2)",
       "For K-majority, disclosure requires more consensus than concealing iff K > N/2, so a "
       "full-disclosure equilibrium consistent with deliberation exists iff K <= N/2.",
       Expected::erratum,
       "It exists iff 2K < N + 2 (RMC iff 2K >= N + 2): the two rules differ for odd N at "
       "K = (N+1)/2; for N = 3, K = 2 the witness (no iff 0, no iff 0, always yes) gives "
       "omega^ND = (0, 0, 1/2).",
       [](Progress& progress) {
         std::string rows;
         bool ok = true;
         bool differs = false;
         for (std::size_t n = 2; n <= 5; ++n) {
           const auto team = uniform_binary(n);
           std::string row;
           for (std::size_t k = 1; k <= n; ++k) {
             const auto eqs = dc::all_equilibria(team, dc::k_majority(n, k), {}, progress);
             bool fd_consistent = false;
             for (const auto& e : eqs)
               fd_consistent = fd_consistent || (e.kind == dc::DisclosureKind::full &&
                                                 e.consistent_with_deliberation);
             const bool exact_rule = 2 * k < n + 2;
             const bool paper_rule = 2 * k <= n;
             ok = ok && fd_consistent == exact_rule &&
                  dc::requires_more_consensus(dc::k_majority(n, k)) == !exact_rule;
             differs = differs || (fd_consistent != paper_rule);
             row += fmt::format("{}{}", k == 1 ? "" : " ", fd_consistent ? "y" : "n");
           }
           rows += fmt::format("{}N = {}: {}", rows.empty() ? "" : "; ", n, row);
         }
         return CheckResult{ok && differs,
                            fmt::format("FD consistent with deliberation for K = 1..N: {} "
                                        "(= 2K < N + 2; the paper's K <= N/2 differs at N = 3, 5)",
                                        rows)};
       }});
  registry.add(
      {"002/thm2-brute-force", "seeds/002, Theorem 2 and Lemmas 1-2 (spec §3.5, T2)",
       "A full-disclosure equilibrium consistent with deliberation exists iff D does not require "
       "more consensus to disclose than to conceal (not RMC).",
       Expected::holds, "", [](Progress& progress) {
         // Independent of the RMC predicate: every pure own-outcome witness x̂ with P(ND) > 0
         // gives beliefs ω^ND (eq. 2); FD is consistent with deliberation iff for one of them
         // the votes "yes iff ω_i >= ω^ND_i" give d ≡ 1 and pass Definition 1.
         const auto fd_consistent = [&](const dc::Team<Rational>& team, const dc::Protocol& p) {
           const std::size_t n = team.members.size();
           for (std::size_t mask = 0; mask < (std::size_t{1} << (2 * n)); ++mask) {
             progress.check();
             std::vector<std::vector<Rational>> witness(n);
             for (std::size_t i = 0; i < n; ++i) {
               witness[i] = {fraction(static_cast<long>((mask >> (2 * i)) & 1U)),
                             fraction(static_cast<long>((mask >> (2 * i + 1)) & 1U))};
             }
             std::vector<Rational> d;
             const auto space = dc::outcome_space(team);
             for (std::size_t c = 0; c < space.size(); ++c) {
               std::vector<Rational> x(n);
               for (std::size_t i = 0; i < n; ++i) x[i] = witness[i][space.digit(c, i)];
               d.push_back(dc::deliberate(p, x));
             }
             const auto [prob, belief] = dc::no_disclosure_posterior(team, d);
             if (sgn(prob) <= 0) continue;
             std::vector<std::vector<Rational>> votes(n);
             for (std::size_t i = 0; i < n; ++i) {
               for (const auto& v : team.values[i])
                 votes[i].push_back(fraction(v >= belief[i] ? 1 : 0));
             }
             bool full = true;
             for (std::size_t c = 0; c < space.size() && full; ++c) {
               std::vector<Rational> x(n);
               for (std::size_t i = 0; i < n; ++i) x[i] = votes[i][space.digit(c, i)];
               full = dc::deliberate(p, x) == 1;
             }
             if (full && !dc::verify_equilibrium(team, p, votes, belief)) return true;
           }
           return false;
         };
         std::size_t protocols = 0;
         std::size_t consistent = 0;
         std::string mismatch;
         for (std::size_t n = 2; n <= 4; ++n) {
           const auto team = uniform_binary(n);
           std::vector<dc::Protocol> family;
           if (n <= 3) {
             family = dc::all_monotone_protocols(n);
           } else {
             for (std::size_t k = 1; k <= n; ++k) family.push_back(dc::k_majority(n, k));
           }
           for (const auto& p : family) {
             ++protocols;
             const bool brute = fd_consistent(team, p);
             consistent += brute ? 1 : 0;
             if (brute == dc::requires_more_consensus(p) && mismatch.empty()) {
               mismatch = fmt::format("; MISMATCH at N = {}, {}", n, p.name);
             }
           }
         }
         return CheckResult{mismatch.empty(),
                            fmt::format("iid uniform binary teams, {} protocols (every monotone "
                                        "one for N = 2, 3; K-majority for N = 4), every pure "
                                        "own-outcome witness: FD consistent with deliberation for "
                                        "{} of them, exactly the non-RMC ones{}",
                                        protocols, consistent, mismatch)};
       }});
  registry.add(
      {"002/z2-cor3-n3", "seeds/002, Corollary 3 (spec Z2, T8)",
       "With the same marginals and more outcome correlation, the interior equilibrium discloses "
       "high outcomes at least as often: P'(d = 1, omega_i = h) >= P(d = 1, omega_i = h).",
       Expected::erratum,
       "False for N >= 3 (pairwise correlation does not control higher-order events): N = 3, "
       "unanimity, F = (.20, .10, .10, .20) and F' = (.24, .07, .12, .19) by number of highs give "
       "1/5 and then 19/100.",
       [](Progress& progress) {
         const auto with = [](const std::vector<Rational>& by_highs) {
           auto team = uniform_binary(3);
           const auto space = dc::outcome_space(team);
           for (std::size_t c = 0; c < space.size(); ++c) {
             std::size_t highs = 0;
             for (std::size_t i = 0; i < 3; ++i) highs += space.digit(c, i);
             team.prior[c] = by_highs[highs];
           }
           return team;
         };
         const auto f =
             with({fraction(20, 100), fraction(10, 100), fraction(10, 100), fraction(20, 100)});
         const auto g =
             with({fraction(24, 100), fraction(7, 100), fraction(12, 100), fraction(19, 100)});
         const auto disclosed_high = [&](const dc::Team<Rational>& team) {
           const auto eqs = dc::all_equilibria(team, dc::unanimity(3), {}, progress);
           const auto space = dc::outcome_space(team);
           for (const auto& e : eqs) {
             if (e.kind != dc::DisclosureKind::interior) continue;
             Rational p(0);
             for (std::size_t c = 0; c < space.size(); ++c)
               if (space.digit(c, 0) == 1) p += team.prior[c] * e.disclosure[c];
             return p;
           }
           return Rational(-1);
         };
         const Rational a = disclosed_high(f);
         const Rational b = disclosed_high(g);
         return CheckResult{a == fraction(1, 5) && b == fraction(19, 100),
                            fmt::format("P(d = 1, omega_1 = h): {} under F, {} under F' (more "
                                        "correlated)",
                                        to_string(a), to_string(b))};
       }});
  registry.add(
      {"002/prop3-self-improving", "seeds/002, Theorem 3 and Proposition 3.1 (spec T4)",
       "With self-improving effort, concealment weakens incentives: every concealing equilibrium "
       "gives each member a lower gain from effort than full disclosure, so the unilateral "
       "protocol dominates.",
       Expected::holds, "", [](Progress& progress) {
         const auto tech = t4(true);
         std::string evidence;
         bool ok = true;
         for (const auto& [protocol, name] : std::vector<std::pair<dc::Protocol, std::string>>{
                  {dc::unanimity(2), "consensual"}, {dc::leader(2, 0), "leader 1"}}) {
           for (const auto& [kind, gain] : gains_by_equilibrium(tech, protocol, progress)) {
             if (kind == dc::DisclosureKind::full) {
               ok = ok && gain == std::vector<Rational>{fraction(1, 2), fraction(1, 2)};
             } else {
               for (const auto& g : gain) ok = ok && g <= fraction(1, 2);
             }
             evidence += fmt::format("{}{} {}: G = {}", evidence.empty() ? "" : "; ", name,
                                     kind_text(kind), values_text(gain));
           }
         }
         return CheckResult{ok, evidence + " (FD: (1/2, 1/2))"};
       }});
  registry.add(
      {"002/prop3-team-improving", "seeds/002, Theorem 3 and Proposition 3.2 (spec T4)",
       "With team-improving effort, the unilateral protocol is strictly dominated by the "
       "consensual protocol (via its interior equilibrium).",
       Expected::holds, "", [](Progress& progress) {
         const auto tech = t4(false);
         std::string evidence;
         std::vector<Rational> interior;
         std::vector<Rational> full;
         for (const auto& [kind, gain] : gains_by_equilibrium(tech, dc::unanimity(2), progress)) {
           if (kind == dc::DisclosureKind::interior) interior = gain;
           if (kind == dc::DisclosureKind::full) full = gain;
           evidence += fmt::format("{}consensual {}: G = {}", evidence.empty() ? "" : "; ",
                                   kind_text(kind), values_text(gain));
         }
         const bool ok = interior == std::vector<Rational>{fraction(1, 6), fraction(1, 6)} &&
                         full == std::vector<Rational>{fraction(0), fraction(0)};
         return CheckResult{ok, evidence + " (unilateral: full disclosure only, G = (0, 0))"};
       }});
  registry.add(
      {"002/t7-figure2-baseline", "seeds/002, Numerical Result 1, eq. (15) (spec T7)",
       "At the Figure 2 baseline the optimal consensus level K* is interior for larger teams.",
       Expected::holds, "", [](Progress&) {
         const std::vector<std::size_t> want = {1, 1, 2, 2, 3,
                                                0, 4, 0, 5};  // N = 2..10 (0: unchecked)
         std::string evidence;
         bool ok = true;
         for (std::size_t n = 2; n <= 10; ++n) {
           const auto ks = dc::optimal_k(dc::figure2_baseline(n));
           if (want[n - 2] != 0) ok = ok && ks == std::vector<std::size_t>{want[n - 2]};
           evidence += fmt::format("{}N={}: K*={}", evidence.empty() ? "" : ", ", n, k_text(ks));
         }
         const auto g = dc::k_majority_gains<double>(dc::figure2_baseline(5));
         return CheckResult{ok, fmt::format("{}; N = 5: G_2 = {:.10f}, G_3 = {:.10f} (spec "
                                            "0.0104330909, 0.0099773947)",
                                            evidence, g[1], g[2])};
       }});
  registry.add(
      {"002/z3-numres1-iii-iv", "seeds/002, Numerical Result 1 (iii)-(iv) (spec Z3, §5)",
       "K* is decreasing in P(h_i | e_{N\\i}) and in P(h_T | e_{N\\i}).", Expected::erratum,
       "The first sentences of (iii) and (iv) hold (K* falls as own effort matters more), but "
       "the printed restatements are reversed: K* is non-decreasing in P(h_i | e_{N\\i}) and in "
       "P(h_T | e_{N\\i}).",
       [](Progress&) {
         std::string evidence;
         bool ok = true;
         for (const auto& [parameter, name] :
              std::vector<std::pair<dc::BinaryEffortParameter, std::string>>{
                  {dc::BinaryEffortParameter::qi0, "P(h_i|e_-i)"},
                  {dc::BinaryEffortParameter::qT0, "P(h_T|e_-i)"}}) {
           const auto sweep =
               dc::optimal_k_sweep(dc::figure2_baseline(4), parameter, fraction(1, 100),
                                   fraction(99, 100), fraction(1, 100));
           std::size_t last = 0;
           bool rises = false;
           std::string points;
           for (const auto& p : sweep.points) {
             const std::size_t k = p.k_star.front();
             ok = ok && k >= last;
             rises = rises || (last != 0 && k > last);
             last = k;
           }
           for (const auto& b : sweep.breakpoints)
             points += fmt::format("{}{}:{}", points.empty() ? "" : " ", to_string(b.x),
                                   k_text(b.k_star));
           ok = ok && rises;
           evidence += fmt::format("{}N = 4, {}: {}", evidence.empty() ? "" : "; ", name, points);
         }
         return CheckResult{ok, evidence};
       }});
}

}  // namespace mechlab::catalog
