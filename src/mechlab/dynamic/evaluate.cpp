#include "mechlab/dynamic/evaluate.hpp"
