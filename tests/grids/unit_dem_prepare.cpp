// prepare_dem: tiles mosaicked onto one aligned grid, first source wins, voids filled,
// land beyond the sources left empty, and errors that name the file.
#define BOOST_TEST_MODULE grids_dem_prepare
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <memory>
#include <vector>

#include "grids/crop.hpp"
#include "grids/dem_prepare.hpp"
#include "grids/gdal_raster.hpp"
#include "grids/geotiff_writer.hpp"
#include "grids/raster_error.hpp"
#include "tests/support/gdal_fixtures.hpp"

namespace grids = floodtwin::grids;
using grids::testing::TempDir;

namespace {

// Bilinear through an unchanged grid samples each source cell at its own centre, and a
// constant field stays constant: only rounding of the weights remains. Tolerance 1e-9 m.
constexpr double k_rounding_tolerance_m = 1e-9;
// The lon/lat plane through gdalwarp's approximate transform: as in unit_warp.cpp, at most
// 0.125 of a source cell (555 m) times the steepest slope (2.7e-3) = 0.19 m. Tolerance 0.2 m.
constexpr double k_geographic_plane_tolerance_m = 0.2;

constexpr double k_cell = 30.0;
constexpr double k_x0 = 640020.0;   // a multiple of 30 m, so a 30 m target grid is the source grid
constexpr double k_y1 = 3270000.0;
constexpr std::size_t k_nx = 100;
constexpr std::size_t k_ny = 80;

// Hills with a little hash noise, so a seam or a shifted cell cannot hide in smoothness.
double terrain(std::size_t col, std::size_t row) {
    const double x = static_cast<double>(col);
    const double y = static_cast<double>(row);
    const unsigned hash = static_cast<unsigned>(col * 73856093u ^ row * 19349663u) % 1000u;
    return 200.0 + 15.0 * std::sin(x / 9.0) * std::cos(y / 7.0) + 0.3 * x + 0.001 * hash;
}

grids::Raster<double> utm_terrain(std::size_t col0, std::size_t col1) {
    grids::Raster<double> r(col1 - col0, k_ny,
                            grids::GeoTransform{k_x0 + static_cast<double>(col0) * k_cell, k_y1, k_cell, -k_cell});
    r.crs_wkt = grids::testing::epsg_wkt(32648);
    r.nodata = -9999.0;
    for (std::size_t row = 0; row < r.ny; ++row)
        for (std::size_t col = 0; col < r.nx; ++col) r.at(col, row) = terrain(col0 + col, row);
    return r;
}

std::filesystem::path write(const TempDir& dir, const std::string& name, const grids::Raster<double>& r) {
    const auto path = dir / name;
    grids::write_geotiff(path, r);
    return path;
}

grids::DemPrepareOptions utm_options(double resolution) {
    grids::DemPrepareOptions o;
    o.target_crs = "EPSG:32648";
    o.resolution_m = resolution;
    return o;
}

bool same_cells(const grids::Raster<double>& a, const grids::Raster<double>& b) {
    return a.nx == b.nx && a.ny == b.ny && a.values.size() == b.values.size() && !a.values.empty() &&
           std::memcmp(a.values.data(), b.values.data(), a.values.size() * sizeof(double)) == 0;
}

bool same_grid(const grids::Raster<double>& a, const grids::Raster<double>& b) {
    return a.nx == b.nx && a.ny == b.ny && a.transform.origin_x == b.transform.origin_x &&
           a.transform.origin_y == b.transform.origin_y && a.transform.pixel_width == b.transform.pixel_width &&
           a.transform.pixel_height == b.transform.pixel_height;
}

// A constant field in its own CRS covering `box` (given in UTM 48N) with cells of `cell` m.
grids::Raster<double> constant_patch(double value, const grids::Bounds& box, int epsg, double cell) {
    grids::Raster<double> r(static_cast<std::size_t>((box.xmax - box.xmin) / cell),
                            static_cast<std::size_t>((box.ymax - box.ymin) / cell),
                            grids::GeoTransform{box.xmin, box.ymax, cell, -cell}, value);
    r.crs_wkt = grids::testing::epsg_wkt(epsg);
    r.nodata = -32768.0;
    return r;
}

struct GdalOnce {
    GdalOnce() { GDALAllRegister(); }
};
BOOST_TEST_GLOBAL_FIXTURE(GdalOnce);

}  // namespace

