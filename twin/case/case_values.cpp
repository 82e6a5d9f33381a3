#include "twin/case/case_values.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "grids/text_fields.hpp"
#include "twin/case/series_file.hpp"
#include "twin/case/time_text.hpp"

namespace floodtwin::twin {

namespace fs = std::filesystem;
using T = CaseValueType;
using grids::number_text;
using grids::trim;

namespace {

bool is_grid_path(const fs::path& p) {
    std::string ext = p.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    return ext == ".tif" || ext == ".tiff" || ext == ".nc";
}

std::string expected(const CaseKey& k) { return "expected " + case_key_type_text(k, TypeNaming::message); }

// "key[i]": an element of a list, for messages.
std::string element_key(const std::string& key, std::size_t i) { return key + "[" + std::to_string(i) + "]"; }

}  // namespace

CaseValue ValueConverter::convert(const CaseKey& k, const std::string& key, const toml::node& n) const {
    switch (k.type) {
        case T::text: {
            if (!n.is_string()) wrong_type(k, key, n);
            std::string s = n.value<std::string>().value_or("");
            if (trim(s).empty()) m_errors.fail_at(key, &n, "must not be empty");
            return s;
        }
        case T::choice: {
            if (!n.is_string()) wrong_type(k, key, n);
            const std::string s = n.value<std::string>().value_or("");
            const auto choices = case_key_choices(k);
            if (std::find(choices.begin(), choices.end(), s) == choices.end())
                m_errors.fail_at(key, &n, "unknown " + std::string(k.name) + " '" + s + "'; " + expected(k));
            return s;
        }
        case T::number:
            if (!n.is_number()) wrong_type(k, key, n);
            return number(k, key, n) * k.to_si;
        case T::boolean:
            if (!n.is_boolean()) wrong_type(k, key, n);
            return n.value<bool>().value_or(false);
        case T::instant: return instant(key, n);
        case T::duration: return duration(k, key, n);
        case T::path:
            if (!n.is_string()) wrong_type(k, key, n);
            return existing_path(key, n);
        case T::number_or_raster:
            if (n.is_number()) return number(k, key, n) * k.to_si;
            if (n.is_string()) return existing_path(key, n);
            wrong_type(k, key, n);
        case T::series: return series(k, key, n);
        case T::series_or_grid:
            if (n.is_string() && is_grid_path(fs::path(n.value<std::string>().value_or(""))))
                return existing_path(key, n);
            return series(k, key, n);
        case T::bbox: return bbox(k, key, n);
        case T::line: return line(k, key, n);
        case T::table: return table(k, key, n);
        case T::text_list: return text_list(k, key, n);
        case T::numbers: return numbers(k, key, n);
        case T::date_levels: return date_levels(k, key, n);
    }
    wrong_type(k, key, n);
}

void ValueConverter::wrong_type(const CaseKey& k, const std::string& key, const toml::node& n) const {
    m_errors.fail_at(key, &n, expected(k) + ", got " + toml_type_name(n));
}

// A finite number within the key's range, in the file's units.
double ValueConverter::number(const CaseKey& k, const std::string& key, const toml::node& n) const {
    const double v = n.value<double>().value_or(0.0);
    if (!std::isfinite(v)) m_errors.fail_at(key, &n, "expected a finite number, got " + number_text(v));
    if (!k.range.contains(v)) m_errors.fail_at(key, &n, "must be " + k.range.text() + ", got " + number_text(v));
    return v;
}

fs::path ValueConverter::existing_path(const std::string& key, const toml::node& n) const {
    const std::string text = n.value<std::string>().value_or("");
    if (text.empty()) m_errors.fail_at(key, &n, "expected a file path, got an empty string");
    fs::path p(text);
    if (p.is_relative()) p = (m_dir / p).lexically_normal();
    std::error_code ec;
    if (!fs::exists(p, ec)) m_errors.fail_at(key, &n, "file not found: " + p.string());
    return p;
}

// A quoted ISO 8601 date-time, or a bare TOML one; either with a zone.
Instant ValueConverter::instant(const std::string& key, const toml::node& n) const {
    try {
        if (const auto s = n.value<std::string>()) return parse_instant(*s, key);
        if (const auto* dt = n.as_date_time()) {
            const toml::date_time& v = dt->get();
            if (!v.offset) {
                std::ostringstream o;
                o << v;
                m_errors.fail_at(key, &n, o.str() + " has no zone: add Z (UTC) or the offset, e.g. +08:00 for China");
            }
            return make_instant(v.date.year, v.date.month, v.date.day, v.time.hour, v.time.minute,
                                v.time.second + 1e-9 * v.time.nanosecond, v.offset->minutes, key);
        }
    } catch (const std::invalid_argument& err) {
        m_errors.fail_with(key, &n, err.what());
    }
    m_errors.fail_at(
        key, &n, "expected a date-time with a zone, such as \"2020-08-18T00:00:00+08:00\", got " + toml_type_name(n));
}

double ValueConverter::duration(const CaseKey& k, const std::string& key, const toml::node& n) const {
    double s = 0.0;
    try {
        if (n.is_number())
            s = parse_duration(n.value<double>().value_or(0.0), key);
        else if (n.is_string())
            s = parse_duration(n.value<std::string>().value_or(""), key);
        else
            wrong_type(k, key, n);
    } catch (const std::invalid_argument& err) {
        m_errors.fail_with(key, &n, err.what());
    }
    if (!k.range.contains(s))
        m_errors.fail_at(key, &n,
                         "must be " + k.range.text() + " s" +
                             (k.range_note.empty() ? "" : " (" + std::string(k.range_note) + ")") + ", got " +
                             number_text(s) + " s");
    return s;
}

// Seconds from case.start: a number of seconds, or a date-time.
double ValueConverter::series_time(const std::string& key, const toml::node& n) const {
    if (n.is_number()) {
        const double t = n.value<double>().value_or(0.0);
        if (!std::isfinite(t)) m_errors.fail_at(key, &n, "time is not finite");
        return t;
    }
    if (n.is_string() || n.is_date_time()) return instant(key, n).epoch_s - m_start.epoch_s;
    m_errors.fail_at(key, &n, "expected a time (seconds from case.start, or a date-time), got " + toml_type_name(n));
}

// A number (constant), a CSV path, or inline points [[t, value], ...].
hydro::TimeSeries ValueConverter::series(const CaseKey& k, const std::string& key, const toml::node& n) const {
    if (n.is_number()) return hydro::TimeSeries(number(k, key, n) * k.to_si);
    if (n.is_string()) return series_csv(k, key, n);
    const toml::array* points = n.as_array();
    if (!points) wrong_type(k, key, n);
    if (points->empty()) m_errors.fail_at(key, &n, "a series needs at least one point [t, value]");
    return series_points(k, key, *points);
}

hydro::TimeSeries ValueConverter::series_csv(const CaseKey& k, const std::string& key, const toml::node& n) const {
    const fs::path p = existing_path(key, n);
    try {
        // The CSV reader takes a closed range: an open end becomes the nearest number inside.
        const double lo = k.range.lo_open ? std::nextafter(k.range.lo, HUGE_VAL) : k.range.lo;
        const double hi = k.range.hi_open ? std::nextafter(k.range.hi, -HUGE_VAL) : k.range.hi;
        return read_series_csv(p, m_start, k.to_si, key, lo, hi);
    } catch (const std::invalid_argument& err) {
        m_errors.fail_with(key, &n, err.what());
    }
}

hydro::TimeSeries ValueConverter::series_points(const CaseKey& k, const std::string& key,
                                                const toml::array& points) const {
    std::vector<double> times, values;
    for (std::size_t i = 0; i < points.size(); ++i) {
        const toml::node& p = points[i];
        const std::string pk = element_key(key, i);
        const toml::array* tv = p.as_array();
        if (!tv || tv->size() != 2) m_errors.fail_at(pk, &p, "expected a point [t, value], got " + toml_type_name(p));
        const double t = series_time(pk, *tv->get(0));
        const toml::node& vn = *tv->get(1);
        if (!vn.is_number()) m_errors.fail_at(pk, &vn, "expected a number as the value, got " + toml_type_name(vn));
        const double v = number(k, pk, vn);
        if (!times.empty() && !(t > times.back()))
            m_errors.fail_at(pk, &p,
                             "time " + number_text(t) + " s is not after the previous point's " +
                                 number_text(times.back()) + " s: times must increase");
        times.push_back(t);
        values.push_back(v * k.to_si);
    }
    return hydro::TimeSeries(std::move(times), std::move(values), key);
}

// One number of a bbox or a line.
double ValueConverter::coordinate(const CaseKey& k, const std::string& key, const toml::node& n) const {
    if (!n.is_number()) m_errors.fail_at(key, &n, expected(k) + ", with a number where there is " + toml_type_name(n));
    return number(k, key, n);
}

std::array<double, 4> ValueConverter::bbox(const CaseKey& k, const std::string& key, const toml::node& n) const {
    const toml::array* a = n.as_array();
    if (!a || a->size() != 4) wrong_type(k, key, n);
    std::array<double, 4> out{};
    for (std::size_t i = 0; i < 4; ++i) out[i] = coordinate(k, key, *a->get(i));
    if (!(out[0] < out[2] && out[1] < out[3]))
        m_errors.fail_at(key, &n,
                         "expected xmin < xmax and ymin < ymax, got [" + number_text(out[0]) + ", " +
                             number_text(out[1]) + ", " + number_text(out[2]) + ", " + number_text(out[3]) + "]");
    return out;
}

std::array<double, 4> ValueConverter::line(const CaseKey& k, const std::string& key, const toml::node& n) const {
    const toml::array* a = n.as_array();
    if (!a || a->size() != 2) wrong_type(k, key, n);
    std::array<double, 4> out{};
    for (std::size_t p = 0; p < 2; ++p) {
        const toml::array* xy = a->get(p)->as_array();
        if (!xy || xy->size() != 2)
            m_errors.fail_at(key, a->get(p), "expected a point [x, y], got " + toml_type_name(*a->get(p)));
        out[2 * p] = coordinate(k, key, *xy->get(0));
        out[2 * p + 1] = coordinate(k, key, *xy->get(1));
    }
    if (out[0] == out[2] && out[1] == out[3]) m_errors.fail_at(key, &n, "the line's two end points are the same");
    return out;
}

NumberTable ValueConverter::table(const CaseKey& k, const std::string& key, const toml::node& n) const {
    const toml::array* rows = n.as_array();
    if (!rows || rows->empty()) wrong_type(k, key, n);
    NumberTable out;
    for (std::size_t i = 0; i < rows->size(); ++i) {
        const std::string rk = element_key(key, i);
        const toml::array* row = rows->get(i)->as_array();
        // columns 0: a square matrix, as many numbers in each row as there are rows
        const std::size_t columns = k.columns ? k.columns : rows->size();
        if (!row || row->size() != columns)
            m_errors.fail_at(rk, rows->get(i),
                             "expected a row of " + std::to_string(columns) + " numbers " + std::string(k.units));
        std::vector<double> values;
        for (const toml::node& v : *row) {
            if (!v.is_number()) m_errors.fail_at(rk, &v, "expected a number, got " + toml_type_name(v));
            values.push_back(number(k, rk, v) * k.to_si);
        }
        out.push_back(std::move(values));
    }
    return out;
}

TextList ValueConverter::text_list(const CaseKey& k, const std::string& key, const toml::node& n) const {
    const toml::array* a = n.as_array();
    if (!a) wrong_type(k, key, n);
    TextList out;
    for (const toml::node& v : *a) {
        const auto s = v.value<std::string>();
        if (!s || trim(*s).empty()) m_errors.fail_at(key, &v, "expected a non-empty string, got " + toml_type_name(v));
        out.push_back(*s);
    }
    return out;
}

NumberList ValueConverter::numbers(const CaseKey& k, const std::string& key, const toml::node& n) const {
    const toml::array* a = n.as_array();
    if (!a || a->empty()) wrong_type(k, key, n);
    NumberList out;
    for (const toml::node& v : *a) {
        if (!v.is_number()) m_errors.fail_at(key, &v, "expected a number, got " + toml_type_name(v));
        out.push_back(number(k, key, v) * k.to_si);
    }
    return out;
}

// A number: that level from 1 January on. Or [["MM-DD", level], ...] with dates increasing.
DateLevels ValueConverter::date_levels(const CaseKey& k, const std::string& key, const toml::node& n) const {
    if (n.is_number()) return {DateLevel{1, 1, number(k, key, n) * k.to_si}};
    const toml::array* a = n.as_array();
    if (!a || a->empty()) wrong_type(k, key, n);
    DateLevels out;
    for (std::size_t i = 0; i < a->size(); ++i) out.push_back(date_level(k, element_key(key, i), *a->get(i), out));
    return out;
}

// One ["MM-DD", level], after the dates `before`.
DateLevel ValueConverter::date_level(const CaseKey& k, const std::string& key, const toml::node& row_node,
                                     const DateLevels& before) const {
    const toml::array* row = row_node.as_array();
    const auto date = row && row->size() == 2 ? row->get(0)->value<std::string>() : std::nullopt;
    if (!date || !row->get(1)->is_number())
        m_errors.fail_at(key, &row_node, "expected [\"MM-DD\", level], got " + toml_type_name(row_node));
    int month = 0, day = 0;
    static constexpr int days_in[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (date->size() != 5 || (*date)[2] != '-' || std::sscanf(date->c_str(), "%2d-%2d", &month, &day) != 2 ||
        month < 1 || month > 12 || day < 1 || day > days_in[month - 1])
        m_errors.fail_at(key, row->get(0), "'" + *date + "' is not a date MM-DD such as \"06-10\"");
    if (!before.empty() && month * 100 + day <= before.back().month * 100 + before.back().day)
        m_errors.fail_at(key, row->get(0), "'" + *date + "' is not after the previous date: dates must increase");
    return DateLevel{month, day, number(k, key, *row->get(1)) * k.to_si};
}

}  // namespace floodtwin::twin
