// Exact audits of a direct mechanism: incentive compatibility (dominant
// strategy, ex post, Bayesian), individual rationality (ex post, interim,
// ex ante), budget balance (ex post, ex ante), feasibility and efficiency.
//
// Every property is a family of named constraints, each with a slack that is
// >= 0 where the constraint holds. The audit keeps the tightest constraint
// (minimum slack: where a holding property is closest to failing) and every
// violated one, so "holds" comes with its margin and "fails" with witnesses:
// agent, true type, report, the others' profile, the gain or shortfall.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "mechlab/core/progress.hpp"
#include "mechlab/mechanism/model.hpp"

namespace mechlab::mechanism {

enum class Property {
  dsic,         // truth dominant: for every true t, others' reports r_{-i}, lie t_i'
  ex_post_ic,   // others truthful, t known: for every t and lie t_i'
  bayesian_ic,  // interim: expectation over P(t_{-i} | t_i), others truthful (003 Def. 1)
  ir_ex_post,   // payoff(t) >= 0 at every t (outside option 0)
  ir_interim,   // E[payoff | t_i] >= 0
  ir_ex_ante,   // E[payoff] >= 0
  bb_ex_post,   // Σ_i x_i(t) = 0 at every t
  bb_ex_ante,   // E Σ_i x_i = 0
  feasibility,  // Σ_i x_i(t) <= 0 at every t (no subsidy ex post)
  efficiency,   // q(·|t) puts mass only on maximisers of Σ_j v̂_j(c; t)
};

inline constexpr Property kAllProperties[] = {
    Property::dsic,        Property::ex_post_ic, Property::bayesian_ic, Property::ir_ex_post,
    Property::ir_interim,  Property::ir_ex_ante, Property::bb_ex_post,  Property::bb_ex_ante,
    Property::feasibility, Property::efficiency};

// "dsic", "ex_post_ic", ... (the names the CLI's --property accepts).
const char* property_id(Property p);
// "dominant-strategy IC", ...
const char* property_title(Property p);
std::optional<Property> property_from_id(const std::string& id);
// What a negative slack means for the property: "gain", "shortfall", "imbalance", ...
const char* violation_word(Property p);

// One checked constraint. Unused witness fields stay empty.
template <class T>
struct Constraint {
  std::string name;  // e.g. "BIC[agent=b1,true=H,report=L]"
  std::optional<std::size_t> agent;
  std::optional<std::size_t> true_type;      // agent's true type
  std::optional<std::size_t> report;         // agent's report
  std::optional<std::size_t> profile;        // true type profile (ex post, DSIC, IR, BB)
  std::optional<std::size_t> others_report;  // reported profile whose i-th entry is ignored (DSIC)
  T slack = T(0);  // >= 0 holds; -slack is the gain, shortfall, deficit or loss
  T value = T(0);  // the property's own quantity: imbalance Σ x_i for BB/feasibility,
                   // payoff for IR, gain for IC, welfare loss for efficiency
};

template <class T>
struct PropertyAudit {
  Property property = Property::dsic;
  bool holds = true;
  std::size_t checked = 0;                // constraints checked
  std::size_t violated = 0;               // constraints violated
  std::optional<Constraint<T>> tightest;  // minimum slack and where it is attained
  std::vector<Constraint<T>> violations;  // the first `max_listed` violated constraints
  bool truncated = false;                 // more violations than were listed
  // The largest violation (= -tightest->slack when the property fails).
  T largest_violation() const { return holds || !tightest ? T(0) : T(-tightest->slack); }
};

struct AuditOptions {
  std::vector<Property> properties{std::begin(kAllProperties), std::end(kAllProperties)};
  std::size_t max_listed = 100'000;  // violations kept per property (all are counted)
};

template <class T>
struct Audit {
  std::vector<PropertyAudit<T>> properties;
  // Summary under truthful reporting.
  T expected_welfare = T(0);   // E Σ_i v̂_i(q(t); t)
  T expected_revenue = T(0);   // -E Σ_i x_i(t)
  T efficient_welfare = T(0);  // E max_c Σ_i v̂_i(c; t)
  // Profiles where max_c Σ_i v̂_i(c; t) has several maximisers: there the
  // tie-break order of the alternatives decides the efficient outcome (003 §3.3).
  std::size_t efficiency_ties = 0;
  std::vector<T> expected_payoff;  // by agent
};

template <class T>
Audit<T> audit(const Problem<T>& problem, const Mechanism<T>& mechanism,
               const AuditOptions& options = {}, Progress& progress = Progress::none());

// Work units (constraints) an audit of `p` checks, for limits and progress.
template <class T>
double audit_size(const Problem<T>& problem, Property p);

extern template Audit<Rational> audit(const Problem<Rational>&, const Mechanism<Rational>&,
                                      const AuditOptions&, Progress&);
extern template Audit<double> audit(const Problem<double>&, const Mechanism<double>&,
                                    const AuditOptions&, Progress&);
extern template double audit_size(const Problem<Rational>&, Property);
extern template double audit_size(const Problem<double>&, Property);

}  // namespace mechlab::mechanism
