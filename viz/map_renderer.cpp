#include "viz/map_renderer.hpp"

#include "grids/atomic_file.hpp"
#include "viz/hillshade.hpp"
#include "viz/map_overlays.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numbers>
#include <stdexcept>

#include <vtkActor.h>
#include <vtkActor2D.h>
#include <vtkCamera.h>
#include <vtkCellArray.h>
#include <vtkDoubleArray.h>
#include <vtkImageData.h>
#include <vtkImageMapToColors.h>
#include <vtkImageProperty.h>
#include <vtkImageSlice.h>
#include <vtkImageSliceMapper.h>
#include <vtkLight.h>
#include <vtkLookupTable.h>
#include <vtkNew.h>
#include <vtkPNGWriter.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkPolyDataMapper2D.h>
#include <vtkPolyDataNormals.h>
#include <vtkProperty.h>
#include <vtkProperty2D.h>
#include <vtkRenderWindow.h>
#include <vtkRendererCollection.h>
#include <vtkRenderer.h>
#include <vtkScalarBarActor.h>
#include <vtkSmartPointer.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>
#include <vtkUnsignedCharArray.h>
#include <vtkWindowToImageFilter.h>

namespace floodtwin::viz {

namespace {

constexpr double k_text_grey[3] = {0.12, 0.12, 0.12};
constexpr double k_note_red[3] = {0.60, 0.08, 0.08};

int font_px(int height, double fraction, int minimum = 8) {
    return std::max(minimum, static_cast<int>(std::lround(fraction * height)));
}

std::size_t cell_count(const ImageGrid& g) { return static_cast<std::size_t>(g.nx) * static_cast<std::size_t>(g.ny); }

void check_scene(const MapScene& scene, bool need_surface) {
    const ImageGrid& g = scene.grid;
    if (g.nx <= 0 || g.ny <= 0 || !(g.dx_m > 0.0) || !(g.dy_m > 0.0) || !std::isfinite(g.x0_m) ||
        !std::isfinite(g.y0_m))
        throw std::invalid_argument("map: the grid needs cells of positive size at a finite origin");
    const std::size_t n = cell_count(g);
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

vtkSmartPointer<vtkLookupTable> lookup_table(const ColourScale& scale) {
    auto lut = vtkSmartPointer<vtkLookupTable>::New();
    lut->SetNumberOfTableValues(ColourScale::table_size);
    lut->SetTableRange(scale.lo(), scale.hi());
    for (int k = 0; k < ColourScale::table_size; ++k) {
        const Rgb& c = scale.entries()[static_cast<std::size_t>(k)];
        lut->SetTableValue(k, c.r, c.g, c.b, 1.0);
    }
    // Dry or never-wet cells: fully transparent, the hillshade shows through.
    lut->SetNanColor(0.0, 0.0, 0.0, 0.0);
    lut->Build();
    return lut;
}

// An image whose points are the cell centres, at height z.
vtkSmartPointer<vtkImageData> centre_image(const ImageGrid& g, double z) {
    auto image = vtkSmartPointer<vtkImageData>::New();
    image->SetDimensions(g.nx, g.ny, 1);
    image->SetOrigin(g.x0_m + 0.5 * g.dx_m, g.y0_m + 0.5 * g.dy_m, z);
    image->SetSpacing(g.dx_m, g.dy_m, 1.0);
    return image;
}

vtkSmartPointer<vtkImageSlice> image_layer(vtkAlgorithmOutput* port, vtkImageData* data, bool smooth) {
    vtkNew<vtkImageSliceMapper> mapper;
    if (port)
        mapper->SetInputConnection(port);
    else
        mapper->SetInputData(data);
    // Edge pixels drawn whole, so the layer covers every cell out to the grid's edge.
    mapper->BorderOn();
    auto slice = vtkSmartPointer<vtkImageSlice>::New();
    slice->SetMapper(mapper);
    if (smooth)
        slice->GetProperty()->SetInterpolationTypeToLinear();
    else
        slice->GetProperty()->SetInterpolationTypeToNearest();
    return slice;
}

vtkSmartPointer<vtkImageSlice> hillshade_layer(const MapScene& scene) {
    const ImageGrid& g = scene.grid;
    const std::size_t n = cell_count(g);
    std::vector<double> shade;
    if (!scene.ground_m.empty()) {
        HillshadeOptions options;
        options.z_factor = readable_z_factor(scene.ground_m, g.nx, g.ny, g.dx_m, g.dy_m);
        shade = hillshade(scene.ground_m, g.nx, g.ny, g.dx_m, g.dy_m, options);
    }
    auto image = centre_image(g, 0.0);
    vtkNew<vtkUnsignedCharArray> rgba;
    rgba->SetName("hillshade");
    rgba->SetNumberOfComponents(4);
    rgba->SetNumberOfTuples(static_cast<vtkIdType>(n));
    const unsigned char flat = hillshade_grey(std::sin(std::numbers::pi / 4.0));
    for (std::size_t c = 0; c < n; ++c) {
        const bool known = shade.empty() || !std::isnan(shade[c]);
        const unsigned char grey = shade.empty() ? flat : hillshade_grey(shade[c]);
        unsigned char* p = rgba->GetPointer(static_cast<vtkIdType>(4 * c));
        p[0] = p[1] = p[2] = grey;
        p[3] = known ? 255 : 0;
    }
    image->GetPointData()->SetScalars(rgba);
    return image_layer(nullptr, image, true);
}

struct WaterLayer {
    vtkSmartPointer<vtkImageMapToColors> colours;
    vtkSmartPointer<vtkImageSlice> slice;
};

WaterLayer value_layer(const MapScene& scene, vtkLookupTable* lut, double z) {
    const ImageGrid& g = scene.grid;
    auto image = centre_image(g, z);
    vtkNew<vtkDoubleArray> values;
    values->SetName("values");
    values->SetNumberOfTuples(static_cast<vtkIdType>(scene.values.size()));
    std::copy(scene.values.begin(), scene.values.end(), values->GetPointer(0));
    image->GetPointData()->SetScalars(values);
    WaterLayer layer;
    layer.colours = vtkSmartPointer<vtkImageMapToColors>::New();
    layer.colours->SetInputData(image);
    layer.colours->SetLookupTable(lut);
    layer.colours->SetOutputFormatToRGBA();
    layer.colours->Update();
    // Cells hold one value each: nearest, never blended with a neighbour or with NaN.
    layer.slice = image_layer(layer.colours->GetOutputPort(), nullptr, false);
    return layer;
}

vtkSmartPointer<vtkActor> grid_frame(const ImageGrid& g, double z) {
    vtkNew<vtkPoints> points;
    const double x1 = g.x0_m + g.nx * g.dx_m, y1 = g.y0_m + g.ny * g.dy_m;
    points->InsertNextPoint(g.x0_m, g.y0_m, z);
    points->InsertNextPoint(x1, g.y0_m, z);
    points->InsertNextPoint(x1, y1, z);
    points->InsertNextPoint(g.x0_m, y1, z);
    vtkNew<vtkCellArray> lines;
    const vtkIdType ids[5] = {0, 1, 2, 3, 0};
    lines->InsertNextCell(5, ids);
    vtkNew<vtkPolyData> poly;
    poly->SetPoints(points);
    poly->SetLines(lines);
    vtkNew<vtkPolyDataMapper> mapper;
    mapper->SetInputData(poly);
    auto actor = vtkSmartPointer<vtkActor>::New();
    actor->SetMapper(mapper);
    actor->GetProperty()->SetColor(0.25, 0.25, 0.25);
    actor->GetProperty()->SetLineWidth(1.0);
    actor->GetProperty()->LightingOff();
    return actor;
}

void add_text(vtkRenderer* renderer, const std::string& text, double x, double y, int size, const double colour[3],
              bool bold, bool italic, int justification, int vertical) {
    if (text.empty()) return;
    vtkNew<vtkTextActor> actor;
    actor->SetInput(text.c_str());
    vtkTextProperty* p = actor->GetTextProperty();
    p->SetFontFamilyToArial();
    p->SetFontSize(size);
    p->SetColor(colour[0], colour[1], colour[2]);
    p->SetBold(bold);
    p->SetItalic(italic);
    p->SetJustification(justification);
    p->SetVerticalJustification(vertical);
    actor->SetDisplayPosition(static_cast<int>(std::lround(x)), static_cast<int>(std::lround(y)));
    renderer->AddActor2D(actor);
}

// A 2D shape in display pixels (y up from the bottom of the image).
void add_shape_2d(vtkRenderer* renderer, const std::vector<std::array<double, 2>>& corners, bool filled,
                  const double colour[3], double line_width = 1.0) {
    vtkNew<vtkPoints> points;
    for (const auto& c : corners) points->InsertNextPoint(c[0], c[1], 0.0);
    vtkNew<vtkCellArray> cells;
    std::vector<vtkIdType> ids(corners.size());
    for (std::size_t k = 0; k < ids.size(); ++k) ids[k] = static_cast<vtkIdType>(k);
    if (!filled) ids.push_back(0);  // close the outline
    cells->InsertNextCell(static_cast<vtkIdType>(ids.size()), ids.data());
    vtkNew<vtkPolyData> poly;
    poly->SetPoints(points);
    if (filled)
        poly->SetPolys(cells);
    else
        poly->SetLines(cells);
    vtkNew<vtkPolyDataMapper2D> mapper;
    mapper->SetInputData(poly);
    vtkNew<vtkActor2D> actor;
    actor->SetMapper(mapper);
    actor->GetProperty()->SetColor(colour[0], colour[1], colour[2]);
    actor->GetProperty()->SetLineWidth(static_cast<float>(line_width));
    renderer->AddActor2D(actor);
}

void add_legend(vtkRenderer* renderer, vtkLookupTable* lut, const MapScene& scene, const MapLayout& layout) {
    const PixelBox& box = layout.legend;
    vtkNew<vtkScalarBarActor> bar;
    bar->SetLookupTable(lut);
    bar->SetTitle(scene.legend_title.c_str());
    bar->SetOrientationToVertical();
    // Round labels at round values, not six evenly spaced odd numbers.
    vtkNew<vtkDoubleArray> ticks;
    for (double t : legend_ticks(scene.scale.lo(), scene.scale.hi())) ticks->InsertNextValue(t);
    bar->SetCustomLabels(ticks);
    bar->UseCustomLabelsOn();
    bar->SetLabelFormat(legend_label_format(scene.scale.lo(), scene.scale.hi()).c_str());
    bar->SetVerticalTitleSeparation(std::max(4, static_cast<int>(std::lround(0.012 * layout.height))));
    bar->SetMaximumNumberOfColors(ColourScale::table_size);
    bar->UnconstrainedFontSizeOn();
    bar->SetBarRatio(0.28);
    bar->SetTextPositionToSucceedScalarBar();
    // Position and size as fractions of the window (normalized viewport coordinates).
    bar->SetPosition(static_cast<double>(box.left) / layout.width,
                     static_cast<double>(layout.height - box.bottom) / layout.height);
    bar->SetWidth(static_cast<double>(box.right - box.left) / layout.width);
    bar->SetHeight(static_cast<double>(box.bottom - box.top) / layout.height);
    for (vtkTextProperty* p : {bar->GetTitleTextProperty(), bar->GetLabelTextProperty()}) {
        p->SetFontFamilyToArial();
        p->SetColor(k_text_grey[0], k_text_grey[1], k_text_grey[2]);
        p->ShadowOff();
        p->ItalicOff();
    }
    bar->GetTitleTextProperty()->SetFontSize(font_px(layout.height, 0.021));
    bar->GetTitleTextProperty()->BoldOn();
    bar->GetLabelTextProperty()->SetFontSize(font_px(layout.height, 0.019));
    bar->GetLabelTextProperty()->BoldOff();
    renderer->AddActor2D(bar);
}

void add_title(vtkRenderer* renderer, const MapScene& scene, const MapLayout& layout) {
    const double x = layout.title.left;
    add_text(renderer, scene.title, x, layout.height - layout.title.top - 0.012 * layout.height,
             font_px(layout.height, 0.032), k_text_grey, true, false, VTK_TEXT_LEFT, VTK_TEXT_TOP);
    add_text(renderer, scene.subtitle, x, layout.height - layout.title.top - 0.058 * layout.height,
             font_px(layout.height, 0.024), k_text_grey, false, false, VTK_TEXT_LEFT, VTK_TEXT_TOP);
}

void add_north_arrow(vtkRenderer* renderer, const MapLayout& layout) {
    const PixelBox& box = layout.north;
    const double cx = 0.5 * (box.left + box.right);
    const double top = layout.height - box.top;  // display y of the box's top
    const double bottom = layout.height - box.bottom;
    const double letter = 0.35 * (top - bottom);
    const double tip = top - letter;
    const double half = 0.22 * (tip - bottom);
    const double black[3] = {0.1, 0.1, 0.1};
    const double white[3] = {1.0, 1.0, 1.0};
    // A split arrowhead: the left half filled, the right half open, as on survey maps.
    add_shape_2d(renderer, {{cx, tip}, {cx - half, bottom}, {cx, bottom + 0.3 * (tip - bottom)}}, true, black);
    add_shape_2d(renderer, {{cx, tip}, {cx, bottom + 0.3 * (tip - bottom)}, {cx + half, bottom}}, true, white);
    add_shape_2d(renderer,
                 {{cx, tip}, {cx + half, bottom}, {cx, bottom + 0.3 * (tip - bottom)}, {cx - half, bottom}}, false,
                 black, 1.5);
    add_text(renderer, "N", cx, top, static_cast<int>(std::lround(0.9 * letter)), k_text_grey, true, false,
             VTK_TEXT_CENTERED, VTK_TEXT_TOP);
}

void add_scale_bar(vtkRenderer* renderer, const MapLayout& layout, double px_per_m, double length_m) {
    const double px = length_m * px_per_m;
    const double x0 = layout.footer.left;
    const double y = layout.height - (layout.footer.top + 0.62 * (layout.footer.bottom - layout.footer.top));
    const double tick = 0.012 * layout.height;
    const double black[3] = {0.1, 0.1, 0.1};
    const double white[3] = {1.0, 1.0, 1.0};
    const double h = 0.5 * tick;
    // Two halves, black and white, in a black outline: readable on any background.
    add_shape_2d(renderer, {{x0, y}, {x0 + 0.5 * px, y}, {x0 + 0.5 * px, y + h}, {x0, y + h}}, true, black);
    add_shape_2d(renderer, {{x0 + 0.5 * px, y}, {x0 + px, y}, {x0 + px, y + h}, {x0 + 0.5 * px, y + h}}, true, white);
    add_shape_2d(renderer, {{x0, y}, {x0 + px, y}, {x0 + px, y + h}, {x0, y + h}}, false, black, 1.5);
    const int size = font_px(layout.height, 0.018);
    add_text(renderer, "0", x0, y + h + 2, size, k_text_grey, false, false, VTK_TEXT_CENTERED, VTK_TEXT_BOTTOM);
    add_text(renderer, length_label(length_m), x0 + px, y + h + 2, size, k_text_grey, false, false,
             VTK_TEXT_CENTERED, VTK_TEXT_BOTTOM);
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
        throw std::runtime_error("map: VTK could not write " + file.temporary().string());
    file.commit();
}

}  // namespace

MapLayout map_layout(int width, int height) {
    const auto px = [](double fraction, int size) { return static_cast<int>(std::lround(fraction * size)); };
    MapLayout l;
    l.width = width;
    l.height = height;
    const int margin = px(0.025, width);
    l.title = {margin, 0, width - margin, px(0.105, height)};
    l.map = {margin, px(0.12, height), px(0.79, width), px(0.88, height)};
    l.legend = {px(0.825, width), px(0.15, height), width - margin, px(0.70, height)};
    l.north = {px(0.86, width), px(0.75, height), px(0.93, width), px(0.87, height)};
    l.footer = {margin, px(0.89, height), width - margin, height - px(0.01, height)};
    return l;
}

std::array<double, 2> RenderedMap::pixel_of(double x_m, double y_m) const {
    const double column = 0.5 * layout.width + (x_m - centre_x_m) * px_per_m;
    const double row = 0.5 * layout.height - (y_m - centre_y_m) * px_per_m;
    return {column, row};
}

namespace {

double tick_step(double lo, double hi) {
    const double span = hi - lo;
    if (!(span > 0.0) || !std::isfinite(span)) return 1.0;
    double decade = std::pow(10.0, std::floor(std::log10(span)) - 1.0);
    for (int guard = 0; guard < 4; ++guard, decade *= 10.0)
        for (double m : {1.0, 2.0, 2.5, 5.0}) {
            const double step = m * decade;
            if (span / step <= 6.0 + 1e-9) return step;
        }
    return span;
}

}  // namespace

std::vector<double> legend_ticks(double lo, double hi) {
    const double step = tick_step(lo, hi);
    std::vector<double> ticks;
    for (double k = std::ceil(lo / step - 1e-9); k * step <= hi + 1e-9 * step; k += 1.0) {
        const double t = snap_round(k * step);
        ticks.push_back(std::fabs(t) < 1e-12 * step ? 0.0 : t);
    }
    return ticks;
}

std::string legend_label_format(double lo, double hi) {
    const double step = tick_step(lo, hi);
    // Digits after the point that the step needs: 2.5 needs one more than 2.
    int digits = std::max(0, -static_cast<int>(std::floor(std::log10(step) + 1e-9)));
    const double mantissa = step / std::pow(10.0, std::floor(std::log10(step) + 1e-9));
    if (std::fabs(mantissa - 2.5) < 1e-9) ++digits;
    return "%." + std::to_string(std::min(digits, 6)) + "f";
}

double scale_bar_length_m(double max_m) {
    if (!(max_m > 0.0) || !std::isfinite(max_m)) return 1.0;
    const double decade = std::pow(10.0, std::floor(std::log10(max_m)));
    for (double s : {5.0, 2.0, 1.0})
        if (s * decade <= max_m * (1.0 + 1e-12)) return s * decade;
    return decade;
}

std::string length_label(double metres) {
    char text[32];
    if (metres >= 1000.0)
        std::snprintf(text, sizeof text, "%g km", metres / 1000.0);
    else
        std::snprintf(text, sizeof text, "%g m", metres);
    return text;
}

struct MapRenderer::Impl {
    int width = 0;
    int height = 0;
    vtkNew<vtkRenderWindow> window;

