// results.nc as other tools see it: read back with the netCDF-C++4 API and GDAL, not
// with our own writer, so the CF contract (dims, coordinates, attributes, orientation,
// compression) is checked independently. Also resume, atomicity and refused input.
#define BOOST_TEST_MODULE grids_netcdf_writer
#include <boost/test/unit_test.hpp>

#include <netcdf>
#include <netcdf.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

#include "grids/atomic_file.hpp"
#include "grids/gdal_raster.hpp"
#include "grids/netcdf_writer.hpp"
#include "tests/support/gdal_fixtures.hpp"

namespace grids = floodtwin::grids;
namespace utf = boost::unit_test;
using grids::testing::TempDir;

namespace {

struct GdalOnce {
    GdalOnce() { GDALAllRegister(); }
};
BOOST_TEST_GLOBAL_FIXTURE(GdalOnce);

const double k_nan = std::numeric_limits<double>::quiet_NaN();
constexpr std::size_t k_nx = 5;
constexpr std::size_t k_ny = 4;
const std::vector<double> k_times_s{0.0, 600.0, 1800.0};

// Non-round origin and dx != dy, so a swapped axis or an edge-for-centre slip shows.
grids::NcGrid sample_grid() {
    grids::NcGrid grid;
    grid.nx = k_nx;
    grid.ny = k_ny;
    grid.x0_m = 500012.5;
    grid.y0_m = 3300037.5;
    grid.dx_m = 25.0;
    grid.dy_m = 30.0;
    grid.crs_wkt = grids::crs_wkt("EPSG:32648", "test grid");
    return grid;
}

std::vector<grids::NcVariable> sample_variables() {
    return {
        {"depth", "sea_floor_depth_below_sea_surface", "water depth", "m", true, ""},
        {"velocity_x", "", "depth-averaged velocity, x component", "m s-1", true, ""},
        {"bed_elevation", "surface_altitude", "bed elevation", "m", false, ""},
        {"max_depth", "", "maximum water depth", "m", false, "time: maximum"},
    };
}

// Every cell differs, the south-west cell (0, 0) is the smallest, one cell is a hole.
std::vector<double> depth_map(std::size_t k) {
    std::vector<double> v(k_nx * k_ny);
    for (std::size_t j = 0; j < k_ny; ++j)
        for (std::size_t i = 0; i < k_nx; ++i) v[i + k_nx * j] = 0.01 * static_cast<double>(k + 1) + 0.1 * i + j;
    v[3 + k_nx * 2] = k_nan;
    return v;
}

std::vector<double> velocity_map(std::size_t k) {
    std::vector<double> v(k_nx * k_ny);
    for (std::size_t c = 0; c < v.size(); ++c) v[c] = -0.5 + 0.03 * static_cast<double>(c) + 0.001 * k;
    return v;
}

std::vector<double> bed_map() {
    std::vector<double> v(k_nx * k_ny);
    for (std::size_t c = 0; c < v.size(); ++c) v[c] = 180.0 + 0.25 * static_cast<double>(c);
    return v;
}

std::vector<double> max_depth_map() { return depth_map(k_times_s.size() - 1); }

grids::NetcdfWriter open_sample(const std::filesystem::path& path, const grids::NcGrid& grid = sample_grid()) {
    return grids::NetcdfWriter(path, grid, "2020-08-18T00:00:00+08:00", sample_variables(),
                               {{"title", "floodtwin test run"}, {"case_name", "unit"}, {"scheme", "fv2"}});
}

void write_map(grids::NetcdfWriter& writer, std::size_t k) {
    const auto depth = depth_map(k);
    const auto velocity = velocity_map(k);
    writer.write_time(k_times_s[k], {{"depth", depth}, {"velocity_x", velocity}});
}

void write_statics(grids::NetcdfWriter& writer) {
    writer.write_static("bed_elevation", bed_map());
    writer.write_static("max_depth", max_depth_map());
}

// The straight run every comparison starts from.
void write_sample(const std::filesystem::path& path) {
    auto writer = open_sample(path);
    for (std::size_t k = 0; k < k_times_s.size(); ++k) write_map(writer, k);
    write_statics(writer);
    writer.set_global("mass_error_relative", 1.25e-9);
    writer.close();
}

std::string text_att(const netCDF::NcVar& var, const std::string& name) {
    std::string value;
    var.getAtt(name).getValues(value);
    return value;
}

double double_att(const netCDF::NcVar& var, const std::string& name) {
    double value = 0.0;
    var.getAtt(name).getValues(&value);
    return value;
}

std::string global_text(const netCDF::NcFile& file, const std::string& name) {
    std::string value;
    file.getAtt(name).getValues(value);
    return value;
}

std::vector<double> all_values(const netCDF::NcVar& var) {
    std::size_t n = 1;
    for (const auto& dim : var.getDims()) n *= dim.getSize();
    std::vector<double> values(n);
    var.getVar(values.data());
    return values;
}

// Equal including where both hold NaN.
bool same_values(const std::vector<double>& a, const std::vector<double>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t c = 0; c < a.size(); ++c)
        if (!(a[c] == b[c] || (std::isnan(a[c]) && std::isnan(b[c])))) return false;
    return true;
}

