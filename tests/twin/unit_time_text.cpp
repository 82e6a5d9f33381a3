// Unit: ISO 8601 instants with zones and durations with units, as written in case files.
#define BOOST_TEST_MODULE twin_time_text
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "twin/case/time_text.hpp"

using namespace floodtwin;

namespace {
// The message of the std::invalid_argument that `f` throws ("" if none).
template <class F>
std::string error_of(F&& f) {
    try {
        f();
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return "";
}
bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }
}  // namespace

BOOST_AUTO_TEST_CASE(instant_with_china_offset) {
    const twin::Instant t = twin::parse_instant("2020-08-20T08:15:00+08:00", "case.start");
    BOOST_TEST(t.epoch_s == 1597882500.0);
    BOOST_TEST(t.utc_offset_min == 480);
}

BOOST_AUTO_TEST_CASE(instant_in_utc) {
    const twin::Instant t = twin::parse_instant("2020-08-20T00:15:00Z", "t");
    BOOST_TEST(t.epoch_s == 1597882500.0);
    BOOST_TEST(t.utc_offset_min == 0);
    BOOST_TEST(twin::parse_instant("2020-08-20t00:15:00z", "t").epoch_s == 1597882500.0);
}

BOOST_AUTO_TEST_CASE(instant_variants_of_the_same_moment) {
    for (const char* text : {"2020-08-20T08:15:00+08:00", "2020-08-20 08:15:00+08:00", "2020-08-20T08:15+08:00",
                             "2020-08-20T08:15:00+0800", "2020-08-20T08:15:00+08", "2020-08-19T19:15:00-05:00",
                             "  2020-08-20T00:15:00Z  "})
        BOOST_TEST(twin::parse_instant(text, "t").epoch_s == 1597882500.0, text);
    BOOST_TEST(twin::parse_instant("2020-08-19T19:15:00-05:00", "t").utc_offset_min == -300);
    BOOST_TEST(twin::parse_instant("2020-08-20T08:15:00.25+08:00", "t").epoch_s == 1597882500.25);
}

BOOST_AUTO_TEST_CASE(instant_before_1970_and_leap_day) {
    BOOST_TEST(twin::parse_instant("1969-07-20T20:17:40Z", "t").epoch_s == -14182940.0);
    BOOST_TEST(twin::parse_instant("2020-02-29T00:00:00Z", "t").epoch_s == 1582934400.0);
}

BOOST_AUTO_TEST_CASE(format_instant_in_its_zone) {
    BOOST_TEST(twin::format_instant(1597882500.0, 480) == "2020-08-20T08:15:00+08:00");
    BOOST_TEST(twin::format_instant(1597882500.0, 0) == "2020-08-20T00:15:00Z");
    BOOST_TEST(twin::format_instant(1597882500.0, -300) == "2020-08-19T19:15:00-05:00");
    BOOST_TEST(twin::format_instant(1597882500.25, 480) == "2020-08-20T08:15:00.250+08:00");
    BOOST_TEST(twin::format_instant(-14182940.0, 0) == "1969-07-20T20:17:40Z");
    BOOST_TEST(twin::format_instant(twin::Instant{1597680000.0, 480}) == "2020-08-18T00:00:00+08:00");
}

BOOST_AUTO_TEST_CASE(round_trips) {
    for (const char* text : {"2020-08-18T00:00:00+08:00", "2020-08-20T08:15:00Z", "1999-12-31T23:59:59-09:30",
                             "2024-02-29T12:00:00.125+05:45", "1969-12-31T23:59:59Z"}) {
        const twin::Instant t = twin::parse_instant(text, "t");
        BOOST_TEST(twin::format_instant(t) == text);
    }
    for (double s : {0.0, 1597882500.0, 1597882500.5, -86400.5, 4102444800.0}) {
        const std::string text = twin::format_instant(s, 480);
        BOOST_TEST(twin::parse_instant(text, "t").epoch_s == s, text);
    }
}

BOOST_AUTO_TEST_CASE(instant_without_zone_is_an_error) {
    const std::string m = error_of([] { (void)twin::parse_instant("2020-08-18T00:00:00", "case.start"); });
    BOOST_TEST(contains(m, "case.start"), m);
    BOOST_TEST(contains(m, "no zone"), m);
}

BOOST_AUTO_TEST_CASE(bad_instants_name_what) {
    for (const char* text :
         {"2021-02-29T00:00:00Z", "2020-13-01T00:00:00Z", "2020-08-18T24:00:00Z", "2020-08-18T00:60:00Z", "2020-08-18",
          "18/08/2020 00:00", "2020-08-18T00:00:00+25:00", "2020-08-18T00:00:00+08:00 extra", "", "now"}) {
        const std::string m = error_of([&] { (void)twin::parse_instant(text, "boundary[1].discharge"); });
        BOOST_TEST(contains(m, "boundary[1].discharge"), text << " -> " << m);
    }
}

