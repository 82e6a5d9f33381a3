#include "twin/ensemble/ensemble_reduce.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <stdexcept>

#include "grids/atomic_file.hpp"
#include "grids/netcdf_dataset.hpp"
#include "grids/netcdf_reader.hpp"
#include "grids/text_fields.hpp"
#include "twin/case/case_file.hpp"
#include "twin/case/time_text.hpp"
#include "twin/ensemble/ensemble_runner.hpp"
#include "twin/ensemble/member_folder.hpp"
#include "twin/fourpre/member_statistics.hpp"
#include "twin/fourpre/inundation.hpp"
#include "twin/fourpre/level_crossings.hpp"
#include "twin/warning/flood_classes.hpp"

namespace floodtwin::twin {

namespace {

namespace fs = std::filesystem;
constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr double inf = std::numeric_limits<double>::infinity();

nlohmann::json read_json(const fs::path& p) {
    std::ifstream in(p);
    return nlohmann::json::parse(in);
}

// How the members were run: their case file, overrides, plan and seed, which must agree.
struct MemberOrigin {
    std::string case_file, plan;
    std::vector<std::string> overrides;
    bool operator==(const MemberOrigin&) const = default;
};

MemberOrigin origin_of(const nlohmann::json& summary) {
    const nlohmann::json& m = summary.at("member");
    return {m.at("case_file").get<std::string>(), m.value("plan", ""),
            m.at("overrides").get<std::vector<std::string>>()};
}

// Maps of every member a stripe of rows at a time: P(max depth >= d), quantiles of the
// max depth and of the arrival time.
struct MapProducts {
    std::array<std::vector<double>, 4> probability;
    std::array<std::vector<double>, 3> depth_quantile, arrival_quantile;
    std::size_t stripe_rows = 0;
};

MapProducts reduce_maps(const fs::path& dir, const std::vector<int>& members, const grids::NcGrid& grid) {
    const std::size_t nx = grid.nx, ny = grid.ny, m = members.size(), cells = nx * ny;
    MapProducts out;
    for (auto& p : out.probability) p.assign(cells, nan);
    for (auto& q : out.depth_quantile) q.assign(cells, nan);
    for (auto& q : out.arrival_quantile) q.assign(cells, nan);
    // About two members' maps of each kind at once, whatever the ensemble's size, in
    // whole bands of the files' chunks (each then inflated once); at least one band.
    const std::size_t band = grids::k_static_chunk_rows;
    out.stripe_rows = std::clamp<std::size_t>(2 * ny / m / band * band, band, std::max(band, ny));
    std::vector<std::vector<double>> depth(m), arrival(m);
    std::vector<double> d(m), a(m);
    for (std::size_t j0 = 0; j0 < ny; j0 += out.stripe_rows) {
        const std::size_t rows = std::min(out.stripe_rows, ny - j0);
        for (std::size_t k = 0; k < m; ++k) {
            const fs::path nc = member_dir(dir, members[k]) / "results.nc";
            const grids::NetcdfReader reader(nc);
            if (reader.grid().nx != nx || reader.grid().ny != ny)
                throw std::runtime_error(nc.string() + ": its grid is " + std::to_string(reader.grid().nx) + " x " +
                                         std::to_string(reader.grid().ny) + ", member " + std::to_string(members[0]) +
                                         "'s " + std::to_string(nx) + " x " + std::to_string(ny));
            depth[k] = reader.read_static_rows("max_depth", j0, rows);
            arrival[k] = reader.read_static_rows("arrival_time", j0, rows);
        }
        for (std::size_t c = 0; c < rows * nx; ++c) {
            const std::size_t cell = j0 * nx + c;
            bool outside = false;
            for (std::size_t k = 0; k < m; ++k) {
                d[k] = depth[k][c];
                a[k] = std::isnan(arrival[k][c]) ? inf : arrival[k][c];  // never: after everything
                outside = outside || std::isnan(d[k]);
            }
            if (outside) continue;  // outside the domain (NaN in every member)
            for (std::size_t t = 0; t < 4; ++t) out.probability[t][cell] = fraction_at_or_above(d, ensemble_depths_m[t]);
            std::sort(d.begin(), d.end());
            std::sort(a.begin(), a.end());
            for (std::size_t q = 0; q < 3; ++q) {
                out.depth_quantile[q][cell] = sorted_quantile(d, ensemble_quantiles[q]);
                const double t = sorted_quantile(a, ensemble_quantiles[q]);
                out.arrival_quantile[q][cell] = std::isinf(t) ? nan : t;
            }
        }
    }
    return out;
}

double peak_rss_mib() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_maxrss) / 1024.0;  // kilobytes on Linux
}

