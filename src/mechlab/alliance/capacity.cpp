#include "mechlab/alliance/capacity.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "mechlab/alliance/commitment.hpp"
#include "mechlab/alliance/continuation.hpp"
#include "mechlab/alliance/posterior.hpp"
#include "mechlab/alliance/truth.hpp"
#include "mechlab/core/error.hpp"

namespace mechlab::alliance {

namespace {

template <class T>
T clip_to(const T& x, const T& lo, const T& hi) {
  if (x < lo) return lo;
  if (x > hi) return hi;
  return x;
}

// Everything the search needs at one capacity r: A5 (which holds x*(k; r)) and
// the values that are piecewise quadratic in r: W_p(r), then G_i(s) at index
// 1 + 2i + s.
template <class T>
struct Sample {
  T capacity;
  TruthTelling<T> truth;
  std::vector<T> values;
};

// c0 + c1·t + c2·t² on a piece, t = r − from.
template <class T>
struct Quadratic {
  T c0;
  T c1;
  T c2;
  T at(const T& t) const { return c0 + c1 * t + c2 * t * t; }
};

// Exact through (0, v0), (h/2, vm), (h, v1).
template <class T>
Quadratic<T> fit(const T& h, const T& v0, const T& vm, const T& v1) {
  Quadratic<T> q{v0, T(0), T(T(2) * (v1 - T(2) * vm + v0) / (h * h))};
  q.c1 = (v1 - v0) / h - q.c2 * h;
  return q;
}

// The maximiser of q on [a, b] (q concave or linear there).
template <class T>
T argmax_on(const Quadratic<T>& q, const T& a, const T& b) {
  T best = q.at(a) >= q.at(b) ? a : b;
  if (q.c2 < T(0)) {
    const T vertex = -q.c1 / (T(2) * q.c2);
    if (vertex > a && vertex < b && q.at(vertex) > q.at(best)) best = vertex;
  }
  return best;
}

// A root of q strictly inside (a, b), where q is monotone and changes sign
// strictly: exact when rational (Rational mode, perfect-square discriminant),
// else a bracket of width <= resolution found by exact bisection.
template <class T>
std::pair<T, T> root_in(const Quadratic<T>& q, const T& a, const T& b, const T& resolution) {
  if constexpr (NumberTraits<T>::exact) {
    if (q.c2 == 0) {
      const T t = -q.c0 / q.c1;
      return {t, t};
    }
    const Rational disc = q.c1 * q.c1 - 4 * q.c2 * q.c0;
    if (disc >= 0 && mpz_perfect_square_p(disc.get_num_mpz_t()) != 0 &&
        mpz_perfect_square_p(disc.get_den_mpz_t()) != 0) {
      const Rational root(sqrt(mpz_class(disc.get_num())), sqrt(mpz_class(disc.get_den())));
      for (const Rational& t :
           {Rational((-q.c1 + root) / (2 * q.c2)), Rational((-q.c1 - root) / (2 * q.c2))}) {
        if (t > a && t < b) return {t, t};
      }
    }
  }
  T lo = a;
  T hi = b;
  const int sign_lo = sign_of(q.at(lo));
  while (hi - lo > resolution) {
    T mid = (lo + hi) / T(2);
    const int s = sign_of(q.at(mid));
    if (s == 0) return {mid, mid};
    if (s == sign_lo) {
      lo = std::move(mid);
    } else {
      hi = std::move(mid);
    }
  }
  return {lo, hi};
}

template <class T>
bool same_point(const T& a, const T& b) {
  return nearly_equal(a, b);
}

template <class T>
void sort_unique(std::vector<T>& points) {
  std::sort(points.begin(), points.end());
  points.erase(std::unique(points.begin(), points.end(), same_point<T>), points.end());
}

template <class T>
class Search {
 public:
  Search(const Alliance<T>& alliance, T cost, std::size_t player, Progress& progress)
      : alliance_(alliance),
        trial_(alliance),
        cost_(std::move(cost)),
        player_(player),
        progress_(progress) {}

  Sample<T> sample(const T& r) {
    ++evaluations;
    trial_.bounds[player_].hi = r;
    Sample<T> out{r, verify_truth_telling(trial_, progress_), {}};
    const std::size_t n = alliance_.player_count();
    T gross(0);
    for (std::size_t k = 0; k <= n; ++k) {
      const T& gap = out.truth.continuation[k].gap[player_];
      gross -= posterior_variance<T>(k, n) + gap * gap;
    }
    out.values.push_back(gross / T(n + 1) - cost_ * r);
    for (const auto& g : out.truth.gain) {
      out.values.push_back(g[0]);
      out.values.push_back(g[1]);
    }
    return out;
  }

