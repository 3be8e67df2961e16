// mechlab disclosure equilibria|effort|design|continuous FILE, mechlab disclosure sweep:
// team disclosure under deliberation protocols (002, docs/disclosure.md).
#include <fmt/format.h>

#include <cmath>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "command.hpp"
#include "mechlab/core/error.hpp"
#include "mechlab/disclosure/continuous.hpp"
#include "mechlab/disclosure/design.hpp"
#include "mechlab/disclosure/effort.hpp"
#include "mechlab/disclosure/equilibria.hpp"
#include "mechlab/disclosure/io.hpp"
#include "mechlab/disclosure/properties.hpp"
#include "mechlab/disclosure/protocol.hpp"
#include "mechlab/disclosure/report.hpp"
#include "mechlab/io/output.hpp"

namespace mechlab::cli {

namespace {

namespace dc = disclosure;

struct DisclosureArgs {
  std::string file;
  std::string family = "file";  // design: file | k-majority | all
  std::uint64_t members = 4;    // sweep
  std::string parameter = "qj0";
  std::string from = "1/100";
  std::string to = "99/100";
  std::string step = "1/100";
  std::uint64_t max_profiles = 50'000'000;
  std::uint64_t max_boxes = 100'000;
  std::vector<std::size_t> grids;  // continuous: midpoint grid sizes to discretise with
  bool dominance = false;          // design: compare full-effort sets
  bool refined = false;            // design --dominance: refined FE (Theorem 2)
};

template <class T>
dc::Model<T> read_file(const DisclosureArgs& args, const GlobalOptions& options) {
  const io::Document doc = load(args.file, options);
  return dc::read_model<T>(io::Node(doc), options.read_options());
}

// A finite model ("outcomes" and "prior") for every verb but `continuous`.
template <class T>
dc::Model<T> load_model(const DisclosureArgs& args, const GlobalOptions& options) {
  auto model = read_file<T>(args, options);
  if (model.continuous) {
    throw InputError("/marginals",
                     "finite outcomes (\"outcomes\" and \"prior\") for this verb; continuous "
                     "marginals go to `mechlab disclosure continuous`",
                     "continuous marginals");
  }
  return model;
}

template <class T>
Result continuous(const DisclosureArgs& args, const GlobalOptions& options) {
  const auto model = read_file<T>(args, options);
  if (!model.continuous) {
    throw InputError("/marginals",
                     "continuous marginals for this verb (finite models: `mechlab disclosure "
                     "equilibria`)",
                     "none");
  }
  const std::size_t members = model.continuous->member_count();
  for (const std::size_t n : args.grids) {
    if (n < 2) throw InputError("--grid", "grid sizes of at least 2", fmt::format("{}", n));
    // Refuse before building the n^N grid: its Π(2n + 1) threshold profiles.
    const double profiles =
        std::pow(2.0 * static_cast<double>(n) + 1, static_cast<double>(members));
    if (!(profiles <= static_cast<double>(args.max_profiles))) {
      throw InputError("--grid",
                       fmt::format("grids whose (2n + 1)^N threshold profiles fit --max-profiles "
                                   "({})",
                                   args.max_profiles),
                       fmt::format("n = {} with N = {}: {:.3g} profiles", n, members, profiles));
    }
  }
  Progress progress(options.progress_options());
  dc::DiscretisationOptions study_options;
  study_options.equilibria.max_profiles = args.max_profiles;
  study_options.equilibria.max_boxes = args.max_boxes;
  nlohmann::json list = nlohmann::json::array();
  std::string text;
  for (const auto& protocol : model.protocols) {
    const auto analysis = dc::continuous_fixed_points(*model.continuous, protocol, {}, progress);
    std::optional<dc::DiscretisationStudy<T>> study;
    if (!args.grids.empty()) {
      study = dc::discretisation_study(*model.continuous, protocol, args.grids, study_options,
                                       progress);
    }
    const dc::DiscretisationStudy<T>* grids = study ? &*study : nullptr;
    list.push_back(dc::continuous_json(*model.continuous, protocol, analysis, grids));
    text += (text.empty() ? "" : "\n") +
            dc::continuous_text(*model.continuous, protocol, analysis, grids);
  }
  emit(options, nlohmann::json{{"protocols", std::move(list)}}, text);
  return 0;
}

template <class T>
Result equilibria(const DisclosureArgs& args, const GlobalOptions& options) {
  const auto model = load_model<T>(args, options);
  Progress progress(options.progress_options());
  dc::EquilibriumOptions eq_options;
  eq_options.max_profiles = args.max_profiles;
  eq_options.max_boxes = args.max_boxes;
  std::vector<dc::ProtocolSummary> summaries;
  for (const auto& p : model.protocols) summaries.push_back(dc::summarize(p));
  nlohmann::json json = {{"protocols", dc::protocols_json(model.team.members, summaries)}};
  std::string text = dc::protocols_text(model.team.members, summaries);
  nlohmann::json list = nlohmann::json::array();
  for (const auto& protocol : model.protocols) {
    const auto eqs = dc::all_equilibria(model.team, protocol, eq_options, progress);
    list.push_back(dc::equilibria_json(model.team, protocol, eqs));
    text += "\n" + dc::equilibria_text(model.team, protocol, eqs);
  }
  json["equilibria"] = std::move(list);
  emit(options, json, text);
  return 0;
}

template <class T>
const dc::EffortTechnology<T>& technology_of(const dc::Model<T>& model) {
  if (!model.effort) {
    throw InputError("/effort", R"(an effort technology ("effort": {"shirk": ...}) for this verb)",
                     "none");
  }
  return *model.effort;
}

template <class T>
Result effort(const DisclosureArgs& args, const GlobalOptions& options) {
  const auto model = load_model<T>(args, options);
  const auto& tech = technology_of(model);
  Progress progress(options.progress_options());
  dc::EquilibriumOptions eq_options;
  eq_options.max_profiles = args.max_profiles;
  eq_options.max_boxes = args.max_boxes;
  nlohmann::json list = nlohmann::json::array();
  const auto type = dc::effort_type(tech);
  std::string text = dc::effort_type_text(type);
  for (const auto& protocol : model.protocols) {
    const auto eqs = dc::all_equilibria(tech.full, protocol, eq_options, progress);
    std::vector<dc::Equilibrium<T>> scored;
    std::vector<dc::EffortGains<T>> gains;
    for (const auto& e : eqs) {
      if (e.degenerate) continue;  // a family: its members' gains vary with α
      std::vector<T> posterior = e.posterior;
      if (posterior.empty()) {
        for (const auto& box : e.belief_box) posterior.push_back(box.first);
      }
      gains.push_back(dc::effort_gains(tech, e.disclosure, posterior));
      scored.push_back(e);
    }
    nlohmann::json one = dc::effort_json(tech.full, scored, gains, model.costs);
    one["protocol"] = protocol.name;
    list.push_back(std::move(one));
    text += fmt::format("\nprotocol {}\n{}", protocol.name,
                        dc::effort_text(tech.full, scored, gains, model.costs));
  }
  emit(options,
       nlohmann::json{{"effort_type", dc::effort_type_json(type)}, {"protocols", std::move(list)}},
       text);
  return 0;
}

template <class T>
Result design(const DisclosureArgs& args, const GlobalOptions& options) {
  const auto model = load_model<T>(args, options);
  const auto& tech = technology_of(model);
  const std::size_t n = tech.full.member_count();
  std::vector<dc::Protocol> protocols;
  if (args.family == "file") {
    protocols = model.protocols;
  } else if (args.family == "k-majority") {
    for (std::size_t k = 1; k <= n; ++k) protocols.push_back(dc::k_majority(n, k));
  } else {
    if (n > 5) {
      throw InputError("--family", "all: at most 5 members (7,579 protocols at N = 5)",
                       fmt::format("{} members", n));
    }
    protocols = dc::all_monotone_protocols(n);
  }
  Progress progress(options.progress_options());
  dc::DesignOptions design_options;
  design_options.equilibria.max_profiles = args.max_profiles;
  design_options.equilibria.max_boxes = args.max_boxes;
  if (args.dominance) {
    std::vector<dc::FullEffortSet<T>> sets;
    for (const auto& protocol : protocols) {
      sets.push_back(dc::full_effort_set(
          tech, protocol,
          args.refined ? dc::FullEffortVariant::refined : dc::FullEffortVariant::all_equilibria,
          progress, design_options.equilibria));
    }
    emit(options, dc::dominance_json(tech.full, sets), dc::dominance_text(tech.full, sets));
    return 0;
  }
  const auto scores = dc::score_protocols(tech, protocols, model.costs, progress, design_options);
  const std::size_t symmetries = dc::technology_symmetries(tech, model.costs).size();
  const auto solved = static_cast<std::size_t>(std::count_if(
      scores.begin(), scores.end(), [](const auto& s) { return !s.image_of.has_value(); }));
  nlohmann::json rows = nlohmann::json::array();
  std::string text = fmt::format(
      "{} protocols scored by c̄(D) = max over equilibria d of min_i G_i(d) (the largest symmetric "
      "cost with full effort){}\n",
      scores.size(), model.costs.empty() ? "" : "; c ∈ FE(D): the model's costs are implementable");
  if (symmetries > 1) {
    text += fmt::format(
        "symmetry: {} invariant under {} permutations of the members; {} protocols solved, the "
        "others scored as their images\n",
        model.costs.empty() ? "the technology is" : "the technology and the costs are", symmetries,
        solved);
  }
  text += fmt::format("{:<36}  {:>10}  {:<8}  {:<6}  {}\n", "protocol", "c̄(D)", "by", "c∈FE",
                      "G(d) of the best equilibrium");
  const std::size_t shown = std::min<std::size_t>(scores.size(), 25);
  for (std::size_t k = 0; k < scores.size(); ++k) {
    const auto& s = scores[k];
    std::string gains;
    for (const auto& g : s.best_gains)
      gains += fmt::format("{}{}", gains.empty() ? "" : ", ", NumberTraits<T>::to_text(g));
    const char* kind = s.best_kind == dc::DisclosureKind::full      ? "full"
                       : s.best_kind == dc::DisclosureKind::partial ? "partial"
                                                                    : "interior";
    const std::string admits = s.admits_costs ? (*s.admits_costs ? "yes" : "no") : std::string("-");
    if (k < shown) {
      text += fmt::format("{:<36}  {:>10}  {:<8}  {:<6}  ({}){}\n", s.protocol.name,
                          NumberTraits<T>::to_text(s.best_symmetric_cost), kind, admits, gains,
                          s.unresolved_boxes > 0 ? " [search not exhaustive]" : "");
    }
    nlohmann::json row = {{"protocol", s.protocol.name},
                          {"best_symmetric_cost", io::number_json(s.best_symmetric_cost)},
                          {"best_kind", kind},
                          {"equilibria", s.equilibria},
                          {"exhaustive", s.unresolved_boxes == 0}};
    nlohmann::json g = nlohmann::json::array();
    for (const auto& x : s.best_gains) g.push_back(io::number_json(x));
    row["best_gains"] = std::move(g);
    if (s.admits_costs) row["admits_costs"] = *s.admits_costs;
    rows.push_back(std::move(row));
  }
  if (shown < scores.size())
    text += fmt::format("... {} more (--json lists all)\n", scores.size() - shown);
  emit(options,
       nlohmann::json{{"family", args.family},
                      {"symmetries", symmetries},
                      {"solved", solved},
                      {"protocols", std::move(rows)}},
       text);
  return 0;
}

Rational rational_option(const std::string& text, const std::string& option) {
  try {
    return parse_rational(text);
  } catch (const InputError& e) {
    throw InputError(option, e.expected(), text);
  }
}

Result sweep(const DisclosureArgs& args, const GlobalOptions& options) {
  const std::vector<std::pair<std::string, dc::BinaryEffortParameter>> parameters = {
      {"qj0", dc::BinaryEffortParameter::qj0}, {"p0", dc::BinaryEffortParameter::p0},
      {"qi0", dc::BinaryEffortParameter::qi0}, {"qT0", dc::BinaryEffortParameter::qT0},
      {"p1", dc::BinaryEffortParameter::p1},   {"qT1", dc::BinaryEffortParameter::qT1},
      {"q1", dc::BinaryEffortParameter::q1}};
  std::optional<dc::BinaryEffortParameter> parameter;
  for (const auto& [name, value] : parameters) {
    if (name == args.parameter) parameter = value;
  }
  if (!parameter) {
    throw InputError("--parameter", "one of qj0 (panel a), p0 (b), qi0 (c), qT0 (d), p1, qT1, q1",
                     args.parameter);
  }
  const auto base = dc::figure2_baseline(static_cast<std::size_t>(args.members));
  const auto result =
      dc::optimal_k_sweep(base, *parameter, rational_option(args.from, "--from"),
                          rational_option(args.to, "--to"), rational_option(args.step, "--step"));
  nlohmann::json points = nlohmann::json::array();
  std::string breaks;
  for (const auto& b : result.breakpoints) {
    std::string ks;
    for (const auto k : b.k_star) ks += fmt::format("{}{}", ks.empty() ? "" : "/", k);
    breaks += fmt::format("{}{}:{}", breaks.empty() ? "" : ", ", to_string(b.x), ks);
  }
  for (const auto& p : result.points) {
    points.push_back({{"x", io::number_json(p.x)}, {"k_star", p.k_star}});
  }
  nlohmann::json json = {{"members", args.members},
                         {"parameter", args.parameter},
                         {"breakpoints", breaks},
                         {"points", std::move(points)}};
  emit(options, json,
       fmt::format("N = {}, K* as {} varies from {} to {} by {} (other parameters at the Figure 2 "
                   "baseline: p = 1/2, probabilities 51/100 with full effort, 1/2 when i shirks)\n"
                   "breakpoints (x:K* from x on): {}\n",
                   args.members, args.parameter, args.from, args.to, args.step, breaks));
  return 0;
}

template <class F>
void on_run(CLI::App* verb, const GlobalOptions& options, std::function<Result()>& action,
            const std::shared_ptr<DisclosureArgs>& args, F run) {
  verb->callback([args, &options, &action, run] {
    action = [args, &options, run] { return run(*args, options); };
  });
}

void add_file(CLI::App* verb, DisclosureArgs& args) {
  verb->add_option("FILE", args.file, R"(team disclosure model file (JSON, "model": "disclosure"))")
      ->required();
  verb->add_option("--max-profiles", args.max_profiles,
                   "threshold profiles the equilibrium search may visit (default 5*10^7)")
      ->check(integer_in(1, 1'000'000'000'000, "number of profiles"));
  verb->add_option("--max-boxes", args.max_boxes,
                   "boxes the subdivision may split per profile with three or more mixers "
                   "(default 10^5; beyond, the search says it is not exhaustive)")
      ->check(integer_in(1, 1'000'000'000, "number of boxes"));
}

const Register disclosure_family{Family{
    "disclosure",
    "team disclosure (002): deliberation protocols, all disclosure equilibria, effort incentives",
    [](CLI::App& cmd, const GlobalOptions& options, std::function<Result()>& action) {
      auto args = std::make_shared<DisclosureArgs>();
      CLI::App* e = cmd.add_subcommand(
          "equilibria",
          "each protocol's properties (who discloses alone, RMC, Lemma 1) and all its disclosure "
          "equilibria: kind, P(ND), beliefs, votes, consistency with deliberation");
      add_file(e, *args);
      on_run(e, options, action, args, [](const DisclosureArgs& a, const GlobalOptions& o) {
        return o.use_double() ? equilibria<double>(a, o) : equilibria<Rational>(a, o);
      });
      CLI::App* f = cmd.add_subcommand(
          "effort",
          "Theorem 3 for every equilibrium of every protocol: each member's gain from effort, "
          "its parts, fe(d) and whether the model's costs are in it");
      add_file(f, *args);
      on_run(f, options, action, args, [](const DisclosureArgs& a, const GlobalOptions& o) {
        return o.use_double() ? effort<double>(a, o) : effort<Rational>(a, o);
      });
      CLI::App* d = cmd.add_subcommand(
          "design",
          "protocols ranked by the largest symmetric cost they implement with full effort, and "
          "whether the model's costs are implementable");
      add_file(d, *args);
      d->add_option("--family", args->family,
                    "protocols to compare: file (default: the file's), k-majority, all (every "
                    "monotone protocol, N <= 5)")
          ->check(CLI::IsMember({"file", "k-majority", "all"}));
      d->add_flag("--dominance", args->dominance,
                  "compare full-effort sets instead: each protocol's FE(D) (Pareto-maximal gains), "
                  "which protocols dominate which, with witnesses");
      d->add_flag("--refined", args->refined,
                  "with --dominance: count only equilibria consistent with deliberation (full "
                  "disclosure only when D is not RMC)");
      on_run(d, options, action, args, [](const DisclosureArgs& a, const GlobalOptions& o) {
        return o.use_double() ? design<double>(a, o) : design<Rational>(a, o);
      });
      CLI::App* c = cmd.add_subcommand(
          "continuous",
          "continuous outcomes (Theorem 4): the partial-disclosure equilibria t* = Φ(t*) of each "
          "protocol with exact brackets, and the discretised game on midpoint grids with its "
          "artefacts flagged");
      add_file(c, *args);
      c->add_option("--grid", args->grids,
                    "midpoint grid sizes n to discretise with, e.g. --grid 5,10,20 (default: none)")
          ->delimiter(',');
      on_run(c, options, action, args, [](const DisclosureArgs& a, const GlobalOptions& o) {
        return o.use_double() ? continuous<double>(a, o) : continuous<Rational>(a, o);
      });
      CLI::App* s = cmd.add_subcommand(
          "sweep",
          "Figure 2: the optimal K-majority K* of the §4.3 binary model as one parameter varies, "
          "with its breakpoints (exact)");
      s->add_option("--members", args->members, "team size N (default 4)")
          ->check(integer_in(2, 60, "number of members"));
      s->add_option("--parameter", args->parameter,
                    "qj0 (panel a, default), p0 (b), qi0 (c), qT0 (d), or p1, qT1, q1");
      s->add_option("--from", args->from, "first value (default 1/100)");
      s->add_option("--to", args->to, "last value (default 99/100)");
      s->add_option("--step", args->step, "step (default 1/100)");
      on_run(s, options, action, args,
             [](const DisclosureArgs& a, const GlobalOptions& o) { return sweep(a, o); });
    }}};

}  // namespace
}  // namespace mechlab::cli
