// Tests for mechlab/dynamic/evaluate.hpp (to be written).
