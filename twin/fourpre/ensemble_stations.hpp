#pragma once
// The stations of an ensemble: each member's stage hydrograph on one time axis, the
// warning level it reaches (by stage or by return-period flow, the higher, as the
// deterministic forecast grades it) and when it first reaches each level; then over the
// members the chance of each level, the earliest crossing, the 10/50/90 % quantiles,
// mean and spread of the stage in time, and the chance of a numbered flood. Members are
// added one at a time, in member order.
#include <array>
#include <map>
#include <string>
#include <vector>

#include "twin/case/case.hpp"
#include "twin/fourpre/plan_outcome.hpp"
#include "twin/fourpre/run_record.hpp"
#include "twin/fourpre/station_updating.hpp"

namespace floodtwin::twin {

inline constexpr double ensemble_quantiles[] = {0.1, 0.5, 0.9};
// Blue, yellow, orange, red: the levels an ensemble gives chances of.
inline constexpr WarningLevel ensemble_levels[] = {WarningLevel::blue, WarningLevel::yellow, WarningLevel::orange,
                                                   WarningLevel::red};

struct StationEnsemble {
    std::string name, datum;
    bool has_stage = false;
    std::vector<std::vector<double>> stage;             // [member][time], station datum
    std::vector<double> max_stage;                      // per member
    std::vector<std::array<double, 4>> first_crossing;  // [member][level], epoch s; NaN: never
    std::array<double, 4> probability{};                // of reaching each level
    std::array<double, 4> earliest{};                   // over the members, epoch s; NaN: none reach it
    std::vector<std::array<double, 3>> quantiles;       // per time: ensemble_quantiles
    std::vector<double> mean, spread;                   // per time
};

struct EnsembleStations {
    std::vector<double> epoch_s;  // the time axis
    std::vector<StationEnsemble> stations;
    std::vector<int> numbered;    // per member: 1 if it numbers a new flood (fourpre.numbering)
    double numbered_probability = 0.0;
};

class StationAccumulator {
public:
    // `updates`: station error models (a four pre- forecast's) applied to every member
    // from `issue_s`; empty: the members' raw stages.
    StationAccumulator(const Case& c, double start_epoch_s, double duration_s, double step_s,
                       std::map<std::string, ErrorModel> updates = {}, double issue_s = 0.0);
    void add(const RunRecord& member);
    // The statistics over the members added; throws std::logic_error without any.
    [[nodiscard]] EnsembleStations finish();

private:
    const Case& m_c;
    std::vector<ForecastStation> m_stations;
    bool m_resolved = false;
    std::map<std::string, ErrorModel> m_updates;
    double m_issue_s;
    EnsembleStations m_out;
};

}  // namespace floodtwin::twin
