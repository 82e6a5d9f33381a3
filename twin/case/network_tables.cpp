#include "twin/case/network_tables.hpp"

#include <algorithm>

namespace floodtwin::twin {

namespace {

void read_settings(const std::vector<CaseEntry>& entries, NetworkCase& net) {
    using S = NetworkSettings;
    read_fields(entries.front(), net.settings, Field{"step", &S::step_s},
                Field{"coupling_interval", &S::coupling_interval_s}, Field{"forecast_horizon", &S::forecast_horizon_s});
}

NodeSection node(const CaseEntry& e, std::size_t) {
    using N = NodeSection;
    return read_section(e, Field{"name", &N::name}, Field{"kind", &N::kind}, Field{"inflow", &N::inflow_m3_s},
                        Field{"rating", &N::rating}, Field{"datum", &N::datum}, Field{"boundary", &N::boundary},
                        Field{"extend", &N::extend}, Field{"warning_stage", &N::warning_stage_m},
                        Field{"guaranteed_stage", &N::guaranteed_stage_m},
                        Field{"historical_max", &N::historical_max_m}, Field{"flow_5yr", &N::flow_5yr_m3_s},
                        Field{"flow_20yr", &N::flow_20yr_m3_s}, Field{"flow_50yr", &N::flow_50yr_m3_s},
                        Field{"bed_level", &N::bed_level_m}, Field{"low_flow", &N::low_flow_m3_s},
                        Field{"low_stage", &N::low_stage_m}, Field{"low_flow_source", &N::low_flow_source});
}

ReachSection reach(const CaseEntry& e, std::size_t) {
    using R = ReachSection;
    ReachSection r;
    read_fields(e, r, Field{"from", &R::from}, Field{"to", &R::to}, Field{"method", &R::method},
                Field{"length", &R::length_m}, Field{"slope", &R::slope}, Field{"width", &R::width_m},
                Field{"side_slope", &R::side_slope}, Field{"manning", &R::manning},
                Field{"low_flow", &R::low_flow_m3_s}, Field{"k", &R::k_s}, Field{"x", &R::x}, Field{"lag", &R::lag_s});
    r.name = e.opt<std::string>("name").value_or(r.from + " -> " + r.to);
    return r;
}

ReservoirSection reservoir(const CaseEntry& e, std::size_t) {
    using R = ReservoirSection;
    return read_section(e, Field{"name", &R::name}, Field{"storage", &R::storage}, Field{"spillway", &R::spillway},
                        Field{"outlets", &R::outlets}, Field{"turbines", &R::turbines},
                        Field{"dead_level", &R::dead_level_m}, Field{"normal_pool", &R::normal_pool_m},
                        Field{"flood_limit", &R::flood_limit}, Field{"guide_curve", &R::guide_curve},
                        Field{"design_flood_level", &R::design_flood_level_m},
                        Field{"check_flood_level", &R::check_flood_level_m},
                        Field{"initial_level", &R::initial_level_m}, Field{"inflow", &R::inflow_m3_s},
                        Field{"installed_capacity", &R::installed_mw}, Field{"tailwater", &R::tailwater_m},
                        Field{"efficiency", &R::efficiency}, Field{"note", &R::note}, Field{"extend", &R::extend});
}

RuleSection rule(const CaseEntry& e, std::size_t) {
    using R = RuleSection;
    return read_section(e, Field{"reservoir", &R::reservoir}, Field{"name", &R::name}, Field{"type", &R::type},
                        Field{"priority", &R::priority}, Field{"zones", &R::zones}, Field{"if", &R::condition},
                        Field{"value", &R::value_m3_s}, Field{"purpose", &R::purpose},
                        Field{"rate_up", &R::rate_up_m3_s_per_h}, Field{"rate_down", &R::rate_down_m3_s_per_h},
                        Field{"return_time", &R::return_time_s}, Field{"level", &R::level_m},
                        Field{"horizon", &R::horizon_s}, Field{"threshold", &R::threshold_m3_s},
                        Field{"power", &R::power_mw}, Field{"node", &R::node}, Field{"max_flow", &R::max_flow_m3_s},
                        Field{"max_stage", &R::max_stage_m}, Field{"min_flow", &R::min_flow_m3_s},
                        Field{"min_stage", &R::min_stage_m}, Field{"min_depth", &R::min_depth_m});
}

DemandSection demand(const CaseEntry& e, std::size_t) {
    using D = DemandSection;
    return read_section(e, Field{"name", &D::name}, Field{"node", &D::node}, Field{"purpose", &D::purpose},
                        Field{"flow", &D::flow_m3_s}, Field{"series", &D::series_m3_s}, Field{"extend", &D::extend},
                        Field{"monthly", &D::monthly_m3_s}, Field{"priority", &D::priority},
                        Field{"return_share", &D::return_share}, Field{"return_to", &D::return_to},
                        Field{"note", &D::note});
}

JointSection joint(const CaseEntry& e, std::size_t) {
    using J = JointSection;
    return read_section(e, Field{"name", &J::name}, Field{"station", &J::station},
                        Field{"target_flow", &J::target_flow_m3_s}, Field{"target_stage", &J::target_stage_m},
                        Field{"members", &J::members}, Field{"tiers", &J::tiers}, Field{"priority", &J::priority},
                        Field{"release_target", &J::release_target_m3_s});
}

void read_backwater(const std::vector<CaseEntry>& entries, NetworkCase& net) {
    const CaseEntry& e = entries.front();
    if (!e.tbl) return;
    using B = BackwaterRelation;
    BackwaterRelation b;
    read_fields(e, b, Field{"reservoir", &B::reservoir}, Field{"boundary", &B::boundary}, Field{"node", &B::node},
                Field{"sections", &B::sections}, Field{"at", &B::at_m}, Field{"pool_levels", &B::pool_levels_m},
                Field{"discharges", &B::discharges_m3_s});
    net.backwater = std::move(b);
}

// The [[tables]] of the network: one section per entry.
void read_nodes(const std::vector<CaseEntry>& entries, NetworkCase& net) { read_sections(entries, net.nodes, node); }
void read_reaches(const std::vector<CaseEntry>& entries, NetworkCase& net) {
    read_sections(entries, net.reaches, reach);
}
void read_reservoirs(const std::vector<CaseEntry>& entries, NetworkCase& net) {
    read_sections(entries, net.reservoirs, reservoir);
}
void read_rules(const std::vector<CaseEntry>& entries, NetworkCase& net) { read_sections(entries, net.rules, rule); }
void read_joints(const std::vector<CaseEntry>& entries, NetworkCase& net) { read_sections(entries, net.joints, joint); }
void read_demands(const std::vector<CaseEntry>& entries, NetworkCase& net) {
    read_sections(entries, net.demands, demand);
}

using ReadTable = void (*)(const std::vector<CaseEntry>&, NetworkCase&);
constexpr std::pair<std::string_view, ReadTable> readers[] = {
    {"network", read_settings}, {"node", read_nodes},   {"reach", read_reaches},       {"reservoir", read_reservoirs},
    {"rule", read_rules},       {"joint", read_joints}, {"backwater", read_backwater}, {"demand", read_demands},
};

}  // namespace

bool read_network_table(std::string_view name, const std::vector<CaseEntry>& entries, NetworkCase& net) {
    for (const auto& [table, read] : readers)
        if (table == name) {
            read(entries, net);
            return true;
        }
    return false;
}

namespace {

// "'upstream', 'mouth'", or "none" when the case has no such table.
std::string names_text(const Case& c, bool with_sources) {
    std::string out;
    for (const BoundarySection& b : c.boundaries) out += (out.empty() ? "'" : ", '") + b.name + "'";
    if (with_sources)
        for (const SourceSection& s : c.sources) out += (out.empty() ? "'" : ", '") + s.name + "'";
    return out.empty() ? "none" : out;
}

void check_domain_nodes(const EntryReader& reader, const Case& c) {
    if (c.grid.dem.empty()) return;  // the network alone: no 2D tables to name (`floodtwin route`)
    for (std::size_t i = 0; i < c.network.nodes.size(); ++i) {
        const NodeSection& n = c.network.nodes[i];
        const bool inlet = n.kind == "domain_inlet";
        if (!inlet && n.kind != "domain_outlet") continue;
        const bool named = std::any_of(c.boundaries.begin(), c.boundaries.end(),
                                       [&](const BoundarySection& b) { return b.name == n.boundary; }) ||
                           (inlet && std::any_of(c.sources.begin(), c.sources.end(),
                                                 [&](const SourceSection& s) { return s.name == n.boundary; }));
        if (named && inlet)
            for (const BoundarySection& b : c.boundaries)
                if (b.name == n.boundary && b.kind != "inflow")
                    reader.errors().fail_at(n.key + ".boundary", reader.document().find("node", i, "boundary"),
                                            "'" + n.boundary + "' is a " + b.kind +
                                                " boundary; a domain_inlet hands its discharge to an inflow "
                                                "boundary or a [[source]]");
        if (named) continue;
        const std::string tables = inlet ? "[[boundary]] or [[source]]" : "[[boundary]]";
        reader.errors().fail_at(n.key + ".boundary", reader.document().find("node", i, "boundary"),
                                "no " + tables + " is named '" + n.boundary + "' (the " + tables +
                                    " names are: " + names_text(c, inlet) + "); a " + n.kind +
                                    " joins the network to the one it names");
    }
}

}  // namespace

void check_network_feeds(const EntryReader& reader, const Case& c) {
    check_domain_nodes(reader, c);
    auto inlet_named = [&](const std::string& name) {
        return std::any_of(c.network.nodes.begin(), c.network.nodes.end(),
                           [&](const NodeSection& n) { return n.kind == "domain_inlet" && n.boundary == name; });
    };
    for (const DeferredKey& d : reader.deferred()) {
        const std::string entry = d.key.substr(0, d.key.find('.'));
        bool fed = false;
        for (const BoundarySection& b : c.boundaries)
            if (b.key == entry)
                fed = b.kind == "stage" ? c.network.backwater && c.network.backwater->boundary == b.name
                                        : inlet_named(b.name);
        for (const SourceSection& s : c.sources)
            if (s.key == entry) fed = inlet_named(s.name);
        if (!fed) reader.fail_deferred(d);
    }
}

}  // namespace floodtwin::twin
