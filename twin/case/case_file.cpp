#include "twin/case/case_file.hpp"

#include <stdexcept>

#include "grids/text_fields.hpp"
#include "hydro/boundary.hpp"
#include "hydro/input_checks.hpp"
#include "twin/case/case_document.hpp"
#include "twin/case/case_entries.hpp"
#include "twin/case/ensemble_tables.hpp"
#include "twin/case/fourpre_tables.hpp"
#include "twin/case/network_tables.hpp"
#include "twin/case/optimise_tables.hpp"
#include "twin/case/series_coverage.hpp"

// The Case filled from the entries of its tables, each read against the key registry
// (twin/case/case_entries.hpp) with the registry's defaults already applied: every field
// set here comes from the file or from that default, never from the struct.

namespace floodtwin::twin {

namespace {

namespace fs = std::filesystem;
using Entries = std::vector<CaseEntry>;
using grids::number_text;

void read_case(const Entries& entries, const CaseErrors&, Case& c) {
    read_fields(entries.front(), c, Field{"name", &Case::name}, Field{"start", &Case::start},
                Field{"duration", &Case::duration_s});
}

void read_grid(const Entries& entries, const CaseErrors&, Case& c) {
    using G = GridSection;
    read_fields(entries.front(), c.grid, Field{"dem", &G::dem}, Field{"crs", &G::crs},
                Field{"resolution", &G::resolution_m}, Field{"bbox", &G::bbox},
                Field{"nodata", &G::nodata}, Field{"domain", &G::domain});
}

void read_initial(const Entries& entries, const CaseErrors& errors, Case& c) {
    const CaseEntry& e = entries.front();
    read_fields(e, c.initial, Field{"water_level", &InitialSection::water_level_m},
                Field{"depth", &InitialSection::depth});
    const auto dry = e.opt<bool>("dry");
    if (!dry) return;
    const bool wet = c.initial.water_level_m || c.initial.depth;
    if (*dry && wet)
        errors.fail_at("initial.dry", e.node("dry"),
                       std::string("dry = true, but initial.") + (c.initial.water_level_m ? "water_level" : "depth") +
                           " is given too");
    if (!*dry && !wet)
        errors.fail_at("initial.dry", e.node("dry"), "dry = false needs initial.water_level or initial.depth");
}

// A number, or a raster path.
NumberOrRaster number_or_raster(const CaseEntry& e, std::string_view name) {
    if (const auto p = e.opt<fs::path>(name)) return *p;
    return e.get<double>(name);
}

void read_hydro(const Entries& entries, const CaseErrors&, Case& c) {
    using H = HydroSection;
    const CaseEntry& e = entries.front();
    read_fields(e, c.hydro, Field{"scheme", &H::scheme}, Field{"cfl", &H::cfl}, Field{"theta", &H::theta},
                Field{"dry_depth", &H::dry_depth_m},
                Field{"arrival_depth", &H::arrival_depth_m}, Field{"min_cells_per_thread", &H::min_cells_per_thread});
    c.hydro.manning = number_or_raster(e, "manning");
}

// The discharge series of a rated_inflow: the rating at each point of the level series
// (linear between them, as the level is); a constant level gives a constant discharge.
hydro::TimeSeries rated_discharge(const BoundarySection& b, const std::string& prefix) {
    const std::vector<double>& z = b.rating_level_m;
    const std::vector<double>& q = b.rating_discharge_m3_s;
    hydro::check_rating(prefix + ".rating", z, q);
    if (b.level.constant()) return hydro::TimeSeries(hydro::rating_discharge(z, q, b.level.value_at(0.0)));
    std::vector<double> values;
    for (const double level : b.level.values()) values.push_back(hydro::rating_discharge(z, q, level));
    return hydro::TimeSeries(b.level.times(), values, prefix + ".level through " + prefix + ".rating");
}

BoundarySection boundary(const CaseEntry& e, std::size_t index, const CaseErrors& errors) {
    using B = BoundarySection;
    BoundarySection b;
    read_fields(e, b, Field{"edge", &B::edge}, Field{"kind", &B::kind}, Field{"from", &B::from}, Field{"to", &B::to},
                Field{"line", &B::line}, Field{"extend", &B::extend});
    b.name = e.opt<std::string>("name").value_or(b.edge + " " + b.kind + " " + std::to_string(index));
    if (b.from && b.to && !(*b.from < *b.to))
        errors.fail_at(e.prefix + ".to", e.node("to"),
                       "must be above " + e.prefix + ".from (" + number_text(*b.from) + "), got " + number_text(*b.to));
    if (b.kind == "inflow") b.series = e.get<hydro::TimeSeries>("discharge");
    if (b.kind == "stage") b.series = e.get<hydro::TimeSeries>("level");
    if (b.kind == "normal_depth") b.slope = e.get<double>("slope");
    if (b.kind == "rating" || b.kind == "rated_inflow")
        for (const std::vector<double>& row : e.get<NumberTable>("rating")) {
            b.rating_level_m.push_back(row.at(0));
            b.rating_discharge_m3_s.push_back(row.at(1));
        }
    if (b.kind == "rated_inflow") {
        b.level = e.get<hydro::TimeSeries>("level");
        b.series = rated_discharge(b, e.prefix);
    }
    return b;
}

SourceSection source(const CaseEntry& e, std::size_t index) {
    using S = SourceSection;
    SourceSection s;
    read_fields(e, s, Field{"kind", &S::kind}, Field{"x", &S::x}, Field{"y", &S::y}, Field{"radius", &S::radius_m},
                Field{"discharge", &S::discharge_m3_s}, Field{"extend", &S::extend});
    s.name = e.opt<std::string>("name").value_or("source " + std::to_string(index));
    return s;
}

void read_rain(const Entries& entries, const CaseErrors&, Case& c) {
    const CaseEntry& e = entries.front();
    c.rain.intensity_m_s = e.opt<hydro::TimeSeries>("intensity");
    c.rain.grid = e.opt<fs::path>("intensity");
    c.rain.extend = e.get<std::string>("extend");
    c.rain.loss_m_s = number_or_raster(e, "loss");
}

StationThresholds thresholds(const CaseEntry& e, const CaseErrors& errors) {
    using T = StationThresholds;
    StationThresholds t;
    read_fields(e, t, Field{"datum", &T::datum}, Field{"warning_stage", &T::warning_stage_m},
                Field{"guaranteed_stage", &T::guaranteed_stage_m}, Field{"historical_max", &T::historical_max_m},
                Field{"blue_margin", &T::blue_margin_m});
    if (const auto bad = threshold_order_error(t))
        errors.fail_at(e.prefix + "." + bad->key, e.node(bad->key), bad->message);
    return t;
}

// `earlier`: the gauges before this one, whose names it may not take.
GaugeSection gauge(const CaseEntry& e, const std::vector<GaugeSection>& earlier, const CaseErrors& errors) {
    using G = GaugeSection;
    GaugeSection g;
    g.name = e.get<std::string>("name");
    for (const GaugeSection& other : earlier)
        if (other.name == g.name)
            errors.fail_at(e.prefix + ".name", e.node("name"),
                           "'" + g.name + "' is already the name of " + other.key + "; gauge names must be unique");
    read_fields(e, g, Field{"x", &G::x}, Field{"y", &G::y}, Field{"datum_offset", &G::datum_offset_m});
    g.thresholds = thresholds(e, errors);
    return g;
}

void read_boundaries(const Entries& entries, const CaseErrors& errors, Case& c) {
    read_sections(entries, c.boundaries, [&](const CaseEntry& e, std::size_t i) { return boundary(e, i, errors); });
}

void read_sources(const Entries& entries, const CaseErrors&, Case& c) { read_sections(entries, c.sources, source); }

void read_gauges(const Entries& entries, const CaseErrors& errors, Case& c) {
    read_sections(entries, c.gauges, [&](const CaseEntry& e, std::size_t) { return gauge(e, c.gauges, errors); });
}

// A breach's or an inlet's opening: a start, or a stage at a gauge of the case.
OpeningSection opening(const CaseEntry& e, const Case& c, const CaseErrors& errors) {
    OpeningSection o;
    if (const auto start = e.opt<Instant>("start")) o.start_s = start->epoch_s - c.start.epoch_s;
    o.at_stage_m = e.opt<double>("at_stage");
    o.gauge = e.opt<std::string>("gauge").value_or("");
    o.coefficient = e.get<double>("coefficient");
    if (!o.start_s && !o.at_stage_m)
        errors.fail_at(e.prefix, e.node("name"), "needs `start` (a time) or `at_stage` with `gauge`");
    if (o.at_stage_m && o.gauge.empty())
        errors.fail_at(e.prefix + ".at_stage", e.node("at_stage"), "needs `gauge`: the station whose stage it is");
    if (!o.gauge.empty()) {
        if (!o.at_stage_m)
            errors.fail_at(e.prefix + ".gauge", e.node("gauge"), "needs `at_stage`: the stage at which it opens");
        bool known = false;
        for (const GaugeSection& g : c.gauges) known = known || g.name == o.gauge;
        if (!known)
            errors.fail_at(e.prefix + ".gauge", e.node("gauge"), "'" + o.gauge + "' is not the name of a [[gauge]]");
    }
    return o;
}

BreachSection breach(const CaseEntry& e, std::size_t index, const Case& c, const CaseErrors& errors) {
    using B = BreachSection;
    BreachSection b;
    read_fields(e, b, Field{"crest", &B::crest}, Field{"width", &B::width_m}, Field{"bottom", &B::bottom_m},
                Field{"crest_level", &B::crest_level_m}, Field{"initial_width", &B::initial_width_m},
                Field{"formation", &B::formation_s});
    b.name = e.opt<std::string>("name").value_or("breach " + std::to_string(index));
    if (b.initial_width_m > b.width_m)
        errors.fail_at(e.prefix + ".initial_width", e.node("initial_width"),
                       "must be at most width (" + number_text(b.width_m) + " m), got " + number_text(b.initial_width_m));
    if (b.crest_level_m && !(b.bottom_m < *b.crest_level_m))
        errors.fail_at(e.prefix + ".bottom", e.node("bottom"),
                       "must lie below crest_level (" + number_text(*b.crest_level_m) + " m), got " +
                           number_text(b.bottom_m));
    b.opening = opening(e, c, errors);
    return b;
}

DetentionSection detention(const CaseEntry& e, const Case& c, const CaseErrors& errors) {
    using D = DetentionSection;
    DetentionSection d;
    read_fields(e, d, Field{"name", &D::name}, Field{"area", &D::area}, Field{"inlet", &D::inlet},
                Field{"sill", &D::sill_m}, Field{"width", &D::width_m}, Field{"opening", &D::opening_s});
    d.opening = opening(e, c, errors);
    return d;
}

void read_breaches(const Entries& entries, const CaseErrors& errors, Case& c) {
    read_sections(entries, c.breaches, [&](const CaseEntry& e, std::size_t i) { return breach(e, i, c, errors); });
}

void read_detentions(const Entries& entries, const CaseErrors& errors, Case& c) {
    read_sections(entries, c.detentions, [&](const CaseEntry& e, std::size_t) { return detention(e, c, errors); });
}

void read_output(const Entries& entries, const CaseErrors&, Case& c) {
    using O = OutputSection;
    read_fields(entries.front(), c.output, Field{"map_interval", &O::map_interval_s},
                Field{"gauge_interval", &O::gauge_interval_s}, Field{"checkpoint_interval", &O::checkpoint_interval_s},
                Field{"checkpoint_keep", &O::checkpoint_keep}, Field{"maps", &O::maps}, Field{"map_note", &O::map_note}, Field{"rivers", &O::rivers});
}

// The 2D model's tables; the river network's are read by twin/case/network_tables.hpp.
using ReadTable = void (*)(const Entries&, const CaseErrors&, Case&);
constexpr std::pair<std::string_view, ReadTable> readers[] = {
    {"case", read_case},   {"grid", read_grid},           {"initial", read_initial},
    {"hydro", read_hydro}, {"boundary", read_boundaries}, {"source", read_sources},
    {"rain", read_rain},   {"gauge", read_gauges},        {"breach", read_breaches},
    {"detention", read_detentions}, {"output", read_output},
};

void read_table(std::string_view name, const Entries& entries, const CaseErrors& errors, Case& c) {
    for (const auto& [table, read] : readers)
        if (table == name) return read(entries, errors, c);
    if (!read_network_table(name, entries, c.network) && !read_fourpre_table(name, entries, errors, c) &&
        !read_ensemble_table(name, entries, errors, c) && !read_optimise_table(name, entries, errors, c))
        throw std::logic_error("the case table [" + std::string(name) + "] has no reader");
}

}  // namespace

Case load_case(const fs::path& file, const std::vector<std::string>& overrides, const std::string& plan) {
    CaseDocument doc(file);
    if (!plan.empty()) doc.apply_plan(plan);
    for (const std::string& o : overrides) doc.apply_override(o);
    doc.check_structure();

    EntryReader reader(doc);
    Case c;
    c.file = file;
    c.dir = doc.dir();
    for (const CaseTable& t : case_tables()) read_table(t.name, reader.read(t), doc.errors(), c);
    check_network_feeds(reader, c);
    check_series_cover(c, doc);
    return c;
}

}  // namespace floodtwin::twin
