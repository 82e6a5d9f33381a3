#pragma once
// The layers of a plan map drawn with VTK, bottom to top: the hillshaded terrain in
// grey, the scene's values in their colour scale (NaN cells transparent, so dry land
// shows the terrain) and a thin frame round the grid. Rivers and stations go on top
// (viz/map_overlays.hpp). Internal to viz; VTK classes are only named here.
#include "viz/image_grid.hpp"
#include "viz/map_scene.hpp"

class vtkLookupTable;
class vtkRenderer;

namespace floodtwin::viz {

// At height 0; flat grey where the scene has no ground.
void add_terrain_layer(vtkRenderer* renderer, const MapScene& scene);
// The scene's values through `lut` (viz/lookup_table.hpp) at height z.
void add_water_layer(vtkRenderer* renderer, const MapScene& scene, vtkLookupTable* lut, double z);
// The grid's outline at height z.
void add_grid_frame(vtkRenderer* renderer, const ImageGrid& grid, double z);

}  // namespace floodtwin::viz
