// Unit: case files read into twin::Case: every field, units and paths; overrides; each
// kind of bad input named by file, key and line; docs/case-file.md kept in step with
// the key registry.
#define BOOST_TEST_MODULE twin_case_file
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <toml++/toml.h>
#include <unistd.h>
#include <variant>
#include <vector>

#include "tests/support/temp_dir.hpp"
#include "twin/case/case_file.hpp"
#include "twin/case/time_text.hpp"

using namespace floodtwin;
namespace fs = std::filesystem;

namespace {

// A fresh folder per test case holding a case file and its inputs; removed at the end.
class CaseDir : public floodtwin::testing::TempDir {
public:
    CaseDir() : TempDir("case") { write("dem.tif", ""); }  // load_case only checks that rasters exist
    twin::Case load(const std::string& toml, const std::vector<std::string>& overrides = {}) const {
        return twin::load_case(write("case.toml", toml), overrides);
    }
};

struct Failure {
    std::string message;
    std::string key;
    std::optional<std::size_t> line;
};

// The CaseError that loading `toml` (with `overrides`) throws; fails the test if none.
Failure failure(const CaseDir& dir, const std::string& toml, const std::vector<std::string>& overrides = {}) {
    try {
        (void)dir.load(toml, overrides);
    } catch (const twin::CaseError& e) {
        BOOST_TEST_MESSAGE(e.what());  // shown with --log_level=message
        return {e.what(), e.key(), e.line()};
    }
    BOOST_FAIL("expected a CaseError for:\n" << toml);
    return {};
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The smallest valid case: the required keys only.
const std::string minimal = R"([case]
name = "minimal"
start = "2020-08-18T00:00:00+08:00"
duration = "1h"
[grid]
dem = "dem.tif"
)";

constexpr double start_epoch = 1597680000.0;  // 2020-08-18T00:00:00+08:00

// One entry of every table, with its required keys only: every other key takes its default.
const std::string every_table = minimal + R"([[source]]
x = 1
y = 2
discharge = 3
[[gauge]]
name = "g"
x = 0
y = 0
[[breach]]
crest = [[0.0, 0.0], [100.0, 0.0]]
width = 50.0
bottom = 90.0
start = "2020-08-18T00:10:00+08:00"
[[detention]]
name = "D"
area = "dem.tif"
inlet = [[0.0, 0.0], [100.0, 0.0]]
sill = 95.0
width = 20.0
at_stage = 96.0
gauge = "g"
[network]
[[node]]
name = "A"
kind = "junction"
[[reach]]
from = "A"
to = "R"
length = 1000.0
slope = 1e-4
width = 100.0
[[reservoir]]
name = "R"
storage = [[100.0, 0.0], [200.0, 1e9]]
dead_level = 100.0
normal_pool = 150.0
design_flood_level = 180.0
check_flood_level = 190.0
initial_level = 150.0
[[rule]]
reservoir = "R"
name = "open"
type = "emergency"
[[joint]]
name = "J"
station = "A"
members = ["R"]
[[demand]]
name = "city"
node = "A"
flow = 1.0
[fourpre]
[ensemble]
[[area]]
name = "old town"
file = "dem.tif"
[[plan]]
name = "P"
reason = "why"
[optimise]
objectives = ["control_peak", "storage_left"]
[[optimise.variable]]
key = "joint[0].priority"
min = 10.0
max = 60.0
)";

// A value as loaded into the Case, or as the registry's default says it should be.
using Loaded = std::variant<std::string, double, bool>;

std::string text(const Loaded& v) {
    if (const auto* s = std::get_if<std::string>(&v)) return "\"" + *s + "\"";
    if (const auto* b = std::get_if<bool>(&v)) return *b ? "true" : "false";
    std::ostringstream o;
    o.precision(17);
    o << std::get<double>(v);
    return o.str();
}

// A list as one text, to compare a list default with what was loaded.
template <class V>
std::string list_text(const std::vector<V>& items) {
    std::ostringstream o;
    o.precision(17);
    for (const V& item : items) o << item << ";";
    return o.str();
}

// The default of `k` from its TOML text, in the units of `Case`.
Loaded registry_default(const twin::CaseKey& k) {
    const toml::table t = toml::parse("v = " + std::string(k.default_toml));
    const toml::node& v = *t.get("v");
    if (k.type == twin::CaseValueType::duration)
        return v.is_string() ? twin::parse_duration(*v.value<std::string>(), k.dotted())
                             : twin::parse_duration(*v.value<double>(), k.dotted());
    if (const toml::array* list = v.as_array()) {  // a list default: its items joined, as list_text does
        std::vector<std::string> words;
        std::vector<double> numbers;
        for (const toml::node& item : *list)
            if (item.is_string()) words.push_back(*item.value<std::string>());
            else numbers.push_back(*item.value<double>());
        return words.empty() ? list_text(numbers) : list_text(words);
    }
    if (v.is_string()) return *v.value<std::string>();
    if (v.is_boolean()) return *v.value<bool>();
    return *v.value<double>() * k.to_si;
}

