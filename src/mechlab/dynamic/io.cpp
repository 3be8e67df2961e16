#include "mechlab/dynamic/io.hpp"
