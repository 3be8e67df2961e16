#include "mechlab/infosize/two_stage.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <numeric>
#include <utility>

#include "mechlab/core/error.hpp"
#include "mechlab/mechanism/rules.hpp"

namespace mechlab::infosize {

namespace {

template <class T>
bool same_vector(std::span<const T> a, std::span<const T> b) {
  if (a.size() != b.size()) return false;
  for (std::size_t k = 0; k < a.size(); ++k) {
    if (!nearly_equal(a[k], b[k])) return false;
  }
  return true;
}

template <class T>
std::size_t first_max(std::span<const T> x) {
  std::size_t best = 0;
  for (std::size_t c = 1; c < x.size(); ++c) {
    if (sign_of(T(x[c] - x[best])) > 0) best = c;
  }
  return best;
}

template <class T>
T max_of(std::span<const T> x) {
  return x[first_max(x)];
}

// Shortest-path closure over the alternatives for the difference constraints
// u(c) − u(a) <= w collected so far (an edge a → c of weight w).
template <class T>
struct Closure {
  std::size_t size = 0;
  std::vector<T> dist;
  std::vector<char> finite;

  explicit Closure(std::size_t n) : size(n), dist(n * n, T(0)), finite(n * n, 0) {
    for (std::size_t x = 0; x < n; ++x) finite[x * n + x] = 1;
  }

  // Adds the edge; false (closure unchanged in meaning, partially updated) on
  // a negative cycle. Zero cycles are allowed: ties go the deviator's way.
  bool add(std::size_t a, std::size_t c, const T& w) {
    const std::size_t n = size;
    if (finite[c * n + a] != 0 && sign_of(T(dist[c * n + a] + w)) < 0) return false;
    // With no negative cycle, D[x][a] and D[c][y] are unchanged by the new
    // edge, so the update can be done in place.
    for (std::size_t x = 0; x < n; ++x) {
      if (finite[x * n + a] == 0) continue;
      const T head = dist[x * n + a] + w;
      for (std::size_t y = 0; y < n; ++y) {
        if (finite[c * n + y] == 0) continue;
        const T candidate = head + dist[c * n + y];
        if (finite[x * n + y] == 0 || candidate < dist[x * n + y]) {
          dist[x * n + y] = candidate;
          finite[x * n + y] = 1;
        }
      }
    }
    return true;
  }

  // Potentials u(c) = min(0, min_x D[x][c]) satisfy every constraint; shifted to min 0.
  std::vector<T> potentials() const {
    std::vector<T> u(size, T(0));
    for (std::size_t c = 0; c < size; ++c) {
      for (std::size_t x = 0; x < size; ++x) {
        if (finite[x * size + c] != 0 && dist[x * size + c] < u[c]) u[c] = dist[x * size + c];
      }
    }
    const T low = *std::min_element(u.begin(), u.end());
    for (T& v : u) v -= low;
    return u;
  }
};

template <class T>
class Search {
 public:
  Search(std::vector<std::vector<T>> others, std::vector<std::vector<T>> payoff,
         std::size_t alternatives, std::size_t limit)
      : others_(std::move(others)),
        payoff_(std::move(payoff)),
        alternatives_(alternatives),
        limit_(limit) {
    const std::size_t groups = others_.size();
    order_.resize(groups);
    std::iota(order_.begin(), order_.end(), std::size_t{0});
    // Most decisive groups first: the largest spread prunes earliest.
    std::vector<T> spread(groups);
    for (std::size_t g = 0; g < groups; ++g) {
      const auto [lo, hi] = std::minmax_element(payoff_[g].begin(), payoff_[g].end());
      spread[g] = *hi - *lo;
    }
    std::stable_sort(order_.begin(), order_.end(),
                     [&](std::size_t a, std::size_t b) { return spread[b] < spread[a]; });
    candidates_.resize(groups);
    for (std::size_t g = 0; g < groups; ++g) {
      auto& cand = candidates_[g];
      cand.resize(alternatives_);
      std::iota(cand.begin(), cand.end(), std::size_t{0});
      std::stable_sort(cand.begin(), cand.end(),
                       [&](std::size_t a, std::size_t b) { return payoff_[g][b] < payoff_[g][a]; });
    }
    suffix_.assign(groups + 1, T(0));
    for (std::size_t k = groups; k-- > 0;) {
      const std::size_t g = order_[k];
      suffix_[k] = suffix_[k + 1] + payoff_[g][candidates_[g].front()];
    }
    assignment_.assign(groups, 0);
  }

  void run() { descend(0, T(0), Closure<T>(alternatives_)); }

