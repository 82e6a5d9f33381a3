// Reprojection through GDAL's warper: a plane given in geographic coordinates must
// still be that plane after warping to UTM.
#define BOOST_TEST_MODULE grids_warp
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cmath>
#include <memory>

#include "grids/gdal_raster.hpp"
#include "grids/raster_error.hpp"
#include "tests/support/gdal_fixtures.hpp"

namespace grids = floodtwin::grids;

namespace {

// Over central Chongqing: 106.0-106.5 E, 29.3-29.8 N, cells of 0.005 degrees.
constexpr double k_lon0 = 106.0;
constexpr double k_lat1 = 29.8;
constexpr double k_cell_deg = 0.005;
constexpr std::size_t k_cells = 100;

// Linear in lon/lat, so bilinear resampling reproduces it exactly; any error left is
// georeferencing. Slopes: 100 m per degree east, 300 m per degree north.
double plane(double lon, double lat) { return 200.0 + 100.0 * (lon - k_lon0) + 300.0 * (lat - 29.3); }

grids::Raster<double> geographic_plane() {
    grids::Raster<double> r(k_cells, k_cells, grids::GeoTransform{k_lon0, k_lat1, k_cell_deg, -k_cell_deg});
    r.crs_wkt = grids::testing::epsg_wkt(4326);
    r.nodata = -32768.0;
    r.source = "synthetic plane";
    for (std::size_t row = 0; row < r.ny; ++row)
        for (std::size_t col = 0; col < r.nx; ++col) r.at(col, row) = plane(r.cell_centre_x(col), r.cell_centre_y(row));
    return r;
}

struct ErrorStats {
    double max_abs = 0.0;
    std::size_t checked = 0;
};

// Largest |warped - plane| over output cells whose centre maps back inside the source
// by at least one source cell (bilinear at the very edge mixes in nodata).
ErrorStats plane_error(const grids::Raster<double>& warped) {
    OGRSpatialReference utm;
    utm.importFromWkt(warped.crs_wkt.c_str());
    utm.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    OGRSpatialReference wgs84;
    wgs84.importFromEPSG(4326);
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    const std::unique_ptr<OGRCoordinateTransformation> to_geo(OGRCreateCoordinateTransformation(&utm, &wgs84));
    BOOST_REQUIRE(to_geo);

    ErrorStats stats;
    const double margin = 1.0 * k_cell_deg;
    for (std::size_t row = 0; row < warped.ny; ++row)
        for (std::size_t col = 0; col < warped.nx; ++col) {
            double x = warped.cell_centre_x(col);
            double y = warped.cell_centre_y(row);
            BOOST_REQUIRE(to_geo->Transform(1, &x, &y));
            const bool inside = x > k_lon0 + margin && x < k_lon0 + k_cells * k_cell_deg - margin &&
                                y < k_lat1 - margin && y > k_lat1 - k_cells * k_cell_deg + margin;
            if (!inside) continue;
            BOOST_REQUIRE(warped.is_valid(col, row));
            stats.max_abs = std::max(stats.max_abs, std::fabs(warped.at(col, row) - plane(x, y)));
            ++stats.checked;
        }
    return stats;
}

struct GdalOnce {
    GdalOnce() { GDALAllRegister(); }
};
BOOST_TEST_GLOBAL_FIXTURE(GdalOnce);

}  // namespace

BOOST_AUTO_TEST_SUITE(warp)

BOOST_AUTO_TEST_CASE(geographic_plane_to_utm48n_exact_transform) {
    const auto source = geographic_plane();
    const auto warped = grids::warp_raster(
        source, grids::WarpOptions{.target_crs = "EPSG:32648", .resolution_m = 250.0, .error_threshold_cells = 0.0});

    BOOST_TEST(grids::testing::crs_is_epsg(warped.crs_wkt, 32648));
    BOOST_TEST(warped.transform.pixel_width == 250.0);
    BOOST_TEST(warped.transform.pixel_height == -250.0);
    // -tap: the grid sits on whole multiples of the resolution.
    BOOST_TEST(std::fmod(warped.transform.origin_x, 250.0) == 0.0);
    BOOST_TEST(std::fmod(warped.transform.origin_y, 250.0) == 0.0);
    // 0.5 degrees is about 48.4 km east-west and 55.4 km north-south here.
    BOOST_TEST(warped.nx > 190u);
    BOOST_TEST(warped.nx < 205u);
    BOOST_TEST(warped.ny > 220u);
    BOOST_TEST(warped.ny < 230u);
    BOOST_TEST(warped.nodata.has_value());
    BOOST_TEST(*warped.nodata == -32768.0);
    BOOST_TEST(warped.count_valid() < warped.size());  // UTM is rotated against the graticule: a nodata collar
    BOOST_TEST(warped.source == source.source);

    // Exact transform + bilinear on a linear field: only rounding remains. Tolerance 1 mm.
    const auto stats = plane_error(warped);
    BOOST_TEST_MESSAGE("exact transform: " << stats.checked << " cells, max error " << stats.max_abs << " m");
    BOOST_TEST(stats.checked > 30000u);
    BOOST_TEST(stats.max_abs < 1e-3);
}

BOOST_AUTO_TEST_CASE(geographic_plane_to_utm48n_default_approximation) {
    const auto warped =
        grids::warp_raster(geographic_plane(), grids::WarpOptions{.target_crs = "EPSG:32648", .resolution_m = 250.0});
    // gdalwarp's default approximation may misplace a sample by up to 0.125 cell; with the
    // plane's steepest slope, 300 m per degree = 2.7e-3 m/m, that is 0.125 * 555 m (one
    // source cell north-south) * 2.7e-3 = 0.19 m at most. Tolerance 0.2 m.
    const auto stats = plane_error(warped);
    BOOST_TEST_MESSAGE("approximate transform: " << stats.checked << " cells, max error " << stats.max_abs << " m");
    BOOST_TEST(stats.max_abs < 0.2);
}

BOOST_AUTO_TEST_CASE(geographic_target_crs_is_refused) {
    BOOST_CHECK_EXCEPTION(
        grids::warp_raster(geographic_plane(), grids::WarpOptions{.target_crs = "EPSG:4326", .resolution_m = 250.0}),
        grids::RasterError, [](const grids::RasterError& e) {
            return grids::testing::message_names(e, "synthetic plane") && grids::testing::message_names(e, "EPSG:4326");
        });
    BOOST_CHECK_THROW(
        grids::warp_raster(geographic_plane(), grids::WarpOptions{.target_crs = "EPSG:nonsense", .resolution_m = 250.0}),
        grids::RasterError);
    BOOST_CHECK_THROW(
        grids::warp_raster(geographic_plane(), grids::WarpOptions{.target_crs = "EPSG:32648", .resolution_m = -1.0}),
        grids::RasterError);
}

BOOST_AUTO_TEST_SUITE_END()
