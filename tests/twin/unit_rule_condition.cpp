// Unit: the `if` of release rules (twin/reservoir/rule_condition.hpp): quantities, operators,
// and/or/not with parentheses, local dates, network nodes, and errors with columns.
#define BOOST_TEST_MODULE twin_rule_condition
#include <boost/test/unit_test.hpp>

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "tests/support/reservoirs.hpp"
#include "twin/reservoir/release_rules.hpp"
#include "twin/reservoir/rule_condition.hpp"
#include "twin/case/time_text.hpp"

using namespace floodtwin;
using testing::contains;
using testing::error_of;

namespace {

twin::RuleInputs state(double level_m, double inflow_m3_s = 20000.0) {
    twin::RuleInputs in;
    in.time = twin::parse_instant("2020-08-20T08:15:00+08:00", "t");
    in.dt_s = 3600.0;
    in.level_m = level_m;
    in.storage_m3 = 3e10;
    in.inflow_m3_s = inflow_m3_s;
    in.release_prev_m3_s = 15000.0;
    in.node_flow = [](std::string_view node) -> std::optional<double> {
        if (node == "Cuntan") return 52000.0;
        return std::nullopt;
    };
    in.node_stage = [](std::string_view node) -> std::optional<double> {
        if (node == "Chenglingji") return 34.6;
        return std::nullopt;
    };
    return in;
}

bool holds(const std::string& text, const twin::RuleInputs& in) {
    return twin::RuleCondition(text, "rule 't': if").holds(in);
}

}  // namespace

BOOST_AUTO_TEST_CASE(empty_is_always) {
    BOOST_TEST(twin::RuleCondition().always());
    BOOST_TEST(twin::RuleCondition("   ", "t").always());
    BOOST_TEST(holds("", state(150.0)));
}

BOOST_AUTO_TEST_CASE(each_quantity_and_operator) {
    const twin::RuleInputs in = state(150.0);
    BOOST_TEST(holds("level > 149.5", in));
    BOOST_TEST(!holds("level < 149.5", in));
    BOOST_TEST(holds("level >= 150", in));
    BOOST_TEST(holds("level <= 150", in));
    BOOST_TEST(holds("level == 150", in));
    BOOST_TEST(!holds("level != 150", in));
    BOOST_TEST(holds("inflow>=2e4", in));
    BOOST_TEST(holds("release < 15000.5", in));
    BOOST_TEST(holds("storage > 2.9e10", in));
    BOOST_TEST(holds("level > -5 and level < +200", in));
    BOOST_TEST(holds("flow(Cuntan) > 50000", in));
    BOOST_TEST(holds("stage( Chenglingji ) >= 34.4", in));
}

BOOST_AUTO_TEST_CASE(and_binds_tighter_than_or) {
    const twin::RuleInputs in = state(150.0);
    // true or (false and false) = true; (true or false) and false = false.
    BOOST_TEST(holds("level > 100 or level > 200 and inflow > 1e9", in));
    BOOST_TEST(!holds("(level > 100 or level > 200) and inflow > 1e9", in));
    BOOST_TEST(!holds("not level > 100", in));
    BOOST_TEST(holds("not not level > 100", in));
    BOOST_TEST(holds("not (level > 200 or inflow > 1e9) and release > 0", in));
    BOOST_TEST(holds("((level > 100))", in));
}

BOOST_AUTO_TEST_CASE(date_is_the_local_date) {
    twin::RuleInputs in = state(150.0);
    const std::string season = "date >= 06-10 and date <= 09-30";
    // 2020-06-10T00:00+08:00 is still 9 June in UTC: the local date counts.
    in.time = twin::parse_instant("2020-06-09T23:59:59+08:00", "t");
    BOOST_TEST(!holds(season, in));
    in.time = twin::parse_instant("2020-06-10T00:00:00+08:00", "t");
    BOOST_TEST(holds(season, in));
    in.time = twin::Instant{in.time.epoch_s, 0};  // the same instant written in UTC
    BOOST_TEST(!holds(season, in));
    in.time = twin::parse_instant("2020-09-30T23:59:59+08:00", "t");
    BOOST_TEST(holds(season, in));
    in.time = twin::parse_instant("2020-10-01T00:00:00+08:00", "t");
    BOOST_TEST(!holds(season, in));
    BOOST_TEST(holds("date == 10-01", in));
    // Across New Year: "or".
    in.time = twin::parse_instant("2021-01-05T12:00:00+08:00", "t");
    BOOST_TEST(holds("date >= 12-01 or date < 02-01", in));
}