BOOST_AUTO_TEST_SUITE(dem_prepare)

BOOST_AUTO_TEST_CASE(same_grid_keeps_every_cell) {
    const TempDir dir;
    const auto whole = utm_terrain(0, k_nx);
    const std::vector<std::filesystem::path> sources{write(dir, "whole.tif", whole)};
    grids::DemPrepareReport report;
    const auto dem = grids::prepare_dem(sources, utm_options(k_cell), &report);

    BOOST_TEST(grids::testing::crs_is_epsg(dem.crs_wkt, 32648));
    BOOST_TEST(same_grid(dem, whole));
    BOOST_TEST(dem.nodata.has_value());
    BOOST_TEST(*dem.nodata == grids::k_dem_nodata);
    double max_error = 0.0;
    for (std::size_t i = 0; i < dem.size(); ++i)
        max_error = std::max(max_error, std::fabs(dem.values[i] - whole.values[i]));
    BOOST_TEST_MESSAGE("same grid: max |prepared - source| = " << max_error << " m");
    BOOST_TEST(max_error <= k_rounding_tolerance_m);
    BOOST_TEST(report.runs == 1u);
    BOOST_TEST(report.cells_from_sources == whole.size());
    BOOST_TEST(report.nodata_cells() == 0u);
}

BOOST_AUTO_TEST_CASE(two_halves_make_the_whole_without_a_seam) {
    const TempDir dir;
    const std::vector<std::filesystem::path> whole{write(dir, "whole.tif", utm_terrain(0, k_nx))};
    const std::vector<std::filesystem::path> halves{write(dir, "west.tif", utm_terrain(0, 50)),
                                                    write(dir, "east.tif", utm_terrain(50, k_nx))};
    // 30 m keeps the source grid; 45 m and 25 m resample across the join at x = 641520.
    for (const double resolution : {30.0, 45.0, 25.0}) {
        grids::DemPrepareReport report_whole, report;
        const auto from_whole = grids::prepare_dem(whole, utm_options(resolution), &report_whole);
        const auto from_halves = grids::prepare_dem(halves, utm_options(resolution), &report);
        BOOST_TEST_MESSAGE(resolution << " m: " << from_halves.nx << " x " << from_halves.ny << " cells, "
                                      << report.outside_cells << " of them beyond the sources' edge");
        BOOST_TEST(same_grid(from_whole, from_halves));
        BOOST_TEST(same_cells(from_whole, from_halves));  // bit for bit, seam included
        BOOST_TEST(report.runs == 1u);                     // the halves were joined before warping
        BOOST_TEST(report.void_cells_left == 0u);
        // Off the 30 m grid, -tap cells at the east and south edges have centres past the source.
        BOOST_TEST(report.outside_cells == report_whole.outside_cells);
    }
}

BOOST_AUTO_TEST_CASE(single_source_grid_matches_warp_raster) {
    const TempDir dir;
    const std::vector<std::filesystem::path> sources{write(dir, "whole.tif", utm_terrain(0, k_nx))};
    grids::WarpOptions warp{.target_crs = "EPSG:32648", .resolution_m = 45.0};
    const auto warped = grids::warp_raster(grids::read_raster(sources[0]), warp);
    const auto dem = grids::prepare_dem(sources, utm_options(45.0));
    BOOST_TEST(same_grid(dem, warped));  // the same -tap alignment
    BOOST_TEST(same_cells(dem, warped));
}

