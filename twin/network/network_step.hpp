#pragma once
// The river network's time step in a run.
#include "twin/case/case.hpp"

namespace floodtwin::twin {

// network.step, or in a coupled run the coupling interval when that is shorter; the
// interval must then be a whole number of steps (std::invalid_argument naming the key).
double network_step_s(const Case& c, bool coupled);

}  // namespace floodtwin::twin
