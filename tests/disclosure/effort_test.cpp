// Tests for mechlab/disclosure/effort.hpp (to be written).
