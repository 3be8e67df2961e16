#include "mechlab/dynamic/instances.hpp"

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

#define MECHLAB_INSTANTIATE(T)                      \
  template Environment<T> intro_example();          \
  template Environment<T> example_5_1(std::size_t); \
  template Environment<T> appendix_e();
MECHLAB_INSTANTIATE(Rational)
MECHLAB_INSTANTIATE(double)
#undef MECHLAB_INSTANTIATE

}  // namespace mechlab::dynamic::instances
