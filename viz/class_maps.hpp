#pragma once
// Flood-office maps of classes drawn over a run's terrain: an inundation map in depth
// classes, a hazard map in the ARR 2019 classes H1..H6, and (a depth-class map with
// stations and areas at their warning levels) the warning map. The classes are worked
// out by the caller (twin/warning/flood_classes.hpp); this only draws them, with the
// page every map has (viz/map_renderer.hpp): hillshade, frame, scale bar, north arrow,
// stations, rivers, title and note, and a legend of swatches instead of a colour bar.
#include <filesystem>
#include <string>
#include <vector>

#include "grids/polyline.hpp"
#include "viz/map_scene.hpp"  // MapArea, ValueClass
#include "viz/stations.hpp"

namespace floodtwin::viz {

enum class ClassMapKind { depth, hazard, arrival, probability };

// The codes a class map takes besides its classes.
inline constexpr int k_class_outside = -1;      // no data: outside the domain
inline constexpr int k_class_normal_river = 9;  // water there before the flood, not flooding

struct ClassMapOptions {
    ClassMapKind kind = ClassMapKind::depth;
    std::filesystem::path results_nc;  // for the terrain (ground_level), grid and CRS
    // Per cell, in the order of results.nc's arrays (as its depth): depth: 0 dry or
    // below 0.15 m, 1 [0.15, 0.5), 2 [0.5, 1.5), 3 [1.5, 3), 4 >= 3 m; hazard: 0 none,
    // 1..6 = H1..H6; arrival: twin::arrival_class; probability: twin::probability_class
    // (of a depth being reached, in an ensemble); all: 9 normal river, -1 outside the domain.
    std::vector<int> classes;
    std::vector<Station> stations;        // coloured by level, labelled
    std::vector<MapArea> areas;           // outlined in the level colour (none: dark grey), named
    std::vector<grids::Polyline> rivers;  // centre lines in the results' CRS
    std::string title, subtitle, note;    // note: e.g. "real rivers and relief; channels constructed"
    std::string legend_title;             // empty: the kind's own ("Flood depth", ...)
    int width = 1600, height = 1200;
};

// The drawn classes of a kind, in legend order: code, colour (categorical: light to dark
// blues for depth, pale yellow to dark purple for hazard, blue-grey for the normal
// river) and legend words. Code 0 is not among them: its cells show the terrain.
[[nodiscard]] std::vector<ValueClass> class_colours(ClassMapKind kind);

// Writes the map as a PNG. The legend shows the classes, and the warning levels when a
// station or an area has one; a hazard map names its classification's source at the
// foot. Starts a private Xvfb when DISPLAY is unset. Throws std::invalid_argument for
// classes of the wrong count or a code the kind does not have, std::runtime_error for
// files and the display.
void render_class_map(const ClassMapOptions& options, const std::filesystem::path& png);

}  // namespace floodtwin::viz
