// Claims of 004 that need the mechanisms and the audits: Example 5.1's
// collusion numbers (spec §4.2), the §4.10 property battery (Table 1), the
// literal BTM with an observed public state, Lemma 1's additivity with the
// public component, and the intro numbers of §4.1.
#include <fmt/format.h>

#include <string>
#include <vector>

#include "mechlab/catalog/claim.hpp"
#include "mechlab/core/error.hpp"
#include "mechlab/dynamic/audit.hpp"
#include "mechlab/dynamic/efficient.hpp"
#include "mechlab/dynamic/evaluate.hpp"
#include "mechlab/dynamic/gum.hpp"
#include "mechlab/dynamic/instances.hpp"
#include "mechlab/dynamic/mechanisms.hpp"
#include "mechlab/dynamic/normal_form.hpp"
#include "mechlab/dynamic/random_instance.hpp"
#include "mechlab/mechanism/game.hpp"

namespace mechlab::catalog {

namespace {

using dynamic::MechanismKind;

// The position of `label` among component k's labels in period t.
std::size_t label_at(const dynamic::Problem<Rational>& problem, std::size_t t, std::size_t k,
                     const std::string& label) {
  const auto& labels = problem.env.periods[t].types[k];
  for (std::size_t a = 0; a < labels.size(); ++a) {
    if (labels[a] == label) return a;
  }
  throw InternalError(fmt::format("no label {} for component {} in period {}", label, k, t));
}

// Example 5.1's deviation for b and r: report 1 in odd rounds and 0 in even
// rounds before T, the truth at T.
dynamic::MarkovStrategy alternating(const dynamic::Problem<Rational>& problem, std::size_t agent) {
  const std::size_t horizon = problem.horizon();
  return [&problem, agent, horizon](std::size_t t, std::size_t, std::size_t, std::size_t own) {
    if (t == horizon) return own;
    return label_at(problem, t, agent + 1, t % 2 == 1 ? "1" : "0");
  };
}

struct Example51 {
  dynamic::Problem<Rational> problem;
  dynamic::Efficient<Rational> efficient;
  explicit Example51(std::size_t horizon)
      : problem(dynamic::prepare(dynamic::instances::example_5_1<Rational>(horizon))),
        efficient(dynamic::solve_efficient(problem)) {}
  dynamic::TransferRule<Rational> rule(MechanismKind kind) const {
    return dynamic::make_transfer_rule(problem, efficient, kind);
  }
};

// Appendix D's reduced strategies (spec §4.3). Blue (agent 0) at t = 1: T
// (truth), O (the other label), "70%", "30%"; at t = 3 the opposite of red's
// t = 2 report. Red (agent 1) at t = 2: T, A (the opposite of blue's t = 1
// report), PH ("80%" unless blue reported 70%, then the truth), PL (mirror).
struct AppendixD {
  dynamic::Problem<Rational> problem;
  dynamic::Efficient<Rational> efficient;
  AppendixD()
      : problem(dynamic::prepare(dynamic::instances::appendix_d<Rational>())),
        efficient(dynamic::solve_efficient(problem)) {}

  dynamic::MarkovStrategy blue(std::size_t kind) const {
    const auto& pr = problem;
    const std::size_t b30 = label_at(pr, 1, 1, "b1:30%");
    const std::size_t b70 = label_at(pr, 1, 1, "b1:70%");
    const std::size_t r20 = label_at(pr, 2, 2, "r2:20%");
    const std::size_t b10 = label_at(pr, 3, 1, "b3:10%");
    const std::size_t b90 = label_at(pr, 3, 1, "b3:90%");
    return [&pr, kind, b30, b70, r20, b10, b90](std::size_t t, std::size_t p, std::size_t,
                                                std::size_t own) -> std::size_t {
      if (t == 1) {
        switch (kind) {
          case 1: return own == b30 ? b70 : b30;
          case 2: return b70;
          case 3: return b30;
          default: return own;
        }
      }
      if (t == 3) return pr.states[2].digit(p, 2) == r20 ? b90 : b10;
      return own;
    };
  }

