// Whole runs with structures: a levee breach and a detention area, on a small
// reservoir beside a levee and the land behind it (UTM 48N, 30 x 20 cells of 20 m).
// - Breach: opens at its time, drains the reservoir onto the land; its ledger line is
//   what the reservoir lost; summary.json and mass_balance.csv report it; a run resumed
//   from a checkpoint written while it forms ends on the same figures.
// - Detention: the inlet opens when the reservoir's gauge reaches its stage (the
//   reservoir fills from an inflow at a known rate), and what the area holds at the end
//   is what came through the inlet.
// - Bad structures are refused naming the key.
#define BOOST_TEST_MODULE twin_regression_structures
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "grids/gdal_raster.hpp"
#include "grids/geotiff_writer.hpp"
#include "tests/support/error_text.hpp"
#include "tests/support/run_options.hpp"
#include "tests/support/temp_dir.hpp"
#include "twin/case/case_file.hpp"
#include "twin/run/run.hpp"
#include "twin/setup/case_setup.hpp"

using namespace floodtwin;
namespace fs = std::filesystem;
using floodtwin::testing::error_of;
using floodtwin::testing::has;

namespace {

constexpr double kX0 = 600000.0, kY0 = 3300000.0, kCell = 20.0;
constexpr std::size_t kNx = 30, kNy = 20, kLeveeCol = 12;
constexpr double kReservoirBed = 180.0, kLeveeTop = 200.0;
constexpr double kReservoirArea = kLeveeCol * kNy * kCell * kCell;  // 96,000 m2

double land_bed(std::size_t col) { return 188.0 - 0.1 * static_cast<double>(col - kLeveeCol - 1); }

grids::Raster<double> raster(const std::function<double(std::size_t col)>& value) {
    grids::Raster<double> r(kNx, kNy, grids::GeoTransform{kX0, kY0 + kNy * kCell, kCell, -kCell});
    r.crs_wkt = grids::crs_wkt("EPSG:32648", "test");
    for (std::size_t row = 0; row < kNy; ++row)
        for (std::size_t col = 0; col < kNx; ++col) r.at(col, row) = value(col);
    return r;
}

class Dir : public floodtwin::testing::TempDir {
public:
    explicit Dir(double level) : TempDir("structures") {
        grids::write_geotiff(path() / "dem.tif", raster([](std::size_t col) {
                                 return col < kLeveeCol ? kReservoirBed : col == kLeveeCol ? kLeveeTop : land_bed(col);
                             }));
        grids::write_geotiff(path() / "depth.tif",
                             raster([&](std::size_t col) { return col < kLeveeCol ? level - kReservoirBed : 0.0; }));
        // The land behind the levee (x > 600260), as the detention area.
        write("area.geojson",
              R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::32648"}},)"
              R"("features":[{"type":"Feature","properties":{"name":"area"},"geometry":{"type":"Polygon",)"
              R"("coordinates":[[[600260,3300000],[600600,3300000],[600600,3300400],[600260,3300400],[600260,3300000]]]}}]})");
    }
    fs::path case_file(const std::string& body, const std::string& output = "") const {
        return write("case.toml",
                     "[case]\nname = \"structures\"\nstart = \"2020-08-18T00:00:00+08:00\"\nduration = \"1h\"\n"
                     "[grid]\ndem = \"dem.tif\"\n[initial]\ndepth = \"depth.tif\"\n"
                     "[hydro]\nscheme = \"fv1\"\nmanning = 0.03\n"
                     "[[gauge]]\nname = \"reservoir\"\nx = 600100.0\ny = 3300200.0\n"
                     "[output]\nmap_interval = \"10min\"\ngauge_interval = \"5min\"\n" + output + body);
    }
    twin::Case load(const std::string& body) const { return twin::load_case(case_file(body), {}); }
};

// The levee's crest line, rows 5-14 from the south (200 m).
const std::string kCrest = "[[600250.0, 3300100.0], [600250.0, 3300300.0]]";
const std::string kBreach = "[[breach]]\nname = \"left bank\"\ncrest = " + kCrest +
                            "\nwidth = 60.0\nbottom = 189.0\nformation = 600.0\nstart = \"2020-08-18T00:10:00+08:00\"\n"
                            "[[boundary]]\nedge = \"east\"\nkind = \"free\"\n";
const std::string kDetention = "[[detention]]\nname = \"east polder\"\narea = \"area.geojson\"\ninlet = " + kCrest +
                               "\nsill = 193.0\nwidth = 40.0\nopening = 300.0\nat_stage = 194.0\ngauge = \"reservoir\"\n"
                               "[[boundary]]\nedge = \"west\"\nkind = \"inflow\"\ndischarge = 100.0\n";

nlohmann::json read_json(const fs::path& p) {
    std::ifstream in(p);
    return nlohmann::json::parse(in);
}

std::string read_text(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

double reservoir_storage(const hydro::Simulation& sim) {
    double v = 0.0;
    for (std::size_t j = 0; j < kNy; ++j)
        for (std::size_t i = 0; i < kLeveeCol; ++i) v += sim.state().h[j * kNx + i];
    return v * kCell * kCell;
}

}  // namespace

BOOST_AUTO_TEST_CASE(breach_drains_the_reservoir_and_its_line_is_what_it_lost) {
    Dir dir(195.0);
    twin::PreparedCase p = twin::prepare_case(dir.load(kBreach));
    BOOST_TEST_REQUIRE(p.simulation.weir_links().size() == 1u);
    const hydro::WeirLink& link = p.simulation.weir_links()[0];
    BOOST_TEST(link.strips.size() == 10u);          // one per 20 m of crest
    BOOST_TEST(link.sill_start_m == kLeveeTop);     // the crest as the DEM has it
    BOOST_TEST(link.opens_at_s == 600.0);
    const double before = reservoir_storage(p.simulation);
    p.simulation.advance_to(3600.0);
    const auto& acc = p.simulation.ledger().links[0];
    const double lost = before - reservoir_storage(p.simulation);
    BOOST_TEST_MESSAGE("breach: " << acc.a_to_b_m3 << " m3 through, " << acc.b_to_a_m3 << " back, reservoir lost "
                                  << lost << " m3, peak " << acc.peak_m3_s << " m3/s");
    BOOST_TEST(lost > 0.3 * kReservoirArea * (195.0 - 189.0));  // it drained, well below the first head
    BOOST_TEST(acc.net_m3() == lost, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(std::abs(p.simulation.ledger().relative_error()) < 1e-12);
}

BOOST_AUTO_TEST_CASE(breach_outputs_and_resume_while_it_forms) {
    Dir dir(195.0);
    floodtwin::testing::TempDir whole("breach-whole"), part("breach-part"), resumed("breach-resumed");
    const fs::path file = dir.case_file(kBreach, "checkpoint_interval = \"15min\"\n");
    twin::run_case(floodtwin::testing::quiet_run(file, whole.path()));
    const auto j = read_json(whole.path() / "summary.json");
    BOOST_TEST_REQUIRE(j["structures"].size() == 1u);
    const auto& s = j["structures"][0];
    BOOST_TEST(s["name"] == "left bank");
    BOOST_TEST(s["kind"] == "breach");
    BOOST_TEST(s["opened_at"] == "2020-08-18T00:10:00+08:00");
    BOOST_TEST(s["volume_through_m3"].get<double>() > 0.0);
    BOOST_TEST(s["peak_discharge_m3_s"].get<double>() > 0.0);
    BOOST_TEST(std::abs(j["mass_error"].get<double>()) < 1e-12);
    // mass_balance.csv: the breach's own column, its last value the summary's net volume.
    const std::string csv = read_text(whole.path() / "mass_balance.csv");
    BOOST_TEST(has(csv.substr(0, csv.find('\n')), ",left bank_through_m3,"));
    // Stopped at 25 min (the 15-minute checkpoint is written while the breach still forms)...
    twin::run_case(floodtwin::testing::quiet_run(file, part.path(), {"case.duration=25min"}));
    const fs::path ck = part.path() / "checkpoints/checkpoint_000000900.000.ckpt";
    BOOST_TEST_REQUIRE(fs::exists(ck));
    // ... and resumed from it: the same figures.
    auto again = floodtwin::testing::quiet_run(file, resumed.path());
    again.resume = ck;
    twin::run_case(again);
    const auto r = read_json(resumed.path() / "summary.json");
    BOOST_TEST(r["structures"] == j["structures"]);
    BOOST_TEST(r["steps"] == j["steps"]);
    BOOST_TEST(read_text(resumed.path() / "mass_balance.csv") == csv);
}

BOOST_AUTO_TEST_CASE(detention_inlet_opens_at_the_gauge_stage_and_the_area_holds_what_came_in) {
    Dir dir(192.0);
    twin::PreparedCase p = twin::prepare_case(dir.load(kDetention));
    BOOST_TEST_REQUIRE(p.detentions.size() == 1u);
    BOOST_TEST(p.detentions[0].cells.size() == (kNx - kLeveeCol - 1) * kNy);
    hydro::Simulation& sim = p.simulation;
    while (std::isnan(sim.link_opened_s()[0]) && sim.time() < 3600.0) sim.step(3600.0 - sim.time());
    // 100 m3/s into 96,000 m2 lifts the level 2 m (192 -> 194 m) in 1920 s, give or take
    // the wave the inflow sends across the reservoir.
    const double opened = sim.link_opened_s()[0];
    BOOST_TEST_MESSAGE("detention inlet opened at " << opened << " s");
    BOOST_TEST(std::abs(opened - 2 * kReservoirArea / 100.0) < 60.0);
    BOOST_TEST(sim.ledger().links[0].a_to_b_m3 == 0.0);
    sim.advance_to(3600.0);
    double stored = 0.0;
    for (std::size_t c : p.detentions[0].cells) stored += sim.state().h[c];
    stored *= kCell * kCell;
    BOOST_TEST(stored > 0.0);
    BOOST_TEST(sim.ledger().links[0].net_m3() == stored, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(std::abs(sim.ledger().relative_error()) < 1e-12);
}

BOOST_AUTO_TEST_CASE(bad_structures_are_refused_by_key) {
    Dir dir(195.0);
    auto refused = [&](const std::string& body, const std::string& says) {
        const std::string m = error_of([&] { (void)twin::prepare_case(dir.load(body)); });
        BOOST_TEST(has(m, says), m);
    };
    // A crest line through the reservoir: nothing lower beside it.
    refused("[[breach]]\ncrest = [[600100.0, 3300100.0], [600100.0, 3300300.0]]\nwidth = 60.0\nbottom = 170.0\n"
            "start = \"2020-08-18T00:10:00+08:00\"\n",
            "breach[0].crest: no ground lower than the crest");
    refused("[[breach]]\ncrest = " + kCrest + "\nwidth = 300.0\nbottom = 189.0\nstart = \"2020-08-18T00:10:00+08:00\"\n",
            "breach[0].width: the opening grows to 300 m, but the stretch is 200 m long");
    refused("[[breach]]\ncrest = " + kCrest + "\nwidth = 60.0\nbottom = 201.0\nstart = \"2020-08-18T00:10:00+08:00\"\n",
            "breach[0].bottom: must lie below the crest (200 m)");
    refused("[[breach]]\ncrest = " + kCrest + "\nwidth = 60.0\nbottom = 189.0\n", "needs `start` (a time) or `at_stage`");
    refused("[[breach]]\ncrest = " + kCrest + "\nwidth = 60.0\nbottom = 189.0\nat_stage = 196.0\ngauge = \"nowhere\"\n",
            "breach[0].gauge: 'nowhere' is not the name of a [[gauge]]");
    refused("[[breach]]\ncrest = " + kCrest + "\nwidth = 60.0\nbottom = 189.0\nat_stage = 196.0\n",
            "breach[0].at_stage: needs `gauge`");
    // An inlet whose two sides are both outside the area (a polygon far to the east).
    dir.write("far.geojson",
              R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::32648"}},)"
              R"("features":[{"type":"Feature","properties":{"name":"far"},"geometry":{"type":"Polygon",)"
              R"("coordinates":[[[600500,3300000],[600600,3300000],[600600,3300400],[600500,3300400],[600500,3300000]]]}}]})");
    refused("[[detention]]\nname = \"d\"\narea = \"far.geojson\"\ninlet = " + kCrest +
                "\nsill = 193.0\nwidth = 40.0\nstart = \"2020-08-18T00:10:00+08:00\"\n",
            "detention[0].inlet: the cells either side of it are both outside the area");
}
