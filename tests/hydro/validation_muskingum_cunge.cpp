// Validation: reach routing (hydro/reach_routing.hpp). Constant-parameter Muskingum
// equals the classic C0/C1/C2 recursion; Muskingum-Cunge routes a small wave as the
// linear convection-diffusion equation does (Hayami's kernel, integrated here); every
// router conserves mass to round-off with steps and zeros in the inflow; lag shifts a
// hydrograph exactly; and halving the network step changes little.
#define BOOST_TEST_MODULE hydro_validation_muskingum_cunge
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include "hydro/reach_routing.hpp"
#include "hydro/time_series.hpp"
#include "tests/support/hydro_checks.hpp"

using namespace floodtwin::hydro;
using namespace floodtwin::hydro::testing;

namespace {

// Constant K, X against the classic recursion: |difference| / peak inflow.
constexpr double classic_recursion_tol = 1e-12;
// A steady state stays steady: |O - q| / q after 48 steps, and the storage change.
constexpr double steady_rel_tol = 1e-12;
// Small wave against the linear convection-diffusion solution (perturbation of 1 % of
// the base flow, 100 km reach, network step 1 h; 12 sub-reaches with X ~ 0.07 at the
// base flow, so the scheme's own diffusion is the physical one). Measured: 1.5 %,
// 0.24 h, 2.7 %. (With dx <= c dt alone, X clips at 0 and the peak is 14 % high.)
constexpr double wave_peak_rel_tol = 0.025;   // |peak rise - exact| / exact peak rise
constexpr double wave_peak_time_tol_h = 0.4;  // peak time, from a parabola through the hourly values
constexpr double wave_l1_rel_tol = 0.04;      // sum |O - exact| / sum |exact - base|
// Mass: |sum V_in - sum V_out - (S_end - S_start)| / sum V_in over 2000 steps.
constexpr double mass_rel_tol = 1e-12;
// Lag: shifted points and split volumes, relative to the peak flow and peak volume.
constexpr double lag_rel_tol = 1e-12;
// Convergence: max |O(dt) - O(dt / 2)| at common times / flood rise (2500 m3/s), for
// dt = 1 h against 0.5 h; and the 0.5 h against 0.25 h difference must be smaller.
// The sub-reach length follows the network step (c dt + 2 D / c at the low flow), and
// at this flood's peak 2 D / c (14 km) exceeds it, so X clips at 0 there and the
// diffusion changes with the step: measured 4.2 %, then 1.6 %.
constexpr double halving_rel_tol = 0.05;

constexpr double hour_s = 3600.0;

// The wide prismatic reach of the wave and convergence tests.
const ChannelSection wide_reach{.bottom_width_m = 500.0, .side_slope = 0.0, .manning_n = 0.03, .bed_slope = 2e-4};
constexpr double wide_reach_length_m = 100e3;

struct RoutedRun {
    std::vector<double> inflow_m3_s, volume_in_m3, outflow_m3_s, volume_out_m3;
    double storage_start_m3 = 0.0;
    double storage_end_m3 = 0.0;
    double min_storage_m3 = 0.0;
    double min_outflow_m3_s = 0.0;

