// Placeholder: filled by the audit work.
#include <gtest/gtest.h>
