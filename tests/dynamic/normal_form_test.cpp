// Tests for mechlab/dynamic/normal_form.hpp (to be written).
