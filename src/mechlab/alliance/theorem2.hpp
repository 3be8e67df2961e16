// A4 (spec §3.5): the paper's Theorem 2 closed-form test for full revelation
// with policy sets [0,1]: ∀i |c_i| <= 2/(n+2), i.e. eq. (4):
//   x̄_1(1) = 2/(n+2) + c_1 >= 0     (the lowest-bias player at k = 1),
//   x̄_n(n−1) = n/(n+2) + c_n <= 1   (the highest-bias player at k = n−1).
// The condition is sufficient but NOT necessary (spec §0.2 item 1: it can
// fail while full revelation holds when (n−1)η > 3); the exact verdict is
// verify_truth_telling() (A5). Eq. (5), the sum of the two constraints, only
// uses b_d and is necessary, not sufficient (§0.2 item 2).
#pragma once

#include <cstddef>
#include <vector>

#include "mechlab/alliance/model.hpp"
#include "mechlab/core/rational.hpp"

namespace mechlab::alliance {

template <class T>
struct Theorem2Test {
  bool paper_bounds = true;       // every policy set is [0,1]: the theorem's setting
  std::vector<T> effective_bias;  // c_i (input order)
  std::vector<bool> one_type;     // c_i > 0 (Def. 7)
  std::size_t lowest = 0;         // the paper's player 1 (smallest bias, first if tied)
  std::size_t highest = 0;        // the paper's player n (largest bias, last if tied)
  T threshold;                    // 2/(n+2)
  T slack_low;                    // 2/(n+2) + c_1 = x̄_1(1)
  T slack_high;                   // 2/(n+2) − c_n = 1 − x̄_n(n−1)
  T pivotal_low_action;           // x̄_1(1), must be >= 0
  T pivotal_high_action;          // x̄_n(n−1), must be <= 1
  bool holds = false;             // both slacks >= 0 (weak inequalities)
  T eq5_lhs;                      // b_d (1+(n−1)η)/(1−η)
  T eq5_rhs;                      // 4/(n+2)
  bool eq5_holds = false;         // eq. (5): necessary only
  // Footnote 17 (no incentive problem, reported for information): 0-types
  // capped at 0 at k = 0 (c_i < −1/(n+2)) and 1-types capped at 1 at k = n
  // (c_i > 1/(n+2)).
  std::vector<std::size_t> capped_at_zero;
  std::vector<std::size_t> capped_at_one;
  // (n−1)η > 3: the region where the "only if" was found to fail; a failed
  // test here may still be full revelation (spec §3.6, conjecture: exact
  // when (n−1)η <= 3).
  bool necessity_doubtful = false;
};

// Validates (InputError as validate()).
template <class T>
Theorem2Test<T> theorem2_test(const Alliance<T>& alliance);

extern template Theorem2Test<Rational> theorem2_test(const Alliance<Rational>&);
extern template Theorem2Test<double> theorem2_test(const Alliance<double>&);

}  // namespace mechlab::alliance
