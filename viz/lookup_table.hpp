#pragma once
// A ColourScale as the vtkLookupTable every VTK drawing of it uses (the water layer,
// the legend's colour bar, the 3D water surface): exactly the scale's table entries,
// so ColourScale::colour_at() is the colour a map shows. Internal to viz.
#include <vtkSmartPointer.h>

#include "viz/colour_scale.hpp"

class vtkLookupTable;

namespace floodtwin::viz {

// NaN values get a fully transparent colour: dry cells show the terrain beneath.
vtkSmartPointer<vtkLookupTable> lookup_table(const ColourScale& scale);

}  // namespace floodtwin::viz
