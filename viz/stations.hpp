#pragma once
// Stations drawn on maps: a name, a position in the map's CRS and a warning level.
// Read from a small CSV (`name,x,y[,level]`) until the case file carries warnings.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "viz/colour_scale.hpp"

namespace floodtwin::viz {

// China's four flood-warning grades, blue (IV, lowest) to red (I, highest).
enum class WarningLevel { none, blue, yellow, orange, red };

struct Station {
    std::string name;
    double x_m = 0.0;  // in the results' projected CRS
    double y_m = 0.0;
    WarningLevel level = WarningLevel::none;
};

// "none", "blue", "yellow", "orange", "red" (any case); throws std::invalid_argument.
WarningLevel parse_warning_level(std::string_view text);
std::string to_string(WarningLevel level);
// Marker fill: the warning colour, white for none.
Rgb warning_colour(WarningLevel level);

// One station a line: name,x,y[,level]. Blank lines and lines starting with '#' are
// skipped, and so is a first line starting with "name" (a header). Names may not hold
// commas. Throws std::runtime_error naming the file and line.
std::vector<Station> read_stations_csv(const std::filesystem::path& path);

}  // namespace floodtwin::viz
