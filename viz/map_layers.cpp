#include "viz/map_layers.hpp"

#include "viz/hillshade.hpp"
#include "viz/line_actor.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

#include <vtkDoubleArray.h>
#include <vtkImageData.h>
#include <vtkImageMapToColors.h>
#include <vtkImageProperty.h>
#include <vtkImageSlice.h>
#include <vtkImageSliceMapper.h>
#include <vtkLookupTable.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkRenderer.h>
#include <vtkSmartPointer.h>
#include <vtkUnsignedCharArray.h>

namespace floodtwin::viz {

namespace {

// An image whose points are the cell centres, at height z.
vtkSmartPointer<vtkImageData> centre_image(const ImageGrid& g, double z) {
    auto image = vtkSmartPointer<vtkImageData>::New();
    image->SetDimensions(g.nx, g.ny, 1);
    image->SetOrigin(g.x0_m + 0.5 * g.dx_m, g.y0_m + 0.5 * g.dy_m, z);
    image->SetSpacing(g.dx_m, g.dy_m, 1.0);
    return image;
}

// `mapper` fed with the layer's image by the caller.
void add_image_layer(vtkRenderer* renderer, vtkImageSliceMapper* mapper, bool smooth) {
    // Edge pixels drawn whole, so the layer covers every cell out to the grid's edge.
    mapper->BorderOn();
    vtkNew<vtkImageSlice> slice;
    slice->SetMapper(mapper);
    if (smooth)
        slice->GetProperty()->SetInterpolationTypeToLinear();
    else
        slice->GetProperty()->SetInterpolationTypeToNearest();
    renderer->AddViewProp(slice);
}

// Grey levels (and opacity: none where the ground is unknown) for each cell.
vtkSmartPointer<vtkUnsignedCharArray> hillshade_rgba(const MapScene& scene) {
    const ImageGrid& g = scene.grid;
    const std::size_t n = g.cell_count();
    std::vector<double> shade;
    if (!scene.ground_m.empty()) {
        HillshadeOptions options;
        options.z_factor = readable_z_factor(scene.ground_m, g.nx, g.ny, g.dx_m, g.dy_m);
        shade = hillshade(scene.ground_m, g.nx, g.ny, g.dx_m, g.dy_m, options);
    }
    auto rgba = vtkSmartPointer<vtkUnsignedCharArray>::New();
    rgba->SetName("hillshade");
    rgba->SetNumberOfComponents(4);
    rgba->SetNumberOfTuples(static_cast<vtkIdType>(n));
    // No ground: the grey of flat land in the same light.
    const unsigned char flat = hillshade_grey(std::sin(std::numbers::pi / 4.0));
    for (std::size_t c = 0; c < n; ++c) {
        const bool known = shade.empty() || !std::isnan(shade[c]);
        const unsigned char grey = shade.empty() ? flat : hillshade_grey(shade[c]);
        unsigned char* p = rgba->GetPointer(static_cast<vtkIdType>(4 * c));
        p[0] = p[1] = p[2] = grey;
        p[3] = known ? 255 : 0;
    }
    return rgba;
}

}  // namespace

void add_terrain_layer(vtkRenderer* renderer, const MapScene& scene) {
    auto image = centre_image(scene.grid, 0.0);
    image->GetPointData()->SetScalars(hillshade_rgba(scene));
    vtkNew<vtkImageSliceMapper> mapper;
    mapper->SetInputData(image);
    add_image_layer(renderer, mapper, true);
}

void add_water_layer(vtkRenderer* renderer, const MapScene& scene, vtkLookupTable* lut, double z) {
    auto image = centre_image(scene.grid, z);
    vtkNew<vtkDoubleArray> values;
    values->SetName("values");
    values->SetNumberOfTuples(static_cast<vtkIdType>(scene.values.size()));
    std::copy(scene.values.begin(), scene.values.end(), values->GetPointer(0));
    image->GetPointData()->SetScalars(values);
    vtkNew<vtkImageMapToColors> colours;
    colours->SetInputData(image);
    colours->SetLookupTable(lut);
    colours->SetOutputFormatToRGBA();
    colours->Update();
    vtkNew<vtkImageSliceMapper> mapper;
    mapper->SetInputConnection(colours->GetOutputPort());
    // Cells hold one value each: nearest, never blended with a neighbour or with NaN.
    add_image_layer(renderer, mapper, false);
}

void add_grid_frame(vtkRenderer* renderer, const ImageGrid& g, double z) {
    const LineParts outline{{{g.x0_m, g.y0_m, z}, {g.x1_m(), g.y0_m, z}, {g.x1_m(), g.y1_m(), z}, {g.x0_m, g.y1_m(), z},
                             {g.x0_m, g.y0_m, z}}};
    add_lines(renderer, outline, {0.25, 0.25, 0.25}, 1.0);
}

}  // namespace floodtwin::viz
