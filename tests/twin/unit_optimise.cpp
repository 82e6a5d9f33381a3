// Unit: the pieces of `floodtwin optimise` (twin/optimise/): dominance, the non-dominated
// set, crowding distance and thinning; "at least as good" within the objectives'
// tolerances; the penalty for plans that break a hard limit; the variables snapped and
// written as overrides; a hand-written plan written in the variables, or why not; the
// objective registry against what the network computes; the hard limits judged.
#define BOOST_TEST_MODULE twin_unit_optimise
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "twin/case/case_file.hpp"
#include "twin/case/case_keys.hpp"
#include "twin/case/optimise_objectives.hpp"
#include "twin/optimise/network_objectives.hpp"
#include "twin/optimise/pareto_front.hpp"
#include "twin/optimise/plan_variables.hpp"

using namespace floodtwin;
namespace fs = std::filesystem;
using Points = std::vector<std::vector<double>>;

namespace {

const fs::path kSource(FLOODTWIN_SOURCE_DIR);
const fs::path kTwo = kSource / "cases/examples/two-reservoirs/case.toml";
const fs::path kConfluence = kSource / "cases/chongqing/confluence-2020-08/case.toml";

twin::OptimiseVariable variable(const std::string& key, double lo, double hi, std::optional<double> step = {},
                                bool integer = false) {
    twin::OptimiseVariable v;
    v.case_key = key;
    v.name = key;
    v.min = lo;
    v.max = hi;
    v.step = step;
    v.integer = integer;
    v.key = "optimise.variable[0]";
    return v;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

BOOST_AUTO_TEST_CASE(dominance_and_the_non_dominated_set) {
    BOOST_TEST(twin::dominates({1, 2}, {2, 2}));
    BOOST_TEST(!twin::dominates({1, 2}, {1, 2}));  // equal: neither
    BOOST_TEST(!twin::dominates({1, 3}, {2, 2}));  // a trade-off: neither
    const Points pts = {{3, 1}, {1, 3}, {2, 2}, {2, 3}, {1, 3}, {4, 4}};
    // (2,3) is dominated by (2,2), (4,4) by all; the second (1,3) repeats the first.
    BOOST_TEST(twin::non_dominated(pts) == (std::vector<std::size_t>{0, 1, 2}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(crowding_distance_and_thinning_keep_the_extremes) {
    const Points front = {{0, 10}, {1, 9}, {1.1, 8.9}, {5, 5}, {10, 0}};
    const std::vector<double> d = twin::crowding_distance(front);
    BOOST_TEST(std::isinf(d[0]));
    BOOST_TEST(std::isinf(d[4]));
    // Deb et al. (2002): the sum over objectives of the neighbours' gap over the range.
    BOOST_TEST(d[3] == (10.0 - 1.1) / 10.0 + (8.9 - 0.0) / 10.0, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(d[1] < d[3]);
    // Thinned to 3: the extremes stay, then the least crowded; a point marked to keep stays too.
    BOOST_TEST(twin::thinned(front, 3, std::vector<bool>(5, false)) == (std::vector<std::size_t>{0, 3, 4}),
               boost::test_tools::per_element());
    BOOST_TEST(twin::thinned(front, 3, {false, false, true, false, false}) == (std::vector<std::size_t>{0, 2, 4}),
               boost::test_tools::per_element());
    BOOST_TEST(twin::thinned(front, 10, std::vector<bool>(5, false)).size() == 5u);
    // Fewer than the extremes: the best of the first objective stays; a plan to keep first.
    BOOST_TEST(twin::thinned(front, 1, std::vector<bool>(5, false)) == (std::vector<std::size_t>{0}),
               boost::test_tools::per_element());
    BOOST_TEST(twin::thinned(front, 1, {false, false, true, false, false}) == (std::vector<std::size_t>{2}),
               boost::test_tools::per_element());
    // Three objectives, four extremes: the one that is no objective's best goes first.
    const Points three = {{0, 5, 5}, {5, 0, 5}, {5, 5, 0}, {6, 6, 6}};
    BOOST_TEST(twin::thinned(three, 3, std::vector<bool>(4, false)) == (std::vector<std::size_t>{0, 1, 2}),
               boost::test_tools::per_element());
    BOOST_TEST(twin::thinned(three, 2, std::vector<bool>(4, false)) == (std::vector<std::size_t>{0, 1}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(at_least_as_good_within_the_stated_tolerances) {
    const std::vector<std::string> o = {"control_peak", "storage_left", "backwater_stage"};
    // control_peak: 0.1 % of the flow; storage_left (more is better): 0.1 %; stage: 1 cm.
    const std::vector<double> hand = {70000.0, 1.0e10, 188.00};
    BOOST_TEST(twin::at_least_as_good({70060.0, 0.9991e10, 188.009}, hand, o));
    BOOST_TEST(!twin::at_least_as_good({70080.0, 1.0e10, 188.0}, hand, o));   // 0.114 % higher peak
    BOOST_TEST(!twin::at_least_as_good({70000.0, 0.998e10, 188.0}, hand, o));  // 0.2 % less storage
    BOOST_TEST(!twin::at_least_as_good({70000.0, 1.0e10, 188.02}, hand, o));   // 2 cm higher
    BOOST_TEST(!twin::better_somewhere({70060.0, 0.9991e10, 188.009}, hand, o));
    BOOST_TEST(twin::better_somewhere({70000.0, 1.01e10, 188.0}, hand, o));  // more storage is better
    BOOST_TEST(twin::lexicographic({69000.0, 0.0, 200.0}, hand, o) < 0);    // the first objective decides
    BOOST_TEST(twin::lexicographic({70050.0, 0.0, 188.0}, hand, o) > 0);    // equal peak: storage decides
    BOOST_TEST(twin::lexicographic({70050.0, 1.0005e10, 188.005}, hand, o) == 0);
}

BOOST_AUTO_TEST_CASE(plans_that_break_a_limit_score_worse_than_any_that_keep_them) {
    const std::vector<std::string> o = {"control_peak", "energy"};
    twin::NetworkJudgement keeps{{90000.0, 5.0e5}, {}, 0.0};
    BOOST_TEST(twin::search_scores(keeps, o) == (std::vector<double>{90000.0, -5.0e5}), boost::test_tools::per_element());
    twin::NetworkJudgement a{{1.0, 1.0e9}, {"A above its design flood level"}, 0.3};
    twin::NetworkJudgement b{{1.0, 1.0e9}, {"A above its design flood level"}, 2.0};
    const auto sa = twin::search_scores(a, o), sb = twin::search_scores(b, o);
    BOOST_TEST(twin::dominates(twin::search_scores(keeps, o), sa));
    BOOST_TEST(twin::dominates(sa, sb));  // the less it breaks the limits, the better
    BOOST_TEST(sa[0] == twin::infeasible_score * 1.3);
}

BOOST_AUTO_TEST_CASE(variables_snap_to_their_steps_and_make_overrides) {
    const twin::PlanVariables v({variable("joint[0].target_flow", 60000, 80000, 500.0),
                                 variable("rule[11].level", 197, 200, 0.1), variable("joint[0].tiers[1]", 1, 2, {}, true),
                                 variable("rule[0].value", 0.0, 1.0), variable("rule[1].value", 0.0, 10.0, 3.0)});
    BOOST_TEST(v.upper() == (std::vector<double>{80000, 200, 2, 1.0, 9.0}), boost::test_tools::per_element());
    const std::vector<double> x = v.snapped({70240.0, 197.3333, 1.6, 0.123456789, 9.9});
    BOOST_TEST(x == (std::vector<double>{70000.0, 197.3, 2.0, 0.123456789, 9.0}), boost::test_tools::per_element());
    BOOST_TEST(v.snapped({1e9, -5.0, -3.0, 7.0, -1.0}) == (std::vector<double>{80000, 197, 1, 1.0, 0.0}),
               boost::test_tools::per_element());
    const std::vector<std::string> o = v.overrides(x);
    BOOST_TEST(o[0] == "joint[0].target_flow=70000");
    BOOST_TEST(o[1] == "rule[11].level=197.3");  // min + k step in decimal, not 197.30000000000001
    BOOST_TEST(o[2] == "joint[0].tiers[1]=2");
    BOOST_TEST(o[3] == "rule[0].value=0.123456789");
    BOOST_TEST(twin::number_toml(1e20) == "1e+20");
    BOOST_TEST(twin::number_toml(-0.5) == "-0.5");
}

BOOST_AUTO_TEST_CASE(hand_written_plans_in_the_variables_or_why_not) {
    const twin::Case c = twin::load_case(kTwo);
    const twin::PlanVariables two(c.optimise.variables);
    auto base = twin::express_plan(kTwo, {}, nullptr, two);
    BOOST_REQUIRE(base.x.has_value());
    BOOST_TEST(*base.x == (std::vector<double>{80.0, 80.0}), boost::test_tools::per_element());
    auto uneven = twin::express_plan(kTwo, {}, &c.fourpre.plans.at(0), two);
    BOOST_REQUIRE(uneven.x.has_value());
    BOOST_TEST(*uneven.x == (std::vector<double>{60.0, 80.0}), boost::test_tools::per_element());
    // --set applies after the plan, as load_case applies it.
    auto over = twin::express_plan(kTwo, {"rule[0].value=30"}, &c.fourpre.plans.at(0), two);
    BOOST_TEST((*over.x)[0] == 30.0);
    // Out of bounds, off the steps, a key that is not a variable.
    const twin::PlanVariables narrow({variable("rule[0].value", 70, 100), variable("rule[1].value", 20, 100)});
    BOOST_TEST(twin::express_plan(kTwo, {}, &c.fourpre.plans.at(0), narrow).why_not == "rule[0].value = 60 lies outside [70, 100]");
    const twin::PlanVariables stepped({variable("rule[0].value", 20, 100, 7.0), variable("rule[1].value", 20, 100)});
    BOOST_TEST(twin::express_plan(kTwo, {}, nullptr, stepped).why_not == "rule[0].value = 80 is not on its steps (nearest: 83)");
    const twin::PlanVariables only_b({variable("rule[1].value", 20, 100)});
    BOOST_TEST(twin::express_plan(kTwo, {}, &c.fourpre.plans.at(0), only_b).why_not ==
               "it sets rule[0].value, which is not a variable");

    // The 2020 case: a plan that sets a whole list is expressed by its elements; one that
    // adds a rule is not; a value the bounds leave out is named.
    const twin::Case cq = twin::load_case(kConfluence);
    const twin::PlanVariables cv(cq.optimise.variables);
    auto plan = [&](const std::string& name) -> const twin::PlanSection& {
        for (const twin::PlanSection& p : cq.fourpre.plans)
            if (p.name == name) return p;
        BOOST_FAIL("no plan " << name);
        return cq.fourpre.plans.front();
    };
    auto tiers = twin::express_plan(kConfluence, {}, &plan("all-tiers"), cv);
    BOOST_REQUIRE(tiers.x.has_value());
    BOOST_TEST((*tiers.x)[2] == 1.0);  // joint[0].tiers[1]: 2 in the case, 1 in the plan
    BOOST_TEST((*tiers.x)[3] == 1.0);
    BOOST_TEST((*twin::express_plan(kConfluence, {}, nullptr, cv).x)[3] == 2.0);
    const twin::PlanVariables one_tier({variable("joint[0].tiers[1]", 1, 2, {}, true)});
    BOOST_TEST(twin::express_plan(kConfluence, {}, &plan("all-tiers"), one_tier).why_not ==
               "it sets joint[0].tiers[3], which is not a variable");
    BOOST_TEST(twin::express_plan(kConfluence, {}, &plan("three-gorges-55000"), cv).why_not ==
               "it adds [[plan.rule]] entries, which no variable stands for");
    BOOST_TEST(twin::express_plan(kConfluence, {}, &plan("no-joint-dispatch"), cv).why_not ==
               "joint[0].target_flow = 1000000 lies outside [60000, 80000]");
    // A variable whose key the case neither writes nor defaults is refused by name.
    const twin::PlanVariables unwritten({variable("rule[0].max_flow", 1, 2)});
    try {
        (void)twin::express_plan(kConfluence, {}, nullptr, unwritten);
        BOOST_FAIL("an unwritten key was accepted");
    } catch (const twin::CaseError& e) {
        BOOST_TEST(contains(e.what(), "optimise.variable[0].key: 'rule[0].max_flow' is not written in the case and has no default"),
                   e.what());
    }
}

BOOST_AUTO_TEST_CASE(every_objective_the_network_can_give_has_its_computation) {
    std::string doc;
    for (const twin::CaseKey& k : twin::case_keys())
        if (k.dotted() == "optimise.objectives") doc = std::string(k.doc);
    for (const twin::ObjectiveInfo& o : twin::optimise_objectives()) {
        BOOST_TEST(twin::network_gives(o.name) == !o.needs_2d, o.name);
        // Appended: GCC 12 warns falsely (-Wrestrict) on "literal" + std::string&&.
        BOOST_TEST(contains(doc, std::string("`").append(o.name).append("`")), o.name << " is not in optimise.objectives' doc");
    }
    BOOST_TEST(twin::network_gives("protected_area") == false);
}

BOOST_AUTO_TEST_CASE(hard_limits_follow_optimise_max_level) {
    // hold-more takes B to 151.19 m: above its design flood level (151), below its check level (155).
    const twin::NetworkJudgement design = twin::judge_plan_on_network(kTwo, {}, "hold-more");
    BOOST_TEST(!design.feasible());
    BOOST_TEST(design.violation == 0.1925, boost::test_tools::tolerance(0.01));
    BOOST_TEST(twin::judge_plan_on_network(kTwo, {"optimise.max_level=check"}, "hold-more").feasible());
    BOOST_TEST(twin::judge_plan_on_network(kTwo, {"optimise.max_level=none"}, "hold-more").feasible());
    // The values, in the objectives' order: the peak at S, the storage used.
    const twin::NetworkJudgement base = twin::judge_plan_on_network(kTwo, {});
    BOOST_REQUIRE(base.values.size() == 2u);
    BOOST_TEST(base.values[0] == 160.0, boost::test_tools::tolerance(1e-9));
    // Other objectives on the same network: energy 0 (no plant), storage left above dead level.
    const twin::NetworkJudgement more = twin::judge_plan_on_network(
        kTwo, {"optimise.objectives=[\"storage_left\", \"energy\", \"outflow_peak\"]"});
    BOOST_TEST(more.values[1] == 0.0);
    BOOST_TEST(more.values[0] == 2 * 50.0e6 + base.values[1], boost::test_tools::tolerance(1e-6));
    BOOST_TEST(more.values[2] == 160.0, boost::test_tools::tolerance(1e-9));  // all of S leaves through the sink
}
