// Unit: the pure numerics of a forecast's products (twin/fourpre/): updating a station's
// forecast with an AR(1) model of its recent errors, Changjiang flood numbering (the
// 48 h rule), warning crossings in time at each threshold edge (inclusive), lead times
// across midnight at UTC+8, datum offsets, and depth and hazard classes (ARR 2019 limits).
#define BOOST_TEST_MODULE twin_fourpre_numerics
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <numbers>
#include <ostream>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "twin/case/time_text.hpp"
#include "twin/warning/flood_classes.hpp"
#include "twin/fourpre/level_crossings.hpp"
#include "twin/fourpre/numbered_flood.hpp"
#include "twin/fourpre/station_updating.hpp"

using namespace floodtwin;
using twin::WarningLevel;

// Levels print by name in test messages.
namespace floodtwin::twin {
std::ostream& operator<<(std::ostream& o, WarningLevel level) { return o << to_string(level); }
}  // namespace floodtwin::twin

namespace {

constexpr double hour = 3600.0;
constexpr double missing = std::numeric_limits<double>::quiet_NaN();

// Standard normal deviates from a fixed-seed mt19937 by Box-Muller, written out:
// std::normal_distribution differs between standard libraries, mt19937 does not.
class Normal {
public:
    explicit Normal(std::uint32_t seed) : gen_(seed) {}
    double operator()() {
        const double u1 = (static_cast<double>(gen_()) + 0.5) / 4294967296.0;  // in (0, 1): log is finite
        const double u2 = (static_cast<double>(gen_()) + 0.5) / 4294967296.0;
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
    }

private:
    std::mt19937 gen_;
};

// An AR(1) sequence a_k = phi a_k-1 + sd z_k from a_0 = 0.
std::vector<double> ar1(std::size_t n, double phi, double sd, std::uint32_t seed) {
    Normal z(seed);
    std::vector<double> a(n, 0.0);
    for (std::size_t k = 1; k < n; ++k) a[k] = phi * a[k - 1] + sd * z();
    return a;
}

std::vector<double> times(double start, double step, std::size_t n) {
    std::vector<double> t(n);
    for (std::size_t k = 0; k < n; ++k) t[k] = start + static_cast<double>(k) * step;
    return t;
}

double truth_at(double t) { return 180.0 + 5.0 * std::sin(2.0 * std::numbers::pi * t / (5 * 24 * hour)); }

twin::StationThresholds cuntan_like() {
    twin::StationThresholds t;
    t.warning_stage_m = 180.5;
    t.guaranteed_stage_m = 183.5;
    t.historical_max_m = 191.41;
    t.blue_margin_m = 1.0;
    t.datum = "Wusong";
    return t;
}

}  // namespace

// ---------------------------------------------------------------- updating (AR(1))

