// Where the parts of a map go, checked without VTK or a display (this test is built
// with FLOODTWIN_VIZ=OFF too): every box inside the image and clear of the others, the
// grid fitted into the map box, the scale bar a round length that fits, round legend
// ticks, the north arrow and the text anchors in their boxes, and station labels
// inside the map box wherever the station is.
#define BOOST_TEST_MODULE viz_map_layout
#include <boost/test/unit_test.hpp>

#include "viz/label_placement.hpp"
#include "viz/plan_map_layout.hpp"
#include "viz/text_wrap.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <initializer_list>
#include <string>
#include <vector>

namespace viz = floodtwin::viz;
namespace tt = boost::test_tools;

namespace {

// Image sizes the renderer accepts (64 to 8192 a side), squat to tall.
std::vector<std::array<int, 2>> image_sizes() {
    std::vector<std::array<int, 2>> sizes;
    for (int w : {64, 97, 150, 320, 400, 640, 777, 1280, 1600, 4096, 8192})
        for (int h : {64, 101, 240, 300, 480, 517, 960, 1200, 3000, 8192}) sizes.push_back({w, h});
    return sizes;
}

// Grids wide, tall and square, of cells of different sizes.
std::vector<viz::ImageGrid> grids() {
    return {{40, 30, 500000.0, 3300000.0, 100.0, 100.0},
            {400, 20, 0.0, 0.0, 10.0, 10.0},
            {7, 900, -2000.0, 1000.0, 30.0, 5.0},
            {1, 1, 0.0, 0.0, 0.5, 0.5},
            {1000, 1000, 600000.0, 3200000.0, 2.0, 2.0}};
}

bool inside(const viz::PixelBox& inner, const viz::PixelBox& outer) {
    return inner.left >= outer.left && inner.right <= outer.right && inner.top >= outer.top &&
           inner.bottom <= outer.bottom;
}

bool inside(const viz::PixelPoint& p, const viz::PixelBox& box) {
    return p.column >= box.left && p.column <= box.right && p.row >= box.top && p.row <= box.bottom;
}

bool overlap(const viz::PixelBox& a, const viz::PixelBox& b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

bool non_empty(const viz::PixelBox& b) { return b.left < b.right && b.top < b.bottom; }

std::string describe(const viz::PixelBox& b) {
    return std::to_string(b.left) + ".." + std::to_string(b.right) + " x " + std::to_string(b.top) + ".." +
           std::to_string(b.bottom);
}

// Whether `value` is one of `mantissas` times a power of ten.
bool round_number(double value, std::initializer_list<double> mantissas) {
    const double mantissa = value / std::pow(10.0, std::floor(std::log10(value) + 1e-12));
    for (double m : mantissas)
        if (std::fabs(mantissa - m) < 1e-9) return true;
    return false;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_box_is_inside_the_image) {
    for (const auto& [w, h] : image_sizes()) {
        BOOST_TEST_CONTEXT(w << "x" << h) {
            const viz::MapLayout l = viz::map_layout(w, h);
            const viz::PixelBox image{0, 0, w, h};
            for (const viz::PixelBox& box : {l.title, l.map, l.legend, l.north, l.footer}) {
                BOOST_TEST(non_empty(box), describe(box));
                BOOST_TEST(inside(box, image), describe(box));
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(no_part_overlaps_another) {
    for (const auto& [w, h] : image_sizes()) {
        BOOST_TEST_CONTEXT(w << "x" << h) {
            const viz::MapLayout l = viz::map_layout(w, h);
            BOOST_TEST(!overlap(l.legend, l.map));
            BOOST_TEST(!overlap(l.north, l.map));
            BOOST_TEST(!overlap(l.north, l.legend));
            BOOST_TEST(l.title.bottom <= l.map.top);   // the title above the map
            BOOST_TEST(l.map.bottom <= l.footer.top);  // the footer below it
            BOOST_TEST(l.map.right <= l.legend.left);  // the legend on its right
        }
    }
}

// The grid fills the map box one way, is centred the other, and keeps its aspect.
BOOST_AUTO_TEST_CASE(grid_fits_the_map_box_centred) {
    for (const viz::ImageGrid& g : grids())
        for (const auto& [w, h] : image_sizes()) {
            BOOST_TEST_CONTEXT(w << "x" << h << ", grid " << g.nx << "x" << g.ny) {
                const viz::MapLayout l = viz::map_layout(w, h);
                const viz::MapFrame f = viz::fit_grid(l, g);
                const auto sw = f.pixel_of(g.x0_m, g.y0_m), ne = f.pixel_of(g.x1_m(), g.y1_m());
                const double slack = 1e-6 * std::max(w, h);
                BOOST_TEST(sw[0] >= l.map.left - slack);
                BOOST_TEST(ne[0] <= l.map.right + slack);
                BOOST_TEST(ne[1] >= l.map.top - slack);  // north is up: the north-east corner's row is the smaller
                BOOST_TEST(sw[1] <= l.map.bottom + slack);
                const double grid_w = ne[0] - sw[0], grid_h = sw[1] - ne[1];
                const double box_w = l.map.right - l.map.left, box_h = l.map.bottom - l.map.top;
                BOOST_TEST((std::fabs(grid_w - box_w) < slack || std::fabs(grid_h - box_h) < slack));
                BOOST_TEST(grid_w / grid_h == (g.nx * g.dx_m) / (g.ny * g.dy_m), tt::tolerance(1e-9));
                BOOST_TEST(0.5 * (sw[0] + ne[0]) == 0.5 * (l.map.left + l.map.right), tt::tolerance(1e-9));
                BOOST_TEST(0.5 * (sw[1] + ne[1]) == 0.5 * (l.map.top + l.map.bottom), tt::tolerance(1e-9));
            }
        }
}

BOOST_AUTO_TEST_CASE(round_scale_bar_lengths) {
    BOOST_TEST(viz::scale_bar_length_m(1234.0) == 1000.0);
    BOOST_TEST(viz::scale_bar_length_m(480.0) == 200.0);
    BOOST_TEST(viz::scale_bar_length_m(5100.0) == 5000.0);
    BOOST_TEST(viz::scale_bar_length_m(0.7) == 0.5);
    BOOST_TEST(viz::length_label(2000.0) == "2 km");
    BOOST_TEST(viz::length_label(500.0) == "500 m");
    BOOST_TEST(viz::length_label(0.5) == "0.5 m");
}

// A 1-2-5 length at most 0.3 of the map box wide (the next round length up would be
// wider), in the footer's left part, clear of the note at its right end.
BOOST_AUTO_TEST_CASE(scale_bar_is_a_round_length_that_fits_the_footer) {
    for (const viz::ImageGrid& g : grids())
        for (const auto& [w, h] : image_sizes()) {
            BOOST_TEST_CONTEXT(w << "x" << h << ", grid " << g.nx << "x" << g.ny) {
                const viz::PlanMapLayout plan = viz::plan_map_layout(w, h, g, 0.0, 1.0);
                const viz::ScaleBar& bar = plan.scale_bar;
                const double box_w = plan.layout.map.right - plan.layout.map.left;
                BOOST_TEST(round_number(bar.length_m, {1.0, 2.0, 5.0}), bar.length_m);
                BOOST_TEST(bar.label == viz::length_label(bar.length_m));
                const double bar_px = bar.right - bar.left;
                BOOST_TEST(bar_px == bar.length_m * plan.frame.px_per_m, tt::tolerance(1e-9));
                BOOST_TEST(bar_px <= 0.3 * box_w * (1.0 + 1e-9));
                BOOST_TEST(bar_px > 0.3 * box_w / 2.5);  // 1-2-5 steps are at most 2.5 apart
                BOOST_TEST(bar.middle == 0.5 * (bar.left + bar.right), tt::tolerance(1e-12));
                const viz::PixelBox& footer = plan.layout.footer;
                BOOST_TEST(bar.left >= footer.left);
                BOOST_TEST(bar.right < 0.5 * (footer.left + footer.right));
                BOOST_TEST(bar.top < bar.bottom);
                BOOST_TEST(bar.top >= footer.top);
                BOOST_TEST(bar.bottom <= footer.bottom);
                BOOST_TEST(inside(bar.zero_spot.anchor, footer));
                BOOST_TEST(inside(bar.label_spot.anchor, footer));
                BOOST_TEST(bar.label_spot.anchor.column == bar.right);
                BOOST_TEST(bar.label_spot.anchor.row < bar.top);  // above the bar
            }
        }
}

BOOST_AUTO_TEST_CASE(legend_ticks_known_ranges) {
    BOOST_TEST(viz::legend_ticks(0.0, 2.5) == (std::vector<double>{0.0, 0.5, 1.0, 1.5, 2.0, 2.5}), tt::per_element());
    BOOST_TEST(viz::legend_ticks(0.0, 120.0) == (std::vector<double>{0.0, 20.0, 40.0, 60.0, 80.0, 100.0, 120.0}),
               tt::per_element());
    BOOST_TEST(viz::legend_label_format(0.0, 2.5) == "%.1f");
    BOOST_TEST(viz::legend_label_format(0.0, 120.0) == "%.0f");
    BOOST_TEST(viz::legend_label_format(0.0, 0.25) == "%.2f");
}

// Over many ranges: three to seven ticks inside the range, evenly spaced by a round
// step, each written exactly by the label format.
BOOST_AUTO_TEST_CASE(legend_ticks_are_round_and_inside_the_range) {
    for (double lo : {0.0, -3.0, 0.05, 180.0, 1200.0})
        for (double span : {0.013, 0.25, 0.601, 1.0, 2.5, 3.7, 9.99, 60.0, 145.0, 7200.0}) {
            const double hi = lo + span;
            BOOST_TEST_CONTEXT(lo << " .. " << hi) {
                const viz::LegendLayout legend = viz::legend_layout(viz::map_layout(640, 480), lo, hi);
                const std::vector<double>& t = legend.ticks;
                BOOST_TEST(t.size() >= 3U);
                BOOST_TEST(t.size() <= 7U);
                if (t.size() < 2) continue;
                const double step = t[1] - t[0];
                BOOST_TEST(round_number(step, {1.0, 2.0, 2.5, 5.0}), step);
                for (std::size_t k = 0; k < t.size(); ++k) {
                    BOOST_TEST(t[k] >= lo - 1e-9 * span);
                    BOOST_TEST(t[k] <= hi + 1e-9 * span);
                    BOOST_TEST(t[k] - t[0] == k * step, tt::tolerance(1e-9));
                    char text[64];
                    std::snprintf(text, sizeof text, legend.label_format.c_str(), t[k]);
                    BOOST_TEST(std::stod(text) == t[k], tt::tolerance(1e-12));
                }
            }
        }
}

BOOST_AUTO_TEST_CASE(legend_fills_its_box_with_readable_text) {
    for (const auto& [w, h] : image_sizes()) {
        BOOST_TEST_CONTEXT(w << "x" << h) {
            const viz::MapLayout l = viz::map_layout(w, h);
            const viz::LegendLayout legend = viz::legend_layout(l, 0.0, 3.0);
            BOOST_TEST(inside(legend.box, l.legend));
            BOOST_TEST(legend.label_font_px >= 8);
            BOOST_TEST(legend.title_font_px >= legend.label_font_px);
            BOOST_TEST(legend.bar_share > 0.0);
            BOOST_TEST(legend.bar_share < 0.5);  // the labels beside the bar need the rest
        }
    }
}

BOOST_AUTO_TEST_CASE(north_arrow_points_up_inside_its_box) {
    for (const auto& [w, h] : image_sizes()) {
        BOOST_TEST_CONTEXT(w << "x" << h) {
            const viz::MapLayout l = viz::map_layout(w, h);
            const viz::NorthArrow arrow = viz::north_arrow(l);
            for (const auto& shape : {arrow.dark_half, arrow.light_half})
                for (const viz::PixelPoint& p : shape) BOOST_TEST(inside(p, l.north));
            for (const viz::PixelPoint& p : arrow.outline) BOOST_TEST(inside(p, l.north));
            const viz::PixelPoint tip = arrow.outline[0], right_barb = arrow.outline[1], notch = arrow.outline[2],
                                  left_barb = arrow.outline[3];
            BOOST_TEST(tip.row < notch.row);  // rows grow down: the tip is on top
            BOOST_TEST(notch.row < left_barb.row);
            BOOST_TEST(left_barb.column < tip.column);
            BOOST_TEST(right_barb.column > tip.column);
            BOOST_TEST(arrow.dark_half[1].column < tip.column);  // the filled half is the left one
            BOOST_TEST(inside(arrow.letter.anchor, l.north));
            BOOST_TEST(arrow.letter.anchor.row < tip.row);  // the N above the tip
        }
    }
}

BOOST_AUTO_TEST_CASE(text_spots_sit_in_their_boxes) {
    for (const auto& [w, h] : image_sizes()) {
        BOOST_TEST_CONTEXT(w << "x" << h) {
            const viz::MapLayout l = viz::map_layout(w, h);
            const viz::TextSpot title = viz::title_spot(l), time = viz::time_spot(l);
            BOOST_TEST(inside(title.anchor, l.title));
            BOOST_TEST(inside(time.anchor, l.title));
            BOOST_TEST(time.anchor.row > title.anchor.row);  // the time under the title
            BOOST_TEST(title.font_px >= time.font_px);
            const viz::TextSpot note = viz::note_spot(l), view = viz::view_note_spot(l);
            BOOST_TEST(inside(note.anchor, l.footer));
            BOOST_TEST(inside(view.anchor, l.footer));
            BOOST_TEST((note.align == viz::HAlign::right));
            BOOST_TEST(note.anchor.column == l.footer.right);
            BOOST_TEST((view.align == viz::HAlign::left));
            BOOST_TEST(view.anchor.column == l.footer.left);
        }
    }
}

BOOST_AUTO_TEST_CASE(labels_stay_inside_the_bounds) {
    const viz::PixelBox bounds{20, 50, 620, 450};
    const double r = 4.0;  // marker radius, px
    // In the open: right of the marker, its bottom a little above the centre.
    auto box = viz::place_label(300.0, 200.0, r, 100, 16, bounds);
    BOOST_TEST(box.left > 300);
    BOOST_TEST(box.bottom < 200);
    BOOST_TEST(box.right - box.left == 100);
    BOOST_TEST(box.bottom - box.top == 16);
    // At the right edge: to the left of the marker.
    box = viz::place_label(615.0, 200.0, r, 100, 16, bounds);
    BOOST_TEST(box.right < 615);
    BOOST_TEST(box.right <= bounds.right);
    // At the top edge: below the marker.
    box = viz::place_label(300.0, 52.0, r, 100, 16, bounds);
    BOOST_TEST(box.top > 52);
    BOOST_TEST(box.top >= bounds.top);
    // In the top-right corner: left and below.
    box = viz::place_label(618.0, 51.0, r, 100, 16, bounds);
    BOOST_TEST(box.right < 618);
    BOOST_TEST(box.top > 51);
    // Wider than either side: slid inside all the same.
    box = viz::place_label(320.0, 200.0, r, 590, 16, bounds);
    BOOST_TEST(box.left >= bounds.left);
    BOOST_TEST(box.right <= bounds.right);
}

// A station anywhere on the grid, on any map: its label lies inside the map box, and
// off the marker where the box leaves room beside it.
BOOST_AUTO_TEST_CASE(station_labels_stay_inside_the_map_box) {
    const viz::ImageGrid g{40, 30, 500000.0, 3300000.0, 100.0, 100.0};
    for (const auto& [w, h] : image_sizes()) {
        const viz::PlanMapLayout plan = viz::plan_map_layout(w, h, g, 0.0, 1.0);
        const double radius = viz::station_marker_radius_px(h);
        const int tall = viz::station_label_font_px(h) + 4;
        for (int label_w : {30, 120, 400})
            for (double fx : {0.0, 0.01, 0.3, 0.5, 0.97, 1.0})
                for (double fy : {0.0, 0.02, 0.5, 0.99, 1.0}) {
                    const auto p = plan.pixel_of(g.x0_m + fx * (g.x1_m() - g.x0_m), g.y0_m + fy * (g.y1_m() - g.y0_m));
                    const viz::PixelBox box = viz::place_label(p[0], p[1], radius, label_w, tall, plan.layout.map);
                    BOOST_TEST_CONTEXT(w << "x" << h << ", station at " << p[0] << ", " << p[1] << ", label "
                                         << describe(box)) {
                        const viz::PixelBox& map = plan.layout.map;
                        const bool fits = label_w <= map.right - map.left && tall <= map.bottom - map.top;
                        if (fits) BOOST_TEST(inside(box, map));
                        const bool room_beside = label_w + 2.0 * radius < 0.5 * (map.right - map.left) &&
                                                 tall + 2.0 * radius < 0.5 * (map.bottom - map.top);
                        if (room_beside) {
                            const bool clear_of_marker = box.left > p[0] + radius || box.right < p[0] - radius ||
                                                         box.top > p[1] || box.bottom < p[1];
                            BOOST_TEST(clear_of_marker);
                        }
                    }
                }
    }
}

// Words wrapped for VTK: no line past the limit unless it is one long word, the words
// and their order kept.
BOOST_AUTO_TEST_CASE(words_wrap_to_the_width) {
    const std::string text = "H5: unsafe for people and vehicles; all buildings vulnerable to structural damage";
    const std::string wrapped = viz::wrap_words(text, 20);
    std::string rejoined = wrapped;
    std::replace(rejoined.begin(), rejoined.end(), '\n', ' ');
    BOOST_TEST(rejoined == text);
    std::size_t start = 0;
    for (std::size_t end = 0; end != std::string::npos; start = end + 1) {
        end = wrapped.find('\n', start);
        BOOST_TEST(wrapped.substr(start, end - start).size() <= 20u);
    }
    BOOST_TEST(viz::line_count(wrapped) > 3);
    BOOST_TEST(viz::wrap_words("averyveryverylongword x", 5) == "averyveryverylongword\nx");
    BOOST_TEST(viz::wrap_words("", 5).empty());
}

// A legend of swatches: every swatch in the legend box's columns, one under the other,
// each label right of its swatch, all above the north arrow at the usual page sizes.
BOOST_AUTO_TEST_CASE(class_legend_stacks_swatches_above_the_north_arrow) {
    std::vector<viz::LegendGroup> groups(2);
    groups[0].title = "Flood hazard (ARR 2019)";
    for (int h = 1; h <= 7; ++h)
        groups[0].swatches.push_back({{1.0, 1.0, 0.5}, "H" + std::to_string(h) + ": unsafe for people and vehicles"});
    groups[1].title = "Warning level";
    for (const char* level : {"blue", "yellow", "orange", "red"}) groups[1].swatches.push_back({{0, 0, 1}, level});
    for (const auto& [w, h] : std::vector<std::array<int, 2>>{{1600, 1200}, {1280, 960}, {1200, 1200}}) {
        const viz::MapLayout layout = viz::map_layout(w, h);
        const viz::ClassLegendLayout legend = viz::class_legend_layout(layout, groups);
        BOOST_TEST_CONTEXT(w << "x" << h) {
            BOOST_TEST(legend.groups.size() == 2u);
            BOOST_TEST(legend.bottom <= layout.north.top);
            int row = layout.legend.top;
            for (const auto& g : legend.groups) {
                BOOST_TEST(g.title.anchor.row >= row);
                for (const auto& s : g.swatches) {
                    BOOST_TEST(s.swatch.top >= row);
                    BOOST_TEST(s.swatch.left >= layout.legend.left);
                    BOOST_TEST(s.label.anchor.column > s.swatch.right);
                    row = s.swatch.bottom;
                }
            }
        }
    }
}
