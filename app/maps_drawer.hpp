#pragma once
// The maps at the end of `floodtwin run` and of the demo, drawn by viz: the one place
// the twin's run hands its results to the renderer (twin/run/run.hpp, MapsDrawer).
#include "twin/fourpre/fourpre_workflow.hpp"
#include "twin/run/run.hpp"

namespace floodtwin::app {

// Draws max_depth.png, arrival_time.png, max_depth_3d.png and flood.mp4 with the case's
// gauges as stations and its rivers; starts a private X server when none is set.
// Empty in a build without viz (FLOODTWIN_VIZ=OFF): the run then warns that it draws none.
[[nodiscard]] twin::MapsDrawer viz_maps_drawer();

// The class maps of `floodtwin fourpre` (depth, hazard, warning); empty without viz.
[[nodiscard]] twin::ClassMapDrawer viz_class_map_drawer();

}  // namespace floodtwin::app
