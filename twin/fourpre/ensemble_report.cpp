#include "twin/fourpre/ensemble_report.hpp"

#include <algorithm>
#include <cmath>

#include "grids/text_fields.hpp"
#include "twin/fourpre/level_crossings.hpp"
#include "twin/fourpre/member_statistics.hpp"
#include "twin/fourpre/report_terms.hpp"

namespace floodtwin::twin {

namespace {

using report_terms::level_class;
using report_terms::shown;

std::string percent(double p) { return shown(p * 100.0, 0) + " %"; }

// How the members differ from the case, in a sentence.
std::string perturbations(const EnsembleSettings& s) {
    std::string t = "Forecast inflows carry multiplicative log-normal errors (log-sd " + shown(s.inflow_error, 2) +
                    " at 24 h lead, growing with lead up to " + shown(s.inflow_error_max, 2) + "; AR(1) with " +
                    shown(s.inflow_correlation_time_s / 3600.0, 0) + " h correlation time" +
                    (s.inflows.size() > 1 ? ", correlated between " + std::to_string(s.inflows.size()) + " inflows" : "") +
                    ")";
    if (s.rain_error > 0.0) t += "; rain scaled (log-sd " + shown(s.rain_error, 2) + ")";
    if (s.rain_shift_m > 0.0) t += " and displaced up to " + shown(s.rain_shift_m / 1000.0, 1) + " km";
    if (s.manning_factor.size() == 2 && s.manning_factor[0] != s.manning_factor[1])
        t += "; Manning's n times " + shown(s.manning_factor[0], 2) + " to " + shown(s.manning_factor[1], 2);
    if (s.rule_error > 0.0) t += "; reservoir rule flows varied (log-sd " + shown(s.rule_error, 2) + ")";
    return t + ". Member k's inputs depend on the seed (" + grids::number_text(s.seed) + ") and k alone.";
}

TimeChart spread_chart(const FourPreRun& run, const StationEnsemble& e, const StationOutcome& det) {
    TimeChart c;
    c.title = e.name + ": ensemble against the deterministic forecast";
    const std::string datum = e.datum.substr(0, e.datum.find(" ("));
    c.y_label = "Stage (m" + (datum.empty() ? std::string() : ", " + datum) + ")";
    c.utc_offset_min = run.offset_min;
    c.marker_epoch_s = run.issue_s;
    c.marker_label = "issue";
    const EnsembleStations& st = run.ensemble->stations;
    std::vector<double> q10, q90, lo, hi;
    for (std::size_t i = 0; i < st.epoch_s.size(); ++i) {
        q10.push_back(e.quantiles[i][0]);
        q90.push_back(e.quantiles[i][2]);
        lo.push_back(e.mean[i] - e.spread[i]);
        hi.push_back(e.mean[i] + e.spread[i]);
    }
    c.series.push_back({"10 % quantile", st.epoch_s, q10, "#9ecae1", true});
    c.series.push_back({"90 % quantile", st.epoch_s, q90, "#3182bd", true});
    c.series.push_back({"mean - spread", st.epoch_s, lo, "#bbbbbb", true});
    c.series.push_back({"mean + spread", st.epoch_s, hi, "#888888", true});
    c.series.push_back({"ensemble mean", st.epoch_s, e.mean, "#08306b", false});
    const SeriesRecord& basis = det.updated ? *det.updated : det.stage;
    c.series.push_back({"deterministic (" + det.basis + ")", basis.epoch_s, basis.value, "#e8a33d", false});
    c.lines = report_terms::threshold_lines(det.station->stage);
    return c;
}

}  // namespace

ReportSection ensemble_section(const FourPreRun& run) {
    const EnsembleForecast& f = *run.ensemble;
    ReportSection s{"ensemble", "集合预报 Ensemble", {}};
    std::string intro = std::to_string(f.present.size()) + " of " + std::to_string(f.expected) +
                        " members of the baseline forecast, each from the same state at " + run.time(run.issue_s) +
                        " (" + f.how + ", " + shown(f.wall_s, 0) + " s). " + perturbations(run.c.ensemble);
    if (!f.missing.empty()) {
        std::string list;
        for (const int k : f.missing) list += (list.empty() ? "" : ", ") + std::to_string(k);
        intro += " Members " + list + " failed twice and are left out: the chances are of the others.";
    }
    intro += " Station stages are updated as the deterministic forecast's are. Chance of a numbered flood: " +
             percent(f.stations.numbered_probability) + ".";
    s.blocks.push_back(ReportParagraph{intro});
    std::string bulletin;
    for (const StationEnsemble& e : f.stations.stations) {
        const std::string t = probabilistic_warning_text(e, run.issue_s, run.offset_min);
        if (!t.empty()) bulletin += (bulletin.empty() ? "" : "; ") + t;
    }
    s.blocks.push_back(ReportParagraph{bulletin.empty() ? "No station reaches a warning level in one member in ten."
                                                        : "Probabilistic warnings: " + bulletin + "."});
    ReportTable t{"Chance of each warning level over the members, with the earliest first crossing (lead from the issue)",
                  {"Station", "Datum", "Blue", "Yellow", "Orange", "Red", "Peak stage 10/50/90 % (m)", "Deterministic"},
                  {},
                  {}};
    const PlanOutcome& base = run.outcomes.at(0);
    for (std::size_t k = 0; k < f.stations.stations.size(); ++k) {
        const StationEnsemble& e = f.stations.stations[k];
        std::vector<std::string> row = {e.name, e.datum.empty() ? "-" : e.datum};
        std::vector<std::string> cls = {"", ""};
        for (std::size_t l = 0; l < 4; ++l) {
            row.push_back(percent(e.probability[l]) +
                          (std::isnan(e.earliest[l]) ? "" : " (" + lead_text(e.earliest[l] - run.issue_s) + ")"));
            cls.push_back(e.probability[l] >= 0.5 ? level_class(ensemble_levels[l]) : "");
        }
        std::vector<double> peaks;
        for (const double v : e.max_stage)
            if (!std::isnan(v)) peaks.push_back(v);
        std::sort(peaks.begin(), peaks.end());
        row.push_back(peaks.empty() ? "-"
                                    : shown(sorted_quantile(peaks, 0.1), 2) + " / " + shown(sorted_quantile(peaks, 0.5), 2) +
                                          " / " + shown(sorted_quantile(peaks, 0.9), 2));
        row.push_back(k < base.stations.size() ? to_string(base.stations[k].level) : "-");
        cls.push_back("");
        cls.push_back(k < base.stations.size() ? level_class(base.stations[k].level) : "");
        t.rows.push_back(row);
        t.cell_class.push_back(cls);
    }
    s.blocks.push_back(t);
    for (std::size_t k = 0; k < f.stations.stations.size() && k < base.stations.size(); ++k) {
        const StationEnsemble& e = f.stations.stations[k];
        const bool charted = base.stations[k].station->gauge || e.name == run.c.fourpre.settings.control_station;
        if (e.has_stage && charted) s.blocks.push_back(spread_chart(run, e, base.stations[k]));
    }
    ReportTable land{"Land with an even chance or more of each depth (members), against the deterministic forecast",
                     {"Depth", "Land, chance >= 50 % (km2)"}, {}, {}};
    for (std::size_t d = 0; d < 4; ++d)
        land.rows.push_back({shown(ensemble_depths_m[d], 2) + " m or more", shown(f.land_area_likely_m2[d] / 1e6, 2)});
    land.rows.push_back({"deterministic, 0.15 m or more", shown(base.flood.flooded_land_m2 / 1e6, 2)});
    s.blocks.push_back(land);
    std::vector<ReportImage> maps;
    for (const auto& [key, png] : f.maps) {
        maps.push_back({"Chance the flood reaches " + key + " m", png});
        if (maps.size() == 2) s.blocks.push_back(maps), maps.clear();
    }
    if (!maps.empty()) s.blocks.push_back(maps);
    return s;
}

}  // namespace floodtwin::twin
