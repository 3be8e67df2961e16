// mechlab alliance: filled in by the issue-7 CLI work.
#include "command.hpp"
