// Unit: station warning levels (twin/warning/warning_levels.hpp) from thresholds, every
// boundary inclusive as the grading table reads (chongqing_facts.md, "Warning
// colours"); thresholds out of order refused, naming the key; the [[gauge]] keys read
// from a case file and from --set overrides.
#define BOOST_TEST_MODULE twin_warning_levels
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <ostream>
#include <string>
#include <vector>

#include "tests/support/temp_dir.hpp"
#include "twin/case/case_file.hpp"
#include "twin/warning/warning_levels.hpp"

using namespace floodtwin;
using twin::WarningLevel;
namespace fs = std::filesystem;

// Levels print by name in test messages.
namespace floodtwin::twin {
std::ostream& operator<<(std::ostream& o, WarningLevel level) { return o << to_string(level); }
}  // namespace floodtwin::twin

namespace {

// Cuntan's thresholds (Wusong datum) with a made-up record for the red grade.
twin::StationThresholds cuntan() {
    twin::StationThresholds t;
    t.warning_stage_m = 180.5;
    t.guaranteed_stage_m = 183.5;
    t.historical_max_m = 191.62;
    t.datum = "Wusong";
    return t;  // blue_margin 1.0, the default
}

// The next double above and below: a boundary is inclusive when the threshold itself
// gets the upper level and the double just below it the lower one.
double above(double v) { return std::nextafter(v, std::numeric_limits<double>::infinity()); }
double below(double v) { return std::nextafter(v, -std::numeric_limits<double>::infinity()); }

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A case file in a fresh folder (load_case only checks that the DEM exists).
struct CaseDir : floodtwin::testing::TempDir {
    CaseDir() : TempDir("warning") { write("dem.tif", ""); }
    twin::Case load(const std::string& gauge_keys, const std::vector<std::string>& overrides = {}) const {
        return twin::load_case(write("case.toml", "[case]\nname = \"w\"\nstart = \"2020-08-18T00:00:00+08:00\"\n"
                                                  "duration = \"1h\"\n[grid]\ndem = \"dem.tif\"\n"
                                                  "[[gauge]]\nname = \"Cuntan\"\nx = 0\ny = 0\n" +
                                                      gauge_keys),
                               overrides);
    }
    std::string error(const std::string& gauge_keys, const std::vector<std::string>& overrides = {}) const {
        try {
            (void)load(gauge_keys, overrides);
        } catch (const twin::CaseError& e) {
            return e.what();
        }
        return "(no error)";
    }
};

}  // namespace

BOOST_AUTO_TEST_CASE(each_threshold_starts_its_level_inclusively) {
    const twin::StationThresholds t = cuntan();
    // blue from the warning stage less the 1 m margin.
    BOOST_TEST(twin::warning_level(below(179.5), t) == WarningLevel::none);
    BOOST_TEST(twin::warning_level(179.5, t) == WarningLevel::blue);
    BOOST_TEST(twin::warning_level(below(180.5), t) == WarningLevel::blue);
    BOOST_TEST(twin::warning_level(180.5, t) == WarningLevel::yellow);
    BOOST_TEST(twin::warning_level(below(183.5), t) == WarningLevel::yellow);
    BOOST_TEST(twin::warning_level(183.5, t) == WarningLevel::orange);
    BOOST_TEST(twin::warning_level(below(191.62), t) == WarningLevel::orange);
    BOOST_TEST(twin::warning_level(191.62, t) == WarningLevel::red);
    BOOST_TEST(twin::warning_level(above(191.62) + 10.0, t) == WarningLevel::red);
    // A dry gauge has no level, whatever its thresholds.
    BOOST_TEST(twin::warning_level(std::nan(""), t) == WarningLevel::none);
    BOOST_TEST(*twin::level_start_m(WarningLevel::blue, t) == 179.5);
    BOOST_TEST(!twin::level_start_m(WarningLevel::none, t));
}

