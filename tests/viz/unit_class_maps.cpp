// Maps of classes over a known results.nc: a depth-class warning map (stations and
// areas with warning levels) and a hazard map, both holding every code of their kind
// (9 normal river and -1 outside the domain included). Checked: the PNG's size, every
// class's exact colour inside the map box, an orange area outline and its tint on dry
// land, terrain grey on class 0 and the white page on -1, and refusals of classes that
// do not fit. Needs an
// X display (CTest runs it under `xvfb-run -a`). With FLOODTWIN_CLASS_MAPS_OUT set to
// a folder, the PNGs are also copied there to be looked at.
#define BOOST_TEST_MODULE viz_class_maps
#include <boost/test/unit_test.hpp>

#include "tests/support/synthetic_results.hpp"
#include "tests/support/temp_dir.hpp"
#include "grids/netcdf_reader.hpp"
#include "tests/viz/png_image.hpp"
#include "viz/class_maps.hpp"
#include "viz/plan_map_layout.hpp"
#include "viz/results_grid.hpp"

#include <cmath>
#include <cstdlib>
#include <stdexcept>

namespace viz = floodtwin::viz;
using floodtwin::viz::testing::bytes;
using floodtwin::viz::testing::close_to;
using floodtwin::viz::testing::Image;
using floodtwin::viz::testing::read_png;
using S = floodtwin::viz::testing::SyntheticResults;
using viz::ClassMapKind;
using viz::WarningLevel;

namespace {

constexpr int k_width = 1600, k_height = 1200;
constexpr double k_corner_x = S::x0 - 0.5 * S::dx, k_corner_y = S::y0 - 0.5 * S::dy;

// A river running north with a slight bend: its column at row j.
double river_column(int j) { return 20.0 + (j - 15) / 5.0; }

// Bands either side of the river, deepest (most hazardous) next to it; the three
// western columns outside the domain. Every code of the kind occurs.
int code_at(ClassMapKind kind, int i, int j) {
    if (i < 3) return viz::k_class_outside;
    const double d = std::fabs(i - river_column(j));
    if (d < 1.0) return viz::k_class_normal_river;
    if (kind == ClassMapKind::depth) {
        for (int c = 4; c >= 1; --c)
            if (d < 1.0 + 2.5 * (5 - c)) return c;
        return 0;
    }
    if (kind == ClassMapKind::probability) {
        for (int p = 5; p >= 1; --p)
            if (d < 1.0 + 2.0 * (6 - p)) return p;
        return 0;
    }
    for (int h = 6; h >= 1; --h)
        if (d < 1.0 + 1.6 * (7 - h)) return h;
    return 0;
}

std::vector<int> codes(ClassMapKind kind) {
    std::vector<int> out(static_cast<std::size_t>(S::nx * S::ny));
    for (int j = 0; j < S::ny; ++j)
        for (int i = 0; i < S::nx; ++i) out[S::cell(i, j)] = code_at(kind, i, j);
    return out;
}

// A square of cells [i0, i1) x [j0, j1) as a ring.
floodtwin::grids::Polyline square(int i0, int j0, int i1, int j1) {
    const double x0 = k_corner_x + i0 * S::dx, x1 = k_corner_x + i1 * S::dx;
    const double y0 = k_corner_y + j0 * S::dy, y1 = k_corner_y + j1 * S::dy;
    return {{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}, ""};
}

viz::Station station_at(const std::string& name, int i, int j, WarningLevel level) {
    viz::Station s;
    s.name = name;
    s.x_m = S::x0 + i * S::dx;
    s.y_m = S::y0 + j * S::dy;
    s.level = level;
    return s;
}

viz::ClassMapOptions options(ClassMapKind kind, const std::filesystem::path& nc) {
    viz::ClassMapOptions o;
    o.kind = kind;
    o.results_nc = nc;
    o.classes = codes(kind);
    o.stations = {station_at("Cuntan", 20, 25, WarningLevel::red), station_at("Beibei", 33, 20, WarningLevel::none)};
    // Old town: flooded to the west, dry land to the east.
    o.areas = {{"Old town", {square(24, 8, 34, 14)}, WarningLevel::orange},
               {"Hospital", {square(32, 1, 37, 6)}, WarningLevel::none}};
    floodtwin::grids::Polyline river;
    for (int j = 0; j <= S::ny; ++j) river.points.push_back({S::x0 + river_column(j) * S::dx, k_corner_y + j * S::dy});
    o.rivers = {river};
    o.title = kind == ClassMapKind::depth ? "Warning map: synthetic-pool" : "Hazard map: synthetic-pool";
    o.subtitle = "Forecast maximum, 2020-08-18 00:00 to 01:00 Beijing time (UTC+8)";
    o.note = "Note: synthetic terrain; classes constructed";
    o.width = k_width;
    o.height = k_height;
    return o;
}

// Pixels of the map box within `tolerance` of `colour`.
int count_near(const Image& image, const viz::Rgb& colour, int tolerance = 3) {
    const viz::PixelBox box = viz::map_layout(image.width, image.height).map;
    const auto want = bytes(colour);
    int count = 0;
    for (int r = box.top; r < box.bottom; ++r)
        for (int c = box.left; c < box.right; ++c)
            if (close_to(image.at(c, r), want, tolerance)) ++count;
    return count;
}

// The pixel at the centre of cell (i, j), where the renderer's layout puts it.
std::array<int, 3> cell_pixel(const Image& image, const std::filesystem::path& nc, int i, int j) {
    const floodtwin::grids::NetcdfReader reader(nc);
    const auto plan = viz::plan_map_layout(image.width, image.height, viz::image_grid_of(reader.grid()), 0.0, 1.0);
    const auto p = plan.pixel_of(S::x0 + i * S::dx, S::y0 + j * S::dy);
    return image.at(static_cast<int>(p[0]), static_cast<int>(p[1]));
}

struct Fixture {
    floodtwin::testing::TempDir dir;
    std::filesystem::path nc = floodtwin::viz::testing::write_synthetic_results(dir.path() / "results.nc");

