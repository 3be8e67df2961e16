// A1 (spec §2.2, §3.2): Beta-binomial posteriors under the uniform prior θ ~
// U[0,1] with n conditionally i.i.d. binary signals, P(s_i = 1 | θ) = θ.
// Every quantity is a rational closed form. Counts outside their range are
// a programming error (InternalError).
#pragma once

#include <cstddef>

#include "mechlab/core/rational.hpp"

namespace mechlab::alliance {

// E[θ | k ones among m signals] = (k+1)/(m+2) (θ | k ~ Beta(k+1, m−k+1)). With
// m = n it is E_k; with m = t truthful messages it is Theorem 1's E.
template <class T>
T posterior_mean(std::size_t k, std::size_t m);

// Var(θ | k, m) = (k+1)(m−k+1)/((m+2)²(m+3)).
template <class T>
T posterior_variance(std::size_t k, std::size_t m);

// Ex-ante P(k) = 1/(n+1) for every k = 0..n (the paper's A.4 says 1/(n+2):
// erratum 11).
template <class T>
T count_probability(std::size_t k, std::size_t n);

// Interim P(k_{−i} = j | s_i = s) over j = 0..n−1 [derived]:
// s = 1: 2(j+1)/(n(n+1)); s = 0: 2(n−j)/(n(n+1)).
template <class T>
T others_count_probability(std::size_t j, int signal, std::size_t n);

// A babbling player's mean with own signal s and k ones among t truthful
// messages: (k+s+1)/(t+3).
template <class T>
T babbler_mean(std::size_t k, int signal, std::size_t t);

extern template Rational posterior_mean(std::size_t, std::size_t);
extern template double posterior_mean(std::size_t, std::size_t);
extern template Rational posterior_variance(std::size_t, std::size_t);
extern template double posterior_variance(std::size_t, std::size_t);
extern template Rational count_probability(std::size_t, std::size_t);
extern template double count_probability(std::size_t, std::size_t);
extern template Rational others_count_probability(std::size_t, int, std::size_t);
extern template double others_count_probability(std::size_t, int, std::size_t);
extern template Rational babbler_mean(std::size_t, int, std::size_t);
extern template double babbler_mean(std::size_t, int, std::size_t);

}  // namespace mechlab::alliance