  dynamic::MarkovStrategy red(std::size_t kind) const {
    const auto& pr = problem;
    const std::size_t b70 = label_at(pr, 1, 1, "b1:70%");
    const std::size_t r20 = label_at(pr, 2, 2, "r2:20%");
    const std::size_t r80 = label_at(pr, 2, 2, "r2:80%");
    return [&pr, kind, b70, r20, r80](std::size_t t, std::size_t p, std::size_t,
                                      std::size_t own) -> std::size_t {
      if (t != 2 || kind == 0) return own;
      const bool blue_high = pr.states[1].digit(p, 1) == b70;
      switch (kind) {
        case 1: return blue_high ? r20 : r80;
        case 2: return blue_high ? own : r80;
        default: return blue_high ? r20 : own;
      }
    };
  }
};

}  // namespace

void add_dynamic_audit_claims(Registry& registry) {
  registry.add(
      {"004/intro-externalities", "seeds/004, Sections 1 and 4 (spec §4.1)",
       "Agent 2's report raises agent 1's anticipated payoff by 20 and lowers agent 3's by 5; "
       "under GUM agent 1 pays 20 to agent 2 and agent 2 pays 5 to agent 3: y = (-20, 15, 5).",
       Expected::holds, "", [](Progress&) {
         const auto problem = dynamic::prepare(dynamic::instances::intro_example<Rational>());
         const auto e = dynamic::solve_efficient(problem);
         // Agent 2 (index 1) reports H in period 1.
         const std::vector<std::size_t> digits = {0, 0, 1, 0};
         const std::size_t c = problem.states[1].encode(digits);
         const auto g = dynamic::gum_transfer(problem, e, 1, problem.theta0, c);
         const bool ok = g.gamma[2][0] == fraction(20) && g.gamma[2][2] == fraction(-5) &&
                         g.y == std::vector<Rational>{fraction(-20), fraction(15), fraction(5)};
         return CheckResult{
             ok, fmt::format("gamma 2->1 = {}, gamma 2->3 = {}, y = {}", to_string(g.gamma[2][0]),
                             to_string(g.gamma[2][2]), values_text(g.y))};
       }});
  registry.add(
      {"004/ex5.1-btm-collusion", "seeds/004, Example 5.1 and Section 5.1 (spec §4.2)",
       "Under the Balanced Team Mechanism, blue and red gain by colluding in Example 5.1, and "
       "the gain grows linearly with T; under GUM their best joint total is their guarantee sum.",
       Expected::holds, "", [](Progress& progress) {
         bool ok = true;
         std::string evidence;
         for (const std::size_t horizon : {4U, 6U}) {
           const Example51 ex(horizon);
           const dynamic::CoalitionQuery pair{{0, 1}, {}, false, false};
           const auto btm = dynamic::solve_coalition(
               ex.problem, ex.efficient, ex.rule(MechanismKind::btm), pair, 20'000'000, &progress);
           const auto gum = dynamic::solve_coalition(
               ex.problem, ex.efficient, ex.rule(MechanismKind::gum), pair, 20'000'000, &progress);
           const Rational want_btm = horizon == 4 ? fraction(2695, 16) : fraction(3495, 16);
           ok = ok && btm.value == want_btm && gum.value == fraction(50) && gum.gain == 0;
           evidence +=
               fmt::format("{}T = {}: BTM best {{b,r}} total {} (gain {}), GUM {} (gain {})",
                           evidence.empty() ? "" : "; ", horizon, to_string(btm.value),
                           to_string(btm.gain), to_string(gum.value), to_string(gum.gain));
         }
         return CheckResult{ok, evidence};
       }});
  registry.add(
      {"004/ex5.1-green-guarantee",
       "seeds/004, Proposition 1 and Theorem 1 on Example 5.1 "
       "(spec §4.2)",
       "A truthful green agent gets at least its guarantee C^g = -75/2 under GUM whatever blue "
       "and red do; under BTM they can push it down (to -425/2 at T = 4, -525/2 at T = 6).",
       Expected::holds, "", [](Progress& progress) {
         bool ok = true;
         std::string evidence;
         for (const std::size_t horizon : {4U, 6U}) {
           const Example51 ex(horizon);
           const dynamic::CoalitionQuery worst{{0, 1}, {2}, true, false};
           const auto btm = dynamic::solve_coalition(
               ex.problem, ex.efficient, ex.rule(MechanismKind::btm), worst, 20'000'000, &progress);
           const auto gum = dynamic::solve_coalition(
               ex.problem, ex.efficient, ex.rule(MechanismKind::gum), worst, 20'000'000, &progress);
           const Rational want_btm = horizon == 4 ? fraction(-425, 2) : fraction(-525, 2);
           ok = ok && btm.value == want_btm && gum.value == fraction(-75, 2);
           evidence += fmt::format("{}T = {}: worst case for green BTM {}, GUM {}",
                                   evidence.empty() ? "" : "; ", horizon, to_string(btm.value),
                                   to_string(gum.value));
         }
         return CheckResult{ok, evidence};
       }});
  registry.add(
      {"004/ex5.1-alternating", "seeds/004, Example 5.1, eqs. (35)-(39) (spec §4.2)",
       "If blue and red report 1 in odd rounds and 0 in even rounds, BTM pays them (25, 25, -50) "
       "in even rounds and (-25/4, -25/4, 25/2) at t = 1; their expected utilities rise above "
       "the guarantees, while under GUM the pair's total stays at C^b + C^r and green keeps C^g.",
       Expected::holds, "", [](Progress&) {
         bool ok = true;
         std::string evidence;
         for (const std::size_t horizon : {4U, 6U}) {
           const Example51 ex(horizon);
           const std::vector<dynamic::MarkovStrategy> deviation = {
               alternating(ex.problem, 0), alternating(ex.problem, 1), {}};
           const auto btm =
               dynamic::evaluate(ex.problem, ex.efficient, ex.rule(MechanismKind::btm), deviation);
           const auto gum =
               dynamic::evaluate(ex.problem, ex.efficient, ex.rule(MechanismKind::gum), deviation);
           const std::vector<Rational> want_btm =
               horizon == 4
                   ? std::vector<Rational>{fraction(225, 4), fraction(225, 4), fraction(-100)}
                   : std::vector<Rational>{fraction(325, 4), fraction(325, 4), fraction(-150)};
           const std::vector<Rational> want_gum =
               horizon == 4
                   ? std::vector<Rational>{fraction(-75, 2), fraction(175, 2), fraction(-75, 2)}
                   : std::vector<Rational>{fraction(-175, 2), fraction(275, 2), fraction(-75, 2)};
           ok = ok && btm.utility == want_btm && gum.utility == want_gum;
           evidence +=
               fmt::format("{}T = {}: BTM E U = {}, GUM E U = {}", evidence.empty() ? "" : "; ",
                           horizon, values_text(btm.utility), values_text(gum.utility));
         }
         return CheckResult{ok, evidence};
       }});
  registry.add(
      {"004/table1-battery", "seeds/004, Table 1, Proposition 1, Theorem 1 (spec §4.10)",
       "GUM is ex post budget balanced, Bayesian incentive compatible and collusion-proof with "
       "exact guarantees; BTM (public state first) is balanced and Bayesian IC but coalitions "
       "gain; the dynamic pivot mechanism is periodic ex post IC but neither balanced nor "
       "coalition-proof.",
       Expected::holds, "", [](Progress& progress) {
         // Seeded random environments of the spec's battery shape (N = 3, T = 2, two types,
         // two public states, three decisions), exact arithmetic.
         Rng rng(2024);
         std::size_t gum_zero = 0;
         std::size_t btm_pair_gains = 0;
         std::size_t dpm_unbalanced = 0;
         std::size_t dpm_pair_gains = 0;
         bool ok = true;
         Rational btm_worst_gap(0);
         const std::size_t count = 6;
         for (std::size_t k = 0; k < count; ++k) {
           const auto problem =
               dynamic::prepare(dynamic::instances::random_environment<Rational>(rng, {}));
           const auto e = dynamic::solve_efficient(problem);
           const auto gum = dynamic::audit(
               problem, e, dynamic::make_transfer_rule(problem, e, MechanismKind::gum), {},
               &progress);
           bool zero = gum.budget.ex_post;
           for (const auto* list : {&gum.bic, &gum.coalitions})
             for (const auto& r : *list) zero = zero && r.gain == 0;
           for (std::size_t i = 0; i < gum.worst_case.size(); ++i)
             zero = zero && gum.worst_case[i].value == e.guarantees[i];
           gum_zero += zero ? 1 : 0;
           const auto btm = dynamic::audit(
               problem, e, dynamic::make_transfer_rule(problem, e, MechanismKind::btm), {},
               &progress);
           ok = ok && btm.budget.ex_post;
           for (const auto& r : btm.bic) ok = ok && r.gain == 0;
           bool pair_gain = false;
           for (const auto& r : btm.coalitions) pair_gain = pair_gain || r.gain > 0;
           btm_pair_gains += pair_gain ? 1 : 0;
           for (std::size_t i = 0; i < btm.worst_case.size(); ++i) {
             const Rational gap = btm.worst_case[i].value - e.guarantees[i];
             if (gap < btm_worst_gap) btm_worst_gap = gap;
           }
           const auto dpm = dynamic::audit(
               problem, e, dynamic::make_transfer_rule(problem, e, MechanismKind::dpm), {},
               &progress);
           for (const auto* list : {&dpm.bic, &dpm.ex_post_ic})
             for (const auto& r : *list) ok = ok && r.gain == 0;
           dpm_unbalanced += dpm.budget.ex_post ? 0 : 1;
           pair_gain = false;
           for (const auto& r : dpm.coalitions) pair_gain = pair_gain || r.gain > 0;
           dpm_pair_gains += pair_gain ? 1 : 0;
         }
         ok = ok && gum_zero == count && btm_pair_gains > 0 && dpm_unbalanced > 0 &&
              dpm_pair_gains > 0;
         return CheckResult{
             ok, fmt::format("{} seeded instances: GUM all gains 0 and worst case = C exactly in "
                             "{}; BTM balanced and BIC, a coalition gains in {}, worst case down "
                             "to C {}; DPM IC (Bayesian and periodic ex post), unbalanced in {}, "
                             "a coalition gains in {}",
                             count, gum_zero, btm_pair_gains, to_string(btm_worst_gap),
                             dpm_unbalanced, dpm_pair_gains)};
       }});
  registry.add(
      {"004/eq28-literal-btm", "seeds/004, eq. (28) (spec §3.5, erratum 5)",
       "The Balanced Team Mechanism of eq. (28) is Bayesian incentive compatible.",
       Expected::erratum,
       "With a public state observed before the reports, eq. (28) taken literally (the public "
       "state integrated out) is not Bayesian IC; processing the public state first restores it.",
       [](Progress& progress) {
         Rng rng(28);
         for (std::size_t k = 0; k < 20; ++k) {
           const auto problem =
               dynamic::prepare(dynamic::instances::random_environment<Rational>(rng, {}));
           const auto e = dynamic::solve_efficient(problem);
           const auto literal = dynamic::make_transfer_rule(problem, e, MechanismKind::btm_literal);
           for (std::size_t i = 0; i < problem.agent_count(); ++i) {
             const auto r = dynamic::solve_coalition(problem, e, literal, {{i}, {}, false, false},
                                                     20'000'000, &progress);
             if (r.gain <= 0) continue;
             const auto fixed = dynamic::solve_coalition(
                 problem, e, dynamic::make_transfer_rule(problem, e, MechanismKind::btm),
                 {{i}, {}, false, false}, 20'000'000, &progress);
             return CheckResult{
                 fixed.gain == 0,
                 fmt::format(
                     "random instance {} (seed 28): agent {} gains {} by lying under "
                     "eq. (28) literally; 0 with the public state first{}",
                     k, problem.env.agents[i], to_string(r.gain),
                     r.deviation
                         ? fmt::format(" (first lie at t = {}: {} reports {})", r.deviation->t,
                                       problem.state_name(r.deviation->t, r.deviation->truth),
                                       problem.state_name(r.deviation->t, r.deviation->report))
                         : "")};
           }
         }
         return CheckResult{false, "no unilateral gain found on 20 random instances"};
       }});
  registry.add({"004/lemma1-additivity",
                "seeds/004, Lemma 1, eq. (31) and Appendix A (spec §1.6, "
                "erratum 3)",
                "GUM externalities are additive: sum over i in I of gamma^{i->j} = gamma^{I->j}.",
                Expected::erratum,
                "The sum must include the public component i = 0 when there is a public state (the "
                "telescoping of eq. (52) starts at h_{t,-1}).",
                [](Progress&) {
                  Rng rng(31);
                  const auto problem =
                      dynamic::prepare(dynamic::instances::random_environment<Rational>(rng, {}));
                  const auto e = dynamic::solve_efficient(problem);
                  const std::size_t n = problem.agent_count();
                  std::size_t pairs = 0;
                  std::size_t agents_only_fail = 0;
                  for (std::size_t t = 1; t <= problem.horizon(); ++t) {
                    for (std::size_t p = 0; p < problem.states[t - 1].size(); ++p) {
                      for (std::size_t c = 0; c < problem.states[t].size(); ++c) {
                        // gum_transfer itself checks the sum with the public component.
                        const auto g = dynamic::gum_transfer(problem, e, t, p, c);
                        ++pairs;
                        for (std::size_t j = 0; j < n; ++j) {
                          Rational agents(0);
                          for (std::size_t i = 0; i < n; ++i) agents += g.gamma[i + 1][j];
                          if (agents != e.V[t][j][c] - e.K[t - 1][j][p]) {
                            ++agents_only_fail;
                            break;
                          }
                        }
                      }
                    }
                  }
                  return CheckResult{
                      agents_only_fail > 0,
                      fmt::format("random instance with two public states (seed 31): the "
                                  "sum with i = 0 holds on all {} pairs; without it, it "
                                  "fails on {}",
                                  pairs, agents_only_fail)};
                }});

  registry.add(
      {"004/sec5.2-dpm-table", "seeds/004, Section 5.2 table and payments (spec §4.4, erratum 6)",
       "In the Section 5.2 example under the dynamic pivot mechanism, (E U_b, E U_r) is "
       "(-94, -94) when both report 5, (-96, -94) when only r exits and (-2, -2) when both "
       "exit; at t = 2 b and r pay 99 each, and at t = 1 the agent who stays pays 2 when the "
       "other exits.",
       Expected::erratum,
       "Recomputed exactly for the model as stated: (-94, -94), (-98, -94), (-94, -98), "
       "(-6, -6); payments 98 and 4. Exiting (X) still weakly dominates reporting 5 for b and "
       "r, so iterated weak dominance ends at (X, X) with a_1 = -1.",
       [](Progress&) {
         const auto problem = dynamic::prepare(dynamic::instances::section_5_2<Rational>());
         const auto e = dynamic::solve_efficient(problem);
         const auto dpm = dynamic::make_transfer_rule(problem, e, MechanismKind::dpm);
         const std::size_t exit = label_at(problem, 1, 1, "X");
         const auto leave = [exit](std::size_t t, std::size_t, std::size_t, std::size_t own) {
           return t == 1 ? exit : own;
         };
         std::vector<std::vector<Rational>> table;  // rows (b, r) in {5, X}^2
         for (const bool b_exits : {false, true}) {
           for (const bool r_exits : {false, true}) {
             std::vector<dynamic::MarkovStrategy> s(3);
             if (b_exits) s[0] = leave;
             if (r_exits) s[1] = leave;
             const auto v = dynamic::evaluate(problem, e, dpm, s);
             table.push_back({v.utility[0], v.utility[1]});
           }
         }
         const std::vector<std::vector<Rational>> want = {{fraction(-94), fraction(-94)},
                                                          {fraction(-98), fraction(-94)},
                                                          {fraction(-94), fraction(-98)},
                                                          {fraction(-6), fraction(-6)}};
         // X weakly dominates 5 for b: as good against 5, strictly better against X.
         const bool dominance = table[2][0] >= table[0][0] && table[3][0] > table[1][0] &&
                                table[1][1] >= table[0][1] && table[3][1] > table[2][1];
         std::string cells;
         for (const auto& row : table)
           cells += fmt::format("{}{}", cells.empty() ? "" : ", ", values_text(row));
         return CheckResult{table == want && dominance,
                            fmt::format("(5,5), (5,X), (X,5), (X,X): {} (paper: (-94,-94), "
                                        "(-96,-94), (-94,-96), (-2,-2)); X weakly dominates 5: {}",
                                        cells, dominance ? "yes" : "no")};
       }});
  registry.add(
      {"004/appD-thm4", "seeds/004, Appendix D tables and Theorem 4 (spec §4.3, erratum 7)",
       "In the Appendix D example (BTM, T = 4, N = 3, eps = 3) the 4x4 table of (4/3)(E U_blue, "
       "E U_red) has row T = (0,0), (8,-2), (4,-1), (4,-1), row 70% = (0,0), (12,-2), (4,-1), "
       "(8,1) and row 30% = (0,0), (12,-2), (8,1), (4,-1); iterated elimination of weakly "
       "dominated strategies leaves only an inefficient profile.",
       Expected::erratum,
       "Exact values: row T = (0,0), (8,-6), (4,-3), (4,-3); row 70% = (0,0), (12,-2), (0,0), "
       "(12,-2); row 30% = (0,0), (12,-2), (12,-2), (0,0). Only blue's truthful strategy is "
       "eliminated, and the pure equilibria (70%, T) and (30%, T) of the remaining game are "
       "efficient: the example does not establish Theorem 4.",
       [](Progress& progress) {
         const AppendixD d;
         const auto btm = dynamic::make_transfer_rule(d.problem, d.efficient, MechanismKind::btm);
         const auto truth = dynamic::evaluate(d.problem, d.efficient, btm);
         std::vector<std::vector<std::vector<Rational>>> table(4);
         std::vector<std::vector<Rational>> welfare(4);
         for (std::size_t b = 0; b < 4; ++b) {
           for (std::size_t r = 0; r < 4; ++r) {
             progress.check();
             const auto v =
                 dynamic::evaluate(d.problem, d.efficient, btm, {d.blue(b), d.red(r), {}});
             table[b].push_back({fraction(4, 3) * (v.utility[0] - truth.utility[0]),
                                 fraction(4, 3) * (v.utility[1] - truth.utility[1])});
             welfare[b].push_back(v.welfare);
           }
         }
         const auto cell = [](long b, long r) {
           return std::vector<Rational>{fraction(b), fraction(r)};
         };
         const std::vector<std::vector<std::vector<Rational>>> want = {
             {cell(0, 0), cell(8, -6), cell(4, -3), cell(4, -3)},
             {cell(0, 0), cell(16, 2), cell(8, 1), cell(8, 1)},
             {cell(0, 0), cell(12, -2), cell(0, 0), cell(12, -2)},
             {cell(0, 0), cell(12, -2), cell(12, -2), cell(0, 0)}};
         std::string rows;
         const char* names[] = {"T", "O", "70%", "30%"};
         for (std::size_t b = 0; b < 4; ++b) {
           std::string cells;
           for (const auto& c : table[b])
             cells += fmt::format("{}{}", cells.empty() ? "" : " ", values_text(c));
           rows += fmt::format("{}{}: {}", rows.empty() ? "" : "; ", names[b], cells);
         }
         // The 4x4 normal form of blue and red (green has no choice).
         std::vector<std::vector<Rational>> utility(16);
         for (std::size_t b = 0; b < 4; ++b)
           for (std::size_t r = 0; r < 4; ++r) utility[b * 4 + r] = table[b][r];
         const auto game = dynamic::make_normal_form<Rational>(
             {"blue", "red"}, {{"T", "O", "70%", "30%"}, {"T", "A", "PH", "PL"}},
             [&](const std::vector<std::size_t>& s) { return utility[s[0] * 4 + s[1]]; });
         const auto terminal = dynamic::iewds_all_orders(game, progress);
         const bool one_terminal = terminal.size() == 1;
         const dynamic::Survivors expected_survivors = {{1, 2, 3}, {0, 1, 2, 3}};
         const bool only_blue_truth = one_terminal && terminal[0] == expected_survivors;
         std::string equilibria;
         bool efficient_survivor = false;
         if (one_terminal) {
           const auto reduced = dynamic::reduced_game(game, terminal[0]);
           const auto back = dynamic::full_profiles(game, terminal[0]);
           for (const auto& eq : mechanism::pure_equilibria(reduced).equilibria) {
             const auto full = game.decode(back[eq.profile]);
             const Rational loss = d.efficient.welfare - welfare[full[0]][full[1]];
             efficient_survivor = efficient_survivor || loss == 0;
             equilibria +=
                 fmt::format("{}({}, {}) loss {}", equilibria.empty() ? "" : ", ", names[full[0]],
                             game.strategies[1][full[1]], to_string(loss));
           }
         }
         return CheckResult{
             table == want && only_blue_truth && efficient_survivor,
             fmt::format("exact (4/3)(E U_blue, E U_red) - truth: {}; iterated weak dominance "
                         "(every order): {} terminal game(s), {}; pure equilibria there: {}",
                         rows, terminal.size(),
                         only_blue_truth ? "only blue's T eliminated" : "other eliminations",
                         equilibria)};
       }});
}

}  // namespace mechlab::catalog
