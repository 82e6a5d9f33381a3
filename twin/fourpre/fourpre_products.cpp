#include "twin/fourpre/fourpre_products.hpp"

#include <cmath>
#include <sstream>

#include "grids/atomic_file.hpp"
#include "grids/gdal_raster.hpp"
#include "grids/geotiff_writer.hpp"
#include "grids/text_fields.hpp"
#include "twin/case/time_text.hpp"
#include "twin/fourpre/fixed_text.hpp"
#include "twin/warning/flood_classes.hpp"

namespace floodtwin::twin {

namespace fs = std::filesystem;

namespace {

nlohmann::json number_or_null(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(); }

// A class map (results.nc order, j = 0 south) as a GeoTIFF (rows from the north).
void write_class_tif(const fs::path& path, const Inundation& f, const std::vector<int>& classes, const std::string& what) {
    const grids::NcGrid& g = f.grid;
    grids::Raster<double> r(g.nx, g.ny, {g.x0_m - g.dx_m / 2, g.y0_m + (g.ny - 0.5) * g.dy_m, g.dx_m, -g.dy_m});
    r.crs_wkt = g.crs_wkt;
    r.nodata = class_outside;
    for (std::size_t j = 0; j < g.ny; ++j)
        for (std::size_t i = 0; i < g.nx; ++i) r.at(i, g.ny - 1 - j) = classes[i + g.nx * j];
    grids::write_geotiff(path, r, {.metadata = {{"floodtwin_quantity", what}}, .floating_point_predictor = false});
}

nlohmann::json peak_json(const Peak& p, const FourPreRun& run) {
    return {{"value", number_or_null(p.value)}, {"time", std::isfinite(p.epoch_s) ? run.time(p.epoch_s) : ""}};
}

}  // namespace

std::vector<NumberedFlood> forecast_numbered_floods(const FourPreRun& run) {
    const FourPreSettings& s = run.c.fourpre.settings;
    std::vector<FlowRecord> records;
    for (const std::string& name : s.numbering) {
        const bool pool = std::any_of(run.c.network.reservoirs.begin(), run.c.network.reservoirs.end(),
                                      [&](const ReservoirSection& r) { return r.name == name; });
        const std::string column = name + (pool ? "_inflow_m3_s" : "_flow_m3_s");
        FlowRecord rec{name + (pool ? " inflow" : ""), {}, {}};
        // The analysis up to the issue time, then the baseline forecast.
        const SeriesRecord& before = run.analysis.column(column);
        for (std::size_t k = 0; k < before.epoch_s.size(); ++k)
            if (before.epoch_s[k] < run.issue_s) rec.epoch_s.push_back(before.epoch_s[k]), rec.flow_m3_s.push_back(before.value[k]);
        const SeriesRecord& after = run.records[0].column(column);
        for (std::size_t k = 0; k < after.epoch_s.size(); ++k)
            if (after.epoch_s[k] >= run.issue_s) rec.epoch_s.push_back(after.epoch_s[k]), rec.flow_m3_s.push_back(after.value[k]);
        records.push_back(std::move(rec));
    }
    if (records.empty()) return {};
    NumberingRule rule;
    rule.threshold_m3_s = s.numbering_threshold_m3_s;
    rule.separation_s = s.numbering_separation_s;
    rule.numbers_before = static_cast<int>(s.numbers_before);
    rule.previous_number_s = s.last_numbered_epoch_s;
    return numbered_floods(records, rule);
}

void write_forecast_products(const FourPreRun& run) {
    const fs::path dir = run.out / "forecast";
    fs::create_directories(dir);
    const PlanOutcome& base = run.outcomes.at(0);
    // Hydrographs: one row a time, every station's raw and updated stage and its flow.
    std::ostringstream csv;
    csv << "time_iso,lead_h";
    for (const StationOutcome& s : base.stations) {
        const std::string d = s.station->datum.empty() ? "" : "_" + s.station->datum;
        if (!s.stage.empty()) csv << ',' << grids::csv_field(s.station->name + "_stage_m" + d);
        if (s.updated) csv << ',' << grids::csv_field(s.station->name + "_updated_stage_m" + d);
        if (!s.flow.empty()) csv << ',' << grids::csv_field(s.station->name + "_flow_m3_s");
    }
    csv << '\n';
    const SeriesRecord& clock = base.stations.front().stage.empty() ? base.stations.front().flow : base.stations.front().stage;
    for (const double t : clock.epoch_s) {
        csv << run.time(t) << ',' << fixed((t - run.issue_s) / 3600.0, 2);
        for (const StationOutcome& s : base.stations) {
            if (!s.stage.empty()) csv << ',' << fixed(value_at(s.stage, t), 3);
            if (s.updated) csv << ',' << fixed(value_at(*s.updated, t), 3);
            if (!s.flow.empty()) csv << ',' << fixed(value_at(s.flow, t), 1);
        }
        csv << '\n';
    }
    grids::write_text_atomic(dir / "hydrographs.csv", csv.str());

    nlohmann::json stations = nlohmann::json::array();
    for (const StationOutcome& s : base.stations) {
        nlohmann::json j = {{"name", s.station->name},
                            {"datum", s.station->datum},
                            {"kind", s.station->gauge ? "2D gauge" : "network node"},
                            {"raw_peak_stage_m", peak_json(s.stage_peak, run)},
                            {"warning_level", to_string(s.level)},
                            {"basis", s.basis}};
        if (s.updated) {
            const ErrorModel& m = run.updates.at(s.station->name);
            j["updated_peak_stage_m"] = peak_json(s.updated_peak, run);
            j["updating"] = {{"model", "AR(1) on observed - model, decaying with lead time"},
                             {"error_at_issue_m", m.error_at_issue},
                             {"phi_per_step", m.phi},
                             {"step_s", m.step_s},
                             {"half_life_h", m.phi > 0 ? m.step_s * std::log(0.5) / std::log(m.phi) / 3600.0 : 0.0},
                             {"rmse_before_m", m.rmse_before},
                             {"pairs", m.samples}};
        }
        if (s.flow_peak) j["peak_flow_m3_s"] = peak_json(*s.flow_peak, run);
        nlohmann::json crossings = nlohmann::json::array();
        for (const LevelCrossing& x : s.crossings)
            crossings.push_back({{"level", to_string(x.level)}, {"threshold_m", x.threshold}, {"time", run.time(x.epoch_s)},
                                 {"lead_h", (x.epoch_s - run.issue_s) / 3600.0}});
        j["crossings"] = crossings;
        stations.push_back(j);
    }
    nlohmann::json numbered = nlohmann::json::array();
    for (const NumberedFlood& f : run.numbered)
        numbered.push_back({{"number", f.number}, {"station", f.station}, {"time", run.time(f.epoch_s)},
                            {"flow_m3_s", f.flow_m3_s}, {"forecast", f.epoch_s >= run.issue_s}});
    nlohmann::json pools = nlohmann::json::array();
    for (const ReservoirOutcome& r : base.reservoirs) {
        nlohmann::json traj = nlohmann::json::array();
        for (std::size_t k = 0; k < r.level.epoch_s.size(); k += 4)  // hourly from the 15-min network log
            traj.push_back({run.time(r.level.epoch_s[k]), r.level.value[k], value_at(r.release, r.level.epoch_s[k])});
        pools.push_back({{"name", r.name},
                         {"max_level_m", r.max_level_m},
                         {"max_level_time", run.time(r.max_level_epoch_s)},
                         {"flood_limit_m", r.flood_limit_m},
                         {"design_flood_level_m", r.design_m},
                         {"check_flood_level_m", r.check_m},
                         {"peak_release_m3_s", r.peak_release_m3_s},
                         {"trajectory", {{"columns", {"time", "level_m", "release_m3_s"}}, {"rows", traj}}}});
    }
    nlohmann::json resets = nlohmann::json::array();
    for (const LevelReset& l : run.level_resets)
        resets.push_back({{"reservoir", l.reservoir}, {"observed_m", l.observed_m}, {"model_m", l.model_m},
                          {"model_minus_observed_m", l.model_m - l.observed_m}});
    const nlohmann::json doc = {
        {"case", run.c.name},
        {"issue_time", run.time(run.issue_s)},
        {"horizon_h", run.c.fourpre.settings.horizon_s / 3600.0},
        {"start", run.start_text},
        {"reservoir_levels_set_to_observed", resets},
        {"stations", stations},
        {"numbered_floods", numbered},
        {"numbering_rule", {{"stations", run.c.fourpre.settings.numbering},
                            {"threshold_m3_s", run.c.fourpre.settings.numbering_threshold_m3_s},
                            {"separation_h", run.c.fourpre.settings.numbering_separation_s / 3600.0},
                            {"numbers_before", run.c.fourpre.settings.numbers_before}}},
        {"reservoirs", pools},
        {"flooded_land_km2", base.flood.flooded_land_m2 / 1e6},
        {"mass_error", base.mass_error},
        {"hazard_classification", hazard_classification_source}};
    grids::write_text_atomic(dir / "forecast.json", doc.dump(2) + "\n");
    for (std::size_t k = 0; k < run.outcomes.size(); ++k) {
        const PlanOutcome& p = run.outcomes[k];
        write_class_tif(p.dir / "depth_classes.tif", p.flood, p.flood.depth_class,
                        "depth class on land: 1 [0.15,0.5) 2 [0.5,1.5) 3 [1.5,3) 4 >=3 m; 9 normal river");
        write_class_tif(p.dir / "arrival_classes.tif", p.flood, p.flood.arrival_class,
                        "flood arrival on land, hours after the issue: 1 <1 2 [1,6) 3 [6,12) 4 [12,24) 5 [24,48) 6 >=48; 9 normal river");
        write_class_tif(p.dir / "hazard_classes.tif", p.flood, p.flood.hazard_class,
                        std::string("hazard class H1..H6 (") + hazard_classification_source + "); 9 normal river");
    }
}

ComparisonTable rehearsal_comparison(const FourPreRun& run) {
    ComparisonTable t;
    t.header = {"Rank", "Plan"};
    const PlanOutcome& base = run.outcomes.at(0);
    for (const StationOutcome& s : base.stations)
        if (s.station->gauge || s.station->name == run.c.fourpre.settings.control_station)
            t.header.push_back(s.station->name + " peak (m)");
    t.header.insert(t.header.end(), {"Highest warning", "Flooded land (km2)"});
    for (const AreaSection& a : run.c.fourpre.areas)
        if (a.kind == "protected") t.header.push_back(a.name + " (km2)");
    if (!run.c.network.reservoirs.empty()) t.header.push_back("Least margin to design (m)");
    t.header.insert(t.header.end(), {"Hard limits", "Storage left (bn m3)", "Energy (GWh)", "Hours below minimums"});
    for (const RankedPlan& rp : run.ranking) {
        const PlanOutcome& p = run.outcomes[rp.plan];
        std::vector<std::string> row = {std::to_string(rp.rank), p.plan}, cls = {"", ""};
        WarningLevel top = WarningLevel::none;
        for (const StationOutcome& s : p.stations) {
            top = std::max(top, s.level);
            if (!(s.station->gauge || s.station->name == run.c.fourpre.settings.control_station)) continue;
            row.push_back(fixed(s.updated ? s.updated_peak.value : s.stage_peak.value, 2));
            cls.push_back(s.level == WarningLevel::none ? "" : "level-" + to_string(s.level));
        }
        for (const AreaImpact& a : p.areas) top = std::max(top, a.level);
        row.push_back(to_string(top));
        cls.push_back(top == WarningLevel::none ? "" : "level-" + to_string(top));
        row.push_back(fixed(p.flood.flooded_land_m2 / 1e6, 2));
        cls.push_back("");
        for (const AreaImpact& a : p.areas)
            if (a.kind == "protected") {
                row.push_back(fixed(a.flooded_m2 / 1e6, 2));
                cls.push_back(a.level == WarningLevel::none ? "" : "level-" + to_string(a.level));
            }
        // The reservoir closest to its design flood level.
        const ReservoirOutcome* tight = nullptr;
        for (const ReservoirOutcome& r : p.reservoirs)
            if (!tight || r.design_m - r.max_level_m < tight->design_m - tight->max_level_m) tight = &r;
        if (tight) {
            row.push_back(fixed(tight->design_m - tight->max_level_m, 2) + " " + tight->name);
            cls.push_back(tight->max_level_m > tight->design_m ? "bad" : "");
        }
        row.push_back(p.hard_breaches.empty() ? "none" : std::to_string(p.hard_breaches.size()) + " broken");
        cls.push_back(p.hard_breaches.empty() ? "good" : "bad");
        row.push_back(fixed(p.storage_left_m3 / 1e9, 2));
        row.push_back(fixed(p.energy_mwh / 1e3, 0));
        row.push_back(fixed(p.minimum_flow_hours, 1));
        cls.insert(cls.end(), {"", "", ""});
        t.rows.push_back(std::move(row));
        t.cell_class.push_back(std::move(cls));
    }
    return t;
}

void write_rehearsal_comparison(const FourPreRun& run) {
    const ComparisonTable t = rehearsal_comparison(run);
    std::ostringstream csv;
    for (std::size_t c = 0; c < t.header.size(); ++c) csv << (c ? "," : "") << grids::csv_field(t.header[c]);
    csv << '\n';
    for (const auto& row : t.rows) {
        for (std::size_t c = 0; c < row.size(); ++c) csv << (c ? "," : "") << grids::csv_field(row[c]);
        csv << '\n';
    }
    grids::write_text_atomic(run.out / "rehearsal" / "comparison.csv", csv.str());
    nlohmann::json plans = nlohmann::json::array();
    for (const RankedPlan& rp : run.ranking) {
        const PlanOutcome& p = run.outcomes[rp.plan];
        nlohmann::json st = nlohmann::json::array(), areas = nlohmann::json::array(), pools = nlohmann::json::array();
        for (const StationOutcome& s : p.stations)
            st.push_back({{"name", s.station->name}, {"peak_stage_m", number_or_null(s.updated ? s.updated_peak.value : s.stage_peak.value)},
                          {"peak_time", std::isfinite(s.stage_peak.epoch_s) ? run.time(s.updated ? s.updated_peak.epoch_s : s.stage_peak.epoch_s) : ""},
                          {"highest_warning", to_string(s.level)}});
        for (const AreaImpact& a : p.areas)
            areas.push_back({{"name", a.name}, {"kind", a.kind}, {"flooded_km2", a.flooded_m2 / 1e6},
                             {"max_depth_m", a.max_depth_m}, {"warning", to_string(a.level)}});
        for (const ReservoirOutcome& r : p.reservoirs)
            pools.push_back({{"name", r.name}, {"peak_level_m", r.max_level_m}, {"peak_time", run.time(r.max_level_epoch_s)},
                             {"margin_to_flood_limit_m", r.flood_limit_m - r.max_level_m},
                             {"margin_to_design_m", r.design_m - r.max_level_m},
                             {"margin_to_check_m", r.check_m - r.max_level_m},
                             {"storage_left_m3", r.storage_left_m3}, {"energy_mwh", r.energy_mwh}});
        plans.push_back({{"rank", rp.rank}, {"plan", p.plan}, {"reason", p.reason}, {"why_this_rank", rp.why},
                         {"hard_limit_breaches", p.hard_breaches}, {"stations", st}, {"areas", areas},
                         {"reservoirs", pools}, {"flooded_land_km2", p.flood.flooded_land_m2 / 1e6},
                         {"protected_flooded_km2", p.protected_flooded_m2 / 1e6},
                         {"storage_left_m3", p.storage_left_m3}, {"energy_mwh", p.energy_mwh},
                         {"hours_below_minimums", p.minimum_flow_hours}, {"mass_error", p.mass_error},
                         {"output", p.dir.string()}});
    }
    const nlohmann::json doc = {{"case", run.c.name}, {"issue_time", run.time(run.issue_s)},
                                {"ranking_rule", ranking_rule_text(run.c.fourpre.settings.ranking, run.c.fourpre.settings.control_station)},
                                {"plans", plans}};
    grids::write_text_atomic(run.out / "rehearsal" / "comparison.json", doc.dump(2) + "\n");
}

}  // namespace floodtwin::twin
