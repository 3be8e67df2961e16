#include <gtest/gtest.h>

#include "mechlab/alliance/capacity.hpp"
