#pragma once
// A piecewise-linear time series: hydrographs, stage records, rain intensities.
#include <string>
#include <vector>

namespace floodtwin::hydro {

// What a series is before its first point and after its last: its end values held
// (the default), or zero (an inflow that has stopped, no more rain).
enum class Outside { hold, zero };

class TimeSeries {
public:
    TimeSeries() = default;
    // A constant value for all time (constant() is true: it covers any span).
    explicit TimeSeries(double constant);
    // Times in seconds from the run start, strictly increasing; values in SI units.
    // `what` names the series in error messages (a file, a case key).
    TimeSeries(std::vector<double> times_s, std::vector<double> values, std::string what = "time series");

    // Linear interpolation; before the first and after the last point as outside() says
    // (held constant by default; 0 with Outside::zero, the end points themselves kept).
    [[nodiscard]] double value_at(double t_s) const;
    // Exact integral of the interpolant over [t0, t1]: volumes that match the
    // hydrograph to round-off, whatever the time step.
    [[nodiscard]] double integral(double t0_s, double t1_s) const;
    // Mean value over [t0, t1] (value_at(t0) when t1 == t0).
    [[nodiscard]] double mean(double t0_s, double t1_s) const;

    [[nodiscard]] bool empty() const { return m_times.empty(); }
    [[nodiscard]] const std::vector<double>& times() const { return m_times; }
    [[nodiscard]] const std::vector<double>& values() const { return m_values; }
    [[nodiscard]] double min_value() const;
    [[nodiscard]] double max_value() const;
    // Made by the constant constructor: the same value at every time.
    [[nodiscard]] bool constant() const { return m_constant; }
    [[nodiscard]] Outside outside() const { return m_outside; }
    void set_outside(Outside outside) { m_outside = outside; }

private:
    // Integral from times[0] to t, extended past the ends as outside() says.
    [[nodiscard]] double cumulative(double t_s) const;

    std::vector<double> m_times;
    std::vector<double> m_values;
    std::vector<double> m_cumulative;  // integral from times[0] to times[k]
    bool m_constant = false;
    Outside m_outside = Outside::hold;
};

}  // namespace floodtwin::hydro
