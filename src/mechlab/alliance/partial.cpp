#include "mechlab/alliance/partial.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <optional>
#include <utility>

#include "mechlab/alliance/posterior.hpp"
#include "mechlab/core/error.hpp"

namespace mechlab::alliance {

namespace {

// The part of a problem shared by every count k of one truthful set.
template <class T>
struct Setup {
  const Alliance<T>* alliance = nullptr;
  // Exact mode: the same alliance in double, whose primal–dual iterations
  // guess the partition that the exact solve then certifies.
  const Alliance<double>* shadow = nullptr;
  std::vector<bool> truthful;
  std::size_t n = 0;
  std::size_t t = 0;
  T one_minus;   // 1 − η
  T normaliser;  // D
};

template <class T>
Setup<T> make_setup(const Alliance<T>& alliance, const std::vector<bool>& truthful,
                    const Alliance<double>* shadow = nullptr) {
  const std::size_t n = alliance.player_count();
  if (truthful.size() != n) {
    throw InputError("/truthful", fmt::format("one flag per player ({})", n),
                     fmt::format("{}", truthful.size()));
  }
  Setup<T> setup;
  setup.alliance = &alliance;
  setup.shadow = shadow;
  setup.truthful = truthful;
  setup.n = n;
  setup.t = static_cast<std::size_t>(std::count(truthful.begin(), truthful.end(), true));
  setup.one_minus = T(1) - alliance.eta;
  setup.normaliser = T(1) + T(n - 1) * alliance.eta;
  return setup;
}

// The double copy of an exact alliance (none in double mode).
template <class T>
std::optional<Alliance<double>> shadow_of(const Alliance<T>& alliance) {
  if constexpr (NumberTraits<T>::exact) {
    Alliance<double> copy;
    copy.eta = to_double(alliance.eta);
    for (const T& b : alliance.biases) copy.biases.push_back(to_double(b));
    for (const Bounds<T>& box : alliance.bounds) {
      copy.bounds.push_back({to_double(box.lo), to_double(box.hi)});
    }
    return copy;
  } else {
    return std::nullopt;
  }
}

template <class T>
T clip(const T& x, const Bounds<T>& box) {
  if (x < box.lo) return box.lo;
  if (x > box.hi) return box.hi;
  return x;
}

using Partition = std::vector<std::array<Binding, 2>>;

// The stage game at one k: the agents' targets and the babblers' own block.
template <class T>
class Stage {
 public:
  Stage(const Setup<T>& setup, std::size_t k) : s_(setup) {
    const Alliance<T>& alliance = *setup.alliance;
    mean_ = posterior_mean<T>(k, setup.t);
    means_ = {babbler_mean<T>(k, 0, setup.t), babbler_mean<T>(k, 1, setup.t)};
    target_.resize(setup.n);
    for (std::size_t p = 0; p < setup.n; ++p) {
      const T& b = alliance.biases[p];
      if (setup.truthful[p]) {
        target_[p][0] = setup.normaliser * (mean_ + b);
        target_[p][1] = target_[p][0];
      } else {
        for (std::size_t s = 0; s < 2; ++s) target_[p][s] = setup.normaliser * (means_[s] + b);
      }
    }
    // Babbler (j,s): x_j(s) − η[(1−e_s)x_j(0) + e_s x_j(1)] + η(u + e_s v) = target,
    // since j's own actions are part of the aggregates.
    const T& eta = alliance.eta;
    block_ = {{{T(T(1) - eta * (T(1) - means_[0])), T(-eta * means_[0])},
               {T(-eta * (T(1) - means_[1])), T(T(1) - eta * means_[1])}}};
    const T det = block_[0][0] * block_[1][1] - block_[0][1] * block_[1][0];
    const std::array<std::array<T, 2>, 2> inverse{
        {{T(block_[1][1] / det), T(-block_[0][1] / det)},
         {T(-block_[1][0] / det), T(block_[0][0] / det)}}};
    // (cu, cv) per kind: r_s = target_s − ηu − ηe_s v, so a truthful free
    // action is (target − ηu − ηEv)/(1−η), a babbler's pair is inverse·r and a
    // lone free babbler agent (r_s − block[s][s′]·bound)/block[s][s].
    slope_[fixed] = {T(0), T(0)};
    slope_[truthful_free] = {T(-eta / setup.one_minus), T(-eta * mean_ / setup.one_minus)};
    for (std::size_t s = 0; s < 2; ++s) {
      slope_[pair0 + s] = {T(-eta * (inverse[s][0] + inverse[s][1])),
                           T(-eta * (inverse[s][0] * means_[0] + inverse[s][1] * means_[1]))};
      slope_[single0 + s] = {T(-eta / block_[s][s]), T(-eta * means_[s] / block_[s][s])};
    }
    free_level_.resize(setup.n);
    for (std::size_t p = 0; p < setup.n; ++p) {
      if (setup.truthful[p]) {
        free_level_[p][0] = target_[p][0] / setup.one_minus;
      } else {
        for (std::size_t s = 0; s < 2; ++s) {
          free_level_[p][s] = inverse[s][0] * target_[p][0] + inverse[s][1] * target_[p][1];
        }
      }
    }
  }

