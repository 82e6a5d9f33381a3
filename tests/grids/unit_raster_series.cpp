// read_raster_frames: every band of a GeoTIFF (time in the band description) and of a
// CF NetCDF (time coordinate and its units), north-up like read_raster, and refused
// input named by file and band. Inputs are built with GDAL and our NetcdfWriter.
#define BOOST_TEST_MODULE grids_raster_series
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "grids/gdal_raster.hpp"
#include "grids/netcdf_writer.hpp"
#include "grids/raster_error.hpp"
#include "grids/raster_series.hpp"
#include "tests/support/gdal_fixtures.hpp"

namespace grids = floodtwin::grids;
using grids::testing::message_names;
using grids::testing::TempDir;

namespace {

struct GdalOnce {
    GdalOnce() { GDALAllRegister(); }
};
BOOST_TEST_GLOBAL_FIXTURE(GdalOnce);

constexpr int k_nx = 4;
constexpr int k_ny = 3;
constexpr double k_west = 500000.0, k_north = 3300090.0, k_cell = 30.0;

// Band b (from 1), column col, row row counted from the north: every sample differs.
double sample(int b, int col, int row) { return 100.0 * b + 10.0 * row + col; }

// A GeoTIFF of `descriptions.size()` bands on the sample grid; an empty description
// leaves the band without one.
void write_tiff(const std::filesystem::path& path, const std::vector<std::string>& descriptions) {
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GTiff");
    GDALDatasetUniquePtr ds(driver->Create(path.string().c_str(), k_nx, k_ny, static_cast<int>(descriptions.size()),
                                           GDT_Float64, nullptr));
    BOOST_TEST_REQUIRE(ds != nullptr);
    double gt[6] = {k_west, k_cell, 0.0, k_north, 0.0, -k_cell};
    ds->SetGeoTransform(gt);
    ds->SetProjection(grids::testing::epsg_wkt(32648).c_str());
    for (int b = 1; b <= static_cast<int>(descriptions.size()); ++b) {
        std::vector<double> v(k_nx * k_ny);
        for (int row = 0; row < k_ny; ++row)
            for (int col = 0; col < k_nx; ++col) v[row * k_nx + col] = sample(b, col, row);
        GDALRasterBand* band = ds->GetRasterBand(b);
        if (!descriptions[b - 1].empty()) band->SetDescription(descriptions[b - 1].c_str());
        BOOST_TEST_REQUIRE(band->RasterIO(GF_Write, 0, 0, k_nx, k_ny, v.data(), k_nx, k_ny, GDT_Float64, 0, 0,
                                          nullptr) == CE_None);
    }
}

}  // namespace

BOOST_AUTO_TEST_CASE(geotiff_bands_come_with_their_descriptions) {
    const TempDir dir;
    const auto path = dir / "frames.tif";
    write_tiff(path, {"2020-08-18T00:00:00+08:00", "2020-08-18T00:10:00+08:00", ""});
    const auto frames = grids::read_raster_frames(path);
    BOOST_TEST_REQUIRE(frames.size() == 3u);
    BOOST_TEST(frames[0].time_text == "2020-08-18T00:00:00+08:00");
    BOOST_TEST(frames[1].time_text == "2020-08-18T00:10:00+08:00");
    BOOST_TEST(frames[2].time_text.empty());
    for (int b = 1; b <= 3; ++b) {
        const auto& f = frames[static_cast<std::size_t>(b - 1)];
        BOOST_TEST(f.band == b);
        BOOST_TEST(!f.time_value.has_value());
        BOOST_TEST(f.raster.source == path.string());
        BOOST_TEST(f.raster.nx == static_cast<std::size_t>(k_nx));
        BOOST_TEST(f.raster.ny == static_cast<std::size_t>(k_ny));
        BOOST_TEST(f.raster.transform.origin_y == k_north);
        BOOST_TEST(f.raster.at(0, 0) == sample(b, 0, 0));
        BOOST_TEST(f.raster.at(3, 2) == sample(b, 3, 2));
    }
    // Band 1 is what read_raster reads, to the bit.
    BOOST_TEST(frames[0].raster.values == grids::read_raster(path).values);
}

