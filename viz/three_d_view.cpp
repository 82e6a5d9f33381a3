#include "viz/three_d_view.hpp"

#include "viz/map_overlays.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numbers>

#include <vtkActor.h>
#include <vtkCamera.h>
#include <vtkCellArray.h>
#include <vtkDoubleArray.h>
#include <vtkLight.h>
#include <vtkLookupTable.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkPolyDataNormals.h>
#include <vtkProperty.h>
#include <vtkRenderer.h>
#include <vtkSmartPointer.h>

namespace floodtwin::viz {

namespace {

// The lowest and highest known ground; both 0 where none is known.
struct Relief {
    double lo_m = 0.0;
    double hi_m = 0.0;
};

Relief ground_relief(const std::vector<double>& ground_m) {
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (double z : ground_m)
        if (std::isfinite(z)) lo = std::min(lo, z), hi = std::max(hi, z);
    if (!std::isfinite(lo)) return {};
    return {lo, hi};
}

double readable_exaggeration(const Relief& relief, double extent_m) {
    // Relief about a tenth of the width reads as terrain without looking like Alps.
    const double height_m = std::max(relief.hi_m - relief.lo_m, 1e-3);
    return std::clamp(std::round(0.1 * extent_m / height_m), 1.0, 50.0);
}

// The scene's cells as the 3D view places them: points at the cell centres, heights
// times the exaggeration, unknown ground at the lowest known.
struct RaisedGrid {
    const MapScene& scene;
    double exaggeration;
    Relief relief;

    [[nodiscard]] const ImageGrid& grid() const { return scene.grid; }
    [[nodiscard]] vtkIdType point_id(int i, int j) const {
        return static_cast<vtkIdType>(i) + static_cast<vtkIdType>(grid().nx) * j;
    }
    [[nodiscard]] std::array<double, 3> centre(int i, int j, double z_m) const {
        const ImageGrid& g = grid();
        return {g.x0_m + (i + 0.5) * g.dx_m, g.y0_m + (j + 0.5) * g.dy_m, z_m * exaggeration};
    }
    [[nodiscard]] double ground_at(std::size_t c) const {
        return std::isfinite(scene.ground_m[c]) ? scene.ground_m[c] : relief.lo_m;
    }
    [[nodiscard]] bool wet(std::size_t c) const {
        return std::isfinite(scene.surface_m[c]) && !std::isnan(scene.values[c]);
    }
    [[nodiscard]] bool wet(int i, int j) const { return wet(static_cast<std::size_t>(point_id(i, j))); }

    // Quads joining four neighbouring centres, those whose corners all pass `keep`.
    template <typename Keep>
    [[nodiscard]] vtkSmartPointer<vtkCellArray> quads(Keep keep) const {
        auto cells = vtkSmartPointer<vtkCellArray>::New();
        for (int j = 0; j + 1 < grid().ny; ++j)
            for (int i = 0; i + 1 < grid().nx; ++i)
                if (keep(i, j) && keep(i + 1, j) && keep(i + 1, j + 1) && keep(i, j + 1)) {
                    const vtkIdType q[4] = {point_id(i, j), point_id(i + 1, j), point_id(i + 1, j + 1),
                                            point_id(i, j + 1)};
                    cells->InsertNextCell(4, q);
                }
        return cells;
    }
};

// A mesh with smooth normals (no splitting at sharp edges: terrain has none).
vtkSmartPointer<vtkPolyDataMapper> smooth_mapper(vtkPolyData* mesh) {
    vtkNew<vtkPolyDataNormals> normals;
    normals->SetInputData(mesh);
    normals->SplittingOff();
    auto mapper = vtkSmartPointer<vtkPolyDataMapper>::New();
    mapper->SetInputConnection(normals->GetOutputPort());
    return mapper;
}

void add_terrain(vtkRenderer* renderer, const RaisedGrid& raised) {
    const ImageGrid& g = raised.grid();
    vtkNew<vtkPoints> points;
    points->SetNumberOfPoints(static_cast<vtkIdType>(g.cell_count()));
    for (int j = 0; j < g.ny; ++j)
        for (int i = 0; i < g.nx; ++i) {
            const vtkIdType id = raised.point_id(i, j);
            const auto p = raised.centre(i, j, raised.ground_at(static_cast<std::size_t>(id)));
            points->SetPoint(id, p.data());
        }
    vtkNew<vtkPolyData> terrain;
    terrain->SetPoints(points);
    terrain->SetPolys(raised.quads([](int, int) { return true; }));
    const auto mapper = smooth_mapper(terrain);
    mapper->ScalarVisibilityOff();
    vtkNew<vtkActor> actor;
    actor->SetMapper(mapper);
    actor->GetProperty()->SetColor(0.80, 0.78, 0.72);
    actor->GetProperty()->SetAmbient(0.25);
    actor->GetProperty()->SetDiffuse(0.85);
    actor->GetProperty()->SetSpecular(0.0);
    renderer->AddActor(actor);
}

// Where the water is, for the camera: the box of the wet points and their mean height.
struct WetExtent {
    double x0 = std::numeric_limits<double>::infinity(), x1 = -x0, y0 = x0, y1 = -x0;
    double z_sum = 0.0;
    std::size_t points = 0;

