#include "twin/dispatch/supply_report.hpp"

#include <algorithm>
#include <map>

#include "twin/case/time_text.hpp"

namespace floodtwin::twin {

namespace {

std::string iso(const Network& n, double t_s) { return format_instant(n.start().epoch_s + t_s, n.start().utc_offset_min); }

double share_of(double part, double whole) { return whole > 0.0 ? part / whole : 1.0; }

}  // namespace

nlohmann::json demand_summary(const Network& network) {
    nlohmann::json out = nlohmann::json::array();
    const NetworkDemands& demands = network.demands();
    for (std::size_t d = 0; d < demands.demands().size(); ++d) {
        const NetworkDemand& dem = demands.demands()[d];
        const DemandAccount& a = demands.accounts()[d];
        nlohmann::json j = {{"name", dem.name},
                            {"node", network.nodes()[static_cast<std::size_t>(dem.node)].name},
                            {"purpose", dem.purpose},
                            {"priority", dem.priority},
                            {"demanded_m3", a.demanded_m3},
                            {"delivered_m3", a.delivered_m3},
                            {"short_m3", std::max(0.0, a.demanded_m3 - a.delivered_m3)},
                            {"reliability", share_of(a.delivered_m3, a.demanded_m3)},
                            {"days_short", a.short_s / 86400.0},
                            {"largest_deficit_m3_s", a.largest_deficit_m3_s},
                            {"returned_m3", a.returned_m3}};
        if (a.largest_deficit_m3_s > 0.0) j["largest_deficit_time"] = iso(network, a.largest_deficit_time_s);
        if (dem.return_node >= 0) j["return_to"] = network.nodes()[static_cast<std::size_t>(dem.return_node)].name;
        if (!dem.note.empty()) j["note"] = dem.note;
        out.push_back(std::move(j));
    }
    return out;
}

nlohmann::json supply_by_purpose(const Network& network) {
    struct Total {
        double demanded = 0.0, delivered = 0.0, short_days = 0.0;
    };
    std::map<std::string, Total> by;
    const NetworkDemands& demands = network.demands();
    for (std::size_t d = 0; d < demands.demands().size(); ++d) {
        Total& t = by[demands.demands()[d].purpose];
        t.demanded += demands.accounts()[d].demanded_m3;
        t.delivered += demands.accounts()[d].delivered_m3;
        t.short_days = std::max(t.short_days, demands.accounts()[d].short_s / 86400.0);
    }
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [purpose, t] : by)
        out[purpose] = {{"demanded_m3", t.demanded},
                        {"delivered_m3", t.delivered},
                        {"short_m3", std::max(0.0, t.demanded - t.delivered)},
                        {"reliability", share_of(t.delivered, t.demanded)},
                        {"most_days_short", t.short_days}};
    return out;
}

nlohmann::json minimum_summary(const Network& network, const MinimumFlows& minimums, const NetworkRecorder& recorder) {
    nlohmann::json out = nlohmann::json::array();
    const double dt_h = network.step_s() / 3600.0;
    for (const MinimumPoint& p : minimums.points()) {
        const auto station = static_cast<std::size_t>(p.station);
        double hours = 0.0, lowest = 0.0, lowest_t = 0.0;
        bool first = true;
        // The first sample is the start, before any decision: counted from the first step on.
        for (std::size_t s = 1; s < recorder.times_s().size(); ++s) {
            const double q = recorder.flows_m3_s()[s][station];
            if (q < p.min_m3_s * (1.0 - 1e-9)) hours += dt_h;
            if (first || q < lowest) lowest = q, lowest_t = recorder.times_s()[s], first = false;
        }
        nlohmann::json j = {{"name", p.name},
                            {"station", network.nodes()[station].name},
                            {"purpose", p.purpose},
                            {"measure", p.measure},
                            {"minimum", p.written},
                            {"minimum_flow_m3_s", p.min_m3_s},
                            {"hours_below", hours},
                            {"lowest_flow_m3_s", lowest},
                            {"lowest_time", iso(network, lowest_t)}};
        if (const auto stage = network.stage_for_flow(p.station, lowest)) {
            j["lowest_stage_m"] = *stage;
            if (p.measure != "flow") {
                const double at_minimum = *network.stage_for_flow(p.station, p.min_m3_s);
                j["largest_shortfall_m"] = std::max(0.0, at_minimum - *stage);
            }
        }
        j["largest_shortfall_m3_s"] = std::max(0.0, p.min_m3_s - lowest);
        out.push_back(std::move(j));
    }
    return out;
}

}  // namespace floodtwin::twin
