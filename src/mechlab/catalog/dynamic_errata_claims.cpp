// Claims of 004 about its small games and closed forms that need no dynamic
// engine beyond one period: Appendix C's games (pure equilibria, backward
// induction), Appendix E's static AGV and GUM normal forms (IEWDS over all
// orders), the Appendix F and G fixtures, and the Theorem 5 bound table.
// Each check recomputes from the model; erratum checks confirm the
// counterexample and the corrected value.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include "mechlab/catalog/claim.hpp"
#include "mechlab/dynamic/efficient.hpp"
#include "mechlab/dynamic/instances.hpp"
#include "mechlab/dynamic/normal_form.hpp"
#include "mechlab/mechanism/game.hpp"
#include "mechlab/mechanism/instances.hpp"
#include "mechlab/mechanism/rules.hpp"

namespace mechlab::catalog {

namespace {

namespace dy = mechlab::dynamic;
namespace mm = mechlab::mechanism;

// "(Y, N, Y)".
template <class T>
std::string profile_text(const dy::NormalForm<T>& game, std::size_t profile) {
  std::string out = "(";
  const auto s = game.decode(profile);
  for (std::size_t i = 0; i < s.size(); ++i) {
    out += fmt::format("{}{}", i ? ", " : "", game.strategies[i][s[i]]);
  }
  return out + ")";
}

// "{a, b} x {c}".
template <class T>
std::string survivors_text(const dy::NormalForm<T>& game, const dy::Survivors& survivors) {
  std::string out;
  for (std::size_t i = 0; i < survivors.size(); ++i) {
    out += i ? " x {" : "{";
    for (std::size_t k = 0; k < survivors[i].size(); ++k) {
      out += fmt::format("{}{}", k ? ", " : "", game.strategies[i][survivors[i][k]]);
    }
    out += "}";
  }
  return out;
}

// Composite Simpson's rule on [a, b] with 2·half_panels intervals.
double simpson(const std::function<double(double)>& f, double a, double b,
               std::size_t half_panels) {
  const std::size_t n = 2 * half_panels;
  const double h = (b - a) / static_cast<double>(n);
  double sum = f(a) + f(b);
  for (std::size_t k = 1; k < n; ++k) {
    sum += (k % 2 == 1 ? 4.0 : 2.0) * f(a + h * static_cast<double>(k));
  }
  return sum * h / 3.0;
}

// ---- Appendix F: sellers 1, 2 with cost θ^i x_t²/2, buyer value 1 at t = 1
// and θ^3 at t = 2; χ_1 = 1/s, χ_2 = θ^3/s with s = θ^1 + θ^2. Every payoff
// depends on θ^3 through q = (θ^3)² only, and linearly, so the expectation over
// θ^3 ~ U(0,1] replaces q by E(θ^3)² = ∫_0^1 x² dx = 1/3.
template <class T>
std::array<T, 3> appendix_f_payoffs(const T& t1, const T& t2, const T& q) {
  const T s = t1 + t2;
  const T x1_sq = T(1) / (s * s);
  const T x2_sq = q / (s * s);
  return {-t1 * (x1_sq + x2_sq) / 2, -t2 * (x1_sq + x2_sq) / 2, (T(1) + q) / s};
}

// ---- Appendix G: θ_1, θ_2 ~ U[−1, 1], u_i = θ_i d, d = sign(θ̂_1 + θ̂_2),
// dummy θ_3 = 0. The other seller's expected utility when i reports a:
// E[θ sign(a + θ)] = ½(∫_b^1 x dx − ∫_{−1}^b x dx) with b = −a (clamped).
Rational agv_dummy_gamma_raw(const Rational& a) {
  Rational b = -a;
  if (b < -1) b = -1;
  if (b > 1) b = 1;
  const auto integral = [](const Rational& lo, const Rational& hi) -> Rational {
    return (hi * hi - lo * lo) / 2;
  };
  return (integral(b, Rational(1)) - integral(Rational(-1), b)) / 2;
}

}  // namespace

void add_dynamic_errata_claims(Registry& registry) {
  registry.add(
      {"004/appC-three-player-ne", "seeds/004, Appendix C (spec §4.8, errata #12)",
       "In the 3-player variant (0N: everyone -10; 1N: N player -40, Y players 0; 2N: N players "
       "10, Y player -20; 3N: everyone -50) the unique Nash equilibrium is (Y, Y, Y).",
       Expected::erratum,
       "The game has four pure Nash equilibria: (Y, Y, Y) and the three permutations of "
       "(N, N, Y).",
       [](Progress& progress) {
         const auto g = dy::appendix_c_three_player<Rational>();
         const auto eq = mm::pure_equilibria(g, std::nullopt, progress);
         std::vector<std::string> names;
         for (const auto& c : eq.equilibria) names.push_back(profile_text(g, c.profile));
         std::sort(names.begin(), names.end());
         const std::vector<std::string> expected = {"(N, N, Y)", "(N, Y, N)", "(Y, N, N)",
                                                    "(Y, Y, Y)"};
         std::string list;
         for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
         return CheckResult{names == expected,
                            fmt::format("{} pure NE (regret 0 exactly): {}", names.size(), list)};
       }});
  registry.add(
      {"004/appC-four-player-spne", "seeds/004, Appendix C (spec §4.8)",
       "In the 4-player game the unique subgame-perfect equilibrium is Quit, (Y, Y), Y, Y; if "
       "agents 3 and 4 are anticipated to collude, agent 1 bets iff Pr(guess wrong) >= 1/5.",
       Expected::holds, "", [](Progress& progress) {
         const auto g = dy::appendix_c_bet_subgame<Rational>();
         // The subgame after Bet: agent 2's guess is private, so 2, 3 and 4
         // move simultaneously; agent 1's single strategy there is Bet.
         const auto eq = mm::pure_equilibria(g, std::nullopt, progress);
         const bool unique = eq.equilibria.size() == 1;
         const std::size_t p = unique ? eq.equilibria[0].profile : 0;
         const Rational bet = g.payoff(p, 0);
         const bool quits = unique && bet < 0;  // Quit gives agent 1 zero
         const bool spne = quits && profile_text(g, p) == "(Bet, YY, Y, Y)";
         // Anticipated collusion: 3 and 4 play the cell maximising u3 + u4.
         std::size_t best = 0;
         std::size_t best_count = 0;
         Rational best_sum(0);
         for (std::size_t cell = 0; cell < 4; ++cell) {
           const std::size_t q = g.encode(std::vector<std::size_t>{0, 0, cell / 2, cell % 2});
           const Rational sum = g.payoff(q, 2) + g.payoff(q, 3);
           if (best_count == 0 || sum > best_sum) {
             best = cell;
             best_sum = sum;
             best_count = 1;
           } else if (sum == best_sum) {
             ++best_count;
           }
         }
         // Agent 1's payoff from Bet against the collusive play, with a
         // correct guess (guess index = cell) and a wrong one.
         const auto u1 = [&](std::size_t guess) {
           return g.payoff(g.encode(std::vector<std::size_t>{0, guess, best / 2, best % 2}), 0);
         };
         const Rational right = u1(best);
         const Rational wrong = u1((best + 1) % 4);
         // (1 − q)·right + q·wrong >= 0 iff q >= −right / (wrong − right) (wrong > right).
         const Rational threshold = -right / (wrong - right);
         const bool ok =
             spne && best_count == 1 && best == 3 && wrong > right && threshold == fraction(1, 5);
         return CheckResult{
             ok, fmt::format("after Bet the unique pure NE is {} with u1 = {} < 0 (Quit = 0); "
                             "collusive 3-4 play {} (u3+u4 = {}); bet iff Pr(wrong) >= {}",
                             unique ? profile_text(g, p) : "none", to_string(bet),
                             best == 3 ? "(N, N)" : "other", to_string(best_sum),
                             to_string(threshold))};
       }});
  registry.add(
      {"004/thm5-constant", "seeds/004, Theorem 5 and its proof (spec §1.9, §4.9, errata #13)",
       "With B = D sqrt(T ln(TN)) the virtual-debt tail is at most exp(-2B^2/(T D^2)) = "
       "1/(T^2 N^2), so the transfer-free GUM has error R = N^2 D (1 + sqrt(T ln(TN))).",
       Expected::erratum,
       "For increments in [-D, D] Azuma-Hoeffding gives exp(-B^2/(2 T D^2)); reaching "
       "1/(T^2 N^2) needs B = 2 D sqrt(T ln(TN)), hence R = N^2 D (1 + 2 sqrt(T ln(TN))).",
       [](Progress&) {
         struct Row {
           double n, t, b, r, r_per_t, tail, azuma;
           double tail_unit, azuma_unit;  // one unit in the last printed digit
         };
         // Spec §4.9 (D = 1), as printed.
         const std::array<Row, 4> rows = {{
             {2, 100, 23.018, 96.072, 0.9607, 2.5e-5, 0.0707, 1e-6, 1e-4},
             {3, 1000, 89.478, 814.305, 0.8143, 1.11e-7, 0.0183, 1e-9, 1e-4},
             {3, 100000, 1123.011, 10116.099, 0.1012, 1.11e-11, 0.00183, 1e-13, 1e-5},
             {5, 10000, 328.934, 8248.358, 0.8248, 4e-10, 0.00447, 1e-10, 1e-5},
         }};
         bool table = true;
         bool erratum = true;
         std::string evidence;
         for (const auto& row : rows) {
           const double b = std::sqrt(row.t * std::log(row.t * row.n));
           const double r = row.n * row.n * (1 + b);
           const double tail = std::exp(-2 * b * b / row.t);
           const double azuma = std::exp(-b * b / (2 * row.t));
           const double target = 1 / (row.t * row.t * row.n * row.n);
           const double b2 = 2 * b;
           const double azuma2 = std::exp(-b2 * b2 / (2 * row.t));
           const double r2 = row.n * row.n * (1 + b2);
           table = table && std::abs(b - row.b) <= 1e-3 && std::abs(r - row.r) <= 1e-3 &&
                   std::abs(r / row.t - row.r_per_t) <= 1e-4 &&
                   std::abs(tail - row.tail) <= row.tail_unit &&
                   std::abs(azuma - row.azuma) <= row.azuma_unit;
           // The paper's B does not reach the target under Azuma; 2B does.
           erratum = erratum && std::abs(tail - target) <= 1e-9 * target && azuma > 1000 * target &&
                     std::abs(azuma2 - target) <= 1e-9 * target;
           evidence += fmt::format(
               "{}N={} T={}: B={:.3f} R={:.3f} tail {:.3g} Azuma {:.3g}; corrected B={:.3f} "
               "R={:.3f}",
               evidence.empty() ? "" : "; ", row.n, row.t, b, r, tail, azuma, b2, r2);
         }
         return CheckResult{table && erratum, evidence};
       }});
  registry.add(
      {"004/appF-108", "seeds/004, Appendix F eqs. (92)-(121) (spec §4.6, errata #10)",
       "At (theta1, theta2, theta3) = (3/10, 11/20, 4/5) the buyer's BTM term is gamma^3 = 1/6 - "
       "theta3^2/2 = -0.153333 (eq. 108); eqs. (95)-(97), (100), (120), (121) give -0.51282051, "
       "-0.26062043, -0.27681661, 1.95511609, 0.97755805, 0.78431373.",
       Expected::erratum,
       "gamma^3 = (1/6 - theta3^2/2)/(theta1 + theta2) = -46/255 = -0.18039216; the other "
       "fixture values are right.",
       [](Progress&) {
         const Rational t1 = fraction(3, 10);
         const Rational t2 = fraction(11, 20);
         const Rational t3 = fraction(4, 5);
         const Rational s = t1 + t2;
         const Rational third = fraction(1, 3);  // E(θ^3)² for θ^3 ~ U(0, 1]
         const auto now = appendix_f_payoffs(t1, t2, Rational(t3 * t3));
         const auto avg = appendix_f_payoffs(t1, t2, third);
         // (108): the sellers' realised payoffs minus their expectation over θ^3.
         const Rational gamma3 = now[0] - avg[0] + now[1] - avg[1];
         const Rational printed = fraction(1, 6) - t3 * t3 / 2;
         const bool e108 = gamma3 != printed && gamma3 == printed / s &&
                           gamma3 == fraction(-46, 255) &&
                           std::abs(to_double(gamma3) + 0.18039216) < 1e-8;
         // Rational fixtures (97), (121), exactly against their printed closed forms.
         const Rational e97 = avg[0];
         const Rational e121 = avg[0] + avg[1] + avg[2];
         const bool exact = e97 == -2 * t1 / (3 * s * s) && e121 == 2 / (3 * s) &&
                            std::abs(to_double(e97) + 0.27681661) < 1e-8 &&
                            std::abs(to_double(e121) - 0.78431373) < 1e-8;
         // Fixtures with logarithms: one-dimensional expectations over a
         // seller's type by Simpson's rule (smooth integrands, 4000 intervals).
         const double a1 = 0.3;
         const double a2 = 0.55;
         const auto u = [](double x1, double x2) {
           return appendix_f_payoffs<double>(x1, x2, 1.0 / 3);
         };
         const double e95 = simpson([&](double v) { return u(a1, v)[0]; }, 0, 1, 2000);
         const double e96 = simpson([&](double v) { return u(v, a2)[0]; }, 0, 1, 2000);
         const double e100 = simpson([&](double v) { return u(a1, v)[2]; }, 0, 1, 2000);
         const double e120 = simpson(
             [&](double v) {
               const auto w = u(a1, v);
               return w[0] + w[1] + w[2];
             },
             0, 1, 2000);
         const bool logs = std::abs(e95 + 0.51282051) < 1e-8 && std::abs(e96 + 0.26062043) < 1e-8 &&
                           std::abs(e100 - 1.95511609) < 1e-8 && std::abs(e120 - 0.97755805) < 1e-8;
         return CheckResult{
             e108 && exact && logs,
             fmt::format(
                 "gamma^3 = {} = {:.8f} vs printed {} = {:.8f} (ratio {} = 1/s); (97) = {}, "
                 "(121) = {}; Simpson (tol 1e-8): (95) {:.8f}, (96) {:.8f}, (100) {:.8f}, "
                 "(120) {:.8f}",
                 to_string(gamma3), to_double(gamma3), to_string(printed), to_double(printed),
                 to_string(Rational(gamma3 / printed)), to_string(e97), to_string(e121), e95, e96,
                 e100, e120)};
       }});
  registry.add(
      {"004/appG-agv-dummy", "seeds/004, Appendix G eqs. (136)-(138) (spec §4.7)",
       "With a dummy agent the AGV transfers are t1 = -th1^2/2 + th2^2/4 + 1/12, t2 = th1^2/4 - "
       "th2^2/2 + 1/12, t3 = (th1^2 + th2^2)/4 - 1/6; at (0.3, -0.7) they are (0.160833, "
       "-0.139167, -0.021667).",
       Expected::holds, "", [](Progress&) {
         // γ_i(a) = E[θ_j d(a, θ_j)] − E[γ_i(θ̃_i)]. γ_raw is a quadratic on
         // [−1, 1] (its breakpoint −a moves linearly), so Simpson's rule with
         // one panel integrates it exactly; two panels must agree.
         const auto g = [](const Rational& a) { return agv_dummy_gamma_raw(a); };
         const Rational mean1 = (g(Rational(-1)) + 4 * g(Rational(0)) + g(Rational(1))) / 6;
         const Rational mean2 = (g(Rational(-1)) + 4 * g(fraction(-1, 2)) + 2 * g(Rational(0)) +
                                 4 * g(fraction(1, 2)) + g(Rational(1))) /
                                12;
         const auto transfers = [&](const Rational& a, const Rational& b) {
           const Rational g1 = g(a) - mean1;
           const Rational g2 = g(b) - mean1;
           const Rational g3(0);  // the dummy's report never moves d
           return std::array<Rational, 3>{g1 - (g2 + g3) / 2, g2 - (g1 + g3) / 2,
                                          g3 - (g1 + g2) / 2};
         };
         bool grid = mean1 == mean2;
         std::size_t points = 0;
         for (int i = -10; i <= 10; ++i) {
           for (int j = -10; j <= 10; ++j) {
             const Rational a = fraction(i, 10);
             const Rational b = fraction(j, 10);
             const auto t = transfers(a, b);
             grid = grid && t[0] + t[1] + t[2] == 0 &&
                    t[0] == -a * a / 2 + b * b / 4 + fraction(1, 12) &&
                    t[1] == a * a / 4 - b * b / 2 + fraction(1, 12) &&
                    t[2] == (a * a + b * b) / 4 - fraction(1, 6);
             ++points;
           }
         }
         const auto t = transfers(fraction(3, 10), fraction(-7, 10));
         const bool fixture = t[0] == fraction(193, 1200) && t[1] == fraction(-167, 1200) &&
                              t[2] == fraction(-13, 600) &&
                              std::abs(to_double(t[0]) - 0.160833) < 5e-7 &&
                              std::abs(to_double(t[1]) + 0.139167) < 5e-7 &&
                              std::abs(to_double(t[2]) + 0.021667) < 5e-7;
         return CheckResult{grid && fixture,
                            fmt::format("E gamma_raw = {}; closed forms and sum 0 on {} grid "
                                        "points; t(3/10, -7/10) = ({}, {}, {})",
                                        to_string(mean1), points, to_string(t[0]), to_string(t[1]),
                                        to_string(t[2]))};
       }});
  registry.add(
      {"004/appE-agv-iewds", "seeds/004, Appendix E, Theorem 2 (spec §4.5)",
       "In Appendix E's AGV implementation (invest only if strictly beneficial) IEWDS ends, in "
       "every order, at (always H, always H): welfare 7/2 against the efficient 11/2; normalised "
       "gamma_1(H) - gamma_1(L) = -15 and gamma_2(H) - gamma_2(L) = -4.",
       Expected::holds, "", [](Progress& progress) {
         const auto p = mm::prepare(mm::instances::appendix_e());
         const auto choice = mm::efficient_choice(p);
         const auto agv = mm::agv(p, mm::efficient_mechanism(p));
         std::string policy;
         for (std::size_t t = 0; t < p.profile_count(); ++t) {
           policy += p.env.alternatives[choice.choice[t]];
         }
         // t_i = γ_i − ½ Σ_{j≠i} γ_j and the others' γ do not depend on i's
         // report, so i's transfer difference is γ_i(H) − γ_i(L).
         const auto diff = [&](std::size_t i) {
           const std::size_t low = p.with_type(0, i, 0);
           return Rational(agv.transfers[i][p.with_type(low, i, 1)] - agv.transfers[i][low]);
         };
         Rational efficient(0);
         for (std::size_t t = 0; t < p.profile_count(); ++t) {
           for (std::size_t i = 0; i < p.agent_count(); ++i) {
             efficient += p.p_profile[t] * p.value_hat(i, t, choice.choice[t]);
           }
         }
         const auto induced = mm::induced_game(p, agv);
         const auto terminal = dy::iewds_all_orders(induced.game, progress);
         const dy::Survivors all_h = {{3}, {3}, {0}};
         const bool unique = terminal.size() == 1 && terminal[0] == all_h;
         const std::size_t end = induced.game.encode(std::vector<std::size_t>{3, 3, 0});
         const auto eff = dy::efficiency(induced.game, end, efficient);
         const bool ok = policy == "NNSB" && diff(0) == -15 && diff(1) == -4 && unique &&
                         eff.welfare == fraction(7, 2) && efficient == fraction(11, 2);
         return CheckResult{
             ok, fmt::format("policy (LL, LH, HL, HH) = {}; gamma_1(H)-gamma_1(L) = {}, "
                             "gamma_2(H)-gamma_2(L) = {}; {} terminal game(s): {}; welfare {} vs "
                             "efficient {}",
                             policy, to_string(diff(0)), to_string(diff(1)), terminal.size(),
                             terminal.empty() ? "" : survivors_text(induced.game, terminal[0]),
                             to_string(eff.welfare), to_string(efficient))};
       }});
  registry.add(
      {"004/appE-gum-iewds", "seeds/004, Appendix E under GUM (spec §4.5)",
       "Under the static GUM in the Appendix E setup the truthful payoffs are C = (13, 5/2, -10); "
       "simultaneous IEWDS leaves {truth, always H} x {truth}, all efficient, and every order "
       "ends in a game with an efficient profile.",
       Expected::holds, "", [](Progress& progress) {
         const auto problem = dy::prepare(dy::instances::appendix_e<Rational>());
         const auto e = dy::solve_efficient(problem);
         const auto g = dy::static_gum_normal_form(problem, e);
         const std::size_t truth = dy::truthful_profile(g);
         bool guarantees = true;
         for (std::size_t i = 0; i < g.player_count(); ++i) {
           guarantees = guarantees && g.payoff(truth, i) == e.guarantees[i];
         }
         const auto r = dy::iewds_simultaneous(g, progress);
         const dy::Survivors expected = {{1, 3}, {1}, {0}};
         bool efficient = true;
         for (const std::size_t q : dy::full_profiles(g, r.survivors)) {
           efficient = efficient && dy::efficiency(g, q, e.welfare).efficient;
         }
         // All orders (spec §4.5: some single-step orders remove agent 1's
         // truth but still end at efficient profiles).
         const auto terminal = dy::iewds_all_orders(g, progress);
         std::size_t with_efficient = 0;
         std::size_t with_truth = 0;
         for (const auto& t : terminal) {
           bool any = false;
           for (const std::size_t q : dy::full_profiles(g, t)) {
             any = any || dy::efficiency(g, q, e.welfare).efficient;
             if (q == truth) ++with_truth;
           }
           if (any) ++with_efficient;
         }
         const bool ok =
             guarantees &&
             e.guarantees == std::vector<Rational>{fraction(13), fraction(5, 2), fraction(-10)} &&
             r.survivors == expected && efficient && with_efficient == terminal.size();
         return CheckResult{
             ok, fmt::format("truthful payoffs ({}, {}, {}); simultaneous IEWDS in {} rounds "
                             "leaves {}; every survivor has welfare {}: {}; all orders: {} "
                             "terminal games, {} with an efficient profile, {} with truth",
                             to_string(g.payoff(truth, 0)), to_string(g.payoff(truth, 1)),
                             to_string(g.payoff(truth, 2)), r.steps.size(),
                             survivors_text(g, r.survivors), to_string(e.welfare), efficient,
                             terminal.size(), with_efficient, with_truth)};
       }});
}

}  // namespace mechlab::catalog
