// Ensembles: member k's draws depend on (seed, k) alone and have the distribution
// [ensemble] states (mean factor 1, log-sd growing with lead, correlation between
// inflows as the matrix, nothing before the issue time); the statistics over members;
// the reduce on members with a known answer (half the members flood a cell: 0.5), with a
// member missing, and the case's bad [ensemble] tables named by key.
#define BOOST_TEST_MODULE twin_ensemble
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <fstream>
#include <limits>
#include <vector>

#include <nlohmann/json.hpp>

#include "grids/netcdf_reader.hpp"
#include "grids/netcdf_writer.hpp"
#include "tests/support/error_text.hpp"
#include "tests/support/temp_dir.hpp"
#include "twin/case/case_file.hpp"
#include "twin/case/member_draws.hpp"
#include "twin/ensemble/ensemble_reduce.hpp"
#include "twin/ensemble/member_folder.hpp"
#include "twin/fourpre/member_statistics.hpp"
#include "twin/warning/flood_classes.hpp"

namespace twin = floodtwin::twin;
using floodtwin::testing::TempDir;

namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();
constexpr double k_inf = std::numeric_limits<double>::infinity();
const std::string dem = std::string(FLOODTWIN_SOURCE_DIR) + "/cases/examples/valley-dem.tif";

// Two point sources, 72 h: one constant, one a series; their errors correlated at 0.7.
std::string two_inflows(const std::string& ensemble_extra = "") {
    return R"([case]
name = "two-inflows"
start = "2020-08-18T00:00:00+08:00"
duration = "72h"
[grid]
dem = ")" + dem + R"("
[[source]]
name = "a"
x = 643000.0
y = 3269238.0
discharge = 100.0
[[source]]
name = "b"
x = 645000.0
y = 3269000.0
discharge = [[0, 50.0], [259200, 80.0]]
[ensemble]
inflow_error = 0.15
inflow_error_max = 0.6
inflows = ["a", "b"]
inflow_correlation = [[1, 0.7], [0.7, 1]]
)" + ensemble_extra;
}

twin::Case load(const TempDir& dir, const std::string& text, const std::vector<std::string>& sets = {}) {
    return twin::load_case(dir.write("case.toml", text), sets);
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_members_draws_depend_on_the_seed_and_its_index_alone) {
    const TempDir dir("ens_draws");
    const twin::Case c20 = load(dir, two_inflows(), {"ensemble.members=20"});
    const twin::Case c500 = load(dir, two_inflows(), {"ensemble.members=500"});
    // The same member of a small and a large ensemble, drawn in either order.
    for (const int k : {7, 3, 19})
        for (const double t : {3600.0, 86400.0, 200000.0})
            BOOST_TEST(twin::inflow_factor(c20, k, "a", t) == twin::inflow_factor(c500, k, "a", t));
    BOOST_TEST(twin::inflow_factor(c20, 3, "a", 86400.0) != twin::inflow_factor(c20, 4, "a", 86400.0));
    const twin::Case other_seed = load(dir, two_inflows(), {"ensemble.seed=7"});
    BOOST_TEST(twin::inflow_factor(c20, 3, "a", 86400.0) != twin::inflow_factor(other_seed, 3, "a", 86400.0));
    // Applied to the case: the series carry the factor, the draws are recorded.
    twin::Case member = c20;
    const nlohmann::json j = twin::apply_member_draws(member, 5);
    BOOST_TEST(j.at("member").get<int>() == 5);
    const double t = 48 * 3600.0;
    BOOST_TEST(member.sources[0].discharge_m3_s.value_at(t) ==
                   100.0 * twin::inflow_factor(c20, 5, "a", t), boost::test_tools::tolerance(1e-12));
    BOOST_TEST(member.sources[1].discharge_m3_s.value_at(t) ==
                   c20.sources[1].discharge_m3_s.value_at(t) * twin::inflow_factor(c20, 5, "b", t),
               boost::test_tools::tolerance(1e-12));
    BOOST_TEST(member.member.manning_factor == 1.0);  // [1, 1]: not varied
}

