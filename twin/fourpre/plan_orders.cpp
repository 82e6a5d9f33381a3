#include "twin/fourpre/plan_orders.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "twin/fourpre/fixed_text.hpp"

namespace floodtwin::twin {

std::vector<DispatchOrder> dispatch_orders(const ReservoirOutcome& r, double issue_s, double step_s) {
    std::vector<DispatchOrder> out;
    if (r.release.empty()) return out;
    const double end = r.release.epoch_s.back();
    for (double t = issue_s; t < end - 1e-6; t += step_s) {
        // The mean release over the order's interval: what a gate schedule sets.
        double sum = 0.0;
        int n = 0;
        for (std::size_t k = 0; k < r.release.epoch_s.size(); ++k)
            if (r.release.epoch_s[k] >= t - 1e-6 && r.release.epoch_s[k] < t + step_s - 1e-6) sum += r.release.value[k], ++n;
        const double q = n ? sum / n : value_at(r.release, t);
        if (!out.empty() && std::abs(q - out.back().release_m3_s) <= std::max(200.0, 0.02 * out.back().release_m3_s)) continue;
        out.push_back({t, std::round(q / 10.0) * 10.0, value_at(r.level, t)});
    }
    return out;
}

std::vector<PatrolReach> patrol_reaches(const PlanOutcome& p) {
    std::vector<PatrolReach> out;
    for (const StationOutcome& s : p.stations) {
        const auto& ws = s.station->stage.warning_stage_m;
        if (!ws) continue;
        const SeriesRecord& stage = s.updated ? *s.updated : s.stage;
        PatrolReach r{s.station->name, 0, 0, 0, *ws, s.station->datum};
        bool any = false;
        for (std::size_t k = 0; k < stage.value.size(); ++k)
            if (stage.value[k] >= *ws) {
                if (!any) r.from_s = stage.epoch_s[k];
                r.to_s = stage.epoch_s[k];
                r.peak_m = std::max(any ? r.peak_m : stage.value[k], stage.value[k]);
                any = true;
            }
        if (any) out.push_back(r);
    }
    return out;
}

std::vector<std::string> residual_risks(const FourPreRun& run) {
    const PlanOutcome& p = run.chosen();
    std::vector<std::string> out;
    for (const std::string& b : p.hard_breaches) out.push_back("Hard limit: " + b + ".");
    for (const StationOutcome& s : p.stations) {
        const auto& g = s.station->stage.guaranteed_stage_m;
        const Peak& peak = s.updated ? s.updated_peak : s.stage_peak;
        if (g && std::isfinite(peak.value) && peak.value >= *g)
            out.push_back(s.station->name + " still reaches " + fixed(peak.value, 2) + " m (" + s.station->datum +
                          ") at " + run.time(peak.epoch_s) + ", above its guaranteed stage " + fixed(*g, 2) +
                          " m: levees and flood walls there hold the water only as far as they are built.");
    }
    for (const AreaImpact& a : p.areas)
        if (a.flooded_m2 > 0.0)
            out.push_back(a.name + " (" + a.kind + ") still has " + fixed(a.flooded_m2 / 1e6, 2) + " km2 of land flooded, up to " +
                          fixed(a.max_depth_m, 2) + " m.");
    for (const ReservoirOutcome& r : p.reservoirs)
        if (r.design_m - r.max_level_m < 1.0)
            out.push_back(r.name + " comes within " + fixed(r.design_m - r.max_level_m, 2) + " m of its design flood level (" +
                          fixed(r.design_m, 2) + " m): little room if the inflow forecast is low.");
    for (const auto& [name, m] : run.updates)
        out.push_back("Forecast error at " + name + ": the model was " + fixed(-m.error_at_issue, 2) +
                      " m off the observation at the issue time (RMS " + fixed(m.rmse_before, 2) +
                      " m over the window before); the updated forecast assumes the error decays (AR(1), phi " +
                      fixed(m.phi, 3) + " per " + fixed(m.step_s / 3600.0, 2) + " h).");
    out.push_back("The inflows after the issue time are forecasts: a wetter forecast at the next issue time can change "
                  "the ranking. Re-run at the next cycle.");
    return out;
}

nlohmann::json plan_document(const FourPreRun& run) {
    nlohmann::json ranking = nlohmann::json::array();
    for (const RankedPlan& r : run.ranking) {
        nlohmann::json values = nlohmann::json::object();
        for (const ObjectiveValue& v : r.values) values[v.objective] = v.text;
        ranking.push_back({{"rank", r.rank}, {"plan", run.outcomes[r.plan].plan}, {"reason", run.outcomes[r.plan].reason},
                           {"breaks_no_hard_limit", r.admissible}, {"hard_limit_breaches", run.outcomes[r.plan].hard_breaches},
                           {"objectives", values}, {"why", r.why}});
    }
    const PlanOutcome& p = run.chosen();
    nlohmann::json orders = nlohmann::json::array();
    for (const ReservoirOutcome& r : p.reservoirs) {
        nlohmann::json list = nlohmann::json::array();
        for (const DispatchOrder& o : dispatch_orders(r, run.issue_s, 6 * 3600.0))
            list.push_back({{"from", run.time(o.epoch_s)}, {"release_m3_s", o.release_m3_s}, {"pool_level_m", o.level_m}});
        orders.push_back({{"reservoir", r.name}, {"orders", list}, {"peak_level_m", r.max_level_m},
                          {"peak_level_time", run.time(r.max_level_epoch_s)}, {"margin_to_design_m", r.design_m - r.max_level_m}});
    }
    nlohmann::json warnings = nlohmann::json::array();
    for (const Warning& w : run.warnings[run.chosen_index()]) warnings.push_back(warning_json(w, run.offset_min));
    nlohmann::json evacuate = nlohmann::json::array();
    for (const AreaImpact& a : p.areas)
        if (a.level >= WarningLevel::orange) {
            nlohmann::json j = {{"area", a.name}, {"kind", a.kind}, {"warning", to_string(a.level)},
                                {"flooded_km2", a.flooded_m2 / 1e6}, {"max_depth_m", a.max_depth_m}};
            if (a.first_flooded_epoch_s) j["evacuate_before"] = run.time(*a.first_flooded_epoch_s);
            if (a.people_affected) j["people"] = std::round(*a.people_affected);
            evacuate.push_back(j);
        }
    nlohmann::json patrol = nlohmann::json::array();
    for (const PatrolReach& r : patrol_reaches(p))
        patrol.push_back({{"station", r.station}, {"from", run.time(r.from_s)}, {"to", run.time(r.to_s)},
                          {"peak_stage_m", r.peak_m}, {"warning_stage_m", r.warning_stage_m}, {"datum", r.datum},
                          {"what", "patrol the banks and levees of the reach at " + r.station + " while above its warning stage"}});
    return {{"case", run.c.name},
            {"issue_time", run.time(run.issue_s)},
            {"horizon_h", run.c.fourpre.settings.horizon_s / 3600.0},
            {"ranking_rule", ranking_rule_text(run.c.fourpre.settings.ranking, run.c.fourpre.settings.control_station)},
            {"ranking", ranking},
            {"chosen_plan",
             {{"plan", p.plan}, {"reason", p.reason}, {"why", run.ranking.front().why},
              {"dispatch_orders", orders}, {"warnings_to_issue", warnings}, {"evacuate", evacuate},
              {"patrol", patrol}, {"residual_risks", residual_risks(run)}, {"outputs", p.dir.string()}}}};
}

}  // namespace floodtwin::twin
