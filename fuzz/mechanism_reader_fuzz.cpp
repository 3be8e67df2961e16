// The mechanism and design readers accept a valid model or throws InputError; an accepted
// model with a mechanism audits without error, and every listed violation has
// a negative slack.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "mechlab/core/error.hpp"
#include "mechlab/mechanism/audit.hpp"
#include "mechlab/mechanism/design.hpp"
#include "mechlab/mechanism/io.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mechlab;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  io::ReadOptions options;
  options.memory_limit_bytes = std::uint64_t{16} << 20;
  try {
    const io::Document doc = io::parse_json(text);
    const io::Node root(doc);
    const auto model = mechanism::read_model<Rational>(root, options);
    if (root.find("design"))
      (void)mechanism::read_design(root.at("design"), model.problem, options);
    Rational total(0);
    for (const auto& p : model.problem.p_profile) total += p;
    if (total != 1) __builtin_trap();
    if (model.mechanism && model.problem.profile_count() <= 4096) {
      const auto a = mechanism::audit(model.problem, *model.mechanism);
      for (const auto& pa : a.properties) {
        if (pa.holds != (pa.violated == 0)) __builtin_trap();
        for (const auto& c : pa.violations) {
          if (c.slack >= 0) __builtin_trap();
        }
      }
    }
  } catch (const InputError&) {
  }
  return 0;
}
