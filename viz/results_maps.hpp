#pragma once
// What a map of a run shows, decided from results.nc: which values, which colour
// scale, which words. The same scale for every map of a quantity in a run (fixed from
// the run's own maxima unless a range is given), so frames of an animation and maps
// of different times compare at a glance.
#include <array>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "grids/netcdf_reader.hpp"
#include "viz/map_scene.hpp"

namespace floodtwin::viz {

enum class MapQuantity { max_depth, depth, water_level, arrival_time, speed };

// "max_depth", "depth", "water_level", "arrival_time", "speed"; throws
// std::invalid_argument listing the choices.
MapQuantity parse_map_quantity(std::string_view text);
std::string to_string(MapQuantity quantity);

// Which map of a run: the run's envelope (maximum), or the map at one time index.
struct MapTime {
    bool envelope = true;
    std::size_t index = 0;
};

struct MapRequest {
    MapQuantity quantity = MapQuantity::max_depth;
    // "max" (the envelope; for arrival_time the only map), a map index ("3"), or an
    // ISO 8601 time with a zone that must be one of the map times.
    std::string time = "max";
    std::optional<std::array<double, 2>> range;  // colour scale low, high; default: from the run
    double min_depth_m = 0.05;  // shallower water is drawn as dry land
    std::string note;           // footer; empty: the file's floodtwin_terrain attribute, if any
    // Each station's state at the map's time (Station::at_maps) or, on whole-run maps, its own.
    std::vector<Station> stations;
    std::vector<grids::Polyline> rivers;  // in the results' CRS (viz/rivers.hpp reads them)
};

// Opens results.nc once; ground and maxima are read once and kept.
class ResultsMaps {
public:
    explicit ResultsMaps(const std::filesystem::path& results_nc);
    ~ResultsMaps();
    ResultsMaps(const ResultsMaps&) = delete;
    ResultsMaps& operator=(const ResultsMaps&) = delete;

    [[nodiscard]] const grids::NetcdfReader& reader() const;
    [[nodiscard]] std::size_t map_count() const;
    [[nodiscard]] std::string case_name() const;

    // The map `time` names for `quantity`. Throws std::invalid_argument for text that is
    // none of the forms, an index past the last map, a time that is not a map time (the
    // message names the nearest), or a time for a quantity that has only one map.
    [[nodiscard]] MapTime resolve_time(MapQuantity quantity, const std::string& time) const;

    // The colour scale every map of `quantity` in this run shares, from the run's
    // maxima over cells ever deeper than min_depth_m; `range` overrides.
    [[nodiscard]] ColourScale colour_scale(MapQuantity quantity,
                                           const std::optional<std::array<double, 2>>& range = std::nullopt,
                                           double min_depth_m = 0.05) const;

    // The scene for a request (its time resolved as above), ready for MapRenderer,
    // surface_m filled for the 3D view.
    [[nodiscard]] MapScene scene(const MapRequest& request) const;
    [[nodiscard]] MapScene scene(const MapRequest& request, MapTime when) const;

private:
    struct State;
    std::unique_ptr<State> m_state;
};

// "1600x1200" to {1600, 1200}; throws std::invalid_argument.
std::array<int, 2> parse_image_size(std::string_view text);
// "0:5" or "0,5" to {0, 5}; throws std::invalid_argument unless low < high.
std::array<double, 2> parse_range(std::string_view text);

}  // namespace floodtwin::viz