std::vector<double> joined(const std::vector<std::vector<double>>& parts) {
    std::vector<double> all;
    for (const auto& p : parts) all.insert(all.end(), p.begin(), p.end());
    return all;
}

void write_netcdf(const EnsembleProducts& p, const MapProducts& maps, const std::string& command_line) {
    grids::NcDataset d;
    const EnsembleStations& st = p.stations;
    const std::size_t m = p.present.size(), s = st.stations.size(), t = st.epoch_s.size();
    d.grid = p.grid;
    d.dims = {{"realization", m}, {"threshold", 4}, {"quantile", 3}, {"level", 4}};
    if (s > 0) d.dims.insert(d.dims.end(), {{"station", s}, {"time", t}});
    const std::string since = "seconds since " + format_instant(p.start_epoch_s, p.utc_offset_min);
    std::vector<double> realization(p.present.begin(), p.present.end());
    d.arrays.push_back({"realization", {"realization"}, realization,
                        {{"standard_name", "realization"}, {"long_name", "ensemble member (its index k)"}}});
    d.arrays.push_back({"depth_threshold", {"threshold"}, {std::begin(ensemble_depths_m), std::end(ensemble_depths_m)},
                        {{"units", "m"}, {"long_name", "maximum depth reached"}}});
    d.arrays.push_back({"quantile", {"quantile"}, {std::begin(ensemble_quantiles), std::end(ensemble_quantiles)},
                        {{"units", "1"}, {"long_name", "probability of not exceeding (Hyndman-Fan 7)"}}});
    std::vector<std::vector<double>> parts(maps.probability.begin(), maps.probability.end());
    d.arrays.push_back({"probability_of_max_depth_at_or_above", {"threshold", "y", "x"}, joined(parts),
                        {{"units", "1"},
                         {"long_name", "fraction of members whose maximum depth reaches depth_threshold"},
                         {"coordinates", "depth_threshold"}}});
    parts.assign(maps.depth_quantile.begin(), maps.depth_quantile.end());
    d.arrays.push_back({"max_depth_quantile", {"quantile", "y", "x"}, joined(parts),
                        {{"units", "m"}, {"standard_name", "flood_water_thickness"},
                         {"long_name", "quantiles of the maximum depth over the members"}, {"cell_methods", "time: maximum"}}});
    parts.assign(maps.arrival_quantile.begin(), maps.arrival_quantile.end());
    d.arrays.push_back({"arrival_time_quantile", {"quantile", "y", "x"}, joined(parts),
                        {{"units", "s"},
                         {"long_name", "quantiles of the arrival time, " + since + " (NaN: the quantile member is never flooded)"}}});
    d.texts.push_back({"level_name", "level", {"blue", "yellow", "orange", "red"}, {{"long_name", "warning level"}}});
    std::vector<double> numbered(st.numbered.begin(), st.numbered.end());
    d.arrays.push_back({"numbered_flood", {"realization"}, numbered,
                        {{"units", "1"}, {"long_name", "1 where the member numbers a new flood (fourpre.numbering)"}}});
    d.arrays.push_back({"probability_of_numbered_flood", {}, {st.numbered_probability},
                        {{"units", "1"}, {"long_name", "fraction of members that number a new flood"}}});
    if (s > 0) {
        std::vector<std::string> names;
        std::vector<double> time, stage, quantile, mean, spread, max_stage, first, prob, earliest;
        for (const double e : st.epoch_s) time.push_back(e - p.start_epoch_s);
        for (std::size_t k = 0; k < m; ++k)
            for (const StationEnsemble& e : st.stations) {
                stage.insert(stage.end(), e.stage[k].begin(), e.stage[k].end());
                max_stage.push_back(e.max_stage[k]);
                for (const double f : e.first_crossing[k]) first.push_back(std::isnan(f) ? nan : f - p.start_epoch_s);
            }
        for (std::size_t q = 0; q < 3; ++q)
            for (const StationEnsemble& e : st.stations)
                for (const auto& at : e.quantiles) quantile.push_back(at[q]);
        for (const StationEnsemble& e : st.stations) {
            names.push_back(e.name);
            mean.insert(mean.end(), e.mean.begin(), e.mean.end());
            spread.insert(spread.end(), e.spread.begin(), e.spread.end());
            prob.insert(prob.end(), e.probability.begin(), e.probability.end());
            for (const double f : e.earliest) earliest.push_back(std::isnan(f) ? nan : f - p.start_epoch_s);
        }
        d.texts.push_back({"station_name", "station", names, {{"cf_role", "timeseries_id"}, {"long_name", "station"}}});
        d.arrays.push_back({"time", {"time"}, time, {{"standard_name", "time"}, {"units", since}, {"calendar", "standard"}}});
        const grids::NcAttributes stage_attrs = {{"units", "m"}, {"long_name", "stage in the station's datum"}};
        d.arrays.push_back({"stage", {"realization", "station", "time"}, stage, stage_attrs});
        d.arrays.push_back({"stage_quantile", {"quantile", "station", "time"}, quantile,
                            {{"units", "m"}, {"long_name", "quantiles of the stage over the members (station datum)"}}});
        d.arrays.push_back({"stage_mean", {"station", "time"}, mean, {{"units", "m"}, {"long_name", "ensemble mean stage"}}});
        d.arrays.push_back({"stage_spread", {"station", "time"}, spread,
                            {{"units", "m"}, {"long_name", "standard deviation of the stage over the members"}}});
        d.arrays.push_back({"max_stage", {"realization", "station"}, max_stage,
                            {{"units", "m"}, {"long_name", "highest stage of the member (station datum)"}}});
        d.arrays.push_back({"first_crossing_time", {"realization", "station", "level"}, first,
                            {{"units", since}, {"long_name", "when the member first reaches the level (NaN: never)"}}});
        d.arrays.push_back({"probability_of_warning_level", {"station", "level"}, prob,
                            {{"units", "1"}, {"long_name", "fraction of members reaching the level (stage or return-period flow)"}}});
        d.arrays.push_back({"earliest_crossing_time", {"station", "level"}, earliest,
                            {{"units", since}, {"long_name", "earliest first crossing of the level over the members (NaN: none)"}}});
    }
    std::string missing;
    for (const int k : p.missing) missing += (missing.empty() ? "" : " ") + std::to_string(k);
    d.globals = {{"title", "floodtwin ensemble of case '" + p.c.name + "'"},
                 {"source", "floodtwin ensemble-reduce"},
                 {"members_expected", std::to_string(p.expected)},
                 {"members_present", std::to_string(p.present.size())},
                 {"members_missing", missing},
                 {"seed", grids::number_text(p.c.ensemble.seed)},
                 {"history", command_line}};
    write_netcdf_dataset(p.nc, d);
}

