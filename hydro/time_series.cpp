#include "hydro/time_series.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace floodtwin::hydro {

TimeSeries::TimeSeries(double constant) : m_times{0.0}, m_values{constant}, m_cumulative{0.0}, m_constant(true) {
    if (!std::isfinite(constant)) throw std::invalid_argument("time series: value is not finite");
}

TimeSeries::TimeSeries(std::vector<double> times_s, std::vector<double> values, std::string what)
    : m_times(std::move(times_s)), m_values(std::move(values)) {
    if (m_times.empty()) throw std::invalid_argument(what + ": no points");
    if (m_times.size() != m_values.size())
        throw std::invalid_argument(what + ": " + std::to_string(m_times.size()) + " times but " +
                                    std::to_string(m_values.size()) + " values");
    for (std::size_t k = 0; k < m_times.size(); ++k) {
        if (!std::isfinite(m_times[k]) || !std::isfinite(m_values[k]))
            throw std::invalid_argument(what + ": point " + std::to_string(k + 1) + " is not finite");
        if (k > 0 && !(m_times[k] > m_times[k - 1]))
            throw std::invalid_argument(what + ": times must increase strictly (point " + std::to_string(k + 1) +
                                        " at " + std::to_string(m_times[k]) + " s)");
    }
    m_cumulative.resize(m_times.size(), 0.0);
    for (std::size_t k = 1; k < m_times.size(); ++k)
        m_cumulative[k] = m_cumulative[k - 1] + 0.5 * (m_values[k] + m_values[k - 1]) * (m_times[k] - m_times[k - 1]);
}

double TimeSeries::value_at(double t) const {
    if (m_times.empty()) return 0.0;
    if (m_outside == Outside::zero && !m_constant && (t < m_times.front() || t > m_times.back())) return 0.0;
    if (t <= m_times.front()) return m_values.front();
    if (t >= m_times.back()) return m_values.back();
    const auto k = static_cast<std::size_t>(std::upper_bound(m_times.begin(), m_times.end(), t) - m_times.begin());
    const double w = (t - m_times[k - 1]) / (m_times[k] - m_times[k - 1]);
    return m_values[k - 1] + w * (m_values[k] - m_values[k - 1]);
}

double TimeSeries::cumulative(double t) const {
    if (m_times.empty()) return 0.0;
    if (m_outside == Outside::zero && !m_constant) {
        if (t <= m_times.front()) return 0.0;
        if (t >= m_times.back()) return m_cumulative.back();
    }
    if (t <= m_times.front()) return (t - m_times.front()) * m_values.front();
    if (t >= m_times.back()) return m_cumulative.back() + (t - m_times.back()) * m_values.back();
    const auto k = static_cast<std::size_t>(std::upper_bound(m_times.begin(), m_times.end(), t) - m_times.begin());
    const double v = value_at(t);
    return m_cumulative[k - 1] + 0.5 * (m_values[k - 1] + v) * (t - m_times[k - 1]);
}

double TimeSeries::integral(double t0, double t1) const { return cumulative(t1) - cumulative(t0); }

double TimeSeries::mean(double t0, double t1) const {
    if (!(t1 > t0)) return value_at(t0);
    return integral(t0, t1) / (t1 - t0);
}

double TimeSeries::min_value() const {
    if (m_values.empty()) return 0.0;
    const double lowest = *std::min_element(m_values.begin(), m_values.end());
    return m_outside == Outside::zero && !m_constant ? std::min(lowest, 0.0) : lowest;
}

double TimeSeries::max_value() const {
    if (m_values.empty()) return 0.0;
    const double highest = *std::max_element(m_values.begin(), m_values.end());
    return m_outside == Outside::zero && !m_constant ? std::max(highest, 0.0) : highest;
}

}  // namespace floodtwin::hydro