  bool found() const { return found_; }
  const T& best() const { return best_; }
  const std::vector<std::size_t>& best_assignment() const { return best_assignment_; }
  const std::vector<T>& witness() const { return witness_; }
  std::size_t nodes() const { return nodes_; }
  const T& bound() const { return suffix_.front(); }

 private:
  std::vector<std::vector<T>> others_;
  std::vector<std::vector<T>> payoff_;
  std::size_t alternatives_;
  std::size_t limit_;
  std::vector<std::size_t> order_;
  std::vector<std::vector<std::size_t>> candidates_;
  std::vector<T> suffix_;
  std::vector<std::size_t> assignment_;
  bool found_ = false;
  T best_ = T(0);
  std::vector<std::size_t> best_assignment_;
  std::vector<T> witness_;
  std::size_t nodes_ = 0;

  void descend(std::size_t depth, const T& value, const Closure<T>& closure) {
    if (depth == order_.size()) {
      if (!found_ || sign_of(T(value - best_)) > 0) {
        found_ = true;
        best_ = value;
        best_assignment_ = assignment_;
        witness_ = closure.potentials();
      }
      return;
    }
    const std::size_t g = order_[depth];
    for (const std::size_t a : candidates_[g]) {
      const T reach = value + payoff_[g][a] + suffix_[depth + 1];
      // Candidates are sorted, so no later one can beat the incumbent either.
      if (found_ && sign_of(T(reach - best_)) <= 0) return;
      if (++nodes_ > limit_) {
        throw InputError("--node-limit",
                         fmt::format("a stage-2 best reply found within {} branch-and-bound "
                                     "nodes ({} consistent profile classes, {} alternatives)",
                                     limit_, order_.size(), alternatives_),
                         "a larger search; reduce the instance or raise the node limit");
      }
      Closure<T> next = closure;
      bool ok = true;
      for (std::size_t c = 0; c < alternatives_ && ok; ++c) {
        if (c != a) ok = next.add(a, c, T(others_[g][a] - others_[g][c]));
      }
      if (!ok) continue;
      assignment_[g] = a;
      descend(depth + 1, value + payoff_[g][a], next);
    }
  }
};

template <class T>
std::vector<T> stage_two_others(const mechanism::Problem<T>& problem, std::size_t i, std::size_t t,
                                std::span<const T> pi) {
  std::vector<T> w(problem.alternative_count(), T(0));
  for (std::size_t j = 0; j < problem.agent_count(); ++j) {
    if (j == i) continue;
    const auto report = truthful_report(problem, j, problem.profiles.digit(t, j), pi);
    for (std::size_t c = 0; c < w.size(); ++c) w[c] += report[c];
  }
  return w;
}

}  // namespace

template <class T>
PostedPosteriors<T> posted_posteriors(const SignalStructure<T>& s) {
  PostedPosteriors<T> out;
  out.posted.assign(s.profile_count(), std::nullopt);
  // Exact posteriors are deduplicated through an ordered index (|A| log |Π|);
  // "equal within tolerance" is not transitive, so doubles keep a linear scan.
  std::map<std::vector<T>, std::size_t> index;
  for (std::size_t a = 0; a < s.profile_count(); ++a) {
    if (!s.defined(a)) continue;
    const auto rho = s.rho(a);
    std::size_t k = 0;
    if constexpr (NumberTraits<T>::exact) {
      const auto [it, added] = index.emplace(std::vector<T>(rho.begin(), rho.end()), out.pi.size());
      k = it->second;
      if (added) out.pi.push_back(it->first);
    } else {
      while (k < out.pi.size() && !same_vector<T>(out.pi[k], rho)) ++k;
      if (k == out.pi.size()) out.pi.emplace_back(rho.begin(), rho.end());
    }
    out.posted[a] = k;
  }
  return out;
}

template <class T>
std::vector<T> truthful_report(const mechanism::Problem<T>& problem, std::size_t i,
                               std::size_t type, std::span<const T> pi) {
  std::vector<T> u(problem.alternative_count(), T(0));
  for (std::size_t c = 0; c < u.size(); ++c) {
    for (std::size_t theta = 0; theta < problem.state_count(); ++theta) {
      u[c] += problem.value(i, c, theta, type) * pi[theta];
    }
  }
  return u;
}

template <class T>
VcgOutcome<T> stage_two_vcg(const std::vector<std::vector<T>>& reports) {
  VcgOutcome<T> out;
  const std::size_t n = reports.size();
  if (n == 0) throw InternalError("stage_two_vcg: no reports");
  const std::size_t alternatives = reports.front().size();
  std::vector<T> total(alternatives, T(0));
  for (const auto& u : reports) {
    for (std::size_t c = 0; c < alternatives; ++c) total[c] += u[c];
  }
  out.choice = first_max<T>(total);
  out.transfers.resize(n);
  std::vector<T> others(alternatives);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t c = 0; c < alternatives; ++c) others[c] = total[c] - reports[i][c];
    out.transfers[i] = others[out.choice] - max_of<T>(others);
  }
  return out;
}

