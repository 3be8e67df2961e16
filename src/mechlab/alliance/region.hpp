// The full-revelation region on a grid (spec §5.4, §7.3 "explore parameter
// space"): for each (η, b_d) or (η, Avg b) point, the paper's verdicts
// (Theorem 2's test and eq. (5)) beside the exact one (A5,
// verify_truth_telling), with the points where they disagree counted.
//
// Composition rule (the biases at a grid point), policy sets [0,1]:
//   spread axis (η, b_d): the hawk family of spec §3.6's threshold table —
//     n−1 players at bias 0 and one hawk at b_d (so Avg b = b_d/n);
//   mean axis (η, m): the same family shifted to mean m with a fixed spread
//     b_d (--spread): n−1 players at m − b_d/n and the hawk at
//     m + (n−1)b_d/n. Only the level moves, so this axis isolates the
//     dependence of Theorem 2 on Avg(b) that eq. (5) misses (spec §0.2 item 2;
//     a mean below b_d/n puts the doves below 0, outside the paper's b_1 >= 0,
//     where the formulas still apply).
// Grid values are A + (B − A)·i/(P − 1), i = 0..P−1 (just A when P = 1), exact
// in Rational.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <vector>

#include "mechlab/core/progress.hpp"
#include "mechlab/core/rational.hpp"

namespace mechlab::alliance {

enum class RegionAxis { spread, mean };

// "spread" / "mean".
std::string axis_name(RegionAxis axis);

// At most this many points per axis (the benchmark is 200 × 200).
inline constexpr std::size_t kMaxRegionPoints = 2000;
// At most this many players (each point costs n+1 A3 solves and O(n²)).
inline constexpr std::size_t kMaxRegionPlayers = 1000;

template <class T>
struct RegionOptions {
  std::size_t players = 8;  // n
  RegionAxis axis = RegionAxis::spread;
  T eta_from;  // η grid, inside (0,1)
  T eta_to;
  std::size_t eta_points = 0;
  T from;  // the second axis: b_d (>= 0) or Avg b
  T to;
  std::size_t points = 0;
  T spread;  // mean axis only: the fixed b_d (> 0)
};

// The paper's defaults: η from 1/100 to 99/100 and b_d from 0 to 1/4
// (spread axis) or Avg b from 0 to 1/4 with b_d = 1/10 (mean axis), 200 × 200.
template <class T>
RegionOptions<T> default_region_options(std::size_t players, RegionAxis axis);

// The biases at one grid point (the composition rule above).
template <class T>
std::vector<T> region_biases(std::size_t players, RegionAxis axis, const T& value, const T& spread);

template <class T>
struct RegionPoint {
  T eta;
  T value;                // b_d or Avg b
  bool theorem2 = false;  // the paper's condition (Theorem 2's test)
  bool eq5 = false;       // eq. (5), the paper's b_d-only form
  bool exact = false;     // A5: every interim gain <= 0
  T worst_gain;           // A5's largest G_i(s) (its certificate's gain)
};

template <class T>
struct RegionGrid {
  RegionOptions<T> options;
  std::vector<T> etas;                 // the η values (rows)
  std::vector<T> values;               // the second axis (columns)
  std::vector<RegionPoint<T>> points;  // row-major: points[r·values.size() + c]
  // Theorem 2 vs A5.
  std::size_t both_hold = 0;
  std::size_t both_fail = 0;
  std::size_t exact_only = 0;  // A5 holds, Theorem 2 fails: the "only if" erratum
  std::size_t paper_only = 0;  // Theorem 2 holds, A5 fails: would refute sufficiency
  // Eq. (5) vs A5: eq. (5) holding where A5 fails (it is only necessary for
  // Theorem 2) and failing where A5 holds.
  std::size_t eq5_holds_exact_fails = 0;
  std::size_t eq5_fails_exact_holds = 0;
  // The largest (n−1)η among the disagreements with Theorem 2 (0 if none):
  // the spec conjectures exactness when (n−1)η <= 3.
  T largest_disagreement_interdependence;
};

// InputError naming the option: "--n" (2..kMaxRegionPlayers), "--eta-from",
// "--eta-to" (inside (0,1)), "--eta-points", "--points" (1..kMaxRegionPoints),
// "--spread-from", "--spread-to" (b_d >= 0 on the spread axis), "--spread"
// (> 0 on the mean axis). Progress: one unit per point (time limit honoured).
template <class T>
RegionGrid<T> full_revelation_region(const RegionOptions<T>& options, Progress& progress);

// Renderers. CSV: one line per point (eta, value, their decimals, the three
// verdicts 0/1, worst_gain); JSON: options, counts and the points; text: the
// counts and, per η row, the largest value on the second axis where each
// verdict holds.
template <class T>
std::string region_csv(const RegionGrid<T>& grid);
template <class T>
nlohmann::json region_json(const RegionGrid<T>& grid);
template <class T>
std::string region_text(const RegionGrid<T>& grid);

extern template RegionOptions<Rational> default_region_options(std::size_t, RegionAxis);
extern template RegionOptions<double> default_region_options(std::size_t, RegionAxis);
extern template std::vector<Rational> region_biases(std::size_t, RegionAxis, const Rational&,
                                                    const Rational&);
extern template std::vector<double> region_biases(std::size_t, RegionAxis, const double&,
                                                  const double&);
extern template RegionGrid<Rational> full_revelation_region(const RegionOptions<Rational>&,
                                                            Progress&);
extern template RegionGrid<double> full_revelation_region(const RegionOptions<double>&, Progress&);
extern template std::string region_csv(const RegionGrid<Rational>&);
extern template std::string region_csv(const RegionGrid<double>&);
extern template nlohmann::json region_json(const RegionGrid<Rational>&);
extern template nlohmann::json region_json(const RegionGrid<double>&);
extern template std::string region_text(const RegionGrid<Rational>&);
extern template std::string region_text(const RegionGrid<double>&);

}  // namespace mechlab::alliance
