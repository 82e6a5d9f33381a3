// The built-in schematic terrain of Chongqing (twin/terrain/chongqing_terrain.hpp): same seed,
// same bytes; the geography it claims (channels at the stage records' bed levels,
// ridges several hundred metres above the rivers, stations in the channels); and the
// files tagged schematic with their CRS.
#define BOOST_TEST_MODULE twin_chongqing_terrain
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/support/temp_dir.hpp"
#include "grids/gdal_raster.hpp"
#include "twin/terrain/chongqing_terrain.hpp"

namespace fs = std::filesystem;
using namespace floodtwin;

namespace {

// Station positions (EPSG:32648) from the facts file's WGS84 coordinates (gdaltransform).
constexpr double kCuntanX = 654926.0, kCuntanY = 3276640.0;
constexpr double kChaotianmenX = 653736.0, kChaotianmenY = 3271636.0;
constexpr double kCiqikouX = 640442.0, kCiqikouY = 3273125.0;
// The Yangtze's bed at Chaotianmen is set to ~149 m; the terrain there may differ by
// the micro-relief of the banks nearby only if the cell is off the bed: +-1 m.
constexpr double kBedTol_m = 1.0;
// The shipped terrain against the generator: the same up to rounding between builds.
constexpr double kShippedTol_m = 1e-6;
// The ridges rise "several hundred metres above the rivers": at least 300 m.
constexpr double kRidgeRiseMin_m = 300.0;

double at(const grids::Raster<double>& r, double x, double y) {
    const auto col = static_cast<std::size_t>((x - r.transform.origin_x) / r.transform.pixel_width);
    const auto row = static_cast<std::size_t>((y - r.transform.origin_y) / r.transform.pixel_height);
    return r.values.at(row * r.nx + col);
}

std::string read_bytes(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

BOOST_AUTO_TEST_CASE(same_seed_same_bytes_other_seed_other_relief) {
    const floodtwin::testing::TempDir folder("cq");
    const fs::path& dir = folder.path();
    twin::SchematicTerrainOptions o;
    o.cell_m = 200.0;
    twin::write_schematic_terrain(o, (dir / "a.tif").string(), "", "", 0.0);
    twin::write_schematic_terrain(o, (dir / "b.tif").string(), "", "", 0.0);
    BOOST_TEST((read_bytes(dir / "a.tif") == read_bytes(dir / "b.tif")));
    const auto a = twin::make_schematic_terrain(o);
    o.seed = 7;
    const auto c = twin::make_schematic_terrain(o);
    std::size_t differ = 0;
    for (std::size_t k = 0; k < a.dem.values.size(); ++k) differ += a.dem.values[k] != c.dem.values[k];
    BOOST_TEST(differ > a.dem.values.size() / 2);  // the seed moves the micro-relief

    // Read back through GDAL: the CRS, and the schematic tag in the metadata.
    const auto back = grids::read_raster(dir / "a.tif");
    BOOST_TEST(back.crs_wkt.find("32648") != std::string::npos);
    std::ifstream tif(dir / "a.tif", std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(tif)), std::istreambuf_iterator<char>());
    BOOST_TEST(bytes.find("SCHEMATIC") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(channels_ridges_and_stations_where_the_geography_puts_them) {
    twin::SchematicTerrainOptions o;
    o.cell_m = 50.0;
    const auto t = twin::make_schematic_terrain(o);
    const double chaotianmen = at(t.dem, kChaotianmenX, kChaotianmenY);
    const double cuntan = at(t.dem, kCuntanX, kCuntanY);
    const double ciqikou = at(t.dem, kCiqikouX, kCiqikouY);
    BOOST_TEST_MESSAGE("bed at Chaotianmen " << chaotianmen << " m, Cuntan " << cuntan << " m, Ciqikou " << ciqikou
                                             << " m (Wusong)");
    BOOST_TEST(std::abs(chaotianmen - 149.0) <= kBedTol_m);
    // Every station lies in a channel: below the 2018 Cuntan stage (182.46 m) by far.
    for (double z : {chaotianmen, cuntan, ciqikou}) BOOST_TEST(z < 165.0);
    // The ridges: the highest ground west (Zhongliang) and east (Tongluo) of the city.
    double west = 0.0, east = 0.0;
    for (std::size_t row = 0; row < t.dem.ny; ++row)
        for (std::size_t col = 0; col < t.dem.nx; ++col) {
            const double x = t.dem.transform.origin_x + (static_cast<double>(col) + 0.5) * o.cell_m;
            const double z = t.dem.values[row * t.dem.nx + col];
            (x < 640000.0 ? west : east) = std::max(x < 640000.0 ? west : east, z);
        }
    BOOST_TEST_MESSAGE("ridge crests: west " << west << " m, east " << east << " m");
    BOOST_TEST(west - chaotianmen > kRidgeRiseMin_m);
    BOOST_TEST(east - chaotianmen > kRidgeRiseMin_m);
    // Built-up cells exist and are all above the floodplain.
    std::size_t urban = 0;
    for (std::size_t k = 0; k < t.built_up.values.size(); ++k)
        if (t.built_up.values[k] > 0.0) {
            ++urban;
            BOOST_TEST(t.dem.values[k] > 170.0);
        }
    BOOST_TEST(urban > t.built_up.values.size() / 20);
}

// The terrain files shipped with the cases are what the generator makes now: a change
// of the generator must come with regenerated files (and re-measured case READMEs).
BOOST_AUTO_TEST_CASE(shipped_terrain_is_what_the_generator_makes) {
    const fs::path shipped = fs::path(FLOODTWIN_SOURCE_DIR) / "cases/chongqing/terrain/central-200m.tif";
    twin::SchematicTerrainOptions o;
    o.cell_m = 200.0;
    const auto made = twin::make_schematic_terrain(o);
    const auto file = grids::read_raster(shipped);
    BOOST_TEST_REQUIRE(file.values.size() == made.dem.values.size());
    // Not bit for bit across builds: a Debug build rounds exp() and the fused
    // multiply-adds of -march=native differently (measured 2.3e-13 m).
    double worst = 0.0;
    for (std::size_t k = 0; k < file.values.size(); ++k)
        worst = std::max(worst, std::abs(file.values[k] - made.dem.values[k]));
    BOOST_TEST_MESSAGE("shipped terrain vs generator: largest difference " << worst << " m");
    BOOST_TEST(worst <= kShippedTol_m, "the shipped terrain differs by up to " << worst
                                                                                << " m: regenerate with floodtwin dem chongqing --cell 200");
}

BOOST_AUTO_TEST_CASE(unknown_region_is_named) {
    twin::SchematicTerrainOptions o;
    o.region = "wanzhou";
    try {
        (void)twin::make_schematic_terrain(o);
        BOOST_FAIL("an unknown region was accepted");
    } catch (const std::invalid_argument& e) {
        BOOST_TEST(std::string(e.what()).find("wanzhou") != std::string::npos);
        BOOST_TEST(std::string(e.what()).find("central") != std::string::npos);
    }
}
