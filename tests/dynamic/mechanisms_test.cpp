// Tests for mechlab/dynamic/mechanisms.hpp (to be written).
