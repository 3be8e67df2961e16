#include "mechlab/dynamic/audit.hpp"
