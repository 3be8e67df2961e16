// The dynamic reader accepts a valid model or throws InputError; a small
// accepted model solves without any other exception, with Σ_j C^j = W_0(θ_0)
// and Σ_j V_t^j = W_t on every state (A1, A2), and reads the same in double
// precision or throws InputError there too.
#include <cstddef>
#include <cstdint>

#include "mechlab/dynamic/efficient.hpp"
#include "mechlab/dynamic/io.hpp"

#include "reader_fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mechlab;
  return fuzz::json_input(data, size, [](const io::Node& root, const io::ReadOptions& options) {
    const auto env = dynamic::read_environment<Rational>(root, options);
    fuzz::read_in_double(options, [&](const io::ReadOptions& doubles) {
      (void)dynamic::read_environment<double>(root, doubles);
    });
    std::size_t states = 0;
    for (const auto& period : env.periods) {
      std::size_t cells = 1;
      for (const auto& labels : period.types) cells *= labels.size();
      states += cells;
      if (cells > 512 || states > 512) return;
    }
    const auto problem = dynamic::prepare(env);
    const auto e = dynamic::solve_efficient(problem);
    Rational total(0);
    for (const auto& c : e.guarantees) total += c;
    if (total != e.welfare) __builtin_trap();
    for (std::size_t t = 0; t <= problem.horizon(); ++t) {
      for (std::size_t s = 0; s < problem.states[t].size(); ++s) {
        Rational sum(0);
        for (std::size_t j = 0; j < problem.agent_count(); ++j) sum += e.V[t][j][s];
        if (sum != e.W[t][s]) __builtin_trap();
      }
    }
  });
}
