// Whole runs of cases/examples/valley-flood with station thresholds set by --set
// overrides around its known peaks (tests/twin/regression_run_cases.cpp: mid-valley
// 196.973 m, near-mouth 191.553 m, in the station datum): the warning level at the
// peak and the first time of each level in summary.json, gauges.csv's warning_level
// row by row, a threshold exactly at the peak (inclusive), and the stations the maps
// get (twin/run/map_stations.hpp) at every map time.
#define BOOST_TEST_MODULE twin_gauge_warnings
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <ostream>
#include <string>
#include <vector>

#include "tests/support/temp_dir.hpp"
#include "twin/case/case_file.hpp"
#include "twin/setup/case_setup.hpp"
#include "twin/run/gauges.hpp"
#include "twin/run/map_stations.hpp"
#include "twin/run/run.hpp"
#include "twin/warning/warning_levels.hpp"

namespace fs = std::filesystem;

// Levels print by name in test messages.
namespace floodtwin::twin {
std::ostream& operator<<(std::ostream& o, WarningLevel level) { return o << to_string(level); }
}  // namespace floodtwin::twin
using namespace floodtwin;
using twin::WarningLevel;

namespace {

const fs::path kCase = fs::path(FLOODTWIN_SOURCE_DIR) / "cases/examples/valley-flood/case.toml";

// gauges.csv writes levels with 4 decimals: half a unit of the last one.
constexpr double kCsvRounding_m = 0.5e-4;

// Thresholds around the known peaks: mid-valley (196.973 m) between its guaranteed
// stage and its record, so orange; near-mouth (191.553 m) between its warning and
// guaranteed stages, so yellow.
const std::vector<std::string> kThresholds = {
    "gauge[0].datum=\"Wusong\"",       "gauge[0].warning_stage=196.0", "gauge[0].guaranteed_stage=196.9",
    "gauge[0].historical_max=197.5",   "gauge[1].warning_stage=191.0", "gauge[1].guaranteed_stage=192.0",
};

using floodtwin::testing::TempDir;

nlohmann::json run(const fs::path& out, const std::vector<std::string>& overrides) {
    twin::RunOptions o;
    o.case_file = kCase;
    o.out_dir = out;
    o.quiet = true;
    o.overrides = overrides;
    twin::run_case(o);
    std::ifstream in(out / "summary.json");
    return nlohmann::json::parse(in);
}

struct CsvRow {
    double time_s = 0.0;
    std::string gauge;
    double stage_m = std::numeric_limits<double>::quiet_NaN();  // empty field: dry
    std::string level;
};

std::vector<CsvRow> read_gauges_csv(const fs::path& path) {
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    BOOST_TEST_REQUIRE(line == "time_iso,time_s,gauge,depth_m,water_level_m,velocity_x_m_s,velocity_y_m_s,warning_level");
    std::vector<CsvRow> rows;
    while (std::getline(in, line)) {
        std::vector<std::string> f;
        std::stringstream s(line);
        for (std::string field; std::getline(s, field, ',');) f.push_back(field);
        if (line.back() == ',') f.emplace_back();
        BOOST_TEST_REQUIRE(f.size() == 8U, line);
        CsvRow r;
        r.time_s = std::stod(f[1]);
        r.gauge = f[2];
        if (!f[4].empty()) r.stage_m = std::stod(f[4]);
        r.level = f[7];
        rows.push_back(r);
    }
    return rows;
}

WarningLevel level_of(const std::string& text) { return twin::parse_warning_level(text); }

}  // namespace