    void add(const std::array<double, 3>& p) {
        x0 = std::min(x0, p[0]), x1 = std::max(x1, p[0]);
        y0 = std::min(y0, p[1]), y1 = std::max(y1, p[1]);
        z_sum += p[2];
        ++points;
    }
};

// The water surface: only quads whose four corners hold water, `lift` above the
// ground so shallow edges do not flicker through it. Returns where the water is.
WetExtent add_water(vtkRenderer* renderer, const RaisedGrid& raised, vtkLookupTable* lut, double lift) {
    const ImageGrid& g = raised.grid();
    const MapScene& scene = raised.scene;
    const std::size_t n = g.cell_count();
    vtkNew<vtkPoints> points;
    points->SetNumberOfPoints(static_cast<vtkIdType>(n));
    vtkNew<vtkDoubleArray> values;
    values->SetName("values");
    values->SetNumberOfTuples(static_cast<vtkIdType>(n));
    WetExtent extent;
    for (int j = 0; j < g.ny; ++j)
        for (int i = 0; i < g.nx; ++i) {
            const std::size_t c = static_cast<std::size_t>(raised.point_id(i, j));
            auto p = raised.centre(i, j, raised.wet(c) ? scene.surface_m[c] : raised.ground_at(c));
            p[2] += lift;
            points->SetPoint(static_cast<vtkIdType>(c), p.data());
            values->SetValue(static_cast<vtkIdType>(c), scene.values[c]);
            if (raised.wet(c)) extent.add(p);
        }
    const auto quads = raised.quads([&](int i, int j) { return raised.wet(i, j); });
    if (quads->GetNumberOfCells() == 0) return extent;
    vtkNew<vtkPolyData> water;
    water->SetPoints(points);
    water->SetPolys(quads);
    water->GetPointData()->SetScalars(values);
    const auto mapper = smooth_mapper(water);
    mapper->SetLookupTable(lut);
    mapper->UseLookupTableScalarRangeOn();
    mapper->SetScalarModeToUsePointData();
    mapper->InterpolateScalarsBeforeMappingOn();
    vtkNew<vtkActor> actor;
    actor->SetMapper(mapper);
    actor->GetProperty()->SetOpacity(0.78);
    actor->GetProperty()->SetAmbient(0.35);
    actor->GetProperty()->SetDiffuse(0.65);
    actor->GetProperty()->SetSpecular(0.25);
    actor->GetProperty()->SetSpecularPower(30.0);
    renderer->AddActor(actor);
    return extent;
}

// Sun from the north-west, as the plan map's hillshade, plus a soft fill light.
void add_lights(vtkRenderer* renderer) {
    vtkNew<vtkLight> sun;
    sun->SetLightTypeToSceneLight();
    sun->SetPositional(false);
    sun->SetFocalPoint(0.0, 0.0, 0.0);
    sun->SetPosition(-0.5, 0.5, 0.707);
    sun->SetIntensity(0.9);
    renderer->AddLight(sun);
    vtkNew<vtkLight> fill;
    fill->SetLightTypeToHeadlight();
    fill->SetIntensity(0.3);
    renderer->AddLight(fill);
    renderer->AutomaticLightCreationOff();
}

// What the camera must show: a box in view coordinates (heights already exaggerated)
// and the height it looks at.
struct FramedBox {
    double x0, x1, y0, y1;
    double z_lo, z_hi;
    double z_focus;
};

// The water with room around it; the whole grid when nothing is wet.
FramedBox framed_box(const RaisedGrid& raised, const WetExtent& wet) {
    const ImageGrid& g = raised.grid();
    const double ex = raised.exaggeration;
    const Relief& r = raised.relief;
    FramedBox box{g.x0_m, g.x1_m(), g.y0_m, g.y1_m(), r.lo_m * ex, r.hi_m * ex, 0.5 * (r.lo_m + r.hi_m) * ex};
    if (wet.points == 0) return box;
    const double extent = std::max(g.nx * g.dx_m, g.ny * g.dy_m);
    const double pad = std::max(0.25 * std::max(wet.x1 - wet.x0, wet.y1 - wet.y0), 0.1 * extent);
    box.x0 = std::max(g.x0_m, wet.x0 - pad), box.x1 = std::min(g.x1_m(), wet.x1 + pad);
    box.y0 = std::max(g.y0_m, wet.y0 - pad), box.y1 = std::min(g.y1_m(), wet.y1 + pad);
    box.z_focus = wet.z_sum / static_cast<double>(wet.points);
    return box;
}

// The camera looks along d from the south-south-west, 35 degrees down; its distance is
// the least at which every corner of the box lies inside a viewport of `aspect`.
void point_camera(vtkRenderer* renderer, const FramedBox& box, double aspect) {
    const double view_angle_deg = 30.0;
    const double elevation = 35.0 * std::numbers::pi / 180.0;
    const double bearing = 200.0 * std::numbers::pi / 180.0;  // camera to the south-south-west
    const double xc = 0.5 * (box.x0 + box.x1), yc = 0.5 * (box.y0 + box.y1), zc = box.z_focus;
    const std::array<double, 3> d{-std::cos(elevation) * std::sin(bearing), -std::cos(elevation) * std::cos(bearing),
                                  -std::sin(elevation)};
    std::array<double, 3> up{-d[2] * d[0], -d[2] * d[1], 1.0 - d[2] * d[2]};  // z minus its part along d
    const double up_norm = std::hypot(up[0], up[1], up[2]);
    for (double& u : up) u /= up_norm;
    const std::array<double, 3> right{d[1] * up[2] - d[2] * up[1], d[2] * up[0] - d[0] * up[2],
                                      d[0] * up[1] - d[1] * up[0]};
    const double tan_v = std::tan(0.5 * view_angle_deg * std::numbers::pi / 180.0);
    double distance = 0.0;
    for (double cx : {box.x0, box.x1})
        for (double cy : {box.y0, box.y1})
            for (double cz : {box.z_lo, box.z_hi}) {
                const double p[3] = {cx - xc, cy - yc, cz - zc};
                const double a = p[0] * right[0] + p[1] * right[1] + p[2] * right[2];
                const double b = p[0] * up[0] + p[1] * up[1] + p[2] * up[2];
                const double c = p[0] * d[0] + p[1] * d[1] + p[2] * d[2];
                distance = std::max({distance, std::fabs(a) / (tan_v * aspect) - c, std::fabs(b) / tan_v - c});
            }
    distance *= 1.04;  // a little air at the edges
    vtkCamera* camera = renderer->GetActiveCamera();
    camera->SetViewAngle(view_angle_deg);
    camera->SetFocalPoint(xc, yc, zc);
    camera->SetPosition(xc - distance * d[0], yc - distance * d[1], zc - distance * d[2]);
    camera->SetViewUp(0.0, 0.0, 1.0);
    renderer->ResetCameraClippingRange();
}

}  // namespace

double add_three_d_scene(vtkRenderer* renderer, const MapScene& scene, vtkLookupTable* lut, const MapLayout& layout,
                         double exaggeration) {
    const ImageGrid& g = scene.grid;
    const Relief relief = ground_relief(scene.ground_m);
    if (!(exaggeration > 0.0)) exaggeration = readable_exaggeration(relief, std::max(g.nx * g.dx_m, g.ny * g.dy_m));
    const RaisedGrid raised{scene, exaggeration, relief};

    add_terrain(renderer, raised);
    // A hair above the ground, in proportion to the relief shown.
    const double lift = 1e-3 * std::max(relief.hi_m - relief.lo_m, 1.0) * exaggeration;
    const WetExtent wet = add_water(renderer, raised, lut, lift);
    // Rivers a little above the water, which would otherwise hide them in the flood.
    add_rivers_3d(renderer, scene, layout.height, exaggeration, 3.0 * lift, relief.lo_m);
    add_lights(renderer);
    const double aspect = static_cast<double>(layout.map.right - layout.map.left) / (layout.map.bottom - layout.map.top);
    point_camera(renderer, framed_box(raised, wet), aspect);
    return exaggeration;
}

}  // namespace floodtwin::viz
