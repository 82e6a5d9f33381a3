#pragma once
// Stations drawn on maps: a name, a position in the map's CRS, a warning level and
// the water level behind it. `floodtwin run` makes them from the case's gauges
// (twin/run/map_stations.hpp); `floodtwin render --stations` reads a small CSV.
#include <filesystem>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "twin/warning/warning_level.hpp"
#include "viz/colour_scale.hpp"

namespace floodtwin::viz {

// The warning level is the twin's (twin/warning/warning_level.hpp); maps only draw it.
using twin::WarningLevel;

// A station's water level and warning level at one time.
struct StationState {
    double stage_m = std::numeric_limits<double>::quiet_NaN();  // station datum; NaN: dry or unknown
    WarningLevel level = WarningLevel::none;
};

struct Station {
    std::string name;
    double x_m = 0.0;  // in the results' projected CRS
    double y_m = 0.0;
    // On whole-run maps (maximum depth, arrival time): the level at the station's peak.
    WarningLevel level = WarningLevel::none;
    double stage_m = std::numeric_limits<double>::quiet_NaN();  // shown beside the name; NaN: not shown
    // On the map at time index k of the results, when k < size(): the state then
    // (ResultsMaps::scene picks it). Empty: `level` and `stage_m` on every map.
    std::vector<StationState> at_maps{};
};

// Marker fill: the warning colour, white for none.
Rgb warning_colour(WarningLevel level);
// The label beside the marker: "Cuntan 191.62 m (yellow)"; the level in words too, as
// colour alone must not carry a warning. Without a stage or a level, just the name.
std::string station_label(const std::string& name, const StationState& state);

// One station a line: name,x,y[,level]. Blank lines and lines starting with '#' are
// skipped, and so is a first line starting with "name" (a header). Names may not hold
// commas. Throws std::runtime_error naming the file and line.
std::vector<Station> read_stations_csv(const std::filesystem::path& path);

}  // namespace floodtwin::viz
