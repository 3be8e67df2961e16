#include "mechlab/alliance/partial.hpp"
