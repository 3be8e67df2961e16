// Placeholder: filled by the game work.
#include <gtest/gtest.h>