// Where load_case puts the value of each key that has a default (every_table's entries).
using Field = std::function<Loaded(const twin::Case&)>;
const std::map<std::string, Field> loaded_value = {
    {"grid.nodata", [](const twin::Case& c) -> Loaded { return c.grid.nodata; }},
    {"hydro.scheme", [](const twin::Case& c) -> Loaded { return c.hydro.scheme; }},
    {"hydro.manning", [](const twin::Case& c) -> Loaded { return std::get<double>(c.hydro.manning); }},
    {"hydro.dry_depth", [](const twin::Case& c) -> Loaded { return c.hydro.dry_depth_m; }},
    {"hydro.theta", [](const twin::Case& c) -> Loaded { return c.hydro.theta; }},
    {"hydro.arrival_depth", [](const twin::Case& c) -> Loaded { return c.hydro.arrival_depth_m; }},
    {"hydro.min_cells_per_thread", [](const twin::Case& c) -> Loaded { return c.hydro.min_cells_per_thread; }},
    {"output.checkpoint_keep", [](const twin::Case& c) -> Loaded { return c.output.checkpoint_keep; }},
    {"source.kind", [](const twin::Case& c) -> Loaded { return c.sources.at(0).kind; }},
    {"source.radius", [](const twin::Case& c) -> Loaded { return c.sources.at(0).radius_m; }},
    {"rain.loss", [](const twin::Case& c) -> Loaded { return std::get<double>(c.rain.loss_m_s); }},
    {"gauge.datum_offset", [](const twin::Case& c) -> Loaded { return c.gauges.at(0).datum_offset_m; }},
    {"gauge.blue_margin", [](const twin::Case& c) -> Loaded { return c.gauges.at(0).thresholds.blue_margin_m; }},
    {"output.map_interval", [](const twin::Case& c) -> Loaded { return c.output.map_interval_s; }},
    {"output.gauge_interval", [](const twin::Case& c) -> Loaded { return c.output.gauge_interval_s; }},
    {"output.maps", [](const twin::Case& c) -> Loaded { return c.output.maps; }},
    {"network.step", [](const twin::Case& c) -> Loaded { return c.network.settings.step_s; }},
    {"network.coupling_interval", [](const twin::Case& c) -> Loaded { return c.network.settings.coupling_interval_s; }},
    {"network.forecast_horizon", [](const twin::Case& c) -> Loaded { return c.network.settings.forecast_horizon_s; }},
    {"reach.method", [](const twin::Case& c) -> Loaded { return c.network.reaches.at(0).method; }},
    {"reach.side_slope", [](const twin::Case& c) -> Loaded { return c.network.reaches.at(0).side_slope; }},
    {"reach.manning", [](const twin::Case& c) -> Loaded { return c.network.reaches.at(0).manning; }},
    {"reach.low_flow", [](const twin::Case& c) -> Loaded { return c.network.reaches.at(0).low_flow_m3_s; }},
    {"reach.x", [](const twin::Case& c) -> Loaded { return c.network.reaches.at(0).x; }},
    {"reservoir.efficiency", [](const twin::Case& c) -> Loaded { return c.network.reservoirs.at(0).efficiency; }},
    {"rule.priority", [](const twin::Case& c) -> Loaded { return double(c.network.rules.at(0).priority); }},
    {"rule.purpose", [](const twin::Case& c) -> Loaded { return c.network.rules.at(0).purpose; }},
    {"rule.rate_up", [](const twin::Case& c) -> Loaded { return c.network.rules.at(0).rate_up_m3_s_per_h; }},
    {"rule.rate_down", [](const twin::Case& c) -> Loaded { return c.network.rules.at(0).rate_down_m3_s_per_h; }},
    {"rule.horizon", [](const twin::Case& c) -> Loaded { return c.network.rules.at(0).horizon_s; }},
    {"joint.priority", [](const twin::Case& c) -> Loaded { return double(c.network.joints.at(0).priority); }},
    {"demand.purpose", [](const twin::Case& c) -> Loaded { return c.network.demands.at(0).purpose; }},
    {"demand.priority", [](const twin::Case& c) -> Loaded { return double(c.network.demands.at(0).priority); }},
    {"demand.return_share", [](const twin::Case& c) -> Loaded { return c.network.demands.at(0).return_share; }},
    {"breach.initial_width", [](const twin::Case& c) -> Loaded { return c.breaches.at(0).initial_width_m; }},
    {"breach.formation", [](const twin::Case& c) -> Loaded { return c.breaches.at(0).formation_s; }},
    {"breach.coefficient", [](const twin::Case& c) -> Loaded { return c.breaches.at(0).opening.coefficient; }},
    {"detention.opening", [](const twin::Case& c) -> Loaded { return c.detentions.at(0).opening_s; }},
    {"detention.coefficient", [](const twin::Case& c) -> Loaded { return c.detentions.at(0).opening.coefficient; }},
    {"fourpre.spin_up", [](const twin::Case& c) -> Loaded { return c.fourpre.settings.spin_up_s; }},
    {"fourpre.horizon", [](const twin::Case& c) -> Loaded { return c.fourpre.settings.horizon_s; }},
    {"fourpre.update_window", [](const twin::Case& c) -> Loaded { return c.fourpre.settings.update_window_s; }},
    {"fourpre.update_step", [](const twin::Case& c) -> Loaded { return c.fourpre.settings.update_step_s; }},
    {"fourpre.numbering_threshold",
     [](const twin::Case& c) -> Loaded { return c.fourpre.settings.numbering_threshold_m3_s; }},
    {"fourpre.numbering_separation",
     [](const twin::Case& c) -> Loaded { return c.fourpre.settings.numbering_separation_s; }},
    {"fourpre.numbers_before", [](const twin::Case& c) -> Loaded { return c.fourpre.settings.numbers_before; }},
    {"fourpre.parallel", [](const twin::Case& c) -> Loaded { return c.fourpre.settings.parallel; }},
    {"fourpre.sender", [](const twin::Case& c) -> Loaded { return c.fourpre.settings.sender; }},
    {"fourpre.cap_status", [](const twin::Case& c) -> Loaded { return c.fourpre.settings.cap_status; }},
    {"fourpre.sender_name", [](const twin::Case& c) -> Loaded { return c.fourpre.settings.sender_name; }},
    {"fourpre.area_depths", [](const twin::Case& c) -> Loaded { return list_text(c.fourpre.settings.area_depths_m); }},
    {"fourpre.ranking", [](const twin::Case& c) -> Loaded { return list_text(c.fourpre.settings.ranking); }},
    {"area.kind", [](const twin::Case& c) -> Loaded { return c.fourpre.areas.at(0).kind; }},
    {"ensemble.members", [](const twin::Case& c) -> Loaded { return c.ensemble.members; }},
    {"ensemble.seed", [](const twin::Case& c) -> Loaded { return c.ensemble.seed; }},
    {"ensemble.inflow_error", [](const twin::Case& c) -> Loaded { return c.ensemble.inflow_error; }},
    {"ensemble.inflow_error_max", [](const twin::Case& c) -> Loaded { return c.ensemble.inflow_error_max; }},
    {"ensemble.inflow_correlation_time",
     [](const twin::Case& c) -> Loaded { return c.ensemble.inflow_correlation_time_s; }},
    {"ensemble.rain_error", [](const twin::Case& c) -> Loaded { return c.ensemble.rain_error; }},
    {"ensemble.rain_shift", [](const twin::Case& c) -> Loaded { return c.ensemble.rain_shift_m; }},
    {"ensemble.manning_factor", [](const twin::Case& c) -> Loaded { return list_text(c.ensemble.manning_factor); }},
    {"ensemble.rule_error", [](const twin::Case& c) -> Loaded { return c.ensemble.rule_error; }},
    {"ensemble.station_step", [](const twin::Case& c) -> Loaded { return c.ensemble.station_step_s; }},
    {"area.assets_unit", [](const twin::Case& c) -> Loaded { return c.fourpre.areas.at(0).assets_unit; }},
    {"optimise.algorithm", [](const twin::Case& c) -> Loaded { return c.optimise.settings.algorithm; }},
    {"optimise.population", [](const twin::Case& c) -> Loaded { return c.optimise.settings.population; }},
    {"optimise.generations", [](const twin::Case& c) -> Loaded { return c.optimise.settings.generations; }},
    {"optimise.seed", [](const twin::Case& c) -> Loaded { return c.optimise.settings.seed; }},
    {"optimise.max_level", [](const twin::Case& c) -> Loaded { return c.optimise.settings.max_level; }},
    {"optimise.rate_limits", [](const twin::Case& c) -> Loaded { return c.optimise.settings.rate_limits; }},
    {"optimise.capacity", [](const twin::Case& c) -> Loaded { return c.optimise.settings.capacity; }},
    {"optimise.front_size", [](const twin::Case& c) -> Loaded { return c.optimise.settings.front_size; }},
    {"optimise.rehearse", [](const twin::Case& c) -> Loaded { return c.optimise.settings.rehearse; }},
    {"optimise.parallel", [](const twin::Case& c) -> Loaded { return c.optimise.settings.parallel; }},
    {"optimise.seed_plans", [](const twin::Case& c) -> Loaded { return c.optimise.settings.seed_plans; }},
    {"optimise.variable.integer", [](const twin::Case& c) -> Loaded { return c.optimise.variables.at(0).integer; }},
};

}  // namespace

