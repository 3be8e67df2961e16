#include "mechlab/mediation/colgen.hpp"

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <random>
#include <set>

#include <fmt/format.h>

#include "mechlab/core/error.hpp"
#include "mechlab/core/rng.hpp"
#include "mechlab/mediation/beliefs.hpp"

namespace mechlab::mediation {

namespace {

template <class T>
std::string shape_name(const Matrix<T>& g) {
  std::vector<std::string> rows;
  for (const auto& row : g) {
    std::vector<std::string> cells;
    for (const auto& x : row) cells.push_back(number_text(x));
    rows.push_back(fmt::format("{}", fmt::join(cells, ",")));
  }
  return fmt::format("g[{}]", fmt::join(rows, ";"));
}

template <class T>
bool is_zero(const Matrix<T>& g) {
  for (const auto& row : g)
    for (const auto& x : row)
      if (sign_of(x) != 0) return false;
  return true;
}

template <class T>
Matrix<T> transposed(const Matrix<T>& g) {
  Matrix<T> t(g.size(), std::vector<T>(g.size()));
  for (std::size_t a = 0; a < g.size(); ++a) {
    for (std::size_t b = 0; b < g.size(); ++b) t[a][b] = g[b][a];
  }
  return t;
}

template <class T>
struct Scored {
  Matrix<T> g;
  std::string name;
  T score;
};

// The shape's column, or nullopt when B(g) is outside the game's domain
// (GameDomainError): pricing skips such shapes and counts them.
template <class T>
std::optional<ShapeColumn<T>> column_in_domain(const Instance<T>& instance, Shape<T> shape) {
  try {
    return make_column(instance, std::move(shape));
  } catch (const GameDomainError&) {
    return std::nullopt;
  }
}

// Minimises `score` (nullopt = unusable shape) over the candidate set of the
// header: the max-entry-1 grid for K = 2, coordinate search on the grid from
// 0/1 and random starts for K ≥ 3. Every distinct shape is scored once.
template <class T>
class ShapeSearch {
 public:
  using Score = std::function<std::optional<T>(const Matrix<T>&)>;
  // pairs: g and gᵀ are one candidate (scored once, under the smaller name).
  ShapeSearch(std::size_t types, const ColumnGenerationOptions& options, Score score,
              bool pairs = false)
      : k_(types), o_(options), score_(std::move(score)), pairs_(pairs) {}

  std::vector<Scored<T>> run() {
    if (k_ == 2) {
      grid();
    } else {
      multistart();
    }
    std::vector<Scored<T>> out;
    for (auto& [name, entry] : seen_) {
      if (entry.second) out.push_back({entry.first, name, *entry.second});
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& a, const auto& b) { return a.score < b.score; });
    return out;
  }
  std::size_t evaluated() const { return seen_.size(); }
  std::string described() const {
    const char* unit = pairs_ ? "mirrored pairs (g, g^T)" : "shapes";
    if (k_ == 2) {
      return fmt::format("the grid {{0, 1/{0}, ..., 1}}^(2x2) with max entry 1 ({1} {2})", o_.grid,
                         seen_.size(), unit);
    }
    return fmt::format(
        "coordinate search on the grid of step 1/{} from {} 0/1 and {} random "
        "starts ({} distinct {} scored)",
        o_.grid, o_.starts, o_.starts, seen_.size(), unit);
  }

 private:
  std::optional<T> eval(const Matrix<T>& raw) {
    if (is_zero(raw)) return std::nullopt;
    auto g = normalised_shape(raw);
    auto name = shape_name(g);
    if (pairs_) {
      auto mirror = transposed(g);
      auto mirror_name = shape_name(mirror);
      if (mirror_name < name) {
        g = std::move(mirror);
        name = std::move(mirror_name);
      }
    }
    auto it = seen_.find(name);
    if (it == seen_.end()) {
      if (o_.progress != nullptr) o_.progress->advance();
      it = seen_.emplace(name, std::make_pair(g, score_(g))).first;
    }
    return it->second.second;
  }

  T level(std::size_t n) const { return T(static_cast<long>(n)) / T(static_cast<long>(o_.grid)); }

