// Whole-run regression of the Chongqing cases on the terrain on real geography
// (cases/chongqing/hechuan-three-rivers, yuzhong-rainstorm, flash-flood), each in a short
// window: the run completes, the water balance closes, and the check documented in
// the case's README holds. Windows are chosen so the program runs in well under
// 90 s on one core.
#define BOOST_TEST_MODULE twin_chongqing_cases
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "grids/gdal_raster.hpp"
#include "tests/support/run_options.hpp"
#include "tests/support/temp_dir.hpp"
#include "twin/run/run.hpp"

namespace fs = std::filesystem;
using namespace floodtwin;
using TempDir = floodtwin::testing::TempDir;

namespace {

const fs::path kCases = fs::path(FLOODTWIN_SOURCE_DIR) / "cases/chongqing";

nlohmann::json read_json(const fs::path& p) {
    std::ifstream in(p);
    return nlohmann::json::parse(in);
}

std::vector<std::string> split(const std::string& line, char sep) {
    std::vector<std::string> out;
    std::string field;
    std::istringstream s(line);
    while (std::getline(s, field, sep)) out.push_back(field);
    return out;
}

// mass_balance.csv as columns by header name, one value per row.
std::map<std::string, std::vector<double>> read_mass_balance(const fs::path& p) {
    std::ifstream in(p);
    std::string line;
    std::getline(in, line);
    const std::vector<std::string> names = split(line, ',');
    std::map<std::string, std::vector<double>> columns;
    while (std::getline(in, line)) {
        const std::vector<std::string> fields = split(line, ',');
        BOOST_TEST_REQUIRE(fields.size() == names.size(), "mass_balance.csv row: " << line);
        for (std::size_t k = 1; k < fields.size(); ++k) columns[names[k]].push_back(std::stod(fields[k]));
    }
    return columns;
}

// One gauge's samples from gauges.csv: depth_m by time.
std::vector<double> gauge_depths(const fs::path& p, const std::string& gauge) {
    std::ifstream in(p);
    std::string line;
    std::getline(in, line);
    std::vector<double> depths;
    while (std::getline(in, line)) {
        const auto f = split(line, ',');
        if (f.size() > 3 && f[2] == gauge) depths.push_back(std::stod(f[3]));
    }
    return depths;
}

twin::RunOptions options(const std::string& name, const fs::path& out, std::vector<std::string> overrides) {
    return testing::quiet_run(kCases / name / "case.toml", out, std::move(overrides));
}

// The run completed with its outputs and a closed water balance.
nlohmann::json check_completed(const fs::path& out, double simulated_s) {
    for (const char* f : {"results.nc", "max_depth.tif", "gauges.csv", "mass_balance.csv", "summary.json"})
        BOOST_TEST(fs::exists(out / f), f);
    const auto j = read_json(out / "summary.json");
    BOOST_TEST(j["simulated_s"].get<double>() == simulated_s);
    BOOST_TEST(std::abs(j["mass_error"].get<double>()) < 1e-10, "mass error " << j["mass_error"]);
    // The summary says what the terrain is: the builder's tag of the DEM.
    const std::string terrain = j["terrain"]["provenance"].get<std::string>();
    BOOST_TEST(terrain.find("REAL: river centre lines") != std::string::npos, terrain);
    BOOST_TEST(terrain.find("CONSTRUCTED: channel sections") != std::string::npos, terrain);
    return j;
}

double relative(double a, double b) { return std::abs(a - b) / std::abs(b); }

// Integral over [0, t] of a series linear from q0 at 0 to q1 at t1 (t <= t1).
double ramp_volume(double q0, double q1, double t1, double t) { return t * (q0 + 0.5 * (q1 - q0) * t / t1); }

}  // namespace

