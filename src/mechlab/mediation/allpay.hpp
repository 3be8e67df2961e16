// The all-pay litigation model of the main paper's Section 4 (a flagged
// reproduction module; written by the all-pay work of issue 8).
#pragma once
