#include "twin/terrain/fine_relief.hpp"

#include <cmath>

namespace floodtwin::twin {

namespace {

// splitmix64 (Steele, Lea and Flood 2014): a well-mixed hash of the lattice point.
std::uint64_t mix(std::uint64_t v) {
    v += 0x9e3779b97f4a7c15ULL;
    v = (v ^ (v >> 30)) * 0xbf58476d1ce4e5b9ULL;
    v = (v ^ (v >> 27)) * 0x94d049bb133111ebULL;
    return v ^ (v >> 31);
}

double lattice(std::int64_t i, std::int64_t j, std::uint64_t seed) {
    const std::uint64_t h =
        mix(seed ^ mix(static_cast<std::uint64_t>(i) * 0x100000001b3ULL ^ static_cast<std::uint64_t>(j)));
    return static_cast<double>(h >> 11) / static_cast<double>(1ULL << 53) * 2.0 - 1.0;
}

}  // namespace

double fine_relief(double x, double y, std::uint64_t seed) {
    constexpr double spacing = 400.0;
    const double u = x / spacing, v = y / spacing;
    const auto i = static_cast<std::int64_t>(std::floor(u)), j = static_cast<std::int64_t>(std::floor(v));
    const double fu = u - static_cast<double>(i), fv = v - static_cast<double>(j);
    const double a = lattice(i, j, seed), b = lattice(i + 1, j, seed), c = lattice(i, j + 1, seed),
                 d = lattice(i + 1, j + 1, seed);
    return kFineReliefAmplitude_m * ((1 - fu) * (1 - fv) * a + fu * (1 - fv) * b + (1 - fu) * fv * c + fu * fv * d);
}

}  // namespace floodtwin::twin
