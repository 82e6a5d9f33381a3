#pragma once
// What one plan's forecast run comes to, station by station, reservoir by reservoir and
// area by area: the numbers the warnings, the rehearsal comparison and the ranking use.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "twin/case/case.hpp"
#include "twin/fourpre/inundation.hpp"
#include "twin/fourpre/level_crossings.hpp"
#include "twin/fourpre/run_record.hpp"
#include "twin/fourpre/station_updating.hpp"

namespace floodtwin::twin {

// A station the forecast is made for: a [[gauge]] of the 2D model, or a station or
// outlet node of the network (stage through its rating, and its flow).
struct ForecastStation {
    std::string name, datum, key;
    bool gauge = false;                // a [[gauge]]: stage from gauges.csv; else a node
    std::string stage_column, flow_column;  // in the run's hydrographs.csv ("" for a gauge's stage; "" no flow)
    StationThresholds stage;
    DischargeThresholds flow;
    std::vector<double> low_flow_m3_s, low_stage_m;  // drought thresholds, blue to red, decreasing
    std::string low_source;
    std::optional<double> x, y;        // a gauge's position (grid CRS)
};

// The gauges and the station and outlet nodes of `c`; a node whose thresholds are out of
// order is refused naming its key.
[[nodiscard]] std::vector<ForecastStation> forecast_stations(const Case& c);

// A node's stage column as the run named it, with its datum ("Zhutuo_stage_m_Wusong").
void resolve_stage_columns(std::vector<ForecastStation>& stations, const RunRecord& run);

struct StationOutcome {
    const ForecastStation* station = nullptr;
    SeriesRecord stage, flow;             // raw model, from the issue time
    std::optional<SeriesRecord> updated;  // stage corrected by the station's error model
    Peak stage_peak{}, updated_peak{};
    std::optional<Peak> flow_peak;
    std::vector<LevelCrossing> crossings;  // of the basis: the updated stage where there is one
    std::vector<LevelCrossing> flow_crossings;
    std::string basis;                     // "updated forecast" | "raw forecast"
    WarningLevel level = WarningLevel::none;  // the highest of both crossings
    // Drought: the crossings below the low thresholds (stage of the basis, or flow), the
    // lowest value and the grade.
    std::vector<LevelCrossing> low_stage_crossings, low_flow_crossings;
    std::optional<Peak> stage_trough, flow_trough;
    WarningLevel drought = WarningLevel::none;
};

struct ReservoirOutcome {
    std::string name;
    SeriesRecord level, release, inflow;
    double max_level_m = 0.0, max_level_epoch_s = 0.0;
    double flood_limit_m = 0.0, design_m = 0.0, check_m = 0.0;  // at the issue date
    double storage_left_m3 = 0.0;  // at the end, above the dead level (water for supply and power)
    double energy_mwh = 0.0, hours_at_capacity = 0.0, peak_release_m3_s = 0.0;
    std::vector<std::string> rate_breaches;  // releases changed faster than a rate_limit allows
    WarningLevel warning = WarningLevel::none;  // above the flood limit yellow, design orange, check red
    std::optional<double> first_above_epoch_s;  // when it first goes above that limit
    double limit_m = 0.0;                       // that limit
};

struct PlanOutcome {
    std::string plan, reason;
    std::filesystem::path dir;
    std::vector<StationOutcome> stations;
    std::vector<ReservoirOutcome> reservoirs;
    Inundation flood;
    std::vector<AreaImpact> areas;
    double protected_flooded_m2 = 0.0;
    double storage_left_m3 = 0.0, energy_mwh = 0.0, minimum_flow_hours = 0.0;
    double supply_short_m3 = 0.0;     // all [[demand]]s, over the horizon
    double minimum_hours_below = 0.0;  // downstream minimums (navigation, supply, ecology)
    std::vector<std::string> hard_breaches;  // why the plan breaks a hard limit; empty: none
    double mass_error = 0.0;
};

// The error model of each station with observed stages ([[observed]] quantity "stage"),
// fitted to `analysis` (the run up to the issue time); by station name. A station whose
// observations cannot carry a fit (too few, none near the issue time) keeps its raw
// forecast: why goes to `not_updated`.
[[nodiscard]] std::map<std::string, ErrorModel> fit_station_updates(const Case& c,
                                                                    const std::vector<ForecastStation>& stations,
                                                                    const RunRecord& analysis, double issue_s,
                                                                    std::vector<std::string>& not_updated);

// Areas' masks on the results' grid, in case order.
[[nodiscard]] std::vector<std::vector<unsigned char>> area_masks(const Case& c, const grids::NcGrid& grid);

[[nodiscard]] PlanOutcome plan_outcome(const Case& c, const std::vector<ForecastStation>& stations,
                                       const std::map<std::string, ErrorModel>& updates, const RunRecord& run,
                                       Inundation flood, const std::vector<std::vector<unsigned char>>& masks,
                                       double issue_s);

// The flood-limit level of `r` on the local date of `epoch_s`.
[[nodiscard]] double flood_limit_on(const ReservoirSection& r, double epoch_s, int utc_offset_min);

}  // namespace floodtwin::twin
