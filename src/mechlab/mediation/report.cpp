#include "mechlab/mediation/report.hpp"

#include <fmt/format.h>

#include <array>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "mechlab/core/error.hpp"
#include "mechlab/io/output.hpp"

namespace mechlab::mediation {

namespace {

using nlohmann::json;

template <class T>
json vector_json(const std::vector<T>& v) {
  json out = json::array();
  for (const T& x : v) out.push_back(io::number_json(x));
  return out;
}

template <class T>
json matrix_json(const Matrix<T>& m) {
  json out = json::array();
  for (const auto& row : m) out.push_back(vector_json(row));
  return out;
}

template <class T>
json named_json(const std::vector<lp::NamedValue<T>>& values) {
  json out = json::array();
  for (const auto& v : values)
    out.push_back({{"name", v.name}, {"value", io::number_json(v.value)}});
  return out;
}

// A K×K table: rows θ1 (or m), columns θ2 (or θ'), headed by the labels.
template <class T>
std::string matrix_text(const std::string& corner, const std::vector<std::string>& labels,
                        const Matrix<T>& m) {
  std::vector<std::string> header{corner};
  header.insert(header.end(), labels.begin(), labels.end());
  io::Table table(header);
  for (std::size_t a = 0; a < m.size(); ++a) {
    std::vector<std::string> row{labels[a]};
    for (const T& x : m[a]) row.push_back(io::short_number_text(x));
    table.add(std::move(row));
  }
  return table.render();
}

template <class T>
std::string list_text(const std::vector<T>& v) {
  std::string out;
  for (const T& x : v) out += (out.empty() ? "" : ", ") + io::short_number_text(x);
  return "(" + out + ")";
}

std::string join(const std::vector<std::string>& items, const char* sep = ", ") {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : sep) + s;
  return out;
}

// s_2(a, b) = s_1(b, a) everywhere: a symmetric mechanism.
template <class T>
bool mirrored(const std::array<Matrix<T>, 2>& s) {
  for (std::size_t a = 0; a < s[0].size(); ++a) {
    for (std::size_t b = 0; b < s[0].size(); ++b) {
      if (s[1][a][b] != s[0][b][a]) return false;
    }
  }
  return true;
}

template <class T>
json model_json(const MediationModel<T>& model) {
  return {{"name", model.name},
          {"types", model.labels},
          {"game", to_string(model.kind)},
          {"game_name", model.instance.game->name()},
          {"prior", vector_json(model.instance.prior)},
          {"veto", vector_json(model.instance.veto)}};
}

template <class T>
std::string model_text(const MediationModel<T>& model) {
  const auto& inst = model.instance;
  std::string out = fmt::format("mediation model{}: K = {} types ({}), game: {}\n",
                                model.name.empty() ? "" : " \"" + model.name + "\"",
                                model.labels.size(), join(model.labels), inst.game->name());
  out += fmt::format("prior p = {}, veto values V = {}\n", list_text(inst.prior),
                     list_text(inst.veto));
  return out;
}

std::string status_text(CheckStatus s) { return to_string(s); }

template <class T>
json assumptions_json(const AssumptionReport<T>& report) {
  json out = json::array();
  for (const auto& c : report.checks) {
    out.push_back({{"name", c.name},
                   {"status", status_text(c.status)},
                   {"evidence", c.evidence},
                   {"witness", vector_json(c.witness)}});
  }
  return out;
}

template <class T>
std::string assumptions_text(const AssumptionReport<T>& report) {
  io::Table table({"assumption", "status", "evidence"});
  for (const auto& c : report.checks) table.add({c.name, status_text(c.status), c.evidence});
  return "assumption report (spec §3.8; reported, never required):\n" + table.render();
}

json degeneracy_json(const Degeneracy& d) {
  return {{"basic_at_bound", d.basic_at_bound},
          {"nonbasic_zero_cost", d.nonbasic_zero_cost},
          {"duals_may_differ", d.duals_may_differ()},
          {"optimum_may_differ", d.optimum_may_differ()}};
}

std::string degeneracy_text(const Degeneracy& d) {
  std::string out;
  out += d.duals_may_differ()
             ? fmt::format(
                   "degeneracy: primal degenerate basis ({} basic at a bound): other "
                   "optimal duals, hence other multipliers, may exist\n",
                   join(d.basic_at_bound))
             : "degeneracy: the optimal basis is primal non-degenerate: these duals are the "
               "unique optimal ones\n";
  if (d.optimum_may_differ()) {
    out += fmt::format(
        "  dual degenerate ({} non-basic at zero cost): other optimal mechanisms "
        "exist\n",
        join(d.nonbasic_zero_cost));
  }
  return out;
}

template <class T>
json partition_json(const Partition<T>& p) {
  json anchors = json::array();
  for (const auto& player : p.anchor) {
    json row = json::array();
    for (const Anchor a : player) row.push_back(to_string(a));
    anchors.push_back(row);
  }
  return {{"anchors", anchors},
          {"rebuilt_z", {vector_json(p.rebuilt_z[0]), vector_json(p.rebuilt_z[1])}},
          {"reconstructs", p.reconstructs},
          {"nonadjacent_binding", p.nonadjacent_binding},
          {"some_pc_binds", {p.some_pc_binds[0], p.some_pc_binds[1]}},
          {"problems", p.problems}};
}

template <class T>
std::string partition_text(const MediationModel<T>& model, const Partition<T>& p) {
  io::Table table({"player", "type", "anchor", "z by (Z)"});
  for (std::size_t i = 0; i < 2; ++i) {
    for (std::size_t t = 0; t < p.anchor[i].size(); ++t) {
      table.add({fmt::format("{}", i + 1), model.labels[t], to_string(p.anchor[i][t]),
                 io::short_number_text(p.rebuilt_z[i][t])});
    }
  }
  std::string out = "binding-constraint partition (Corollary 1):\n" + table.render();
  out += fmt::format("z rebuilt from the anchors {} the solution's z\n",
                     p.reconstructs ? "equals" : "differs from");
  if (!p.nonadjacent_binding.empty()) {
    out += fmt::format("non-adjacent IC binding (Lemma 3 (i) fails): {}\n",
                       join(p.nonadjacent_binding));
  }
  if (!p.problems.empty()) out += fmt::format("problems: {}\n", join(p.problems));
  return out;
}

template <class T>
json lagrangian_json(const LagrangianReport<T>& l) {
  json columns = json::array();
  for (const auto& c : l.columns) {
    columns.push_back({{"shape", c.name},
                       {"L_hat", l.defined ? io::number_json(c.value) : json()},
                       {"delta_L_hat", io::number_json(c.scaled_value)},
                       {"reduced_cost", io::number_json(c.reduced_cost)},
                       {"reduced_cost_identity", io::number_json(c.reduced_cost_identity)}});
  }
  return {{"multipliers", named_json(l.multipliers.named())},
          {"delta", io::number_json(l.multipliers.delta)},
          {"eta", io::number_json(l.multipliers.eta_total)},
          {"defined", l.defined},
          {"undefined_reason", l.defined ? json() : json(l.undefined_reason)},
          {"delta_zero_in_every_dual", l.delta_zero_in_every_dual},
          {"C", l.defined ? io::number_json(l.constant) : json()},
          {"delta_C", io::number_json(l.scaled_constant)},
          {"L_hat_star", l.defined ? io::number_json(l.target) : json()},
          {"value_identity", io::number_json(l.value_identity)},
          {"columns", columns},
          {"duals_may_differ", l.duals_may_differ}};
}

template <class T>
std::string lagrangian_text(const LagrangianReport<T>& l) {
  io::Table mult({"multiplier", "value"});
  const auto named = l.multipliers.named();
  for (const auto& v : named) mult.add({v.name, io::short_number_text(v.value)});
  std::string out = named.empty()
                        ? std::string(
                              "multipliers (Lemma 2; duals of the reduced-form LP): all "
                              "zero (the zero dual is optimal)\n")
                        : "multipliers (Lemma 2; duals of the reduced-form LP, all >= 0, zeros "
                          "omitted):\n" +
                              mult.render();
  if (l.defined) {
    out += fmt::format("C = {}, L̂* = (1 + δ + η)/δ = {}, −C(1 + η)/(L̂* − 1) = {} (S.21)\n",
                       io::short_number_text(l.constant), io::short_number_text(l.target),
                       io::short_number_text(l.value_identity));
  } else {
    out += fmt::format("{}\nδC = {}, −δC = {}\n", l.undefined_reason,
                       io::short_number_text(l.scaled_constant),
                       io::short_number_text(l.value_identity));
  }
  if (l.columns.size() <= 16) {
    io::Table cols({"shape", l.defined ? "L̂(B)" : "δL̂(B)", "reduced cost", "R[(1+δ+η) − δL̂]"});
    for (const auto& c : l.columns) {
      cols.add({c.name, io::short_number_text(l.defined ? c.value : c.scaled_value),
                io::short_number_text(c.reduced_cost),
                io::short_number_text(c.reduced_cost_identity)});
    }
    out += cols.render();
  } else {
    out += fmt::format("L̂ of the {} columns: --json\n", l.columns.size());
  }
  return out;
}

template <class T>
json top_down_json(const TopDownResult<T>& td) {
  json order = json::array();
  for (const auto& g : td.order) {
    json profiles = json::array();
    for (const auto& [a, b] : g.profiles) profiles.push_back({a + 1, b + 1});
    order.push_back({{"profiles", profiles},
                     {"v", io::number_json(g.v)},
                     {"mass", io::number_json(g.mass)},
                     {"gamma", io::number_json(g.gamma)}});
  }
  return {{"monotone", td.monotone.holds},
          {"monotone_evidence", td.monotone.evidence},
          {"v", matrix_json(td.v)},
          {"order", order},
          {"target", io::number_json(td.target)},
          {"gamma", matrix_json(td.gamma)},
          {"probability", io::number_json(td.probability)},
          {"identity_gap", io::number_json(td.identity_gap)},
          {"feasible", td.feasible},
          {"pooling", td.pooling}};
}

template <class T>
json ex_post_json(const ExPostMultipliers<T>& m) {
  return {{"multipliers", named_json(m.named())},
          {"dual_value", io::number_json(m.dual_value)},
          {"duals_may_differ", m.duals_may_differ}};
}

template <class T>
std::string ex_post_text(const ExPostMultipliers<T>& m, bool single_shape) {
  io::Table table({"multiplier", "value"});
  for (const auto& v : m.named()) table.add({v.name, io::short_number_text(v.value)});
  return fmt::format(
             "multipliers of the ex-post LP{} (lambda: PC, nu: IC, phi: ex-post feasibility "
             "γ + s_1 + s_2 <= 1; the reduced form's δ, η, µ need the paper-mode LP, K <= 6):\n",
             single_shape ? " over the single shape" : "") +
         table.render() +
         fmt::format(
             "strong duality: Σ λ V − Σ φ = {}{}\n", io::number_text(m.dual_value),
             m.duals_may_differ ? " (degenerate basis: other optimal multipliers may exist)" : "");
}

template <class T>
std::string top_down_text(const MediationModel<T>& model, const TopDownResult<T>& td) {
  std::string out = fmt::format("top-down (Prop. 6): monotone lottery {} ({})\n",
                                td.monotone.holds ? "holds" : "fails", td.monotone.evidence);
  if (td.pooling) return out + "OST fails: pooling, nothing escalates (Prop. 1)\n";
  out += fmt::format("order: {}\n", describe_order(td));
  out += fmt::format("target 2V(1) − 1 = {}, Pr(escalation) = {}{}\n",
                     io::short_number_text(td.target), io::short_number_text(td.probability),
                     td.feasible ? "" : " (the v > 1 profiles cannot pay for the target)");
  out += "top-down γ:\n" + matrix_text("θ1\\θ2", model.labels, td.gamma);
  return out;
}

}  // namespace

