#pragma once
// Random numbers that depend only on where they are drawn: (seed, member, stream, index)
// hashed, never a generator's state carried from one draw to the next. Member k's
// inputs are then the same whichever rank draws them, in whichever order, and however
// many members the ensemble has. The mixer is SplitMix64's finaliser (Steele, Lea and
// Flood 2014, "Fast splittable pseudorandom number generators", OOPSLA), which passes
// BigCrush as a counter-based generator.
#include <cmath>
#include <cstdint>
#include <numbers>
#include <string_view>

namespace floodtwin::twin {

[[nodiscard]] constexpr std::uint64_t mix64(std::uint64_t z) {
    z += 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

// A stream's number from its name (FNV-1a): an inflow keeps its draws when others are
// added to the case or listed in another order.
[[nodiscard]] constexpr std::uint64_t stream_of(std::string_view name) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (const char ch : name) h = (h ^ static_cast<unsigned char>(ch)) * 0x100000001b3ULL;
    return h;
}

class MemberRandom {
public:
    MemberRandom(std::uint64_t seed, std::uint64_t member) : m_key(mix64(mix64(seed) ^ mix64(member + 1))) {}

    // Uniform in (0, 1), never 0 or 1: 53 random bits, offset by half a step.
    [[nodiscard]] double uniform(std::uint64_t stream, std::uint64_t index) const {
        const std::uint64_t bits = mix64(m_key ^ mix64(stream) ^ mix64(index * 2 + 0x51ed27));
        return (static_cast<double>(bits >> 11) + 0.5) * 0x1.0p-53;
    }
    // Standard normal (Box and Muller 1958), from two uniforms of the same index.
    [[nodiscard]] double normal(std::uint64_t stream, std::uint64_t index) const {
        const double u1 = uniform(stream, 2 * index), u2 = uniform(stream ^ 0x6a09e667f3bcc909ULL, 2 * index + 1);
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
    }

private:
    std::uint64_t m_key;
};

}  // namespace floodtwin::twin
