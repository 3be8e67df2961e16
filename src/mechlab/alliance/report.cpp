#include "mechlab/alliance/report.hpp"