    [[nodiscard]] double mass_rel_error() const {
        double in = 0.0;
        double out = 0.0;
        for (const double v : volume_in_m3) in += v;
        for (const double v : volume_out_m3) out += v;
        return std::abs(in - out - (storage_end_m3 - storage_start_m3)) / in;
    }
};

// Routes `inflow` from a steady state at its value at t = 0, for `steps` steps of dt:
// end-of-step point flows and the exact step volumes of the piecewise-linear series.
RoutedRun route(ReachRouter router, const TimeSeries& inflow, double dt_s, int steps) {
    router.set_steady(inflow.value_at(0.0));
    RoutedRun run;
    run.storage_start_m3 = router.storage_m3();
    run.min_storage_m3 = router.storage_m3();
    run.min_outflow_m3_s = router.outflow_m3_s();
    for (int k = 1; k <= steps; ++k) {
        const double t0 = (k - 1) * dt_s;
        const double t1 = k * dt_s;
        const double q = inflow.value_at(t1);
        const double v = inflow.integral(t0, t1);
        const RouteStep out = router.step(q, v, dt_s);
        run.inflow_m3_s.push_back(q);
        run.volume_in_m3.push_back(v);
        run.outflow_m3_s.push_back(out.outflow_m3_s);
        run.volume_out_m3.push_back(out.volume_out_m3);
        run.min_storage_m3 = std::min(run.min_storage_m3, router.storage_m3());
        run.min_outflow_m3_s = std::min(run.min_outflow_m3_s, out.outflow_m3_s);
    }
    run.storage_end_m3 = router.storage_m3();
    return run;
}

// base + rise * sin^2(pi (t - start) / duration) on [start, start + duration], sampled
// every 2 minutes (the piecewise-linear series is the exact input of both the router
// and the analytic solution).
TimeSeries smooth_bump(double base, double rise, double start_s, double duration_s, double end_s) {
    std::vector<double> t;
    std::vector<double> q;
    for (double s = 0.0; s <= end_s; s += 120.0) {
        t.push_back(s);
        const double phase = (s - start_s) / duration_s;
        const double shape = phase > 0.0 && phase < 1.0 ? std::pow(std::sin(std::numbers::pi * phase), 2) : 0.0;
        q.push_back(base + rise * shape);
    }
    return TimeSeries(t, q, "smooth bump");
}

// Time (in sample units) and value of the maximum, from the parabola through the
// largest sample and its neighbours.
struct Peak {
    double index;
    double value;
};
Peak peak_of(const std::vector<double>& v) {
    const auto k = static_cast<std::size_t>(std::max_element(v.begin(), v.end()) - v.begin());
    if (k == 0 || k + 1 >= v.size()) return {static_cast<double>(k), v[k]};
    const double a = v[k - 1];
    const double b = v[k];
    const double c = v[k + 1];
    const double offset = 0.5 * (a - c) / (a - 2.0 * b + c);
    return {static_cast<double>(k) + offset, b - 0.25 * (a - c) * offset};
}

}  // namespace

BOOST_AUTO_TEST_CASE(constant_parameters_reproduce_classic_muskingum) {
    // K = 2 h, X = 0.2, dt = 1 h: one sub-reach, no sub-steps. K = 6 h, X = 0.25: three
    // sub-reaches of 2 h (2 K X / dt = 3), each the classic recursion with K = 2 h.
    const TimeSeries inflow({0.0, 10 * hour_s, 30 * hour_s}, {100.0, 900.0, 100.0}, "triangle");
    for (const auto& [k_h, x, parts] : {std::tuple{2.0, 0.2, 1}, std::tuple{6.0, 0.25, 3}}) {
        const double dt = hour_s;
        const double k = k_h * hour_s / parts;
        const double d = k * (1.0 - x) + 0.5 * dt;
        const double c0 = (0.5 * dt - k * x) / d;
        const double c1 = (0.5 * dt + k * x) / d;
        const double c2 = (k * (1.0 - x) - 0.5 * dt) / d;
        std::vector<double> flows(parts + 1, inflow.value_at(0.0));  // inflow, then each sub-reach's outflow

        ReachRouter router = ReachRouter::muskingum(k_h * hour_s, x, dt);
        BOOST_TEST_MESSAGE(router.describe());
        router.set_steady(flows[0]);
        double worst = 0.0;
        double worst_storage = 0.0;
        for (int n = 1; n <= 60; ++n) {
            // Trapezoid volumes: the classic recursion's assumption.
            const double q = inflow.value_at(n * dt);
            const RouteStep out = router.step(q, 0.5 * (flows[0] + q) * dt, dt);
            std::vector<double> next(parts + 1);
            next[0] = q;
            double storage = 0.0;
            for (int j = 1; j <= parts; ++j) {
                next[j] = c0 * next[j - 1] + c1 * flows[j - 1] + c2 * flows[j];
                storage += k * (x * next[j - 1] + (1.0 - x) * next[j]);
            }
            flows = next;
            worst = std::max(worst, std::abs(out.outflow_m3_s - flows[parts]) / 900.0);
            worst_storage = std::max(worst_storage, std::abs(router.storage_m3() - storage) / (900.0 * k_h * hour_s));
        }
        BOOST_TEST_MESSAGE("classic Muskingum K = " << k_h << " h, X = " << x << ": worst outflow difference " << worst
                                                    << ", storage " << worst_storage << " (relative)");
        BOOST_TEST(worst <= classic_recursion_tol);
        BOOST_TEST(worst_storage <= classic_recursion_tol);
    }
}