  const T& mean() const { return mean_; }
  const std::array<T, 2>& means() const { return means_; }

  // P(s_j = s | k): the potential's weight of babbler agent (j, s).
  T weight(std::size_t player, std::size_t s) const {
    if (s_.truthful[player]) return T(1);
    return s == 1 ? mean_ : T(T(1) - mean_);
  }

  // Actions with every non-free agent at its bound and the free ones solving
  // their first-order conditions exactly: each free action is
  // level + cu·u + cv·v with (cu, cv) shared by its kind, so the aggregates
  // solve a 2×2 system (nonsingular: the reduced KKT matrix of a strictly
  // concave QP is).
  std::vector<std::array<T, 2>> solve(const Partition& partition) const {
    const Alliance<T>& alliance = *s_.alliance;
    std::vector<std::array<T, 2>> x(s_.n);
    std::vector<std::array<std::size_t, 2>> kind(s_.n, {fixed, fixed});
    std::array<long, kinds> u_count{};
    std::array<long, kinds> v_count{};
    T u_level(0);
    T v_level(0);
    auto bound = [&](std::size_t p, std::size_t s) -> const T& {
      return partition[p][s] == Binding::lower ? alliance.bounds[p].lo : alliance.bounds[p].hi;
    };
    for (std::size_t p = 0; p < s_.n; ++p) {
      if (s_.truthful[p]) {
        if (partition[p][0] == Binding::free) {
          x[p][0] = free_level_[p][0];
          kind[p] = {truthful_free, truthful_free};
        } else {
          x[p][0] = bound(p, 0);
        }
        u_level += x[p][0];
        ++u_count[kind[p][0]];
        continue;
      }
      const bool free0 = partition[p][0] == Binding::free;
      const bool free1 = partition[p][1] == Binding::free;
      if (free0 && free1) {
        x[p] = free_level_[p];
        kind[p] = {pair0, pair0 + 1};
      } else if (free0 || free1) {
        const std::size_t s = free0 ? 0 : 1;
        const std::size_t other = 1 - s;
        x[p][other] = bound(p, other);
        x[p][s] = (target_[p][s] - block_[s][other] * x[p][other]) / block_[s][s];
        kind[p][s] = single0 + s;
      } else {
        x[p] = {bound(p, 0), bound(p, 1)};
      }
      u_level += x[p][0];
      v_level += x[p][1] - x[p][0];
      ++u_count[kind[p][0]];
      --v_count[kind[p][0]];
      ++v_count[kind[p][1]];
    }
    // u = u_level + Σ u_count·(cu, cv)·(u, v), v likewise.
    T a11(1);
    T a12(0);
    T a21(0);
    T a22(1);
    for (std::size_t c = truthful_free; c < kinds; ++c) {
      if (u_count[c] != 0) {
        a11 -= T(u_count[c]) * slope_[c][0];
        a12 -= T(u_count[c]) * slope_[c][1];
      }
      if (v_count[c] != 0) {
        a21 -= T(v_count[c]) * slope_[c][0];
        a22 -= T(v_count[c]) * slope_[c][1];
      }
    }
    const T det = a11 * a22 - a12 * a21;
    if (sign_of(det) == 0 && NumberTraits<T>::exact) {
      throw InternalError("partial_continuation: singular reduced system");
    }
    const T u = (u_level * a22 - a12 * v_level) / det;
    const T v = (a11 * v_level - a21 * u_level) / det;
    std::array<T, kinds> shift;
    for (std::size_t c = 0; c < kinds; ++c) shift[c] = slope_[c][0] * u + slope_[c][1] * v;
    for (std::size_t p = 0; p < s_.n; ++p) {
      for (std::size_t s = 0; s < (s_.truthful[p] ? 1U : 2U); ++s) {
        if (kind[p][s] != fixed) x[p][s] += shift[kind[p][s]];
      }
      if (s_.truthful[p]) x[p][1] = x[p][0];
    }
    return x;
  }

