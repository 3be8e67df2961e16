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

template <class T>
std::string num(const T& x) {
  return io::short_number_text(x);
}

// For the ends of a bisection to 10^-12: enough digits to tell them apart.
template <class T>
std::string fine(const T& x) {
  if constexpr (!NumberTraits<T>::exact) {
    return fmt::format("{:.14g}", x);
  } else {
    return io::short_number_text(x, 14);
  }
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

// A partial-revelation action with its binding bound marked.
template <class T>
std::string marked(const T& x, Binding b) {
  switch (b) {
    case Binding::free: return num(x);
    case Binding::lower: return num(x) + " (lo)";
    case Binding::upper: return num(x) + " (hi)";
  }
  return num(x);
}

template <class T>
json constrained_json(const AllianceModel<T>& model, const TruthfulSetCheck<T>& check) {
  json out = json::array();
  for (const auto& c : check.continuation) {
    json actions = json::object();
    json binding = json::object();
    for (std::size_t i = 0; i < c.action.size(); ++i) {
      if (c.truthful[i]) {
        actions[player(model, i)] = io::number_json(c.action[i][0]);
        binding[player(model, i)] = binding_name(c.binding[i][0]);
      } else {
        actions[player(model, i)] = {{"signal_0", io::number_json(c.action[i][0])},
                                     {"signal_1", io::number_json(c.action[i][1])}};
        binding[player(model, i)] = {{"signal_0", binding_name(c.binding[i][0])},
                                     {"signal_1", binding_name(c.binding[i][1])}};
      }
    }
    out.push_back({{"k", c.ones},
                   {"mean", io::number_json(c.mean)},
                   {"babbler_means",
                    {io::number_json(c.babbler_means[0]), io::number_json(c.babbler_means[1])}},
                   {"actions", std::move(actions)},
                   {"binding", std::move(binding)},
                   {"any_binding", c.any_binding()}});
  }
  return out;
}

template <class T>
std::string constrained_text(const AllianceModel<T>& model, const TruthfulSetCheck<T>& check) {
  const std::size_t n = model.alliance.player_count();
  std::string out =
      "with the policy bounds: the continuation equilibrium for T (partial_continuation); a "
      "babbler j acts on its own signal, x_j(0) / x_j(1), with belief e_s = (k+s+1)/(t+3); "
      "(lo)/(hi): the bound binds\n";
  std::vector<std::string> header = {"k", "E"};
  for (std::size_t i = 0; i < n; ++i) {
    header.push_back(check.truthful[i] ? player(model, i) : player(model, i) + " (s=0 / s=1)");
  }
  io::Table table(header);
  bool any = false;
  for (const auto& c : check.continuation) {
    any = any || c.any_binding();
    std::vector<std::string> row = {fmt::format("{}", c.ones), num(c.mean)};
    for (std::size_t i = 0; i < n; ++i) {
      row.push_back(check.truthful[i]
                        ? marked(c.action[i][0], c.binding[i][0])
                        : fmt::format("{} / {}", marked(c.action[i][0], c.binding[i][0]),
                                      marked(c.action[i][1], c.binding[i][1])));
    }
    table.add(std::move(row));
  }
  out += table.render();
  out += any ? "some bound binds: the continuation differs from Theorem 1's\n"
             : "no bound binds: the continuation is Theorem 1's\n";
  return out;
}

template <class T>
json truthful_set_verdict_json(const AllianceModel<T>& model, const TruthfulSetCheck<T>& check) {
  json gains = json::array();
  for (std::size_t i = 0; i < check.gain.size(); ++i) {
    if (!check.truthful[i]) continue;
    gains.push_back({{"player", player(model, i)},
                     {"signal_0", io::number_json(check.gain[i][0])},
                     {"signal_1", io::number_json(check.gain[i][1])}});
  }
  json out = {{"label", "exact (verify_truthful_set)"},
              {"equilibrium", check.equilibrium},
              {"gains", std::move(gains)},
              {"certificate", nullptr}};
  if (check.truthful_count == 0) return out;
  const auto& breakdown = check.breakdown[check.worst_player][check.worst_signal];
  json rows = json::array();
  for (std::size_t j = 0; j < check.witness_deviation.size(); ++j) {
    rows.push_back({{"j", j},
                    {"weighted_loss_difference",
                     j < breakdown.size() ? io::number_json(breakdown[j]) : json(nullptr)},
                    {"deviation", io::number_json(check.witness_deviation[j])},
                    {"truthful", io::number_json(check.witness_truthful[j])}});
  }
  out["certificate"] = {
      {"kind", check.equilibrium ? "tightest constraint" : "profitable deviation"},
      {"player", player(model, check.worst_player)},
      {"signal", check.worst_signal},
      {"gain", io::number_json(check.worst_gain)},
      {"by_count", std::move(rows)}};
  return out;
}

template <class T>
std::string truthful_set_verdict_text(const AllianceModel<T>& model,
                                      const TruthfulSetCheck<T>& check) {
  if (check.truthful_count == 0) {
    return "verdict (exact): T = ∅ is an equilibrium (no message is believed)\n";
  }
  std::string out = fmt::format(
      "verdict (exact, verify_truthful_set): T {} ({} G = {} for {} with signal {})\n",
      check.equilibrium ? "is an equilibrium" : "is not an equilibrium",
      check.equilibrium ? "tightest constraint:" : "profitable deviation:", num(check.worst_gain),
      player(model, check.worst_player), check.worst_signal);
  io::Table gains({"player", "G_i(0)", "G_i(1)"});
  for (std::size_t i = 0; i < check.gain.size(); ++i) {
    if (check.truthful[i])
      gains.add({player(model, i), num(check.gain[i][0]), num(check.gain[i][1])});
  }
  out += gains.render();
  out += fmt::format(
      "certificate ({}): {} with signal {} sends {}; by the count j of ones among the other "
      "truthful messages, P(j)(L_T − L_D) and its action after the opposite message beside its "
      "truthful action:\n",
      check.equilibrium ? "the tightest constraint" : "a profitable deviation",
      player(model, check.worst_player), check.worst_signal, 1 - check.worst_signal);
  const auto& breakdown = check.breakdown[check.worst_player][check.worst_signal];
  io::Table witness({"j", "P(j)(L_T − L_D)", "deviation", "truthful"});
  for (std::size_t j = 0; j < check.witness_deviation.size(); ++j) {
    witness.add({fmt::format("{}", j), j < breakdown.size() ? num(breakdown[j]) : std::string("-"),
                 num(check.witness_deviation[j]), num(check.witness_truthful[j])});
  }
  out += witness.render();
  return out;
}

template <class T>
json interval_json(const Interval<T>& i) {
  return {{"lo", io::number_json(i.lo)}, {"hi", io::number_json(i.hi)}};
}

template <class T>
std::string intervals_text(const std::vector<Interval<T>>& set) {
  if (set.empty()) return "none";
  std::string out;
  for (const auto& i : set) {
    out += fmt::format("{}[{}, {}]", out.empty() ? "" : " ∪ ", fine(i.lo), fine(i.hi));
  }
  return out;
}

template <class T>
json max_eta_json(const std::optional<MaxInterdependence<T>>& m) {
  if (!m) return nullptr;
  return {{"exists", m->exists},
          {"every", m->every},
          {"eta", m->exists && !m->every ? io::number_json(m->eta) : json(nullptr)},
          {"beta_bound", m->every ? json(nullptr) : io::number_json(m->beta_bound)}};
}

template <class T>
std::string max_eta_text(const MaxInterdependence<T>& m) {
  if (m.every) return "every η in (0, 1) (no constraint involves η)";
  if (!m.exists) return fmt::format("none (β = nη/(1−η) <= K = {} <= 0)", num(m.beta_bound));
  return fmt::format("{} (closed form: β = nη/(1−η) <= K = {})", num(m.eta), num(m.beta_bound));
}

template <class T>
json scan_json(const InterdependenceScan<T>& s) {
  return {{"exists", s.exists},
          {"certified", s.exists ? io::number_json(s.certified) : json(nullptr)},
          {"failing", s.exists ? io::number_json(s.failing) : json(nullptr)},
          {"to_one", s.to_one},
          {"monotone_on_grid", s.monotone_on_grid},
          {"steps", s.steps},
          {"resolution", io::number_json(s.resolution)}};
}

template <class T>
std::string scan_text(const InterdependenceScan<T>& s) {
  if (!s.exists) return fmt::format("none: A5 fails at every grid η = j/{}", s.steps);
  if (s.to_one) {
    return fmt::format("A5 holds up to the last grid η = {} (and possibly up to 1)",
                       fine(s.certified));
  }
  return fmt::format(
      "A5 holds at η = {} and fails at {} (exact bisection to {} after a grid of {} steps{})",
      fine(s.certified), fine(s.failing), num(s.resolution), s.steps,
      s.monotone_on_grid ? "; A5 holds at every grid η below" : "; not monotone on the grid");
}

template <class T>
json entry_json(const EntrySet<T>& e) {
  json admissible = json::array();
  for (const auto& i : e.admissible) admissible.push_back(interval_json(i));
  return {{"admissible", std::move(admissible)},
          {"range", interval_json(e.range)},
          {"steps", e.steps},
          {"resolution", io::number_json(e.resolution)},
          {"range_limited", e.range_limited}};
}

// investment_check's result for player i: (i) the best capacity under
// truthful continuation, (ii) the best among the capacities A5 certifies.
template <class T>
json deviation_json(const InvestmentCheck<T>& check, std::size_t i) {
  const auto& b = check.players[i];
  json certified = json::array();
  for (const auto& x : b.truthful_set) certified.push_back(interval_json(x));
  json truthful_only = {{"certified_capacities", std::move(certified)},
                        {"found", b.truthful_found}};
  if (b.truthful_found) {
    truthful_only["best_capacity"] = io::number_json(b.truthful_capacity);
    truthful_only["best_payoff"] = io::number_json(b.truthful_payoff);
    truthful_only["gain"] = io::number_json(b.truthful_gain);
    truthful_only["payoff_bound"] = io::number_json(b.truthful_bound);
    truthful_only["exact"] = b.truthful_exact;
  }
  return {
      {"searched", {{"lo", io::number_json(b.lower)}, {"hi", io::number_json(b.upper)}}},
      {"equilibrium_capacity", io::number_json(b.equilibrium_capacity)},
      {"equilibrium_payoff", io::number_json(b.equilibrium_payoff)},
      {"truthful_continuation",
       {{"best_capacity", io::number_json(b.best_capacity)},
        {"best_payoff", io::number_json(b.best_payoff)},
        {"gain", io::number_json(b.gain)},
        {"a5_certifies", b.best_truthful},
        {"region", i < check.region.size() ? json(std::string(1, region_letter(check.region[i])))
                                           : json(nullptr)}}},
      {"certified_capacities_only", std::move(truthful_only)},
      {"kinks", b.kinks.size()},
      {"pieces", b.pieces.size()},
      {"a5_evaluations", b.evaluations}};
}

template <class T>
std::string investment_text(const AllianceModel<T>& m, const InvestmentCheck<T>& check) {
  std::string out =
      "capacity deviations (investment_check: others at R̄, each player's exact best capacity "
      "r >= 0; W_p is piecewise quadratic between the kinks, the certificate):\n"
      "(i) truthful continuation assumed; A.4: the interval of spec §3.8 step 6 the best r lies "
      "in\n";
  io::Table first(
      {"player", "W at R̄_i", "best r", "W at best r", "gain", "A5 at best r", "A.4", "kinks"});
  for (std::size_t i = 0; i < check.players.size(); ++i) {
    const auto& b = check.players[i];
    first.add({player(m, b.player), num(b.equilibrium_payoff), num(b.best_capacity),
               num(b.best_payoff), num(b.gain), b.best_truthful ? "certifies" : "fails",
               i < check.region.size() ? std::string(1, region_letter(check.region[i]))
                                       : std::string("-"),
               fmt::format("{}", b.kinks.size())});
  }
  out += first.render();
  out +=
      "(ii) only the capacities A5 certifies (full revelation continues), within the searched "
      "window:\n";
  io::Table second(
      {"player", "searched", "certified r", "best certified r", "W there", "gain", "sup W"});
  for (const auto& b : check.players) {
    const std::string window = fmt::format("[{}, {}]", num(b.lower), num(b.upper));
    if (!b.truthful_found) {
      second.add({player(m, b.player), window, intervals_text(b.truthful_set), "-", "-", "-", "-"});
      continue;
    }
    const std::string attained = NumberTraits<T>::exact ? "exact" : "attained (double)";
    second.add({player(m, b.player), window, intervals_text(b.truthful_set),
                num(b.truthful_capacity), num(b.truthful_payoff), num(b.truthful_gain),
                b.truthful_exact ? attained
                                 : fmt::format("bracket [{}, {}]", num(b.truthful_payoff),
                                               num(b.truthful_bound))});
  }
  out += second.render();
  out += fmt::format(
      "equilibrium (i) (no capacity pays under truthful continuation): {}\n"
      "equilibrium (ii) (no certified capacity pays): {}\n",
      !check.equilibrium       ? "no, some player gains"
      : NumberTraits<T>::exact ? "yes, every gain is exactly 0"
                               : "yes, every gain is 0 (within the double tolerance)",
      check.truthful_equilibrium ? "yes" : "no, some player gains");
  return out;
}

}  // namespace

