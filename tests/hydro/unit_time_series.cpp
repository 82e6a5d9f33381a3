// Unit tests of hydro::TimeSeries: interpolation, clamping, the exact integral that
// boundary volumes rely on, and rejection of malformed series.
#define BOOST_TEST_MODULE hydro_time_series
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "hydro/time_series.hpp"

using floodtwin::hydro::TimeSeries;

namespace {

// Interpolation and integrals of a few points are exact up to a handful of roundings.
constexpr double round_off_tol = 1e-14;  // relative, |computed - exact| / max(1, |exact|)

bool close(double computed, double exact, double tol = round_off_tol) {
    return std::abs(computed - exact) <= tol * std::max(1.0, std::abs(exact));
}

// A triangular hydrograph with a flat top: 0 -> 10 m3/s over 100 s, held to 300 s,
// back to 2 m3/s at 500 s.
TimeSeries hydrograph() { return TimeSeries({0.0, 100.0, 300.0, 500.0}, {0.0, 10.0, 10.0, 2.0}, "test hydrograph"); }

template <class F>
std::string message_of(F&& f) {
    try {
        f();
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return "(no exception)";
}

}  // namespace

BOOST_AUTO_TEST_CASE(interpolates_linearly_between_points) {
    const TimeSeries ts = hydrograph();
    BOOST_TEST(close(ts.value_at(0.0), 0.0));
    BOOST_TEST(close(ts.value_at(25.0), 2.5));
    BOOST_TEST(close(ts.value_at(100.0), 10.0));
    BOOST_TEST(close(ts.value_at(200.0), 10.0));
    BOOST_TEST(close(ts.value_at(400.0), 6.0));
    BOOST_TEST(close(ts.value_at(500.0), 2.0));
}

BOOST_AUTO_TEST_CASE(holds_end_values_outside_the_record) {
    const TimeSeries ts = hydrograph();
    BOOST_TEST(ts.value_at(-50.0) == 0.0);
    BOOST_TEST(ts.value_at(-1e9) == 0.0);
    BOOST_TEST(ts.value_at(501.0) == 2.0);
    BOOST_TEST(ts.value_at(1e9) == 2.0);
}

BOOST_AUTO_TEST_CASE(constant_series) {
    const TimeSeries ts(3.25);
    BOOST_TEST(ts.value_at(-10.0) == 3.25);
    BOOST_TEST(ts.value_at(0.0) == 3.25);
    BOOST_TEST(ts.value_at(1e6) == 3.25);
    BOOST_TEST(close(ts.integral(-10.0, 30.0), 3.25 * 40.0));
    BOOST_TEST(close(ts.mean(5.0, 7.0), 3.25));
    BOOST_TEST(!ts.empty());
    BOOST_TEST(TimeSeries().empty());
}

BOOST_AUTO_TEST_CASE(integral_is_exact_for_the_interpolant) {
    const TimeSeries ts = hydrograph();
    // Whole record: 0.5*10*100 + 10*200 + 0.5*(10+2)*200 = 500 + 2000 + 1200.
    BOOST_TEST(close(ts.integral(0.0, 500.0), 3700.0));
    // Inside one segment: 0..50 s of the ramp: 0.5 * 5 * 50.
    BOOST_TEST(close(ts.integral(0.0, 50.0), 125.0));
    // Across breakpoints: 50..350 s = (ramp 50..100: 0.5*(5+10)*50) + 2000 + (300..350: 0.5*(10+8)*50).
    BOOST_TEST(close(ts.integral(50.0, 350.0), 375.0 + 2000.0 + 450.0));
    // Clamped extensions: before the start the first value (0), after the end the last (2).
    BOOST_TEST(close(ts.integral(-100.0, 0.0), 0.0));
    BOOST_TEST(close(ts.integral(500.0, 600.0), 200.0));
    BOOST_TEST(close(ts.integral(-100.0, 600.0), 3900.0));
    // Reversed limits give the negative, an empty interval zero.
    BOOST_TEST(close(ts.integral(350.0, 50.0), -2825.0));
    BOOST_TEST(ts.integral(123.0, 123.0) == 0.0);
}

BOOST_AUTO_TEST_CASE(integral_is_additive_over_uneven_steps) {
    // What the mass ledger does: sum the integral over many uneven steps. The sum must
    // match the one-shot integral to round-off, whatever the step pattern.
    const TimeSeries ts = hydrograph();
    double t = -20.0, sum = 0.0;
    int k = 0;
    while (t < 640.0) {
        const double dt = 0.37 + 0.29 * std::sin(0.7 * k++);
        const double t1 = std::min(t + dt, 640.0);
        sum += ts.integral(t, t1);
        t = t1;
    }
    constexpr double additive_tol = 1e-12;  // relative, over ~1,700 summed steps
    BOOST_TEST(close(sum, ts.integral(-20.0, 640.0), additive_tol));
}

BOOST_AUTO_TEST_CASE(mean_over_an_interval) {
    const TimeSeries ts = hydrograph();
    BOOST_TEST(close(ts.mean(0.0, 100.0), 5.0));
    BOOST_TEST(close(ts.mean(300.0, 500.0), 6.0));
    BOOST_TEST(close(ts.mean(40.0, 40.0), 4.0));  // empty interval: the value there
    BOOST_TEST(ts.min_value() == 0.0);
}

BOOST_AUTO_TEST_CASE(single_point_series_is_constant) {
    const TimeSeries ts({60.0}, {1.5});
    BOOST_TEST(ts.value_at(0.0) == 1.5);
    BOOST_TEST(ts.value_at(120.0) == 1.5);
    BOOST_TEST(close(ts.integral(0.0, 120.0), 180.0));
}

BOOST_AUTO_TEST_CASE(zero_outside_the_record) {
    // An inflow that has stopped: 0 before the first point and after the last, the end
    // points themselves kept, and the integral of exactly that (a step at each end).
    TimeSeries ts = hydrograph();
    ts.set_outside(floodtwin::hydro::Outside::zero);
    BOOST_TEST(ts.value_at(-1.0) == 0.0);
    BOOST_TEST(close(ts.value_at(500.0), 2.0));
    BOOST_TEST(ts.value_at(500.5) == 0.0);
    BOOST_TEST(ts.value_at(1e9) == 0.0);
    BOOST_TEST(close(ts.integral(-100.0, 600.0), 3700.0));
    BOOST_TEST(close(ts.integral(400.0, 600.0), 0.5 * (6.0 + 2.0) * 100.0));
    BOOST_TEST(ts.integral(600.0, 700.0) == 0.0);
    BOOST_TEST(close(ts.mean(500.0, 700.0), 0.0));
    BOOST_TEST(ts.max_value() == 10.0);
    BOOST_TEST(!ts.constant());
    // A constant has no outside: it is the same everywhere.
    TimeSeries c(4.0);
    c.set_outside(floodtwin::hydro::Outside::zero);
    BOOST_TEST(c.constant());
    BOOST_TEST(c.value_at(1e6) == 4.0);
    BOOST_TEST(close(c.integral(10.0, 20.0), 40.0));
}

BOOST_AUTO_TEST_CASE(rejects_non_increasing_times) {
    const std::string equal = message_of([] { TimeSeries({0.0, 10.0, 10.0}, {1.0, 2.0, 3.0}, "gauge Q"); });
    BOOST_TEST(equal.find("gauge Q") != std::string::npos, equal);
    BOOST_TEST(equal.find("increase") != std::string::npos, equal);
    const std::string decreasing = message_of([] { TimeSeries({0.0, 10.0, 5.0}, {1.0, 2.0, 3.0}, "gauge Q"); });
    BOOST_TEST(decreasing.find("gauge Q") != std::string::npos, decreasing);
    BOOST_TEST(decreasing.find("increase") != std::string::npos, decreasing);
}

BOOST_AUTO_TEST_CASE(rejects_malformed_series) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    BOOST_CHECK_THROW(TimeSeries({}, {}), std::invalid_argument);
    BOOST_CHECK_THROW(TimeSeries({0.0, 1.0}, {1.0}), std::invalid_argument);
    BOOST_CHECK_THROW(TimeSeries({0.0, nan}, {1.0, 2.0}), std::invalid_argument);
    BOOST_CHECK_THROW(TimeSeries({0.0, 1.0}, {1.0, inf}), std::invalid_argument);
    BOOST_CHECK_THROW(static_cast<void>(TimeSeries(nan)), std::invalid_argument);
}
