// NetcdfReader: results.nc written by our own NetcdfWriter reads back exactly; a file
// laid out by another tool (y descending, hours, an integer fill value) is written here
// with the NetCDF C API and read in solver order; errors name the file and variable.
#define BOOST_TEST_MODULE grids_netcdf_reader
#include <boost/test/unit_test.hpp>

#include <netcdf.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "grids/gdal_raster.hpp"
#include "grids/netcdf_reader.hpp"
#include "grids/netcdf_writer.hpp"
#include "tests/support/gdal_fixtures.hpp"

namespace grids = floodtwin::grids;
using grids::testing::TempDir;

namespace {

const double k_nan = std::numeric_limits<double>::quiet_NaN();
constexpr std::size_t k_nx = 5;
constexpr std::size_t k_ny = 4;

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

// Each value names its cell and time: 1000 k + 10 j + i, one hole.
std::vector<double> depth_map(std::size_t k) {
    std::vector<double> v(k_nx * k_ny);
    for (std::size_t j = 0; j < k_ny; ++j)
        for (std::size_t i = 0; i < k_nx; ++i) v[i + k_nx * j] = 1000.0 * static_cast<double>(k) + 10.0 * j + i + 0.5;
    v[3 + k_nx * 2] = k_nan;
    return v;
}

std::filesystem::path write_sample(const TempDir& dir) {
    const auto path = dir / "results.nc";
    grids::NetcdfWriter writer(path, sample_grid(), "2020-08-18T00:00:00+08:00",
                               {{"depth", "flood_water_thickness", "water depth", "m", true, ""},
                                {"max_depth", "", "maximum water depth", "m", false, "time: maximum"}},
                               {{"case_name", "reader-test"}, {"title", "floodtwin results: reader-test"}});
    for (std::size_t k = 0; k < 3; ++k) {
        const auto depth = depth_map(k);
        writer.write_time(600.0 * static_cast<double>(k), {{"depth", depth}});
    }
    writer.write_static("max_depth", depth_map(7));
    writer.close();
    return path;
}

bool says(const std::exception& e, const std::string& a, const std::string& b = "") {
    const std::string what = e.what();
    return what.find(a) != std::string::npos && what.find(b) != std::string::npos;
}

void same_map(const std::vector<double>& got, const std::vector<double>& want) {
    BOOST_REQUIRE_EQUAL(got.size(), want.size());
    for (std::size_t c = 0; c < want.size(); ++c) {
        if (std::isnan(want[c]))
            BOOST_TEST(std::isnan(got[c]), "cell " << c);
        else
            BOOST_TEST(got[c] == want[c], "cell " << c);
    }
}

void nc(int status) { BOOST_REQUIRE_MESSAGE(status == NC_NOERR, nc_strerror(status)); }

}  // namespace

BOOST_AUTO_TEST_CASE(reads_back_what_the_writer_wrote) {
    TempDir dir;
    const auto path = write_sample(dir);
    const grids::NetcdfReader reader(path);

    const grids::NcGrid& g = reader.grid();
    const grids::NcGrid want = sample_grid();
    BOOST_TEST(g.nx == want.nx);
    BOOST_TEST(g.ny == want.ny);
    BOOST_TEST(g.x0_m == want.x0_m);
    BOOST_TEST(g.y0_m == want.y0_m);
    BOOST_TEST(g.dx_m == want.dx_m);
    BOOST_TEST(g.dy_m == want.dy_m);
    BOOST_TEST(g.crs_wkt == want.crs_wkt);

    BOOST_TEST(reader.time_units() == "seconds since 2020-08-18T00:00:00+08:00");
    BOOST_TEST(reader.time_origin() == "2020-08-18T00:00:00+08:00");
    BOOST_TEST(reader.times_s() == (std::vector<double>{0.0, 600.0, 1200.0}), boost::test_tools::per_element());
    BOOST_TEST(reader.time_count() == 3U);

    BOOST_REQUIRE_EQUAL(reader.variables().size(), 2U);
    BOOST_TEST(reader.variables()[0].name == "depth");
    BOOST_TEST(reader.variables()[0].time_dependent);
    BOOST_TEST(reader.variables()[0].units == "m");
    BOOST_TEST(reader.variables()[0].long_name == "water depth");
    BOOST_TEST(reader.variables()[0].standard_name == "flood_water_thickness");
    BOOST_TEST(!reader.variable("max_depth").time_dependent);
    BOOST_TEST(reader.variable("max_depth").standard_name.empty());
    BOOST_TEST(reader.has_variable("depth"));
    BOOST_TEST(!reader.has_variable("x"));    // coordinates are not maps
    BOOST_TEST(!reader.has_variable("crs"));  // nor is the grid mapping

    BOOST_TEST(reader.global_text("case_name").value_or("") == "reader-test");
    BOOST_TEST(reader.global_text("Conventions").value_or("") == "CF-1.8");
    BOOST_TEST(!reader.global_text("no_such_attribute").has_value());

    for (std::size_t k = 0; k < 3; ++k) same_map(reader.read_time("depth", k), depth_map(k));
    same_map(reader.read_static("max_depth"), depth_map(7));
}

