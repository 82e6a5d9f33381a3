#include "viz/stations.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <stdexcept>

namespace floodtwin::viz {

namespace {

std::string trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return std::string(s);
}

std::vector<std::string> split(const std::string& line) {
    std::vector<std::string> fields;
    std::size_t start = 0;
    while (true) {
        const std::size_t comma = line.find(',', start);
        fields.push_back(trim(std::string_view(line).substr(start, comma - start)));
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return fields;
}

bool parse_number(const std::string& text, double& out) {
    const char* end = text.data() + text.size();
    const auto result = std::from_chars(text.data(), end, out);
    return result.ec == std::errc() && result.ptr == end && std::isfinite(out);
}

}  // namespace

WarningLevel parse_warning_level(std::string_view text) {
    std::string lower = trim(text);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    if (lower == "none" || lower.empty()) return WarningLevel::none;
    if (lower == "blue") return WarningLevel::blue;
    if (lower == "yellow") return WarningLevel::yellow;
    if (lower == "orange") return WarningLevel::orange;
    if (lower == "red") return WarningLevel::red;
    throw std::invalid_argument("warning level '" + std::string(text) + "' is not none, blue, yellow, orange or red");
}

std::string to_string(WarningLevel level) {
    switch (level) {
        case WarningLevel::blue: return "blue";
        case WarningLevel::yellow: return "yellow";
        case WarningLevel::orange: return "orange";
        case WarningLevel::red: return "red";
        case WarningLevel::none: break;
    }
    return "none";
}

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
        const std::vector<std::string> fields = split(text);
        if (fields.size() < 3 || fields.size() > 4)
            throw std::runtime_error(where() + "expected name,x,y[,level], got " + std::to_string(fields.size()) +
                                     " fields");
        Station s;
        s.name = fields[0];
        if (s.name.empty()) throw std::runtime_error(where() + "the name is empty");
        if (!parse_number(fields[1], s.x_m)) throw std::runtime_error(where() + "x '" + fields[1] + "' is not a number");
        if (!parse_number(fields[2], s.y_m)) throw std::runtime_error(where() + "y '" + fields[2] + "' is not a number");
        if (fields.size() == 4) {
            try {
                s.level = parse_warning_level(fields[3]);
            } catch (const std::invalid_argument& e) {
                throw std::runtime_error(where() + e.what());
            }
        }
        stations.push_back(std::move(s));
    }
    return stations;
}

}  // namespace floodtwin::viz