BOOST_AUTO_TEST_CASE(updated_forecast_meets_the_observation_at_issue_and_decays_as_phi_k) {
    // Ten days of hourly observations before the issue and a 48 h forecast after it; the
    // model is the truth less 0.8 m plus an AR(1) error (phi 0.9).
    const double issue = 240 * hour;
    const auto t = times(0.0, hour, 289);
    const auto ar = ar1(t.size(), 0.9, 0.05, 20200818u);
    std::vector<double> obs_t, obs_v, model_v;
    for (std::size_t k = 0; k < t.size(); ++k) {
        model_v.push_back(truth_at(t[k]) - 0.8 + ar[k]);
        if (t[k] <= issue) {
            obs_t.push_back(t[k]);
            obs_v.push_back(truth_at(t[k]));
        }
    }
    const auto m = twin::fit_error_model(obs_t, obs_v, t, model_v, issue, 72 * hour, hour, "Cuntan");
    BOOST_TEST_MESSAGE("biased station: phi " << m.phi << ", error at issue " << m.error_at_issue << " m, rmse "
                                              << m.rmse_before << " m");
    BOOST_TEST(m.samples == 72u);
    BOOST_TEST(m.step_s == hour);
    // Through the origin a constant bias reads as near-total persistence: phi at the 0.99 cap.
    BOOST_TEST(m.phi > 0.9);
    BOOST_TEST(m.phi <= 0.99);
    BOOST_TEST(m.rmse_before > 0.6);  // the 0.8 m bias dominates
    BOOST_TEST(m.error_at_issue == 0.8 - ar[240], boost::test_tools::tolerance(1e-12));

    const auto updated = twin::updated_series(m, t, model_v, issue);
    BOOST_TEST(updated[240] == truth_at(issue), boost::test_tools::tolerance(1e-12));  // updated == observed at issue
    for (const int k : {1, 3, 6, 12, 24, 48}) {
        const double correction = updated[240 + k] - model_v[240 + k];
        BOOST_TEST(correction == m.error_at_issue * std::pow(m.phi, k), boost::test_tools::tolerance(1e-9));
        BOOST_TEST(twin::error_correction(m, k * hour) == m.error_at_issue * std::pow(m.phi, k),
                   boost::test_tools::tolerance(1e-12));
    }
    BOOST_TEST(std::fabs(twin::error_correction(m, 48 * hour)) < std::fabs(m.error_at_issue));
    // Before the issue time there is no correction.
    BOOST_TEST(updated[100] == model_v[100]);
    BOOST_TEST(twin::error_correction(m, -hour) == 0.0);
}

BOOST_AUTO_TEST_CASE(fitted_phi_is_near_the_generating_one_for_a_long_ar1_sequence) {
    const std::size_t n = 5000;
    const auto t = times(0.0, hour, n);
    const auto ar = ar1(n, 0.9, 0.1, 1072u);
    std::vector<double> obs(n), model(n);
    for (std::size_t k = 0; k < n; ++k) {
        obs[k] = truth_at(t[k]);
        model[k] = obs[k] - ar[k];  // error = ar exactly
    }
    const double issue = t.back();
    const auto m = twin::fit_error_model(t, obs, t, model, issue, issue - t.front(), hour, "long AR(1)");
    BOOST_TEST_MESSAGE("long AR(1): fitted phi " << m.phi);
    BOOST_TEST(m.samples == n - 1);
    BOOST_TEST(m.phi == 0.9, boost::test_tools::tolerance(0.03));
    BOOST_TEST(m.error_at_issue == ar.back(), boost::test_tools::tolerance(1e-9));
}

