#pragma once
// `floodtwin route`: the river network of a case alone, without the 2D model: routed
// hydrographs, reservoir trajectories, the dispatch log and the dispatch summary.
#include <filesystem>
#include <string>
#include <vector>

#include "twin/run/case_command.hpp"

namespace floodtwin::twin {

using RouteOptions = CaseCommand;
using RouteResult = CaseCommandResult;

RouteResult route_case(const RouteOptions& options);

}  // namespace floodtwin::twin