BOOST_AUTO_TEST_CASE(steady_state_stays_steady) {
    const double q = 750.0;
    for (ReachRouter router :
         {ReachRouter::muskingum_cunge(wide_reach, wide_reach_length_m, hour_s, 200.0),
          ReachRouter::muskingum(5 * hour_s, 0.3, hour_s), ReachRouter::lag(2.5 * hour_s, hour_s)}) {
        router.set_steady(q);
        const double storage = router.storage_m3();
        for (int n = 0; n < 48; ++n) router.step(q, q * hour_s, hour_s);
        BOOST_TEST_MESSAGE(router.describe() << ": outflow " << router.outflow_m3_s() << ", storage change "
                                             << router.storage_m3() - storage << " m3 of " << storage);
        BOOST_TEST(std::abs(router.outflow_m3_s() / q - 1.0) <= steady_rel_tol);
        BOOST_TEST(std::abs(router.storage_m3() / storage - 1.0) <= steady_rel_tol);
        BOOST_TEST(router.inflow_m3_s() == q);
    }
}

BOOST_AUTO_TEST_CASE(small_wave_follows_convection_diffusion) {
    // Base 1000 m3/s plus a 10 m3/s sin^2 bump of 24 h starting at 6 h, over 100 km of
    // a 500 m wide rectangle (S0 = 2e-4, n = 0.03). The linearised kinematic-diffusive
    // wave at the base flow, Q_t + c Q_x = D Q_xx with c = dQ/dA and D = Q / (2 T S0)
    // (Cunge 1969), answers an upstream boundary input f(t) with the convolution
    //   Q(x, t) = base + int_0^t (f(t - s) - base) x / sqrt(4 pi D s^3) exp(-(x - c s)^2 / (4 D s)) ds
    // (Hayami 1951), evaluated here by the trapezoid rule with 30 s steps.
    const double base = 1000.0;
    const double rise = 10.0;
    const int steps = 96;
    const TimeSeries inflow = smooth_bump(base, rise, 6 * hour_s, 24 * hour_s, steps * hour_s);

    const double depth = normal_depth_m(wide_reach, base);
    const double b = wide_reach.bottom_width_m;
    // dQ/dA of Manning's formula for a rectangle: V (5/3 - (4/3) h / (b + 2 h)).
    const double c = base / (b * depth) * (5.0 / 3.0 - 4.0 / 3.0 * depth / (b + 2.0 * depth));
    const double diffusivity = base / (2.0 * b * wide_reach.bed_slope);
    const double x = wide_reach_length_m;
    auto kernel = [&](double s) {
        return x / std::sqrt(4.0 * std::numbers::pi * diffusivity * s * s * s) *
               std::exp(-(x - c * s) * (x - c * s) / (4.0 * diffusivity * s));
    };
    constexpr double ds = 30.0;
    std::vector<double> exact;
    for (int n = 1; n <= steps; ++n) {
        const double t = n * hour_s;
        double sum = 0.0;
        for (double s = ds; s <= t; s += ds) {
            const double weight = s + ds > t ? 0.5 : 1.0;  // the kernel is 0 at s = 0
            sum += weight * (inflow.value_at(t - s) - base) * kernel(s);
        }
        exact.push_back(base + sum * ds);
    }

    const ReachRouter router = ReachRouter::muskingum_cunge(wide_reach, x, hour_s, 500.0);
    Stopwatch clock;
    const RoutedRun run = route(router, inflow, hour_s, steps);
    double l1 = 0.0;
    double l1_exact = 0.0;
    for (int n = 0; n < steps; ++n) {
        l1 += std::abs(run.outflow_m3_s[n] - exact[n]);
        l1_exact += std::abs(exact[n] - base);
    }
    const Peak routed = peak_of(run.outflow_m3_s);
    const Peak analytic = peak_of(exact);
    const double peak_error = std::abs((routed.value - base) / (analytic.value - base) - 1.0);
    const double time_error_h = std::abs(routed.index - analytic.index);
    BOOST_TEST_MESSAGE(router.describe() << "; c = " << c << " m/s, D = " << diffusivity << " m2/s; routed in "
                                         << clock.seconds() << " s");
    BOOST_TEST_MESSAGE("small wave: peak rise " << routed.value - base << " vs exact " << analytic.value - base
                                                << " m3/s (relative error " << peak_error << "), peak at "
                                                << routed.index + 1 << " h vs " << analytic.index + 1
                                                << " h, L1 relative " << l1 / l1_exact);
    BOOST_TEST(peak_error <= wave_peak_rel_tol);
    BOOST_TEST(time_error_h <= wave_peak_time_tol_h);
    BOOST_TEST(l1 / l1_exact <= wave_l1_rel_tol);
}

