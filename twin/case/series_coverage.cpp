#include "twin/case/series_coverage.hpp"

#include <algorithm>
#include <optional>
#include <string_view>

#include "grids/text_fields.hpp"
#include "twin/case/case_errors.hpp"
#include "twin/case/time_text.hpp"

namespace floodtwin::twin {

namespace {

using grids::number_text;

// Where a series is written: [[boundary]] 2's `discharge`.
struct SeriesPlace {
    std::string_view table;
    std::optional<std::size_t> index;
    std::string_view name;
    bool level = false;  // a water level: held, never zero

    [[nodiscard]] std::string key() const { return key_name(table, index, name); }
    [[nodiscard]] std::string extend_key() const { return key_name(table, index, "extend"); }
};

// Calls f(place, series, extend) for every series of the case that can fall short of the
// run, in case-file order. C is Case or const Case.
template <class C, class F>
void for_each_series(C& c, F&& f) {
    for (std::size_t i = 0; i < c.boundaries.size(); ++i) {
        auto& b = c.boundaries[i];
        const bool level = b.kind == "stage";
        // A rated_inflow's series is the discharge its rating makes of the level series.
        const char* key = level || b.kind == "rated_inflow" ? "level" : "discharge";
        if (!b.series.empty()) f(SeriesPlace{"boundary", i, key, level}, b.series, b.extend);
    }
    for (std::size_t i = 0; i < c.sources.size(); ++i) {
        auto& s = c.sources[i];
        if (!s.discharge_m3_s.empty()) f(SeriesPlace{"source", i, "discharge"}, s.discharge_m3_s, s.extend);
    }
    if (c.rain.intensity_m_s) f(SeriesPlace{"rain", std::nullopt, "intensity"}, *c.rain.intensity_m_s, c.rain.extend);
    for (std::size_t i = 0; i < c.network.nodes.size(); ++i) {
        auto& n = c.network.nodes[i];
        if (n.inflow_m3_s) f(SeriesPlace{"node", i, "inflow"}, *n.inflow_m3_s, n.extend);
    }
    for (std::size_t i = 0; i < c.network.reservoirs.size(); ++i) {
        auto& r = c.network.reservoirs[i];
        if (r.inflow_m3_s) f(SeriesPlace{"reservoir", i, "inflow"}, *r.inflow_m3_s, r.extend);
    }
    for (std::size_t i = 0; i < c.network.demands.size(); ++i) {
        auto& d = c.network.demands[i];
        if (d.series_m3_s) f(SeriesPlace{"demand", i, "series"}, *d.series_m3_s, d.extend);
    }
}

// "3600 s (2020-08-18T01:00:00+08:00)"
std::string time_text(const Case& c, double t_s) {
    return number_text(t_s) + " s (" + format_instant(c.start.epoch_s + t_s, c.start.utc_offset_min) + ")";
}

// Why the series does not cover the run, the spans it leaves, and how to say what to do
// (after "<key>: ").
std::string uncovered_message(const Case& c, const SeriesPlace& place, const hydro::TimeSeries& series,
                              const std::vector<SeriesSpan>& spans, const toml::node* node) {
    std::string what = "the series";
    if (node && node->is_string()) what += " in " + node->value<std::string>().value_or("");
    const double first = series.times().front(), last = series.times().back();
    const bool late = first > 0.0, early = last < c.duration_s;
    if (late) what += " starts at " + time_text(c, first) + ", after case.start";
    if (late && early) what += ", and";
    if (early) what += " ends at " + time_text(c, last) + ", before the run's end at " + time_text(c, c.duration_s);
    what += ": ";
    for (std::size_t k = 0; k < spans.size(); ++k)
        what += (k ? " and " : "") + number_text(spans[k].from_s) + " .. " + number_text(spans[k].to_s) + " s";
    what += std::string(" of the run ") + (spans.size() > 1 ? "are" : "is") + " not covered; add points, or set " +
            place.extend_key() + " = \"hold\" (its first and last values)";
    if (!place.level) what += place.table == "rain" ? " or \"zero\" (no rain)" : " or \"zero\" (no water)";
    return what;
}

}  // namespace

std::vector<SeriesSpan> uncovered_spans(const hydro::TimeSeries& series, double duration_s) {
    std::vector<SeriesSpan> out;
    if (series.empty() || series.constant()) return out;
    const double first = series.times().front(), last = series.times().back();
    if (first > 0.0) out.push_back({0.0, std::min(first, duration_s)});
    if (last < duration_s) out.push_back({std::max(last, 0.0), duration_s});
    return out;
}

std::vector<ExtendedSeries> extended_series(const Case& c) {
    std::vector<ExtendedSeries> out;
    for_each_series(c, [&](const SeriesPlace& place, const hydro::TimeSeries& series, const std::string& extend) {
        if (extend.empty()) return;
        for (const SeriesSpan& span : uncovered_spans(series, c.duration_s)) out.push_back({place.key(), extend, span});
    });
    return out;
}

nlohmann::json series_extended_json(const Case& c) {
    nlohmann::json out = nlohmann::json::array();
    for (const ExtendedSeries& e : extended_series(c))
        out.push_back({{"key", e.key},
                       {"how", e.how},
                       {"from", format_instant(c.start.epoch_s + e.span.from_s, c.start.utc_offset_min)},
                       {"to", format_instant(c.start.epoch_s + e.span.to_s, c.start.utc_offset_min)},
                       {"from_s", e.span.from_s},
                       {"to_s", e.span.to_s}});
    return out;
}

void check_series_cover(Case& c, const CaseDocument& doc) {
    const CaseErrors& errors = doc.errors();
    if (!c.rain.extend.empty() && c.rain.grid)
        errors.fail_at("rain.extend", doc.find("rain", std::nullopt, "extend"),
                       "only for an intensity series; rain.intensity is a grid file, whose last frame holds to the "
                       "end of the run");
    for_each_series(c, [&](const SeriesPlace& place, hydro::TimeSeries& series, const std::string& extend) {
        if (place.level && extend == "zero")
            errors.fail_at(place.extend_key(), doc.find(place.table, place.index, "extend"),
                           "\"zero\" is for a discharge; a water level can only be held: extend = \"hold\"");
        if (extend == "zero") series.set_outside(hydro::Outside::zero);
        const std::vector<SeriesSpan> spans = uncovered_spans(series, c.duration_s);
        if (spans.empty() || !extend.empty()) return;
        const toml::node* node = doc.find(place.table, place.index, place.name);
        errors.fail_at(place.key(), node, uncovered_message(c, place, series, spans, node));
    });
}

}  // namespace floodtwin::twin
