#include "twin/case/fourpre_tables.hpp"

#include <algorithm>

namespace floodtwin::twin {

namespace {

using Entries = std::vector<CaseEntry>;

// The objectives a ranking may name (twin/fourpre/plan_ranking.hpp ranks by them).
constexpr std::string_view objectives[] = {"highest_warning", "warnings",      "protected_area",
                                           "flooded_area",    "control_peak",  "storage_left",
                                           "energy",          "minimum_flow_hours", "supply_short",
                                           "minimum_hours"};

void read_settings(const Entries& entries, const CaseErrors& errors, Case& c) {
    using S = FourPreSettings;
    const CaseEntry& e = entries.front();
    FourPreSettings& s = c.fourpre.settings;
    read_fields(e, s, Field{"spin_up", &S::spin_up_s}, Field{"horizon", &S::horizon_s},
                Field{"update_window", &S::update_window_s}, Field{"update_step", &S::update_step_s},
                Field{"numbering", &S::numbering}, Field{"numbering_threshold", &S::numbering_threshold_m3_s},
                Field{"numbering_separation", &S::numbering_separation_s}, Field{"numbers_before", &S::numbers_before},
                Field{"area_depths", &S::area_depths_m}, Field{"ranking", &S::ranking},
                Field{"control_station", &S::control_station}, Field{"parallel", &S::parallel},
                Field{"sender", &S::sender}, Field{"sender_name", &S::sender_name},
                Field{"cap_status", &S::cap_status}, Field{"normal_river", &S::normal_river});
    if (const auto t = e.opt<Instant>("last_numbered")) s.last_numbered_epoch_s = t->epoch_s;
    const std::vector<double>& d = s.area_depths_m;
    if (d.size() != 4 || !std::is_sorted(d.begin(), d.end()) || d.front() <= 0.0 ||
        std::adjacent_find(d.begin(), d.end()) != d.end())
        errors.fail_at("fourpre.area_depths", e.node("area_depths"),
                       "expected four rising depths > 0 (blue, yellow, orange, red), such as [0.15, 0.5, 1.5, 3.0]");
    for (const std::string& o : s.ranking)
        if (std::find(std::begin(objectives), std::end(objectives), o) == std::end(objectives)) {
            std::string known;
            for (const std::string_view k : objectives) known += (known.empty() ? "" : ", ") + std::string(k);
            errors.fail_at("fourpre.ranking", e.node("ranking"), "'" + o + "' is not an objective; they are " + known);
        }
    if (!s.control_station.empty() &&
        std::none_of(c.gauges.begin(), c.gauges.end(), [&](const GaugeSection& g) { return g.name == s.control_station; }))
        errors.fail_at("fourpre.control_station", e.node("control_station"),
                       "'" + s.control_station + "' is not the name of a [[gauge]]");
    if (s.control_station.empty() && !c.gauges.empty()) s.control_station = c.gauges.front().name;
}

// What an observation of `quantity` at `station` needs to be: "" when the case has it,
// else what the station should have been.
std::string observed_station_problem(const Case& c, const std::string& quantity, const std::string& station,
                                     std::string& datum) {
    const auto node = std::find_if(c.network.nodes.begin(), c.network.nodes.end(),
                                   [&](const NodeSection& n) { return n.name == station; });
    const bool pool = std::any_of(c.network.reservoirs.begin(), c.network.reservoirs.end(),
                                  [&](const ReservoirSection& r) { return r.name == station; });
    if (quantity == "level") return pool ? "" : "a [[reservoir]]";
    if (quantity == "inflow") return node != c.network.nodes.end() && node->kind == "inflow" ? "" : "an inflow [[node]]";
    if (quantity == "discharge") return node != c.network.nodes.end() ? "" : "a [[node]]";
    for (const GaugeSection& g : c.gauges)
        if (g.name == station) {
            datum = g.thresholds.datum;
            return "";
        }
    if (node != c.network.nodes.end() && !node->rating.empty()) {
        datum = node->datum;
        return "";
    }
    return "a [[gauge]] or a station [[node]] with a rating";
}

void read_observed(const Entries& entries, const CaseErrors& errors, Case& c) {
    using O = ObservedSection;
    read_sections(entries, c.fourpre.observed, [&](const CaseEntry& e, std::size_t) {
        ObservedSection o = read_section(e, Field{"station", &O::station}, Field{"quantity", &O::quantity},
                                         Field{"series", &O::series}, Field{"datum", &O::datum}, Field{"note", &O::note});
        std::string datum;
        const std::string wanted = observed_station_problem(c, o.quantity, o.station, datum);
        if (!wanted.empty())
            errors.fail_at(e.prefix + ".station", e.node("station"),
                           "'" + o.station + "' is not " + wanted + " (observed " + o.quantity + ")");
        if (o.quantity == "stage" && !o.datum.empty() && o.datum != datum)
            errors.fail_at(e.prefix + ".datum", e.node("datum"),
                           "the observations are in '" + o.datum + "', station '" + o.station + "' reports in '" + datum +
                               "': convert them to the station's datum");
        return o;
    });
}

void read_areas(const Entries& entries, const CaseErrors& errors, Case& c) {
    using A = AreaSection;
    read_sections(entries, c.fourpre.areas, [&](const CaseEntry& e, std::size_t) {
        AreaSection a = read_section(e, Field{"name", &A::name}, Field{"file", &A::file}, Field{"feature", &A::feature},
                                     Field{"kind", &A::kind}, Field{"people", &A::people}, Field{"assets", &A::assets},
                                     Field{"assets_unit", &A::assets_unit});
        for (const AreaSection& other : c.fourpre.areas)
            if (other.name == a.name)
                errors.fail_at(e.prefix + ".name", e.node("name"),
                               "'" + a.name + "' is already the name of " + other.key + "; area names must be unique");
        return a;
    });
}

void read_plans(const Entries& entries, const CaseErrors& errors, Case& c) {
    using P = PlanSection;
    read_sections(entries, c.fourpre.plans, [&](const CaseEntry& e, std::size_t) {
        PlanSection p = read_section(e, Field{"name", &P::name}, Field{"reason", &P::reason}, Field{"set", &P::set});
        if (p.name == "baseline")
            errors.fail_at(e.prefix + ".name", e.node("name"), "'baseline' is the case as written: name the plan otherwise");
        if (p.name.find_first_of("/\\") != std::string::npos || p.name.empty() || p.name.front() == '.')
            errors.fail_at(e.prefix + ".name", e.node("name"),
                           "'" + p.name + "' names a folder of the outputs: no '/', '\\' or leading '.'");
        for (const PlanSection& other : c.fourpre.plans)
            if (other.name == p.name)
                errors.fail_at(e.prefix + ".name", e.node("name"),
                               "'" + p.name + "' is already the name of " + other.key + "; plan names must be unique");
        return p;
    });
}

}  // namespace

bool read_fourpre_table(std::string_view name, const Entries& entries, const CaseErrors& errors, Case& c) {
    if (name == "fourpre") read_settings(entries, errors, c);
    else if (name == "observed") read_observed(entries, errors, c);
    else if (name == "area") read_areas(entries, errors, c);
    else if (name == "plan") read_plans(entries, errors, c);
    else return false;
    return true;
}

}  // namespace floodtwin::twin
