#pragma once
// Whether a case's series cover its run, from case.start to case.start + case.duration,
// and how those that do not are extended: by their table's `extend` key ("hold" the end
// values, "zero" no water), never silently. A series that falls short without `extend`
// is refused when the case is read (check_series_cover, called by load_case); the spans
// extended are listed for summary.json (series_extended_json).
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "hydro/time_series.hpp"
#include "twin/case/case.hpp"
#include "twin/case/case_document.hpp"

namespace floodtwin::twin {

// A span of the run, in seconds from case.start.
struct SeriesSpan {
    double from_s = 0.0;
    double to_s = 0.0;
};

// The spans of [0, duration_s] before the first point of `series` and after its last:
// none for a constant (a number in the case file), which holds at every time.
[[nodiscard]] std::vector<SeriesSpan> uncovered_spans(const hydro::TimeSeries& series, double duration_s);

// One span of the run over which a series is extended by its table's `extend`.
struct ExtendedSeries {
    std::string key;  // "boundary[0].discharge"
    std::string how;  // "hold" | "zero"
    SeriesSpan span;
};

// Every span of the run over which a series of `c` is extended, in case-file order:
// [[boundary]] discharge and level, [[source]] discharge, [rain] intensity (a series),
// [[node]] and [[reservoir]] inflow.
[[nodiscard]] std::vector<ExtendedSeries> extended_series(const Case& c);

// The same as summary.json's "series_extended": [{"key", "how", "from", "to", "from_s",
// "to_s"}], `from` and `to` ISO 8601 in case.start's zone; [] when none is extended.
[[nodiscard]] nlohmann::json series_extended_json(const Case& c);

// Throws CaseError, naming the key, its line and the span not covered, for the first
// series that does not cover the run and whose table has no `extend`; and for an
// `extend` that cannot apply ("zero" for a level, rain.extend with a grid). Sets the
// series with extend = "zero" to be 0 outside their points (hydro::Outside::zero).
void check_series_cover(Case& c, const CaseDocument& doc);

}  // namespace floodtwin::twin
