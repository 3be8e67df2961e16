// Automated mechanism design: building the LP, solving it, reading the answer.
#include "mechlab/mechanism/design.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "mechlab/core/error.hpp"
#include "mechlab/lp/exact_basis.hpp"

namespace mechlab::mechanism {

const char* name_of(IcConstraint c) {
  switch (c) {
    case IcConstraint::none: return "none";
    case IcConstraint::bic: return "bic";
    case IcConstraint::dsic: return "dsic";
  }
  return "?";
}

const char* name_of(IrConstraint c) {
  switch (c) {
    case IrConstraint::none: return "none";
    case IrConstraint::ex_post: return "ex_post";
    case IrConstraint::interim: return "interim";
    case IrConstraint::ex_ante: return "ex_ante";
  }
  return "?";
}

const char* name_of(BudgetConstraint c) {
  switch (c) {
    case BudgetConstraint::none: return "none";
    case BudgetConstraint::ex_post: return "ex_post";
    case BudgetConstraint::ex_ante: return "ex_ante";
    case BudgetConstraint::feasible: return "feasible";
  }
  return "?";
}

const char* name_of(DesignObjective o) {
  switch (o) {
    case DesignObjective::revenue: return "revenue";
    case DesignObjective::welfare: return "welfare";
    case DesignObjective::min_subsidy: return "min_subsidy";
    case DesignObjective::feasibility: return "feasibility";
    case DesignObjective::linear: return "linear";
  }
  return "?";
}

namespace {

// One row under construction: Σ terms + constant, merged by column at the end.
template <class T>
struct RowBuilder {
  std::vector<lp::Term<T>> terms;
  T constant = T(0);

  void add(std::size_t column, const T& coefficient) {
    if (coefficient != 0) terms.push_back({column, coefficient});
  }
  std::vector<lp::Term<T>> take() {
    std::sort(terms.begin(), terms.end(),
              [](const lp::Term<T>& a, const lp::Term<T>& b) { return a.column < b.column; });
    std::vector<lp::Term<T>> out;
    out.reserve(terms.size());
    for (auto& term : terms) {
      if (!out.empty() && out.back().column == term.column) {
        out.back().coefficient += term.coefficient;
      } else {
        out.push_back(std::move(term));
      }
    }
    std::erase_if(out, [](const lp::Term<T>& term) { return term.coefficient == 0; });
    terms.clear();
    return out;
  }
};

template <class T>
class Builder {
 public:
  Builder(const Problem<T>& problem, const DesignSpec<T>& spec, DesignLp<T>& out)
      : p_(problem), spec_(spec), out_(out), alts_(problem.alternative_count()) {}

  // weight · (agent i's payoff when `report` is announced and `truth` holds).
  void add_payoff(RowBuilder<T>& row, std::size_t i, std::size_t report, std::size_t truth,
                  const T& weight) const {
    if (weight == 0) return;
    for (std::size_t c = 0; c < alts_; ++c) {
      const T& v = p_.value_hat(i, truth, c);
      if (v == 0) continue;
      if (spec_.free_outcome) {
        row.add(out_.q_column[report * alts_ + c], weight * v);
      } else {
        const T& q = spec_.outcome[report * alts_ + c];
        if (q != 0) row.constant += weight * v * q;
      }
    }
    row.add(out_.x_column[i][report], weight);
  }

  // Adds `row >= 0` (or `== 0`, or `<= 0`).
  void add_row(std::string name, RowBuilder<T>& row, int relation) {
    const T rhs = -row.constant;
    auto terms = row.take();
    row.constant = T(0);
    std::optional<T> lower;
    std::optional<T> upper;
    if (relation >= 0) lower = rhs;
    if (relation <= 0) upper = rhs;
    out_.lp.add_row(std::move(name), std::move(terms), std::move(lower), std::move(upper));
  }

  // "(b2=L, b3=H)": the profile t without agent i.
  std::string others(std::size_t t, std::size_t i) const {
    std::string s = "(";
    bool first = true;
    for (std::size_t j = 0; j < p_.agent_count(); ++j) {
      if (j == i) continue;
      s += first ? "" : ", ";
      s += p_.env.agents[j] + "=" + p_.env.types[j][p_.profiles.digit(t, j)];
      first = false;
    }
    return s + ")";
  }

