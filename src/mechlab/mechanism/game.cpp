// Placeholder: filled by the game work.
#include "mechlab/mechanism/model.hpp"
