#include "mechlab/alliance/region.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "mechlab/alliance/model.hpp"
#include "mechlab/alliance/theorem2.hpp"
#include "mechlab/alliance/truth.hpp"
#include "mechlab/core/error.hpp"
#include "mechlab/io/output.hpp"

namespace mechlab::alliance {

namespace {

// At most this many η rows in the text summary (CSV and JSON list them all).
constexpr std::size_t kRowsShown = 20;

template <class T>
std::string decimal(const T& x) {
  return fmt::format("{:.10g}", NumberTraits<T>::to_double(x));
}

std::string axis_option(RegionAxis axis) {
  return axis == RegionAxis::spread ? "--spread" : "--mean";
}

template <class T>
std::vector<T> axis_values(const T& from, const T& to, std::size_t points) {
  std::vector<T> out;
  out.reserve(points);
  if (points == 1) return {from};
  const T step = (to - from) / T(points - 1);
  for (std::size_t i = 0; i < points; ++i) out.push_back(from + step * T(i));
  out.back() = to;  // no drift in double
  return out;
}

void check_points(std::size_t points, const char* option) {
  if (points < 1 || points > kMaxRegionPoints) {
    throw InputError(option, fmt::format("from 1 to {} grid points", kMaxRegionPoints),
                     fmt::format("{}", points));
  }
}

template <class T>
void check_eta(const T& eta, const char* option) {
  if (!(sign_of(eta) > 0 && eta < T(1))) {
    throw InputError(option, "η inside the open interval (0,1)", NumberTraits<T>::to_text(eta));
  }
}

template <class T>
void check_options(const RegionOptions<T>& o) {
  if (o.players < 2 || o.players > kMaxRegionPlayers) {
    throw InputError("--n", fmt::format("from 2 to {} players", kMaxRegionPlayers),
                     fmt::format("{}", o.players));
  }
  check_eta(o.eta_from, "--eta-from");
  check_eta(o.eta_to, "--eta-to");
  // Ascending axes: the text summary reads "the largest value where ... holds".
  if (o.eta_to < o.eta_from) {
    throw InputError("--eta-to",
                     fmt::format("at least --eta-from = {}", NumberTraits<T>::to_text(o.eta_from)),
                     NumberTraits<T>::to_text(o.eta_to));
  }
  if (o.to < o.from) {
    const std::string name = axis_option(o.axis);
    throw InputError(name + "-to",
                     fmt::format("at least {}-from = {}", name, NumberTraits<T>::to_text(o.from)),
                     NumberTraits<T>::to_text(o.to));
  }
  check_points(o.eta_points, "--eta-points");
  check_points(o.points, "--points");
  const std::string axis = axis_option(o.axis);
  if (o.axis == RegionAxis::spread) {
    for (const auto& [value, option] :
         {std::pair{&o.from, axis + "-from"}, {&o.to, axis + "-to"}}) {
      if (sign_of(*value) < 0) {
        throw InputError(option, "a bias spread b_d >= 0", NumberTraits<T>::to_text(*value));
      }
    }
  } else if (sign_of(o.spread) <= 0) {
    throw InputError("--spread", "a bias spread b_d > 0 (the mean axis keeps it fixed)",
                     NumberTraits<T>::to_text(o.spread));
  }
}

}  // namespace

std::string axis_name(RegionAxis axis) { return axis == RegionAxis::spread ? "spread" : "mean"; }

template <class T>
RegionOptions<T> default_region_options(std::size_t players, RegionAxis axis) {
  RegionOptions<T> o;
  o.players = players;
  o.axis = axis;
  o.eta_from = T(1) / T(100);
  o.eta_to = T(99) / T(100);
  o.eta_points = 200;
  o.from = T(0);
  o.to = T(1) / T(4);
  o.points = 200;
  o.spread = T(1) / T(10);
  return o;
}

template <class T>
std::vector<T> region_biases(std::size_t players, RegionAxis axis, const T& value,
                             const T& spread) {
  const T n(players);
  if (axis == RegionAxis::spread) {
    std::vector<T> b(players, T(0));
    b.back() = value;
    return b;
  }
  std::vector<T> b(players, value - spread / n);
  b.back() = value + T(players - 1) * spread / n;
  return b;
}

template <class T>
RegionGrid<T> full_revelation_region(const RegionOptions<T>& options, Progress& progress) {
  check_options(options);
  RegionGrid<T> grid;
  grid.options = options;
  grid.etas = axis_values(options.eta_from, options.eta_to, options.eta_points);
  grid.values = axis_values(options.from, options.to, options.points);
  grid.largest_disagreement_interdependence = T(0);
  const std::size_t n = options.players;
  const std::size_t rows = grid.etas.size();
  const std::size_t columns = grid.values.size();
  progress.start(fmt::format("full-revelation region, n = {}", n), rows * columns);
  grid.points.resize(rows * columns);
  // Rows are independent: one alliance per row, updated in place (n and the
  // boxes never change), rows spread over the OpenMP threads. Progress, the
  // time limit and any exception are funnelled through one critical section
  // and rethrown after the loop (nothing may leave an OpenMP region).
  std::exception_ptr failure;
  std::atomic<bool> stop{false};
#pragma omp parallel for schedule(dynamic)
  for (std::ptrdiff_t r = 0; r < static_cast<std::ptrdiff_t>(rows); ++r) {
    const auto row = static_cast<std::size_t>(r);
    try {
      Alliance<T> alliance = paper_alliance(grid.etas[row], std::vector<T>(n, T(0)));
      for (std::size_t c = 0; c < columns && !stop.load(); ++c) {
        alliance.biases = region_biases(n, options.axis, grid.values[c], options.spread);
        const Theorem2Test<T> paper = theorem2_test(alliance);
        TruthTelling<T> exact = verify_truth_telling(alliance);
        grid.points[row * columns + c] =
            RegionPoint<T>{grid.etas[row],  grid.values[c],        paper.holds,
                           paper.eq5_holds, exact.fully_revealing, std::move(exact.worst_gain)};
        // One unit per point, so the time limit binds within a point's cost.
#pragma omp critical(mechlab_alliance_region)
        {
          try {
            if (!stop.load()) progress.advance();
          } catch (...) {
            if (!failure) failure = std::current_exception();
            stop.store(true);
          }
        }
      }
    } catch (...) {
#pragma omp critical(mechlab_alliance_region)
      if (!failure) failure = std::current_exception();
      stop.store(true);
    }
  }
  if (failure) std::rethrow_exception(failure);
  for (const auto& p : grid.points) {
    if (p.theorem2 && p.exact) ++grid.both_hold;
    if (!p.theorem2 && !p.exact) ++grid.both_fail;
    if (!p.theorem2 && p.exact) ++grid.exact_only;
    if (p.theorem2 && !p.exact) ++grid.paper_only;
    if (p.eq5 && !p.exact) ++grid.eq5_holds_exact_fails;
    if (!p.eq5 && p.exact) ++grid.eq5_fails_exact_holds;
    const T interdependence = T(n - 1) * p.eta;
    if (p.theorem2 != p.exact && grid.largest_disagreement_interdependence < interdependence) {
      grid.largest_disagreement_interdependence = interdependence;
    }
  }
  return grid;
}

template <class T>
std::string region_csv(const RegionGrid<T>& grid) {
  const std::string axis = axis_name(grid.options.axis);
  std::string out =
      fmt::format("eta,{0},eta_decimal,{0}_decimal,theorem2,eq5,exact,worst_gain\n", axis);
  for (const auto& p : grid.points) {
    out += fmt::format("{},{},{},{},{:d},{:d},{:d},{}\n", NumberTraits<T>::to_text(p.eta),
                       NumberTraits<T>::to_text(p.value), decimal(p.eta), decimal(p.value),
                       p.theorem2, p.eq5, p.exact, NumberTraits<T>::to_text(p.worst_gain));
  }
  return out;
}

template <class T>
nlohmann::json region_json(const RegionGrid<T>& grid) {
  const auto& o = grid.options;
  nlohmann::json options = {{"n", o.players},
                            {"axis", axis_name(o.axis)},
                            {"eta_from", io::number_json(o.eta_from)},
                            {"eta_to", io::number_json(o.eta_to)},
                            {"eta_points", o.eta_points},
                            {"from", io::number_json(o.from)},
                            {"to", io::number_json(o.to)},
                            {"points", o.points}};
  if (o.axis == RegionAxis::mean) options["spread"] = io::number_json(o.spread);
  nlohmann::json points = nlohmann::json::array();
  for (const auto& p : grid.points) {
    points.push_back({{"eta", io::number_json(p.eta)},
                      {axis_name(o.axis), io::number_json(p.value)},
                      {"theorem2", p.theorem2},
                      {"eq5", p.eq5},
                      {"exact", p.exact},
                      {"worst_gain", io::number_json(p.worst_gain)}});
  }
  return {{"options", std::move(options)},
          {"composition", o.axis == RegionAxis::spread
                              ? "n-1 players at bias 0, one hawk at b_d"
                              : "n-1 players at m - b_d/n, one hawk at m + (n-1)b_d/n"},
          {"counts",
           {{"points", grid.points.size()},
            {"both_hold", grid.both_hold},
            {"both_fail", grid.both_fail},
            {"exact_only", grid.exact_only},
            {"paper_only", grid.paper_only},
            {"eq5_holds_exact_fails", grid.eq5_holds_exact_fails},
            {"eq5_fails_exact_holds", grid.eq5_fails_exact_holds}}},
          {"largest_disagreement_interdependence",
           io::number_json(grid.largest_disagreement_interdependence)},
          {"points", std::move(points)}};
}

template <class T>
std::string region_text(const RegionGrid<T>& grid) {
  const auto& o = grid.options;
  const bool spread = o.axis == RegionAxis::spread;
  const std::size_t columns = grid.values.size();
  std::string out = fmt::format(
      "full-revelation region, n = {}, policy sets [0,1], {} × {} grid: η from {} to {}, {} from "
      "{} to {}\n",
      o.players, grid.etas.size(), columns, NumberTraits<T>::to_text(o.eta_from),
      NumberTraits<T>::to_text(o.eta_to), spread ? "b_d" : "Avg b",
      NumberTraits<T>::to_text(o.from), NumberTraits<T>::to_text(o.to));
  out += spread ? "biases: n−1 players at 0, one hawk at b_d\n"
                : fmt::format(
                      "biases: n−1 players at Avg b − b_d/n, one hawk at Avg b + (n−1)b_d/n, "
                      "b_d = {}\n",
                      NumberTraits<T>::to_text(o.spread));
  out += fmt::format(
      "Theorem 2 (paper condition) vs A5 (exact): both hold {}, both fail {}, exact only {} "
      "(Theorem 2's \"only if\" fails), paper only {}{}\n",
      grid.both_hold, grid.both_fail, grid.exact_only, grid.paper_only,
      grid.paper_only > 0 ? " (a sufficiency failure: a finding, report it)" : "");
  out += fmt::format("eq. (5) vs A5: eq. (5) holds where A5 fails {}, fails where A5 holds {}\n",
                     grid.eq5_holds_exact_fails, grid.eq5_fails_exact_holds);
  if (grid.exact_only + grid.paper_only > 0) {
    out += fmt::format(
        "largest (n−1)η at a disagreement: {} (the spec conjectures agreement when "
        "(n−1)η <= 3)\n",
        decimal(grid.largest_disagreement_interdependence));
  }
  // Per shown row: the largest grid value at which each verdict holds.
  io::Table table({"η", "(n−1)η", fmt::format("max {} Thm 2", spread ? "b_d" : "Avg b"),
                   "max eq. (5)", "max exact", "disagreements"});
  const std::size_t rows = grid.etas.size();
  const std::size_t stride = rows <= kRowsShown ? 1 : (rows + kRowsShown - 1) / kRowsShown;
  for (std::size_t r = 0; r < rows; r += stride) {
    std::optional<std::size_t> best[3];
    std::size_t disagreements = 0;
    for (std::size_t c = 0; c < columns; ++c) {
      const auto& p = grid.points[r * columns + c];
      if (p.theorem2) best[0] = c;
      if (p.eq5) best[1] = c;
      if (p.exact) best[2] = c;
      if (p.theorem2 != p.exact) ++disagreements;
    }
    auto cell = [&](const std::optional<std::size_t>& c) {
      return c ? decimal(grid.values[*c]) : std::string("none");
    };
    table.add({decimal(grid.etas[r]), decimal(T(T(o.players - 1) * grid.etas[r])), cell(best[0]),
               cell(best[1]), cell(best[2]), fmt::format("{}", disagreements)});
  }
  out += table.render();
  if (stride > 1)
    out += fmt::format("(one η row in {} shown; --csv or --json lists every point)\n", stride);
  return out;
}

template RegionOptions<Rational> default_region_options(std::size_t, RegionAxis);
template RegionOptions<double> default_region_options(std::size_t, RegionAxis);
template std::vector<Rational> region_biases(std::size_t, RegionAxis, const Rational&,
                                             const Rational&);
template std::vector<double> region_biases(std::size_t, RegionAxis, const double&, const double&);
template RegionGrid<Rational> full_revelation_region(const RegionOptions<Rational>&, Progress&);
template RegionGrid<double> full_revelation_region(const RegionOptions<double>&, Progress&);
template std::string region_csv(const RegionGrid<Rational>&);
template std::string region_csv(const RegionGrid<double>&);
template nlohmann::json region_json(const RegionGrid<Rational>&);
template nlohmann::json region_json(const RegionGrid<double>&);
template std::string region_text(const RegionGrid<Rational>&);
template std::string region_text(const RegionGrid<double>&);

}  // namespace mechlab::alliance