BOOST_AUTO_TEST_CASE(full_case_loads_every_field) {
    CaseDir dir;
    dir.write("inputs/q.csv",
              "time,discharge_m3_s\n"
              "0,12000\n"
              "\n"
              "# the peak\n"
              "2020-08-18T06:00:00+08:00,15000\n"
              "86400,30000\n");
    const fs::path rain = dir.write("rain.csv", "time,intensity_mm_h\r\n0,0\r\n3600,36\r\n7200,0\r\n");
    dir.write("n.tif", "");
    const twin::Case c = dir.load(R"([case]
name = "Chongqing 2020"
start = "2020-08-18T00:00:00+08:00"
duration = "72h"

[grid]
dem = "dem.tif"
crs = "EPSG:32648"
resolution = 30
bbox = [600000.0, 3250000.0, 700000.0, 3300000.0]

[initial]
water_level = 165.0

[hydro]
scheme = "fv1"
cfl = 0.8
manning = "n.tif"
dry_depth = 1e-3
arrival_depth = 0.05

[[boundary]]
name = "Zhutuo"
edge = "west"
from = 3260000.0
to = 3270000.0
kind = "inflow"
discharge = "inputs/q.csv"
extend = "hold"        # q.csv ends after 24 h of the 72

[[boundary]]
edge = "east"
line = [[700000.0, 3280000.0], [700000.0, 3290000.0]]
kind = "stage"
level = [[0, 161.8], ["2020-08-19T12:00:00+08:00", 170.0]]
extend = "hold"

[[boundary]]
edge = "south"
kind = "free"

[[source]]
name = "Huaxi"
x = 650000.0
y = 3270000.0
radius = 60.0
discharge = 19.7

[[source]]
x = 651000.0
y = 3271000.0
discharge = [[0, 1.0], [3600, 2.0]]
extend = "zero"

[rain]
intensity = ")" + rain.string() + R"("
extend = "hold"
loss = 3.6

[[gauge]]
name = "Cuntan"
x = 660000.0
y = 3275000.0
datum_offset = -1.5

[[gauge]]
name = "Beibei"
x = 640000.0
y = 3290000.0

[output]
map_interval = "30min"
gauge_interval = 60
checkpoint_interval = "6h"
maps = true
)");
    BOOST_TEST(c.file == dir.path() / "case.toml");
    BOOST_TEST(c.dir == dir.path());
    BOOST_TEST(c.name == "Chongqing 2020");
    BOOST_TEST(c.start.epoch_s == start_epoch);
    BOOST_TEST(c.start.utc_offset_min == 480);
    BOOST_TEST(c.duration_s == 72 * 3600.0);

    BOOST_TEST(c.grid.dem == dir.path() / "dem.tif");
    BOOST_TEST(c.grid.crs.value() == "EPSG:32648");
    BOOST_TEST(c.grid.resolution_m.value() == 30.0);
    BOOST_TEST(c.grid.bbox.value()[0] == 600000.0);
    BOOST_TEST(c.grid.bbox.value()[3] == 3300000.0);

    BOOST_TEST(c.initial.water_level_m.value() == 165.0);
    BOOST_TEST(!c.initial.depth);

    BOOST_TEST(c.hydro.scheme == "fv1");
    BOOST_TEST(c.hydro.cfl.value() == 0.8);
    BOOST_TEST(std::get<fs::path>(c.hydro.manning) == dir.path() / "n.tif");
    BOOST_TEST(c.hydro.dry_depth_m == 1e-3);
    BOOST_TEST(c.hydro.arrival_depth_m == 0.05);

    BOOST_TEST_REQUIRE(c.boundaries.size() == 3u);
    const auto& b0 = c.boundaries[0];
    BOOST_TEST(b0.name == "Zhutuo");
    BOOST_TEST(b0.key == "boundary[0]");
    BOOST_TEST(b0.edge == "west");
    BOOST_TEST(b0.kind == "inflow");
    BOOST_TEST(b0.from.value() == 3260000.0);
    BOOST_TEST(b0.to.value() == 3270000.0);
    BOOST_TEST(!b0.line);
    BOOST_TEST(b0.extend == "hold");
    // The CSV's ISO time is 6 h after the start; blank and comment lines skipped.
    BOOST_TEST(b0.series.times() == (std::vector<double>{0.0, 21600.0, 86400.0}), boost::test_tools::per_element());
    BOOST_TEST(b0.series.values() == (std::vector<double>{12000.0, 15000.0, 30000.0}),
               boost::test_tools::per_element());
    const auto& b1 = c.boundaries[1];
    BOOST_TEST(b1.name == "east stage 1");
    BOOST_TEST(b1.kind == "stage");
    BOOST_TEST(!b1.from);
    BOOST_TEST((b1.line.value() == std::array<double, 4>{700000.0, 3280000.0, 700000.0, 3290000.0}));
    BOOST_TEST(b1.series.times() == (std::vector<double>{0.0, 129600.0}), boost::test_tools::per_element());
    BOOST_TEST(b1.series.value_at(129600.0) == 170.0);
    BOOST_TEST(c.boundaries[2].name == "south free 2");
    BOOST_TEST(c.boundaries[2].series.empty());

    BOOST_TEST_REQUIRE(c.sources.size() == 2u);
    BOOST_TEST(c.sources[0].name == "Huaxi");
    BOOST_TEST(c.sources[0].kind == "point_inflow");
    BOOST_TEST(c.sources[0].x == 650000.0);
    BOOST_TEST(c.sources[0].y == 3270000.0);
    BOOST_TEST(c.sources[0].radius_m == 60.0);
    BOOST_TEST(c.sources[0].discharge_m3_s.value_at(1e6) == 19.7);
    BOOST_TEST(c.sources[0].key == "source[0]");
    BOOST_TEST(c.sources[1].name == "source 1");
    BOOST_TEST(c.sources[1].radius_m == 0.0);
    BOOST_TEST(c.sources[1].discharge_m3_s.value_at(1800.0) == 1.5);
    BOOST_TEST(c.sources[1].extend == "zero");
    BOOST_TEST(c.sources[1].discharge_m3_s.value_at(3601.0) == 0.0);  // zero past its last point
    BOOST_TEST(c.sources[0].extend.empty());
    BOOST_TEST(c.rain.extend == "hold");

    // mm/h -> m/s: 36 mm/h = 1e-5 m/s; the absolute CSV path is kept.
    BOOST_TEST_REQUIRE(c.rain.intensity_m_s.has_value());
    BOOST_TEST(!c.rain.grid);
    BOOST_TEST(c.rain.intensity_m_s->value_at(3600.0) == 1e-5, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(c.rain.intensity_m_s->value_at(0.0) == 0.0);
    BOOST_TEST(std::get<double>(c.rain.loss_m_s) == 1e-6, boost::test_tools::tolerance(1e-12));

    BOOST_TEST_REQUIRE(c.gauges.size() == 2u);
    BOOST_TEST(c.gauges[0].name == "Cuntan");
    BOOST_TEST(c.gauges[0].x == 660000.0);
    BOOST_TEST(c.gauges[0].y == 3275000.0);
    BOOST_TEST(c.gauges[0].datum_offset_m == -1.5);
    BOOST_TEST(c.gauges[0].key == "gauge[0]");
    BOOST_TEST(c.gauges[1].datum_offset_m == 0.0);

    BOOST_TEST(c.output.map_interval_s == 1800.0);
    BOOST_TEST(c.output.gauge_interval_s == 60.0);
    BOOST_TEST(c.output.checkpoint_interval_s.value() == 6 * 3600.0);
    BOOST_TEST(c.output.maps == true);
}

BOOST_AUTO_TEST_CASE(every_registered_default_converts) {
    // Defaults are converted like written values (type, range, units) whenever their
    // table is read: a single table even when it is absent, a [[table]] for each entry.
    for (const twin::CaseKey& k : twin::case_keys()) {
        if (k.default_toml.empty()) continue;
        const bool read = !twin::find_case_table(k.table)->many ||
                          contains(every_table, "[[" + std::string(k.table) + "]]");
        BOOST_TEST(read, k.dotted() << ": every_table has no entry to convert this default in");
    }
    CaseDir dir;
    try {
        (void)dir.load(every_table);
    } catch (const twin::CaseError& e) {
        BOOST_FAIL("a registered default does not convert: " << e.what());
    }
}

BOOST_AUTO_TEST_CASE(minimal_case_takes_the_registry_defaults) {
    CaseDir dir;
    const twin::Case c = dir.load(every_table);
    // Every key with a default in the registry: the loaded value is that default, read
    // from its TOML text here (the struct's own value-initialisation plays no part).
    std::size_t with_default = 0;
    for (const twin::CaseKey& k : twin::case_keys()) {
        if (k.default_toml.empty()) continue;
        ++with_default;
        const auto it = loaded_value.find(k.dotted());
        BOOST_TEST_REQUIRE((it != loaded_value.end()), k.dotted() << ": add it to loaded_value");
        const Loaded expected = registry_default(k), loaded = it->second(c);
        BOOST_TEST((loaded == expected), k.dotted() << ": loaded " << text(loaded) << ", the registry's default is "
                                                    << text(expected) << " (" << k.default_toml << ")");
    }
    BOOST_TEST(loaded_value.size() == with_default, "loaded_value names a key without a default");
    // Keys without a default are left unset.
    BOOST_TEST(!c.hydro.cfl);
    BOOST_TEST(!c.rain.intensity_m_s);
    BOOST_TEST(!c.rain.grid);
    BOOST_TEST(!c.output.checkpoint_interval_s);
    BOOST_TEST(c.output.map_note.empty());
    BOOST_TEST(!c.initial.water_level_m);
    BOOST_TEST(!c.initial.depth);
    BOOST_TEST(!c.grid.crs);
    BOOST_TEST(c.boundaries.empty());
    BOOST_TEST(c.gauges.at(0).thresholds.datum.empty());
    BOOST_TEST(c.network.rules.at(0).zones.empty());
    BOOST_TEST(c.network.reservoirs.at(0).flood_limit.empty());
    BOOST_TEST(!c.network.backwater);
}

BOOST_AUTO_TEST_CASE(other_value_forms) {
    CaseDir dir;
    dir.write("h0.tif", "");
    dir.write("rain.nc", "");
    dir.write("loss.tif", "");
    // Bare TOML date-time, duration in seconds, depth raster, rain grid, loss raster, dry = false with depth.
    const twin::Case c = dir.load(R"([case]
name = "forms"
start = 2020-08-17T16:00:00Z
duration = 7200
[grid]
dem = ")" + (dir.path() / "dem.tif").string() +
                                  R"("
[initial]
depth = "h0.tif"
dry = false
[rain]
intensity = "rain.nc"
loss = "loss.tif"
)");
    BOOST_TEST(c.start.epoch_s == start_epoch);
    BOOST_TEST(c.start.utc_offset_min == 0);
    BOOST_TEST(c.duration_s == 7200.0);
    BOOST_TEST(c.grid.dem == dir.path() / "dem.tif");
    BOOST_TEST(c.initial.depth.value() == dir.path() / "h0.tif");
    BOOST_TEST(c.rain.grid.value() == dir.path() / "rain.nc");
    BOOST_TEST(!c.rain.intensity_m_s);
    BOOST_TEST(std::get<fs::path>(c.rain.loss_m_s) == dir.path() / "loss.tif");
}

BOOST_AUTO_TEST_CASE(overrides_of_every_type) {
    CaseDir dir;
    const std::string text = minimal + R"(
[hydro]
scheme = "fv2"
[[boundary]]
edge = "west"
kind = "inflow"
discharge = 100.0
[[gauge]]
name = "g"
x = 0
y = 0
)";
    const twin::Case c =
        dir.load(text, {"hydro.scheme=fv1", "hydro.cfl=0.8", "hydro.dry_depth=1", "output.maps=true",
                        "output.map_interval=30min", "case.duration=7200", "case.name=2020", "grid.crs=EPSG:32648",
                        "boundary[0].kind=free", "gauge[0].x = 12.5", "case.start=2020-08-18T08:00:00+08:00",
                        "rain.intensity=[[0, 3.6], [60, 7.2]]", "rain.extend=hold", "hydro.cfl=0.7"});
    BOOST_TEST(c.hydro.scheme == "fv1");
    BOOST_TEST(c.hydro.cfl.value() == 0.7);  // the last override wins
    BOOST_TEST(c.hydro.dry_depth_m == 1.0);  // a TOML integer where a number is wanted
    BOOST_TEST(c.output.maps == true);
    BOOST_TEST(c.output.map_interval_s == 1800.0);
    BOOST_TEST(c.duration_s == 7200.0);
    BOOST_TEST(c.name == "2020");  // a text key takes the text as written
    BOOST_TEST(c.grid.crs.value() == "EPSG:32648");
    BOOST_TEST(c.boundaries.at(0).kind == "free");  // the file's discharge is left unused
    BOOST_TEST(c.boundaries.at(0).series.empty());
    BOOST_TEST(c.gauges.at(0).x == 12.5);
    BOOST_TEST(c.start.epoch_s == start_epoch + 8 * 3600.0);
    BOOST_TEST(c.rain.intensity_m_s->value_at(60.0) == 2e-6, boost::test_tools::tolerance(1e-12));

    // A switched kind takes its new key from an override too.
    const twin::Case s =
        dir.load(text, {"boundary[0].kind=stage", "boundary[0].level=\"150.5\"", "boundary[0].level=150.5"});
    BOOST_TEST(s.boundaries.at(0).series.value_at(0.0) == 150.5);
}

