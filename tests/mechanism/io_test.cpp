// Placeholder: filled by the io work.
#include <gtest/gtest.h>
