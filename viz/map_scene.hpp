#pragma once
// What one map shows: a gridded field over hillshaded terrain, its colour scale and
// words, stations and rivers; for the 3D view also the water surface. A map of classes
// (viz/class_maps.hpp) instead holds class codes drawn in categorical colours, a legend
// of swatches and outlined areas. Plain data: what
// to show is decided by the caller (viz/results_maps.hpp for results.nc), how to draw
// it by viz/map_renderer.hpp, where things go by viz/plan_map_layout.hpp.
#include <string>
#include <vector>

#include "grids/polyline.hpp"
#include "viz/colour_scale.hpp"
#include "viz/image_grid.hpp"
#include "viz/legend_layout.hpp"  // LegendGroup
#include "viz/stations.hpp"

namespace floodtwin::viz {

// A class code of a categorical map and the colour its cells are drawn in.
struct ValueClass {
    int code = 0;
    Rgb colour;
    std::string label;  // for the legend
};

// A polygon area on the map (a district, an old town, a hospital), outlined and tinted
// by its warning level. Rings in the grid's CRS, each closed implicitly; no holes.
struct MapArea {
    std::string name;
    std::vector<grids::Polyline> rings;
    WarningLevel level = WarningLevel::none;
};

struct MapScene {
    ImageGrid grid;                    // the cells (lower-left corner, cell sizes)
    std::vector<double> ground_m;      // hillshaded underneath, i + nx*j, j = 0 south; empty: flat grey
    std::vector<double> values;        // the coloured layer, same order; NaN: transparent
    ColourScale scale{Palette::cividis, 0.0, 1.0};
    std::string legend_title;          // with units: "Water depth (m)"
    std::string title;                 // first line: case and quantity
    std::string subtitle;              // second line: the time
    std::string note;                  // footer note, e.g. "Synthetic terrain"; empty: none
    std::vector<Station> stations;     // drawn with `level` and `stage_m`
    std::vector<grids::Polyline> rivers;  // centre lines in the grid's CRS, drawn in river_colour
    // Maps of classes: when `classes` is set, `values` are class codes drawn in exactly
    // these colours (other codes and NaN transparent), `legend_groups` replace the colour
    // bar and `scale` is unused.
    std::vector<ValueClass> classes;
    std::vector<LegendGroup> legend_groups;
    std::vector<MapArea> areas;        // plan map only: over the values, under rivers and stations
    std::string source;                // small print at the foot: where a classification comes from
    // 3D view only: the water surface per cell (NaN where dry); the terrain is ground_m.
    std::vector<double> surface_m;
};

}  // namespace floodtwin::viz
