// Placeholder: filled by the design work.
#include <gtest/gtest.h>
