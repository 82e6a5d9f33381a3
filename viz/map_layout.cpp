#include "viz/map_layout.hpp"

#include <algorithm>
#include <cmath>

namespace floodtwin::viz {

namespace {

// The footer's middle row: notes sit on it, centred.
double footer_middle_row(const MapLayout& layout) { return 0.5 * (layout.footer.top + layout.footer.bottom); }

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

int font_px(int image_height, double fraction, int minimum_px) {
    return std::max(minimum_px, static_cast<int>(std::lround(fraction * image_height)));
}

TextSpot title_spot(const MapLayout& layout) {
    const PixelPoint anchor{static_cast<double>(layout.title.left), layout.title.top + 0.012 * layout.height};
    return {anchor, font_px(layout.height, 0.032), HAlign::left, VAlign::top};
}

TextSpot time_spot(const MapLayout& layout) {
    const PixelPoint anchor{static_cast<double>(layout.title.left), layout.title.top + 0.058 * layout.height};
    return {anchor, font_px(layout.height, 0.024), HAlign::left, VAlign::top};
}

TextSpot note_spot(const MapLayout& layout) {
    const PixelPoint anchor{static_cast<double>(layout.footer.right), footer_middle_row(layout)};
    return {anchor, font_px(layout.height, 0.02), HAlign::right, VAlign::centre};
}

TextSpot source_spot(const MapLayout& layout) {
    const PixelPoint anchor{static_cast<double>(layout.footer.right), static_cast<double>(layout.footer.bottom)};
    return {anchor, font_px(layout.height, 0.0125), HAlign::right, VAlign::bottom};
}

TextSpot view_note_spot(const MapLayout& layout) {
    const PixelPoint anchor{static_cast<double>(layout.footer.left), footer_middle_row(layout)};
    return {anchor, font_px(layout.height, 0.018), HAlign::left, VAlign::centre};
}

}  // namespace floodtwin::viz
