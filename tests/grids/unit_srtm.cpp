// A real SRTM3 tile (N44W072, New Hampshire; see tests/data/srtm3/README.md) read through
// GDAL's .hgt driver and warped to UTM 19N. The tile is part of the source tree, so a
// missing tile is a failure, not a skip.
#define BOOST_TEST_MODULE grids_srtm
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <memory>

#include "grids/gdal_raster.hpp"
#include "tests/support/gdal_fixtures.hpp"

namespace grids = floodtwin::grids;

namespace {

const std::filesystem::path k_tile = FLOODTWIN_SOURCE_DIR "/tests/data/srtm3/N44W072.hgt";
constexpr double k_arcsec3 = 1.0 / 1200.0;  // SRTM3 spacing in degrees

grids::Raster<double> read_tile() {
    BOOST_TEST_REQUIRE(std::filesystem::is_regular_file(k_tile), "SRTM sample tile not found at " + k_tile.string());
    return grids::read_raster(k_tile);
}

struct ValidRange {
    double min = std::numeric_limits<double>::infinity();
    double max = -std::numeric_limits<double>::infinity();
};

ValidRange valid_range(const grids::Raster<double>& r) {
    ValidRange range;
    for (double v : r.values)
        if (!r.is_nodata_value(v)) {
            range.min = std::min(range.min, v);
            range.max = std::max(range.max, v);
        }
    return range;
}

// Cell holding (lon, lat) in a north-up geographic raster.
double sample_geographic(const grids::Raster<double>& r, double lon, double lat) {
    const auto col = static_cast<std::size_t>(std::floor((lon - r.transform.origin_x) / r.transform.pixel_width));
    const auto row = static_cast<std::size_t>(std::floor((lat - r.transform.origin_y) / r.transform.pixel_height));
    return r.at(col, row);
}

// Envelope in UTM (EPSG `epsg`) of the four corners of a geographic box.
grids::Bounds utm_envelope_of_tile(const grids::Bounds& geo, int epsg) {
    OGRSpatialReference wgs84;
    wgs84.importFromEPSG(4326);
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    OGRSpatialReference utm;
    utm.importFromEPSG(epsg);
    utm.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    const std::unique_ptr<OGRCoordinateTransformation> to_utm(OGRCreateCoordinateTransformation(&wgs84, &utm));
    BOOST_REQUIRE(to_utm);
    double x[4] = {geo.xmin, geo.xmax, geo.xmin, geo.xmax};
    double y[4] = {geo.ymin, geo.ymin, geo.ymax, geo.ymax};
    BOOST_REQUIRE(to_utm->Transform(4, x, y));
    return {*std::min_element(x, x + 4), *std::min_element(y, y + 4), *std::max_element(x, x + 4),
            *std::max_element(y, y + 4)};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(srtm)

BOOST_AUTO_TEST_CASE(reads_srtm3_tile) {
    const auto dem = read_tile();
    BOOST_TEST(dem.nx == 1201u);
    BOOST_TEST(dem.ny == 1201u);
    // Sample centres on whole 3" positions: the grid corner is half a sample outside 72 W, 45 N.
    BOOST_TEST(dem.transform.pixel_width == k_arcsec3, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(dem.transform.pixel_height == -k_arcsec3, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(dem.transform.origin_x == -72.0 - 0.5 * k_arcsec3, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(dem.transform.origin_y == 45.0 + 0.5 * k_arcsec3, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(grids::testing::crs_is_epsg(dem.crs_wkt, 4326));
    BOOST_REQUIRE(dem.nodata.has_value());
    BOOST_TEST(*dem.nodata == -32768.0);
    BOOST_TEST(dem.count_valid() == dem.size());  // this tile has no voids

    const auto range = valid_range(dem);
    BOOST_TEST(range.min == 115.0);
    BOOST_TEST(range.max == 1908.0);
    BOOST_TEST(sample_geographic(dem, -71.3033, 44.2708) == 1908.0);  // Mount Washington summit
    BOOST_TEST(sample_geographic(dem, -71.57, 44.49) == 264.0);       // Connecticut River at Lancaster
}

BOOST_AUTO_TEST_CASE(warps_srtm3_tile_to_utm19n_at_90m) {
    const auto dem = read_tile();
    const auto utm = grids::warp_raster(dem, grids::WarpOptions{.target_crs = "EPSG:32619", .resolution_m = 90.0});

    BOOST_TEST(grids::testing::crs_is_epsg(utm.crs_wkt, 32619));
    BOOST_TEST(utm.resolution_x() == 90.0);
    BOOST_TEST(utm.resolution_y() == 90.0);
    BOOST_TEST((utm.nodata == dem.nodata));
    // The tile's outer edges (half a sample beyond the outer centres) projected with OGR:
    // in UTM the tile's meridians and parallels bend, but their extremes are at the
    // corners, so the grid is the corners' envelope snapped outward to 90 m (-tap); GDAL's
    // suggested extent may add a little, so allow up to two cells of slack per side.
    BOOST_TEST_MESSAGE("warped SRTM: " << utm.nx << " x " << utm.ny << ", " << utm.count_valid() << " valid");
    const auto corners = utm_envelope_of_tile(dem.bounds(), 32619);
    const auto b = utm.bounds();
    const double slack = 2.0 * 90.0;
    BOOST_TEST(b.xmin <= corners.xmin + 1e-6);
    BOOST_TEST(b.xmin > corners.xmin - slack);
    BOOST_TEST(b.xmax >= corners.xmax - 1e-6);
    BOOST_TEST(b.xmax < corners.xmax + slack);
    BOOST_TEST(b.ymin <= corners.ymin + 1e-6);
    BOOST_TEST(b.ymin > corners.ymin - slack);
    BOOST_TEST(b.ymax >= corners.ymax - 1e-6);
    BOOST_TEST(b.ymax < corners.ymax + slack);
    // About 80 km by 111 km, at 90 m.
    BOOST_TEST(utm.nx > 880u);
    BOOST_TEST(utm.nx < 960u);
    BOOST_TEST(utm.ny > 1230u);
    BOOST_TEST(utm.ny < 1270u);

    // Bilinear never leaves the source's range; the collar outside the tile is nodata.
    const auto range = valid_range(utm);
    BOOST_TEST(range.min >= 115.0 - 1e-9);  // bilinear weights sum to 1 up to rounding
    BOOST_TEST(range.max <= 1908.0 + 1e-9);
    BOOST_TEST(range.max > 1850.0);  // the summit survives 90 m cells
    const double valid_fraction = static_cast<double>(utm.count_valid()) / static_cast<double>(utm.size());
    BOOST_TEST(valid_fraction > 0.9);
    BOOST_TEST(valid_fraction < 1.0);
}

BOOST_AUTO_TEST_SUITE_END()
