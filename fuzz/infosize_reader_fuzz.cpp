// The infosize reader accepts a valid model or throws InputError; a small
// accepted model measures and certifies without any other exception, with
// 0 <= ν <= 1 and E‖Δρ‖ <= 3ν, and — when the preconditions (C0) hold, so that
// Q's posteriors are P's — G_1 <= G_PBE <= G_PW on every defined constraint.
#include <cstddef>
#include <cstdint>

#include "mechlab/infosize/certify.hpp"
#include "mechlab/infosize/io.hpp"
#include "mechlab/infosize/summary.hpp"

#include "reader_fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mechlab;
  return fuzz::json_input(data, size, [](const io::Node& root, const io::ReadOptions& options) {
    const auto model = infosize::read_model<Rational>(root, options);
    const auto& instance = model.instance;
    if (instance.problem.profile_count() > 256 || instance.signals.profile_count() > 256) return;
    const auto summary = infosize::summarize(instance);
    for (const auto& agent : summary.agents) {
      for (const auto& pair : agent.pairs) {
        if (pair.nu < 0 || pair.nu > 1 || pair.expected_move > 3 * pair.nu) __builtin_trap();
      }
    }
    infosize::CertifyOptions certify_options;
    certify_options.node_limit = 10'000;
    const auto cert = infosize::certify(instance, certify_options);
    if (!cert.preconditions.hold()) return;
    for (const auto& c : cert.constraints) {
      if (!c.defined) continue;
      if (c.one_stage && *c.one_stage > c.pbe) __builtin_trap();
      if (c.pbe > c.pointwise) __builtin_trap();
    }
  });
}