BOOST_AUTO_TEST_CASE(geographic_tile_lands_in_utm) {
    // A plane in lon/lat over central Chongqing, as in unit_warp.cpp.
    constexpr double lon0 = 106.0, lat1 = 29.8, cell_deg = 0.005;
    const auto plane = [](double lon, double lat) { return 200.0 + 100.0 * (lon - 106.0) + 300.0 * (lat - 29.3); };
    grids::Raster<double> geo(100, 100, grids::GeoTransform{lon0, lat1, cell_deg, -cell_deg});
    geo.crs_wkt = grids::testing::epsg_wkt(4326);
    geo.nodata = -32768.0;
    for (std::size_t row = 0; row < geo.ny; ++row)
        for (std::size_t col = 0; col < geo.nx; ++col)
            geo.at(col, row) = plane(geo.cell_centre_x(col), geo.cell_centre_y(row));
    const TempDir dir;
    const std::vector<std::filesystem::path> sources{write(dir, "lonlat.tif", geo)};

    grids::DemPrepareReport report;
    auto options = utm_options(250.0);
    options.max_fill_hole_cells = 1000000;  // would fill the collar if it were allowed to
    const auto dem = grids::prepare_dem(sources, options, &report);
    BOOST_TEST(grids::testing::crs_is_epsg(dem.crs_wkt, 32648));
    BOOST_TEST(std::fmod(dem.transform.origin_x, 250.0) == 0.0);
    BOOST_TEST(std::fmod(dem.transform.origin_y, 250.0) == 0.0);

    OGRSpatialReference utm, wgs84;
    utm.importFromEPSG(32648);
    wgs84.importFromEPSG(4326);
    utm.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    const std::unique_ptr<OGRCoordinateTransformation> to_geo(OGRCreateCoordinateTransformation(&utm, &wgs84));
    BOOST_REQUIRE(to_geo);
    double max_error = 0.0;
    std::size_t checked = 0, outside = 0, clearly_outside = 0, clearly_outside_empty = 0;
    for (std::size_t row = 0; row < dem.ny; ++row)
        for (std::size_t col = 0; col < dem.nx; ++col) {
            double x = dem.cell_centre_x(col), y = dem.cell_centre_y(row);
            BOOST_REQUIRE(to_geo->Transform(1, &x, &y));
            const bool in_tile = x > lon0 && x < lon0 + 0.5 && y < lat1 && y > lat1 - 0.5;
            // The footprint is mapped with gdalwarp's approximation, up to 0.125 source cell off.
            const double slack = 0.125 * cell_deg;
            const bool clearly_out = x < lon0 - slack || x > lon0 + 0.5 + slack || y > lat1 + slack ||
                                     y < lat1 - 0.5 - slack;
            if (clearly_out) {
                ++clearly_outside;
                clearly_outside_empty += dem.is_valid(col, row) ? 0 : 1;
            }
            const bool well_inside = x > lon0 + cell_deg && x < lon0 + 0.5 - cell_deg && y < lat1 - cell_deg &&
                                     y > lat1 - 0.5 + cell_deg;
            outside += in_tile ? 0 : 1;
            if (!well_inside) continue;
            max_error = std::max(max_error, std::fabs(dem.at(col, row) - plane(x, y)));
            ++checked;
        }
    BOOST_TEST_MESSAGE("lon/lat tile: " << dem.nx << " x " << dem.ny << ", " << checked << " cells checked, max error "
                                        << max_error << " m; " << outside << " cells beyond the tile, "
                                        << report.outside_cells << " left empty");
    BOOST_TEST(checked > 30000u);
    BOOST_TEST(max_error < k_geographic_plane_tolerance_m);
    // The collar UTM leaves around a lon/lat tile is land without data, never filled.
    BOOST_TEST(clearly_outside > 0u);
    BOOST_TEST(clearly_outside_empty == clearly_outside);
    BOOST_TEST(report.outside_cells >= clearly_outside);
    BOOST_TEST(report.outside_cells <= outside);
    BOOST_TEST(dem.size() - dem.count_valid() == report.outside_cells);
    BOOST_TEST(report.void_cells_left == 0u);
}

