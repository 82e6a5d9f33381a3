// Reading and writing rasters through GDAL: GeoTIFF round trip, ESRI ASCII, bad inputs.
#define BOOST_TEST_MODULE grids_gdal_io
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "grids/gdal_raster.hpp"
#include "grids/geotiff_writer.hpp"
#include "grids/raster_error.hpp"
#include "tests/support/gdal_fixtures.hpp"

namespace grids = floodtwin::grids;
using grids::testing::TempDir;

namespace {

struct GdalOnce {
    GdalOnce() { GDALAllRegister(); }
};
BOOST_TEST_GLOBAL_FIXTURE(GdalOnce);

// 37 x 23 cells (not a whole number of 256-cell tiles) of 30 m in UTM 48N, with a few holes.
grids::Raster<double> sample_dem() {
    grids::Raster<double> r(37, 23, grids::GeoTransform{500000.0, 3300000.0, 30.0, -30.0});
    r.crs_wkt = grids::testing::epsg_wkt(32648);
    r.nodata = -9999.0;
    r.source = "sample";
    for (std::size_t row = 0; row < r.ny; ++row)
        for (std::size_t col = 0; col < r.nx; ++col) r.at(col, row) = 180.0 + 0.37 * col - 0.11 * row + 1e-7 * col * row;
    r.at(0, 0) = -9999.0;
    r.at(20, 11) = -9999.0;
    return r;
}

std::vector<std::string> folder_names(const std::filesystem::path& dir) {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) names.push_back(entry.path().filename().string());
    return names;
}

const std::string k_small_asc =
    "ncols 4\n"
    "nrows 3\n"
    "xllcorner 500000\n"
    "yllcorner 3300000\n"
    "cellsize 30\n"
    "NODATA_value -9999\n"
    "1 2 3 4\n"
    "5 -9999 7 8\n"
    "9 10 11 12.5\n";

}  // namespace

BOOST_AUTO_TEST_SUITE(geotiff)

BOOST_AUTO_TEST_CASE(round_trip_keeps_values_georeferencing_crs_and_nodata) {
    const TempDir dir;
    const auto path = dir / "dem.tif";
    const auto dem = sample_dem();
    grids::GeoTiffOptions options;
    options.metadata = {{"FLOODTWIN_QUANTITY", "bed_elevation_m"}, {"FLOODTWIN_SOURCE", "unit test"}};
    grids::write_geotiff(path, dem, options);

    // Only the final file is left: the temporary was renamed, no side files.
    BOOST_TEST(folder_names(dir.path()) == std::vector<std::string>{"dem.tif"}, boost::test_tools::per_element());

    const auto back = grids::read_raster(path);
    BOOST_TEST(back.nx == dem.nx);
    BOOST_TEST(back.ny == dem.ny);
    BOOST_TEST(back.transform.origin_x == dem.transform.origin_x);
    BOOST_TEST(back.transform.origin_y == dem.transform.origin_y);
    BOOST_TEST(back.transform.pixel_width == dem.transform.pixel_width);
    BOOST_TEST(back.transform.pixel_height == dem.transform.pixel_height);
    BOOST_TEST(back.nodata.has_value());
    BOOST_TEST(*back.nodata == -9999.0);
    BOOST_TEST(back.values == dem.values, boost::test_tools::per_element());  // Float64, lossless
    BOOST_TEST(!back.is_valid(20, 11));
    BOOST_TEST(back.count_valid() == dem.count_valid());
    BOOST_TEST(grids::testing::crs_is_epsg(back.crs_wkt, 32648));
    BOOST_TEST(back.source == path.string());

    // Checked with GDAL itself: tiled, DEFLATE, our metadata.
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.string().c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    BOOST_REQUIRE(ds);
    BOOST_TEST(std::string(ds->GetDriver()->GetDescription()) == "GTiff");
    const char* compression = ds->GetMetadataItem("COMPRESSION", "IMAGE_STRUCTURE");
    BOOST_REQUIRE(compression);
    BOOST_TEST(std::string(compression) == "DEFLATE");
    int block_x = 0, block_y = 0;
    ds->GetRasterBand(1)->GetBlockSize(&block_x, &block_y);
    BOOST_TEST(block_x == 256);  // tiles, not 37-wide strips
    BOOST_TEST(block_y == 256);
    BOOST_TEST(ds->GetRasterBand(1)->GetRasterDataType() == GDT_Float64);
    const char* quantity = ds->GetMetadataItem("FLOODTWIN_QUANTITY");
    BOOST_REQUIRE(quantity);
    BOOST_TEST(std::string(quantity) == "bed_elevation_m");
}

BOOST_AUTO_TEST_CASE(float_raster_is_written_as_float32) {
    const TempDir dir;
    const auto path = dir / "depth.tif";
    grids::Raster<float> depth(5, 4, grids::GeoTransform{0.0, 40.0, 10.0, -10.0}, 0.25f);
    depth.crs_wkt = grids::testing::epsg_wkt(32648);
    depth.at(4, 3) = 1.5f;
    grids::write_geotiff(path, depth);
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.string().c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    BOOST_REQUIRE(ds);
    BOOST_TEST(ds->GetRasterBand(1)->GetRasterDataType() == GDT_Float32);
    const auto back = grids::read_raster(path);
    BOOST_TEST(!back.nodata.has_value());
    BOOST_TEST(back.at(4, 3) == 1.5);
    BOOST_TEST(back.at(0, 0) == 0.25);
}

