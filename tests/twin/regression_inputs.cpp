// Regression: what the bad-input checks (docs/bad-inputs.md) change in whole runs.
// Names holding a comma, a double quote and a new line keep every CSV output's columns
// (gauges.csv, mass_balance.csv, hydrographs.csv, reservoirs.csv, dispatch_log.csv),
// read back by an RFC 4180 reader independent of the writer; and a series that ends
// before the run, extended by `extend`, delivers exactly its own volume ("zero") or
// that plus its last value held ("hold"), and summary.json lists the span extended.
#define BOOST_TEST_MODULE twin_inputs
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/support/csv_reader.hpp"
#include "tests/support/run_options.hpp"
#include "tests/support/temp_dir.hpp"
#include "twin/run/run.hpp"

namespace fs = std::filesystem;
using namespace floodtwin;
using floodtwin::testing::CsvRows;
using floodtwin::testing::read_csv;
using floodtwin::testing::TempDir;

namespace {

const fs::path kCases = fs::path(FLOODTWIN_SOURCE_DIR) / "cases/examples";

// Names that break a naive CSV: a comma, double quotes and a new line. Given as
// overrides, whose raw text (not valid TOML) is taken as the name exactly.
const std::string kGaugeName = "mid, \"valley\"\nnorth";
const std::string kBoundaryName = "up, \"stream\"\nwest";
const std::string kDamName = "Upper, \"dam\"\nA";
const std::string kRuleName = "eco, \"flow\"";
// The same as a TOML basic string, for the list joint[0].members.
const std::string kDamToml = "\"Upper, \\\"dam\\\"\\nA\"";

twin::RunOptions options(const std::string& name, const fs::path& out, std::vector<std::string> overrides) {
    return testing::quiet_run(kCases / name / "case.toml", out, std::move(overrides));
}

// Every row has the header's number of fields; returns the index of `column`.
std::size_t check_columns(const CsvRows& rows, const std::string& column, const std::string& file) {
    BOOST_TEST_REQUIRE(rows.size() > 1u, file);
    for (std::size_t r = 1; r < rows.size(); ++r)
        BOOST_TEST(rows[r].size() == rows.front().size(), file << " row " << r);
    const auto& head = rows.front();
    const auto at = static_cast<std::size_t>(std::find(head.begin(), head.end(), column) - head.begin());
    BOOST_TEST_REQUIRE(at < head.size(), file << ": no column '" << column << "'");
    return at;
}

// The last row's value of `column` in mass_balance.csv.
double last_value(const fs::path& csv, const std::string& column) {
    const CsvRows rows = read_csv(csv);
    const std::size_t col = check_columns(rows, column, csv.string());
    return std::stod(rows.back().at(col));
}

}  // namespace

BOOST_AUTO_TEST_CASE(names_with_commas_quotes_and_new_lines_keep_the_2d_csv_columns) {
    TempDir out("csv_2d");
    twin::run_case(options("valley-flood", out.path(),
                           {"case.duration=10min", "gauge[0].name=" + kGaugeName, "boundary[0].name=" + kBoundaryName}));
    const CsvRows gauges = read_csv(out.path() / "gauges.csv");
    const std::size_t g = check_columns(gauges, "gauge", "gauges.csv");
    BOOST_TEST(gauges.front().size() == 8u);
    const auto named = std::count_if(gauges.begin() + 1, gauges.end(),
                                     [&](const std::vector<std::string>& row) { return row.at(g) == kGaugeName; });
    BOOST_TEST(named == 3);  // 0, 5 and 10 min
    const CsvRows balance = read_csv(out.path() / "mass_balance.csv");
    check_columns(balance, kBoundaryName + "_in_m3", "mass_balance.csv");
    check_columns(balance, kBoundaryName + "_out_m3", "mass_balance.csv");
    BOOST_TEST(balance.front().back() == "relative_error");
}

