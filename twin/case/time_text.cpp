#include "twin/case/time_text.hpp"

#include "grids/text_cursor.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <stdexcept>

namespace floodtwin::twin {

namespace {


// A small cursor over the text, reading fixed-width digit fields.
using grids::text::Cursor;
using grids::text::trim;

}  // namespace

Instant make_instant(int year, int month, int day, int hour, int minute, double second, int utc_offset_min,
                     const std::string& what) {
    using namespace std::chrono;
    const bool fields_ok = year >= 0 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
    const year_month_day ymd{std::chrono::year{fields_ok ? year : 1970},
                             std::chrono::month{static_cast<unsigned>(fields_ok ? month : 1)},
                             std::chrono::day{static_cast<unsigned>(fields_ok ? day : 1)}};
    char text[64];
    if (!fields_ok || !ymd.ok()) {
        std::snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, day);
        throw std::invalid_argument(what + ": no such date " + text);
    }
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || !(second >= 0.0 && second < 60.0)) {
        std::snprintf(text, sizeof text, "%02d:%02d:%02g", hour, minute, second);
        throw std::invalid_argument(what + ": no such time of day " + text);
    }
    if (utc_offset_min < -18 * 60 || utc_offset_min > 18 * 60)
        throw std::invalid_argument(what + ": UTC offset of " + std::to_string(utc_offset_min) +
                                    " min is beyond +-18:00");
    const double days = static_cast<double>(sys_days{ymd}.time_since_epoch().count());
    const double local_s = days * 86400.0 + hour * 3600.0 + minute * 60.0 + second;
    return Instant{local_s - 60.0 * utc_offset_min, utc_offset_min};
}

Instant parse_instant(std::string_view iso, const std::string& what) {
    const std::string_view text = trim(iso);
    // (Built by appending: GCC 12 warns falsely on "literal" + std::string&&.)
    std::string quoted(1, '\'');
    quoted.append(text).push_back('\'');
    auto bad = [&](const std::string& why) {
        return std::invalid_argument(what + ": " + quoted + " is not an ISO 8601 date-time with a zone (" + why +
                                     "); write e.g. 2020-08-18T00:00:00+08:00");
    };
    Cursor c{text};
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, whole_s = 0;
    if (!c.digits(4, year) || !c.accept('-') || !c.digits(2, month) || !c.accept('-') || !c.digits(2, day))
        throw bad("expected a date yyyy-mm-dd");
    if (c.done()) throw bad("a date without a time of day");
    if (!(c.accept('T') || c.accept('t') || c.accept(' '))) throw bad("expected 'T' after the date");
    if (!c.digits(2, hour) || !c.accept(':') || !c.digits(2, minute)) throw bad("expected a time hh:mm[:ss]");
    double second = 0.0;
    if (c.accept(':')) {
        if (!c.digits(2, whole_s)) throw bad("expected seconds ss");
        second = whole_s;
        if (c.accept('.') || c.accept(',')) {
            double scale = 0.1;
            int digit = 0;
            if (!c.digits(1, digit)) throw bad("expected digits after the decimal point");
            do {
                second += digit * scale;
                scale /= 10.0;
            } while (c.digits(1, digit));
        }
    }
    int offset_min = 0;
    if (c.done())
        throw std::invalid_argument(what + ": " + quoted +
                                    " has no zone: add Z (UTC) or the offset, e.g. +08:00 for China");
    if (c.accept('Z') || c.accept('z')) {
        offset_min = 0;
    } else if (c.peek() == '+' || c.peek() == '-') {
        const int sign = c.peek() == '-' ? -1 : 1;
        ++c.pos;
        int oh = 0, om = 0;
        if (!c.digits(2, oh)) throw bad("expected a zone Z or +hh:mm");
        if (!c.done()) {
            c.accept(':');
            if (!c.digits(2, om)) throw bad("expected a zone Z or +hh:mm");
        }
        if (om > 59) throw bad("zone minutes above 59");
        offset_min = sign * (oh * 60 + om);
    } else {
        throw bad("unexpected '" + std::string(1, c.peek()) + "' after the time");
    }
    if (!c.done()) throw bad("unexpected text after the zone");
    return make_instant(year, month, day, hour, minute, second, offset_min, what + " (" + quoted + ")");
}

std::string format_instant(double epoch_s, int utc_offset_min) {
    using namespace std::chrono;
    const long long local_m_s = std::llround((epoch_s + 60.0 * utc_offset_min) * 1000.0);
    constexpr long long ms_per_day = 86'400'000;
    long long days = local_m_s / ms_per_day;
    long long rem = local_m_s % ms_per_day;
    if (rem < 0) {  // floor, for instants before 1970
        rem += ms_per_day;
        --days;
    }
    const year_month_day ymd{sys_days{std::chrono::days{days}}};
    const int hh = static_cast<int>(rem / 3'600'000), mm = static_cast<int>(rem / 60'000 % 60),
              ss = static_cast<int>(rem / 1000 % 60), ms = static_cast<int>(rem % 1000);
    char buf[64];
    int n = std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d", static_cast<int>(ymd.year()),
                          static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), hh, mm, ss);
    if (ms != 0) n += std::snprintf(buf + n, sizeof buf - static_cast<std::size_t>(n), ".%03d", ms);
    if (utc_offset_min == 0) {
        std::snprintf(buf + n, sizeof buf - static_cast<std::size_t>(n), "Z");
    } else {
        const int a = std::abs(utc_offset_min);
        std::snprintf(buf + n, sizeof buf - static_cast<std::size_t>(n), "%c%02d:%02d", utc_offset_min < 0 ? '-' : '+',
                      a / 60, a % 60);
    }
    return buf;
}

