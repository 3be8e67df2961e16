#include "mechlab/dynamic/instances.hpp"

#include <fmt/format.h>

#include <string>
#include <vector>

#include "mechlab/core/error.hpp"

namespace mechlab::dynamic::instances {

namespace {

template <class T>
T num(long p, long d = 1) {
  Rational r(p, d);
  r.canonicalize();
  return NumberTraits<T>::from_rational(r);
}

const std::vector<std::string> kNone = {"-"};

// Kernels for components with a single label in both periods: every row is
// {1}. Callers overwrite the rows of the components that move.
template <class T>
Kernel<T> still_kernel(const Period& now, std::size_t agents) {
  Kernel<T> k;
  const std::size_t xs = now.decisions.size();
  k.public_rows.assign(xs, {T(1)});
  k.agents.resize(agents);
  for (std::size_t i = 0; i < agents; ++i) k.agents[i].assign(now.types[i + 1].size() * xs, {T(1)});
  return k;
}

}  // namespace

template <class T>
Environment<T> intro_example() {
  Environment<T> env;
  env.agents = {"1", "2", "3"};
  env.periods = {Period{{kNone, kNone, kNone, kNone}, {"-"}},
                 Period{{kNone, kNone, {"L", "H"}, kNone}, {"A", "B"}}};
  env.payoffs = {{{T(0)}, {T(0)}, {T(0)}},
                 {{T(0), num<T>(40)}, {num<T>(100), T(0), T(0), num<T>(100)}, {T(0), num<T>(-10)}}};
  Kernel<T> k = still_kernel<T>(env.periods[0], 3);
  k.agents[1] = {{num<T>(1, 2), num<T>(1, 2)}};
  env.kernels = {k};
  env.theta0 = {0, 0, 0, 0};
  return env;
}

template <class T>
Environment<T> example_5_1(std::size_t horizon) {
  if (horizon < 2) throw InputError("/periods", "at least three periods (T >= 2)");
  Environment<T> env;
  env.agents = {"b", "r", "g"};
  const std::vector<std::string> mid = {"0", "1/2", "1"};
  const std::vector<std::string> last = {"0", "1"};
  env.periods.push_back(Period{{kNone, {"1/2"}, {"1/2"}, kNone}, {"-"}});
  for (std::size_t t = 1; t < horizon; ++t)
    env.periods.push_back(Period{{kNone, mid, mid, kNone}, {"-"}});
  env.periods.push_back(Period{{kNone, last, last, kNone}, {"NO", "YES"}});
  for (std::size_t t = 0; t < horizon; ++t) {
    const std::size_t types = env.periods[t].types[1].size();
    env.payoffs.push_back({std::vector<T>(types, T(0)), std::vector<T>(types, T(0)), {T(0)}});
  }
  // [type · 2 + x]: type 0 = "0" (L), type 1 = "1" (H); x 0 = NO, 1 = YES.
  const std::vector<T> br = {T(0), num<T>(5), T(0), num<T>(100)};
  env.payoffs.push_back({br, br, {T(0), num<T>(-150)}});
  for (std::size_t t = 0; t < horizon; ++t) {
    Kernel<T> k = still_kernel<T>(env.periods[t], 3);
    const bool into_last = t + 1 == horizon;
    const std::vector<T> from_half = into_last
                                         ? std::vector<T>{num<T>(1, 2), num<T>(1, 2)}
                                         : std::vector<T>{num<T>(1, 4), num<T>(1, 2), num<T>(1, 4)};
    const std::vector<T> to_zero =
        into_last ? std::vector<T>{T(1), T(0)} : std::vector<T>{T(1), T(0), T(0)};
    const std::vector<T> to_one =
        into_last ? std::vector<T>{T(0), T(1)} : std::vector<T>{T(0), T(0), T(1)};
    std::vector<std::vector<T>> rows;
    if (t == 0) {
      rows = {from_half};
    } else {
      rows = {to_zero, from_half, to_one};
    }
    k.agents[0] = rows;
    k.agents[1] = rows;
    env.kernels.push_back(k);
  }
  env.theta0 = {0, 0, 0, 0};
  return env;
}

template <class T>
Environment<T> appendix_e() {
  Environment<T> env;
  env.agents = {"1", "2", "3"};
  const std::vector<std::string> lh = {"L", "H"};
  env.periods = {Period{{kNone, kNone, kNone, kNone}, {"-"}},
                 Period{{kNone, lh, lh, kNone}, {"N", "S", "B"}}};
  // [type · 3 + d], d in N, S, B.
  env.payoffs = {{{T(0)}, {T(0)}, {T(0)}},
                 {{T(0), num<T>(10), num<T>(20), T(0), num<T>(20), num<T>(32)},
                  {T(0), T(0), num<T>(5), T(0), T(0), num<T>(10)},
                  {T(0), num<T>(-10), num<T>(-30)}}};
  Kernel<T> k = still_kernel<T>(env.periods[0], 3);
  k.agents[0] = {{num<T>(1, 2), num<T>(1, 2)}};
  k.agents[1] = {{num<T>(1, 2), num<T>(1, 2)}};
  env.kernels = {k};
  env.theta0 = {0, 0, 0, 0};
  return env;
}

template <class T>
Environment<T> section_5_2() {
  Environment<T> env;
  env.agents = {"b", "r", "g"};
  const std::vector<std::string> acts = {"-1", "0", "1"};
  env.periods = {Period{{kNone, kNone, kNone, kNone}, {"-"}},
                 Period{{kNone, {"5", "X"}, {"5", "X"}, {"-2"}}, acts},
                 Period{{kNone, {"0", "100", "X"}, {"0", "-100", "X"}, {"0"}}, acts}};
  // u = θ·a − a² for a = −1, 0, 1 ([type · 3 + x]); the exit type X pays 0.
  const auto table = [](const std::vector<long>& thetas, bool exit) {
    std::vector<T> u;
    for (const long theta : thetas) {
      for (long a = -1; a <= 1; ++a) u.push_back(num<T>(theta * a - a * a));
    }
    if (exit) u.insert(u.end(), 3, T(0));
    return u;
  };
  env.payoffs = {{{T(0)}, {T(0)}, {T(0)}},
                 {table({5}, true), table({5}, true), table({-2}, false)},
                 {table({0, 100}, true), table({0, -100}, true), table({0}, false)}};
  Kernel<T> k0 = still_kernel<T>(env.periods[0], 3);
  k0.agents[0] = {{T(1), T(0)}};  // type 5 for sure
  k0.agents[1] = {{T(1), T(0)}};
  Kernel<T> k1 = still_kernel<T>(env.periods[1], 3);
  // [type · 3 + x]: from 5 to 0 after a = −1, to ±100 otherwise; X absorbing.
  const std::vector<std::vector<T>> rows = {{T(1), T(0), T(0)}, {T(0), T(1), T(0)},
                                            {T(0), T(1), T(0)}, {T(0), T(0), T(1)},
                                            {T(0), T(0), T(1)}, {T(0), T(0), T(1)}};
  k1.agents[0] = rows;
  k1.agents[1] = rows;
  env.kernels = {k0, k1};
  env.theta0 = {0, 0, 0, 0};
  return env;
}

namespace {

// Row from p to the next labels (percent) by the martingale rule.
template <class T>
std::vector<T> martingale_row(long p, const std::vector<long>& next) {
  if (next.size() == 1) return {T(1)};
  const long lo = next[0];
  const long hi = next[1];
  return {num<T>(hi - p, hi - lo), num<T>(p - lo, hi - lo)};
}

std::vector<std::string> percent_labels(const char* who, std::size_t t,
                                        const std::vector<long>& ps) {
  std::vector<std::string> out;
  out.reserve(ps.size());
  for (const long p : ps) out.push_back(fmt::format("{}{}:{}%", who, t, p));
  return out;
}

}  // namespace

template <class T>
Environment<T> appendix_d() {
  const std::vector<std::vector<long>> blue = {{50}, {30, 70}, {20, 80}, {10, 90}, {0, 100}};
  const std::vector<std::vector<long>> red = {{50}, {50}, {20, 80}, {10, 90}, {0, 100}};
  mpz_class big;
  mpz_ui_pow_ui(big.get_mpz_t(), 10, 42);
  const T penalty = NumberTraits<T>::from_rational(Rational(big));
  const T epsilon = num<T>(3);
  Environment<T> env;
  env.agents = {"blue", "red", "green"};
  std::vector<std::vector<std::string>> decisions = {{"-"}, {"-"}, {}, {}, {}};
  for (std::size_t b = 0; b < 2; ++b) {
    for (std::size_t r = 0; r < 2; ++r) {
      decisions[2].push_back(fmt::format("b2:{}%/r2:{}%", blue[2][b], red[2][r]));
      for (const char* yes : {"YES", "NO"})
        decisions[4].push_back(fmt::format("b4:{}%/r4:{}%/{}", blue[4][b], red[4][r], yes));
    }
  }
  for (const long p : red[3]) decisions[3].push_back(fmt::format("r3:{}%", p));
  for (std::size_t t = 0; t <= 4; ++t) {
    env.periods.push_back(
        Period{{kNone, percent_labels("b", t, blue[t]), percent_labels("r", t, red[t]), kNone},
               decisions[t]});
  }
  // payoffs[t][i][type · |X_t| + x]; type 1 is the HIGH-side label.
  env.payoffs.resize(5);
  for (std::size_t t = 0; t <= 4; ++t) {
    const std::size_t xs = decisions[t].size();
    std::vector<T> ub(blue[t].size() * xs, T(0));
    std::vector<T> ur(red[t].size() * xs, T(0));
    std::vector<T> ug(xs, T(0));
    for (std::size_t x = 0; x < xs; ++x) {
      for (std::size_t k = 0; k < 2 && t >= 2; ++k) {
        T& b = ub[k * xs + x];
        T& r = ur[k * xs + x];
        if (t == 2) {
          if (k != x / 2) b -= penalty;
          if (k != x % 2) r -= epsilon;
        } else if (t == 3) {
          if (k != x) r -= penalty;
        } else {
          if (k != x / 4) b -= penalty;
          if (k != (x / 2) % 2) r -= penalty;
          if (x % 2 == 0) {  // YES
            b += num<T>(84 + 20 * static_cast<long>(k));
            r += num<T>(84 + 20 * static_cast<long>(k));
          }
        }
      }
      if (t == 4 && x % 2 == 0) ug[x] = num<T>(-204);
    }
    env.payoffs[t] = {ub, ur, ug};
  }
  for (std::size_t t = 0; t < 4; ++t) {
    Kernel<T> k = still_kernel<T>(env.periods[t], 3);
    const std::size_t xs = decisions[t].size();
    const auto rows_for = [&](const std::vector<std::vector<long>>& ps) {
      std::vector<std::vector<T>> rows;
      for (const long p : ps[t]) {
        for (std::size_t x = 0; x < xs; ++x) rows.push_back(martingale_row<T>(p, ps[t + 1]));
      }
      return rows;
    };
    k.agents[0] = rows_for(blue);
    k.agents[1] = rows_for(red);
    env.kernels.push_back(k);
  }
  env.theta0 = {0, 0, 0, 0};
  return env;
}

#define MECHLAB_INSTANTIATE(T)                      \
  template Environment<T> intro_example();          \
  template Environment<T> example_5_1(std::size_t); \
  template Environment<T> appendix_e();             \
  template Environment<T> section_5_2();            \
  template Environment<T> appendix_d();
MECHLAB_INSTANTIATE(Rational)
MECHLAB_INSTANTIATE(double)
#undef MECHLAB_INSTANTIATE

}  // namespace mechlab::dynamic::instances
