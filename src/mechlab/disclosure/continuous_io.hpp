// Reading a continuous team (002 Appendix B.1, spec §3.6) from a JSON model
// file: the "members" and "marginals" keys of the root. The caller (the
// disclosure reader or a CLI verb) checks the header, the allowed keys and the
// protocols; errors carry the file's JSON pointers, members by name
// ("/marginals/ann/masses/0").
//
//   "members": ["ann", "bob"],
//   "marginals": {
//     "ann": {"uniform": [0, 1]},
//     "bob": {"breakpoints": [0, "1/2", 1], "masses": ["3/4", "1/4"]}
//   }
//
// "uniform": [lo, hi] is U[lo, hi]; "breakpoints" b_0 < ... < b_m with one
// "masses" entry > 0 per piece [b_k, b_{k+1}], summing to 1, is the density
// constant on each piece.
#pragma once

#include "mechlab/disclosure/continuous.hpp"
#include "mechlab/io/json.hpp"

namespace mechlab::disclosure {

template <class T>
ContinuousTeam<T> read_continuous_team(const io::Node& root, const io::ReadOptions& options = {});

extern template ContinuousTeam<Rational> read_continuous_team(const io::Node&,
                                                              const io::ReadOptions&);
extern template ContinuousTeam<double> read_continuous_team(const io::Node&,
                                                            const io::ReadOptions&);

}  // namespace mechlab::disclosure
