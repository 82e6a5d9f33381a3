#include "viz/text_wrap.hpp"

#include <algorithm>

namespace floodtwin::viz {

std::size_t chars_fitting(int width_px, int font_px) {
    // Arial's average advance is a little over half the type size.
    const double advance = 0.52 * std::max(1, font_px);
    return static_cast<std::size_t>(std::max(1.0, width_px / advance));
}

std::string wrap_words(std::string_view text, std::size_t max_chars) {
    std::string out;
    std::size_t line = 0;  // characters on the current line
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t space = text.find(' ', start);
        const std::string_view word = text.substr(start, space == std::string_view::npos ? space : space - start);
        if (!word.empty()) {
            if (line > 0 && line + 1 + word.size() > max_chars) {
                out += '\n';
                line = 0;
            } else if (line > 0) {
                out += ' ';
                ++line;
            }
            out += word;
            line += word.size();
        }
        if (space == std::string_view::npos) break;
        start = space + 1;
    }
    return out;
}

int line_count(std::string_view text) { return 1 + static_cast<int>(std::count(text.begin(), text.end(), '\n')); }

}  // namespace floodtwin::viz
