// mechlab reproduce [--list] [ID...]: run the catalog of paper claims.
#include <fmt/format.h>

#include "command.hpp"
#include "mechlab/catalog/claim.hpp"
#include "mechlab/core/error.hpp"
#include "mechlab/io/output.hpp"

namespace mechlab::cli {

namespace {

struct ReproduceArgs {
  std::vector<std::string> ids;
  bool list = false;
};

std::vector<const catalog::Claim*> selected(const std::vector<std::string>& ids) {
  const auto& registry = catalog::builtin_registry();
  std::vector<const catalog::Claim*> out;
  if (ids.empty()) {
    for (const auto& c : registry.claims()) out.push_back(&c);
    return out;
  }
  for (const auto& id : ids) {
    const auto found = registry.select(id);
    if (found.empty()) throw InputError("ID", "a claim id or document prefix (see --list)", id);
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

Result reproduce(const ReproduceArgs& a, const GlobalOptions& options) {
  const auto claims = selected(a.ids);
  if (a.list) {
    nlohmann::json j = nlohmann::json::array();
    io::Table t({"id", "expected", "source", "statement"});
    for (const auto* c : claims) {
      const char* expected = c->expected == catalog::Expected::holds ? "holds" : "erratum";
      j.push_back({{"id", c->id},
                   {"expected", expected},
                   {"source", c->source},
                   {"statement", c->statement},
                   {"corrected", c->corrected}});
      t.add({c->id, expected, c->source, c->statement});
    }
    emit(options, j, t.render());
    return 0;
  }
  Progress progress(options.progress_options());
  nlohmann::json j = nlohmann::json::array();
  io::Table t({"id", "status", "seconds", "evidence"});
  std::size_t failed = 0;
  std::size_t done = 0;
  auto summary = [&] {
    return fmt::format("\n{} claims: {} as expected, {} FAILED\n", done, done - failed, failed);
  };
  try {
    progress.start("reproduce", claims.size());
    for (const auto* c : claims) {
      const auto r = catalog::run(*c, progress);
      progress.advance();
      ++done;
      if (r.outcome == catalog::Outcome::failed) ++failed;
      j.push_back({{"id", c->id},
                   {"status", catalog::outcome_text(r.outcome)},
                   {"seconds", r.seconds},
                   {"evidence", r.evidence}});
      t.add(
          {c->id, catalog::outcome_text(r.outcome), fmt::format("{:.3f}", r.seconds), r.evidence});
    }
  } catch (const TimeLimitExceeded&) {
    // Show what was checked before the limit; main() reports the stop (exit 1).
    emit(options, j,
         t.render() + summary() + fmt::format("{} claims not run\n", claims.size() - done));
    throw;
  }
  emit(options, j, t.render() + summary());
  return failed > 0 ? 1 : 0;
}

const Register reproduce_family{
    Family{"reproduce", "re-check the numbered results of the five documents (the catalog)",
           [](CLI::App& cmd, const GlobalOptions& options, std::function<Result()>& action) {
             auto args = std::make_shared<ReproduceArgs>();
             cmd.require_subcommand(0);
             cmd.add_option("ID", args->ids, "claim ids or document prefixes (default: all)");
             cmd.add_flag("--list", args->list, "list the claims instead of running them");
             cmd.callback([args, &options, &action] {
               action = [args, &options] { return reproduce(*args, options); };
             });
           }}};

}  // namespace
}  // namespace mechlab::cli