BOOST_AUTO_TEST_CASE(netcdf_bands_come_with_their_time_coordinate) {
    const TempDir dir;
    const auto path = dir / "rain.nc";
    // The writer stores rows south-up; GDAL hands them back north-up.
    grids::NcGrid grid{static_cast<std::size_t>(k_nx), static_cast<std::size_t>(k_ny), k_west + 0.5 * k_cell,
                       k_north - (k_ny - 0.5) * k_cell, k_cell, k_cell, grids::crs_wkt("EPSG:32648", "test")};
    grids::NetcdfWriter nc(path, grid, "2020-08-18T00:00:00+08:00", {{"rain", "", "rain intensity", "mm/h", true, ""}},
                           {});
    for (int b = 1; b <= 2; ++b) {
        std::vector<double> v(k_nx * k_ny);
        for (int j = 0; j < k_ny; ++j)
            for (int i = 0; i < k_nx; ++i) v[i + k_nx * j] = sample(b, i, k_ny - 1 - j);
        nc.write_time(600.0 * b - 300.0, {{"rain", v}});
    }
    nc.close();

    const auto frames = grids::read_raster_frames(path);
    BOOST_TEST_REQUIRE(frames.size() == 2u);
    for (int b = 1; b <= 2; ++b) {
        const auto& f = frames[static_cast<std::size_t>(b - 1)];
        BOOST_TEST_REQUIRE(f.time_value.has_value());
        BOOST_TEST(*f.time_value == 600.0 * b - 300.0);
        BOOST_TEST(f.time_units == "seconds since 2020-08-18T00:00:00+08:00");
        BOOST_TEST(f.time_calendar == "standard");
        BOOST_TEST(f.raster.transform.pixel_height < 0.0);
        BOOST_TEST(std::fabs(f.raster.transform.origin_y - k_north) < 1e-6);
        BOOST_TEST(f.raster.at(0, 0) == sample(b, 0, 0));
        BOOST_TEST(f.raster.at(3, 2) == sample(b, 3, 2));
    }
}

BOOST_AUTO_TEST_CASE(missing_file_and_empty_band_are_named) {
    const TempDir dir;
    try {
        (void)grids::read_raster_frames(dir / "nothing.tif");
        BOOST_FAIL("a missing file was read");
    } catch (const grids::RasterError& e) {
        BOOST_TEST(message_names(e, "nothing.tif"), e.what());
    }

    const auto path = dir / "holey.tif";
    write_tiff(path, {"2020-08-18T00:00:00Z", "2020-08-18T00:10:00Z"});
    {
        GDALDatasetUniquePtr ds(GDALDataset::Open(path.string().c_str(), GDAL_OF_RASTER | GDAL_OF_UPDATE));
        GDALRasterBand* band = ds->GetRasterBand(2);
        band->SetNoDataValue(-1.0);
        std::vector<double> v(k_nx * k_ny, -1.0);
        BOOST_TEST_REQUIRE(band->RasterIO(GF_Write, 0, 0, k_nx, k_ny, v.data(), k_nx, k_ny, GDT_Float64, 0, 0,
                                          nullptr) == CE_None);
    }
    try {
        (void)grids::read_raster_frames(path);
        BOOST_FAIL("a band of nodata was read");
    } catch (const grids::RasterError& e) {
        BOOST_TEST(message_names(e, "band 2 of " + path.string()), e.what());
    }
}

BOOST_AUTO_TEST_CASE(netcdf_of_several_variables_names_them) {
    const TempDir dir;
    const auto path = dir / "two.nc";
    grids::NcGrid grid{static_cast<std::size_t>(k_nx), static_cast<std::size_t>(k_ny), k_west + 0.5 * k_cell,
                       k_north - (k_ny - 0.5) * k_cell, k_cell, k_cell, ""};
    grids::NetcdfWriter nc(path, grid, "2020-08-18T00:00:00Z",
                           {{"rain", "", "rain", "mm/h", true, ""}, {"quality", "", "quality", "1", true, ""}}, {});
    const std::vector<double> v(k_nx * k_ny, 1.0);
    nc.write_time(0.0, {{"rain", v}, {"quality", v}});
    nc.close();
    try {
        (void)grids::read_raster_frames(path);
        BOOST_FAIL("a file of two variables was read");
    } catch (const grids::RasterError& e) {
        BOOST_TEST(message_names(e, path.string()), e.what());
        BOOST_TEST(message_names(e, "rain"), e.what());
        BOOST_TEST(message_names(e, "quality"), e.what());
    }
}
