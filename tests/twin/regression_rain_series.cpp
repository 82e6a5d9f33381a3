// Whole-run regression of rain given as a series of grids (rain.intensity naming a
// GeoTIFF or NetCDF of frames) on the synthetic valley: the ledger's rain volume is the
// exact sum of intensity x duration x area over the frames, the mass balance closes,
// NetCDF and GeoTIFF series of the same storm rain the same, and a run resumed from a
// checkpoint in the middle of a frame ends bit for bit where the uninterrupted one ends.
#define BOOST_TEST_MODULE twin_rain_series_runs
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/support/rain_frames.hpp"
#include "tests/support/run_options.hpp"
#include "twin/run/run.hpp"

namespace fs = std::filesystem;
using namespace floodtwin;
using testing::FrameValues;
using testing::TempDir;
using testing::valley;

namespace {

constexpr double kCellArea_m2 = 40.0 * 40.0;
constexpr std::size_t kNx = 150, kNy = 50;

FrameValues uniform(double mm_h) {
    return [mm_h](std::size_t, std::size_t) { return mm_h; };
}
FrameValues western_half(double mm_h) {
    return [mm_h](std::size_t col, std::size_t) { return col < kNx / 2 ? mm_h : 0.0; };
}
FrameValues eastern_half(double mm_h) {
    return [mm_h](std::size_t col, std::size_t) { return col >= kNx / 2 ? mm_h : 0.0; };
}

// Rain volume of `mm_h` over `cells` cells for `seconds`.
double volume_m3(double mm_h, std::size_t cells, double seconds) {
    return mm_h / 3.6e6 * static_cast<double>(cells) * kCellArea_m2 * seconds;
}

// A 30-minute case on the valley, closed edges, rain from `rain_file`. Outputs every 7
// and 11 minutes so that no output time falls on a frame time (600 s, 1200 s): the
// frames must switch on their own schedule.
fs::path write_case(const fs::path& dir, const fs::path& rain_file, const std::string& extra_output = "") {
    const fs::path file = dir / "case.toml";
    std::ofstream(file) << "[case]\nname = \"rain-series\"\nstart = \"2020-08-18T00:00:00+08:00\"\n"
                        << "duration = \"30min\"\n[grid]\ndem = \"" << testing::kValleyDem.string() << "\"\n"
                        << "[hydro]\nscheme = \"fv2\"\n"
                        << "[rain]\nintensity = \"" << rain_file.string() << "\"\n"
                        << "[output]\nmap_interval = \"11min\"\ngauge_interval = \"7min\"\n"
                        << extra_output;
    return file;
}

twin::RunOptions options(const fs::path& case_file, const fs::path& out) {
    return testing::quiet_run(case_file, out);
}

nlohmann::json summary_of(const fs::path& out) {
    std::ifstream in(out / "summary.json");
    return nlohmann::json::parse(in);
}

// The storm of the issue: 10 mm/h everywhere from the start, 30 mm/h on the western
// half from 10 min, nothing from 20 min.
const double kStormVolume_m3 =
    volume_m3(10.0, kNx * kNy, 600.0) + volume_m3(30.0, kNx / 2 * kNy, 600.0);

void check_rain(const nlohmann::json& j, double expected_m3) {
    const double rain = j["mass_balance"]["rain_m3"].get<double>();
    BOOST_TEST(std::fabs(rain - expected_m3) <= 1e-12 * expected_m3, rain << " m3 vs " << expected_m3 << " m3");
    BOOST_TEST(std::fabs(j["mass_error"].get<double>()) <= 1e-10, j["mass_error"]);
    BOOST_TEST(j["simulated_s"].get<double>() == 1800.0);
}

}  // namespace

BOOST_AUTO_TEST_CASE(geotiff_series_rains_the_exact_volume) {
    TempDir dir("tiff");
    const fs::path frames = dir.path() / "storm.tif";
    testing::write_frames_tiff(frames, valley(),
                               {{"2020-08-18T00:00:00+08:00", uniform(10.0)},
                                {"2020-08-18T00:10:00+08:00", western_half(30.0)},
                                {"2020-08-18T00:20:00+08:00", uniform(0.0)}});
    twin::run_case(options(write_case(dir.path(), frames), dir.path() / "out"));
    check_rain(summary_of(dir.path() / "out"), kStormVolume_m3);
}

BOOST_AUTO_TEST_CASE(netcdf_series_rains_the_same_volume) {
    TempDir dir("nc");
    const fs::path frames = dir.path() / "storm.nc";
    testing::write_frames_nc(frames, valley(), "2020-08-18T00:00:00+08:00",
                             {{0.0, uniform(10.0)}, {600.0, western_half(30.0)}, {1200.0, uniform(0.0)}});
    twin::run_case(options(write_case(dir.path(), frames), dir.path() / "out"));
    check_rain(summary_of(dir.path() / "out"), kStormVolume_m3);
}

BOOST_AUTO_TEST_CASE(no_rain_before_the_first_frame_and_the_last_holds_to_the_end) {
    TempDir dir("hold");
    const fs::path frames = dir.path() / "late.tif";
    testing::write_frames_tiff(frames, valley(),
                               {{"2020-08-18T00:05:00+08:00", uniform(10.0)},
                                {"2020-08-18T00:20:00+08:00", eastern_half(20.0)}});
    twin::run_case(options(write_case(dir.path(), frames), dir.path() / "out"));
    check_rain(summary_of(dir.path() / "out"),
               volume_m3(10.0, kNx * kNy, 900.0) + volume_m3(20.0, kNx / 2 * kNy, 600.0));
}

BOOST_AUTO_TEST_CASE(resume_in_the_middle_of_a_frame_ends_bit_for_bit) {
    TempDir dir("resume");
    const fs::path frames = dir.path() / "storm.tif";
    testing::write_frames_tiff(frames, valley(),
                               {{"2020-08-18T00:00:00+08:00", uniform(10.0)},
                                {"2020-08-18T00:10:00+08:00", western_half(30.0)},
                                {"2020-08-18T00:20:00+08:00", uniform(0.0)}});
    const fs::path case_file = write_case(dir.path(), frames, "checkpoint_interval = \"15min\"\n");
    twin::run_case(options(case_file, dir.path() / "whole"));

    // Stopped after 16 min: the checkpoint at 15 min lies inside the second frame, so
    // the resumed run must rain with that frame, not the one prepare_case starts with.
    auto first = options(case_file, dir.path() / "part");
    first.overrides = {"case.duration=16min"};
    twin::run_case(first);
    auto second = options(case_file, dir.path() / "resumed");
    second.resume = dir.path() / "part/checkpoints/checkpoint_000000900.000.ckpt";
    BOOST_TEST_REQUIRE(fs::exists(*second.resume));
    twin::run_case(second);

    const auto a = summary_of(dir.path() / "whole");
    const auto b = summary_of(dir.path() / "resumed");
    check_rain(b, kStormVolume_m3);
    BOOST_TEST(a["steps"] == b["steps"]);
    BOOST_TEST(a["mass_balance"] == b["mass_balance"]);
}
