#pragma once
// Rain given as grids (key rain.intensity): radar or forecast frames in time, or one
// pattern for the whole run, and which of them the solver rains with when.
//
// Frame k's intensity holds from its time until the next frame's time; the last frame
// holds to the end of the run, so a storm that stops needs a last frame of zeros. Before
// the first frame there is no rain. Holding each frame (rather than interpolating
// between frames) is how radar accumulations are meant, keeps the rain volume of a frame
// exactly intensity x duration, and lets the solver rain with one constant rate per step.
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "grids/raster.hpp"
#include "hydro/simulation.hpp"
#include "twin/case/case.hpp"

namespace floodtwin::twin {

class RainFrames {
public:
    RainFrames() = default;  // no frames: apply() leaves the simulation's rain alone

    // `times_s`: seconds since the case start, strictly increasing (-infinity allowed for
    // the first: a pattern in force from the start). `intensity_m_s`: one frame per time,
    // rates in m/s in solver order, finite and >= 0, all of one size. Throws
    // std::invalid_argument starting with `what` otherwise.
    RainFrames(std::vector<double> times_s, std::vector<std::vector<double>> intensity_m_s, const std::string& what);

    [[nodiscard]] bool empty() const { return m_times_s.empty(); }
    [[nodiscard]] std::size_t size() const { return m_times_s.size(); }
    [[nodiscard]] const std::vector<double>& times_s() const { return m_times_s; }
    // The largest intensity of any cell in any frame (m/s); 0 without frames.
    [[nodiscard]] double max_intensity_m_s() const;

    // The first frame time after `t_s`, or +infinity: the run driver ends a step there so
    // that the frame starts exactly on its time.
    [[nodiscard]] double next_change_s(double t_s) const;

    // Sets the simulation's rain to the frame in force from `t_s` on: the last frame
    // whose time is <= t_s, or no rain before the first. It depends on the time alone,
    // so a run restored from a checkpoint calls it once at the restored time.
    void apply(hydro::Simulation& sim, double t_s) const;

private:
    std::vector<double> m_times_s;
    std::vector<std::vector<double>> m_intensity_m_s;
    std::vector<unsigned char> m_dry;  // per frame: all zeros, so the solver may skip dry rows
};

// An ensemble member's rain (twin/case/member_draws.hpp): every frame times `factor`,
// displaced by whole cells (east, north); what moves in from beyond the grid is dry.
struct RainDraws {
    double factor = 1.0;
    long shift_east = 0, shift_north = 0;
};

// Reads rain.intensity from `path` (mm/h, any raster GDAL reads) for the prepared grid
// `dem`: every band must lie on it cell for cell and hold a value >= 0 in every cell.
//  - One band without a time: a pattern constant in time, in force for the whole run.
//  - Otherwise a series: each band's time from the NetCDF time coordinate (CF units,
//    see cf_time_since) or, in a GeoTIFF, from the band description, an ISO 8601
//    instant with a zone. Times must increase strictly from band to band. A series
//    that misses the run [0, duration_s) is refused as a mistake (a wrong date or zone):
//    several frames all before the start, of which only the last would rain, or every
//    frame after the end.
// Errors are std::invalid_argument (grids::RasterError for unreadable files) naming
// `key`, the file and the band. Cells outside the domain (`outside`, solver order, 1:
// outside; empty: none) get no rain, and may hold nodata.
[[nodiscard]] RainFrames read_rain_frames(const std::filesystem::path& path, const grids::Raster<double>& dem,
                                          const Instant& start, double duration_s, const std::string& key,
                                          const std::vector<unsigned char>& outside = {},
                                          const RainDraws& draws = {});

}  // namespace floodtwin::twin