BOOST_AUTO_TEST_CASE(override_errors) {
    CaseDir dir;
    const std::string text = minimal + "[[boundary]]\nedge = \"west\"\nkind = \"free\"\n";
    Failure f = failure(dir, text, {"hydro.shceme=fv1"});
    BOOST_TEST(f.message == "unknown key 'hydro.shceme' in override 'hydro.shceme=fv1'; did you mean 'hydro.scheme'?");
    BOOST_TEST(f.key == "hydro.shceme");

    f = failure(dir, text, {"boundary[0].knd=wall"});
    BOOST_TEST(contains(f.message, "did you mean 'boundary[0].kind'?"), f.message);
    f = failure(dir, text, {"hydr.cfl=0.5"});
    BOOST_TEST(contains(f.message, "did you mean 'hydro.cfl'?"), f.message);
    f = failure(dir, text, {"hydro.cfl"});
    BOOST_TEST(contains(f.message, "expected key=value"), f.message);
    f = failure(dir, text, {"boundary[3].kind=wall"});
    BOOST_TEST(contains(f.message, "the case has 1 [[boundary]] table"), f.message);
    f = failure(dir, text, {"source[0].x=1"});
    BOOST_TEST(contains(f.message, "the case has 0 [[source]] tables"), f.message);
    f = failure(dir, text, {"boundary.kind=wall"});
    BOOST_TEST(contains(f.message, "boundary[0].kind"), f.message);
    f = failure(dir, text, {"hydro[0].cfl=0.5"});
    BOOST_TEST(contains(f.message, "write hydro.cfl"), f.message);

    // A value of the wrong type names the override rather than a line.
    f = failure(dir, text, {"hydro.cfl=fast"});
    BOOST_TEST(contains(f.message, "override 'hydro.cfl=fast'"), f.message);
    BOOST_TEST(contains(f.message, "hydro.cfl: expected a number, got a string"), f.message);
    BOOST_TEST(!f.line);
    f = failure(dir, text, {"hydro.cfl=2"});
    BOOST_TEST(contains(f.message, "hydro.cfl: must be (0, 1], got 2"), f.message);
    f = failure(dir, text, {"boundary[0].kind=sideways"});
    BOOST_TEST(contains(f.message, "unknown kind 'sideways'"), f.message);
    f = failure(dir, text, {"output.map_interval=-5min"});
    BOOST_TEST(contains(f.message, "output.map_interval"), f.message);
}