bool cf_calendar_is_gregorian(std::string_view calendar) {
    std::string c(trim(calendar));
    std::transform(c.begin(), c.end(), c.begin(), [](unsigned char ch) { return std::tolower(ch); });
    return c.empty() || c == "standard" || c == "gregorian" || c == "proleptic_gregorian";
}

double cf_time_since(double value, std::string_view units, const Instant& origin, const std::string& what) {
    const std::string_view u = trim(units);
    std::string quoted(1, '\'');  // (appended: GCC 12 warns falsely on "literal" + std::string&&)
    quoted.append(u).push_back('\'');
    const std::size_t since = u.find(" since ");
    if (since == std::string_view::npos)
        throw std::invalid_argument(what + ": time units " + quoted + " are not '<unit> since <date-time>', " +
                                    "e.g. 'seconds since 2020-08-18T00:00:00+08:00'");
    const std::string_view unit = trim(u.substr(0, since));
    double unit_s = 0.0;
    if (unit == "seconds" || unit == "second" || unit == "secs" || unit == "sec" || unit == "s")
        unit_s = 1.0;
    else if (unit == "minutes" || unit == "minute" || unit == "mins" || unit == "min")
        unit_s = 60.0;
    else if (unit == "hours" || unit == "hour" || unit == "hrs" || unit == "hr" || unit == "h")
        unit_s = 3600.0;
    else if (unit == "days" || unit == "day" || unit == "d")
        unit_s = 86400.0;
    else
        throw std::invalid_argument(what + ": time unit '" + std::string(unit) + "' in " + quoted +
                                    " is not seconds, minutes, hours or days");
    if (!std::isfinite(value)) throw std::invalid_argument(what + ": time value is not a finite number");

    // UDUNITS and CF write the reference in several ways; bring each to parse_instant's form.
    std::string ref(trim(u.substr(since + 7)));
    bool utc = false;
    for (const char* name : {"UTC", "GMT"})
        if (ref.size() > 3 && ref.ends_with(name)) {
            ref = std::string(trim(std::string_view(ref).substr(0, ref.size() - 3)));
            utc = true;
        }
    if (ref.size() == 10) ref += "T00:00:00";  // a date alone: its midnight
    // A zone after a space ("2020-08-18 00:00:00 +08:00") joins the time.
    if (const std::size_t sign = ref.find_first_of("+-", 10); sign != std::string::npos && ref[sign - 1] == ' ')
        ref.erase(sign - 1, 1);
    const bool has_zone = ref.size() > 10 && (ref.back() == 'Z' || ref.back() == 'z' ||
                                              ref.find_first_of("+-", 10) != std::string::npos);
    if (utc && has_zone) throw std::invalid_argument(what + ": time units " + quoted + " give two zones");
    if (!has_zone) ref += 'Z';  // CF: a reference without a zone is UTC
    const Instant reference = parse_instant(ref, what + " (time units " + quoted + ")");
    // The reference and the origin are subtracted first: both are whole seconds since
    // 1970 in practice, so the difference is exact and the value keeps its precision.
    return (reference.epoch_s - origin.epoch_s) + value * unit_s;
}

double parse_duration(double seconds, const std::string& what) {
    std::ostringstream o;
    o << what << ": ";
    if (!std::isfinite(seconds)) {
        o << "a duration must be a finite number of seconds, got " << seconds;
        throw std::invalid_argument(o.str());
    }
    if (!(seconds > 0.0)) {
        o << "a duration must be more than 0 s, got " << seconds << " s";
        throw std::invalid_argument(o.str());
    }
    return seconds;
}

double parse_duration(std::string_view text, const std::string& what) {
    const std::string_view t = trim(text);
    double value = 0.0;
    const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
    if (ec != std::errc() || t.empty())
        throw std::invalid_argument(
            what + ": '" + std::string(text) +
            "' is not a duration: write a number and a unit, e.g. \"72h\", \"5min\", \"30s\", \"2d\"");
    const std::string_view unit = trim(std::string_view(end, static_cast<std::size_t>(t.data() + t.size() - end)));
    double scale = 0.0;
    if (unit.empty() || unit == "s")
        scale = 1.0;
    else if (unit == "min")
        scale = 60.0;
    else if (unit == "h")
        scale = 3600.0;
    else if (unit == "d")
        scale = 86400.0;
    else
        throw std::invalid_argument(what + ": unknown unit '" + std::string(unit) + "' in '" + std::string(text) +
                                    "': use s, min, h or d");
    if (!std::isfinite(value) || !std::isfinite(value * scale))
        throw std::invalid_argument(what + ": '" + std::string(text) + "' is not a finite duration");
    if (!(value > 0.0))
        throw std::invalid_argument(what + ": a duration must be more than 0 s, got '" + std::string(text) + "'");
    return value * scale;
}

}  // namespace floodtwin::twin
