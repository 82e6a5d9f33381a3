// Unit tests of the pure raster operations: Raster helpers, crop, hole filling.
#define BOOST_TEST_MODULE grids_raster_ops
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <limits>

#include "grids/crop.hpp"
#include "grids/fill_nodata.hpp"
#include "grids/raster.hpp"
#include "grids/raster_error.hpp"

namespace grids = floodtwin::grids;

namespace {

// A 10 x 8 north-up grid of 30 m cells whose value encodes its cell: 100 * row + col.
grids::Raster<double> numbered_grid() {
    grids::Raster<double> r(10, 8, grids::GeoTransform{1000.0, 2000.0, 30.0, -30.0});
    r.nodata = -9999.0;
    r.source = "numbered.tif";
    for (std::size_t row = 0; row < r.ny; ++row)
        for (std::size_t col = 0; col < r.nx; ++col) r.at(col, row) = 100.0 * row + col;
    return r;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(raster)

BOOST_AUTO_TEST_CASE(geometry_helpers) {
    const auto r = numbered_grid();
    BOOST_TEST(r.size() == 80u);
    BOOST_TEST(r.at(3, 2) == 203.0);
    BOOST_TEST(r.values[2 * 10 + 3] == 203.0);  // row-major, row 0 north
    BOOST_TEST(r.cell_centre_x(0) == 1015.0);
    BOOST_TEST(r.cell_centre_y(0) == 1985.0);  // row 0 is the north row
    BOOST_TEST(r.cell_centre_y(7) == 1775.0);
    const auto b = r.bounds();
    BOOST_TEST(b.xmin == 1000.0);
    BOOST_TEST(b.xmax == 1300.0);
    BOOST_TEST(b.ymin == 1760.0);
    BOOST_TEST(b.ymax == 2000.0);
    BOOST_TEST(r.resolution_x() == 30.0);
    BOOST_TEST(r.resolution_y() == 30.0);
}

BOOST_AUTO_TEST_CASE(nodata_and_nan_are_not_valid) {
    auto r = numbered_grid();
    r.at(1, 1) = -9999.0;
    r.at(2, 2) = std::numeric_limits<double>::quiet_NaN();
    BOOST_TEST(!r.is_valid(1, 1));
    BOOST_TEST(!r.is_valid(2, 2));
    BOOST_TEST(r.is_valid(3, 3));
    BOOST_TEST(r.count_valid() == 78u);
    r.nodata.reset();
    BOOST_TEST(r.count_valid() == 79u);  // without a nodata value only NaN is missing
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(crop)

BOOST_AUTO_TEST_CASE(snaps_outward_to_whole_cells) {
    const auto r = numbered_grid();
    // x 1045..1100 touches columns 1..3; y 1900..1950 touches rows 1..3.
    const auto c = grids::crop(r, grids::Bounds{1045.0, 1900.0, 1100.0, 1950.0});
    BOOST_TEST(c.nx == 3u);
    BOOST_TEST(c.ny == 3u);
    BOOST_TEST(c.transform.origin_x == 1030.0);
    BOOST_TEST(c.transform.origin_y == 1970.0);
    BOOST_TEST(c.at(0, 0) == 101.0);
    BOOST_TEST(c.at(2, 2) == 303.0);
    BOOST_TEST((c.nodata == r.nodata));
    BOOST_TEST(c.source == r.source);
    const auto b = c.bounds();
    BOOST_TEST(b.xmin <= 1045.0);
    BOOST_TEST(b.xmax >= 1100.0);
    BOOST_TEST(b.ymin <= 1900.0);
    BOOST_TEST(b.ymax >= 1950.0);
}

BOOST_AUTO_TEST_CASE(box_on_cell_edges_takes_no_extra_cell) {
    const auto r = numbered_grid();
    const auto c = grids::crop(r, grids::Bounds{1030.0, 1910.0, 1090.0, 1970.0});
    BOOST_TEST(c.nx == 2u);
    BOOST_TEST(c.ny == 2u);
    BOOST_TEST(c.at(0, 0) == 101.0);
}

BOOST_AUTO_TEST_CASE(box_past_the_edge_is_clipped) {
    const auto r = numbered_grid();
    const auto c = grids::crop(r, grids::Bounds{1250.0, 0.0, 9000.0, 1800.0});
    BOOST_TEST(c.nx == 2u);   // columns 8, 9
    BOOST_TEST(c.ny == 2u);   // rows 6, 7
    BOOST_TEST(c.at(0, 0) == 608.0);
}

BOOST_AUTO_TEST_CASE(box_missing_the_raster_names_it) {
    const auto r = numbered_grid();
    BOOST_CHECK_EXCEPTION(grids::crop(r, grids::Bounds{5000.0, 5000.0, 6000.0, 6000.0}), grids::RasterError,
                          [](const grids::RasterError& e) {
                              return std::string(e.what()).find("numbered.tif") != std::string::npos;
                          });
    BOOST_CHECK_THROW(grids::crop(r, grids::Bounds{1100.0, 1900.0, 1050.0, 1950.0}), grids::RasterError);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(fill_nodata)

BOOST_AUTO_TEST_CASE(small_hole_is_filled_between_its_neighbours_big_one_stays) {
    grids::Raster<double> r(20, 12, grids::GeoTransform{0.0, 12.0, 1.0, -1.0});
    r.nodata = -9999.0;
    for (std::size_t row = 0; row < r.ny; ++row)
        for (std::size_t col = 0; col < r.nx; ++col) r.at(col, row) = 10.0 + col + 2.0 * row;
    // A 2 x 2 hole at columns 3-4, rows 3-4; its rim spans 2*2+10 .. 5+2*5+10.
    for (std::size_t row = 3; row <= 4; ++row)
        for (std::size_t col = 3; col <= 4; ++col) r.at(col, row) = -9999.0;
    // A 6 x 6 hole at columns 10-15, rows 4-9.
    for (std::size_t row = 4; row <= 9; ++row)
        for (std::size_t col = 10; col <= 15; ++col) r.at(col, row) = -9999.0;

    const auto report = grids::fill_nodata_holes(r, grids::FillOptions{.max_hole_cells = 9});
    BOOST_TEST(report.holes_filled == 1u);
    BOOST_TEST(report.cells_filled == 4u);
    BOOST_TEST(report.holes_left == 1u);
    BOOST_TEST(report.cells_left == 36u);
    const double rim_min = 10.0 + 2.0 + 2.0 * 2.0;
    const double rim_max = 10.0 + 5.0 + 2.0 * 5.0;
    for (std::size_t row = 3; row <= 4; ++row)
        for (std::size_t col = 3; col <= 4; ++col) {
            BOOST_TEST(r.is_valid(col, row));
            BOOST_TEST(r.at(col, row) > rim_min);
            BOOST_TEST(r.at(col, row) < rim_max);
        }
    for (std::size_t row = 4; row <= 9; ++row)
        for (std::size_t col = 10; col <= 15; ++col) BOOST_TEST(!r.is_valid(col, row));
}

BOOST_AUTO_TEST_CASE(single_cell_hole_in_a_flat_field_gets_the_field_value) {
    grids::Raster<float> r(5, 5, grids::GeoTransform{}, 7.5f);
    r.at(0, 2) = std::numeric_limits<float>::quiet_NaN();  // on the edge, no nodata value set
    const auto report = grids::fill_nodata_holes(r);
    BOOST_TEST(report.holes_filled == 1u);
    BOOST_TEST(r.at(0, 2) == 7.5f);
}

BOOST_AUTO_TEST_CASE(raster_without_holes_is_unchanged) {
    auto r = numbered_grid();
    const auto before = r.values;
    const auto report = grids::fill_nodata_holes(r);
    BOOST_TEST(report.holes_filled == 0u);
    BOOST_TEST(report.holes_left == 0u);
    BOOST_TEST(r.values == before, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()
