#include "viz/page_drawing.hpp"

#include "viz/text_wrap.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <span>
#include <vector>

#include <vtkActor2D.h>
#include <vtkCellArray.h>
#include <vtkDoubleArray.h>
#include <vtkLookupTable.h>
#include <vtkNew.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper2D.h>
#include <vtkProperty2D.h>
#include <vtkRenderer.h>
#include <vtkScalarBarActor.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>

namespace floodtwin::viz {

namespace {

constexpr Rgb k_text_grey{0.12, 0.12, 0.12};
constexpr Rgb k_note_red{0.60, 0.08, 0.08};
constexpr Rgb k_ink{0.1, 0.1, 0.1};
constexpr Rgb k_white{1.0, 1.0, 1.0};
constexpr Rgb k_source_grey{0.35, 0.35, 0.35};

struct TextStyle {
    Rgb colour = k_text_grey;
    bool bold = false;
    bool italic = false;
};

int vtk_justification(HAlign a) {
    switch (a) {
        case HAlign::left: return VTK_TEXT_LEFT;
        case HAlign::centre: return VTK_TEXT_CENTERED;
        case HAlign::right: return VTK_TEXT_RIGHT;
    }
    return VTK_TEXT_LEFT;
}

int vtk_vertical_justification(VAlign a) {
    switch (a) {
        case VAlign::top: return VTK_TEXT_TOP;
        case VAlign::centre: return VTK_TEXT_CENTERED;
        case VAlign::bottom: return VTK_TEXT_BOTTOM;
    }
    return VTK_TEXT_TOP;
}

// VTK's display coordinates count y up from the image's bottom; the layout's rows
// count down from its top.
std::array<double, 2> display_of(const PixelPoint& p, const MapLayout& layout) {
    return {p.column, layout.height - p.row};
}

void add_text(vtkRenderer* renderer, const std::string& text, const TextSpot& spot, const MapLayout& layout,
              const TextStyle& style = {}) {
    if (text.empty()) return;
    vtkNew<vtkTextActor> actor;
    actor->SetInput(text.c_str());
    vtkTextProperty* p = actor->GetTextProperty();
    p->SetFontFamilyToArial();
    p->SetFontSize(spot.font_px);
    p->SetColor(style.colour.r, style.colour.g, style.colour.b);
    p->SetBold(style.bold);
    p->SetItalic(style.italic);
    p->SetJustification(vtk_justification(spot.align));
    p->SetVerticalJustification(vtk_vertical_justification(spot.vertical));
    const auto at = display_of(spot.anchor, layout);
    actor->SetDisplayPosition(static_cast<int>(std::lround(at[0])), static_cast<int>(std::lround(at[1])));
    renderer->AddActor2D(actor);
}

// A filled polygon or a closed outline through `corners`.
void add_shape_2d(vtkRenderer* renderer, std::span<const PixelPoint> corners, const MapLayout& layout, bool filled,
                  const Rgb& colour, double line_width = 1.0) {
    vtkNew<vtkPoints> points;
    for (const PixelPoint& c : corners) {
        const auto at = display_of(c, layout);
        points->InsertNextPoint(at[0], at[1], 0.0);
    }
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
    actor->GetProperty()->SetColor(colour.r, colour.g, colour.b);
    actor->GetProperty()->SetLineWidth(static_cast<float>(line_width));
    renderer->AddActor2D(actor);
}

void style_legend_text(vtkTextProperty* p, int font_px, bool bold) {
    p->SetFontFamilyToArial();
    p->SetColor(k_text_grey.r, k_text_grey.g, k_text_grey.b);
    p->ShadowOff();
    p->ItalicOff();
    p->SetFontSize(font_px);
    p->SetBold(bold);
}

}  // namespace

void add_title(vtkRenderer* renderer, const MapScene& scene, const MapLayout& layout) {
    add_text(renderer, scene.title, title_spot(layout), layout, {k_text_grey, true, false});
    add_text(renderer, scene.subtitle, time_spot(layout), layout);
}

void add_legend(vtkRenderer* renderer, vtkLookupTable* lut, const MapScene& scene, const LegendLayout& legend,
                const MapLayout& layout) {
    const PixelBox& box = legend.box;
    vtkNew<vtkScalarBarActor> bar;
    bar->SetLookupTable(lut);
    bar->SetTitle(scene.legend_title.c_str());
    bar->SetOrientationToVertical();
    // Round labels at round values, not six evenly spaced odd numbers.
    vtkNew<vtkDoubleArray> ticks;
    for (double t : legend.ticks) ticks->InsertNextValue(t);
    bar->SetCustomLabels(ticks);
    bar->UseCustomLabelsOn();
    bar->SetLabelFormat(legend.label_format.c_str());
    bar->SetVerticalTitleSeparation(legend.title_gap_px);
    bar->SetMaximumNumberOfColors(ColourScale::table_size);
    bar->UnconstrainedFontSizeOn();
    bar->SetBarRatio(legend.bar_share);
    bar->SetTextPositionToSucceedScalarBar();
    // Position and size as fractions of the window (normalized viewport coordinates).
    bar->SetPosition(static_cast<double>(box.left) / layout.width,
                     static_cast<double>(layout.height - box.bottom) / layout.height);
    bar->SetWidth(static_cast<double>(box.right - box.left) / layout.width);
    bar->SetHeight(static_cast<double>(box.bottom - box.top) / layout.height);
    style_legend_text(bar->GetTitleTextProperty(), legend.title_font_px, true);
    style_legend_text(bar->GetLabelTextProperty(), legend.label_font_px, false);
    renderer->AddActor2D(bar);
}

void add_class_legend(vtkRenderer* renderer, const MapScene& scene, const ClassLegendLayout& legend,
                      const MapLayout& layout) {
    for (std::size_t g = 0; g < legend.groups.size() && g < scene.legend_groups.size(); ++g) {
        const LegendGroup& group = scene.legend_groups[g];
        const LegendGroupSpots& spots = legend.groups[g];
        add_text(renderer, spots.title_text, spots.title, layout, {k_text_grey, true, false});
        for (std::size_t k = 0; k < spots.swatches.size() && k < group.swatches.size(); ++k) {
            const SwatchSpot& spot = spots.swatches[k];
            const PixelBox& b = spot.swatch;
            const std::array<PixelPoint, 4> corners{
                {{1.0 * b.left, 1.0 * b.bottom}, {1.0 * b.right, 1.0 * b.bottom}, {1.0 * b.right, 1.0 * b.top},
                 {1.0 * b.left, 1.0 * b.top}}};
            // A thin dark edge, so pale swatches stand out from the white page.
            add_shape_2d(renderer, corners, layout, true, group.swatches[k].colour);
            add_shape_2d(renderer, corners, layout, false, k_ink, 1.0);
            add_text(renderer, spot.text, spot.label, layout);
        }
    }
}

void add_north_arrow(vtkRenderer* renderer, const NorthArrow& arrow, const MapLayout& layout) {
    add_shape_2d(renderer, arrow.dark_half, layout, true, k_ink);
    add_shape_2d(renderer, arrow.light_half, layout, true, k_white);
    add_shape_2d(renderer, arrow.outline, layout, false, k_ink, 1.5);
    add_text(renderer, "N", arrow.letter, layout, {k_text_grey, true, false});
}

void add_scale_bar(vtkRenderer* renderer, const ScaleBar& bar, const MapLayout& layout) {
    const auto rectangle = [&](double left, double right) {
        return std::array<PixelPoint, 4>{
            {{left, bar.bottom}, {right, bar.bottom}, {right, bar.top}, {left, bar.top}}};
    };
    // Two halves, dark and white, in a dark outline: readable on any background.
    add_shape_2d(renderer, rectangle(bar.left, bar.middle), layout, true, k_ink);
    add_shape_2d(renderer, rectangle(bar.middle, bar.right), layout, true, k_white);
    add_shape_2d(renderer, rectangle(bar.left, bar.right), layout, false, k_ink, 1.5);
    add_text(renderer, "0", bar.zero_spot, layout);
    add_text(renderer, bar.label, bar.label_spot, layout);
}

void add_note(vtkRenderer* renderer, const MapScene& scene, const MapLayout& layout) {
    add_text(renderer, scene.note, note_spot(layout), layout, {k_note_red, false, true});
}

void add_source(vtkRenderer* renderer, const MapScene& scene, const MapLayout& layout) {
    const TextSpot spot = source_spot(layout);
    add_text(renderer, wrap_words(scene.source, chars_fitting(layout.width / 2, spot.font_px)), spot, layout,
             {k_source_grey, false, false});
}

void add_view_note(vtkRenderer* renderer, const std::string& words, const MapLayout& layout) {
    add_text(renderer, words, view_note_spot(layout), layout);
}

}  // namespace floodtwin::viz