// hechuan-three-rivers, first hour: the three inflows bring exactly their hydrographs'
// volume; the channels start full from the spin-up (Dongjintuo more than 10 m deep, every
// station wet) and near steady (what leaves below Beibei in the last quarter hour is
// within 10 % of the 11,000 m3/s base flow).
BOOST_AUTO_TEST_CASE(hechuan_three_rivers_first_hour) {
    TempDir out("hechuan");
    twin::run_case(options("hechuan-three-rivers", out.path(), {"case.duration=1h", "output.map_interval=15min"}));
    const auto j = check_completed(out.path(), 3600.0);

    // The hydrographs rise linearly from the start: Jialing 6,000 -> 21,000 m3/s in 30 h,
    // Qu 3,000 -> 8,000 and Fu 2,000 -> 4,500 in 26 h.
    const double t = 3600.0;
    const double expected = ramp_volume(6000.0, 21000.0, 30 * 3600.0, t) + ramp_volume(3000.0, 8000.0, 26 * 3600.0, t) +
                            ramp_volume(2000.0, 4500.0, 26 * 3600.0, t);
    const auto mb = read_mass_balance(out.path() / "mass_balance.csv");
    const double jialing = mb.at("Jialing_in_m3").back(), qu = mb.at("Qu_in_m3").back(), fu = mb.at("Fu_in_m3").back();
    BOOST_TEST_MESSAGE("hechuan: in " << jialing + qu + fu << " m3 (expected " << expected << "), out "
                                      << mb.at("below Beibei_out_m3").back() << " m3");
    BOOST_TEST(relative(jialing + qu + fu, expected) < 1e-9);
    BOOST_TEST(relative(j["mass_balance"]["inflow_m3"].get<double>(), expected) < 1e-9);
    BOOST_TEST(j["mass_balance"]["initial_storage_m3"].get<double>() > 5e8);  // the spin-up's channels

    // The initial state has depths but no velocities: the outflow climbs back to the base
    // flow within about 45 minutes. Over the last quarter of the hour it is there.
    const auto& below_beibei = mb.at("below Beibei_out_m3");
    BOOST_TEST_REQUIRE(below_beibei.size() == 5u);  // 0, 15, 30, 45, 60 min
    const double out_m3_s = (below_beibei[4] - below_beibei[3]) / 900.0;
    BOOST_TEST(std::abs(out_m3_s - 11000.0) < 0.1 * 11000.0, "outflow below Beibei " << out_m3_s << " m3/s");

    const auto dongjintuo = gauge_depths(out.path() / "gauges.csv", "Dongjintuo");
    BOOST_TEST_REQUIRE(!dongjintuo.empty());
    BOOST_TEST(dongjintuo.front() > 10.0, "Dongjintuo depth at the start " << dongjintuo.front() << " m");
    for (const auto& g : j["gauges"])
        BOOST_TEST(!g["peak_water_level_m"].is_null(), g["name"]);  // every station in a wet channel
}

// yuzhong-rainstorm with its 100 mm compressed into 10 minutes so the whole storm falls
// inside a short window on the full 25 m grid (the drainage raster matches it cell for
// cell): the rain volume is exactly 100 mm over the grid, and built-up cells drained water.
BOOST_AUTO_TEST_CASE(yuzhong_rainstorm_ledger_closes) {
    TempDir out("yuzhong");
    twin::run_case(options("yuzhong-rainstorm", out.path(),
                           {"case.duration=15min", "output.map_interval=15min",
                            "rain.intensity=[[0, 0.0], [300, 1200.0], [600, 0.0]]"}));  // mm/h: 100 mm
    const auto j = check_completed(out.path(), 900.0);
    const double area_m2 = j["nx"].get<double>() * j["ny"].get<double>() * std::pow(j["cell_size_m"].get<double>(), 2);
    const double rain = j["mass_balance"]["rain_m3"].get<double>();
    const double loss = j["mass_balance"]["loss_m3"].get<double>();
    BOOST_TEST_MESSAGE("yuzhong: rain " << rain << " m3 on " << area_m2 << " m2, drained " << loss << " m3");
    BOOST_TEST(relative(rain, 0.1 * area_m2) < 1e-9);
    BOOST_TEST(loss > 0.0);
    // No more than 30 mm/h over the window on every cell could drain.
    BOOST_TEST(loss < 0.030 * 900.0 / 3600.0 * area_m2);
}

// flash-flood, first 30 minutes of the cloudburst: exactly 30 mm fell, on every cell
// (each was wet at some time: its maximum depth is above zero, however steep it is),
// and water has already left through the gully's mouth.
BOOST_AUTO_TEST_CASE(flash_flood_reaches_the_outlet) {
    TempDir out("flash");
    twin::run_case(options("flash-flood", out.path(), {"case.duration=30min", "output.map_interval=10min"}));
    const auto j = check_completed(out.path(), 1800.0);
    const double area_m2 = j["nx"].get<double>() * j["ny"].get<double>() * std::pow(j["cell_size_m"].get<double>(), 2);
    BOOST_TEST(relative(j["mass_balance"]["rain_m3"].get<double>(), 0.030 * area_m2) < 1e-9);

    const auto max_depth = grids::read_raster((out.path() / "max_depth.tif").string());
    // The envelope starts at 0 and only rises, so its lowest value says whether rain
    // reached every cell, not whether a depth went negative (hydro's ledger measures that).
    double lowest = std::numeric_limits<double>::infinity(), highest = 0.0;
    std::size_t cells = 0;
    for (double v : max_depth.values)
        if (!max_depth.is_nodata_value(v)) {
            lowest = std::min(lowest, v);
            highest = std::max(highest, v);
            ++cells;
        }
    BOOST_TEST_MESSAGE("flash-flood: max depth from " << lowest << " m to " << highest << " m over " << cells
                                                      << " cells");
    BOOST_TEST(cells == max_depth.values.size());
    BOOST_TEST(lowest > 0.0);
    BOOST_TEST(highest > 0.5);  // the gully runs deep
    BOOST_TEST(j["mass_balance"]["storage_m3"].get<double>() > 0.0);

    const auto mb = read_mass_balance(out.path() / "mass_balance.csv");
    const double mouth = mb.at("gully mouth_out_m3").back();
    BOOST_TEST_MESSAGE("flash-flood: " << mouth << " m3 out of the gully mouth in 30 min");
    BOOST_TEST(mouth > 1000.0);
}
