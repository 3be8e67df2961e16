#include "mechlab/infosize/decomposition.hpp"

#include <fmt/format.h>

#include <utility>

#include "mechlab/core/error.hpp"

namespace mechlab::infosize {

namespace {

template <class T>
bool is_zero(const T& x) {
  return nearly_equal(x, T(0));
}

}  // namespace

template <class T>
T SignalStructure<T>::belief(std::size_t i, std::size_t a) const {
  const T& marginal = q_signal[i][profiles.digit(a, i)];
  if (marginal == T(0)) return T(0);
  return q_profile[a] / marginal;
}

template <class T>
std::size_t SignalStructure<T>::signal_profile(const IndexSpace& type_profiles,
                                               std::size_t t) const {
  std::size_t a = 0;
  for (std::size_t i = 0; i < agent_count(); ++i) {
    a = a * signal_count(i) + d.f[i][type_profiles.digit(t, i)];
  }
  return a;
}

template <class T>
SignalStructure<T> analyse(Decomposition<T> d, const mechanism::Problem<T>& problem) {
  const std::size_t n = problem.agent_count();
  if (d.signals.size() != n) {
    throw InputError("/signals", fmt::format("one signal list per agent ({})", n),
                     fmt::format("{} lists", d.signals.size()));
  }
  if (d.f.size() != n) {
    throw InputError("/f", fmt::format("one signal map per agent ({})", n),
                     fmt::format("{} maps", d.f.size()));
  }
  std::vector<Coordinate> coords;
  for (std::size_t i = 0; i < n; ++i) {
    if (d.signals[i].empty()) {
      throw InputError(fmt::format("/signals/{}", i), "a non-empty list of signals", "[]");
    }
    if (d.f[i].size() != problem.type_count(i)) {
      throw InputError(fmt::format("/f/{}", i),
                       fmt::format("one signal per type of agent {} ({})", problem.env.agents[i],
                                   problem.type_count(i)),
                       fmt::format("{} entries", d.f[i].size()));
    }
    for (std::size_t t = 0; t < d.f[i].size(); ++t) {
      if (d.f[i][t] >= d.signals[i].size()) {
        throw InputError(fmt::format("/f/{}/{}", i, t),
                         fmt::format("a signal index below {}", d.signals[i].size()),
                         std::to_string(d.f[i][t]));
      }
    }
    coords.push_back({problem.env.agents[i], d.signals[i]});
  }
  SignalStructure<T> s;
  try {
    s.profiles = IndexSpace(std::move(coords));
  } catch (const InputError& e) {
    throw e.with_prefix("/signals");
  }
  s.states = problem.state_count();
  const std::size_t size = s.profiles.size();
  if (d.joint.size() != s.states * size) {
    throw InputError(
        "/joint",
        fmt::format("|Θ|·|A| = {}·{} = {} probabilities", s.states, size, s.states * size),
        fmt::format("{} entries", d.joint.size()));
  }
  T total(0);
  for (std::size_t k = 0; k < d.joint.size(); ++k) {
    if (sign_of(d.joint[k]) < 0) {
      throw InputError(fmt::format("/joint/{}", k), "a probability >= 0",
                       NumberTraits<T>::to_text(d.joint[k]));
    }
    total += d.joint[k];
  }
  if (!nearly_equal(total, T(1))) {
    throw InputError("/joint", "probabilities summing to 1",
                     fmt::format("sum {}", NumberTraits<T>::to_text(total)));
  }
  s.q_profile.assign(size, T(0));
  s.posterior.assign(size * s.states, T(0));
  for (std::size_t theta = 0; theta < s.states; ++theta) {
    for (std::size_t a = 0; a < size; ++a) s.q_profile[a] += d.joint[theta * size + a];
  }
  s.q_signal.resize(n);
  for (std::size_t i = 0; i < n; ++i) s.q_signal[i].assign(d.signals[i].size(), T(0));
  for (std::size_t a = 0; a < size; ++a) {
    for (std::size_t i = 0; i < n; ++i) s.q_signal[i][s.profiles.digit(a, i)] += s.q_profile[a];
    if (s.q_profile[a] == T(0)) {
      s.zero_profiles.push_back(a);
      continue;
    }
    for (std::size_t theta = 0; theta < s.states; ++theta) {
      s.posterior[a * s.states + theta] = d.joint[theta * size + a] / s.q_profile[a];
    }
  }
  s.d = std::move(d);
  return s;
}

template <class T>
Decomposition<T> pushforward(const mechanism::Problem<T>& problem,
                             std::vector<std::vector<std::string>> signals,
                             std::vector<std::vector<std::size_t>> f) {
  Decomposition<T> d;
  d.signals = std::move(signals);
  d.f = std::move(f);
  // Shapes are checked by analyse(); here only what indexing needs.
  std::size_t size = 1;
  for (const auto& a : d.signals) size *= a.size();
  const bool shapes_ok =
      d.signals.size() == problem.agent_count() && d.f.size() == problem.agent_count() && size > 0;
  if (!shapes_ok) return d;
  for (std::size_t i = 0; i < d.f.size(); ++i) {
    if (d.f[i].size() != problem.type_count(i)) return d;
    for (const auto a_i : d.f[i]) {
      if (a_i >= d.signals[i].size()) return d;
    }
  }
  const std::size_t states = problem.state_count();
  const std::size_t types = problem.profile_count();
  d.joint.assign(states * size, T(0));
  for (std::size_t t = 0; t < types; ++t) {
    std::size_t a = 0;
    for (std::size_t i = 0; i < d.f.size(); ++i) {
      a = a * d.signals[i].size() + d.f[i][problem.profiles.digit(t, i)];
    }
    for (std::size_t theta = 0; theta < states; ++theta) {
      d.joint[theta * size + a] += problem.env.prior[theta * types + t];
    }
  }
  return d;
}

template <class T>
Decomposition<T> trivial(const mechanism::Problem<T>& problem) {
  Decomposition<T> d;
  d.signals = problem.env.types;
  for (const auto& types : problem.env.types) {
    std::vector<std::size_t> id(types.size());
    for (std::size_t t = 0; t < id.size(); ++t) id[t] = t;
    d.f.push_back(std::move(id));
  }
  d.joint = problem.env.prior;
  return d;
}

template <class T>
bool Validation<T>::valid() const {
  return is_zero(posterior_gap) && is_zero(belief_gap);
}

template <class T>
Validation<T> validate(const mechanism::Problem<T>& problem, const SignalStructure<T>& s) {
  Validation<T> v;
  v.zero_profiles = s.zero_profiles;
  const std::size_t n = problem.agent_count();
  const std::size_t types = problem.profile_count();
  const std::size_t size = s.profile_count();
  v.unused_signals.resize(n);
  v.zero_signals.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<bool> used(s.signal_count(i), false);
    for (const auto a_i : s.d.f[i]) used[a_i] = true;
    for (std::size_t a_i = 0; a_i < used.size(); ++a_i) {
      if (!used[a_i]) v.unused_signals[i].push_back(a_i);
      if (s.q_signal[i][a_i] == T(0)) v.zero_signals[i].push_back(a_i);
    }
  }
  // (ii) P_Θ(·|t) = ρ(f(t)) wherever P_T(t) > 0.
  for (std::size_t t = 0; t < types; ++t) {
    if (problem.p_profile[t] == T(0)) continue;
    const std::size_t a = s.signal_profile(problem.profiles, t);
    T gap(0);
    for (std::size_t theta = 0; theta < s.states; ++theta) {
      const T posterior = problem.env.prior[theta * types + t] / problem.p_profile[t];
      gap += abs_of(T(posterior - s.posterior[a * s.states + theta]));
    }
    if (gap > v.posterior_gap) {
      v.posterior_gap = gap;
      v.posterior_profile = t;
    }
  }
  // (iii) Σ_{t_{-i} ∈ f^{-1}(a_{-i})} P(t_{-i}|t_i) = Q(a_{-i}|f_i(t_i)), by
  // accumulating each t's belief mass on the signal profile f(t).
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<std::vector<T>> mass(problem.type_count(i), std::vector<T>(size, T(0)));
    for (std::size_t t = 0; t < types; ++t) {
      const std::size_t t_i = problem.profiles.digit(t, i);
      mass[t_i][s.signal_profile(problem.profiles, t)] += problem.belief(i, t);
    }
    for (std::size_t t_i = 0; t_i < problem.type_count(i); ++t_i) {
      const std::size_t a_i = s.d.f[i][t_i];
      for (std::size_t a = 0; a < size; ++a) {
        if (s.profiles.digit(a, i) != a_i) continue;
        const T gap = abs_of(T(mass[t_i][a] - s.belief(i, a)));
        if (gap > v.belief_gap) {
          v.belief_gap = gap;
          v.belief_agent = i;
          v.belief_type = t_i;
          v.belief_profile = a;
        }
      }
    }
  }
  return v;
}

