#pragma once
// The 3D view of a map drawn with VTK: the terrain as a shaded surface raised by a
// vertical exaggeration, the water surface translucent in the scene's colour scale,
// rivers laid on whichever is on top, sun and fill lights, and a camera from the
// south-south-west framing the water. Internal to viz; VTK classes are only named here.
#include "viz/map_layout.hpp"
#include "viz/map_scene.hpp"

class vtkLookupTable;
class vtkRenderer;

namespace floodtwin::viz {

// Fills `renderer`, whose viewport is layout.map, with the scene (ground_m and
// surface_m of the grid's size). `exaggeration` 0: chosen so the relief reads, between
// 1 and 50. Returns the exaggeration used.
double add_three_d_scene(vtkRenderer* renderer, const MapScene& scene, vtkLookupTable* lut, const MapLayout& layout,
                         double exaggeration);

}  // namespace floodtwin::viz