BOOST_AUTO_TEST_CASE(failed_write_leaves_no_file) {
    const TempDir dir;
    const auto path = dir / "bad.tif";
    grids::GeoTiffOptions options;
    options.metadata = {{"BAD KEY", "x"}};
    BOOST_CHECK_THROW(grids::write_geotiff(path, sample_dem(), options), grids::RasterError);
    BOOST_TEST(folder_names(dir.path()).empty());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(esri_ascii)

BOOST_AUTO_TEST_CASE(reads_header_values_nodata_and_prj) {
    const TempDir dir;
    const auto path = dir / "small.asc";
    grids::testing::write_text(path, k_small_asc);
    grids::testing::write_text(dir / "small.prj", grids::testing::epsg_wkt(32648));
    const auto r = grids::read_raster(path);
    BOOST_TEST(r.nx == 4u);
    BOOST_TEST(r.ny == 3u);
    BOOST_TEST(r.transform.origin_x == 500000.0);
    BOOST_TEST(r.transform.origin_y == 3300090.0);  // yllcorner + 3 rows of 30 m
    BOOST_TEST(r.transform.pixel_width == 30.0);
    BOOST_TEST(r.transform.pixel_height == -30.0);
    BOOST_TEST(r.nodata.has_value());
    BOOST_TEST(*r.nodata == -9999.0);
    BOOST_TEST(r.at(0, 0) == 1.0);  // first line of values is the north row
    BOOST_TEST(!r.is_valid(1, 1));
    BOOST_TEST(r.at(3, 2) == 12.5);
    BOOST_TEST(r.count_valid() == 11u);
    BOOST_TEST(grids::testing::crs_is_epsg(r.crs_wkt, 32648));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(bad_input)

BOOST_AUTO_TEST_CASE(missing_dem_file_is_named) {
    const TempDir dir;
    const auto path = dir / "no_such_dem.tif";
    BOOST_CHECK_EXCEPTION(grids::read_raster(path), grids::RasterError, [&](const grids::RasterError& e) {
        return grids::testing::message_names(e, path.string());
    });
}

BOOST_AUTO_TEST_CASE(unreadable_file_is_named) {
    const TempDir dir;
    const auto path = dir / "garbage.tif";
    grids::testing::write_text(path, "this is not a raster\n");
    BOOST_CHECK_EXCEPTION(grids::read_raster(path), grids::RasterError, [&](const grids::RasterError& e) {
        return grids::testing::message_names(e, path.string());
    });
}

BOOST_AUTO_TEST_CASE(dem_without_crs_cannot_be_reprojected) {
    const TempDir dir;
    const auto path = dir / "no_crs.asc";  // no .prj beside it
    grids::testing::write_text(path, k_small_asc);
    const auto r = grids::read_raster(path);
    BOOST_TEST(r.crs_wkt.empty());
    BOOST_CHECK_EXCEPTION(grids::warp_raster(r, grids::WarpOptions{.target_crs = "EPSG:32648", .resolution_m = 30.0}),
                          grids::RasterError, [&](const grids::RasterError& e) {
                              return grids::testing::message_names(e, path.string()) &&
                                     grids::testing::message_names(e, "coordinate reference system");
                          });
}

BOOST_AUTO_TEST_CASE(rotated_geotransform_is_refused) {
    const TempDir dir;
    const auto path = dir / "rotated.tif";
    {
        GDALDriver* gtiff = GetGDALDriverManager()->GetDriverByName("GTiff");
        BOOST_REQUIRE(gtiff);
        GDALDatasetUniquePtr ds(gtiff->Create(path.string().c_str(), 4, 4, 1, GDT_Float32, nullptr));
        BOOST_REQUIRE(ds);
        double gt[6] = {500000.0, 30.0, 5.0, 3300000.0, 5.0, -30.0};
        ds->SetGeoTransform(gt);
        ds->SetProjection(grids::testing::epsg_wkt(32648).c_str());
        std::vector<float> values(16, 1.0f);
        BOOST_REQUIRE(ds->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, 4, 4, values.data(), 4, 4, GDT_Float32, 0, 0,
                                                     nullptr) == CE_None);
    }
    BOOST_CHECK_EXCEPTION(grids::read_raster(path), grids::RasterError, [&](const grids::RasterError& e) {
        return grids::testing::message_names(e, "rotated rasters are not supported") &&
               grids::testing::message_names(e, path.string());
    });
}

BOOST_AUTO_TEST_CASE(all_nodata_dem_is_refused) {
    const TempDir dir;
    const auto path = dir / "empty.asc";
    grids::testing::write_text(path,
                               "ncols 3\nnrows 2\nxllcorner 0\nyllcorner 0\ncellsize 10\nNODATA_value -9999\n"
                               "-9999 -9999 -9999\n-9999 -9999 -9999\n");
    BOOST_CHECK_EXCEPTION(grids::read_raster(path), grids::RasterError, [&](const grids::RasterError& e) {
        return grids::testing::message_names(e, "all cells are nodata") &&
               grids::testing::message_names(e, path.string());
    });
}

BOOST_AUTO_TEST_SUITE_END()
