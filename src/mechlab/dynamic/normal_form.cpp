#include "mechlab/dynamic/normal_form.hpp"
