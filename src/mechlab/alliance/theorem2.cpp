#include "mechlab/alliance/theorem2.hpp"

namespace mechlab::alliance {

template <class T>
Theorem2Test<T> theorem2_test(const Alliance<T>& alliance) {
  const Derived<T> d = derive(alliance);
  const std::size_t n = d.n;
  Theorem2Test<T> test;
  test.paper_bounds = has_paper_bounds(alliance);
  test.effective_bias = d.effective_bias;
  test.one_type = d.one_type;
  test.lowest = d.order.front();
  test.highest = d.order.back();
  const T np2(n + 2);
  test.threshold = T(2) / np2;
  const T& c_low = d.effective_bias[test.lowest];
  const T& c_high = d.effective_bias[test.highest];
  test.slack_low = test.threshold + c_low;
  test.slack_high = test.threshold - c_high;
  test.pivotal_low_action = first_best_action(d, test.lowest, 1);
  test.pivotal_high_action = first_best_action(d, test.highest, n - 1);
  test.holds = sign_of(test.slack_low) >= 0 && sign_of(test.slack_high) >= 0;
  test.eq5_lhs = d.bias_spread * d.normaliser / (T(1) - alliance.eta);
  test.eq5_rhs = T(4) / np2;
  test.eq5_holds = sign_of(T(test.eq5_rhs - test.eq5_lhs)) >= 0;
  const T cap = T(1) / np2;
  for (std::size_t i = 0; i < n; ++i) {
    if (d.effective_bias[i] < T(-cap)) test.capped_at_zero.push_back(i);
    if (d.effective_bias[i] > cap) test.capped_at_one.push_back(i);
  }
  test.necessity_doubtful = T(n - 1) * alliance.eta > T(3);
  return test;
}

template Theorem2Test<Rational> theorem2_test(const Alliance<Rational>&);
template Theorem2Test<double> theorem2_test(const Alliance<double>&);

}  // namespace mechlab::alliance
