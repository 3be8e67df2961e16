#include "mechlab/mediation/topdown.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "mechlab/core/error.hpp"
#include "mechlab/mediation/lagrangian.hpp"

namespace mechlab::mediation {

namespace {

template <class T>
std::string text(const T& x) {
  return number_text(x);
}

}  // namespace

template <class T>
MonotoneLotteryCheck<T> check_monotone_lottery(const Matrix<T>& u, const std::vector<T>& prior) {
  const std::size_t k = prior.size();
  MonotoneLotteryCheck<T> out;
  out.w = rent_weights(prior);
  out.a.assign(k - 1, std::vector<T>(k, T(0)));
  for (std::size_t t = 0; t + 1 < k; ++t) {
    for (std::size_t s = 0; s < k; ++s) out.a[t][s] = u[t][s] - u[t + 1][s];
  }
  const auto fail = [&out](std::string evidence) {
    if (out.holds) out.evidence = std::move(evidence);
    out.holds = false;
  };
  for (std::size_t t = 0; t + 1 < k; ++t) {
    if (out.w[t] < out.w[t + 1]) {
      fail(
          fmt::format("w({}) = {} < w({}) = {}", t + 1, text(out.w[t]), t + 2, text(out.w[t + 1])));
    }
  }
  for (std::size_t t = 0; t + 1 < k; ++t) {
    for (std::size_t s = 0; s < k; ++s) {
      // A(K, ·) does not exist (it is multiplied by w(K) = 0): compare rows 1..K−1 only.
      if (t + 2 < k && sign_of(T(out.a[t][s] - out.a[t + 1][s])) < 0) {
        fail(fmt::format("A({},{}) = {} < A({},{}) = {}", t + 1, s + 1, text(out.a[t][s]), t + 2,
                         s + 1, text(out.a[t + 1][s])));
      }
      if (s + 1 < k && sign_of(T(out.a[t][s] - out.a[t][s + 1])) < 0) {
        fail(fmt::format("A({},{}) = {} < A({},{}) = {}", t + 1, s + 1, text(out.a[t][s]), t + 1,
                         s + 2, text(out.a[t][s + 1])));
      }
    }
  }
  if (out.holds) {
    out.evidence = fmt::format(
        "A(θ,θ′) weakly decreasing in both arguments on {}×{} entries, "
        "w weakly decreasing on {} types",
        k - 1, k, k);
  }
  return out;
}

template <class T>
Matrix<T> top_down_values(const Matrix<T>& u, const std::vector<T>& prior) {
  const std::size_t k = prior.size();
  const auto w = rent_weights(prior);
  // A(θ, ·) with A(K, ·) := 0: it only ever appears multiplied by w(K) = 0 (E12).
  const auto a = [&u, k](std::size_t t, std::size_t s) {
    return t + 1 < k ? T(u[t][s] - u[t + 1][s]) : T(0);
  };
  Matrix<T> v(k, std::vector<T>(k, T(0)));
  for (std::size_t x = 0; x < k; ++x) {
    for (std::size_t y = 0; y < k; ++y) {
      v[x][y] = u[x][y] + u[y][x] + w[x] * a(x, y) + w[y] * a(y, x);
    }
  }
  return v;
}

template <class T>
TopDownResult<T> top_down(const Instance<T>& instance, TopDownPolicy policy) {
  instance.validate();
  const Matrix<T>* lottery = instance.game->lottery();
  if (lottery == nullptr) {
    throw InputError("/game", "a lottery game (Prop. 6's top-down algorithm)",
                     instance.game->name());
  }
  const auto& u = *lottery;
  const auto& p = instance.prior;
  const std::size_t k = p.size();
  TopDownResult<T> out;
  out.monotone = check_monotone_lottery(u, p);
  if (!out.monotone.holds && policy == TopDownPolicy::refuse) {
    throw InputError("/game", "a monotone lottery (Prop. 6: A(θ,θ′) and w weakly decreasing)",
                     out.monotone.evidence);
  }
  out.v = top_down_values(u, p);
  out.gamma.assign(k, std::vector<T>(k, T(0)));
  out.target = T(2) * instance.veto[0] - T(1);

  T total(0);  // Σ_all p p (v − 1)
  std::vector<std::pair<std::size_t, std::size_t>> profiles;
  for (std::size_t x = 0; x < k; ++x) {
    for (std::size_t y = 0; y < k; ++y) {
      total += p[x] * p[y] * (out.v[x][y] - T(1));
      profiles.emplace_back(x, y);
    }
  }
  out.identity_gap = total - out.target;

  // Highest v first; ties are one group (shrunk together, as in the Matlab).
  // The sort is by value alone (a strict weak order); nearly equal neighbours
  // in double are merged into one group below.
  std::stable_sort(profiles.begin(), profiles.end(), [&out](const auto& l, const auto& r) {
    return out.v[l.first][l.second] > out.v[r.first][r.second];
  });
  for (const auto& [x, y] : profiles) {
    const T& v = out.v[x][y];
    if (sign_of(T(v - T(1))) <= 0) break;  // escalating here would not pay for settlement
    if (out.order.empty() || !nearly_equal(out.order.back().v, v)) {
      out.order.push_back(TopDownGroup<T>{{}, v, T(0), T(0)});
    }
    out.order.back().profiles.emplace_back(x, y);
    out.order.back().mass += p[x] * p[y] * (v - T(1));
  }

  if (sign_of(out.target) <= 0) {  // OST fails: Prop. 1 full settlement
    out.pooling = true;
    return out;
  }
  T paid(0);
  bool done = false;
  for (std::size_t g = 0; g < out.order.size() && !done; ++g) {
    auto& group = out.order[g];
    const T rest = out.target - paid;
    if (group.mass >= rest || nearly_equal(group.mass, rest)) {
      group.gamma = rest / group.mass;  // (11) binds: shrink the newest group
      if (nearly_equal(group.gamma, T(1))) group.gamma = T(1);
      out.last_group = g;
      done = true;
    } else {
      group.gamma = T(1);
      paid += group.mass;
    }
    for (const auto& [x, y] : group.profiles) {
      out.gamma[x][y] = group.gamma;
      out.probability += p[x] * p[y] * group.gamma;
    }
  }
  out.feasible = done;
  return out;
}

template <class T>
TopDownVerification<T> verify_top_down(const Instance<T>& instance, TopDownPolicy policy) {
  auto td = top_down(instance, policy);
  auto lp = solve_lottery(instance);
  TopDownVerification<T> out{std::move(td), std::move(lp), T(0), false, std::nullopt, false};
  if (out.lp.mechanism && out.top_down.feasible) {
    out.difference = out.top_down.probability - out.lp.mechanism->probability;
    out.agrees = nearly_equal(out.top_down.probability, out.lp.mechanism->probability);
  }
  if (out.top_down.feasible && sign_of(out.top_down.probability) > 0) {
    out.rule_lp = solve_design(instance, {Shape<T>{"top-down", out.top_down.gamma}});
    out.implemented = out.rule_lp->mechanism &&
                      nearly_equal(out.rule_lp->mechanism->probability, out.top_down.probability);
  }
  return out;
}

template <class T>
std::string describe_order(const TopDownResult<T>& result) {
  std::string out;
  for (std::size_t g = 0; g < result.order.size(); ++g) {
    const auto& group = result.order[g];
    if (!out.empty()) out += "; ";
    std::string names;
    for (const auto& [x, y] : group.profiles) {
      names += fmt::format("{}({},{})", names.empty() ? "" : ",", x + 1, y + 1);
    }
    out += fmt::format("v = {}: {} γ = {}", text(group.v), names, text(group.gamma));
  }
  return out;
}

template MonotoneLotteryCheck<Rational> check_monotone_lottery(const Matrix<Rational>&,
                                                               const std::vector<Rational>&);
template Matrix<Rational> top_down_values(const Matrix<Rational>&, const std::vector<Rational>&);
template TopDownResult<Rational> top_down(const Instance<Rational>&, TopDownPolicy);
template TopDownVerification<Rational> verify_top_down(const Instance<Rational>&, TopDownPolicy);
template std::string describe_order(const TopDownResult<Rational>&);
template MonotoneLotteryCheck<double> check_monotone_lottery(const Matrix<double>&,
                                                             const std::vector<double>&);
template Matrix<double> top_down_values(const Matrix<double>&, const std::vector<double>&);
template TopDownResult<double> top_down(const Instance<double>&, TopDownPolicy);
template TopDownVerification<double> verify_top_down(const Instance<double>&, TopDownPolicy);
template std::string describe_order(const TopDownResult<double>&);

}  // namespace mechlab::mediation
