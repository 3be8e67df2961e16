// The mediation reader accepts a valid model or throws InputError; an accepted
// model has 2..kMaxTypes labelled types, a prior with p > 0 summing to 1, a
// game and K veto values, and a rule (when given) that is K×K in [0, 1] with
// some escalation; the beliefs that rule induces (A1) have Pr(𝒢) in (0, 1]
// and rows that are distributions. It reads the same in double precision or
// throws InputError there too.
#include <cstddef>
#include <cstdint>

#include "mechlab/mediation/beliefs.hpp"
#include "mechlab/mediation/io.hpp"

#include "reader_fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mechlab;
  return fuzz::json_input(data, size, [](const io::Node& root, const io::ReadOptions& options) {
    const auto model = mediation::read_mediation<Rational>(root, options);
    fuzz::read_in_double(options, [&](const io::ReadOptions& doubles) {
      (void)mediation::read_mediation<double>(root, doubles);
    });
    const auto& inst = model.instance;
    const std::size_t k = inst.types();
    if (k < 2 || k > mediation::kMaxTypes || model.labels.size() != k) __builtin_trap();
    Rational total(0);
    for (const auto& p : inst.prior) {
      if (!(p > 0)) __builtin_trap();
      total += p;
    }
    if (total != 1) __builtin_trap();
    if (!inst.game || inst.game->types() != k || inst.veto.size() != k) __builtin_trap();
    if (model.rule) {
      const auto induced = mediation::beliefs_from_rule(*model.rule, inst.prior);
      if (!(induced.probability > 0) || induced.probability > 1) __builtin_trap();
      for (const auto& row : induced.beliefs.beta[0]) {
        Rational sum(0);
        for (const auto& b : row) {
          if (b < 0) __builtin_trap();
          sum += b;
        }
        if (sum != 1) __builtin_trap();
      }
    }
  });
}
