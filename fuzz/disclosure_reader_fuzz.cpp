// The disclosure reader accepts a valid model or throws InputError; an
// accepted continuous model has valid marginals and no finite parts; an
// accepted finite model has Π|Ω_i| prior cells with full support summing to 1 (and
// so has every F(·; e_{N∖i})), strictly increasing outcome values, protocols
// satisfying Assumption 1 and positive costs; and it reads the same in double
// precision or throws InputError there too.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "mechlab/disclosure/io.hpp"

#include "reader_fuzz.hpp"

namespace {

using mechlab::Rational;

bool full_support_pmf(const std::vector<Rational>& pmf, std::size_t cells) {
  if (pmf.size() != cells) return false;
  Rational total(0);
  for (const Rational& p : pmf) {
    if (p <= 0) return false;
    total += p;
  }
  return total == 1;
}

bool assumption1(const mechlab::disclosure::Protocol& p) {
  if (p.winning.size() != (std::size_t{1} << p.members)) return false;
  if (p.wins(0) || !p.wins(p.all())) return false;
  for (std::size_t s = 0; s < p.winning.size(); ++s) {
    for (std::size_t i = 0; i < p.members; ++i) {
      if (p.winning[s] && !p.winning[s | (std::size_t{1} << i)]) return false;
    }
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mechlab;
  return fuzz::json_input(data, size, [](const io::Node& root, const io::ReadOptions& options) {
    const auto model = disclosure::read_model<Rational>(root, options);
    fuzz::read_in_double(options, [&](const io::ReadOptions& doubles) {
      (void)disclosure::read_model<double>(root, doubles);
    });
    const auto& team = model.team;
    const std::size_t n = team.members.size();
    if (model.protocols.empty()) __builtin_trap();
    for (const auto& p : model.protocols) {
      if (p.members != n || !assumption1(p)) __builtin_trap();
    }
    if (model.continuous) {
      // Continuous outcomes: one piecewise-uniform marginal per member, strictly
      // increasing breakpoints, positive masses summing to 1; nothing finite.
      const auto& c = *model.continuous;
      if (n < 2 || c.members != team.members || c.marginals.size() != n) __builtin_trap();
      if (!team.values.empty() || !team.prior.empty() || model.effort) __builtin_trap();
      for (const auto& m : c.marginals) {
        if (m.breakpoints.size() < 2 || m.masses.size() + 1 != m.breakpoints.size()) {
          __builtin_trap();
        }
        for (std::size_t k = 1; k < m.breakpoints.size(); ++k) {
          if (!(m.breakpoints[k - 1] < m.breakpoints[k])) __builtin_trap();
        }
        Rational total(0);
        for (const auto& p : m.masses) {
          if (p <= 0) __builtin_trap();
          total += p;
        }
        if (total != 1) __builtin_trap();
      }
      return;
    }
    if (n < 2 || team.values.size() != n) __builtin_trap();
    std::size_t cells = 1;
    for (const auto& v : team.values) {
      if (v.size() < 2) __builtin_trap();
      for (std::size_t k = 1; k < v.size(); ++k) {
        if (!(v[k - 1] < v[k])) __builtin_trap();
      }
      cells *= v.size();
    }
    if (!full_support_pmf(team.prior, cells)) __builtin_trap();
    if (model.effort) {
      if (model.effort->shirk.size() != n) __builtin_trap();
      for (const auto& f : model.effort->shirk) {
        if (!full_support_pmf(f, cells)) __builtin_trap();
      }
    }
    if (!model.costs.empty() && model.costs.size() != n) __builtin_trap();
    for (const auto& c : model.costs) {
      if (c <= 0) __builtin_trap();
    }
  });
}
