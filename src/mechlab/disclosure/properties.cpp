#include "mechlab/disclosure/properties.hpp"
