#include "viz/results_maps.hpp"

#include "grids/text_cursor.hpp"
#include "viz/results_grid.hpp"
#include "viz/time_label.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace floodtwin::viz {

namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();

std::string trim(std::string_view s) { return std::string(grids::text::trim(s)); }

template <typename T>
bool parse_whole(const std::string& text, T& out) {
    const char* end = text.data() + text.size();
    const auto r = std::from_chars(text.data(), end, out);
    return !text.empty() && r.ec == std::errc() && r.ptr == end;
}

double finite_max(const std::vector<double>& v) {
    double m = -std::numeric_limits<double>::infinity();
    for (double x : v)
        if (std::isfinite(x)) m = std::max(m, x);
    return m;
}

// Legend ends on round numbers: about ten steps of a round size between them.
std::array<double, 2> round_range(double lo, double hi) {
    if (!std::isfinite(lo) || !std::isfinite(hi) || !(hi > lo)) {
        const double base = std::isfinite(lo) ? lo : 0.0;
        return {base, base + 1.0};
    }
    const double step = nice_ceiling((hi - lo) / 10.0);
    return {snap_round(std::floor(lo / step + 1e-9) * step), snap_round(std::ceil(hi / step - 1e-9) * step)};
}

bool has_time_series(MapQuantity q) { return q != MapQuantity::max_depth && q != MapQuantity::arrival_time; }

// Which cells a map shows as wet: those at least min_depth_m deep.
struct WetCells {
    const std::vector<double>& depth;
    double min_depth_m;
    [[nodiscard]] bool operator()(std::size_t c) const { return depth[c] >= min_depth_m && std::isfinite(depth[c]); }
};

struct ShownValues {
    std::vector<double> values;
    std::string legend_title;  // their name and unit
};

// Refuses a map in time of a quantity that has one map for the whole run, or past the last.
void check_map_time(MapQuantity q, MapTime when, std::size_t map_count) {
    if (when.envelope) return;
    if (!has_time_series(q)) throw std::invalid_argument(to_string(q) + " is one map for the whole run");
    if (when.index >= map_count)
        throw std::invalid_argument("map index " + std::to_string(when.index) + " is past the last map");
}

// Each station as it was at the map's time (Station::at_maps), where that is known.
std::vector<Station> stations_at(std::vector<Station> stations, MapTime when) {
    if (when.envelope) return stations;
    for (Station& station : stations)
        if (when.index < station.at_maps.size()) {
            station.level = station.at_maps[when.index].level;
            station.stage_m = station.at_maps[when.index].stage_m;
        }
    return stations;
}

// What a map of q shows, for its title.
const char* title_words(MapQuantity q, bool envelope) {
    switch (q) {
        case MapQuantity::max_depth: return "maximum water depth";
        case MapQuantity::depth: return envelope ? "maximum water depth" : "water depth";
        case MapQuantity::water_level: return envelope ? "maximum water level" : "water level";
        case MapQuantity::speed: return envelope ? "maximum flow speed" : "flow speed";
        case MapQuantity::arrival_time: return "flood arrival time";
    }
    return "";
}

}  // namespace

MapQuantity parse_map_quantity(std::string_view text) {
    const std::string t = trim(text);
    if (t == "max_depth") return MapQuantity::max_depth;
    if (t == "depth") return MapQuantity::depth;
    if (t == "water_level") return MapQuantity::water_level;
    if (t == "arrival_time") return MapQuantity::arrival_time;
    if (t == "speed") return MapQuantity::speed;
    throw std::invalid_argument("map variable '" + t + "' is not one of max_depth, depth, water_level, arrival_time, speed");
}

std::string to_string(MapQuantity q) {
    switch (q) {
        case MapQuantity::max_depth: return "max_depth";
        case MapQuantity::depth: return "depth";
        case MapQuantity::water_level: return "water_level";
        case MapQuantity::arrival_time: return "arrival_time";
        case MapQuantity::speed: return "speed";
    }
    return "?";
}