BOOST_AUTO_TEST_CASE(durations_with_units) {
    BOOST_TEST(twin::parse_duration("72h", "d") == 259200.0);
    BOOST_TEST(twin::parse_duration("5min", "d") == 300.0);
    BOOST_TEST(twin::parse_duration("30s", "d") == 30.0);
    BOOST_TEST(twin::parse_duration("2d", "d") == 172800.0);
    BOOST_TEST(twin::parse_duration("1.5h", "d") == 5400.0);
    BOOST_TEST(twin::parse_duration("3600", "d") == 3600.0);
    BOOST_TEST(twin::parse_duration(" 10 min ", "d") == 600.0);
    BOOST_TEST(twin::parse_duration(3600.0, "d") == 3600.0);
}

BOOST_AUTO_TEST_CASE(bad_durations_name_what) {
    const auto nan = std::numeric_limits<double>::quiet_NaN();
    for (const char* text : {"-1h", "0", "0s", "5m", "abc", "", "h", "1 hour", "inf"}) {
        const std::string m = error_of([&] { (void)twin::parse_duration(std::string(text), "output.map_interval"); });
        BOOST_TEST(contains(m, "output.map_interval"), "'" << text << "' -> " << m);
    }
    BOOST_TEST(contains(error_of([] { (void)twin::parse_duration("5m", "x"); }), "unknown unit 'm'"));
    BOOST_TEST(contains(error_of([] { (void)twin::parse_duration("-1h", "x"); }), "more than 0"));
    for (double s : {-5.0, 0.0, nan}) BOOST_TEST(!error_of([&] { (void)twin::parse_duration(s, "x"); }).empty());
}

// CF time coordinates (rain frames in NetCDF): "<unit> since <reference>".
BOOST_AUTO_TEST_CASE(cf_times_in_seconds_since_the_case_start) {
    const twin::Instant start = twin::parse_instant("2020-08-18T00:00:00+08:00", "case.start");
    BOOST_TEST(twin::cf_time_since(600.0, "seconds since 2020-08-18T00:00:00+08:00", start, "t") == 600.0);
    // No zone: UTC, as CF says; 2020-08-18 00:00 UTC is 8 h after the start at +08:00.
    BOOST_TEST(twin::cf_time_since(0.5, "hours since 2020-08-18 00:00:00", start, "t") == 8 * 3600.0 + 1800.0);
    BOOST_TEST(twin::cf_time_since(1.0, "days since 2020-08-17", start, "t") == 8 * 3600.0);
    BOOST_TEST(twin::cf_time_since(10.0, "minutes since 2020-08-17 16:00:00 UTC", start, "t") == 600.0);
    BOOST_TEST(twin::cf_time_since(10.0, "min since 2020-08-17T16:00Z", start, "t") == 600.0);
    BOOST_TEST(twin::cf_time_since(-1.0, "hour since 2020-08-18 00:00:00 +08:00", start, "t") == -3600.0);
    BOOST_TEST(twin::cf_time_since(2.0, "s since 2020-08-18 00:00:00.0 +0800", start, "t") == 2.0);
}

BOOST_AUTO_TEST_CASE(bad_cf_times_name_what) {
    const twin::Instant start = twin::parse_instant("2020-08-18T00:00:00+08:00", "case.start");
    const auto error = [&](double v, const char* units) {
        return error_of([&] { (void)twin::cf_time_since(v, units, start, "band 2 of rain.nc"); });
    };
    for (const char* units : {"seconds", "months since 2020-01-01", "seconds since yesterday",
                              "seconds since 2020-08-18 00:00:00 UTC+08:00", "furlongs since 2020-01-01"}) {
        const std::string m = error(0.0, units);
        BOOST_TEST(contains(m, "band 2 of rain.nc"), units << ": " << m);
    }
    BOOST_TEST(contains(error(std::numeric_limits<double>::quiet_NaN(), "seconds since 2020-01-01"), "band 2"));
    BOOST_TEST(twin::cf_calendar_is_gregorian("proleptic_gregorian"));
    BOOST_TEST(twin::cf_calendar_is_gregorian(""));
    BOOST_TEST(!twin::cf_calendar_is_gregorian("360_day"));
    BOOST_TEST(!twin::cf_calendar_is_gregorian("noleap"));
}
