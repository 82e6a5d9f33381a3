#pragma once
// Words broken into lines that fit a width, for text VTK draws in one piece (legend
// labels, a source line): VTK breaks lines only at '\n'. Widths are estimated from the
// type size, as the layout is decided before anything is measured. Pure: no VTK.
#include <cstddef>
#include <string>
#include <string_view>

namespace floodtwin::viz {

// About how many characters of Arial at `font_px` fit in `width_px` (at least one).
[[nodiscard]] std::size_t chars_fitting(int width_px, int font_px);
// `text` with the spaces where a line would pass `max_chars` turned into '\n'; a word
// longer than a line stands alone on its own. Counts bytes (UTF-8 runs a little short).
[[nodiscard]] std::string wrap_words(std::string_view text, std::size_t max_chars);
// How many lines `text` shows: one more than its '\n's.
[[nodiscard]] int line_count(std::string_view text);

}  // namespace floodtwin::viz