  const std::string& profile(std::size_t t) {
    if (profile_names_.empty()) {
      profile_names_.reserve(p_.profile_count());
      for (std::size_t s = 0; s < p_.profile_count(); ++s)
        profile_names_.push_back(p_.profile_name(s));
    }
    return profile_names_[t];
  }

 private:
  const Problem<T>& p_;
  const DesignSpec<T>& spec_;
  DesignLp<T>& out_;
  std::size_t alts_;
  std::vector<std::string> profile_names_;
};

}  // namespace

template <class T>
std::vector<Property> imposed_properties(const Problem<T>& problem, const DesignSpec<T>& spec) {
  std::vector<Property> out;
  if (spec.ic == IcConstraint::bic) out.push_back(Property::bayesian_ic);
  if (spec.ic == IcConstraint::dsic) {
    out.push_back(problem.private_values() ? Property::dsic : Property::ex_post_ic);
  }
  if (spec.ir == IrConstraint::ex_post) out.push_back(Property::ir_ex_post);
  if (spec.ir == IrConstraint::interim) out.push_back(Property::ir_interim);
  if (spec.ir == IrConstraint::ex_ante) out.push_back(Property::ir_ex_ante);
  if (spec.budget == BudgetConstraint::ex_post) out.push_back(Property::bb_ex_post);
  if (spec.budget == BudgetConstraint::ex_ante) out.push_back(Property::bb_ex_ante);
  if (spec.budget == BudgetConstraint::feasible) out.push_back(Property::feasibility);
  return out;
}

template <class T>
LinearObjective<T> objective_coefficients(const Problem<T>& p, const DesignSpec<T>& spec) {
  if (spec.objective == DesignObjective::linear) return spec.linear;
  const std::size_t n = p.agent_count();
  const std::size_t alts = p.alternative_count();
  const std::size_t profiles = p.profile_count();
  LinearObjective<T> lin;
  lin.sense =
      spec.objective == DesignObjective::revenue || spec.objective == DesignObjective::welfare
          ? lp::Sense::maximize
          : lp::Sense::minimize;
  if (spec.objective == DesignObjective::revenue) {
    lin.transfers.assign(n, std::vector<T>(profiles, T(0)));
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t t = 0; t < profiles; ++t) lin.transfers[i][t] = -p.p_profile[t];
    }
  } else if (spec.objective == DesignObjective::welfare) {
    lin.outcome.assign(profiles * alts, T(0));
    for (std::size_t t = 0; t < profiles; ++t) {
      for (std::size_t c = 0; c < alts; ++c) {
        for (std::size_t i = 0; i < n; ++i) {
          lin.outcome[t * alts + c] += p.p_profile[t] * p.value_hat(i, t, c);
        }
      }
    }
  }
  return lin;
}

