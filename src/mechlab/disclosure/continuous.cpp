#include "mechlab/disclosure/continuous.hpp"
