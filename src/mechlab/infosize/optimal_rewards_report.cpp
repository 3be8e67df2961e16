#include "mechlab/infosize/optimal_rewards_report.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "mechlab/io/output.hpp"

namespace mechlab::infosize {

namespace {

// "381501/292000 ≈ 1.30651" for the comparison table.
template <class T>
std::string with_decimal(const T& x) {
  const std::string exact = io::number_text(x);
  const std::string digits = fmt::format("{:.6g}", NumberTraits<T>::to_double(x));
  return exact == digits ? exact : fmt::format("{} ≈ {}", exact, digits);
}

template <class T>
nlohmann::json named_json(const std::vector<lp::NamedValue<T>>& rows, const char* key) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : rows) out.push_back({{"row", r.name}, {key, io::number_json(r.value)}});
  return out;
}

template <class T>
std::string named_table(const std::vector<lp::NamedValue<T>>& rows, const char* header,
                        std::size_t show) {
  io::Table t({"constraint", header});
  for (std::size_t k = 0; k < rows.size() && k < show; ++k) {
    t.add({rows[k].name, io::number_text(rows[k].value)});
  }
  std::string out = t.render();
  if (rows.size() > show) out += fmt::format("... {} more (--show)\n", rows.size() - show);
  return out;
}

}  // namespace

template <class T>
nlohmann::json to_json(const Instance<T>& in, const OptimalRewards<T>& r) {
  const auto& s = in.signals;
  nlohmann::json j{{"number_type", NumberTraits<T>::name},
                   {"level", level_name(r.level)},
                   {"objective", objective_name(r.objective)},
                   {"columns", r.lp.columns.size()},
                   {"rows", r.lp.rows.size()},
                   {"status", lp::status_text(r.result)},
                   {"certified", r.result.certified}};
  if (r.result.status == lp::SolveStatus::optimal) {
    j["optimal_value"] = io::number_json(r.result.objective);
    j["max_reward"] = io::number_json(r.max_reward);
    j["outlay"] = io::number_json(r.outlay);
    nlohmann::json table = nlohmann::json::array();
    for (std::size_t i = 0; i < r.rewards.size(); ++i) {
      for (std::size_t a = 0; a < r.rewards[i].size(); ++a) {
        if (sign_of(r.rewards[i][a]) == 0) continue;
        table.push_back({{"agent", in.problem.env.agents[i]},
                         {"reported", s.profiles.cell_name(a)},
                         {"reward", io::number_json(r.rewards[i][a])}});
      }
    }
    j["rewards"] = table;
    j["binding"] = named_json(r.binding, "dual");
  } else if (r.result.status == lp::SolveStatus::infeasible) {
    j["farkas"] = named_json(r.farkas, "y");
    j["farkas_bound"] = io::number_json(r.result.farkas_bound);
  }
  j["family"] = reward_name(in.reward.family);
  j["family_max_reward"] =
      r.family_max_reward ? io::real_json(*r.family_max_reward) : nlohmann::json(nullptr);
  j["family_outlay"] = r.family_outlay ? io::real_json(*r.family_outlay) : nlohmann::json(nullptr);
  return j;
}

template <class T>
std::string to_text(const Instance<T>& in, const OptimalRewards<T>& r, std::size_t show) {
  const auto& s = in.signals;
  std::string out = fmt::format(
      "cheapest rewards ζ_i(a) >= 0 making truth-telling optimal at the {} level (003 spec §3.9), "
      "objective: {}\nLP: {} columns, {} rows; {}\n",
      level_name(r.level),
      r.objective == RewardObjective::max_reward ? "the largest reward paid"
                                                 : "the expected outlay under truth-telling",
      r.lp.columns.size(), r.lp.rows.size(), lp::status_text(r.result));
  if (r.result.status == lp::SolveStatus::infeasible) {
    out += fmt::format(
        "\nno non-negative rewards work. Certificate: with the multipliers y below, "
        "Σ_r y_r (a_r ζ − s_r) <= {} < 0 for every ζ >= 0, which no feasible ζ allows\n",
        io::number_text(r.result.farkas_bound));
    out += named_table(r.farkas, "multiplier y", show);
    return out;
  }
  if (r.result.status != lp::SolveStatus::optimal) return out;
  io::Table compare({"reward system", "largest reward", "expected outlay"});
  compare.add({"optimal (this LP)", with_decimal(r.max_reward), with_decimal(r.outlay)});
  if (r.family_max_reward) {
    compare.add({fmt::format("{} at its minimal scale", reward_name(in.reward.family)),
                 io::real_text(*r.family_max_reward), io::real_text(*r.family_outlay)});
  }
  out += '\n';
  out += compare.render();
  io::Table table({"agent", "reported signals", "reward"});
  std::size_t listed = 0;
  std::size_t nonzero = 0;
  for (std::size_t i = 0; i < r.rewards.size(); ++i) {
    for (std::size_t a = 0; a < r.rewards[i].size(); ++a) {
      if (sign_of(r.rewards[i][a]) == 0) continue;
      ++nonzero;
      if (listed++ >= show) continue;
      table.add(
          {in.problem.env.agents[i], s.profiles.cell_name(a), io::number_text(r.rewards[i][a])});
    }
  }
  out += fmt::format("\nnon-zero rewards ({} of {}; all others 0)\n", nonzero,
                     r.rewards.size() * s.profile_count());
  out += table.render();
  if (nonzero > show) out += fmt::format("... {} more (--show)\n", nonzero - show);
  out += fmt::format("\nbinding constraints ({}) and their duals (d objective / d bound)\n",
                     r.binding.size());
  out += named_table(r.binding, "dual", show);
  return out;
}

template nlohmann::json to_json(const Instance<Rational>&, const OptimalRewards<Rational>&);
template nlohmann::json to_json(const Instance<double>&, const OptimalRewards<double>&);
template std::string to_text(const Instance<Rational>&, const OptimalRewards<Rational>&,
                             std::size_t);
template std::string to_text(const Instance<double>&, const OptimalRewards<double>&, std::size_t);

}  // namespace mechlab::infosize
