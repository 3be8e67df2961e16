// Tests for mechlab/disclosure/protocol.hpp (to be written).
