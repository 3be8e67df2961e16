#include "mechlab/mediation/allpay.hpp"
