// Reports of `mechlab mediation solve|beliefs|topdown` (docs/cli.md): the
// computations the verbs run on a read model, and their renderings as JSON
// (exact numbers as {"exact": "p/q", "decimal": x} via io::number_json) and
// text. Names shown are the paper's 1-based ones ("IC[1](2->1)", "mu(1,1)").
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

#include "mechlab/mediation/assumptions.hpp"
#include "mechlab/mediation/beliefs.hpp"
#include "mechlab/mediation/colgen.hpp"
#include "mechlab/mediation/design.hpp"
#include "mechlab/mediation/io.hpp"
#include "mechlab/mediation/lagrangian.hpp"
#include "mechlab/mediation/topdown.hpp"

namespace mechlab::mediation {

struct Rendered {  // NOLINT(bugprone-exception-escape)
  nlohmann::json json;
  std::string text;
};

struct SolveOptions {
  bool no_signals = false;  // belief-dependent games: the one-shape search (Prop. 3)
  ColumnGenerationOptions column_generation;
};

template <class T>
struct SolveReport {
  std::string method;  // what produced the mechanism, in words
  // The design whose mechanism is shown: the ex-post lottery LP (with the
  // settlement shares), the column-generation master or the best single shape.
  DesignResult<T> design;
  ReducedForm<T> mechanism;  // symmetrised for lottery games
  // The reduced-form (paper-mode) design the multipliers come from: the
  // lottery LP in paper mode (K ≤ 6) or the master itself.
  std::optional<DesignResult<T>> paper;
  std::optional<LagrangianReport<T>> lagrangian;
  // Without a paper-mode design (lottery games with K > 6, --no-signals, an
  // ex-post master): the ex-post LP's multipliers by constraint name.
  std::optional<ExPostMultipliers<T>> ex_post;
  Partition<T> partition;
  std::vector<std::string> binding;  // IC/PC with equality in `mechanism`
  AssumptionReport<T> assumptions;
  std::optional<TopDownResult<T>> top_down;  // monotone lottery games
  std::optional<ColumnGenerationResult<T>> column_generation;
  std::optional<SingleShapeResult<T>> single_shape;
};

// Lottery games: the exact LP fast path (plus top-down when monotone);
// belief-dependent games: column generation, or with no signals (file or
// options) the best single shape. Column generation prices from the paper-mode
// master for K ≤ 6 and from the ex-post master above (MasterMode::automatic).
// Throws InputError("/game", ...) when no single shape of the candidate set is
// feasible.
template <class T>
SolveReport<T> solve_report(const MediationModel<T>& model, const SolveOptions& options = {});
template <class T>
Rendered render_solve(const MediationModel<T>& model, const SolveReport<T>& report);

template <class T>
struct BeliefsReport {
  RuleBeliefs<T> induced;            // A1
  ConsistencyReport<T> consistency;  // A2 with the Bayes check (S.22)
  Matrix<T> worst;                   // A3: (S.29) for interior B, else the LP's rule
};
// Throws InputError("/rule", ...) when the file has no rule.
template <class T>
BeliefsReport<T> beliefs_report(const MediationModel<T>& model);
template <class T>
Rendered render_beliefs(const MediationModel<T>& model, const BeliefsReport<T>& report);

template <class T>
Rendered render_topdown(const MediationModel<T>& model, const TopDownVerification<T>& result);

}  // namespace mechlab::mediation