template <class T>
DesignLp<T> build_design_lp(const Problem<T>& p, const DesignSpec<T>& spec, Progress& progress) {
  const std::size_t n = p.agent_count();
  const std::size_t alts = p.alternative_count();
  const std::size_t profiles = p.profile_count();
  const auto& env = p.env;
  DesignLp<T> d;
  auto& lp = d.lp;
  lp.name = "design";
  const bool linear = spec.objective != DesignObjective::min_subsidy;
  const LinearObjective<T> objective = objective_coefficients(p, spec);
  lp.sense = linear ? objective.sense : lp::Sense::minimize;
  Builder<T> b(p, spec, d);

  // Columns.
  if (spec.free_outcome) {
    d.q_column.resize(profiles * alts);
    for (std::size_t t = 0; t < profiles; ++t) {
      for (std::size_t c = 0; c < alts; ++c) {
        T obj = linear && !objective.outcome.empty() ? objective.outcome[t * alts + c] : T(0);
        d.q_column[t * alts + c] =
            lp.add_column(fmt::format("q[alt={},t={}]", env.alternatives[c], b.profile(t)), T(0),
                          std::nullopt, std::move(obj));
      }
    }
  } else if (linear && !objective.outcome.empty()) {
    for (std::size_t k = 0; k < profiles * alts; ++k)
      lp.objective_constant += objective.outcome[k] * spec.outcome[k];
  }
  d.x_column.assign(n, std::vector<std::size_t>(profiles));
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t t = 0; t < profiles; ++t) {
      T obj = linear && !objective.transfers.empty() ? objective.transfers[i][t] : T(0);
      d.x_column[i][t] = lp.add_column(fmt::format("x[agent={},t={}]", env.agents[i], b.profile(t)),
                                       spec.transfer_lower, spec.transfer_upper, std::move(obj));
    }
  }
  if (!linear) d.subsidy_column = lp.add_column("subsidy", std::nullopt, std::nullopt, T(1));
  progress.check();

  RowBuilder<T> row;
  // Lotteries.
  if (spec.free_outcome) {
    for (std::size_t t = 0; t < profiles; ++t) {
      for (std::size_t c = 0; c < alts; ++c) row.add(d.q_column[t * alts + c], T(1));
      row.constant = T(-1);
      b.add_row(fmt::format("Lottery[t={}]", b.profile(t)), row, 0);
    }
  }

  // Incentive compatibility.
  if (spec.ic == IcConstraint::bic) {
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t tau = 0; tau < p.type_count(i); ++tau) {
        for (std::size_t rho = 0; rho < p.type_count(i); ++rho) {
          if (rho == tau) continue;
          for (std::size_t t = 0; t < profiles; ++t) {
            if (p.profiles.digit(t, i) != tau) continue;
            const T w = p.belief(i, t);
            b.add_payoff(row, i, t, t, w);
            b.add_payoff(row, i, p.with_type(t, i, rho), t, -w);
          }
          b.add_row(fmt::format("BIC[agent={},true={},report={}]", env.agents[i], env.types[i][tau],
                                env.types[i][rho]),
                    row, 1);
        }
        progress.check();
      }
    }
  } else if (spec.ic == IcConstraint::dsic) {
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t t = 0; t < profiles; ++t) {
        const std::size_t tau = p.profiles.digit(t, i);
        const std::string rest = b.others(t, i);
        for (std::size_t rho = 0; rho < p.type_count(i); ++rho) {
          if (rho == tau) continue;
          b.add_payoff(row, i, t, t, T(1));
          b.add_payoff(row, i, p.with_type(t, i, rho), t, T(-1));
          b.add_row(fmt::format("DSIC[agent={},true={},report={},others={}]", env.agents[i],
                                env.types[i][tau], env.types[i][rho], rest),
                    row, 1);
        }
        progress.check();
      }
    }
  }

  // Individual rationality.
  for (std::size_t i = 0; i < n && spec.ir != IrConstraint::none; ++i) {
    if (spec.ir == IrConstraint::ex_post) {
      for (std::size_t t = 0; t < profiles; ++t) {
        b.add_payoff(row, i, t, t, T(1));
        b.add_row(fmt::format("IR_ex_post[agent={},t={}]", env.agents[i], b.profile(t)), row, 1);
      }
    } else if (spec.ir == IrConstraint::interim) {
      for (std::size_t tau = 0; tau < p.type_count(i); ++tau) {
        for (std::size_t t = 0; t < profiles; ++t) {
          if (p.profiles.digit(t, i) == tau) b.add_payoff(row, i, t, t, p.belief(i, t));
        }
        b.add_row(fmt::format("IR_interim[agent={},type={}]", env.agents[i], env.types[i][tau]),
                  row, 1);
      }
    } else {
      for (std::size_t t = 0; t < profiles; ++t) b.add_payoff(row, i, t, t, p.p_profile[t]);
      b.add_row(fmt::format("IR_ex_ante[agent={}]", env.agents[i]), row, 1);
    }
  }

  // Budget.
  if (spec.budget == BudgetConstraint::ex_post || spec.budget == BudgetConstraint::feasible) {
    const bool balanced = spec.budget == BudgetConstraint::ex_post;
    for (std::size_t t = 0; t < profiles; ++t) {
      for (std::size_t i = 0; i < n; ++i) row.add(d.x_column[i][t], T(1));
      b.add_row(fmt::format("{}[t={}]", balanced ? "BB_ex_post" : "Feasible", b.profile(t)), row,
                balanced ? 0 : -1);
    }
  } else if (spec.budget == BudgetConstraint::ex_ante) {
    for (std::size_t t = 0; t < profiles; ++t) {
      for (std::size_t i = 0; i < n; ++i) row.add(d.x_column[i][t], p.p_profile[t]);
    }
    b.add_row("BB_ex_ante", row, 0);
  }

  // The worst-case deficit: Σ_i x_i(t) - s <= 0.
  if (d.subsidy_column) {
    for (std::size_t t = 0; t < profiles; ++t) {
      for (std::size_t i = 0; i < n; ++i) row.add(d.x_column[i][t], T(1));
      row.add(*d.subsidy_column, T(-1));
      b.add_row(fmt::format("Subsidy[t={}]", b.profile(t)), row, -1);
    }
  }
  progress.check();
  return d;
}

