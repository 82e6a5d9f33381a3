#include "twin/fourpre/plan_outcome.hpp"

#include <algorithm>
#include <cmath>
#include <ctime>
#include <limits>
#include <stdexcept>

#include "grids/text_fields.hpp"
#include "twin/case/time_text.hpp"

namespace floodtwin::twin {

namespace {

using grids::number_text;
constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// The part of `s` from `from_s` on.
SeriesRecord from(const SeriesRecord& s, double from_s) {
    SeriesRecord out;
    for (std::size_t k = 0; k < s.epoch_s.size(); ++k)
        if (s.epoch_s[k] >= from_s - 1e-6) {
            out.epoch_s.push_back(s.epoch_s[k]);
            out.value.push_back(s.value[k]);
        }
    return out;
}

// The column of `run` that starts with `prefix` ("Zhutuo_stage_m": the datum follows).
std::string column_starting(const RunRecord& run, const std::string& prefix) {
    for (const auto& [name, s] : run.columns)
        if (name.rfind(prefix, 0) == 0) return name;
    return {};
}

// Linear interpolation in a [level, value] table, held at its ends.
double table_at(const std::vector<std::vector<double>>& rows, double level) {
    if (rows.empty()) return nan;
    if (level <= rows.front()[0]) return rows.front()[1];
    for (std::size_t k = 1; k < rows.size(); ++k)
        if (level <= rows[k][0])
            return rows[k - 1][1] + (level - rows[k - 1][0]) / (rows[k][0] - rows[k - 1][0]) * (rows[k][1] - rows[k - 1][1]);
    return rows.back()[1];
}

// The release capacity at `level`: spillway, outlets and turbines together.
double capacity_at(const ReservoirSection& r, double level) {
    double cap = 0.0;
    bool any = false;
    for (const auto* t : {&r.spillway, &r.outlets, &r.turbines})
        if (!t->empty()) cap += table_at(*t, level), any = true;
    return any ? cap : nan;
}

const nlohmann::json* find_named(const nlohmann::json& list, const std::string& name) {
    if (!list.is_array()) return nullptr;
    for (const nlohmann::json& j : list)
        if (j.value("name", "") == name) return &j;
    return nullptr;
}

StationOutcome station_outcome(const ForecastStation& st, const std::map<std::string, ErrorModel>& updates,
                               const RunRecord& run, double issue_s) {
    StationOutcome o;
    o.station = &st;
    if (st.gauge || !st.stage_column.empty())
        o.stage = from(st.gauge ? run.gauge(st.name) : run.column(st.stage_column), issue_s);
    if (!st.flow_column.empty()) o.flow = from(run.column(st.flow_column), issue_s);
    o.stage_peak = o.stage.empty() ? Peak{nan, nan} : series_peak(o.stage.epoch_s, o.stage.value);
    if (const auto it = updates.find(st.name); it != updates.end()) {
        o.updated = SeriesRecord{o.stage.epoch_s, updated_series(it->second, o.stage.epoch_s, o.stage.value, issue_s)};
        o.updated_peak = series_peak(o.updated->epoch_s, o.updated->value);
    }
    const SeriesRecord& basis = o.updated ? *o.updated : o.stage;
    o.basis = o.updated ? "updated forecast" : "raw forecast";
    o.crossings = level_crossings(basis.epoch_s, basis.value, st.stage);
    if (!o.flow.empty() && !std::isnan(o.flow.value.front())) {
        o.flow_peak = series_peak(o.flow.epoch_s, o.flow.value);
        o.flow_crossings = discharge_crossings(o.flow.epoch_s, o.flow.value, st.flow);
    }
    for (const LevelCrossing& x : o.crossings) o.level = std::max(o.level, x.level);
    for (const LevelCrossing& x : o.flow_crossings) o.level = std::max(o.level, x.level);
    if (!st.low_stage_m.empty() && !basis.empty()) {
        o.stage_trough = series_trough(basis.epoch_s, basis.value);
        o.low_stage_crossings = low_crossings(basis.epoch_s, basis.value, st.low_stage_m);
    }
    if (!st.low_flow_m3_s.empty() && o.flow_peak) {
        o.flow_trough = series_trough(o.flow.epoch_s, o.flow.value);
        o.low_flow_crossings = low_crossings(o.flow.epoch_s, o.flow.value, st.low_flow_m3_s);
    }
    for (const LevelCrossing& x : o.low_stage_crossings) o.drought = std::max(o.drought, x.level);
    for (const LevelCrossing& x : o.low_flow_crossings) o.drought = std::max(o.drought, x.level);
    return o;
}

// Changes of release faster than the reservoir's rate_limit rules allow (1% slack).
std::vector<std::string> rate_breaches(const Case& c, const ReservoirOutcome& r) {
    std::vector<std::string> out;
    for (const RuleSection& rule : c.network.rules) {
        if (rule.reservoir != r.name || rule.type != "rate_limit") continue;
        double worst_up = 0.0, worst_down = 0.0;
        for (std::size_t k = 1; k < r.release.epoch_s.size(); ++k) {
            const double h = (r.release.epoch_s[k] - r.release.epoch_s[k - 1]) / 3600.0;
            if (!(h > 0.0)) continue;
            const double rate = (r.release.value[k] - r.release.value[k - 1]) / h;
            worst_up = std::max(worst_up, rate);
            worst_down = std::max(worst_down, -rate);
        }
        if (rule.rate_up_m3_s_per_h > 0.0 && worst_up > 1.01 * rule.rate_up_m3_s_per_h)
            out.push_back(r.name + ": release rose " + number_text(std::round(worst_up)) + " m3/s per h, above '" +
                          rule.name + "' (" + number_text(rule.rate_up_m3_s_per_h) + ")");
        if (rule.rate_down_m3_s_per_h > 0.0 && worst_down > 1.01 * rule.rate_down_m3_s_per_h)
            out.push_back(r.name + ": release fell " + number_text(std::round(worst_down)) + " m3/s per h, above '" +
                          rule.name + "' (" + number_text(rule.rate_down_m3_s_per_h) + ")");
    }
    return out;
}

ReservoirOutcome reservoir_outcome(const Case& c, const ReservoirSection& spec, const RunRecord& run, double issue_s) {
    ReservoirOutcome r;
    r.name = spec.name;
    r.level = from(run.column(spec.name + "_level_m"), issue_s);
    r.release = from(run.column(spec.name + "_release_m3_s"), issue_s);
    r.inflow = from(run.column(spec.name + "_inflow_m3_s"), issue_s);
    const Peak peak = series_peak(r.level.epoch_s, r.level.value);
    r.max_level_m = peak.value;
    r.max_level_epoch_s = peak.epoch_s;
    r.flood_limit_m = flood_limit_on(spec, issue_s, run.utc_offset_min);
    r.design_m = spec.design_flood_level_m;
    r.check_m = spec.check_flood_level_m;
    const double final_level = r.level.value.back();
    r.storage_left_m3 = std::max(0.0, table_at(spec.storage, final_level) - table_at(spec.storage, spec.dead_level_m));
    const nlohmann::json* pools = run.dispatch.contains("reservoirs") ? &run.dispatch["reservoirs"] : nullptr;
    if (const nlohmann::json* j = pools ? find_named(*pools, spec.name) : nullptr) {
        r.energy_mwh = j->value("energy_mwh", 0.0);
        r.hours_at_capacity = j->value("hours_at_capacity", 0.0);
    }
    r.peak_release_m3_s = series_peak(r.release.epoch_s, r.release.value).value;
    r.rate_breaches = rate_breaches(c, r);
    const std::pair<WarningLevel, double> limits[] = {
        {WarningLevel::yellow, r.flood_limit_m}, {WarningLevel::orange, r.design_m}, {WarningLevel::red, r.check_m}};
    for (const auto& [level, limit] : limits) {
        // Above by more than 1 cm (what a staff gauge reads): a pool held at its
        // flood-limit level is where it should be.
        for (std::size_t k = 0; k < r.level.value.size(); ++k)
            if (r.level.value[k] > limit + 0.01) {
                r.warning = level;
                r.first_above_epoch_s = r.level.epoch_s[k];
                r.limit_m = limit;
                break;
            }
    }
    return r;
}

}  // namespace

double flood_limit_on(const ReservoirSection& r, double epoch_s, int utc_offset_min) {
    if (r.flood_limit.empty()) return r.normal_pool_m;
    const std::time_t local = static_cast<std::time_t>(std::floor(epoch_s + utc_offset_min * 60.0));
    std::tm tm{};
    gmtime_r(&local, &tm);
    const int today = (tm.tm_mon + 1) * 100 + tm.tm_mday;
    double level = r.flood_limit.back().level_m;  // before the first date: the year's last entry goes on
    for (const DateLevel& d : r.flood_limit)
        if (d.month * 100 + d.day <= today) level = d.level_m;
    return level;
}

std::vector<ForecastStation> forecast_stations(const Case& c) {
    std::vector<ForecastStation> out;
    for (const GaugeSection& g : c.gauges) {
        ForecastStation s;
        s.name = g.name;
        s.key = g.key;
        s.datum = g.thresholds.datum;
        s.gauge = true;
        s.stage = g.thresholds;
        s.x = g.x;
        s.y = g.y;
        out.push_back(s);
    }
    for (const NodeSection& n : c.network.nodes) {
        if (n.kind != "station" && n.kind != "domain_outlet") continue;
        ForecastStation s;
        s.name = n.name;
        s.key = n.key;
        s.datum = n.datum;
        s.stage_column = n.rating.empty() ? "" : n.name + "_stage_m";  // resolve_stage_columns adds the datum
        s.flow_column = n.name + "_flow_m3_s";
        s.stage.warning_stage_m = n.warning_stage_m;
        s.stage.guaranteed_stage_m = n.guaranteed_stage_m;
        s.stage.historical_max_m = n.historical_max_m;
        s.stage.datum = n.datum;
        if (const auto bad = threshold_order_error(s.stage)) throw std::invalid_argument(n.key + "." + bad->key + ": " + bad->message);
        s.flow = {n.flow_5yr_m3_s, n.flow_20yr_m3_s, n.flow_50yr_m3_s, 0.9};
        s.low_flow_m3_s = n.low_flow_m3_s;
        s.low_stage_m = n.low_stage_m;
        s.low_source = n.low_flow_source;
        out.push_back(s);
    }
    return out;
}

void resolve_stage_columns(std::vector<ForecastStation>& stations, const RunRecord& run) {
    for (ForecastStation& s : stations)
        if (!s.gauge && !s.stage_column.empty()) {
            const std::string full = column_starting(run, s.stage_column + "_");
            if (full.empty()) throw std::runtime_error(run.dir.string() + ": hydrographs.csv has no stage of '" + s.name + "'");
            s.stage_column = full;
        }
}

std::map<std::string, ErrorModel> fit_station_updates(const Case& c, const std::vector<ForecastStation>& stations,
                                                      const RunRecord& analysis, double issue_s,
                                                      std::vector<std::string>& not_updated) {
    std::map<std::string, ErrorModel> out;
    for (const ObservedSection& o : c.fourpre.observed) {
        if (o.quantity != "stage") continue;
        const auto st = std::find_if(stations.begin(), stations.end(),
                                     [&](const ForecastStation& s) { return s.name == o.station; });
        if (st == stations.end())
            throw std::invalid_argument(o.key + ".station: '" + o.station + "' is not a [[gauge]] or a station node");
        if (!o.datum.empty() && o.datum != st->datum)
            throw std::invalid_argument(o.key + ".datum: the observations are in '" + o.datum + "', station '" +
                                        st->name + "' reports in '" + st->datum + "'");
        if (!st->gauge && st->stage_column.empty())
            throw std::invalid_argument(o.key + ".station: node '" + st->name + "' has no rating, so no stage");
        const SeriesRecord& model = st->gauge ? analysis.gauge(st->name) : analysis.column(st->stage_column);
        std::vector<double> obs_t;
        for (const double t : o.series.times()) obs_t.push_back(c.start.epoch_s + t);
        try {
            out[st->name] = fit_error_model(obs_t, o.series.values(), model.epoch_s, model.value, issue_s,
                                            c.fourpre.settings.update_window_s, c.fourpre.settings.update_step_s,
                                            o.key + " (" + o.station + ")");
        } catch (const std::invalid_argument& e) {
            not_updated.push_back(std::string("updating: ") + e.what() + "; the raw forecast stands");
        }
    }
    return out;
}

std::vector<std::vector<unsigned char>> area_masks(const Case& c, const grids::NcGrid& grid) {
    std::vector<std::vector<unsigned char>> out;
    for (const AreaSection& a : c.fourpre.areas) out.push_back(cells_inside(grid, area_rings(a, grid.crs_wkt)));
    return out;
}

PlanOutcome plan_outcome(const Case& c, const std::vector<ForecastStation>& stations,
                         const std::map<std::string, ErrorModel>& updates, const RunRecord& run, Inundation flood,
                         const std::vector<std::vector<unsigned char>>& masks, double issue_s) {
    PlanOutcome p;
    p.dir = run.dir;
    p.mass_error = run.summary.value("combined_mass_error", run.summary.value("mass_error", 0.0));
    for (const ForecastStation& st : stations) p.stations.push_back(station_outcome(st, updates, run, issue_s));
    for (const ReservoirSection& r : c.network.reservoirs) {
        ReservoirOutcome o = reservoir_outcome(c, r, run, issue_s);
        if (o.max_level_m > o.design_m + 0.01)
            p.hard_breaches.push_back(r.name + " reaches " + number_text(std::round(o.max_level_m * 100) / 100) +
                                      " m, above its design flood level " + number_text(o.design_m) + " m, at " +
                                      format_instant(o.max_level_epoch_s, run.utc_offset_min));
        // A release above what the outlets pass at the pool's level is an order that cannot
        // be carried out (at capacity, the surplus is stored: that is no breach).
        for (std::size_t k = 0; k < o.release.value.size(); ++k) {
            const double cap = capacity_at(r, value_at(o.level, o.release.epoch_s[k]));
            if (std::isfinite(cap) && o.release.value[k] > 1.001 * cap + 1.0) {
                p.hard_breaches.push_back(r.name + " releases " + number_text(std::round(o.release.value[k])) +
                                          " m3/s at " + format_instant(o.release.epoch_s[k], run.utc_offset_min) +
                                          ", above its capacity " + number_text(std::round(cap)) + " m3/s there");
                break;
            }
        }
        for (const std::string& b : o.rate_breaches) p.hard_breaches.push_back(b);
        p.storage_left_m3 += o.storage_left_m3;
        p.reservoirs.push_back(std::move(o));
    }
    p.energy_mwh = run.dispatch.value("energy_mwh", 0.0);
    if (run.dispatch.contains("purposes"))
        for (const char* purpose : {"ecological", "navigation"})
            if (run.dispatch["purposes"].contains(purpose))
                p.minimum_flow_hours += run.dispatch["purposes"][purpose].value("hours_below_minimum", 0.0);
    if (run.dispatch.contains("demands"))
        for (const nlohmann::json& d : run.dispatch["demands"]) p.supply_short_m3 += d.value("short_m3", 0.0);
    if (run.dispatch.contains("downstream_minimums"))
        for (const nlohmann::json& m : run.dispatch["downstream_minimums"])
            p.minimum_hours_below += m.value("hours_below", 0.0);
    for (std::size_t a = 0; a < c.fourpre.areas.size(); ++a) {
        p.areas.push_back(area_impact(flood, c.fourpre.areas[a], masks[a], c.fourpre.settings.area_depths_m));
        if (p.areas.back().kind == "protected") p.protected_flooded_m2 += p.areas.back().flooded_m2;
    }
    p.flood = std::move(flood);
    return p;
}

}  // namespace floodtwin::twin
