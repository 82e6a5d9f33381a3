#pragma once
// Times as people write them in case files and read them in outputs: ISO 8601
// date-times with a zone, and durations with a unit ("72h", "5min").
#include <string>
#include <string_view>

#include "twin/case/case.hpp"

namespace floodtwin::twin {

// "2020-08-18T00:00:00+08:00", "2020-08-17T16:00:00Z": a calendar date, 'T' (or a space),
// hh:mm[:ss[.fff]] and a zone, Z or ±hh:mm (±hhmm and ±hh too). A time without a zone
// is an error: Chongqing is eight hours from UTC. Throws std::invalid_argument that
// starts with `what`.
Instant parse_instant(std::string_view iso, const std::string& what);

// The same from its parts (a TOML date-time); checks every field's range.
Instant make_instant(int year, int month, int day, int hour, int minute, double second, int utc_offset_min,
                     const std::string& what);

// "2020-08-20T08:15:00+08:00" for epoch 1597882500 s at +480 min; "Z" for offset 0;
// milliseconds shown only when the instant is not on a whole second.
std::string format_instant(double epoch_s, int utc_offset_min);
inline std::string format_instant(const Instant& t) { return format_instant(t.epoch_s, t.utc_offset_min); }

// A time written the CF way (CF conventions 4.4): `value` in `units` of the form
// "<unit> since <reference>", e.g. 600 and "seconds since 2020-08-18T00:00:00+08:00" or
// 1.5 and "hours since 2020-08-18 00:00:00". The unit is seconds, minutes, hours or days
// (also singular, or s, sec, min, h, hr, d); months and years are refused, their length
// varies. The reference is an ISO 8601 date-time, "yyyy-mm-dd hh:mm[:ss]" or a date
// alone (midnight); without a zone, or with "UTC", it is UTC as CF says. Only calendars
// that agree with ours for modern dates are taken (see cf_calendar_is_gregorian).
// Returns seconds after `origin`. Throws std::invalid_argument that starts with `what`.
double cf_time_since(double value, std::string_view units, const Instant& origin, const std::string& what);

// Whether a CF calendar attribute names the Gregorian calendar our instants use:
// "standard", "gregorian", "proleptic_gregorian", or none given ("").
bool cf_calendar_is_gregorian(std::string_view calendar);

// "72h", "5min", "30s", "2d", "1.5h", or a bare number of seconds ("3600"); > 0.
// Throws std::invalid_argument that starts with `what`.
double parse_duration(std::string_view text, const std::string& what);
// A number of seconds, checked: finite and > 0.
double parse_duration(double seconds, const std::string& what);

}  // namespace floodtwin::twin
