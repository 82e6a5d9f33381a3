#pragma once
// The legend of a map: a vertical colour bar in the legend box with its title above
// and round values beside it, or, for maps of classes, titled groups of colour swatches
// with their words. What the labels say and how big things are; the bar's colours are
// the scene's ColourScale. No VTK (the renderer's scalar bar fills the box).
#include <string>
#include <vector>

#include "viz/colour_scale.hpp"  // Rgb
#include "viz/map_layout.hpp"

namespace floodtwin::viz {

// Round values for a legend from lo to hi: a step of 1, 2, 2.5 or 5 times a power of
// ten giving three to seven labels, from the first multiple at or above lo.
std::vector<double> legend_ticks(double lo, double hi);
// The printf format that shows those labels without noise: "%.0f", "%.1f", "%.2f"...
std::string legend_label_format(double lo, double hi);

struct LegendLayout {
    PixelBox box;                // bar, title and labels all inside
    std::vector<double> ticks;   // legend_ticks of the scale's range
    std::string label_format;    // legend_label_format of the same
    int title_font_px = 0;
    int label_font_px = 0;
    int title_gap_px = 0;        // between the title and the top of the bar
    double bar_share = 0.0;      // the bar's width over the box's; the labels take the rest
};

// The legend of a colour scale from lo to hi on `layout`.
LegendLayout legend_layout(const MapLayout& layout, double lo, double hi);

// One entry of a categorical legend: a swatch of `colour` and what it stands for.
struct LegendSwatch {
    Rgb colour;
    std::string label;
};
// A titled list of swatches: the classes of a map, the warning levels.
struct LegendGroup {
    std::string title;
    std::vector<LegendSwatch> swatches;
};

// Where a categorical legend's parts go: the groups one under the other from the top of
// the legend box down to the north arrow, each title above its swatches, each label
// right of its swatch, titles and labels wrapped to the box (`text`: with the line
// breaks). The type shrinks, down to 70 %, where the groups would reach the arrow.
struct SwatchSpot {
    PixelBox swatch;
    TextSpot label;
    std::string text;
};
struct LegendGroupSpots {
    TextSpot title;
    std::string title_text;
    std::vector<SwatchSpot> swatches;
};
struct ClassLegendLayout {
    std::vector<LegendGroupSpots> groups;  // in the order of the groups given
    int bottom = 0;                        // the last row used; past layout.north.top: it does not fit
};
ClassLegendLayout class_legend_layout(const MapLayout& layout, const std::vector<LegendGroup>& groups);

}  // namespace floodtwin::viz
