// Regression of the default case, cases/chongqing/confluence-2020-08: the whole six
// days of the August 2020 flood at the Yangtze-Jialing confluence, the 2D model on the
// Chongqing terrain on real geography (200 m, fv2) coupled with the reservoirs. The checks: the simulated
// Cuntan peak within 1.5 m and 12 h of the record (191.62 m at 2020-08-20T08:15+08:00),
// the coupled water balance closed, and joint dispatch lowering the peak (2020 reports:
// by more than 2 m) against the same run without it.
#define BOOST_TEST_MODULE twin_confluence_2020
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/support/temp_dir.hpp"
#include "twin/run/run.hpp"
#include "twin/case/time_text.hpp"

namespace fs = std::filesystem;
using namespace floodtwin;

namespace {

constexpr double kRecordLevel_m = 191.62;                 // Cuntan, Wusong
constexpr const char* kRecordTime = "2020-08-20T08:15:00+08:00";
constexpr double kLevelTol_m = 1.5, kTimeTol_h = 12.0;   // the bounds
constexpr double kCombinedMassTol = 1e-9;
constexpr double kDispatchCutMin_m = 2.0;                 // "more than 2 m" (2020 reports)

struct Run {
    floodtwin::testing::TempDir folder;
    fs::path dir = folder.path();
    nlohmann::json summary, dispatch;
    explicit Run(const std::string& tag, std::vector<std::string> overrides) : folder("confluence_" + tag) {
        twin::RunOptions o;
        o.case_file = fs::path(FLOODTWIN_SOURCE_DIR) / "cases/chongqing/confluence-2020-08/case.toml";
        o.out_dir = dir;
        o.quiet = true;
        overrides.push_back("output.maps=false");
        o.overrides = std::move(overrides);
        twin::run_case(o);
        std::ifstream s(dir / "summary.json"), d(dir / "dispatch_summary.json");
        summary = nlohmann::json::parse(s);
        dispatch = nlohmann::json::parse(d);
    }
    [[nodiscard]] const nlohmann::json& gauge(const std::string& name) const {
        for (const auto& g : summary["gauges"])
            if (g["name"] == name) return g;
        throw std::runtime_error("no gauge " + name);
    }
};

}  // namespace

BOOST_AUTO_TEST_CASE(cuntan_peak_near_the_record_and_dispatch_lowers_it) {
    const Run with("dispatch", {});
    const auto& c = with.gauge("Cuntan");
    const double level = c["peak_water_level_m"].get<double>();
    const double t = c["time_of_peak_s"].get<double>();
    const double record_t = twin::parse_instant(kRecordTime, "record").epoch_s -
                            twin::parse_instant("2020-08-15T08:00:00+08:00", "start").epoch_s;
    BOOST_TEST_MESSAGE("Cuntan: " << level << " m at " << c["time_of_peak"].get<std::string>() << " (record "
                                  << kRecordLevel_m << " m at " << kRecordTime << "); warning level "
                                  << c["warning_level"].get<std::string>());
    BOOST_TEST(std::abs(level - kRecordLevel_m) <= kLevelTol_m);
    BOOST_TEST(std::abs(t - record_t) / 3600.0 <= kTimeTol_h);
    BOOST_TEST(std::abs(with.summary["combined_mass_error"].get<double>()) < kCombinedMassTol);
    // Above the guaranteed stage, below the 1905 maximum: orange, as in 2020.
    BOOST_TEST(c["warning_level"].get<std::string>() == "orange");

    const Run without("none", {"joint[0].target_flow=1e6"});
    const double natural = without.gauge("Cuntan")["peak_water_level_m"].get<double>();
    BOOST_TEST_MESSAGE("Cuntan without dispatch: " << natural << " m; dispatch lowered it by " << natural - level
                                                  << " m");
    BOOST_TEST(natural - level >= kDispatchCutMin_m);
    BOOST_TEST(std::abs(without.summary["combined_mass_error"].get<double>()) < kCombinedMassTol);
}

// The design-flood case runs (a short window in CI) with the coupled balance closed.
BOOST_AUTO_TEST_CASE(design_flood_case_runs_and_closes_its_balance) {
    const floodtwin::testing::TempDir folder("design");
    const fs::path& dir = folder.path();
    twin::RunOptions o;
    o.case_file = fs::path(FLOODTWIN_SOURCE_DIR) / "cases/chongqing/confluence-design-100yr/case.toml";
    o.out_dir = dir;
    o.quiet = true;
    o.overrides = {"case.duration=6h", "output.maps=false"};
    twin::run_case(o);
    std::ifstream s(dir / "summary.json");
    const auto summary = nlohmann::json::parse(s);
    BOOST_TEST(std::abs(summary["combined_mass_error"].get<double>()) < kCombinedMassTol);
    BOOST_TEST(fs::exists(dir / "dispatch_summary.json"));
}