std::string file_bytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<std::string> folder_names(const std::filesystem::path& dir) {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(netcdf_writer)

BOOST_AUTO_TEST_CASE(dimensions_and_coordinates_follow_cf) {
    const TempDir dir;
    const auto path = dir / "results.nc";
    write_sample(path);

    const netCDF::NcFile file(path.string(), netCDF::NcFile::read);
    BOOST_TEST(file.getDim("time").isUnlimited());
    BOOST_TEST(file.getDim("time").getSize() == k_times_s.size());
    BOOST_TEST(file.getDim("y").getSize() == k_ny);
    BOOST_TEST(file.getDim("x").getSize() == k_nx);

    const auto x = file.getVar("x");
    const auto y = file.getVar("y");
    BOOST_TEST(x.getType().getName() == "double");
    BOOST_TEST(y.getType().getName() == "double");
    BOOST_TEST(text_att(x, "units") == "m");
    BOOST_TEST(text_att(y, "units") == "m");
    BOOST_TEST(text_att(x, "standard_name") == "projection_x_coordinate");
    BOOST_TEST(text_att(y, "standard_name") == "projection_y_coordinate");
    BOOST_TEST(text_att(x, "axis") == "X");
    BOOST_TEST(text_att(y, "axis") == "Y");
    BOOST_TEST(!text_att(x, "long_name").empty());
    // Cell centres, x eastward from the west column, y ascending from the south row.
    BOOST_TEST(all_values(x) == (std::vector<double>{500012.5, 500037.5, 500062.5, 500087.5, 500112.5}),
               boost::test_tools::per_element());
    BOOST_TEST(all_values(y) == (std::vector<double>{3300037.5, 3300067.5, 3300097.5, 3300127.5}),
               boost::test_tools::per_element());

    const auto time = file.getVar("time");
    BOOST_TEST(time.getType().getName() == "double");
    BOOST_TEST(text_att(time, "units") == "seconds since 2020-08-18T00:00:00+08:00");
    BOOST_TEST(text_att(time, "standard_name") == "time");
    BOOST_TEST(text_att(time, "axis") == "T");
    BOOST_TEST(text_att(time, "calendar") == "standard");
    BOOST_TEST(all_values(time) == k_times_s, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(variables_carry_cf_attributes_compression_and_chunking) {
    const TempDir dir;
    const auto path = dir / "results.nc";
    write_sample(path);

    const netCDF::NcFile file(path.string(), netCDF::NcFile::read);
    const auto depth = file.getVar("depth");
    const auto bed = file.getVar("bed_elevation");
    const auto envelope = file.getVar("max_depth");
    const auto velocity = file.getVar("velocity_x");

    BOOST_TEST(depth.getDimCount() == 3);
    BOOST_TEST(depth.getDim(0).getName() == "time");
    BOOST_TEST(depth.getDim(1).getName() == "y");
    BOOST_TEST(depth.getDim(2).getName() == "x");
    BOOST_TEST(bed.getDimCount() == 2);
    BOOST_TEST(bed.getDim(0).getName() == "y");
    BOOST_TEST(bed.getDim(1).getName() == "x");

    BOOST_TEST(text_att(depth, "standard_name") == "sea_floor_depth_below_sea_surface");
    BOOST_TEST(text_att(depth, "long_name") == "water depth");
    BOOST_TEST(text_att(depth, "units") == "m");
    BOOST_TEST(text_att(velocity, "units") == "m s-1");
    BOOST_TEST(text_att(envelope, "cell_methods") == "time: maximum");
    BOOST_CHECK_THROW(text_att(depth, "cell_methods"), netCDF::exceptions::NcException);  // none asked
    BOOST_CHECK_THROW(text_att(velocity, "standard_name"), netCDF::exceptions::NcException);  // empty: left out
    BOOST_CHECK_THROW(text_att(depth, "coordinates"), netCDF::exceptions::NcException);  // x, y are coordinate vars

    for (const auto& var : {depth, velocity, bed, envelope}) {
        BOOST_TEST_CONTEXT(var.getName()) {
            BOOST_TEST(var.getType().getName() == "double");
            BOOST_TEST(text_att(var, "grid_mapping") == "crs");
            BOOST_TEST(std::isnan(double_att(var, "_FillValue")));
            bool fill_on = false;
            double fill = 0.0;
            var.getFillModeParameters(fill_on, fill);
            BOOST_TEST(fill_on);
            BOOST_TEST(std::isnan(fill));

            int shuffle = 0, deflate = 0, level = 0;
            BOOST_TEST(nc_inq_var_deflate(file.getId(), var.getId(), &shuffle, &deflate, &level) == NC_NOERR);
            BOOST_TEST(shuffle == 1);
            BOOST_TEST(deflate == 1);
            BOOST_TEST(level == 4);

            netCDF::NcVar::ChunkMode mode{};
            std::vector<std::size_t> chunks;
            var.getChunkingParameters(mode, chunks);
            BOOST_TEST(mode == netCDF::NcVar::nc_CHUNKED);
            const auto want = var.getDimCount() == 3 ? std::vector<std::size_t>{1, k_ny, k_nx}
                                                      : std::vector<std::size_t>{std::min(k_ny, floodtwin::grids::k_static_chunk_rows), k_nx};
            BOOST_TEST(chunks == want, boost::test_tools::per_element());
        }
    }
}

BOOST_AUTO_TEST_CASE(values_land_south_west_first_and_nan_survives) {
    const TempDir dir;
    const auto path = dir / "results.nc";
    write_sample(path);

    const netCDF::NcFile file(path.string(), netCDF::NcFile::read);
    const auto depth = file.getVar("depth");
    for (std::size_t k = 0; k < k_times_s.size(); ++k) {
        std::vector<double> map(k_nx * k_ny);
        depth.getVar({k, 0, 0}, {1, k_ny, k_nx}, map.data());
        BOOST_TEST_CONTEXT("map " << k) { BOOST_TEST(same_values(map, depth_map(k))); }
    }
    // Index [t][y=0][x=0] is the south-west cell; [t][y=3][x=4] the north-east one.
    double sw = 0.0, ne = 0.0, hole = 0.0, east_of_sw = 0.0;
    depth.getVar({1, 0, 0}, &sw);
    depth.getVar({1, 3, 4}, &ne);
    depth.getVar({1, 0, 1}, &east_of_sw);
    depth.getVar({2, 2, 3}, &hole);
    const auto want = depth_map(1);
    BOOST_TEST(sw == want[0]);
    BOOST_TEST(sw == *std::min_element(want.begin(), want.end()));  // the built-in south-west marker
    BOOST_TEST(east_of_sw == want[1]);
    BOOST_TEST(ne == want[k_nx * k_ny - 1]);
    BOOST_TEST(std::isnan(hole));

    BOOST_TEST(same_values(all_values(file.getVar("velocity_x")),
                           [] {
                               std::vector<double> all;
                               for (std::size_t k = 0; k < k_times_s.size(); ++k) {
                                   const auto m = velocity_map(k);
                                   all.insert(all.end(), m.begin(), m.end());
                               }
                               return all;
                           }()));
    BOOST_TEST(same_values(all_values(file.getVar("bed_elevation")), bed_map()));
    BOOST_TEST(same_values(all_values(file.getVar("max_depth")), max_depth_map()));
}

BOOST_AUTO_TEST_CASE(crs_variable_describes_utm_48n) {
    const TempDir dir;
    const auto path = dir / "results.nc";
    write_sample(path);

    const netCDF::NcFile file(path.string(), netCDF::NcFile::read);
    const auto crs = file.getVar("crs");
    BOOST_REQUIRE(!crs.isNull());
    BOOST_TEST(crs.getType().getName() == "int");
    BOOST_TEST(crs.getDimCount() == 0);
    BOOST_TEST(grids::testing::crs_is_epsg(text_att(crs, "crs_wkt"), 32648));
    BOOST_TEST(text_att(crs, "spatial_ref") == text_att(crs, "crs_wkt"));
    BOOST_TEST(text_att(crs, "grid_mapping_name") == "transverse_mercator");
    BOOST_TEST(double_att(crs, "longitude_of_central_meridian") == 105.0);
    BOOST_TEST(double_att(crs, "latitude_of_projection_origin") == 0.0);
    BOOST_TEST(double_att(crs, "scale_factor_at_central_meridian") == 0.9996);
    BOOST_TEST(double_att(crs, "false_easting") == 500000.0);
    BOOST_TEST(double_att(crs, "false_northing") == 0.0);
    BOOST_TEST(double_att(crs, "semi_major_axis") == 6378137.0);
    BOOST_TEST(double_att(crs, "inverse_flattening") == 298.257223563, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(text_att(crs, "projected_crs_name") == "WGS 84 / UTM zone 48N");
}

BOOST_AUTO_TEST_CASE(global_attributes_include_conventions_and_the_callers) {
    const TempDir dir;
    const auto path = dir / "results.nc";
    write_sample(path);  // sets mass_error_relative after the maps were written

    const netCDF::NcFile file(path.string(), netCDF::NcFile::read);
    BOOST_TEST(global_text(file, "Conventions") == "CF-1.8");
    BOOST_TEST(global_text(file, "title") == "floodtwin test run");
    BOOST_TEST(global_text(file, "case_name") == "unit");
    BOOST_TEST(global_text(file, "scheme") == "fv2");
    double mass_error = 0.0;
    file.getAtt("mass_error_relative").getValues(&mass_error);
    BOOST_TEST(file.getAtt("mass_error_relative").getType().getName() == "double");
    BOOST_TEST(mass_error == 1.25e-9);
}

BOOST_AUTO_TEST_CASE(gdal_reads_maps_north_up_with_the_crs) {
    const TempDir dir;
    const auto path = dir / "results.nc";
    write_sample(path);

    const std::string name = "NETCDF:\"" + path.string() + "\":depth";
    const GDALDatasetUniquePtr dataset(GDALDataset::Open(name.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    BOOST_REQUIRE(dataset);
    BOOST_TEST(dataset->GetRasterXSize() == static_cast<int>(k_nx));
    BOOST_TEST(dataset->GetRasterYSize() == static_cast<int>(k_ny));
    BOOST_TEST(dataset->GetRasterCount() == static_cast<int>(k_times_s.size()));  // one band per time
    double gt[6] = {};
    BOOST_REQUIRE(dataset->GetGeoTransform(gt) == CE_None);
    BOOST_TEST(gt[0] == 500000.0);             // west edge = first centre - dx / 2
    BOOST_TEST(gt[1] == 25.0);
    BOOST_TEST(gt[3] == 3300037.5 + 3 * 30.0 + 15.0);  // north edge
    BOOST_TEST(gt[5] == -30.0);
    const OGRSpatialReference* srs = dataset->GetSpatialRef();
    BOOST_REQUIRE(srs);
    char* raw = nullptr;
    srs->exportToWkt(&raw);
    const std::string wkt = raw ? raw : "";
    CPLFree(raw);
    BOOST_TEST(grids::testing::crs_is_epsg(wkt, 32648));

    // GDAL flips the ascending y: its row 0 is our northern row j = ny - 1.
    std::vector<double> band(k_nx * k_ny);
    BOOST_REQUIRE(dataset->GetRasterBand(2)->RasterIO(GF_Read, 0, 0, static_cast<int>(k_nx), static_cast<int>(k_ny),
                                                      band.data(), static_cast<int>(k_nx), static_cast<int>(k_ny),
                                                      GDT_Float64, 0, 0, nullptr) == CE_None);
    const auto want = depth_map(1);
    BOOST_TEST(band[0 + k_nx * (k_ny - 1)] == want[0]);  // south-west at GDAL's bottom-left
    BOOST_TEST(band[0] == want[0 + k_nx * (k_ny - 1)]);  // north-west at GDAL's top-left
    BOOST_TEST(std::isnan(band[3 + k_nx * (k_ny - 1 - 2)]));
}

BOOST_AUTO_TEST_CASE(no_final_file_without_close) {
    const TempDir dir;
    const auto path = dir / "results.nc";
    {
        auto writer = open_sample(path);
        write_map(writer, 0);
        writer.sync();
        BOOST_TEST(!std::filesystem::exists(path));  // still under its temporary name
        BOOST_TEST(writer.times_written() == 1u);
    }
    BOOST_TEST(folder_names(dir.path()).empty());  // temporary removed, nothing renamed
}

BOOST_AUTO_TEST_CASE(an_earlier_results_file_survives_a_failed_write) {
    const TempDir dir;
    const auto path = dir / "results.nc";
    write_sample(path);
    const std::string before = file_bytes(path);
    BOOST_REQUIRE(!before.empty());

    // A refused map: the run aborts and the writer is destroyed without close().
    {
        auto writer = open_sample(path);
        write_map(writer, 0);
        const auto depth = depth_map(1);
        BOOST_CHECK_THROW(writer.write_time(600.0, {{"depth", depth}}), std::runtime_error);
    }
    BOOST_TEST(file_bytes(path) == before);

    // NetCDF itself cannot create the temporary: a folder is in its way.
    {
        const grids::AtomicFile probe(path);  // same process, so the same temporary name
        std::filesystem::create_directories(probe.temporary() / "in_the_way");
        try {
            auto writer = open_sample(path);
            BOOST_ERROR("the writer opened over a folder");
        } catch (const std::runtime_error& e) {
            BOOST_TEST_MESSAGE(e.what());
            BOOST_TEST(grids::testing::message_names(e, path.string()));
            BOOST_TEST(grids::testing::message_names(e, "cannot create"));
        }
        std::filesystem::remove_all(probe.temporary());
    }
    BOOST_TEST(file_bytes(path) == before);

    // A folder we may not write to (meaningless for root, who writes anyway).
    if (::geteuid() != 0) {
        std::filesystem::permissions(dir.path(), std::filesystem::perms::owner_write,
                                     std::filesystem::perm_options::remove);
        BOOST_CHECK_THROW(open_sample(path), std::runtime_error);
        std::filesystem::permissions(dir.path(), std::filesystem::perms::owner_write,
                                     std::filesystem::perm_options::add);
        BOOST_TEST(file_bytes(path) == before);
    } else {
        BOOST_TEST_MESSAGE("running as root: the read-only folder case is not checked");
    }
    BOOST_TEST(folder_names(dir.path()) == std::vector<std::string>{"results.nc"}, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(bad_input_is_refused_naming_the_file) {
    const TempDir dir;
    const auto path = dir / "results.nc";
    auto writer = open_sample(path);
    const auto depth = depth_map(0);
    const auto velocity = velocity_map(0);
    const std::vector<double> short_map(k_nx * k_ny - 1, 0.0);
    const auto refused = [&](auto&& call, const std::string& why) {
        try {
            call();
        } catch (const std::runtime_error& e) {
            BOOST_TEST_MESSAGE(e.what());
            BOOST_TEST(grids::testing::message_names(e, path.string()));
            BOOST_TEST(grids::testing::message_names(e, why));
            return true;
        }
        return false;
    };
    using Fields = std::vector<std::pair<std::string, std::span<const double>>>;
    BOOST_TEST(refused([&] { writer.write_time(0.0, Fields{{"depth", depth}}); }, "'velocity_x' is missing"));
    BOOST_TEST(refused([&] { writer.write_time(0.0, Fields{{"depth", short_map}, {"velocity_x", velocity}}); },
                       "19 values for 5 x 4"));
    BOOST_TEST(refused([&] { writer.write_time(0.0, Fields{{"depth", depth}, {"velocity_x", velocity}, {"u", depth}}); },
                       "no variable 'u'"));
    BOOST_TEST(refused([&] { writer.write_time(0.0, Fields{{"depth", depth}, {"velocity_x", velocity}, {"max_depth", depth}}); },
                       "static"));
    BOOST_TEST(refused([&] { writer.write_time(0.0, Fields{{"depth", depth}, {"depth", depth}, {"velocity_x", velocity}}); },
                       "given twice"));
    BOOST_TEST(refused([&] { writer.write_time(k_nan, Fields{{"depth", depth}, {"velocity_x", velocity}}); },
                       "not finite"));
    BOOST_TEST(writer.times_written() == 0u);  // nothing was written by refused calls
    writer.write_time(60.0, {{"depth", depth}, {"velocity_x", velocity}});
    BOOST_TEST(refused([&] { writer.write_time(60.0, Fields{{"depth", depth}, {"velocity_x", velocity}}); },
                       "time must increase"));
    BOOST_TEST(refused([&] { writer.write_static("depth", depth); }, "time-dependent"));
    BOOST_TEST(refused([&] { writer.write_static("bed_elevation", short_map); }, "19 values"));
    BOOST_TEST(refused([&] { writer.write_static("nothing", depth); }, "no variable 'nothing'"));
    BOOST_TEST(refused([&] { writer.set_global("Conventions", "CF-1.6"); }, "Conventions"));
    writer.close();
    BOOST_TEST(refused([&] { writer.write_time(120.0, Fields{{"depth", depth}, {"velocity_x", velocity}}); },
                       "after the file was closed"));
    BOOST_TEST(refused([&] { writer.close(); }, "after the file was closed"));

    // Refused at construction.
    auto north_first = sample_grid();
    north_first.dy_m = -30.0;  // rows must count from the south
    BOOST_TEST(refused([&] { (void)open_sample(path, north_first); }, "cell sizes"));
    auto geographic = sample_grid();
    geographic.crs_wkt = grids::crs_wkt("EPSG:4326", "test");
    BOOST_TEST(refused([&] { (void)open_sample(path, geographic); }, "projected in metres"));
    BOOST_TEST(refused(
                   [&] {
                       (void)grids::NetcdfWriter(path, sample_grid(), "2020-08-18T00:00:00Z",
                                                 {{"bad name/", "", "", "m", true, ""}}, {});
                   },
                   "bad name/"));
    BOOST_TEST(refused(
                   [&] {
                       (void)grids::NetcdfWriter(path, sample_grid(), "2020-08-18T00:00:00Z",
                                                 {{"x", "", "", "m", true, ""}}, {});
                   },
                   "taken"));
    BOOST_TEST(folder_names(dir.path()) == std::vector<std::string>{"results.nc"}, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(without_a_crs_there_is_no_grid_mapping) {
    const TempDir dir;
    const auto path = dir / "results.nc";
    auto grid = sample_grid();
    grid.crs_wkt.clear();
    {
        auto writer = open_sample(path, grid);
        write_map(writer, 0);
        writer.close();
    }
    const netCDF::NcFile file(path.string(), netCDF::NcFile::read);
    BOOST_TEST(file.getVar("crs").isNull());
    BOOST_CHECK_THROW(text_att(file.getVar("depth"), "grid_mapping"), netCDF::exceptions::NcException);
    BOOST_TEST(same_values(all_values(file.getVar("depth")), depth_map(0)));
}

BOOST_AUTO_TEST_SUITE_END()