  void grid() {
    const std::size_t n = o_.grid;
    const std::size_t cells = k_ * k_;
    std::vector<std::size_t> idx(cells, 0);
    for (;;) {
      if (*std::max_element(idx.begin(), idx.end()) == n) {
        Matrix<T> g(k_, std::vector<T>(k_));
        for (std::size_t c = 0; c < cells; ++c) g[c / k_][c % k_] = level(idx[c]);
        eval(g);
      }
      std::size_t c = 0;
      while (c < cells && idx[c] == n) idx[c++] = 0;
      if (c == cells) break;
      ++idx[c];
    }
  }

  void descend(Matrix<T> g) {
    auto best = eval(g);
    for (std::size_t sweep = 0; sweep < o_.max_sweeps; ++sweep) {
      bool improved = false;
      for (std::size_t c = 0; c < k_ * k_; ++c) {
        for (std::size_t n = 0; n <= o_.grid; ++n) {
          Matrix<T> h = g;
          h[c / k_][c % k_] = level(n);
          const auto s = eval(h);
          if (s && (!best || *s < *best)) {
            best = s;
            g = h;
            improved = true;
          }
        }
      }
      if (!improved) break;
    }
  }

  void multistart() {
    Rng rng = make_rng(o_.seed);
    std::uniform_int_distribution<int> bit(0, 1);
    std::uniform_int_distribution<std::size_t> step(0, o_.grid);
    for (std::size_t s = 0; s < 2 * o_.starts; ++s) {
      Matrix<T> g(k_, std::vector<T>(k_));
      for (auto& row : g)
        for (auto& x : row) x = s < o_.starts ? T(bit(rng)) : level(step(rng));
      if (is_zero(g)) g[0][0] = T(1);
      descend(std::move(g));
    }
  }

  std::size_t k_;
  const ColumnGenerationOptions& o_;
  Score score_;
  bool pairs_;
  std::map<std::string, std::pair<Matrix<T>, std::optional<T>>> seen_;
};

template <class T>
bool improving(const T& price, const T& scale, double tolerance) {
  if constexpr (NumberTraits<T>::exact) {
    (void)scale;
    (void)tolerance;
    return sign_of(price) < 0;
  } else {
    return price < -tolerance * std::fmax(1.0, std::fabs(scale));
  }
}

template <class T>
DesignMode master_mode(const Instance<T>& instance, MasterMode asked) {
  if (asked == MasterMode::paper && instance.types() > 6) {
    throw InputError("/types", "K <= 6 for the paper-mode master LP (4^K - 2 Border rows)",
                     std::to_string(instance.types()));
  }
  if (asked == MasterMode::ex_post) return DesignMode::ex_post;
  if (asked == MasterMode::paper) return DesignMode::paper_multipliers;
  return instance.types() <= 6 ? DesignMode::paper_multipliers : DesignMode::ex_post;
}

// Farley's bound: for any mechanism x over the dictionary and the priced
// candidates, Pr = c'x = π'b + Σ rc_j x_j ≥ value + min(0, price)·c'x, since
// the master's own columns have rc ≥ 0 and a candidate's rc ≥ price·R.
template <class T>
T farley_bound(const T& value, const T& price) {
  return sign_of(price) < 0 ? T(value / (T(1) - price)) : value;
}

}  // namespace

template <class T>
ShapeList<T> zero_one_shapes(std::size_t types) {
  if (types > 3) throw InputError("/types", "K <= 3 for every 0/1 shape", std::to_string(types));
  const std::size_t cells = types * types;
  ShapeList<T> out;
  for (unsigned mask = 1; mask < (1U << cells); ++mask) {
    Matrix<T> g(types, std::vector<T>(types, T(0)));
    for (std::size_t c = 0; c < cells; ++c) g[c / types][c % types] = T((mask >> c) & 1U);
    out.push_back({shape_name(g), g});
  }
  return out;
}

