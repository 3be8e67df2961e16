// Tests for mechlab/dynamic/io.hpp (to be written).
