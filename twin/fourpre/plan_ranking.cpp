#include "twin/fourpre/plan_ranking.hpp"

#include <cmath>
#include <sstream>
#include <stdexcept>

#include "twin/fourpre/fixed_text.hpp"

namespace floodtwin::twin {

namespace {

// The objective in words, for the rule and the reasons.
std::string objective_words(const std::string& o, const std::string& control) {
    if (o == "highest_warning") return "the highest warning level (lower first)";
    if (o == "warnings") return "the station and area warnings, each counted by its grade (blue 1 ... red 4; fewer first)";
    if (o == "protected_area") return "the land flooded in protected areas (less first)";
    if (o == "flooded_area") return "all land flooded (less first)";
    if (o == "control_peak") return "the peak stage at " + control + " (lower first)";
    if (o == "storage_left") return "the water stored above dead level at the end, for supply and power (more first)";
    if (o == "energy") return "the energy generated (more first)";
    if (o == "minimum_flow_hours") return "the hours below ecological and navigation minimum flows (fewer first)";
    if (o == "supply_short") return "the water the demands do not get (less first)";
    if (o == "minimum_hours") return "the hours below the minimums downstream: navigation depths, supply and ecological flows (fewer first)";
    throw std::invalid_argument("unknown ranking objective '" + o + "'");
}

ObjectiveValue value_of(const std::string& o, const PlanOutcome& p, const std::vector<Warning>& ws,
                        const std::string& control) {
    ObjectiveValue v{o, 0.0, ""};
    if (o == "highest_warning") {
        WarningLevel top = WarningLevel::none;
        for (const Warning& w : ws)
            if (w.kind != "reservoir") top = std::max(top, w.level);
        v.value = static_cast<double>(top);
        v.text = to_string(top);
    } else if (o == "warnings") {
        std::vector<Warning> counted;
        for (const Warning& w : ws)
            if (w.kind != "reservoir") {
                v.value += static_cast<double>(w.level);
                counted.push_back(w);
            }
        v.text = warning_count_text(counted);
    } else if (o == "protected_area" || o == "flooded_area") {
        v.value = o == "protected_area" ? p.protected_flooded_m2 : p.flood.flooded_land_m2;
        v.text = fixed(v.value / 1e6, 2) + " km2";
    } else if (o == "control_peak") {
        v.value = std::nan("");
        for (const StationOutcome& s : p.stations)
            if (s.station->name == control) v.value = s.updated ? s.updated_peak.value : s.stage_peak.value;
        v.text = fixed(v.value, 2) + " m";
    } else if (o == "storage_left") {
        v.value = -p.storage_left_m3;
        v.text = fixed(p.storage_left_m3 / 1e9, 2) + " bn m3";
    } else if (o == "energy") {
        v.value = -p.energy_mwh;
        v.text = fixed(p.energy_mwh / 1e3, 0) + " GWh";
    } else if (o == "minimum_flow_hours") {
        v.value = p.minimum_flow_hours;
        v.text = fixed(v.value, 1) + " h";
    } else if (o == "supply_short") {
        v.value = p.supply_short_m3;
        v.text = fixed(v.value / 1e6, 2) + " million m3";
    } else if (o == "minimum_hours") {
        v.value = p.minimum_hours_below;
        v.text = fixed(v.value, 1) + " h";
    } else {
        (void)objective_words(o, control);  // throws
    }
    return v;
}

// The first objective on which a and b differ beyond its tolerance: its index, or -1.
int deciding(const RankedPlan& a, const RankedPlan& b, double cell_area_m2) {
    for (std::size_t k = 0; k < a.values.size(); ++k) {
        const double x = a.values[k].value, y = b.values[k].value;
        if (std::isnan(x) || std::isnan(y)) continue;
        const double tol = objective_tolerance(a.values[k].objective, cell_area_m2) *
                           (a.values[k].objective == "storage_left" || a.values[k].objective == "energy"
                                ? std::max(std::abs(x), std::abs(y))
                                : 1.0);
        if (std::abs(x - y) > tol) return static_cast<int>(k);
    }
    return -1;
}

// Whether a ranks before b.
bool before(const RankedPlan& a, const RankedPlan& b, double cell_area_m2) {
    if (a.admissible != b.admissible) return a.admissible;
    const int k = deciding(a, b, cell_area_m2);
    if (k < 0) return a.plan < b.plan;  // equal on every objective: the case's order
    return a.values[k].value < b.values[k].value;
}

}  // namespace

double objective_tolerance(const std::string& o, double cell_area_m2) {
    if (o == "protected_area" || o == "flooded_area") return cell_area_m2;  // one cell of the grid
    if (o == "control_peak") return 0.01;                                    // a centimetre: what a staff gauge reads
    if (o == "storage_left" || o == "energy") return 1e-3;                   // relative: 0.1 %
    if (o == "minimum_flow_hours" || o == "minimum_hours") return 0.25;       // one network step of 15 min
    if (o == "supply_short") return 1e3;                                     // 1000 m3: a few seconds of a city's intake
    return 0.0;                                                              // warnings: exact
}

std::string ranking_rule_text(const std::vector<std::string>& objectives, const std::string& control) {
    std::string s = "1. Plans that break no hard limit (no reservoir above its design flood level, no release "
                    "above what the outlets pass, no release changing faster than its rate limit) rank before those "
                    "that do.";
    int n = 2;
    for (const std::string& o : objectives)
        s.append(" ").append(std::to_string(n++)).append(". Then ").append(objective_words(o, control))
            .append(", deciding only between plans equal on the above.");
    s += " Equal means within a tolerance: one grid cell of area, 1 cm of stage, 0.1 % of storage or energy, 15 min of "
         "low flow; warnings exactly. Plans equal on everything keep the case's order.";
    return s;
}

std::vector<RankedPlan> rank_plans(const std::vector<PlanOutcome>& outcomes, const std::vector<std::vector<Warning>>& warnings,
                                   const std::vector<std::string>& objectives, const std::string& control) {
    std::vector<RankedPlan> ranked;
    const double cell = outcomes.empty() ? 1.0 : outcomes.front().flood.cell_area_m2();
    for (std::size_t k = 0; k < outcomes.size(); ++k) {
        RankedPlan r;
        r.plan = k;
        r.admissible = outcomes[k].hard_breaches.empty();
        for (const std::string& o : objectives) r.values.push_back(value_of(o, outcomes[k], warnings[k], control));
        ranked.push_back(std::move(r));
    }
    // Insertion sort: tolerances make "equal" intransitive, which std::sort may not meet.
    for (std::size_t i = 1; i < ranked.size(); ++i)
        for (std::size_t j = i; j > 0 && before(ranked[j], ranked[j - 1], cell); --j) std::swap(ranked[j], ranked[j - 1]);
    for (std::size_t i = 0; i < ranked.size(); ++i) {
        RankedPlan& r = ranked[i];
        r.rank = static_cast<int>(i + 1);
        const PlanOutcome& p = outcomes[r.plan];
        if (!r.admissible) {
            r.why = "after every plan that keeps the hard limits: it breaks one (";
            for (std::size_t b = 0; b < p.hard_breaches.size(); ++b) r.why += (b ? "; " : "") + p.hard_breaches[b];
            r.why += ")";
            if (i > 0 && !ranked[i - 1].admissible) r.why += "; after " + outcomes[ranked[i - 1].plan].plan;
            continue;
        }
        const RankedPlan* next = i + 1 < ranked.size() && ranked[i + 1].admissible ? &ranked[i + 1] : nullptr;
        const RankedPlan* prev = i > 0 ? &ranked[i - 1] : nullptr;
        if (!prev) {
            r.why = "first: it breaks no hard limit";
            if (next) {
                const int k = deciding(r, *next, cell);
                r.why += k < 0 ? ", and equals " + outcomes[next->plan].plan + " on every objective (the case's order decides)"
                               : "; ahead of " + outcomes[next->plan].plan + " on " + objective_words(objectives[k], control) +
                                     ": " + r.values[k].text + " against " + next->values[k].text;
            }
        } else {
            const int k = deciding(*prev, r, cell);
            r.why = "behind " + outcomes[prev->plan].plan;
            r.why += k < 0 ? ": equal on every objective, the case's order decides"
                           : " on " + objective_words(objectives[k], control) + ": " + r.values[k].text + " against " +
                                 prev->values[k].text;
        }
    }
    return ranked;
}

}  // namespace floodtwin::twin