BOOST_AUTO_TEST_CASE(inflow_errors_have_the_stated_distribution) {
    const TempDir dir("ens_stats");
    const twin::Case c = load(dir, two_inflows(), {"ensemble.issue_time=2020-08-18T12:00:00+08:00"});
    // Before the issue time the inflows are observed: no error.
    BOOST_TEST(twin::inflow_factor(c, 1, "a", 6 * 3600.0) == 1.0);
    BOOST_TEST(twin::inflow_log_sd(c.ensemble, 24 * 3600.0) == 0.15);
    BOOST_TEST(twin::inflow_log_sd(c.ensemble, 10 * 86400.0) == 0.6);
    // At 36 h lead: log-sd 0.225; the factor's mean 1 (exp(s z - s^2/2)).
    const double t = (12 + 36) * 3600.0, sd = 0.225;
    const int n = 4000;
    double mean = 0.0, la = 0.0, lb = 0.0, laa = 0.0, lbb = 0.0, lab = 0.0;
    for (int k = 0; k < n; ++k) {
        const double fa = twin::inflow_factor(c, k, "a", t), fb = twin::inflow_factor(c, k, "b", t);
        mean += fa / n;
        const double a = std::log(fa) + sd * sd / 2, b = std::log(fb) + sd * sd / 2;
        la += a / n, lb += b / n, laa += a * a / n, lbb += b * b / n, lab += a * b / n;
    }
    // Standard errors at n = 4000: mean 0.0036, sd 0.0025, correlation 0.008; about 5 of them.
    BOOST_TEST(std::abs(mean - 1.0) < 0.02);
    const double sda = std::sqrt(laa - la * la), sdb = std::sqrt(lbb - lb * lb);
    BOOST_TEST(std::abs(sda - sd) < 0.0125);
    BOOST_TEST(std::abs(sdb - sd) < 0.0125);
    BOOST_TEST(std::abs((lab - la * lb) / (sda * sdb) - 0.7) < 0.04);
}