template <class T>
ColumnGenerationResult<T> generate_columns_from(const Instance<T>& instance,
                                                ShapeList<T> dictionary,
                                                const ColumnGenerationOptions& options) {
  instance.validate();
  ColumnGenerationResult<T> out;
  out.mode = master_mode(instance, options.master);
  out.mirrored_pairs = options.symmetric_pricing && instance.symmetric;
  // Pairs price g with gᵀ; the Farley bound then needs a mirror-closed dictionary.
  if (out.mirrored_pairs) dictionary = with_mirrors(dictionary);
  out.initial_columns = dictionary.size();
  std::set<std::string> names;
  ColumnList<T> columns;
  for (auto& s : dictionary) {
    names.insert(shape_name(normalised_shape(s.g)));
    if (auto column = column_in_domain(instance, std::move(s))) {
      columns.push_back(std::move(*column));
    } else {
      ++out.initial_outside_domain;
    }
  }
  const bool paper = out.mode == DesignMode::paper_multipliers;
  auto solve_master = [&] {
    out.master = solve_design_columns(instance, columns, out.mode);
    ++out.lp_solves;
    out.columns = columns.size();
  };
  for (std::size_t round = 0; round < options.max_rounds; ++round) {
    if (options.progress != nullptr) options.progress->check();
    solve_master();
    if (!out.master.mechanism) {
      out.certificate = fmt::format(
          "master LP not optimal ({}): no feasible mechanism over the "
          "dictionary",
          out.master.solution.note);
      return out;
    }
    PricingRound<T> r;
    r.round = round + 1;
    r.value = out.master.mechanism->probability;
    if (sign_of(r.value) == 0) {  // nothing escalates: no column can do better
      r.bound = r.value;
      out.rounds.push_back(r);
      out.converged = true;
      out.lower_bound = r.value;
      out.certificate = "Pr(G) = 0: optimal without pricing";
      return out;
    }
    if (out.master.solution.duals.empty()) {
      // Clp's optimum whose basis could not be evaluated: no duals to price with.
      out.rounds.push_back(r);
      out.certificate = fmt::format(
          "stopped: the master's basis could not be evaluated ({}), so there are no duals to "
          "price with; the master is an upper bound only",
          out.master.solution.note);
      return out;
    }
    // rc/R of one column: (1 + δ + η) − δL̂ = δ(L̂* − L̂) from the multipliers
    // in paper mode (δL̂ without the division, so δ = 0 prices too), the
    // generic R − πᵀa from the row duals ex post. Scale: what "improving" is
    // relative to in double.
    std::optional<LagrangianReport<T>> rep;
    T base(1);
    if (paper) {
      rep = lagrangian_report(instance, out.master);
      base = T(1) + rep->multipliers.delta + rep->multipliers.eta_total;
      r.lagrangian_defined = rep->defined;
      r.target = rep->target;
    }
    auto price = [&](const ShapeColumn<T>& column) -> T {
      if (paper) {
        return base - scaled_lagrangian_value(rep->multipliers, instance.prior, column);
      }
      return shape_reduced_cost(out.master, instance.prior, column) / column.induced.probability;
    };
    const auto start = std::chrono::steady_clock::now();
    ShapeSearch<T> search(
        instance.types(), options,
        [&](const Matrix<T>& g) -> std::optional<T> {
          const auto column = column_in_domain(instance, Shape<T>{"candidate", g});
          if (!column) {
            ++r.outside_domain;
            return std::nullopt;
          }
          if (!out.mirrored_pairs) return price(*column);
          // R(gᵀ) = R(g): the pair's rc/R is the mean of the two.
          return (price(*column) + price(mirror_column(*column))) / T(2);
        },
        out.mirrored_pairs);
    const auto scored = search.run();
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    r.candidates = search.evaluated();
    if (!scored.empty()) {
      r.best_price = scored.front().score;
      if (r.lagrangian_defined) r.best_lagrangian = (base - r.best_price) / rep->multipliers.delta;
      r.best_shape = scored.front().name;
    }
    r.bound = farley_bound(r.value, r.best_price);
    out.lower_bound = r.bound;
    std::size_t added_pairs = 0;
    for (const auto& s : scored) {
      if (added_pairs >= options.add_per_round || !improving(s.score, base, options.tolerance)) {
        break;
      }
      if (!names.insert(s.name).second) continue;
      ++added_pairs;
      columns.push_back(make_column(instance, Shape<T>{s.name, s.g}));
      ++r.added;
      if (out.mirrored_pairs) {
        auto mirror = mirror_column(columns.back());
        const auto mirror_name = shape_name(mirror.shape.g);
        if (names.insert(mirror_name).second) {
          mirror.shape.name = mirror_name;
          columns.push_back(std::move(mirror));
          ++r.added;
        }
      }
    }
    out.rounds.push_back(r);
    out.columns = columns.size();
    if (r.added == 0 && !scored.empty() &&
        improving(scored.front().score, base, options.tolerance)) {
      // Every improving candidate is already a column: the master's duals do
      // not price its own columns right (rounding), so nothing is certified.
      out.lower_bound.reset();
      out.certificate = fmt::format(
          "stopped: the best candidate {} prices out (rc/R = {}) but is already in the "
          "dictionary, so the master's duals are inconsistent; no optimality certificate",
          r.best_shape, number_text(r.best_price));
      return out;
    }
    if (r.added == 0) {
      out.converged = true;
      const std::string lagrangian =
          r.lagrangian_defined
              ? fmt::format(" (max L̂ = {} at {}, L̂* = {})", number_text(r.best_lagrangian),
                            r.best_shape, number_text(r.target))
          : paper ? fmt::format(" at {} (δ = 0: priced by (1 + η) − δL̂, L̂ undefined)", r.best_shape)
                  : fmt::format(" at {} (ex-post master, priced by its row duals)", r.best_shape);
      out.certificate = fmt::format(
          "no improving column in {}: min rc/R = {}{}; the master is optimal over the convex "
          "hull of its {} columns and these candidates, not proven over the continuum of shapes",
          search.described(), number_text(r.best_price), lagrangian, columns.size());
      return out;
    }
  }
  solve_master();
  // The last round's bound still holds: the columns it added are among the
  // candidates it priced.
  out.certificate = fmt::format(
      "stopped after {} rounds with improving columns left: the master is an upper bound; "
      "the last round's dual bound {} holds over the dictionary and its candidates",
      options.max_rounds,
      out.rounds.empty() ? std::string("none") : number_text(out.rounds.back().bound));
  return out;
}

