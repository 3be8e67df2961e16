#include "mechlab/disclosure/report.hpp"
