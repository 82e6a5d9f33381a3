// Unit: real-DEM domains. Nodata cells of the DEM are outside the domain (grid.nodata =
// "outside"), filled ("fill") or refused ("error"); grid.domain cuts the domain to a
// polygon; outside cells are closed walls (water never enters, a lake beside them stays
// at rest, the ledger closes), nodata in the outputs and counted in summary.json; gauges,
// sources and boundaries on them are refused by name; a Manning raster on another grid
// and CRS is warped onto the DEM's with nearest.
#define BOOST_TEST_MODULE twin_domain
#include <boost/test/unit_test.hpp>

#include <ogr_spatialref.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "grids/gdal_raster.hpp"
#include "grids/geotiff_writer.hpp"
#include "tests/support/error_text.hpp"
#include "tests/support/run_options.hpp"
#include "tests/support/temp_dir.hpp"
#include "twin/case/case_file.hpp"
#include "twin/run/run.hpp"
#include "twin/setup/case_setup.hpp"
#include "twin/setup/solver_grid.hpp"

using namespace floodtwin;
namespace fs = std::filesystem;
using floodtwin::testing::error_of;
using floodtwin::testing::has;

namespace {

// 12 x 10 cells of 100 m in UTM 48N, x 600000 .. 601200, y 3300000 .. 3301000.
constexpr double kX0 = 600000.0, kY0 = 3300000.0, kCell = 100.0;
constexpr std::size_t kNx = 12, kNy = 10;
constexpr std::size_t kOutsideCols = 2;  // the two eastern columns: nodata
constexpr double kNodata = -9999.0;

// Sloping down to the east (bed 100 - 0.5 col), or flat at `flat`; the eastern columns nodata.
grids::Raster<double> dem_raster(bool holed, double flat = -1.0) {
    grids::Raster<double> r(kNx, kNy, grids::GeoTransform{kX0, kY0 + kNy * kCell, kCell, -kCell});
    r.crs_wkt = grids::crs_wkt("EPSG:32648", "test");
    r.nodata = kNodata;
    for (std::size_t row = 0; row < kNy; ++row)
        for (std::size_t col = 0; col < kNx; ++col)
            r.at(col, row) = holed && col >= kNx - kOutsideCols ? kNodata
                             : flat >= 0.0                      ? flat
                                                                : 100.0 - 0.5 * static_cast<double>(col);
    return r;
}

class Dir : public floodtwin::testing::TempDir {
public:
    Dir() : TempDir("domain") {}
    void dem(bool holed, double flat = -1.0) const { grids::write_geotiff(path() / "dem.tif", dem_raster(holed, flat)); }
    twin::Case load(const std::string& body) const {
        return twin::load_case(write("case.toml", "[case]\nname = \"domain\"\nstart = \"2020-08-18T00:00:00+08:00\"\n"
                                                  "duration = \"1h\"\n[grid]\ndem = \"dem.tif\"\n" +
                                                      body),
                               {});
    }
};

bool is_outside_col(std::size_t cell) { return cell % kNx >= kNx - kOutsideCols; }

}  // namespace

