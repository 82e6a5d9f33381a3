#pragma once
// An ensemble of the forecast, as the four pre- products and report take it: the chance
// of each station's warning levels and of a numbered flood, the stage's spread in time,
// the probability maps. The workflow asks for it through an EnsembleRunner that the
// command line hands in (twin/ensemble runs the members, over MPI ranks or processes,
// and reduces them), so the four pre- part stays below the ensemble part.
#include <array>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "twin/fourpre/ensemble_stations.hpp"
#include "twin/fourpre/station_updating.hpp"

namespace floodtwin::twin {

struct EnsembleRequest {
    std::vector<std::string> run_argv;  // the forecast's `floodtwin run` up to its options, without --out
    std::filesystem::path out_dir;      // the ensemble's folder
    int members = 0;
    int cores = 1;
    std::map<std::string, ErrorModel> updates;  // the forecast's station updating, for every member
    double issue_s = 0.0;
    bool quiet = false;
};

struct EnsembleForecast {
    int expected = 0;
    std::vector<int> present, missing;
    EnsembleStations stations;
    std::map<std::string, std::filesystem::path> maps;  // "0.5" -> probability-depth-0.5m.png
    std::array<double, 4> land_area_likely_m2{};        // land with an even chance or more of each depth
    std::filesystem::path nc, dir;
    std::string how;  // "20 members on 2 MPI ranks, 1 thread each"
    double wall_s = 0.0;
};

using EnsembleRunner = std::function<EnsembleForecast(const EnsembleRequest&)>;

// The depths whose chance of being reached the maps give (the depth classes' edges).
inline constexpr double ensemble_depths_m[] = {0.15, 0.5, 1.5, 3.0};

// "Cuntan: orange with 70 % probability, earliest crossing in +14 h (...)": the highest
// level at least one member in ten reaches; empty when none does.
[[nodiscard]] std::string probabilistic_warning_text(const StationEnsemble& s, double issue_s, int utc_offset_min);

}  // namespace floodtwin::twin
