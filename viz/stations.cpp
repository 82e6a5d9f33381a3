#include "viz/stations.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <stdexcept>

#include "grids/text_fields.hpp"

namespace floodtwin::viz {

using grids::trim;
using twin::to_string;

Rgb warning_colour(WarningLevel level) {
    switch (level) {
        case WarningLevel::blue: return {0.0, 0.36, 0.85};
        case WarningLevel::yellow: return {1.0, 0.85, 0.0};
        case WarningLevel::orange: return {1.0, 0.50, 0.0};
        case WarningLevel::red: return {0.86, 0.0, 0.0};
        case WarningLevel::none: break;
    }
    return {1.0, 1.0, 1.0};
}

std::string station_label(const std::string& name, const StationState& state) {
    std::string label = name;
    if (std::isfinite(state.stage_m)) {
        char stage[48];
        std::snprintf(stage, sizeof stage, " %.2f m", state.stage_m);
        label += stage;
    }
    if (state.level != WarningLevel::none) label += " (" + to_string(state.level) + ")";
    return label;
}

std::vector<Station> read_stations_csv(const std::filesystem::path& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("stations file " + path.string() + ": cannot open");
    std::vector<Station> stations;
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        const std::string text = trim(line);
        if (text.empty() || text.front() == '#') continue;
        if (number == 1 && text.rfind("name", 0) == 0) continue;
        const auto where = [&] { return "stations file " + path.string() + ", line " + std::to_string(number) + ": "; };
        const std::vector<std::string> fields = grids::split_trimmed(text);
        if (fields.size() < 3 || fields.size() > 4)
            throw std::runtime_error(where() + "expected name,x,y[,level], got " + std::to_string(fields.size()) +
                                     " fields");
        Station s;
        s.name = fields[0];
        if (s.name.empty()) throw std::runtime_error(where() + "the name is empty");
        const auto x = grids::parse_number(fields[1]), y = grids::parse_number(fields[2]);
        if (!x) throw std::runtime_error(where() + "x '" + fields[1] + "' is not a number");
        if (!y) throw std::runtime_error(where() + "y '" + fields[2] + "' is not a number");
        s.x_m = *x;
        s.y_m = *y;
        if (fields.size() == 4) {
            try {
                s.level = twin::parse_warning_level(fields[3]);
            } catch (const std::invalid_argument& e) {
                throw std::runtime_error(where() + e.what());
            }
        }
        stations.push_back(std::move(s));
    }
    return stations;
}

}  // namespace floodtwin::viz
