#pragma once
// Small text helpers for the line-oriented files floodtwin reads and writes (CSV
// series, station lists, command-line lists): one definition for grids, twin and viz.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace floodtwin::grids {

// `text` without leading and trailing white space (blanks, tabs, CR, LF).
[[nodiscard]] std::string trim(std::string_view text);
// The fields of `text` between `separator`s, as written (not trimmed); "" gives one
// empty field, "a," two.
[[nodiscard]] std::vector<std::string> split(std::string_view text, char separator = ',');
// Each field trimmed.
[[nodiscard]] std::vector<std::string> split_trimmed(std::string_view text, char separator = ',');
// The whole (trimmed) field as a finite number; nothing for "", "1.5 m", "nan", "inf".
[[nodiscard]] std::optional<double> parse_number(std::string_view field);
// A number for a message: up to 12 significant digits, no trailing zeros ("0.035", "1e+06").
[[nodiscard]] std::string number_text(double value);
// The shortest text that reads back as exactly `value` ("0.1", "1e+06"): for numbers
// handed to other programs (gdalwarp arguments, NetCDF attributes).
[[nodiscard]] std::string exact_number_text(double value);
// `value` through a printf pattern with one number ("%.0f", "%.6g").
[[nodiscard]] std::string formatted(const char* printf_pattern, double value);
// `text` as one CSV field (RFC 4180): unchanged, unless it holds a comma, a double quote,
// a CR or an LF; then enclosed in double quotes, each double quote inside doubled
// (`a,"b"` becomes `"a,""b"""`). Names with commas, quotes or new lines keep the columns.
[[nodiscard]] std::string csv_field(std::string_view text);

}  // namespace floodtwin::grids
