// Channels burnt into and levees raised on a DEM: the trapezoid and the chainage
// interpolation cell by cell, nothing touched outside, crests watertight, and lines
// from GeoJSON placed where an independent transformation says.
#define BOOST_TEST_MODULE grids_channel_burn
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <iomanip>
#include <memory>
#include <queue>
#include <stdexcept>
#include <vector>

#include "grids/channel_burn.hpp"
#include "grids/line_file.hpp"
#include "grids/raster_error.hpp"
#include "tests/support/gdal_fixtures.hpp"

namespace grids = floodtwin::grids;
using grids::testing::TempDir;

namespace {

// Levels are sums and products of a few doubles: 1e-9 m leaves only rounding.
constexpr double k_level_tolerance_m = 1e-9;
// A lon/lat point through our reader and through OSR directly: the same PROJ pipeline.
// Tolerance 1 mm.
constexpr double k_transform_tolerance_m = 1e-3;
// gdaltransform -s_srs EPSG:4326 -t_srs EPSG:32648 gives 653065.121 3271072.753 for lon
// 106.58, lat 29.56 (GDAL 3.6, PROJ 9.1). Tolerance 1 m.
constexpr double k_gdaltransform_tolerance_m = 1.0;

constexpr double k_x0 = 650000.0;   // west edge, UTM 48N
constexpr double k_y1 = 3275000.0;  // north edge
constexpr double k_cell = 10.0;
constexpr std::size_t k_nx = 200;
constexpr std::size_t k_ny = 150;

double terrain(std::size_t col, std::size_t row) {
    return 200.0 + 0.01 * static_cast<double>(col) + 0.002 * static_cast<double>(row * row % 37);
}

grids::Raster<double> plain_dem() {
    grids::Raster<double> dem(k_nx, k_ny, grids::GeoTransform{k_x0, k_y1, k_cell, -k_cell});
    dem.crs_wkt = grids::testing::epsg_wkt(32648);
    dem.nodata = -9999.0;
    dem.source = "test dem";
    for (std::size_t row = 0; row < k_ny; ++row)
        for (std::size_t col = 0; col < k_nx; ++col) dem.at(col, row) = terrain(col, row);
    return dem;
}

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

// Brute force, independent of cells_near_line: distance from a point to the polyline.
double distance_to_line(const grids::Polyline& line, double x, double y) {
    double best = INFINITY;
    for (std::size_t k = 1; k < line.points.size(); ++k) {
        const auto a = line.points[k - 1], b = line.points[k];
        const double dx = b.x - a.x, dy = b.y - a.y;
        const double t = std::clamp(((x - a.x) * dx + (y - a.y) * dy) / (dx * dx + dy * dy), 0.0, 1.0);
        best = std::min(best, std::hypot(x - a.x - t * dx, y - a.y - t * dy));
    }
    return best;
}

// Bed 180 m at chainage 100 m, 175 m at 1000 m; held outside.
grids::ChannelSection trapezoid() {
    grids::ChannelSection s;
    s.top_width_m = 60.0;
    s.bank_slope = 2.0;
    s.bank_height_m = 10.0;  // bottom width 60 - 2 * 2 * 10 = 20 m
    s.bed_level_m.points = {{100.0, 180.0}, {1000.0, 175.0}};
    return s;
}

double expected_bed(double chainage) {
    if (chainage <= 100.0) return 180.0;
    if (chainage >= 1000.0) return 175.0;
    return 180.0 - 5.0 * (chainage - 100.0) / 900.0;
}

// Centre line along the centres of row 75, from the centre of column 10 to that of 190;
// the chainage of column c is 10 (c - 10) m.
constexpr std::size_t k_line_row = 75;
grids::Polyline straight_line() {
    const double y = k_y1 - (static_cast<double>(k_line_row) + 0.5) * k_cell;
    return {{{k_x0 + 105.0, y}, {k_x0 + 1905.0, y}}, "straight"};
}

// Cells reachable from `start` through 4-neighbours lower than `level`.
std::vector<std::uint8_t> wet_from(const grids::Raster<double>& dem, std::size_t start, double level) {
    std::vector<std::uint8_t> wet(dem.size(), 0);
    std::queue<std::size_t> todo;
    wet[start] = 1;
    todo.push(start);
    while (!todo.empty()) {
        const std::size_t i = todo.front();
        todo.pop();
        const std::size_t col = i % dem.nx, row = i / dem.nx;
        const auto visit = [&](std::size_t c, std::size_t r) {
            const std::size_t j = dem.index(c, r);
            if (wet[j] || dem.values[j] >= level) return;
            wet[j] = 1;
            todo.push(j);
        };
        if (col > 0) visit(col - 1, row);
        if (col + 1 < dem.nx) visit(col + 1, row);
        if (row > 0) visit(col, row - 1);
        if (row + 1 < dem.ny) visit(col, row + 1);
    }
    return wet;
}

struct GdalOnce {
    GdalOnce() { GDALAllRegister(); }
};
BOOST_TEST_GLOBAL_FIXTURE(GdalOnce);

}  // namespace