BOOST_AUTO_TEST_CASE(unknown_key_names_line_and_suggests) {
    CaseDir dir;
    Failure f = failure(dir, minimal + "[hydro]\nshceme = \"fv1\"\n");
    BOOST_TEST(f.message == "unknown key 'hydro.shceme' in " + (dir.path() / "case.toml").string() +
                                " line 8; did you mean 'hydro.scheme'?");
    BOOST_TEST(f.line.value() == 8u);
    BOOST_TEST(f.key == "hydro.shceme");

    f = failure(dir, minimal + "[hydro]\n[hydro.more]\nx = 1\n");
    BOOST_TEST(contains(f.message, "unknown key 'hydro.more'"), f.message);
    f = failure(dir, "[case]\nname = \"a\"\nmanning = 0.03\n");
    BOOST_TEST(contains(f.message, "unknown key 'case.manning'"), f.message);
    BOOST_TEST(contains(f.message, "did you mean 'hydro.manning'?"), f.message);
    f = failure(dir, minimal + "[hydr]\ncfl = 0.5\n");
    BOOST_TEST(contains(f.message, "unknown key 'hydr'"), f.message);
    BOOST_TEST(contains(f.message, "did you mean 'hydro'?"), f.message);
    f = failure(
        dir,
        minimal + "[[boundary]]\nedge = \"west\"\nkind = \"free\"\n[[boundary]]\nedge = \"east\"\nkidn = \"free\"\n");
    BOOST_TEST(contains(f.message, "unknown key 'boundary[1].kidn'"), f.message);
    BOOST_TEST(contains(f.message, "line 12"), f.message);
    BOOST_TEST(contains(f.message, "did you mean 'boundary[1].kind'?"), f.message);
    f = failure(dir, minimal + "[weather]\nwind = 3\n");
    BOOST_TEST(f.message == "unknown key 'weather' in " + (dir.path() / "case.toml").string() + " line 7", f.message);
}

BOOST_AUTO_TEST_CASE(wrong_types_name_key_and_line) {
    CaseDir dir;
    Failure f = failure(dir, minimal + "[hydro]\ncfl = \"0.5\"\n");
    BOOST_TEST(f.message ==
               (dir.path() / "case.toml").string() + " line 8: hydro.cfl: expected a number, got a string");
    BOOST_TEST(f.key == "hydro.cfl");
    BOOST_TEST(f.line.value() == 8u);
    f = failure(dir, minimal + "[output]\nmaps = \"yes\"\n");
    BOOST_TEST(contains(f.message, "output.maps: expected true or false, got a string"), f.message);
    f = failure(dir, minimal + "[[gauge]]\nname = 3\nx = 0\ny = 0\n");
    BOOST_TEST(contains(f.message, "gauge[0].name: expected a string, got a number"), f.message);
    f = failure(dir, "hydro = 3\n" + minimal);
    BOOST_TEST(contains(f.message, "hydro: expected a [hydro] table, got a number"), f.message);
    f = failure(dir, minimal + "[boundary]\nedge = \"west\"\n");
    BOOST_TEST(contains(f.message, "boundary: expected [[boundary]] tables, got a table"), f.message);
    f = failure(dir, minimal + "[[source]]\nx = 0\ny = 0\ndischarge = [1, 2]\n");
    BOOST_TEST(contains(f.message, "source[0].discharge[0]: expected a point [t, value], got a number"), f.message);
    f = failure(dir, minimal + "[[source]]\nx = 0\ny = 0\ndischarge = true\n");
    BOOST_TEST(
        contains(f.message, "source[0].discharge: expected a number, [[t, value], ...] or a CSV path, got a boolean"),
        f.message);
    f = failure(dir, minimal + "[hydro]\ncfl = 0\n");
    BOOST_TEST(contains(f.message, "hydro.cfl: must be (0, 1], got 0"), f.message);
    f = failure(dir, minimal + "[hydro]\nmanning = -0.01\n");
    BOOST_TEST(contains(f.message, "hydro.manning: must be >= 0, got -0.01"), f.message);
    f = failure(dir, R"([case]
name = "x"
start = "2020-08-18T00:00:00+08:00"
duration = "1h"
[grid]
dem = "dem.tif"
bbox = [10, 0, 0, 10]
)");
    BOOST_TEST(contains(f.message, "grid.bbox: expected xmin < xmax"), f.message);
    f = failure(dir, minimal + "[case.extra]\n");
    BOOST_TEST(contains(f.message, "unknown key 'case.extra'"), f.message);
}

BOOST_AUTO_TEST_CASE(missing_required_keys) {
    CaseDir dir;
    struct Missing {
        std::string toml, key;
    };
    const std::vector<Missing> cases = {
        {"[case]\nstart = \"2020-08-18T00:00:00Z\"\nduration = \"1h\"\n[grid]\ndem = \"dem.tif\"\n", "case.name"},
        {"[case]\nname = \"x\"\nduration = \"1h\"\n[grid]\ndem = \"dem.tif\"\n", "case.start"},
        {"[case]\nname = \"x\"\nstart = \"2020-08-18T00:00:00Z\"\n[grid]\ndem = \"dem.tif\"\n", "case.duration"},
        {minimal + "[[node]]\nkind = \"inflow\"\ninflow = 1\n", "node[0].name"},
        {minimal + "[[node]]\nname = \"a\"\nkind = \"inflow\"\n", "node[0].inflow"},
        {minimal + "[[rule]]\nreservoir = \"r\"\nname = \"eco\"\ntype = \"max_release\"\n", "rule[0].value"},
        {minimal + "[backwater]\nboundary = \"b\"\n", "backwater.reservoir"},
        {minimal + "[[boundary]]\nkind = \"free\"\n", "boundary[0].edge"},
        {minimal + "[[boundary]]\nedge = \"west\"\n", "boundary[0].kind"},
        {minimal + "[[boundary]]\nedge = \"west\"\nkind = \"inflow\"\n", "boundary[0].discharge"},
        {minimal + "[[boundary]]\nedge = \"west\"\nkind = \"free\"\n[[boundary]]\nedge = \"east\"\nkind = \"stage\"\n",
         "boundary[1].level"},
        {minimal + "[[source]]\ny = 0\ndischarge = 1\n", "source[0].x"},
        {minimal + "[[source]]\nx = 0\ndischarge = 1\n", "source[0].y"},
        {minimal + "[[source]]\nx = 0\ny = 0\n", "source[0].discharge"},
        {minimal + "[[gauge]]\nx = 0\ny = 0\n", "gauge[0].name"},
        {minimal + "[[gauge]]\nname = \"g\"\ny = 0\n", "gauge[0].x"},
        {minimal + "[[gauge]]\nname = \"g\"\nx = 0\n", "gauge[0].y"},
    };
    for (const Missing& m : cases) {
        const Failure f = failure(dir, m.toml);
        BOOST_TEST(contains(f.message, "missing required key '" + m.key + "'"), m.key << ": " << f.message);
        BOOST_TEST(contains(f.message, (dir.path() / "case.toml").string()), f.message);
        BOOST_TEST(f.key == m.key);
    }
    // Line of the table that lacks the key.
    const Failure f = failure(dir, minimal + "[[boundary]]\nedge = \"west\"\nkind = \"inflow\"\n");
    BOOST_TEST(f.line.value() == 7u);
    BOOST_TEST(contains(f.message, "(kind = \"inflow\" needs it)"), f.message);
}

