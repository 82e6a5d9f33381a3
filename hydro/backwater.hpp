#pragma once
// Steady gradually varied flow in a river of trapezoidal sections: the standard step
// method marching upstream from a downstream water level (Chow 1959, ch. 10; HEC-RAS
// Hydraulic Reference Manual, ch. 2), and a table of the stage at one chainage against
// the downstream pool level and the discharge built from it.
#include <cstddef>
#include <span>
#include <vector>

namespace floodtwin::hydro {

struct BackwaterSection {
    double chainage_m = 0;  // distance upstream of the downstream end, increasing
    double bed_level_m = 0;
    double bottom_width_m = 0;
    double side_slope = 0;  // horizontal run per unit rise of each bank
    double manning_n = 0.03;
};

struct BackwaterProfile {
    // One entry per computed section: the given ones and those interpolated between
    // them, from downstream (chainage 0 end) upstream.
    std::vector<double> chainage_m, water_level_m, depth_m, velocity_m_s;
    std::vector<bool> critical;  // true where no subcritical solution existed and critical depth was taken
};

// How the friction loss between two sections is averaged.
enum class FrictionSlopeAverage {
    conveyance,     // Sf = (2 Q / (K1 + K2))^2, HEC-RAS's default
    friction_slope  // Sf = (Sf1 + Sf2) / 2
};

struct BackwaterOptions {
    double max_step_m = 500.0;             // sections are interpolated so no step is longer
    double expansion_coefficient = 0.3;    // loss C |dv^2/2g| where the flow slows downstream
    double contraction_coefficient = 0.1;  // ... and where it speeds up
    FrictionSlopeAverage friction = FrictionSlopeAverage::conveyance;
};

// Water levels from the downstream section upstream for a steady discharge. Between
// consecutive sections the geometry (bed level, width, side slope, n) is interpolated
// linearly so that no step is longer than max_step_m. Each step solves the energy
// equation
//   WL_u + V_u^2/2g = WL_d + V_d^2/2g + L Sf + C |V_u^2/2g - V_d^2/2g|
// for the subcritical upstream level to ~1e-10 m; where none exists the upstream
// section takes its critical depth and is flagged critical. If downstream_level_m is
// below critical depth at the first section, the march starts at critical depth,
// flagged. With zero discharge the level is the pool level, or the bed where the bed
// is higher (and the levels upstream of such a sill are at least its crest).
// Throws std::invalid_argument naming the section index for chainages that do not
// increase, widths <= 0, side slopes < 0 or n <= 0, and for a negative discharge.
[[nodiscard]] BackwaterProfile standard_step(std::span<const BackwaterSection> sections, double discharge_m3_s,
                                             double downstream_level_m, double max_step_m = 500.0);
[[nodiscard]] BackwaterProfile standard_step(std::span<const BackwaterSection> sections, double discharge_m3_s,
                                             double downstream_level_m, const BackwaterOptions& options);

// Water level at a chainage, linear between the profile's sections (held at the ends).
[[nodiscard]] double water_level_at_m(const BackwaterProfile& profile, double chainage_m);

// Stage at one chainage (the 2D model's downstream edge) as a function of the pool
// level at the downstream end (a dam) and the discharge, from standard_step over a grid.
class BackwaterTable {
public:
    // pool_levels_m and discharges_m3_s strictly increasing (discharges >= 0), each with
    // at least one value; output_chainage_m within the sections' chainages.
    BackwaterTable(std::span<const BackwaterSection> sections, double output_chainage_m,
                   std::vector<double> pool_levels_m, std::vector<double> discharges_m3_s, double max_step_m = 500.0);

    // Bilinear in (pool level, discharge) between the grid values. Outside the grid the
    // arguments are clamped to it: below the lowest pool level or discharge the table
    // gives the stage at the lowest, above the highest the stage at the highest. An
    // axis with one value is constant along that axis.
    [[nodiscard]] double stage_m(double pool_level_m, double discharge_m3_s) const;

    [[nodiscard]] const std::vector<double>& pool_levels_m() const { return m_pool_levels_m; }
    [[nodiscard]] const std::vector<double>& discharges_m3_s() const { return m_discharges_m3_s; }
    [[nodiscard]] double at(std::size_t pool_index, std::size_t discharge_index) const;  // the grid value

private:
    std::vector<double> m_pool_levels_m;
    std::vector<double> m_discharges_m3_s;
    std::vector<double> m_stage_m;  // [pool_index * discharges + discharge_index]
};

}  // namespace floodtwin::hydro