BOOST_AUTO_TEST_CASE(nodata_at_the_edge_is_outside_dry_and_the_ledger_closes) {
    Dir dir;
    dir.dem(true);
    const std::string rain = "[rain]\nintensity = [[0, 200.0], [1800, 200.0], [1801, 0.0], [3600, 0.0]]\n";
    for (const char* scheme : {"fv1", "fv2"}) {
        twin::PreparedCase p = twin::prepare_case(dir.load(rain + "[hydro]\nscheme = \"" + scheme + "\"\n"));
        BOOST_TEST(p.outside_cells == kNy * kOutsideCols);
        p.simulation.advance_to(3600.0);
        const auto& h = p.simulation.state().h;
        double inside_max_next_to_wall = 0.0, outside_max = 0.0;
        for (std::size_t c = 0; c < h.size(); ++c) {
            if (is_outside_col(c)) outside_max = std::max(outside_max, std::fabs(h[c]));
            if (c % kNx == kNx - kOutsideCols - 1) inside_max_next_to_wall = std::max(inside_max_next_to_wall, h[c]);
        }
        BOOST_TEST_MESSAGE(scheme << ": depth beside the wall " << inside_max_next_to_wall << " m, mass error "
                                  << p.simulation.ledger().relative_error());
        BOOST_TEST(inside_max_next_to_wall > 0.05, scheme);  // the flood reached the wall...
        BOOST_TEST(outside_max == 0.0, scheme);               // ...and never crossed it
        BOOST_TEST(std::fabs(p.simulation.ledger().relative_error()) < 1e-10, scheme);
        // Rain fell on the inside cells alone: 0.2 m/h for 1800.5 s (the ramp down) on 100 cells of 1e4 m2.
        BOOST_TEST(p.simulation.ledger().rain_m3 == 0.2 / 3600.0 * 1800.5 * 100 * 1e4,
                   boost::test_tools::tolerance(1e-9));
    }

    // The whole run: summary.json counts the outside cells, the maps show nodata there.
    const fs::path out = dir.path() / "out";
    const twin::RunResult r = twin::run_case(floodtwin::testing::quiet_run(dir.write("case.toml",
        "[case]\nname = \"domain\"\nstart = \"2020-08-18T00:00:00+08:00\"\nduration = \"1h\"\n[grid]\ndem = "
        "\"dem.tif\"\n" + rain), out));
    BOOST_TEST(std::fabs(r.mass_error) < 1e-10);
    std::ifstream in(out / "summary.json");
    const auto summary = nlohmann::json::parse(in);
    BOOST_TEST(summary.at("outside_cells").get<std::size_t>() == kNy * kOutsideCols);
    const grids::Raster<double> max_depth = grids::read_raster(out / "max_depth.tif");
    for (std::size_t row = 0; row < kNy; ++row)
        for (std::size_t col = 0; col < kNx; ++col)
            BOOST_TEST(max_depth.is_valid(col, row) == (col < kNx - kOutsideCols), "col " << col << " row " << row);
}

BOOST_AUTO_TEST_CASE(a_lake_at_rest_beside_outside_cells_stays_at_rest) {
    Dir dir;
    dir.dem(true, 10.0);
    for (const char* scheme : {"fv1", "fv2"}) {
        twin::PreparedCase p =
            twin::prepare_case(dir.load(std::string("[initial]\nwater_level = 12.0\n[hydro]\nscheme = \"") + scheme + "\"\n"));
        p.simulation.advance_to(600.0);
        const auto& s = p.simulation.state();
        double worst_h = 0.0, worst_q = 0.0;
        for (std::size_t c = 0; c < s.h.size(); ++c) {
            worst_h = std::max(worst_h, std::fabs(s.h[c] - (is_outside_col(c) ? 0.0 : 2.0)));
            worst_q = std::max({worst_q, std::fabs(s.hu[c]), std::fabs(s.hv[c])});
        }
        BOOST_TEST(worst_h < 1e-12, scheme << ": depth off by " << worst_h);
        BOOST_TEST(worst_q < 1e-12, scheme << ": discharge " << worst_q);
    }
}

BOOST_AUTO_TEST_CASE(nodata_error_names_the_first_cell_and_the_count) {
    Dir dir;
    dir.dem(true);
    const std::string m = error_of([&] { (void)twin::prepare_case(dir.load("nodata = \"error\"\n")); });
    BOOST_TEST(has(m, "grid.nodata"), m);
    BOOST_TEST(has(m, "20 nodata cells"), m);
    BOOST_TEST(has(m, "column 10, row 0"), m);
    BOOST_TEST(has(m, "x = 601050, y = 3300950"), m);
}

BOOST_AUTO_TEST_CASE(nodata_fill_runs_with_no_outside_cells) {
    Dir dir;
    dir.dem(true);
    twin::PreparedCase p = twin::prepare_case(dir.load("nodata = \"fill\"\n"));
    BOOST_TEST(p.outside_cells == 0u);
    BOOST_TEST(p.outside.empty());
    BOOST_TEST(p.dem.count_valid() == kNx * kNy);
    // Filled from the rim: the filled bed lies within the DEM's values.
    for (const double z : p.simulation.bed()) BOOST_TEST((z >= 94.0 && z <= 100.0));
}

BOOST_AUTO_TEST_CASE(a_geojson_domain_cuts_the_domain) {
    Dir dir;
    dir.dem(false);
    // The western half (x < 600600), in UTM 48N.
    dir.write("domain.geojson",
              R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::32648"}},)"
              R"("features":[{"type":"Feature","properties":{"name":"west"},"geometry":{"type":"Polygon",)"
              R"("coordinates":[[[600000,3300000],[600600,3300000],[600600,3301000],[600000,3301000],[600000,3300000]]]}}]})");
    twin::PreparedCase p = twin::prepare_case(dir.load("domain = \"domain.geojson\"\n"));
    BOOST_TEST(p.outside_cells == 60u);
    for (std::size_t c = 0; c < kNx * kNy; ++c) BOOST_TEST((p.outside[c] != 0) == (c % kNx >= 6), "cell " << c);
    // A gauge in the eastern half now lies outside.
    const std::string m = error_of([&] {
        (void)twin::prepare_case(dir.load("domain = \"domain.geojson\"\n[[gauge]]\nname = \"g\"\nx = 600950.0\ny = 3300500.0\n"));
    });
    BOOST_TEST(has(m, "gauge[0]: (600950, 3300500) lies on a cell outside the domain"), m);
}

