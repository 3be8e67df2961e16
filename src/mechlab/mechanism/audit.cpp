// Placeholder: filled by the audit work.
#include "mechlab/mechanism/model.hpp"