BOOST_AUTO_TEST_CASE(csv_series_errors_name_file_and_line) {
    CaseDir dir;
    auto with_csv = [&](const std::string& csv) {
        dir.write("q.csv", csv);
        return failure(dir, minimal + "[[boundary]]\nedge = \"west\"\nkind = \"inflow\"\ndischarge = \"q.csv\"\n");
    };
    const std::string q = (dir.path() / "q.csv").string();
    Failure f = with_csv("time,value\n0,1\n3600,2\n3600,3\n");
    BOOST_TEST(
        contains(f.message, "boundary[0].discharge: " + q + " line 4: time 3600 s is not after 3600 s on line 3"),
        f.message);
    BOOST_TEST(contains(f.message, "case.toml line 10"), f.message);
    f = with_csv("time,value\n0,1\n# note\n60,nan\n");
    BOOST_TEST(contains(f.message, q + " line 4: value 'nan' is not finite"), f.message);
    f = with_csv("time,value\n0,1\n60,\n");
    BOOST_TEST(contains(f.message, q + " line 3: value '' is not a number"), f.message);
    f = with_csv("time,value\n0,1\n60,2,3\n");
    BOOST_TEST(contains(f.message, q + " line 3: expected 2 columns"), f.message);
    f = with_csv("0,1\n60,2\n");
    BOOST_TEST(contains(f.message, q + " line 1: expected a header line"), f.message);
    f = with_csv("time,value\n2020-08-18T06:00:00,1\n");
    BOOST_TEST(contains(f.message, q + " line 2"), f.message);
    BOOST_TEST(contains(f.message, "no zone"), f.message);
    f = with_csv("time,value\n");
    BOOST_TEST(contains(f.message, "no data rows"), f.message);
    f = failure(dir, minimal + "[[boundary]]\nedge = \"west\"\nkind = \"inflow\"\ndischarge = \"nope.csv\"\n");
    BOOST_TEST(contains(f.message, "boundary[0].discharge: file not found: " + (dir.path() / "nope.csv").string()),
               f.message);
    // Rain may not be negative.
    dir.write("rain.csv", "time,mm_h\n0,1\n60,-2\n");
    f = failure(dir, minimal + "[rain]\nintensity = \"rain.csv\"\n");
    BOOST_TEST(contains(f.message, "rain.csv line 3: value -2 is below the minimum, 0"), f.message);
}

