#include "mechlab/alliance/design.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <utility>

#include "mechlab/alliance/truth.hpp"
#include "mechlab/core/error.hpp"

namespace mechlab::alliance {

namespace {

inline constexpr double kMaxSize = 1e12;

template <class T>
void check_eta(const T& eta) {
  check_number(eta, "/eta", false);
  if (!(eta > T(0)) || !(eta < T(1))) {
    throw InputError("/eta", "an interdependence η in (0, 1), open", NumberTraits<T>::to_text(eta));
  }
}

template <class T>
void check_spread(const T& spread) {
  check_number(spread, "/spread", false);
  if (!(spread > T(0))) {
    throw InputError("/spread", "a positive bias spread b_d (the size is unbounded at 0)",
                     NumberTraits<T>::to_text(spread));
  }
}

// (n+2)(1+(n−1)η) <= bound: exactly in Rational, within the tolerance in
// double (the paper's n̄ = 6 at η = 2/5, b_d = 1/10 is a tie).
template <class T>
bool size_fits(std::size_t n, const T& eta, const T& bound) {
  const T lhs = T(n + 2) * (T(1) + T(n - 1) * eta);
  return lhs <= bound || nearly_equal(lhs, bound);
}

}  // namespace

template <class T>
std::size_t max_alliance_size(const T& eta, const T& spread) {
  check_eta(eta);
  check_spread(spread);
  const T bound = T(4) * (T(1) - eta) / spread;
  // ηn² + (1+η)n + 2(1−η) − bound = 0, positive root, as a starting guess.
  const double e = NumberTraits<T>::to_double(eta);
  const double r = NumberTraits<T>::to_double(bound);
  const double root =
      (-(1 + e) + std::sqrt((1 + e) * (1 + e) - 4 * e * (2 * (1 - e) - r))) / (2 * e);
  if (!(root < kMaxSize)) {
    throw InputError("/spread", "a spread giving a maximal size below 10^12",
                     NumberTraits<T>::to_text(spread));
  }
  auto n = static_cast<std::size_t>(std::max(0.0, std::floor(root)));
  // The LHS increases in n: step to the exact answer.
  while (size_fits(n + 1, eta, bound)) ++n;
  while (n > 0 && !size_fits(n, eta, bound)) --n;
  return n;
}

template <class T>
std::optional<T> max_interdependence(std::size_t n, const T& spread) {
  check_spread(spread);
  if (n < 2) throw InputError("/n", "at least 2 players", fmt::format("{}", n));
  const T rho = T(4) / (T(n + 2) * spread);
  if (!(rho > T(1))) return std::nullopt;
  return T((rho - T(1)) / (rho + T(n - 1)));
}

template <class T>
bool lemma1_blocks_entry(const Alliance<T>& alliance) {
  const Derived<T> d = derive(alliance);
  const T now = T(2) / T(d.n + 2);
  const T next = T(2) / T(d.n + 3);
  const T low = -d.effective_bias[d.order.front()];
  const T& high = d.effective_bias[d.order.back()];
  return (now > low && low > next) || (now > high && high > next);
}

template <class T>
Interval<T> admissible_entry(const Alliance<T>& alliance) {
  const Derived<T> d = derive(alliance);
  const T& eta = alliance.eta;
  const T ratio = eta / (T(1) - eta);  // η/(1−η)
  const T threshold = T(2) / T(d.n + 3);
  T sum(0);
  for (const T& b : alliance.biases) sum += b;
  // The entrant: c′ = b′(1 + nη/(1−η)) − ηS/(1−η).
  const T slope = T(1) + T(d.n) * ratio;
  Interval<T> out{T((ratio * sum - threshold) / slope), T((ratio * sum + threshold) / slope)};
  // An existing member i: c_i′ = K_i − (η/(1−η))b′, K_i = b_i + (η/(1−η))((n+1)b_i − S);
  // c′ is increasing in b_i, so the lowest and highest members bound the rest.
  for (const std::size_t i : {d.order.front(), d.order.back()}) {
    const T& b = alliance.biases[i];
    const T k = b + ratio * (T(d.n + 1) * b - sum);
    out.lo = std::max(out.lo, T((k - threshold) / ratio));
    out.hi = std::min(out.hi, T((k + threshold) / ratio));
  }
  return out;
}

template <class T>
Interval<T> feasible_mean_biases(std::size_t n, const T& eta, const T& lowest, const T& highest) {
  check_eta(eta);
  if (n < 2) throw InputError("/n", "at least 2 players", fmt::format("{}", n));
  if (!(lowest < highest)) {
    throw InputError("/highest", "a largest bias above the smallest",
                     NumberTraits<T>::to_text(highest));
  }
  const T beta = T(n) * eta / (T(1) - eta);
  const T alpha = T(1) + beta;
  const T threshold = T(2) / T(n + 2);
  // Theorem 2 ⇔ A_lo <= Avg(b) <= A_hi.
  Interval<T> out{T((alpha * highest - threshold) / beta), T((alpha * lowest + threshold) / beta)};
  // Where the mean can lie with the extremes fixed.
  const T spread = highest - lowest;
  if (n == 2) {
    const T mean = (lowest + highest) / T(2);
    out.lo = std::max(out.lo, mean);
    out.hi = std::min(out.hi, mean);
  } else {
    out.lo = std::max(out.lo, T(lowest + spread / T(n)));
    out.hi = std::min(out.hi, T(highest - spread / T(n)));
  }
  return out;
}

template <class T>
std::vector<std::size_t> feasible_sizes(const T& eta, const T& lowest, const T& highest,
                                        std::size_t scan_limit) {
  // L2 implies eq. (5), so n̄(L1) bounds the scan.
  const std::size_t bound = std::min(max_alliance_size(eta, T(highest - lowest)), scan_limit);
  std::vector<std::size_t> out;
  for (std::size_t n = 2; n <= bound; ++n) {
    if (!feasible_mean_biases(n, eta, lowest, highest).empty()) out.push_back(n);
  }
  return out;
}

namespace {

// β <= K with β = nη/(1−η): η <= K/(n+K).
template <class T>
MaxInterdependence<T> from_beta_bound(std::size_t n, const std::optional<T>& bound) {
  MaxInterdependence<T> out;
  if (!bound) {
    out.exists = true;
    out.every = true;
    return out;
  }
  out.beta_bound = *bound;
  if (!(*bound > T(0))) return out;
  out.exists = true;
  out.eta = *bound / (T(n) + *bound);
  return out;
}

// Adds the constraint coefficient·β <= rhs to the running bound K (nullopt:
// none yet); coefficient >= 0. A violated constant constraint gives K = −1.
template <class T>
void add_beta_constraint(std::optional<T>& bound, const T& coefficient, const T& rhs) {
  if (coefficient == T(0)) {
    if (sign_of(rhs) < 0) bound = T(-1);
    return;
  }
  const T k = rhs / coefficient;
  if (!bound || k < *bound) bound = k;
}

template <class T>
bool a5_holds(const Alliance<T>& alliance, Progress& progress) {
  return verify_truth_telling(alliance, progress).fully_revealing;
}

// Exact bisection between `good` (verdict true) and `bad` (verdict false).
template <class T, class F>
std::pair<T, T> bisect_verdict(T good, T bad, const T& resolution, F&& verdict) {
  while (abs_of(T(bad - good)) > resolution) {
    T mid = (good + bad) / T(2);
    if (verdict(mid)) {
      good = std::move(mid);
    } else {
      bad = std::move(mid);
    }
  }
  return {good, bad};
}

template <class T>
void check_resolution(const T& resolution, std::size_t steps) {
  check_number(resolution, "/resolution", false);
  if (!(resolution > T(0))) {
    throw InputError("/resolution", "a positive bisection resolution",
                     NumberTraits<T>::to_text(resolution));
  }
  if (steps < 2) throw InputError("/steps", "at least 2 grid steps", fmt::format("{}", steps));
}

}  // namespace

template <class T>
MaxInterdependence<T> l2_max_interdependence(std::size_t n, const T& lowest, const T& highest) {
  if (n < 2) throw InputError("/n", "at least 2 players", fmt::format("{}", n));
  if (!(lowest < highest)) {
    throw InputError("/highest", "a largest bias above the smallest",
                     NumberTraits<T>::to_text(highest));
  }
  const T spread = highest - lowest;
  const T threshold = T(2) / T(n + 2);
  // With the mean at its most favourable place (b̄ − b_d/n, resp. b̲ + b_d/n),
  // c_n <= 2/(n+2) and −c_1 <= 2/(n+2) read (b_d/n)β <= 2/(n+2) − b̄ and
  // (b_d/n)β <= b̲ + 2/(n+2); A_lo <= A_hi is eq. (5), (1+β)b_d <= 4/(n+2).
  std::optional<T> bound;
  add_beta_constraint(bound, T(spread / T(n)), T(threshold - highest));
  add_beta_constraint(bound, T(spread / T(n)), T(threshold + lowest));
  add_beta_constraint(bound, spread, T(T(2) * threshold - spread));
  return from_beta_bound(n, bound);
}

template <class T>
MaxInterdependence<T> theorem2_max_interdependence(const std::vector<T>& biases) {
  const std::size_t n = biases.size();
  if (n < 2) throw InputError("/biases", "at least 2 players", fmt::format("{}", n));
  T sum(0);
  for (std::size_t i = 0; i < n; ++i) {
    check_number(biases[i], fmt::format("/biases/{}", i), false);
    sum += biases[i];
  }
  const T mean = sum / T(n);
  const T low = *std::min_element(biases.begin(), biases.end());
  const T high = *std::max_element(biases.begin(), biases.end());
  const T threshold = T(2) / T(n + 2);
  // c_n = b_n + β(b_n − Avg) <= 2/(n+2); −c_1 = −b_1 + β(Avg − b_1) <= 2/(n+2).
  std::optional<T> bound;
  add_beta_constraint(bound, T(high - mean), T(threshold - high));
  add_beta_constraint(bound, T(mean - low), T(threshold + low));
  return from_beta_bound(n, bound);
}

template <class T>
EntrySet<T> l3_admissible_entry(const Alliance<T>& alliance,
                                const std::optional<Interval<T>>& range, std::size_t steps,
                                const T& resolution, Progress& progress) {
  check_resolution(resolution, steps);
  const std::size_t n = alliance.player_count();
  EntrySet<T> out;
  out.theorem2 = admissible_entry(alliance);  // validates
  out.steps = steps;
  out.resolution = resolution;
  if (range) {
    if (range->hi < range->lo) {
      throw InputError("/range", "an interval with lo <= hi", NumberTraits<T>::to_text(range->hi));
    }
    out.range = *range;
  } else {
    // The entrant's own Theorem 2 interval, centre ηS/((1−η)(1 + nη/(1−η))).
    const T ratio = alliance.eta / (T(1) - alliance.eta);
    const T slope = T(1) + T(n) * ratio;
    T sum(0);
    for (const T& b : alliance.biases) sum += b;
    const T centre = ratio * sum / slope;
    const T half = T(2) / T(n + 3) / slope;
    out.range = {T(centre - T(4) * half), T(centre + T(4) * half)};
  }
  Alliance<T> enlarged = alliance;
  enlarged.biases.push_back(T(0));
  enlarged.bounds.push_back({T(0), T(1)});
  auto verdict = [&](const T& entrant) {
    enlarged.biases.back() = entrant;
    return a5_holds(enlarged, progress);
  };
  std::vector<T> grid;
  for (std::size_t g = 0; g <= steps; ++g) {
    grid.push_back(out.range.lo + (out.range.hi - out.range.lo) * T(g) / T(steps));
  }
  if (!out.theorem2.empty()) {
    for (const T& end : {out.theorem2.lo, out.theorem2.hi}) {
      if (end > out.range.lo && end < out.range.hi) grid.push_back(end);
    }
  }
  std::sort(grid.begin(), grid.end());
  grid.erase(std::unique(grid.begin(), grid.end(),
                         [](const T& a, const T& b) { return nearly_equal(a, b); }),
             grid.end());
  std::vector<bool> holds;
  for (const T& b : grid) holds.push_back(verdict(b));
  out.range_limited = holds.front() || holds.back();
  // Each run of grid points where A5 holds, its ends pushed out by bisection.
  T start = grid.front();
  for (std::size_t g = 0; g < grid.size(); ++g) {
    if (!holds[g]) continue;
    if (g == 0 || !holds[g - 1]) {
      start = g == 0 ? grid[g] : bisect_verdict(grid[g], grid[g - 1], resolution, verdict).first;
    }
    if (g + 1 == grid.size() || !holds[g + 1]) {
      T end = g + 1 == grid.size()
                  ? grid[g]
                  : bisect_verdict(grid[g], grid[g + 1], resolution, verdict).first;
      out.admissible.push_back({start, std::move(end)});
    }
  }
  return out;
}

template <class T>
InterdependenceScan<T> l3_max_interdependence(const std::vector<T>& biases, std::size_t steps,
                                              const T& resolution, Progress& progress) {
  check_resolution(resolution, steps);
  InterdependenceScan<T> out;
  out.steps = steps;
  out.resolution = resolution;
  Alliance<T> alliance = paper_alliance<T>(T(1) / T(2), biases);
  validate(alliance);
  auto verdict = [&](const T& eta) {
    alliance.eta = eta;
    return a5_holds(alliance, progress);
  };
  std::size_t last = 0;  // the largest j with A5 holding at j/steps (0: none)
  std::vector<bool> holds(steps, false);
  for (std::size_t j = 1; j < steps; ++j) {
    holds[j] = verdict(T(T(j) / T(steps)));
    if (holds[j]) last = j;
  }
  if (last == 0) return out;
  out.exists = true;
  out.monotone_on_grid = std::all_of(holds.begin() + 1, holds.begin() + static_cast<long>(last) + 1,
                                     [](bool h) { return h; });
  const T good = T(last) / T(steps);
  if (last + 1 == steps) {
    out.to_one = true;
    out.certified = good;
    out.failing = T(1);
    return out;
  }
  auto [certified, failing] = bisect_verdict(good, T(T(last + 1) / T(steps)), resolution, verdict);
  out.certified = std::move(certified);
  out.failing = std::move(failing);
  return out;
}

template <class T>
AppendixB<T> appendix_b_actions(const T& eta, const T& bias, int s1, int s2) {
  check_eta(eta);
  check_number(bias, "/bias", true);
  for (const int s : {s1, s2}) {
    if (s != 0 && s != 1) throw InputError("/signal", "a signal 0 or 1", fmt::format("{}", s));
  }
  AppendixB<T> out;
  out.mean = T(s1 + s2 + 1) / T(4);
  const T& e = out.mean;
  const T one_plus = T(1) + eta;
  T dove = e - eta * bias / (T(1) - eta);
  T hawk = e + bias / (T(1) - eta);
  if (dove < T(0)) {
    // Over-provision: the dove sits at 0 and the hawk plays its target alone.
    out.dove_at_zero = true;
    dove = T(0);
    hawk = one_plus * (e + bias);
  }
  if (hawk > T(1)) {
    // Under-provision: the hawk is capped at 1 and the dove fills in.
    out.hawk_at_one = true;
    hawk = T(1);
    dove = one_plus * e - eta;
    out.dove_at_zero = dove < T(0);
    if (out.dove_at_zero) dove = T(0);
  }
  out.action = {dove, hawk};
  out.coordination = {T((dove + eta * hawk) / one_plus), T((hawk + eta * dove) / one_plus)};
  return out;
}

template <class T>
T appendix_b_threshold(const T& eta) {
  check_eta(eta);
  return (T(1) - eta) / T(2);
}

template MaxInterdependence<Rational> l2_max_interdependence(std::size_t, const Rational&,
                                                             const Rational&);
template MaxInterdependence<double> l2_max_interdependence(std::size_t, const double&,
                                                           const double&);
template MaxInterdependence<Rational> theorem2_max_interdependence(const std::vector<Rational>&);
template MaxInterdependence<double> theorem2_max_interdependence(const std::vector<double>&);
template EntrySet<Rational> l3_admissible_entry(const Alliance<Rational>&,
                                                const std::optional<Interval<Rational>>&,
                                                std::size_t, const Rational&, Progress&);
template EntrySet<double> l3_admissible_entry(const Alliance<double>&,
                                              const std::optional<Interval<double>>&, std::size_t,
                                              const double&, Progress&);
template InterdependenceScan<Rational> l3_max_interdependence(const std::vector<Rational>&,
                                                              std::size_t, const Rational&,
                                                              Progress&);
template InterdependenceScan<double> l3_max_interdependence(const std::vector<double>&, std::size_t,
                                                            const double&, Progress&);
template AppendixB<Rational> appendix_b_actions(const Rational&, const Rational&, int, int);
template AppendixB<double> appendix_b_actions(const double&, const double&, int, int);
template Rational appendix_b_threshold(const Rational&);
template double appendix_b_threshold(const double&);
template std::size_t max_alliance_size(const Rational&, const Rational&);
template std::size_t max_alliance_size(const double&, const double&);
template std::optional<Rational> max_interdependence(std::size_t, const Rational&);
template std::optional<double> max_interdependence(std::size_t, const double&);
template bool lemma1_blocks_entry(const Alliance<Rational>&);
template bool lemma1_blocks_entry(const Alliance<double>&);
template Interval<Rational> admissible_entry(const Alliance<Rational>&);
template Interval<double> admissible_entry(const Alliance<double>&);
template Interval<Rational> feasible_mean_biases(std::size_t, const Rational&, const Rational&,
                                                 const Rational&);
template Interval<double> feasible_mean_biases(std::size_t, const double&, const double&,
                                               const double&);
template std::vector<std::size_t> feasible_sizes(const Rational&, const Rational&, const Rational&,
                                                 std::size_t);
template std::vector<std::size_t> feasible_sizes(const double&, const double&, const double&,
                                                 std::size_t);

}  // namespace mechlab::alliance
