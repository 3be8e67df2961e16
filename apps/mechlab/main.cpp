// mechlab: one binary, one sub-command family per model family (cli.cpp).
#include <iostream>
#include <string>
#include <vector>

#include "command.hpp"

int main(int argc, char** argv) {
  const auto outcome = mechlab::cli::run_command(std::vector<std::string>(argv + 1, argv + argc));
  std::cerr << outcome.error_text;
  return outcome.code;
}
