#include "mechlab/disclosure/model.hpp"
