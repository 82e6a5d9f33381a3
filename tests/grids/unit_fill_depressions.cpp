// grids::fill_depressions: closed hollows filled to their spill level through faces (4
// neighbours, as the solver's), open ones and the edge left alone, nodata an outlet.
#define BOOST_TEST_MODULE grids_fill_depressions
#include <boost/test/unit_test.hpp>

#include <cmath>

#include "grids/fill_depressions.hpp"

using namespace floodtwin;

namespace {

grids::Raster<double> bowl() {
    // 5 x 5 at 10 m: a rim at 10 m, a floor at 2 m, a notch at 6 m on the west edge.
    grids::Raster<double> r(5, 5, {0.0, 50.0, 10.0, -10.0}, 10.0);
    for (std::size_t row = 1; row < 4; ++row)
        for (std::size_t col = 1; col < 4; ++col) r.at(col, row) = 2.0;
    r.at(0, 2) = 6.0;
    return r;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_closed_hollow_fills_to_its_spill_level) {
    grids::Raster<double> r = bowl();
    const auto report = grids::fill_depressions(r);
    for (std::size_t row = 1; row < 4; ++row)
        for (std::size_t col = 1; col < 4; ++col) BOOST_TEST(r.at(col, row) == 6.0);
    BOOST_TEST(report.cells_raised == 9u);
    BOOST_TEST(std::abs(report.volume_m3 - 9 * 4.0 * 100.0) < 1e-9);
    BOOST_TEST(report.deepest_m == 4.0);
    BOOST_TEST(r.at(0, 2) == 6.0);  // the notch (an edge cell) is never raised
}

BOOST_AUTO_TEST_CASE(a_corner_is_no_outlet_but_nodata_is) {
    grids::Raster<double> r = bowl();
    r.at(0, 2) = 10.0;  // no notch: only corner contact with the low edge cell below
    r.at(0, 4) = 0.0;   // a low edge cell touching the floor's corner cell (1, 3) diagonally
    (void)grids::fill_depressions(r);
    BOOST_TEST(r.at(2, 2) == 10.0);  // through corners water does not leave: filled to the rim

    grids::Raster<double> n = bowl();
    n.at(0, 2) = 10.0;
    n.nodata = -9999.0;
    n.at(2, 0) = -9999.0;  // outside the domain
    n.at(2, 1) = 2.0;      // a gap in the rim: the floor reaches the nodata cell through a face
    const auto report = grids::fill_depressions(n);
    BOOST_TEST(report.cells_raised == 0u);
    BOOST_TEST(n.at(2, 2) == 2.0);
}

BOOST_AUTO_TEST_CASE(ground_that_drains_is_untouched) {
    grids::Raster<double> r(6, 4, {0.0, 40.0, 10.0, -10.0}, 0.0);
    for (std::size_t row = 0; row < 4; ++row)
        for (std::size_t col = 0; col < 6; ++col) r.at(col, row) = 1.0 + static_cast<double>(col) + 0.1 * static_cast<double>(row);
    const grids::Raster<double> before = r;
    const auto report = grids::fill_depressions(r);
    BOOST_TEST(report.cells_raised == 0u);
    BOOST_TEST((r.values == before.values));
}
