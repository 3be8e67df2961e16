// Tests for mechlab/disclosure/model.hpp (to be written).