// ---- solve -----------------------------------------------------------------

template <class T>
SolveReport<T> solve_report(const AllianceModel<T>& model, Progress& progress) {
  return {model, derive(model.alliance), check_full_revelation(model.alliance, progress)};
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
Rendered render_truthful_set(const AllianceModel<T>& model, const Theorem1Policies<T>& theorem1,
                             const TruthfulSetCheck<T>& check) {
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
  r.json["constrained"] = constrained_json(model, check);
  r.json["verdict"] = truthful_set_verdict_json(model, check);
  r.text += constrained_text(model, check);
  r.text += truthful_set_verdict_text(model, check);
  return r;
}

template <class T>
Rendered render_truthful_sets(const AllianceModel<T>& model, const TruthfulSetClassification& c) {
  const auto set_names = [&](std::uint32_t mask) {
    std::vector<std::size_t> members;
    for (std::size_t i = 0; i < c.players; ++i) {
      if (((mask >> i) & 1U) != 0) members.push_back(i);
    }
    return members;
  };
  Rendered r;
  json by_size = json::array();
  io::Table sizes({"t = |T|", "sets", "equilibria"});
  for (std::size_t t = 0; t < c.sets_by_size.size(); ++t) {
    by_size.push_back(
        {{"t", t}, {"sets", c.sets_by_size[t]}, {"equilibria", c.equilibria_by_size[t]}});
    sizes.add({fmt::format("{}", t), fmt::format("{}", c.sets_by_size[t]),
               fmt::format("{}", c.equilibria_by_size[t])});
  }
  json sets = json::array();
  for (const std::uint32_t mask : c.equilibrium_sets) sets.push_back(names(model, set_names(mask)));
  r.json = {{"players", c.players},
            {"sets", c.sets},
            {"solved", c.solved},
            {"classes", c.classes},
            {"equilibria", c.equilibria},
            {"with_binding", c.with_binding},
            {"continuations", c.continuations},
            {"binding_continuations", c.binding_continuations},
            {"by_size", std::move(by_size)},
            {"equilibrium_sets", std::move(sets)}};
  r.text = fmt::format(
      "all truthful sets T ⊆ N (verify_truthful_set on each; T = ∅ is always one): {} of the {} "
      "sets are equilibria; {} sets were solved ({} classes of interchangeable players); {} of "
      "the {} continuations hit a policy bound ({} sets)\n",
      c.equilibria, c.sets, c.solved, c.classes, c.binding_continuations, c.continuations,
      c.with_binding);
  r.text += sizes.render();
  if (c.equilibrium_sets.size() <= kListedTruthfulSets) {
    r.text += "equilibrium sets:\n";
    for (const std::uint32_t mask : c.equilibrium_sets) {
      r.text += mask == 0 ? std::string("  ∅\n")
                          : fmt::format("  {{{}}}\n", names_text(model, set_names(mask)));
    }
  } else {
    r.text += fmt::format("{} equilibrium sets: too many to list (--json lists them all)\n",
                          c.equilibrium_sets.size());
  }
  return r;
}

// ---- design ----------------------------------------------------------------

template <class T>
DesignReport<T> design_report(const AllianceModel<T>& model, Progress& progress) {
  const Derived<T> d = derive(model.alliance);
  DesignReport<T> r{
      model,
      d.bias_spread,
      d.mean_bias,
      std::nullopt,
      {},
      std::nullopt,
      std::nullopt,
      std::nullopt,
      l3_max_interdependence<T>(model.alliance.biases, 100, T(1) / T(1000000000000), progress),
      l3_admissible_entry<T>(model.alliance, std::nullopt, 200, T(1) / T(1000000000000), progress),
      false,
      admissible_entry(model.alliance),
      check_full_revelation(model.alliance, progress)};
  if (sign_of(d.bias_spread) > 0) {
    const T& eta = model.alliance.eta;
    r.max_size = max_alliance_size(eta, d.bias_spread);
    r.feasible_sizes = feasible_sizes(eta, d.sorted_biases.front(), d.sorted_biases.back());
    r.max_interdependence = max_interdependence(d.n, d.bias_spread);
    r.l2_extremes = l2_max_interdependence(d.n, d.sorted_biases.front(), d.sorted_biases.back());
    r.l2_vector = theorem2_max_interdependence(model.alliance.biases);
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
          // false: n̄ exceeds the scan limit and larger sizes were not examined.
          {"feasible_sizes_complete", !r.max_size || *r.max_size <= kMaxScannedSizes},
          {"max_interdependence",
           r.max_interdependence ? io::number_json(*r.max_interdependence) : json(nullptr)},
          {"l2_max_interdependence",
           {{"extremes", max_eta_json(r.l2_extremes)}, {"vector", max_eta_json(r.l2_vector)}}},
          {"l3_max_interdependence", scan_json(r.l3_eta)},
          {"entry",
           {{"lemma1_blocks", r.lemma1_blocks},
            {"empty", r.entry.empty()},
            {"lo", io::number_json(r.entry.lo)},
            {"hi", io::number_json(r.entry.hi)},
            {"l3", entry_json(r.l3_entry)}}},
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
  out +=
      "levels (spec §3.7): L1 the paper's formulas (eq. (5), b_d only), L2 Theorem 2's exact "
      "inequalities (composition-aware), L3 the exact equilibrium (A5)\n";
  if (r.max_size) {
    out += fmt::format(
        "L1 Prop. 1: n̄ = {}: the largest alliance with this spread at this η{}\n", *r.max_size,
        *r.max_size < n ? fmt::format(" (below the {} members here)", n) : std::string());
    out +=
        fmt::format("L2 (Theorem 2 with these extremes, middle biases free): feasible sizes {}{}\n",
                    runs(r.feasible_sizes),
                    *r.max_size > kMaxScannedSizes
                        ? fmt::format(" (sizes above {} not scanned)", kMaxScannedSizes)
                        : std::string());
  } else {
    out += "all biases are equal (b_d = 0): Prop. 1, L2 and Lemma 2 put no bound on the size\n";
  }
  out += fmt::format("largest interdependence η for n = {}:\n", n);
  if (r.max_size) {
    out += fmt::format(
        "  L1 Lemma 2: η̄(n = {}) = {}\n", n,
        r.max_interdependence
            ? fmt::format("{} (the largest η with eq. (5))", num(*r.max_interdependence))
            : std::string("none (ρ = 4/((n+2)b_d) <= 1: no η in (0,1) satisfies eq. (5))"));
  }
  if (r.l2_extremes) {
    out += fmt::format("  L2 for these extremes (middle biases free): {}\n",
                       max_eta_text(*r.l2_extremes));
  }
  if (r.l2_vector) {
    out += fmt::format("  L2 for these biases: {}\n", max_eta_text(*r.l2_vector));
  }
  out += fmt::format("  L3 (A5, these biases, policy sets [0,1]): {}\n", scan_text(r.l3_eta));
  out += fmt::format(
      "entry of member n+1 = {} (L2: Theorem 2's condition in the enlarged alliance; L3: A5 "
      "there, the entrant's policy set [0,1]):\n",
      n + 1);
  out += fmt::format("  L1 Lemma 1 (paper, sufficient for impossibility): {}\n",
                     r.lemma1_blocks ? "blocks every entrant" : "does not apply");
  out += r.entry.empty()
             ? fmt::format("  L2 exact admissible biases: none (the bounds cross: {} > {})\n",
                           num(r.entry.lo), num(r.entry.hi))
             : fmt::format("  L2 exact admissible biases: b′ ∈ [{}, {}]\n", num(r.entry.lo),
                           num(r.entry.hi));
  out += fmt::format(
      "  L3 admissible biases: b′ ∈ {} (ends "
      "certified; the true end lies within {} beyond; grid of {} steps on [{}, {}]{})\n",
      intervals_text(r.l3_entry.admissible), num(r.l3_entry.resolution), r.l3_entry.steps,
      num(r.l3_entry.range.lo), num(r.l3_entry.range.hi),
      r.l3_entry.range_limited ? "; A5 holds at an end of the range: the set may continue" : "");
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
InvestReport<T> invest_report(const AllianceModel<T>& model, const T& cost, Progress& progress) {
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
  r.committed = verify_truth_telling(committed, progress);
  r.check = investment_check(committed, cost, progress);
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
    if (r.check && i < r.check->players.size()) {
      p["deviation"] = deviation_json(*r.check, i);
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
  if (r.check) {
    out["investment"] = {{"fully_revealing", r.check->fully_revealing},
                         {"equilibrium_truthful_continuation", r.check->equilibrium},
                         {"equilibrium_certified_capacities", r.check->truthful_equilibrium}};
  }
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
  if (r.check) out += investment_text(m, *r.check);
  return out;
}

#define MECHLAB_ALLIANCE_REPORT(T)                                                              \
  template SolveReport<T> solve_report(const AllianceModel<T>&, Progress&);                     \
  template nlohmann::json solve_json(const SolveReport<T>&);                                    \
  template std::string solve_text(const SolveReport<T>&);                                       \
  template Theorem1Policies<T> theorem1_policies(const Alliance<T>&, const std::vector<bool>&); \
  template Rendered render_truthful_set(const AllianceModel<T>&, const Theorem1Policies<T>&,    \
                                        const TruthfulSetCheck<T>&);                            \
  template Rendered render_truthful_sets(const AllianceModel<T>&,                               \
                                         const TruthfulSetClassification&);                     \
  template DesignReport<T> design_report(const AllianceModel<T>&, Progress&);                   \
  template nlohmann::json design_json(const DesignReport<T>&);                                  \
  template std::string design_text(const DesignReport<T>&);                                     \
  template InvestReport<T> invest_report(const AllianceModel<T>&, const T&, Progress&);         \
  template nlohmann::json invest_json(const InvestReport<T>&);                                  \
  template std::string invest_text(const InvestReport<T>&);
MECHLAB_ALLIANCE_REPORT(Rational)
MECHLAB_ALLIANCE_REPORT(double)
#undef MECHLAB_ALLIANCE_REPORT

}  // namespace mechlab::alliance
