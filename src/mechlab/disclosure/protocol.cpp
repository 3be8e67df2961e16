#include "mechlab/disclosure/protocol.hpp"
