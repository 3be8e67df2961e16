// Continuous outcomes (002 Appendix B.1, Theorem 4; spec §3.6): independent
// members with piecewise-uniform marginals on [ω̲_i, ω̄_i], threshold rules
// d_t(ω) = 1[{i : ω_i > t_i} ∈ W], the fixed-point map Φ(t)_i = E[ω_i | d_t = 0]
// by the orthant decomposition, its fixed points (the partial-disclosure
// equilibria), and the discretisation of such a team with the artefact filters
// of §3.6.
//
// A piecewise-constant density makes F_i(t), μ_i^0(t) = ∫_{ω̲_i}^t v dF_i and
// μ_i^1(t) = E[ω_i] − μ_i^0(t) exact rationals at rational t, so Φ is exact in
// Rational mode.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "mechlab/core/progress.hpp"
#include "mechlab/core/rational.hpp"
#include "mechlab/disclosure/equilibria.hpp"
#include "mechlab/disclosure/model.hpp"
#include "mechlab/disclosure/protocol.hpp"

namespace mechlab::disclosure {

// A density constant on each piece [b_k, b_{k+1}]: breakpoints b_0 = ω̲ < ... <
// b_m = ω̄ and the probability of each piece (all > 0: full support, Theorem
// 4; no atoms by construction). U[lo, hi] is {{lo, hi}, {1}}.
template <class T>
struct PiecewiseUniform {
  std::vector<T> breakpoints;
  std::vector<T> masses;  // one per piece, summing to 1

  const T& low() const { return breakpoints.front(); }
  const T& high() const { return breakpoints.back(); }
};

// N >= 2 members with independent outcomes ω_i ~ marginals[i].
template <class T>
struct ContinuousTeam {
  std::vector<std::string> members;
  std::vector<PiecewiseUniform<T>> marginals;

