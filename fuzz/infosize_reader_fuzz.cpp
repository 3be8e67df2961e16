// The infosize reader accepts a valid model or throws InputError; a small
// accepted model measures and certifies without any other exception, with
// 0 <= ν <= 1 and E‖Δρ‖ <= 3ν, and — when the preconditions (C0) hold, so that
// Q's posteriors are P's — G_1 <= G_PBE <= G_PW on every defined constraint.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "mechlab/core/error.hpp"
#include "mechlab/infosize/certify.hpp"
#include "mechlab/infosize/io.hpp"
#include "mechlab/infosize/summary.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mechlab;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  io::ReadOptions options;
  options.memory_limit_bytes = std::uint64_t{16} << 20;
  try {
    const io::Document doc = io::parse_json(text);
    const auto model = infosize::read_model<Rational>(io::Node(doc), options);
    const auto& instance = model.instance;
    if (instance.problem.profile_count() > 256 || instance.signals.profile_count() > 256) return 0;
    const auto summary = infosize::summarize(instance);
    for (const auto& agent : summary.agents) {
      for (const auto& pair : agent.pairs) {
        if (pair.nu < 0 || pair.nu > 1 || pair.expected_move > 3 * pair.nu) __builtin_trap();
      }
    }
    infosize::CertifyOptions certify_options;
    certify_options.node_limit = 10'000;
    const auto cert = infosize::certify(instance, certify_options);
    if (!cert.preconditions.hold()) return 0;
    for (const auto& c : cert.constraints) {
      if (!c.defined) continue;
      if (c.one_stage && *c.one_stage > c.pbe) __builtin_trap();
      if (c.pbe > c.pointwise) __builtin_trap();
    }
  } catch (const InputError&) {
  }
  return 0;
}