template <class T>
SolveReport<T> solve_report(const MediationModel<T>& model, const SolveOptions& options) {
  const Instance<T>& inst = model.instance;
  SolveReport<T> r;
  const std::size_t k = inst.types();
  if (const Matrix<T>* u = inst.game->lottery()) {
    // Above K = 6 (no reduced form) the symmetric LP: half the rows, about 4x faster at K = 20.
    if (k > 6 && inst.symmetric) {
      r.method =
          "exact lottery LP (P_min) over symmetric mechanisms (γ = γᵀ, s_2 = s_1ᵀ), ex-post "
          "settlement shares";
      r.design = solve_symmetric_lottery(inst);
    } else {
      r.method = "exact lottery LP (P_min) over the K² unit shapes, ex-post settlement shares";
      r.design = solve_lottery(inst, DesignMode::ex_post);
    }
    if (r.design.mechanism) r.mechanism = symmetrise_lottery(inst, *r.design.mechanism);
    if (k <= 6) r.paper = solve_lottery(inst, DesignMode::paper_multipliers);
    if (check_monotone_lottery(*u, inst.prior).holds) r.top_down = top_down(inst);
  } else {
    if (options.no_signals || inst.signals == Signals::none) {
      r.method = "no public signals (Prop. 3): the best single shape of the candidate set";
      r.single_shape = best_single_shape(inst, options.column_generation);
      if (!r.single_shape->found || !r.single_shape->design) {
        throw InputError("/game", "a feasible single escalation shape in the candidate set",
                         "none");
      }
      r.design = *r.single_shape->design;
    } else {
      r.column_generation = generate_columns(inst, options.column_generation);
      r.method = r.column_generation->mode == DesignMode::paper_multipliers
                     ? "public signals: column generation priced by L̂ (reduced-form master)"
                     : "public signals: column generation priced by the ex-post master's row duals";
      if (r.column_generation->mirrored_pairs) r.method += ", mirrored pairs (g, g^T)";
      r.design = r.column_generation->master;
    }
    if (r.design.mechanism) r.mechanism = *r.design.mechanism;
    if (r.design.mode == DesignMode::paper_multipliers) r.paper = r.design;
  }
  if (r.design.solution.status != lp::SolveStatus::optimal) return r;
  if (r.paper && r.paper->solution.status == lp::SolveStatus::optimal) {
    r.lagrangian = lagrangian_report(inst, *r.paper);
  } else if (r.design.mode == DesignMode::ex_post && !r.design.solution.duals.empty()) {
    r.ex_post = ex_post_multipliers(inst, r.design);
  }
  r.partition = binding_partition(inst, r.mechanism);
  r.binding = binding_incentive_constraints(inst, r.mechanism);
  AssumptionOptions<T> ao;
  ao.design = &r.design;
  ao.mechanism = &r.mechanism;
  r.assumptions = check_assumptions(inst, ao);
  return r;
}

