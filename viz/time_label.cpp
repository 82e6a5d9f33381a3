#include "viz/time_label.hpp"

#include "grids/text_cursor.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace floodtwin::viz {

namespace {

constexpr int k_beijing_offset_s = 8 * 3600;

using grids::text::Cursor;
using grids::text::trim;

}  // namespace

double parse_iso_epoch_s(std::string_view iso, bool zone_default_utc) {
    const std::string_view text = trim(iso);
    const auto bad = [&](const char* why) {
        // (Built by appending: GCC 12 warns falsely on "literal" + std::string&&.)
        std::string message(1, '\'');
        message.append(text).append("' is not an ISO 8601 date-time (").append(why);
        message.append("); write e.g. 2020-08-18T08:00:00+08:00");
        return std::invalid_argument(message);
    };
    Cursor c{text};
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    double fraction = 0.0;
    if (!c.digits(4, year) || !c.accept('-') || !c.digits(2, month) || !c.accept('-') || !c.digits(2, day))
        throw bad("date");
    if (!c.accept('T') && !c.accept(' ')) throw bad("no time of day");
    if (!c.digits(2, hour) || !c.accept(':') || !c.digits(2, minute)) throw bad("time of day");
    if (c.accept(':')) {
        if (!c.digits(2, second)) throw bad("seconds");
        if (c.accept('.')) {
            double scale = 0.1;
            if (c.peek() < '0' || c.peek() > '9') throw bad("fraction of a second");
            while (c.peek() >= '0' && c.peek() <= '9') {
                fraction += scale * (c.s[c.pos++] - '0');
                scale /= 10.0;
            }
        }
    }
    int offset_s = 0;
    if (c.accept('Z') || c.accept('z')) {
        offset_s = 0;
    } else if (c.peek() == '+' || c.peek() == '-') {
        const int sign = c.s[c.pos++] == '-' ? -1 : 1;
        int oh = 0, om = 0;
        if (!c.digits(2, oh)) throw bad("zone");
        if (c.accept(':')) {
            if (!c.digits(2, om)) throw bad("zone");
        } else if (!c.done()) {
            if (!c.digits(2, om)) throw bad("zone");
        }
        if (oh > 18 || om > 59) throw bad("zone beyond +-18:00");
        offset_s = sign * (oh * 3600 + om * 60);
    } else if (!c.done() || !zone_default_utc) {
        throw bad(c.done() ? "no zone: add +08:00 for Beijing time, or Z" : "unexpected text");
    }
    if (!c.done()) throw bad("unexpected text after the zone");

    using namespace std::chrono;
    const year_month_day ymd{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                             std::chrono::day{static_cast<unsigned>(day)}};
    if (!ymd.ok()) throw bad("no such date");
    if (hour > 23 || minute > 59 || second > 60) throw bad("no such time of day");
    const double days = static_cast<double>(sys_days{ymd}.time_since_epoch().count());
    return days * 86400.0 + hour * 3600.0 + minute * 60.0 + second + fraction - offset_s;
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
