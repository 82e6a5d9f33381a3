// `floodtwin optimise` as users run it. On the 2020 flood case (confluence-2020-08, the
// river network alone, a small budget to stay under a minute): the Pareto set holds a
// plan at least as good on every objective as the best of the case's own plans, judged
// the same way; it is non-dominated and keeps the hard limits; each plan of plans.toml
// loads as the case's [[plan]]; the report shows the front. On the synthetic valley with
// --rehearse: the Pareto plans go through the four pre- rehearsal (the 2D model), whose
// ranking the report shows with the protected area flooded.
#define BOOST_TEST_MODULE regression_optimise
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <cstdlib>
#include <string>

#include <toml++/toml.h>

#include "tests/support/files.hpp"
#include "tests/support/temp_dir.hpp"
#include "twin/case/case_file.hpp"

namespace fs = std::filesystem;
using floodtwin::testing::read_json;
using floodtwin::testing::read_text;
using floodtwin::testing::TempDir;
using nlohmann::json;

namespace {

const fs::path kSource(FLOODTWIN_SOURCE_DIR);
const fs::path kConfluence = kSource / "cases/chongqing/confluence-2020-08/case.toml";
const fs::path kValley = kSource / "cases/examples/valley-fourpre/case.toml";

int floodtwin_cli(const std::string& args, const fs::path& log) {
    const std::string cmd = std::string(FLOODTWIN_EXE) + " " + args + " > " + log.string() + " 2>&1";
    const int status = std::system(cmd.c_str());
    BOOST_TEST_MESSAGE(read_text(log));
    return status;
}

const json& named(const json& list, const std::string& name) {
    for (const json& j : list)
        if (j.at("name") == name) return j;
    BOOST_FAIL("no '" << name << "'");
    return list;
}

// a at least as good as b on every objective, within each one's tolerance as pareto.json
// states it: written again here from the statement, not taken from the program.
bool at_least_as_good(const json& a, const json& b, const json& objectives) {
    for (const json& o : objectives) {
        const std::string name = o["name"];
        const double x = a["objectives"][name], y = b["objectives"][name];
        const double tol = o["tolerance"].get<double>() * (o["tolerance_is_relative"].get<bool>() ? std::max(std::abs(x), std::abs(y)) : 1.0);
        const bool lower = o["sense"] == "minimise";
        if ((lower ? x - y : y - x) > tol) return false;
    }
    return true;
}

bool dominates(const json& a, const json& b, const json& objectives) {
    bool better = false;
    for (const json& o : objectives) {
        const std::string name = o["name"];
        const double s = o["sense"] == "minimise" ? 1.0 : -1.0;
        const double x = s * a["objectives"][name].get<double>(), y = s * b["objectives"][name].get<double>();
        if (x > y) return false;
        better = better || x < y;
    }
    return better;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_2020_pareto_set_holds_a_plan_as_good_as_the_best_hand_written_one) {
    const TempDir dir("optimise");
    const fs::path out = dir / "out";
    BOOST_REQUIRE(floodtwin_cli("optimise " + kConfluence.string() + " --out " + out.string() +
                                    " --set optimise.population=8 --set optimise.generations=1",
                                dir / "optimise.log") == 0);
    const json j = read_json(out / "pareto.json");
    const json& objectives = j["objectives"];
    BOOST_TEST(objectives.size() == 4u);
    BOOST_TEST(j["network_step_s"] == 3600.0);
    // The best hand-written plan, by the rule stated: those keeping the hard limits, then the
    // first objective (the peak leaving Chongqing; the plans differ on it by far more than 0.1 %).
    const json* best = nullptr;
    for (const json& h : j["hand_written"])
        if (h["feasible"].get<bool>() && (!best || h["objectives"]["control_peak"] < (*best)["objectives"]["control_peak"]))
            best = &h;
    BOOST_REQUIRE(best);
    BOOST_TEST((*best)["name"] == "target-70000");
    BOOST_TEST(j["best_hand_written"]["name"] == (*best)["name"]);
    BOOST_TEST((*best)["rank"] == 1);
    // The Pareto set: feasible, non-dominated, and a plan at least as good as the best on every objective.
    const json& plans = j["plans"];
    BOOST_REQUIRE(plans.size() >= 2u);
    bool matched = false;
    for (const json& p : plans) {
        BOOST_TEST(p["feasible"].get<bool>());
        for (const json& q : plans) BOOST_TEST(!dominates(q, p, objectives), q["name"] << " dominates " << p["name"]);
        if (at_least_as_good(p, *best, objectives)) matched = true;
    }
    BOOST_TEST(matched, "no Pareto plan is at least as good as " << (*best)["name"] << " on every objective");
    BOOST_TEST(!j["best_hand_written"]["at_least_as_good"].empty());
    // What the variables cannot express is said: three-gorges-55000 adds a dated rule.
    const json& tg = named(j["hand_written"], "three-gorges-55000");
    BOOST_TEST(!tg["expressed"].get<bool>());
    BOOST_TEST(tg["why_not_expressed"] == "it adds [[plan.rule]] entries, which no variable stands for");
    BOOST_TEST(named(j["hand_written"], "all-tiers")["seeded"].get<bool>());
    // plans.toml: one ready [[plan]] per Pareto plan, each of whose `set` the case takes.
    const toml::table t = toml::parse_file((out / "plans.toml").string());
    const toml::array* blocks = t["plan"].as_array();
    BOOST_REQUIRE(blocks);
    BOOST_TEST(blocks->size() == plans.size());
    for (const toml::node& b : *blocks) {
        std::vector<std::string> set;
        for (const toml::node& o : *b.as_table()->get_as<toml::array>("set")) set.push_back(*o.value<std::string>());
        BOOST_TEST(set.size() == 7u);
        const floodtwin::twin::Case c = floodtwin::twin::load_case(kConfluence, set);
        BOOST_TEST(c.network.joints.at(0).tiers.size() == 4u);
        BOOST_TEST(!b.as_table()->get_as<std::string>("reason")->get().empty());
    }
    // The report: the front as a chart (four objectives: a scatter of each pair), the tables.
    const std::string html = read_text(out / "report.html");
    std::size_t charts = 0;
    for (std::size_t at = 0; (at = html.find("<svg", at)) != std::string::npos; ++at) ++charts;
    BOOST_TEST(charts == 6u);
    for (const std::string s : {"The case&#39;s own plans against the front", "target-70000", "pareto-01", "How the search ran"})
        BOOST_TEST(html.find(s) != std::string::npos, s);
    // A second run into the same folder is refused without --overwrite.
    BOOST_TEST(floodtwin_cli("optimise " + kConfluence.string() + " --out " + out.string(), dir / "again.log") != 0);
    BOOST_TEST(read_text(dir / "again.log").find("holds the products of another optimise") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(rehearse_runs_the_pareto_set_through_the_four_pre_rehearsal) {
    const TempDir dir("optimise");
    const fs::path out = dir / "out";
    BOOST_REQUIRE(floodtwin_cli("optimise " + kValley.string() + " --out " + out.string() +
                                    " --rehearse --issue-time 2020-08-18T02:00+08:00",
                                dir / "optimise.log") == 0);
    const json j = read_json(out / "pareto.json");
    const json plan = read_json(out / "rehearsal" / "plan.json");
    // The baseline and at most optimise.rehearse (3) Pareto plans, ranked with the 2D model's
    // measures: the protected area flooded among them.
    const json& ranking = plan["ranking"];
    BOOST_TEST(ranking.size() == 4u);
    std::size_t pareto = 0;
    for (const json& r : ranking) {
        BOOST_TEST(r["objectives"].contains("protected_area"));
        if (r["plan"].get<std::string>().rfind("pareto-", 0) == 0) {
            ++pareto;
            BOOST_TEST(fs::exists(out / "rehearsal" / "rehearsal" / r["plan"].get<std::string>() / "results.nc"));
            (void)named(j["plans"], r["plan"]);
        }
    }
    BOOST_TEST(pareto == 3u);
    // The hand-written plan ranked first on the network (hold-more, the lowest peak that keeps
    // the upper dam below its design flood level) is itself on the front, and rehearsed.
    BOOST_TEST(j["best_hand_written"]["name"] == "hold-more");
    const std::string matched = j["best_hand_written"]["at_least_as_good"][0];
    bool rehearsed = false;
    for (const json& r : ranking) rehearsed = rehearsed || r["plan"] == matched;
    BOOST_TEST(rehearsed, matched << " was not rehearsed");
    const std::string html = read_text(out / "report.html");
    BOOST_TEST(html.find("id=\"rehearsal\"") != std::string::npos);
    BOOST_TEST(html.find("The rehearsal&#39;s ranking") != std::string::npos);
    BOOST_TEST(html.find("protected_area") != std::string::npos);
}
