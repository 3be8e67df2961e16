#include "mechlab/mediation/io.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "mechlab/core/error.hpp"
#include "mechlab/mediation/allpay.hpp"

namespace mechlab::mediation {

std::string to_string(GameKind kind) {
  switch (kind) {
    case GameKind::lottery: return "lottery";
    case GameKind::hms: return "hms";
    case GameKind::bw: return "bw";
    case GameKind::lq: return "lq";
    case GameKind::allpay: return "allpay";
  }
  return "?";
}

namespace {

template <class T>
T read_number(const io::Node& node, const io::ReadOptions& options) {
  return NumberTraits<T>::from_rational(node.as_number(options));
}

template <class T>
std::vector<T> read_vector(const io::Node& node, std::size_t k, const std::string& what,
                           const io::ReadOptions& options) {
  const std::string expected = fmt::format("an array of {} {} (one per type)", k, what);
  const auto items = node.items(expected);
  if (items.size() != k)
    node.fail(expected, fmt::format("{} number{}", items.size(), items.size() == 1 ? "" : "s"));
  std::vector<T> out;
  out.reserve(k);
  for (const io::Node& x : items) out.push_back(read_number<T>(x, options));
  return out;
}

template <class T>
Matrix<T> read_matrix(const io::Node& node, std::size_t k, const std::string& what,
                      const io::ReadOptions& options) {
  const std::string expected =
      fmt::format("a {}×{} array of {} (rows and columns: types)", k, k, what);
  const auto rows = node.items(expected);
  if (rows.size() != k)
    node.fail(expected, fmt::format("{} row{}", rows.size(), rows.size() == 1 ? "" : "s"));
  Matrix<T> out;
  for (const io::Node& row : rows) out.push_back(read_vector<T>(row, k, what, options));
  return out;
}

// "types": K or the K labels (strongest first).
std::vector<std::string> read_labels(const io::Node& node) {
  const std::string expected =
      fmt::format("the number of types K (2 to {}) or an array of 2 to {} unique type labels",
                  kMaxTypes, kMaxTypes);
  if (node.json().is_number()) {
    const auto k = static_cast<std::size_t>(node.as_count(2, kMaxTypes));
    std::vector<std::string> out;
    for (std::size_t t = 0; t < k; ++t) out.push_back(fmt::format("{}", t + 1));
    return out;
  }
  const auto items = node.items(expected);
  if (items.size() < 2 || items.size() > kMaxTypes) {
    node.fail(expected, fmt::format("{} labels", items.size()));
  }
  std::vector<std::string> out;
  for (const io::Node& item : items) {
    std::string label = item.as_string();
    if (label.empty()) item.fail("a non-empty type label", "an empty string");
    if (std::find(out.begin(), out.end(), label) != out.end()) {
      item.fail("a type label not used before", fmt::format("\"{}\" again", label));
    }
    out.push_back(std::move(label));
  }
  return out;
}

// The exact LP of the largest verb: 3K² rows with about 4K coefficients each,
// plus the K² shapes of column generation; 64 bytes a Rational.
void require_fit(const io::Node& where, std::size_t k, bool exact, const io::ReadOptions& options) {
  const auto kk = static_cast<double>(k);
  const double numbers = 12 * kk * kk * kk + 64 * kk * kk;
  const double bytes = numbers * (exact ? 64.0 : 8.0);
  if (!(bytes <= static_cast<double>(options.memory_limit_bytes))) {
    where.fail(fmt::format("a model within the memory limit of {} (--memory-limit)",
                           io::format_bytes(static_cast<double>(options.memory_limit_bytes))),
               fmt::format("K = {} types needing about {}", k, io::format_bytes(bytes)));
  }
}

template <class T>
std::shared_ptr<const EscalationGame<T>> read_game(const io::Node& node, std::size_t k,
                                                   GameKind& kind, const io::ReadOptions& options) {
  node.expect_object(R"(an escalation game {"kind": "lottery"|"hms"|"bw"|"lq"|"allpay", ...})");
  const std::string name = node.at("kind").as_string();
  if (name == "lottery") {
    node.allow_only({"kind", "u"});
    kind = GameKind::lottery;
    return std::make_shared<LotteryGame<T>>(
        read_matrix<T>(node.at("u"), k, "lottery payoffs u(θ, θ')", options), "lottery (table)");
  }
  if (name == "hms") {
    node.allow_only({"kind", "c", "xi"});
    kind = GameKind::hms;
    return std::make_shared<LotteryGame<T>>(hms_lottery<T>(k, read_number<T>(node.at("c"), options),
                                                           read_number<T>(node.at("xi"), options)));
  }
  if (name == "bw") {
    node.allow_only({"kind", "q", "s"});
    kind = GameKind::bw;
    return std::make_shared<LotteryGame<T>>(bw_linear_lottery<T>(
        k, read_number<T>(node.at("q"), options), read_number<T>(node.at("s"), options)));
  }
  if (name == "lq") {
    node.allow_only({"kind", "kappa"});
    kind = GameKind::lq;
    return std::make_shared<LQConflictGame<T>>(
        read_vector<T>(node.at("kappa"), k, "abilities κ in (0, 1/4]", options));
  }
  if (name == "allpay") {
    // Main paper Sec. 4 (a reproduction module): two types, 1 and K = "cost".
    node.allow_only({"kind", "cost"});
    kind = GameKind::allpay;
    if (k != 2) {
      node.at("kind").fail(R"("allpay" with 2 types (1 and K))", fmt::format("{} types", k));
    }
    return std::make_shared<AllPayLitigationGame<T>>(read_number<T>(node.at("cost"), options));
  }
  node.at("kind").fail(R"("lottery", "hms", "bw", "lq" or "allpay")", fmt::format("\"{}\"", name));
}

// Instance::validate() names its own fields; the file nests ρ^V under "/veto".
InputError in_file(const InputError& e) {
  const std::string& p = e.pointer();
  if (p.rfind("/veto_belief", 0) == 0) {
    return {"/veto/rho" + p.substr(std::string("/veto_belief").size()), e.expected(), e.found()};
  }
  return e;
}

}  // namespace

template <class T>
MediationModel<T> read_mediation(const io::Node& root, const io::ReadOptions& options) {
  io::require_header(root, "mediation");
  root.allow_only({"model", "version", "name", "types", "prior", "game", "veto", "signals",
                   "symmetric", "rule"});
  MediationModel<T> model;
  if (const auto name = root.find("name")) model.name = name->as_string();
  model.labels = read_labels(root.at("types"));
  const std::size_t k = model.labels.size();
  require_fit(root.at("types"), k, NumberTraits<T>::exact, options);
  Instance<T>& inst = model.instance;
  inst.prior = read_vector<T>(root.at("prior"), k, "prior probabilities", options);
  try {
    inst.game = read_game<T>(root.at("game"), k, model.kind, options);
  } catch (const InputError& e) {
    // The presets check their own parameters under "/types" and "/game/...".
    if (e.pointer() == "/types") throw InputError("/game", e.expected(), e.found());
    throw;
  }
  // Veto values: explicit, or the game's veto game at ρ^V (default ρ^V = p).
  std::vector<T> rho = inst.prior;
  bool from_game = true;
  if (const auto veto = root.find("veto")) {
    if (veto->json().is_array()) {
      inst.veto = read_vector<T>(*veto, k, "veto values V(θ)", options);
      from_game = false;
    } else {
      veto->expect_object(R"(veto values [V(1), ...] or {"from_game": true, "rho": [...]})");
      veto->allow_only({"from_game", "rho"});
      if (!veto->at("from_game").as_bool()) {
        veto->at("from_game").fail("true (or give the veto values as an array)", "false");
      }
      if (const auto r = veto->find("rho")) {
        rho = read_vector<T>(*r, k, "veto beliefs ρ^V(θ)", options);
      }
    }
  }
  if (const auto signals = root.find("signals")) {
    const std::string s = signals->as_string();
    if (s == "public") {
      inst.signals = Signals::public_signals;
    } else if (s == "none") {
      inst.signals = Signals::none;
    } else {
      signals->fail(R"("public" or "none")", fmt::format("\"{}\"", s));
    }
  }
  if (const auto symmetric = root.find("symmetric")) {
    inst.symmetric = symmetric->as_bool();
    if (!inst.symmetric) {
      symmetric->fail("true (the mediation results assume ex-ante identical players)", "false");
    }
  }
  try {
    if (from_game) {
      inst.veto_belief = rho;
      // validate() first: the veto game needs a valid prior and ρ^V.
      inst.veto.assign(k, T(0));
      inst.validate();
      inst.veto = veto_from_game<T>(*inst.game, inst.prior, rho);
    }
    inst.validate();
  } catch (const InputError& e) {
    throw in_file(e);
  }
  if (const auto rule = root.find("rule")) {
    Matrix<T> gamma = read_matrix<T>(*rule, k, "escalation probabilities γ in [0, 1]", options);
    bool any = false;
    for (std::size_t a = 0; a < k; ++a) {
      for (std::size_t b = 0; b < k; ++b) {
        if (gamma[a][b] < T(0) || gamma[a][b] > T(1)) {
          throw InputError(fmt::format("/rule/{}/{}", a, b), "an escalation probability in [0, 1]",
                           NumberTraits<T>::to_text(gamma[a][b]));
        }
        any = any || gamma[a][b] > T(0);
      }
    }
    if (!any) rule->fail("a rule that escalates somewhere (γ ≠ 0)", "γ = 0");
    model.rule = std::move(gamma);
  }
  return model;
}

template MediationModel<Rational> read_mediation(const io::Node&, const io::ReadOptions&);
template MediationModel<double> read_mediation(const io::Node&, const io::ReadOptions&);

}  // namespace mechlab::mediation
