#include "twin/fourpre/fourpre_report.hpp"

#include <cmath>
#include <cstdio>
#include <sstream>

#include "twin/fourpre/ensemble_report.hpp"
#include "twin/fourpre/fixed_text.hpp"
#include "twin/fourpre/fourpre_products.hpp"
#include "twin/fourpre/plan_orders.hpp"
#include "twin/fourpre/report_terms.hpp"
#include "twin/fourpre/svg_chart.hpp"

namespace floodtwin::twin {

namespace {

using report_terms::level_class;
using report_terms::level_colour;
using report_terms::shown;

std::string scientific(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1e", v);
    return buf;
}

// A time as tables show it: "18 Aug 04:23", in the issue time's zone.
std::string when(const FourPreRun& run, double epoch_s) { return report_terms::when(epoch_s, run.offset_min); }

// "+8", "+5:30", "-3".
std::string zone(int offset_min) {
    const int a = std::abs(offset_min);
    return std::string(offset_min < 0 ? "-" : "+") + std::to_string(a / 60) + (a % 60 ? ":" + std::to_string(a % 60) : "");
}

// Colours of the plans' series and of the warning levels' lines.
const char* plan_colour(std::size_t k) {
    static const char* colours[] = {"#1f4e79", "#c0504d", "#4f8f3a", "#8064a2", "#d08a1c", "#2c9fa0", "#7f7f7f"};
    return colours[k % 7];
}

TimeChart station_chart(const FourPreRun& run, std::size_t station) {
    const StationOutcome& base = run.outcomes[0].stations[station];
    const ForecastStation& st = *base.station;
    TimeChart c;
    c.title = st.name + (st.gauge ? " (2D model)" : " (network)") + ": stage";
    // The datum's name alone on the axis ("Wusong"); its note ("assumed: ...") is in the tables.
    const std::string datum = st.datum.substr(0, st.datum.find(" ("));
    c.y_label = "Stage (m" + (datum.empty() ? std::string() : ", " + datum) + ")";
    c.utc_offset_min = run.offset_min;
    c.marker_epoch_s = run.issue_s;
    c.marker_label = "issue";
    // The analysis before the issue time, then each plan.
    const SeriesRecord* before = nullptr;
    if (st.gauge) {
        if (run.analysis.gauge_level.count(st.name)) before = &run.analysis.gauge(st.name);
    } else if (run.analysis.columns.count(st.stage_column)) {
        before = &run.analysis.column(st.stage_column);
    }
    // Before the issue time: the updating window (the model and the observations it was
    // fitted to), never the first half of a cold start's spin-up, where the channels fill.
    const double shown_from = std::max(run.issue_s - run.c.fourpre.settings.update_window_s,
                                       run.analysis.start_epoch_s + 0.5 * (run.issue_s - run.analysis.start_epoch_s));
    const auto window = [&](const std::vector<double>& t, const std::vector<double>& v, ChartSeries& s) {
        for (std::size_t k = 0; k < t.size(); ++k)
            if (t[k] >= shown_from && t[k] <= run.issue_s) s.epoch_s.push_back(t[k]), s.value.push_back(v[k]);
    };
    if (before) {
        ChartSeries m{"model before the issue", {}, {}, "#999999", false};
        window(before->epoch_s, before->value, m);
        c.series.push_back(m);
    }
    for (const ObservedSection& o : run.c.fourpre.observed)
        if (o.quantity == "stage" && o.station == st.name) {
            ChartSeries obs{"observed (to the issue time)", {}, {}, "#000000", false};
            std::vector<double> t;
            for (const double x : o.series.times()) t.push_back(run.c.start.epoch_s + x);
            window(t, o.series.values(), obs);
            c.series.push_back(obs);
        }
    for (std::size_t k = 0; k < run.outcomes.size(); ++k) {
        const StationOutcome& s = run.outcomes[k].stations[station];
        c.series.push_back({run.plans[k].name + " (raw)", s.stage.epoch_s, s.stage.value, plan_colour(k), k > 0});
        if (k == 0 && s.updated)
            c.series.push_back({"baseline (updated)", s.updated->epoch_s, s.updated->value, "#e8a33d", false});
    }
    c.lines = report_terms::threshold_lines(st.stage);
    return c;
}

TimeChart flow_chart(const FourPreRun& run) {
    TimeChart c;
    c.title = "Flows that number a flood (baseline)";
    c.y_label = "Flow (m3/s)";
    c.utc_offset_min = run.offset_min;
    c.marker_epoch_s = run.issue_s;
    c.marker_label = "issue";
    std::size_t k = 0;
    for (const std::string& name : run.c.fourpre.settings.numbering) {
        const bool pool = std::any_of(run.c.network.reservoirs.begin(), run.c.network.reservoirs.end(),
                                      [&](const ReservoirSection& r) { return r.name == name; });
        const std::string column = name + (pool ? "_inflow_m3_s" : "_flow_m3_s");
        const SeriesRecord& a = run.analysis.column(column);
        const SeriesRecord& f = run.records[0].column(column);
        ChartSeries s{name + (pool ? " inflow" : ""), {}, {}, plan_colour(k++), false};
        // As the stage charts: not the first half of a cold start's spin-up.
        const double shown_from = run.analysis.start_epoch_s + 0.5 * (run.issue_s - run.analysis.start_epoch_s);
        for (std::size_t i = 0; i < a.epoch_s.size(); ++i)
            if (a.epoch_s[i] >= shown_from && a.epoch_s[i] <= run.issue_s) s.epoch_s.push_back(a.epoch_s[i]), s.value.push_back(a.value[i]);
        for (std::size_t i = 0; i < f.epoch_s.size(); ++i)
            if (f.epoch_s[i] > run.issue_s) s.epoch_s.push_back(f.epoch_s[i]), s.value.push_back(f.value[i]);
        c.series.push_back(std::move(s));
    }
    c.lines.push_back({"numbering " + shown(run.c.fourpre.settings.numbering_threshold_m3_s, 0),
                       run.c.fourpre.settings.numbering_threshold_m3_s, "#c0392b"});
    return c;
}

// Each reservoir's pool against its limits, one chart per reservoir with the most headroom used.
TimeChart reservoir_chart(const FourPreRun& run, std::size_t r) {
    const ReservoirOutcome& base = run.outcomes[0].reservoirs[r];
    TimeChart c;
    c.title = base.name + ": pool level";
    c.y_label = "Level (m)";
    c.utc_offset_min = run.offset_min;
    c.marker_epoch_s = run.issue_s;
    c.marker_label = "issue";
    for (std::size_t k = 0; k < run.outcomes.size(); ++k) {
        const ReservoirOutcome& o = run.outcomes[k].reservoirs[r];
        c.series.push_back({run.plans[k].name, o.level.epoch_s, o.level.value, plan_colour(k), k > 0});
    }
    c.lines.push_back({"flood limit " + shown(base.flood_limit_m, 1), base.flood_limit_m, level_colour(WarningLevel::yellow)});
    c.lines.push_back({"design " + shown(base.design_m, 1), base.design_m, level_colour(WarningLevel::orange)});
    return c;
}

ReportSection forecast_section(const FourPreRun& run) {
    ReportSection s{"forecast", "预报 Forecast", {}};
    const PlanOutcome& base = run.outcomes[0];
    std::string summary = "State at the issue time: " + run.start_text + ". ";
    for (const StationOutcome& st : base.stations)
        if (st.station->name == run.c.fourpre.settings.control_station) {
            const Peak& p = st.updated ? st.updated_peak : st.stage_peak;
            summary += st.station->name + " is forecast to peak at " + shown(p.value, 2) + " m (" + st.station->datum +
                       ") at " + when(run, p.epoch_s) + " (" + st.basis + "). ";
        }
    if (run.numbered.empty()) summary += "No numbered flood within the horizon. ";
    for (const NumberedFlood& f : run.numbered)
        summary += "Flood No. " + std::to_string(f.number) + ": " + f.station + " reaches " + shown(f.flow_m3_s, 0) +
                   " m3/s at " + when(run, f.epoch_s) + (f.epoch_s >= run.issue_s ? " (forecast). " : " (before the issue). ");
    s.blocks.push_back(ReportParagraph{summary});
    for (std::size_t k = 0; k < base.stations.size(); ++k)
        if (base.stations[k].station->gauge || base.stations[k].station->name == run.c.fourpre.settings.control_station)
            s.blocks.push_back(station_chart(run, k));
    if (!run.c.fourpre.settings.numbering.empty()) s.blocks.push_back(flow_chart(run));
    ReportTable peaks{"Forecast peaks at every station (baseline plan)", {"Station", "Datum", "Raw peak (m)", "Updated peak (m)", "Peak time", "Peak flow (m3/s)", "Highest warning", "Basis"}, {}, {}};
    for (const StationOutcome& st : base.stations) {
        const Peak& p = st.updated ? st.updated_peak : st.stage_peak;
        peaks.rows.push_back({st.station->name, st.station->datum, shown(st.stage_peak.value, 2),
                              st.updated ? shown(st.updated_peak.value, 2) : "-",
                              std::isfinite(p.epoch_s) ? when(run, p.epoch_s) : (st.flow_peak ? when(run, st.flow_peak->epoch_s) : "-"),
                              st.flow_peak ? shown(st.flow_peak->value, 0) : "-", to_string(st.level), st.basis});
        peaks.cell_class.push_back({"", "", "", "", "", "", level_class(st.level), ""});
    }
    s.blocks.push_back(peaks);
    if (!run.updates.empty()) {
        ReportTable up{"Station updating: AR(1) on the error observed - model, added to the raw forecast and decaying with lead time",
                       {"Station", "Error at issue (m)", "phi per step", "Step (h)", "Half-life (h)", "RMS error before (m)", "Pairs"}, {}, {}};
        for (const auto& [name, m] : run.updates)
            up.rows.push_back({name, shown(m.error_at_issue, 3), shown(m.phi, 3), shown(m.step_s / 3600.0, 2),
                               m.phi > 0 ? shown(m.step_s * std::log(0.5) / std::log(m.phi) / 3600.0, 1) : "0",
                               shown(m.rmse_before, 3), std::to_string(m.samples)});
        s.blocks.push_back(up);
    }
    if (!run.level_resets.empty()) {
        ReportTable lv{"Reservoir levels at the issue time: set to the observed ones", {"Reservoir", "Observed (m)", "Model (m)", "Model - observed (m)"}, {}, {}};
        for (const LevelReset& l : run.level_resets)
            lv.rows.push_back({l.reservoir, shown(l.observed_m, 2), shown(l.model_m, 2), shown(l.model_m - l.observed_m, 2)});
        s.blocks.push_back(lv);
    }
    ReportTable pools{"Reservoirs (baseline plan)", {"Reservoir", "Peak level (m)", "Peak time", "Flood limit (m)", "Design (m)", "Check (m)", "Peak release (m3/s)", "Hours at full capacity", "Warning"}, {}, {}};
    for (const ReservoirOutcome& r : base.reservoirs) {
        pools.rows.push_back({r.name, shown(r.max_level_m, 2), when(run, r.max_level_epoch_s), shown(r.flood_limit_m, 2),
                              shown(r.design_m, 2), shown(r.check_m, 2), shown(r.peak_release_m3_s, 0),
                              shown(r.hours_at_capacity, 1), to_string(r.warning)});
        pools.cell_class.push_back({"", "", "", "", "", "", "", "", level_class(r.warning)});
    }
    s.blocks.push_back(pools);
    // The reservoirs that store flood water in the forecast (above their flood-limit level),
    // in the case's order, up to four: the ones the plans work with.
    std::size_t charted = 0;
    for (std::size_t k = 0; k < base.reservoirs.size() && charted < 4; ++k)
        if (base.reservoirs[k].warning != WarningLevel::none) s.blocks.push_back(reservoir_chart(run, k)), ++charted;
    std::vector<ReportImage> maps;
    for (const auto& [key, caption] : {std::pair<std::string, std::string>{"depth baseline", "Maximum depth on land (baseline), the normal river as river"},
                                       {"arrival baseline", "When the flood arrives on land, hours after the issue (baseline)"},
                                       {"hazard baseline", "Flood hazard H1-H6 (ARR 2019), baseline"}}) {
        if (run.maps.count(key)) maps.push_back({caption, run.maps.at(key)});
        if (maps.size() == 2) s.blocks.push_back(maps), maps.clear();
    }
    if (!maps.empty()) s.blocks.push_back(maps);
    return s;
}

ReportTable warnings_table(const FourPreRun& run, const std::vector<Warning>& ws, const std::string& caption) {
    ReportTable t{caption, {"Kind", "Name", "Level", "Threshold", "Forecast peak (drought: lowest)", "Peak time", "First reached", "Lead", "Datum", "Basis"}, {}, {}};
    for (const Warning& w : ws) {
        const int d = w.unit == "m" ? 2 : 0;
        t.rows.push_back({w.kind, w.name, to_string(w.level), w.threshold_name + " " + shown(w.threshold, d) + " " + w.unit,
                          shown(w.peak, d) + " " + w.unit, when(run, w.peak_epoch_s), when(run, w.first_epoch_s),
                          lead_text(w.lead_s), w.datum.empty() ? "-" : w.datum, w.basis});
        t.cell_class.push_back({"", "", level_class(w.level), "", "", "", "", "", "", ""});
    }
    if (ws.empty()) t.rows.push_back({"-", "no warning", "none", "-", "-", "-", "-", "-", "-", "-"});
    return t;
}

ReportSection warning_section(const FourPreRun& run) {
    ReportSection s{"warning", "预警 Warning", {}};
    const std::vector<Warning>& ws = run.warnings[0];
    s.blocks.push_back(ReportParagraph{"Warnings of the forecast (baseline plan): " + warning_count_text(ws) +
                                       ". Stations are graded by their own thresholds in their own datum (blue within 1 m "
                                       "of the warning stage, yellow at it, orange at the guaranteed stage, red at the record), "
                                       "areas by the largest depth on their land (" +
                                       shown(run.c.fourpre.settings.area_depths_m[0], 2) + " / " + shown(run.c.fourpre.settings.area_depths_m[1], 2) + " / " +
                                       shown(run.c.fourpre.settings.area_depths_m[2], 2) + " / " + shown(run.c.fourpre.settings.area_depths_m[3], 2) +
                                       " m), reservoirs by their flood-limit, design and check flood levels. Each warning is also a CAP 1.2 file "
                                       "in warning/cap/ (" + std::to_string(run.caps.size()) + " files)."});
    s.blocks.push_back(warnings_table(run, ws, "Warnings to issue with the forecast"));
    if (run.maps.count("warning"))
        s.blocks.push_back(std::vector<ReportImage>{{"Warning map: stations coloured by level, areas outlined by level, the inundation beneath", run.maps.at("warning")}});
    return s;
}

ReportSection rehearsal_section(const FourPreRun& run) {
    ReportSection s{"rehearsal", "预演 Rehearsal", {}};
    s.blocks.push_back(ReportParagraph{"Every plan ran from the same state at " + when(run, run.issue_s) + " over the same " +
                                       shown(run.c.fourpre.settings.horizon_s / 3600.0, 0) + " h, " + std::to_string(run.at_once) +
                                       " at once, never more threads than the " + std::to_string(run.cores) +
                                       " core(s); each wrote its own complete output in rehearsal/<plan>/. Times in the tables are local (UTC" +
                                       zone(run.offset_min) + ")."});
    ReportTable plans{"The plans", {"Plan", "Why it is a candidate", "Overrides and additions"}, {}, {}};
    for (const PlanSection& p : run.plans) {
        std::string what;
        for (const std::string& o : p.set) what += (what.empty() ? "" : "; ") + o;
        plans.rows.push_back({p.name, p.reason, what.empty() ? (p.name == "baseline" ? "none" : "added rules or structures (case file)") : what});
    }
    s.blocks.push_back(plans);
    const ComparisonTable cmp = rehearsal_comparison(run);
    s.blocks.push_back(ReportTable{"The plans side by side (in rank order)", cmp.header, cmp.rows, cmp.cell_class});
    ReportTable pools{"Reservoir peak levels by plan, and their margin to the design flood level (m)", {"Plan"}, {}, {}};
    for (const ReservoirOutcome& r : run.outcomes[0].reservoirs) pools.header.push_back(r.name);
    for (const RankedPlan& rp : run.ranking) {
        std::vector<std::string> row = {run.outcomes[rp.plan].plan}, cls = {""};
        for (const ReservoirOutcome& r : run.outcomes[rp.plan].reservoirs) {
            row.push_back(shown(r.max_level_m, 2) + " (" + shown(r.design_m - r.max_level_m, 2) + ")");
            cls.push_back(r.max_level_m > r.design_m ? "bad" : level_class(r.warning));
        }
        pools.rows.push_back(row);
        pools.cell_class.push_back(cls);
    }
    s.blocks.push_back(pools);
    std::vector<ReportImage> row;
    for (const RankedPlan& rp : run.ranking) {
        const std::string key = "depth " + run.outcomes[rp.plan].plan;
        if (!run.maps.count(key)) continue;
        row.push_back({"#" + std::to_string(rp.rank) + " " + run.outcomes[rp.plan].plan, run.maps.at(key)});
        if (row.size() == 2) s.blocks.push_back(row), row.clear();
    }
    if (!row.empty()) s.blocks.push_back(row);
    return s;
}

ReportSection plan_section(const FourPreRun& run) {
    ReportSection s{"plan", "预案 Plan", {}};
    s.blocks.push_back(ReportParagraph{"The ranking rule (written in the case): " +
                                       ranking_rule_text(run.c.fourpre.settings.ranking, run.c.fourpre.settings.control_station)});
    ReportTable rank{"The ranking, and why each plan ranks where it does", {"Rank", "Plan", "Hard limits", "Why"}, {}, {}};
    for (const RankedPlan& r : run.ranking) {
        rank.rows.push_back({std::to_string(r.rank), run.outcomes[r.plan].plan, r.admissible ? "none broken" : "broken", r.why});
        rank.cell_class.push_back({"", "", r.admissible ? "good" : "bad", ""});
    }
    s.blocks.push_back(rank);
    const PlanOutcome& p = run.chosen();
    s.blocks.push_back(ReportParagraph{"Chosen plan: " + p.plan + ". " + p.reason});
    ReportTable orders{"Dispatch orders of the chosen plan: the release (m3/s) from each time until the next order",
                       {"Reservoir", "Orders", "Peak pool (m)", "Margin to design (m)"}, {}, {}};
    for (const ReservoirOutcome& r : p.reservoirs) {
        std::string list;
        for (const DispatchOrder& o : dispatch_orders(r, run.issue_s, 6 * 3600.0))
            list += (list.empty() ? "" : "; ") + when(run, o.epoch_s) + ": " + shown(o.release_m3_s, 0);
        orders.rows.push_back({r.name, list, shown(r.max_level_m, 2) + " at " + when(run, r.max_level_epoch_s),
                               shown(r.design_m - r.max_level_m, 2)});
    }
    s.blocks.push_back(orders);
    s.blocks.push_back(warnings_table(run, run.warnings[run.chosen_index()], "Warnings to issue with the chosen plan"));
    ReportTable act{"Areas to evacuate and reaches to patrol", {"Action", "Where", "From", "To / until", "Detail"}, {}, {}};
    for (const AreaImpact& a : p.areas)
        if (a.level >= WarningLevel::orange)
            act.rows.push_back({"evacuate", a.name, a.first_flooded_epoch_s ? "before " + when(run, *a.first_flooded_epoch_s) : "-", "-",
                                shown(a.flooded_m2 / 1e6, 2) + " km2 flooded, up to " + shown(a.max_depth_m, 2) + " m" +
                                    (a.people_affected ? ", about " + shown(*a.people_affected, 0) + " people" : "")});
    for (const PatrolReach& r : patrol_reaches(p))
        act.rows.push_back({"patrol", r.station + " reach", when(run, r.from_s), when(run, r.to_s),
                            "above the warning stage " + shown(r.warning_stage_m, 2) + " m (" + r.datum + "), peak " + shown(r.peak_m, 2) + " m"});
    if (act.rows.empty()) act.rows.push_back({"none", "-", "-", "-", "no area at orange or above, no station above its warning stage"});
    s.blocks.push_back(act);
    std::string risks;
    for (const std::string& r : residual_risks(run)) risks += (risks.empty() ? "" : " ") + r;
    s.blocks.push_back(ReportParagraph{"Residual risks. " + risks});
    if (!run.skipped.empty()) {
        std::string notes;
        for (const std::string& n : run.skipped) notes += (notes.empty() ? "" : " ") + n + ".";
        s.blocks.push_back(ReportParagraph{"Not made: " + notes});
    }
    return s;
}

}  // namespace

ReportPage fourpre_report(const FourPreRun& run) {
    ReportPage page;
    page.title = "Four pre- report 四预: " + run.c.name;
    page.subtitle = "Forecast, warning, rehearsal and plan at the issue time " + run.time(run.issue_s);
    page.facts = {{"Issue time", run.time(run.issue_s)},
                  {"Horizon", shown(run.c.fourpre.settings.horizon_s / 3600.0, 0) + " h, to " + run.time(run.issue_s + run.c.fourpre.settings.horizon_s)},
                  {"State", run.start_text},
                  {"Plans rehearsed", std::to_string(run.plans.size())},
                  {"Chosen plan", run.chosen().plan},
                  {"Warnings (forecast)", warning_count_text(run.warnings[0])},
                  {"Mass balance (baseline, relative)", scientific(run.outcomes[0].mass_error)},
                  {"Terrain", run.c.output.map_note.empty() ? "as the case's DEM" : run.c.output.map_note}};
    page.sections = {forecast_section(run), warning_section(run)};
    if (run.ensemble) page.sections.push_back(ensemble_section(run));
    page.sections.push_back(rehearsal_section(run));
    page.sections.push_back(plan_section(run));
    page.footer = "floodtwin, a simulation: not an official forecast or warning. " + run.command_line;
    return page;
}

}  // namespace floodtwin::twin
