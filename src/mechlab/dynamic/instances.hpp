// Built-in dynamic environments from 004 §4, exactly as the spec defines them.
#pragma once

#include <cstddef>

#include "mechlab/core/rational.hpp"
#include "mechlab/dynamic/model.hpp"

namespace mechlab::dynamic::instances {

// 004 §4.1 (intro numbers), made concrete: T = 1, agents 1, 2, 3; only agent 2
// has a private type in period 1 (L or H w.p. 1/2 each); decisions A, B with
// u^1 = (0, 40), u^3 = (0, −10) and u^2(L) = (100, 0), u^2(H) = (0, 100).
// Reporting H moves the decision from A to B: γ^{2→1} = 20, γ^{2→3} = −5,
// y = (−20, 15, 5).
template <class T>
Environment<T> intro_example();

// 004 §4.2, Example 5.1 with the spec's concrete process: agents b, r, g;
// θ_0^b = θ_0^r = 1/2; labels {0, 1/2, 1} for 1 <= t < T and {0, 1} at T
// (period 0 has the single label 1/2); from 1/2 stay w.p. 1/2 and move to 0 or
// 1 w.p. 1/4 each (into T: 0 or 1 w.p. 1/2 each); 0 and 1 absorbing; green
// has one type. Decisions NO, YES at T only ("-" before), u_T^i(0, YES) = 5,
// u_T^i(1, YES) = 100 for i in {b, r}, u_T^g(YES) = −150; NO pays 0.
// horizon >= 2.
template <class T>
Environment<T> example_5_1(std::size_t horizon = 4);

// 004 §4.5, Appendix E as a dynamic environment with T = 1: agents 1, 2 have
// types L, H w.p. 1/2 in period 1, agent 3 one type; decisions N, S, B (in
// this tie-break order, so "invest only if strictly beneficial").
template <class T>
Environment<T> appendix_e();

// 004 §4.4, the §5.2 DPM example: agents b, r, g; periods 0..2 (period 0
// trivial; the paper's periods 1, 2 are t = 1, 2); decisions a ∈ {−1, 0, 1}
// (this tie-break order) with u_i = θ_i·a − a². Types at t = 1: b, r ∈ {5, X},
// g ∈ {−2}; at t = 2: b ∈ {0, 100, X}, r ∈ {0, −100, X}, g ∈ {0}; from 5 the
// types move to 0 if a_1 = −1 and to ±100 otherwise. X is the exit type of
// Bergemann–Välimäki (their footnote, the paper's fn. 22): payoff 0 for every
// a and absorbing in the kernel (X → X w.p. 1), so the mechanism's
// expectations treat an exited agent as gone. An agent who reported X at t = 1
// and re-enters at t = 2 with a truthful 0 / ±100 makes an off-support report
// (spec §6). This is the reading that reproduces the spec's "as stated" DPM
// payments (98; 4; 0). Modelling X with the regular type's kernel row instead
// gives 3 (not 4) for the other agent's payment when one of b, r reports X.
template <class T>
Environment<T> section_5_2();

// 004 §4.3, Appendix D (Theorem 4): T = 4, agents blue, red, green, ε = 3.
// Types are the probabilities p of HIGH at T, labelled as in the paper
// ("b1:30%"): blue {50}, {30, 70}, {20, 80}, {10, 90}, {0, 100}; red {50},
// {50}, {20, 80}, {10, 90}, {0, 100} (percent, t = 0..4); green one type.
// Martingale transitions (p → hi w.p. (p − lo)/(hi − lo)), independent of the
// decisions. X_2 = blue guess × red guess, X_3 = red guess, X_4 = blue guess ×
// red guess × {YES, NO} (listed in that nesting, first factor slowest). Wrong
// guesses cost 10^42 (blue at t = 2, 4; red at t = 3, 4) or ε (red at t = 2);
// YES at t = 4 pays blue and red 84 + 20·I(HIGH) each and green −204. Use
// Rational: in double 10^42 swamps every O(1) term.
template <class T>
Environment<T> appendix_d();

extern template Environment<Rational> intro_example();
extern template Environment<double> intro_example();
extern template Environment<Rational> example_5_1(std::size_t);
extern template Environment<double> example_5_1(std::size_t);
extern template Environment<Rational> appendix_e();
extern template Environment<double> appendix_e();
extern template Environment<Rational> section_5_2();
extern template Environment<double> section_5_2();
extern template Environment<Rational> appendix_d();
extern template Environment<double> appendix_d();

}  // namespace mechlab::dynamic::instances
