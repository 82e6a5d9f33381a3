#pragma once
// The Chongqing stations at their real positions (docs/chongqing-facts.md: WGS 84, to
// about 1 km), with their thresholds, datum and 2020 peak, and snapped onto the real
// river they gauge: a station of a 2D model must sit in its channel, and a position
// good to a kilometre can fall on a bank or a terrace.
#include <optional>
#include <string>
#include <vector>

#include "grids/raster.hpp"
#include "twin/terrain/real_rivers.hpp"

namespace floodtwin::twin {

struct StationFacts {
    std::string name;
    std::string river;                 // a RealRiver's name
    double lat = 0.0, lon = 0.0;       // WGS 84
    std::string datum;                 // "Wusong", "Huanghai", or what the facts say
    double wusong_minus_datum = 0.0;   // add to a level on the station's datum for Wusong
    std::optional<double> warning_stage, guaranteed_stage;  // station datum
    std::optional<double> peak_2020;   // August 2020 peak, station datum
    std::string note;                  // what is approximate
};

// The stations of the facts file's table (Wulong too: no region reaches it).
[[nodiscard]] const std::vector<StationFacts>& chongqing_stations();
[[nodiscard]] const StationFacts& chongqing_station(const std::string& name);  // throws naming the known ones

// The station's position in EPSG:32648.
[[nodiscard]] grids::LinePoint station_position(const StationFacts& station);

struct SnappedStation {
    const StationFacts* facts = nullptr;
    grids::LinePoint position;   // from the facts, EPSG:32648
    grids::LinePoint on_line;    // the nearest point of its river's centre line
    double chainage_m = 0.0;     // of on_line along the river
    grids::LinePoint cell;       // centre of the DEM cell holding on_line: where the gauge goes
    double snap_m = 0.0;         // from `position` to `cell`
};

// Every station whose river point falls inside `dem`, in table order. Throws
// std::invalid_argument when a station's river is not among `rivers`.
[[nodiscard]] std::vector<SnappedStation> snap_stations(const std::vector<RealRiver>& rivers,
                                                        const grids::Raster<double>& dem);

}  // namespace floodtwin::twin