BOOST_AUTO_TEST_CASE(mass_is_conserved_with_steps_and_zeros) {
    // 2000 hourly steps: near-vertical jumps inside steps, dry spells, a 20-minute
    // pulse that starts and ends inside one step (both point values 0, volume > 0),
    // and a start from zero flow.
    const TimeSeries inflow(
        {0.0, 10.3 * hour_s, 10.3 * hour_s + 1.0, 40.0 * hour_s, 40.0 * hour_s + 1.0, 300.5 * hour_s,
         300.5 * hour_s + 60.0, 302.2 * hour_s, 500.0 * hour_s, 500.0 * hour_s + 1.0, 800.1 * hour_s, 800.2 * hour_s,
         800.35 * hour_s, 1200.0 * hour_s, 1230.0 * hour_s, 1260.0 * hour_s, 1260.0 * hour_s + 1.0},
        {0.0, 0.0, 1800.0, 1800.0, 40.0, 40.0, 0.0, 0.0, 0.0, 250.0, 250.0, 0.0, 0.0, 0.0, 2500.0, 60.0, 0.0},
        "steps and zeros");
    const ChannelSection section{.bottom_width_m = 120.0, .side_slope = 2.0, .manning_n = 0.035, .bed_slope = 5e-4};
    for (const ReachRouter& router :
         {ReachRouter::muskingum_cunge(section, 60e3, hour_s, 20.0), ReachRouter::muskingum(7 * hour_s, 0.35, hour_s),
          ReachRouter::lag(2.7 * hour_s, hour_s)}) {
        Stopwatch clock;
        const RoutedRun run = route(router, inflow, hour_s, 2000);
        double in = 0.0;
        for (const double v : run.volume_in_m3) in += v;
        BOOST_TEST_MESSAGE(router.describe() << ": mass relative error " << run.mass_rel_error() << " over " << in
                                             << " m3; storage at the end " << run.storage_end_m3 << " m3, min storage "
                                             << run.min_storage_m3 << " m3, min outflow " << run.min_outflow_m3_s
                                             << " m3/s; " << clock.seconds() << " s");
        BOOST_TEST(run.mass_rel_error() <= mass_rel_tol);
        BOOST_TEST(run.min_storage_m3 >= 0.0);
        BOOST_TEST(run.min_outflow_m3_s >= 0.0);
        BOOST_TEST(*std::min_element(run.volume_out_m3.begin(), run.volume_out_m3.end()) >= 0.0);
    }
}

