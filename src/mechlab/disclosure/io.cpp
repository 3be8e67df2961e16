#include "mechlab/disclosure/io.hpp"
