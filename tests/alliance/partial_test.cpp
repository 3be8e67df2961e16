#include <gtest/gtest.h>

#include "mechlab/alliance/partial.hpp"
