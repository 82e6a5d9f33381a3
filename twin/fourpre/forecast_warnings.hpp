#pragma once
// The warnings of a forecast (预警): stations graded by their thresholds (stage in the
// station's datum, or return-period flow), and by their low-flow (drought) thresholds, areas by the largest depth on their land,
// reservoirs by their flood-limit, design and check flood levels; each with the
// threshold crossed, the peak and its time, the lead time from the issue time, and what
// it rests on. Written as warnings.json, warnings.csv and one CAP 1.2 file per warning.
#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "grids/polyline.hpp"
#include "twin/case/case.hpp"
#include "twin/fourpre/plan_outcome.hpp"

namespace floodtwin::twin {

struct Warning {
    std::string id;    // "station-Cuntan", unique in a forecast
    std::string kind;  // station | drought | area | reservoir
    std::string name;
    WarningLevel level = WarningLevel::none;
    std::string threshold_name, unit;  // "guaranteed stage", "m"
    double threshold = 0.0;
    double peak = 0.0, peak_epoch_s = 0.0;
    double first_epoch_s = 0.0;  // first reaching the level's threshold
    double lead_s = 0.0;         // first_epoch_s - issue time (negative: already above at the issue)
    std::string datum;           // stations: the datum of the stage and threshold
    std::string basis;           // "updated forecast", "raw forecast", "2D model", "network"
    std::string text;            // one sentence a bulletin can carry
    std::optional<std::array<double, 2>> lon_lat;  // a station's place (WGS 84)
    std::vector<grids::Polyline> rings_lon_lat;    // an area's polygons (WGS 84)
    std::optional<double> flooded_m2, people, assets;
    std::string assets_unit;
};

// Every warning of `p` (levels above none): stations (flood), stations (low flow,
// kind "drought"), areas, reservoirs.
// `crs_wkt`: the grid's CRS, for places in WGS 84.
[[nodiscard]] std::vector<Warning> forecast_warnings(const Case& c, const PlanOutcome& p, double issue_s,
                                                     int utc_offset_min, const std::string& crs_wkt);

[[nodiscard]] nlohmann::json warning_json(const Warning& w, int utc_offset_min);

// warnings.json, warnings.csv and cap/<id>.xml in `dir` (each written atomically).
// Returns the CAP files written.
std::vector<std::filesystem::path> write_warnings(const std::filesystem::path& dir, const Case& c,
                                                  const std::vector<Warning>& warnings, double issue_s,
                                                  int utc_offset_min, const std::string& plan);

// "blue", "yellow"...: how many of each level, for tables ("1 red, 2 orange").
[[nodiscard]] std::string warning_count_text(const std::vector<Warning>& warnings);

}  // namespace floodtwin::twin
