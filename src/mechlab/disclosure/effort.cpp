#include "mechlab/disclosure/effort.hpp"