  // Fills the certificate of `actions` from scratch (aggregates recomputed
  // from the actions) and returns whether action = clip(desired) everywhere.
  bool certify(std::vector<std::array<T, 2>> actions, PartialContinuation<T>& out) const {
    const Alliance<T>& alliance = *s_.alliance;
    const T& eta = alliance.eta;
    T truthful_total(0);
    std::array<T, 2> babbler_total{T(0), T(0)};
    T spread_squares(0);
    for (std::size_t p = 0; p < s_.n; ++p) {
      if (s_.truthful[p]) {
        truthful_total += actions[p][0];
      } else {
        babbler_total[0] += actions[p][0];
        babbler_total[1] += actions[p][1];
        const T spread = actions[p][1] - actions[p][0];
        spread_squares += spread * spread;
      }
    }
    const T u = truthful_total + babbler_total[0];
    const T v = babbler_total[1] - babbler_total[0];
    out.desired.resize(s_.n);
    out.binding.assign(s_.n, {Binding::free, Binding::free});
    out.gap.resize(s_.n);
    bool ok = true;
    for (std::size_t p = 0; p < s_.n; ++p) {
      const Bounds<T>& box = alliance.bounds[p];
      for (std::size_t s = 0; s < 2; ++s) {
        T& desired = out.desired[p][s];
        if (s_.truthful[p]) {
          desired = target_[p][0] - eta * (u + mean_ * v - actions[p][0]);
        } else {
          const T own = actions[p][0] + means_[s] * (actions[p][1] - actions[p][0]);
          desired = target_[p][s] - eta * (u + means_[s] * v - own);
        }
        if (desired < box.lo) {
          out.binding[p][s] = Binding::lower;
        } else if (desired > box.hi) {
          out.binding[p][s] = Binding::upper;
        }
        out.gap[p][s] = (actions[p][s] - desired) / s_.normaliser;
        if (!nearly_equal(actions[p][s], clip(desired, box))) ok = false;
      }
    }
    out.action = std::move(actions);
    out.truthful_total = std::move(truthful_total);
    out.babbler_total = std::move(babbler_total);
    out.spread_squares = std::move(spread_squares);
    return ok;
  }