template <class T>
BestReply<T> best_reply(const std::vector<std::vector<T>>& others,
                        const std::vector<std::vector<T>>& payoff, std::size_t node_limit) {
  BestReply<T> out;
  if (others.empty()) return out;
  const std::size_t alternatives = others.front().size();
  // Profiles facing the same W' get the same alternative whatever u is: merge them.
  std::vector<std::vector<T>> group_others;
  std::vector<std::vector<T>> group_payoff;
  std::vector<std::size_t> group_of(others.size());
  for (std::size_t k = 0; k < others.size(); ++k) {
    out.bound += max_of<T>(payoff[k]);
    std::size_t g = 0;
    while (g < group_others.size() && !same_vector<T>(group_others[g], others[k])) ++g;
    if (g == group_others.size()) {
      group_others.push_back(others[k]);
      group_payoff.emplace_back(alternatives, T(0));
    }
    for (std::size_t c = 0; c < alternatives; ++c) group_payoff[g][c] += payoff[k][c];
    group_of[k] = g;
  }
  Search<T> search(std::move(group_others), std::move(group_payoff), alternatives, node_limit);
  search.run();
  if (!search.found()) throw InternalError("best_reply: no achievable assignment");
  out.value = search.best();
  out.witness = search.witness();
  out.nodes = search.nodes();
  out.choices.resize(others.size());
  for (std::size_t k = 0; k < others.size(); ++k) {
    out.choices[k] = search.best_assignment()[group_of[k]];
  }
  return out;
}

template <class T>
StageOneReport<T> stage_one_report(const Instance<T>& instance, std::size_t i, std::size_t type,
                                   std::size_t report, std::size_t node_limit) {
  return stage_one_report(instance, posted_posteriors(instance.signals), i, type, report,
                          node_limit, true);
}

template <class T>
StageOneReport<T> stage_one_report(const Instance<T>& instance, const PostedPosteriors<T>& posted,
                                   std::size_t i, std::size_t type, std::size_t report,
                                   std::size_t node_limit, bool off_path_sets) {
  const auto& p = instance.problem;
  const auto& s = instance.signals;
  const std::size_t alternatives = p.alternative_count();
  const std::size_t states = p.state_count();
  if (i >= p.agent_count() || type >= p.type_count(i) || report >= s.signal_count(i)) {
    throw InternalError("stage_one_report: agent, type or report out of range");
  }
  StageOneReport<T> out;
  out.agent = i;
  out.type = type;
  out.report = report;
  out.sets.resize(posted.pi.size());
  std::vector<std::vector<std::vector<T>>> others(posted.pi.size());
  std::vector<std::vector<std::vector<T>>> payoffs(posted.pi.size());
  const std::array<Fixing, 1> fixing{Fixing{i, type}};
  for (const std::size_t t : p.profiles.cells_with(fixing)) {
    const T weight = p.belief(i, t);
    if (sign_of(weight) == 0) continue;
    const std::size_t a = s.signal_profile(p.profiles, t);
    const std::size_t lied = s.profiles.with_digit(a, i, report);
    if (!posted.posted[lied]) {
      out.undefined.push_back(t);
      continue;
    }
    const std::size_t k = *posted.posted[lied];
    std::vector<T> w = stage_two_others(p, i, t, std::span<const T>(posted.pi[k]));
    const T top = max_of<T>(w);
    std::vector<T> pay(alternatives);
    for (std::size_t c = 0; c < alternatives; ++c) {
      pay[c] = weight * (p.value_hat(i, t, c) + w[c] - top);
    }
    out.pointwise += max_of<T>(pay);
    InformationSet<T>& set = out.sets[k];
    set.consistent.push_back(t);
    set.weights.push_back(weight);
    set.mass += weight;
    // The state is drawn from the true posterior ρ(f(t)) (E7), which a valid
    // decomposition makes equal to P_Θ(· | t); fall back to the latter.
    for (std::size_t theta = 0; theta < states; ++theta) {
      set.belief.push_back(
          s.defined(a) ? T(s.rho(a)[theta] * weight)
                       : T(p.env.prior[theta * p.profile_count() + t] / p.p_profile[t] * weight));
    }
    others[k].push_back(std::move(w));
    payoffs[k].push_back(std::move(pay));
  }
  for (std::size_t k = 0; k < out.sets.size(); ++k) {
    InformationSet<T>& set = out.sets[k];
    set.posted = k;
    set.on_path = !set.consistent.empty();
    if (!set.on_path && !off_path_sets) continue;
    set.truthful = truthful_report(p, i, type, std::span<const T>(posted.pi[k]));
    if (!set.on_path) {
      // Off path (E8): with beliefs π(θ)·λ the truthful report is optimal by VCG
      // dominance, and nothing is at stake.
      set.best.witness = set.truthful;
      continue;
    }
    for (T& mu : set.belief) mu /= set.mass;
    std::vector<T> total(alternatives);
    for (std::size_t m = 0; m < others[k].size(); ++m) {
      for (std::size_t c = 0; c < alternatives; ++c) total[c] = set.truthful[c] + others[k][m][c];
      set.truthful_value += payoffs[k][m][first_max<T>(total)];
    }
    set.best = best_reply(others[k], payoffs[k], node_limit);
    out.pbe += set.best.value;
  }
  if (!off_path_sets) {
    std::erase_if(out.sets, [](const InformationSet<T>& set) { return !set.on_path; });
  }
  return out;
}