template <class T>
Rendered render_solve(const MediationModel<T>& model, const SolveReport<T>& r) {
  Rendered out;
  json& j = out.json;
  j["model"] = model_json(model);
  j["method"] = r.method;
  std::string& text = out.text;
  text = model_text(model) + fmt::format("method: {}\n", r.method);
  const auto& sol = r.design.solution;
  j["certified"] = sol.certified;
  if (sol.status != lp::SolveStatus::optimal) {
    j["status"] = "infeasible";
    text += fmt::format("no mechanism satisfies IC, PC and feasibility{}{}\n",
                        sol.certified ? " (certified infeasible)" : "",
                        sol.note.empty() ? "" : ": " + sol.note);
    return out;
  }
  j["status"] = "optimal";
  const auto& m = r.mechanism;
  j["probability"] = io::number_json(m.probability);
  j["gamma"] = matrix_json(m.gamma);
  j["z"] = {vector_json(m.z[0]), vector_json(m.z[1])};
  text += fmt::format("Pr(escalation) = {}{}\n", io::number_text(m.probability),
                      sol.certified ? " (certified)" : "");
  text += "escalation rule γ(θ1, θ2):\n" + matrix_text("θ1\\θ2", model.labels, m.gamma);
  text +=
      fmt::format("settlement values z_1 = {}, z_2 = {}\n", list_text(m.z[0]), list_text(m.z[1]));
  if (!m.settlement[0].empty()) {
    j["settlement_shares"] = {matrix_json(m.settlement[0]), matrix_json(m.settlement[1])};
    if (mirrored(m.settlement)) {
      text +=
          "settlement share of player 1, s_1(θ1, θ2) (player 2's is its mirror, s_2(θ1, θ2) = "
          "s_1(θ2, θ1)):\n" +
          matrix_text("θ1\\θ2", model.labels, m.settlement[0]);
    } else {
      for (std::size_t i = 0; i < 2; ++i) {
        text += fmt::format("settlement share of player {}, s_{}(θ1, θ2):\n", i + 1, i + 1) +
                matrix_text("θ1\\θ2", model.labels, m.settlement[i]);
      }
    }
  }
  if (!r.design.columns.empty() && !model.instance.game->lottery() && !r.single_shape) {
    json signals = json::array();
    io::Table table({"signal (shape)", "weight α", "R(g)"});
    for (std::size_t c = 0; c < r.design.columns.size(); ++c) {
      if (!(m.weights[c] > T(0))) continue;
      const auto& col = r.design.columns[c];
      signals.push_back({{"shape", col.shape.name},
                         {"weight", io::number_json(m.weights[c])},
                         {"g", matrix_json(col.shape.g)},
                         {"probability", io::number_json(col.induced.probability)}});
      table.add({col.shape.name, io::short_number_text(m.weights[c]),
                 io::short_number_text(col.induced.probability)});
    }
    j["signals"] = signals;
    text += fmt::format("public signals (columns with positive weight): {}\n", signals.size()) +
            table.render();
  }
  j["binding"] = r.binding;
  text += fmt::format("binding IC/PC: {}\n", r.binding.empty() ? "none" : join(r.binding));
  if (r.lagrangian) {
    j["lagrangian"] = lagrangian_json(*r.lagrangian);
    text += lagrangian_text(*r.lagrangian);
  } else {
    j["lagrangian"] = nullptr;
  }
  if (r.ex_post) {
    j["ex_post_multipliers"] = ex_post_json(*r.ex_post);
    text += ex_post_text(*r.ex_post, r.single_shape.has_value());
  }
  const Degeneracy& deg = r.paper ? r.paper->degeneracy : r.design.degeneracy;
  j["degeneracy"] = degeneracy_json(deg);
  text += degeneracy_text(deg);
  j["partition"] = partition_json(r.partition);
  text += partition_text(model, r.partition);
  if (r.top_down) {
    j["top_down"] = top_down_json(*r.top_down);
    j["top_down"]["agrees_with_lp"] = r.top_down->probability == m.probability;
    text += top_down_text(model, *r.top_down);
    text += fmt::format("top-down {} the LP\n",
                        r.top_down->probability == m.probability ? "agrees with" : "DIFFERS from");
  }
  if (r.column_generation) {
    const auto& cg = *r.column_generation;
    json rounds = json::array();
    io::Table table({"round", "Pr(escalation)", "L̂*", "max L̂", "min rc/R", "dual bound",
                     "candidates", "added"});
    // L̂ exists only with the paper-mode master's multipliers and δ > 0.
    for (const auto& pr : cg.rounds) {
      const bool defined = pr.lagrangian_defined;
      auto lagrangian_cell = [defined](const T& v) {
        return defined ? io::short_number_text(v) : std::string("n/a");
      };
      rounds.push_back({{"round", pr.round},
                        {"value", io::number_json(pr.value)},
                        {"L_hat_star", defined ? io::number_json(pr.target) : json()},
                        {"max_L_hat", defined ? io::number_json(pr.best_lagrangian) : json()},
                        {"min_price", io::number_json(pr.best_price)},
                        {"bound", io::number_json(pr.bound)},
                        {"best_shape", pr.best_shape},
                        {"candidates", pr.candidates},
                        {"outside_domain", pr.outside_domain},
                        {"added", pr.added}});
      table.add({fmt::format("{}", pr.round), io::short_number_text(pr.value),
                 lagrangian_cell(pr.target), lagrangian_cell(pr.best_lagrangian),
                 io::short_number_text(pr.best_price), io::short_number_text(pr.bound),
                 fmt::format("{}", pr.candidates), fmt::format("{}", pr.added)});
    }
    j["column_generation"] = {
        {"rounds", rounds},
        {"master", cg.mode == DesignMode::ex_post ? "ex_post" : "paper"},
        {"mirrored_pairs", cg.mirrored_pairs},
        {"lower_bound", cg.lower_bound ? io::number_json(*cg.lower_bound) : json()},
        {"lp_solves", cg.lp_solves},
        {"initial_columns", cg.initial_columns},
        {"initial_outside_domain", cg.initial_outside_domain},
        {"columns", cg.columns},
        {"converged", cg.converged},
        {"certificate", cg.certificate}};
    text += fmt::format("column generation: {} rounds, {} LP solves, columns {} -> {}, {}\n",
                        cg.rounds.size(), cg.lp_solves, cg.initial_columns, cg.columns,
                        cg.converged ? "converged" : "NOT converged");
    text += table.render() + cg.certificate + "\n";
    std::size_t rejected = cg.initial_outside_domain;
    for (const auto& pr : cg.rounds) rejected += pr.outside_domain;
    if (rejected > 0) {
      text += fmt::format(
          "{} shapes skipped: outside the game's domain (the game has no equilibrium at their "
          "beliefs), {} of them in the starting dictionary\n",
          rejected, cg.initial_outside_domain);
    }
    if (cg.lower_bound) {
      text += fmt::format(
          "dual bound (Farley, last master): Pr(escalation) >= {} over the dictionary and the "
          "candidates priced; gap {}\n",
          io::number_text(*cg.lower_bound),
          io::short_number_text(T(m.probability - *cg.lower_bound)));
    }
  }
  if (r.single_shape) {
    const auto& s = *r.single_shape;
    j["single_shape"] = {{"shape", s.shape.name},
                         {"g", matrix_json(s.shape.g)},
                         {"value", io::number_json(s.value)},
                         {"evaluated", s.evaluated},
                         {"feasible", s.feasible},
                         {"outside_domain", s.outside_domain},
                         {"lp_solves", s.lp_solves},
                         {"searched", s.searched}};
    text += fmt::format("single shape {}: {} shapes evaluated, {} feasible, {} LP solves ({})\n",
                        s.shape.name, s.evaluated, s.feasible, s.lp_solves, s.searched);
    if (s.outside_domain > 0) {
      text += fmt::format("{} shapes skipped: outside the game's domain\n", s.outside_domain);
    }
    text += "its shape g:\n" + matrix_text("θ1\\θ2", model.labels, s.shape.g);
  }
  j["assumptions"] = assumptions_json(r.assumptions);
  text += assumptions_text(r.assumptions);
  return out;
}

