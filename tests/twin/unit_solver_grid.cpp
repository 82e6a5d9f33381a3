// Unit: the raster <-> solver bridge flips rows exactly once and names bad cells.
#define BOOST_TEST_MODULE twin_solver_grid
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <limits>

#include "twin/setup/solver_grid.hpp"

using namespace floodtwin;

namespace {
grids::Raster<double> numbered(std::size_t nx, std::size_t ny) {
    grids::Raster<double> r(nx, ny, grids::GeoTransform{1000.0, 5000.0, 10.0, -20.0});
    r.source = "numbered.tif";
    for (std::size_t row = 0; row < ny; ++row)
        for (std::size_t col = 0; col < nx; ++col) r.at(col, row) = 100.0 * static_cast<double>(row) + static_cast<double>(col);
    return r;
}
}  // namespace

BOOST_AUTO_TEST_CASE(grid_takes_cell_sizes_from_the_raster) {
    const hydro::Grid g = twin::solver_grid(numbered(4, 3));
    BOOST_TEST(g.nx == 4);
    BOOST_TEST(g.ny == 3);
    BOOST_TEST(g.dx_m == 10.0);
    BOOST_TEST(g.dy_m == 20.0);
}

BOOST_AUTO_TEST_CASE(northern_raster_row_becomes_last_solver_row) {
    const auto r = numbered(4, 3);
    const auto v = twin::to_solver_order(r, "bed");
    const hydro::Grid g = twin::solver_grid(r);
    // Raster row 0 (north) -> solver j = 2; raster row 2 (south) -> j = 0.
    BOOST_TEST(v[g.index(1, 2)] == 1.0);
    BOOST_TEST(v[g.index(3, 0)] == 203.0);
}

BOOST_AUTO_TEST_CASE(round_trip_is_exact) {
    const auto r = numbered(5, 4);
    const auto back = twin::to_raster(twin::to_solver_order(r, "bed"), r);
    BOOST_TEST(back.values == r.values, boost::test_tools::per_element());
    BOOST_TEST(back.transform.origin_y == r.transform.origin_y);
}

BOOST_AUTO_TEST_CASE(nodata_cell_is_named) {
    auto r = numbered(4, 3);
    r.nodata = -9999.0;
    r.at(2, 1) = -9999.0;
    try {
        (void)twin::to_solver_order(r, "bed");
        BOOST_FAIL("expected an error");
    } catch (const std::invalid_argument& e) {
        const std::string m = e.what();
        BOOST_TEST(m.find("numbered.tif") != std::string::npos);
        BOOST_TEST(m.find("column 2, row 1") != std::string::npos);
    }
}