std::array<int, 2> parse_image_size(std::string_view text) {
    const std::string t = trim(text);
    const auto x = t.find_first_of("xX");
    int w = 0, h = 0;
    if (x == std::string::npos || !parse_whole(t.substr(0, x), w) || !parse_whole(t.substr(x + 1), h) || w <= 0 ||
        h <= 0)
        throw std::invalid_argument("image size '" + t + "' is not WIDTHxHEIGHT, e.g. 1600x1200");
    return {w, h};
}

std::array<double, 2> parse_range(std::string_view text) {
    const std::string t = trim(text);
    const auto sep = t.find_first_of(":,");
    double lo = 0.0, hi = 0.0;
    if (sep == std::string::npos || !parse_whole(trim(t.substr(0, sep)), lo) || !parse_whole(trim(t.substr(sep + 1)), hi) ||
        !std::isfinite(lo) || !std::isfinite(hi) || !(lo < hi))
        throw std::invalid_argument("range '" + t + "' is not LOW:HIGH with LOW < HIGH, e.g. 0:5");
    return {lo, hi};
}

struct ResultsMaps::State {
    grids::NetcdfReader reader;
    std::vector<double> ground;     // empty when the file has none
    std::vector<double> max_depth;  // empty when the file has none
    double origin_epoch_s = k_nan;  // NaN: the file's time origin is not understood
    explicit State(const std::filesystem::path& path) : reader(path) {}

    [[nodiscard]] const std::vector<double>& need_max_depth() const {
        if (max_depth.empty()) (void)reader.read_static("max_depth");  // throws, naming file and variable
        return max_depth;
    }
    [[nodiscard]] double end_s() const { return reader.times_s().empty() ? 0.0 : reader.times_s().back(); }
    // Arrival times are shown in minutes for short runs, hours for long ones.
    [[nodiscard]] double arrival_unit_s() const { return end_s() <= 3.0 * 3600.0 ? 60.0 : 3600.0; }

    // Flow speed at map k, from its velocity components.
    [[nodiscard]] std::vector<double> speed_at(std::size_t k) const {
        const auto u = reader.read_time("velocity_x", k), v = reader.read_time("velocity_y", k);
        std::vector<double> speed(u.size());
        for (std::size_t c = 0; c < u.size(); ++c) speed[c] = std::hypot(u[c], v[c]);
        return speed;
    }
    // The values a map of q shows: those of wet cells (arrival: of cells ever reached),
    // NaN elsewhere.
    [[nodiscard]] ShownValues shown_values(MapQuantity q, MapTime when, const WetCells& wet) const;
    // The title's second line: the map's time, or the run's span on whole-run maps.
    [[nodiscard]] std::string time_words(MapQuantity q, MapTime when) const;
};

ShownValues ResultsMaps::State::shown_values(MapQuantity q, MapTime when, const WetCells& wet) const {
    const std::size_t n = wet.depth.size();
    ShownValues shown{std::vector<double>(n, k_nan), ""};
    std::vector<double>& values = shown.values;
    std::string& legend_title = shown.legend_title;
    const auto keep_wet = [&](const std::vector<double>& field) {
        for (std::size_t c = 0; c < n; ++c)
            if (wet(c)) values[c] = field[c];
    };
    switch (q) {
        case MapQuantity::max_depth:
        case MapQuantity::depth:
            keep_wet(wet.depth);
            legend_title = when.envelope ? "Max. depth (m)" : "Depth (m)";
            break;
        case MapQuantity::water_level:
            keep_wet(when.envelope ? reader.read_static("max_water_level") : reader.read_time("water_level", when.index));
            legend_title = when.envelope ? "Max. water\nlevel (m)" : "Water\nlevel (m)";
            break;
        case MapQuantity::speed:
            keep_wet(when.envelope ? reader.read_static("max_speed") : speed_at(when.index));
            legend_title = when.envelope ? "Max. speed\n(m/s)" : "Speed (m/s)";
            break;
        case MapQuantity::arrival_time: {
            const auto arrival = reader.read_static("arrival_time");
            const double unit = arrival_unit_s();
            for (std::size_t c = 0; c < n; ++c)
                if (std::isfinite(arrival[c])) values[c] = arrival[c] / unit;
            legend_title = unit == 60.0 ? "Arrival (min\nafter start)" : "Arrival (h\nafter start)";
            break;
        }
    }
    return shown;
}

