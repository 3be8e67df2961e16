#include <gtest/gtest.h>

#include "mechlab/mediation/allpay.hpp"
