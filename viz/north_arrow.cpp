#include "viz/north_arrow.hpp"

#include <algorithm>
#include <cmath>

namespace floodtwin::viz {

NorthArrow north_arrow(const MapLayout& layout) {
    const PixelBox& box = layout.north;
    const double cx = 0.5 * (box.left + box.right);
    const double top = box.top, bottom = box.bottom;
    const double letter = 0.35 * (bottom - top);
    const double tip = top + letter;
    // Slim (its height about 2.3 times its width), but no wider than its box: on an image
    // more than about twice as tall as wide the box is narrower than that.
    const double half_width = std::min(0.22 * (bottom - tip), 0.5 * (box.right - box.left));
    // The notch where the two halves meet, three tenths of the way up from the barbs.
    const double notch = bottom - 0.3 * (bottom - tip);
    const PixelPoint tip_point{cx, tip}, notch_point{cx, notch};
    const PixelPoint left_barb{cx - half_width, bottom}, right_barb{cx + half_width, bottom};
    NorthArrow arrow;
    arrow.dark_half = {tip_point, left_barb, notch_point};
    arrow.light_half = {tip_point, notch_point, right_barb};
    arrow.outline = {tip_point, right_barb, notch_point, left_barb};
    arrow.letter = {{cx, top}, static_cast<int>(std::lround(0.9 * letter)), HAlign::centre, VAlign::top};
    return arrow;
}

}  // namespace floodtwin::viz
