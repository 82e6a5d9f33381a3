#pragma once
// Times as a map shows them. results.nc counts seconds from an origin written with
// its zone ("seconds since 2020-08-18T00:00:00+08:00"); Chongqing reads clocks in
// Beijing time, so every label is UTC+8 whatever zone the file was written in.
// (twin/case/time_text.hpp parses case files; viz sits below twin and cannot use it.)
#include <string>
#include <string_view>

namespace floodtwin::viz {

// Seconds since 1970-01-01T00:00:00Z of an ISO 8601 date-time:
// "YYYY-MM-DD[T| ]hh:mm[:ss[.fff]]" and a zone, Z or +hh:mm, +hhmm, +hh (or -).
// Without a zone the text is refused, unless `zone_default_utc` (CF time origins
// without a zone mean UTC). Throws std::invalid_argument quoting the text.
double parse_iso_epoch_s(std::string_view text, bool zone_default_utc = false);

// "2020-08-18 10:30 Beijing time (UTC+8)"; seconds are shown only when not zero.
std::string beijing_time_label(double epoch_s);
// The same without the zone words: "2020-08-18 10:30".
std::string beijing_clock(double epoch_s);

// A duration as people say it: "2 h 30 min", "45 min", "20 s", "3 d 4 h".
std::string elapsed_label(double seconds);

}  // namespace floodtwin::viz