namespace {

template <class T>
bool same_key(const std::vector<T>& x, const std::vector<T>& y) {
  if (x.size() != y.size()) return false;
  for (std::size_t k = 0; k < x.size(); ++k) {
    if (!nearly_equal(x[k], y[k])) return false;
  }
  return true;
}

// Splits each class of `classes` by `keys`, numbering the new classes in order
// of their first type (so labels and indices follow the type order). Returns
// the number of classes. Double mode compares keys with the tolerance, against
// the first member of each class.
template <class T>
std::size_t split(std::vector<std::size_t>& classes, const std::vector<std::vector<T>>& keys) {
  std::vector<std::size_t> first;  // first type of each new class
  std::vector<std::size_t> next(classes.size());
  for (std::size_t t = 0; t < classes.size(); ++t) {
    std::size_t c = 0;
    while (c < first.size() &&
           !(classes[first[c]] == classes[t] && same_key(keys[first[c]], keys[t]))) {
      ++c;
    }
    if (c == first.size()) first.push_back(t);
    next[t] = c;
  }
  classes = std::move(next);
  return first.size();
}

}  // namespace

template <class T>
Decomposition<T> coarsest(const mechanism::Problem<T>& problem) {
  const std::size_t n = problem.agent_count();
  const std::size_t types = problem.profile_count();
  const std::size_t states = problem.state_count();
  std::vector<std::vector<std::size_t>> classes(n);
  std::vector<std::size_t> counts(n, 1);
  // 1. Θ-equivalence: t_i ~ t_i' iff P_Θ(·|t_{-i}, t_i) = P_Θ(·|t_{-i}, t_i') for
  // every t_{-i}. The key of t_i lists its posteriors at every profile, in the
  // order of the profiles with i's type set to 0. With private values every
  // posterior is 1 (and prepare() allows zero profiles only then).
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t own = problem.type_count(i);
    classes[i].assign(own, 0);
    std::vector<std::vector<T>> keys(own);
    if (!problem.private_values()) {
      for (std::size_t t = 0; t < types; ++t) {
        if (problem.profiles.digit(t, i) != 0) continue;
        for (std::size_t t_i = 0; t_i < own; ++t_i) {
          const std::size_t u = problem.with_type(t, i, t_i);
          for (std::size_t theta = 0; theta < states; ++theta) {
            keys[t_i].push_back(problem.env.prior[theta * types + u] / problem.p_profile[u]);
          }
        }
      }
    }
    counts[i] = split(classes[i], keys);
  }
  // 2. Split t_i by its belief over the others' current product classes until
  // no class splits in a full pass over the agents.
  for (bool changed = true; changed;) {
    changed = false;
    for (std::size_t i = 0; i < n; ++i) {
      std::size_t cells = 1;
      for (std::size_t j = 0; j < n; ++j) {
        if (j != i) cells *= counts[j];
      }
      std::vector<std::vector<T>> keys(problem.type_count(i), std::vector<T>(cells, T(0)));
      for (std::size_t t = 0; t < types; ++t) {
        if (problem.p_profile[t] == T(0)) continue;
        std::size_t b = 0;
        for (std::size_t j = 0; j < n; ++j) {
          if (j != i) b = b * counts[j] + classes[j][problem.profiles.digit(t, j)];
        }
        keys[problem.profiles.digit(t, i)][b] += problem.belief(i, t);
      }
      const std::size_t count = split(classes[i], keys);
      if (count != counts[i]) {
        counts[i] = count;
        changed = true;
      }
    }
  }
  // 3. A_i = the classes, labelled by their members; Q = the pushforward.
  std::vector<std::vector<std::string>> signals(n);
  for (std::size_t i = 0; i < n; ++i) {
    signals[i].resize(counts[i]);
    std::vector<bool> started(counts[i], false);
    for (std::size_t t_i = 0; t_i < classes[i].size(); ++t_i) {
      const std::size_t c = classes[i][t_i];
      if (started[c]) signals[i][c] += '|';
      signals[i][c] += problem.env.types[i][t_i];
      started[c] = true;
    }
    // Type labels may contain '|' themselves ("a|b" next to a class {a, b}):
    // number repeated labels so that A_i's labels stay distinct.
    for (std::size_t c = 0; c < signals[i].size(); ++c) {
      std::size_t copies = 0;
      for (std::size_t e = 0; e < c; ++e) copies += signals[i][e] == signals[i][c] ? 1 : 0;
      if (copies > 0) signals[i][c] += fmt::format("#{}", copies + 1);
    }
  }
  return pushforward(problem, std::move(signals), std::move(classes));
}

#define MECHLAB_INSTANTIATE(T)                                                              \
  template struct SignalStructure<T>;                                                       \
  template struct Validation<T>;                                                            \
  template SignalStructure<T> analyse(Decomposition<T>, const mechanism::Problem<T>&);      \
  template Decomposition<T> pushforward(const mechanism::Problem<T>&,                       \
                                        std::vector<std::vector<std::string>>,              \
                                        std::vector<std::vector<std::size_t>>);             \
  template Decomposition<T> trivial(const mechanism::Problem<T>&);                          \
  template Validation<T> validate(const mechanism::Problem<T>&, const SignalStructure<T>&); \
  template Decomposition<T> coarsest(const mechanism::Problem<T>&);
MECHLAB_INSTANTIATE(Rational)
MECHLAB_INSTANTIATE(double)
#undef MECHLAB_INSTANTIATE

}  // namespace mechlab::infosize
