#include "viz/hillshade.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>

namespace floodtwin::viz {

std::vector<double> hillshade(std::span<const double> ground_m, int nx, int ny, double dx_m, double dy_m,
                              const HillshadeOptions& options) {
    if (nx <= 0 || ny <= 0 || ground_m.size() != static_cast<std::size_t>(nx) * static_cast<std::size_t>(ny))
        throw std::invalid_argument("hillshade: " + std::to_string(ground_m.size()) + " values for a " +
                                    std::to_string(nx) + " x " + std::to_string(ny) + " grid");
    if (!(dx_m > 0.0) || !(dy_m > 0.0)) throw std::invalid_argument("hillshade: cell sizes must be positive");

    constexpr double deg = std::numbers::pi / 180.0;
    const double az = options.azimuth_deg * deg;
    const double alt = options.altitude_deg * deg;
    // Unit vector towards the light, x east, y north, z up.
    const double lx = std::cos(alt) * std::sin(az);
    const double ly = std::cos(alt) * std::cos(az);
    const double lz = std::sin(alt);

    std::vector<double> shade(ground_m.size());
    const auto at = [&](int i, int j, double centre) {
        i = std::clamp(i, 0, nx - 1);
        j = std::clamp(j, 0, ny - 1);
        const double z = ground_m[static_cast<std::size_t>(i) + static_cast<std::size_t>(nx) * j];
        return std::isnan(z) ? centre : z;
    };
    for (int j = 0; j < ny; ++j) {
        for (int i = 0; i < nx; ++i) {
            const std::size_t c = static_cast<std::size_t>(i) + static_cast<std::size_t>(nx) * j;
            const double z = ground_m[c];
            if (std::isnan(z)) {
                shade[c] = z;
                continue;
            }
            // Horn (1981): centre differences of the three rows (columns), weighted 1-2-1.
            const double dzdx = ((at(i + 1, j + 1, z) + 2.0 * at(i + 1, j, z) + at(i + 1, j - 1, z)) -
                                 (at(i - 1, j + 1, z) + 2.0 * at(i - 1, j, z) + at(i - 1, j - 1, z))) /
                                (8.0 * dx_m) * options.z_factor;
            const double dzdy = ((at(i + 1, j + 1, z) + 2.0 * at(i, j + 1, z) + at(i - 1, j + 1, z)) -
                                 (at(i + 1, j - 1, z) + 2.0 * at(i, j - 1, z) + at(i - 1, j - 1, z))) /
                                (8.0 * dy_m) * options.z_factor;
            // Lambert: brightness is the cosine between the surface normal and the light.
            const double norm = std::sqrt(dzdx * dzdx + dzdy * dzdy + 1.0);
            const double lambert = (-dzdx * lx - dzdy * ly + lz) / norm;
            shade[c] = std::max(0.0, lambert);
        }
    }
    return shade;
}

double readable_z_factor(std::span<const double> ground_m, int nx, int ny, double dx_m, double dy_m) {
    if (nx < 2 || ny < 2 || ground_m.size() != static_cast<std::size_t>(nx) * static_cast<std::size_t>(ny))
        return 1.0;
    std::vector<double> slopes;
    slopes.reserve(ground_m.size());
    for (int j = 0; j + 1 < ny; ++j)
        for (int i = 0; i + 1 < nx; ++i) {
            const std::size_t c = static_cast<std::size_t>(i) + static_cast<std::size_t>(nx) * j;
            const double z = ground_m[c], ze = ground_m[c + 1], zn = ground_m[c + static_cast<std::size_t>(nx)];
            if (std::isfinite(z) && std::isfinite(ze) && std::isfinite(zn))
                slopes.push_back(std::hypot((ze - z) / dx_m, (zn - z) / dy_m));
        }
    if (slopes.empty()) return 1.0;
    const auto p90 = slopes.begin() + static_cast<std::ptrdiff_t>(0.9 * (slopes.size() - 1));
    std::nth_element(slopes.begin(), p90, slopes.end());
    const double target = std::tan(20.0 * std::numbers::pi / 180.0);
    if (!(*p90 > 0.0)) return 1.0;
    return std::clamp(target / *p90, 1.0, 10.0);
}

unsigned char hillshade_grey(double brightness) {
    if (std::isnan(brightness)) brightness = 0.0;
    return static_cast<unsigned char>(std::lround(90.0 + 150.0 * std::clamp(brightness, 0.0, 1.0)));
}

}  // namespace floodtwin::viz