BOOST_AUTO_TEST_SUITE(chainage_profile)

BOOST_AUTO_TEST_CASE(linear_between_points_and_held_beyond) {
    grids::ChainageProfile p;
    p.points = {{0.0, 180.0}, {12000.0, 175.0}, {20000.0, 171.0}};
    BOOST_TEST(p.level_at(-50.0) == 180.0);
    BOOST_TEST(p.level_at(0.0) == 180.0);
    BOOST_TEST(std::fabs(p.level_at(6000.0) - 177.5) < k_level_tolerance_m);
    BOOST_TEST(p.level_at(12000.0) == 175.0);
    BOOST_TEST(std::fabs(p.level_at(16000.0) - 173.0) < k_level_tolerance_m);
    BOOST_TEST(p.level_at(25000.0) == 171.0);
    grids::ChainageProfile constant;
    constant.points = {{0.0, 195.0}};
    BOOST_TEST(constant.level_at(1e6) == 195.0);

    grids::ChainageProfile backwards;
    backwards.points = {{100.0, 180.0}, {100.0, 175.0}};
    BOOST_CHECK_THROW(backwards.check("bed"), std::invalid_argument);
    BOOST_CHECK_THROW(grids::ChainageProfile{}.check("bed"), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(channel)

BOOST_AUTO_TEST_CASE(keeps_grid_and_crs) {
    auto dem = plain_dem();
    const auto before = dem;
    grids::burn_channel(dem, straight_line(), trapezoid());
    BOOST_TEST(dem.crs_wkt == before.crs_wkt);
    BOOST_TEST(dem.nx == before.nx);
    BOOST_TEST(dem.ny == before.ny);
    BOOST_TEST(dem.transform.origin_x == before.transform.origin_x);
    BOOST_TEST(dem.transform.origin_y == before.transform.origin_y);
    BOOST_TEST(dem.transform.pixel_width == before.transform.pixel_width);
    BOOST_TEST(dem.transform.pixel_height == before.transform.pixel_height);
    BOOST_TEST((dem.nodata == before.nodata));
    BOOST_TEST(dem.source == before.source);
}

BOOST_AUTO_TEST_CASE(bed_follows_the_chainage_on_the_centre_line) {
    auto dem = plain_dem();
    grids::burn_channel(dem, straight_line(), trapezoid());
    double max_error = 0.0;
    for (std::size_t col = 10; col <= 190; ++col) {
        const double chainage = 10.0 * static_cast<double>(col - 10);
        max_error = std::max(max_error, std::fabs(dem.at(col, k_line_row) - expected_bed(chainage)));
    }
    BOOST_TEST_MESSAGE("centre line: max |bed - interpolated| = " << max_error << " m over 181 cells");
    BOOST_TEST(max_error < k_level_tolerance_m);
}

BOOST_AUTO_TEST_CASE(cross_section_is_the_trapezoid) {
    auto dem = plain_dem();
    const double pit = 170.0;  // already below the section: must stay
    dem.at(100, k_line_row - 2) = pit;
    grids::burn_channel(dem, straight_line(), trapezoid());
    // Column 100: chainage 900 m. Offsets of whole rows: 0, 10, 20, 30 m are inside the
    // 30 m half top width; the bed is 10 m either side, banks rise 1 m per 2 m.
    const double bed = expected_bed(900.0);
    const double expected_rise[] = {0.0, 0.0, 5.0, 10.0};
    for (std::size_t k = 0; k <= 3; ++k) {
        BOOST_TEST(std::fabs(dem.at(100, k_line_row + k) - (bed + expected_rise[k])) < k_level_tolerance_m);
        if (k != 2) BOOST_TEST(std::fabs(dem.at(100, k_line_row - k) - (bed + expected_rise[k])) < k_level_tolerance_m);
    }
    BOOST_TEST(dem.at(100, k_line_row - 2) == pit);
    BOOST_TEST(same_bits(dem.at(100, k_line_row + 4), terrain(100, k_line_row + 4)));  // 40 m out
    BOOST_TEST(same_bits(dem.at(100, k_line_row - 4), terrain(100, k_line_row - 4)));
    // Round ends: 20 m past the end of the line, the section's level at offset 20 m.
    BOOST_TEST(std::fabs(dem.at(8, k_line_row) - (180.0 + 5.0)) < k_level_tolerance_m);
    BOOST_TEST(same_bits(dem.at(6, k_line_row), terrain(6, k_line_row)));  // 40 m past
}

BOOST_AUTO_TEST_CASE(cells_beyond_the_top_width_untouched_bit_for_bit) {
    // A bent line off the cell centres, partly outside the DEM.
    const grids::Polyline line{
        {{k_x0 - 80.0, k_y1 - 333.3}, {k_x0 + 911.7, k_y1 - 1020.4}, {k_x0 + 2100.0, k_y1 - 250.9}}, "bent"};
    auto dem = plain_dem();
    dem.at(50, 73) = *dem.nodata;  // on the line: nodata stays nodata
    const auto before = dem;
    const auto section = trapezoid();
    const auto report = grids::burn_channel(dem, line, section);

    std::size_t inside = 0, untouched_outside = 0, outside = 0, raised = 0;
    double volume = 0.0;
    for (std::size_t row = 0; row < k_ny; ++row)
        for (std::size_t col = 0; col < k_nx; ++col) {
            const std::size_t i = dem.index(col, row);
            const double d = distance_to_line(line, dem.cell_centre_x(col), dem.cell_centre_y(row));
            if (dem.values[i] > before.values[i]) ++raised;
            if (d > 0.5 * section.top_width_m) {
                ++outside;
                untouched_outside += same_bits(dem.values[i], before.values[i]) ? 1 : 0;
            } else if (!before.is_nodata_value(before.values[i])) {
                ++inside;
                volume += (before.values[i] - dem.values[i]) * k_cell * k_cell;
            }
        }
    BOOST_TEST_MESSAGE("bent channel: " << report.cells_changed << " cells lowered, " << report.volume_m3
                                        << " m3 removed, deepest cut " << report.max_change_m << " m");
    BOOST_TEST(untouched_outside == outside);
    BOOST_TEST(raised == 0u);
    BOOST_TEST(report.cells_covered == inside);
    BOOST_TEST(report.cells_changed == inside);  // the terrain is above the section everywhere
    BOOST_TEST(report.nodata_cells == 1u);
    BOOST_TEST(!dem.is_valid(50, 73));
    BOOST_TEST(std::fabs(report.volume_m3 - volume) < 1e-9 * volume);
}

BOOST_AUTO_TEST_CASE(channel_narrower_than_a_cell_stays_connected) {
    // 4 m wide on 10 m cells, on a diagonal: few cell centres lie within 2 m of the line,
    // but every cell it crosses takes the bed, so water at the bed runs end to end through
    // cell faces.
    auto dem = plain_dem();
    const grids::Polyline line{{{k_x0 + 15.0, k_y1 - 12.0}, {k_x0 + 1415.0, k_y1 - 1062.0}}, "ditch"};
    grids::ChannelSection ditch;
    ditch.top_width_m = 4.0;
    ditch.bed_level_m.points = {{0.0, 190.0}};
    const auto report = grids::burn_channel(dem, line, ditch);
    const auto wet = wet_from(dem, dem.index(1, 1), 190.5);
    BOOST_TEST_MESSAGE("4 m ditch: " << report.cells_changed << " cells lowered");
    BOOST_TEST(wet[dem.index(141, 106)]);  // the cell holding the line's end
    std::size_t wet_cells = 0;
    for (auto w : wet) wet_cells += w;
    BOOST_TEST(wet_cells == report.cells_changed);
}

BOOST_AUTO_TEST_CASE(bad_sections_are_refused) {
    auto dem = plain_dem();
    auto s = trapezoid();
    s.bank_height_m = 20.0;  // bottom width 60 - 80 < 0
    BOOST_CHECK_THROW(grids::burn_channel(dem, straight_line(), s), std::invalid_argument);
    s = trapezoid();
    s.bank_height_m = 0.0;  // a slope with nothing to slope
    BOOST_CHECK_THROW(grids::burn_channel(dem, straight_line(), s), std::invalid_argument);
    s = trapezoid();
    BOOST_CHECK_THROW(grids::burn_channel(dem, grids::Polyline{{{k_x0, k_y1}}, "one point"}, s), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(levee)

// From beyond the north-west corner to beyond the south-east one, off every cell centre
// and at no multiple of 45 degrees: it splits the DEM in two.
grids::Polyline diagonal() { return {{{k_x0 - 50.0, k_y1 + 37.0}, {k_x0 + 2050.0, k_y1 - 1537.0}}, "diagonal"}; }

BOOST_AUTO_TEST_CASE(raises_only_near_the_line_and_never_lowers) {
    auto dem = plain_dem();
    dem.at(100, 75) = 230.0;  // on the line and above the crest
    const auto before = dem;
    const auto line = diagonal();
    grids::LeveeSpec levee;
    levee.crest_level_m.points = {{0.0, 205.0}};
    levee.crest_width_m = 30.0;
    const auto report = grids::raise_levee(dem, line, levee);

    std::size_t lowered = 0, moved_far = 0, near = 0, near_at_crest = 0;
    for (std::size_t row = 0; row < k_ny; ++row)
        for (std::size_t col = 0; col < k_nx; ++col) {
            const std::size_t i = dem.index(col, row);
            const double d = distance_to_line(line, dem.cell_centre_x(col), dem.cell_centre_y(row));
            lowered += dem.values[i] < before.values[i] ? 1 : 0;
            if (d > 15.0) moved_far += same_bits(dem.values[i], before.values[i]) ? 0 : 1;
            if (d <= 15.0) {
                ++near;
                near_at_crest += dem.values[i] == std::max(before.values[i], 205.0) ? 1 : 0;
            }
        }
    BOOST_TEST_MESSAGE("30 m crest: " << near << " cells within 15 m, " << report.cells_changed << " raised, "
                                      << report.volume_m3 << " m3 added");
    BOOST_TEST(lowered == 0u);
    BOOST_TEST(moved_far == 0u);  // 30 m is wider than a cell diagonal: no cell only crossed
    BOOST_TEST(near_at_crest == near);
    BOOST_TEST(dem.at(100, 75) == 230.0);
    BOOST_TEST(report.cells_changed == near - 1);
}

BOOST_AUTO_TEST_CASE(one_cell_crest_is_watertight) {
    auto dem = plain_dem();
    const auto before = dem;
    const auto line = diagonal();
    grids::LeveeSpec levee;  // crest width: one cell
    levee.crest_level_m.points = {{0.0, 206.0}, {2600.0, 204.0}};
    const auto report = grids::raise_levee(dem, line, levee);

    // Water below the crest spreading from the north-east corner through cell faces
    // must not reach the south-west corner.
    const auto wet = wet_from(dem, dem.index(k_nx - 1, 0), 204.0);
    BOOST_TEST(!wet[dem.index(0, k_ny - 1)]);
    std::size_t far_moved = 0;
    const double half_diagonal = 0.5 * std::hypot(k_cell, k_cell);
    for (std::size_t row = 0; row < k_ny; ++row)
        for (std::size_t col = 0; col < k_nx; ++col) {
            const std::size_t i = dem.index(col, row);
            if (distance_to_line(line, dem.cell_centre_x(col), dem.cell_centre_y(row)) > half_diagonal)
                far_moved += same_bits(dem.values[i], before.values[i]) ? 0 : 1;
        }
    BOOST_TEST_MESSAGE("one-cell crest: " << report.cells_changed << " cells raised");
    BOOST_TEST(far_moved == 0u);
    // Along the crest the level follows the chainage. The line crosses column 100 (centre
    // x0 + 1005 m) at y1 - 753.75 m, in row 75, `along` metres from its start; that cell
    // takes the crest at the chainage of the point nearest its centre, which is within
    // half a cell diagonal of `along`: 2 m per 2600 m makes that at most 5.4 mm.
    const double x = dem.cell_centre_x(100), y_line = k_y1 + 37.0 - (1574.0 / 2100.0) * (x - (k_x0 - 50.0));
    const auto row = static_cast<std::size_t>(std::floor((k_y1 - y_line) / k_cell));
    BOOST_TEST(row == 75u);
    const double along = std::hypot(x - (k_x0 - 50.0), y_line - (k_y1 + 37.0));
    const double crest = 206.0 - 2.0 * along / 2600.0;
    BOOST_TEST(std::fabs(dem.at(100, row) - crest) < 2.0 / 2600.0 * half_diagonal + k_level_tolerance_m);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(geojson)

BOOST_AUTO_TEST_CASE(lon_lat_lines_land_in_utm48n) {
    const TempDir dir;
    const auto file = dir / "river.geojson";
    grids::testing::write_text(file, R"({"type": "FeatureCollection", "features": [
      {"type": "Feature", "properties": {"name": "Yangtze test"},
       "geometry": {"type": "LineString", "coordinates": [[106.58, 29.56], [106.60, 29.565]]}},
      {"type": "Feature", "properties": {"name": "splits"},
       "geometry": {"type": "MultiLineString",
                    "coordinates": [[[106.50, 29.50], [106.51, 29.50]], [[106.52, 29.50], [106.53, 29.51, 180.0]]]}},
      {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [106.5, 29.5]}}
    ]})");
    const auto lines = grids::read_lines_geojson(file, grids::testing::epsg_wkt(32648));
    BOOST_REQUIRE(lines.size() == 3u);
    BOOST_TEST(lines[0].name == "Yangtze test");
    BOOST_TEST(lines[1].name == "splits part 1");
    BOOST_TEST(lines[2].name == "splits part 2");
    BOOST_TEST(lines[2].points.size() == 2u);

    // Independently: OSR from lon/lat to UTM 48N.
    OGRSpatialReference utm, wgs84;
    utm.importFromEPSG(32648);
    wgs84.importFromEPSG(4326);
    utm.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    const std::unique_ptr<OGRCoordinateTransformation> to_utm(OGRCreateCoordinateTransformation(&wgs84, &utm));
    BOOST_REQUIRE(to_utm);
    double x = 106.58, y = 29.56;
    BOOST_REQUIRE(to_utm->Transform(1, &x, &y));
    BOOST_TEST_MESSAGE(std::setprecision(10) << "lon 106.58 lat 29.56 -> E " << lines[0].points[0].x << " N "
                                             << lines[0].points[0].y);
    BOOST_TEST(std::fabs(lines[0].points[0].x - x) < k_transform_tolerance_m);
    BOOST_TEST(std::fabs(lines[0].points[0].y - y) < k_transform_tolerance_m);
    BOOST_TEST(std::fabs(lines[0].points[0].x - 653065.121) < k_gdaltransform_tolerance_m);
    BOOST_TEST(std::fabs(lines[0].points[0].y - 3271072.753) < k_gdaltransform_tolerance_m);

    // Burnt where it belongs: the cell holding the line's start is at the bed.
    grids::Raster<double> dem(100, 100, grids::GeoTransform{652500.0, 3271500.0, 10.0, -10.0}, 200.0);
    dem.crs_wkt = grids::testing::epsg_wkt(32648);
    grids::ChannelSection section;
    section.top_width_m = 20.0;
    section.bed_level_m.points = {{0.0, 180.0}};
    grids::burn_channel(dem, lines[0], section);
    const auto col = static_cast<std::size_t>((x - 652500.0) / 10.0);
    const auto row = static_cast<std::size_t>((3271500.0 - y) / 10.0);
    BOOST_TEST(dem.at(col, row) == 180.0);
    BOOST_TEST(dem.at(col, row - 5) == 200.0);  // 50 m north of it
}

BOOST_AUTO_TEST_CASE(projected_files_and_bad_files) {
    const TempDir dir;
    const auto utm_file = dir / "levee_utm.geojson";
    grids::testing::write_text(utm_file, R"({"type": "FeatureCollection",
      "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::32648"}},
      "features": [{"type": "Feature", "properties": {"name": "crest"},
        "geometry": {"type": "LineString", "coordinates": [[653000.5, 3271000.25], [653400.0, 3271100.0]]}}]})");
    const auto lines = grids::read_lines_geojson(utm_file, grids::testing::epsg_wkt(32648));
    BOOST_REQUIRE(lines.size() == 1u);
    BOOST_TEST(std::fabs(lines[0].points[0].x - 653000.5) < k_transform_tolerance_m);
    BOOST_TEST(std::fabs(lines[0].points[0].y - 3271000.25) < k_transform_tolerance_m);

    // UTM numbers without a "crs" member are declared lon/lat by RFC 7946: refused, named.
    const auto unlabelled = dir / "unlabelled.geojson";
    grids::testing::write_text(unlabelled, R"({"type": "FeatureCollection", "features": [{"type": "Feature",
      "properties": {}, "geometry": {"type": "LineString", "coordinates": [[653000, 3271000], [653400, 3271100]]}}]})");
    BOOST_CHECK_EXCEPTION(grids::read_lines_geojson(unlabelled, grids::testing::epsg_wkt(32648)), grids::RasterError,
                          [&](const grids::RasterError& e) {
                              return grids::testing::message_names(e, unlabelled.string()) &&
                                     grids::testing::message_names(e, "crs");
                          });

    const auto points_only = dir / "points.geojson";
    grids::testing::write_text(points_only, R"({"type": "FeatureCollection", "features": [{"type": "Feature",
      "properties": {}, "geometry": {"type": "Point", "coordinates": [106.5, 29.5]}}]})");
    BOOST_CHECK_EXCEPTION(
        grids::read_lines_geojson(points_only, grids::testing::epsg_wkt(32648)), grids::RasterError,
        [&](const grids::RasterError& e) { return grids::testing::message_names(e, points_only.string()); });

    const auto missing = dir / "no_such_river.geojson";
    BOOST_CHECK_EXCEPTION(
        grids::read_lines_geojson(missing, grids::testing::epsg_wkt(32648)), grids::RasterError,
        [&](const grids::RasterError& e) { return grids::testing::message_names(e, missing.string()); });
}

BOOST_AUTO_TEST_SUITE_END()
