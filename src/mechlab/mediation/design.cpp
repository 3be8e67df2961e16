#include "mechlab/mediation/design.hpp"

#include <map>
#include <utility>

#include <fmt/format.h>

#include "mechlab/core/error.hpp"

namespace mechlab::mediation {

namespace {

// Coefficients of one row, merged by column, zeros dropped.
template <class T>
class RowTerms {
 public:
  void add(std::size_t column, const T& coefficient) { terms_[column] += coefficient; }
  std::vector<lp::Term<T>> take() const {
    std::vector<lp::Term<T>> out;
    for (const auto& [column, coefficient] : terms_) {
      if (sign_of(coefficient) != 0) out.push_back({column, coefficient});
    }
    return out;
  }

 private:
  std::map<std::size_t, T> terms_;
};

std::string type_set(unsigned mask, std::size_t k) {
  std::string out = "{";
  bool first = true;
  for (std::size_t t = 0; t < k; ++t) {
    if ((mask >> t) & 1U) {
      out += fmt::format("{}{}", first ? "" : ",", t + 1);
      first = false;
    }
  }
  return out + "}";
}

template <class T>
bool at_value(const T& value, const std::optional<T>& bound) {
  return bound && nearly_equal(value, *bound);
}

template <class T>
Degeneracy find_degeneracy(const lp::LinearProgram<T>& prog, const lp::LpResult<T>& sol) {
  Degeneracy d;
  const auto& basis = sol.basis;
  if (basis.columns.size() != prog.columns.size() || basis.rows.size() != prog.rows.size()) {
    return d;
  }
  for (std::size_t j = 0; j < prog.columns.size(); ++j) {
    const auto& c = prog.columns[j];
    if (basis.columns[j] == lp::VarStatus::basic) {
      if (at_value(sol.x[j], c.lower) || at_value(sol.x[j], c.upper))
        d.basic_at_bound.push_back(c.name);
    } else if (sign_of(sol.reduced_costs[j]) == 0) {
      d.nonbasic_zero_cost.push_back(c.name);
    }
  }
  for (std::size_t r = 0; r < prog.rows.size(); ++r) {
    const auto& row = prog.rows[r];
    if (basis.rows[r] == lp::VarStatus::basic) {
      if (at_value(sol.activity[r], row.lower) || at_value(sol.activity[r], row.upper)) {
        d.basic_at_bound.push_back(row.name);
      }
    } else if (sign_of(sol.duals[r]) == 0 &&
               !(row.lower && row.upper && *row.lower == *row.upper)) {
      d.nonbasic_zero_cost.push_back(row.name);
    }
  }
  return d;
}

template <class T>
void check_shape(const Shape<T>& s, std::size_t k, std::size_t c) {
  const std::string at = fmt::format("/shapes/{}", c);
  if (s.g.size() != k)
    throw InputError(at, fmt::format("{} rows", k), fmt::format("{}", s.g.size()));
  bool nonzero = false;
  for (std::size_t a = 0; a < k; ++a) {
    if (s.g[a].size() != k) {
      throw InputError(fmt::format("{}/{}", at, a), fmt::format("{} entries", k),
                       fmt::format("{}", s.g[a].size()));
    }
    for (std::size_t b = 0; b < k; ++b) {
      if (s.g[a][b] < T(0) || s.g[a][b] > T(1)) {
        throw InputError(fmt::format("{}/{}/{}", at, a, b), "an entry in [0, 1]",
                         number_text(s.g[a][b]));
      }
      nonzero = nonzero || sign_of(s.g[a][b]) > 0;
    }
  }
  if (!nonzero) throw InputError(at, "a non-zero escalation shape", "all zeros");
}

// Σ_{(a,b) ∈ Q̃} p(a)p(b)g(a,b), Q̃ = {(a,b): a ∉ Q1, b ∉ Q2}.
template <class T>
T outside_mass(const Matrix<T>& g, const std::vector<T>& p, unsigned q1, unsigned q2) {
  T sum(0);
  for (std::size_t a = 0; a < p.size(); ++a) {
    if ((q1 >> a) & 1U) continue;
    for (std::size_t b = 0; b < p.size(); ++b) {
      if (!((q2 >> b) & 1U)) sum += p[a] * p[b] * g[a][b];
    }
  }
  return sum;
}

// The signal weights α_c at the optimum x and the escalation rule they mix,
// γ = Σ_c α_c g_c (both master LPs).
template <class T>
ReducedForm<T> mixture(const DesignResult<T>& res, const std::vector<T>& x,
                       const std::vector<std::size_t>& alpha, std::size_t k) {
  ReducedForm<T> mech;
  mech.probability = res.solution.objective;
  mech.gamma.assign(k, std::vector<T>(k, T(0)));
  for (std::size_t c = 0; c < res.columns.size(); ++c) {
    mech.weights.push_back(x[alpha[c]]);
    for (std::size_t a = 0; a < k; ++a) {
      for (std::size_t b = 0; b < k; ++b) {
        mech.gamma[a][b] += x[alpha[c]] * res.columns[c].shape.g[a][b];
      }
    }
  }
  return mech;
}

}  // namespace

template <class T>
ShapeColumn<T> make_column(const Instance<T>& instance, Shape<T> shape) {
  ShapeColumn<T> col;
  col.induced = beliefs_from_rule(shape.g, instance.prior);
  col.payoff = instance.game->payoffs(col.induced.beliefs);
  col.shape = std::move(shape);
  return col;
}

template <class T>
T column_escalation_value(const ShapeColumn<T>& column, std::size_t i, std::size_t report,
                          std::size_t type) {
  const T& reach = column.induced.marginal[i][report];
  if (sign_of(reach) == 0) return T(0);  // off path: U is never used
  return reach * column.payoff[i][report][type];
}

template <class T>
ShapeColumn<T> mirror_column(const ShapeColumn<T>& column) {
  ShapeColumn<T> out = column;
  const std::size_t k = column.shape.g.size();
  for (std::size_t a = 0; a < k; ++a) {
    for (std::size_t b = 0; b < k; ++b) {
      out.shape.g[a][b] = column.shape.g[b][a];
      out.induced.rho[a][b] = column.induced.rho[b][a];
    }
  }
  out.shape.name = column.shape.name + "^T";
  std::swap(out.induced.marginal[0], out.induced.marginal[1]);
  std::swap(out.induced.rho_marginal[0], out.induced.rho_marginal[1]);
  std::swap(out.induced.beliefs.beta[0], out.induced.beliefs.beta[1]);
  std::swap(out.induced.beliefs.on_path[0], out.induced.beliefs.on_path[1]);
  std::swap(out.payoff[0], out.payoff[1]);
  return out;
}

template <class T>
T shape_reduced_cost(const DesignResult<T>& design, const std::vector<T>& prior,
                     const ShapeColumn<T>& column) {
  if (design.solution.status != lp::SolveStatus::optimal || design.solution.duals.empty()) {
    throw InputError("/mode", "an optimal design with row duals", lp::status_text(design.solution));
  }
  const auto& y = design.solution.duals;
  const auto& idx = design.index;
  const std::size_t k = prior.size();
  T rc = column.induced.probability;
  // Only rows with a non-zero dual matter; most are slack. A symmetric design's
  // aliased rows carry twice the full LP's symmetric dual (DesignIndex).
  const T aliased = idx.symmetric ? T(1) / T(2) : T(1);
  auto take = [&](std::size_t row, const auto& coefficient, const T& share) {
    if (row != SIZE_MAX && sign_of(y[row]) != 0) rc -= share * y[row] * coefficient();
  };
  for (std::size_t i = 0; i < 2; ++i) {
    for (std::size_t t = 0; t < k; ++t) {
      for (std::size_t m = 0; m < k; ++m) {
        if (m == t) continue;
        take(
            idx.ic[i][t][m],
            [&] {
              return T(column_escalation_value(column, i, t, t) -
                       column_escalation_value(column, i, m, t));
            },
            aliased);
      }
      take(
          idx.pc[i][t], [&] { return column_escalation_value(column, i, t, t); }, aliased);
    }
  }
  const T one(1);
  for (std::size_t a = 0; a < k; ++a) {
    for (std::size_t b = 0; b < k; ++b) {
      take(
          idx.feasibility[a][b], [&] { return column.shape.g[a][b]; }, a == b ? one : aliased);
    }
  }
  if (design.mode == DesignMode::paper_multipliers) {
    take(
        idx.rc, [&] { return column.induced.probability; }, one);
    for (const auto& e : idx.border) {
      take(
          e.row,
          [&] {
            return T(column.induced.probability - outside_mass(column.shape.g, prior, e.q1, e.q2));
          },
          one);
    }
  }
  return rc;
}

template <class T>
ShapeList<T> unit_shapes(std::size_t types) {
  std::vector<Shape<T>> out;
  for (std::size_t a = 0; a < types; ++a) {
    for (std::size_t b = 0; b < types; ++b) {
      Matrix<T> g(types, std::vector<T>(types, T(0)));
      g[a][b] = T(1);
      out.push_back({fmt::format("gamma({},{})", a + 1, b + 1), std::move(g)});
    }
  }
  return out;
}

template <class T>
PayoffTable<T> escalation_values(const ColumnList<T>& columns, const std::vector<T>& weights) {
  const std::size_t k = columns.empty() ? 0 : columns.front().shape.g.size();
  std::array<Matrix<T>, 2> y;
  for (std::size_t i = 0; i < 2; ++i) {
    y[i].assign(k, std::vector<T>(k, T(0)));
    for (std::size_t c = 0; c < columns.size(); ++c) {
      if (sign_of(weights[c]) == 0) continue;
      for (std::size_t m = 0; m < k; ++m) {
        const T& reach = columns[c].induced.marginal[i][m];
        if (sign_of(reach) == 0) continue;  // off path: U is never used
        for (std::size_t theta = 0; theta < k; ++theta) {
          y[i][m][theta] += weights[c] * reach * columns[c].payoff[i][m][theta];
        }
      }
    }
  }
  return y;
}

template <class T>
DesignResult<T> solve_design(const Instance<T>& instance, ShapeList<T> dictionary, DesignMode mode,
                             Progress& progress) {
  instance.validate();
  const std::size_t k = instance.types();
  if (dictionary.empty()) throw InputError("/shapes", "at least one escalation shape", "none");
  ColumnList<T> columns;
  for (std::size_t c = 0; c < dictionary.size(); ++c) {
    check_shape(dictionary[c], k, c);
    columns.push_back(make_column(instance, std::move(dictionary[c])));
  }
  return solve_design_columns(instance, std::move(columns), mode, progress);
}

template <class T>
DesignResult<T> solve_design_columns(const Instance<T>& instance, ColumnList<T> columns,
                                     DesignMode mode, Progress& progress) {
  const std::size_t k = instance.types();
  const auto& p = instance.prior;
  if (columns.empty()) throw InputError("/shapes", "at least one escalation shape", "none");
  if (mode == DesignMode::paper_multipliers && k > 6) {
    throw InputError("/types", "K <= 6 for the reduced-form LP (4^K - 2 Border rows); use ex_post",
                     fmt::format("{}", k));
  }
  DesignResult<T> res;
  res.mode = mode;
  res.columns = std::move(columns);
  auto& prog = res.lp;
  auto& idx = res.index;
  prog.name = mode == DesignMode::ex_post ? "mediation-ex-post" : "mediation-reduced-form";
  prog.sense = lp::Sense::minimize;
  for (const auto& col : res.columns) {
    idx.alpha.push_back(prog.add_column(fmt::format("alpha[{}]", col.shape.name), T(0),
                                        std::nullopt, col.induced.probability));
  }
  // z_i(θ) as terms: Σ p s_i in ex-post mode, a column in paper mode.
  std::array<std::vector<std::vector<lp::Term<T>>>, 2> z_terms;
  std::array<Matrix<std::size_t>, 2> s_col;
  for (std::size_t i = 0; i < 2; ++i) z_terms[i].assign(k, {});
  if (mode == DesignMode::ex_post) {
    for (std::size_t i = 0; i < 2; ++i) {
      s_col[i].assign(k, std::vector<std::size_t>(k));
      for (std::size_t a = 0; a < k; ++a) {
        for (std::size_t b = 0; b < k; ++b) {
          s_col[i][a][b] = prog.add_column(fmt::format("s{}({},{})", i + 1, a + 1, b + 1), T(0),
                                           std::nullopt, T(0));
          // Player 1's report is a, player 2's is b; the opponent's type weighs.
          if (i == 0) z_terms[0][a].push_back({s_col[0][a][b], p[b]});
          if (i == 1) z_terms[1][b].push_back({s_col[1][a][b], p[a]});
        }
      }
    }
  } else {
    for (std::size_t i = 0; i < 2; ++i) {
      idx.z[i].resize(k);
      for (std::size_t t = 0; t < k; ++t) {
        idx.z[i][t] =
            prog.add_column(fmt::format("z{}({})", i + 1, t + 1), T(0), std::nullopt, T(0));
        z_terms[i][t].push_back({idx.z[i][t], T(1)});
      }
    }
  }
  auto add_z = [&](RowTerms<T>& row, std::size_t i, std::size_t t, const T& factor) {
    for (const auto& term : z_terms[i][t]) row.add(term.column, factor * term.coefficient);
  };
  // y_i(m; θ) as terms in α.
  auto add_y = [&](RowTerms<T>& row, std::size_t i, std::size_t m, std::size_t t, const T& factor) {
    for (std::size_t c = 0; c < res.columns.size(); ++c) {
      const T value = column_escalation_value(res.columns[c], i, m, t);
      if (sign_of(value) != 0) row.add(idx.alpha[c], factor * value);
    }
  };
  // IC and PC, both players.
  for (std::size_t i = 0; i < 2; ++i) {
    idx.ic[i].assign(k, std::vector<std::size_t>(k, SIZE_MAX));
    idx.pc[i].assign(k, SIZE_MAX);
    for (std::size_t t = 0; t < k; ++t) {
      for (std::size_t m = 0; m < k; ++m) {
        if (m == t) continue;
        RowTerms<T> row;
        add_z(row, i, t, T(1));
        add_z(row, i, m, T(-1));
        add_y(row, i, t, t, T(1));
        add_y(row, i, m, t, T(-1));
        idx.ic[i][t][m] = prog.add_row(fmt::format("IC[{}]({}->{})", i + 1, t + 1, m + 1),
                                       row.take(), T(0), std::nullopt);
      }
    }
    for (std::size_t t = 0; t < k; ++t) {
      RowTerms<T> row;
      add_z(row, i, t, T(1));
      add_y(row, i, t, t, T(1));
      idx.pc[i][t] = prog.add_row(fmt::format("PC[{}]({})", i + 1, t + 1), row.take(),
                                  instance.veto[t], std::nullopt);
    }
  }
  // Feasibility per profile.
  idx.feasibility.assign(k, std::vector<std::size_t>(k, SIZE_MAX));
  for (std::size_t a = 0; a < k; ++a) {
    for (std::size_t b = 0; b < k; ++b) {
      RowTerms<T> row;
      for (std::size_t c = 0; c < res.columns.size(); ++c) {
        row.add(idx.alpha[c], res.columns[c].shape.g[a][b]);
      }
      if (mode == DesignMode::ex_post) {
        row.add(s_col[0][a][b], T(1));
        row.add(s_col[1][a][b], T(1));
      }
      auto terms = row.take();
      if (terms.empty()) continue;  // no shape escalates at (a,b): γ(a,b) = 0 ≤ 1
      idx.feasibility[a][b] =
          prog.add_row(fmt::format("F({},{})", a + 1, b + 1), std::move(terms), std::nullopt, T(1));
    }
  }
  if (mode == DesignMode::paper_multipliers) {
    // EP(Q1,Q2): Σ_i Σ_{θ∈Q_i} p z_i + Σ_c α_c [R_c − Σ_{Q̃} p p g^c] ≤ 1 − Σ_{Q̃} p p,
    // Q̃ = {(a,b): a ∉ Q1, b ∉ Q2}; (Θ,Θ) is RC, (∅,∅) is trivial.
    const unsigned full = (1U << k) - 1U;
    const Matrix<T> everywhere(k, std::vector<T>(k, T(1)));
    for (unsigned q1 = 0; q1 <= full; ++q1) {
      for (unsigned q2 = 0; q2 <= full; ++q2) {
        if (q1 == 0 && q2 == 0) continue;
        RowTerms<T> row;
        for (std::size_t t = 0; t < k; ++t) {
          if ((q1 >> t) & 1U) add_z(row, 0, t, p[t]);
          if ((q2 >> t) & 1U) add_z(row, 1, t, p[t]);
        }
        for (std::size_t c = 0; c < res.columns.size(); ++c) {
          const auto& col = res.columns[c];
          row.add(idx.alpha[c], col.induced.probability - outside_mass(col.shape.g, p, q1, q2));
        }
        const T outside = outside_mass(everywhere, p, q1, q2);
        const bool is_rc = q1 == full && q2 == full;
        const std::string name =
            is_rc ? std::string("RC") : fmt::format("EP({},{})", type_set(q1, k), type_set(q2, k));
        const std::size_t r = prog.add_row(name, row.take(), std::nullopt, T(1) - outside);
        if (is_rc) {
          idx.rc = r;
        } else {
          idx.border.push_back({q1, q2, r});
        }
      }
    }
  }
  res.solution = lp::solve(prog, progress);
  if (res.solution.status != lp::SolveStatus::optimal) return res;
  const auto& x = res.solution.x;
  ReducedForm<T> mech = mixture(res, x, idx.alpha, k);
  for (std::size_t i = 0; i < 2; ++i) {
    mech.z[i].assign(k, T(0));
    for (std::size_t t = 0; t < k; ++t) {
      for (const auto& term : z_terms[i][t]) mech.z[i][t] += term.coefficient * x[term.column];
    }
    if (mode == DesignMode::ex_post) {
      mech.settlement[i].assign(k, std::vector<T>(k));
      for (std::size_t a = 0; a < k; ++a) {
        for (std::size_t b = 0; b < k; ++b) mech.settlement[i][a][b] = x[s_col[i][a][b]];
      }
    }
  }
  mech.y = escalation_values(res.columns, mech.weights);
  res.mechanism = std::move(mech);
  res.binding = lp::binding_rows(prog, res.solution);
  res.degeneracy = find_degeneracy(prog, res.solution);
  return res;
}

namespace {

// Columns of a lottery game for shapes with at most one escalating opponent
// type per report (unit shapes, mirrored unit pairs). A lottery's U_i(m; ·)
// depends on β_i(·|m) alone, and such a B(g) is a point mass on every on-path
// report and the prior on the others: K + 1 payoff tables serve all columns
// (K = 20: 21 instead of 400, most of the lottery LP's build time before).
template <class T>
ColumnList<T> point_mass_columns(const Instance<T>& instance, ShapeList<T> shapes) {
  instance.validate();
  if (instance.game->lottery() == nullptr) {
    throw InputError("/game", "a lottery game (U linear in beliefs) for the unit-shape fast path",
                     instance.game->name());
  }
  const std::size_t k = instance.types();
  const auto& game = *instance.game;
  auto uniform_rows = [k](const std::vector<T>& row) {
    BeliefSystem<T> b;
    for (std::size_t i = 0; i < 2; ++i) {
      b.beta[i].assign(k, row);
      b.on_path[i].assign(k, true);
    }
    return b;
  };
  const PayoffTable<T> at_prior = game.payoffs(uniform_rows(instance.prior));
  std::vector<PayoffTable<T>> at_point;
  for (std::size_t t = 0; t < k; ++t) {
    std::vector<T> point(k, T(0));
    point[t] = T(1);
    at_point.push_back(game.payoffs(uniform_rows(point)));
  }
  ColumnList<T> out;
  for (auto& shape : shapes) {
    ShapeColumn<T> col;
    col.induced = beliefs_from_rule(shape.g, instance.prior);
    col.payoff = at_prior;
    for (std::size_t m = 0; m < k; ++m) {
      for (std::size_t t = 0; t < k; ++t) {
        // Player 1 reporting m escalates against type t only; player 2 likewise.
        if (sign_of(shape.g[m][t]) != 0) col.payoff[0][m] = at_point[t][0][m];
        if (sign_of(shape.g[t][m]) != 0) col.payoff[1][m] = at_point[t][1][m];
      }
    }
    col.shape = std::move(shape);
    out.push_back(std::move(col));
  }
  return out;
}

}  // namespace

template <class T>
ColumnList<T> lottery_unit_columns(const Instance<T>& instance) {
  return point_mass_columns(instance, unit_shapes<T>(instance.types()));
}

template <class T>
DesignResult<T> solve_symmetric_lottery(const Instance<T>& instance, Progress& progress) {
  if (!instance.symmetric) {
    throw InputError("/symmetric", "a symmetric instance for the symmetric lottery LP", "false");
  }
  const std::size_t k = instance.types();
  const auto& p = instance.prior;
  ShapeList<T> shapes;
  for (std::size_t a = 0; a < k; ++a) {
    for (std::size_t b = a; b < k; ++b) {
      Matrix<T> g(k, std::vector<T>(k, T(0)));
      g[a][b] = g[b][a] = T(1);
      shapes.push_back({a == b
                            ? fmt::format("gamma({},{})", a + 1, a + 1)
                            : fmt::format("gamma({},{})+gamma({},{})", a + 1, b + 1, b + 1, a + 1),
                        std::move(g)});
    }
  }
  DesignResult<T> res;
  res.mode = DesignMode::ex_post;
  res.columns = point_mass_columns(instance, std::move(shapes));
  auto& prog = res.lp;
  auto& idx = res.index;
  idx.symmetric = true;
  prog.name = "mediation-ex-post-symmetric";
  prog.sense = lp::Sense::minimize;
  for (const auto& col : res.columns) {
    idx.alpha.push_back(prog.add_column(fmt::format("alpha[{}]", col.shape.name), T(0),
                                        std::nullopt, col.induced.probability));
  }
  // s(a,b) = s_1(a,b) = s_2(b,a); z_1(m) = z_2(m) = Σ_b p(b) s(m,b).
  Matrix<std::size_t> s_col(k, std::vector<std::size_t>(k));
  for (std::size_t a = 0; a < k; ++a) {
    for (std::size_t b = 0; b < k; ++b) {
      s_col[a][b] =
          prog.add_column(fmt::format("s1({},{})", a + 1, b + 1), T(0), std::nullopt, T(0));
    }
  }
  auto add_z = [&](RowTerms<T>& row, std::size_t t, const T& factor) {
    for (std::size_t b = 0; b < k; ++b) row.add(s_col[t][b], factor * p[b]);
  };
  auto add_y = [&](RowTerms<T>& row, std::size_t m, std::size_t t, const T& factor) {
    for (std::size_t c = 0; c < res.columns.size(); ++c) {
      const T value = column_escalation_value(res.columns[c], 0, m, t);
      if (sign_of(value) != 0) row.add(idx.alpha[c], factor * value);
    }
  };
  idx.ic[0].assign(k, std::vector<std::size_t>(k, SIZE_MAX));
  idx.pc[0].assign(k, SIZE_MAX);
  for (std::size_t t = 0; t < k; ++t) {
    for (std::size_t m = 0; m < k; ++m) {
      if (m == t) continue;
      RowTerms<T> row;
      add_z(row, t, T(1));
      add_z(row, m, T(-1));
      add_y(row, t, t, T(1));
      add_y(row, m, t, T(-1));
      idx.ic[0][t][m] =
          prog.add_row(fmt::format("IC[1]({}->{})", t + 1, m + 1), row.take(), T(0), std::nullopt);
    }
    RowTerms<T> row;
    add_z(row, t, T(1));
    add_y(row, t, t, T(1));
    idx.pc[0][t] =
        prog.add_row(fmt::format("PC[1]({})", t + 1), row.take(), instance.veto[t], std::nullopt);
  }
  idx.ic[1] = idx.ic[0];
  idx.pc[1] = idx.pc[0];
  idx.feasibility.assign(k, std::vector<std::size_t>(k, SIZE_MAX));
  for (std::size_t a = 0; a < k; ++a) {
    for (std::size_t b = a; b < k; ++b) {
      RowTerms<T> row;
      for (std::size_t c = 0; c < res.columns.size(); ++c) {
        row.add(idx.alpha[c], res.columns[c].shape.g[a][b]);
      }
      row.add(s_col[a][b], T(1));  // s_1(a,b)
      row.add(s_col[b][a], T(1));  // s_2(a,b) = s_1(b,a)
      idx.feasibility[a][b] = idx.feasibility[b][a] =
          prog.add_row(fmt::format("F({},{})", a + 1, b + 1), row.take(), std::nullopt, T(1));
    }
  }
  res.solution = lp::solve(prog, progress);
  if (res.solution.status != lp::SolveStatus::optimal) return res;
  const auto& x = res.solution.x;
  ReducedForm<T> mech = mixture(res, x, idx.alpha, k);
  for (std::size_t i = 0; i < 2; ++i) {
    mech.z[i].assign(k, T(0));
    mech.settlement[i].assign(k, std::vector<T>(k));
  }
  for (std::size_t a = 0; a < k; ++a) {
    for (std::size_t b = 0; b < k; ++b) {
      mech.z[0][a] += p[b] * x[s_col[a][b]];
      mech.settlement[0][a][b] = x[s_col[a][b]];
      mech.settlement[1][b][a] = x[s_col[a][b]];
    }
  }
  mech.z[1] = mech.z[0];
  mech.y = escalation_values(res.columns, mech.weights);
  res.mechanism = std::move(mech);
  res.binding = lp::binding_rows(prog, res.solution);
  res.degeneracy = find_degeneracy(prog, res.solution);
  return res;
}

template <class T>
DesignResult<T> solve_lottery(const Instance<T>& instance, DesignMode mode, Progress& progress) {
  return solve_design_columns(instance, lottery_unit_columns(instance), mode, progress);
}

template <class T>
ReducedForm<T> symmetrise_lottery(const Instance<T>& instance, const ReducedForm<T>& mechanism) {
  const Matrix<T>* u = instance.game->lottery();
  if (u == nullptr) {
    throw InputError("/game",
                     "a lottery game (symmetrise belief-dependent games by mirrored "
                     "signals instead)",
                     instance.game->name());
  }
  const std::size_t k = instance.types();
  const auto& p = instance.prior;
  const T half = T(1) / T(2);
  ReducedForm<T> out;
  out.gamma.assign(k, std::vector<T>(k));
  for (std::size_t a = 0; a < k; ++a) {
    for (std::size_t b = 0; b < k; ++b) {
      out.gamma[a][b] = half * (mechanism.gamma[a][b] + mechanism.gamma[b][a]);
      out.weights.push_back(out.gamma[a][b]);  // unit-shape order
      out.probability += p[a] * p[b] * out.gamma[a][b];
    }
  }
  for (std::size_t i = 0; i < 2; ++i) {
    out.z[i].assign(k, T(0));
    for (std::size_t t = 0; t < k; ++t)
      out.z[i][t] = half * (mechanism.z[0][t] + mechanism.z[1][t]);
  }
  if (!mechanism.settlement[0].empty()) {
    for (std::size_t i = 0; i < 2; ++i) {
      out.settlement[i].assign(k, std::vector<T>(k));
      for (std::size_t a = 0; a < k; ++a) {
        for (std::size_t b = 0; b < k; ++b) {
          out.settlement[i][a][b] =
              half * (mechanism.settlement[i][a][b] + mechanism.settlement[1 - i][b][a]);
        }
      }
    }
  }
  // y_1(m; θ) = Σ_b p(b) γ(m,b) u(θ,b); by symmetry y_2 = y_1.
  for (std::size_t i = 0; i < 2; ++i) {
    out.y[i].assign(k, std::vector<T>(k, T(0)));
    for (std::size_t m = 0; m < k; ++m) {
      for (std::size_t t = 0; t < k; ++t) {
        for (std::size_t b = 0; b < k; ++b) out.y[i][m][t] += p[b] * out.gamma[m][b] * (*u)[t][b];
      }
    }
  }
  return out;
}

template <class T>
ShapeList<T> with_mirrors(const ShapeList<T>& dictionary) {
  ShapeList<T> out = dictionary;
  for (const auto& s : dictionary) {
    const std::size_t k = s.g.size();
    Matrix<T> t(k, std::vector<T>(k));
    for (std::size_t a = 0; a < k; ++a) {
      for (std::size_t b = 0; b < k; ++b) t[a][b] = s.g[b][a];
    }
    bool present = false;
    for (const auto& o : out) present = present || o.g == t;
    if (!present) out.push_back({s.name + "^T", std::move(t)});
  }
  return out;
}

template <class T>
NamedValues<T> incentive_slacks(const Instance<T>& instance, const ReducedForm<T>& mech) {
  const std::size_t k = instance.types();
  std::vector<lp::NamedValue<T>> out;
  for (std::size_t i = 0; i < 2; ++i) {
    for (std::size_t t = 0; t < k; ++t) {
      const T truthful = mech.z[i][t] + mech.y[i][t][t];
      for (std::size_t m = 0; m < k; ++m) {
        if (m == t) continue;
        out.push_back({fmt::format("IC[{}]({}->{})", i + 1, t + 1, m + 1),
                       T(truthful - mech.z[i][m] - mech.y[i][m][t])});
      }
      out.push_back({fmt::format("PC[{}]({})", i + 1, t + 1), T(truthful - instance.veto[t])});
    }
  }
  return out;
}

template <class T>
std::vector<std::string> binding_incentive_constraints(const Instance<T>& instance,
                                                       const ReducedForm<T>& mechanism) {
  std::vector<std::string> out;
  for (const auto& s : incentive_slacks(instance, mechanism)) {
    if (sign_of(s.value) == 0) out.push_back(s.name);
  }
  return out;
}

#define MECHLAB_MEDIATION_INSTANTIATE(T)                                                          \
  template ShapeColumn<T> make_column(const Instance<T>&, Shape<T>);                              \
  template ShapeList<T> unit_shapes(std::size_t);                                                 \
  template PayoffTable<T> escalation_values(const ColumnList<T>&, const std::vector<T>&);         \
  template DesignResult<T> solve_design(const Instance<T>&, ShapeList<T>, DesignMode, Progress&); \
  template DesignResult<T> solve_design_columns(const Instance<T>&, ColumnList<T>, DesignMode,    \
                                                Progress&);                                       \
  template T column_escalation_value(const ShapeColumn<T>&, std::size_t, std::size_t,             \
                                     std::size_t);                                                \
  template ShapeColumn<T> mirror_column(const ShapeColumn<T>&);                                   \
  template T shape_reduced_cost(const DesignResult<T>&, const std::vector<T>&,                    \
                                const ShapeColumn<T>&);                                           \
  template DesignResult<T> solve_lottery(const Instance<T>&, DesignMode, Progress&);              \
  template ColumnList<T> lottery_unit_columns(const Instance<T>&);                                \
  template DesignResult<T> solve_symmetric_lottery(const Instance<T>&, Progress&);                \
  template ShapeList<T> with_mirrors(const ShapeList<T>&);                                        \
  template ReducedForm<T> symmetrise_lottery(const Instance<T>&, const ReducedForm<T>&);          \
  template NamedValues<T> incentive_slacks(const Instance<T>&, const ReducedForm<T>&);            \
  template std::vector<std::string> binding_incentive_constraints(const Instance<T>&,             \
                                                                  const ReducedForm<T>&);

MECHLAB_MEDIATION_INSTANTIATE(Rational)
MECHLAB_MEDIATION_INSTANTIATE(double)
#undef MECHLAB_MEDIATION_INSTANTIATE

}  // namespace mechlab::mediation
