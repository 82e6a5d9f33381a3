#pragma once
// What `floodtwin run` and `floodtwin route` share: a case file with overrides, an
// output folder, and what they report back.
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace floodtwin::twin {

struct CaseCommand {
    std::filesystem::path case_file;
    std::filesystem::path out_dir = "out";
    std::vector<std::string> overrides;  // "hydro.cfl=0.8", as `--set`
    std::string plan;                    // a [[plan]] of the case, applied before the overrides
    bool quiet = false;                  // no progress line, no summary
    std::string command_line;            // written into the outputs
};

struct CaseCommandResult {
    double mass_error = 0.0;  // the 2D model's (run) or the network's (route)
    std::size_t steps = 0;
    std::filesystem::path summary;  // summary.json (run) or dispatch_summary.json (route)
};

}  // namespace floodtwin::twin
