// Full-effort sets, dominance and the propositions' predicates (002 spec
// §3.8–3.9) on the spec's vectors T4, T5, T6, T8, and seeded invariants:
// Pareto sets are maximal, dominance is reflexive and transitive, Prop 1, 2
// and 6 and Observation 1 hold on random models.
#include "mechlab/disclosure/properties.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "fixtures.hpp"
#include "mechlab/catalog/claim.hpp"
#include "mechlab/core/rng.hpp"
#include "support.hpp"

namespace mechlab::disclosure {
namespace {

using test::q;
using Vec = std::vector<Rational>;

using fixtures::product;
using fixtures::team_of;

// Spec T4: Ω_i = {0,1,2}, independent, F(e_N) = high ⊗ high.
EffortTechnology<Rational> t4(bool self_improving) {
  const Vec high{q(1, 4), q(1, 3), q(5, 12)};
  const Vec low{q(1, 2), q(1, 3), q(1, 6)};
  EffortTechnology<Rational> tech;
  tech.full = team_of({{q(0), q(1), q(2)}, {q(0), q(1), q(2)}}, product(high, high));
  tech.shirk = self_improving ? std::vector<Vec>{product(low, high), product(high, low)}
                              : std::vector<Vec>{product(high, low), product(low, high)};
  return tech;
}

// Spec T5: binary, cells 00, 01, 10, 11; both deviations as F(e_{N∖2}).
EffortTechnology<Rational> t5() {
  EffortTechnology<Rational> tech;
  tech.full = team_of({{q(0), q(1)}, {q(0), q(1)}}, {q(3, 10), q(1, 10), q(1, 10), q(1, 2)});
  const Vec shirk{q(3, 10), q(3, 20), q(3, 20), q(2, 5)};
  tech.shirk = {shirk, shirk};
  return tech;
}

// Spec T6: F independent q = 3/5, deviation independent q = 1/2, G on the diagonal.
EffortTechnology<Rational> t6_base() {
  const Vec f{q(2, 5), q(3, 5)};
  const Vec half{q(1, 2), q(1, 2)};
  EffortTechnology<Rational> tech;
  tech.full = team_of({{q(0), q(1)}, {q(0), q(1)}}, product(f, f));
  tech.shirk = {product(half, half), product(half, half)};
  return tech;
}
const Vec kT6Correlated{q(1, 10), q(0), q(0), q(9, 10)};

Vec gains_of(const FullEffortSet<Rational>& set) {
  Vec out;
  for (const auto& g : set.maximal) out.insert(out.end(), g.gain.begin(), g.gain.end());
  return out;
}

TEST(DisclosureProperties, T4SelfImprovingRanksUnilateralFirst) {
  const auto tech = t4(true);
  const auto type = effort_type(tech);
  EXPECT_TRUE(type.productive);
  EXPECT_TRUE(type.self_improving) << type.why_not_self_improving;
  EXPECT_FALSE(type.team_improving);
  EXPECT_TRUE(test::contains(type.why_not_team_improving, "marginal"));

  const auto uni = full_effort_set(tech, unilateral(2));
  const auto cons = full_effort_set(tech, unanimity(2));
  const auto lead = full_effort_set(tech, leader(2, 0));
  EXPECT_EQ(gains_of(uni), (Vec{q(1, 2), q(1, 2)}));
  EXPECT_EQ(gains_of(cons), (Vec{q(1, 2), q(1, 2)}));  // FD's box contains the interior (1/4, 1/4)
  EXPECT_EQ(gains_of(lead), (Vec{q(1, 2), q(1, 2)}));
  EXPECT_TRUE(lead.exact) << lead.note;
  // The leader family's ends: the partial rule (1/2, 3/8) and FD (1/2, 1/2).
  bool partial_end = false;
  for (const auto& g : lead.gains) partial_end = partial_end || g.gain == Vec{q(1, 2), q(3, 8)};
  EXPECT_TRUE(partial_end);

  // Prop 3.1: unilateral dominates, weakly with all equilibria (FD is
  // everywhere), strictly against the refined consensual set {(1/4, 1/4)}.
  for (const auto* other : {&cons, &lead}) {
    const auto dom = dominance(uni, *other);
    EXPECT_TRUE(dom.dominates);
    EXPECT_FALSE(dom.strict);
  }
  const auto refined = full_effort_set(tech, unanimity(2), FullEffortVariant::refined);
  EXPECT_EQ(gains_of(refined), (Vec{q(1, 4), q(1, 4)}));
  const auto strict = dominance(uni, refined);
  EXPECT_TRUE(strict.dominates && strict.strict);
  ASSERT_TRUE(strict.surplus.has_value());
  EXPECT_EQ(strict.surplus->gain, (Vec{q(1, 2), q(1, 2)}));
  const auto reverse = dominance(refined, uni);
  EXPECT_FALSE(reverse.dominates);
  ASSERT_TRUE(reverse.uncovered.has_value());
  EXPECT_EQ(reverse.uncovered->kind, DisclosureKind::full);
  EXPECT_TRUE(admits(uni, Vec{q(1, 2), q(1, 2)}));
  EXPECT_FALSE(admits(refined, Vec{q(1, 3), q(1, 5)}));
}

TEST(DisclosureProperties, T4TeamImprovingRanksConsensusFirst) {
  const auto tech = t4(false);
  const auto type = effort_type(tech);
  EXPECT_TRUE(type.productive);
  EXPECT_TRUE(type.team_improving) << type.why_not_team_improving;
  EXPECT_FALSE(type.self_improving);

  const auto uni = full_effort_set(tech, unilateral(2));
  const auto cons = full_effort_set(tech, unanimity(2));
  EXPECT_TRUE(uni.maximal.empty());  // FD gains (0, 0): FE(unilateral) = ∅
  EXPECT_EQ(gains_of(cons), (Vec{q(1, 6), q(1, 6)}));
  // Prop 3.2: consensual strictly dominates unilateral, via the interior rule.
  const auto dom = dominance(cons, uni);
  EXPECT_TRUE(dom.dominates && dom.strict);
  ASSERT_TRUE(dom.surplus.has_value());
  EXPECT_EQ(dom.surplus->kind, DisclosureKind::interior);
  // Prop 3.3: no protocol with a unilateral member dominates consensual.
  for (const auto& protocol : {unilateral(2), leader(2, 0), leader(2, 1)}) {
    const auto rival = dominance(full_effort_set(tech, protocol), cons);
    EXPECT_FALSE(rival.dominates) << protocol.name;
    ASSERT_TRUE(rival.uncovered.has_value());
    EXPECT_EQ(rival.uncovered->gain, (Vec{q(1, 6), q(1, 6)}));
  }
}

TEST(DisclosureProperties, T5LeaderIsEffective) {
  const auto tech = t5();
  const auto cond = prop5_effective_leader(tech, 0);
  EXPECT_TRUE(cond.holds);
  EXPECT_EQ(cond.mean_full[1], q(1, 4));
  EXPECT_EQ(cond.mean_shirk[1], q(1, 3));

  const auto lead = full_effort_set(tech, leader(2, 0));
  EXPECT_TRUE(lead.exact) << lead.note;
  EXPECT_EQ(gains_of(lead), (Vec{q(1, 20), q(7, 80)}));
  // The α = 1/2 member of the leader family: member 2 gets 11/160.
  bool mixing = false;
  for (const auto& e : lead.equilibria) {
    if (!e.degenerate) continue;
    const auto g = effort_gains(tech, e.disclosure, e.posterior).gain;
    mixing = g[1] == q(11, 160);
  }
  EXPECT_TRUE(mixing);
  const auto uni = full_effort_set(tech, unilateral(2));
  EXPECT_EQ(gains_of(uni), (Vec{q(1, 20), q(1, 20)}));
  const auto dom = dominance(lead, uni);
  EXPECT_TRUE(dom.dominates && dom.strict);

  // When member 2's shirking leaves F unchanged the condition fails (1/4 vs 1/4).
  auto flat = tech;
  flat.shirk[1] = flat.full.prior;
  EXPECT_FALSE(prop5_effective_leader(flat, 0).holds);
}

TEST(DisclosureProperties, T6EpsilonBarIsFourNinths) {
  const auto base = t6_base();
  const auto bar = prop4_epsilon_bar(base, kT6Correlated, unanimity(2));
  ASSERT_TRUE(bar.epsilon_bar.has_value());
  EXPECT_EQ(*bar.epsilon_bar, q(4, 9));
  EXPECT_EQ(bar.target, (Vec{q(1, 3), q(1, 3)}));

  const auto gains = [&](const Rational& eps) {
    const auto set = full_effort_set(mixture_technology(base, kT6Correlated, eps), unanimity(2));
    Rational fd(-1);
    Rational interior(-1);
    for (const auto& g : set.gains) (g.kind == DisclosureKind::full ? fd : interior) = g.gain[0];
    return std::make_pair(fd, interior);
  };
  EXPECT_EQ(gains(q(0)), std::make_pair(q(1, 10), q(11, 160)));
  // ε = 0.45: 0.235 vs 0.235 + 1/1588 ≈ 0.23563.
  EXPECT_EQ(gains(q(9, 20)), std::make_pair(q(47, 200), Rational(q(47, 200) + q(1, 1588))));

  // Strict dominance over unilateral exactly beyond ε̄.
  for (const auto& [eps, strict] : std::vector<std::pair<Rational, bool>>{
           {q(2, 5), false}, {q(4, 9), false}, {q(9, 20), true}, {q(9, 10), true}}) {
    const auto tech = mixture_technology(base, kT6Correlated, eps);
    const auto dom =
        dominance(full_effort_set(tech, unanimity(2)), full_effort_set(tech, unilateral(2)));
    EXPECT_TRUE(dom.dominates);
    EXPECT_EQ(dom.strict, strict) << to_string(eps);
  }
}

TEST(DisclosureProperties, T8LeastDisclosureRuleIsTheInteriorEquilibrium) {
  const auto by_highs = [](const Vec& f) {
    Vec prior;
    for (std::size_t c = 0; c < 8; ++c) prior.push_back(f[__builtin_popcountll(c)]);
    return team_of({{q(0), q(1)}, {q(0), q(1)}, {q(0), q(1)}}, prior);
  };
  for (const auto& [f, belief] : std::vector<std::pair<Vec, Rational>>{
           {{q(1, 5), q(1, 10), q(1, 10), q(1, 5)}, q(3, 8)},
           {{q(6, 25), q(7, 100), q(3, 25), q(19, 100)}, q(31, 81)}}) {
    const auto team = by_highs(f);
    const auto d = least_disclosure_rule(team, unanimity(3));
    EXPECT_EQ(d, (Vec{q(0), q(0), q(0), q(0), q(0), q(0), q(0), q(1)}));
    bool found = false;
    for (const auto& e : all_equilibria(team, unanimity(3))) {
      if (e.disclosure != d) continue;
      found = true;
      EXPECT_EQ(e.kind, DisclosureKind::interior);
      EXPECT_EQ(e.posterior, (Vec{belief, belief, belief}));
    }
    EXPECT_TRUE(found);
  }
  EXPECT_TRUE(test::contains(
      test::input_error([] { (void)least_disclosure_rule(t4(true).full, unanimity(2)); }).what(),
      "binary"));
}

TEST(DisclosureProperties, DoubleModeAgreesOnT4) {
  const auto exact = t4(false);
  EffortTechnology<double> tech;
  const auto to_double = [](const Vec& v) {
    std::vector<double> out;
    for (const auto& x : v) out.push_back(x.get_d());
    return out;
  };
  tech.full.members = exact.full.members;
  for (const auto& v : exact.full.values) tech.full.values.push_back(to_double(v));
  tech.full.prior = to_double(exact.full.prior);
  for (const auto& s : exact.shirk) tech.shirk.push_back(to_double(s));
  EXPECT_TRUE(effort_type(tech).team_improving);
  const auto cons = full_effort_set(tech, unanimity(2));
  ASSERT_EQ(cons.maximal.size(), 1U);
  EXPECT_NEAR(cons.maximal[0].gain[0], 1.0 / 6, 1e-12);
  EXPECT_TRUE(dominance(cons, full_effort_set(tech, unilateral(2))).strict);
}

// A random 2-member technology: 2 or 3 values each, random full-support pmfs.
EffortTechnology<Rational> random_technology(Rng& rng) {
  std::uniform_int_distribution<int> size(2, 3);
  std::uniform_int_distribution<int> weight(1, 9);
  EffortTechnology<Rational> tech;
  std::vector<Vec> values;
  std::size_t cells = 1;
  for (int i = 0; i < 2; ++i) {
    Vec v;
    const int m = size(rng);
    for (int k = 0; k < m; ++k) v.push_back(q(static_cast<long>(k) * (i + 2)));
    cells *= v.size();
    values.push_back(v);
  }
  const auto pmf = [&] {
    std::vector<long> w(cells);
    long total = 0;
    for (auto& x : w) total += (x = weight(rng));
    Vec out;
    for (const long x : w) out.push_back(q(x, total));
    return out;
  };
  tech.full = team_of(values, pmf());
  tech.shirk = {pmf(), pmf()};
  return tech;
}

TEST(DisclosureProperties, ParetoSetIsMaximalAndDominanceIsAPreorder) {
  Rng rng(6002);
  const auto protocols = all_monotone_protocols(2);
  std::size_t strict_seen = 0;
  for (int draw = 0; draw < 12; ++draw) {
    const auto tech = random_technology(rng);
    std::vector<FullEffortSet<Rational>> sets;
    for (const auto& p : protocols) {
      for (const auto variant : {FullEffortVariant::all_equilibria, FullEffortVariant::refined})
        sets.push_back(full_effort_set(tech, p, variant));
    }
    for (const auto& set : sets) {
      // Every positive gain vector is covered by a maximal one; no maximal
      // one is covered by another.
      for (const auto& g : set.gains) {
        bool positive = true;
        for (const auto& x : g.gain) positive = positive && x > 0;
        if (!positive) continue;
        bool covered = false;
        for (const auto& m : set.maximal) {
          covered = covered || (g.gain[0] <= m.gain[0] && g.gain[1] <= m.gain[1]);
        }
        EXPECT_TRUE(covered);
      }
      for (std::size_t a = 0; a < set.maximal.size(); ++a) {
        for (std::size_t b = 0; b < set.maximal.size(); ++b) {
          if (a == b) continue;
          const auto& u = set.maximal[a].gain;
          const auto& v = set.maximal[b].gain;
          EXPECT_FALSE(u[0] <= v[0] && u[1] <= v[1]);
        }
      }
      const auto self = dominance(set, set);
      EXPECT_TRUE(self.dominates && !self.strict);
    }
    for (const auto& a : sets) {
      for (const auto& b : sets) {
        const auto ab = dominance(a, b);
        strict_seen += ab.strict ? 1 : 0;
        if (!ab.dominates) continue;
        for (const auto& c : sets) {
          if (dominance(b, c).dominates) EXPECT_TRUE(dominance(a, c).dominates);
        }
      }
    }
  }
  EXPECT_GT(strict_seen, 0U);
}

TEST(DisclosureProperties, Prop6SignPatternOnRandomDraws) {
  Rng rng(6006);
  std::uniform_int_distribution<int> members(2, 7);
  for (int draw = 0; draw < 80; ++draw) {
    const int which = draw % 4;
    const auto n = static_cast<std::size_t>(members(rng));
    const auto m = random_prop6_model(rng, static_cast<Prop6Case>(which), n);
    const auto check = prop6_check(m);
    EXPECT_EQ(static_cast<int>(check.which), which);
    EXPECT_TRUE(check.holds) << prop6_case_text(check.which)
                             << " fails at K = " << check.violation.value_or(0);
  }
  // Two parameters moved at once is none of the cases.
  BinaryEffortModel both = figure2_baseline(4);
  EXPECT_EQ(prop6_case(both), Prop6Case::none);
  both.qT0 = both.qT1;
  both.qi0 = both.q1;
  both.qj0 = both.q1;
  EXPECT_EQ(prop6_case(both), Prop6Case::none);  // nothing changes
}

TEST(DisclosureProperties, Observation1PerfectCorrelationLeavesOnlyFullDisclosure) {
  const std::vector<Vec> values{{q(0), q(1), q(3)}, {q(-1), q(0), q(2)}, {q(0), q(5), q(6)}};
  const Vec diagonal{q(1, 3), q(1, 2), q(1, 6)};
  for (const auto& protocol : all_monotone_protocols(3)) {
    for (const auto& d : correlated_equilibrium_rules(values, diagonal, protocol)) {
      std::size_t concealed = 0;
      for (const auto& x : d) concealed += x < 1 ? 1 : 0;
      EXPECT_LE(concealed, 1U) << protocol.name;
      if (concealed == 1) EXPECT_LT(d[0], 1) << protocol.name;  // only ω̲ may be concealed
    }
  }
  // The same marginals without correlation (independent) admit partial disclosure.
  bool partial = false;
  const auto team = team_of({{q(0), q(1), q(3)}, {q(-1), q(0), q(2)}}, product(diagonal, diagonal));
  for (const auto& e : all_equilibria(team, unanimity(2)))
    partial = partial || e.kind != DisclosureKind::full;
  EXPECT_TRUE(partial);
}

TEST(DisclosureProperties, Prop2LeastDisclosureRuleBoundsEveryEquilibrium) {
  Rng rng(6010);
  std::uniform_int_distribution<int> weight(1, 9);
  const auto protocols = all_monotone_protocols(3);
  for (int draw = 0; draw < 3; ++draw) {
    Vec prior;
    long total = 0;
    std::vector<long> w(8);
    for (auto& x : w) total += (x = weight(rng));
    for (const long x : w) prior.push_back(q(x, total));
    const auto team = team_of({{q(0), q(1)}, {q(-1), q(2)}, {q(1), q(4)}}, prior);
    for (std::size_t p = 0; p < protocols.size(); p += 2) {
      const auto d = least_disclosure_rule(team, protocols[p]);
      bool found = false;
      for (const auto& e : all_equilibria(team, protocols[p])) {
        found = found || e.disclosure == d;
        for (std::size_t c = 0; c < d.size(); ++c) EXPECT_GE(e.disclosure[c], d[c]);
      }
      EXPECT_TRUE(found) << protocols[p].name;
    }
  }
}

// Every claim of catalog/disclosure_theory_claims.cpp reaches its expected
// outcome (reproduced, or the erratum's counterexample confirmed).
TEST(DisclosureProperties, TheoryClaimsReachTheirExpectedOutcome) {
  catalog::Registry registry;
  catalog::add_disclosure_theory_claims(registry);
  EXPECT_GE(registry.claims().size(), 12U);
  for (const auto& claim : registry.claims()) {
    const auto run = catalog::run(claim, Progress::none());
    const auto want = claim.expected == catalog::Expected::holds
                          ? catalog::Outcome::reproduced
                          : catalog::Outcome::erratum_confirmed;
    EXPECT_EQ(run.outcome, want) << claim.id << ": " << run.evidence;
  }
}

}  // namespace
}  // namespace mechlab::disclosure
