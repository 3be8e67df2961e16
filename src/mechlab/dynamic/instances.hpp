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

extern template Environment<Rational> intro_example();
extern template Environment<double> intro_example();
extern template Environment<Rational> example_5_1(std::size_t);
extern template Environment<double> example_5_1(std::size_t);
extern template Environment<Rational> appendix_e();
extern template Environment<double> appendix_e();

}  // namespace mechlab::dynamic::instances