BOOST_AUTO_TEST_CASE(missing_thresholds_never_give_their_level) {
    // Zhutuo: a guaranteed stage (212.00 m) and no warning stage: orange or nothing.
    twin::StationThresholds zhutuo;
    zhutuo.guaranteed_stage_m = 212.0;
    BOOST_TEST(twin::warning_level(211.99, zhutuo) == WarningLevel::none);
    BOOST_TEST(twin::warning_level(212.0, zhutuo) == WarningLevel::orange);
    BOOST_TEST(twin::warning_level(250.0, zhutuo) == WarningLevel::orange);  // no record, no red
    // Wulong: a warning stage only.
    twin::StationThresholds wulong;
    wulong.warning_stage_m = 193.0;
    BOOST_TEST(twin::warning_level(500.0, wulong) == WarningLevel::yellow);
    // No thresholds at all: always none.
    BOOST_TEST(!twin::StationThresholds{}.any());
    BOOST_TEST(twin::warning_level(1e6, twin::StationThresholds{}) == WarningLevel::none);
    // A zero margin: never blue, straight from none to yellow.
    twin::StationThresholds sharp = cuntan();
    sharp.blue_margin_m = 0.0;
    BOOST_TEST(twin::warning_level(below(180.5), sharp) == WarningLevel::none);
    BOOST_TEST(twin::warning_level(180.5, sharp) == WarningLevel::yellow);
}

BOOST_AUTO_TEST_CASE(thresholds_out_of_order_name_the_key_that_is_too_low) {
    BOOST_TEST(!twin::threshold_order_error(cuntan()));
    twin::StationThresholds equal;  // equal thresholds are in order (<=)
    equal.warning_stage_m = equal.guaranteed_stage_m = equal.historical_max_m = 180.0;
    BOOST_TEST(!twin::threshold_order_error(equal));

    twin::StationThresholds t = cuntan();
    t.guaranteed_stage_m = 180.0;  // below the warning stage
    auto e = twin::threshold_order_error(t);
    BOOST_TEST_REQUIRE(e.has_value());
    BOOST_TEST(e->key == "guaranteed_stage");
    BOOST_TEST(contains(e->message, "warning_stage (180.5 m), got 180 m"), e->message);

    t = cuntan();
    t.historical_max_m = 183.0;  // below the guaranteed stage
    e = twin::threshold_order_error(t);
    BOOST_TEST_REQUIRE(e.has_value());
    BOOST_TEST(e->key == "historical_max");

    // With the middle one left out, the ends are still compared.
    t = cuntan();
    t.guaranteed_stage_m.reset();
    t.historical_max_m = 170.0;
    e = twin::threshold_order_error(t);
    BOOST_TEST_REQUIRE(e.has_value());
    BOOST_TEST(e->key == "historical_max");
    BOOST_TEST(contains(e->message, "warning_stage"), e->message);
}

BOOST_AUTO_TEST_CASE(gauge_keys_read_and_checked) {
    const CaseDir dir;
    const twin::Case c = dir.load("datum = \"Wusong\"\nwarning_stage = 180.5\nguaranteed_stage = 183.5\n"
                                  "historical_max = 191.62\nblue_margin = 0.5\n");
    const twin::StationThresholds& t = c.gauges.at(0).thresholds;
    BOOST_TEST(t.datum == "Wusong");
    BOOST_TEST(*t.warning_stage_m == 180.5);
    BOOST_TEST(*t.guaranteed_stage_m == 183.5);
    BOOST_TEST(*t.historical_max_m == 191.62);
    BOOST_TEST(t.blue_margin_m == 0.5);

    // Defaults: no thresholds, the 1 m margin, no datum named.
    const twin::StationThresholds none = dir.load("").gauges.at(0).thresholds;
    BOOST_TEST(!none.any());
    BOOST_TEST(none.blue_margin_m == twin::StationThresholds{}.blue_margin_m);
    BOOST_TEST(none.blue_margin_m == 1.0);
    BOOST_TEST(none.datum.empty());

    // Overrides set them as the file would, and are checked the same way.
    const twin::Case o = dir.load("", {"gauge[0].warning_stage=196.0", "gauge[0].datum=\"Huanghai\""});
    BOOST_TEST(*o.gauges.at(0).thresholds.warning_stage_m == 196.0);
    BOOST_TEST(o.gauges.at(0).thresholds.datum == "Huanghai");

    std::string m = dir.error("warning_stage = 184.0\nguaranteed_stage = 183.5\n");
    BOOST_TEST(contains(m, "gauge[0].guaranteed_stage: must be at or above warning_stage"), m);
    BOOST_TEST(contains(m, "line "), m);  // where in the file
    m = dir.error("guaranteed_stage = 183.5\n", {"gauge[0].historical_max=180"});
    BOOST_TEST(contains(m, "gauge[0].historical_max: must be at or above guaranteed_stage (183.5 m)"), m);
    m = dir.error("blue_margin = -1.0\n");
    BOOST_TEST(contains(m, "gauge[0].blue_margin"), m);
    m = dir.error("warning_stage = \"high\"\n");
    BOOST_TEST(contains(m, "gauge[0].warning_stage"), m);
}
