#pragma once
// Analytical hillshading of a terrain grid: the brightness of a matt surface lit by a
// distant sun, the usual way maps show relief. Light from the north-west (azimuth
// 315 degrees, 45 degrees up), the cartographic convention: with light from the
// south-east most readers see valleys as ridges (the relief-inversion illusion).
#include <span>
#include <vector>

namespace floodtwin::viz {

struct HillshadeOptions {
    double azimuth_deg = 315.0;   // where the light comes from, clockwise from north
    double altitude_deg = 45.0;   // above the horizon
    double z_factor = 1.0;        // vertical exaggeration of the slopes
};

// Brightness in [0, 1] for each cell of an nx by ny grid of ground levels indexed
// i + nx * j with j = 0 the southern row; slopes by Horn's (1981) 3x3 weighted
// differences, edges by repeating the edge cell. A flat cell gives sin(altitude).
// NaN ground gives NaN (no terrain there); NaN neighbours count as the centre cell.
// Throws std::invalid_argument if the sizes do not agree.
std::vector<double> hillshade(std::span<const double> ground_m, int nx, int ny, double dx_m, double dy_m,
                              const HillshadeOptions& options = {});

// A z factor that makes gentle terrain readable: slopes are scaled so the steeper tenth
// of the cells reach about 20 degrees, never less than true relief, at most tenfold
// (the usual cartographic practice for lowland relief shading).
double readable_z_factor(std::span<const double> ground_m, int nx, int ny, double dx_m, double dy_m);

// The grey level (0..255, equal R, G and B) a map draws for a brightness: a light
// grey scale, never black or white, so colours and text on top stay readable.
unsigned char hillshade_grey(double brightness);

}  // namespace floodtwin::viz