BOOST_AUTO_TEST_CASE(names_with_commas_quotes_and_new_lines_keep_the_network_csv_columns) {
    TempDir out("csv_network");
    twin::run_case(options("valley-coupled", out.path(),
                           {"case.duration=1h", "reservoir[0].name=" + kDamName, "reach[0].to=" + kDamName,
                            "reach[1].from=" + kDamName, "rule[0].reservoir=" + kDamName, "rule[0].name=" + kRuleName,
                            "joint[0].members=[" + kDamToml + "]", "node[2].datum=model, \"m\""}));
    check_columns(read_csv(out.path() / "hydrographs.csv"), kDamName + "_inflow_m3_s", "hydrographs.csv");
    check_columns(read_csv(out.path() / "hydrographs.csv"), "valley mouth_stage_m_model, \"m\"", "hydrographs.csv");
    check_columns(read_csv(out.path() / "reservoirs.csv"), kDamName + "_release_m3_s", "reservoirs.csv");
    const CsvRows log = read_csv(out.path() / "dispatch_log.csv");
    const std::size_t res = check_columns(log, "reservoir", "dispatch_log.csv");
    const std::size_t why = check_columns(log, "explanation", "dispatch_log.csv");
    BOOST_TEST(log.front().size() == 15u);
    std::size_t upper = 0;
    for (std::size_t r = 1; r < log.size(); ++r)
        if (log[r].at(res) == kDamName) {
            ++upper;
            BOOST_TEST(log[r].at(why).find("set by") != std::string::npos, log[r].at(why));
        }
    BOOST_TEST(upper == 4u);  // 1 h of 15-min steps
}

BOOST_AUTO_TEST_CASE(an_inflow_extended_by_zero_or_hold_delivers_that_volume) {
    // inflow.csv: 5, 400, 250, 40 m3/s at 0, 30, 60, 120 min; the run lasts 3 h.
    const double own_m3 = 0.5 * (5.0 + 400.0) * 1800.0 + 0.5 * (400.0 + 250.0) * 1800.0 + 0.5 * (250.0 + 40.0) * 3600.0;
    const double held_m3 = own_m3 + 40.0 * 3600.0;
    constexpr double volume_rel_tol = 1e-9;  // the ledger sums the exact integral step by step
    for (const auto& [how, expected] : {std::pair{"zero", own_m3}, std::pair{"hold", held_m3}}) {
        TempDir out(std::string("extend_") + how);
        twin::run_case(options("valley-flood", out.path(),
                               {"case.duration=3h", "hydro.scheme=fv1", std::string("boundary[0].extend=") + how}));
        const double in = last_value(out.path() / "mass_balance.csv", "upstream_in_m3");
        BOOST_TEST_MESSAGE("extend = " << how << ": upstream in " << in << " m3, expected " << expected);
        BOOST_TEST(std::abs(in - expected) <= volume_rel_tol * expected, how << ": " << in << " vs " << expected);
        // summary.json says which series were extended, how, and over which span of the run:
        // the inflow as overridden, and the case's rain, held after its last point at 1 h.
        std::ifstream in_summary(out.path() / "summary.json");
        const auto summary = nlohmann::json::parse(in_summary);
        const auto& extended = summary.at("series_extended");
        BOOST_TEST_REQUIRE(extended.size() == 2u, extended.dump());
        BOOST_TEST(extended[1].at("key").get<std::string>() == "rain.intensity");
        BOOST_TEST(extended[1].at("how").get<std::string>() == "hold");
        BOOST_TEST(extended[1].at("from_s").get<double>() == 3600.0);
        BOOST_TEST(extended[0].at("key").get<std::string>() == "boundary[0].discharge");
        BOOST_TEST(extended[0].at("how").get<std::string>() == how);
        BOOST_TEST(extended[0].at("from_s").get<double>() == 7200.0);
        BOOST_TEST(extended[0].at("to_s").get<double>() == 10800.0);
        BOOST_TEST(extended[0].at("from").get<std::string>() == "2020-08-18T02:00:00+08:00", extended.dump());
    }
}
