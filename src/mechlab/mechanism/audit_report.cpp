// Placeholder: filled by the audit_report work.
#include "mechlab/mechanism/model.hpp"