BOOST_AUTO_TEST_CASE(first_listed_source_wins_where_sources_overlap) {
    // Two constant patches overlapping 642000..643000; their cell sizes differ, so each is
    // warped on its own and the merge alone decides.
    const TempDir dir;
    const grids::Bounds west{640000.0, 3268000.0, 643000.0, 3270000.0};
    const grids::Bounds east{642000.0, 3268000.0, 645000.0, 3270000.0};
    const auto a = write(dir, "a.tif", constant_patch(100.0, west, 32648, 30.0));
    const auto b = write(dir, "b.tif", constant_patch(200.0, east, 32648, 20.0));  // other cell size: its own run
    auto options = utm_options(50.0);
    options.bbox = grids::Bounds{640000.0, 3268000.0, 645000.0, 3270000.0};

    const std::vector<std::filesystem::path> ab{a, b}, ba{b, a};
    grids::DemPrepareReport report;
    const auto dem_ab = grids::prepare_dem(ab, options, &report);
    const auto dem_ba = grids::prepare_dem(ba, options);
    BOOST_TEST(report.runs == 2u);
    BOOST_TEST(report.nodata_cells() == 0u);
    // Columns: x centre = 640025 + 50 col; 642500 (col 49.5) lies in the overlap 642000..643000.
    const std::size_t overlap_col = 50, west_col = 10, east_col = 90, row = 20;
    BOOST_TEST(std::fabs(dem_ab.at(overlap_col, row) - 100.0) < k_rounding_tolerance_m);
    BOOST_TEST(std::fabs(dem_ba.at(overlap_col, row) - 200.0) < k_rounding_tolerance_m);
    BOOST_TEST(std::fabs(dem_ab.at(west_col, row) - 100.0) < k_rounding_tolerance_m);
    BOOST_TEST(std::fabs(dem_ba.at(west_col, row) - 100.0) < k_rounding_tolerance_m);
    BOOST_TEST(std::fabs(dem_ab.at(east_col, row) - 200.0) < k_rounding_tolerance_m);
    BOOST_TEST(std::fabs(dem_ba.at(east_col, row) - 200.0) < k_rounding_tolerance_m);

    // A void in the first source is taken from the second where that one has data.
    auto holed = constant_patch(100.0, west, 32648, 30.0);
    for (std::size_t r = 0; r < holed.ny; ++r)
        for (std::size_t c = 0; c < holed.nx; ++c)
            if (c >= 70) holed.at(c, r) = *holed.nodata;  // x >= 642100: the overlap, emptied
    const std::vector<std::filesystem::path> holed_first{write(dir, "holed.tif", holed), b};
    const auto dem = grids::prepare_dem(holed_first, options, &report);
    BOOST_TEST(std::fabs(dem.at(overlap_col + 2, row) - 200.0) < k_rounding_tolerance_m);
    BOOST_TEST(report.cells_filled == 0u);
}

BOOST_AUTO_TEST_CASE(small_voids_filled_big_ones_counted) {
    auto source = utm_terrain(0, k_nx);
    const double nodata = *source.nodata;
    for (std::size_t row = 10; row < 13; ++row)  // 3 x 3 = 9 cells
        for (std::size_t col = 10; col < 13; ++col) source.at(col, row) = nodata;
    for (std::size_t row = 40; row < 50; ++row)  // 10 x 10 = 100 cells
        for (std::size_t col = 40; col < 50; ++col) source.at(col, row) = nodata;
    const TempDir dir;
    const std::vector<std::filesystem::path> sources{write(dir, "voids.tif", source)};

    grids::DemPrepareReport report;
    auto options = utm_options(k_cell);
    auto dem = grids::prepare_dem(sources, options, &report);
    BOOST_TEST(report.cells_filled == 9u);
    BOOST_TEST(report.void_cells_left == 100u);
    BOOST_TEST(report.outside_cells == 0u);
    BOOST_TEST(dem.is_valid(11, 11));
    BOOST_TEST(!dem.is_valid(45, 45));
    // Filled from the rim: between the rim's extremes.
    double rim_min = 1e9, rim_max = -1e9;
    for (std::size_t row = 9; row < 14; ++row)
        for (std::size_t col = 9; col < 14; ++col)
            if (row == 9 || row == 13 || col == 9 || col == 13) {
                rim_min = std::min(rim_min, terrain(col, row));
                rim_max = std::max(rim_max, terrain(col, row));
            }
    BOOST_TEST(dem.at(11, 11) >= rim_min);
    BOOST_TEST(dem.at(11, 11) <= rim_max);

    options.max_fill_hole_cells = 100;
    dem = grids::prepare_dem(sources, options, &report);
    BOOST_TEST(report.cells_filled == 109u);
    BOOST_TEST(report.nodata_cells() == 0u);
    BOOST_TEST(dem.count_valid() == dem.size());
}

