// Tests for mechlab/disclosure/equilibria.hpp (to be written).