  std::size_t evaluations = 0;

 private:
  const Alliance<T>& alliance_;
  Alliance<T> trial_;
  T cost_;
  std::size_t player_;
  Progress& progress_;
};

// Stage 1: the capacities where some x*(k; r) changes its active pattern.
template <class T>
std::vector<CapacityKink<T>> stage_kinks(const Alliance<T>& alliance, std::size_t p, const T& lower,
                                         const T& upper) {
  const std::size_t n = alliance.player_count();
  const T& eta = alliance.eta;
  const T one_minus = T(1) - eta;
  const T normaliser = T(1) + T(n - 1) * eta;
  std::vector<Bounds<T>> boxes = alliance.bounds;
  boxes[p].hi = upper;
  std::vector<CapacityKink<T>> out;
  for (std::size_t k = 0; k <= n; ++k) {
    const T mean = posterior_mean<T>(k, n);
    std::vector<T> a;
    for (const T& b : alliance.biases) a.push_back(normaliser * (mean + b));
    // r >= x^∞_p(k): p's cap does not bind and x*(k; r) is constant.
    const Continuation<T> capped = coordination_equilibrium(eta, a, boxes);
    const T free_from = capped.binding[p] == Binding::upper ? upper : capped.action[p];
    if (free_from > lower && free_from < upper) out.push_back({free_from, k, p, false});
    // Below it p plays r and the others share the shift w.
    for (std::size_t j = 0; j < n; ++j) {
      if (j == p) continue;
      for (const T& bound : {alliance.bounds[j].lo, alliance.bounds[j].hi}) {
        const T w = bound - a[j] / one_minus;
        T others(0);
        for (std::size_t l = 0; l < n; ++l) {
          if (l != p) others += clip_to<T>(T(a[l] / one_minus + w), boxes[l].lo, boxes[l].hi);
        }
        T r = -one_minus * w / eta - others;
        if (r > lower && r < free_from) out.push_back({std::move(r), k, j, false});
      }
    }
  }
  return out;
}

// Stage 2: on [s0, s1] (x*(k; r) affine), where a deviator's unclipped best
// response u(r) = D(E_{k_T} + b_i) − ηΣ_{l≠i}x*_l(k_D; r) crosses lo_i or hi_i
// (r itself for the deviator p).
template <class T>
void deviation_kinks(const Alliance<T>& alliance, std::size_t p, const Sample<T>& s0,
                     const Sample<T>& s1, std::vector<CapacityKink<T>>& out) {
  const std::size_t n = alliance.player_count();
  const T& eta = alliance.eta;
  const T normaliser = T(1) + T(n - 1) * eta;
  const T& r0 = s0.capacity;
  const T& r1 = s1.capacity;
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t kd = 0; kd <= n; ++kd) {
      for (const int step : {-1, 1}) {
        if ((kd == 0 && step < 0) || (kd == n && step > 0)) continue;
        const std::size_t kt = step < 0 ? kd - 1 : kd + 1;  // s = 1 or s = 0
        const T target = normaliser * (posterior_mean<T>(kt, n) + alliance.biases[i]);
        auto unclipped = [&](const Sample<T>& s) {
          const Continuation<T>& x = s.truth.continuation[kd];
          return T(target - eta * (x.total - x.action[i]));
        };
        const T u0 = unclipped(s0);
        const T u1 = unclipped(s1);
        const bool own = i == p;
        for (int which = 0; which < 2; ++which) {
          const T b0 = which == 0 ? alliance.bounds[i].lo : (own ? r0 : alliance.bounds[i].hi);
          const T b1 = which == 0 ? alliance.bounds[i].lo : (own ? r1 : alliance.bounds[i].hi);
          const T f0 = u0 - b0;
          const T f1 = u1 - b1;
          if (sign_of(f0) * sign_of(f1) < 0) {
            out.push_back({T(r0 + f0 * (r1 - r0) / (f0 - f1)), kd, i, true});
          }
        }
      }
    }
  }
}

}  // namespace

char region_letter(DeviationRegion region) {
  switch (region) {
    case DeviationRegion::a: return 'a';
    case DeviationRegion::b: return 'b';
    case DeviationRegion::c: return 'c';
    case DeviationRegion::d: return 'd';
    case DeviationRegion::e: return 'e';
  }
  return '?';
}