nlohmann::json products_json(const EnsembleProducts& p, double issue_s) {
    const auto iso = [&](double e) { return std::isnan(e) ? nlohmann::json() : nlohmann::json(format_instant(e, p.utc_offset_min)); };
    nlohmann::json stations = nlohmann::json::array();
    for (const StationEnsemble& e : p.stations.stations) {
        nlohmann::json prob, earliest;
        for (std::size_t l = 0; l < 4; ++l) {
            prob[to_string(ensemble_levels[l])] = e.probability[l];
            earliest[to_string(ensemble_levels[l])] = iso(e.earliest[l]);
        }
        std::vector<double> peaks;
        for (const double v : e.max_stage)
            if (!std::isnan(v)) peaks.push_back(v);
        std::sort(peaks.begin(), peaks.end());
        nlohmann::json peak = nlohmann::json::object();
        if (!peaks.empty())
            for (const double q : ensemble_quantiles) peak[grids::number_text(q)] = sorted_quantile(peaks, q);
        stations.push_back({{"name", e.name}, {"datum", e.datum}, {"probability", prob}, {"earliest_crossing", earliest},
                            {"peak_stage_quantiles_m", peak},
                            {"text", probabilistic_warning_text(e, issue_s, p.utc_offset_min)}});
    }
    nlohmann::json area;
    for (std::size_t t = 0; t < 4; ++t) area[grids::number_text(ensemble_depths_m[t])] = p.land_area_likely_m2[t];
    nlohmann::json maps = nlohmann::json::object();
    for (const auto& [k, v] : p.maps) maps[k] = v.filename().string();
    return {{"case", p.c.name},
            {"start", format_instant(p.start_epoch_s, p.utc_offset_min)},
            {"members_expected", p.expected},
            {"members_present", p.present},
            {"members_missing", p.missing},
            {"seed", p.c.ensemble.seed},
            {"stations", stations},
            {"numbered_flood_probability", p.stations.numbered_probability},
            {"land_m2_with_even_chance_of_depth", area},
            {"maps", maps},
            {"skipped", p.skipped},
            {"reduce", {{"stripe_rows", p.stripe_rows}, {"member_maps_held", p.member_maps_held},
                        {"peak_rss_mib", p.peak_rss_mib}, {"wall_s", p.wall_s}}}};
}