  // The exact primal active-set method for max P over the box, from the
  // feasible point clip(start). The working set is every agent at a bound;
  // each drop strictly raises the potential, so no working set repeats.
  void primal_active_set(const std::vector<std::array<T, 2>>& start,
                         PartialContinuation<T>& out) const {
    const Alliance<T>& alliance = *s_.alliance;
    std::vector<std::array<T, 2>> x(s_.n);
    Partition working(s_.n, {Binding::free, Binding::free});
    auto agents = [&](auto&& f) {
      for (std::size_t p = 0; p < s_.n; ++p) {
        for (std::size_t s = 0; s < (s_.truthful[p] ? 1U : 2U); ++s) f(p, s);
      }
    };
    auto snap = [&](std::size_t p, std::size_t s) {
      const Bounds<T>& box = alliance.bounds[p];
      if (x[p][s] == box.lo) {
        working[p][s] = Binding::lower;
      } else if (x[p][s] == box.hi) {
        working[p][s] = Binding::upper;
      }
    };
    agents([&](std::size_t p, std::size_t s) {
      x[p][s] = clip(start[p][s], alliance.bounds[p]);
      snap(p, s);
    });
    // A truthful player is one agent: keep its second entry equal to the first.
    auto mirror = [&]() {
      for (std::size_t p = 0; p < s_.n; ++p) {
        if (!s_.truthful[p]) continue;
        working[p][1] = working[p][0];
        x[p][1] = x[p][0];
      }
    };
    // 3^(2n) working sets bound the iterations; in practice a handful.
    const std::size_t cap = 1000 + 200 * s_.n * s_.n;
    for (std::size_t iteration = 0; iteration < cap; ++iteration) {
      mirror();
      const std::vector<std::array<T, 2>> target_point = solve(working);
      ++out.iterations;
      bool moved = false;
      agents([&](std::size_t p, std::size_t s) {
        if (target_point[p][s] != x[p][s]) moved = true;
      });
      if (!moved) {
        const bool kkt = certify(x, out);
        // Drop the agent whose bound has the most wrongly signed multiplier.
        T worst(0);
        std::size_t drop_p = s_.n;
        std::size_t drop_s = 0;
        agents([&](std::size_t p, std::size_t s) {
          const Bounds<T>& box = alliance.bounds[p];
          if (working[p][s] == Binding::free || box.lo == box.hi) return;
          const T& desired = out.desired[p][s];
          T violation(0);
          if (working[p][s] == Binding::lower && desired > box.lo) {
            violation = weight(p, s) * (desired - box.lo);
          } else if (working[p][s] == Binding::upper && desired < box.hi) {
            violation = weight(p, s) * (box.hi - desired);
          }
          if (violation > worst) {
            worst = violation;
            drop_p = p;
            drop_s = s;
          }
        });
        if (drop_p == s_.n) {
          if (!kkt) {
            throw InternalError("partial_continuation: primal active set ended off the KKT point");
          }
          return;
        }
        working[drop_p][drop_s] = Binding::free;
        continue;
      }
      // Step towards the subproblem's optimum until the first bound.
      T step(1);
      agents([&](std::size_t p, std::size_t s) {
        if (working[p][s] != Binding::free) return;
        const T direction = target_point[p][s] - x[p][s];
        const Bounds<T>& box = alliance.bounds[p];
        if (direction < T(0)) {
          const T ratio = (box.lo - x[p][s]) / direction;
          if (ratio < step) step = ratio;
        } else if (direction > T(0)) {
          const T ratio = (box.hi - x[p][s]) / direction;
          if (ratio < step) step = ratio;
        }
      });
      agents([&](std::size_t p, std::size_t s) {
        if (working[p][s] != Binding::free) return;
        x[p][s] =
            step == T(1) ? target_point[p][s] : T(x[p][s] + step * (target_point[p][s] - x[p][s]));
        snap(p, s);
      });
    }
    throw InternalError("partial_continuation: primal active set did not terminate");
  }

 private:
  // Kinds of agents in solve(): fixed, a free truthful player, a babbler's
  // agent s with both agents free (pair0 + s), or alone free (single0 + s).
  enum : std::size_t { fixed, truthful_free, pair0, pair1, single0, single1, kinds };