template <class T>
ColumnGenerationResult<T> generate_columns(const Instance<T>& instance,
                                           const ColumnGenerationOptions& options,
                                           ShapeList<T> initial) {
  const std::size_t k = instance.types();
  ShapeList<T> dict = unit_shapes<T>(k);
  if (options.initial_zero_one && k <= 3) {
    dict = zero_one_shapes<T>(k);  // contains the unit shapes and the all-ones shape
  } else {
    dict.push_back({"ones", Matrix<T>(k, std::vector<T>(k, T(1)))});
  }
  for (auto& s : initial) dict.push_back(std::move(s));
  return generate_columns_from(instance, std::move(dict), options);
}

template <class T>
SingleShapeResult<T> best_single_shape(const Instance<T>& instance,
                                       const ColumnGenerationOptions& options) {
  instance.validate();
  SingleShapeResult<T> out;
  ShapeSearch<T> search(instance.types(), options, [&](const Matrix<T>& g) -> std::optional<T> {
    ++out.lp_solves;
    DesignResult<T> d;
    try {
      d = solve_design(instance, {Shape<T>{"candidate", g}});
    } catch (const GameDomainError&) {
      ++out.outside_domain;
      return std::nullopt;
    }
    if (!d.mechanism) return std::nullopt;  // B(g) ∈ {B}_∅: no z supports it
    ++out.feasible;
    return d.mechanism->probability;
  });
  const auto scored = search.run();
  out.evaluated = search.evaluated();
  out.searched = search.described();
  if (scored.empty()) return out;
  out.found = true;
  out.shape = {scored.front().name, scored.front().g};
  out.value = scored.front().score;
  out.design = solve_design(instance, {out.shape});
  ++out.lp_solves;
  return out;
}

template ColumnGenerationResult<Rational> generate_columns(const Instance<Rational>&,
                                                           const ColumnGenerationOptions&,
                                                           ShapeList<Rational>);
template ColumnGenerationResult<Rational> generate_columns_from(const Instance<Rational>&,
                                                                ShapeList<Rational>,
                                                                const ColumnGenerationOptions&);
template SingleShapeResult<Rational> best_single_shape(const Instance<Rational>&,
                                                       const ColumnGenerationOptions&);
template ShapeList<Rational> zero_one_shapes(std::size_t);
template ColumnGenerationResult<double> generate_columns(const Instance<double>&,
                                                         const ColumnGenerationOptions&,
                                                         ShapeList<double>);
template ColumnGenerationResult<double> generate_columns_from(const Instance<double>&,
                                                              ShapeList<double>,
                                                              const ColumnGenerationOptions&);
template SingleShapeResult<double> best_single_shape(const Instance<double>&,
                                                     const ColumnGenerationOptions&);
template ShapeList<double> zero_one_shapes(std::size_t);

}  // namespace mechlab::mediation
