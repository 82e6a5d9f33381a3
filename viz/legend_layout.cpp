#include "viz/legend_layout.hpp"

#include "viz/colour_scale.hpp"  // snap_round
#include "viz/text_wrap.hpp"

#include <algorithm>
#include <cmath>

namespace floodtwin::viz {

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

LegendLayout legend_layout(const MapLayout& layout, double lo, double hi) {
    LegendLayout legend;
    legend.box = layout.legend;
    legend.ticks = legend_ticks(lo, hi);
    legend.label_format = legend_label_format(lo, hi);
    legend.title_font_px = font_px(layout.height, 0.021);
    legend.label_font_px = font_px(layout.height, 0.019);
    legend.title_gap_px = font_px(layout.height, 0.012, 4);
    // A slim bar: the labels beside it need most of the box.
    legend.bar_share = 0.28;
    return legend;
}

namespace {

// The categorical legend with its type at `scale` of the full size.
ClassLegendLayout class_legend_at(const MapLayout& layout, const std::vector<LegendGroup>& groups, double scale) {
    const PixelBox& box = layout.legend;
    const int title_px = font_px(layout.height, 0.021 * scale), label_px = font_px(layout.height, 0.0145 * scale);
    const int swatch = font_px(layout.height, 0.02 * scale, 6), gap = font_px(layout.height, 0.008 * scale, 3);
    const double line_px = 1.2 * label_px;
    const int width = box.right - box.left;
    const std::size_t chars = chars_fitting(width - swatch - gap, label_px);
    // Bold titles run wider than plain text.
    const std::size_t title_chars = chars_fitting(width, static_cast<int>(std::lround(1.15 * title_px)));
    ClassLegendLayout legend;
    double row = box.top;
    for (const LegendGroup& group : groups) {
        LegendGroupSpots& spots = legend.groups.emplace_back();
        spots.title_text = wrap_words(group.title, title_chars);
        spots.title = {{static_cast<double>(box.left), row}, title_px, HAlign::left, VAlign::top};
        row += line_count(spots.title_text) * 1.25 * title_px + gap;
        for (const LegendSwatch& s : group.swatches) {
            SwatchSpot& spot = spots.swatches.emplace_back();
            spot.text = wrap_words(s.label, chars);
            const int top = static_cast<int>(std::lround(row));
            spot.swatch = {box.left, top, box.left + swatch, top + swatch};
            // The label's first line centred on the swatch.
            spot.label = {{static_cast<double>(box.left + swatch + gap), row + 0.5 * (swatch - line_px)},
                          label_px,
                          HAlign::left,
                          VAlign::top};
            row += std::max(static_cast<double>(swatch), line_count(spot.text) * line_px) + gap;
        }
        row += 2 * gap;  // between groups
    }
    legend.bottom = static_cast<int>(std::lround(row));
    return legend;
}

}  // namespace

ClassLegendLayout class_legend_layout(const MapLayout& layout, const std::vector<LegendGroup>& groups) {
    ClassLegendLayout legend;
    for (double scale : {1.0, 0.9, 0.8, 0.7}) {
        legend = class_legend_at(layout, groups, scale);
        if (legend.bottom <= layout.north.top) break;
    }
    return legend;
}

}  // namespace floodtwin::viz
