#pragma once
// `floodtwin ensemble-reduce DIR`: the members found in DIR/members combined into
// ensemble.nc (CF; a `realization` dimension where per-member data is kept) and
// ensemble.json, with the probability maps drawn when a drawer is given. Members that
// are missing or incomplete are named and left out: the products say of how many
// members they are. Streamed: the maps are read a stripe of rows at a time from every
// member, so the reduce holds about two members' maps of each kind whatever the
// ensemble's size; stations are added member by member.
#include <array>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "grids/netcdf_writer.hpp"
#include "twin/case/case.hpp"
#include "twin/fourpre/ensemble_forecast.hpp"
#include "twin/fourpre/ensemble_stations.hpp"
#include "twin/fourpre/fourpre_workflow.hpp"  // ClassMapDrawer

namespace floodtwin::twin {

struct EnsembleReduceOptions {
    std::filesystem::path dir;
    std::optional<int> members;  // how many were meant; default: the members' ensemble.members
    ClassMapDrawer draw_map;     // empty: no PNG maps
    std::map<std::string, ErrorModel> updates;  // a four pre- forecast's station updating
    double issue_s = 0.0;                        // its issue time
    std::string command_line;
    bool quiet = false;
};

struct EnsembleProducts {
    Case c;  // as the members ran it (their case file and overrides), without any member's draws
    int expected = 0;
    std::vector<int> present, missing;
    int utc_offset_min = 0;
    double start_epoch_s = 0.0;
    EnsembleStations stations;
    grids::NcGrid grid;
    std::array<std::vector<double>, 4> depth_probability;  // per ensemble_depths_m, cells (j = 0 south)
    std::vector<unsigned char> normal_river;
    std::array<double, 4> land_area_likely_m2{};  // land where the chance of each depth is >= 50 %
    std::filesystem::path nc, json;
    std::map<std::string, std::filesystem::path> maps;  // "0.5" -> maps/probability-depth-0.5m.png
    std::vector<std::string> skipped;
    std::size_t stripe_rows = 0;
    double member_maps_held = 0.0;  // members' maps (of one kind) held at once
    double peak_rss_mib = 0.0, wall_s = 0.0;
};

// Throws std::runtime_error when no member is complete or the members disagree (other
// case files, overrides or seeds), naming the member.
EnsembleProducts reduce_ensemble(const EnsembleReduceOptions& options);

// What the four pre- report takes of the products.
[[nodiscard]] EnsembleForecast forecast_of(const EnsembleProducts& p);

}  // namespace floodtwin::twin