    vtkSmartPointer<vtkRenderer> fresh_renderer() {
        window->GetRenderers()->RemoveAllItems();
        auto renderer = vtkSmartPointer<vtkRenderer>::New();
        renderer->SetBackground(1.0, 1.0, 1.0);
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
    const ImageGrid& g = scene.grid;
    auto renderer = m_impl->fresh_renderer();

    RenderedMap out;
    out.layout = map_layout(m_impl->width, m_impl->height);
    const MapLayout& l = out.layout;
    const double extent_x = g.nx * g.dx_m, extent_y = g.ny * g.dy_m;
    const double box_w = l.map.right - l.map.left, box_h = l.map.bottom - l.map.top;
    out.px_per_m = std::min(box_w / extent_x, box_h / extent_y);
    // The grid's centre goes to the map box's centre; the camera looks at whatever
    // world point then sits at the image centre.
    const double box_cx = 0.5 * (l.map.left + l.map.right), box_cy_up = l.height - 0.5 * (l.map.top + l.map.bottom);
    out.centre_x_m = g.x0_m + 0.5 * extent_x - (box_cx - 0.5 * l.width) / out.px_per_m;
    out.centre_y_m = g.y0_m + 0.5 * extent_y - (box_cy_up - 0.5 * l.height) / out.px_per_m;

    const auto lut = lookup_table(scene.scale);
    renderer->AddViewProp(hillshade_layer(scene));
    const WaterLayer water = value_layer(scene, lut, 1.0);
    renderer->AddViewProp(water.slice);
    add_rivers_plan(renderer, scene, l.height, 1.5);
    renderer->AddActor(grid_frame(g, 2.0));
    out.station_labels = add_stations(renderer, scene, out, 3.0);

    add_title(renderer, scene, l);
    add_legend(renderer, lut, scene, l);
    add_north_arrow(renderer, l);
    out.scale_bar_m = scale_bar_length_m(0.3 * box_w / out.px_per_m);
    add_scale_bar(renderer, l, out.px_per_m, out.scale_bar_m);
    add_text(renderer, scene.note, l.footer.right, l.height - 0.5 * (l.footer.top + l.footer.bottom),
             font_px(l.height, 0.02), k_note_red, false, true, VTK_TEXT_RIGHT, VTK_TEXT_CENTERED);

    vtkCamera* camera = renderer->GetActiveCamera();
    camera->ParallelProjectionOn();
    const double distance = 10.0 * std::max(extent_x, extent_y);
    camera->SetFocalPoint(out.centre_x_m, out.centre_y_m, 0.0);
    camera->SetPosition(out.centre_x_m, out.centre_y_m, distance);
    camera->SetViewUp(0.0, 1.0, 0.0);
    camera->SetParallelScale(0.5 * l.height / out.px_per_m);
    camera->SetClippingRange(0.5 * distance, 2.0 * distance);

    write_png(m_impl->window, png);
    return out;
}

double MapRenderer::render_3d(const MapScene& scene, const std::filesystem::path& png, double exaggeration) {
    check_scene(scene, true);
    const ImageGrid& g = scene.grid;
    const std::size_t n = cell_count(g);
    // Two renderers: the page (background, title, legend, footer) over the whole image,
    // then the scene in the map box, so the camera frames the box, not the page.
    auto page = m_impl->fresh_renderer();
    const MapLayout l = map_layout(m_impl->width, m_impl->height);
    auto renderer = vtkSmartPointer<vtkRenderer>::New();
    renderer->SetBackground(0.93, 0.95, 0.97);
    renderer->SetViewport(static_cast<double>(l.map.left) / l.width, 1.0 - static_cast<double>(l.map.bottom) / l.height,
                          static_cast<double>(l.map.right) / l.width, 1.0 - static_cast<double>(l.map.top) / l.height);
    m_impl->window->AddRenderer(renderer);

    double z_min = std::numeric_limits<double>::infinity(), z_max = -z_min;
    for (double z : scene.ground_m)
        if (std::isfinite(z)) z_min = std::min(z_min, z), z_max = std::max(z_max, z);
    if (!std::isfinite(z_min)) z_min = z_max = 0.0;
    const double extent = std::max(g.nx * g.dx_m, g.ny * g.dy_m);
    if (!(exaggeration > 0.0)) {
        // Relief about a tenth of the width reads as terrain without looking like Alps.
        const double relief = std::max(z_max - z_min, 1e-3);
        exaggeration = std::clamp(std::round(0.1 * extent / relief), 1.0, 50.0);
    }

    // Points at cell centres; quads join four neighbouring centres.
    const auto point_id = [&](int i, int j) { return static_cast<vtkIdType>(i) + static_cast<vtkIdType>(g.nx) * j; };
    const auto centre = [&](int i, int j, double z) {
        return std::array<double, 3>{g.x0_m + (i + 0.5) * g.dx_m, g.y0_m + (j + 0.5) * g.dy_m, z * exaggeration};
    };
    const auto ground_at = [&](std::size_t c) { return std::isfinite(scene.ground_m[c]) ? scene.ground_m[c] : z_min; };

    vtkNew<vtkPoints> terrain_points;
    terrain_points->SetNumberOfPoints(static_cast<vtkIdType>(n));
    for (int j = 0; j < g.ny; ++j)
        for (int i = 0; i < g.nx; ++i) {
            const auto p = centre(i, j, ground_at(point_id(i, j)));
            terrain_points->SetPoint(point_id(i, j), p.data());
        }
    vtkNew<vtkCellArray> terrain_quads;
    for (int j = 0; j + 1 < g.ny; ++j)
        for (int i = 0; i + 1 < g.nx; ++i) {
            const vtkIdType q[4] = {point_id(i, j), point_id(i + 1, j), point_id(i + 1, j + 1), point_id(i, j + 1)};
            terrain_quads->InsertNextCell(4, q);
        }
    vtkNew<vtkPolyData> terrain;
    terrain->SetPoints(terrain_points);
    terrain->SetPolys(terrain_quads);
    vtkNew<vtkPolyDataNormals> terrain_normals;
    terrain_normals->SetInputData(terrain);
    terrain_normals->SplittingOff();
    vtkNew<vtkPolyDataMapper> terrain_mapper;
    terrain_mapper->SetInputConnection(terrain_normals->GetOutputPort());
    terrain_mapper->ScalarVisibilityOff();
    vtkNew<vtkActor> terrain_actor;
    terrain_actor->SetMapper(terrain_mapper);
    terrain_actor->GetProperty()->SetColor(0.80, 0.78, 0.72);
    terrain_actor->GetProperty()->SetAmbient(0.25);
    terrain_actor->GetProperty()->SetDiffuse(0.85);
    terrain_actor->GetProperty()->SetSpecular(0.0);
    renderer->AddActor(terrain_actor);

    // The water surface: only quads whose four corners hold water, a hair above the
    // ground so shallow edges do not flicker through it.
    const double lift = 1e-3 * std::max(z_max - z_min, 1.0) * exaggeration;
    vtkNew<vtkPoints> water_points;
    water_points->SetNumberOfPoints(static_cast<vtkIdType>(n));
    vtkNew<vtkDoubleArray> water_values;
    water_values->SetName("values");
    water_values->SetNumberOfTuples(static_cast<vtkIdType>(n));
    double wx0 = std::numeric_limits<double>::infinity(), wx1 = -wx0, wy0 = wx0, wy1 = -wx0, wz = 0.0;
    std::size_t wet = 0;
    for (int j = 0; j < g.ny; ++j)
        for (int i = 0; i < g.nx; ++i) {
            const std::size_t c = static_cast<std::size_t>(point_id(i, j));
            const bool has_water = std::isfinite(scene.surface_m[c]) && !std::isnan(scene.values[c]);
            auto p = centre(i, j, has_water ? scene.surface_m[c] : ground_at(c));
            p[2] += lift;
            water_points->SetPoint(static_cast<vtkIdType>(c), p.data());
            water_values->SetValue(static_cast<vtkIdType>(c), scene.values[c]);
            if (has_water) {
                wx0 = std::min(wx0, p[0]), wx1 = std::max(wx1, p[0]);
                wy0 = std::min(wy0, p[1]), wy1 = std::max(wy1, p[1]);
                wz += p[2];
                ++wet;
            }
        }
    const auto is_wet = [&](int i, int j) {
        const std::size_t c = static_cast<std::size_t>(point_id(i, j));
        return std::isfinite(scene.surface_m[c]) && !std::isnan(scene.values[c]);
    };
    vtkNew<vtkCellArray> water_quads;
    for (int j = 0; j + 1 < g.ny; ++j)
        for (int i = 0; i + 1 < g.nx; ++i)
            if (is_wet(i, j) && is_wet(i + 1, j) && is_wet(i + 1, j + 1) && is_wet(i, j + 1)) {
                const vtkIdType q[4] = {point_id(i, j), point_id(i + 1, j), point_id(i + 1, j + 1), point_id(i, j + 1)};
                water_quads->InsertNextCell(4, q);
            }
    const auto lut = lookup_table(scene.scale);
    if (water_quads->GetNumberOfCells() > 0) {
        vtkNew<vtkPolyData> water;
        water->SetPoints(water_points);
        water->SetPolys(water_quads);
        water->GetPointData()->SetScalars(water_values);
        vtkNew<vtkPolyDataNormals> water_normals;
        water_normals->SetInputData(water);
        water_normals->SplittingOff();
        vtkNew<vtkPolyDataMapper> water_mapper;
        water_mapper->SetInputConnection(water_normals->GetOutputPort());
        water_mapper->SetLookupTable(lut);
        water_mapper->UseLookupTableScalarRangeOn();
        water_mapper->SetScalarModeToUsePointData();
        water_mapper->InterpolateScalarsBeforeMappingOn();
        vtkNew<vtkActor> water_actor;
        water_actor->SetMapper(water_mapper);
        water_actor->GetProperty()->SetOpacity(0.78);
        water_actor->GetProperty()->SetAmbient(0.35);
        water_actor->GetProperty()->SetDiffuse(0.65);
        water_actor->GetProperty()->SetSpecular(0.25);
        water_actor->GetProperty()->SetSpecularPower(30.0);
        renderer->AddActor(water_actor);
    }

    // Rivers a little above the water, which would otherwise hide them in the flood.
    add_rivers_3d(renderer, scene, l.height, exaggeration, 3.0 * lift, z_min);

    // Sun from the north-west, as the plan map's hillshade, plus a soft fill light.
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

    // Frame the water with room around it (the whole grid when nothing is wet).
    const double gx0 = g.x0_m, gx1 = g.x0_m + g.nx * g.dx_m, gy0 = g.y0_m, gy1 = g.y0_m + g.ny * g.dy_m;
    double fx0 = gx0, fx1 = gx1, fy0 = gy0, fy1 = gy1, fz = 0.5 * (z_min + z_max) * exaggeration;
    if (wet > 0) {
        const double pad = std::max(0.25 * std::max(wx1 - wx0, wy1 - wy0), 0.1 * extent);
        fx0 = std::max(gx0, wx0 - pad), fx1 = std::min(gx1, wx1 + pad);
        fy0 = std::max(gy0, wy0 - pad), fy1 = std::min(gy1, wy1 + pad);
        fz = wz / static_cast<double>(wet);
    }
    // The camera looks along d; its distance is the least at which every corner of the
    // framed box (from the lowest ground to the highest) lies inside the map box.
    const double view_angle_deg = 30.0;
    const double elevation = 35.0 * std::numbers::pi / 180.0;
    const double bearing = 200.0 * std::numbers::pi / 180.0;  // camera to the south-south-west
    const double fxc = 0.5 * (fx0 + fx1), fyc = 0.5 * (fy0 + fy1);
    const std::array<double, 3> d{-std::cos(elevation) * std::sin(bearing), -std::cos(elevation) * std::cos(bearing),
                                  -std::sin(elevation)};
    std::array<double, 3> up{-d[2] * d[0], -d[2] * d[1], 1.0 - d[2] * d[2]};  // z minus its part along d
    const double up_norm = std::hypot(up[0], up[1], up[2]);
    for (double& u : up) u /= up_norm;
    const std::array<double, 3> right{d[1] * up[2] - d[2] * up[1], d[2] * up[0] - d[0] * up[2],
                                      d[0] * up[1] - d[1] * up[0]};
    const double tan_v = std::tan(0.5 * view_angle_deg * std::numbers::pi / 180.0);
    const double aspect = static_cast<double>(l.map.right - l.map.left) / (l.map.bottom - l.map.top);
    double distance = 0.0;
    for (double cx : {fx0, fx1})
        for (double cy : {fy0, fy1})
            for (double cz : {z_min * exaggeration, z_max * exaggeration}) {
                const double p[3] = {cx - fxc, cy - fyc, cz - fz};
                const double a = p[0] * right[0] + p[1] * right[1] + p[2] * right[2];
                const double b = p[0] * up[0] + p[1] * up[1] + p[2] * up[2];
                const double c = p[0] * d[0] + p[1] * d[1] + p[2] * d[2];
                distance = std::max({distance, std::fabs(a) / (tan_v * aspect) - c, std::fabs(b) / tan_v - c});
            }
    distance *= 1.04;  // a little air at the edges
    vtkCamera* camera = renderer->GetActiveCamera();
    camera->SetViewAngle(view_angle_deg);
    camera->SetFocalPoint(fxc, fyc, fz);
    camera->SetPosition(fxc - distance * d[0], fyc - distance * d[1], fz - distance * d[2]);
    camera->SetViewUp(0.0, 0.0, 1.0);
    renderer->ResetCameraClippingRange();

    add_title(page, scene, l);
    add_legend(page, lut, scene, l);
    char view_note[128];
    std::snprintf(view_note, sizeof view_note, "3D view from the south-south-west, vertical exaggeration x%g",
                  exaggeration);
    add_text(page, view_note, l.footer.left, l.height - 0.5 * (l.footer.top + l.footer.bottom),
             font_px(l.height, 0.018), k_text_grey, false, false, VTK_TEXT_LEFT, VTK_TEXT_CENTERED);
    add_text(page, scene.note, l.footer.right, l.height - 0.5 * (l.footer.top + l.footer.bottom),
             font_px(l.height, 0.02), k_note_red, false, true, VTK_TEXT_RIGHT, VTK_TEXT_CENTERED);

    write_png(m_impl->window, png);
    return exaggeration;
}

}  // namespace floodtwin::viz
