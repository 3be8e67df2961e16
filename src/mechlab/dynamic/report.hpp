// Renderers for the dynamic family: the efficient-policy summary, a path
// table, an audit report card in the style of 004's Table 1, and a comparison
// of mechanisms. JSON numbers follow io/output.hpp ({"exact": "p/q",
// "decimal": x}); text uses exact fractions (NumberTraits<T>::to_text).
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "mechlab/dynamic/audit.hpp"
#include "mechlab/dynamic/efficient.hpp"
#include "mechlab/dynamic/evaluate.hpp"
#include "mechlab/dynamic/model.hpp"

namespace mechlab::dynamic {

// (a) Periods, state counts, decisions and ties per period; W_0(θ_0) and the
// guarantees C^i by agent name.
template <class T>
nlohmann::json efficient_json(const Problem<T>& problem, const Efficient<T>& efficient);
template <class T>
std::string efficient_text(const Problem<T>& problem, const Efficient<T>& efficient);

// (b) Per period: true and reported profiles, decision, payoffs, transfers and
// the budget Σ_i y_t^i; then the realised utilities U^i.
template <class T>
nlohmann::json path_json(const Problem<T>& problem, const Path<T>& path);
template <class T>
std::string path_text(const Problem<T>& problem, const Path<T>& path);

// (c) One row per property (ex post and ex ante budget balance, Bayesian IC,
// periodic ex post IC, coalition-proofness, guarantee, ex ante IR), each with
// its verdict ("holds", "fails" or "not tested") and witness.
template <class T>
nlohmann::json audit_json(const Problem<T>& problem, const AuditReport<T>& report);
template <class T>
std::string audit_text(const Problem<T>& problem, const AuditReport<T>& report);

// (d) One column per mechanism: max |Σ_i y|, the largest BIC, periodic ex post
// IC and coalition gains, min_i (worst case − C^i) and Σ_i Var(Σ_t y_t^i).
template <class T>
struct NamedAudit {
  std::string mechanism;
  AuditReport<T> report;
};

template <class T>
nlohmann::json comparison_json(const std::vector<NamedAudit<T>>& audits);
template <class T>
std::string comparison_text(const std::vector<NamedAudit<T>>& audits);

}  // namespace mechlab::dynamic