    Image render(ClassMapKind kind, const std::string& name) {
        const auto png = dir.path() / name;
        viz::render_class_map(options(kind, nc), png);
        if (const char* out = std::getenv("FLOODTWIN_CLASS_MAPS_OUT"))
            std::filesystem::copy_file(png, std::filesystem::path(out) / name,
                                       std::filesystem::copy_options::overwrite_existing);
        return read_png(png);
    }
};

void check_classes_show(const Image& image, ClassMapKind kind) {
    BOOST_TEST(image.width == k_width);
    BOOST_TEST(image.height == k_height);
    for (const viz::ValueClass& c : viz::class_colours(kind))
        BOOST_TEST(count_near(image, c.colour) > 100, "class " << c.code << " (" << c.label << ") shows");
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(depth_warning_map_shows_every_class_and_the_warnings, Fixture) {
    const Image image = render(ClassMapKind::depth, "class-map-depth.png");
    check_classes_show(image, ClassMapKind::depth);
    BOOST_TEST(count_near(image, viz::warning_colour(WarningLevel::orange)) > 50, "the orange area's outline");
    BOOST_TEST(count_near(image, viz::warning_colour(WarningLevel::red)) > 20, "the red station's marker");
    // Dry land in the orange area: tinted orange (more red than blue); its flooded
    // cells keep their classes' exact colours (the fill lies under the classes).
    const auto tinted = cell_pixel(image, nc, 33, 11);
    BOOST_TEST(tinted[0] > tinted[2] + 20, "dry land in the orange area is tinted");
    // Class 0: the terrain's grey; -1: the white page, no terrain.
    const auto dry = cell_pixel(image, nc, 38, 2);
    BOOST_TEST((dry[0] == dry[1] && dry[1] == dry[2] && dry[0] < 250), "dry land shows the hillshade");
    BOOST_TEST((cell_pixel(image, nc, 1, 15) == std::array<int, 3>{255, 255, 255}), "outside the domain is blank");
}

BOOST_FIXTURE_TEST_CASE(hazard_map_shows_every_class, Fixture) {
    const Image image = render(ClassMapKind::hazard, "class-map-hazard.png");
    check_classes_show(image, ClassMapKind::hazard);
    BOOST_TEST(count_near(image, viz::warning_colour(WarningLevel::orange)) > 50, "the orange area's outline");
}

BOOST_FIXTURE_TEST_CASE(arrival_map_shows_every_class, Fixture) {
    const Image image = render(ClassMapKind::arrival, "class-map-arrival.png");
    check_classes_show(image, ClassMapKind::arrival);
}

BOOST_FIXTURE_TEST_CASE(probability_map_shows_every_class, Fixture) {
    const Image image = render(ClassMapKind::probability, "class-map-probability.png");
    check_classes_show(image, ClassMapKind::probability);
    auto o = options(ClassMapKind::probability, nc);
    o.classes[S::cell(20, 20)] = 6;  // no sixth chance class
    BOOST_CHECK_THROW(viz::render_class_map(o, dir.path() / "p6.png"), std::invalid_argument);
}

BOOST_FIXTURE_TEST_CASE(classes_that_do_not_fit_are_refused, Fixture) {
    auto o = options(ClassMapKind::depth, nc);
    o.classes.pop_back();
    BOOST_CHECK_THROW(viz::render_class_map(o, dir.path() / "short.png"), std::invalid_argument);
    o = options(ClassMapKind::depth, nc);
    o.classes[5] = 6;  // H-classes are not depth classes
    BOOST_CHECK_THROW(viz::render_class_map(o, dir.path() / "h6.png"), std::invalid_argument);
}
