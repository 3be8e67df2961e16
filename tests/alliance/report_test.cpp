#include <gtest/gtest.h>

#include "mechlab/alliance/report.hpp"
