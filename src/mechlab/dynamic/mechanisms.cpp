#include "mechlab/dynamic/mechanisms.hpp"
