#include "mechlab/disclosure/equilibria.hpp"
