#include "mechlab/alliance/report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "mechlab/alliance/continuation.hpp"
#include "mechlab/alliance/posterior.hpp"
#include "mechlab/alliance/theorem2.hpp"
#include "mechlab/io/output.hpp"

namespace mechlab::alliance {

namespace {

using nlohmann::json;

// Up to this many players the policy table has one column per player; beyond,
// it shows the pivotal players (JSON lists everyone).
constexpr std::size_t kPlayerColumns = 10;

// Exact text while the fraction is short, else ten digits marked "≈" (JSON
// keeps every number exact).
template <class T>
std::string num(const T& x) {
  if (!NumberTraits<T>::exact) return fmt::format("{:.10g}", NumberTraits<T>::to_double(x));
  std::string exact = NumberTraits<T>::to_text(x);
  if (exact.size() <= 16) return exact;
  return fmt::format("≈{:.10g}", NumberTraits<T>::to_double(x));
}

template <class T>
std::string player(const AllianceModel<T>& model, std::size_t i) {
  return i < model.players.size() ? model.players[i] : fmt::format("#{}", i + 1);
}

const char* verdict(bool holds) { return holds ? "holds" : "fails"; }

const char* binding_name(Binding b) {
  switch (b) {
    case Binding::free: return "free";
    case Binding::lower: return "lower";
    case Binding::upper: return "upper";
  }
  return "?";
}

template <class T>
std::string action_text(const Continuation<T>& c, std::size_t i) {
  const std::string x = num(c.action[i]);
  switch (c.binding[i]) {
    case Binding::free: return x;
    case Binding::lower: return x + " (lo)";
    case Binding::upper: return x + " (hi)";
  }
  return x;
}

template <class T>
json by_player(const AllianceModel<T>& model, const std::vector<T>& values) {
  json out = json::object();
  for (std::size_t i = 0; i < values.size(); ++i)
    out[player(model, i)] = io::number_json(values[i]);
  return out;
}

template <class T>
json names(const AllianceModel<T>& model, const std::vector<std::size_t>& players) {
  json out = json::array();
  for (const std::size_t i : players) out.push_back(player(model, i));
  return out;
}

template <class T>
std::string names_text(const AllianceModel<T>& model, const std::vector<std::size_t>& players) {
  if (players.empty()) return "none";
  std::string out;
  for (const std::size_t i : players)
    out += fmt::format("{}{}", out.empty() ? "" : ", ", player(model, i));
  return out;
}

// "2–6, 8": a sorted list of sizes as runs.
std::string runs(const std::vector<std::size_t>& sizes) {
  if (sizes.empty()) return "none";
  std::string out;
  for (std::size_t a = 0; a < sizes.size();) {
    std::size_t b = a;
    while (b + 1 < sizes.size() && sizes[b + 1] == sizes[b] + 1) ++b;
    out += fmt::format("{}{}", out.empty() ? "" : ", ", sizes[a]);
    if (b > a) out += fmt::format("–{}", sizes[b]);
    a = b + 1;
  }
  return out;
}

// The disagreement between the paper's verdict and the exact one, in words
// (empty when they agree or the boxes are not the paper's).
template <class T>
std::string erratum(const FullRevelation<T>& r, std::size_t n, const T& eta) {
  if (!r.disagree) return {};
  const T interdependence = T(n - 1) * eta;
  if (r.exact.fully_revealing) {
    return fmt::format(
        "paper erratum: Theorem 2's condition fails but full revelation is an equilibrium (A5), "
        "so its \"only if\" fails here ((n−1)η = {} {} 3; spec §0.2 item 1, docs/errata.md 000 "
        "#1)",
        num(interdependence), interdependence > T(3) ? ">" : "<=");
  }
  return "finding: Theorem 2's condition holds but A5 finds a profitable deviation, a failure of "
         "its sufficiency that the spec does not know: report it";
}

template <class T>
json theorem2_json(const AllianceModel<T>& model, const Theorem2Test<T>& t) {
  return {{"label", "paper condition"},
          {"paper_bounds", t.paper_bounds},
          {"threshold", io::number_json(t.threshold)},
          {"lowest", player(model, t.lowest)},
          {"highest", player(model, t.highest)},
          {"slack_low", io::number_json(t.slack_low)},
          {"slack_high", io::number_json(t.slack_high)},
          {"pivotal_low_action", io::number_json(t.pivotal_low_action)},
          {"pivotal_high_action", io::number_json(t.pivotal_high_action)},
          {"holds", t.holds},
          {"eq5",
           {{"lhs", io::number_json(t.eq5_lhs)},
            {"rhs", io::number_json(t.eq5_rhs)},
            {"holds", t.eq5_holds}}},
          {"capped_at_zero", names(model, t.capped_at_zero)},
          {"capped_at_one", names(model, t.capped_at_one)},
          {"necessity_doubtful", t.necessity_doubtful}};
}

template <class T>
json truth_json(const AllianceModel<T>& model, const TruthTelling<T>& e) {
  json gains = json::array();
  for (std::size_t i = 0; i < e.gain.size(); ++i) {
    gains.push_back({{"player", player(model, i)},
                     {"signal_0", io::number_json(e.gain[i][0])},
                     {"signal_1", io::number_json(e.gain[i][1])}});
  }
  json witness = json::array();
  for (std::size_t j = 0; j < e.witness_deviation.size(); ++j) {
    witness.push_back({{"j", j},
                       {"deviation", io::number_json(e.witness_deviation[j])},
                       {"truthful", io::number_json(e.witness_truthful[j])}});
  }
  return {{"label", "exact (A5)"},
          {"fully_revealing", e.fully_revealing},
          {"gains", std::move(gains)},
          {"certificate",
           {{"kind", e.fully_revealing ? "tightest constraint" : "profitable deviation"},
            {"player", player(model, e.worst_player)},
            {"signal", e.worst_signal},
            {"gain", io::number_json(e.worst_gain)},
            {"witness", std::move(witness)}}}};
}

template <class T>
std::string truth_verdict_text(const AllianceModel<T>& model, const TruthTelling<T>& e) {
  return fmt::format("{} ({} G = {} for {} with signal {})",
                     e.fully_revealing ? "full revelation holds" : "full revelation fails",
                     e.fully_revealing ? "tightest constraint:" : "profitable deviation:",
                     num(e.worst_gain), player(model, e.worst_player), e.worst_signal);
}

template <class T>
std::string theorem2_text(const AllianceModel<T>& model, const Theorem2Test<T>& t) {
  std::string out =
      fmt::format("Theorem 2 (paper condition): |c_i| <= 2/(n+2) = {}{}\n", num(t.threshold),
                  t.paper_bounds ? ""
                                 : " — the policy sets are not the paper's [0,1], so "
                                   "this is for information only");
  out += fmt::format("  pivotal low  {}: x̄_1(1) = 2/(n+2) + c_1 = {} (needs >= 0), slack {}\n",
                     player(model, t.lowest), num(t.pivotal_low_action), num(t.slack_low));
  out += fmt::format(
      "  pivotal high {}: x̄_n(n−1) = n/(n+2) + c_n = {} (needs <= 1), slack 2/(n+2) − c_n = {}\n",
      player(model, t.highest), num(t.pivotal_high_action), num(t.slack_high));
  out += fmt::format("  verdict: {}\n", verdict(t.holds));
  out += fmt::format("  eq. (5), necessary only: b_d·D/(1−η) = {} against 4/(n+2) = {}: {}\n",
                     num(t.eq5_lhs), num(t.eq5_rhs), verdict(t.eq5_holds));
  out += fmt::format(
      "  footnote 17 (no incentive problem): capped at 0 at k = 0: {}; capped at 1 at k = n: {}\n",
      names_text(model, t.capped_at_zero), names_text(model, t.capped_at_one));
  if (t.necessity_doubtful) {
    out += "  (n−1)η > 3: a failed test here may still be full revelation (spec §3.6)\n";
  }
  return out;
}

template <class T>
std::string truth_text(const AllianceModel<T>& model, const TruthTelling<T>& e) {
  std::string out = fmt::format("A5 (exact): {}\n", truth_verdict_text(model, e));
  io::Table gains({"player", "G_i(0)", "G_i(1)"});
  for (std::size_t i = 0; i < e.gain.size(); ++i) {
    gains.add({player(model, i), num(e.gain[i][0]), num(e.gain[i][1])});
  }
  out += gains.render();
  out += fmt::format(
      "certificate ({}): {} with signal {} sends {}; by the others' count j, its optimal action "
      "after the opposite message beside its truthful action:\n",
      e.fully_revealing ? "the tightest constraint" : "a profitable deviation",
      player(model, e.worst_player), e.worst_signal, 1 - e.worst_signal);
  io::Table witness({"j", "deviation", "truthful"});
  for (std::size_t j = 0; j < e.witness_deviation.size(); ++j) {
    witness.add({fmt::format("{}", j), num(e.witness_deviation[j]), num(e.witness_truthful[j])});
  }
  out += witness.render();
  return out;
}

}  // namespace

// ---- solve -----------------------------------------------------------------

template <class T>
SolveReport<T> solve_report(const AllianceModel<T>& model) {
  return {model, derive(model.alliance), check_full_revelation(model.alliance)};
}

template <class T>
nlohmann::json solve_json(const SolveReport<T>& r) {
  const auto& m = r.model;
  const auto& d = r.derived;
  const auto& a = m.alliance;
  json players = json::array();
  std::vector<std::size_t> rank(d.n);
  for (std::size_t p = 0; p < d.order.size(); ++p) rank[d.order[p]] = p + 1;
  for (std::size_t i = 0; i < d.n; ++i) {
    players.push_back({{"name", player(m, i)},
                       {"paper_index", rank[i]},
                       {"bias", io::number_json(a.biases[i])},
                       {"misalignment", io::number_json(d.misalignment[i])},
                       {"effective_bias", io::number_json(d.effective_bias[i])},
                       {"type", d.one_type[i] ? "1-type" : "0-type"},
                       {"lo", io::number_json(a.bounds[i].lo)},
                       {"hi", io::number_json(a.bounds[i].hi)}});
  }
  json warnings = json::array();
  for (const Warning w : d.warnings) warnings.push_back(describe(w));
  json sorted = json::array();
  for (std::size_t p = 0; p < d.order.size(); ++p) {
    sorted.push_back(
        {{"player", player(m, d.order[p])}, {"bias", io::number_json(d.sorted_biases[p])}});
  }
  json policies = json::array();
  const auto& cont = r.revelation.exact.continuation;
  for (std::size_t k = 0; k < cont.size(); ++k) {
    json binding = json::object();
    for (std::size_t i = 0; i < d.n; ++i) binding[player(m, i)] = binding_name(cont[k].binding[i]);
    policies.push_back({{"k", k},
                        {"mean", io::number_json(posterior_mean<T>(k, d.n))},
                        {"actions", by_player(m, cont[k].action)},
                        {"binding", std::move(binding)},
                        {"total", io::number_json(cont[k].total)}});
  }
  const std::string err = erratum(r.revelation, d.n, a.eta);
  return {{"name", m.name},
          {"model",
           {{"n", d.n},
            {"eta", io::number_json(a.eta)},
            {"normaliser", io::number_json(d.normaliser)},
            {"beta", io::number_json(d.beta)},
            {"alpha", io::number_json(d.alpha)},
            {"mean_bias", io::number_json(d.mean_bias)},
            {"bias_spread", io::number_json(d.bias_spread)},
            {"paper_bounds", has_paper_bounds(a)},
            {"players", std::move(players)},
            {"sorted", std::move(sorted)},
            {"warnings", std::move(warnings)}}},
          {"policies", std::move(policies)},
          {"theorem2", theorem2_json(m, r.revelation.paper)},
          {"exact", truth_json(m, r.revelation.exact)},
          {"disagree", r.revelation.disagree},
          {"erratum", err.empty() ? json(nullptr) : json(err)}};
}

template <class T>
std::string solve_text(const SolveReport<T>& r) {
  const auto& m = r.model;
  const auto& d = r.derived;
  const auto& a = m.alliance;
  std::string out = fmt::format(
      "alliance{}: n = {}, η = {}, D = 1+(n−1)η = {}, β = nη/(1−η) = {}, Avg b = {}, b_d = {}\n",
      m.name.empty() ? "" : fmt::format(" \"{}\"", m.name), d.n, num(a.eta), num(d.normaliser),
      num(d.beta), num(d.mean_bias), num(d.bias_spread));
  for (const Warning w : d.warnings) out += fmt::format("warning: {}\n", describe(w));
  std::vector<std::size_t> rank(d.n);
  for (std::size_t p = 0; p < d.order.size(); ++p) rank[d.order[p]] = p + 1;
  io::Table model({"player", "paper #", "b_i", "b̃_i", "c_i", "type", "policy set"});
  for (std::size_t i = 0; i < d.n; ++i) {
    model.add({player(m, i), fmt::format("{}", rank[i]), num(a.biases[i]), num(d.misalignment[i]),
               num(d.effective_bias[i]), d.one_type[i] ? "1-type" : "0-type",
               fmt::format("[{}, {}]", num(a.bounds[i].lo), num(a.bounds[i].hi))});
  }
  out += model.render();
  const auto& cont = r.revelation.exact.continuation;
  std::vector<std::size_t> shown;
  if (d.n <= kPlayerColumns) {
    for (std::size_t i = 0; i < d.n; ++i) shown.push_back(i);
  } else {
    shown = {d.order.front(), d.order.back()};
  }
  out += fmt::format(
      "\nfull-revelation policies x*(k) (A3), E_k = (k+1)/(n+2); (lo)/(hi): the bound binds{}\n",
      d.n <= kPlayerColumns ? "" : "; the pivotal players only (--json lists everyone)");
  std::vector<std::string> header = {"k", "E_k"};
  for (const std::size_t i : shown) header.push_back(player(m, i));
  header.emplace_back("Σx");
  io::Table policies(header);
  for (std::size_t k = 0; k < cont.size(); ++k) {
    std::vector<std::string> row = {fmt::format("{}", k), num(posterior_mean<T>(k, d.n))};
    for (const std::size_t i : shown) row.push_back(action_text(cont[k], i));
    row.push_back(num(cont[k].total));
    policies.add(std::move(row));
  }
  out += policies.render();
  out += fmt::format("\n{}", theorem2_text(m, r.revelation.paper));
  out += fmt::format("\n{}", truth_text(m, r.revelation.exact));
  const std::string err = erratum(r.revelation, d.n, a.eta);
  if (!err.empty()) out += fmt::format("\nDISAGREEMENT — {}\n", err);
  return out;
}

template <class T>
Theorem1Policies<T> theorem1_policies(const Alliance<T>& alliance,
                                      const std::vector<bool>& truthful) {
  const auto t = static_cast<std::size_t>(std::count(truthful.begin(), truthful.end(), true));
  Theorem1Policies<T> out;
  for (std::size_t k = 0; k <= t; ++k) out.push_back(unconstrained_policy(alliance, truthful, k));
  return out;
}

template <class T>
Rendered render_truthful_set(const AllianceModel<T>& model, const Theorem1Policies<T>& theorem1) {
  const std::size_t n = model.alliance.player_count();
  std::vector<bool> truthful(n, false);
  if (!theorem1.empty()) truthful = theorem1.front().truthful;
  std::vector<std::size_t> members;
  for (std::size_t i = 0; i < n; ++i) {
    if (truthful[i]) members.push_back(i);
  }
  const char* note =
      "Theorem 1: the unconstrained continuation (policy bounds ignored) when only T reveals; "
      "babbling players act on their own signal";
  Rendered r;
  json policies = json::array();
  std::vector<std::string> header = {"k", "E"};
  for (std::size_t i = 0; i < n; ++i) {
    header.push_back(truthful[i] ? player(model, i) : player(model, i) + " (s=0 / s=1)");
  }
  io::Table table(header);
  for (const auto& p : theorem1) {
    json actions = json::object();
    std::vector<std::string> row = {fmt::format("{}", p.ones), num(p.mean)};
    for (std::size_t i = 0; i < n; ++i) {
      if (truthful[i]) {
        actions[player(model, i)] = io::number_json(p.action[i][0]);
        row.push_back(num(p.action[i][0]));
      } else {
        actions[player(model, i)] = {{"signal_0", io::number_json(p.action[i][0])},
                                     {"signal_1", io::number_json(p.action[i][1])}};
        row.push_back(fmt::format("{} / {}", num(p.action[i][0]), num(p.action[i][1])));
      }
    }
    policies.push_back({{"k", p.ones},
                        {"mean", io::number_json(p.mean)},
                        {"h", io::number_json(p.h)},
                        {"actions", std::move(actions)}});
    table.add(std::move(row));
  }
  r.json = {{"truthful", names(model, members)},
            {"t", members.size()},
            {"note", note},
            {"theorem1", std::move(policies)}};
  r.text = fmt::format(
      "truthful set T = {{{}}} (t = {}): {}; k ones among the t messages, E = (k+1)/(t+2), h = "
      "{}\n",
      names_text(model, members), members.size(), note,
      theorem1.empty() ? std::string("-") : num(theorem1.front().h));
  r.text += table.render();
  return r;
}

// ---- design ----------------------------------------------------------------

template <class T>
DesignReport<T> design_report(const AllianceModel<T>& model) {
  const Derived<T> d = derive(model.alliance);
  DesignReport<T> r{model,
                    d.bias_spread,
                    d.mean_bias,
                    std::nullopt,
                    {},
                    std::nullopt,
                    false,
                    admissible_entry(model.alliance),
                    check_full_revelation(model.alliance)};
  if (sign_of(d.bias_spread) > 0) {
    const T& eta = model.alliance.eta;
    r.max_size = max_alliance_size(eta, d.bias_spread);
    r.feasible_sizes = feasible_sizes(eta, d.sorted_biases.front(), d.sorted_biases.back());
    r.max_interdependence = max_interdependence(d.n, d.bias_spread);
  }
  r.lemma1_blocks = lemma1_blocks_entry(model.alliance);
  return r;
}

template <class T>
nlohmann::json design_json(const DesignReport<T>& r) {
  const auto& m = r.model;
  const std::size_t n = m.alliance.player_count();
  const std::string err = erratum(r.revelation, n, m.alliance.eta);
  return {{"name", m.name},
          {"n", n},
          {"eta", io::number_json(m.alliance.eta)},
          {"spread", io::number_json(r.spread)},
          {"mean_bias", io::number_json(r.mean_bias)},
          {"max_size", r.max_size ? json(*r.max_size) : json(nullptr)},
          {"feasible_sizes", r.feasible_sizes},
          {"max_interdependence",
           r.max_interdependence ? io::number_json(*r.max_interdependence) : json(nullptr)},
          {"entry",
           {{"lemma1_blocks", r.lemma1_blocks},
            {"empty", r.entry.empty()},
            {"lo", io::number_json(r.entry.lo)},
            {"hi", io::number_json(r.entry.hi)}}},
          {"eq5", r.revelation.paper.eq5_holds},
          {"theorem2", theorem2_json(m, r.revelation.paper)},
          {"exact", truth_json(m, r.revelation.exact)},
          {"disagree", r.revelation.disagree},
          {"erratum", err.empty() ? json(nullptr) : json(err)}};
}

template <class T>
std::string design_text(const DesignReport<T>& r) {
  const auto& m = r.model;
  const auto& a = m.alliance;
  const std::size_t n = a.player_count();
  const auto& paper = r.revelation.paper;
  std::string out = fmt::format("alliance{}: n = {}, η = {}, b_d = {}, Avg b = {}\n",
                                m.name.empty() ? "" : fmt::format(" \"{}\"", m.name), n, num(a.eta),
                                num(r.spread), num(r.mean_bias));
  if (r.max_size) {
    out += fmt::format(
        "Prop. 1 (eq. (5), b_d only): n̄ = {}: the largest alliance with this spread at this η{}\n",
        *r.max_size,
        *r.max_size < n ? fmt::format(" (below the {} members here)", n) : std::string());
    out +=
        fmt::format("L2 (Theorem 2 with these extremes, middle biases free): feasible sizes {}\n",
                    runs(r.feasible_sizes));
    out += fmt::format(
        "Lemma 2: η̄(n = {}) = {}\n", n,
        r.max_interdependence
            ? fmt::format("{} (the largest η with eq. (5))", num(*r.max_interdependence))
            : std::string("none (ρ = 4/((n+2)b_d) <= 1: no η in (0,1) satisfies eq. (5))"));
  } else {
    out += "all biases are equal (b_d = 0): Prop. 1, L2 and Lemma 2 put no bound on the size\n";
  }
  out += fmt::format("entry of member n+1 = {} (Theorem 2's condition in the enlarged alliance):\n",
                     n + 1);
  out += fmt::format("  Lemma 1 (paper, sufficient for impossibility): {}\n",
                     r.lemma1_blocks ? "blocks every entrant" : "does not apply");
  out += r.entry.empty()
             ? fmt::format("  exact admissible biases: none (the bounds cross: {} > {})\n",
                           num(r.entry.lo), num(r.entry.hi))
             : fmt::format("  exact admissible biases: b′ ∈ [{}, {}]\n", num(r.entry.lo),
                           num(r.entry.hi));
  out += "full revelation of this alliance:\n";
  out += fmt::format("  eq. (5) (paper, necessary only): {}\n", verdict(paper.eq5_holds));
  out += fmt::format("  Theorem 2 (paper condition): {} (slack_low {}, slack_high {})\n",
                     verdict(paper.holds), num(paper.slack_low), num(paper.slack_high));
  out += fmt::format("  A5 (exact): {}\n", truth_verdict_text(m, r.revelation.exact));
  const std::string err = erratum(r.revelation, n, a.eta);
  if (!err.empty()) out += fmt::format("DISAGREEMENT — {}\n", err);
  return out;
}

// ---- invest ----------------------------------------------------------------

template <class T>
InvestReport<T> invest_report(const AllianceModel<T>& model, const T& cost, std::size_t points,
                              Progress& progress) {
  const Alliance<T>& a = model.alliance;
  InvestReport<T> r{model,
                    cost,
                    marginal_benefits(a.player_count(), a.eta),
                    commitment_equilibrium(a, cost),
                    std::nullopt,
                    std::nullopt,
                    {}};
  if (!r.commitment.exists || r.commitment.infeasible) return r;
  Alliance<T> committed = a;
  for (std::size_t i = 0; i < a.player_count(); ++i) {
    committed.bounds[i] = {T(0), r.commitment.capacity[i]};
  }
  r.exact_welfare = exact_welfare(committed, cost);
  r.committed = verify_truth_telling(committed);
  progress.start("capacity deviations", a.player_count());
  for (std::size_t i = 0; i < a.player_count(); ++i) {
    r.deviations.push_back(
        capacity_deviation(committed, cost, i, T(T(2) * r.commitment.capacity[i]), points));
    progress.advance();
  }
  return r;
}

template <class T>
nlohmann::json invest_json(const InvestReport<T>& r) {
  const auto& m = r.model;
  const auto& c = r.commitment;
  const std::size_t n = m.alliance.player_count();
  json mb = json::array();
  for (const T& x : r.marginal_benefits) mb.push_back(io::number_json(x));
  json out = {{"name", m.name},
              {"n", n},
              {"eta", io::number_json(m.alliance.eta)},
              {"cost", io::number_json(r.cost)},
              {"marginal_benefits", std::move(mb)},
              {"mb0", io::number_json(r.marginal_benefits.front())},
              {"exists", c.exists}};
  if (!c.exists) return out;
  const Derived<T> d = derive(m.alliance);
  json players = json::array();
  for (std::size_t i = 0; i < n; ++i) {
    json p = {{"name", player(m, i)},
              {"bias", io::number_json(m.alliance.biases[i])},
              {"effective_bias", io::number_json(d.effective_bias[i])},
              {"capacity", io::number_json(c.capacity[i])},
              {"welfare_prop3", io::number_json(c.welfare[i])}};
    if (sign_of(c.total_capacity) != 0) {
      p["share"] = io::number_json(T(c.capacity[i] / c.total_capacity));
    }
    if (r.exact_welfare) p["welfare_exact"] = io::number_json((*r.exact_welfare)[i]);
    if (i < r.deviations.size()) {
      const auto& dev = r.deviations[i];
      p["deviation"] = {{"equilibrium_payoff", io::number_json(dev.equilibrium_payoff)},
                        {"best_capacity", io::number_json(dev.best_capacity)},
                        {"best_payoff", io::number_json(dev.best_payoff)},
                        {"gain", io::number_json(dev.gain)},
                        {"best_truthful", dev.best_truthful},
                        {"evaluated", dev.evaluated}};
    }
    players.push_back(std::move(p));
  }
  out["cutoff"] = c.cutoff;
  out["residual"] = io::number_json(c.residual);
  out["tolerance"] = io::number_json(c.tolerance);
  out["total_capacity"] = io::number_json(c.total_capacity);
  out["players"] = std::move(players);
  out["flags"] = {{"infeasible", c.infeasible},
                  {"welfare_overstated", c.welfare_overstated},
                  {"above_baseline", c.above_baseline}};
  if (r.committed) out["committed"] = truth_json(m, *r.committed);
  return out;
}

template <class T>
std::string invest_text(const InvestReport<T>& r) {
  const auto& m = r.model;
  const auto& c = r.commitment;
  const std::size_t n = m.alliance.player_count();
  std::string out = fmt::format("alliance{}: n = {}, η = {}, unit cost of capacity c = {}\n",
                                m.name.empty() ? "" : fmt::format(" \"{}\"", m.name), n,
                                num(m.alliance.eta), num(r.cost));
  out += "marginal benefits MB_q = (n−q)(n−q+1)/((n+1)(n+2)D), MB_0 = n/((n+2)D) (erratum 4):\n";
  io::Table mb({"q", "MB_q"});
  for (std::size_t q = 0; q < r.marginal_benefits.size(); ++q) {
    mb.add({fmt::format("{}", q), num(r.marginal_benefits[q])});
  }
  out += mb.render();
  if (!c.exists) {
    out += fmt::format(
        "c = {} > MB_0 = {}: no commitment equilibrium of Prop. 2's form exists (spec §6 item 7); "
        "the paper characterises nothing else\n",
        num(r.cost), num(r.marginal_benefits.front()));
    return out;
  }
  const Derived<T> d = derive(m.alliance);
  out += fmt::format(
      "Prop. 2: cutoff q̄ = max{{q <= n−1 : MB_q >= c}} = {}, residual y = {}, ỹ = {} (A.4)\n",
      c.cutoff, num(c.residual), num(c.tolerance));
  out +=
      "capacities R̄_i = (q̄+1)/(n+2) + y + c_i (eq. (9) corrected, erratum 3); welfare W_i by "
      "Prop. 3 and exactly on [0, R̄_i]:\n";
  io::Table players({"player", "b_i", "c_i", "R̄_i", "share", "W_i Prop. 3", "W_i exact"});
  for (std::size_t i = 0; i < n; ++i) {
    players.add(
        {player(m, i), num(m.alliance.biases[i]), num(d.effective_bias[i]), num(c.capacity[i]),
         sign_of(c.total_capacity) != 0 ? num(T(c.capacity[i] / c.total_capacity))
                                        : std::string("-"),
         num(c.welfare[i]), r.exact_welfare ? num((*r.exact_welfare)[i]) : std::string("-")});
  }
  out += players.render();
  out += fmt::format("Σ R̄_i = {}\n", num(c.total_capacity));
  if (c.infeasible) {
    out +=
        "infeasible: some R̄_i < 0 (a strong dove at high η); the paper assumes this away, and "
        "nothing characterises the game with R̄_i >= 0 (spec §6 item 7)\n";
  }
  if (c.welfare_overstated) {
    out += "Prop. 3 overstates W_i: some x̄_i(0) < 0 (erratum 15); the exact column is right\n";
  }
  if (c.above_baseline) {
    out += "some R̄_i > 1: outside the baseline policy space [0,1] (allowed by Section 5)\n";
  }
  if (r.committed) {
    out += fmt::format("A5 on the boxes [0, R̄_i]: {}\n", truth_verdict_text(m, *r.committed));
  }
  if (!r.deviations.empty()) {
    out +=
        "capacity deviations r ∈ [0, 2R̄_i] (others at R̄; payoffs exact, truthful continuation "
        "assumed; a grid with refinement, not a proof between grid points):\n";
    io::Table dev(
        {"player", "payoff at R̄_i", "best r", "best payoff", "gain", "A5 at best r", "evaluated"});
    for (const auto& x : r.deviations) {
      dev.add({player(m, x.player), num(x.equilibrium_payoff), num(x.best_capacity),
               num(x.best_payoff), num(x.gain), x.best_truthful ? "truthful" : "not truthful",
               fmt::format("{}", x.evaluated)});
    }
    out += dev.render();
    const bool any = std::any_of(r.deviations.begin(), r.deviations.end(),
                                 [](const auto& x) { return sign_of(x.gain) > 0; });
    out += any ? "some player gains by deviating: Prop. 2's profile is not an equilibrium here\n"
               : "no profitable capacity deviation found\n";
  }
  return out;
}

#define MECHLAB_ALLIANCE_REPORT(T)                                                              \
  template SolveReport<T> solve_report(const AllianceModel<T>&);                                \
  template nlohmann::json solve_json(const SolveReport<T>&);                                    \
  template std::string solve_text(const SolveReport<T>&);                                       \
  template Theorem1Policies<T> theorem1_policies(const Alliance<T>&, const std::vector<bool>&); \
  template Rendered render_truthful_set(const AllianceModel<T>&, const Theorem1Policies<T>&);   \
  template DesignReport<T> design_report(const AllianceModel<T>&);                              \
  template nlohmann::json design_json(const DesignReport<T>&);                                  \
  template std::string design_text(const DesignReport<T>&);                                     \
  template InvestReport<T> invest_report(const AllianceModel<T>&, const T&, std::size_t,        \
                                         Progress&);                                            \
  template nlohmann::json invest_json(const InvestReport<T>&);                                  \
  template std::string invest_text(const InvestReport<T>&);
MECHLAB_ALLIANCE_REPORT(Rational)
MECHLAB_ALLIANCE_REPORT(double)
#undef MECHLAB_ALLIANCE_REPORT

}  // namespace mechlab::alliance
