#include "twin/optimise/network_objectives.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <stdexcept>

#include "grids/text_fields.hpp"
#include "twin/case/case_file.hpp"
#include "twin/case/time_text.hpp"
#include "twin/dispatch/supply_report.hpp"

namespace floodtwin::twin {

namespace {

using grids::number_text;

// What the computations share: the routed network, the case, the control station.
struct Judged {
    const RoutedNetwork& r;
    const Case& c;
    int station = -1;  // optimise.station's node; -1 when the objectives need none

    [[nodiscard]] const std::vector<std::vector<double>>& flows() const { return r.recorder.flows_m3_s(); }
    [[nodiscard]] double station_peak() const {
        double peak = -1.0;
        for (const auto& q : flows()) peak = std::max(peak, q.at(static_cast<std::size_t>(station)));
        return peak;
    }
};

using Compute = std::function<double(const Judged&)>;

double hours_above_target(const Judged& j) {
    const std::string& name = j.r.network.nodes().at(static_cast<std::size_t>(j.station)).name;
    double target = 0.0;
    for (const JointSection& s : j.c.network.joints)
        if (s.station == name && s.target_flow_m3_s) {
            target = *s.target_flow_m3_s;
            break;
        }
    double hours = 0.0;  // as dispatch_summary.json counts them: every sample above the target
    for (const auto& q : j.flows())
        if (q[static_cast<std::size_t>(j.station)] > target * (1.0 + 1e-9)) hours += j.r.step_s / 3600.0;
    return hours;
}

// The flow leaving the network at each sample: through its sinks and ends (a reservoir
// at the end by its release).
double outflow_peak(const Judged& j) {
    const Network& n = j.r.network;
    double peak = 0.0;
    for (std::size_t s = 0; s < j.flows().size(); ++s) {
        double q = 0.0;
        for (std::size_t i = 0; i < n.nodes().size(); ++i) {
            const NetworkNode& node = n.nodes()[i];
            if (node.downstream >= 0 || node.kind == NodeKind::domain_inlet) continue;
            q += node.kind == NodeKind::reservoir
                     ? j.r.recorder.releases_m3_s()[s][static_cast<std::size_t>(node.reservoir)]
                     : j.flows()[s][i];
        }
        peak = std::max(peak, q);
    }
    return peak;
}

double storage_left(const Judged& j) {
    double left = 0.0;
    for (const Reservoir& res : j.r.network.reservoirs())
        left += std::max(0.0, res.storage_m3() - res.storage_at(res.spec().dead_level_m));
    return left;
}

// As dispatch_summary.json's storage_used_m3: the most each reservoir held above its start.
double storage_used(const Judged& j) {
    const Network& n = j.r.network;
    std::vector<double> most(n.reservoirs().size());
    for (std::size_t k = 0; k < most.size(); ++k)
        most[k] = n.reservoirs()[k].storage_at(n.reservoirs()[k].spec().initial_level_m);
    std::vector<double> start = most;
    for (const DispatchRecord& d : n.dispatch_log())
        most[static_cast<std::size_t>(d.reservoir)] = std::max(most[static_cast<std::size_t>(d.reservoir)], d.storage_m3);
    double used = 0.0;
    for (std::size_t k = 0; k < most.size(); ++k) used += std::max(0.0, most[k] - start[k]);
    return used;
}

double energy(const Judged& j) {
    double e = 0.0;
    for (const DispatchRecord& d : j.r.network.dispatch_log()) e += d.energy_mwh;
    return e;
}

double supply_short(const Judged& j) {
    double short_m3 = 0.0;
    for (const DemandAccount& a : j.r.network.demands().accounts()) short_m3 += std::max(0.0, a.demanded_m3 - a.delivered_m3);
    return short_m3;
}

// As dispatch_summary.json's downstream_minimums: every sample after the start below.
double minimum_hours(const Judged& j) {
    double hours = 0.0;
    for (const nlohmann::json& m : minimum_summary(j.r.network, j.r.dispatch.minimums(), j.r.recorder))
        hours += m["hours_below"].get<double>();
    return hours;
}

// Each objective the network gives, by its name in the registry.
const std::vector<std::pair<std::string_view, Compute>>& computations() {
    static const std::vector<std::pair<std::string_view, Compute>> all = {
        {"control_peak", [](const Judged& j) { return j.station_peak(); }},
        {"control_stage",
         [](const Judged& j) {
             const auto s = j.r.network.stage_for_flow(j.station, j.station_peak());
             return s ? *s : std::nan("");
         }},
        {"hours_above_target", hours_above_target},
        {"backwater_stage",
         [](const Judged& j) {
             const auto& st = j.r.recorder.outlet_stage_m();
             return st.empty() ? std::nan("") : *std::max_element(st.begin(), st.end());
         }},
        {"outflow_peak", outflow_peak},
        {"storage_left", storage_left},
        {"storage_used", storage_used},
        {"energy", energy},
        {"supply_short", supply_short},
        {"minimum_hours", minimum_hours},
    };
    return all;
}

// The hard limits of [optimise], as plan_outcome.cpp judges a rehearsed plan.
void judge_limits(const Judged& j, NetworkJudgement& out) {
    const OptimiseSettings& s = j.c.optimise.settings;
    const Network& n = j.r.network;
    const auto& levels = j.r.recorder.levels_m();
    const auto& releases = j.r.recorder.releases_m3_s();
    const auto& times = j.r.recorder.times_s();
    for (std::size_t k = 0; k < n.reservoirs().size(); ++k) {
        const Reservoir& res = n.reservoirs()[k];
        const std::string& name = res.spec().name;
        if (s.max_level != "none") {
            const double limit = s.max_level == "check" ? res.spec().check_flood_level_m : res.spec().design_flood_level_m;
            double top = -1e300, when = 0.0;
            for (std::size_t i = 0; i < levels.size(); ++i)
                if (levels[i][k] > top) top = levels[i][k], when = times[i];
            if (top > limit + 0.01) {
                out.breaches.push_back(name + " reaches " + number_text(std::round(top * 100) / 100) + " m, above its " +
                                       s.max_level + " flood level " + number_text(limit) + " m, at " +
                                       format_instant(n.start().epoch_s + when, n.start().utc_offset_min));
                out.violation += top - limit;
            }
        }
        if (s.capacity) {
            double worst = 0.0;
            for (std::size_t i = 0; i < levels.size(); ++i) {
                const double cap = res.capacity_m3_s(levels[i][k]);
                if (releases[i][k] > 1.001 * cap + 1.0) worst = std::max(worst, releases[i][k] / std::max(cap, 1.0) - 1.0);
            }
            if (worst > 0.0) {
                out.breaches.push_back(name + " releases up to " + number_text(std::round(worst * 1000) / 10) +
                                       " % more than its outlets pass");
                out.violation += worst;
            }
        }
        if (!s.rate_limits) continue;
        for (const RuleSection& rule : j.c.network.rules) {
            if (rule.reservoir != name || rule.type != "rate_limit") continue;
            double up = 0.0, down = 0.0;
            for (std::size_t i = 1; i < releases.size(); ++i) {
                const double h = (times[i] - times[i - 1]) / 3600.0;
                const double rate = (releases[i][k] - releases[i - 1][k]) / h;
                up = std::max(up, rate);
                down = std::max(down, -rate);
            }
            for (const auto& [worst, limit, what] : {std::tuple{up, rule.rate_up_m3_s_per_h, "rose"},
                                                     std::tuple{down, rule.rate_down_m3_s_per_h, "fell"}})
                if (limit > 0.0 && worst > 1.01 * limit) {
                    out.breaches.push_back(name + ": release " + what + " " + number_text(std::round(worst)) +
                                           " m3/s per h, above '" + rule.name + "' (" + number_text(limit) + ")");
                    out.violation += worst / limit - 1.0;
                }
        }
    }
}

}  // namespace

NetworkJudgement judge_plan_on_network(const std::filesystem::path& file, const std::vector<std::string>& overrides,
                                       const std::string& plan) {
    const Case c = load_case(file, overrides, plan);
    return judge_network(*route_network(c), c);
}

bool network_gives(std::string_view objective) {
    const auto& all = computations();
    return std::any_of(all.begin(), all.end(), [&](const auto& c) { return c.first == objective; });
}

NetworkJudgement judge_network(const RoutedNetwork& routed, const Case& c) {
    const OptimiseSettings& s = c.optimise.settings;
    Judged j{routed, c, s.station.empty() ? -1 : routed.network.find_node(s.station)};
    NetworkJudgement out;
    for (const std::string& o : s.objectives) {
        const auto& all = computations();
        const auto it = std::find_if(all.begin(), all.end(), [&](const auto& x) { return x.first == o; });
        if (it == all.end()) throw std::invalid_argument("optimise.objectives: the network does not give '" + o + "'");
        if ((o == "control_peak" || o == "control_stage" || o == "hours_above_target") && j.station < 0)
            throw std::invalid_argument("optimise.station: '" + s.station + "' is not a node of the network");
        const double v = it->second(j);
        if (!std::isfinite(v))
            throw std::invalid_argument("optimise.objectives: " + o + " came out " + number_text(v) + " for this plan");
        out.values.push_back(v);
    }
    judge_limits(j, out);
    return out;
}

}  // namespace floodtwin::twin