BOOST_AUTO_TEST_CASE(errors_name_the_file_and_the_variable) {
    TempDir dir;
    const auto path = write_sample(dir);
    const grids::NetcdfReader reader(path);
    const std::string file = path.string();
    BOOST_CHECK_EXCEPTION((void)reader.read_static("speed"), std::runtime_error,
                          [&](const std::runtime_error& e) { return says(e, file, "'speed'"); });
    BOOST_CHECK_EXCEPTION((void)reader.read_time("depth", 3), std::runtime_error,
                          [&](const std::runtime_error& e) { return says(e, file, "'depth'"); });
    BOOST_CHECK_EXCEPTION((void)reader.read_static("depth"), std::runtime_error,
                          [&](const std::runtime_error& e) { return says(e, file, "'depth'"); });
    BOOST_CHECK_EXCEPTION((void)reader.read_time("max_depth", 0), std::runtime_error,
                          [&](const std::runtime_error& e) { return says(e, file, "'max_depth'"); });
    BOOST_CHECK_EXCEPTION((void)reader.variable("nope"), std::runtime_error,
                          [&](const std::runtime_error& e) { return says(e, file, "'nope'"); });

    const auto missing = dir / "absent.nc";
    BOOST_CHECK_EXCEPTION(grids::NetcdfReader{missing}, std::runtime_error,
                          [&](const std::runtime_error& e) { return says(e, missing.string()); });
    const auto not_netcdf = dir / "text.nc";
    grids::testing::write_text(not_netcdf, "this is not NetCDF\n");
    BOOST_CHECK_EXCEPTION(grids::NetcdfReader{not_netcdf}, std::runtime_error,
                          [&](const std::runtime_error& e) { return says(e, not_netcdf.string()); });
}

// Another tool's layout: y from north to south, time in hours, float data with a
// numeric _FillValue, an uneven x axis in a second file.
BOOST_AUTO_TEST_CASE(descending_y_hours_and_numeric_fill) {
    TempDir dir;
    const auto path = dir / "other.nc";
    int ncid = -1, t_dim = -1, y_dim = -1, x_dim = -1, t_var = -1, y_var = -1, x_var = -1, d_var = -1;
    nc(nc_create(path.c_str(), NC_NETCDF4 | NC_CLOBBER, &ncid));
    nc(nc_def_dim(ncid, "time", NC_UNLIMITED, &t_dim));
    nc(nc_def_dim(ncid, "y", 3, &y_dim));
    nc(nc_def_dim(ncid, "x", 2, &x_dim));
    nc(nc_def_var(ncid, "time", NC_DOUBLE, 1, &t_dim, &t_var));
    const std::string units = "hours since 2020-08-18 00:00:00Z";
    nc(nc_put_att_text(ncid, t_var, "units", units.size(), units.c_str()));
    nc(nc_def_var(ncid, "y", NC_DOUBLE, 1, &y_dim, &y_var));
    nc(nc_def_var(ncid, "x", NC_DOUBLE, 1, &x_dim, &x_var));
    const int dims[3] = {t_dim, y_dim, x_dim};
    nc(nc_def_var(ncid, "depth", NC_FLOAT, 3, dims, &d_var));
    const float fill = -9999.0F;
    nc(nc_def_var_fill(ncid, d_var, NC_FILL, &fill));
    nc(nc_enddef(ncid));
    const double ys[3] = {300.0, 200.0, 100.0};  // north first
    const double xs[2] = {10.0, 30.0};
    nc(nc_put_var_double(ncid, y_var, ys));
    nc(nc_put_var_double(ncid, x_var, xs));
    // File rows north to south: row 0 (y = 300) holds 20, 21; row 2 (y = 100) holds 0, -9999.
    const float rows[6] = {20.0F, 21.0F, 10.0F, 11.0F, 0.0F, -9999.0F};
    const std::size_t start[3] = {0, 0, 0}, count[3] = {1, 3, 2};
    nc(nc_put_vara_float(ncid, d_var, start, count, rows));
    const std::size_t zero = 0;
    const double two_hours = 2.0;
    nc(nc_put_var1_double(ncid, t_var, &zero, &two_hours));
    nc(nc_close(ncid));

    const grids::NetcdfReader reader(path);
    BOOST_TEST(reader.grid().y0_m == 100.0);
    BOOST_TEST(reader.grid().dy_m == 100.0);
    BOOST_TEST(reader.grid().x0_m == 10.0);
    BOOST_TEST(reader.grid().dx_m == 20.0);
    BOOST_TEST(reader.grid().crs_wkt.empty());
    BOOST_TEST(reader.times_s() == std::vector<double>{7200.0}, boost::test_tools::per_element());
    BOOST_TEST(reader.time_origin() == "2020-08-18 00:00:00Z");
    same_map(reader.read_time("depth", 0), {0.0, k_nan, 10.0, 11.0, 20.0, 21.0});
}

BOOST_AUTO_TEST_CASE(uneven_coordinates_are_refused) {
    TempDir dir;
    const auto path = dir / "uneven.nc";
    int ncid = -1, y_dim = -1, x_dim = -1, y_var = -1, x_var = -1;
    nc(nc_create(path.c_str(), NC_NETCDF4 | NC_CLOBBER, &ncid));
    nc(nc_def_dim(ncid, "y", 2, &y_dim));
    nc(nc_def_dim(ncid, "x", 3, &x_dim));
    nc(nc_def_var(ncid, "y", NC_DOUBLE, 1, &y_dim, &y_var));
    nc(nc_def_var(ncid, "x", NC_DOUBLE, 1, &x_dim, &x_var));
    nc(nc_enddef(ncid));
    const double ys[2] = {0.0, 1.0};
    const double xs[3] = {0.0, 1.0, 5.0};
    nc(nc_put_var_double(ncid, y_var, ys));
    nc(nc_put_var_double(ncid, x_var, xs));
    nc(nc_close(ncid));
    BOOST_CHECK_EXCEPTION(grids::NetcdfReader{path}, std::runtime_error,
                          [&](const std::runtime_error& e) { return says(e, path.string(), "'x'"); });
}
