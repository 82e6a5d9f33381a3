#include "viz/label_placement.hpp"

#include <algorithm>
#include <cmath>

namespace floodtwin::viz {

PixelBox place_label(double column, double row, double radius_px, int width, int height, const PixelBox& bounds) {
    // The gap between marker and text, and how far the text's baseline sits above
    // the marker's centre (below it when flipped).
    const double gap = 1.3 * radius_px, rise = 0.6 * radius_px;
    double left = column + gap;
    if (left + width > bounds.right) left = column - gap - width;
    double bottom = row - rise;  // the label's bottom edge, rows from the top
    if (bottom - height < bounds.top) bottom = row + rise + height;
    // Neither side fits (a label wider than half the map): keep it inside anyway.
    const double left_max = std::max(bounds.left, bounds.right - width);
    const double bottom_min = std::min(bounds.bottom, bounds.top + height);
    left = std::clamp(left, static_cast<double>(bounds.left), left_max);
    bottom = std::clamp(bottom, bottom_min, static_cast<double>(bounds.bottom));
    PixelBox box;
    box.left = static_cast<int>(std::lround(left));
    box.right = box.left + width;
    box.bottom = static_cast<int>(std::lround(bottom));
    box.top = box.bottom - height;
    return box;
}

double station_marker_radius_px(int image_height) { return std::max(3.0, 0.007 * image_height); }

int station_label_font_px(int image_height) { return font_px(image_height, 0.017); }

}  // namespace floodtwin::viz