BOOST_AUTO_TEST_CASE(levels_at_the_peak_and_over_time) {
    TempDir out("levels");
    const nlohmann::json j = run(out.path(), kThresholds);
    const twin::Case c = twin::load_case(kCase, kThresholds);
    const auto& gauges = j["gauges"];
    BOOST_TEST_REQUIRE(gauges.size() == 2U);

    const auto& mid = gauges[0];
    BOOST_TEST(mid["name"] == "mid-valley");
    BOOST_TEST(mid["warning_level"] == "orange");
    BOOST_TEST(mid["thresholds"]["datum"] == "Wusong");
    BOOST_TEST(mid["thresholds"]["warning_stage_m"].get<double>() == 196.0);
    BOOST_TEST(mid["thresholds"]["guaranteed_stage_m"].get<double>() == 196.9);
    BOOST_TEST(mid["thresholds"]["historical_max_m"].get<double>() == 197.5);
    BOOST_TEST(mid["thresholds"]["blue_margin_m"].get<double>() == 1.0);
    const auto& mouth = gauges[1];
    BOOST_TEST(mouth["warning_level"] == "yellow");
    BOOST_TEST(mouth["thresholds"]["historical_max_m"].is_null());
    BOOST_TEST(mouth["thresholds"]["datum"] == "");

    // Levels are reached in order, none after the peak, and only those at or below the peak's.
    for (const auto& g : gauges) {
        BOOST_TEST_CONTEXT(g["name"]) {
            const WarningLevel peak = level_of(g["warning_level"]);
            double previous = 0.0;
            for (WarningLevel w : twin::warning_levels_rising) {
                const std::string key = "time_of_first_" + twin::to_string(w);
                BOOST_TEST(g.contains(key + "_s") == (w <= peak), key);
                if (!g.contains(key + "_s")) continue;
                const double t = g[key + "_s"].get<double>();
                BOOST_TEST_MESSAGE(g["name"] << " " << key << " " << t << " s (" << g[key] << ")");
                BOOST_TEST(t >= previous);
                BOOST_TEST(t <= g["time_of_peak_s"].get<double>());
                BOOST_TEST(g[key].get<std::string>().rfind("2020-08-18T", 0) == 0U);
                previous = t;
            }
        }
    }

    // gauges.csv: every row's level is the level of its stage under the gauge's
    // thresholds (dry rows none), and no row before a level's first time holds it.
    const std::vector<CsvRow> rows = read_gauges_csv(out.path() / "gauges.csv");
    BOOST_TEST(rows.size() == 25U * 2U);
    std::map<std::string, WarningLevel> highest;
    for (const CsvRow& r : rows) {
        const std::size_t k = r.gauge == "mid-valley" ? 0 : 1;
        const twin::StationThresholds& t = c.gauges[k].thresholds;
        const WarningLevel got = level_of(r.level);
        BOOST_TEST_CONTEXT(r.gauge << " at " << r.time_s << " s, " << r.stage_m << " m") {
            if (std::isnan(r.stage_m)) {
                BOOST_TEST(r.level == "none");
            } else {
                // The CSV rounds the stage; a level must not hang on the rounding.
                const auto lo = twin::warning_level(r.stage_m - kCsvRounding_m, t);
                const auto hi = twin::warning_level(r.stage_m + kCsvRounding_m, t);
                BOOST_TEST((got == lo || got == hi));
            }
            for (WarningLevel w : twin::warning_levels_rising) {
                const std::string key = "time_of_first_" + twin::to_string(w) + "_s";
                if (got >= w) {
                    BOOST_TEST_REQUIRE(gauges[k].contains(key));
                    BOOST_TEST(gauges[k][key].get<double>() <= r.time_s, key);
                }
            }
        }
        highest[r.gauge] = std::max(highest[r.gauge], got);
    }
    // The samples every 5 minutes catch both peaks' levels.
    BOOST_TEST(twin::to_string(highest["mid-valley"]) == "orange");
    BOOST_TEST(twin::to_string(highest["near-mouth"]) == "yellow");

    // The maps' stations: the peak's level on whole-run maps, and at every map time the
    // stage and level gauges.csv holds for that time.
    const twin::PreparedCase prepared = twin::prepare_case(c);
    twin::GaugeRecorder recorder(prepared.gauges, c.start);
    std::vector<double> peaks, peak_times, firsts;
    for (const auto& g : gauges) {
        peaks.push_back(g["peak_water_level_m"].get<double>());
        peak_times.push_back(g["time_of_peak_s"].get<double>());
        for (WarningLevel w : twin::warning_levels_rising) {
            const std::string key = "time_of_first_" + twin::to_string(w) + "_s";
            firsts.push_back(g.contains(key) ? g[key].get<double>() : std::nan(""));
        }
    }
    twin::StateArchive state;
    state.put("gauges.sample_time_s", std::vector<double>{});
    state.put("gauges.samples", std::vector<double>{});
    state.put("gauges.peak_level_m", peaks);
    state.put("gauges.peak_time_s", peak_times);
    state.put("gauges.first_level_time_s", firsts);
    recorder.restore_state(state);
    const auto stations = twin::map_stations(prepared.dem, recorder, out.path() / "results.nc", c.hydro.dry_depth_m);
    BOOST_TEST_REQUIRE(stations.size() == 2U);
    BOOST_TEST(stations[0].peak.level == WarningLevel::orange);
    BOOST_TEST(stations[0].peak.stage_m == peaks[0]);
    BOOST_TEST(stations[1].peak.level == WarningLevel::yellow);
    for (std::size_t k = 0; k < stations.size(); ++k) {
        // Maps every 30 minutes over 2 h: 0, 30, 60, 90, 120 min.
        BOOST_TEST_REQUIRE(stations[k].at_maps.size() == 5U);
        for (std::size_t m = 0; m < stations[k].at_maps.size(); ++m) {
            const double t = 1800.0 * static_cast<double>(m);
            const CsvRow* row = nullptr;
            for (const CsvRow& r : rows)
                if (r.gauge == stations[k].name && r.time_s == t) row = &r;
            BOOST_TEST_REQUIRE(row != nullptr);
            const auto& state = stations[k].at_maps[m];
            BOOST_TEST_CONTEXT(stations[k].name << " map " << m) {
                BOOST_TEST(twin::to_string(state.level) == row->level);
                BOOST_TEST(std::isnan(state.stage_m) == std::isnan(row->stage_m));
                if (!std::isnan(row->stage_m)) BOOST_TEST(std::abs(state.stage_m - row->stage_m) <= kCsvRounding_m);
            }
        }
    }
}

// A warning stage exactly at the peak is reached (>=); one a hair above it is not.
BOOST_AUTO_TEST_CASE(warning_stage_at_the_peak_is_reached) {
    TempDir plain("plain"), at("at"), over("over");
    const double peak = run(plain.path(), {})["gauges"][0]["peak_water_level_m"].get<double>();
    char exact[64], hair[64];
    std::snprintf(exact, sizeof exact, "gauge[0].warning_stage=%.17g", peak);
    std::snprintf(hair, sizeof hair, "gauge[0].warning_stage=%.17g",
                  std::nextafter(peak, std::numeric_limits<double>::infinity()));
    const auto reached = run(at.path(), {exact})["gauges"][0];
    BOOST_TEST(reached["peak_water_level_m"].get<double>() == peak);
    BOOST_TEST(reached["warning_level"] == "yellow");
    BOOST_TEST(reached["time_of_first_yellow_s"].get<double>() == reached["time_of_peak_s"].get<double>());
    const auto missed = run(over.path(), {hair})["gauges"][0];
    BOOST_TEST(missed["warning_level"] == "blue");  // within the 1 m margin below it
    BOOST_TEST(!missed.contains("time_of_first_yellow_s"));
}
