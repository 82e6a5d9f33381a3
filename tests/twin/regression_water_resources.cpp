// Regression: the water-resources cases routed on the network alone. year-2022 through a
// whole year at daily steps: the ledger closes, the reservoirs follow their guide curves
// (drawdown to the flood season, the flood season at the flood-limit level, refill), the
// demands are delivered and accounted. drought-2022-08's plans: each published measure
// does what it says against the baseline (navigation hours, the Three Gorges drawdown,
// the flow at Chongqing).
#define BOOST_TEST_MODULE twin_regression_water_resources
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <map>
#include <string>

#include "tests/support/files.hpp"
#include "tests/support/temp_dir.hpp"
#include "twin/run/route.hpp"

namespace fs = std::filesystem;
using floodtwin::testing::csv_rows;
using floodtwin::testing::read_json;
using namespace floodtwin;

namespace {

const fs::path kCases = fs::path(FLOODTWIN_SOURCE_DIR) / "cases/chongqing";

// The network's ledger closes to round-off over a year of steps.
constexpr double mass_rel_tol = 1e-12;
// The flood season is held at the 145 m flood-limit level: the guide release settles a
// day's inflow change within a few centimetres.
constexpr double flood_season_tol_m = 0.1;
// Where the inflow allows, the pool is on its guide curve within a metre at the end of
// the drawdown (31 May, guide 155 m) and within 3 m after the refill (31 Oct, 175 m: the
// refill is limited by the autumn inflow above the 6,000 m3/s minimum release).
constexpr double drawdown_tol_m = 1.0, refill_tol_m = 3.0;

fs::path route(const std::string& case_dir, const fs::path& out, const std::string& plan = "") {
    twin::RouteOptions o;
    o.case_file = kCases / case_dir / "case.toml";
    o.out_dir = out;
    o.plan = plan;
    o.quiet = true;
    return twin::route_case(o).summary;
}

// Column `name` of a CSV at the row whose first field starts with `time`.
double at(const fs::path& csv, const std::string& name, const std::string& time) {
    const auto rows = csv_rows(csv);
    std::size_t c = 0;
    while (c < rows[0].size() && rows[0][c] != name) ++c;
    BOOST_TEST_REQUIRE(c < rows[0].size(), csv << " has no column " << name);
    for (std::size_t r = 1; r < rows.size(); ++r)
        if (rows[r][0].rfind(time, 0) == 0) return std::stod(rows[r][c]);
    BOOST_FAIL(csv << " has no row at " << time);
    return 0.0;
}

const nlohmann::json& named(const nlohmann::json& list, const std::string& name) {
    for (const auto& j : list)
        if (j.at("name") == name) return j;
    BOOST_FAIL("no '" << name << "'");
    return list;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_year_of_the_network_follows_its_guide_curves_and_serves_its_demands) {
    floodtwin::testing::TempDir dir;
    const fs::path summary = route("year-2022", dir.path() / "year");
    const nlohmann::json j = read_json(summary);
    BOOST_TEST(j["network"]["steps"].get<int>() == 365);
    BOOST_TEST(std::abs(j["network"]["mass_balance"]["relative_error"].get<double>()) < mass_rel_tol);
    const fs::path levels = dir.path() / "year" / "reservoirs.csv";
    const std::string tg = "Three Gorges_level_m";
    BOOST_TEST(std::abs(at(levels, tg, "2022-05-31") - 155.0) < drawdown_tol_m);
    for (const char* day : {"2022-06-20", "2022-07-15", "2022-08-16", "2022-09-05"})
        BOOST_TEST(std::abs(at(levels, tg, day) - 145.0) < flood_season_tol_m, day);
    BOOST_TEST(std::abs(at(levels, tg, "2022-10-31") - 175.0) < refill_tol_m);
    // Xiluodu: down toward 545 m by the end of May, back at 600 m after its refill.
    BOOST_TEST(std::abs(at(levels, "Xiluodu_level_m", "2022-05-31") - 545.0) < drawdown_tol_m);
    BOOST_TEST(std::abs(at(levels, "Xiluodu_level_m", "2022-10-01") - 600.0) < refill_tol_m);
    // Demands: every one fully delivered (the main stem does not run dry); the irrigation
    // district's monthly asks add up to its year.
    for (const auto& d : j["demands"]) BOOST_TEST(d["reliability"].get<double>() == 1.0, d["name"]);
    const double days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const double monthly[12] = {5, 5, 20, 40, 60, 60, 80, 80, 40, 10, 5, 5};
    double year_m3 = 0.0;
    for (int m = 0; m < 12; ++m) year_m3 += monthly[m] * days[m] * 86400.0;
    const double delivered = named(j["demands"], "Tingzikou irrigation district")["delivered_m3"].get<double>();
    BOOST_TEST(std::abs(delivered - year_m3) < 1e-9 * year_m3);
    BOOST_TEST(j["network"]["mass_balance"]["withdrawn_m3"].get<double>() > delivered);
}

BOOST_AUTO_TEST_CASE(the_drought_plans_do_what_they_say_on_the_network) {
    floodtwin::testing::TempDir dir;
    std::map<std::string, nlohmann::json> s;
    for (const std::string plan : {"", "jinsha-cascade-release", "three-gorges-replenishment", "fuling-navigation"})
        s[plan] = read_json(route("drought-2022-08", dir.path() / (plan.empty() ? "baseline" : plan), plan));
    auto hours = [&](const std::string& plan) {
        return s[plan]["downstream_minimums"][0]["hours_below"].get<double>();
    };
    auto level = [&](const std::string& plan, const std::string& reservoir) {
        return named(s[plan]["reservoirs"], reservoir)["final_level_m"].get<double>();
    };
    // The baseline only measures the Fuling channel: below it the whole week.
    BOOST_TEST(hours("") == 7 * 24.0);
    // Serving it from Xiluodu's storage opens it once the water arrives, and costs storage.
    BOOST_TEST(hours("fuling-navigation") < 0.5 * hours(""));
    BOOST_TEST(level("fuling-navigation", "Xiluodu") < level("", "Xiluodu"));
    // The cascade's release raises the lowest flow at Fuling.
    BOOST_TEST(s["jinsha-cascade-release"]["downstream_minimums"][0]["lowest_flow_m3_s"].get<double>() >
               s[""]["downstream_minimums"][0]["lowest_flow_m3_s"].get<double>());
    // Three Gorges: held at 147.2 m in the baseline; in its plan on its guide curve, 146.06 m
    // at the end (21 Aug 12:00, half way from 146.12 m on the 21st to 146.0 m on the 22nd).
    BOOST_TEST(std::abs(level("", "Three Gorges") - 147.2) < 0.01);
    BOOST_TEST(std::abs(level("three-gorges-replenishment", "Three Gorges") - 146.06) < 0.05);
    // The city's intakes are never short: the Yangtze and the Jialing do not run dry.
    for (const auto& d : s[""]["demands"]) BOOST_TEST(d["short_m3"].get<double>() == 0.0, d["name"]);
    for (auto& [plan, j] : s)
        BOOST_TEST(std::abs(j["network"]["mass_balance"]["relative_error"].get<double>()) < mass_rel_tol, plan);
}
