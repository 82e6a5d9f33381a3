#include "viz/map_overlays.hpp"

#include "viz/label_placement.hpp"
#include "viz/line_actor.hpp"
#include "viz/line_clip.hpp"
#include "viz/rivers.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>

#include <vtkActor.h>
#include <vtkCellArray.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkTriangleFilter.h>
#include <vtkNew.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRegularPolygonSource.h>
#include <vtkRenderer.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>

namespace floodtwin::viz {

namespace {

constexpr Rgb k_label_grey{0.12, 0.12, 0.12};
constexpr Rgb k_ring_black{0.05, 0.05, 0.05};
constexpr Rgb k_area_grey{0.3, 0.3, 0.3};
// How much of an area's warning colour tints the land beneath it.
constexpr double k_area_tint = 0.3;

// Wide enough to read as a river at any map size, narrow beside the markers.
double river_width_px(int image_height) { return std::max(2.0, 0.0035 * image_height); }

ClipBox grid_box(const ImageGrid& g) { return {g.x0_m, g.y0_m, g.x1_m(), g.y1_m()}; }

// A circle of `radius_m` round the station at height z: a disc (with its rim in the
// same colour), or a ring two pixels wide.
void add_circle(vtkRenderer* renderer, const Station& s, double radius_m, double z, bool disc, const Rgb& colour) {
    vtkNew<vtkRegularPolygonSource> circle;
    circle->SetNumberOfSides(24);
    circle->SetRadius(radius_m);
    circle->SetCenter(s.x_m, s.y_m, z);
    if (!disc) {
        circle->GeneratePolygonOff();
        circle->GeneratePolylineOn();
    }
    vtkNew<vtkPolyDataMapper> mapper;
    mapper->SetInputConnection(circle->GetOutputPort());
    vtkNew<vtkActor> actor;
    actor->SetMapper(mapper);
    actor->GetProperty()->SetColor(colour.r, colour.g, colour.b);
    if (!disc) actor->GetProperty()->SetLineWidth(2.0);
    actor->GetProperty()->LightingOff();
    renderer->AddActor(actor);
}

// The label of a marker at `marker` (pixels, rows from the top): measured where it
// would stand at the display origin, then placed so that the whole label stays inside
// the map box. Returns its box.
PixelBox add_label(vtkRenderer* renderer, const std::string& text, const PixelPoint& marker, double radius_px,
                   const MapLayout& layout) {
    vtkNew<vtkTextActor> actor;
    actor->SetInput(text.c_str());
    vtkTextProperty* p = actor->GetTextProperty();
    p->SetFontFamilyToArial();
    p->SetFontSize(station_label_font_px(layout.height));
    p->BoldOn();
    p->SetColor(k_label_grey.r, k_label_grey.g, k_label_grey.b);
    p->SetBackgroundColor(1.0, 1.0, 1.0);
    p->SetBackgroundOpacity(0.75);
    p->SetJustificationToLeft();
    p->SetVerticalJustificationToBottom();
    actor->SetDisplayPosition(0, 0);
    double bbox[4];
    actor->GetBoundingBox(renderer, bbox);
    const int width = static_cast<int>(std::ceil(bbox[1] - bbox[0]));
    const int tall = static_cast<int>(std::ceil(bbox[3] - bbox[2]));
    const PixelBox box = place_label(marker.column, marker.row, radius_px, width, tall, layout.map);
    actor->SetDisplayPosition(box.left - static_cast<int>(std::floor(bbox[0])),
                              layout.height - box.bottom - static_cast<int>(std::floor(bbox[2])));
    renderer->AddActor2D(actor);
    return box;
}

// The rings of an area filled in `colour` at height z, `opacity` of it; rings may be
// concave (triangulated by ear clipping).
void add_area_fill(vtkRenderer* renderer, const MapArea& area, const Rgb& colour, double opacity, double z) {
    vtkNew<vtkPoints> points;
    vtkNew<vtkCellArray> polys;
    for (const grids::Polyline& ring : area.rings) {
        if (ring.points.size() < 3) continue;
        polys->InsertNextCell(static_cast<vtkIdType>(ring.points.size()));
        for (const grids::LinePoint& p : ring.points) polys->InsertCellPoint(points->InsertNextPoint(p.x, p.y, z));
    }
    vtkNew<vtkPolyData> poly;
    poly->SetPoints(points);
    poly->SetPolys(polys);
    vtkNew<vtkTriangleFilter> triangles;
    triangles->SetInputData(poly);
    vtkNew<vtkPolyDataMapper> mapper;
    mapper->SetInputConnection(triangles->GetOutputPort());
    vtkNew<vtkActor> actor;
    actor->SetMapper(mapper);
    actor->GetProperty()->SetColor(colour.r, colour.g, colour.b);
    actor->GetProperty()->SetOpacity(opacity);
    actor->GetProperty()->LightingOff();
    renderer->AddActor(actor);
}

// The rings of an area as closed lines at height z, cut to the grid.
LineParts area_outline(const MapArea& area, const ImageGrid& grid, double z) {
    LineParts parts;
    for (grids::Polyline ring : area.rings) {
        if (ring.points.size() < 2) continue;
        ring.points.push_back(ring.points.front());
        for (const auto& piece : clip_to_box(ring, grid_box(grid))) {
            auto& part = parts.emplace_back();
            for (const grids::LinePoint& p : piece) part.push_back({p.x, p.y, z});
        }
    }
    return parts;
}

}  // namespace

void add_area_fills(vtkRenderer* renderer, const MapScene& scene, double z) {
    for (const MapArea& area : scene.areas)
        if (area.level != WarningLevel::none) add_area_fill(renderer, area, warning_colour(area.level), k_area_tint, z);
}

std::vector<PixelBox> add_area_outlines(vtkRenderer* renderer, const MapScene& scene, const PlanMapLayout& plan,
                                        double z) {
    const double width = river_width_px(plan.layout.height);
    std::vector<PixelBox> labels;
    for (const MapArea& area : scene.areas) {
        const bool warned = area.level != WarningLevel::none;
        if (warned) {
            add_lines(renderer, area_outline(area, scene.grid, z + 0.1), k_ring_black, width + 2.0);
            add_lines(renderer, area_outline(area, scene.grid, z + 0.2), warning_colour(area.level), width);
        } else {
            add_lines(renderer, area_outline(area, scene.grid, z + 0.2), k_area_grey, width);
        }
        if (area.name.empty() || area.rings.empty() || area.rings.front().points.empty()) continue;
        double x = area.rings.front().points.front().x, y = area.rings.front().points.front().y;
        for (const grids::LinePoint& p : area.rings.front().points) {
            x = std::min(x, p.x);
            y = std::max(y, p.y);
        }
        const auto corner = plan.pixel_of(x, y);
        const std::string text = warned ? area.name + " (" + twin::to_string(area.level) + ")" : area.name;
        labels.push_back(add_label(renderer, text, {corner[0], corner[1]}, 0.0, plan.layout));
    }
    return labels;
}

void add_rivers_plan(vtkRenderer* renderer, const MapScene& scene, int image_height, double z) {
    LineParts parts;
    for (const grids::Polyline& river : scene.rivers)
        for (const auto& piece : clip_to_box(river, grid_box(scene.grid))) {
            auto& part = parts.emplace_back();
            for (const grids::LinePoint& p : piece) part.push_back({p.x, p.y, z});
        }
    add_lines(renderer, parts, river_colour, river_width_px(image_height));
}

void add_rivers_3d(vtkRenderer* renderer, const MapScene& scene, int image_height, double exaggeration, double lift,
                   double ground_fallback_m) {
    const ImageGrid& g = scene.grid;
    const auto top = [&](int i, int j) {
        const std::size_t c = g.cell(i, j);
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
    LineParts parts;
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
    add_lines(renderer, parts, river_colour, river_width_px(image_height));
}

std::vector<PixelBox> add_stations(vtkRenderer* renderer, const MapScene& scene, const PlanMapLayout& plan, double z) {
    const double radius_px = station_marker_radius_px(plan.layout.height);
    std::vector<PixelBox> labels;
    for (const Station& s : scene.stations) {
        if (!scene.grid.contains(s.x_m, s.y_m)) continue;  // off the map
        add_circle(renderer, s, radius_px / plan.frame.px_per_m, z, true, warning_colour(s.level));
        add_circle(renderer, s, radius_px / plan.frame.px_per_m, z + 1.0, false, k_ring_black);
        const auto centre = plan.pixel_of(s.x_m, s.y_m);
        labels.push_back(add_label(renderer, station_label(s.name, {s.stage_m, s.level}), {centre[0], centre[1]},
                                   radius_px, plan.layout));
    }
    return labels;
}

}  // namespace floodtwin::viz