  std::size_t member_count() const { return members.size(); }
};

// InputError with a JSON pointer ("/members/1", "/marginals/0/breakpoints/2",
// "/marginals/1/masses/0"): N >= 2, unique non-empty names, per marginal >= 2
// strictly increasing breakpoints, one mass > 0 per piece, masses summing to 1
// (exactly for Rational, within 1e-12 for double).
template <class T>
void validate(const ContinuousTeam<T>& team);

// The team with every member U[lo, hi] (lo < hi), named "1".."N".
template <class T>
ContinuousTeam<T> uniform_team(std::size_t members, const T& lo, const T& hi);

// F_i(t), μ^0(t) = ∫_{ω̲}^t v dF and μ^1(t) = ∫_t^{ω̄} v dF of one marginal;
// t is clamped to [ω̲, ω̄].
template <class T>
struct MarginalMoments {
  T cdf = T(0);
  T below = T(0);  // μ^0
  T above = T(0);  // μ^1
};
template <class T>
MarginalMoments<T> moments(const PiecewiseUniform<T>& marginal, const T& t);

// P_t(ND) and Φ(t) (eq. 2 under d_t) by the orthant decomposition over the
// losing coalitions S ∉ W (the members voting yes); `posterior` is empty when
// P_t(ND) = 0 (then Φ is off path).
template <class T>
struct NoDisclosureMap {
  T prob_no_disclosure = T(0);
  std::vector<T> posterior;
};
template <class T>
NoDisclosureMap<T> no_disclosure_map(const ContinuousTeam<T>& team, const Protocol& protocol,
                                     const std::vector<T>& thresholds);

// Φ(ω̲+): the limit of Φ(ω̲ + ε(ω̄ − ω̲)) as ε → 0+, exact. Leading order:
// only the losing coalitions with the fewest "no" voters m* survive, so
// Φ_i(ω̲+) = ω̲_i + (E[ω_i] − ω̲_i) · Σ_{S∉W, |N∖S|=m*, i∈S} w_S / Σ_{S∉W, |N∖S|=m*} w_S,
// w_S = Π_{j∉S} f_j(ω̲_j+)(ω̄_j − ω̲_j). Theorem 4.2's sufficient condition for a
// partial-disclosure equilibrium is Φ(ω̲+) > ω̲ in every coordinate.
template <class T>
std::vector<T> limit_at_lower_corner(const ContinuousTeam<T>& team, const Protocol& protocol);

// A fixed point t* = Φ(t*) with P(ND) > 0, i.e. a partial-disclosure
// equilibrium (all interior, Theorem 4.3).
template <class T>
struct ContinuousFixedPoint {
  std::vector<double> thresholds;  // t* (double estimate)
  double prob_no_disclosure = 0;   // at t*
  double residual = 0;             // max_i |Φ_i(t*) − t*_i| at the estimate
  // Symmetric search only: a bracket [a, b] of the common threshold with
  // φ(a) − a > 0 > φ(b) − b (or the reverse), the signs computed in T (exact
  // for Rational), and P(ND) > 0 on it.
  std::optional<std::pair<T, T>> bracket;
  // Rational symmetric search only: the bracket is certified by a Sturm count
  // of exactly one root on (a, b] instead of a sign change (a root the scan
  // missed, e.g. a tangency where φ(t) − t keeps its sign).
  bool sturm_certified = false;
};

enum class FixedPointSearch {
  symmetric_scan,  // iid marginals, anonymous protocol: scan φ(t) − t and bisect each sign change
  multistart_newton,  // general: Newton from a grid of starts (search-based, may be incomplete)
};

template <class T>
struct ContinuousAnalysis {
  FixedPointSearch search = FixedPointSearch::multistart_newton;
  std::string method;  // what was searched, in words (grid size, starts, tolerances)
  std::vector<T> limit_at_lower_corner;  // Φ(ω̲+)
  bool sufficient_condition = false;     // Φ(ω̲+) > ω̲ in every coordinate (Theorem 4.2)
  bool some_member_discloses_alone = false;
  std::vector<ContinuousFixedPoint<T>> fixed_points;  // by increasing first threshold
  // Symmetric search in Rational: the exact number of distinct roots of
  // φ(t) = t on (ω̲, ω̄], by Sturm sequences of the polynomial Num(t) − t·P(t)
  // on each piece of the density. When the scan found fewer, the missing ones
  // are isolated by Sturm bisection, so every symmetric root is listed.
  std::optional<std::size_t> symmetric_root_count;
};

struct ContinuousOptions {
  std::size_t scan_points = 1000;  // symmetric scan: grid steps on (ω̲, ω̄]
  double bracket_width = 1e-12;    // symmetric: bisect to this width (relative to ω̄ − ω̲)
  std::size_t max_starts = 256;    // general: at most this many Newton starts
  std::size_t newton_iterations = 100;
  // Newton: accept |Φ_i(t) − t_i| <= tolerance·min(max width, t_i − ω̲_i).
  double tolerance = 1e-11;
  // Symmetric case: also search asymmetric fixed points by multi-start Newton
  // when N is at most this (its cost grows like 2^N per evaluation of Φ).
  std::size_t asymmetric_search_max_members = 6;
};

// Every fixed point of Φ with P(ND) > 0 (spec §3.6). FD (Theorem 4.1) always
// exists besides them and is not listed. The symmetric scan finds every root
// where φ(t) − t changes sign between grid points; two roots within one grid
// step, or a tangency, can be missed (`method` says so).
template <class T>
ContinuousAnalysis<T> continuous_fixed_points(const ContinuousTeam<T>& team,
                                              const Protocol& protocol,
                                              const ContinuousOptions& options = {},
                                              Progress& progress = Progress::none());

// Newton's method on Φ(t) − t (double, finite-difference Jacobian, damped to
// stay inside the box) from `start`; nullopt if it fails to converge to a
// point with P(ND) > 0.
template <class T>
std::optional<ContinuousFixedPoint<T>> newton_fixed_point(const ContinuousTeam<T>& team,
                                                          const Protocol& protocol,
                                                          const std::vector<double>& start,
                                                          const ContinuousOptions& options = {});

// The midpoint grid: member i's [ω̲_i, ω̄_i] cut into n equal cells, each
// represented by its midpoint with the cell's probability (exact); the prior
// is the product (independence). n >= 2.
template <class T>
Team<T> discretise(const ContinuousTeam<T>& team, std::size_t n);

// One equilibrium class of a discretised team, with the §3.6 filters' verdict.
enum class ArtefactFlag {
  full_disclosure,  // FD: exists in the continuum too (Theorem 4.1)
  kept,             // a candidate for a continuum equilibrium
  vanishing,        // n·P(ND) <= vanishing_mass: concealment on O(1) grid cells, P(ND) → 0
  clustered,        // within one grid step of a kept class of the same grid: the same root
};

template <class T>
struct DiscreteClass {
  Equilibrium<T> equilibrium;  // the raw class of all_equilibria
  T n_times_prob_no_disclosure = T(0);
  ArtefactFlag flag = ArtefactFlag::kept;
  std::string reason;                  // why the flag, in words
  std::optional<std::size_t> cluster;  // index into the grid's clusters (kept and clustered)
};

template <class T>
struct DiscreteCluster {
  std::vector<std::size_t> classes;                 // indices into the grid's classes
  std::vector<double> mean_posterior;               // start of the polish
  std::optional<ContinuousFixedPoint<T>> polished;  // continuous Newton from the mean
};

template <class T>
struct DiscreteGrid {
  std::size_t n = 0;
  std::vector<DiscreteClass<T>> classes;  // every raw class, flagged
  std::vector<DiscreteCluster<T>> clusters;
};

struct DiscretisationOptions {
  double vanishing_mass = 2;  // flag a partial class when n·P(ND) <= this
  double cluster_steps = 1;   // cluster interior classes within this many grid steps (max norm)
  ContinuousOptions polish;   // Newton settings for the polish
  EquilibriumOptions equilibria;
};

template <class T>
struct DiscretisationStudy {
  std::vector<DiscreteGrid<T>> grids;  // one per n, in the order given
};

// Discretise with each n, run all_equilibria, flag artefacts and polish the
// clusters (spec §3.6). Nothing is dropped from `classes`; the flags say
// which classes survive.
template <class T>
DiscretisationStudy<T> discretisation_study(const ContinuousTeam<T>& team, const Protocol& protocol,
                                            const std::vector<std::size_t>& grid_sizes,
                                            const DiscretisationOptions& options = {},
                                            Progress& progress = Progress::none());

const char* artefact_flag_text(ArtefactFlag flag);

extern template void validate(const ContinuousTeam<Rational>&);
extern template void validate(const ContinuousTeam<double>&);
extern template ContinuousTeam<Rational> uniform_team(std::size_t, const Rational&,
                                                      const Rational&);
extern template ContinuousTeam<double> uniform_team(std::size_t, const double&, const double&);
extern template MarginalMoments<Rational> moments(const PiecewiseUniform<Rational>&,
                                                  const Rational&);
extern template MarginalMoments<double> moments(const PiecewiseUniform<double>&, const double&);
extern template NoDisclosureMap<Rational> no_disclosure_map(const ContinuousTeam<Rational>&,
                                                            const Protocol&,
                                                            const std::vector<Rational>&);
extern template NoDisclosureMap<double> no_disclosure_map(const ContinuousTeam<double>&,
                                                          const Protocol&,
                                                          const std::vector<double>&);
extern template std::vector<Rational> limit_at_lower_corner(const ContinuousTeam<Rational>&,
                                                            const Protocol&);
extern template std::vector<double> limit_at_lower_corner(const ContinuousTeam<double>&,
                                                          const Protocol&);
extern template ContinuousAnalysis<Rational> continuous_fixed_points(
    const ContinuousTeam<Rational>&, const Protocol&, const ContinuousOptions&, Progress&);
extern template ContinuousAnalysis<double> continuous_fixed_points(const ContinuousTeam<double>&,
                                                                   const Protocol&,
                                                                   const ContinuousOptions&,
                                                                   Progress&);
extern template std::optional<ContinuousFixedPoint<Rational>> newton_fixed_point(
    const ContinuousTeam<Rational>&, const Protocol&, const std::vector<double>&,
    const ContinuousOptions&);
extern template std::optional<ContinuousFixedPoint<double>> newton_fixed_point(
    const ContinuousTeam<double>&, const Protocol&, const std::vector<double>&,
    const ContinuousOptions&);
extern template Team<Rational> discretise(const ContinuousTeam<Rational>&, std::size_t);
extern template Team<double> discretise(const ContinuousTeam<double>&, std::size_t);
extern template DiscretisationStudy<Rational> discretisation_study(const ContinuousTeam<Rational>&,
                                                                   const Protocol&,
                                                                   const std::vector<std::size_t>&,
                                                                   const DiscretisationOptions&,
                                                                   Progress&);
extern template DiscretisationStudy<double> discretisation_study(const ContinuousTeam<double>&,
                                                                 const Protocol&,
                                                                 const std::vector<std::size_t>&,
                                                                 const DiscretisationOptions&,
                                                                 Progress&);

}  // namespace mechlab::disclosure
