// Tests for mechlab/disclosure/report.hpp (to be written).
