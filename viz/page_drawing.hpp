#pragma once
// The page around a map drawn with VTK, each part where the layout puts it: title and
// time, legend, notes, and on plan maps the scale bar and north arrow. Internal to viz
// (map_renderer.cpp calls it); VTK classes are only named here, never included.
#include <string>

#include "viz/legend_layout.hpp"
#include "viz/map_layout.hpp"
#include "viz/map_scene.hpp"
#include "viz/north_arrow.hpp"
#include "viz/scale_bar.hpp"

class vtkLookupTable;
class vtkRenderer;

namespace floodtwin::viz {

// The scene's title and, below it, its time (MapScene::subtitle).
void add_title(vtkRenderer* renderer, const MapScene& scene, const MapLayout& layout);
// The scene's legend groups as swatches with their words (a map of classes).
void add_class_legend(vtkRenderer* renderer, const MapScene& scene, const ClassLegendLayout& legend,
                      const MapLayout& layout);
// The colour bar of `lut` with the scene's legend title.
void add_legend(vtkRenderer* renderer, vtkLookupTable* lut, const MapScene& scene, const LegendLayout& legend,
                const MapLayout& layout);
void add_north_arrow(vtkRenderer* renderer, const NorthArrow& arrow, const MapLayout& layout);
void add_scale_bar(vtkRenderer* renderer, const ScaleBar& bar, const MapLayout& layout);
// The scene's note, in red italics at the footer's right (nothing when empty).
void add_note(vtkRenderer* renderer, const MapScene& scene, const MapLayout& layout);
// The scene's source line, small and grey under the note, wrapped to half the page.
void add_source(vtkRenderer* renderer, const MapScene& scene, const MapLayout& layout);
// The 3D view's words about itself, at the footer's left.
void add_view_note(vtkRenderer* renderer, const std::string& words, const MapLayout& layout);

}  // namespace floodtwin::viz