template <class T>
BeliefsReport<T> beliefs_report(const MediationModel<T>& model) {
  if (!model.rule) {
    throw InputError("/rule", "an escalation rule γ (K×K) in the model file", "none");
  }
  BeliefsReport<T> r;
  r.induced = beliefs_from_rule(*model.rule, model.instance.prior);
  r.consistency = check_consistency(r.induced.beliefs, model.instance.prior, true);
  r.worst = r.consistency.interior ? worst_rule(r.induced.beliefs, model.instance.prior)
                                   : r.consistency.rule;
  return r;
}

template <class T>
Rendered render_beliefs(const MediationModel<T>& model, const BeliefsReport<T>& r) {
  Rendered out;
  json& j = out.json;
  const auto& b = r.induced;
  j["model"] = model_json(model);
  j["rule"] = matrix_json(*model.rule);
  j["probability"] = io::number_json(b.probability);
  j["marginal"] = {vector_json(b.marginal[0]), vector_json(b.marginal[1])};
  j["beliefs"] = {matrix_json(b.beliefs.beta[0]), matrix_json(b.beliefs.beta[1])};
  j["on_path"] = {b.beliefs.on_path[0], b.beliefs.on_path[1]};
  j["rho"] = matrix_json(b.rho);
  j["rho_marginal"] = {vector_json(b.rho_marginal[0]), vector_json(b.rho_marginal[1])};
  const auto& c = r.consistency;
  j["consistency"] = {
      {"interior", c.interior},
      {"consistent", c.consistent},
      {"residual_11", c.residual_11 ? io::number_json(*c.residual_11) : json()},
      {"worst_11", c.worst_11},
      {"residual_bayes", c.residual_bayes ? io::number_json(*c.residual_bayes) : json()},
      {"farkas", named_json(c.farkas)}};
  j["worst_rule"] = matrix_json(r.worst);
  std::string& text = out.text;
  text = model_text(model);
  text += "escalation rule γ(θ1, θ2):\n" + matrix_text("θ1\\θ2", model.labels, *model.rule);
  text += fmt::format("Pr(escalation) = {} (A1)\n", io::number_text(b.probability));
  text +=
      fmt::format("γ_1(m) = {}, γ_2(m) = {}\n", list_text(b.marginal[0]), list_text(b.marginal[1]));
  for (std::size_t i = 0; i < 2; ++i) {
    text +=
        fmt::format("player {} beliefs β_{}(θ' | m) after escalation (rows m):\n", i + 1, i + 1);
    text += matrix_text("m\\θ'", model.labels, b.beliefs.beta[i]);
    for (std::size_t m = 0; m < b.beliefs.on_path[i].size(); ++m) {
      if (!b.beliefs.on_path[i][m]) {
        text += fmt::format("  report {} never escalates: its row is off path (prior shown)\n",
                            model.labels[m]);
      }
    }
  }
  text += "ρ(θ1, θ2), the type distribution in escalation:\n" +
          matrix_text("θ1\\θ2", model.labels, b.rho);
  text += fmt::format("consistency (A2): {}, {}\n", c.interior ? "interior" : "not interior",
                      c.consistent ? "consistent" : "NOT consistent");
  if (c.residual_11) {
    text += fmt::format("  (1,1)-consistency (S.23): max residual {}{}\n",
                        io::short_number_text(*c.residual_11),
                        c.worst_11.empty() ? "" : " at " + c.worst_11);
  }
  if (c.residual_bayes) {
    text += fmt::format("  Bayes consistency (S.22): max residual {}\n",
                        io::short_number_text(*c.residual_bayes));
  }
  if (!c.farkas.empty()) {
    io::Table table({"row", "Farkas multiplier"});
    for (const auto& v : c.farkas) table.add({v.name, io::short_number_text(v.value)});
    text += "  infeasibility certificate:\n" + table.render();
  }
  text +=
      "worst rule (A3, (S.29), max entry 1; every rule implementing B is a multiple of it "
      "when the support graph is connected):\n" +
      matrix_text("θ1\\θ2", model.labels, r.worst);
  return out;
}

