#include "mechlab/mechanism/audit.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "mechlab/core/error.hpp"

namespace mechlab::mechanism {

namespace {

struct PropertyInfo {
  Property property;
  const char* id;
  const char* title;
  const char* violation;
};

constexpr PropertyInfo kInfo[] = {
    {Property::dsic, "dsic", "dominant-strategy IC", "gain"},
    {Property::ex_post_ic, "ex_post_ic", "ex post IC", "gain"},
    {Property::bayesian_ic, "bayesian_ic", "Bayesian (interim) IC", "gain"},
    {Property::ir_ex_post, "ir_ex_post", "ex post IR", "shortfall"},
    {Property::ir_interim, "ir_interim", "interim IR", "shortfall"},
    {Property::ir_ex_ante, "ir_ex_ante", "ex ante IR", "shortfall"},
    {Property::bb_ex_post, "bb_ex_post", "ex post budget balance", "imbalance"},
    {Property::bb_ex_ante, "bb_ex_ante", "ex ante budget balance", "imbalance"},
    {Property::feasibility, "feasibility", "feasibility (no ex post subsidy)", "deficit"},
    {Property::efficiency, "efficiency", "outcome efficiency", "welfare loss"},
};

const PropertyInfo& info(Property p) {
  for (const auto& i : kInfo) {
    if (i.property == p) return i;
  }
  throw InternalError("unknown property");
}

// Collects one property's constraints: the count, the tightest, the violations.
// Names are built only for constraints that are kept.
template <class T>
class Recorder {
 public:
  Recorder(Property p, std::size_t max_listed) : max_listed_(max_listed) { out_.property = p; }

  template <class Make>
  void add(const T& slack, Make&& make) {
    ++out_.checked;
    const bool tighter = !out_.tightest || slack < out_.tightest->slack;
    const bool violated = sign_of(slack) < 0;
    if (!tighter && !violated) return;
    Constraint<T> c = make();
    c.slack = slack;
    if (violated) {
      ++out_.violated;
      out_.holds = false;
      if (out_.violations.size() < max_listed_) {
        out_.violations.push_back(c);
      } else {
        out_.truncated = true;
      }
    }
    if (tighter) out_.tightest = std::move(c);
  }

  PropertyAudit<T> take() { return std::move(out_); }

 private:
  std::size_t max_listed_;
  PropertyAudit<T> out_;
};

template <class T>
class Auditor {
 public:
  Auditor(const Problem<T>& p, const Mechanism<T>& m, const AuditOptions& o, Progress& progress)
      : p_(p), m_(m), options_(o), progress_(progress) {
    const std::size_t n = p.agent_count();
    truthful_.assign(n, std::vector<T>(p.profile_count()));
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t t = 0; t < p.profile_count(); ++t) truthful_[i][t] = payoff(p, m, i, t, t);
    }
  }

  PropertyAudit<T> run(Property prop) {
    Recorder<T> r(prop, options_.max_listed);
    progress_.start(std::string("audit ") + property_id(prop),
                    static_cast<std::uint64_t>(audit_size(p_, prop)));
    switch (prop) {
      case Property::dsic: dsic(r); break;
      case Property::ex_post_ic: ex_post_ic(r); break;
      case Property::bayesian_ic: bayesian_ic(r); break;
      case Property::ir_ex_post: ir_ex_post(r); break;
      case Property::ir_interim: ir_interim(r); break;
      case Property::ir_ex_ante: ir_ex_ante(r); break;
      case Property::bb_ex_post: budget(r, false); break;
      case Property::feasibility: budget(r, true); break;
      case Property::bb_ex_ante: bb_ex_ante(r); break;
      case Property::efficiency: efficiency(r); break;
    }
    return r.take();
  }

