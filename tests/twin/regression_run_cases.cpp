// Whole-run regression of `floodtwin run` on the example cases (cases/examples):
// outputs complete and readable, water balance closed, results against stored
// reference values, checkpoint + resume ending bit for bit where the uninterrupted
// run ends, and bad input at run level refused with a message naming the key or file.
#define BOOST_TEST_MODULE twin_run_cases
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <nlohmann/json.hpp>
#include <sstream>

#include "grids/gdal_raster.hpp"
#include "tests/support/files.hpp"
#include "tests/support/run_options.hpp"
#include "tests/support/temp_dir.hpp"
#include "twin/run/run.hpp"

namespace fs = std::filesystem;
using namespace floodtwin;

namespace {

const fs::path kCases = fs::path(FLOODTWIN_SOURCE_DIR) / "cases/examples";

// Reference figures of the example cases, recorded 2026-12-07 from this test's own
// messages (run with --log_level=message to see them again after an intended change
// of the numerics). Tolerance 1e-6 relative: far above differences between builds,
// far below any change in the flood that matters.
constexpr double kTol = 1e-6;

struct GaugeReference {
    const char* gauge;
    double peak_level_m;  // station datum
    double peak_time_s;
};
constexpr GaugeReference kFloodGauges[] = {
    {"mid-valley", 196.97039913779, 3917.3219547396188},
    {"near-mouth", 191.55749799694149, 5265.6037884768693},
};
constexpr double kFloodMaxDepthSum_m = 1049.5458150559909;  // sum of results.nc max_depth over all cells

bool near(double value, double reference) { return std::abs(value - reference) <= kTol * std::abs(reference); }

using floodtwin::testing::TempDir;
using floodtwin::testing::read_json;
using floodtwin::testing::read_text;

double map_sum(const fs::path& results_nc, const char* var) {
    const auto r = grids::read_raster("NETCDF:\"" + results_nc.string() + "\":" + var);
    double s = 0.0;
    for (double v : r.values)
        if (!r.is_nodata_value(v)) s += v;
    return s;
}

twin::RunOptions options(const std::string& name, const fs::path& out) {
    return testing::quiet_run(kCases / name / "case.toml", out);
}

std::string message_of(const twin::RunOptions& o) {
    try {
        twin::run_case(o);
    } catch (const std::exception& e) {
        return e.what();
    }
    return "(no error)";
}

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

BOOST_AUTO_TEST_CASE(valley_flood_runs_and_matches_reference) {
    TempDir out("flood");
    const auto result = twin::run_case(options("valley-flood", out.path()));
    for (const char* f : {"results.nc", "max_depth.tif", "arrival_time.tif", "gauges.csv", "mass_balance.csv",
                          "summary.json"})
        BOOST_TEST(fs::exists(out.path() / f), f);
    const auto j = read_json(out.path() / "summary.json");
    BOOST_TEST(std::abs(j["mass_error"].get<double>()) <= 1e-10);
    BOOST_TEST(std::abs(result.mass_error) <= 1e-10);
    BOOST_TEST(j["simulated_s"].get<double>() == 7200.0);
    BOOST_TEST(j["mass_balance"]["rain_m3"].get<double>() > 0.0);
    BOOST_TEST(j["mass_balance"]["loss_m3"].get<double>() > 0.0);

    // gauges.csv: header, 25 samples (0, 5 min, ..., 2 h) per gauge, times in UTC+8.
    const std::string csv = read_text(out.path() / "gauges.csv");
    BOOST_TEST(has(csv, "time_iso,time_s,gauge,depth_m,water_level_m,velocity_x_m_s,velocity_y_m_s,warning_level\n"));
    BOOST_TEST(has(csv, "2020-08-18T02:00:00+08:00,7200.000,near-mouth,"));
    BOOST_TEST(std::count(csv.begin(), csv.end(), '\n') == 1 + 25 * 2);

    const double sum = map_sum(out.path() / "results.nc", "max_depth");
    BOOST_TEST_MESSAGE(std::setprecision(17) << "valley-flood: sum of max_depth " << sum << " m, steps " << j["steps"]);
    BOOST_TEST(near(sum, kFloodMaxDepthSum_m), sum << " vs " << kFloodMaxDepthSum_m);
    BOOST_TEST_REQUIRE(j["gauges"].size() == std::size(kFloodGauges));
    for (std::size_t k = 0; k < std::size(kFloodGauges); ++k) {
        const auto& g = j["gauges"][k];
        const double level = g["peak_water_level_m"].get<double>(), t = g["time_of_peak_s"].get<double>();
        BOOST_TEST_MESSAGE(std::setprecision(17) << "valley-flood gauge " << g["name"] << ": peak " << level << " m at "
                                                 << t << " s");
        BOOST_TEST(g["name"].get<std::string>() == kFloodGauges[k].gauge);
        BOOST_TEST(near(level, kFloodGauges[k].peak_level_m), level << " vs " << kFloodGauges[k].peak_level_m);
        BOOST_TEST(near(t, kFloodGauges[k].peak_time_s), t << " vs " << kFloodGauges[k].peak_time_s);
    }
}

BOOST_AUTO_TEST_CASE(resume_from_checkpoint_ends_bit_for_bit) {
    TempDir whole("whole"), part("part"), resumed("resumed");
    twin::run_case(options("valley-dam-break", whole.path()));

    // The same case stopped after 7 minutes (the 5-minute checkpoint is written)...
    auto first = options("valley-dam-break", part.path());
    first.overrides = {"case.duration=7min"};
    twin::run_case(first);
    const fs::path ck = part.path() / "checkpoints/checkpoint_000000300.000.ckpt";
    BOOST_TEST_REQUIRE(fs::exists(ck));

    // ... and resumed from it with the full duration.
    auto second = options("valley-dam-break", resumed.path());
    second.resume = ck;
    twin::run_case(second);

    for (const char* f : {"max_depth.tif", "arrival_time.tif", "gauges.csv", "mass_balance.csv"})
        BOOST_TEST(read_text(whole.path() / f) == read_text(resumed.path() / f), f);
    const auto a = read_json(whole.path() / "summary.json");
    const auto b = read_json(resumed.path() / "summary.json");
    BOOST_TEST(a["steps"] == b["steps"]);
    BOOST_TEST(a["mass_balance"] == b["mass_balance"]);
    BOOST_TEST(a["gauges"] == b["gauges"]);
    for (const char* var : {"max_depth", "ground_level", "arrival_time"})
        BOOST_TEST(map_sum(whole.path() / "results.nc", var) == map_sum(resumed.path() / "results.nc", var), var);
}

// The inertial scheme keeps discharges on faces: its checkpoint holds them (the FACE
// section), and a run resumed from it ends on the same bytes.
BOOST_AUTO_TEST_CASE(inertial_resume_from_checkpoint_ends_bit_for_bit) {
    TempDir whole("inertial-whole"), part("inertial-part"), resumed("inertial-resumed");
    auto a = options("valley-dam-break", whole.path());
    a.overrides = {"hydro.scheme=inertial"};
    twin::run_case(a);
    auto first = options("valley-dam-break", part.path());
    first.overrides = {"hydro.scheme=inertial", "case.duration=7min"};
    twin::run_case(first);
    const fs::path ck = part.path() / "checkpoints/checkpoint_000000300.000.ckpt";
    BOOST_TEST_REQUIRE(fs::exists(ck));
    auto second = options("valley-dam-break", resumed.path());
    second.overrides = {"hydro.scheme=inertial"};
    second.resume = ck;
    twin::run_case(second);
    for (const char* f : {"max_depth.tif", "arrival_time.tif", "gauges.csv", "mass_balance.csv"})
        BOOST_TEST(read_text(whole.path() / f) == read_text(resumed.path() / f), f);
    BOOST_TEST(read_json(whole.path() / "summary.json")["steps"] == read_json(resumed.path() / "summary.json")["steps"]);
}

BOOST_AUTO_TEST_CASE(checkpoint_of_another_case_is_refused) {
    TempDir part("other"), out("refuse");
    auto first = options("valley-dam-break", part.path());
    first.overrides = {"case.duration=6min"};
    twin::run_case(first);
    auto wrong = options("valley-flood", out.path());
    wrong.resume = part.path() / "checkpoints/checkpoint_000000300.000.ckpt";
    const std::string m = message_of(wrong);
    BOOST_TEST(has(m, "valley-dam-break"), m);
    BOOST_TEST(has(m, "valley-flood"), m);
}

BOOST_AUTO_TEST_CASE(resume_with_another_start_or_gauges_names_what_differs) {
    TempDir part("moved-first"), out("moved-refused");
    auto first = options("valley-dam-break", part.path());
    first.overrides = {"case.duration=6min"};
    twin::run_case(first);
    const fs::path ck = part.path() / "checkpoints/checkpoint_000000300.000.ckpt";
    // A year later: gauges.csv would mix 2020 and 2021 times.
    auto later = options("valley-dam-break", out.path());
    later.resume = ck;
    later.overrides = {"case.start=2027-06-01T08:00:00+08:00"};
    std::string m = message_of(later);
    BOOST_TEST(has(m, "differs in start (case.start)"), m);
    BOOST_TEST(!has(m, "gauges"), m);
    BOOST_TEST(!fs::exists(out.path() / "gauges.csv"));
    // A gauge moved: named as the gauges part, not the start.
    auto moved = options("valley-dam-break", out.path());
    moved.resume = ck;
    moved.overrides = {"gauge[0].x=641600"};
    m = message_of(moved);
    BOOST_TEST(has(m, "differs in gauges (the [[gauge]] names and positions)"), m);
    BOOST_TEST(!has(m, "case.start"), m);
}

BOOST_AUTO_TEST_CASE(gauge_outside_the_domain_is_named) {
    TempDir out("gauge");
    auto o = options("valley-dam-break", out.path());
    o.overrides = {"gauge[0].x=1.0"};
    const std::string m = message_of(o);
    BOOST_TEST(has(m, "gauge[0]"), m);
    BOOST_TEST(has(m, "outside the domain"), m);
}

BOOST_AUTO_TEST_CASE(boundary_line_off_the_edge_is_named) {
    TempDir out("line");
    auto o = options("valley-dam-break", out.path());
    o.overrides = {"boundary[0].line=[[645000.0, 3268500.0], [645000.0, 3269500.0]]"};
    const std::string m = message_of(o);
    BOOST_TEST(has(m, "boundary[0].line"), m);
    BOOST_TEST(has(m, "not on the east edge"), m);
}

BOOST_AUTO_TEST_CASE(unwritable_output_folder_is_named_before_the_run) {
    TempDir out("unwritable");
    fs::create_directories(out.path());
    std::ofstream(out.path() / "a-file") << "x";
    auto o = options("valley-dam-break", out.path() / "a-file" / "out");
    const std::string m = message_of(o);
    BOOST_TEST(has(m, "a-file"), m);
}

BOOST_AUTO_TEST_CASE(failed_write_leaves_no_results_and_says_why) {
    TempDir out("failwrite");
    const auto o = options("valley-dam-break", out.path());
    // Inject a write failure: a folder where the results file's temporary must go.
    fs::create_directories(out.path() / ("results.nc.tmp" + std::to_string(::getpid())));
    const std::string m = message_of(o);
    BOOST_TEST(has(m, "results.nc"), m);
    BOOST_TEST(!fs::exists(out.path() / "results.nc"));
    const auto summary = read_json(out.path() / "summary.json");
    BOOST_TEST(!summary["completed"].get<bool>());
    BOOST_TEST(has(summary["stopped"]["reason"].get<std::string>(), "results.nc"));
}

BOOST_AUTO_TEST_CASE(a_second_run_into_a_results_folder_is_refused_and_changes_nothing) {
    TempDir out("second");
    const auto o = options("valley-dam-break", out.path());
    twin::run_case(o);
    const std::string before = read_text(out.path() / "results.nc");
    const std::string summary_before = read_text(out.path() / "summary.json");
    const std::string m = message_of(o);
    BOOST_TEST(has(m, "holds the results of case 'valley-dam-break'"), m);
    BOOST_TEST(has(m, "--overwrite"), m);
    BOOST_TEST(read_text(out.path() / "results.nc") == before);
    BOOST_TEST(read_text(out.path() / "summary.json") == summary_before);
    auto again = o;
    again.overwrite = true;
    twin::run_case(again);
    BOOST_TEST(read_text(out.path() / "results.nc").size() == before.size());
}

BOOST_AUTO_TEST_CASE(source_outside_the_domain_is_named) {
    TempDir out("source");
    fs::create_directories(out.path());
    std::ofstream(out.path() / "case.toml") << "[case]\nname = \"source-outside\"\nstart = \"2026-06-01T08:00:00+08:00\"\n"
                                          << "duration = \"1min\"\n[grid]\ndem = \""
                                          << (kCases / "valley-dem.tif").string() << "\"\n"
                                          << "[[source]]\nx = 0.0\ny = 0.0\ndischarge = 5.0\n";
    twin::RunOptions o;
    o.case_file = out.path() / "case.toml";
    o.out_dir = out.path() / "out";
    o.quiet = true;
    const std::string m = message_of(o);
    BOOST_TEST(has(m, "source[0]"), m);
    BOOST_TEST(has(m, "outside the domain"), m);
}

BOOST_AUTO_TEST_CASE(rain_raster_on_another_grid_is_named) {
    TempDir out("rain");
    fs::create_directories(out.path());
    // A raster of the right kind on the wrong grid: the valley at 80 m instead of 40 m.
    const fs::path coarse = out.path() / "rain80.tif";
    const std::string command = std::string(FLOODTWIN_EXE) + " dem valley --cell 80 --out " + coarse.string();
    BOOST_TEST_REQUIRE(std::system(command.c_str()) == 0);
    auto o = options("valley-dam-break", out.path() / "out");
    o.overrides = {"rain.intensity=\"" + coarse.string() + "\""};
    const std::string m = message_of(o);
    BOOST_TEST(has(m, "rain.intensity"), m);
    BOOST_TEST(has(m, "rain80.tif"), m);
    BOOST_TEST(has(m, "must match cell for cell"), m);
}

BOOST_AUTO_TEST_CASE(stack_of_rain_grids_without_times_is_refused_not_guessed) {
    TempDir out("rainseries");
    fs::create_directories(out.path());
    // Two frames of intensities on the right grid, stacked as bands, but no band says
    // when it falls: refused rather than taken in some order (series that do say are
    // run in tests/twin/regression_rain_series.cpp).
    const fs::path stack = out.path() / "frames.vrt", frames = out.path() / "frames.tif";
    const std::string dem = (kCases / "valley-dem.tif").string();
    const std::string command = "gdalbuildvrt -q -separate " + stack.string() + " " + dem + " " + dem +
                                " && gdal_translate -q " + stack.string() + " " + frames.string();
    BOOST_TEST_REQUIRE(std::system(command.c_str()) == 0);
    auto o = options("valley-dam-break", out.path() / "out");
    o.overrides = {"rain.intensity=\"" + frames.string() + "\""};
    const std::string m = message_of(o);
    BOOST_TEST(has(m, "rain.intensity"), m);
    BOOST_TEST(has(m, "band 1 of " + frames.string()), m);
    BOOST_TEST(has(m, "has no time"), m);
}