template <class T>
CapacityBestResponse<T> capacity_best_response(const Alliance<T>& alliance, const T& cost,
                                               std::size_t player, const std::optional<T>& upper,
                                               const T& resolution, Progress& progress) {
  validate(alliance);
  const std::size_t n = alliance.player_count();
  if (player >= n) {
    throw InputError("/player", fmt::format("a player index below {}", n),
                     fmt::format("{}", player));
  }
  check_number(cost, "/cost", false);
  if (!(cost > T(0))) {
    throw InputError("/cost", "a positive marginal cost of commitment c",
                     NumberTraits<T>::to_text(cost));
  }
  check_number(resolution, "/resolution", false);
  if (!(resolution > T(0))) {
    throw InputError("/resolution", "a positive bisection resolution",
                     NumberTraits<T>::to_text(resolution));
  }
  const std::size_t p = player;
  CapacityBestResponse<T> out;
  out.player = p;
  out.lower = alliance.bounds[p].lo;
  out.equilibrium_capacity = alliance.bounds[p].hi;
  if (upper) {
    check_number(*upper, "/upper", false);
    if (*upper < out.lower) {
      throw InputError("/upper",
                       fmt::format("a capacity >= lo = {}", NumberTraits<T>::to_text(out.lower)),
                       NumberTraits<T>::to_text(*upper));
    }
    out.upper = *upper;
  } else {
    // p's desire never exceeds D(E_k + b_p) − ηΣ_{j≠p}lo_j.
    const T normaliser = T(1) + T(n - 1) * alliance.eta;
    T others_low(0);
    for (std::size_t j = 0; j < n; ++j) {
      if (j != p) others_low += alliance.bounds[j].lo;
    }
    out.upper = out.lower;
    for (std::size_t k = 0; k <= n; ++k) {
      const T desire =
          normaliser * (posterior_mean<T>(k, n) + alliance.biases[p]) - alliance.eta * others_low;
      out.upper = std::max(out.upper, desire);
    }
  }
  out.upper = std::max(out.upper, out.equilibrium_capacity);

  Search<T> search(alliance, cost, p, progress);
  out.kinks = stage_kinks(alliance, p, out.lower, out.upper);
  std::vector<T> points{out.lower, out.upper, out.equilibrium_capacity};
  for (const CapacityKink<T>& kink : out.kinks) points.push_back(kink.capacity);
  sort_unique(points);
  std::vector<Sample<T>> samples;
  for (const T& r : points) samples.push_back(search.sample(r));
  const std::size_t first_stage = out.kinks.size();
  for (std::size_t s = 0; s + 1 < samples.size(); ++s) {
    deviation_kinks(alliance, p, samples[s], samples[s + 1], out.kinks);
  }
  for (std::size_t m = first_stage; m < out.kinks.size(); ++m) {
    points.push_back(out.kinks[m].capacity);
  }
  sort_unique(points);
  std::sort(
      out.kinks.begin(), out.kinks.end(),
      [](const CapacityKink<T>& x, const CapacityKink<T>& y) { return x.capacity < y.capacity; });
  {
    std::vector<Sample<T>> all;
    std::size_t next = 0;
    for (const T& r : points) {
      if (next < samples.size() && same_point(samples[next].capacity, r)) {
        all.push_back(std::move(samples[next++]));
      } else {
        all.push_back(search.sample(r));
      }
    }
    samples = std::move(all);
  }
  const std::size_t values = samples.front().values.size();
  for (const Sample<T>& s : samples) {
    if (same_point(s.capacity, out.equilibrium_capacity)) out.equilibrium_payoff = s.values[0];
  }
  out.best_capacity = out.equilibrium_capacity;
  out.best_payoff = out.equilibrium_payoff;

  // Cells of the certified set, in order: (from, to, status) with status
  // 1 = certified, 0 = not, −1 = inside a root bracket (undecided).
  struct Cell {
    T from;
    T to;
    int status;
    std::size_t piece;
  };
  std::vector<Cell> cells;
  std::vector<std::vector<Quadratic<T>>> fits;
  for (std::size_t s = 0; s + 1 < samples.size(); ++s) {
    const T& r0 = samples[s].capacity;
    const T h = samples[s + 1].capacity - r0;
    const Sample<T> mid = search.sample(T(r0 + h / T(2)));
    const Sample<T> quarter = search.sample(T(r0 + h / T(4)));
    std::vector<Quadratic<T>> q;
    for (std::size_t v = 0; v < values; ++v) {
      q.push_back(fit(h, samples[s].values[v], mid.values[v], samples[s + 1].values[v]));
      if constexpr (NumberTraits<T>::exact) {
        // The pieces are exact only if nothing kinks inside: a fourth point checks it.
        if (q.back().at(T(h / T(4))) != quarter.values[v]) {
          throw InternalError("capacity_best_response: a piece is not quadratic");
        }
      }
    }
    PayoffPiece<T> piece{r0, samples[s + 1].capacity, q[0].c0, q[0].c1, q[0].c2, r0, q[0].c0};
    const T t = argmax_on(q[0], T(0), h);
    piece.argmax = r0 + t;
    piece.max = q[0].at(t);
    if (sign_of(T(piece.max - out.best_payoff)) > 0) {
      out.best_payoff = piece.max;
      out.best_capacity = piece.argmax;
    }
    out.pieces.push_back(piece);
    // Split [0, h] at every G's vertex and root.
    std::vector<T> splits{T(0), h};
    std::vector<std::pair<T, T>> brackets;  // root brackets of width <= resolution
    std::vector<std::size_t> bracket_of;    // which G each bracket belongs to
    for (std::size_t v = 1; v < values; ++v) {
      const Quadratic<T>& g = q[v];
      std::vector<T> ends{T(0), h};
      if (g.c2 != T(0)) {
        const T vertex = -g.c1 / (T(2) * g.c2);
        if (vertex > T(0) && vertex < h) ends.push_back(vertex);
      }
      sort_unique(ends);
      for (std::size_t e = 0; e + 1 < ends.size(); ++e) {
        splits.push_back(ends[e]);
        if (sign_of(g.at(ends[e])) * sign_of(g.at(ends[e + 1])) < 0) {
          auto root = root_in(g, ends[e], ends[e + 1], resolution);
          splits.push_back(root.first);
          splits.push_back(root.second);
          if (root.first != root.second) {
            brackets.push_back(std::move(root));
            bracket_of.push_back(v);
          }
        }
      }
    }
    sort_unique(splits);
    auto certified = [&](const T& t_point) {
      for (std::size_t v = 1; v < values; ++v) {
        if (sign_of(q[v].at(t_point)) > 0) return false;
      }
      return true;
    };
    for (std::size_t e = 0; e < splits.size(); ++e) {
      cells.push_back({T(r0 + splits[e]), T(r0 + splits[e]), certified(splits[e]) ? 1 : 0,
                       out.pieces.size() - 1});
      if (e + 1 == splits.size()) break;
      // A G whose bracket holds the cell has an unknown sign there; every
      // other G keeps its sign at the midpoint throughout the cell.
      const T middle = (splits[e] + splits[e + 1]) / T(2);
      int status = 1;
      for (std::size_t v = 1; v < values && status != 0; ++v) {
        bool unknown = false;
        for (std::size_t m = 0; m < brackets.size(); ++m) {
          if (bracket_of[m] == v && !(splits[e] < brackets[m].first) &&
              !(splits[e + 1] > brackets[m].second)) {
            unknown = true;
          }
        }
        if (unknown) {
          status = -1;
        } else if (sign_of(q[v].at(middle)) > 0) {
          status = 0;
        }
      }
      cells.push_back({T(r0 + splits[e]), T(r0 + splits[e + 1]), status, out.pieces.size() - 1});
    }
    fits.push_back(std::move(q));
  }
  if (samples.size() == 1) {  // a point box: lower == upper
    const bool ok = sign_of(samples[0].truth.worst_gain) <= 0;
    out.pieces.push_back(
        {out.lower, out.lower, samples[0].values[0], T(0), T(0), out.lower, samples[0].values[0]});
    fits.push_back({Quadratic<T>{samples[0].values[0], T(0), T(0)}});
    cells.push_back({out.lower, out.lower, ok ? 1 : 0, 0});
  }

  // (ii): the best certified capacity and the bound over the undecided brackets.
  out.truthful_capacity = out.equilibrium_capacity;
  out.truthful_payoff = out.equilibrium_payoff;
  out.truthful_gain = T(0);
  out.truthful_bound = out.equilibrium_payoff;
  bool have_bound = false;
  for (const Cell& cell : cells) {
    if (cell.status == 0) continue;
    const PayoffPiece<T>& piece = out.pieces[cell.piece];
    const Quadratic<T>& w = fits[cell.piece][0];
    const T t = argmax_on(w, T(cell.from - piece.from), T(cell.to - piece.from));
    const T value = w.at(t);
    const T at = piece.from + t;
    if (!have_bound || value > out.truthful_bound) {
      out.truthful_bound = value;
      have_bound = true;
    }
    // Ties go to the equilibrium capacity, so that a zero gain is reported as 0.
    const int better = out.truthful_found ? sign_of(T(value - out.truthful_payoff)) : 1;
    if (cell.status == 1 &&
        (better > 0 || (better == 0 && same_point(at, out.equilibrium_capacity)))) {
      out.truthful_found = true;
      out.truthful_payoff = value;
      out.truthful_capacity = at;
    }
    if (cell.status == 1) {
      if (!out.truthful_set.empty() && !(out.truthful_set.back().hi < cell.from)) {
        out.truthful_set.back().hi = std::max(out.truthful_set.back().hi, cell.to);
      } else {
        out.truthful_set.push_back({cell.from, cell.to});
      }
    }
  }
  if (out.truthful_found) {
    out.truthful_gain = out.truthful_payoff - out.equilibrium_payoff;
    out.truthful_exact = !(out.truthful_bound > out.truthful_payoff);
    const Sample<T> check = search.sample(out.truthful_capacity);
    if constexpr (NumberTraits<T>::exact) {
      if (sign_of(check.truth.worst_gain) > 0 || check.values[0] != out.truthful_payoff) {
        throw InternalError("capacity_best_response: the certified capacity fails A5");
      }
    }
  }
  out.gain = out.best_payoff - out.equilibrium_payoff;
  const Sample<T> best = search.sample(out.best_capacity);
  if constexpr (NumberTraits<T>::exact) {
    if (best.values[0] != out.best_payoff) {
      throw InternalError("capacity_best_response: the maximiser's payoff does not match");
    }
  }
  out.best_truthful = sign_of(best.truth.worst_gain) <= 0;
  out.evaluations = search.evaluations;
  return out;
}