std::string ResultsMaps::State::time_words(MapQuantity q, MapTime when) const {
    const bool clock = !std::isnan(origin_epoch_s);
    const double start = origin_epoch_s;
    if (!when.envelope && q != MapQuantity::arrival_time) {
        const double t = reader.times_s()[when.index];
        return clock ? beijing_time_label(start + t) + ", " + elapsed_label(t) + " after the start"
                     : elapsed_label(t) + " after the start";
    }
    const double first = reader.times_s().empty() ? 0.0 : reader.times_s().front();
    if (!clock) return "Over the run, " + elapsed_label(first) + " to " + elapsed_label(end_s());
    const std::string a = beijing_clock(start + first), b = beijing_clock(start + end_s());
    // "2020-08-18 00:00 to 02:00" when both fall on one day.
    const std::string b_short = a.substr(0, 10) == b.substr(0, 10) ? b.substr(11) : b;
    return (q == MapQuantity::arrival_time ? "Run from " : "Over the run, ") + a + " to " + b_short +
           " Beijing time (UTC+8)";
}

ResultsMaps::ResultsMaps(const std::filesystem::path& results_nc) : m_state(std::make_unique<State>(results_nc)) {
    State& s = *m_state;
    if (s.reader.has_variable("ground_level") && !s.reader.variable("ground_level").time_dependent)
        s.ground = s.reader.read_static("ground_level");
    if (s.reader.has_variable("max_depth") && !s.reader.variable("max_depth").time_dependent)
        s.max_depth = s.reader.read_static("max_depth");
    if (!s.reader.time_origin().empty()) {
        try {
            s.origin_epoch_s = parse_iso_epoch_s(s.reader.time_origin(), true);
        } catch (const std::invalid_argument&) {
            s.origin_epoch_s = k_nan;  // maps still render, with elapsed times only
        }
    }
}

ResultsMaps::~ResultsMaps() = default;
const grids::NetcdfReader& ResultsMaps::reader() const { return m_state->reader; }
std::size_t ResultsMaps::map_count() const { return m_state->reader.time_count(); }

std::string ResultsMaps::case_name() const {
    if (auto name = m_state->reader.global_text("case_name"); name && !name->empty()) return *name;
    return m_state->reader.path().parent_path().filename().string() + "/" + m_state->reader.path().filename().string();
}

MapTime ResultsMaps::resolve_time(MapQuantity q, const std::string& time_text) const {
    const State& s = *m_state;
    const std::string t = trim(time_text);
    if (t.empty() || t == "max") {
        return {true, 0};
    }
    if (!has_time_series(q))
        throw std::invalid_argument(to_string(q) + " is one map for the whole run; leave out --time (or say max)");
    const std::vector<double>& times = s.reader.times_s();
    if (times.empty()) throw std::invalid_argument(s.reader.path().string() + " holds no maps in time");
    std::size_t index = 0;
    if (parse_whole(t, index)) {
        if (index >= times.size())
            throw std::invalid_argument("map index " + t + " is past the last map (" + std::to_string(times.size()) +
                                        " maps: 0 to " + std::to_string(times.size() - 1) + ")");
        return {false, index};
    }
    double wanted_epoch = 0.0;
    try {
        wanted_epoch = parse_iso_epoch_s(t);
    } catch (const std::invalid_argument& e) {
        throw std::invalid_argument("--time '" + t + "' is not max, a map index or an ISO time: " + e.what());
    }
    if (std::isnan(s.origin_epoch_s))
        throw std::invalid_argument("the time origin '" + s.reader.time_origin() +
                                    "' of the file is not understood; give a map index");
    const double wanted_s = wanted_epoch - s.origin_epoch_s;
    std::size_t nearest = 0;
    for (std::size_t k = 1; k < times.size(); ++k)
        if (std::fabs(times[k] - wanted_s) < std::fabs(times[nearest] - wanted_s)) nearest = k;
    // Half a second: map times are whole seconds in practice, labels show minutes.
    if (std::fabs(times[nearest] - wanted_s) > 0.5)
        throw std::invalid_argument("no map at " + t + "; the nearest is map " + std::to_string(nearest) + " at " +
                                    beijing_time_label(s.origin_epoch_s + times[nearest]));
    return {false, nearest};
}