template <class T>
Rendered render_topdown(const MediationModel<T>& model, const TopDownVerification<T>& v) {
  Rendered out;
  out.json["model"] = model_json(model);
  out.json["top_down"] = top_down_json(v.top_down);
  out.json["lp_probability"] =
      v.lp.mechanism ? io::number_json(v.lp.mechanism->probability) : nlohmann::json();
  out.json["difference"] = io::number_json(v.difference);
  out.json["agrees"] = v.agrees;
  out.json["implemented"] = v.implemented;
  out.text = model_text(model) + top_down_text(model, v.top_down);
  out.text += fmt::format("virtual values v(θ1, θ2):\n{}",
                          matrix_text("θ1\\θ2", model.labels, v.top_down.v));
  if (v.lp.mechanism) {
    out.text += fmt::format("exact lottery LP: Pr(escalation) = {}; top-down − LP = {}: {}\n",
                            io::number_text(v.lp.mechanism->probability),
                            io::short_number_text(v.difference), v.agrees ? "agrees" : "DIFFERS");
  }
  out.text += fmt::format("the top-down γ itself {} (one-column LP over its shape reaches α = 1)\n",
                          v.implemented ? "is an optimal mechanism" : "is NOT implemented");
  return out;
}

#define MECHLAB_MEDIATION_REPORT(T)                                                    \
  template SolveReport<T> solve_report(const MediationModel<T>&, const SolveOptions&); \
  template Rendered render_solve(const MediationModel<T>&, const SolveReport<T>&);     \
  template BeliefsReport<T> beliefs_report(const MediationModel<T>&);                  \
  template Rendered render_beliefs(const MediationModel<T>&, const BeliefsReport<T>&); \
  template Rendered render_topdown(const MediationModel<T>&, const TopDownVerification<T>&);

MECHLAB_MEDIATION_REPORT(Rational)
MECHLAB_MEDIATION_REPORT(double)
#undef MECHLAB_MEDIATION_REPORT

}  // namespace mechlab::mediation