void draw_probability_maps(const EnsembleReduceOptions& o, EnsembleProducts& p) {
    if (!o.draw_map) {
        p.skipped.push_back("probability maps: this build draws none (no VTK)");
        return;
    }
    fs::create_directories(o.dir / "maps");
    for (std::size_t t = 0; t < 4; ++t) {
        ClassMapRequest m;
        m.kind = "probability";
        m.results_nc = member_dir(o.dir, p.present.front()) / "results.nc";
        const std::vector<double>& prob = p.depth_probability[t];
        m.classes.resize(prob.size());
        for (std::size_t c = 0; c < prob.size(); ++c)
            m.classes[c] = std::isnan(prob[c])                             ? -1
                           : !p.normal_river.empty() && p.normal_river[c] ? class_normal_river
                                                                          : probability_class(prob[c]);
        const std::string depth = grids::number_text(ensemble_depths_m[t]);
        m.legend_title = "Chance of " + depth + " m or more";
        m.title = "Chance the flood reaches " + depth + " m: " + p.c.name;
        m.subtitle = std::to_string(p.present.size()) + " members from " + format_instant(p.start_epoch_s, p.utc_offset_min) +
                     "; the normal river shown as river";
        m.rivers = p.c.output.rivers;
        m.note = p.c.output.map_note;
        m.png = o.dir / "maps" / ("probability-depth-" + depth + "m.png");
        try {
            o.draw_map(m);
            p.maps[depth] = m.png;
        } catch (const std::exception& e) {
            p.skipped.push_back(m.png.filename().string() + ": " + e.what());
        }
    }
}

}  // namespace

