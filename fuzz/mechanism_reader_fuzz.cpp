// The mechanism and design readers accept a valid model or throws InputError; an accepted
// model with a mechanism audits without error, and every listed violation has
// a negative slack.
#include <cstddef>
#include <cstdint>

#include "mechlab/mechanism/audit.hpp"
#include "mechlab/mechanism/design.hpp"
#include "mechlab/mechanism/io.hpp"

#include "reader_fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mechlab;
  return fuzz::json_input(data, size, [](const io::Node& root, const io::ReadOptions& options) {
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
  });
}
