// Unit tests: the trapezoidal channel section of the 1D kernels. Normal depth inverts
// Manning's formula, the kinematic celerity is dQ/dA, critical depth has Froude
// number 1, and bad sections are refused with a message that names the field.
#define BOOST_TEST_MODULE hydro_channel_section
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "hydro/channel_section.hpp"

using namespace floodtwin::hydro;

namespace {

// |Q(normal depth) - Q| / Q over 1..1e5 m3/s.
constexpr double normal_depth_rel_tol = 1e-9;
// |c / V - 5/3| for a rectangle 10 km wide: the exact ratio is 5/3 - (4/3) h / (b + 2h),
// about 1e-4 off at these depths.
constexpr double wide_celerity_rel_tol = 1e-3;
// Analytic dQ/dA against a centred difference of Manning's formula over +-1e-4 of the
// depth (truncation ~1e-8, round-off ~1e-11).
constexpr double celerity_difference_rel_tol = 1e-6;
// Critical depth: against (q^2/g)^(1/3) for rectangles, and |Fr^2 - 1| for trapezoids.
constexpr double critical_depth_rel_tol = 1e-9;

const ChannelSection rectangle{.bottom_width_m = 50.0, .side_slope = 0.0, .manning_n = 0.035, .bed_slope = 1e-3};
const ChannelSection trapezoid{.bottom_width_m = 20.0, .side_slope = 2.0, .manning_n = 0.03, .bed_slope = 2e-4};
const ChannelSection steep_narrow{.bottom_width_m = 2.0, .side_slope = 0.5, .manning_n = 0.05, .bed_slope = 0.02};

// 41 discharges, log-spaced over 1..1e5 m3/s.
std::vector<double> discharges() {
    std::vector<double> q;
    for (int k = 0; k <= 40; ++k) q.push_back(std::pow(10.0, k / 8.0));
    return q;
}

template <class F>
std::string invalid_argument_message(F&& f) {
    try {
        f();
    } catch (const std::invalid_argument& e) {
        return e.what();
    } catch (const std::exception& e) {
        return std::string("(wrong exception type) ") + e.what();
    }
    return "(no exception)";
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

BOOST_AUTO_TEST_CASE(geometry_of_a_trapezoid) {
    // b = 20, z = 2, h = 3: A = (20 + 6) 3, T = 20 + 12, P = 20 + 6 sqrt(5).
    BOOST_TEST(section_area_m2(trapezoid, 3.0) == 78.0);
    BOOST_TEST(section_top_width_m(trapezoid, 3.0) == 32.0);
    BOOST_TEST(std::abs(section_wetted_perimeter_m(trapezoid, 3.0) - (20.0 + 6.0 * std::sqrt(5.0))) < 1e-12);
    BOOST_TEST(section_area_m2(trapezoid, -1.0) == 0.0);  // negative depth counts as dry
}

BOOST_AUTO_TEST_CASE(normal_depth_inverts_manning) {
    for (const ChannelSection* s : {&rectangle, &trapezoid, &steep_narrow}) {
        double worst = 0.0;
        for (const double q : discharges()) {
            const double h = normal_depth_m(*s, q);
            worst = std::max(worst, std::abs(manning_discharge_m3_s(*s, h) - q) / q);
        }
        BOOST_TEST_MESSAGE("normal depth, b = " << s->bottom_width_m << " m, z = " << s->side_slope
                                                << ": worst |Q(h_n) - Q| / Q = " << worst);
        BOOST_TEST(worst <= normal_depth_rel_tol);
    }
    BOOST_TEST(normal_depth_m(trapezoid, 0.0) == 0.0);
    BOOST_TEST(normal_depth_m(trapezoid, -5.0) == 0.0);
}

BOOST_AUTO_TEST_CASE(wide_rectangle_celerity_is_five_thirds_of_velocity) {
    const ChannelSection wide{.bottom_width_m = 1e4, .side_slope = 0.0, .manning_n = 0.03, .bed_slope = 1e-4};
    for (const double q : {1e3, 1e4, 5e4}) {
        const double h = normal_depth_m(wide, q);
        const double velocity = q / section_area_m2(wide, h);
        const double ratio = kinematic_celerity_m_s(wide, q) / velocity;
        BOOST_TEST_MESSAGE("wide rectangle, Q = " << q << ": c / V = " << ratio);
        BOOST_TEST(std::abs(ratio / (5.0 / 3.0) - 1.0) <= wide_celerity_rel_tol);
    }
}

BOOST_AUTO_TEST_CASE(celerity_is_dq_da) {
    for (const ChannelSection* s : {&rectangle, &trapezoid, &steep_narrow}) {
        double worst = 0.0;
        for (const double q : discharges()) {
            const double h = normal_depth_m(*s, q);
            const double dh = 1e-4 * h;
            const double dq = manning_discharge_m3_s(*s, h + dh) - manning_discharge_m3_s(*s, h - dh);
            const double da = section_area_m2(*s, h + dh) - section_area_m2(*s, h - dh);
            worst = std::max(worst, std::abs(kinematic_celerity_m_s(*s, q) / (dq / da) - 1.0));
        }
        BOOST_TEST_MESSAGE("celerity vs centred dQ/dA, b = " << s->bottom_width_m << ": worst relative " << worst);
        BOOST_TEST(worst <= celerity_difference_rel_tol);
    }
    // No flow: a small positive celerity (a film), so travel times stay finite.
    const double film = kinematic_celerity_m_s(trapezoid, 0.0);
    BOOST_TEST(film > 0.0);
    BOOST_TEST(film < kinematic_celerity_m_s(trapezoid, 1e-3));
    BOOST_TEST(film == kinematic_celerity_m_s(trapezoid, -1.0));
}

BOOST_AUTO_TEST_CASE(critical_depth_of_rectangle_and_trapezoid) {
    double worst_rectangle = 0.0;
    double worst_froude = 0.0;
    for (const double q : discharges()) {
        const double unit_q = q / rectangle.bottom_width_m;
        const double exact = std::cbrt(unit_q * unit_q / channel_gravity_m_s2);
        worst_rectangle = std::max(worst_rectangle, std::abs(critical_depth_m(rectangle, q) / exact - 1.0));
        for (const ChannelSection* s : {&trapezoid, &steep_narrow}) {
            const double h = critical_depth_m(*s, q);
            const double a = section_area_m2(*s, h);
            const double froude2 = q * q * section_top_width_m(*s, h) / (channel_gravity_m_s2 * a * a * a);
            worst_froude = std::max(worst_froude, std::abs(froude2 - 1.0));
        }
    }
    BOOST_TEST_MESSAGE("critical depth: rectangle worst relative " << worst_rectangle
                                                                   << ", trapezoids worst |Fr^2 - 1| " << worst_froude);
    BOOST_TEST(worst_rectangle <= critical_depth_rel_tol);
    BOOST_TEST(worst_froude <= critical_depth_rel_tol);
    BOOST_TEST(critical_depth_m(rectangle, 0.0) == 0.0);
}

BOOST_AUTO_TEST_CASE(bad_sections_are_refused_naming_the_field) {
    struct Case {
        ChannelSection section;
        std::string field;
    };
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const std::vector<Case> cases{
        {{.bottom_width_m = 0.0, .side_slope = 1.0, .manning_n = 0.03, .bed_slope = 1e-3}, "bottom_width_m"},
        {{.bottom_width_m = nan, .side_slope = 1.0, .manning_n = 0.03, .bed_slope = 1e-3}, "bottom_width_m"},
        {{.bottom_width_m = 10.0, .side_slope = -0.5, .manning_n = 0.03, .bed_slope = 1e-3}, "side_slope"},
        {{.bottom_width_m = 10.0, .side_slope = 1.0, .manning_n = -0.1, .bed_slope = 1e-3}, "manning_n"},
        {{.bottom_width_m = 10.0, .side_slope = 1.0, .manning_n = 0.03, .bed_slope = 0.0}, "bed_slope"},
    };
    for (const Case& c : cases) {
        const std::string msg = invalid_argument_message([&] { validate(c.section, "reach 7"); });
        BOOST_TEST((contains(msg, "reach 7: ") && contains(msg, c.field)), msg);
        const std::string from_normal_depth = invalid_argument_message([&] { (void)normal_depth_m(c.section, 10.0); });
        BOOST_TEST(contains(from_normal_depth, c.field), from_normal_depth);
    }
    const std::string msg = invalid_argument_message([] {
        validate({.bottom_width_m = 10.0, .side_slope = 0.0, .manning_n = -0.1, .bed_slope = 1e-3}, "channel section");
    });
    BOOST_TEST(msg == "channel section: manning_n must be > 0, got -0.1");
    BOOST_CHECK_NO_THROW(validate(trapezoid, "channel section"));
}
