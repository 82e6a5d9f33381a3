#pragma once
// A cursor over short structured text (ISO 8601 instants, CF "units since" strings)
// read in fixed-width fields: shared by the parsers in twin/ and viz/, which both sit
// on grids/.
#include <cstddef>
#include <string_view>

namespace floodtwin::grids::text {

inline std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

struct Cursor {
    std::string_view s;
    std::size_t pos = 0;

    [[nodiscard]] bool done() const { return pos >= s.size(); }
    [[nodiscard]] char peek() const { return done() ? '\0' : s[pos]; }
    // Reads exactly n decimal digits into `out`; false (cursor moved) when fewer.
    bool digits(int n, int& out) {
        out = 0;
        for (int k = 0; k < n; ++k) {
            if (done() || s[pos] < '0' || s[pos] > '9') return false;
            out = 10 * out + (s[pos++] - '0');
        }
        return true;
    }
    bool accept(char c) {
        if (peek() != c) return false;
        ++pos;
        return true;
    }
};

}  // namespace floodtwin::grids::text