template <class T>
DesignResult<T> solve_design(const Problem<T>& p, const DesignLp<T>& d, const DesignSpec<T>& spec,
                             Progress& progress) {
  DesignResult<T> r;
  r.lp = lp::solve(d.lp, progress);
  const auto& lp = d.lp;
  if (r.lp.status == lp::SolveStatus::optimal) {
    const std::size_t alts = p.alternative_count();
    const std::size_t profiles = p.profile_count();
    Mechanism<T> m;
    m.name = "designed";
    if (spec.free_outcome) {
      m.outcome.reserve(profiles * alts);
      for (const std::size_t col : d.q_column) m.outcome.push_back(r.lp.x[col]);
    } else {
      m.outcome = spec.outcome;
    }
    m.transfers.assign(p.agent_count(), std::vector<T>(profiles, T(0)));
    for (std::size_t i = 0; i < p.agent_count(); ++i) {
      for (std::size_t t = 0; t < profiles; ++t) {
        m.transfers[i][t] = r.lp.x[d.x_column[i][t]];
        r.revenue -= p.p_profile[t] * m.transfers[i][t];
      }
    }
    for (std::size_t t = 0; t < profiles; ++t) {
      if (p.p_profile[t] == 0) continue;
      for (std::size_t c = 0; c < alts; ++c) {
        const T& q = m.outcome[t * alts + c];
        if (q == 0) continue;
        for (std::size_t i = 0; i < p.agent_count(); ++i)
          r.welfare += p.p_profile[t] * q * p.value_hat(i, t, c);
      }
    }
    r.objective = r.lp.objective;
    if (d.subsidy_column) r.subsidy = r.lp.x[*d.subsidy_column];
    r.binding = lp::binding_rows(lp, r.lp);
    r.mechanism = std::move(m);
  } else if (r.lp.status == lp::SolveStatus::infeasible && !r.lp.farkas.empty()) {
    r.farkas_bound = r.lp.farkas_bound;
    r.farkas = lp::farkas_rows(lp, r.lp);
  }
  return r;
}

template <class T>
DesignResult<T> design(const Problem<T>& problem, const DesignSpec<T>& spec, Progress& progress) {
  const auto start = std::chrono::steady_clock::now();
  const DesignLp<T> d = build_design_lp(problem, spec, progress);
  const double built =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  DesignResult<T> r = solve_design(problem, d, spec, progress);
  r.build_seconds = built;
  return r;
}

template std::vector<Property> imposed_properties(const Problem<Rational>&,
                                                  const DesignSpec<Rational>&);
template std::vector<Property> imposed_properties(const Problem<double>&,
                                                  const DesignSpec<double>&);
template LinearObjective<Rational> objective_coefficients(const Problem<Rational>&,
                                                          const DesignSpec<Rational>&);
template LinearObjective<double> objective_coefficients(const Problem<double>&,
                                                        const DesignSpec<double>&);
template DesignLp<Rational> build_design_lp(const Problem<Rational>&, const DesignSpec<Rational>&,
                                            Progress&);
template DesignLp<double> build_design_lp(const Problem<double>&, const DesignSpec<double>&,
                                          Progress&);
template DesignResult<Rational> solve_design(const Problem<Rational>&, const DesignLp<Rational>&,
                                             const DesignSpec<Rational>&, Progress&);
template DesignResult<double> solve_design(const Problem<double>&, const DesignLp<double>&,
                                           const DesignSpec<double>&, Progress&);
template DesignResult<Rational> design(const Problem<Rational>&, const DesignSpec<Rational>&,
                                       Progress&);
template DesignResult<double> design(const Problem<double>&, const DesignSpec<double>&, Progress&);

}  // namespace mechlab::mechanism
