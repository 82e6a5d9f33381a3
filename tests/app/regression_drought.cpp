// The four pre- workflow on the 2022 drought case (cases/chongqing/drought-2022-08), in a
// short window (36 h spin-up, 12 h horizon: the full 120 h run is in the case's README):
// low-flow (drought) warnings graded at the stations the case gives thresholds, in
// warnings.csv and as CAP 1.2 alerts that validate against the OASIS schema; the plans
// ranked by the case's rule, with the water-resources objectives; the demands accounted
// in every rehearsal; the report saying so.
#define BOOST_TEST_MODULE regression_drought
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <cstdlib>
#include <map>
#include <string>

#include "tests/support/files.hpp"
#include "tests/support/temp_dir.hpp"

namespace fs = std::filesystem;
using floodtwin::testing::csv_rows;
using floodtwin::testing::read_json;
using floodtwin::testing::read_text;

namespace {

const fs::path kCase = fs::path(FLOODTWIN_SOURCE_DIR) / "cases/chongqing/drought-2022-08/case.toml";
bool has_text(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

const fs::path kSchema = fs::path(FLOODTWIN_SOURCE_DIR) / "docs/standards/cap-1.2/CAP-v1.2.xsd";

struct Forecast {
    floodtwin::testing::TempDir dir;
    fs::path out = dir.path() / "drought";
    int status = -1;
    Forecast() {
        const std::string cmd = std::string(FLOODTWIN_EXE) + " fourpre " + kCase.string() +
                                " --issue-time 2022-08-16T12:00:00+08:00 --out " + out.string() +
                                " --set fourpre.spin_up=36h --set fourpre.horizon=12h --quiet > " +
                                (dir.path() / "fourpre.log").string() + " 2>&1";
        status = std::system(cmd.c_str());
        if (status != 0) BOOST_TEST_MESSAGE(read_text(dir.path() / "fourpre.log"));
    }
};

const Forecast& forecast() {
    static const Forecast f;
    return f;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_drought_forecast_runs_and_grades_low_flows) {
    const Forecast& f = forecast();
    BOOST_TEST_REQUIRE(f.status == 0);
    const auto rows = csv_rows(f.out / "warning" / "warnings.csv");
    std::map<std::string, std::string> drought;  // station -> level
    for (std::size_t r = 1; r < rows.size(); ++r)
        if (rows[r][1] == "drought") drought[rows[r][2]] = rows[r][3];
    // The constructed flows sit below the assumed thresholds at Zhutuo, Beibei and Cuntan
    // from the issue time (the case's README gives the figures).
    for (const char* station : {"Zhutuo", "Beibei", "Cuntan outflow"})
        BOOST_TEST(drought.count(station) == 1u, station << " has no low-flow warning");
    // Fuling and Wulong have no low-flow thresholds: no drought warning there.
    BOOST_TEST(drought.count("Fuling") == 0u);
    BOOST_TEST(drought.count("Wulong") == 0u);
}

BOOST_AUTO_TEST_CASE(drought_alerts_are_cap_1_2_of_the_environment) {
    const Forecast& f = forecast();
    BOOST_TEST_REQUIRE(f.status == 0);
    int checked = 0;
    for (const auto& file : fs::directory_iterator(f.out / "warning" / "cap")) {
        if (file.path().filename().string().rfind("drought-", 0) != 0) continue;
        const std::string log = (f.dir.path() / "xmllint.log").string();
        const std::string cmd = "xmllint --noout --nonet --schema " + kSchema.string() + " " + file.path().string() +
                                " > " + log + " 2>&1";
        BOOST_TEST(std::system(cmd.c_str()) == 0, file.path().filename() << ": " << read_text(log));
        const std::string xml = read_text(file.path());
        BOOST_TEST(has_text(xml, "<category>Env</category>"));
        BOOST_TEST(has_text(xml, "Low-flow (drought) warning"));
        BOOST_TEST(has_text(xml, "assumed for this case"));  // the thresholds' source travels with the alert
        ++checked;
    }
    BOOST_TEST(checked >= 3);
}

BOOST_AUTO_TEST_CASE(the_plans_are_ranked_with_the_water_resources_objectives) {
    const Forecast& f = forecast();
    BOOST_TEST_REQUIRE(f.status == 0);
    const nlohmann::json plan = read_json(f.out / "plan.json");
    BOOST_TEST(plan["ranking"].size() == 5u);
    for (const auto& p : plan["ranking"]) {
        BOOST_TEST(p["objectives"].contains("supply_short"));
        BOOST_TEST(p["objectives"].contains("minimum_hours"));
        BOOST_TEST(p["breaks_no_hard_limit"].get<bool>(), p["plan"]);
    }
    // Every rehearsal accounts the city's intakes: delivered in full from the big rivers.
    for (const char* name : {"baseline", "three-gorges-replenishment"}) {
        const nlohmann::json d = read_json(f.out / "rehearsal" / name / "dispatch_summary.json");
        BOOST_TEST_REQUIRE(d.contains("demands"));
        for (const auto& dem : d["demands"]) {
            BOOST_TEST(dem["demanded_m3"].get<double>() > 0.0);
            BOOST_TEST(dem["reliability"].get<double>() == 1.0, dem["name"]);
        }
        BOOST_TEST(d["downstream_minimums"][0]["hours_below"].get<double>() > 0.0);
        // The intakes' water leaves the coupled system and their returns come back: the
        // combined ledger of network and 2D model closes (it missed them once, by 1e-3).
        const nlohmann::json s = read_json(f.out / "rehearsal" / name / "summary.json");
        BOOST_TEST(std::abs(s["combined_mass_error"].get<double>()) < 1e-9, name);
        BOOST_TEST(std::abs(d["network"]["mass_balance"]["relative_error"].get<double>()) < 1e-12, name);
    }
    const std::string html = read_text(f.out / "report.html");
    // The warnings table lists the low-flow warnings by kind, with their threshold's name.
    BOOST_TEST(has_text(html, "<td>drought</td>"));
    BOOST_TEST((has_text(html, "low-flow warning") || has_text(html, "lowest flow of the season")));
    BOOST_TEST(has_text(html, "the water the demands do not get"));
}
