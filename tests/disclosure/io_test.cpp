// Tests for mechlab/disclosure/io.hpp (to be written).
