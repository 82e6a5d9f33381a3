#include "viz/map_renderer.hpp"

#include "grids/atomic_file.hpp"
#include "grids/write_error.hpp"
#include "viz/lookup_table.hpp"
#include "viz/map_layers.hpp"
#include "viz/map_overlays.hpp"
#include "viz/page_drawing.hpp"
#include "viz/three_d_view.hpp"

#include <cerrno>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <string>

#include <vtkCamera.h>
#include <vtkLookupTable.h>
#include <vtkNew.h>
#include <vtkPNGWriter.h>
#include <vtkRenderWindow.h>
#include <vtkRendererCollection.h>
#include <vtkRenderer.h>
#include <vtkSmartPointer.h>
#include <vtkWindowToImageFilter.h>

namespace floodtwin::viz {

namespace {

void check_scene(const MapScene& scene, bool need_surface) {
    const ImageGrid& g = scene.grid;
    if (g.nx <= 0 || g.ny <= 0 || !(g.dx_m > 0.0) || !(g.dy_m > 0.0) || !std::isfinite(g.x0_m) ||
        !std::isfinite(g.y0_m))
        throw std::invalid_argument("map: the grid needs cells of positive size at a finite origin");
    const std::size_t n = g.cell_count();
    if (scene.values.size() != n)
        throw std::invalid_argument("map: " + std::to_string(scene.values.size()) + " values for " +
                                    std::to_string(n) + " cells");
    if (!scene.ground_m.empty() && scene.ground_m.size() != n)
        throw std::invalid_argument("map: " + std::to_string(scene.ground_m.size()) + " ground levels for " +
                                    std::to_string(n) + " cells");
    if (need_surface && scene.surface_m.size() != n)
        throw std::invalid_argument("3D map: " + std::to_string(scene.surface_m.size()) +
                                    " water-surface levels for " + std::to_string(n) + " cells");
    if (need_surface && scene.ground_m.size() != n) throw std::invalid_argument("3D map: the ground is needed");
}

// A parallel projection, north up, that puts the frame's centre point at the image
// centre at the frame's scale.
void point_plan_camera(vtkRenderer* renderer, const MapFrame& frame, const ImageGrid& g) {
    vtkCamera* camera = renderer->GetActiveCamera();
    camera->ParallelProjectionOn();
    const double distance = 10.0 * std::max(g.nx * g.dx_m, g.ny * g.dy_m);
    camera->SetFocalPoint(frame.centre_x_m, frame.centre_y_m, 0.0);
    camera->SetPosition(frame.centre_x_m, frame.centre_y_m, distance);
    camera->SetViewUp(0.0, 1.0, 0.0);
    camera->SetParallelScale(0.5 * frame.height / frame.px_per_m);
    camera->SetClippingRange(0.5 * distance, 2.0 * distance);
}

void write_png(vtkRenderWindow* window, const std::filesystem::path& png) {
    window->Render();
    vtkNew<vtkWindowToImageFilter> grab;
    grab->SetInput(window);
    grab->SetInputBufferTypeToRGB();
    grab->ReadFrontBufferOff();
    grab->ShouldRerenderOff();
    grab->Update();
    grids::AtomicFile file(png);
    vtkNew<vtkPNGWriter> writer;
    writer->SetInputConnection(grab->GetOutputPort());
    writer->SetFileName(file.temporary().c_str());
    writer->Write();
    if (writer->GetErrorCode() != 0 || !std::filesystem::exists(file.temporary()))
        grids::throw_write_error(png, "map: VTK could not write " + file.temporary().string(), errno);
    file.commit();
}

}  // namespace

struct MapRenderer::Impl {
    int width = 0;
    int height = 0;
    vtkNew<vtkRenderWindow> window;

    // An empty white page over the whole window.
    vtkSmartPointer<vtkRenderer> fresh_renderer() {
        window->GetRenderers()->RemoveAllItems();
        auto renderer = vtkSmartPointer<vtkRenderer>::New();
        renderer->SetBackground(1.0, 1.0, 1.0);
        window->AddRenderer(renderer);
        return renderer;
    }

