// Placeholder: filled by the design work.
#include "mechlab/mechanism/model.hpp"
