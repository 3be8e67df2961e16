#include "mechlab/alliance/capacity.hpp"
