// Tests for mechlab/dynamic/audit.hpp (to be written).