template <class T>
T truthful_value(const mechanism::Problem<T>& problem, std::size_t i, std::size_t type) {
  const std::size_t alternatives = problem.alternative_count();
  const std::array<Fixing, 1> fixing{Fixing{i, type}};
  T v(0);
  std::vector<T> all(alternatives);
  std::vector<T> rest(alternatives);
  for (const std::size_t t : problem.profiles.cells_with(fixing)) {
    const T weight = problem.belief(i, t);
    if (sign_of(weight) == 0) continue;
    for (std::size_t c = 0; c < alternatives; ++c) {
      all[c] = T(0);
      for (std::size_t j = 0; j < problem.agent_count(); ++j) all[c] += problem.value_hat(j, t, c);
      rest[c] = all[c] - problem.value_hat(i, t, c);
    }
    v += weight * (max_of<T>(all) - max_of<T>(rest));
  }
  return v;
}

template <class T>
PathCheck equilibrium_path(const Instance<T>& instance) {
  const auto& p = instance.problem;
  const auto& s = instance.signals;
  const mechanism::EfficientChoice q = mechanism::efficient_choice(p);
  const mechanism::Mechanism<T> m = mechanism::gvcg(p);
  PathCheck out;
  std::vector<std::vector<T>> reports(p.agent_count());
  for (std::size_t t = 0; t < p.profile_count(); ++t) {
    if (sign_of(p.p_profile[t]) == 0) continue;
    ++out.profiles;
    const std::size_t a = s.signal_profile(p.profiles, t);
    if (!s.defined(a)) {
      out.undefined.push_back(t);
      continue;
    }
    for (std::size_t j = 0; j < p.agent_count(); ++j) {
      reports[j] = truthful_report(p, j, p.profiles.digit(t, j), s.rho(a));
    }
    const VcgOutcome<T> vcg = stage_two_vcg(reports);
    if (vcg.choice != q.choice[t]) out.outcome_mismatches.push_back(t);
    for (std::size_t j = 0; j < p.agent_count(); ++j) {
      if (!nearly_equal(vcg.transfers[j], m.transfers[j][t])) {
        out.transfer_mismatches.push_back(t);
        break;
      }
    }
  }
  return out;
}

// An alias keeps the macro argument out of `>>&`, which clang-tidy's
// bugprone-macro-parentheses misreads.
template <class T>
using Rows = std::vector<std::vector<T>>;

#define MECHLAB_INSTANTIATE(T)                                                                    \
  template PostedPosteriors<T> posted_posteriors(const SignalStructure<T>&);                      \
  template std::vector<T> truthful_report(const mechanism::Problem<T>&, std::size_t, std::size_t, \
                                          std::span<const T>);                                    \
  template VcgOutcome<T> stage_two_vcg(const Rows<T>&);                                           \
  template BestReply<T> best_reply(const Rows<T>&, const Rows<T>&, std::size_t);                  \
  template StageOneReport<T> stage_one_report(const Instance<T>&, std::size_t, std::size_t,       \
                                              std::size_t, std::size_t);                          \
  template StageOneReport<T> stage_one_report(const Instance<T>&, const PostedPosteriors<T>&,     \
                                              std::size_t, std::size_t, std::size_t, std::size_t, \
                                              bool);                                              \
  template T truthful_value(const mechanism::Problem<T>&, std::size_t, std::size_t);              \
  template PathCheck equilibrium_path(const Instance<T>&);
MECHLAB_INSTANTIATE(Rational)
MECHLAB_INSTANTIATE(double)
#undef MECHLAB_INSTANTIATE

}  // namespace mechlab::infosize