  const Setup<T>& s_;
  T mean_;
  std::array<T, 2> means_;
  std::vector<std::array<T, 2>> target_;
  std::array<std::array<T, 2>, 2> block_;  // a babbler's own two first-order rows
  std::array<std::array<T, 2>, kinds> slope_;
  std::vector<std::array<T, 2>> free_level_;  // level of a free truthful player / free pair
};

Alliance<Rational> exact_copy(const Alliance<double>& alliance) {
  Alliance<Rational> exact;
  exact.eta = rational_from_double(alliance.eta);
  for (const double b : alliance.biases) exact.biases.push_back(rational_from_double(b));
  for (const Bounds<double>& box : alliance.bounds) {
    exact.bounds.push_back({rational_from_double(box.lo), rational_from_double(box.hi)});
  }
  return exact;
}

std::array<double, 2> to_doubles(const std::array<Rational, 2>& pair) {
  return {to_double(pair[0]), to_double(pair[1])};
}

PartialContinuation<double> to_doubles(const PartialContinuation<Rational>& exact) {
  PartialContinuation<double> out;
  out.truthful = exact.truthful;
  out.truthful_count = exact.truthful_count;
  out.ones = exact.ones;
  out.mean = to_double(exact.mean);
  out.babbler_means = to_doubles(exact.babbler_means);
  for (std::size_t p = 0; p < exact.action.size(); ++p) {
    out.action.push_back(to_doubles(exact.action[p]));
    out.desired.push_back(to_doubles(exact.desired[p]));
    out.gap.push_back(to_doubles(exact.gap[p]));
  }
  out.binding = exact.binding;
  out.truthful_total = to_double(exact.truthful_total);
  out.babbler_total = to_doubles(exact.babbler_total);
  out.spread_squares = to_double(exact.spread_squares);
  out.method = exact.method;
  out.iterations = exact.iterations;
  return out;
}

template <class T>
PartialContinuation<T> continuation_at(const Setup<T>& setup, std::size_t k,
                                       const PartialOptions& options);

// The primal–dual active-set iterations from `partition`.
template <class T>
bool primal_dual(const Stage<T>& stage, const Setup<T>& setup, PartialContinuation<T>& out,
                 std::vector<std::array<T, 2>>& last, Partition partition) {
  const Partition all_free(setup.n, {Binding::free, Binding::free});
  std::vector<Partition> seen;
  const std::size_t cap = 4 * setup.n + 8;
  for (std::size_t iteration = 0; iteration < cap; ++iteration) {
    last = stage.solve(partition);
    ++out.iterations;
    if (stage.certify(last, out)) {
      out.method = partition == all_free ? PartialMethod::theorem1 : PartialMethod::active_set;
      return true;
    }
    seen.push_back(partition);
    partition = out.binding;
    for (std::size_t p = 0; p < setup.n; ++p) {
      if (setup.truthful[p]) partition[p][1] = partition[p][0];
    }
    if (std::find(seen.begin(), seen.end(), partition) != seen.end()) return false;
  }
  return false;
}

template <class T>
PartialContinuation<T> continuation_at(const Setup<T>& setup, std::size_t k,
                                       const PartialOptions& options) {
  if (k > setup.t) throw InternalError("partial_continuation: k exceeds the truthful count");
  const Stage<T> stage(setup, k);
  PartialContinuation<T> out;
  out.truthful = setup.truthful;
  out.truthful_count = setup.t;
  out.ones = k;
  out.mean = stage.mean();
  out.babbler_means = stage.means();
  std::vector<std::array<T, 2>> last;
  Partition start(setup.n, {Binding::free, Binding::free});
  if constexpr (NumberTraits<T>::exact) {
    if (setup.shadow != nullptr && !options.force_primal_active_set) {
      // The double iterations' final partition; exact arithmetic then only
      // confirms it (one solve) unless rounding misled it.
      const Setup<double> guess_setup = make_setup(*setup.shadow, setup.truthful);
      const Stage<double> guess_stage(guess_setup, k);
      PartialContinuation<double> guess;
      std::vector<std::array<double, 2>> guess_last;
      primal_dual(guess_stage, guess_setup, guess, guess_last, start);
      start = guess.binding;
      for (std::size_t p = 0; p < setup.n; ++p) {
        if (setup.truthful[p]) start[p][1] = start[p][0];
      }
    }
    if (!options.force_primal_active_set && primal_dual(stage, setup, out, last, start)) {
      return out;
    }
    if (last.empty()) last = stage.solve(start);
    stage.primal_active_set(last, out);
    out.method = PartialMethod::primal_active_set;
    return out;
  } else {
    if (primal_dual(stage, setup, out, last, start)) return out;
    const Alliance<Rational> exact_alliance = exact_copy(*setup.alliance);
    const Setup<Rational> exact_setup = make_setup(exact_alliance, setup.truthful);
    PartialContinuation<double> result =
        to_doubles(continuation_at(exact_setup, k, PartialOptions{}));
    result.exact_fallback = true;
    return result;
  }
}

// The gains of every truthful player (spec §3.6 generalised to babblers);
// with stop_at_violation, stops after the first positive gain.
template <class T>
TruthfulSetCheck<T> check_set(const Setup<T>& setup, bool stop_at_violation) {
  const Alliance<T>& alliance = *setup.alliance;
  const std::size_t n = setup.n;
  const std::size_t t = setup.t;
  const T& eta = alliance.eta;
  const T& normaliser = setup.normaliser;
  TruthfulSetCheck<T> out;
  out.truthful = setup.truthful;
  out.truthful_count = t;
  out.continuation.reserve(t + 1);
  for (std::size_t k = 0; k <= t; ++k) out.continuation.push_back(continuation_at(setup, k, {}));
  out.gain.assign(n, {T(0), T(0)});
  out.breakdown.resize(n);
  out.worst_gain = T(0);
  if (t == 0) return out;
  // Everything but the deviator's own terms depends only on (s, j): with
  // k_T = j + s, μ and V of Beta(k_T+1, t−k_T+1), W_k = Σ_B w_l and
  // Σ_B w_l² at k (w_l = η(x_l(1) − x_l(0))/D), the noise difference
  // V[(1−W_T)² − (1−W_D)²] + (μ − E[θ²])(Σw²_T − Σw²_D), the others' expected
  // total at k_D with i's own action still in it, and P(j | s, t).
  struct Row {
    T mu;
    T noise_difference;
    T others_with_own;
    T probability;
  };
  const T scale = eta / normaliser;
  std::array<std::vector<Row>, 2> rows;
  for (const std::size_t s : {0U, 1U}) {
    for (std::size_t j = 0; j < t; ++j) {
      const std::size_t k_true = j + s;
      const std::size_t k_dev = j + 1 - s;
      const PartialContinuation<T>& truthful_c = out.continuation[k_true];
      const PartialContinuation<T>& believed = out.continuation[k_dev];
      Row row;
      row.mu = posterior_mean<T>(k_true, t);
      const T variance = posterior_variance<T>(k_true, t);
      const T own_noise = row.mu - variance - row.mu * row.mu;  // μ − E[θ²]
      const T miss_true =
          T(1) - scale * (truthful_c.babbler_total[1] - truthful_c.babbler_total[0]);
      const T miss_dev = T(1) - scale * (believed.babbler_total[1] - believed.babbler_total[0]);
      row.noise_difference =
          variance * (miss_true * miss_true - miss_dev * miss_dev) +
          own_noise * scale * scale * (truthful_c.spread_squares - believed.spread_squares);
      row.others_with_own = believed.truthful_total + believed.babbler_total[0] +
                            row.mu * (believed.babbler_total[1] - believed.babbler_total[0]);
      row.probability = others_count_probability<T>(j, static_cast<int>(s), t);
      rows[s].push_back(std::move(row));
    }
  }
  // The deviator's best response to its true information after the opposite
  // message, and the others' expected total it faces.
  auto deviation = [&](std::size_t i, std::size_t s, std::size_t j, T& others) {
    const Row& row = rows[s][j];
    others = row.others_with_own - out.continuation[j + 1 - s].action[i][0];
    return clip(T(normaliser * (row.mu + alliance.biases[i]) - eta * others), alliance.bounds[i]);
  };
  bool first = true;
  T others;
  for (std::size_t i = 0; i < n && !(stop_at_violation && !out.equilibrium); ++i) {
    if (!setup.truthful[i]) continue;
    const T& b = alliance.biases[i];
    for (const int s : {0, 1}) {
      const auto su = static_cast<std::size_t>(s);
      std::vector<T>& parts = out.breakdown[i][su];
      parts.reserve(t);
      T total(0);
      for (std::size_t j = 0; j < t; ++j) {
        const Row& row = rows[su][j];
        const T& truthful_gap = out.continuation[j + su].gap[i][0];
        const T x = deviation(i, su, j, others);
        const T deviation_gap = (x + eta * others) / normaliser - row.mu - b;
        T part = row.probability * (truthful_gap * truthful_gap - deviation_gap * deviation_gap +
                                    row.noise_difference);
        total += part;
        parts.push_back(std::move(part));
      }
      if (sign_of(total) > 0) out.equilibrium = false;
      if (first || total > out.worst_gain) {
        out.worst_player = i;
        out.worst_signal = s;
        out.worst_gain = total;
        first = false;
      }
      out.gain[i][su] = std::move(total);
      if (stop_at_violation && !out.equilibrium) break;
    }
  }
  const auto su = static_cast<std::size_t>(out.worst_signal);
  for (std::size_t j = 0; j < t; ++j) {
    out.witness_deviation.push_back(deviation(out.worst_player, su, j, others));
    out.witness_truthful.push_back(out.continuation[j + su].action[out.worst_player][0]);
  }
  return out;
}

std::uint64_t binomial(std::size_t n, std::size_t k) {
  std::uint64_t result = 1;
  for (std::size_t i = 1; i <= k; ++i) result = result * (n - k + i) / i;
  return result;
}

// Every mask choosing `count[c]` members of each class, OR-ed onto `base`.
void expand(const std::vector<std::vector<std::size_t>>& members,
            const std::vector<std::size_t>& count, std::size_t c, std::uint32_t base,
            std::vector<std::uint32_t>& out) {
  if (c == members.size()) {
    out.push_back(base);
    return;
  }
  const std::vector<std::size_t>& group = members[c];
  // Subsets of `group` of size count[c], by a bitmask over its positions.
  const std::size_t size = group.size();
  for (std::uint32_t pick = 0; pick < (1U << size); ++pick) {
    if (static_cast<std::size_t>(std::popcount(pick)) != count[c]) continue;
    std::uint32_t mask = base;
    for (std::size_t m = 0; m < size; ++m) {
      if ((pick >> m) & 1U) mask |= 1U << group[m];
    }
    expand(members, count, c + 1, mask, out);
  }
}

}  // namespace

template <class T>
PartialContinuation<T> partial_continuation(const Alliance<T>& alliance,
                                            const std::vector<bool>& truthful, std::size_t k,
                                            const PartialOptions& options) {
  validate(alliance);
  const auto shadow = shadow_of(alliance);
  const Setup<T> setup = make_setup(alliance, truthful, shadow ? &*shadow : nullptr);
  return continuation_at(setup, k, options);
}

template <class T>
TruthfulSetCheck<T> verify_truthful_set(const Alliance<T>& alliance,
                                        const std::vector<bool>& truthful) {
  validate(alliance);
  const auto shadow = shadow_of(alliance);
  return check_set(make_setup(alliance, truthful, shadow ? &*shadow : nullptr), false);
}

template <class T>
TruthfulSetClassification classify_truthful_sets(const Alliance<T>& alliance,
                                                 const ClassifyOptions& options,
                                                 Progress* progress) {
  validate(alliance);
  const std::size_t n = alliance.player_count();
  if (n > kMaxClassifiedPlayers) {
    throw InputError(
        "/biases",
        fmt::format("at most {} players to classify every truthful set", kMaxClassifiedPlayers),
        fmt::format("{}", n));
  }
  // Classes of interchangeable players (equal bias and equal box).
  std::vector<std::vector<std::size_t>> members;
  for (std::size_t p = 0; p < n; ++p) {
    bool placed = false;
    for (std::vector<std::size_t>& group : members) {
      const std::size_t q = group.front();
      if (options.use_symmetry && alliance.biases[q] == alliance.biases[p] &&
          alliance.bounds[q].lo == alliance.bounds[p].lo &&
          alliance.bounds[q].hi == alliance.bounds[p].hi) {
        group.push_back(p);
        placed = true;
        break;
      }
    }
    if (!placed) members.push_back({p});
  }
  TruthfulSetClassification out;
  out.players = n;
  out.sets = std::uint64_t{1} << n;
  out.classes = members.size();
  out.sets_by_size.resize(n + 1);
  out.equilibria_by_size.assign(n + 1, 0);
  for (std::size_t t = 0; t <= n; ++t) out.sets_by_size[t] = binomial(n, t);
  std::uint64_t orbits = 1;
  for (const auto& group : members) orbits *= group.size() + 1;
  if (progress != nullptr) progress->start("truthful sets", orbits);
  // Mixed-radix enumeration of how many members of each class are truthful.
  std::vector<std::size_t> count(members.size(), 0);
  const auto shadow = shadow_of(alliance);
  for (std::uint64_t orbit = 0; orbit < orbits; ++orbit) {
    std::vector<bool> truthful(n, false);
    std::uint64_t size = 1;
    std::size_t t = 0;
    for (std::size_t c = 0; c < members.size(); ++c) {
      for (std::size_t m = 0; m < count[c]; ++m) truthful[members[c][m]] = true;
      size *= binomial(members[c].size(), count[c]);
      t += count[c];
    }
    const TruthfulSetCheck<T> check =
        check_set(make_setup(alliance, truthful, shadow ? &*shadow : nullptr), true);
    ++out.solved;
    std::uint64_t binding = 0;
    for (const PartialContinuation<T>& c : check.continuation) binding += c.any_binding() ? 1 : 0;
    out.with_binding += binding > 0 ? size : 0;
    out.continuations += size * (t + 1);
    out.binding_continuations += size * binding;
    if (check.equilibrium) {
      out.equilibria += size;
      out.equilibria_by_size[t] += size;
      expand(members, count, 0, 0, out.equilibrium_sets);
    }
    if (progress != nullptr) progress->advance();
    for (std::size_t c = 0; c < count.size(); ++c) {
      if (++count[c] <= members[c].size()) break;
      count[c] = 0;
    }
  }
  std::sort(out.equilibrium_sets.begin(), out.equilibrium_sets.end());
  return out;
}

template PartialContinuation<Rational> partial_continuation(const Alliance<Rational>&,
                                                            const std::vector<bool>&, std::size_t,
                                                            const PartialOptions&);
template PartialContinuation<double> partial_continuation(const Alliance<double>&,
                                                          const std::vector<bool>&, std::size_t,
                                                          const PartialOptions&);
template TruthfulSetCheck<Rational> verify_truthful_set(const Alliance<Rational>&,
                                                        const std::vector<bool>&);
template TruthfulSetCheck<double> verify_truthful_set(const Alliance<double>&,
                                                      const std::vector<bool>&);
template TruthfulSetClassification classify_truthful_sets(const Alliance<Rational>&,
                                                          const ClassifyOptions&, Progress*);
template TruthfulSetClassification classify_truthful_sets(const Alliance<double>&,
                                                          const ClassifyOptions&, Progress*);

}  // namespace mechlab::alliance