BOOST_AUTO_TEST_CASE(lag_shifts_a_hydrograph_exactly) {
    // Breakpoints on step ends, so the inflow is linear within each step and the
    // outflow point at t is exactly the inflow at t - lag.
    const TimeSeries inflow({0.0, 5 * hour_s, 9 * hour_s, 20 * hour_s, 21 * hour_s}, {50.0, 600.0, 420.0, 0.0, 30.0},
                            "lag test");
    const int steps = 30;
    for (const double lag_h : {2.5, 3.0, 0.4, 0.0}) {
        const ReachRouter router = ReachRouter::lag(lag_h * hour_s, hour_s);
        const RoutedRun run = route(router, inflow, hour_s, steps);
        const int k = static_cast<int>(std::floor(lag_h));
        const double f = lag_h - k;
        double worst_point = 0.0;
        double worst_volume = 0.0;
        auto volume_of_step = [&](int n) {  // step n covers [(n - 1) dt, n dt]; steady before t = 0
            return n >= 1 ? run.volume_in_m3[n - 1] : inflow.value_at(0.0) * hour_s;
        };
        for (int n = 1; n <= steps; ++n) {
            const double expected_point = inflow.value_at(n * hour_s - lag_h * hour_s);
            const double expected_volume = (1.0 - f) * volume_of_step(n - k) + f * volume_of_step(n - k - 1);
            worst_point = std::max(worst_point, std::abs(run.outflow_m3_s[n - 1] - expected_point) / 600.0);
            worst_volume =
                std::max(worst_volume, std::abs(run.volume_out_m3[n - 1] - expected_volume) / (600.0 * hour_s));
        }
        BOOST_TEST_MESSAGE(router.describe() << ": worst point " << worst_point << ", volume " << worst_volume
                                             << " (relative); mass " << run.mass_rel_error());
        BOOST_TEST(worst_point <= lag_rel_tol);
        BOOST_TEST(worst_volume <= lag_rel_tol);
        BOOST_TEST(run.mass_rel_error() <= mass_rel_tol);
    }
    ReachRouter router = ReachRouter::lag(2.5 * hour_s, hour_s);
    router.set_steady(80.0);
    BOOST_TEST(router.storage_m3() == 80.0 * 2.5 * hour_s);                              // the volume in transit
    BOOST_CHECK_THROW(router.step(80.0, 80.0 * 1800.0, 1800.0), std::invalid_argument);  // not the network step
}

BOOST_AUTO_TEST_CASE(halving_the_network_step_changes_little) {
    // A flood from 500 to 3000 m3/s (not small: the celerity doubles), 36 h long, over
    // the 100 km reach; low flow 400 m3/s sets the sub-reach length c(400) dt.
    const double base = 500.0;
    const double rise = 2500.0;
    const double end_s = 120 * hour_s;
    const TimeSeries inflow = smooth_bump(base, rise, 6 * hour_s, 36 * hour_s, end_s);
    std::vector<std::vector<double>> hourly;  // outflow at whole hours, per step size
    for (const double dt : {hour_s, 0.5 * hour_s, 0.25 * hour_s}) {
        const ReachRouter router = ReachRouter::muskingum_cunge(wide_reach, wide_reach_length_m, dt, 400.0);
        const int per_hour = static_cast<int>(std::lround(hour_s / dt));
        const RoutedRun run = route(router, inflow, dt, static_cast<int>(std::lround(end_s / dt)));
        std::vector<double> at_hours;
        for (std::size_t n = per_hour - 1; n < run.outflow_m3_s.size(); n += per_hour)
            at_hours.push_back(run.outflow_m3_s[n]);
        BOOST_TEST_MESSAGE("dt = " << dt << " s: " << router.describe() << ", peak " << peak_of(at_hours).value
                                   << " m3/s at " << peak_of(at_hours).index + 1 << " h, mass "
                                   << run.mass_rel_error());
        BOOST_TEST(run.mass_rel_error() <= mass_rel_tol);
        hourly.push_back(at_hours);
    }
    const double coarse = max_abs_diff(hourly[0], hourly[1]) / rise;
    const double fine = max_abs_diff(hourly[1], hourly[2]) / rise;
    BOOST_TEST_MESSAGE("halving the step: max |O(1 h) - O(0.5 h)| / rise = "
                       << coarse << ", |O(0.5 h) - O(0.25 h)| / rise = " << fine);
    BOOST_TEST(coarse <= halving_rel_tol);
    BOOST_TEST(fine < coarse);
}

