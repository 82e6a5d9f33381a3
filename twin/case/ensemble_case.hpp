#pragma once
// The ensemble part of a case ([ensemble]; docs/case-file.md): how the members of an
// ensemble forecast differ from the case as written (twin/ensemble/member_inputs.hpp
// draws each member's inputs from it). As in twin/case/case.hpp, every field is
// value-initialised and load_case fills it from the file or its key's default
// (twin/case/ensemble_keys.cpp).
#include <optional>
#include <string>
#include <vector>

namespace floodtwin::twin {

struct EnsembleSettings {
    double members = 0.0;  // how many (`floodtwin ensemble --members` overrides)
    double seed = 0.0;     // member k's inputs depend on (seed, k) alone
    std::optional<double> issue_epoch_s;  // errors grow from here; unset: case.start
    // Multiplicative log-normal errors of the forecast inflows: log-standard deviation
    // at 24 h lead, growing linearly with lead time up to the cap; AR(1) in time.
    double inflow_error = 0.0, inflow_error_max = 0.0;
    double inflow_correlation_time_s = 0.0;
    std::vector<std::string> inflows;                  // the rows of inflow_correlation, by name
    std::vector<std::vector<double>> inflow_correlation;  // between those inflows' errors
    double rain_error = 0.0;    // log-standard deviation of one rain factor per member
    double rain_shift_m = 0.0;  // rain grids displaced by up to this (whole cells), any direction
    std::vector<double> manning_factor;  // [lo, hi]: Manning's n times a factor drawn uniformly
    double rule_error = 0.0;    // log-standard deviation of the reservoir rules' flows
    double station_step_s = 0.0;  // spacing of the station series in ensemble.nc
};

}  // namespace floodtwin::twin