ColourScale ResultsMaps::colour_scale(MapQuantity q, const std::optional<std::array<double, 2>>& range,
                                      double min_depth_m) const {
    const State& s = *m_state;
    // Only cells a map would show as wet count: a film of rain on the hills must not
    // stretch the scale of the flood.
    const auto over_wet = [&](const std::vector<double>& values) {
        const auto& depth = s.need_max_depth();
        std::vector<double> kept;
        for (std::size_t c = 0; c < depth.size() && c < values.size(); ++c)
            if (depth[c] >= min_depth_m) kept.push_back(values[c]);
        return kept;
    };
    std::array<double, 2> r{0.0, 1.0};
    switch (q) {
        case MapQuantity::max_depth:
        case MapQuantity::depth:
            r = round_range(0.0, finite_max(s.need_max_depth()));
            break;
        case MapQuantity::speed:
            r = round_range(0.0, finite_max(over_wet(s.reader.read_static("max_speed"))));
            break;
        case MapQuantity::water_level: {
            // From the lowest ground that is ever wet to the highest water.
            double lo = std::numeric_limits<double>::infinity();
            for (double z : over_wet(s.ground))
                if (std::isfinite(z)) lo = std::min(lo, z);
            r = round_range(lo, finite_max(over_wet(s.reader.read_static("max_water_level"))));
            break;
        }
        case MapQuantity::arrival_time:
            r = round_range(0.0, s.end_s() / s.arrival_unit_s());
            break;
    }
    if (range) r = *range;
    switch (q) {
        // Depth: pale where shallow, dark blue where deep, as water looks.
        case MapQuantity::max_depth:
        case MapQuantity::depth: return {Palette::cividis, r[0], r[1], true};
        // Arrival: the earliest water is the brightest, the most urgent.
        case MapQuantity::arrival_time: return {Palette::viridis, r[0], r[1], true};
        case MapQuantity::water_level:
        case MapQuantity::speed: break;
    }
    return {Palette::viridis, r[0], r[1], false};
}

MapScene ResultsMaps::scene(const MapRequest& request) const {
    return scene(request, resolve_time(request.quantity, request.time));
}

MapScene ResultsMaps::scene(const MapRequest& request, MapTime when) const {
    const State& s = *m_state;
    const MapQuantity q = request.quantity;
    check_map_time(q, when, s.reader.time_count());
    MapScene scene;
    scene.grid = image_grid_of(s.reader.grid());
    scene.ground_m = s.ground;
    scene.scale = colour_scale(q, request.range, request.min_depth_m);
    scene.stations = stations_at(request.stations, when);
    scene.rivers = request.rivers;

    // The depth that decides wet or dry for this map.
    const std::vector<double> depth = when.envelope ? s.need_max_depth() : s.reader.read_time("depth", when.index);
    const WetCells wet{depth, request.min_depth_m};
    ShownValues shown = s.shown_values(q, when, wet);
    scene.values = std::move(shown.values);
    scene.legend_title = std::move(shown.legend_title);
    // The water surface for the 3D view: ground plus the depth this map stands for.
    scene.surface_m.assign(depth.size(), k_nan);
    for (std::size_t c = 0; c < depth.size(); ++c)
        if (wet(c) && c < s.ground.size() && std::isfinite(s.ground[c])) scene.surface_m[c] = s.ground[c] + depth[c];

    scene.title = case_name() + ": " + title_words(q, when.envelope);
    scene.subtitle = s.time_words(q, when);
    if (!request.note.empty())
        scene.note = request.note;
    else if (auto terrain = s.reader.global_text("floodtwin_terrain"); terrain && !terrain->empty())
        scene.note = "Note: " + *terrain;
    return scene;
}

}  // namespace floodtwin::viz
