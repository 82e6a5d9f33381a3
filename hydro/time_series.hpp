#pragma once
// A piecewise-linear time series: hydrographs, stage records, rain intensities.
#include <string>
#include <vector>

namespace floodtwin::hydro {

class TimeSeries {
public:
    TimeSeries() = default;
    // A constant value for all time.
    explicit TimeSeries(double constant);
    // Times in seconds from the run start, strictly increasing; values in SI units.
    // `what` names the series in error messages (a file, a case key).
    TimeSeries(std::vector<double> times_s, std::vector<double> values, std::string what = "time series");

    // Linear interpolation; held constant before the first and after the last point.
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

private:
    // Integral from -infinity-clamped start (t = times[0]) to t, extended with the end values.
    [[nodiscard]] double cumulative(double t_s) const;

    std::vector<double> m_times;
    std::vector<double> m_values;
    std::vector<double> m_cumulative;  // integral from times[0] to times[k]
};

}  // namespace floodtwin::hydro