BOOST_AUTO_TEST_CASE(nodes_referenced_once_in_order) {
    const twin::RuleCondition c("stage(Chenglingji) > 34.4 or flow(Cuntan) > 5e4 and not flow(Chenglingji) < 1",
                                "t");
    BOOST_TEST(c.nodes_referenced() == (std::vector<std::string>{"Chenglingji", "Cuntan"}),
               boost::test_tools::per_element());
    BOOST_TEST(twin::RuleCondition("level > 1", "t").nodes_referenced().empty());
}

BOOST_AUTO_TEST_CASE(unknown_node_at_evaluation) {
    const twin::RuleCondition c("flow(Zhutuo) > 40000", "rule 'zt': if");
    try {
        (void)c.holds(state(150.0));
        BOOST_FAIL("no error for an unknown node");
    } catch (const std::runtime_error& e) {
        BOOST_TEST(std::string(e.what()) == "rule 'zt': if: no flow known at node 'Zhutuo'");
    }
}

BOOST_AUTO_TEST_CASE(errors_name_the_rule_and_column) {
    auto message = [](const std::string& text) {
        return error_of([&] { twin::RuleCondition(text, "rule 'tg-chenglingji': if"); });
    };
    BOOST_TEST(message("level > 150 and inflow >= high") ==
               "rule 'tg-chenglingji': if: column 27: expected a number after '>='");
    BOOST_TEST(message("levle > 150") ==
               "rule 'tg-chenglingji': if: column 1: unknown quantity 'levle' (expected level, inflow, release, "
               "storage, date, flow(NODE) or stage(NODE))");
    BOOST_TEST(message("level = 150") ==
               "rule 'tg-chenglingji': if: column 7: expected a comparison (<, <=, >, >=, == or !=) after 'level'");
    BOOST_TEST(message("level > 150m") ==
               "rule 'tg-chenglingji': if: column 12: unexpected 'm' after the number (values are in SI units, "
               "written without a unit)");
    BOOST_TEST(message("date >= 6-10") == "rule 'tg-chenglingji': if: column 9: expected a date MM-DD after '>='");
    BOOST_TEST(message("date >= 02-30") == "rule 'tg-chenglingji': if: column 9: no such date 02-30 (MM-DD)");
    BOOST_TEST(message("(level > 150") ==
               "rule 'tg-chenglingji': if: column 13: expected ')' to close the '(' at column 1");
    BOOST_TEST(message("level > 150)") == "rule 'tg-chenglingji': if: column 12: ')' without a matching '('");
    BOOST_TEST(message("level > 150 level < 160") ==
               "rule 'tg-chenglingji': if: column 13: expected 'and', 'or' or the end of the condition");
    BOOST_TEST(message("flow > 5") ==
               "rule 'tg-chenglingji': if: column 6: expected '(' and a node name after 'flow'");
    BOOST_TEST(message("flow() > 5") == "rule 'tg-chenglingji': if: column 6: expected a node name in flow()");
    BOOST_TEST(message("stage(Cuntan > 5") == "rule 'tg-chenglingji': if: column 6: no ')' closes 'stage('");
    BOOST_TEST(message("level > 1 and") ==
               "rule 'tg-chenglingji': if: column 14: expected a quantity: level, inflow, release, storage, date, "
               "flow(NODE) or stage(NODE)");
    BOOST_TEST(message("level > 1 AND level < 2") ==
               "rule 'tg-chenglingji': if: column 11: expected 'and', 'or' or the end of the condition");
}
