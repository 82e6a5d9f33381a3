#pragma once
// `floodtwin run`: a case from its TOML file to results.nc, GeoTIFF maps, gauges,
// the mass balance and a summary, with checkpoints and resume.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace floodtwin::twin {

struct RunOptions {
    std::filesystem::path case_file;
    std::filesystem::path out_dir = "out";
    int threads = 0;                        // 0: OpenMP's default
    std::vector<std::string> overrides;     // "hydro.cfl=0.8"
    std::optional<std::filesystem::path> resume;
    bool quiet = false;
    std::string command_line;
};

struct RunResult {
    double mass_error = 0.0;
    std::size_t steps = 0;
    std::filesystem::path summary;
};

RunResult run_case(const RunOptions& options);

}  // namespace floodtwin::twin
