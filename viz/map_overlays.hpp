#pragma once
// What is drawn over a map's terrain and water: areas, rivers and stations. Internal to viz
// (map_renderer.cpp and three_d_view.cpp call it); VTK classes are only named here,
// never included.
#include <vector>

#include "viz/map_scene.hpp"
#include "viz/plan_map_layout.hpp"

class vtkRenderer;

namespace floodtwin::viz {

// The plan map's rivers: lines in river_colour at height z (over the water layer, under
// the markers), cut at the grid's edge.
void add_rivers_plan(vtkRenderer* renderer, const MapScene& scene, int image_height, double z);

// The 3D view's rivers: each line laid on the surface it crosses (the water where
// scene.surface_m holds it, else the ground), raised by `exaggeration` and lifted by
// `lift` so the terrain does not swallow it. `ground_fallback_m` stands in for unknown ground.
void add_rivers_3d(vtkRenderer* renderer, const MapScene& scene, int image_height, double exaggeration, double lift,
                   double ground_fallback_m);

// The scene's areas on the plan map, in two layers. Fills, at a height under the
// classes: each ring translucent in its warning colour (none: unfilled), so it tints the
// dry land of the area and never changes a class's colour.
void add_area_fills(vtkRenderer* renderer, const MapScene& scene, double z);
// Outlines, over the classes at height z: in the warning colour over a dark casing, so
// they read over any class (none: a plain dark grey line), cut at the grid's edge; the
// name labels the top-left corner of the first ring. Returns each label's box.
std::vector<PixelBox> add_area_outlines(vtkRenderer* renderer, const MapScene& scene, const PlanMapLayout& plan,
                                        double z);

// Stations on the grid on the plan map: a disc in the warning colour with a dark ring,
// and a label (station_label) kept inside the map box (viz/label_placement.hpp).
// Returns each drawn label's box, in scene order.
std::vector<PixelBox> add_stations(vtkRenderer* renderer, const MapScene& scene, const PlanMapLayout& plan, double z);

}  // namespace floodtwin::viz