BOOST_AUTO_TEST_CASE(copies_route_independently_and_identically) {
    // The network copies whole states for look-ahead forecasts: a copy taken mid-run
    // must continue exactly as the original, and stepping it must not touch the original.
    ReachRouter original = ReachRouter::muskingum_cunge(wide_reach, wide_reach_length_m, hour_s, 300.0);
    original.set_steady(600.0);
    for (int n = 1; n <= 10; ++n) original.step(600.0 + 50.0 * n, (600.0 + 50.0 * n - 25.0) * hour_s, hour_s);
    ReachRouter copy = original;
    const double storage = original.storage_m3();
    for (int n = 0; n < 5; ++n) copy.step(2000.0, 2000.0 * hour_s, hour_s);
    BOOST_TEST(original.storage_m3() == storage);
    ReachRouter second = original;
    for (int n = 0; n < 5; ++n) {
        const RouteStep a = original.step(900.0, 900.0 * hour_s, hour_s);
        const RouteStep b = second.step(900.0, 900.0 * hour_s, hour_s);
        BOOST_TEST(a.outflow_m3_s == b.outflow_m3_s);
        BOOST_TEST(a.volume_out_m3 == b.volume_out_m3);
    }
}

BOOST_AUTO_TEST_CASE(descriptions_travel_times_and_bad_input) {
    const ReachRouter mc = ReachRouter::muskingum_cunge(wide_reach, wide_reach_length_m, hour_s, 500.0);
    BOOST_TEST_MESSAGE(mc.describe());
    BOOST_TEST(mc.describe().starts_with("Muskingum-Cunge, "));
    BOOST_TEST(std::abs(mc.travel_time_s(1000.0) * kinematic_celerity_m_s(wide_reach, 1000.0) / wide_reach_length_m -
                        1.0) < 1e-12);
    BOOST_TEST(ReachRouter::muskingum(3 * hour_s, 0.2, hour_s).travel_time_s(10.0) == 3 * hour_s);
    BOOST_TEST(ReachRouter::muskingum(3 * hour_s, 0.2, hour_s).describe() ==
               "Muskingum, K = 3.0 h, X = 0.20, 2 sub-reaches");
    BOOST_TEST(ReachRouter::lag(2.5 * hour_s, hour_s).describe() == "lag of 2.5 h");
    BOOST_TEST(ReachRouter::lag(2.5 * hour_s, hour_s).travel_time_s(10.0) == 2.5 * hour_s);

    auto message = [](auto&& f) -> std::string {
        try {
            f();
        } catch (const std::invalid_argument& e) {
            return e.what();
        }
        return "(no exception)";
    };
    auto names = [](const std::string& msg, const std::string& field) {
        BOOST_TEST(msg.find(field) != std::string::npos, msg);
    };
    ChannelSection flat = wide_reach;
    flat.bed_slope = 0.0;
    names(message([&] { ReachRouter::muskingum_cunge(flat, 1e3, hour_s, 10.0); }), "bed_slope");
    names(message([&] { ReachRouter::muskingum_cunge(wide_reach, -1.0, hour_s, 10.0); }), "length_m");
    names(message([&] { ReachRouter::muskingum_cunge(wide_reach, 1e3, hour_s, 0.0); }), "low_flow_m3_s");
    names(message([&] { ReachRouter::muskingum_cunge(wide_reach, 1e6, 1.0, 1e-6); }), "low_flow_m3_s");
    names(message([] { ReachRouter::muskingum(3 * hour_s, 0.7, hour_s); }), "x");
    names(message([] { ReachRouter::muskingum(0.0, 0.2, hour_s); }), "k_s");
    names(message([] { ReachRouter::lag(-1.0, hour_s); }), "lag_s");
    ReachRouter router = ReachRouter::muskingum(3 * hour_s, 0.2, hour_s);
    names(message([&] { router.step(-1.0, 0.0, hour_s); }), "inflow_end_m3_s");
    names(message([&] { router.step(1.0, -5.0, hour_s); }), "volume_in_m3");
    names(message([&] { router.step(1.0, 1.0, 0.0); }), "dt_s");
}