template <class T>
std::optional<DeviationRegion> deviation_region(const Alliance<T>& alliance, const T& cost,
                                                std::size_t player, const T& capacity) {
  const Commitment<T> commitment = commitment_equilibrium(alliance, cost);
  if (!commitment.exists) return std::nullopt;
  const Derived<T> d = derive(alliance);
  const std::size_t q = commitment.cutoff;
  if (capacity < first_best_action(d, player, 0)) return DeviationRegion::a;
  if (q >= 1 && capacity < first_best_action(d, player, q - 1)) return DeviationRegion::b;
  const T top = first_best_action(d, player, q);
  if (capacity < top) return DeviationRegion::c;
  if (!(capacity > top + commitment.tolerance)) return DeviationRegion::d;
  return DeviationRegion::e;
}

template <class T>
InvestmentCheck<T> investment_check(const Alliance<T>& alliance, const T& cost,
                                    Progress& progress) {
  InvestmentCheck<T> out;
  out.fully_revealing = verify_truth_telling(alliance, progress).fully_revealing;
  out.equilibrium = true;
  out.truthful_equilibrium = out.fully_revealing;
  const bool regions = commitment_equilibrium(alliance, cost).exists;
  for (std::size_t i = 0; i < alliance.player_count(); ++i) {
    out.players.push_back(capacity_best_response<T>(alliance, cost, i, std::nullopt,
                                                    T(1) / T(1000000000000), progress));
    const CapacityBestResponse<T>& best = out.players.back();
    if (sign_of(best.gain) > 0) out.equilibrium = false;
    if (!best.truthful_found || sign_of(T(best.truthful_bound - best.equilibrium_payoff)) > 0) {
      out.truthful_equilibrium = false;
    }
    if (regions) out.region.push_back(*deviation_region(alliance, cost, i, best.best_capacity));
  }
  return out;
}

template CapacityBestResponse<Rational> capacity_best_response(const Alliance<Rational>&,
                                                               const Rational&, std::size_t,
                                                               const std::optional<Rational>&,
                                                               const Rational&, Progress&);
template CapacityBestResponse<double> capacity_best_response(const Alliance<double>&, const double&,
                                                             std::size_t,
                                                             const std::optional<double>&,
                                                             const double&, Progress&);
template InvestmentCheck<Rational> investment_check(const Alliance<Rational>&, const Rational&,
                                                    Progress&);
template InvestmentCheck<double> investment_check(const Alliance<double>&, const double&,
                                                  Progress&);
template std::optional<DeviationRegion> deviation_region(const Alliance<Rational>&, const Rational&,
                                                         std::size_t, const Rational&);
template std::optional<DeviationRegion> deviation_region(const Alliance<double>&, const double&,
                                                         std::size_t, const double&);

}  // namespace mechlab::alliance