  void summarise(Audit<T>& a) const {
    const std::size_t n = p_.agent_count();
    a.expected_payoff.assign(n, T(0));
    for (std::size_t t = 0; t < p_.profile_count(); ++t) {
      const T& pt = p_.p_profile[t];
      T best = T(0);
      std::size_t maximisers = 0;
      for (std::size_t c = 0; c < p_.alternative_count(); ++c) {
        const T w = welfare(t, c);
        if (c == 0 || sign_of(T(w - best)) > 0) {
          best = w;
          maximisers = 1;
        } else if (sign_of(T(w - best)) == 0) {
          ++maximisers;
        }
      }
      if (maximisers > 1) ++a.efficiency_ties;
      if (sign_of(pt) == 0) continue;
      a.efficient_welfare += pt * best;
      for (std::size_t i = 0; i < n; ++i) {
        a.expected_payoff[i] += pt * truthful_[i][t];
        a.expected_welfare += pt * outcome_value(p_, m_, i, t, t);
        a.expected_revenue -= pt * m_.transfers[i][t];
      }
    }
  }

 private:
  const std::string& agent(std::size_t i) const { return p_.env.agents[i]; }
  const std::string& type(std::size_t i, std::size_t k) const { return p_.env.types[i][k]; }

  // "(b2=L, b3=H)": the profile without agent i.
  std::string others(std::size_t t, std::size_t i) const {
    std::string s = "(";
    for (std::size_t j = 0; j < p_.agent_count(); ++j) {
      if (j == i) continue;
      if (s.size() > 1) s += ", ";
      s += agent(j) + "=" + type(j, p_.profiles.digit(t, j));
    }
    return s + ")";
  }

  T welfare(std::size_t t, std::size_t c) const {
    T w = T(0);
    for (std::size_t i = 0; i < p_.agent_count(); ++i) w += p_.value_hat(i, t, c);
    return w;
  }

