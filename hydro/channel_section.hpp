#pragma once
// A prismatic trapezoidal channel section with Manning friction: the geometry and
// the uniform-flow relations the 1D routing and backwater kernels are built on.
#include <string>

namespace floodtwin::hydro {

// Gravity of the 1D kernels; the same value as SolverConfig::gravity_m_s2's default.
inline constexpr double channel_gravity_m_s2 = 9.81;

struct ChannelSection {
    double bottom_width_m = 0;
    double side_slope = 0;  // horizontal run per unit rise of each bank; 0 = rectangular
    double manning_n = 0.035;
    double bed_slope = 0;
};

// Throws std::invalid_argument unless bottom_width_m > 0, side_slope >= 0,
// manning_n > 0 and bed_slope > 0 (all finite). The message starts with `what`
// and names the field: "channel section: manning_n must be > 0, got -0.1".
void validate(const ChannelSection& section, const std::string& what);

// Geometry at a flow depth; a negative depth counts as 0 (dry).
[[nodiscard]] double section_area_m2(const ChannelSection& section, double depth_m);
[[nodiscard]] double section_top_width_m(const ChannelSection& section, double depth_m);
[[nodiscard]] double section_wetted_perimeter_m(const ChannelSection& section, double depth_m);
// Manning conveyance A R^(2/3) / n (m3/s): discharge = conveyance * sqrt(friction slope).
[[nodiscard]] double section_conveyance_m3_s(const ChannelSection& section, double depth_m);

// Uniform flow at bed_slope.
[[nodiscard]] double manning_discharge_m3_s(const ChannelSection& section, double depth_m);
// Inverse of manning_discharge_m3_s to ~1e-13 relative (Newton kept inside a bracket);
// 0 for discharge <= 0. Validates the section.
[[nodiscard]] double normal_depth_m(const ChannelSection& section, double discharge_m3_s);

// Kinematic wave celerity dQ/dA of uniform flow at a depth, from the analytic
// derivative of Manning's formula: c = V (5/3 - (2/3) A P' / (T P)), P' = dP/dh.
// A depth <= 0 is taken as the film of kinematic_film_depth_m.
[[nodiscard]] double kinematic_celerity_at_depth_m_s(const ChannelSection& section, double depth_m);
// The same at the normal depth of a discharge. The celerity tends to 0 with the flow,
// so for discharge <= 0 this returns the value at kinematic_film_depth_m instead: a
// small positive number that keeps travel times (L / c) finite.
[[nodiscard]] double kinematic_celerity_m_s(const ChannelSection& section, double discharge_m3_s);
inline constexpr double kinematic_film_depth_m = 1e-6;

// Depth at which Q^2 T / (g A^3) = 1, to ~1e-13 relative; 0 for discharge <= 0.
// Uses the geometry only (bed_slope and manning_n are not read or checked).
[[nodiscard]] double critical_depth_m(const ChannelSection& section, double discharge_m3_s);

}  // namespace floodtwin::hydro
