#pragma once
// The scale bar at the left of a plan map's footer: a round length (1, 2 or 5 times a
// power of ten) as two halves, with "0" and the length over its ends. No VTK.
#include <string>

#include "viz/map_layout.hpp"

namespace floodtwin::viz {

// A length for a scale bar: the largest 1, 2 or 5 times a power of ten not above
// `max_m`; and how it reads: "500 m", "2 km".
double scale_bar_length_m(double max_m);
std::string length_label(double metres);

struct ScaleBar {
    double length_m = 0.0;
    std::string label;    // length_label(length_m)
    double left = 0.0;    // columns: the first half from left to middle, the second on to right
    double middle = 0.0;
    double right = 0.0;
    double top = 0.0;     // rows of the bar's edges
    double bottom = 0.0;
    TextSpot zero_spot;   // "0" over the left end
    TextSpot label_spot;  // `label` over the right end
};

// The scale bar of a plan map drawn at `px_per_m`: at most 0.3 of the map box wide,
// so it reads at a glance without crowding the note at the footer's other end.
ScaleBar scale_bar(const MapLayout& layout, double px_per_m);

}  // namespace floodtwin::viz
