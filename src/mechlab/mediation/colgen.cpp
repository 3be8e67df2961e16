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
struct Scored {
  Matrix<T> g;
  std::string name;
  T score;
};

// Minimises `score` (nullopt = unusable shape) over the candidate set of the
// header: the max-entry-1 grid for K = 2, coordinate search on the grid from
// 0/1 and random starts for K ≥ 3. Every distinct shape is scored once.
template <class T>
class ShapeSearch {
 public:
  using Score = std::function<std::optional<T>(const Matrix<T>&)>;
  ShapeSearch(std::size_t types, const ColumnGenerationOptions& options, Score score)
      : k_(types), o_(options), score_(std::move(score)) {}

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
    if (k_ == 2) {
      return fmt::format("the grid {{0, 1/{0}, ..., 1}}^(2x2) with max entry 1 ({1} shapes)",
                         o_.grid, seen_.size());
    }
    return fmt::format(
        "coordinate search on the grid of step 1/{} from {} 0/1 and {} random "
        "starts ({} distinct shapes scored)",
        o_.grid, o_.starts, o_.starts, seen_.size());
  }

 private:
  std::optional<T> eval(const Matrix<T>& raw) {
    if (is_zero(raw)) return std::nullopt;
    const auto g = normalised_shape(raw);
    auto name = shape_name(g);
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
void check_size(const Instance<T>& instance) {
  if (instance.types() > 6) {
    throw InputError("/types", "K <= 6 for column generation (paper-mode master LP)",
                     std::to_string(instance.types()));
  }
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
  check_size(instance);
  ColumnGenerationResult<T> out;
  out.initial_columns = dictionary.size();
  std::set<std::string> names;
  for (const auto& s : dictionary) names.insert(shape_name(normalised_shape(s.g)));
  for (std::size_t round = 0; round < options.max_rounds; ++round) {
    if (options.progress != nullptr) options.progress->check();
    out.master = solve_design(instance, dictionary, DesignMode::paper_multipliers);
    ++out.lp_solves;
    out.columns = dictionary.size();
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
      out.rounds.push_back(r);
      out.converged = true;
      out.certificate = "Pr(G) = 0: optimal without pricing";
      return out;
    }
    const auto rep = lagrangian_report(instance, out.master);
    const T& delta = rep.multipliers.delta;
    const T base = T(1) + delta + rep.multipliers.eta_total;
    r.target = rep.target;
    const auto start = std::chrono::steady_clock::now();
    ShapeSearch<T> search(instance.types(), options, [&](const Matrix<T>& g) -> std::optional<T> {
      const auto column = make_column(instance, Shape<T>{"candidate", g});
      return base - delta * lagrangian_value(rep.multipliers, instance.prior, column);
    });
    const auto scored = search.run();
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    r.candidates = search.evaluated();
    if (!scored.empty()) {
      r.best_price = scored.front().score;
      r.best_lagrangian = (base - r.best_price) / delta;
      r.best_shape = scored.front().name;
    }
    for (const auto& s : scored) {
      if (r.added >= options.add_per_round || !improving(s.score, base, options.tolerance)) break;
      if (!names.insert(s.name).second) continue;
      dictionary.push_back({s.name, s.g});
      ++r.added;
    }
    out.rounds.push_back(r);
    if (r.added == 0 && !scored.empty() &&
        improving(scored.front().score, base, options.tolerance)) {
      // Every improving candidate is already a column: the master's duals do
      // not price its own columns right (rounding), so nothing is certified.
      out.certificate = fmt::format(
          "stopped: the best candidate {} prices out (rc/R = {}) but is already in the "
          "dictionary, so the master's duals are inconsistent; no optimality certificate",
          r.best_shape, number_text(r.best_price));
      out.columns = dictionary.size();
      return out;
    }
    if (r.added == 0) {
      out.converged = true;
      out.certificate = fmt::format(
          "no improving column in {}: min rc/R = {} (max L̂ = {} at {}, L̂* = {}); the master is "
          "optimal over the convex hull of its {} columns and these candidates, not proven over "
          "the continuum of shapes",
          search.described(), number_text(r.best_price), number_text(r.best_lagrangian),
          r.best_shape, number_text(r.target), dictionary.size());
      return out;
    }
  }
  out.master = solve_design(instance, dictionary, DesignMode::paper_multipliers);
  ++out.lp_solves;
  out.columns = dictionary.size();
  out.certificate = fmt::format(
      "stopped after {} rounds with improving columns left: an upper "
      "bound only",
      options.max_rounds);
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
    const auto d = solve_design(instance, {Shape<T>{"candidate", g}});
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
