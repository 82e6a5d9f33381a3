#pragma once
// `floodtwin route`: the river network of a case alone, without the 2D model: routed
// hydrographs, reservoir trajectories, the dispatch log and the dispatch summary.
#include <filesystem>
#include <string>
#include <vector>

#include "twin/case/case.hpp"

namespace floodtwin::twin {

struct RouteOptions {
    std::filesystem::path case_file;
    std::filesystem::path out_dir = "out";
    std::vector<std::string> overrides;
    bool quiet = false;
    std::string command_line;
};

struct RouteResult {
    double mass_error = 0.0;
    std::size_t steps = 0;
    std::filesystem::path summary;
};

RouteResult route_case(const RouteOptions& options);

}  // namespace floodtwin::twin
