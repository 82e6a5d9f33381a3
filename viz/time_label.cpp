#include "viz/time_label.hpp"

#include "grids/text_cursor.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <optional>
#include <stdexcept>

namespace floodtwin::viz {

namespace {

constexpr int k_beijing_offset_s = 8 * 3600;

using grids::text::Cursor;
using grids::text::trim;

// For text that is not an ISO 8601 date-time: quotes it and says what is wrong.
std::invalid_argument not_iso(std::string_view text, const char* why) {
    // (Built by appending: GCC 12 warns falsely on "literal" + std::string&&.)
    std::string message(1, '\'');
    message.append(text).append("' is not an ISO 8601 date-time (").append(why);
    message.append("); write e.g. 2020-08-18T08:00:00+08:00");
    return std::invalid_argument(message);
}

struct DateTime {
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    double fraction = 0.0;  // of a second
};

// "YYYY-MM-DD[T| ]hh:mm[:ss[.fff]]" at the cursor, in range or not (checked later).
DateTime read_date_time(Cursor& c) {
    DateTime t;
    if (!c.digits(4, t.year) || !c.accept('-') || !c.digits(2, t.month) || !c.accept('-') || !c.digits(2, t.day))
        throw not_iso(c.s, "date");
    if (!c.accept('T') && !c.accept(' ')) throw not_iso(c.s, "no time of day");
    if (!c.digits(2, t.hour) || !c.accept(':') || !c.digits(2, t.minute)) throw not_iso(c.s, "time of day");
    if (!c.accept(':')) return t;
    if (!c.digits(2, t.second)) throw not_iso(c.s, "seconds");
    if (!c.accept('.')) return t;
    if (c.peek() < '0' || c.peek() > '9') throw not_iso(c.s, "fraction of a second");
    double scale = 0.1;
    while (c.peek() >= '0' && c.peek() <= '9') {
        t.fraction += scale * (c.s[c.pos++] - '0');
        scale /= 10.0;
    }
    return t;
}

// The zone at the cursor, Z or +hh:mm, +hhmm, +hh (or -), as seconds east of UTC;
// nothing when the text has none there.
std::optional<int> read_zone_offset_s(Cursor& c) {
    if (c.accept('Z') || c.accept('z')) return 0;
    if (c.peek() != '+' && c.peek() != '-') return std::nullopt;
    const int sign = c.s[c.pos++] == '-' ? -1 : 1;
    int oh = 0, om = 0;
    if (!c.digits(2, oh)) throw not_iso(c.s, "zone");
    if (c.accept(':')) {
        if (!c.digits(2, om)) throw not_iso(c.s, "zone");
    } else if (!c.done()) {
        if (!c.digits(2, om)) throw not_iso(c.s, "zone");
    }
    if (oh > 18 || om > 59) throw not_iso(c.s, "zone beyond +-18:00");
    return sign * (oh * 3600 + om * 60);
}

}  // namespace

double parse_iso_epoch_s(std::string_view iso, bool zone_default_utc) {
    const std::string_view text = trim(iso);
    Cursor c{text};
    const DateTime t = read_date_time(c);
    std::optional<int> offset_s = read_zone_offset_s(c);
    if (!offset_s) {
        if (!c.done() || !zone_default_utc)
            throw not_iso(text, c.done() ? "no zone: add +08:00 for Beijing time, or Z" : "unexpected text");
        offset_s = 0;
    }
    if (!c.done()) throw not_iso(text, "unexpected text after the zone");

    using namespace std::chrono;
    const year_month_day ymd{std::chrono::year{t.year}, std::chrono::month{static_cast<unsigned>(t.month)},
                             std::chrono::day{static_cast<unsigned>(t.day)}};
    if (!ymd.ok()) throw not_iso(text, "no such date");
    if (t.hour > 23 || t.minute > 59 || t.second > 60) throw not_iso(text, "no such time of day");
    const double days = static_cast<double>(sys_days{ymd}.time_since_epoch().count());
    return days * 86400.0 + t.hour * 3600.0 + t.minute * 60.0 + t.second + t.fraction - *offset_s;
}

std::string beijing_clock(double epoch_s) {
    using namespace std::chrono;
    // Whole seconds: labels never show fractions, and rounding here keeps 59.9999 s
    // from printing as the previous minute.
    const double local = std::round(epoch_s) + k_beijing_offset_s;
    const double day_count = std::floor(local / 86400.0);
    const auto seconds_of_day = static_cast<long>(local - day_count * 86400.0);
    const year_month_day ymd{sys_days{days{static_cast<long>(day_count)}}};
    char text[64];
    const long h = seconds_of_day / 3600, m = (seconds_of_day / 60) % 60, s = seconds_of_day % 60;
    if (s == 0)
        std::snprintf(text, sizeof text, "%04d-%02u-%02u %02ld:%02ld", static_cast<int>(ymd.year()),
                      static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), h, m);
    else
        std::snprintf(text, sizeof text, "%04d-%02u-%02u %02ld:%02ld:%02ld", static_cast<int>(ymd.year()),
                      static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), h, m, s);
    return text;
}

std::string beijing_time_label(double epoch_s) { return beijing_clock(epoch_s) + " Beijing time (UTC+8)"; }

std::string elapsed_label(double seconds) {
    if (!std::isfinite(seconds)) return "?";
    const long total = std::lround(std::fabs(seconds));
    const std::string sign = seconds < 0 ? "-" : "";
    const long d = total / 86400, h = (total / 3600) % 24, m = (total / 60) % 60, s = total % 60;
    std::string out;
    const auto part = [&](long value, const char* unit) {
        if (!out.empty()) out += ' ';
        out += std::to_string(value) + ' ' + unit;
    };
    if (d) part(d, "d");
    if (h) part(h, "h");
    if (m) part(m, "min");
    if (s || out.empty()) part(s, "s");
    return sign + out;
}

}  // namespace floodtwin::viz