  // DSIC: for every true profile t (only t_i matters with private values), every
  // reported profile r of the others and every lie, truth is at least as good.
  void dsic(Recorder<T>& r) {
    const std::size_t n = p_.agent_count();
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t truth = 0; truth < p_.profile_count(); ++truth) {
        const std::size_t ti = p_.profiles.digit(truth, i);
        // With private values v̂_i(c; t) depends on t_i only: one true profile per t_i.
        if (p_.private_values() && truth != p_.with_type(0, i, ti)) continue;
        for (std::size_t rep = 0; rep < p_.profile_count(); ++rep) {
          if (p_.profiles.digit(rep, i) != ti) continue;  // r = (r_{-i}, t_i)
          const T honest = payoff(p_, m_, i, rep, truth);
          for (std::size_t lie = 0; lie < p_.type_count(i); ++lie) {
            if (lie == ti) continue;
            const std::size_t dev = p_.with_type(rep, i, lie);
            const T gain = payoff(p_, m_, i, dev, truth) - honest;
            r.add(T(-gain), [&] {
              Constraint<T> c;
              c.name =
                  p_.private_values()
                      ? fmt::format("DSIC[agent={},true={},report={},others={}]", agent(i),
                                    type(i, ti), type(i, lie), others(rep, i))
                      : fmt::format(
                            "DSIC[agent={},true={},report={},others_true={},others_"
                            "report={}]",
                            agent(i), type(i, ti), type(i, lie), others(truth, i), others(rep, i));
              c.agent = i;
              c.true_type = ti;
              c.report = lie;
              c.profile = truth;
              c.others_report = rep;
              c.value = gain;
              return c;
            });
          }
          progress_.advance(p_.type_count(i) - 1);
        }
      }
    }
  }

  void ex_post_ic(Recorder<T>& r) {
    for (std::size_t i = 0; i < p_.agent_count(); ++i) {
      for (std::size_t t = 0; t < p_.profile_count(); ++t) {
        const std::size_t ti = p_.profiles.digit(t, i);
        for (std::size_t lie = 0; lie < p_.type_count(i); ++lie) {
          if (lie == ti) continue;
          const T gain = payoff(p_, m_, i, p_.with_type(t, i, lie), t) - truthful_[i][t];
          r.add(T(-gain), [&] {
            Constraint<T> c;
            c.name = fmt::format("EPIC[agent={},true={},report={},others={}]", agent(i),
                                 type(i, ti), type(i, lie), others(t, i));
            c.agent = i;
            c.true_type = ti;
            c.report = lie;
            c.profile = t;
            c.value = gain;
            return c;
          });
        }
        progress_.advance(p_.type_count(i) - 1);
      }
    }
  }

  void bayesian_ic(Recorder<T>& r) {
    const std::size_t n = p_.agent_count();
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t k = p_.type_count(i);
      // gain[ti * k + lie] = Σ_{t_{-i}} P(t_{-i} | t_i) [payoff(lie) − payoff(truth)].
      std::vector<T> gain(k * k, T(0));
      for (std::size_t t = 0; t < p_.profile_count(); ++t) {
        const T belief = p_.belief(i, t);
        if (sign_of(belief) == 0) continue;
        const std::size_t ti = p_.profiles.digit(t, i);
        for (std::size_t lie = 0; lie < k; ++lie) {
          if (lie == ti) continue;
          gain[ti * k + lie] +=
              belief * (payoff(p_, m_, i, p_.with_type(t, i, lie), t) - truthful_[i][t]);
        }
        progress_.advance(k - 1);
      }
      for (std::size_t ti = 0; ti < k; ++ti) {
        for (std::size_t lie = 0; lie < k; ++lie) {
          if (lie == ti) continue;
          const T& g = gain[ti * k + lie];
          r.add(T(-g), [&] {
            Constraint<T> c;
            c.name =
                fmt::format("BIC[agent={},true={},report={}]", agent(i), type(i, ti), type(i, lie));
            c.agent = i;
            c.true_type = ti;
            c.report = lie;
            c.value = g;
            return c;
          });
        }
      }
    }
  }

  void ir_ex_post(Recorder<T>& r) {
    for (std::size_t i = 0; i < p_.agent_count(); ++i) {
      for (std::size_t t = 0; t < p_.profile_count(); ++t) {
        const T& u = truthful_[i][t];
        r.add(u, [&] {
          Constraint<T> c;
          c.name = fmt::format("IR_ex_post[agent={},t={}]", agent(i), p_.profile_name(t));
          c.agent = i;
          c.true_type = p_.profiles.digit(t, i);
          c.profile = t;
          c.value = u;
          return c;
        });
        progress_.advance();
      }
    }
  }

  void ir_interim(Recorder<T>& r) {
    for (std::size_t i = 0; i < p_.agent_count(); ++i) {
      std::vector<T> u(p_.type_count(i), T(0));
      for (std::size_t t = 0; t < p_.profile_count(); ++t) {
        u[p_.profiles.digit(t, i)] += p_.belief(i, t) * truthful_[i][t];
        progress_.advance();
      }
      for (std::size_t ti = 0; ti < u.size(); ++ti) {
        r.add(u[ti], [&] {
          Constraint<T> c;
          c.name = fmt::format("IR_interim[agent={},type={}]", agent(i), type(i, ti));
          c.agent = i;
          c.true_type = ti;
          c.value = u[ti];
          return c;
        });
      }
    }
  }

  void ir_ex_ante(Recorder<T>& r) {
    for (std::size_t i = 0; i < p_.agent_count(); ++i) {
      T u = T(0);
      for (std::size_t t = 0; t < p_.profile_count(); ++t) {
        u += p_.p_profile[t] * truthful_[i][t];
        progress_.advance();
      }
      r.add(u, [&] {
        Constraint<T> c;
        c.name = fmt::format("IR_ex_ante[agent={}]", agent(i));
        c.agent = i;
        c.value = u;
        return c;
      });
    }
  }

  T imbalance(std::size_t t) const {
    T s = T(0);
    for (const auto& x : m_.transfers) s += x[t];
    return s;
  }

  // Ex post balance (Σ x = 0, slack -|Σ x|) or feasibility (Σ x <= 0, slack -Σ x).
  void budget(Recorder<T>& r, bool feasibility) {
    for (std::size_t t = 0; t < p_.profile_count(); ++t) {
      const T s = imbalance(t);
      T slack = -s;
      if (!feasibility && sign_of(s) < 0) slack = s;
      r.add(slack, [&] {
        Constraint<T> c;
        c.name = fmt::format("{}[t={}]", feasibility ? "FEAS" : "BB_ex_post", p_.profile_name(t));
        c.profile = t;
        c.value = s;
        return c;
      });
      progress_.advance();
    }
  }

  void bb_ex_ante(Recorder<T>& r) {
    T s = T(0);
    for (std::size_t t = 0; t < p_.profile_count(); ++t) s += p_.p_profile[t] * imbalance(t);
    progress_.advance(p_.profile_count());
    const T slack = sign_of(s) < 0 ? s : T(-s);
    r.add(slack, [&] {
      Constraint<T> c;
      c.name = "BB_ex_ante";
      c.value = s;
      return c;
    });
  }

  void efficiency(Recorder<T>& r) {
    const std::size_t alternatives = p_.alternative_count();
    for (std::size_t t = 0; t < p_.profile_count(); ++t) {
      T best = T(0);
      T chosen = T(0);
      for (std::size_t c = 0; c < alternatives; ++c) {
        const T w = welfare(t, c);
        if (c == 0 || w > best) best = w;
        const T& q = m_.q(t, c, alternatives);
        if (sign_of(q) != 0) chosen += q * w;
      }
      const T loss = best - chosen;
      r.add(T(-loss), [&] {
        Constraint<T> c;
        c.name = fmt::format("EFF[t={}]", p_.profile_name(t));
        c.profile = t;
        c.value = loss;
        return c;
      });
      progress_.advance();
    }
  }

  const Problem<T>& p_;
  const Mechanism<T>& m_;
  const AuditOptions& options_;
  Progress& progress_;
  std::vector<std::vector<T>> truthful_;  // payoff(i, t, t)
};

}  // namespace

