#include "mechlab/alliance/region.hpp"