BOOST_AUTO_TEST_CASE(gauges_sources_and_boundaries_on_outside_cells_are_refused_by_name) {
    Dir dir;
    dir.dem(true);
    std::string m = error_of([&] {
        (void)twin::prepare_case(dir.load("[[gauge]]\nname = \"g\"\nx = 601150.0\ny = 3300500.0\n"));
    });
    BOOST_TEST(has(m, "gauge[0]: (601150, 3300500) lies on a cell outside the domain (nodata in the DEM"), m);
    m = error_of([&] {
        (void)twin::prepare_case(
            dir.load("[[source]]\nx = 601150.0\ny = 3300500.0\ndischarge = [[0, 1.0], [3600, 1.0]]\n"));
    });
    BOOST_TEST(has(m, "source[0]: (601150, 3300500) lies on a cell outside the domain"), m);
    m = error_of([&] {
        (void)twin::prepare_case(dir.load("[[boundary]]\nedge = \"east\"\nkind = \"free\"\n"));
    });
    BOOST_TEST(has(m, "boundary[0]: 10 of the 10 cells of the east free stretch lie outside the domain"), m);
    // A wall there is what the cells are anyway.
    BOOST_CHECK_NO_THROW((void)twin::prepare_case(dir.load("[[boundary]]\nedge = \"east\"\nkind = \"wall\"\n")));
}

BOOST_AUTO_TEST_CASE(a_manning_raster_in_another_crs_is_warped_with_nearest) {
    Dir dir;
    dir.dem(false);
    // Classes per 0.01 degree column of lon/lat around the DEM: n = 0.01 (k + 1).
    OGRSpatialReference utm, geo;
    utm.importFromEPSG(32648);
    geo.importFromEPSG(4326);
    utm.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    geo.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    const std::unique_ptr<OGRCoordinateTransformation> to_geo(OGRCreateCoordinateTransformation(&utm, &geo));
    double lon = kX0, lat = kY0;
    to_geo->Transform(1, &lon, &lat);
    const double lon0 = std::floor(lon * 100.0) / 100.0 - 0.02, lat1 = std::ceil(lat * 100.0) / 100.0 + 0.03;
    grids::Raster<double> n(8, 8, grids::GeoTransform{lon0, lat1, 0.01, -0.01});
    n.crs_wkt = grids::crs_wkt("EPSG:4326", "test");
    for (std::size_t row = 0; row < 8; ++row)
        for (std::size_t col = 0; col < 8; ++col) n.at(col, row) = 0.01 * static_cast<double>(col + 1);
    grids::write_geotiff(dir.path() / "n.tif", n);

    const twin::PreparedCase p = twin::prepare_case(dir.load("[hydro]\nmanning = \"n.tif\"\n"));
    bool said = false;
    for (const std::string& note : p.notes)
        said = said || (has(note, "hydro.manning: ") && has(note, "n.tif warped from WGS 84") && has(note, "(nearest)"));
    BOOST_TEST(said);

    std::vector<std::string> notes;
    const grids::Raster<double> on_grid =
        twin::raster_on_grid(dir.path() / "n.tif", p.dem, "hydro.manning", grids::Resampling::nearest, notes);
    BOOST_TEST(on_grid.nx == kNx);
    for (const std::size_t col : {std::size_t{0}, std::size_t{5}, std::size_t{11}}) {
        double x = on_grid.cell_centre_x(col), y = on_grid.cell_centre_y(3);
        to_geo->Transform(1, &x, &y);
        const double expected = 0.01 * (std::floor((x - lon0) / 0.01) + 1.0);
        BOOST_TEST(on_grid.at(col, 3) == expected, boost::test_tools::tolerance(1e-12));
    }
    // Cell for cell it is read as it is, with no note.
    grids::write_geotiff(dir.path() / "n-dem.tif", dem_raster(false, 0.05));
    notes.clear();
    (void)twin::raster_on_grid(dir.path() / "n-dem.tif", p.dem, "hydro.manning", grids::Resampling::nearest, notes);
    BOOST_TEST(notes.empty());
}
