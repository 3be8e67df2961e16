// The verbs of `mechlab mechanism`, one file each: mechanism_audit.cpp,
// mechanism_design.cpp, mechanism_game.cpp. mechanism_command.cpp wires them.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "command.hpp"

namespace mechlab::cli {

struct MechanismArgs {
  std::string file;
  std::string to;                       // export: efg | nfg | lrs
  std::string output;                   // export: file to write (stdout when empty)
  std::string write_lp;                 // design: also write the LP (CPLEX LP format)
  std::vector<std::string> properties;  // audit: only these properties (all when empty)
  std::size_t show = 20;                // text tables: rows of violations shown per property
};

Result run_mechanism_audit(const MechanismArgs& args, const GlobalOptions& options);
Result run_mechanism_design(const MechanismArgs& args, const GlobalOptions& options);
Result run_mechanism_export(const MechanismArgs& args, const GlobalOptions& options);
Result run_mechanism_equilibria(const MechanismArgs& args, const GlobalOptions& options);

}  // namespace mechlab::cli