    // A second renderer over the map box only, so a camera frames the box, not the page.
    vtkSmartPointer<vtkRenderer> map_box_renderer(const MapLayout& l) {
        auto renderer = vtkSmartPointer<vtkRenderer>::New();
        renderer->SetBackground(0.93, 0.95, 0.97);
        renderer->SetViewport(static_cast<double>(l.map.left) / l.width, 1.0 - static_cast<double>(l.map.bottom) / l.height,
                              static_cast<double>(l.map.right) / l.width, 1.0 - static_cast<double>(l.map.top) / l.height);
        window->AddRenderer(renderer);
        return renderer;
    }
};

MapRenderer::MapRenderer(int width, int height) : m_impl(std::make_unique<Impl>()) {
    if (width < 64 || height < 64 || width > 8192 || height > 8192)
        throw std::invalid_argument("map size " + std::to_string(width) + "x" + std::to_string(height) +
                                    " is outside 64x64 .. 8192x8192");
    m_impl->width = width;
    m_impl->height = height;
    m_impl->window->SetOffScreenRendering(1);
    // No multisampling: a cell's pixels must carry exactly its colour-scale colour.
    m_impl->window->SetMultiSamples(0);
    m_impl->window->SetSize(width, height);
}

MapRenderer::~MapRenderer() = default;
int MapRenderer::width() const { return m_impl->width; }
int MapRenderer::height() const { return m_impl->height; }

RenderedMap MapRenderer::render_map(const MapScene& scene, const std::filesystem::path& png) {
    check_scene(scene, false);
    auto renderer = m_impl->fresh_renderer();
    RenderedMap out{plan_map_layout(m_impl->width, m_impl->height, scene.grid, scene.scale.lo(), scene.scale.hi()), {}, {}};
    const MapLayout& l = out.layout;

    // Bottom to top, each a little higher than the last: terrain, areas' tints, water
    // (or classes), areas' outlines, rivers, the grid's frame, stations.
    const bool classes = !scene.classes.empty();
    const auto lut = classes ? class_lookup_table(scene.classes) : lookup_table(scene.scale);
    add_terrain_layer(renderer, scene);
    add_area_fills(renderer, scene, 0.5);
    add_water_layer(renderer, scene, lut, 1.0);
    out.area_labels = add_area_outlines(renderer, scene, out, 1.2);
    add_rivers_plan(renderer, scene, l.height, 1.5);
    add_grid_frame(renderer, scene.grid, 2.0);
    out.station_labels = add_stations(renderer, scene, out, 3.0);

    add_title(renderer, scene, l);
    if (classes)
        add_class_legend(renderer, scene, class_legend_layout(l, scene.legend_groups), l);
    else
        add_legend(renderer, lut, scene, out.legend, l);
    add_source(renderer, scene, l);
    add_north_arrow(renderer, out.north_arrow, l);
    add_scale_bar(renderer, out.scale_bar, l);
    add_note(renderer, scene, l);
    point_plan_camera(renderer, out.frame, scene.grid);

    write_png(m_impl->window, png);
    return out;
}

double MapRenderer::render_3d(const MapScene& scene, const std::filesystem::path& png, double exaggeration) {
    check_scene(scene, true);
    // The page (background, title, legend, footer) over the whole image, then the scene
    // in the map box.
    auto page = m_impl->fresh_renderer();
    const MapLayout l = map_layout(m_impl->width, m_impl->height);
    auto renderer = m_impl->map_box_renderer(l);
    const auto lut = lookup_table(scene.scale);
    exaggeration = add_three_d_scene(renderer, scene, lut, l, exaggeration);

    add_title(page, scene, l);
    add_legend(page, lut, scene, legend_layout(l, scene.scale.lo(), scene.scale.hi()), l);
    char view_note[128];
    std::snprintf(view_note, sizeof view_note, "3D view from the south-south-west, vertical exaggeration x%g",
                  exaggeration);
    add_view_note(page, view_note, l);
    add_note(page, scene, l);

    write_png(m_impl->window, png);
    return exaggeration;
}

}  // namespace floodtwin::viz
