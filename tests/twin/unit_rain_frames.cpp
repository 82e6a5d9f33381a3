// Unit: rain grids read for a case (rain.intensity): frame times from GeoTIFF band
// descriptions and NetCDF time coordinates, the frame in force at each time, and bad
// series refused with a message naming the key, the file and the band.
#define BOOST_TEST_MODULE twin_rain_frames
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <limits>
#include <stdexcept>
#include <string>

#include "tests/support/rain_frames.hpp"
#include "twin/setup/rain_frames.hpp"
#include "twin/case/time_text.hpp"

namespace fs = std::filesystem;
using namespace floodtwin;
using testing::FrameValues;
using testing::TempDir;
using testing::valley;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

const twin::Instant kStart = twin::parse_instant("2020-08-18T00:00:00+08:00", "case.start");
constexpr double kDuration_s = 7200.0;

FrameValues uniform(double mm_h) {
    return [mm_h](std::size_t, std::size_t) { return mm_h; };
}

std::string error_of(const fs::path& file) {
    try {
        (void)twin::read_rain_frames(file, valley(), kStart, kDuration_s, "rain.intensity");
    } catch (const std::exception& e) {
        return e.what();
    }
    return "(no error)";
}

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

BOOST_AUTO_TEST_CASE(geotiff_frame_times_come_from_band_descriptions) {
    TempDir dir("tiff");
    const fs::path file = dir.path() / "frames.tif";
    testing::write_frames_tiff(file, valley(),
                               {{"2020-08-18T00:00:00+08:00", uniform(10.0)},
                                {"2020-08-17T16:10:00Z", uniform(30.0)},  // the same clock as 00:10 at +08:00
                                {"2020-08-18T00:20:00+08:00", uniform(0.0)}});
    const twin::RainFrames frames = twin::read_rain_frames(file, valley(), kStart, kDuration_s, "rain.intensity");
    BOOST_TEST(frames.size() == 3u);
    BOOST_TEST(frames.times_s() == (std::vector<double>{0.0, 600.0, 1200.0}), boost::test_tools::per_element());
    BOOST_TEST(frames.next_change_s(-5.0) == 0.0);
    BOOST_TEST(frames.next_change_s(0.0) == 600.0);
    BOOST_TEST(frames.next_change_s(599.9) == 600.0);
    BOOST_TEST(frames.next_change_s(600.0) == 1200.0);
    BOOST_TEST(frames.next_change_s(1200.0) == kInf);
}

