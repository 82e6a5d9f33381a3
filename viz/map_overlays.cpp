#include "viz/map_overlays.hpp"

#include "viz/label_placement.hpp"
#include "viz/line_clip.hpp"
#include "viz/rivers.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>

#include <vtkActor.h>
#include <vtkCellArray.h>
#include <vtkNew.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRegularPolygonSource.h>
#include <vtkRenderer.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>

namespace floodtwin::viz {

namespace {

constexpr double k_label_grey[3] = {0.12, 0.12, 0.12};

// Wide enough to read as a river at any map size, narrow beside the markers.
double river_width_px(int image_height) { return std::max(2.0, 0.0035 * image_height); }

ClipBox grid_box(const ImageGrid& g) { return {g.x0_m, g.y0_m, g.x0_m + g.nx * g.dx_m, g.y0_m + g.ny * g.dy_m}; }

// One actor for all the lines: points (x, y, z) per part, a polyline cell each.
void add_lines(vtkRenderer* renderer, const std::vector<std::vector<std::array<double, 3>>>& parts, double width_px) {
    if (parts.empty()) return;
    vtkNew<vtkPoints> points;
    vtkNew<vtkCellArray> lines;
    for (const auto& part : parts) {
        lines->InsertNextCell(static_cast<vtkIdType>(part.size()));
        for (const auto& p : part) lines->InsertCellPoint(points->InsertNextPoint(p.data()));
    }
    vtkNew<vtkPolyData> poly;
    poly->SetPoints(points);
    poly->SetLines(lines);
    vtkNew<vtkPolyDataMapper> mapper;
    mapper->SetInputData(poly);
    vtkNew<vtkActor> actor;
    actor->SetMapper(mapper);
    actor->GetProperty()->SetColor(river_colour.r, river_colour.g, river_colour.b);
    actor->GetProperty()->SetLineWidth(static_cast<float>(width_px));
    // Unlit: the line carries exactly the river colour, whatever the view.
    actor->GetProperty()->LightingOff();
    renderer->AddActor(actor);
}

}  // namespace

void add_rivers_plan(vtkRenderer* renderer, const MapScene& scene, int image_height, double z) {
    std::vector<std::vector<std::array<double, 3>>> parts;
    for (const grids::Polyline& river : scene.rivers)
        for (const auto& piece : clip_to_box(river, grid_box(scene.grid))) {
            auto& part = parts.emplace_back();
            for (const grids::LinePoint& p : piece) part.push_back({p.x, p.y, z});
        }
    add_lines(renderer, parts, river_width_px(image_height));
}

void add_rivers_3d(vtkRenderer* renderer, const MapScene& scene, int image_height, double exaggeration, double lift,
                   double ground_fallback_m) {
    const ImageGrid& g = scene.grid;
    const auto top = [&](int i, int j) {
        const auto c = static_cast<std::size_t>(i) + static_cast<std::size_t>(g.nx) * static_cast<std::size_t>(j);
        if (c < scene.surface_m.size() && std::isfinite(scene.surface_m[c])) return scene.surface_m[c];
        if (c < scene.ground_m.size() && std::isfinite(scene.ground_m[c])) return scene.ground_m[c];
        return ground_fallback_m;
    };
    // Bilinear between cell centres, as the terrain mesh joins them.
    const auto height = [&](double x, double y) {
        const double fi = std::clamp((x - g.x0_m) / g.dx_m - 0.5, 0.0, g.nx - 1.0);
        const double fj = std::clamp((y - g.y0_m) / g.dy_m - 0.5, 0.0, g.ny - 1.0);
        const int i0 = static_cast<int>(fi), j0 = static_cast<int>(fj);
        const int i1 = std::min(i0 + 1, g.nx - 1), j1 = std::min(j0 + 1, g.ny - 1);
        const double a = fi - i0, b = fj - j0;
        return (1 - a) * (1 - b) * top(i0, j0) + a * (1 - b) * top(i1, j0) + (1 - a) * b * top(i0, j1) +
               a * b * top(i1, j1);
    };
    // Points every half cell, so the line follows the relief between the given vertices.
    const double step = 0.5 * std::min(g.dx_m, g.dy_m);
    std::vector<std::vector<std::array<double, 3>>> parts;
    for (const grids::Polyline& river : scene.rivers)
        for (const auto& piece : clip_to_box(river, grid_box(g))) {
            auto& part = parts.emplace_back();
            for (std::size_t k = 0; k + 1 < piece.size(); ++k) {
                const grids::LinePoint &a = piece[k], &b = piece[k + 1];
                const int n = std::max(1, static_cast<int>(std::ceil(std::hypot(b.x - a.x, b.y - a.y) / step)));
                for (int s = (k == 0 ? 0 : 1); s <= n; ++s) {
                    const double t = static_cast<double>(s) / n;
                    const double x = a.x + t * (b.x - a.x), y = a.y + t * (b.y - a.y);
                    part.push_back({x, y, height(x, y) * exaggeration + lift});
                }
            }
        }
    add_lines(renderer, parts, river_width_px(image_height));
}

std::vector<PixelBox> add_stations(vtkRenderer* renderer, const MapScene& scene, const RenderedMap& map, double z) {
    const ImageGrid& g = scene.grid;
    const int height = map.layout.height;
    const double radius_px = std::max(3.0, 0.007 * height);
    const double radius_m = radius_px / map.px_per_m;
    const int size = std::max(8, static_cast<int>(std::lround(0.017 * height)));
    std::vector<PixelBox> labels;
    for (const Station& s : scene.stations) {
        if (s.x_m < g.x0_m || s.x_m > g.x0_m + g.nx * g.dx_m || s.y_m < g.y0_m || s.y_m > g.y0_m + g.ny * g.dy_m)
            continue;  // off the map
        const Rgb fill = warning_colour(s.level);
        vtkNew<vtkRegularPolygonSource> disc;
        disc->SetNumberOfSides(24);
        disc->SetRadius(radius_m);
        disc->SetCenter(s.x_m, s.y_m, z);
        vtkNew<vtkPolyDataMapper> disc_mapper;
        disc_mapper->SetInputConnection(disc->GetOutputPort());
        vtkNew<vtkActor> marker;
        marker->SetMapper(disc_mapper);
        marker->GetProperty()->SetColor(fill.r, fill.g, fill.b);
        marker->GetProperty()->LightingOff();
        renderer->AddActor(marker);

        vtkNew<vtkRegularPolygonSource> ring;
        ring->SetNumberOfSides(24);
        ring->SetRadius(radius_m);
        ring->SetCenter(s.x_m, s.y_m, z + 1.0);
        ring->GeneratePolygonOff();
        ring->GeneratePolylineOn();
        vtkNew<vtkPolyDataMapper> ring_mapper;
        ring_mapper->SetInputConnection(ring->GetOutputPort());
        vtkNew<vtkActor> outline;
        outline->SetMapper(ring_mapper);
        outline->GetProperty()->SetColor(0.05, 0.05, 0.05);
        outline->GetProperty()->SetLineWidth(2.0);
        outline->GetProperty()->LightingOff();
        renderer->AddActor(outline);

        vtkNew<vtkTextActor> text;
        text->SetInput(station_label(s.name, {s.stage_m, s.level}).c_str());
        vtkTextProperty* p = text->GetTextProperty();
        p->SetFontFamilyToArial();
        p->SetFontSize(size);
        p->BoldOn();
        p->SetColor(k_label_grey[0], k_label_grey[1], k_label_grey[2]);
        p->SetBackgroundColor(1.0, 1.0, 1.0);
        p->SetBackgroundOpacity(0.75);
        p->SetJustificationToLeft();
        p->SetVerticalJustificationToBottom();
        // Measured where it would stand at the display origin, then placed in pixels so
        // that the whole label stays inside the map box.
        text->SetDisplayPosition(0, 0);
        double bbox[4];
        text->GetBoundingBox(renderer, bbox);
        const int width = static_cast<int>(std::ceil(bbox[1] - bbox[0]));
        const int tall = static_cast<int>(std::ceil(bbox[3] - bbox[2]));
        const auto centre = map.pixel_of(s.x_m, s.y_m);
        const PixelBox box = place_label(centre[0], centre[1], radius_px, width, tall, map.layout.map);
        text->SetDisplayPosition(box.left - static_cast<int>(std::floor(bbox[0])),
                                 height - box.bottom - static_cast<int>(std::floor(bbox[2])));
        renderer->AddActor2D(text);
        labels.push_back(box);
    }
    return labels;
}

}  // namespace floodtwin::viz
