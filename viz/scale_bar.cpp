#include "viz/scale_bar.hpp"

#include <cmath>
#include <cstdio>

namespace floodtwin::viz {

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

ScaleBar scale_bar(const MapLayout& layout, double px_per_m) {
    ScaleBar bar;
    const double box_w = layout.map.right - layout.map.left;
    bar.length_m = scale_bar_length_m(0.3 * box_w / px_per_m);
    bar.label = length_label(bar.length_m);
    const double px = bar.length_m * px_per_m;
    bar.left = layout.footer.left;
    bar.middle = bar.left + 0.5 * px;
    bar.right = bar.left + px;
    // In the footer's lower part, leaving room above for the labels.
    bar.bottom = layout.footer.top + 0.62 * (layout.footer.bottom - layout.footer.top);
    const double thickness = 0.5 * (0.012 * layout.height);
    bar.top = bar.bottom - thickness;
    const int size = font_px(layout.height, 0.018);
    // Two pixels of air between the bar and the labels' baseline.
    bar.zero_spot = {{bar.left, bar.top - 2}, size, HAlign::centre, VAlign::bottom};
    bar.label_spot = {{bar.right, bar.top - 2}, size, HAlign::centre, VAlign::bottom};
    return bar;
}

}  // namespace floodtwin::viz
