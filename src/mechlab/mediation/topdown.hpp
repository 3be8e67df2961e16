// The top-down algorithm of Proposition 6 (spec §3.9, supplement Section H)
// for monotone lottery games, in its fractional-knapsack form [derived]: when
// only PC of type 1 and the local downward ICs bind, the resource constraint
// reads Σ p(a)p(b)γ(a,b)(v(a,b) − 1) ≥ 2V(1) − 1 with the virtual value
//   v(a,b) = W(a,b) + w(a)A(a,b) + w(b)A(b,a),
// W(a,b) = u(a,b) + u(b,a), A(a,b) = u(a,b) − u(a+1,b) (A(K,·) is multiplied
// by w(K) = 0), w(θ) = (1 − F(θ))/p(θ). Minimising Pr(𝒢) = Σ p p γ is then a
// fractional knapsack: escalate the profiles with the highest v first (ties
// as one group, shrunk together, as the authors' Matlab does) until the
// constraint binds. Exact in Rational; always compare with the LP
// (`verify_top_down`): Prop. 6 is what makes the two agree.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "mechlab/mediation/design.hpp"
#include "mechlab/mediation/model.hpp"

namespace mechlab::mediation {

// Def. 14 (Feb-2018 supplement): a lottery is monotone when A(θ, θ′) is weakly
// decreasing in θ (θ ≤ K−1) and in θ′, and w is weakly decreasing. The
// evidence names the first violation found (1-based), e.g.
// "A(1,2) = 1/10 < A(1,3) = 1/5".
template <class T>
struct MonotoneLotteryCheck {
  bool holds = true;
  Matrix<T> a;           // A(θ, θ′) for θ ≤ K−1 (K−1 rows)
  std::vector<T> w;      // rent weights
  std::string evidence;  // the first violation, or what was checked
};

template <class T>
MonotoneLotteryCheck<T> check_monotone_lottery(const Matrix<T>& u, const std::vector<T>& prior);

// v(a,b) of spec §3.9 (0-based indices; v[a][b]).
template <class T>
Matrix<T> top_down_values(const Matrix<T>& u, const std::vector<T>& prior);

// One group of tied profiles, in the order the algorithm escalates them.
template <class T>
struct TopDownGroup {
  std::vector<std::pair<std::size_t, std::size_t>> profiles;  // 0-based (a, b)
  T v = T(0);                                                 // their common v
  T mass = T(0);   // Σ p(a)p(b)(v − 1) over the group: what γ = 1 buys
  T gamma = T(0);  // the γ every profile of the group gets (1, a fraction, or 0)
};

enum class TopDownPolicy {
  refuse,  // InputError("/game", ...) unless the game is a monotone lottery
  flag     // run anyway; `monotone.holds` says whether Prop. 6 applies
};

template <class T>
struct TopDownResult {
  MonotoneLotteryCheck<T> monotone;
  Matrix<T> v;
  std::vector<TopDownGroup<T>> order;  // groups with v > 1 in escalation order
  std::size_t last_group = 0;          // index in `order` of the shrunk group (if any)
  T target = T(0);                     // 2V(1) − 1: what the escalations must pay for
  Matrix<T> gamma;                     // symmetric: ties shrunk together
  T probability = T(0);                // Pr(𝒢) = Σ p p γ
  // OST fails (V(1) ≤ ½): Prop. 1 pooling, nothing escalates.
  bool pooling = false;
  // Σ_{all} p p (v − 1) − (2V(1) − 1): zero when V(θ) = Σ p u(θ,·) (the sanity
  // identity of spec §3.9); the knapsack is feasible iff the v > 1 mass
  // reaches the target.
  T identity_gap = T(0);
  bool feasible = true;  // the v > 1 profiles can pay for the target
};

// Throws InputError("/game", ...) for a belief-dependent game, and with
// TopDownPolicy::refuse for a lottery that is not monotone (the message quotes
// the violation).
template <class T>
TopDownResult<T> top_down(const Instance<T>& instance,
                          TopDownPolicy policy = TopDownPolicy::refuse);

// The top-down value against the exact lottery LP (spec §3.9 "always verify").
template <class T>
struct TopDownVerification {
  TopDownResult<T> top_down;
  DesignResult<T> lp;
  T difference = T(0);  // top-down Pr(𝒢) − LP Pr(𝒢)
  bool agrees = false;  // exactly in Rational, within tolerance in double
  // The knapsack fixes γ only. The one-column LP over the shape γ (max entry
  // 1, so weight α ≤ 1) finds settlement values for it: `implemented` when
  // that LP's optimum is α = 1, i.e. the top-down γ itself satisfies every
  // IC/PC/F and is an optimal mechanism (not just one with the same value).
  std::optional<DesignResult<T>> rule_lp;
  bool implemented = false;
};

template <class T>
TopDownVerification<T> verify_top_down(const Instance<T>& instance,
                                       TopDownPolicy policy = TopDownPolicy::flag);

// "(1,1) (1,2),(2,1) [5/11]": the escalation order in the paper's 1-based names.
template <class T>
std::string describe_order(const TopDownResult<T>& result);

extern template MonotoneLotteryCheck<Rational> check_monotone_lottery(const Matrix<Rational>&,
                                                                      const std::vector<Rational>&);
extern template Matrix<Rational> top_down_values(const Matrix<Rational>&,
                                                 const std::vector<Rational>&);
extern template TopDownResult<Rational> top_down(const Instance<Rational>&, TopDownPolicy);
extern template TopDownVerification<Rational> verify_top_down(const Instance<Rational>&,
                                                              TopDownPolicy);
extern template std::string describe_order(const TopDownResult<Rational>&);
extern template MonotoneLotteryCheck<double> check_monotone_lottery(const Matrix<double>&,
                                                                    const std::vector<double>&);
extern template Matrix<double> top_down_values(const Matrix<double>&, const std::vector<double>&);
extern template TopDownResult<double> top_down(const Instance<double>&, TopDownPolicy);
extern template TopDownVerification<double> verify_top_down(const Instance<double>&, TopDownPolicy);
extern template std::string describe_order(const TopDownResult<double>&);

}  // namespace mechlab::mediation
