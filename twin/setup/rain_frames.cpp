#include "twin/setup/rain_frames.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <stdexcept>

#include "grids/text_fields.hpp"
#include "grids/raster_series.hpp"
#include "twin/setup/solver_grid.hpp"
#include "twin/case/time_text.hpp"

namespace floodtwin::twin {

namespace {

// When band `f` starts, in seconds since the case start; NaN when it carries no time.
double frame_time_s(const grids::RasterFrame& f, const Instant& start, const std::string& what) {
    if (f.time_value) {
        if (f.time_units.empty())
            throw std::invalid_argument(what + " has a time coordinate value but the file gives it no units; "
                                        "write e.g. units = \"seconds since 2020-08-18T00:00:00+08:00\"");
        if (!cf_calendar_is_gregorian(f.time_calendar))
            throw std::invalid_argument(what + ": the time coordinate uses calendar '" + f.time_calendar +
                                        "'; only the standard (Gregorian) calendar is read");
        return cf_time_since(*f.time_value, f.time_units, start, what);
    }
    if (!f.time_text.empty()) return parse_instant(f.time_text, what + " (its description)").epoch_s - start.epoch_s;
    return std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

namespace {

// `rate` (solver order, j = 0 south) moved by the draws' whole cells; dry where it came
// from beyond the grid. Nodata there (NaN) stays NaN and is refused as before.
std::vector<double> shifted(const std::vector<double>& rate, std::size_t nx, const RainDraws& d) {
    const long w = static_cast<long>(nx), h = static_cast<long>(rate.size() / nx);
    std::vector<double> out(rate.size(), 0.0);
    for (long j = 0; j < h; ++j)
        for (long i = 0; i < w; ++i) {
            const long si = i - d.shift_east, sj = j - d.shift_north;
            if (si >= 0 && si < w && sj >= 0 && sj < h)
                out[static_cast<std::size_t>(j * w + i)] = rate[static_cast<std::size_t>(sj * w + si)];
        }
    return out;
}

}  // namespace

RainFrames::RainFrames(std::vector<double> times_s, std::vector<std::vector<double>> intensity_m_s,
                       const std::string& what)
    : m_times_s(std::move(times_s)), m_intensity_m_s(std::move(intensity_m_s)) {
    if (m_times_s.size() != m_intensity_m_s.size())
        throw std::invalid_argument(what + ": " + std::to_string(m_times_s.size()) + " frame times for " +
                                    std::to_string(m_intensity_m_s.size()) + " frames");
    for (std::size_t k = 0; k < m_times_s.size(); ++k) {
        const double t = m_times_s[k];
        if (std::isnan(t) || t == std::numeric_limits<double>::infinity() || (k > 0 && !std::isfinite(t)))
            throw std::invalid_argument(what + ": frame " + std::to_string(k) + " has no valid time");
        if (k > 0 && !(t > m_times_s[k - 1]))
            throw std::invalid_argument(what + ": frame " + std::to_string(k) + " at t = " + grids::number_text(t) +
                                        " s is not after frame " + std::to_string(k - 1) +
                                        " at t = " + grids::number_text(m_times_s[k - 1]) + " s");
        const std::vector<double>& frame = m_intensity_m_s[k];
        if (frame.size() != m_intensity_m_s.front().size())
            throw std::invalid_argument(what + ": frame " + std::to_string(k) + " holds " +
                                        std::to_string(frame.size()) + " cells, frame 0 " +
                                        std::to_string(m_intensity_m_s.front().size()));
        for (std::size_t c = 0; c < frame.size(); ++c)
            if (!std::isfinite(frame[c]) || frame[c] < 0.0)
                throw std::invalid_argument(what + ": frame " + std::to_string(k) + " has intensity " +
                                            grids::number_text(frame[c]) + " m/s at cell " + std::to_string(c) +
                                            "; rain must be >= 0");
        m_dry.push_back(std::all_of(frame.begin(), frame.end(), [](double v) { return v == 0.0; }) ? 1 : 0);
    }
}

double RainFrames::next_change_s(double t_s) const {
    const auto next = std::upper_bound(m_times_s.begin(), m_times_s.end(), t_s);
    return next == m_times_s.end() ? std::numeric_limits<double>::infinity() : *next;
}

double RainFrames::max_intensity_m_s() const {
    double top = 0.0;
    for (const std::vector<double>& frame : m_intensity_m_s)
        for (const double v : frame) top = std::max(top, v);
    return top;
}

void RainFrames::apply(hydro::Simulation& sim, double t_s) const {
    if (empty()) return;
    const auto after = std::upper_bound(m_times_s.begin(), m_times_s.end(), t_s);
    const auto k = static_cast<std::size_t>(after - m_times_s.begin());
    // No rain before the first frame, and none for a frame of zeros: an empty intensity
    // lets the solver skip rows far from water, which a rate of zero would not.
    if (k == 0 || m_dry[k - 1])
        sim.set_rain(hydro::TimeSeries(), {});
    else
        sim.set_rain(hydro::TimeSeries(1.0), m_intensity_m_s[k - 1]);
}

RainFrames read_rain_frames(const std::filesystem::path& path, const grids::Raster<double>& dem, const Instant& start,
                            double duration_s, const std::string& key, const std::vector<unsigned char>& outside,
                            const RainDraws& draws) {
    const std::vector<grids::RasterFrame> bands = grids::read_raster_frames(path);
    std::vector<double> times_s;
    std::vector<std::vector<double>> intensity_m_s;
    for (const grids::RasterFrame& band : bands) {
        const std::string what = key + ": band " + std::to_string(band.band) + " of " + path.string();
        double t = frame_time_s(band, start, what);
        if (std::isnan(t)) {
            if (bands.size() > 1)
                throw std::invalid_argument(
                    what + " has no time. A series of rain grids needs one per band: in a GeoTIFF the band "
                           "description, an ISO 8601 instant with a zone (e.g. 2020-08-18T00:10:00+08:00); in a "
                           "NetCDF file a time coordinate with CF units");
            t = -std::numeric_limits<double>::infinity();  // one band, no time: a pattern for the whole run
        }
        if (!times_s.empty() && !(t > times_s.back()))
            throw std::invalid_argument(what + " starts at " + format_instant(start.epoch_s + t, start.utc_offset_min) +
                                        " (t = " + grids::number_text(t) + " s), not after band " +
                                        std::to_string(band.band - 1) +
                                        " at t = " + grids::number_text(times_s.back()) +
                                        " s: bands must be in time order, each later than the one before");
        check_on_grid(band.raster, dem, what);
        std::vector<double> rate =
            to_solver_order(band.raster, (key + " band " + std::to_string(band.band)).c_str(), outside);
        if (draws.shift_east != 0 || draws.shift_north != 0) rate = shifted(rate, dem.nx, draws);
        // No rain outside the domain, whatever the grid says there.
        for (std::size_t c = 0; c < outside.size(); ++c)
            if (outside[c]) rate[c] = 0.0;
        for (std::size_t c = 0; c < rate.size(); ++c) {
            if (!std::isfinite(rate[c]) || rate[c] < 0.0) {
                const std::size_t col = c % dem.nx, row = dem.ny - 1 - c / dem.nx;
                throw std::invalid_argument(what + " has intensity " + grids::number_text(rate[c]) +
                                            " mm/h at column " + std::to_string(col) + ", row " + std::to_string(row) +
                                            "; rain must be >= 0");
            }
            rate[c] = rate[c] / 3.6e6 * draws.factor;  // mm/h to m/s, as for the other rain and loss rasters
        }
        times_s.push_back(t);
        intensity_m_s.push_back(std::move(rate));
    }
    const auto instant = [&](double t) { return format_instant(start.epoch_s + t, start.utc_offset_min); };
    if (times_s.size() > 1 && times_s.back() < 0.0)
        throw std::invalid_argument(key + ": every band of " + path.string() +
                                    " falls before the case start (the last at " + instant(times_s.back()) +
                                    ", the start " + instant(0.0) +
                                    "), so only the last would rain, all run long; check the dates and zones");
    if (times_s.front() >= duration_s)
        throw std::invalid_argument(key + ": every band of " + path.string() +
                                    " falls after the end of the run (the first at " + instant(times_s.front()) +
                                    ", the end " + instant(duration_s) +
                                    "), so no rain would fall; check the dates and zones");
    return RainFrames(std::move(times_s), std::move(intensity_m_s), key + ": " + path.string());
}

}  // namespace floodtwin::twin