BOOST_AUTO_TEST_CASE(bbox_snaps_outward_and_leaves_the_rest_empty) {
    const TempDir dir;
    const std::vector<std::filesystem::path> sources{write(dir, "whole.tif", utm_terrain(0, k_nx))};
    const auto full = grids::prepare_dem(sources, utm_options(k_cell));

    // Inside the source, edges off the 30 m lines: snapped outward.
    auto options = utm_options(k_cell);
    options.bbox = grids::Bounds{640500.0, 3268500.0, 641710.0, 3269420.0};
    const auto dem = grids::prepare_dem(sources, options);
    BOOST_TEST(dem.transform.origin_x == 640500.0);   // already a multiple of 30
    BOOST_TEST(dem.transform.origin_y == 3269430.0);  // 3269420 up to the next multiple
    BOOST_TEST(dem.nx == 41u);                        // 640500 .. 641730
    BOOST_TEST(dem.ny == 31u);                        // 3268500 .. 3269430
    const auto cropped = grids::crop(full, *options.bbox);
    BOOST_TEST(same_grid(dem, cropped));
    BOOST_TEST(same_cells(dem, cropped));

    // Reaching 300 m west of the source: those 10 columns have no data and stay empty.
    options.bbox = grids::Bounds{k_x0 - 300.0, 3268500.0, 641000.0, 3269000.0};
    options.max_fill_hole_cells = 1000000;
    grids::DemPrepareReport report;
    const auto wider = grids::prepare_dem(sources, options, &report);
    BOOST_TEST(report.outside_cells == 10u * wider.ny);
    BOOST_TEST(!wider.is_valid(0, 0));
    BOOST_TEST(!wider.is_valid(9, wider.ny - 1));
    BOOST_TEST(wider.is_valid(10, 0));
}

BOOST_AUTO_TEST_CASE(errors_name_the_file) {
    const TempDir dir;
    const auto good = write(dir, "good.tif", utm_terrain(0, k_nx));
    const auto missing = dir / "N29E106.hgt";
    const std::vector<std::filesystem::path> with_missing{good, missing};
    BOOST_CHECK_EXCEPTION(
        grids::prepare_dem(with_missing, utm_options(k_cell)), grids::RasterError,
        [&](const grids::RasterError& e) { return grids::testing::message_names(e, missing.string()); });

    // An ASCII grid without a .prj has no CRS.
    const auto asc = dir / "no_crs.asc";
    grids::testing::write_text(asc, "ncols 2\nnrows 2\nxllcorner 0\nyllcorner 0\ncellsize 30\n1 2\n3 4\n");
    const std::vector<std::filesystem::path> no_crs{asc};
    BOOST_CHECK_EXCEPTION(grids::prepare_dem(no_crs, utm_options(k_cell)), grids::RasterError,
                          [&](const grids::RasterError& e) { return grids::testing::message_names(e, asc.string()); });

    const std::vector<std::filesystem::path> sources{good};
    auto geographic = utm_options(k_cell);
    geographic.target_crs = "EPSG:4326";
    BOOST_CHECK_EXCEPTION(grids::prepare_dem(sources, geographic), grids::RasterError,
                          [](const grids::RasterError& e) { return grids::testing::message_names(e, "EPSG:4326"); });

    auto elsewhere = utm_options(k_cell);
    elsewhere.bbox = grids::Bounds{500000.0, 3000000.0, 501000.0, 3001000.0};
    BOOST_CHECK_EXCEPTION(grids::prepare_dem(sources, elsewhere), grids::RasterError,
                          [&](const grids::RasterError& e) { return grids::testing::message_names(e, good.string()); });

    BOOST_CHECK_THROW(grids::prepare_dem(std::span<const std::filesystem::path>{}, utm_options(k_cell)),
                      grids::RasterError);
}

BOOST_AUTO_TEST_SUITE_END()
