// Effort incentives (002 Theorem 3, Props 3–6, Numerical Result 1) against
// the spec's test vectors T4–T7 and Figure 2 breakpoints (§4, §5), and the
// identities (4) = (5) = direct difference, eq. (15) = brute force and the
// min-cut FOS check = enumeration on seeded random instances.
#include "mechlab/disclosure/effort.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <random>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "fixtures.hpp"
#include "support.hpp"

namespace mechlab::disclosure {
namespace {

using test::q;
using Vec = std::vector<Rational>;

using fixtures::product;
using fixtures::team_of;

// Digits of a cell (member 0 slowest).
std::vector<std::size_t> digits(const Team<Rational>& team, std::size_t cell) {
  std::vector<std::size_t> out(team.values.size());
  for (std::size_t i = team.values.size(); i-- > 0;) {
    out[i] = cell % team.values[i].size();
    cell /= team.values[i].size();
  }
  return out;
}

// The Bayes posterior (eq. 2) of d under F; 0 when P(ND) = 0.
Vec bayes(const Team<Rational>& team, const Vec& d) {
  Vec num(team.values.size(), Rational(0));
  Rational nd(0);
  for (std::size_t c = 0; c < team.prior.size(); ++c) {
    const auto dig = digits(team, c);
    const Rational w = team.prior[c] * (1 - d[c]);
    nd += w;
    for (std::size_t i = 0; i < dig.size(); ++i) num[i] += w * team.values[i][dig[i]];
  }
  if (sgn(nd) > 0) {
    for (auto& x : num) x /= nd;
  }
  return num;
}

// d over a 3×3 grid from a rule on (a, b).
template <class Rule>
Vec rule3(Rule rule) {
  Vec d;
  for (int a = 0; a < 3; ++a) {
    for (int b = 0; b < 3; ++b) d.push_back(rule(a, b));
  }
  return d;
}

// T4: N = 2, Ω_i = {0,1,2}, independent outcomes.
struct T4 {
  Vec high{q(1, 4), q(1, 3), q(5, 12)};
  Vec low{q(1, 2), q(1, 3), q(1, 6)};
  EffortTechnology<Rational> technology(bool self_improving) const {
    EffortTechnology<Rational> t;
    t.full = team_of({{q(0), q(1), q(2)}, {q(0), q(1), q(2)}}, product(high, high));
    if (self_improving) {
      t.shirk = {product(low, high), product(high, low)};
    } else {
      t.shirk = {product(high, low), product(low, high)};
    }
    return t;
  }
  static Vec full_disclosure() {
    Vec d(9, q(1));  // Vec{9, q(1)} would be the list {9, 1}
    return d;
  }
  static Vec consensual() {
    return rule3([](int a, int b) { return q(a >= 1 && b >= 1 ? 1 : 0); });
  }
  static Vec leader(const Rational& alpha) {
    return rule3([&](int a, int /*b*/) { return a >= 1 ? q(1) : alpha; });
  }
};

TEST(DisclosureEffort, SelfImprovingGainsOfT4) {
  const T4 t4;
  const auto tech = t4.technology(true);
  const auto fd = effort_gains(tech, T4::full_disclosure(), Vec{q(0), q(0)});
  EXPECT_EQ(fd.gain, (Vec{q(1, 2), q(1, 2)}));
  EXPECT_EQ(fd.prob_nd_full, q(0));

  const auto cons = effort_gains(tech, T4::consensual(), Vec{q(2, 3), q(2, 3)});
  EXPECT_EQ(cons.prob_nd_full, q(7, 16));
  EXPECT_EQ(cons.gain, (Vec{q(1, 4), q(1, 4)}));
  EXPECT_EQ(cons.delta_mean, (Vec{q(1, 2), q(1, 2)}));

  const auto lead = effort_gains(tech, T4::leader(q(0)), Vec{q(0), q(7, 6)});
  EXPECT_EQ(lead.prob_nd_full, q(1, 4));
  EXPECT_EQ(lead.gain, (Vec{q(1, 2), q(3, 8)}));
  const auto mix = effort_gains(tech, T4::leader(q(1, 2)), Vec{q(0), q(7, 6)});
  EXPECT_EQ(mix.gain, (Vec{q(1, 2), q(7, 16)}));

  // Lemma 3: concealment lowers own-effort incentives (third term of (4) < 0).
  for (std::size_t i = 0; i < 2; ++i) EXPECT_GT(cons.mean_nd_full[i], cons.mean_nd_shirk[i]);
}

TEST(DisclosureEffort, TeamImprovingGainsOfT4) {
  const T4 t4;
  const auto tech = t4.technology(false);
  EXPECT_EQ(effort_gains(tech, T4::full_disclosure(), Vec{q(0), q(0)}).gain, (Vec{q(0), q(0)}));
  const auto cons = effort_gains(tech, T4::consensual(), Vec{q(2, 3), q(2, 3)});
  EXPECT_EQ(cons.gain, (Vec{q(1, 6), q(1, 6)}));
  // −(5/8)·(2/3 − 14/15) = 1/6.
  EXPECT_EQ(cons.prob_nd_shirk[0], q(5, 8));
  EXPECT_EQ(cons.mean_nd_shirk[0], q(14, 15));
  EXPECT_EQ(effort_gains(tech, T4::leader(q(0)), Vec{q(0), q(7, 6)}).gain, (Vec{q(0), q(0)}));
}

TEST(DisclosureEffort, DoublesAgreeWithT4) {
  const T4 t4;
  const auto exact = t4.technology(true);
  EffortTechnology<double> tech;
  const auto conv = [](const Vec& v) {
    std::vector<double> out;
    for (const auto& x : v) out.push_back(to_double(x));
    return out;
  };
  tech.full.members = exact.full.members;
  for (const auto& v : exact.full.values) tech.full.values.push_back(conv(v));
  tech.full.prior = conv(exact.full.prior);
  for (const auto& s : exact.shirk) tech.shirk.push_back(conv(s));
  const auto g = effort_gains(tech, conv(T4::consensual()), {2.0 / 3.0, 2.0 / 3.0});
  EXPECT_NEAR(g.gain[0], 0.25, 1e-12);
  EXPECT_NEAR(g.gain[1], 0.25, 1e-12);
}

TEST(DisclosureEffort, RejectsNonBayesPosteriorOnPath) {
  const T4 t4;
  const auto e = test::input_error([&] {
    effort_gains(t4.technology(true), T4::consensual(), Vec{q(1, 2), q(2, 3)});
  });
  EXPECT_EQ(e.pointer(), "/posterior/0");
  const auto off = test::input_error([&] {
    effort_gains(t4.technology(true), T4::full_disclosure(), Vec{q(3), q(0)});
  });
  EXPECT_EQ(off.pointer(), "/posterior/0");
}

// T5: member 2 (index 1) under leader 1.
TEST(DisclosureEffort, LeaderGainsOfT5) {
  EffortTechnology<Rational> tech;
  tech.full = team_of({{q(0), q(1)}, {q(0), q(1)}}, {q(3, 10), q(1, 10), q(1, 10), q(1, 2)});
  const Vec shirk{q(3, 10), q(3, 20), q(3, 20), q(2, 5)};
  tech.shirk = {shirk, shirk};
  EXPECT_EQ(effort_gains(tech, Vec(4, q(1)), Vec{q(0), q(0)}).gain[1], q(1, 20));
  const auto lead = effort_gains(tech, Vec{q(0), q(0), q(1), q(1)}, Vec{q(0), q(1, 4)});
  EXPECT_EQ(lead.gain[1], q(7, 80));
  EXPECT_EQ(lead.mean_nd_shirk[1], q(1, 3));
  EXPECT_EQ(lead.prob_nd_shirk[1], q(45, 100));
  const auto mix = effort_gains(tech, Vec{q(1, 2), q(1, 2), q(1), q(1)}, Vec{q(0), q(1, 4)});
  EXPECT_EQ(mix.gain[1], q(11, 160));

  // F(e_N) ≿_FOS F(e_{N∖2}), but not strictly: P(00) is the same in both, so
  // the upper set Ω∖{00} has margin 0.
  const auto weak = fos_margin(tech.full, tech.full.prior, shirk, false);
  EXPECT_EQ(weak.margin, q(0));
  const auto strict = fos_margin(tech.full, tech.full.prior, shirk, true);
  EXPECT_EQ(strict.margin, q(0));
  EXPECT_EQ(strict.upper_set, (std::vector<std::size_t>{1, 2, 3}));
  const auto reverse = fos_margin(tech.full, shirk, tech.full.prior, false);
  EXPECT_EQ(reverse.margin, q(-1, 10));
  EXPECT_EQ(reverse.upper_set, (std::vector<std::size_t>{3}));
}

TEST(DisclosureEffort, UnorderedPairHasWitnessUpperSets) {
  const auto team = team_of({{q(0), q(1)}, {q(0), q(1)}}, Vec(4, q(1, 4)));
  const Vec f(4, q(1, 4));
  const Vec g{q(3, 10), q(1, 10), q(1, 10), q(1, 2)};
  const auto fg = fos_margin(team, f, g, false);
  EXPECT_EQ(fg.margin, q(-1, 4));
  EXPECT_EQ(fg.upper_set, (std::vector<std::size_t>{3}));
  const auto gf = fos_margin(team, g, f, false);
  EXPECT_EQ(gf.margin, q(-1, 20));
  EXPECT_EQ(gf.upper_set, (std::vector<std::size_t>{1, 2, 3}));
}

// P(ND|e_N) = 0 < P(ND|e_{N∖i}) (F(e_N) without full support): the frozen
// off-path belief enters the third term, G_i = ΔE_i − P[ND|e_{N∖i}]·(ω_i^ND −
// E[ω_i|ND; e_{N∖i}]) (spec §1.4, general form).
TEST(DisclosureEffort, OffPathBeliefEntersTheGain) {
  EffortTechnology<Rational> tech;
  tech.full = team_of({{q(0), q(1)}, {q(0), q(1)}}, {q(0), q(1, 4), q(1, 4), q(1, 2)});
  tech.shirk.assign(2, Vec(4, q(1, 4)));
  const Vec d{q(0), q(1), q(1), q(1)};
  const auto g = effort_gains(tech, d, Vec{q(1, 2), q(0)});
  EXPECT_EQ(g.prob_nd_full, q(0));
  EXPECT_EQ(g.delta_mean, (Vec{q(1, 4), q(1, 4)}));
  EXPECT_EQ(g.prob_nd_shirk[0], q(1, 4));
  EXPECT_EQ(g.gain, (Vec{q(1, 8), q(1, 4)}));
}

TEST(DisclosureEffort, FosMarginInDoubles) {
  Team<double> team;
  team.members = {"a", "b"};
  team.values = {{0.0, 1.0}, {0.0, 1.0}};
  team.prior = {0.3, 0.1, 0.1, 0.5};
  const std::vector<double> shirk{0.3, 0.15, 0.15, 0.4};
  const auto reverse = fos_margin(team, shirk, team.prior, false);
  EXPECT_NEAR(reverse.margin, -0.1, 1e-12);
  EXPECT_EQ(reverse.upper_set, (std::vector<std::size_t>{3}));
  EXPECT_NEAR(fos_margin(team, team.prior, shirk, true).margin, 0.0, 1e-12);
}

bool is_upper(const Team<Rational>& team, unsigned mask) {
  const std::size_t cells = team.prior.size();
  for (std::size_t c = 0; c < cells; ++c) {
    if ((mask >> c & 1U) == 0) continue;
    for (std::size_t o = 0; o < cells; ++o) {
      const auto a = digits(team, c);
      const auto b = digits(team, o);
      bool above = true;
      for (std::size_t i = 0; i < a.size(); ++i) above = above && b[i] >= a[i];
      if (above && (mask >> o & 1U) == 0) return false;
    }
  }
  return true;
}

Vec random_pmf(std::mt19937& rng, std::size_t cells) {
  std::uniform_int_distribution<long> draw(1, 9);
  Vec out;
  Rational total(0);
  for (std::size_t c = 0; c < cells; ++c) {
    out.emplace_back(draw(rng));
    total += out.back();
  }
  for (auto& x : out) x /= total;
  return out;
}

TEST(DisclosureEffort, MinCutMatchesUpperSetEnumeration) {
  std::mt19937 rng(2002);
  const std::vector<std::vector<Vec>> shapes{{{q(0), q(1)}, {q(0), q(1), q(2)}},
                                             {{q(0), q(1)}, {q(0), q(1)}, {q(0), q(1)}},
                                             {{q(0), q(1), q(2)}, {q(0), q(1), q(2)}}};
  for (const auto& values : shapes) {
    auto team = team_of(values, {});
    std::size_t cells = 1;
    for (const auto& v : values) cells *= v.size();
    team.prior = random_pmf(rng, cells);
    std::vector<unsigned> uppers;
    for (unsigned mask = 0; mask < (1U << cells); ++mask) {
      if (is_upper(team, mask)) uppers.push_back(mask);
    }
    // The lattice's upper sets: 10 on 2×3, 20 on 2×2×2, 20 on 3×3.
    EXPECT_EQ(uppers.size(), cells == 8 ? 20U : (cells == 6 ? 10U : 20U));
    for (int draw = 0; draw < 30; ++draw) {
      const Vec f = random_pmf(rng, cells);
      const Vec g = random_pmf(rng, cells);
      for (const bool strict : {false, true}) {
        Rational best(0);
        bool first = true;
        for (const unsigned mask : uppers) {
          if (strict && (mask == 0 || mask == (1U << cells) - 1)) continue;
          Rational sum(0);
          for (std::size_t c = 0; c < cells; ++c) {
            if ((mask >> c & 1U) != 0) sum += f[c] - g[c];
          }
          if (first || sum < best) best = sum;
          first = false;
        }
        const auto check = fos_margin(team, f, g, strict);
        EXPECT_EQ(check.margin, best);
        unsigned mask = 0;
        Rational sum(0);
        for (const auto c : check.upper_set) {
          mask |= 1U << c;
          sum += f[c] - g[c];
        }
        EXPECT_TRUE(is_upper(team, mask));
        EXPECT_EQ(sum, check.margin);
      }
    }
  }
}

TEST(DisclosureEffort, RefusesLargeLattices) {
  std::vector<Vec> values(13, Vec{q(0), q(1)});
  const auto team = team_of(values, Vec(8192, q(1, 8192)));
  const auto e = test::input_error([&] { fos_margin(team, team.prior, team.prior, false); });
  EXPECT_EQ(e.pointer(), "/outcomes");
}

// Eq. (4), eq. (5) and the direct difference agree (checked inside
// effort_gains, which would throw InternalError) on random models and random
// rules; the gain is also recomputed here as U_i(e_N) − U_i(e_{N∖i}).
TEST(DisclosureEffort, GainIdentitiesOnRandomModels) {
  std::mt19937 rng(19);
  std::uniform_int_distribution<long> vote(0, 4);
  for (int draw = 0; draw < 20; ++draw) {
    EffortTechnology<Rational> tech;
    tech.full = team_of({{q(0), q(1), q(3)}, {q(0), q(2)}, {q(-1), q(1)}}, random_pmf(rng, 12));
    for (int i = 0; i < 3; ++i) tech.shirk.push_back(random_pmf(rng, 12));
    Vec d;
    for (int c = 0; c < 12; ++c) d.push_back(q(vote(rng), 4));
    const Vec post = bayes(tech.full, d);
    const auto g = effort_gains(tech, d, post);
    for (std::size_t i = 0; i < 3; ++i) {
      Rational direct(0);
      for (std::size_t c = 0; c < 12; ++c) {
        const Rational w = tech.full.values[i][digits(tech.full, c)[i]];
        const Rational u = d[c] * w + (1 - d[c]) * post[i];
        direct += (tech.full.prior[c] - tech.shirk[i][c]) * u;
      }
      EXPECT_EQ(g.gain[i], direct);
    }
  }
}

// T6: F_ε = (1 − ε)F + εG; consensual beats FD iff ε > ε̄ = 4/9.
TEST(DisclosureEffort, Proposition4ThresholdOfT6) {
  const Vec f = product({q(2, 5), q(3, 5)}, {q(2, 5), q(3, 5)});
  const Vec g{q(1, 10), q(0), q(0), q(9, 10)};
  const Vec shirk(4, q(1, 4));
  const auto gains_at = [&](const Rational& eps) {
    EffortTechnology<Rational> tech;
    Vec mix;
    for (std::size_t c = 0; c < 4; ++c) mix.emplace_back((1 - eps) * f[c] + eps * g[c]);
    tech.full = team_of({{q(0), q(1)}, {q(0), q(1)}}, mix);
    tech.shirk = {shirk, shirk};
    const Vec d{q(0), q(0), q(0), q(1)};
    const Rational fd = effort_gains(tech, Vec(4, q(1)), Vec{q(0), q(0)}).gain[0];
    const Rational cons = effort_gains(tech, d, bayes(tech.full, d)).gain[0];
    return std::pair{fd, cons};
  };
  EXPECT_EQ(gains_at(q(0)), std::pair(q(1, 10), q(11, 160)));
  const auto [fd45, cons45] = gains_at(q(45, 100));
  EXPECT_EQ(fd45, q(47, 200));
  EXPECT_NEAR(to_double(cons45), 0.23563, 5e-6);
  const auto [fd_bar, cons_bar] = gains_at(q(4, 9));
  EXPECT_EQ(fd_bar, cons_bar);
  for (const auto& eps : {q(1, 10), q(2, 5), q(43, 100)}) {
    const auto [fd, cons] = gains_at(eps);
    EXPECT_LT(cons, fd);
  }
  for (const auto& eps : {q(45, 100), q(1, 2), q(9, 10)}) {
    const auto [fd, cons] = gains_at(eps);
    EXPECT_GT(cons, fd);
  }
}

BinaryEffortModel baseline(std::size_t n) {
  return {n, q(1, 2), q(51, 100), q(51, 100), q(1, 2), q(1, 2), q(1, 2), q(1, 2)};
}

TEST(DisclosureEffort, KMajorityGainsOfT7) {
  const std::vector<std::vector<double>> table{
      {0.0100000000, 0.0080079681},
      {0.01, 0.0097047442, 0.0063719721},
      {0.01, 0.0103030804, 0.0086487189, 0.0052198793},
      {0.01, 0.0104330909, 0.0099773947, 0.0074010235, 0.0044615243},
      {0.01, 0.0103763509, 0.0106207403, 0.0091303853, 0.0062644317, 0.0039839149},
      {0.01, .0101766465, .0107712104, .0109240312, .0095345226, .0069920819, .0046649731,
       .0035199173},
      {0.01, .0100633520, .0104442905, .0111395189, .0112101122, .0098905669, .0075618611,
       .0052663441, .0038539220, .0033616067}};
  const std::vector<std::size_t> sizes{2, 3, 4, 5, 6, 8, 10};
  const std::vector<std::size_t> k_star{1, 1, 2, 2, 3, 4, 5};
  for (std::size_t row = 0; row < sizes.size(); ++row) {
    const auto model = baseline(sizes[row]);
    const auto gains = k_majority_gains<double>(model);
    const auto exact = k_majority_gains<Rational>(model);
    ASSERT_EQ(gains.size(), sizes[row]);
    EXPECT_EQ(exact[0], q(1, 100));
    for (std::size_t k = 0; k < gains.size(); ++k) {
      EXPECT_NEAR(gains[k], table[row][k], 5e-11) << "N=" << sizes[row] << " K=" << k + 1;
      EXPECT_NEAR(gains[k], to_double(exact[k]), 1e-15);
    }
    EXPECT_EQ(optimal_k(model), std::vector<std::size_t>{k_star[row]}) << "N=" << sizes[row];
  }
}

// The §4.3 mixture over {0,1}^N, member i = 0 shirking, as a Team.
Vec mixture(std::size_t n, const Rational& p, const Rational& qt, const Rational& qi,
            const Rational& qj) {
  Vec out;
  for (std::size_t c = 0; c < (std::size_t{1} << n); ++c) {
    Rational independent(1);
    for (std::size_t i = 0; i < n; ++i) {
      const bool high = (c >> (n - 1 - i) & 1U) != 0;
      const Rational& qk = i == 0 ? qi : qj;
      independent *= high ? qk : Rational(1 - qk);
    }
    Rational common(0);
    if (c == 0) common = 1 - qt;
    if (c == (std::size_t{1} << n) - 1) common = qt;
    out.emplace_back(p * common + (1 - p) * independent);
  }
  return out;
}

TEST(DisclosureEffort, Eq15MatchesBruteForceMixture) {
  std::mt19937 rng(15);
  std::uniform_int_distribution<long> draw(1, 19);
  const auto r = [&] { return q(draw(rng), 20); };
  for (int trial = 0; trial < 12; ++trial) {
    const std::size_t n = 2 + static_cast<std::size_t>(trial % 4);
    const BinaryEffortModel model{n, r(), r(), r(), r(), r(), r(), r()};
    const auto gains = k_majority_gains<Rational>(model);
    const auto approx = k_majority_gains<double>(model);
    EffortTechnology<Rational> tech;
    tech.full = team_of(std::vector<Vec>(n, Vec{q(0), q(1)}),
                        mixture(n, model.p1, model.qT1, model.q1, model.q1));
    // Only member 0's shirking matters here; the others reuse its pmf.
    tech.shirk.assign(n, mixture(n, model.p0, model.qT0, model.qi0, model.qj0));
    for (std::size_t k = 1; k <= n; ++k) {
      Vec d;
      for (std::size_t c = 0; c < (std::size_t{1} << n); ++c) {
        d.push_back(q(static_cast<std::size_t>(__builtin_popcountll(c)) >= k ? 1 : 0));
      }
      const auto g = effort_gains(tech, d, bayes(tech.full, d));
      EXPECT_EQ(gains[k - 1], g.gain[0]) << "N=" << n << " K=" << k;
      EXPECT_NEAR(approx[k - 1], to_double(g.gain[0]), 1e-12);
    }
  }
}

TEST(DisclosureEffort, RejectsDegenerateBinaryModels) {
  auto model = baseline(3);
  model.qj0 = q(0);
  EXPECT_EQ(test::input_error([&] { k_majority_gains<Rational>(model); }).pointer(), "/qj0");
  model = baseline(1);
  EXPECT_EQ(test::input_error([&] { optimal_k(model); }).pointer(), "/members");
}

// "0.01:2, 0.27:3" → breakpoints.
std::vector<std::pair<Rational, std::size_t>> parse(const std::string& text) {
  std::vector<std::pair<Rational, std::size_t>> out;
  std::istringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    const auto start = item.find_first_not_of(' ');
    const auto colon = item.find(':');
    const auto x = parse_rational(item.substr(start, colon - start));
    out.emplace_back(x, std::stoul(item.substr(colon + 1)));
  }
  return out;
}

std::vector<std::pair<Rational, std::size_t>> breakpoints(std::size_t n,
                                                          BinaryEffortParameter which) {
  const auto sweep = optimal_k_sweep(baseline(n), which, q(1, 100), q(99, 100), q(1, 100));
  EXPECT_EQ(sweep.points.size(), 99U);
  std::vector<std::pair<Rational, std::size_t>> out;
  for (const auto& b : sweep.breakpoints) {
    EXPECT_EQ(b.k_star.size(), 1U) << "tie at " << to_string(b.x);
    out.emplace_back(b.x, b.k_star.front());
  }
  return out;
}

TEST(DisclosureEffort, Figure2BreakpointsOfSection5) {
  using P = BinaryEffortParameter;
  struct Panel {
    std::size_t n;
    P which;
    const char* table;
  };
  const std::vector<Panel> panels{
      {4, P::qj0, "0.01:2, 0.27:3, 0.49:2, 0.51:1"},
      {4, P::p0, "0.01:4, 0.47:3, 0.49:2, 0.51:1"},
      {4, P::qi0, "0.01:1, 0.50:2, 0.51:3, 0.53:4"},
      {4, P::qT0, "0.01:1, 0.50:2, 0.53:3, 0.57:4"},
      {5, P::qj0, "0.01:2, 0.14:3, 0.50:2, 0.51:1"},
      {5, P::p0, "0.01:5, 0.45:4, 0.48:3, 0.50:2, 0.51:1"},
      {5, P::qi0, "0.01:1, 0.49:2, 0.51:3, 0.52:4, 0.53:5"},
      {5, P::qT0, "0.01:1, 0.49:2, 0.51:3, 0.55:4, 0.60:5"},
      {6, P::qj0, "0.01:2, 0.07:3, 0.39:4, 0.48:3, 0.51:1"},
      {6, P::p0, "0.01:6, 0.43:5, 0.47:4, 0.49:3, 0.51:2, 0.52:1"},
      {6, P::qi0, "0.01:1, 0.48:2, 0.50:3, 0.51:4, 0.52:5, 0.54:6"},
      {6, P::qT0, "0.01:1, 0.47:2, 0.50:3, 0.53:4, 0.58:5, 0.63:6"},
      {10, P::qj0, "0.01:3, 0.09:4, 0.26:5, 0.51:1"},
      {10, P::p0,
       "0.01:10, 0.36:9, 0.40:8, 0.43:7, 0.46:6, 0.49:5, 0.51:4, 0.52:3, 0.53:2, 0.54:1"},
      {10, P::qi0,
       "0.01:1, 0.44:2, 0.46:3, 0.49:4, 0.50:5, 0.51:6, 0.52:7, 0.54:8, 0.56:9, 0.58:10"},
      {10, P::qT0,
       "0.01:1, 0.43:2, 0.45:3, 0.48:4, 0.50:5, 0.54:6, 0.58:7, 0.63:8, 0.68:9, 0.73:10"}};
  for (const auto& panel : panels) {
    EXPECT_EQ(breakpoints(panel.n, panel.which), parse(panel.table))
        << "N=" << panel.n << " panel " << static_cast<int>(panel.which);
  }
  // N = 3, panel (a): 2, then 1 from 0.50 on (no rising phase).
  EXPECT_EQ(breakpoints(3, P::qj0), parse("0.01:2, 0.50:1"));
}

// Numerical Result 1 as corrected in spec Z3: (i) hump-shaped in
// P(h_j|e_{N∖i}); (ii) non-increasing in p(e_{N∖i}); (iii), (iv)
// non-decreasing in P(h_i|e_{N∖i}) and in P(h_T|e_{N∖i}) (the printed "That
// is" clauses say decreasing).
TEST(DisclosureEffort, NumericalResult1Directions) {
  using P = BinaryEffortParameter;
  for (const std::size_t n : {4U, 7U}) {
    const auto ks = [&](P which) {
      std::vector<std::size_t> out;
      for (const auto& [x, k] : breakpoints(n, which)) out.push_back(k);
      return out;
    };
    const auto a = ks(P::qj0);
    const auto peak = static_cast<std::size_t>(std::max_element(a.begin(), a.end()) - a.begin());
    EXPECT_GT(peak, 0U) << "N=" << n;
    EXPECT_LT(peak + 1, a.size()) << "N=" << n;
    for (std::size_t k = 0; k + 1 < a.size(); ++k) {
      EXPECT_EQ(a[k] < a[k + 1], k < peak) << "N=" << n;
    }
    const auto b = ks(P::p0);
    const auto c = ks(P::qi0);
    const auto d = ks(P::qT0);
    EXPECT_TRUE(std::is_sorted(b.rbegin(), b.rend()));
    EXPECT_TRUE(std::is_sorted(c.begin(), c.end()));
    EXPECT_TRUE(std::is_sorted(d.begin(), d.end()));
    EXPECT_GT(c.back(), c.front());
    EXPECT_GT(d.back(), d.front());
  }
}

}  // namespace
}  // namespace mechlab::disclosure
