#include "twin/case/series_file.hpp"

#include <charconv>
#include <cmath>
#include <fstream>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "grids/text_fields.hpp"
#include "twin/case/time_text.hpp"

namespace floodtwin::twin {

namespace {

using grids::number_text;

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
    return s;
}

// The whole text as a number, or false ("nan" and "inf" are numbers here: the caller
// rejects them with a clearer message than "not a number").
bool whole_number(std::string_view text, double& out) {
    if (text.empty()) return false;
    if (text.front() == '+') text.remove_prefix(1);
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size();
}

std::vector<std::string_view> split(std::string_view line) {
    std::vector<std::string_view> out;
    while (true) {
        const auto comma = line.find(',');
        out.push_back(trim(line.substr(0, comma)));
        if (comma == std::string_view::npos) break;
        line.remove_prefix(comma + 1);
    }
    return out;
}

// A data row's first field rather than a column name.
bool looks_like_time(std::string_view field) {
    double ignored = 0.0;
    if (whole_number(field, ignored)) return true;
    try {
        (void)parse_instant(field, "");
        return true;
    } catch (const std::invalid_argument&) {
        return false;
    }
}

}  // namespace

hydro::TimeSeries read_series_csv(const std::filesystem::path& file, const Instant& start, double scale,
                                  const std::string& what, double min_value, double max_value) {
    std::ifstream in(file);
    if (!in) throw std::invalid_argument(what + ": cannot read " + file.string());
    std::vector<double> times, values;
    std::string raw;
    std::size_t line_no = 0, previous_line = 0;
    bool header_seen = false;
    while (std::getline(in, raw)) {
        ++line_no;
        const std::string_view line = trim(raw);
        if (line.empty() || line.front() == '#') continue;
        const std::string where = what + ": " + file.string() + " line " + std::to_string(line_no);
        const auto fields = split(line);
        if (!header_seen) {
            if (looks_like_time(fields[0]))
                throw std::invalid_argument(where + ": expected a header line such as 'time,value' before the data");
            if (fields.size() != 2)
                throw std::invalid_argument(where + ": expected a header of 2 columns (time,value), got " +
                                            std::to_string(fields.size()));
            header_seen = true;
            continue;
        }
        if (fields.size() != 2)
            throw std::invalid_argument(where + ": expected 2 columns (time,value), got " +
                                        std::to_string(fields.size()));
        double t = 0.0;
        if (!whole_number(fields[0], t)) t = parse_instant(fields[0], where).epoch_s - start.epoch_s;
        if (!std::isfinite(t))
            throw std::invalid_argument(where + ": time '" + std::string(fields[0]) + "' is not finite");
        double v = 0.0;
        if (!whole_number(fields[1], v))
            throw std::invalid_argument(where + ": value '" + std::string(fields[1]) + "' is not a number");
        if (!std::isfinite(v))
            throw std::invalid_argument(where + ": value '" + std::string(fields[1]) + "' is not finite");
        if (v < min_value)
            throw std::invalid_argument(where + ": value " + number_text(v) + " is below the minimum, " +
                                        number_text(min_value));
        if (v > max_value)
            throw std::invalid_argument(where + ": value " + number_text(v) + " is above the maximum, " +
                                        number_text(max_value));
        if (!times.empty() && !(t > times.back()))
            throw std::invalid_argument(where + ": time " + number_text(t) + " s is not after " +
                                        number_text(times.back()) + " s on line " + std::to_string(previous_line) +
                                        ": times must increase");
        times.push_back(t);
        values.push_back(v * scale);
        previous_line = line_no;
    }
    if (in.bad()) throw std::invalid_argument(what + ": error reading " + file.string());
    if (times.empty()) throw std::invalid_argument(what + ": " + file.string() + " has no data rows");
    return hydro::TimeSeries(std::move(times), std::move(values), what + ": " + file.string());
}

}  // namespace floodtwin::twin