EnsembleProducts reduce_ensemble(const EnsembleReduceOptions& o) {
    const auto wall0 = std::chrono::steady_clock::now();
    if (!fs::is_directory(o.dir / "members"))
        throw std::runtime_error(o.dir.string() + ": no members/ folder: not an ensemble's output folder");
    // The members there, and how they were run.
    std::vector<int> found;
    for (const auto& e : fs::directory_iterator(o.dir / "members")) {
        const std::string name = e.path().filename().string();
        if (!e.is_directory() || name.size() != 4 || name.find_first_not_of("0123456789") != std::string::npos) continue;
        if (member_complete(o.dir, std::stoi(name))) found.push_back(std::stoi(name));
    }
    std::sort(found.begin(), found.end());
    if (found.empty())
        throw std::runtime_error(o.dir.string() + "/members holds no complete member: nothing to reduce");
    const nlohmann::json first = read_json(member_dir(o.dir, found.front()) / "summary.json");
    const MemberOrigin origin = origin_of(first);
    EnsembleProducts p;
    p.c = load_case(origin.case_file, origin.overrides, origin.plan);
    p.expected = o.members.value_or(static_cast<int>(p.c.ensemble.members));
    for (const int k : found) {
        if (k >= p.expected) continue;  // beyond the members meant: not this ensemble's
        const nlohmann::json s = read_json(member_dir(o.dir, k) / "summary.json");
        if (!(origin_of(s) == origin) || s["member"].value("seed", 0.0) != first["member"].value("seed", 0.0))
            throw std::runtime_error("member " + std::to_string(k) + " in " + o.dir.string() +
                                     " was run from another case, overrides or seed than member " +
                                     std::to_string(found.front()) + ": one ensemble per folder");
        p.present.push_back(k);
    }
    for (int k = 0; k < p.expected; ++k)
        if (!std::binary_search(p.present.begin(), p.present.end(), k)) p.missing.push_back(k);
    if (p.present.empty())
        throw std::runtime_error(o.dir.string() + ": no complete member among the " + std::to_string(p.expected) + " meant");
    p.start_epoch_s = p.c.start.epoch_s;
    p.utc_offset_min = p.c.start.utc_offset_min;
    if (!o.quiet && !p.missing.empty()) {
        std::string list;
        for (const int k : p.missing) list += (list.empty() ? "" : ", ") + std::to_string(k);
        std::fprintf(stderr, "floodtwin ensemble-reduce: %zu of %d members missing or incomplete (%s): the products are of %zu\n",
                     p.missing.size(), p.expected, list.c_str(), p.present.size());
    }

    const fs::path first_nc = member_dir(o.dir, p.present.front()) / "results.nc";
    p.grid = grids::NetcdfReader(first_nc).grid();
    const MapProducts maps = reduce_maps(o.dir, p.present, p.grid);
    p.stripe_rows = maps.stripe_rows;
    p.member_maps_held = static_cast<double>(std::min(maps.stripe_rows, p.grid.ny) * p.present.size()) /
                         static_cast<double>(p.grid.ny);
    p.depth_probability = maps.probability;
    p.normal_river = normal_river_cells(p.c, first_nc);
    for (std::size_t t = 0; t < 4; ++t)
        for (std::size_t c = 0; c < maps.probability[t].size(); ++c)
            if (maps.probability[t][c] >= 0.5 && (p.normal_river.empty() || !p.normal_river[c]))
                p.land_area_likely_m2[t] += p.grid.dx_m * p.grid.dy_m;

    StationAccumulator stations(p.c, p.start_epoch_s, p.c.duration_s, p.c.ensemble.station_step_s, o.updates, o.issue_s);
    for (const int k : p.present) stations.add(read_run_record(member_dir(o.dir, k)));
    p.stations = stations.finish();

    p.nc = o.dir / "ensemble.nc";
    write_netcdf(p, maps, o.command_line);
    // The reduce's own cost, before any map is drawn (VTK and Mesa hold far more).
    p.peak_rss_mib = peak_rss_mib();
    p.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
    draw_probability_maps(o, p);
    p.json = o.dir / "ensemble.json";
    grids::write_text_atomic(p.json, products_json(p, o.issue_s > 0.0 ? o.issue_s : p.start_epoch_s).dump(2) + "\n");
    return p;
}

EnsembleForecast forecast_of(const EnsembleProducts& p) {
    EnsembleForecast f;
    f.expected = p.expected;
    f.present = p.present;
    f.missing = p.missing;
    f.stations = p.stations;
    f.maps = p.maps;
    f.land_area_likely_m2 = p.land_area_likely_m2;
    f.nc = p.nc;
    f.dir = p.nc.parent_path();
    return f;
}

}  // namespace floodtwin::twin