BOOST_AUTO_TEST_CASE(phi_is_clamped_and_the_error_at_issue_is_interpolated) {
    const auto t = times(0.0, hour, 13);
    std::vector<double> zero(t.size(), 0.0), alternating(t.size()), growing(t.size());
    for (std::size_t k = 0; k < t.size(); ++k) {
        alternating[k] = (k % 2 ? -1.0 : 1.0);
        growing[k] = std::pow(1.1, static_cast<double>(k));
    }
    // Errors that change sign every step: no persistence.
    BOOST_TEST(twin::fit_error_model(t, alternating, t, zero, t.back(), 12 * hour, hour, "a").phi == 0.0);
    // Errors that grow: taken as 0.99, so the correction still decays.
    BOOST_TEST(twin::fit_error_model(t, growing, t, zero, t.back(), 12 * hour, hour, "g").phi == 0.99);
    // An issue time between two observations: the error there by linear interpolation.
    const std::vector<double> ramp{0.0, 1.0, 2.0, 3.0, 4.0, 5.0};
    const auto m = twin::fit_error_model(times(0.0, hour, 6), ramp, t, zero, 4.5 * hour, 4 * hour, hour, "r");
    BOOST_TEST(m.error_at_issue == 4.5, boost::test_tools::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(too_few_pairs_or_no_observation_near_the_issue_are_refused_by_name) {
    const auto t = times(0.0, hour, 13);
    const std::vector<double> v(t.size(), 1.0), zero(t.size(), 0.0);
    auto says = [](const std::string& text) {
        return [text](const std::invalid_argument& e) { return std::string(e.what()).find(text) != std::string::npos; };
    };
    // Two steps of window: two pairs.
    BOOST_CHECK_EXCEPTION(twin::fit_error_model(t, v, t, zero, t.back(), 2 * hour, hour, "Cuntan"),
                          std::invalid_argument, says("Cuntan: fewer than 3 pairs"));
    // The last observation is 3 h before the issue time.
    BOOST_CHECK_EXCEPTION(twin::fit_error_model(t, v, t, zero, t.back() + 3 * hour, 12 * hour, hour, "Beibei"),
                          std::invalid_argument, says("Beibei: no observation"));
    // NaN observations do not count as pairs.
    std::vector<double> gappy(v.size(), missing);
    gappy[11] = gappy[12] = 1.0;
    BOOST_CHECK_EXCEPTION(twin::fit_error_model(t, gappy, t, zero, t.back(), 6 * hour, hour, "Zhutuo"),
                          std::invalid_argument, says("Zhutuo"));
}

// ---------------------------------------------------------------- flood numbering

namespace {

twin::FlowRecord record(const std::string& station, std::vector<double> t, std::vector<double> q) {
    return twin::FlowRecord{station, std::move(t), std::move(q)};
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_recrossing_at_47_h_59_min_is_the_same_flood_and_at_48_h_a_new_one) {
    const double t0 = 1593532800.0;  // 2020-07-01T00:00Z
    const twin::NumberingRule rule;
    const auto same = twin::numbered_floods(
        {record("Cuntan", {t0 - hour, t0, t0 + hour, t0 + 47 * hour + 58 * 60, t0 + 47 * hour + 59 * 60},
                {49000, 50000, 45000, 49000, 50000})},
        rule);
    BOOST_TEST_REQUIRE(same.size() == 1u);
    BOOST_TEST(same[0].number == 1);
    BOOST_TEST(same[0].epoch_s == t0);
    BOOST_TEST(same[0].flow_m3_s == 50000.0);

    // 40,000 -> 60,000 over the hour up to 47 h 30 min: 50,000 at 47 h, still the first flood.
    BOOST_TEST(twin::numbered_floods({record("Cuntan", {t0 - hour, t0, t0 + hour, t0 + 46.5 * hour, t0 + 47.5 * hour},
                                             {49000, 50000, 45000, 40000, 60000})},
                                     rule)
                   .size() == 1u);
}

BOOST_AUTO_TEST_CASE(exactly_48_h_after_the_previous_number_is_a_new_number) {
    const double t0 = 1593532800.0;
    const auto floods =
        twin::numbered_floods({record("Cuntan", {t0 - hour, t0, t0 + hour, t0 + 47 * hour, t0 + 48 * hour},
                                      {49000, 50000, 45000, 40000, 50000})},
                              twin::NumberingRule{});
    BOOST_TEST_REQUIRE(floods.size() == 2u);
    BOOST_TEST(floods[1].number == 2);
    BOOST_TEST(floods[1].epoch_s == t0 + 48 * hour);
}

BOOST_AUTO_TEST_CASE(two_stations_an_hour_apart_give_one_number_at_the_first) {
    const double t0 = 1597622400.0;  // 2020-08-17T00:00Z
    // Cuntan reaches 50,000 at t0 + 1 h; the Three Gorges inflow at t0 + 30 min,
    // interpolated between 40,000 at t0 and 60,000 at t0 + 1 h.
    const auto floods =
        twin::numbered_floods({record("Cuntan", {t0, t0 + hour, t0 + 2 * hour}, {48000, 50000, 52000}),
                               record("Three Gorges inflow", {t0, t0 + hour, t0 + 2 * hour}, {40000, 60000, 61000})},
                              twin::NumberingRule{});
    BOOST_TEST_REQUIRE(floods.size() == 1u);
    BOOST_TEST(floods[0].station == "Three Gorges inflow");
    BOOST_TEST(floods[0].epoch_s == t0 + 0.5 * hour);
    BOOST_TEST(floods[0].flow_m3_s == 50000.0);
    BOOST_TEST(floods[0].number == 1);
}

BOOST_AUTO_TEST_CASE(numbers_and_the_last_number_time_carry_across_forecast_cycles) {
    const double t0 = 1597622400.0;
    // A series already above at its first time: a candidate there, at that flow.
    const std::vector<twin::FlowRecord> above{record("Cuntan", {t0, t0 + hour}, {74600, 75000})};
    twin::NumberingRule rule;
    rule.numbers_before = 4;  // 2020's fifth flood came on 17 August
    rule.previous_number_s = t0 - 47 * hour;
    BOOST_TEST(twin::numbered_floods(above, rule).empty());  // still the fourth
    rule.previous_number_s = t0 - 48 * hour;
    const auto floods = twin::numbered_floods(above, rule);
    BOOST_TEST_REQUIRE(floods.size() == 1u);
    BOOST_TEST(floods[0].number == 5);
    BOOST_TEST(floods[0].epoch_s == t0);
    BOOST_TEST(floods[0].flow_m3_s == 74600.0);
    // Never numbered before this year: the first number.
    rule.numbers_before = 0;
    rule.previous_number_s.reset();
    BOOST_TEST(twin::numbered_floods(above, rule).at(0).number == 1);
    // Below the threshold throughout, or only NaN: nothing.
    BOOST_TEST(twin::numbered_floods({record("Cuntan", {t0, t0 + hour}, {49999.9, missing})}, rule).empty());
}

// ---------------------------------------------------------------- warning crossings

BOOST_AUTO_TEST_CASE(grading_at_each_edge_is_inclusive) {
    const auto t = cuntan_like();
    struct Edge {
        double start;
        WarningLevel below, at;
    };
    const Edge edges[] = {{179.5, WarningLevel::none, WarningLevel::blue},
                          {180.5, WarningLevel::blue, WarningLevel::yellow},
                          {183.5, WarningLevel::yellow, WarningLevel::orange},
                          {191.41, WarningLevel::orange, WarningLevel::red}};
    for (const auto& e : edges) {
        BOOST_TEST(twin::warning_level(e.start - 1e-6, t) == e.below);
        BOOST_TEST(twin::warning_level(e.start, t) == e.at);
        BOOST_TEST(twin::warning_level(e.start + 1e-6, t) == e.at);
    }
    twin::DischargeThresholds q;
    q.q5 = 50000;
    q.q20 = 60000;
    q.q50 = 70000;
    const Edge flows[] = {{45000, WarningLevel::none, WarningLevel::blue},
                          {50000, WarningLevel::blue, WarningLevel::yellow},
                          {60000, WarningLevel::yellow, WarningLevel::orange},
                          {70000, WarningLevel::orange, WarningLevel::red}};
    for (const auto& e : flows) {
        BOOST_TEST(twin::discharge_level(e.start - 0.01, q) == e.below);
        BOOST_TEST(twin::discharge_level(e.start, q) == e.at);
        BOOST_TEST(twin::discharge_level(e.start + 0.01, q) == e.at);
    }
    BOOST_TEST(twin::discharge_level(missing, q) == WarningLevel::none);
}

BOOST_AUTO_TEST_CASE(crossings_are_interpolated_between_samples) {
    const auto t = times(0.0, hour, 5);
    const std::vector<double> v{178.0, 180.0, 182.0, 184.0, 192.0};
    const auto c = twin::level_crossings(t, v, cuntan_like());
    BOOST_TEST_REQUIRE(c.size() == 4u);
    BOOST_TEST(c[0].level == WarningLevel::blue);
    BOOST_TEST(c[0].threshold == 179.5);
    BOOST_TEST(c[0].epoch_s == 0.75 * hour, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(c[1].level == WarningLevel::yellow);
    BOOST_TEST(c[1].epoch_s == 1.25 * hour, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(c[2].level == WarningLevel::orange);
    BOOST_TEST(c[2].epoch_s == 2.75 * hour, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(c[3].level == WarningLevel::red);
    BOOST_TEST(c[3].epoch_s == 3 * hour + 7.41 / 8.0 * hour, boost::test_tools::tolerance(1e-9));

    // Equal to a start at a sample: that sample's time; a first sample already above:
    // its time; NaN samples skipped (interpolated across the gap).
    const auto d = twin::level_crossings(t, {181.0, missing, 183.5, 183.0, missing}, cuntan_like());
    BOOST_TEST_REQUIRE(d.size() == 3u);
    BOOST_TEST(d[0].epoch_s == 0.0);
    BOOST_TEST(d[1].epoch_s == 0.0);
    BOOST_TEST(d[2].level == WarningLevel::orange);
    BOOST_TEST(d[2].epoch_s == 2 * hour);
    const auto gap = twin::level_crossings(t, {180.0, missing, 182.0, missing, missing}, cuntan_like());
    BOOST_TEST_REQUIRE(gap.size() == 2u);
    BOOST_TEST(gap[1].epoch_s == 0.5 * hour, boost::test_tools::tolerance(1e-9));  // 180 -> 182 over 2 h

    // A station with only a guaranteed stage (Zhutuo) is orange or nothing.
    twin::StationThresholds zhutuo;
    zhutuo.guaranteed_stage_m = 210.0;
    const auto z = twin::level_crossings(t, {205.0, 209.0, 211.0, 212.0, 200.0}, zhutuo);
    BOOST_TEST_REQUIRE(z.size() == 1u);
    BOOST_TEST(z[0].level == WarningLevel::orange);
    BOOST_TEST(z[0].epoch_s == 1.5 * hour, boost::test_tools::tolerance(1e-9));

    twin::DischargeThresholds q;
    q.q5 = 50000;
    const auto dq = twin::discharge_crossings(t, {40000, 46000, 52000, 51000, 30000}, q);
    BOOST_TEST_REQUIRE(dq.size() == 2u);
    BOOST_TEST(dq[0].threshold == 45000.0);
    BOOST_TEST(dq[0].epoch_s == hour * 5.0 / 6.0, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(dq[1].epoch_s == hour * (1.0 + 4.0 / 6.0), boost::test_tools::tolerance(1e-9));
    BOOST_CHECK_THROW(twin::level_crossings(t, {1.0}, cuntan_like()), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(low_flow_crossings_fall_through_each_threshold_inclusively) {
    // Thresholds 8000 (blue), 7000 (yellow), 6000 (orange); no red given.
    const std::vector<double> t = {0, 3600, 7200, 10800, 14400};
    const auto x = twin::low_crossings(t, {9000, 8000, 6500, 5000, 7000}, {8000.0, 7000.0, 6000.0});
    BOOST_TEST_REQUIRE(x.size() == 3u);
    BOOST_TEST((x[0].level == twin::WarningLevel::blue));
    BOOST_TEST(x[0].epoch_s == 3600.0);  // exactly at the threshold: reached
    BOOST_TEST(x[0].threshold == 8000.0);
    // 8000 -> 6500 over an hour: 7000 two thirds of the way.
    BOOST_TEST(std::abs(x[1].epoch_s - (3600.0 + 3600.0 * 1000.0 / 1500.0)) < 1e-9);
    BOOST_TEST(std::abs(x[2].epoch_s - (7200.0 + 3600.0 * 500.0 / 1500.0)) < 1e-9);
    BOOST_TEST((x[2].level == twin::WarningLevel::orange));
    // Already below at the first sample: that sample's time.
    BOOST_TEST(twin::low_crossings(t, {5000, 9000, 9000, 9000, 9000}, {8000.0}).front().epoch_s == 0.0);
    BOOST_TEST(twin::low_crossings(t, {9000, 9000, 8500, 9000, 9000}, {8000.0}).empty());
    const twin::Peak low = twin::series_trough(t, {9000, 5000, 5000, 6000, 7000});
    BOOST_TEST(low.value == 5000.0);
    BOOST_TEST(low.epoch_s == 3600.0);  // the first time of the minimum
}

BOOST_AUTO_TEST_CASE(lead_times_across_midnight_at_utc_plus_8) {
    const double issue = twin::parse_instant("2020-08-18T20:00:00+08:00", "issue").epoch_s;
    // Hourly from the issue time, 174 m rising a metre an hour: 180 at 02:00, 181 at 03:00.
    const auto t = times(issue, hour, 10);
    std::vector<double> v;
    for (std::size_t k = 0; k < t.size(); ++k) v.push_back(174.0 + static_cast<double>(k));
    const auto c = twin::level_crossings(t, v, cuntan_like());
    BOOST_TEST_REQUIRE(c.size() >= 2u);
    const double yellow = c[1].epoch_s;
    BOOST_TEST(twin::lead_text(yellow - issue) == "+6 h 30 min");
    BOOST_TEST(twin::format_instant(yellow, 480) == "2020-08-19T02:30:00+08:00");
    BOOST_TEST(twin::format_instant(yellow, 0) == "2020-08-18T18:30:00Z");
    BOOST_TEST(twin::lead_text(c[0].epoch_s - issue) == "+5 h 30 min");

    BOOST_TEST(twin::lead_text(0.0) == "+0 h");
    BOOST_TEST(twin::lead_text(35.5 * hour) == "+35 h 30 min");
    BOOST_TEST(twin::lead_text(-2 * hour) == "-2 h");
    BOOST_TEST(twin::lead_text(-20.0) == "+0 h");  // to the minute
    BOOST_TEST(twin::lead_text(59.6) == "+0 h 1 min");
}

BOOST_AUTO_TEST_CASE(model_levels_are_graded_in_the_station_datum) {
    // Thresholds in the Wusong datum; the model's levels 2 m below it.
    const auto th = cuntan_like();
    const double datum_offset_m = 2.0;
    const auto t = times(0.0, hour, 4);
    const std::vector<double> model{177.0, 178.5, 179.0, 180.0};
    std::vector<double> station;
    for (const double m : model) station.push_back(m + datum_offset_m);
    BOOST_TEST(twin::warning_level(model[1] + datum_offset_m, th) == WarningLevel::yellow);  // 180.5 Wusong
    BOOST_TEST(twin::warning_level(model[1], th) == WarningLevel::none);
    // 179.0, 180.5, 181.0, 182.0 Wusong: blue a third of the way to 1 h, yellow at 1 h.
    const auto c = twin::level_crossings(t, station, th);
    BOOST_TEST_REQUIRE(c.size() == 2u);
    BOOST_TEST(c[0].epoch_s == hour / 3.0, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(c[1].epoch_s == hour);
    // Left in the model's datum it would read blue only, and late.
    const auto raw = twin::level_crossings(t, model, th);
    BOOST_TEST_REQUIRE(raw.size() == 1u);
    BOOST_TEST(raw[0].epoch_s == 2.5 * hour, boost::test_tools::tolerance(1e-9));
}

BOOST_AUTO_TEST_CASE(the_peak_is_the_first_time_of_the_maximum) {
    const auto t = times(0.0, hour, 5);
    const auto p = twin::series_peak(t, {1.0, missing, 3.0, 3.0, 2.0});
    BOOST_TEST(p.value == 3.0);
    BOOST_TEST(p.epoch_s == 2 * hour);
    BOOST_CHECK_THROW(twin::series_peak({}, {}), std::invalid_argument);
    BOOST_CHECK_THROW(twin::series_peak({0.0}, {missing}), std::invalid_argument);
}

// ---------------------------------------------------------------- depth and hazard classes

BOOST_AUTO_TEST_CASE(arrival_classes_at_their_edges) {
    BOOST_TEST(twin::arrival_class(missing) == 0);
    BOOST_TEST(twin::arrival_class(0.0) == 1);
    int expected = 2;
    for (const double edge : twin::arrival_class_edges_h) {
        BOOST_TEST(twin::arrival_class(edge - 1e-9) == expected - 1);
        BOOST_TEST(twin::arrival_class(edge) == expected);
        ++expected;
    }
    BOOST_TEST(twin::arrival_class(100.0) == 6);
    BOOST_TEST(twin::arrival_class_text(1) == "within 1 h");
    BOOST_TEST(twin::arrival_class_text(6) == "after 48 h");
    BOOST_CHECK_THROW(twin::arrival_class_text(7), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(depth_classes_at_their_edges) {
    BOOST_TEST(twin::depth_class(missing) == 0);
    BOOST_TEST(twin::depth_class(-1.0) == 0);
    BOOST_TEST(twin::depth_class(0.0) == 0);
    int expected = 1;
    for (const double edge : twin::depth_class_edges_m) {
        BOOST_TEST(twin::depth_class(edge - 1e-9) == expected - 1);
        BOOST_TEST(twin::depth_class(edge) == expected);
        BOOST_TEST(twin::depth_class(edge + 1e-9) == expected);
        ++expected;
    }
    BOOST_TEST(twin::depth_class(12.0) == 4);
}

BOOST_AUTO_TEST_CASE(hazard_classes_at_the_arr_limits) {
    struct Case {
        double d, v;
        int h;
    };
    const Case cases[] = {
        {0.0, 3.0, 0},
        {twin::hazard_dry_depth_m - 1e-6, 0.0, 0},
        {missing, 1.0, 0},
        {twin::hazard_dry_depth_m, 0.0, 1},
        // depth limits, still water
        {0.3, 0.0, 1},
        {0.31, 0.0, 2},
        {0.5, 0.0, 2},
        {0.51, 0.0, 3},
        {1.2, 0.0, 3},
        {1.21, 0.0, 4},
        {2.0, 0.0, 4},
        {2.01, 0.0, 5},
        {4.0, 0.0, 5},
        {4.01, 0.0, 6},
        // velocity limits, shallow water
        {0.1, 2.0, 1},
        {0.1, 2.01, 5},
        {0.1, 4.0, 5},
        {0.1, 4.01, 6},
        {0.1, -2.0, 1},
        {0.1, missing, 1},
        // depth x velocity limits
        {0.3, 1.0, 1},
        {0.3, 1.01, 2},
        {0.5, 1.2, 2},
        {0.5, 1.21, 4},
        {1.0, 0.6, 3},
        {1.0, 0.61, 4},
        {2.0, 0.5, 4},
        {2.0, 0.51, 5},
        {2.0, 2.0, 5},
        {2.0, 2.01, 6},
        {1.0, 4.0, 5},
        {1.01, 4.0, 6},
    };
    for (const auto& c : cases)
        BOOST_TEST(twin::hazard_class(c.d, c.v) == c.h, "D " << c.d << " m, V " << c.v << " m/s");
    BOOST_TEST(twin::hazard_class_text(0) == "dry");
    BOOST_TEST(twin::hazard_class_text(5).rfind("H5: unsafe for people and vehicles", 0) == 0u);
    BOOST_TEST(twin::hazard_class_text(6).rfind("H6:", 0) == 0u);
    BOOST_CHECK_THROW(twin::hazard_class_text(7), std::invalid_argument);
    BOOST_TEST(std::string(twin::hazard_classification_source).find("2014/07") != std::string::npos);
}