BOOST_AUTO_TEST_CASE(netcdf_frame_times_come_from_the_time_coordinate) {
    TempDir dir("nc");
    const fs::path file = dir.path() / "frames.nc";
    // Times relative to 23:30 the day before: the first frame is 30 min before the start.
    testing::write_frames_nc(file, valley(), "2020-08-17T23:30:00+08:00",
                             {{0.0, uniform(1.0)}, {2400.0, uniform(2.0)}});
    const twin::RainFrames frames = twin::read_rain_frames(file, valley(), kStart, kDuration_s, "rain.intensity");
    BOOST_TEST(frames.times_s() == (std::vector<double>{-1800.0, 600.0}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(one_band_without_a_time_is_a_pattern_for_the_whole_run) {
    TempDir dir("pattern");
    const fs::path file = dir.path() / "pattern.tif";
    testing::write_frames_tiff(file, valley(), {{"", uniform(5.0)}});
    const twin::RainFrames frames = twin::read_rain_frames(file, valley(), kStart, kDuration_s, "rain.intensity");
    BOOST_TEST_REQUIRE(frames.size() == 1u);
    BOOST_TEST(frames.times_s()[0] == -kInf);
    BOOST_TEST(frames.next_change_s(0.0) == kInf);

    // One band with a time is a series of one frame: no rain before it.
    testing::write_frames_tiff(file, valley(), {{"2020-08-18T01:00:00+08:00", uniform(5.0)}});
    BOOST_TEST(twin::read_rain_frames(file, valley(), kStart, kDuration_s, "rain.intensity").times_s()[0] == 3600.0);
}

BOOST_AUTO_TEST_CASE(apply_sets_the_frame_in_force) {
    // 3 x 2 flat cells of 10 m; the rain of one 10 s step shows the frame in force.
    hydro::Simulation sim(hydro::Grid{3, 2, 10.0, 10.0}, std::vector<double>(6, 0.0), hydro::SolverConfig{});
    const twin::RainFrames frames({100.0, 200.0, 300.0},
                                  {std::vector<double>(6, 1e-5), std::vector<double>{0, 0, 0, 2e-5, 2e-5, 2e-5},
                                   std::vector<double>(6, 0.0)},
                                  "test");
    const auto rain_of_a_step_at = [&](double t) {
        frames.apply(sim, t);
        sim.set_time(t);
        const double before = sim.ledger().rain_m3;
        const double dt = sim.step(10.0);
        BOOST_TEST(dt == 10.0);
        return sim.ledger().rain_m3 - before;
    };
    BOOST_TEST(rain_of_a_step_at(50.0) == 0.0);  // before the first frame
    BOOST_TEST(std::fabs(rain_of_a_step_at(100.0) - 6 * 1e-5 * 10.0 * 100.0) <= 1e-15);
    BOOST_TEST(std::fabs(rain_of_a_step_at(250.0) - 3 * 2e-5 * 10.0 * 100.0) <= 1e-15);
    BOOST_TEST(rain_of_a_step_at(5000.0) == 0.0);  // the last frame, of zeros, holds on

    const twin::RainFrames none;
    none.apply(sim, 0.0);  // no frames: the rain set before stays
    BOOST_TEST(none.next_change_s(0.0) == kInf);
}

BOOST_AUTO_TEST_CASE(frames_out_of_order_are_refused) {
    BOOST_CHECK_THROW(twin::RainFrames({0.0, 0.0}, {std::vector<double>(1, 0.0), std::vector<double>(1, 0.0)}, "t"),
                      std::invalid_argument);
    BOOST_CHECK_THROW(twin::RainFrames({0.0}, {std::vector<double>(1, -1.0)}, "t"), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(frames_on_another_grid_are_named) {
    TempDir dir("grid");
    const fs::path file = dir.path() / "shifted.tif";
    grids::Raster<double> shifted = valley();
    shifted.transform.origin_x += 40.0;  // one cell east
    testing::write_frames_tiff(file, shifted,
                               {{"2020-08-18T00:00:00+08:00", uniform(1.0)},
                                {"2020-08-18T00:10:00+08:00", uniform(0.0)}});
    const std::string m = error_of(file);
    BOOST_TEST(has(m, "rain.intensity"), m);
    BOOST_TEST(has(m, "band 1 of " + file.string()), m);
    BOOST_TEST(has(m, "must match cell for cell"), m);
}

BOOST_AUTO_TEST_CASE(times_not_increasing_are_named) {
    TempDir dir("order");
    const fs::path file = dir.path() / "order.tif";
    testing::write_frames_tiff(file, valley(),
                               {{"2020-08-18T00:00:00+08:00", uniform(1.0)},
                                {"2020-08-18T00:10:00+08:00", uniform(2.0)},
                                {"2020-08-17T16:10:00Z", uniform(3.0)}});  // the same instant as band 2
    const std::string m = error_of(file);
    BOOST_TEST(has(m, "rain.intensity"), m);
    BOOST_TEST(has(m, "band 3 of " + file.string()), m);
    BOOST_TEST(has(m, "not after band 2"), m);
}

BOOST_AUTO_TEST_CASE(geotiff_band_without_a_time_is_named) {
    TempDir dir("notime");
    const fs::path file = dir.path() / "notime.tif";
    testing::write_frames_tiff(file, valley(), {{"2020-08-18T00:00:00+08:00", uniform(1.0)}, {"", uniform(2.0)}});
    std::string m = error_of(file);
    BOOST_TEST(has(m, "rain.intensity"), m);
    BOOST_TEST(has(m, "band 2 of " + file.string()), m);
    BOOST_TEST(has(m, "has no time"), m);

    // A description that is not an instant with a zone is not taken for one.
    testing::write_frames_tiff(file, valley(), {{"2020-08-18T00:00:00+08:00", uniform(1.0)},
                                                {"2020-08-18 00:10", uniform(2.0)}});
    m = error_of(file);
    BOOST_TEST(has(m, "band 2 of " + file.string()), m);
    BOOST_TEST(has(m, "no zone"), m);
}

BOOST_AUTO_TEST_CASE(negative_or_missing_intensities_are_named) {
    TempDir dir("values");
    const fs::path file = dir.path() / "values.tif";
    const FrameValues one_negative = [](std::size_t col, std::size_t row) { return col == 7 && row == 3 ? -1.0 : 1.0; };
    testing::write_frames_tiff(file, valley(), {{"2020-08-18T00:00:00+08:00", uniform(1.0)},
                                                {"2020-08-18T00:10:00+08:00", one_negative}});
    std::string m = error_of(file);
    BOOST_TEST(has(m, "band 2 of " + file.string()), m);
    BOOST_TEST(has(m, "column 7, row 3"), m);

    const FrameValues one_nan = [](std::size_t col, std::size_t row) {
        return col == 2 && row == 1 ? std::numeric_limits<double>::quiet_NaN() : 1.0;
    };
    testing::write_frames_tiff(file, valley(), {{"2020-08-18T00:00:00+08:00", one_nan}});
    m = error_of(file);
    BOOST_TEST(has(m, file.string()), m);
    BOOST_TEST(has(m, "band 1"), m);
    BOOST_TEST(has(m, "column 2, row 1"), m);
}

BOOST_AUTO_TEST_CASE(series_that_misses_the_run_is_named) {
    TempDir dir("miss");
    const fs::path file = dir.path() / "miss.tif";
    // A day early (say, a wrong date): only the last frame would rain, all run long.
    testing::write_frames_tiff(file, valley(), {{"2020-08-17T00:00:00+08:00", uniform(1.0)},
                                                {"2020-08-17T00:10:00+08:00", uniform(2.0)}});
    std::string m = error_of(file);
    BOOST_TEST(has(m, "rain.intensity"), m);
    BOOST_TEST(has(m, file.string()), m);
    BOOST_TEST(has(m, "before the case start"), m);

    // After the two hours of the run: no rain would fall.
    testing::write_frames_tiff(file, valley(), {{"2020-08-18T02:00:00+08:00", uniform(1.0)},
                                                {"2020-08-18T02:10:00+08:00", uniform(2.0)}});
    m = error_of(file);
    BOOST_TEST(has(m, file.string()), m);
    BOOST_TEST(has(m, "after the end of the run"), m);

    // One frame before the start is rain from the start on: a pattern with a date.
    testing::write_frames_tiff(file, valley(), {{"2020-08-17T00:00:00+08:00", uniform(1.0)}});
    BOOST_TEST(twin::read_rain_frames(file, valley(), kStart, kDuration_s, "rain.intensity").size() == 1u);
}
