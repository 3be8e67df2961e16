#include <gtest/gtest.h>

#include "mechlab/alliance/region.hpp"