BOOST_AUTO_TEST_CASE(inline_series_errors_name_key_and_point) {
    CaseDir dir;
    const std::string head = minimal + "[[source]]\nx = 0\ny = 0\n";  // discharge on line 10
    Failure f = failure(dir, head + "discharge = [[0, 1.0], [60, 2.0], [60, 3.0]]\n");
    BOOST_TEST(contains(f.message, "source[0].discharge[2]: time 60 s is not after the previous point's 60 s"),
               f.message);
    BOOST_TEST(f.key == "source[0].discharge[2]");
    BOOST_TEST(f.line.value() == 10u);
    f = failure(dir, head + "discharge = [[0, 1.0], [60, nan]]\n");
    BOOST_TEST(contains(f.message, "source[0].discharge[1]: expected a finite number, got nan"), f.message);
    f = failure(dir, head + "discharge = [[0, 1.0], [\"2020-08-18T01:00:00\", 2.0]]\n");
    BOOST_TEST(contains(f.message, "source[0].discharge[1]"), f.message);
    BOOST_TEST(contains(f.message, "no zone"), f.message);
    f = failure(dir, head + "discharge = [[0, 1.0], [2020-08-18T01:00:00, 2.0]]\n");
    BOOST_TEST(contains(f.message, "source[0].discharge[1]: 2020-08-18T01:00:00 has no zone"), f.message);
    f = failure(dir, head + "discharge = []\n");
    BOOST_TEST(contains(f.message, "at least one point"), f.message);
    // ISO times in points, before the start, are seconds from case.start.
    const twin::Case c =
        dir.load(head + "discharge = [[\"2020-08-17T23:00:00+08:00\", 1.0], [\"2020-08-18T01:00:00+09:00\", 2.0]]\n" +
                 "extend = \"hold\"\n");  // it ends at the start
    BOOST_TEST(c.sources[0].discharge_m3_s.times() == (std::vector<double>{-3600.0, 0.0}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(times_need_zones_and_durations_must_be_positive) {
    CaseDir dir;
    Failure f = failure(
        dir, "[case]\nname = \"x\"\nstart = \"2020-08-18T00:00:00\"\nduration = \"1h\"\n[grid]\ndem = \"dem.tif\"\n");
    BOOST_TEST(contains(f.message, "line 3: case.start: '2020-08-18T00:00:00' has no zone"), f.message);
    f = failure(dir,
                "[case]\nname = \"x\"\nstart = 2020-08-18T00:00:00\nduration = \"1h\"\n[grid]\ndem = \"dem.tif\"\n");
    BOOST_TEST(contains(f.message, "case.start: 2020-08-18T00:00:00 has no zone"), f.message);
    f = failure(dir, "[case]\nname = \"x\"\nstart = 2020-08-18\nduration = \"1h\"\n[grid]\ndem = \"dem.tif\"\n");
    BOOST_TEST(contains(f.message, "case.start: expected a date-time with a zone"), f.message);
    f = failure(
        dir,
        "[case]\nname = \"x\"\nstart = \"2020-08-18T00:00:00Z\"\nduration = \"-72h\"\n[grid]\ndem = \"dem.tif\"\n");
    BOOST_TEST(contains(f.message, "line 4: case.duration: a duration must be more than 0 s"), f.message);
    f = failure(
        dir, "[case]\nname = \"x\"\nstart = \"2020-08-18T00:00:00Z\"\nduration = -3600\n[grid]\ndem = \"dem.tif\"\n");
    BOOST_TEST(contains(f.message, "case.duration: a duration must be more than 0 s"), f.message);
    f = failure(dir, minimal + "[output]\ngauge_interval = \"5 minutes\"\n");
    BOOST_TEST(contains(f.message, "output.gauge_interval: unknown unit 'minutes'"), f.message);
}

BOOST_AUTO_TEST_CASE(unknown_choices) {
    CaseDir dir;
    Failure f = failure(dir, minimal + "[hydro]\nscheme = \"fv3\"\n");
    BOOST_TEST(contains(f.message, "line 8: hydro.scheme: unknown scheme 'fv3'; expected one of \"fv1\", \"fv2\""),
               f.message);
    f = failure(dir, minimal + "[[boundary]]\nedge = \"up\"\nkind = \"free\"\n");
    BOOST_TEST(
        contains(f.message,
                 "boundary[0].edge: unknown edge 'up'; expected one of \"north\", \"south\", \"east\", \"west\""),
        f.message);
    f = failure(dir, minimal + "[[boundary]]\nedge = \"west\"\nkind = \"outflow\"\n");
    BOOST_TEST(contains(f.message, "boundary[0].kind: unknown kind 'outflow'"), f.message);
    f = failure(dir, minimal + "[[source]]\nkind = \"well\"\nx = 0\ny = 0\ndischarge = 1\n");
    BOOST_TEST(contains(f.message, "source[0].kind: unknown kind 'well'"), f.message);
}

BOOST_AUTO_TEST_CASE(conflicting_keys) {
    CaseDir dir;
    dir.write("h0.tif", "");
    Failure f = failure(dir, minimal + "[initial]\nwater_level = 165.0\ndepth = \"h0.tif\"\n");
    BOOST_TEST(contains(f.message, "initial.water_level: give water_level or depth, not both"), f.message);
    BOOST_TEST(f.line.value() == 8u);
    f = failure(dir, minimal + "[initial]\nwater_level = 165.0\ndry = true\n");
    BOOST_TEST(contains(f.message, "initial.dry: dry = true, but initial.water_level is given too"), f.message);
    f = failure(dir, minimal + "[initial]\ndry = false\n");
    BOOST_TEST(contains(f.message, "initial.dry: dry = false needs initial.water_level or initial.depth"), f.message);
    f = failure(dir,
                minimal + "[[boundary]]\nedge = \"west\"\nkind = \"free\"\nfrom = 0.0\nline = [[0, 0], [0, 10]]\n");
    BOOST_TEST(contains(f.message, "boundary[0].from: give from or line, not both"), f.message);
    f = failure(dir, minimal + "[[boundary]]\nedge = \"west\"\nkind = \"free\"\nfrom = 10.0\nto = 5.0\n");
    BOOST_TEST(contains(f.message, "boundary[0].to: must be above boundary[0].from (10), got 5"), f.message);
    f = failure(dir, minimal + "[[boundary]]\nedge = \"west\"\nkind = \"inflow\"\ndischarge = 1\nlevel = 160.0\n");
    BOOST_TEST(
        contains(f.message, "boundary[0].level: only used with kind = \"stage\" or \"rated_inflow\"; this boundary "
                            "has kind = \"inflow\""),
        f.message);
    f = failure(dir, minimal + "[[gauge]]\nname = \"g\"\nx = 0\ny = 0\n[[gauge]]\nname = \"g\"\nx = 1\ny = 1\n");
    BOOST_TEST(contains(f.message, "gauge[1].name: 'g' is already the name of gauge[0]"), f.message);
}

BOOST_AUTO_TEST_CASE(missing_dem_names_key_and_resolved_path) {
    CaseDir dir;
    Failure f = failure(dir,
                        "[case]\nname = \"x\"\nstart = \"2020-08-18T00:00:00Z\"\nduration = \"1h\"\n[grid]\ndem = "
                        "\"terrain/dem.tif\"\n");
    BOOST_TEST(f.message == (dir.path() / "case.toml").string() +
                                " line 6: grid.dem: file not found: " + (dir.path() / "terrain" / "dem.tif").string());
    BOOST_TEST(f.key == "grid.dem");
    f = failure(dir, minimal + "[hydro]\nmanning = \"n.tif\"\n");
    BOOST_TEST(contains(f.message, "hydro.manning: file not found"), f.message);
}

BOOST_AUTO_TEST_CASE(file_level_errors) {
    CaseDir dir;
    try {
        (void)twin::load_case(dir.path() / "absent.toml");
        BOOST_FAIL("expected an error");
    } catch (const twin::CaseError& e) {
        BOOST_TEST(contains(e.what(), "case file not found: " + (dir.path() / "absent.toml").string()), e.what());
    }
    const Failure f = failure(dir, minimal + "[hydro]\ncfl = = 0.5\n");
    BOOST_TEST(contains(f.message, "line 8: not valid TOML"), f.message);
    BOOST_TEST(f.line.value() == 8u);
}

BOOST_AUTO_TEST_CASE(nearest_key_by_edit_distance) {
    BOOST_TEST(twin::edit_distance("scheme", "shceme") == 1u);
    BOOST_TEST(twin::edit_distance("", "abc") == 3u);
    BOOST_TEST(twin::edit_distance("kitten", "sitting") == 3u);
    BOOST_TEST(twin::nearest_case_key("hydro", "shceme").value() == "hydro.scheme");
    BOOST_TEST(twin::nearest_case_key("grid", "manning").value() == "hydro.manning");
    BOOST_TEST(twin::nearest_case_key("output", "map_intervals").value() == "output.map_interval");
    BOOST_TEST(twin::nearest_case_key("gauges", "").value() == "gauge");
    BOOST_TEST(twin::nearest_case_key("name", "").value() == "case.name");
    BOOST_TEST(!twin::nearest_case_key("hydro", "turbulence"));
    BOOST_TEST(!twin::nearest_case_key("weather", ""));
}

BOOST_AUTO_TEST_CASE(registry_is_consistent) {
    std::set<std::string> seen;
    for (const twin::CaseKey& k : twin::case_keys()) {
        BOOST_TEST(twin::find_case_table(k.table) != nullptr, k.dotted());
        BOOST_TEST(seen.insert(k.dotted()).second, k.dotted() << " defined twice");
        BOOST_TEST(!k.doc.empty(), k.dotted());
        BOOST_TEST(!(k.required && !k.default_toml.empty()), k.dotted() << ": required with a default");
        BOOST_TEST((k.type == twin::CaseValueType::choice) == !k.choices.empty(), k.dotted());
        if (!k.when.empty()) {
            const auto eq = k.when.find('=');
            const twin::CaseKey* on = twin::find_case_key(k.table, k.when.substr(0, eq));
            BOOST_TEST_REQUIRE(on != nullptr, k.dotted());
            // Each alternative ("type=min_release|max_release") one of the choices.
            const auto choices = twin::case_key_choices(*on);
            std::string_view rest = k.when.substr(eq + 1);
            for (std::size_t bar = 0; bar != std::string_view::npos; rest.remove_prefix(bar + 1)) {
                bar = rest.find('|');
                BOOST_TEST((std::find(choices.begin(), choices.end(), rest.substr(0, bar)) != choices.end()),
                           k.dotted());
                if (bar == std::string_view::npos) break;
            }
        }
        if (!k.excludes.empty()) BOOST_TEST(twin::find_case_key(k.table, k.excludes) != nullptr, k.dotted());
    }
    for (const twin::CaseTable& t : twin::case_tables()) {
        BOOST_TEST(!t.doc.empty(), t.name);
        BOOST_TEST(std::any_of(twin::case_keys().begin(), twin::case_keys().end(),
                               [&](const twin::CaseKey& k) { return k.table == t.name; }),
                   t.name << " has no keys");
    }
    // [case] is read first: series with date-times need case.start.
    BOOST_TEST(twin::case_tables().front().name == "case");
}

BOOST_AUTO_TEST_CASE(docs_match_the_registry) {
    // Regenerate with `floodtwin docs case-file > docs/case-file.md`, or run this test
    // with FLOODTWIN_UPDATE_DOCS=1.
    const fs::path doc = fs::path(FLOODTWIN_SOURCE_DIR) / "docs" / "case-file.md";
    const std::string expected = twin::case_file_markdown();
    if (std::getenv("FLOODTWIN_UPDATE_DOCS")) std::ofstream(doc) << expected;
    std::ifstream in(doc);
    BOOST_TEST_REQUIRE(in.good(), doc << " is missing");
    std::stringstream text;
    text << in.rdbuf();
    BOOST_TEST((text.str() == expected), doc << " differs from case_file_markdown(): regenerate it with "
                                                "`floodtwin docs case-file > docs/case-file.md`");
    for (const twin::CaseKey& k : twin::case_keys())
        BOOST_TEST(contains(expected, "| `" + std::string(k.name) + "` |"), k.dotted() << " undocumented");
}

BOOST_AUTO_TEST_CASE(docs_example_loads) {
    CaseDir dir;
    dir.write("zhutuo.csv", "time,discharge_m3_s\n0,18000\n2020-08-20T00:00:00+08:00,52000\n259200,20000\n");
    const twin::Case c = dir.load(std::string(twin::case_file_example()));
    BOOST_TEST(c.name == "chongqing-2020-08");
    BOOST_TEST(c.boundaries.size() == 3u);
    BOOST_TEST(c.boundaries[1].series.times().at(1) == 129600.0);
    BOOST_TEST(c.rain.intensity_m_s->value_at(21600.0) == 1e-5, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(contains(twin::case_file_markdown(), std::string(twin::case_file_example())));
}

// A [[plan]] is the case with its overrides and its own rules, breaches and detention
// areas added: applied only when named, and each added entry checked as the case's are.
BOOST_AUTO_TEST_CASE(a_plan_adds_its_overrides_and_entries_when_named) {
    CaseDir dir;
    const std::string toml = every_table + R"([[plan]]
name = "breach and store"
reason = "open the levee at noon, hold the reservoir higher"
set = ["rule[0].priority=7"]
[[plan.rule]]
reservoir = "R"
name = "hold"
type = "max_release"
value = 20.0
[[plan.breach]]
crest = [[0.0, 0.0], [100.0, 0.0]]
width = 30.0
bottom = 95.0
start = "2020-08-18T00:30:00+08:00"
[[plan.detention]]
name = "D2"
area = "dem.tif"
inlet = [[0.0, 0.0], [100.0, 0.0]]
sill = 96.0
width = 10.0
start = "2020-08-18T00:20:00+08:00"
)";
    const twin::Case base = dir.load(toml);
    BOOST_TEST(base.network.rules.size() == 1u);
    BOOST_TEST(base.breaches.size() == 1u);
    BOOST_TEST(base.detentions.size() == 1u);
    BOOST_REQUIRE(base.fourpre.plans.size() == 2u);
    BOOST_TEST(base.fourpre.plans[1].set.size() == 1u);

    const twin::Case plan = twin::load_case(dir.path() / "case.toml", {}, "breach and store");
    BOOST_TEST(plan.network.rules.size() == 2u);
    BOOST_TEST(plan.network.rules.at(0).priority == 7);
    BOOST_TEST(plan.network.rules.at(1).name == "hold");
    BOOST_TEST(plan.network.rules.at(1).value_m3_s == 20.0);
    BOOST_REQUIRE(plan.breaches.size() == 2u);
    BOOST_TEST(plan.breaches.at(1).width_m == 30.0);
    BOOST_TEST(plan.breaches.at(1).opening.start_s.value() == 1800.0);
    BOOST_REQUIRE(plan.detentions.size() == 2u);
    BOOST_TEST(plan.detentions.at(1).name == "D2");

    // Its entries are checked as the case's: a misspelt key is named where it is.
    const std::string misspelt = every_table + R"([[plan]]
name = "typo"
reason = "r"
[[plan.rule]]
reservoir = "R"
name = "hold"
type = "max_release"
valeu = 20.0
)";
    const Failure f = failure(dir, misspelt);
    BOOST_TEST(contains(f.message, "unknown key 'plan[1].rule[0].valeu'"), f.message);
    BOOST_TEST(contains(f.message, "did you mean 'plan[1].rule[0].value'"), f.message);
    BOOST_TEST(f.key == "plan[1].rule[0].valeu");
    // An unknown plan is named with the plans there are.
    dir.write("case.toml", toml);
    try {
        (void)twin::load_case(dir.path() / "case.toml", {}, "nothing");
        BOOST_FAIL("an unknown plan was accepted");
    } catch (const twin::CaseError& e) {
        BOOST_TEST(contains(e.what(), "has no [[plan]] of that name (it has 'P', 'breach and store')"), e.what());
    }
}

BOOST_AUTO_TEST_CASE(an_element_of_a_list_is_overridden_by_its_index) {
    CaseDir dir;
    const std::string toml = every_table + R"([[joint]]
name = "K"
station = "A"
members = ["R"]
tiers = [1]
)";
    // joint[1] has one member: tiers[0] is its one element.
    const twin::Case c = dir.load(toml, {"joint[1].tiers[0]=2"});
    BOOST_TEST(c.network.joints.at(1).tiers == std::vector<double>{2.0}, boost::test_tools::per_element());
    Failure f = failure(dir, toml, {"joint[1].tiers[1]=2"});
    BOOST_TEST(contains(f.message, "joint[1].tiers has 1 element, numbered from 0"), f.message);
    BOOST_TEST(f.key == "joint[1].tiers[1]");
    // A list left to its default is not written: set it whole.
    f = failure(dir, toml, {"fourpre.area_depths[2]=1.0"});
    BOOST_TEST(contains(f.message, "fourpre.area_depths is not written in the case, so its element [2] cannot be set"),
               f.message);
    f = failure(dir, toml, {"joint[1].priority[0]=2"});
    BOOST_TEST(contains(f.message, "joint[1].priority is a number, not a list"), f.message);
    f = failure(dir, toml, {"joint[1].tiers[x]=2"});
    BOOST_TEST(contains(f.message, "is not a key such as"), f.message);
    // The list is converted whole after the element is set: a word in a list of numbers is named.
    f = failure(dir, toml, {"joint[1].tiers[0]=first"});
    BOOST_TEST(contains(f.message, "joint[1].tiers"), f.message);
}

BOOST_AUTO_TEST_CASE(optimise_tables_load_and_their_keys_are_overridden) {
    CaseDir dir;
    const std::string toml = every_table + R"([[optimise.variable]]
key = "joint[0].release_target"
name = "after the flood"
min = 100.0
max = 400.0
step = 50.0
)";
    const twin::Case c = dir.load(toml, {"optimise.variable[1].max=500", "optimise.population=16"});
    BOOST_TEST(c.optimise.present);
    BOOST_REQUIRE(c.optimise.variables.size() == 2u);
    BOOST_TEST(c.optimise.variables[0].case_key == "joint[0].priority");
    BOOST_TEST(c.optimise.variables[0].name == "joint[0].priority");  // the key when no name is given
    BOOST_TEST(c.optimise.variables[0].key == "optimise.variable[0]");
    BOOST_TEST(c.optimise.variables[1].name == "after the flood");
    BOOST_TEST(c.optimise.variables[1].max == 500.0);
    BOOST_TEST(c.optimise.variables[1].step.value() == 50.0);
    BOOST_TEST(c.optimise.settings.population == 16.0);
    BOOST_TEST(c.optimise.settings.station == "A");  // the first [[joint]]'s station
    BOOST_TEST(!dir.load(minimal).optimise.present);

    // A misspelt key of a variable is named where it is, with the one meant.
    Failure f = failure(dir, every_table + "[[optimise.variable]]\nkye = \"rule[0].priority\"\nmin = 1\nmax = 2\n");
    BOOST_TEST(contains(f.message, "unknown key 'optimise.variable[1].kye'"), f.message);
    BOOST_TEST(contains(f.message, "did you mean 'optimise.variable[1].key'?"), f.message);
    f = failure(dir, toml, {"optimise.variable[2].max=1"});
    BOOST_TEST(contains(f.message, "the case has 2 [[optimise.variable]] tables, numbered from 0"), f.message);
    f = failure(dir, toml, {"optimise.variable.max=1"});
    BOOST_TEST(contains(f.message, "optimise.variable[0].max"), f.message);
}
