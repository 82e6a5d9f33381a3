#pragma once
// Lines on a map as one unlit VTK actor, so they carry exactly their colour whatever
// the view: the grid's frame, rivers. Internal to viz; VTK classes are only named here.
#include <array>
#include <vector>

#include "viz/colour_scale.hpp"  // Rgb

class vtkRenderer;

namespace floodtwin::viz {

// Each part a polyline through its points (x, y, z in the scene's coordinates);
// nothing is added when there are no parts.
using LineParts = std::vector<std::vector<std::array<double, 3>>>;
void add_lines(vtkRenderer* renderer, const LineParts& parts, const Rgb& colour, double width_px);

}  // namespace floodtwin::viz
