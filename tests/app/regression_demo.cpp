// Whole-run regression: the built-in demo, small and short, end to end: terrain,
// solver, GeoTIFF maps, ParaView series, summary. Checks the files are there and
// readable, the water balance closes, the run is reproducible to the bit, and the
// flood's extent and depth match the reference within a stated tolerance.
#define BOOST_TEST_MODULE twin_demo_run
#include <boost/test/unit_test.hpp>

#include <omp.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <nlohmann/json.hpp>

#include "tests/support/files.hpp"
#include "tests/support/temp_dir.hpp"
#include "grids/gdal_raster.hpp"
#include "app/demo.hpp"

namespace fs = std::filesystem;
using namespace floodtwin;

namespace {

// Reference of the 40 m, 600 s fv2 demo (recorded 2026-12-07 from this test's own
// message): cells of the max-depth map deeper than 0.1 m, its largest value, and the
// volume under it. To regenerate after an intended change of the numerics, run
// `twin_regression_demo --log_level=message` and copy the printed figures. Tolerance:
// 1e-6 relative: far above round-off differences between compilers and builds, far
// below any change in the flood that matters.
constexpr double kRefFloodedCells = 2923.0;
constexpr double kRefMaxDepth_m = 24.8;  // the pool at the dam: the start, not the flood
constexpr double kRefVolume_m3 = 43909881.534373187;
constexpr double kRegressionTol = 1e-6;

struct MapStats {
    double flooded_cells = 0.0;
    double max_depth = 0.0;
    double volume_m3 = 0.0;
};

MapStats stats(const fs::path& tif) {
    const auto r = grids::read_raster(tif);
    MapStats s;
    for (double v : r.values) {
        if (r.is_nodata_value(v)) continue;
        s.flooded_cells += v > 0.1 ? 1.0 : 0.0;
        s.max_depth = std::max(s.max_depth, v);
        s.volume_m3 += v * r.resolution_x() * r.resolution_y();
    }
    return s;
}

app::DemoOptions small(const fs::path& out) {
    app::DemoOptions o;
    o.out_dir = out;
    o.cell_m = 40.0;
    o.duration_s = 600.0;
    o.frame_interval_s = 300.0;
    o.quiet = true;
    o.maps = false;  // rendering is tested in tests/viz
    return o;
}

}  // namespace

BOOST_AUTO_TEST_CASE(demo_writes_readable_outputs_and_closes_the_balance) {
    const floodtwin::testing::TempDir folder("demo");
    const fs::path& out = folder.path();
    const auto result = app::run_demo(small(out));
    for (const char* f : {"inputs/case.toml", "inputs/valley-dem.tif", "inputs/valley-pool.tif", "results.nc",
                          "max_depth.tif", "arrival_time.tif", "gauges.csv", "mass_balance.csv", "summary.json"})
        BOOST_TEST(fs::exists(out / f), f);
    // The ParaView files come from viz: a build without it (FLOODTWIN_VIZ=OFF) writes none.
#ifdef FLOODTWIN_WITH_VIZ
    for (const char* f : {"results.pvd", "results_maxima.vti"}) BOOST_TEST(fs::exists(out / f), f);
#else
    BOOST_TEST(!fs::exists(out / "results.pvd"));
#endif
    // No temporary file is left behind.
    for (const auto& e : fs::recursive_directory_iterator(out))
        BOOST_TEST(e.path().filename().string().find(".tmp") == std::string::npos, e.path());

    std::ifstream in(out / "summary.json");
    const auto j = nlohmann::json::parse(in);
    BOOST_TEST(std::abs(j["mass_error"].get<double>()) <= 1e-10);
    BOOST_TEST(std::abs(result.mass_error) <= 1e-10);
    BOOST_TEST(j["simulated_s"].get<double>() == 600.0);
    BOOST_TEST(j["case"].get<std::string>().find("synthetic") != std::string::npos);

    // The flood left the reservoir and ran down the valley: the arrival map has cells
    // reached after t = 0 downstream of the dam.
    const auto arrival = grids::read_raster(out / "arrival_time.tif");
    double latest = 0.0;
    for (double v : arrival.values)
        if (!arrival.is_nodata_value(v)) latest = std::max(latest, v);
    BOOST_TEST(latest > 60.0);
    BOOST_TEST(latest <= 600.0);
}

BOOST_AUTO_TEST_CASE(demo_is_reproducible_across_thread_counts) {
    const floodtwin::testing::TempDir folder_a("demo_a"), folder_b("demo_b");
    const fs::path &a = folder_a.path(), &b = folder_b.path();
    // The 40 m grid has 7,500 cells, fewer than the default 16,384 per thread: without
    // this a step would use one thread whatever is asked, and the test would compare a
    // run with itself.
    const std::vector<std::string> share = {"hydro.min_cells_per_thread=1000"};
    auto oa = small(a);
    oa.threads = 1;
    oa.overrides = share;
    auto ob = small(b);
    ob.threads = 2;
    ob.overrides = share;
    app::run_demo(oa);
    app::run_demo(ob);
    BOOST_TEST(floodtwin::testing::read_json(a / "summary.json")["threads_used"].get<int>() == 1);
    BOOST_TEST(floodtwin::testing::read_json(b / "summary.json")["threads_used"].get<int>() == 2);
    const auto ra = grids::read_raster(a / "max_depth.tif");
    const auto rb = grids::read_raster(b / "max_depth.tif");
    BOOST_TEST(ra.values == rb.values, boost::test_tools::per_element());
    const MapStats s = stats(a / "max_depth.tif");
    BOOST_TEST_MESSAGE(std::setprecision(17) << "demo 40 m / 600 s: flooded cells " << s.flooded_cells
                                             << ", max depth " << s.max_depth << " m, volume of max-depth map "
                                             << s.volume_m3 << " m3");
    BOOST_TEST(s.flooded_cells == kRefFloodedCells);
    BOOST_TEST(std::abs(s.max_depth - kRefMaxDepth_m) <= kRegressionTol * kRefMaxDepth_m);
    BOOST_TEST(std::abs(s.volume_m3 - kRefVolume_m3) <= kRegressionTol * kRefVolume_m3);
}