const char* property_id(Property p) { return info(p).id; }
const char* property_title(Property p) { return info(p).title; }
const char* violation_word(Property p) { return info(p).violation; }

std::optional<Property> property_from_id(const std::string& id) {
  for (const auto& i : kInfo) {
    if (id == i.id) return i.property;
  }
  return std::nullopt;
}

template <class T>
double audit_size(const Problem<T>& p, Property prop) {
  double per_agent_lies = 0;
  double own_types = 0;
  for (std::size_t i = 0; i < p.agent_count(); ++i) {
    const auto k = static_cast<double>(p.type_count(i));
    per_agent_lies += k - 1;
    own_types += 1;
  }
  const auto profiles = static_cast<double>(p.profile_count());
  switch (prop) {
    case Property::dsic: {
      double total = 0;
      for (std::size_t i = 0; i < p.agent_count(); ++i) {
        const auto k = static_cast<double>(p.type_count(i));
        const double truths = p.private_values() ? k : profiles;
        total += truths * (profiles / k) * (k - 1);
      }
      return total;
    }
    case Property::ex_post_ic:
    case Property::bayesian_ic: return profiles * per_agent_lies;
    case Property::ir_ex_post:
    case Property::ir_interim:
    case Property::ir_ex_ante: return profiles * own_types;
    default: return profiles;
  }
}

template <class T>
Audit<T> audit(const Problem<T>& problem, const Mechanism<T>& mechanism,
               const AuditOptions& options, Progress& progress) {
  Auditor<T> auditor(problem, mechanism, options, progress);
  Audit<T> a;
  for (const Property p : options.properties) a.properties.push_back(auditor.run(p));
  auditor.summarise(a);
  return a;
}

template Audit<Rational> audit(const Problem<Rational>&, const Mechanism<Rational>&,
                               const AuditOptions&, Progress&);
template Audit<double> audit(const Problem<double>&, const Mechanism<double>&, const AuditOptions&,
                             Progress&);
template double audit_size(const Problem<Rational>&, Property);
template double audit_size(const Problem<double>&, Property);

}  // namespace mechlab::mechanism
