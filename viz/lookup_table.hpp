#pragma once
// A ColourScale as the vtkLookupTable every VTK drawing of it uses (the water layer,
// the legend's colour bar, the 3D water surface): exactly the scale's table entries,
// so ColourScale::colour_at() is the colour a map shows; or the discrete table of a
// map of classes, one entry per code. Internal to viz.
#include <vtkSmartPointer.h>

#include <vector>

#include "viz/colour_scale.hpp"
#include "viz/map_scene.hpp"  // ValueClass

class vtkLookupTable;

namespace floodtwin::viz {

// NaN values get a fully transparent colour: dry cells show the terrain beneath.
vtkSmartPointer<vtkLookupTable> lookup_table(const ColourScale& scale);
// One entry per whole code from the lowest class to the highest, each exactly its
// class's colour; codes in between that are no class, and NaN, fully transparent.
vtkSmartPointer<vtkLookupTable> class_lookup_table(const std::vector<ValueClass>& classes);

}  // namespace floodtwin::viz
