#include "mechlab/infosize/replica_report.hpp"

#include <fmt/format.h>

#include "mechlab/io/output.hpp"

namespace mechlab::infosize {

namespace {

std::string digits(const Rational& x) { return fmt::format("{:.6g}", to_double(x)); }
std::string digits(const CertifiedReal& x) { return fmt::format("{:.6g}", x.to_double()); }

}  // namespace

nlohmann::json to_json(const Rational& rho, const std::vector<ReplicaPoint>& points) {
  nlohmann::json rows = nlohmann::json::array();
  for (const ReplicaPoint& p : points) {
    rows.push_back({{"n", p.n},
                    {"signal_profiles", fmt::format("2^{}", p.n)},
                    {"nu", io::number_json(p.nu)},
                    {"lambda", io::number_json(p.lambda)},
                    {"expected_move", io::number_json(p.expected_move)},
                    {"belief_norm", io::real_json(p.norm)},
                    {"power", io::real_json(p.power)},
                    {"eps_ref", io::real_json(p.eps_ref)},
                    {"eps_paper", io::real_json(p.eps_paper)}});
  }
  return {{"rho", io::number_json(rho)},
          {"max_value", 1},
          {"lambda_limit", io::number_json(replica_lambda_limit(rho))},
          {"points", rows}};
}

std::string to_text(const Rational& rho, const std::vector<ReplicaPoint>& points) {
  std::string out = fmt::format(
      "Replica economy (003 Section 2 signals, n agents, accuracy ρ = {}), M = 1; exact by "
      "exchangeable aggregation, shown to 6 digits (--json for exact values)\n"
      "Λ → 2(2ρ−1)²/(ρ² + (1−ρ)²) = {} as n grows\n\n",
      to_string(rho), to_string(replica_lambda_limit(rho)));
  io::Table t({"n", "ν", "Λ", "‖q‖₂", "E‖Δρ‖", "S (spherical)", "ε_ref", "ε_paper"});
  for (const ReplicaPoint& p : points) {
    t.add({std::to_string(p.n), digits(p.nu), digits(p.lambda), digits(p.norm),
           digits(p.expected_move), digits(p.power), digits(p.eps_ref), digits(p.eps_paper)});
  }
  return out + t.render();
}

}  // namespace mechlab::infosize
