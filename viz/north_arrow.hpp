#pragma once
// The north arrow of a plan map, as on survey maps: an arrowhead split down the
// middle, its left half filled dark and its right half white in a dark outline, with
// an N above the tip. Plan maps are drawn north up, so it always points up. No VTK.
#include <array>

#include "viz/map_layout.hpp"

namespace floodtwin::viz {

struct NorthArrow {
    std::array<PixelPoint, 3> dark_half;   // tip, left barb, notch
    std::array<PixelPoint, 3> light_half;  // tip, notch, right barb
    std::array<PixelPoint, 4> outline;     // tip, right barb, notch, left barb
    TextSpot letter;                       // the N, centred over the tip
};

// The arrow in layout.north: the N in its top third, the arrowhead below, centred.
NorthArrow north_arrow(const MapLayout& layout);

}  // namespace floodtwin::viz