BOOST_AUTO_TEST_CASE(statistics_over_members) {
    const std::vector<double> v = {0.0, 0.0, 1.0, 1.0};
    BOOST_TEST(twin::sorted_quantile(v, 0.1) == 0.0);
    BOOST_TEST(twin::sorted_quantile(v, 0.5) == 0.5);
    BOOST_TEST(twin::sorted_quantile(v, 0.9) == 1.0);
    const std::vector<double> arrival = {600.0, 1200.0, k_inf, k_inf};
    BOOST_TEST(twin::sorted_quantile(arrival, 0.1) == 780.0, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(std::isinf(twin::sorted_quantile(arrival, 0.5)));
    BOOST_TEST(twin::fraction_at_or_above(v, 1.0) == 0.5);
    BOOST_TEST(twin::fraction_at_or_above(v, 1.5) == 0.0);
    // The probability map's classes, each edge inclusive.
    BOOST_TEST(twin::probability_class(0.0999) == 0);
    BOOST_TEST(twin::probability_class(0.1) == 1);
    BOOST_TEST(twin::probability_class(0.5) == 3);
    BOOST_TEST(twin::probability_class(0.9) == 5);
    BOOST_TEST(twin::probability_class(k_nan) == 0);
    const twin::MeanSpread ms = twin::mean_spread(std::vector<double>({1.0, 2.0, 3.0, k_nan}));
    BOOST_TEST(ms.mean == 2.0);
    BOOST_TEST(ms.spread == 1.0);
}

namespace {

// A member folder as `floodtwin run --member k` leaves it, with the maps given.
void write_member(const std::filesystem::path& ens, int k, const std::filesystem::path& case_file,
                  const std::vector<double>& max_depth, const std::vector<double>& arrival) {
    const std::filesystem::path d = twin::member_dir(ens, k);
    std::filesystem::create_directories(d);
    floodtwin::grids::NcGrid g{3, 2, 500.0, 1000.0, 100.0, 100.0, ""};
    floodtwin::grids::NetcdfWriter nc(d / "results.nc", g, "2020-08-18T00:00:00+08:00",
                                      {{"ground_level", "", "", "m", false, ""},
                                       {"max_depth", "", "", "m", false, ""},
                                       {"arrival_time", "", "", "s", false, ""}},
                                      {});
    nc.write_static("ground_level", std::vector<double>(6, 200.0));
    nc.write_static("max_depth", max_depth);
    nc.write_static("arrival_time", arrival);
    nc.close();
    nlohmann::json s = {{"start", "2020-08-18T00:00:00+08:00"},
                        {"completed", true},
                        {"member", {{"member", k}, {"seed", 2020}, {"case_file", case_file.string()},
                                    {"overrides", std::vector<std::string>{}}, {"plan", ""}}}};
    std::ofstream(d / "summary.json") << s.dump();
    std::ofstream(d / "gauges.csv") << "time_iso,time_s,gauge,depth_m,water_level_m,velocity_x_m_s,velocity_y_m_s,warning_level\n";
}

}  // namespace

BOOST_AUTO_TEST_CASE(half_the_members_flood_a_cell_its_probability_is_a_half) {
    const TempDir dir("ens_reduce");
    const auto case_file = dir.write("case.toml", R"([case]
name = "known"
start = "2020-08-18T00:00:00+08:00"
duration = "1h"
[grid]
dem = ")" + dem + R"("
[ensemble]
members = 4
)");
    const std::filesystem::path ens = dir / "ens";
    // Cell 0: members 0 and 1 flood it 1 m deep (at 600 s and 1200 s), 2 and 3 leave it dry.
    // Cell 1: every member 2 m. Cell 5: outside the domain (NaN). Written in reverse order.
    for (int k = 3; k >= 0; --k) {
        const bool wet = k < 2;
        write_member(ens, k, case_file, {wet ? 1.0 : 0.0, 2.0, 0.0, 0.0, 0.0, k_nan},
                     {wet ? 600.0 * (k + 1) : k_nan, 60.0, k_nan, k_nan, k_nan, k_nan});
    }
    twin::EnsembleReduceOptions o;
    o.dir = ens;
    o.quiet = true;
    const twin::EnsembleProducts p = twin::reduce_ensemble(o);
    BOOST_TEST(p.present.size() == 4u);
    BOOST_TEST(p.missing.empty());
    BOOST_TEST(p.depth_probability[0][0] == 0.5);  // >= 0.15 m
    BOOST_TEST(p.depth_probability[1][0] == 0.5);  // >= 0.5 m
    BOOST_TEST(p.depth_probability[2][0] == 0.0);  // >= 1.5 m
    BOOST_TEST(p.depth_probability[2][1] == 1.0);
    BOOST_TEST(std::isnan(p.depth_probability[0][5]));
    const floodtwin::grids::NetcdfReader nc(p.nc);
    BOOST_TEST(nc.grid().nx == 3u);

    // A member lost: the products are of three, and say so.
    std::filesystem::remove_all(twin::member_dir(ens, 3));
    const twin::EnsembleProducts q = twin::reduce_ensemble(o);
    BOOST_TEST(q.present == (std::vector<int>{0, 1, 2}));
    BOOST_TEST(q.missing == (std::vector<int>{3}));
    BOOST_TEST(q.depth_probability[0][0] == 2.0 / 3.0);
}

BOOST_AUTO_TEST_CASE(bad_ensemble_tables_are_named) {
    const TempDir dir("ens_bad");
    const auto refused = [&](const std::vector<std::string>& sets, const std::string& words) {
        try {
            (void)load(dir, two_inflows(), sets);
            BOOST_ERROR("accepted: " << words);
        } catch (const std::exception& e) {
            BOOST_TEST(std::string(e.what()).find(words) != std::string::npos, e.what());
        }
    };
    refused({"ensemble.inflow_correlation=[[1, 1.2], [1.2, 1]]"}, "ensemble.inflow_correlation");
    refused({"ensemble.inflow_correlation=[[1, 1], [1, 1]]"}, "is not positive definite");
    refused({"ensemble.inflow_correlation=[[1, 0.5], [0.4, 1]]"}, "must be symmetric");
    refused({"ensemble.inflow_correlation=[[1]]"}, "1 rows for 2 inflows");
    refused({"ensemble.inflows=[\"a\", \"nowhere\"]"}, "'nowhere' is not a forecast inflow of the case (they are 'a', 'b')");
    refused({"ensemble.manning_factor=[1.2, 0.8]"}, "expected [lo, hi] with 0 < lo <= hi");
    refused({"ensemble.members=2.5"}, "ensemble.members: must be a whole number");
}
